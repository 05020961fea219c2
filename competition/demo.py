"""A believable demo event for `competition_create_dummy_data`, built with bulk inserts.

The race is generated in memory first (who runs which lap, when, in what weather) and then
written table by table with the ORM's bulk_create in one transaction, so 200,000 laps take
seconds. Open screens hear about it through one `resync` event at the end (they reload their
snapshot) instead of one event per row.
"""

import gc
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as UserGroup
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from competition.folding import fold
from competition.models import Criterion, EventSettings, Group, HappyHour, Lap, QueueTicket, Runner, Shift, University
from competition.scoring import store_points
from competition.services.common import audit, race_lock, resync
from competition.services.queue import GAP

KIOSK_USER = "competition"

FIRST_NAMES = [
    "Lars", "Wout", "Arne", "Jonas", "Pieter", "Thomas", "Robbe", "Seppe", "Jens", "Ruben",
    "Maarten", "Bram", "Wannes", "Stijn", "Jasper", "Tibo", "Lander", "Mathias", "Sander", "Bert",
    "Kobe", "Lowie", "Warre", "Milan", "Senne", "Brent", "Jef", "Toon", "Korneel", "Dries",
    "Niels", "Joris", "Michiel", "Emiel", "Gilles", "Vincent", "Hannes", "Sebastiaan", "Cedric", "Xander",
    "Lotte", "Marie", "Hanne", "Elien", "Laura", "Fien", "Ine", "Febe", "Noor", "Lore",
    "Emma", "Julie", "Sarah", "Charlotte", "Lien", "Margot", "Ellen", "Jolien", "Annelies", "Nele",
    "Zoë", "Chloë", "Anaïs", "Eline", "Amber", "Silke", "Kato", "Lisa", "Yana", "Jana",
    "Saar", "Anke", "Sofie", "Griet", "Katrien", "Lieze", "Marthe", "Tine", "Axelle", "Febe",
]  # fmt: skip

LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
    "Dubois", "Lambert", "Dupont", "Hermans", "Aerts", "Van den Broeck", "Vermeulen", "Pauwels", "Michiels", "Desmet",
    "De Clercq", "Martens", "Van Damme", "Verstraete", "Claeys", "Segers", "Lemmens", "Smets", "Coppens", "Stevens",
    "Verhoeven", "Van de Velde", "Leclercq", "Cools", "Baert", "Moens", "Vandenberghe", "Thys", "Devos", "De Backer",
    "Bogaerts", "Wuyts", "Verbeke", "Van Hecke", "Declercq", "Geerts", "Vermeersch", "Hendrickx", "Dierckx", "Vos",
    "Van Acker", "Huysmans", "Luyten", "Mattheus", "Verlinden", "Timmermans", "Vanhoutte", "De Meyer", "Cuypers",
    "Vandamme", "Van Dyck", "Jorissen", "Bosmans", "Nijs", "Govaerts", "Van Gorp", "Wijns", "Vanderstraeten",
    "Van Loock", "Boeckx", "Heylen", "Meeus", "Verhaegen", "Billiet", "Goris", "Vanhove", "Op de Beeck", "Schepers",
    "Vermeiren", "Swinnen", "Van Roey", "Verbruggen", "Van Calster", "Lenaerts", "Vanheusden", "Celis", "Spruyt",
]  # fmt: skip

# Faculty circles (kringen), sports and regional clubs and halls of residence, as at KU Leuven.
ASSOCIATIONS = [
    "VTK", "Medica", "Ekonomika", "Wina", "LBK", "Apolloon", "Historia", "Politika", "Psychokring", "VRG",
    "Pedagogische Kring", "Chemika", "Germania", "Merkator", "Farmaceutica", "Industria", "Geos", "Crimen",
    "Filosofica", "Dentalia", "Babylon", "Eoos", "Alfa", "Mecenas", "Antwerpse Club", "Kempense Club",
    "Limburgse Studentenclub", "Gentse Club", "Brugse Club", "Home Vesalius", "Home Fabiola", "Pauscollege",
    "Lerkeveld", "Camillo Torres", "Home Bodart", "Sedes Sapientiae", "Justus Lipsius", "Home Salvator",
]  # fmt: skip

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

RACE = timedelta(hours=24)
MIN_LAP, MAX_LAP = 105.0, 360.0  # 1:45 and 6:00
SHIFT_HOURS = 2
BATCH = 1000  # rows per INSERT at most (Django lowers it to what the database takes)
CHUNK = 5000  # laps built and written at a time


@dataclass
class DemoResult:
    runners: int = 0
    groups: int = 0
    laps: int = 0
    queued: int = 0
    seed: int = 0
    running: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def race_data_exists() -> bool:
    return Runner.objects.exists() or Lap.objects.exists()


def demo_create(
    *, runners: int, groups: int, laps: int, queue: int, seed: int, now: datetime | None = None
) -> DemoResult:
    """Add a demo event: a kiosk user, groups, criteria, happy hours, shifts, runners, laps and a queue."""
    started = time.monotonic()
    rng = random.Random(seed)
    now = now or timezone.now()
    result = DemoResult(seed=seed)
    with transaction.atomic():
        cfg = race_lock()  # no lap or queue change may interleave with ours
        _kiosk_user(result)
        _criteria(result)
        university = University.objects.get(abbreviation="KU Leuven")
        new_groups = _groups(rng, groups)
        runner_rows = _runners(rng, runners, new_groups)

        # New laps end now, with one running; if laps already exist they end where the earliest
        # one starts and all finish, so the timeline never overlaps and one lap at most runs.
        earliest = Lap.objects.aggregate(first=Min("start"))["first"]
        plan = _plan_laps(rng, runner_rows, laps, end=earliest or now, running=earliest is None, queue=queue)
        waiting = _plan_queue(rng, runner_rows, queue, plan, now)
        race_start = plan.boundaries[0] if plan.boundaries else now - RACE
        _happy_hours(rng, race_start, new_groups, result)
        _shifts(rng, race_start, runner_rows, result)
        _registration_times(rng, runner_rows, race_start, now)
        with _plan_frozen():
            _write_runners(runner_rows, university)
            _write_laps(plan, runner_rows)
            _write_shift_memberships(runner_rows)
            result.queued = _write_queue(waiting)
        _update_settings(cfg, race_start, now, plan, fresh=earliest is None)

        result.runners, result.groups, result.laps = len(runner_rows), len(new_groups), len(plan.runner_index)
        result.running = plan.running
        audit(
            by=None,
            action="create",
            target=None,
            details={"demo": {"runners": result.runners, "laps": result.laps, "queued": result.queued, "seed": seed}},
        )
        store_points(Lap.objects.filter(points__isnull=True))
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


