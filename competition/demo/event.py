"""The event around the race: the kiosk's user, criteria, groups, happy hours, shifts and settings."""

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as UserGroup
from django.utils import timezone

from competition.demo.common import RACE, DemoResult
from competition.demo.laps import LapPlan
from competition.demo.names import ASSOCIATIONS
from competition.demo.roster import RunnerRow
from competition.folding import fold
from competition.models import Criterion, EventSettings, Group, HappyHour, Shift

KIOSK_USER = "competition"

# name, hours after the race start, length in hours, multiplier
HAPPY_HOURS = [
    ("Pizza hour", 3, 1, 2),
    ("Midnight madness", 9, 1, 3),
    ("Breakfast run", 15.5, 1, 2),
    ("Final sprint", 22.5, 2.5, 2),
]

# upper limit in seconds, points; slower laps get the base criterion's points
CRITERIA = [(150, 10), (180, 7), (240, 5)]
BASE_POINTS = 2

SHIFT_HOURS = 2


def add_kiosk_user(result: DemoResult) -> None:
    """The competition/competition login of the queue-up kiosk; an existing one keeps its password."""
    user, created = get_user_model().objects.get_or_create(username=KIOSK_USER)
    if created:
        user.set_password(KIOSK_USER)
        user.save(update_fields=["password"])
        result.notes.append("Created the user competition/competition for the queue-up kiosk.")
    user.groups.add(UserGroup.objects.get(name="competition"))


def add_criteria(result: DemoResult) -> None:
    """The demo's points table, unless criteria were set up already (never overwrite real ones)."""
    if Criterion.objects.filter(base=False).exists():
        result.notes.append("Kept the existing criteria.")
        return
    Criterion.objects.bulk_create(
        [Criterion(upper_limit=timedelta(seconds=limit), points=points) for limit, points in CRITERIA]
    )
    base = Criterion.objects.filter(base=True).first()
    if base is None:
        Criterion.objects.create(upper_limit=timedelta(hours=1), points=BASE_POINTS, base=True)
    else:
        Criterion.objects.filter(pk=base.pk).update(points=BASE_POINTS)


def add_groups(rng: random.Random, count: int) -> list[Group]:
    # Group names are unique ignoring case and accents: so is what is taken.
    taken = {fold(name) for name in Group.objects.values_list("name", flat=True)}
    names = [name for name in ASSOCIATIONS if fold(name) not in taken]
    rng.shuffle(names)
    suffix = 2
    while len(names) < count:  # more groups than associations: a second team of the same club
        names += [f"{name} {suffix}" for name in ASSOCIATIONS if fold(f"{name} {suffix}") not in taken]
        suffix += 1
    return Group.objects.bulk_create([Group(name=name) for name in sorted(names[:count])])


def add_happy_hours(rng: random.Random, race_start: datetime, groups: list[Group], result: DemoResult) -> None:
    # competition_init's base happy hour starts when it ran; let it cover the demo's race in the admin too.
    HappyHour.objects.filter(base=True, start__gt=race_start).update(start=race_start)
    if HappyHour.objects.filter(base=False).exists():
        result.notes.append("Kept the existing happy hours.")
        return
    created = HappyHour.objects.bulk_create(
        [
            HappyHour(
                name=name,
                start=race_start + timedelta(hours=after),
                end=race_start + timedelta(hours=after + length),
                multiplier=multiplier,
            )
            for name, after, length, multiplier in HAPPY_HOURS
        ]
    )
    links = []
    for happy_hour in created:
        for group in rng.sample(groups, min(len(groups), rng.randint(1, 3))):
            links.append(Group.happy_hours.through(happyhour_id=happy_hour.pk, group_id=group.pk))
    Group.happy_hours.through.objects.bulk_create(links)


def add_shifts(
    rng: random.Random, race_start: datetime, rows: list[RunnerRow], result: DemoResult, *, now: datetime | None = None
) -> None:
    """Two-hour shifts at the stand over the race; about half the runners signed up for one or two.

    With `now`, shifts go on until two start after it, so the Shift board has a current and a next
    shift to show (a race of exactly 24 hours that started 24 hours ago would have neither).
    """
    if Shift.objects.exists():
        result.notes.append("Kept the existing shifts.")
        return
    length = timedelta(hours=SHIFT_HOURS)
    starts = [race_start + n * length for n in range(int(RACE / length))]
    while now is not None and starts[-1] < now + length:
        starts.append(starts[-1] + length)

    def shift_at(start: datetime) -> Shift:
        local_start, local_end = timezone.localtime(start), timezone.localtime(start + length)
        return Shift(name=f"Stand {local_start:%a %H:%M}–{local_end:%H:%M}", start=start, end=start + length)

    shifts = Shift.objects.bulk_create([shift_at(start) for start in starts])
    planned, extra = shifts[: int(RACE / length)], shifts[int(RACE / length) :]
    for row in rows:
        draw = rng.random()
        if draw < 0.5:
            row.shifts = rng.sample(planned, 2 if draw < 0.1 else 1)
    # The shifts past the first 24 hours: every eighth runner without a shift, without new random
    # draws (the demo's other data stays what the seed gave before).
    free = [row for row in rows if not row.shifts]
    for k, shift in enumerate(extra):
        for row in free[k::8]:
            row.shifts = [shift]


def update_settings(cfg: EventSettings, race_start: datetime, now: datetime, plan: LapPlan, *, fresh: bool) -> None:
    if cfg.title == settings.TITLE:
        cfg.title = f"{settings.TITLE} (demo)"
    if fresh or cfg.race_start is None or race_start < cfg.race_start:
        cfg.race_start = race_start
    if fresh or cfg.race_end is None:
        # A 24-hour race that is still on: ending 24 hours after its start, or soon when the demo
        # has more laps than fit in a day.
        cfg.race_end = max(cfg.race_start + RACE, now + timedelta(hours=1))
    if plan.running:
        cfg.raining = plan.raining[-1]  # the rain status the running lap started with
    cfg.save()
