"""Shift check-ins and milestone rewards (SPEC section 5; issue 16): the API, as each role uses it."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_eventstream.models import Event

from competition.models import AuditEntry, CheckIn, Lap, Milestone, QueueTicket, Reward
from competition.services import rewards as reward_service
from competition.services.lap_fixes import lap_delete
from competition.tests.admin_forms import stored_events, url
from competition.tests.conftest import advance, assert_invariants, reverse
from competition.tests.factories import GroupFactory, LapFactory, RunnerFactory, ShiftFactory

pytestmark = pytest.mark.usefixtures("no_min_lap_time")


def events_of(*types: str) -> list[dict]:
    rows = Event.objects.filter(eid__gt=0, type__in=types).order_by("eid").values_list("data", flat=True)
    return [json.loads(json.loads(data)) for data in rows]


@pytest.fixture
def now(monkeypatch):
    """A fixed "now" for the services (the check-in window's edges are exact)."""
    moment = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def scan(client, runner):
    return client.post("/api/queue/", {"identification": runner.identification}, format="json")


# --- check-in by a scan ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_in", "ends_in", "checked_in"),
    [
        (timedelta(minutes=30), timedelta(hours=2), True),  # the window opens 30 minutes before
        (timedelta(minutes=30, seconds=1), timedelta(hours=2), False),  # a second too early
        (-timedelta(hours=2), timedelta(0), True),  # at the very end
        (-timedelta(hours=2), -timedelta(seconds=1), False),  # the shift is over
    ],
)
def test_a_scan_checks_in_from_30_minutes_before_a_shift_until_its_end(volunteer, now, starts_in, ends_in, checked_in):
    shift = ShiftFactory(start=now + starts_in, end=now + ends_in)
    runner = RunnerFactory(shifts=[shift])
    answer = scan(volunteer, runner)
    assert answer.status_code == 201, answer.content
    assert [c["shift"]["id"] for c in answer.json()["check_ins"]] == ([shift.pk] if checked_in else [])
    assert CheckIn.objects.filter(runner=runner, shift=shift).exists() is checked_in


def test_a_runner_in_two_overlapping_shifts_is_checked_in_for_both(volunteer, now):
    early = ShiftFactory(name="Saturday 02:00–04:00", start=now - timedelta(hours=1), end=now + timedelta(hours=1))
    late = ShiftFactory(start=now + timedelta(minutes=20), end=now + timedelta(hours=3))
    later = ShiftFactory(start=now + timedelta(hours=1), end=now + timedelta(hours=3))
    runner = RunnerFactory(shifts=[early, late, later])
    check_ins = scan(volunteer, runner).json()["check_ins"]
    assert [(c["shift"]["name"], c["new"]) for c in check_ins] == [(early.name, True), (late.name, True)]
    assert set(CheckIn.objects.values_list("shift", flat=True)) == {early.pk, late.pk}
    entries = AuditEntry.objects.filter(action="check_in")
    assert entries.count() == 2 and {entry.user.username for entry in entries} == {"kiosk"}


def test_a_second_scan_keeps_the_first_check_in_and_says_so_when_already_queued(volunteer, now):
    shift = ShiftFactory(start=now - timedelta(minutes=5), end=now + timedelta(hours=1))
    runner = RunnerFactory(shifts=[shift])
    first = scan(volunteer, runner).json()["check_ins"][0]
    again = scan(volunteer, runner)
    assert again.status_code == 409 and again.json()["code"] == "already_queued"
    assert again.json()["check_ins"] == [{**first, "new": False}]
    assert CheckIn.objects.count() == 1 and QueueTicket.objects.count() == 1


def test_a_check_in_is_announced_with_counts_only(volunteer, now):
    shift = ShiftFactory(start=now, end=now + timedelta(hours=1))
    runners = RunnerFactory.create_batch(3, shifts=[shift])
    scan(volunteer, runners[0])
    scan(volunteer, runners[1])
    announced = events_of("checked_in")
    assert [(e["shift"], e["checked_in"], e["missing"]) for e in announced] == [(shift.pk, 1, 2), (shift.pk, 2, 1)]
    assert set(announced[0]) == {"type", "seq", "shift", "checked_in", "missing"}  # no runner: shifts are private


def test_a_staff_pick_from_the_control_page_checks_nobody_in(organiser, now):
    shift = ShiftFactory(start=now, end=now + timedelta(hours=1))
    runner = RunnerFactory(shifts=[shift])
    answer = organiser.post("/api/queue/", {"runner": runner.pk}, format="json")
    assert answer.status_code == 201 and answer.json()["check_ins"] == []
    assert not CheckIn.objects.exists()


