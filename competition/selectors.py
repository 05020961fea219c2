"""Reads that feed the pages: each list is one query, whatever the size of the event."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Exists, F, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractHour
from django.utils import timezone

from competition import events
from competition.models import EventSettings, Group, Lap, QueueTicket, Runner, Shift
from competition.payloads import group_ref, iso, lap_payload, runner_public, seconds, ticket_payload
from competition.scoring import with_points

CHART_LAPS = 100
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
        "press_time_window": seconds(cfg.press_time_window),
        "leaderboard_size": cfg.leaderboard_size,
        "night_start_hour": cfg.night_start_hour,
        "night_end_hour": cfg.night_end_hour,
        "reload_token": cfg.reload_token,
    }


def finished_laps() -> QuerySet[Lap]:
    return Lap.objects.filter(end__isnull=False)


def laps_with_points(*, explain: bool = False) -> QuerySet[Lap]:
    return with_points(Lap.objects.select_related("runner__group"), explain=explain)


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
    if cfg.leaderboard_frozen_at and not is_staff(viewer):
        laps = laps.filter(end__lte=cfg.leaderboard_frozen_at)
    return with_points(laps)


def leaderboards(cfg: EventSettings, viewer) -> dict:
    """The jerseys of SPEC section 4, with the rules documented in the README."""
    size = cfg.leaderboard_size
    laps = _scored_laps(cfg, viewer)
    per_runner = laps.values("runner")
    night_laps = laps.annotate(end_hour=ExtractHour("end", tzinfo=ZoneInfo(cfg.time_zone))).filter(
        Q(raining=True) | _hour_window(cfg)
    )
    rows = {
        "fastest_lap": per_runner.annotate(best=Min("duration_value")).order_by("best", "runner")[:size],
        "most_laps": per_runner.annotate(laps=Count("id")).order_by("-laps", "runner")[:size],
        "most_points": per_runner.annotate(points=Sum("points_value")).order_by("-points", "runner")[:size],
        "first_year": per_runner.filter(runner__first_year=True)
        .annotate(points=Sum("points_value"))
        .order_by("-points", "runner")[:size],
        "night_rain": night_laps.values("runner")
        .annotate(points=Sum("points_value"))
        .order_by("-points", "runner")[:size],
    }
    fetched = {name: list(qs) for name, qs in rows.items()}
    everyone = Runner.objects.select_related("group").in_bulk(
        {row["runner"] for board in fetched.values() for row in board}
    )
    keys = {
        "fastest_lap": "best",
        "most_laps": "laps",
        "most_points": "points",
        "first_year": "points",
        "night_rain": "points",
    }
    boards = {}
    for name, board in fetched.items():
        key = keys[name]
        boards[name] = [
            {"runner": runner_public(everyone[row["runner"]]), key: seconds(row[key]) if key == "best" else row[key]}
            for row in board
        ]
    group_points = dict(
        laps.values("runner__group").annotate(points=Sum("points_value")).values_list("runner__group", "points")
    )
    groups = [{**group_ref(g), "points": group_points.get(g.pk) or 0} for g in Group.objects.all()]
    boards["groups"] = sorted(groups, key=lambda g: (-g["points"], g["name"]))
    return boards


def _hour_window(cfg: EventSettings) -> Q:
    """Laps finished in the night hours, in the event's time zone (a window may cross midnight)."""
    start, end = cfg.night_start_hour, cfg.night_end_hour
    if start <= end:
        return Q(end_hour__gte=start, end_hour__lt=end)
    return Q(end_hour__gte=start) | Q(end_hour__lt=end)


def stats_snapshot(viewer) -> dict:
    """Everything the Statistics page shows, with the seq it is valid from."""
    # The seq is read first: an event committed while we read is then replayed on top of data
    # that may already contain it, which clients apply idempotently; never the other way round.
    seq = events.current_seq()
    cfg = EventSettings.load()
    running = current_lap()
    queue = list(waiting_tickets()[:3])
    queue_length = QueueTicket.objects.filter(state=QueueTicket.State.WAITING).count()
    recent = list(laps_with_points().filter(end__isnull=False).order_by("-end")[:CHART_LAPS])
    totals = finished_laps().aggregate(total=Count("id"))
    return {
        "seq": seq,
        "server_time": iso(timezone.now()),
        "settings": settings_public(cfg),
        "current": lap_payload(running) if running else None,
        "queue": [ticket_payload(t, i) for i, t in enumerate(queue)],
        "queue_length": queue_length,
        "last_laps": [lap_payload(lap) for lap in recent[:2]],
        "total_laps": totals["total"],
        "average_lap": seconds(_average([lap.duration for lap in recent[:AVERAGE_OVER_LAPS]])),
        "leaderboards": leaderboards(cfg, viewer),
        "chart": [{"lap": lap.pk, "end": iso(lap.end), "duration": seconds(lap.duration)} for lap in reversed(recent)],
    }


def _average(durations: list) -> timedelta | None:
    return sum(durations, timedelta()) / len(durations) if durations else None


def current_snapshot() -> dict:
    seq = events.current_seq()
    running = current_lap()
    return {"lap": lap_payload(running) if running else None, "seq": seq, "server_time": iso(timezone.now())}


def queue_snapshot() -> dict:
    seq = events.current_seq()
    results = queue_list()
    return {"seq": seq, "count": len(results), "results": results}


def runner_summary(runner: Runner, viewer, *, private: bool) -> dict:
    """The quick information of a runner, with an estimated start time when they are waiting."""
    laps = with_points(finished_laps().filter(runner=runner))
    totals = laps.aggregate(count=Count("id"), points=Sum("points_value"), best=Min("duration_value"))
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
        "last_lap": lap_payload(last) if last else None,
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
    """When the runner at `position` should start: the running lap's expected end plus average laps."""
    recent = finished_laps().order_by("-end")[:AVERAGE_OVER_LAPS]
    average = Lap.objects.filter(pk__in=recent.values("pk")).aggregate(avg=Avg(F("end") - F("start")))["avg"]
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
