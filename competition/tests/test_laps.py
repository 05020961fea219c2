"""Next lap and undo (SPEC section 3) through the API, as the organiser uses them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_eventstream.models import Event

from competition.models import AuditEntry, EventSettings, IdempotencyRecord, Lap, QueueTicket
from competition.tests.conftest import advance, assert_invariants, key, reverse, running_lap_id
from competition.tests.factories import RunnerFactory

pytestmark = pytest.mark.django_db


def test_first_press_starts_the_head_of_the_queue(organiser, queued_runners):
    response = advance(organiser)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["finished"] is None
    assert body["started"]["runner"]["id"] == queued_runners[0].pk
    assert QueueTicket.objects.get(runner=queued_runners[0]).state == "running"
    assert body["seq"] == Event.objects.order_by("-eid").first().eid
    assert_invariants()


def test_next_lap_finishes_the_running_lap_and_starts_the_next_at_the_same_time(
    organiser, queued_runners, no_min_lap_time
):
    first = advance(organiser).json()["started"]
    body = advance(organiser).json()
    assert body["finished"]["id"] == first["id"]
    assert body["finished"]["end"] == body["started"]["start"]
    assert body["finished"]["points"] == 1  # the base criterion of competition_init
    assert body["started"]["runner"]["id"] == queued_runners[1].pk
    assert QueueTicket.objects.get(runner=queued_runners[0]).state == "done"
    assert_invariants()


def test_an_empty_queue_starts_an_unassigned_lap_that_staff_assign_later(organiser, no_min_lap_time):
    body = advance(organiser).json()
    assert body["started"]["runner"] is None
    runner = RunnerFactory()
    lap_id = body["started"]["id"]
    advance(organiser)  # finishes the unassigned lap
    response = organiser.post(f"/api/laps/{lap_id}/assign/", {"runner": runner.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["lap"]["runner"]["id"] == runner.pk
    assert response.json()["lap"]["points"] == 1
    again = organiser.post(f"/api/laps/{lap_id}/assign/", {"runner": runner.pk}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_assigned"
    assert AuditEntry.objects.filter(action="assign").count() == 1


def test_a_replayed_key_returns_the_first_answer_and_changes_nothing(organiser, queued_runners):
    press = key()
    first = advance(organiser, idempotency_key=press, expected_lap=None)
    replay = advance(organiser, idempotency_key=press, expected_lap=None)
    assert replay.status_code == first.status_code == 200
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replay"] == "true"
    assert Lap.objects.count() == 1
    assert AuditEntry.objects.filter(action="advance").count() == 1


def test_a_key_reused_for_another_action_is_refused(organiser, queued_runners):
    press = key()
    advance(organiser, idempotency_key=press)
    response = reverse(organiser, idempotency_key=press)
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


def test_a_stale_expected_lap_answers_409_with_the_current_state(organiser, queued_runners, no_min_lap_time):
    advance(organiser)
    running = running_lap_id()
    response = advance(organiser, expected_lap=None)
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale_state"
    assert body["current"]["id"] == running
    assert "detail" in body and "seq" in body
    assert Lap.objects.count() == 1


def test_a_press_shorter_than_the_minimum_lap_time_is_refused_unless_forced(organiser, queued_runners):
    advance(organiser)
    response = advance(organiser)
    assert response.status_code == 409
    assert response.json()["code"] == "too_soon"
    assert "record anyway" in response.json()["detail"]
    assert Lap.objects.count() == 1
    forced = advance(organiser, force=True)
    assert forced.status_code == 200
    assert Lap.objects.count() == 2


def test_a_client_press_time_is_stored_as_the_lap_boundary(organiser, queued_runners, no_min_lap_time):
    start = timezone.now() - timedelta(minutes=4)
    advance(organiser, at=start.isoformat())
    end = start + timedelta(minutes=3)
    body = advance(organiser, at=end.isoformat()).json()
    assert body["finished"]["duration"] == 180.0
    lap = Lap.objects.get(pk=body["finished"]["id"])
    assert lap.start == start and lap.end == end


@pytest.mark.parametrize(
    "offset, code",
    [
        (timedelta(minutes=1), "press_time_in_future"),
        (-timedelta(hours=2), "press_time_too_old"),
    ],
)
def test_press_times_out_of_bounds_are_refused_with_400(organiser, queued_runners, offset, code):
    response = advance(organiser, at=(timezone.now() + offset).isoformat())
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert Lap.objects.count() == 0


def test_a_press_time_before_the_running_lap_started_is_refused(organiser, queued_runners, no_min_lap_time):
    advance(organiser)
    started = Lap.objects.get().start
    response = advance(organiser, at=(started - timedelta(seconds=5)).isoformat())
    assert response.status_code == 400
    assert response.json()["code"] == "press_time_before_start"


def test_undo_is_the_exact_inverse_of_the_last_advance(organiser, queued_runners, no_min_lap_time):
    first = advance(organiser).json()["started"]
    second = advance(organiser).json()["started"]
    body = reverse(organiser).json()
    assert body["removed"]["id"] == second["id"]
    assert body["resumed"]["id"] == first["id"]
    assert body["resumed"]["start"] == first["start"] and body["resumed"]["end"] is None
    assert not Lap.objects.filter(pk=second["id"]).exists()
    head = QueueTicket.objects.filter(state="waiting").order_by("position").first()
    assert head.runner_id == queued_runners[1].pk
    assert QueueTicket.objects.get(runner=queued_runners[0]).state == "running"
    assert_invariants()


def test_undo_of_the_first_lap_puts_its_runner_back_at_the_head(organiser, queued_runners):
    advance(organiser)
    body = reverse(organiser).json()
    assert body["resumed"] is None
    assert Lap.objects.count() == 0
    assert QueueTicket.objects.filter(state="waiting").order_by("position").first().runner_id == queued_runners[0].pk


def test_undo_with_nothing_to_undo_answers_409(organiser):
    response = reverse(organiser)
    assert response.status_code == 409
    assert response.json()["code"] == "nothing_to_undo"


def test_stop_finishes_the_race_and_undo_resumes_the_last_lap(organiser, queued_runners, no_min_lap_time):
    advance(organiser)
    body = advance(organiser, stop=True).json()
    assert body["started"] is None and body["finished"] is not None
    assert running_lap_id() is None
    assert QueueTicket.objects.filter(state="waiting").count() == 2
    undone = reverse(organiser, expected_lap=None).json()
    assert undone["removed"] is None and undone["resumed"]["id"] == body["finished"]["id"]
    assert_invariants()


def test_every_advance_and_reverse_is_audited_with_its_key(organiser, organiser_user, queued_runners, no_min_lap_time):
    press = key()
    advance(organiser, idempotency_key=press)
    undo = key()
    reverse(organiser, idempotency_key=undo)
    entries = list(AuditEntry.objects.order_by("id").values_list("action", "idempotency_key", "user"))
    assert entries == [("advance", press, organiser_user.pk), ("reverse", undo, organiser_user.pk)]


def test_a_refusal_is_stored_so_its_replay_refuses_the_same_way(organiser, queued_runners, no_min_lap_time):
    advance(organiser)
    stale = key()
    first = advance(organiser, idempotency_key=stale, expected_lap=None)
    assert first.status_code == 409
    replay = advance(organiser, idempotency_key=stale, expected_lap=None)
    assert replay.status_code == 409 and replay.json() == first.json()
    assert IdempotencyRecord.objects.filter(key=stale, status_code=409).exists()


def test_a_new_lap_takes_the_rain_status_of_the_event(organiser, queued_runners):
    EventSettings.objects.filter(id=1).update(raining=True)
    body = advance(organiser).json()
    assert body["started"]["raining"] is True


def test_advance_and_reverse_publish_consecutive_events(organiser, queued_runners, no_min_lap_time):
    before = Event.objects.order_by("-eid").first().eid
    advance(organiser)
    advance(organiser)
    reverse(organiser)
    stored = list(Event.objects.filter(eid__gt=before).order_by("eid").values_list("eid", "type"))
    assert [eid for eid, _ in stored] == list(range(before + 1, before + 1 + len(stored)))
    assert [t for _, t in stored] == [
        "lap_started",
        "lap_finished",
        "lap_started",
        "lap_removed",
        "queue_inserted",
        "lap_resumed",
    ]


def test_a_lap_faster_than_every_earlier_one_of_its_runner_is_a_personal_best(organiser, no_min_lap_time):
    import json

    runner = RunnerFactory()
    now = timezone.now()
    Lap.objects.create(runner=runner, start=now - timedelta(minutes=20), end=now - timedelta(minutes=16))
    QueueTicket.objects.create(runner=runner, position=1 << 20)
    advance(organiser, at=(now - timedelta(minutes=3)).isoformat())
    advance(organiser, at=now.isoformat())  # 3 minutes, faster than 4
    finished = Event.objects.filter(type="lap_finished").order_by("-eid").first()
    assert json.loads(json.loads(finished.data))["personal_best"] is True


def test_a_first_lap_is_not_a_personal_best(organiser, queued_runners, no_min_lap_time):
    import json

    advance(organiser)
    advance(organiser)
    finished = Event.objects.filter(type="lap_finished").order_by("-eid").first()
    assert json.loads(json.loads(finished.data))["personal_best"] is False


def test_undo_when_the_runner_was_queued_again_keeps_them_once_at_the_head(organiser, queued_runners, no_min_lap_time):
    """Found by the state machine (test_state_machine.py): this was a 500 (two waiting tickets for one runner)."""
    first, second, _ = queued_runners
    advance(organiser)  # first runs
    again = organiser.post("/api/queue/", {"runner": first.pk}, format="json")  # queued again while running
    assert again.status_code == 201

    response = reverse(organiser)

    assert response.status_code == 200, response.content
    waiting = list(QueueTicket.objects.filter(state="waiting").order_by("position").values_list("runner", flat=True))
    assert waiting[0] == first.pk and waiting.count(first.pk) == 1
    assert QueueTicket.objects.get(pk=again.json()["id"]).state == "removed"
    assert_invariants()
