"""The Statistics page, the control page's running lap and the queue: snapshots built once per change."""

import heapq
import logging
import threading
from zoneinfo import ZoneInfo

from django.db.models import Count, Min, Q, QuerySet, Sum, Window
from django.db.models.functions import Coalesce, ExtractHour
from django.utils import timezone

from competition import events
from competition.models import EventSettings, Group, Lap, Runner
from competition.payloads import group_ref, iso, lap_payload, runner_public, seconds, ticket_payload
from competition.scoring import with_points
from competition.selectors.common import (
    AVERAGE_OVER_LAPS,
    current_lap,
    finished_laps,
    frozen_at,
    is_staff,
    laps_with_points,
    queue_list,
    settings_public,
    typical_lap,
    waiting_tickets,
)

CHART_LAPS = 100


def _scored_laps(cfg: EventSettings, viewer) -> QuerySet[Lap]:
    laps = finished_laps().filter(runner__isnull=False)
    frozen = frozen_at(viewer, cfg)
    if frozen is not None:
        laps = laps.filter(end__lte=frozen)
    return with_points(laps)


def leaderboards(cfg: EventSettings, viewer, *, size: int | None = None) -> dict:
    """The jerseys of SPEC section 4, with the rules documented in the README.

    One pass over the laps gives every runner's best lap, lap count and points (all, and at night
    or in the rain); the boards are the top rows of that, so the points expression runs once.
    A suspect lap (forced, or shorter than plausible, and not confirmed by staff) is no best lap.
    `size` rows per board (default the setting's); the results (selectors/results.py) ask for more.
    """
    size = cfg.leaderboard_size if size is None else size
    laps = _scored_laps(cfg, viewer).annotate(end_hour=ExtractHour("end", tzinfo=ZoneInfo(cfg.time_zone)))
    rows = list(
        laps.values("runner")
        .annotate(
            best=Min("duration_value", filter=~Lap.suspect_condition(cfg.plausible_lap_time)),
            laps=Count("id"),
            points=Coalesce(Sum("points_value"), 0),
            night_rain=Coalesce(Sum("points_value", filter=Q(raining=True) | _hour_window(cfg)), 0),
        )
        .values("runner", "runner__first_year", "runner__group", "best", "laps", "points", "night_rain")
    )
    top = {
        "fastest_lap": heapq.nsmallest(
            size, (r for r in rows if r["best"] is not None), key=lambda r: (r["best"], r["runner"])
        ),
        "most_laps": heapq.nsmallest(size, rows, key=lambda r: (-r["laps"], r["runner"])),
        "most_points": heapq.nsmallest(size, rows, key=lambda r: (-r["points"], r["runner"])),
        "first_year": heapq.nsmallest(
            size, (r for r in rows if r["runner__first_year"]), key=lambda r: (-r["points"], r["runner"])
        ),
        "night_rain": heapq.nsmallest(
            size, (r for r in rows if r["night_rain"]), key=lambda r: (-r["night_rain"], r["runner"])
        ),
    }
    everyone = Runner.objects.select_related("group").in_bulk({r["runner"] for board in top.values() for r in board})
    shown = {
        "fastest_lap": "best",
        "most_laps": "laps",
        "most_points": "points",
        "first_year": "points",
        "night_rain": "points",
    }
    boards = {}
    for name, board in top.items():
        key, source = shown[name], ("night_rain" if name == "night_rain" else shown[name])
        boards[name] = [
            {"runner": runner_public(everyone[r["runner"]]), key: seconds(r[source]) if key == "best" else r[source]}
            for r in board
        ]
    group_points: dict[int, int] = {}
    for r in rows:
        if r["runner__group"] is not None:
            group_points[r["runner__group"]] = group_points.get(r["runner__group"], 0) + r["points"]
    groups = [{**group_ref(g), "points": group_points.get(g.pk, 0)} for g in Group.objects.all()]
    boards["groups"] = sorted(groups, key=lambda g: (-g["points"], g["name"]))
    return boards


