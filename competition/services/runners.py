"""Registering and editing runners."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from competition import events
from competition.errors import DomainError, InvalidInput
from competition.event_payloads import EventType
from competition.models import QueueTicket, Runner, University, normalise_identification
from competition.payloads import runner_public
from competition.scoring import store_points
from competition.selectors import identification_problem
from competition.services.common import audit, race_lock
from competition.services.queue import place_of


def _validate(identification: str, university: University) -> None:
    problem = identification_problem(identification, university)
    if problem:
        raise InvalidInput(problem, code="invalid_identification", field="identification")


def runner_create(
    *, by, first_name: str, last_name: str, identification: str, university: University, **fields
) -> Runner:
    identification = normalise_identification(identification)
    _validate(identification, university)
    shifts = fields.pop("shifts", None)
    try:
        with transaction.atomic():
            runner = Runner.objects.create(
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                identification=identification,
                university=university,
                **fields,
            )
            if shifts is not None:
                runner.shifts.set(shifts)
            events.emit(EventType.RUNNER_CHANGED, runner=runner_public(runner))
            audit(by=by, action="create", target=runner, details={"identification": identification})
    except IntegrityError:
        raise DomainError(
            f"A runner with student ID {identification} already exists; queue them by scanning their card.",
            code="already_registered",
        ) from None
    return runner


def runner_update(*, by, runner: Runner, **fields) -> Runner:
    if "identification" in fields:
        fields["identification"] = normalise_identification(fields["identification"])
    shifts = fields.pop("shifts", None)
    moves_points = "group" in fields and fields["group"] != runner.group
    for name, value in fields.items():
        setattr(runner, name, value)
    if "identification" in fields or "university" in fields:
        _validate(runner.identification, runner.university)
    try:
        with transaction.atomic():
            if fields:  # only what this edit changes: the kiosk may have changed other fields meanwhile
                runner.save(update_fields=list(fields))
            if shifts is not None:
                runner.shifts.set(shifts)
            events.emit(EventType.RUNNER_CHANGED, runner=runner_public(runner))
            if moves_points:
                store_points(runner.laps.all())
                events.emit(EventType.POINTS_CHANGED, reason="membership", runner=runner.pk)
            audit(
                by=by,
                action="update",
                target=runner,
                details={"fields": sorted(set(fields) | ({"shifts"} if shifts is not None else set()))},
            )
    except IntegrityError:
        raise DomainError(
            f"Another runner already has student ID {runner.identification}.", code="already_registered"
        ) from None
    return runner


def runner_delete(*, by, runner_ids: list[int]) -> int:
    """Delete runners who never ran (a runner with laps stays); a waiting ticket leaves the queue."""
    with transaction.atomic():
        race_lock()  # their tickets go with them, and the queue is the race's
        runners = list(Runner.objects.filter(pk__in=runner_ids).order_by("pk"))
        for runner in runners:
            waiting = runner.tickets.filter(state=QueueTicket.State.WAITING).first()
            place = place_of(waiting) if waiting else None
            audit(by=by, action="delete", target=runner, details={})
            pk = runner.pk
            try:
                runner.delete()
            except ProtectedError:
                raise DomainError(
                    f"{runner} has run laps and stays on record: give those laps to someone else first.",
                    code="in_use",
                ) from None
            if waiting is not None:
                events.emit(EventType.QUEUE_REMOVED, ticket_id=waiting.pk, runner_id=pk, place=place)
            events.emit(EventType.DATA_CHANGED, model="runner", id=pk, action="delete")
    return len(runners)
