"""The lap list: every lap with its points, how they were made up, and whether staff should look at it."""

from django.db.models import QuerySet

from competition.models import Lap
from competition.payloads import lap_payload
from competition.selectors.common import frozen_at, laps_with_points, with_review


def laps_for_list() -> QuerySet[Lap]:
    """Laps, newest first, annotated with their points, the points' make-up and the review flag."""
    return with_review(laps_with_points(explain=True)).order_by("-start", "-id")


def lap_rows(laps, viewer) -> list[dict]:
    """The lap list's rows (laps from laps_for_list): a lap's payload with its points explained."""
    frozen = frozen_at(viewer)
    rows = []
    for lap in laps:
        row = lap_payload(lap, frozen_at=frozen)
        # A lap whose points the freeze hides hides how they were made up too.
        hidden = lap.end is not None and row["points"] is None
        rows.append({**row, "points_explanation": None if hidden else _explanation(lap)})
    return rows


def _explanation(lap: Lap) -> dict | None:
    if lap.end is None:
        return None
    return {
        "criterion": lap.criterion_id,
        "criterion_points": lap.criterion_points,
        "happy_hour": lap.happy_hour_id,
        "multiplier": lap.multiplier_value,
        "points": lap.points_value,
    }