class PerChange:
    """A value computed once per change of the race, for every reader of this process.

    Every change of what the pages show publishes an event, so the seq (with the newest lap's id,
    for laps written behind the app's back) names the data. The lock makes the crowd that arrives
    after a lap wait for one computation instead of each running its own.
    """

    def __init__(self, size: int = 8):
        self.size = size
        self.values: dict[tuple, object] = {}
        self.lock = threading.Lock()

    def get(self, key: tuple, compute):
        with self.lock:
            if key not in self.values:
                if len(self.values) >= self.size:
                    self.values.clear()
                self.values[key] = compute()
            return self.values[key]

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


_stats = PerChange()
_queue = PerChange()


def clear_caches() -> None:
    for cache in (_stats, _queue):
        cache.clear()


def race_version() -> tuple[int, int | None]:
    """The seq of the newest event and the newest lap's id (read from the primary key index)."""
    return events.current_seq(), Lap.objects.order_by("-id").values_list("id", flat=True).first()


def _hour_window(cfg: EventSettings) -> Q:
    """Laps finished in the night hours, in the event's time zone (a window may cross midnight)."""
    start, end = cfg.night_start_hour, cfg.night_end_hour
    if start <= end:
        return Q(end_hour__gte=start, end_hour__lt=end)
    return Q(end_hour__gte=start) | Q(end_hour__lt=end)


def stats_snapshot(viewer) -> dict:
    """Everything the Statistics page shows, with the seq it is valid from.

    Built once per change of the race (and kind of viewer) for every spectator of this process:
    between two events only the server time moves.
    """
    # The seq is read first: an event committed while we read is then replayed on top of data
    # that may already contain it, which clients apply idempotently; never the other way round.
    version = race_version()
    body = _stats.get((*version, is_staff(viewer)), lambda: _stats_body(viewer, version))
    return {**body, "server_time": iso(timezone.now())}


def warm_up() -> None:
    """Build the public statistics once before the worker serves (it24u/asgi.py): after a restart,
    the first spectators and the organiser's first press do not wait for that computation."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    try:
        stats_snapshot(AnonymousUser())
    except Exception:  # no database yet (a first start before `migrate`): the first reader builds them
        logging.getLogger(__name__).warning("could not build the statistics before serving", exc_info=True)
    finally:
        connection.close()


# The control page lists five; after an undo it still has four until the next snapshot refills it.
LAST_LAPS = 5


def _stats_body(viewer, version: tuple) -> dict:
    cfg = EventSettings.load()
    running = current_lap()
    # The window count is taken before the LIMIT: the queue's length comes with its first three.
    queue = list(waiting_tickets().annotate(waiting=Window(Count("id")))[:3])
    recent = list(laps_with_points().filter(end__isnull=False).order_by("-end")[:CHART_LAPS])
    return {
        "seq": version[0],
        "settings": settings_public(cfg),
        "current": lap_payload(running) if running else None,
        "queue": [ticket_payload(t, i) for i, t in enumerate(queue)],
        "queue_length": queue[0].waiting if queue else 0,
        "last_laps": [
            lap_payload(lap, frozen_at=frozen_at(viewer, cfg), plausible=cfg.plausible_lap_time)
            for lap in recent[:LAST_LAPS]
        ],
        "total_laps": finished_laps().count(),
        "average_lap": seconds(typical_lap([lap.duration for lap in recent[:AVERAGE_OVER_LAPS]])),
        "leaderboards": leaderboards(cfg, viewer),
        "chart": [{"lap": lap.pk, "end": iso(lap.end), "duration": seconds(lap.duration)} for lap in reversed(recent)],
    }


def current_snapshot() -> dict:
    seq = events.current_seq()
    running = current_lap()
    return {"lap": lap_payload(running) if running else None, "seq": seq, "server_time": iso(timezone.now())}


def queue_snapshot() -> dict:
    """The waiting queue, built once per change of the race for every reader of this process."""
    version = race_version()

    def build():
        results = queue_list()
        return {"seq": version[0], "count": len(results), "results": results}

    return _queue.get(version, build)
