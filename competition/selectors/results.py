"""The ceremony's results (SPEC section 5, Results): every board and every group, with totals.

The boards are the leaderboards (stats.leaderboards), longer: the same rules, the same order and
the same freeze. The freeze applies to everybody here, staff too, so that the sheet printed for
the ceremony is what the frozen boards showed; unfreezing gives the final standings.
"""

import sys

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from competition.models import EventSettings
from competition.payloads import iso
from competition.selectors.common import finished_laps
from competition.selectors.stats import leaderboards

# Each board's number, as stats.leaderboards names it; the order is the order of the results.
BOARDS = {
    "fastest_lap": "best",
    "most_laps": "laps",
    "most_points": "points",
    "first_year": "points",
    "night_rain": "points",
}
EVERYONE = sys.maxsize  # a board "size" that keeps every runner it ranks


def ranked(rows: list[dict], value: str) -> list[dict]:
    """Rows (already in board order) with their place: equal numbers share it (1, 2, 2, 4)."""
    out, place, previous = [], 0, object()
    for index, row in enumerate(rows, start=1):
        if row[value] != previous:
            place, previous = index, row[value]
        out.append({"rank": place, **row})
    return out


def results(cfg: EventSettings, *, top: int | None = None) -> dict:
    """The standings of every board (the first `top` places, or all) and every group, and the totals.

    Three queries for the boards (stats.leaderboards) and one for the totals of every group.
    """
    frozen = cfg.leaderboard_frozen_at
    # A viewer of None is not staff: the boards stop at the freeze, as they do for the public.
    boards = leaderboards(cfg, None, size=top or EVERYONE)
    laps = finished_laps()
    if frozen is not None:
        laps = laps.filter(end__lte=frozen)
    # One row per group (None: runners without a group, and laps nobody was assigned to yet).
    per_group = {
        row["runner__group"]: row
        for row in laps.order_by()
        .values("runner__group")
        .annotate(
            laps=Count("id", filter=Q(runner__isnull=False)),
            all_laps=Count("id"),
            runners=Count("runner", distinct=True),
            points=Coalesce(Sum("points", filter=Q(runner__isnull=False)), 0),
        )
    }
    groups = [
        {
            **group,
            "laps": per_group.get(group["id"], {}).get("laps", 0),
            "runners": per_group.get(group["id"], {}).get("runners", 0),
        }
        for group in boards["groups"]
    ]
    return {
        "title": cfg.title,
        "time_zone": cfg.time_zone,
        "race_start": iso(cfg.race_start),
        "race_end": iso(cfg.race_end),
        "published": cfg.results_published,
        "frozen_at": iso(frozen),
        "generated_at": iso(timezone.now()),
        "top": top,
        "totals": {
            "laps": sum(row["all_laps"] for row in per_group.values()),
            "runners": sum(row["runners"] for row in per_group.values()),
            "points": sum(row["points"] for row in per_group.values()),
            "groups": len(groups),
        },
        "boards": {name: ranked(boards[name], value) for name, value in BOARDS.items()},
        "groups": ranked(groups, "points"),
    }
