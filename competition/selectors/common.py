"""What every read shares: the freeze as a viewer sees it, points as annotations, the running lap."""

import statistics
from datetime import datetime, timedelta

from django.db.models import BooleanField, ExpressionWrapper, IntegerField, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from competition.models import EventSettings, Lap, QueueTicket
from competition.payloads import iso, seconds, ticket_payload
from competition.scoring import with_points

# "Average lap" (`average_lap`, the name the API keeps) is the median of the last laps: one lost
# runner or forgotten press moved a mean of 20 laps by most of a minute, and the median not at all.
AVERAGE_OVER_LAPS = 20


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


def settings_public(cfg: EventSettings) -> dict:
    return {
        "title": cfg.title,
        "time_zone": cfg.time_zone,
        "race_start": iso(cfg.race_start),
        "race_end": iso(cfg.race_end),
        "raining": cfg.raining,
        "banner": cfg.banner,
        "leaderboard_frozen": cfg.leaderboard_frozen_at is not None,
        "leaderboard_frozen_at": iso(cfg.leaderboard_frozen_at),
        "min_lap_time": seconds(cfg.min_lap_time),
        "plausible_lap_time": seconds(cfg.plausible_lap_time),
        "press_time_window": seconds(cfg.press_time_window),
        "leaderboard_size": cfg.leaderboard_size,
        "night_start_hour": cfg.night_start_hour,
        "night_end_hour": cfg.night_end_hour,
        "reload_token": cfg.reload_token,
        "results_published": cfg.results_published,
    }


def frozen_at(viewer, cfg: EventSettings | None = None) -> datetime | None:
    """The leaderboard freeze as it applies to this viewer: to everybody but staff (SPEC section 4).

    Points of laps finished after it are left out of totals and shown as null on laps.
    """
    if is_staff(viewer):
        return None
    return (cfg or EventSettings.load()).leaderboard_frozen_at


def points_subquery(*, frozen: datetime | None = None, **lap_filter):
    """Total points of the laps matching lap_filter (with OuterRef), as an annotation; up to `frozen`."""
    laps = Lap.objects.filter(end__isnull=False, **lap_filter)
    if frozen is not None:
        laps = laps.filter(end__lte=frozen)
    total = with_points(laps).values(*lap_filter.keys()).annotate(total=Sum("points_value")).values("total")
    return Coalesce(Subquery(total[:1], output_field=IntegerField()), 0)


def finished_laps() -> QuerySet[Lap]:
    return Lap.objects.filter(end__isnull=False)


def laps_with_points(*, explain: bool = False) -> QuerySet[Lap]:
    return with_points(Lap.objects.select_related("runner__group"), explain=explain)


def with_review(laps: QuerySet[Lap]) -> QuerySet[Lap]:
    """Annotate laps with `suspect_value` (Lap.suspect_condition), the plausible time read in the same query."""
    return laps.annotate(suspect_value=ExpressionWrapper(Lap.suspect_condition(), output_field=BooleanField()))


def current_lap() -> Lap | None:
    return Lap.objects.select_related("runner__group").filter(end__isnull=True).first()


def waiting_tickets() -> QuerySet[QueueTicket]:
    return (
        QueueTicket.objects.filter(state=QueueTicket.State.WAITING).select_related("runner__group").order_by("position")
    )


def queue_list() -> list[dict]:
    return [ticket_payload(t, i) for i, t in enumerate(waiting_tickets())]


def typical_lap(durations: list[timedelta]) -> timedelta | None:
    """The median of these lap times (None without laps): what "average lap" means on every page."""
    return statistics.median(durations) if durations else None
