"""Staff fixes to laps (the admin): add a lap by hand, correct one, delete one.

Next lap and undo at the control table run the race; these fix what they cannot. Each fix takes
the race lock (a press waits for it, and it for a press), is audited, and tells the screens with
the event they already apply: a lap given to another runner is `lap_assigned`, the running lap
finished by hand is `lap_finished`, a finished lap reopened is `lap_resumed`, a new running lap
is `lap_started`, the running lap deleted is `lap_removed`. Anything else (a finished lap's
times, a lap added or deleted in the past) is a `resync`: every page reloads its snapshot.
"""

from datetime import datetime

from django.db import transaction

from competition import events
from competition.errors import NotFound
from competition.event_payloads import EventType
from competition.models import EventSettings, Lap, QueueTicket, Runner
from competition.payloads import lap_payload
from competition.scoring import store_points, with_points
from competition.services.common import audit, changed_fields, check_rules, race_lock, resync
from competition.services.laps import give_lap, is_personal_best
from competition.services.rewards import rewards_sync

EDITABLE = frozenset({"runner", "ticket", "start", "end", "raining"})


def lap_create(
    *,
    by,
    start: datetime,
    end: datetime | None = None,
    runner: Runner | None = None,
    ticket: QueueTicket | None = None,
    raining: bool = False,
) -> Lap:
    """Record a lap by hand (a press the control table missed, or a running lap when none runs)."""
    with transaction.atomic():
        race_lock()
        lap = Lap(runner=runner, ticket=ticket, start=start, end=end, raining=raining)
        check_rules(lap)
        lap.save()
        store_points(Lap.objects.filter(pk=lap.pk))
        lap = _reloaded(lap)
        if lap.end is None and lap.ticket_id is None:
            events.emit(EventType.LAP_STARTED, lap=lap_payload(lap))
        else:  # a lap in the past moves the last laps, the chart and the totals
            resync(model="lap", ids=[lap.pk], action="create")
        rewards_sync([lap.runner_id])
        audit(by=by, action="create", target=lap, details=_facts(lap))
    return lap


def lap_edit(*, by, lap_id: int, **changes) -> Lap:
    """Correct a lap's runner, ticket, times or rain; only the given fields are written."""
    unknown = set(changes) - EDITABLE
    assert not unknown, f"not editable here: {unknown}"
    with transaction.atomic():
        cfg = race_lock()
        lap = _locked(lap_id)
        changed = changed_fields(lap, changes)
        if not changed:
            return lap
        if changed.keys() == {"runner"}:  # the same change as /api/laps/<id>/assign/
            give_lap(by=by, cfg=cfg, lap=lap, runner=changed["runner"])
            return _reloaded(lap)
        was_running, previous_runner = lap.end is None, lap.runner_id
        for name, value in changed.items():
            setattr(lap, name, value)
        fields = [*changed]
        if lap.end is None and lap.points is not None:
            lap.points = None  # a running lap has earned nothing yet
            fields.append("points")
        check_rules(lap)
        lap.save(update_fields=fields)
        store_points(Lap.objects.filter(pk=lap.pk))
        lap = _reloaded(lap)
        _announce_edit(cfg, lap, changed, was_running)
        rewards_sync([previous_runner, lap.runner_id])
        audit(by=by, action="update", target=lap, details={"fields": sorted(changed)})
    return lap


def _announce_edit(cfg: EventSettings, lap: Lap, changed: dict, was_running: bool) -> None:
    if changed.keys() == {"end"} and was_running:  # finished by hand, as a press would have
        if lap.ticket_id:
            QueueTicket.objects.filter(pk=lap.ticket_id).update(state=QueueTicket.State.DONE)
        public = lap_payload(lap, frozen_at=cfg.leaderboard_frozen_at, plausible=cfg.plausible_lap_time)
        events.emit(EventType.LAP_FINISHED, lap=public, personal_best=is_personal_best(lap, cfg))
    elif changed.keys() == {"end"} and lap.end is None:  # reopened, as undo would have
        if lap.ticket_id:
            QueueTicket.objects.filter(pk=lap.ticket_id).update(state=QueueTicket.State.RUNNING)
        events.emit(EventType.LAP_RESUMED, lap=lap_payload(lap))
    else:
        resync(model="lap", ids=[lap.pk], action="update")


def lap_delete(*, by, lap_ids: list[int]) -> int:
    """Delete laps that never happened; their tickets stay on record as removed. Returns how many."""
    with transaction.atomic():
        race_lock()
        laps = list(Lap.objects.select_for_update(of=("self",)).filter(pk__in=lap_ids).select_related("runner__group"))
        if not laps:
            return 0
        running = [lap_payload(lap) for lap in laps if lap.end is None]
        for lap in laps:
            audit(by=by, action="delete", target=lap, details=_facts(lap))
        Lap.objects.filter(pk__in=[lap.pk for lap in laps]).delete()
        QueueTicket.objects.filter(pk__in=[lap.ticket_id for lap in laps if lap.ticket_id]).update(
            state=QueueTicket.State.REMOVED, position=None
        )
        if running and len(laps) == 1:
            events.emit(EventType.LAP_REMOVED, lap=running[0])
        else:  # finished laps leave the last laps, the chart and the totals
            resync(model="lap", ids=[lap.pk for lap in laps], action="delete")
        rewards_sync([lap.runner_id for lap in laps])
    return len(laps)


def _locked(lap_id: int) -> Lap:
    lap = Lap.objects.select_for_update().filter(pk=lap_id).first()
    if lap is None:
        raise NotFound(f"There is no lap {lap_id}.")
    return lap


def _reloaded(lap: Lap) -> Lap:
    return with_points(Lap.objects.filter(pk=lap.pk).select_related("runner__group")).get()


def _facts(lap: Lap) -> dict:
    """What the audit keeps of a lap added or deleted by hand: enough to put it back."""
    return {
        "runner": lap.runner_id,
        "ticket": lap.ticket_id,
        "start": lap.start.isoformat(),
        "end": lap.end and lap.end.isoformat(),
        "raining": lap.raining,
    }
