"""A believable demo event for `competition_create_dummy_data`, built with bulk inserts.

The race is generated in memory first (who runs which lap, when, in what weather) and then
written table by table with the ORM's bulk_create in one transaction, so 200,000 laps take
seconds. Open screens hear about it through one `resync` event at the end (they reload their
snapshot) instead of one event per row.

event.py makes the event around the race (criteria, groups, happy hours, shifts, settings),
roster.py the runners, laps.py the laps and the queue, night.py the milestones, the rewards the
laps earned and the shifts' check-ins; names.py holds the names they draw from.
"""

import gc
import random
import time
from contextlib import contextmanager
from datetime import datetime

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from competition.demo.common import RACE, DemoResult
from competition.demo.event import (
    KIOSK_USER,
    add_criteria,
    add_groups,
    add_happy_hours,
    add_kiosk_user,
    add_shifts,
    update_settings,
)
from competition.demo.laps import plan_laps, plan_queue, write_laps, write_queue
from competition.demo.night import add_milestones, plan_check_ins, write_check_ins, write_rewards
from competition.demo.roster import plan_registration_times, plan_runners, write_runners, write_shift_memberships
from competition.models import Lap, Runner, University
from competition.scoring import store_points
from competition.services.common import audit, race_lock, resync

__all__ = ["DemoResult", "demo_create", "race_data_exists"]


def race_data_exists() -> bool:
    return Runner.objects.exists() or Lap.objects.exists()


def demo_create(
    *, runners: int, groups: int, laps: int, queue: int, seed: int, now: datetime | None = None
) -> DemoResult:
    """Add a demo event: a kiosk user, groups, criteria, milestones, happy hours, shifts, runners, laps and a queue."""
    started = time.monotonic()
    rng = random.Random(seed)
    now = now or timezone.now()
    result = DemoResult(seed=seed)
    with transaction.atomic():
        cfg = race_lock()  # no lap or queue change may interleave with ours
        add_kiosk_user(result)
        add_criteria(result)
        add_milestones(result)
        university = University.objects.get(abbreviation="KU Leuven")
        new_groups = add_groups(rng, groups)
        runner_rows = plan_runners(rng, runners, new_groups)

        # New laps end now, with one running; if laps already exist they end where the earliest
        # one starts and all finish, so the timeline never overlaps and one lap at most runs.
        earliest = Lap.objects.aggregate(first=Min("start"))["first"]
        plan = plan_laps(rng, runner_rows, laps, end=earliest or now, running=earliest is None, queue=queue)
        waiting = plan_queue(rng, runner_rows, queue, plan, now)
        race_start = plan.boundaries[0] if plan.boundaries else now - RACE
        add_happy_hours(rng, race_start, new_groups, result)
        add_shifts(rng, race_start, runner_rows, result, now=now)
        plan_registration_times(rng, runner_rows, race_start, now)
        check_ins = plan_check_ins(rng, runner_rows, now)
        with _plan_frozen():
            write_runners(runner_rows, university)
            write_laps(plan, runner_rows)
            write_shift_memberships(runner_rows)
            write_check_ins(check_ins, KIOSK_USER)
            result.queued = write_queue(waiting)
        update_settings(cfg, race_start, now, plan, fresh=earliest is None)

        result.runners, result.groups, result.laps = len(runner_rows), len(new_groups), len(plan.runner_index)
        result.running = plan.running
        audit(
            by=None,
            action="create",
            target=None,
            details={"demo": {"runners": result.runners, "laps": result.laps, "queued": result.queued, "seed": seed}},
        )
        store_points(Lap.objects.filter(points__isnull=True))
        write_rewards(runner_rows, now)
        resync(model="all", ids=[], action="demo")
    result.seconds = time.monotonic() - started
    return result


@contextmanager
def _plan_frozen():
    """Keep the garbage collector off the plan while the model instances are written.

    bulk_create builds a few objects per value; each collection would otherwise walk the plan's
    hundreds of thousands of objects again, though they live until the demo is written.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
