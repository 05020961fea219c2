"""The waiting queue (SPEC section 3): enqueue, insert, move, skip, remove, and staff's ticket fixes.

Waiting tickets are ordered by a sort key with wide gaps. A move puts the ticket's key halfway
between its new neighbours, so it rewrites one row whatever the queue length; only when two
neighbours have no room left (after ~20 moves into the same gap) is the queue renumbered.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Max, Min, ProtectedError
from django.utils import timezone

from competition import events
from competition.errors import DomainError, NotFound
from competition.event_payloads import EventType
from competition.models import QueueTicket, Runner
from competition.payloads import ticket_payload
from competition.services.common import audit, changed_fields, check_rules, race_lock, resync
from competition.services.idempotency import CommandResult, run_idempotent

GAP = 1 << 20
WAITING = QueueTicket.State.WAITING


def _waiting():
    return QueueTicket.objects.filter(state=WAITING)


def head_position() -> int:
    """A sort key before every waiting ticket. Call under the race lock."""
    lowest = _waiting().aggregate(low=Min("position"))["low"]
    return GAP if lowest is None else lowest - GAP


def place_of(ticket: QueueTicket) -> int:
    """The 0-based place of a waiting ticket in the queue."""
    return _waiting().filter(position__lt=ticket.position).count()


def _renumber() -> None:
    """Spread the keys out again, in two statements (through negative keys to stay unique)."""
    keys = list(_waiting().order_by("position").values_list("id", flat=True))
    for sign in (-1, 1):
        for index, ticket_id in enumerate(keys):
            QueueTicket.objects.filter(pk=ticket_id).update(position=sign * (index + 1) * GAP)


def _key_for_place(place: int, *, excluding: int | None) -> int:
    """A free sort key that puts a ticket at `place` among the other waiting tickets."""
    others = _waiting().exclude(pk=excluding).order_by("position").values_list("position", flat=True)
    place = min(place, others.count())  # past the tail means the tail
    if place == 0:
        head = others.first()
        return GAP if head is None else head - GAP
    before_after = list(others[place - 1 : place + 1])
    if len(before_after) < 2:  # at the tail
        return before_after[0] + GAP
    low, high = before_after
    if high - low < 2:
        _renumber()
        return _key_for_place(place, excluding=excluding)
    return (low + high) // 2


def _already_waiting(runner: Runner) -> DomainError:
    ticket = _waiting().filter(runner=runner).first()
    place = place_of(ticket)
    return DomainError(
        f"{runner} is already in the queue, at place {place + 1}.",
        code="already_queued",
        position=place,
        ticket=ticket.pk,
    )


def queue_enqueue(
    *, by, runner: Runner, position: int | None = None, idempotency_key: str = "", told: dict | None = None
) -> CommandResult:
    """Queue a runner at the tail, or at `position` (0 = head) when staff insert them.

    With an idempotency key, a retry of the same request (after a timeout or a dropped
    connection) returns the first answer, also when the runner has started running since.
    `told` (what a kiosk scan tells the runner besides: check-ins, rewards due) joins the answer,
    and the `already_queued` refusal, so that a retry gets it as first told.
    """
    if idempotency_key:
        return run_idempotent(
            key=idempotency_key,
            action="queue_insert",
            by=by,
            request={"runner": runner.pk, "position": position},
            command=lambda cfg: _enqueue(by=by, runner=runner, position=position, key=idempotency_key, told=told),
            success=201,
        )
    with transaction.atomic():
        return CommandResult(201, _enqueue(by=by, runner=runner, position=position, key="", told=told))


def _enqueue(*, by, runner: Runner, position: int | None, key: str, told: dict | None) -> dict:
    race_lock()
    if _waiting().filter(runner=runner).exists():
        refusal = _already_waiting(runner)
        refusal.extra.update(told or {})
        raise refusal
    if position is None:
        tail = _waiting().aggregate(high=Max("position"))["high"]
        sort_key = GAP if tail is None else tail + GAP
    else:
        sort_key = _key_for_place(max(position, 0), excluding=None)
    ticket = QueueTicket.objects.create(runner=runner, position=sort_key)
    place = place_of(ticket)
    payload = ticket_payload(ticket, place)
    seq = events.emit(EventType.QUEUE_INSERTED, ticket=payload)
    audit(
        by=by,
        action="queue_insert",
        target=ticket,
        details={"runner": runner.pk, "position": place},
        idempotency_key=key,
    )
    return {**payload, "seq": seq, **(told or {})}


def _waiting_ticket(ticket_id: int) -> QueueTicket:
    ticket = (
        QueueTicket.objects.select_for_update(of=("self",)).select_related("runner__group").filter(pk=ticket_id).first()
    )
    if ticket is None:
        raise NotFound(f"There is no queue ticket {ticket_id}.")
    if ticket.state != WAITING:
        raise DomainError(
            f"Ticket {ticket_id} of {ticket.runner} is not waiting any more (it is {ticket.state}); reload the queue.",
            code="not_waiting",
        )
    return ticket


def queue_move(*, by, ticket_id: int, position: int) -> dict:
    """Move a waiting ticket to `position` (0 = head; past the tail means the tail)."""
    if position < 0:
        raise DomainError("position must be 0 (the head) or more.", code="invalid", status=400)
    with transaction.atomic():
        race_lock()
        ticket = _waiting_ticket(ticket_id)
        return _move(by=by, ticket=ticket, before=place_of(ticket), position=position, action="queue_move")


def queue_skip(*, by, ticket_id: int, places: int = 3) -> dict:
    """A called runner who is not there moves back a few places; the running lap is untouched."""
    with transaction.atomic():
        race_lock()
        ticket = _waiting_ticket(ticket_id)
        before = place_of(ticket)
        return _move(by=by, ticket=ticket, before=before, position=before + max(places, 1), action="queue_skip")


def _move(*, by, ticket: QueueTicket, before: int, position: int, action: str) -> dict:
    """Give a locked waiting ticket the key of its new place; one row written, audited, published."""
    ticket.position = _key_for_place(position, excluding=ticket.pk)
    ticket.save(update_fields=["position"])
    place = place_of(ticket)
    payload = ticket_payload(ticket, place)
    seq = events.emit(EventType.QUEUE_MOVED, ticket=payload, place=before)
    audit(by=by, action=action, target=ticket, details={"from": before, "to": place})
    return {**payload, "seq": seq}


def queue_remove(*, by, ticket_id: int) -> dict:
    """Take a ticket out of the queue; it stays in the database as removed."""
    with transaction.atomic():
        race_lock()
        ticket = _waiting_ticket(ticket_id)
        place = place_of(ticket)
        ticket.state, ticket.position = QueueTicket.State.REMOVED, None
        ticket.save(update_fields=["state", "position"])
        seq = events.emit(EventType.QUEUE_REMOVED, ticket_id=ticket.pk, runner_id=ticket.runner_id, place=place)
        audit(by=by, action="queue_remove", target=ticket, details={"runner": ticket.runner_id, "from": place})
    return {"id": ticket.pk, "seq": seq}


def queue_reset(*, by) -> int:
    """Remove every waiting ticket (before the event starts); returns how many."""
    with transaction.atomic():
        race_lock()
        count = _waiting().update(state=QueueTicket.State.REMOVED, position=None)
        if count:
            events.emit(EventType.QUEUE_RESET, removed=count)
            audit(by=by, action="queue_reset", target=None, details={"removed": count})
    return count


# Staff's fixes in the admin. A waiting ticket's position there is the raw sort key; what the
# screens get is the same event as the API's insert, move or remove whenever the fix is one.

TICKET_EDITABLE = frozenset({"runner", "created_at", "position", "state"})


def ticket_create(
    *, by, runner: Runner, state: str = WAITING, position: int | None = None, created_at: datetime | None = None
) -> QueueTicket:
    """Add a ticket by hand: a waiting one joins the queue at its sort key, another is for the record."""
    with transaction.atomic():
        race_lock()
        ticket = QueueTicket(runner=runner, state=state, position=position, created_at=created_at or timezone.now())
        check_rules(ticket)
        ticket.save()
        if ticket.state == WAITING:
            place = place_of(ticket)
            events.emit(EventType.QUEUE_INSERTED, ticket=ticket_payload(ticket, place))
            audit(by=by, action="queue_insert", target=ticket, details={"runner": runner.pk, "position": place})
        else:  # no screen shows a ticket that is not waiting
            audit(by=by, action="create", target=ticket, details={"runner": runner.pk, "state": ticket.state})
    return ticket


def ticket_edit(*, by, ticket_id: int, **changes) -> QueueTicket:
    """Correct a ticket's runner, time, sort key or state; only the given fields are written."""
    unknown = set(changes) - TICKET_EDITABLE
    assert not unknown, f"not editable here: {unknown}"
    with transaction.atomic():
        race_lock()
        ticket = QueueTicket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None:
            raise NotFound(f"There is no queue ticket {ticket_id}.")
        changed = changed_fields(ticket, changes)
        if not changed:
            return ticket
        was_waiting = ticket.state == WAITING
        before = place_of(ticket) if was_waiting else None
        for name, value in changed.items():
            setattr(ticket, name, value)
        check_rules(ticket)
        ticket.save(update_fields=list(changed))
        ticket = QueueTicket.objects.select_related("runner__group").get(pk=ticket.pk)
        waiting, queue_only = ticket.state == WAITING, changed.keys() <= {"state", "position"}
        if was_waiting and waiting and changed.keys() == {"position"}:  # the API's move
            place = place_of(ticket)
            events.emit(EventType.QUEUE_MOVED, ticket=ticket_payload(ticket, place), place=before)
            audit(by=by, action="queue_move", target=ticket, details={"from": before, "to": place})
            return ticket
        if was_waiting and not waiting and queue_only:
            events.emit(EventType.QUEUE_REMOVED, ticket_id=ticket.pk, runner_id=ticket.runner_id, place=before)
            if ticket.state == QueueTicket.State.REMOVED:  # the API's remove
                audit(by=by, action="queue_remove", target=ticket, details={"runner": ticket.runner_id, "from": before})
                return ticket
        elif waiting and not was_waiting and queue_only:
            events.emit(EventType.QUEUE_INSERTED, ticket=ticket_payload(ticket, place_of(ticket)))
        elif was_waiting or waiting:  # another runner or time in the queue
            resync(model="queueticket", ids=[ticket.pk], action="update")
        audit(by=by, action="update", target=ticket, details={"fields": sorted(changed)})
    return ticket


def ticket_delete(*, by, ticket_ids: list[int]) -> int:
    """Delete tickets (a waiting one leaves the queue); a ticket that a lap ran on stays. Returns how many."""
    with transaction.atomic():
        race_lock()
        tickets = list(QueueTicket.objects.select_for_update().filter(pk__in=ticket_ids).order_by("pk"))
        for ticket in tickets:
            place = place_of(ticket) if ticket.state == WAITING else None
            audit(by=by, action="delete", target=ticket, details={"runner": ticket.runner_id, "state": ticket.state})
            pk = ticket.pk
            try:
                ticket.delete()
            except ProtectedError:
                raise DomainError(
                    f"Ticket {pk} belongs to a lap: delete or correct the lap first.", code="in_use"
                ) from None
            if place is not None:
                events.emit(EventType.QUEUE_REMOVED, ticket_id=pk, runner_id=ticket.runner_id, place=place)
    return len(tickets)
