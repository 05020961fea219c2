"""Named roles (an anonymous spectator, a kiosk volunteer, an organiser) and the race defaults."""

import os
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group as UserGroup
from django.core.management import call_command
from rest_framework.test import APIClient

from competition import integrity
from competition.models import EventSettings, Lap, QueueTicket
from competition.tests.factories import RunnerFactory, UserFactory
from competition.tests.live_server import Databases


@pytest.fixture(autouse=True)
def defaults(request):
    """competition_init on every test database (KU Leuven, base criterion/happy hour, groups)."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)
    if uses_db:
        request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
        call_command("competition_init", verbosity=0)


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """Fresh databases for live servers (Daphne processes): PostgreSQL with DATABASE_URL, else SQLite files."""
    made = Databases(tmp_path_factory.mktemp("servers"), os.environ.get("DATABASE_URL") or None)
    yield made
    made.close()


@pytest.fixture(autouse=True)
def fresh_login_counters():
    """Failed logins are counted per minute in the cache: each test starts without any."""
    from django.core.cache import cache

    cache.clear()


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


def api_login(username: str, password: str, address: str = "127.0.0.1", **headers):
    """POST /api/auth/login/ as the SPA does (the CSRF cookie first), from a client address."""
    from django.test import Client

    client = Client(REMOTE_ADDR=address)
    client.get("/api/auth/me/")
    return client.post(
        "/api/auth/login/",
        {"username": username, "password": password},
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value, **headers},
    )


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
    """The invariants of SPEC section 2, checked from the raw rows (competition.integrity)."""
    assert integrity.problems() == []
