"""The race's invariants, checked from the raw rows (SPEC section 2): after a crash, a restore or a test.

Each check returns sentences a person can act on; an empty list means the race is consistent.
The database enforces most of these itself (constraints and partial unique indexes); checking
them again costs little and also covers what only the code keeps: stored points that follow the
rule, tickets and laps that agree, and an event log without holes.
"""

from collections import Counter

from django_eventstream.models import Event as StoredEvent

from competition import events
from competition.models import Lap, QueueTicket
from competition.scoring import computed_points

State = QueueTicket.State


def problems() -> list[str]:
    """Every broken invariant, as sentences (empty: all hold)."""
    return [*_laps(), *_queue(), *_tickets(), *_points(), *_events()]


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
