"""The demo's race: who runs each lap and when, in what weather, who waits in the queue; written in chunks."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max

from competition.demo.common import BATCH, RACE
from competition.demo.roster import RunnerRow
from competition.models import Lap, QueueTicket
from competition.services.queue import GAP

MIN_LAP, MAX_LAP = 105.0, 360.0  # 1:45 and 6:00
CHUNK = 5000  # laps built and written at a time


@dataclass
class LapPlan:
    runner_index: list[int]  # which runner row runs each lap, in order
    boundaries: list[datetime]  # lap i runs from boundaries[i] to boundaries[i + 1] (the running lap: no end)
    raining: list[bool]
    queued_at: list[datetime]  # when each lap's ticket was created
    running: bool  # the last lap is still running


def plan_laps(
    rng: random.Random, rows: list[RunnerRow], count: int, *, end: datetime, running: bool, queue: int
) -> LapPlan:
    """Who runs each lap and when: back to back, ending at `end`, filling about 24 hours when possible."""
    if count and not rows:
        raise ValueError("laps need runners")
    # A few enthusiasts run many laps and most people one or two, as at a real relay.
    weights = [rng.lognormvariate(0, 0.9) for _ in rows]
    chosen = rng.choices(range(len(rows)), weights, k=count) if count else []
    for i in range(1, count):
        while chosen[i] == chosen[i - 1] and len(rows) > 1:  # nobody runs two laps in a row
            chosen[i] = rng.randrange(len(rows))

    # Showers come and go: a lap starts in the rain when the weather turned before it.
    raining, wet = [], False
    for _ in range(count):
        wet = rng.random() < (0.9 if wet else 0.012)
        raining.append(wet)

    durations = [
        rows[r].pace * rng.uniform(0.93, 1.12) * (1.06 if wet else 1.0) for r, wet in zip(chosen, raining, strict=True)
    ]
    if running and durations:
        durations[-1] *= rng.uniform(0.15, 0.85)  # the running lap is part way round
    # Stretch or squeeze (within believable paces) so that the laps fill the race's 24 hours.
    scale = min(max(RACE.total_seconds() / sum(durations), 0.75), 1.6) if durations else 1.0
    durations = [min(max(d * scale, MIN_LAP), MAX_LAP) for d in durations]
    if running and durations:
        durations[-1] = min(max(durations[-1], 10.0), MAX_LAP - 30)

    # Boundaries in whole microseconds from one end point, so a lap's start is exactly the
    # previous lap's end (undo finds the previous lap by that equality).
    boundaries = [end]
    for d in reversed(durations):
        boundaries.append(boundaries[-1] - timedelta(microseconds=round(d * 1_000_000)))
    boundaries.reverse()
    if running and count:
        boundaries.pop()  # `end` is now, not the running lap's end
    if not count:
        boundaries = []
    # A runner queued up about as long before their lap as the queue takes to pass.
    wait = max(queue, 1) * (sum(durations) / count if count else 0)
    queued_at = [boundaries[i] - timedelta(seconds=wait * rng.uniform(0.6, 1.3)) for i in range(count)]
    for r, moment in zip(chosen, queued_at, strict=True):
        rows[r].queued(moment)
    return LapPlan(chosen, boundaries, raining, queued_at, running and count > 0)


def plan_queue(
    rng: random.Random, rows: list[RunnerRow], count: int, plan: LapPlan, now: datetime
) -> list[tuple[RunnerRow, datetime]]:
    """`count` distinct runners waiting now, who joined one average lap apart, in order."""
    if count > len(rows):
        raise ValueError("the queue cannot hold more runners than there are")
    candidates = list(range(len(rows)))
    if plan.running and count < len(rows):
        candidates.remove(plan.runner_index[-1])  # the runner on the track is not waiting as well
    waiting = []
    finished = len(plan.boundaries) - 1
    lap = (plan.boundaries[-1] - plan.boundaries[0]) / finished if finished > 0 else timedelta(minutes=3)
    for i, r in enumerate(rng.sample(candidates, count)):
        moment = now - lap * (count - i - rng.uniform(0, 0.8))
        rows[r].queued(moment)
        waiting.append((rows[r], moment))
    return waiting


def write_laps(plan: LapPlan, rows: list[RunnerRow]) -> None:
    """Every lap with its own ticket: done for a finished lap, running for the running one.

    In chunks, so that a few thousand model instances are alive at a time rather than 400,000
    (which the garbage collector would walk again and again).
    """
    count = len(plan.runner_index)
    ends = (plan.boundaries[1:] + [None])[:count]  # the running lap has none
    for first in range(0, count, CHUNK):
        laps = range(first, min(first + CHUNK, count))
        tickets = QueueTicket.objects.bulk_create(
            [
                QueueTicket(
                    runner_id=rows[plan.runner_index[i]].pk,
                    created_at=plan.queued_at[i],
                    position=None,
                    state=QueueTicket.State.RUNNING if plan.running and i == count - 1 else QueueTicket.State.DONE,
                )
                for i in laps
            ],
            batch_size=BATCH,
        )
        Lap.objects.bulk_create(
            [
                Lap(
                    runner_id=ticket.runner_id,
                    ticket_id=ticket.pk,
                    start=plan.boundaries[i],
                    end=ends[i],
                    raining=plan.raining[i],
                )
                for i, ticket in zip(laps, tickets, strict=True)
            ],
            batch_size=BATCH,
        )


def write_queue(waiting: list[tuple[RunnerRow, datetime]]) -> int:
    """The waiting tickets, behind whoever is waiting already, GAP apart as services/queue.py expects."""
    tail = QueueTicket.objects.filter(state=QueueTicket.State.WAITING).aggregate(tail=Max("position"))["tail"] or 0
    tickets = [
        QueueTicket(runner_id=row.pk, created_at=moment, position=tail + (i + 1) * GAP)
        for i, (row, moment) in enumerate(waiting)
    ]
    QueueTicket.objects.bulk_create(tickets, batch_size=BATCH)
    return len(tickets)
