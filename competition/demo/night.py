"""The night's people in the demo: milestones and their rewards, and check-ins for the shifts.

Written in bulk like the rest of the demo (one `resync` event covers them). The rewards are not
invented here: services.rewards.rewards_sync makes them from the laps, as every lap write does,
and the demo only marks the older ones handed out.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F

from competition.demo.common import BATCH, DemoResult
from competition.demo.roster import RunnerRow
from competition.models import CHECK_IN_OPENS, CheckIn, Milestone, Reward
from competition.services.rewards import rewards_sync

# finished laps, reward
MILESTONES = [(2, "a drink voucher"), (4, "a T-shirt"), (6, "a medal")]

CHECKED_IN = 0.85  # of a shift's runners come (the others are called, or a stand-in runs)
BY_HAND = 0.05  # of the check-ins staff made by hand (a forgotten card)
HANDED_OUT_AFTER = timedelta(minutes=20)  # a reward reached longer ago than this was probably collected


@dataclass(slots=True)
class PlannedCheckIn:
    row: RunnerRow
    shift_id: int
    at: datetime
    manual: bool


def add_milestones(result: DemoResult) -> None:
    """The demo's rewards at 2, 4 and 6 laps, unless staff set milestones up already."""
    if Milestone.objects.exists():
        result.notes.append("Kept the existing milestones.")
        return
    Milestone.objects.bulk_create([Milestone(laps=laps, reward=reward) for laps, reward in MILESTONES])


def plan_check_ins(rng: random.Random, rows: list[RunnerRow], now: datetime) -> list[PlannedCheckIn]:
    """Most runners scanned in the half hour before their shift (a few in its first minutes); none in the future."""
    planned = []
    for row in rows:
        for shift in row.shifts:
            if rng.random() >= CHECKED_IN:
                continue
            manual = rng.random() < BY_HAND
            if manual:  # staff checked them in by hand, some time during the shift
                at = shift.start + (shift.end - shift.start) * rng.random()
            elif rng.random() < 0.8:
                at = shift.start - CHECK_IN_OPENS * rng.uniform(0, 0.9)
            else:
                at = shift.start + timedelta(minutes=rng.uniform(0, 20))
            if row.registered_at is not None and at < row.registered_at:
                at = row.registered_at + timedelta(seconds=rng.uniform(20, 120))  # signed up, then scanned
            if at > min(now, shift.end):  # not come yet (the shift is later tonight), or too late
                continue
            planned.append(PlannedCheckIn(row, shift.pk, at, manual))
    return planned


def write_check_ins(planned: list[PlannedCheckIn], kiosk_username: str) -> int:
    kiosk = get_user_model().objects.get(username=kiosk_username)
    CheckIn.objects.bulk_create(
        [
            CheckIn(runner_id=c.row.pk, shift_id=c.shift_id, at=c.at, manual=c.manual, by=None if c.manual else kiosk)
            for c in planned
        ],
        batch_size=BATCH,
    )
    return len(planned)


def write_rewards(rows: list[RunnerRow], now: datetime) -> None:
    """The rewards the laps earned, as the lap services keep them; most of the older ones handed out.

    Under the race lock. rewards_sync looks at everybody (an earlier demo's runners have no new
    laps, so theirs stay as they were); only this demo's runners, whose ids come after every
    earlier runner's, get rewards marked handed out: nine in ten, a few minutes after they were
    reached. By the reward's id rather than the random generator, so that it takes nine UPDATEs
    (a bulk_update of 40,000 rows is a CASE as long, and takes half a minute on SQLite).
    """
    rewards_sync(None, announce=False)
    if not rows:
        return
    collected = Reward.objects.filter(
        runner_id__gte=min(row.pk for row in rows),
        handed_out_at__isnull=True,
        reached_at__lt=now - HANDED_OUT_AFTER,
    ).alias(slot=F("id") % 10)
    for slot in range(1, 10):  # slot 0: still due
        collected.filter(slot=slot).update(handed_out_at=F("reached_at") + timedelta(minutes=2 * slot))