def _kiosk_user(result: DemoResult) -> None:
    """The competition/competition login of the queue-up kiosk; an existing one keeps its password."""
    user, created = get_user_model().objects.get_or_create(username=KIOSK_USER)
    if created:
        user.set_password(KIOSK_USER)
        user.save(update_fields=["password"])
        result.notes.append("Created the user competition/competition for the queue-up kiosk.")
    user.groups.add(UserGroup.objects.get(name="competition"))


def _criteria(result: DemoResult) -> None:
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


def _groups(rng: random.Random, count: int) -> list[Group]:
    # Group names are unique ignoring case and accents: so is what is taken.
    taken = {fold(name) for name in Group.objects.values_list("name", flat=True)}
    names = [name for name in ASSOCIATIONS if fold(name) not in taken]
    rng.shuffle(names)
    suffix = 2
    while len(names) < count:  # more groups than associations: a second team of the same club
        names += [f"{name} {suffix}" for name in ASSOCIATIONS if fold(f"{name} {suffix}") not in taken]
        suffix += 1
    return Group.objects.bulk_create([Group(name=name) for name in sorted(names[:count])])


@dataclass(slots=True)
class _RunnerRow:
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


def _runners(rng: random.Random, count: int, groups: list[Group]) -> list[_RunnerRow]:
    weights = [rng.uniform(0.4, 2.0) for _ in groups]  # some clubs bring many more runners
    rows = []
    for identification in _identifications(rng, count):
        pace = min(max(rng.gauss(200, 35), 115.0), 330.0)
        rows.append(
            _RunnerRow(
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


@dataclass
class _LapPlan:
    runner_index: list[int]  # which runner row runs each lap, in order
    boundaries: list[datetime]  # lap i runs from boundaries[i] to boundaries[i + 1] (the running lap: no end)
    raining: list[bool]
    queued_at: list[datetime]  # when each lap's ticket was created
    running: bool  # the last lap is still running


def _plan_laps(
    rng: random.Random, rows: list[_RunnerRow], count: int, *, end: datetime, running: bool, queue: int
) -> _LapPlan:
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
    return _LapPlan(chosen, boundaries, raining, queued_at, running and count > 0)


def _plan_queue(
    rng: random.Random, rows: list[_RunnerRow], count: int, plan: _LapPlan, now: datetime
) -> list[tuple[_RunnerRow, datetime]]:
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


def _happy_hours(rng: random.Random, race_start: datetime, groups: list[Group], result: DemoResult) -> None:
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


def _shifts(rng: random.Random, race_start: datetime, rows: list[_RunnerRow], result: DemoResult) -> None:
    """Two-hour shifts at the stand over the race; about half the runners signed up for one or two."""
    if Shift.objects.exists():
        result.notes.append("Kept the existing shifts.")
        return
    shifts = []
    for n in range(int(RACE.total_seconds() // 3600 // SHIFT_HOURS)):
        start = race_start + timedelta(hours=n * SHIFT_HOURS)
        end = start + timedelta(hours=SHIFT_HOURS)
        local_start, local_end = timezone.localtime(start), timezone.localtime(end)
        shifts.append(Shift(name=f"Stand {local_start:%a %H:%M}–{local_end:%H:%M}", start=start, end=end))
    shifts = Shift.objects.bulk_create(shifts)
    for row in rows:
        draw = rng.random()
        if draw < 0.5:
            row.shifts = rng.sample(shifts, 2 if draw < 0.1 else 1)


def _registration_times(rng: random.Random, rows: list[_RunnerRow], race_start: datetime, now: datetime) -> None:
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


def _write_runners(rows: list[_RunnerRow], university: University) -> None:
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


def _write_laps(plan: _LapPlan, rows: list[_RunnerRow]) -> None:
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


def _write_shift_memberships(rows: list[_RunnerRow]) -> None:
    through = Runner.shifts.through
    links = [through(runner_id=row.pk, shift_id=shift.pk) for row in rows for shift in row.shifts]
    through.objects.bulk_create(links, batch_size=BATCH)


def _write_queue(waiting: list[tuple[_RunnerRow, datetime]]) -> int:
    """The waiting tickets, behind whoever is waiting already, GAP apart as services/queue.py expects."""
    tail = QueueTicket.objects.filter(state=QueueTicket.State.WAITING).aggregate(tail=Max("position"))["tail"] or 0
    tickets = [
        QueueTicket(runner_id=row.pk, created_at=moment, position=tail + (i + 1) * GAP)
        for i, (row, moment) in enumerate(waiting)
    ]
    QueueTicket.objects.bulk_create(tickets, batch_size=BATCH)
    return len(tickets)


def _update_settings(cfg: EventSettings, race_start: datetime, now: datetime, plan: _LapPlan, *, fresh: bool) -> None:
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
