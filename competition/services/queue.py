"""The waiting queue (SPEC section 3): enqueue, insert, move, skip, remove.

Waiting tickets are ordered by a sort key with wide gaps. A move puts the ticket's key halfway
between its new neighbours, so it rewrites one row whatever the queue length; only when two
neighbours have no room left (after ~20 moves into the same gap) is the queue renumbered.
"""

from django.db import transaction
from django.db.models import Max, Min

from competition import events
from competition.errors import DomainError, NotFound
from competition.models import QueueTicket, Runner
from competition.payloads import ticket_payload
from competition.services.common import audit, race_lock
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


def queue_enqueue(*, by, runner: Runner, position: int | None = None, idempotency_key: str = "") -> CommandResult:
    """Queue a runner at the tail, or at `position` (0 = head) when staff insert them.

    With an idempotency key, a retry of the same request (after a timeout or a dropped
    connection) returns the first answer, also when the runner has started running since.
    """
    if idempotency_key:
        return run_idempotent(
            key=idempotency_key,
            action="queue_insert",
            by=by,
            request={"runner": runner.pk, "position": position},
            command=lambda cfg: _enqueue(by=by, runner=runner, position=position, key=idempotency_key),
            success=201,
        )
    with transaction.atomic():
        return CommandResult(201, _enqueue(by=by, runner=runner, position=position, key=""))


def _enqueue(*, by, runner: Runner, position: int | None, key: str) -> dict:
    race_lock()
    if _waiting().filter(runner=runner).exists():
        raise _already_waiting(runner)
    if position is None:
        tail = _waiting().aggregate(high=Max("position"))["high"]
        sort_key = GAP if tail is None else tail + GAP
    else:
        sort_key = _key_for_place(max(position, 0), excluding=None)
    ticket = QueueTicket.objects.create(runner=runner, position=sort_key)
    place = place_of(ticket)
    payload = ticket_payload(ticket, place)
    seq = events.emit("queue_inserted", {"ticket": payload})
    audit(
        by=by,
        action="queue_insert",
        target=ticket,
        details={"runner": runner.pk, "position": place},
        idempotency_key=key,
    )
    return {**payload, "seq": seq}


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
    seq = events.emit("queue_moved", {"ticket": payload, "from": before})
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
        seq = events.emit("queue_removed", {"ticket": {"id": ticket.pk, "runner": ticket.runner_id}, "from": place})
        audit(by=by, action="queue_remove", target=ticket, details={"runner": ticket.runner_id, "from": place})
    return {"id": ticket.pk, "seq": seq}


def queue_reset(*, by) -> int:
    """Remove every waiting ticket (before the event starts); returns how many."""
    with transaction.atomic():
        race_lock()
        count = _waiting().update(state=QueueTicket.State.REMOVED, position=None)
        if count:
            events.emit("queue_reset", {"removed": count})
            audit(by=by, action="queue_reset", target=None, details={"removed": count})
    return count