# --- the shift board and check-in by hand ----------------------------------------------------------


def test_the_board_shows_current_and_next_shifts_with_who_is_missing_by_group(
    volunteer, organiser, now, django_assert_max_num_queries
):
    current = ShiftFactory(name="Now", start=now - timedelta(minutes=10), end=now + timedelta(hours=1))
    upcoming = ShiftFactory(name="Next", start=now + timedelta(hours=1), end=now + timedelta(hours=2))
    ShiftFactory(name="Later", start=now + timedelta(hours=2), end=now + timedelta(hours=3))
    ShiftFactory(name="Past", start=now - timedelta(hours=3), end=now - timedelta(hours=2))
    zebra, alpha = GroupFactory(name="Zebra"), GroupFactory(name="alpha")
    in_zebra = RunnerFactory(group=zebra, shifts=[current])
    in_alpha = RunnerFactory(group=alpha, shifts=[current])
    no_group = RunnerFactory(group=None, shifts=[current])
    arrived = RunnerFactory(shifts=[current, upcoming])
    stand_in = RunnerFactory()
    scan(volunteer, arrived)
    answer = organiser.post(f"/api/shifts/{current.pk}/check-in/", {"runner": stand_in.pk}, format="json")
    assert answer.status_code == 200 and answer.json()["checked_in"] is True
    with django_assert_max_num_queries(8):
        board = volunteer.get("/api/shift-board/").json()
    assert [(s["name"], s["when"]) for s in board["shifts"]] == [("Now", "current"), ("Next", "next")]
    now_shift, next_shift = board["shifts"]
    assert [m["runner"]["id"] for m in now_shift["missing"]] == [in_alpha.pk, in_zebra.pk, no_group.pk]
    assert [(c["runner"]["id"], c["manual"], c["in_shift"]) for c in now_shift["checked_in"]] == [
        (arrived.pk, False, True),
        (stand_in.pk, True, False),
    ]
    assert next_shift["checked_in"] == [] and [m["runner"]["id"] for m in next_shift["missing"]] == [arrived.pk]
    assert "identification" not in json.dumps(board)


def test_staff_check_a_runner_out_by_hand_and_the_audit_keeps_it(organiser, now):
    shift = ShiftFactory(start=now, end=now + timedelta(hours=1))
    runner = RunnerFactory(shifts=[shift])
    path = f"/api/shifts/{shift.pk}/check-in/"
    organiser.post(path, {"runner": runner.pk}, format="json")
    out = organiser.post(path, {"runner": runner.pk, "checked_in": False}, format="json")
    assert out.status_code == 200 and out.json()["checked_in"] is False and out.json()["at"] is None
    assert not CheckIn.objects.exists()
    assert list(AuditEntry.objects.filter(target_type="checkin").order_by("pk").values_list("action", flat=True)) == [
        "check_in",
        "check_out",
    ]
    assert [e["checked_in"] for e in events_of("checked_in")] == [1, 0]
    again = organiser.post(path, {"runner": runner.pk, "checked_in": False}, format="json")
    assert again.status_code == 200 and len(events_of("checked_in")) == 2  # nothing to undo: no event


@pytest.mark.parametrize(
    ("who", "board", "by_hand"),
    [("spectator", 401, 401), ("volunteer", 200, 403), ("organiser", 200, 200)],
)
def test_who_may_see_the_board_and_check_in_by_hand(request, who, board, by_hand):
    client = request.getfixturevalue(who)
    shift = ShiftFactory()
    runner = RunnerFactory(shifts=[shift])
    assert client.get("/api/shift-board/").status_code == board
    assert client.post(f"/api/shifts/{shift.pk}/check-in/", {"runner": runner.pk}, format="json").status_code == by_hand


def test_check_in_by_hand_of_an_unknown_shift_or_runner_says_which(organiser):
    shift = ShiftFactory()
    unknown_shift = organiser.post("/api/shifts/999999/check-in/", {"runner": RunnerFactory().pk}, format="json")
    assert unknown_shift.status_code == 404
    unknown_runner = organiser.post(f"/api/shifts/{shift.pk}/check-in/", {"runner": 999999}, format="json")
    assert unknown_runner.status_code == 404 and "runner 999999" in unknown_runner.json()["detail"]
    bad = organiser.post(f"/api/shifts/{shift.pk}/check-in/", {"runner": "x", "checked_in": "maybe"}, format="json")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"runner", "checked_in"}


