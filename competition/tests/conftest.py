"""Named roles (an anonymous spectator, a kiosk volunteer, an organiser) and the race defaults."""

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group as UserGroup
from django.core.management import call_command
from rest_framework.test import APIClient

from competition.models import EventSettings, Lap, QueueTicket
from competition.scoring import computed_points
from competition.tests.factories import RunnerFactory, UserFactory


@pytest.fixture(autouse=True)
def defaults(request):
    """competition_init on every test database (KU Leuven, base criterion/happy hour, groups)."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
        call_command("competition_init", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_leaderboards_cache():
    """Each test's database starts over (ids and seqs repeat): so does the process's cache."""
    from competition import selectors

    selectors.clear_caches()


@pytest.fixture
def spectator(db) -> APIClient:
    return APIClient()


@pytest.fixture
def volunteer_user(db):
    user = UserFactory(username="kiosk")
    user.groups.add(UserGroup.objects.get(name="competition"))
    return user


@pytest.fixture
def volunteer(volunteer_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(volunteer_user)
    return client


@pytest.fixture
def organiser_user(db):
    return UserFactory(username="organiser", is_staff=True)


@pytest.fixture
def organiser(organiser_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(organiser_user)
    return client


def key() -> str:
    return str(uuid.uuid4())


def running_lap_id() -> int | None:
    return Lap.objects.filter(end__isnull=True).values_list("id", flat=True).first()


def advance(client: APIClient, **body):
    body.setdefault("idempotency_key", key())
    body.setdefault("expected_lap", running_lap_id())
    return client.post("/api/laps/advance/", body, format="json")


def reverse(client: APIClient, **body):
    body.setdefault("idempotency_key", key())
    body.setdefault("expected_lap", running_lap_id())
    return client.post("/api/laps/reverse/", body, format="json")


@pytest.fixture
def no_min_lap_time(db):
    EventSettings.objects.filter(id=1).update(min_lap_time=timedelta(0))


@pytest.fixture
def queued_runners(db):
    """Three runners waiting in the queue, in order."""
    runners = RunnerFactory.create_batch(3)
    for i, runner in enumerate(runners):
        QueueTicket.objects.create(runner=runner, position=(i + 1) << 20)
    return runners


def assert_invariants() -> None:
    """The invariants of SPEC section 2, checked from the raw rows."""
    assert Lap.objects.filter(end__isnull=True).count() <= 1
    waiting = QueueTicket.objects.filter(state="waiting")
    positions = list(waiting.values_list("position", flat=True))
    assert None not in positions and len(positions) == len(set(positions))
    runners = list(waiting.values_list("runner", flat=True))
    assert len(runners) == len(set(runners))
    for lap in Lap.objects.exclude(end__isnull=True):
        assert lap.end > lap.start
    for ticket in QueueTicket.objects.filter(state__in=["running", "done"]):
        assert Lap.objects.filter(ticket=ticket).count() == 1
    # Stored points are the rule's, on every finished lap; a running lap has none yet.
    assert not Lap.objects.filter(end__isnull=True, points__isnull=False).exists()
    stored = computed_points(Lap.objects.filter(end__isnull=False)).values_list("id", "points", "rule_points")
    assert [(pk, mine) for pk, mine, rule in stored if mine != rule] == []
