"""Points (SPEC section 4) on hand-computed examples, boundaries included."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from competition.models import Criterion, HappyHour, Lap
from competition.scoring import finished_lap_points, with_points
from competition.tests.conftest import advance, assert_invariants
from competition.tests.factories import CriterionFactory, GroupFactory, HappyHourFactory, LapFactory, RunnerFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 5, 6, 20, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.fixture
def criteria():
    """≤ 2:30 → 10, ≤ 3:00 → 7, ≤ 4:00 → 5, otherwise the base: 2."""
    Criterion.objects.filter(base=True).update(points=2)
    CriterionFactory(upper_limit=timedelta(minutes=2, seconds=30), points=10)
    CriterionFactory(upper_limit=timedelta(minutes=3), points=7)
    CriterionFactory(upper_limit=timedelta(minutes=4), points=5)


def lap(seconds: float, *, end: datetime = T0, runner=None) -> Lap:
    return LapFactory(start=end - timedelta(seconds=seconds), end=end, **({"runner": runner} if runner else {}))


def points_of(the_lap: Lap) -> int:
    """The lap's stored points, checked against the one-lap rule that a press uses."""
    stored = with_points(Lap.objects.filter(pk=the_lap.pk).select_related("runner")).get()
    group_id = stored.runner.group_id if stored.runner else None
    assert finished_lap_points(stored, group_id) == stored.points_value
    return stored.points_value


@pytest.mark.parametrize(
    "seconds, points",
    [
        (100, 10),
        (150, 10),  # exactly the upper limit still qualifies
        (150.001, 7),
        (180, 7),
        (181, 5),
        (240, 5),
        (241, 2),  # no criterion qualifies: the base
    ],
)
def test_a_lap_earns_the_smallest_qualifying_criterion(criteria, seconds, points):
    assert points_of(lap(seconds)) == points


def test_without_a_base_criterion_a_slow_lap_earns_nothing(criteria):
    Criterion.objects.filter(base=True).delete()
    assert points_of(lap(600)) == 0


def test_a_happy_hour_of_the_runners_group_multiplies_laps_finished_inside_it(criteria):
    group = GroupFactory()
    happy = HappyHourFactory(start=T0 - timedelta(hours=1), end=T0 + timedelta(hours=1), multiplier=3)
    group.happy_hours.add(happy)
    runner = RunnerFactory(group=group)
    assert points_of(lap(100, runner=runner)) == 30
    assert points_of(lap(100)) == 10  # another runner, no group: base multiplier 1


def test_the_window_holds_its_start_but_not_its_end(criteria):
    group = GroupFactory()
    group.happy_hours.add(HappyHourFactory(start=T0, end=T0 + timedelta(hours=1), multiplier=2))
    runner = RunnerFactory(group=group)
    assert points_of(lap(100, end=T0, runner=runner)) == 20  # finishing exactly at the start counts
    assert points_of(lap(100, end=T0 + timedelta(hours=1), runner=runner)) == 10  # exactly at the end does not
    # A lap that started inside the window but finished after it is not multiplied.
    assert points_of(lap(100, end=T0 + timedelta(hours=1, seconds=30), runner=runner)) == 10


def test_overlapping_happy_hours_take_the_largest_multiplier(criteria):
    group = GroupFactory()
    group.happy_hours.add(
        HappyHourFactory(start=T0 - timedelta(hours=1), end=T0 + timedelta(hours=1), multiplier=2),
        HappyHourFactory(start=T0 - timedelta(minutes=5), end=T0 + timedelta(minutes=5), multiplier=4),
    )
    assert points_of(lap(100, runner=RunnerFactory(group=group))) == 40


def test_outside_every_window_the_base_happy_hour_applies(criteria):
    HappyHour.objects.filter(base=True).update(multiplier=2)
    assert points_of(lap(100)) == 20
    HappyHour.objects.filter(base=True).delete()
    assert points_of(lap(100)) == 10