def test_anonymous_answers_show_no_shifts_or_check_ins(spectator, volunteer, now):
    shift = ShiftFactory(start=now, end=now + timedelta(hours=1))
    runner = RunnerFactory(shifts=[shift])
    scan(volunteer, runner)
    for path in ("/api/queue/", f"/api/runners/{runner.pk}/summary/", "/api/stats/", "/api/laps/current/"):
        text = spectator.get(path).content.decode()
        assert "check_in" not in text and "shift" not in text, path


# --- rewards ---------------------------------------------------------------------------------------


def run_laps(client, runner, count: int) -> None:
    """The runner runs `count` laps in a row (queued again while running), and the last one finishes."""
    for _ in range(count):
        QueueTicket.objects.create(runner=runner, position=1 << 20)
        assert advance(client).status_code == 200
    assert advance(client, stop=True).status_code == 200


@pytest.fixture
def milestones(db):
    return [Milestone.objects.create(laps=2, reward="A drink"), Milestone.objects.create(laps=4, reward="A T-shirt")]


def test_a_reward_is_due_at_exactly_the_milestone_lap(organiser, milestones):
    runner = RunnerFactory(first_name="Lotte")
    run_laps(organiser, runner, 1)
    assert not Reward.objects.exists()
    QueueTicket.objects.create(runner=runner, position=1 << 20)
    advance(organiser)  # the second lap starts: nothing is due yet
    assert not Reward.objects.exists()
    advance(organiser, stop=True)
    reward = Reward.objects.get()
    assert (reward.runner, reward.milestone, reward.handed_out_at) == (runner, milestones[0], None)
    assert reward.lap == Lap.objects.filter(runner=runner).order_by("end").last()
    [due] = events_of("reward_due")
    assert due["reward"]["runner"]["first_name"] == "Lotte" and due["reward"]["milestone"]["reward"] == "A drink"
    assert "handed_out_by" not in due["reward"] and "identification" not in json.dumps(due)


def test_undo_takes_a_due_reward_back_and_the_lap_again_brings_it(organiser, milestones):
    runner = RunnerFactory()
    run_laps(organiser, runner, 2)
    assert reverse(organiser).status_code == 200  # the stop undone: the second lap runs again
    assert not Reward.objects.exists()
    [withdrawn] = events_of("reward_withdrawn")
    assert withdrawn["deleted"] is True and withdrawn["reward"]["milestone"]["laps"] == 2
    advance(organiser, stop=True)
    assert Reward.objects.filter(runner=runner, handed_out_at__isnull=True).count() == 1


def test_a_handed_out_reward_survives_undo_flagged(organiser, organiser_user, milestones):
    runner = RunnerFactory()
    run_laps(organiser, runner, 2)
    reward = Reward.objects.get()
    handed = organiser.post(f"/api/rewards/{reward.pk}/hand-out/", format="json")
    assert handed.status_code == 200 and handed.json()["handed_out_by"] == "organiser"
    assert (
        organiser.post(f"/api/rewards/{reward.pk}/hand-out/", format="json").json()["handed_out_at"]
        == (handed.json()["handed_out_at"])
    )  # a double click: the same answer, one audit entry
    assert AuditEntry.objects.filter(action="hand_out").count() == 1
    reverse(organiser)
    reward.refresh_from_db()
    assert reward.unearned and reward.handed_out_by == organiser_user
    assert events_of("reward_withdrawn")[-1]["deleted"] is False
    advance(organiser, stop=True)  # run again: earned again
    reward.refresh_from_db()
    assert not reward.unearned and Reward.objects.count() == 1


def test_the_kiosk_scan_lists_the_rewards_due(volunteer, organiser, milestones):
    runner = RunnerFactory()
    run_laps(organiser, runner, 4)
    answer = scan(volunteer, runner)
    assert answer.status_code == 201
    assert [r["milestone"]["reward"] for r in answer.json()["rewards_due"]] == ["A drink", "A T-shirt"]
    first = Reward.objects.get(milestone=milestones[0])
    organiser.post(f"/api/rewards/{first.pk}/hand-out/", format="json")
    again = scan(volunteer, runner)
    assert again.status_code == 409 and [r["milestone"]["laps"] for r in again.json()["rewards_due"]] == [4]


def runners_with_laps(count: int) -> dict[int, int]:
    """`count` runners with 0, 1, 2, 3, 0, 1, ... finished laps; how many have at least n laps."""
    for i in range(count):
        runner = RunnerFactory()
        for minutes in range(i % 4):
            LapFactory(runner=runner, end=timezone.now() - timedelta(minutes=10 * minutes + 10))
    return {n: sum(1 for i in range(count) if i % 4 >= n) for n in range(1, 5)}


