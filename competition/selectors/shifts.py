"""The Shift board (SPEC section 5): the current and next shifts, who has checked in, who is missing."""

from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from competition.models import CheckIn, Runner, Shift
from competition.payloads import iso, runner_public, shift_ref
from competition.stream import current_seq


def _by_group(runner: Runner) -> tuple:
    # Missing runners come by group, so a volunteer can call a whole group at once.
    return (
        runner.group is None,
        runner.group.name.casefold() if runner.group else "",
        runner.last_name,
        runner.first_name,
    )


def board_shifts(now: datetime) -> list[tuple[Shift, str]]:
    """The shifts running now, then those that start next (several may start at once)."""
    current = list(Shift.objects.filter(start__lte=now, end__gt=now).order_by("start", "pk"))
    next_start = Shift.objects.filter(start__gt=now).aggregate(first=Min("start"))["first"]
    upcoming = list(Shift.objects.filter(start=next_start).order_by("pk")) if next_start else []
    return [(shift, "current") for shift in current] + [(shift, "next") for shift in upcoming]


def shift_board(now: datetime | None = None) -> dict:
    """The board, in four queries whatever the number of runners."""
    now = now or timezone.now()
    seq = current_seq()  # before the reads: an event after them makes the board reload again
    shifts = board_shifts(now)
    ids = [shift.pk for shift, _ in shifts]
    members: dict[int, list[Runner]] = {pk: [] for pk in ids}
    for row in Runner.shifts.through.objects.filter(shift_id__in=ids).select_related("runner__group"):
        members[row.shift_id].append(row.runner)
    check_ins: dict[int, list[CheckIn]] = {pk: [] for pk in ids}
    for check_in in CheckIn.objects.filter(shift_id__in=ids).select_related("runner__group").order_by("at", "pk"):
        check_ins[check_in.shift_id].append(check_in)
    board = []
    for shift, when in shifts:
        expected = {runner.pk for runner in members[shift.pk]}
        arrived = {check_in.runner_id for check_in in check_ins[shift.pk]}
        missing = sorted((r for r in members[shift.pk] if r.pk not in arrived), key=_by_group)
        board.append(
            {
                **shift_ref(shift),
                "when": when,
                "checked_in": [
                    {
                        "runner": runner_public(check_in.runner),
                        "at": iso(check_in.at),
                        "manual": check_in.manual,
                        "in_shift": check_in.runner_id in expected,
                    }
                    for check_in in check_ins[shift.pk]
                ],
                "missing": [{"runner": runner_public(runner)} for runner in missing],
            }
        )
    return {"server_time": iso(now), "seq": seq, "shifts": board}