def test_every_lap_explains_its_points(criteria, spectator):
    group = GroupFactory()
    happy = HappyHourFactory(start=T0 - timedelta(hours=1), end=T0 + timedelta(hours=1), multiplier=3)
    group.happy_hours.add(happy)
    the_lap = lap(170, runner=RunnerFactory(group=group))
    body = spectator.get(f"/api/laps/{the_lap.pk}/").json()
    seven = Criterion.objects.get(points=7)
    assert body["points"] == 21
    assert body["points_explanation"] == {
        "criterion": seven.pk,
        "criterion_points": 7,
        "happy_hour": happy.pk,
        "multiplier": 3,
        "points": 21,
    }


def test_runner_and_group_totals_follow_criteria_happy_hours_and_membership(criteria, organiser):
    group, other = GroupFactory(), GroupFactory()
    alice, bob = RunnerFactory(group=group), RunnerFactory(group=group)
    lap(100, runner=alice, end=T0)  # 10
    lap(170, runner=alice, end=T0 + timedelta(minutes=3))  # 7
    lap(200, runner=bob, end=T0 + timedelta(minutes=6))  # 5

    def totals():
        runners = {r["id"]: r["points"] for r in organiser.get("/api/runners/").json()["results"]}
        groups = {g["id"]: g["points"] for g in organiser.get("/api/groups/").json()["results"]}
        return runners[alice.pk], runners[bob.pk], groups[group.pk], groups[other.pk]

    assert totals() == (17, 5, 22, 0)

    # A criterion changes: every total follows.
    ten = Criterion.objects.get(points=10)
    assert organiser.patch(f"/api/criteria/{ten.pk}/", {"points": 12}, format="json").status_code == 200
    assert totals() == (19, 5, 24, 0)

    # A happy hour over Alice's first lap, for her group.
    response = organiser.post(
        "/api/happy-hours/",
        {
            "name": "Pizza",
            "start": (T0 - timedelta(minutes=1)).isoformat(),
            "end": (T0 + timedelta(minutes=1)).isoformat(),
            "multiplier": 2,
            "base": False,
            "groups": [group.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert totals() == (31, 5, 36, 0)

    # Bob changes group: his points move with him.
    assert organiser.patch(f"/api/runners/{bob.pk}/", {"group": other.pk}, format="json").status_code == 200
    assert totals() == (31, 5, 31, 5)


def test_totals_are_aggregates_not_a_query_per_lap(criteria, organiser):
    runners = RunnerFactory.create_batch(5)
    for i in range(60):
        lap(100 + i, runner=runners[i % 5], end=T0 + timedelta(minutes=5 * i))
    with CaptureQueriesContext(connection) as few:
        organiser.get("/api/runners/")
    for i in range(60, 300):
        lap(100 + i % 100, runner=runners[i % 5], end=T0 + timedelta(minutes=5 * i))
    with CaptureQueriesContext(connection) as many:
        organiser.get("/api/runners/")
    assert len(few) == len(many)


def test_a_press_stores_the_rules_points_with_the_lap_it_finishes(criteria, organiser, no_min_lap_time):
    """The press computes one lap's points itself (scoring.finished_lap_points): it must agree with the rule."""
    group = GroupFactory()
    now = timezone.now()
    group.happy_hours.add(HappyHourFactory(start=now - timedelta(hours=1), end=now + timedelta(hours=1), multiplier=3))
    other = GroupFactory()
    other.happy_hours.add(HappyHourFactory(start=now - timedelta(hours=1), end=now + timedelta(hours=1), multiplier=5))
    runner = RunnerFactory(group=group)
    Lap.objects.create(runner=runner, start=now - timedelta(seconds=170))  # running: ≤ 3:00 → 7 points
    finished = advance(organiser).json()["finished"]
    assert finished["points"] == 21
    assert Lap.objects.get(pk=finished["id"]).points == 21
    # The queue was empty: the lap it started has no runner, so it earns no group's happy hour.
    Lap.objects.filter(end__isnull=True).update(start=timezone.now() - timedelta(seconds=100))
    finished = advance(organiser).json()["finished"]
    assert finished["runner"] is None
    assert finished["points"] == 10
    assert_invariants()
