"""Runners and groups: lists with points, a runner's summary, the query page, finding a scanned ID."""

from datetime import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from competition.errors import InvalidInput, NotFound
from competition.models import Group, Lap, QueueTicket, Runner, Shift, University, normalise_identification
from competition.patterns import pattern_problem
from competition.payloads import group_ref, iso, lap_payload, runner_public, seconds
from competition.scoring import with_points
from competition.selectors.common import (
    AVERAGE_OVER_LAPS,
    finished_laps,
    frozen_at,
    points_subquery,
    typical_lap,
    with_review,
)


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


def runners_in_shift(shift_id: int, viewer) -> QuerySet[Runner]:
    """The query page: who runs in this shift, with their points."""
    shift = Shift.objects.filter(pk=shift_id).first()
    if shift is None:
        raise NotFound(f"There is no shift {shift_id}: choose one from the list.")
    return runners_with_points(viewer).filter(shifts=shift).order_by("last_name", "first_name")


def runners_without_upcoming_shift(after: datetime, viewer) -> QuerySet[Runner]:
    """The query page: who has no shift starting at or after `after`, with their points."""
    upcoming = Shift.objects.filter(runners=OuterRef("pk"), start__gte=after)
    return runners_with_points(viewer).filter(~Exists(upcoming)).order_by("last_name", "first_name")


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


def identification_problem(identification: str, university: University | None = None) -> str | None:
    """Why an ID is malformed: against its university, or (unknown university) against all of them."""
    if not identification:
        return "The student ID is empty: scan the card again or type the ID."
    if university is not None:
        return university.identification_error(identification)
    universities = list(University.objects.all())
    errors = [u.identification_error(identification) for u in universities]
    if not universities or any(error is None for error in errors):
        return None
    unsafe = [u for u in universities if u.student_id_pattern and pattern_problem(u.student_id_pattern)]
    if unsafe:
        return unsafe[0].identification_error(identification)
    if len(universities) == 1:
        return errors[0]
    # Examples, never the patterns: the message is for a runner at the kiosk.
    examples = "; ".join(f"{u.abbreviation}{u.example_hint()}" for u in universities)
    return f"“{identification}” is not a valid student ID of any university here ({examples})."
