"""The race's invariants, checked from the raw rows (SPEC section 2): after a crash, a restore or a test.

Each check returns sentences a person can act on; an empty list means the race is consistent.
The database enforces most of these itself (constraints and partial unique indexes); checking
them again costs little and also covers what only the code keeps: stored points that follow the
rule, tickets and laps that agree, rewards that follow the finished laps, check-ins made by scans
within their shift's window, and an event log without holes.
"""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, Max
from django.utils import timezone
from django_eventstream.models import Event as StoredEvent

from competition import events
from competition.models import AuditEntry, CheckIn, Lap, Milestone, QueueTicket, Reward, check_in_window
from competition.scoring import computed_points

State = QueueTicket.State


def problems() -> list[str]:
    """Every broken invariant, as sentences (empty: all hold)."""
    return [*_laps(), *_queue(), *_tickets(), *_points(), *_rewards(), *_check_ins(), *_events()]


def _laps() -> list[str]:
    found = []
    running = list(Lap.objects.filter(end__isnull=True).values_list("id", flat=True))
    if len(running) > 1:
        found.append(f"{len(running)} laps are running at once (ids {running}); at most one may run.")
    for pk, start, end in Lap.objects.filter(end__isnull=False).values_list("id", "start", "end"):
        if end <= start:
            found.append(f"Lap {pk} ends ({end}) before it starts ({start}).")
    return found


def _queue() -> list[str]:
    found = []
    waiting = list(QueueTicket.objects.filter(state=State.WAITING).values_list("id", "position", "runner"))
    if any(position is None for _, position, _ in waiting):
        found.append("A waiting ticket has no position.")
    for position, count in Counter(p for _, p, _ in waiting).items():
        if count > 1:
            found.append(f"{count} waiting tickets share the position {position}.")
    for runner, count in Counter(r for _, _, r in waiting).items():
        if count > 1:
            found.append(f"Runner {runner} has {count} waiting tickets; at most one may wait.")
    return found


def _tickets() -> list[str]:
    found = []
    laps_of = dict(Lap.objects.filter(ticket__isnull=False).values_list("ticket", "end"))
    for pk, state in QueueTicket.objects.values_list("id", "state"):
        has_lap, lap_end = pk in laps_of, laps_of.get(pk)
        if state == State.RUNNING and not (has_lap and lap_end is None):
            found.append(f"Ticket {pk} is running but has no running lap.")
        elif state == State.DONE and not (has_lap and lap_end is not None):
            found.append(f"Ticket {pk} is done but has no finished lap.")
        elif state in (State.WAITING, State.REMOVED) and has_lap:
            found.append(f"Ticket {pk} is {state} but has a lap.")
    return found


def _points() -> list[str]:
    found = []
    if Lap.objects.filter(end__isnull=True, points__isnull=False).exists():
        found.append("The running lap has points; a lap gets its points when it finishes.")
    stored = computed_points(Lap.objects.filter(end__isnull=False)).values_list("id", "points", "rule_points")
    for pk, points, rule in stored:
        if points != rule:
            found.append(f"Lap {pk} has {points} points stored; the rule gives {rule}.")
    return found


def _rewards() -> list[str]:
    """One reward per runner and milestone reached, none due without its laps (SPEC section 5)."""
    found = []
    finished = Lap.objects.filter(end__isnull=False, runner__isnull=False).order_by()
    counts = dict(finished.values("runner").annotate(n=Count("id")).values_list("runner", "n"))
    milestones = {m.pk: m for m in Milestone.objects.all()}
    laps = dict(Lap.objects.filter(pk__in=Reward.objects.values("lap")).values_list("id", "runner"))
    laps_finished = set(finished.filter(pk__in=Reward.objects.values("lap")).values_list("id", flat=True))
    rows = list(Reward.objects.values_list("id", "runner", "milestone", "lap", "handed_out_at", "unearned"))
    for (runner, milestone), count in Counter((runner, m) for _, runner, m, *_ in rows).items():
        if count > 1:
            found.append(f"Runner {runner} has {count} rewards for “{milestones[milestone]}”; one at most.")
    for pk, runner, milestone, lap, handed_out_at, unearned in rows:
        has, needs = counts.get(runner, 0), milestones[milestone].laps
        if handed_out_at is None and has < needs:
            found.append(f"Reward {pk} is due to runner {runner} for {needs} laps, but they have {has} finished laps.")
        elif handed_out_at is None and not (lap in laps_finished and laps[lap] == runner):
            which = f"lap {lap}, which is not a finished lap of theirs" if lap else "no lap"
            found.append(f"Reward {pk} is due to runner {runner} for {which}.")
        elif handed_out_at is not None and unearned != (has < needs):
            state = "flagged unearned" if unearned else "not flagged unearned"
            found.append(f"Reward {pk} was handed out and is {state}, but runner {runner} has {has} of {needs} laps.")
    rewarded = {(runner, milestone) for _, runner, milestone, *_ in rows}
    for runner, count in sorted(counts.items()):
        for milestone in milestones.values():
            if count >= milestone.laps and (runner, milestone.pk) not in rewarded:
                found.append(f"Runner {runner} has {count} finished laps but no reward for “{milestone}”.")
    return found


def _check_ins() -> list[str]:
    """One check-in per runner and shift; one made by a scan lies within its shift's window."""
    found = []
    doubled = CheckIn.objects.values("runner", "shift").annotate(n=Count("id")).filter(n__gt=1).order_by()
    for row in doubled:
        found.append(f"Runner {row['runner']} has {row['n']} check-ins for shift {row['shift']}; one at most.")
    soon = timezone.now() + timedelta(minutes=1)  # a little clock skew between processes
    for pk, at in CheckIn.objects.filter(at__gt=soon).values_list("id", "at"):
        found.append(f"Check-in {pk} is dated in the future ({at}).")
    # A shift staff moved after the scan no longer holds it: that is their change, not a fault.
    moved = dict(
        AuditEntry.objects.filter(target_type="shift", action=AuditEntry.Action.UPDATE)
        .values("target_id")
        .annotate(last=Max("at"))
        .values_list("target_id", "last")
    )
    for check_in in CheckIn.objects.filter(manual=False).select_related("shift"):
        opens, closes = check_in_window(check_in.shift)
        outside = not opens <= check_in.at <= closes  # a scan is stamped with the moment it was judged by
        if outside and moved.get(str(check_in.shift_id), check_in.at) <= check_in.at:
            found.append(
                f"Check-in {check_in.pk} of runner {check_in.runner_id} was scanned at {check_in.at}, outside the "
                f"window of “{check_in.shift}” ({opens} to {closes})."
            )
    return found


def _events() -> list[str]:
    """The stored events are numbered without holes up to the counter (older ones may be trimmed)."""
    last = events.current_seq()
    eids = sorted(StoredEvent.objects.filter(channel=events.CHANNEL).values_list("eid", flat=True))
    if not eids:
        return [] if last == 0 else [f"The event counter is at {last} but no event is stored."]
    expected = list(range(eids[0], last + 1))
    if eids == expected:
        return []
    missing = sorted(set(expected) - set(eids))
    extra = sorted(e for e, n in Counter(eids).items() if n > 1 or e > last)
    return [f"The event log has holes or extra events: missing {missing[:10]}, extra {extra[:10]} (counter {last})."]
