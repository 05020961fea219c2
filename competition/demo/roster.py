"""The demo's runners: who they are, which group, how fast, when they registered; written in bulk."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from competition.demo.common import BATCH
from competition.demo.names import FIRST_NAMES, LAST_NAMES
from competition.models import Group, Runner, Shift, University


@dataclass(slots=True)
class RunnerRow:
    """A runner being generated, with what the generator needs to know about them."""

    first_name: str
    last_name: str
    identification: str
    group: Group | None
    test_time: timedelta | None
    first_year: bool
    pace: float  # seconds per lap on a dry track
    pk: int | None = None
    registered_at: datetime | None = None
    shifts: list[Shift] = field(default_factory=list)
    first_ticket: datetime | None = None  # when they first queued up, if ever

    def queued(self, moment: datetime) -> None:
        if self.first_ticket is None or moment < self.first_ticket:
            self.first_ticket = moment


def _identifications(rng: random.Random, count: int) -> list[str]:
    """Distinct, unused KU Leuven-style IDs (r07..., r08..., r09..., like those of recent years)."""
    taken = set(Runner.objects.filter(identification__regex=r"^r\d{7}$").values_list("identification", flat=True))
    space = range(700_000, 1_000_000) if count + len(taken) < 150_000 else range(10_000_000)
    picked = [f"r{n:07d}" for n in rng.sample(space, min(len(space), count + len(taken)))]
    free = [ident for ident in picked if ident not in taken][:count]
    if len(free) < count:
        raise ValueError("not enough free student IDs for that many runners")
    return free


def plan_runners(rng: random.Random, count: int, groups: list[Group]) -> list[RunnerRow]:
    weights = [rng.uniform(0.4, 2.0) for _ in groups]  # some clubs bring many more runners
    rows = []
    for identification in _identifications(rng, count):
        pace = min(max(rng.gauss(200, 35), 115.0), 330.0)
        rows.append(
            RunnerRow(
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                identification=identification,
                group=rng.choices(groups, weights)[0] if groups and rng.random() < 0.85 else None,
                test_time=timedelta(seconds=round(pace * rng.uniform(0.95, 1.05))) if rng.random() < 0.3 else None,
                first_year=rng.random() < 0.3,
                pace=pace,
            )
        )
    return rows


def plan_registration_times(rng: random.Random, rows: list[RunnerRow], race_start: datetime, now: datetime) -> None:
    """Most runners pre-registered in the weeks before; the others at the kiosk just before queueing."""
    for row in rows:
        pre_registered = race_start - timedelta(hours=rng.uniform(1, 24 * 20))
        if row.first_ticket is None:  # never queued: registered, maybe during the race, but not run yet
            moment = pre_registered if rng.random() < 0.7 else race_start + (now - race_start) * rng.random()
        elif rng.random() < 0.7:
            moment = min(pre_registered, row.first_ticket - timedelta(minutes=1))
        else:
            moment = row.first_ticket - timedelta(minutes=rng.uniform(1, 10))
        row.registered_at = moment


def write_runners(rows: list[RunnerRow], university: University) -> None:
    runners = Runner.objects.bulk_create(
        [
            Runner(
                first_name=r.first_name,
                last_name=r.last_name,
                identification=r.identification,
                university=university,
                group=r.group,
                test_time=r.test_time,
                first_year=r.first_year,
                registered_at=r.registered_at,
            )
            for r in rows
        ],
        batch_size=BATCH,
    )
    for row, runner in zip(rows, runners, strict=True):
        row.pk = runner.pk


def write_shift_memberships(rows: list[RunnerRow]) -> None:
    through = Runner.shifts.through
    links = [through(runner_id=row.pk, shift_id=shift.pk) for row in rows for shift in row.shifts]
    through.objects.bulk_create(links, batch_size=BATCH)
