"""The queue (SPEC section 3): enqueue, insert, move, skip, remove; audited, broadcast, O(1) moves."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from competition.models import AuditEntry, QueueTicket
from competition.services.queue import GAP
from competition.tests.conftest import advance, assert_invariants, key
from competition.tests.factories import RunnerFactory

pytestmark = pytest.mark.django_db


def order() -> list[int]:
    return list(QueueTicket.objects.filter(state="waiting").order_by("position").values_list("runner", flat=True))


def test_a_volunteer_queues_a_runner_by_student_id_at_the_tail(volunteer, queued_runners):
    runner = RunnerFactory(identification="r0123456")
    response = volunteer.post("/api/queue/", {"identification": "  R0123456 "}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["position"] == 3
    assert response.json()["runner"]["id"] == runner.pk
    assert "identification" not in response.json()["runner"]
    assert order()[-1] == runner.pk
    assert AuditEntry.objects.filter(action="queue_insert").count() == 1


def test_queueing_by_runner_id(volunteer):
    runner = RunnerFactory()
    response = volunteer.post("/api/queue/", {"runner": runner.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["position"] == 0


def test_a_runner_already_waiting_gets_409_with_their_position(volunteer, queued_runners):
    response = volunteer.post("/api/queue/", {"runner": queued_runners[1].pk}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "already_queued" and body["position"] == 1
    assert "place 2" in body["detail"]
    assert len(order()) == 3


def test_a_retried_scan_with_its_idempotency_key_queues_the_runner_once(volunteer, organiser, no_min_lap_time):
    runner = RunnerFactory(identification="r0123456")
    scan = {"identification": "r0123456", "idempotency_key": key()}
    first = volunteer.post("/api/queue/", scan, format="json")
    assert first.status_code == 201 and "Idempotent-Replay" not in first
    # The answer was lost; meanwhile the runner was called and runs. The retry is the same scan.
    assert advance(organiser).status_code == 200
    again = volunteer.post("/api/queue/", scan, format="json")
    assert again.status_code == 201 and again["Idempotent-Replay"] == "true"
    assert again.json() == first.json()
    assert QueueTicket.objects.filter(runner=runner).count() == 1
    assert AuditEntry.objects.filter(action="queue_insert", idempotency_key=scan["idempotency_key"]).count() == 1
    # A new scan (a new key) queues them again.
    third = volunteer.post("/api/queue/", {**scan, "idempotency_key": key()}, format="json")
    assert third.status_code == 201 and QueueTicket.objects.filter(runner=runner).count() == 2
    assert_invariants()


def test_a_refused_scan_is_refused_again_on_retry(volunteer, queued_runners):
    scan = {"runner": queued_runners[1].pk, "idempotency_key": key()}
    first = volunteer.post("/api/queue/", scan, format="json")
    again = volunteer.post("/api/queue/", scan, format="json")
    assert first.status_code == again.status_code == 409
    assert again.json() == first.json() and again["Idempotent-Replay"] == "true"


def test_an_idempotency_key_of_another_command_of_the_same_user_is_refused(organiser, queued_runners):
    used = key()
    assert advance(organiser, idempotency_key=used).status_code == 200
    response = organiser.post("/api/queue/", {"runner": RunnerFactory().pk, "idempotency_key": used}, format="json")
    assert response.status_code == 422 and response.json()["code"] == "idempotency_key_reused"
    bad = organiser.post("/api/queue/", {"runner": RunnerFactory().pk, "idempotency_key": ""}, format="json")
    assert bad.status_code == 400 and "idempotency_key" in bad.json()["errors"]


def test_a_malformed_student_id_gives_an_example_id_not_the_pattern(volunteer):
    response = volunteer.post("/api/queue/", {"identification": "12345"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_identification"
    assert response.json()["detail"] == "“12345” is not a valid KU Leuven student ID (for example r0123456)."
    assert not QueueTicket.objects.exists()


def test_an_unknown_student_id_asks_to_register_the_runner(volunteer):
    response = volunteer.post("/api/queue/", {"identification": "r7654321"}, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_runner"
    assert "register" in response.json()["detail"]


def test_an_unknown_runner_id_is_404(volunteer):
    response = volunteer.post("/api/queue/", {"runner": 999999}, format="json")
    assert response.status_code == 404 and response.json()["code"] == "unknown_runner"


def test_neither_or_both_runner_and_identification_is_400(volunteer):
    assert volunteer.post("/api/queue/", {}, format="json").status_code == 400
    both = volunteer.post("/api/queue/", {"runner": 1, "identification": "r0000001"}, format="json")
    assert both.status_code == 400 and "either" in both.json()["detail"]


def test_staff_insert_a_runner_at_a_position(organiser, queued_runners):
    runner = RunnerFactory()
    response = organiser.post("/api/queue/", {"runner": runner.pk, "position": 1}, format="json")
    assert response.status_code == 201
    assert order() == [queued_runners[0].pk, runner.pk, queued_runners[1].pk, queued_runners[2].pk]


def test_volunteers_may_not_insert_at_a_position(volunteer, queued_runners):
    runner = RunnerFactory()
    response = volunteer.post("/api/queue/", {"runner": runner.pk, "position": 0}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize("target, expected", [(0, [2, 0, 1]), (1, [0, 2, 1]), (2, [0, 1, 2]), (9, [0, 1, 2])])
def test_move_puts_a_ticket_at_any_position(organiser, queued_runners, target, expected):
    ticket = QueueTicket.objects.get(runner=queued_runners[2])
    response = organiser.post(f"/api/queue/{ticket.pk}/move/", {"position": target}, format="json")
    assert response.status_code == 200, response.json()
    assert order() == [queued_runners[i].pk for i in expected]
    assert response.json()["position"] == expected.index(2)
    assert_invariants()


def test_moving_the_head_to_the_tail(organiser, queued_runners):
    ticket = QueueTicket.objects.get(runner=queued_runners[0])
    organiser.post(f"/api/queue/{ticket.pk}/move/", {"position": 2}, format="json")
    assert order() == [queued_runners[1].pk, queued_runners[2].pk, queued_runners[0].pk]
    assert AuditEntry.objects.get(action="queue_move").details == {"from": 0, "to": 2}


def test_many_moves_into_the_same_gap_renumber_and_keep_the_order(organiser):
    runners = RunnerFactory.create_batch(4)
    for i, runner in enumerate(runners):
        QueueTicket.objects.create(runner=runner, position=(i + 1) * GAP)
    expected = [r.pk for r in runners]
    for _ in range(30):  # more halvings than the gap allows
        moved = expected.pop()
        expected.insert(1, moved)
        ticket = QueueTicket.objects.get(runner_id=moved, state="waiting")
        assert organiser.post(f"/api/queue/{ticket.pk}/move/", {"position": 1}, format="json").status_code == 200
        assert order() == expected
    assert_invariants()


def _move_writes(organiser, size: int) -> list[str]:
    runners = RunnerFactory.create_batch(size)
    QueueTicket.objects.bulk_create(
        QueueTicket(runner=runner, position=(i + 1) * GAP) for i, runner in enumerate(runners)
    )
    ticket = QueueTicket.objects.get(runner=runners[-1])
    with CaptureQueriesContext(connection) as queries:
        response = organiser.post(f"/api/queue/{ticket.pk}/move/", {"position": size // 2}, format="json")
    assert response.status_code == 200
    assert order().index(runners[-1].pk) == size // 2
    return [q["sql"] for q in queries.captured_queries]


def test_a_move_costs_the_same_queries_and_writes_one_ticket_on_10_and_1000_tickets(organiser):
    small = _move_writes(organiser, 10)
    QueueTicket.objects.all().delete()
    large = _move_writes(organiser, 1000)
    assert len(small) == len(large)
    ticket_updates = [sql for sql in large if sql.startswith('UPDATE "competition_queueticket"')]
    assert len(ticket_updates) == 1


def test_skip_moves_the_head_back_a_few_places_without_touching_the_running_lap(organiser):
    runners = RunnerFactory.create_batch(5)
    for i, runner in enumerate(runners):
        QueueTicket.objects.create(runner=runner, position=(i + 1) * GAP)
    head = QueueTicket.objects.get(runner=runners[0])
    response = organiser.post(f"/api/queue/{head.pk}/skip/", {}, format="json")
    assert response.status_code == 200
    assert order().index(runners[0].pk) == 3
    assert AuditEntry.objects.filter(action="queue_skip").count() == 1


def test_remove_is_a_soft_delete(organiser, queued_runners):
    ticket = QueueTicket.objects.get(runner=queued_runners[1])
    response = organiser.delete(f"/api/queue/{ticket.pk}/")
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.state == "removed" and ticket.position is None
    assert order() == [queued_runners[0].pk, queued_runners[2].pk]
    again = organiser.delete(f"/api/queue/{ticket.pk}/")
    assert again.status_code == 409 and again.json()["code"] == "not_waiting"
    assert AuditEntry.objects.filter(action="queue_remove").count() == 1


def test_a_removed_runner_can_queue_again(volunteer, organiser, queued_runners):
    ticket = QueueTicket.objects.get(runner=queued_runners[0])
    organiser.delete(f"/api/queue/{ticket.pk}/")
    assert volunteer.post("/api/queue/", {"runner": queued_runners[0].pk}, format="json").status_code == 201


def test_the_queue_list_is_in_order_with_positions_and_seq(spectator, queued_runners):
    body = spectator.get("/api/queue/").json()
    assert [t["runner"]["id"] for t in body["results"]] == [r.pk for r in queued_runners]
    assert [t["position"] for t in body["results"]] == [0, 1, 2]
    assert isinstance(body["seq"], int)


def test_the_database_refuses_two_waiting_tickets_for_one_runner(queued_runners):
    with pytest.raises(IntegrityError), transaction.atomic():
        QueueTicket.objects.create(runner=queued_runners[0], position=99 * GAP)


def test_the_database_refuses_two_waiting_tickets_at_one_position(queued_runners):
    with pytest.raises(IntegrityError), transaction.atomic():
        QueueTicket.objects.create(runner=RunnerFactory(), position=GAP)


def test_the_database_refuses_a_waiting_ticket_without_position():
    with pytest.raises(IntegrityError), transaction.atomic():
        QueueTicket.objects.create(runner=RunnerFactory(), position=None)
