"""Exactly once under real concurrency: threads with their own PostgreSQL connections and row locks."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from competition.models import AuditEntry, EventSettings, Lap, QueueTicket
from competition.tests.conftest import assert_invariants, key
from competition.tests.factories import RunnerFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (set DATABASE_URL)"),
]

THREADS = 20


def run_together(work) -> list:
    """Run work(i) in THREADS threads released at the same moment; return their results."""
    barrier = threading.Barrier(THREADS)
    results: list = [None] * THREADS

    def target(i):
        try:
            barrier.wait()
            results[i] = work(i)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.fixture
def staff_client():
    user = UserFactory(username="organiser", is_staff=True)

    def make():
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def race(transactional_db):
    """A running lap with five runners waiting, no minimum lap time."""
    EventSettings.objects.filter(id=1).update(min_lap_time="0 seconds")
    runners = RunnerFactory.create_batch(6)
    for i, runner in enumerate(runners):
        QueueTicket.objects.create(runner=runner, position=(i + 1) << 20)
    head = QueueTicket.objects.order_by("position").first()
    head.state, head.position = "running", None
    head.save()
    return Lap.objects.create(runner=head.runner, ticket=head, start="2026-05-06T20:00:00Z")


def test_twenty_simultaneous_presses_on_the_same_lap_start_exactly_one(race, staff_client):
    def press(i):
        body = {"idempotency_key": key(), "expected_lap": race.pk}
        return staff_client().post("/api/laps/advance/", body, format="json").status_code

    statuses = Counter(run_together(press))
    assert statuses == {200: 1, 409: THREADS - 1}
    assert Lap.objects.count() == 2
    assert AuditEntry.objects.filter(action="advance").count() == 1
    assert_invariants()


def test_twenty_replays_of_one_key_advance_once(race, staff_client):
    press_key = key()

    def press(i):
        body = {"idempotency_key": press_key, "expected_lap": race.pk}
        response = staff_client().post("/api/laps/advance/", body, format="json")
        return response.status_code, response.json()["started"]["id"]

    results = run_together(press)
    assert {status for status, _ in results} == {200}
    assert len({started for _, started in results}) == 1
    assert Lap.objects.count() == 2
    assert_invariants()


def test_twenty_simultaneous_undos_undo_once(race, staff_client):
    def undo(i):
        body = {"idempotency_key": key(), "expected_lap": race.pk}
        return staff_client().post("/api/laps/reverse/", body, format="json").status_code

    statuses = Counter(run_together(undo))
    assert statuses == {200: 1, 409: THREADS - 1}
    assert Lap.objects.count() == 0
    assert_invariants()


def test_simultaneous_enqueues_of_one_runner_make_one_ticket(transactional_db, staff_client):
    runner = RunnerFactory()

    def enqueue(i):
        return staff_client().post("/api/queue/", {"runner": runner.pk}, format="json").status_code

    statuses = Counter(run_together(enqueue))
    assert statuses == {201: 1, 409: THREADS - 1}
    assert QueueTicket.objects.filter(runner=runner, state="waiting").count() == 1


def test_simultaneous_enqueues_and_moves_keep_positions_unique_and_events_gap_free(race, staff_client):
    from django_eventstream.models import Event

    newcomers = RunnerFactory.create_batch(THREADS)
    first_seq = Event.objects.order_by("-eid").values_list("eid", flat=True).first() or 0
    waiting = list(QueueTicket.objects.filter(state="waiting").values_list("id", flat=True))

    def work(i):
        client = staff_client()
        if i % 2:
            return client.post(
                f"/api/queue/{waiting[i % len(waiting)]}/move/", {"position": i % 3}, format="json"
            ).status_code
        return client.post("/api/queue/", {"runner": newcomers[i].pk}, format="json").status_code

    assert set(run_together(work)) <= {200, 201}
    assert_invariants()
    eids = list(Event.objects.filter(eid__gt=first_seq).order_by("eid").values_list("eid", flat=True))
    assert eids == list(range(first_seq + 1, first_seq + 1 + THREADS))