def test_a_milestone_change_recomputes_who_is_due(organiser, organiser_user):
    with_laps = runners_with_laps(20)
    made = organiser.post("/api/milestones/", {"laps": 3, "reward": "A medal"}, format="json")
    assert made.status_code == 201
    assert Reward.objects.count() == with_laps[3]
    handed = Reward.objects.first()
    reward_service.reward_hand_out(by=organiser_user, reward_id=handed.pk)
    path = f"/api/milestones/{made.json()['id']}/"
    assert organiser.patch(path, {"laps": 2}, format="json").status_code == 200
    assert Reward.objects.count() == with_laps[2]
    assert set(Reward.objects.values_list("lap__runner", flat=True)) == set(
        Reward.objects.values_list("runner", flat=True)
    )
    handed.refresh_from_db()
    assert handed.handed_out_at is not None and not handed.unearned  # kept: 3 laps still earn a 2-lap milestone
    organiser.patch(path, {"laps": 4}, format="json")
    handed.refresh_from_db()
    assert handed.unearned and not Reward.objects.filter(handed_out_at__isnull=True).exists()
    assert [e["model"] for e in events_of("data_changed")] == ["milestone"] * 3
    assert not events_of("reward_due")  # a rule change is no lap to celebrate


def test_a_milestone_change_takes_the_same_statements_for_many_runners(organiser):
    made = organiser.post("/api/milestones/", {"laps": 3, "reward": "A medal"}, format="json").json()
    path = f"/api/milestones/{made['id']}/"

    def statements(laps: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert organiser.patch(path, {"laps": laps}, format="json").status_code == 200
        return len(captured)

    runners_with_laps(8)
    few = [statements(2), statements(3)]
    runners_with_laps(80)
    assert [statements(2), statements(3)] == few
    assert Reward.objects.count() == sum(1 for i in range(8) if i % 4 >= 3) + sum(1 for i in range(80) if i % 4 >= 3)


def test_a_milestone_with_handed_out_rewards_cannot_be_deleted(organiser, organiser_user, milestones):
    runner = RunnerFactory()
    run_laps(organiser, runner, 4)
    reward_service.reward_hand_out(by=organiser_user, reward_id=Reward.objects.get(milestone=milestones[0]).pk)
    refused = organiser.delete(f"/api/milestones/{milestones[0].pk}/")
    assert refused.status_code == 409 and refused.json()["code"] == "handed_out"
    assert "change its reward text" in refused.json()["detail"]
    assert organiser.delete(f"/api/milestones/{milestones[1].pk}/").status_code == 204
    assert list(Reward.objects.values_list("milestone", flat=True)) == [milestones[0].pk]


def test_a_lap_deleted_in_the_admin_takes_its_reward_back(organiser, organiser_user, milestones):
    runner = RunnerFactory()
    run_laps(organiser, runner, 2)
    lap_delete(by=organiser_user, lap_ids=[Lap.objects.filter(runner=runner).first().pk])
    assert not Reward.objects.exists()


def test_an_assigned_lap_can_reach_a_milestone(organiser, milestones):
    runner = RunnerFactory()
    run_laps(organiser, runner, 1)
    advance(organiser)  # the queue is empty: nobody's lap
    advance(organiser, stop=True)
    unassigned = Lap.objects.get(runner__isnull=True)
    organiser.post(f"/api/laps/{unassigned.pk}/assign/", {"runner": runner.pk}, format="json")
    assert Reward.objects.get().lap == unassigned


@pytest.mark.parametrize(
    ("who", "due", "hand_out", "milestones_list"),
    [("spectator", 401, 401, 401), ("volunteer", 200, 403, 403), ("organiser", 200, 200, 200)],
)
def test_who_may_see_and_hand_out_rewards(request, organiser, milestones, who, due, hand_out, milestones_list):
    run_laps(organiser, RunnerFactory(), 2)
    client = request.getfixturevalue(who)
    assert client.get("/api/rewards/?due=1").status_code == due
    assert client.post(f"/api/rewards/{Reward.objects.get().pk}/hand-out/", format="json").status_code == hand_out
    assert client.get("/api/milestones/").status_code == milestones_list


def test_milestone_input_errors_say_what_to_change(organiser, milestones):
    duplicate = organiser.post("/api/milestones/", {"laps": 2, "reward": "Another"}, format="json")
    assert duplicate.status_code == 400 and "change its reward" in json.dumps(duplicate.json())
    zero = organiser.post("/api/milestones/", {"laps": 0, "reward": "Nothing"}, format="json")
    assert zero.status_code == 400 and "laps" in zero.json()["errors"]
    assert organiser.post("/api/rewards/999999/hand-out/", format="json").status_code == 404
    assert organiser.get("/api/rewards/?due=perhaps").status_code == 400


# --- the admin: the same services ------------------------------------------------------------------


@pytest.fixture
def admin_client(client, organiser_user):
    organiser_user.is_superuser = True
    organiser_user.save()
    client.force_login(organiser_user)
    return client


def test_the_admin_checks_in_and_out_through_the_service(admin_client, now):
    shift = ShiftFactory(start=now, end=now + timedelta(hours=1))
    runner = RunnerFactory(shifts=[shift])
    added = admin_client.post(url(CheckIn, "add"), {"runner": runner.pk, "shift": shift.pk})
    assert added.status_code == 302, added.content
    check_in = CheckIn.objects.get()
    assert check_in.manual and check_in.by.username == "organiser"
    assert admin_client.get(url(CheckIn, "changelist")).status_code == 200
    deleted = admin_client.post(url(CheckIn, "delete", check_in.pk), {"post": "yes"})
    assert deleted.status_code == 302 and not CheckIn.objects.exists()
    assert [e["checked_in"] for e in stored_events("checked_in")] == [1, 0]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == ["check_in", "check_out"]


def test_the_admin_milestone_and_hand_out_are_the_api_s(admin_client, organiser, milestones):
    runner = RunnerFactory()
    run_laps(organiser, runner, 2)
    reward = Reward.objects.get()
    action = {"action": "hand_out", "_selected_action": [reward.pk]}
    assert admin_client.post(url(Reward, "changelist"), action).status_code == 302
    reward.refresh_from_db()
    assert reward.handed_out_by.username == "organiser" and len(stored_events("reward_handed_out")) == 1
    changed = admin_client.post(url(Milestone, "change", milestones[1].pk), {"laps": 1, "reward": "A sticker"})
    assert changed.status_code == 302
    assert Reward.objects.filter(milestone=milestones[1]).count() == 1  # 2 laps reach a 1-lap milestone
    refused = admin_client.post(url(Milestone, "delete", milestones[0].pk), {"post": "yes"}, follow=True)
    assert Milestone.objects.filter(pk=milestones[0].pk).exists()
    assert "stays on record" in refused.content.decode()


def test_a_retried_scan_gets_its_first_answer_with_the_check_in_it_made(volunteer, now):
    shift = ShiftFactory(start=now - timedelta(minutes=5), end=now + timedelta(hours=1))
    runner = RunnerFactory(shifts=[shift])
    body = {"identification": runner.identification, "idempotency_key": "scan-1"}
    first = volunteer.post("/api/queue/", body, format="json")
    retry = volunteer.post("/api/queue/", body, format="json")
    assert first.status_code == retry.status_code == 201 and retry["Idempotent-Replay"] == "true"
    assert retry.json() == first.json() and first.json()["check_ins"][0]["new"] is True
    # A new scan of a queued runner (a new key) is refused, and still says they are checked in.
    again = volunteer.post("/api/queue/", {**body, "idempotency_key": "scan-2"}, format="json")
    assert again.status_code == 409 and again.json()["check_ins"][0]["new"] is False
    assert CheckIn.objects.get().at == now  # stamped with the moment the window was judged by


def test_undo_of_the_lap_that_reached_a_milestone_keeps_the_reward_on_a_finished_lap_after_an_assignment(organiser):
    """An older unassigned lap given to the runner, then undo resumes the lap that had reached the
    milestone: the runner still has the laps, so the reward stays due, on the lap that reaches it now."""
    assert (
        organiser.post("/api/milestones/", {"laps": 2, "reward": "a drink voucher"}, format="json").status_code == 201
    )
    x, y = RunnerFactory(), RunnerFactory()
    assert advance(organiser).status_code == 200  # the queue is empty: a lap for nobody starts
    for runner in (x, y, x, y):
        organiser.post("/api/queue/", {"runner": runner.pk}, format="json")
        assert advance(organiser).status_code == 200
    unassigned = Lap.objects.get(runner__isnull=True)
    first, second = Lap.objects.filter(runner=x).order_by("start")
    assert Reward.objects.get(runner=x).lap == second

    assert organiser.post(f"/api/laps/{unassigned.pk}/assign/", {"runner": x.pk}, format="json").status_code == 200
    assert reverse(organiser).status_code == 200  # y's lap goes, x's second lap runs again

    reward = Reward.objects.get(runner=x)
    assert reward.handed_out_at is None and reward.lap == first and reward.reached_at == first.end
    assert_invariants()
