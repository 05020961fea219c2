"""Next lap, undo, assigning an unassigned lap and confirming a suspect one (SPEC section 3)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from competition import events
from competition.errors import DomainError, InvalidInput, NotFound
from competition.event_payloads import EventType
from competition.models import EventSettings, Lap, QueueTicket, Runner
from competition.payloads import lap_payload, seconds, ticket_payload
from competition.scoring import duration_expression, finished_lap_points, store_points, with_points
from competition.services.common import audit, race_lock
from competition.services.idempotency import CommandResult, run_idempotent
from competition.services.queue import head_position, place_of
from competition.services.rewards import rewards_sync

# A client clock corrected by its measured offset can still be a little ahead of ours.
MAX_CLOCK_SKEW = timedelta(seconds=2)


def _running_lap() -> Lap | None:
    """The running lap, locked, with its runner and group (a finished lap's payload needs them)."""
    return Lap.objects.select_for_update(of=("self",)).filter(end__isnull=True).select_related("runner__group").first()


def _lap_ref(lap: Lap | None) -> dict | None:
    """A running (or just removed) lap: neither finished nor suspect, so no settings are needed."""
    if lap is None:
        return None
    return lap_payload(Lap.objects.select_related("runner__group").get(pk=lap.pk))


def is_personal_best(lap: Lap, cfg: EventSettings) -> bool:
    """Whether a just-finished lap beats every earlier lap of its runner (screens celebrate it).

    Suspect laps count on neither side: a forced or implausibly short lap is no record to celebrate
    nor one that a real lap has to beat.
    """
    if lap.runner_id is None or lap.is_suspect(cfg.plausible_lap_time):
        return False
    earlier = Lap.objects.filter(runner_id=lap.runner_id, end__isnull=False).exclude(pk=lap.pk)
    earlier = earlier.exclude(Lap.suspect_condition(cfg.plausible_lap_time))
    best = earlier.aggregate(best=Min(duration_expression()))["best"]
    return best is not None and lap.duration < best


def _check_expected(running: Lap | None, expected_lap_id: int | None) -> None:
    if (running.pk if running else None) != expected_lap_id:
        raise DomainError(
            "The race has moved on since your screen was updated: another press was recorded first. "
            "Check the current lap and press again if needed.",
            code="stale_state",
            current=_lap_ref(running),
            seq=events.current_seq(),
        )


def _press_time(at: datetime | None, running: Lap | None, cfg: EventSettings) -> datetime:
    now = timezone.now()
    if at is None:
        t = now
    else:
        if at > now + MAX_CLOCK_SKEW:
            raise InvalidInput(
                f"The press time is {seconds(at - now)} s in the future; check the clock of this device.",
                code="press_time_in_future",
            )
        if at < now - cfg.press_time_window:
            raise InvalidInput(
                f"The press time is older than the {seconds(cfg.press_time_window)} s window for delayed "
                "presses; record this lap by hand in the admin.",
                code="press_time_too_old",
            )
        t = at
    if running is not None and t <= running.start:
        raise InvalidInput(
            "The press time is before the running lap started; it cannot finish that lap.",
            code="press_time_before_start",
        )
    return t


def lap_advance(
    *,
    by,
    idempotency_key: str,
    expected_lap_id: int | None,
    at: datetime | None = None,
    force: bool = False,
    stop: bool = False,
) -> CommandResult:
    """Finish the running lap and start the head of the queue (or an unassigned runner) at once."""

    def command(cfg: EventSettings) -> dict:
        running = _running_lap()
        _check_expected(running, expected_lap_id)
        t = _press_time(at, running, cfg)
        if running is not None and not force and t - running.start < cfg.min_lap_time:
            raise DomainError(
                f"This lap would last only {seconds(t - running.start)} s, less than the minimum of "
                f"{seconds(cfg.min_lap_time)} s: probably an accidental press. Send it again with "
                "“record anyway” (force) if the runner really finished.",
                code="too_soon",
                elapsed=seconds(t - running.start),
                min_lap_time=seconds(cfg.min_lap_time),
            )
        finished = started = lap = None
        seq = None
        if running is not None:
            running.end = t
            running.points = finished_lap_points(running, running.runner and running.runner.group_id)
            # Only when "record anyway" made the difference: a forced press of a long lap is a normal lap.
            running.forced = force and t - running.start < cfg.min_lap_time
            running.save(update_fields=["end", "points", "forced"])
            if running.ticket_id:
                QueueTicket.objects.filter(pk=running.ticket_id).update(state=QueueTicket.State.DONE)
            plausible = cfg.plausible_lap_time
            finished = lap_payload(running, running.points, plausible=plausible)
            # Events go to everybody: after a freeze, the lap's points are not in them.
            public = lap_payload(running, running.points, frozen_at=cfg.leaderboard_frozen_at, plausible=plausible)
            seq = events.emit(EventType.LAP_FINISHED, lap=public, personal_best=is_personal_best(running, cfg))
            seq = rewards_sync([running.runner_id]) or seq
        if not stop:
            head = (
                QueueTicket.objects.select_for_update(of=("self",))
                .filter(state=QueueTicket.State.WAITING)
                .select_related("runner__group")
                .order_by("position")
                .first()
            )
            if head is not None:
                head.state, head.position = QueueTicket.State.RUNNING, None
                head.save(update_fields=["state", "position"])
            lap = Lap.objects.create(runner=head.runner if head else None, ticket=head, start=t, raining=cfg.raining)
            started = lap_payload(lap)  # the runner and group came with the head of the queue
            seq = events.emit(EventType.LAP_STARTED, lap=started)
        if seq is None:
            raise DomainError("No lap is running, so there is nothing to stop.", code="nothing_running")
        audit(
            by=by,
            action="advance",
            target=running or lap,
            idempotency_key=idempotency_key,
            details={
                "finished": finished and finished["id"],
                "started": started and started["id"],
                "at": t.isoformat(),
                "client_time": at is not None,
                "forced": force,
                "stop": stop,
            },
        )
        return {"finished": finished, "started": started, "seq": seq}

    request = {"expected_lap": expected_lap_id, "at": at, "force": force, "stop": stop}
    return run_idempotent(key=idempotency_key, action="advance", by=by, request=request, command=command)


def lap_reverse(*, by, idempotency_key: str, expected_lap_id: int | None) -> CommandResult:
    """Undo the last advance exactly: drop the running lap, its ticket back to the head, resume the previous."""

    def command(cfg: EventSettings) -> dict:
        running = _running_lap()
        _check_expected(running, expected_lap_id)
        removed = resumed = None
        seq = None
        if running is not None:
            # The lap the same press finished ended exactly when this one started.
            previous = Lap.objects.select_for_update().filter(end=running.start).first()
            removed = _lap_ref(running)
            ticket = running.ticket
            running.delete()
            seq = events.emit(EventType.LAP_REMOVED, lap=removed)
            if ticket is not None:
                # The runner may have been queued again while running: they are back at the head
                # with their first ticket, so the later one goes (removed, as a volunteer would).
                again = QueueTicket.objects.filter(state=QueueTicket.State.WAITING, runner_id=ticket.runner_id).first()
                if again is not None:
                    place = place_of(again)
                    again.state, again.position = QueueTicket.State.REMOVED, None
                    again.save(update_fields=["state", "position"])
                    events.emit(EventType.QUEUE_REMOVED, ticket_id=again.pk, runner_id=again.runner_id, place=place)
                ticket.state, ticket.position = QueueTicket.State.WAITING, head_position()
                ticket.save(update_fields=["state", "position"])
                seq = events.emit(EventType.QUEUE_INSERTED, ticket=ticket_payload(ticket, 0))
        else:
            # Nothing runs: the last advance was a stop; undo it by resuming the last finished lap.
            previous = Lap.objects.select_for_update().filter(end__isnull=False).order_by("-end").first()
            if previous is None:
                raise DomainError("There is nothing to undo: no lap has been started yet.", code="nothing_to_undo")
        if previous is not None:
            # It runs again: how its press was made, and staff's word on it, go with that press.
            previous.end = previous.points = previous.confirmed_at = previous.confirmed_by = None
            previous.forced = False
            previous.save(update_fields=["end", "points", "forced", "confirmed_at", "confirmed_by"])
            if previous.ticket_id:
                QueueTicket.objects.filter(pk=previous.ticket_id).update(state=QueueTicket.State.RUNNING)
            resumed = _lap_ref(previous)
            seq = events.emit(EventType.LAP_RESUMED, lap=resumed)
            seq = rewards_sync([previous.runner_id]) or seq  # a reward that lap reached is taken back
        audit(
            by=by,
            action="reverse",
            target=previous or running,
            idempotency_key=idempotency_key,
            details={"removed": removed and removed["id"], "resumed": resumed and resumed["id"]},
        )
        return {"removed": removed, "resumed": resumed, "seq": seq}

    request = {"expected_lap": expected_lap_id}
    return run_idempotent(key=idempotency_key, action="reverse", by=by, request=request, command=command)


def lap_assign(*, by, lap_id: int, runner_id: int) -> dict:
    """Give an unassigned lap (started while the queue was empty) to the runner who ran it."""
    with transaction.atomic():
        cfg = race_lock()
        lap = Lap.objects.select_for_update().filter(pk=lap_id).first()
        if lap is None:
            raise NotFound(f"There is no lap {lap_id}.")
        if lap.runner_id is not None:
            raise DomainError(
                f"Lap {lap_id} already belongs to {lap.runner}; change it in the admin if that is wrong.",
                code="already_assigned",
            )
        runner = Runner.objects.filter(pk=runner_id).first()
        if runner is None:
            raise NotFound(f"There is no runner {runner_id}.", code="unknown_runner")
        return give_lap(by=by, cfg=cfg, lap=lap, runner=runner)


def give_lap(*, by, cfg: EventSettings, lap: Lap, runner: Runner | None) -> dict:
    """Give a locked lap to a runner (or to nobody), under the race lock: lap_assign, and the admin's fix."""
    previous = lap.runner_id
    lap.runner = runner
    lap.save(update_fields=["runner"])
    store_points(Lap.objects.filter(pk=lap.pk))  # the runner's group decides the happy hours
    lap = with_points(Lap.objects.filter(pk=lap.pk).select_related("runner__group")).get()
    plausible = cfg.plausible_lap_time
    payload = lap_payload(lap, plausible=plausible)
    public = lap_payload(lap, frozen_at=cfg.leaderboard_frozen_at, plausible=plausible)
    seq = events.emit(EventType.LAP_ASSIGNED, lap=public)
    if lap.end:
        seq = events.emit(EventType.POINTS_CHANGED, reason="lap_assigned", runner=lap.runner_id or previous)
        seq = rewards_sync([previous, lap.runner_id]) or seq
    details = {"runner": lap.runner_id}
    if previous is not None:  # a fix in the admin: whose lap it was
        details["previous"] = previous
    audit(by=by, action="assign", target=lap, details=details)
    return {"lap": payload, "seq": seq}


def lap_confirm(*, by, lap_id: int) -> dict:
    """Staff vouch for a finished lap: a suspect one (forced, or shorter than plausible) counts as a fastest lap.

    Confirming a confirmed lap changes nothing and answers the same (a double click, a retry).
    """
    with transaction.atomic():
        cfg = race_lock()
        lap = Lap.objects.select_for_update().filter(pk=lap_id).first()
        if lap is None:
            raise NotFound(f"There is no lap {lap_id}.")
        if lap.end is None:
            raise DomainError(f"Lap {lap_id} is still running: confirm it once it has finished.", code="lap_running")
        if lap.confirmed_at is None:
            suspect = lap.is_suspect(cfg.plausible_lap_time)
            lap.confirmed_at = timezone.now()
            lap.confirmed_by = by if getattr(by, "is_authenticated", False) else None
            lap.save(update_fields=["confirmed_at", "confirmed_by"])
            lap = with_points(Lap.objects.filter(pk=lap.pk).select_related("runner__group")).get()
            public = lap_payload(lap, frozen_at=cfg.leaderboard_frozen_at, plausible=cfg.plausible_lap_time)
            seq = events.emit(EventType.LAP_CONFIRMED, lap=public)
            audit(by=by, action="confirm", target=lap, details={"suspect": suspect, "forced": lap.forced})
        else:
            lap = with_points(Lap.objects.filter(pk=lap.pk).select_related("runner__group")).get()
            seq = events.current_seq()
        payload = lap_payload(lap, plausible=cfg.plausible_lap_time)
    return {"lap": payload, "seq": seq}
