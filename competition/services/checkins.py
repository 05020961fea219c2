"""Shift check-ins (SPEC section 5, Shift board): by a scan at the kiosk, or by hand by staff.

A check-in is one row per runner and shift (a unique constraint: two kiosks scanning the same
card at once make one). Each is audited and announced with counts only: who is in which shift is
private, so boards reload it (selectors.shift_board).
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from competition import events
from competition.errors import NotFound
from competition.event_payloads import EventType
from competition.models import CHECK_IN_OPENS, CheckIn, Runner, Shift
from competition.payloads import iso, runner_public, shift_ref
from competition.services.common import audit


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _announce(shift: Shift) -> int:
    checked_in = CheckIn.objects.filter(shift=shift).count()
    missing = shift.runners.exclude(check_ins__shift=shift).count()
    return events.emit(EventType.CHECKED_IN, shift=shift.pk, checked_in=checked_in, missing=missing)


def _check_in(*, by, runner: Runner, shift: Shift, manual: bool, at: datetime) -> tuple[CheckIn, bool]:
    """The runner's check-in for the shift, made at `at` unless there is one; inside the caller's transaction."""
    existing = CheckIn.objects.filter(runner=runner, shift=shift).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():  # a savepoint: another kiosk may check the same card in at once
            check_in = CheckIn.objects.create(runner=runner, shift=shift, at=at, by=_user(by), manual=manual)
    except IntegrityError:
        return CheckIn.objects.get(runner=runner, shift=shift), False
    audit(by=by, action="check_in", target=check_in, details={"runner": runner.pk, "shift": shift.pk, "manual": manual})
    _announce(shift)
    return check_in, True


def checkin_scan(*, by, runner: Runner) -> list[dict]:
    """A scan at the kiosk: check the runner in for every shift of theirs whose window is open now.

    The window opens CHECK_IN_OPENS before the shift starts and closes at its end (both included).
    Returns each such shift with the check-in, `new` when this scan made it.
    """
    now = timezone.now()
    shifts = runner.shifts.filter(start__lte=now + CHECK_IN_OPENS, end__gte=now).order_by("start", "pk")
    answer = []
    with transaction.atomic():
        for shift in shifts:
            # Stamped with the moment the window was judged by: never a hair after the shift's end.
            check_in, new = _check_in(by=by, runner=runner, shift=shift, manual=False, at=now)
            answer.append({"shift": shift_ref(shift), "at": iso(check_in.at), "new": new})
    return answer


def checkin_set(*, by, shift_id: int, runner_id: int, checked_in: bool) -> dict:
    """Staff check a runner in or out by hand (any runner: a stand-in is checked in too)."""
    with transaction.atomic():
        shift = Shift.objects.filter(pk=shift_id).first()
        if shift is None:
            raise NotFound(f"There is no shift {shift_id}.")
        runner = Runner.objects.select_related("group").filter(pk=runner_id).first()
        if runner is None:
            raise NotFound(f"There is no runner {runner_id}.", code="unknown_runner")
        at = None
        if checked_in:
            check_in, _ = _check_in(by=by, runner=runner, shift=shift, manual=True, at=timezone.now())
            at = check_in.at
        else:
            check_in = CheckIn.objects.select_for_update().filter(runner=runner, shift=shift).first()
            if check_in is not None:
                audit(
                    by=by,
                    action="check_out",
                    target=check_in,
                    details={"runner": runner.pk, "shift": shift.pk, "at": check_in.at.isoformat()},
                )
                check_in.delete()
                _announce(shift)
        seq = events.current_seq()
    return {"shift": shift.pk, "runner": runner_public(runner), "checked_in": checked_in, "at": iso(at), "seq": seq}
