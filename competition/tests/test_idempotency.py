"""Idempotency keys belong to a user and to a request (SPEC section 3, issue 12 item 6).

A key sent again by the same user with the same request replays the first answer; the same key
from another user is another key; the same key with another body (or action) is a 422, never the
first request's answer. The key may come as the Idempotency-Key header.
"""

from competition.models import AuditEntry, IdempotencyRecord, QueueTicket
from competition.tests.conftest import advance, assert_invariants, key, running_lap_id
from competition.tests.factories import RunnerFactory


def test_the_same_key_from_another_user_is_another_key(volunteer, organiser, queued_runners):
    shared = key()
    mine, theirs = RunnerFactory(), RunnerFactory()

    by_volunteer = volunteer.post("/api/queue/", {"runner": mine.pk, "idempotency_key": shared}, format="json")
    by_staff = organiser.post("/api/queue/", {"runner": theirs.pk, "idempotency_key": shared}, format="json")

    assert by_volunteer.status_code == by_staff.status_code == 201
    assert "Idempotent-Replay" not in by_staff
    assert by_staff.json()["runner"]["id"] == theirs.pk  # not the volunteer's ticket
    assert QueueTicket.objects.filter(runner__in=[mine, theirs], state="waiting").count() == 2
    assert IdempotencyRecord.objects.filter(key=shared).count() == 2
    assert_invariants()


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(volunteer, queued_runners):
    used = key()
    first, other = RunnerFactory(), RunnerFactory()
    assert (
        volunteer.post("/api/queue/", {"runner": first.pk, "idempotency_key": used}, format="json").status_code == 201
    )

    response = volunteer.post("/api/queue/", {"runner": other.pk, "idempotency_key": used}, format="json")

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert "new key" in response.json()["detail"]
    assert not QueueTicket.objects.filter(runner=other).exists()


def test_a_retry_by_student_id_of_a_scan_by_runner_id_is_the_same_request(volunteer):
    runner = RunnerFactory(identification="r0123456")
    scan = key()
    first = volunteer.post("/api/queue/", {"runner": runner.pk, "idempotency_key": scan}, format="json")
    again = volunteer.post("/api/queue/", {"identification": "R0123456", "idempotency_key": scan}, format="json")
    assert again.status_code == 201 and again["Idempotent-Replay"] == "true"
    assert again.json() == first.json()


def test_a_press_with_another_expected_lap_or_time_under_the_same_key_is_refused(organiser, queued_runners):
    press = key()
    assert advance(organiser, idempotency_key=press, expected_lap=None).status_code == 200
    running = running_lap_id()

    other_lap = advance(organiser, idempotency_key=press, expected_lap=running)
    forced = advance(organiser, idempotency_key=press, expected_lap=None, force=True)

    assert other_lap.status_code == forced.status_code == 422
    assert running_lap_id() == running
    assert AuditEntry.objects.filter(action="advance").count() == 1


def test_the_key_may_come_as_the_idempotency_key_header(organiser, queued_runners):
    press = key()
    body = {"expected_lap": None}
    first = organiser.post("/api/laps/advance/", body, format="json", headers={"Idempotency-Key": press})
    again = organiser.post("/api/laps/advance/", body, format="json", headers={"Idempotency-Key": press})

    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replay"] == "true" and again.json() == first.json()
    assert AuditEntry.objects.get(action="advance").idempotency_key == press


def test_a_header_and_a_body_key_that_differ_are_refused(organiser, queued_runners):
    response = organiser.post(
        "/api/laps/advance/",
        {"expected_lap": None, "idempotency_key": key()},
        format="json",
        headers={"Idempotency-Key": key()},
    )
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]
    assert running_lap_id() is None


def test_a_press_without_any_key_is_refused_with_a_message(organiser, queued_runners):
    response = organiser.post("/api/laps/advance/", {"expected_lap": None}, format="json")
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["detail"]
    assert running_lap_id() is None


def test_a_scan_with_the_header_is_idempotent_too(volunteer):
    runner = RunnerFactory()
    scan = {"Idempotency-Key": key()}
    first = volunteer.post("/api/queue/", {"runner": runner.pk}, format="json", headers=scan)
    again = volunteer.post("/api/queue/", {"runner": runner.pk}, format="json", headers=scan)
    assert first.status_code == again.status_code == 201 and again["Idempotent-Replay"] == "true"
    assert QueueTicket.objects.filter(runner=runner).count() == 1
