"""Reads that feed the pages: each list is one query, whatever the size of the event."""

import heapq
import logging
import statistics
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, ExtractHour
from django.utils import timezone

from competition import events
from competition.errors import InvalidInput, NotFound
from competition.models import EventSettings, Group, Lap, QueueTicket, Runner, Shift
from competition.payloads import group_ref, iso, lap_payload, runner_public, seconds, ticket_payload
from competition.scoring import with_points
from competition.services.runners import identification_problem, normalise_identification

CHART_LAPS = 100
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


def runners_with_points(viewer) -> QuerySet[Runner]:
    return (
        Runner.objects.select_related("university", "group")
        .prefetch_related("shifts")
        .annotate(points=points_subquery(runner=OuterRef("pk"), frozen=frozen_at(viewer)))
    )


def groups_with_points(viewer) -> QuerySet[Group]:
    return Group.objects.prefetch_related("happy_hours").annotate(
        points=points_subquery(runner__group=OuterRef("pk"), frozen=frozen_at(viewer))
    )


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


def _scored_laps(cfg: EventSettings, viewer) -> QuerySet[Lap]:
    laps = finished_laps().filter(runner__isnull=False)
    frozen = frozen_at(viewer, cfg)
    if frozen is not None:
        laps = laps.filter(end__lte=frozen)
    return with_points(laps)


def leaderboards(cfg: EventSettings, viewer) -> dict:
    """The jerseys of SPEC section 4, with the rules documented in the README.

    One pass over the laps gives every runner's best lap, lap count and points (all, and at night
    or in the rain); the boards are the top rows of that, so the points expression runs once.
    A suspect lap (forced, or shorter than plausible, and not confirmed by staff) is no best lap.
    """
    size = cfg.leaderboard_size
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


def typical_lap(durations: list[timedelta]) -> timedelta | None:
    """The median of these lap times (None without laps): what "average lap" means on every page."""
    return statistics.median(durations) if durations else None


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


def runner_summary(runner: Runner, viewer, *, private: bool) -> dict:
    """The quick information of a runner, with an estimated start time when they are waiting."""
    laps = with_review(with_points(finished_laps().filter(runner=runner)))
    frozen = frozen_at(viewer)
    counted = Q() if frozen is None else Q(end__lte=frozen)
    trusted = ~Lap.suspect_condition()  # the best lap as "fastest lap" counts it
    totals = laps.aggregate(
        count=Count("id"), points=Sum("points_value", filter=counted), best=Min("duration_value", filter=trusted)
    )
    last = laps.order_by("-end").first()
    ticket = QueueTicket.objects.filter(runner=runner, state=QueueTicket.State.WAITING).first()
    position = estimated_start = None
    if ticket is not None:
        position = QueueTicket.objects.filter(state=QueueTicket.State.WAITING, position__lt=ticket.position).count()
        estimated_start = _estimated_start(position)
    summary = {
        "runner": runner_public(runner),
        "lap_count": totals["count"],
        "points": totals["points"] or 0,
        "best_lap": seconds(totals["best"]),
        "last_lap": lap_payload(last, frozen_at=frozen) if last else None,
        "group": group_ref(runner.group),
        "position": position,
        "estimated_start": iso(estimated_start),
        "running": Lap.objects.filter(runner=runner, end__isnull=True).exists(),
    }
    if private:
        summary["test_time"] = seconds(runner.test_time)
        summary["identification"] = runner.identification
    return summary


def _estimated_start(position: int):
    """When the runner at `position` should start: the running lap's expected end plus typical laps."""
    recent = finished_laps().order_by("-end").values_list("start", "end")[:AVERAGE_OVER_LAPS]
    average = typical_lap([end - start for start, end in recent])
    if average is None:
        return None
    now = timezone.now()
    running = Lap.objects.filter(end__isnull=True).values_list("start", flat=True).first()
    expected_end = max(running + average, now) if running else now
    return expected_end + average * position


def runners_in_shift(shift: Shift) -> QuerySet[Runner]:
    return shift.runners.select_related("university", "group").order_by("last_name", "first_name")


def runners_without_upcoming_shift(after) -> QuerySet[Runner]:
    upcoming = Shift.objects.filter(runners=OuterRef("pk"), start__gte=after)
    return (
        Runner.objects.select_related("university", "group")
        .filter(~Exists(upcoming))
        .order_by("last_name", "first_name")
    )


def runner_to_queue(*, runner_id: int | None = None, identification: str | None = None) -> Runner:
    """The runner a kiosk scan or a staff pick names, or an error that says what to do instead."""
    if runner_id is not None:
        runner = Runner.objects.filter(pk=runner_id).first()
        if runner is None:
            raise NotFound(f"There is no runner {runner_id}.", code="unknown_runner")
        return runner
    return runner_by_identification(identification or "")


def runner_by_identification(identification: str) -> Runner:
    """The runner with this student ID (as scanned or typed), or an error that says what to do instead."""
    identification = normalise_identification(identification)
    runner = Runner.objects.filter(identification=identification).first()
    if runner is None:
        problem = identification_problem(identification)
        if problem:
            raise InvalidInput(problem, code="invalid_identification", field="identification")
        raise NotFound(
            f"No runner has student ID {identification} yet: register them first.",
            code="unknown_runner",
            identification=identification,
        )
    return runner
