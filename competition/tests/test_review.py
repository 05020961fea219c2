"""Suspect laps (issue 13): a lap recorded anyway, or shorter than the plausible lap time, stays off
"fastest lap" until staff confirm it; "average lap" is a median that one lost runner cannot move."""

import importlib
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse as url_of
from django.utils import timezone
from django_eventstream.models import Event

from competition import selectors
from competition.models import AuditEntry, EventSettings, Lap, QueueTicket
from competition.tests.conftest import advance, assert_invariants, reverse
from competition.tests.factories import LapFactory, RunnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def lap(runner, seconds: float, *, ago: timedelta = timedelta(minutes=30)) -> Lap:
    end = timezone.now() - ago
    return LapFactory(runner=runner, start=end - timedelta(seconds=seconds), end=end)


def fastest(client) -> list[tuple[int, float]]:
    board = client.get("/api/stats/").json()["leaderboards"]["fastest_lap"]
    return [(row["runner"]["id"], row["best"]) for row in board]


def events(kind: str) -> list[dict]:
    rows = Event.objects.filter(type=kind).order_by("eid").values_list("data", flat=True)
    return [json.loads(json.loads(data)) for data in rows]


@pytest.fixture
def now():
    """The test's one moment: press times measured from it make exact lap times."""
    return timezone.now()


def press(organiser, now, ago: timedelta, **body):
    """A press of next lap `ago` before `now` (a client's own press time)."""
    response = advance(organiser, at=(now - ago).isoformat(), **body)
    assert response.status_code == 200, response.json()
    return response.json()


@pytest.fixture
def quick_and_steady(db):
    """Quick ran one 36 s lap (just over the 30 s minimum) and one of 3:10; Steady ran 3:00."""
    quick, steady = RunnerFactory(first_name="Quick"), RunnerFactory(first_name="Steady")
    short = lap(quick, 36, ago=timedelta(minutes=40))
    lap(quick, 190, ago=timedelta(minutes=20))
    lap(steady, 180, ago=timedelta(minutes=10))
    return {"quick": quick, "steady": steady, "short": short}


# --- the fastest lap ---------------------------------------------------------------------------


def test_a_36_second_lap_does_not_top_fastest_lap(spectator, quick_and_steady):
    quick, steady = quick_and_steady["quick"], quick_and_steady["steady"]
    assert fastest(spectator) == [(steady.pk, 180.0), (quick.pk, 190.0)]


def test_a_runner_whose_only_lap_is_suspect_is_not_on_the_fastest_lap_board(spectator):
    steady, sprinter = RunnerFactory(), RunnerFactory()
    lap(steady, 200)
    lap(sprinter, 40)
    assert fastest(spectator) == [(steady.pk, 200.0)]
    most_laps = spectator.get("/api/stats/").json()["leaderboards"]["most_laps"]
    assert {row["runner"]["id"] for row in most_laps} == {steady.pk, sprinter.pk}  # the lap still counts


def test_a_confirmed_short_lap_tops_fastest_lap(spectator, organiser, quick_and_steady):
    short = quick_and_steady["short"]
    response = organiser.post(f"/api/laps/{short.pk}/confirm/", format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["lap"]["suspect"] is False
    assert fastest(spectator)[0] == (quick_and_steady["quick"].pk, 36.0)


def test_a_lap_recorded_anyway_is_kept_off_fastest_lap_until_staff_confirm_it(spectator, organiser, now):
    EventSettings.objects.filter(id=1).update(min_lap_time=timedelta(seconds=120))
    forced_runner, other = RunnerFactory(), RunnerFactory()
    lap(other, 150)
    QueueTicket.objects.create(runner=forced_runner, position=1 << 20)
    press(organiser, now, timedelta(minutes=5))
    refused = advance(organiser, at=(now - timedelta(minutes=3, seconds=30)).isoformat())
    assert refused.status_code == 409 and refused.json()["code"] == "too_soon"  # 90 s < the 120 s minimum
    body = press(organiser, now, timedelta(minutes=3, seconds=30), force=True)  # "record anyway"
    finished = Lap.objects.get(pk=body["finished"]["id"])
    assert finished.forced and finished.duration == timedelta(seconds=90)  # longer than plausible (60 s)
    assert body["finished"]["suspect"] is True
    assert fastest(spectator) == [(other.pk, 150.0)]
    organiser.post(f"/api/laps/{finished.pk}/confirm/", format="json")
    assert fastest(spectator)[0] == (forced_runner.pk, 90.0)
    assert_invariants()


def test_force_on_a_lap_long_enough_anyway_records_a_normal_lap(organiser, queued_runners, now):
    press(organiser, now, timedelta(minutes=5))
    body = press(organiser, now, timedelta(minutes=2), force=True)
    assert Lap.objects.get(pk=body["finished"]["id"]).forced is False
    assert body["finished"]["suspect"] is False


def test_the_plausible_lap_time_is_a_setting_that_applies_to_every_lap_at_once(spectator, organiser, quick_and_steady):
    assert spectator.get("/api/settings/").json()["plausible_lap_time"] == 60.0
    response = organiser.patch("/api/settings/", {"plausible_lap_time": 30}, format="json")
    assert response.status_code == 200 and response.json()["plausible_lap_time"] == 30.0
    assert fastest(spectator)[0] == (quick_and_steady["quick"].pk, 36.0)
    assert events("settings_changed")[-1]["changed"] == ["plausible_lap_time"]
    refused = organiser.patch("/api/settings/", {"plausible_lap_time": -1}, format="json")
    assert refused.status_code == 400 and "plausible_lap_time" in refused.json()["errors"]


def test_a_suspect_lap_is_no_personal_best_and_no_record_to_beat(organiser, no_min_lap_time, now):
    runner = RunnerFactory()
    lap(runner, 40, ago=timedelta(minutes=30))  # suspect: not the runner's record
    lap(runner, 200, ago=timedelta(minutes=20))
    QueueTicket.objects.create(runner=runner, position=1 << 20)
    press(organiser, now, timedelta(minutes=10))
    QueueTicket.objects.create(runner=runner, position=2 << 20)  # queued again while running
    press(organiser, now, timedelta(minutes=7))  # 3:00 beats 3:20, the best lap that counts
    assert events("lap_finished")[-1]["personal_best"] is True
    press(organiser, now, timedelta(minutes=6, seconds=45))  # 15 s: faster than anything, and suspect
    assert events("lap_finished")[-1]["personal_best"] is False


def test_a_runners_best_lap_in_their_summary_leaves_suspect_laps_out(spectator, quick_and_steady):
    summary = spectator.get(f"/api/runners/{quick_and_steady['quick'].pk}/summary/").json()
    assert summary["best_lap"] == 190.0 and summary["lap_count"] == 2


# --- confirming --------------------------------------------------------------------------------


def test_a_confirmation_is_audited_and_broadcast(organiser, organiser_user, quick_and_steady):
    short = quick_and_steady["short"]
    body = organiser.post(f"/api/laps/{short.pk}/confirm/", format="json").json()
    short.refresh_from_db()
    assert short.confirmed_by == organiser_user and short.confirmed_at is not None
    entry = AuditEntry.objects.get(action="confirm")
    assert (entry.user, entry.target_id, entry.details) == (
        organiser_user,
        str(short.pk),
        {"suspect": True, "forced": False},
    )
    (event,) = events("lap_confirmed")
    assert event["seq"] == body["seq"] and event["lap"]["id"] == short.pk and event["lap"]["suspect"] is False


def test_confirming_twice_changes_nothing_the_second_time(organiser, quick_and_steady):
    short = quick_and_steady["short"]
    first = organiser.post(f"/api/laps/{short.pk}/confirm/", format="json").json()
    again = organiser.post(f"/api/laps/{short.pk}/confirm/", format="json").json()
    assert again == first
    assert AuditEntry.objects.filter(action="confirm").count() == 1 and len(events("lap_confirmed")) == 1


def test_a_running_lap_cannot_be_confirmed(organiser):
    running = Lap.objects.create(runner=RunnerFactory(), start=timezone.now())
    response = organiser.post(f"/api/laps/{running.pk}/confirm/", format="json")
    assert response.status_code == 409 and response.json()["code"] == "lap_running"
    assert organiser.post("/api/laps/999999/confirm/", format="json").status_code == 404


@pytest.mark.parametrize(("role", "status"), [("spectator", 401), ("volunteer", 403)])
def test_only_staff_may_confirm_a_lap(request, quick_and_steady, role, status):
    client = request.getfixturevalue(role)
    short = quick_and_steady["short"]
    assert client.post(f"/api/laps/{short.pk}/confirm/", format="json").status_code == status
    short.refresh_from_db()
    assert short.confirmed_at is None and not AuditEntry.objects.filter(action="confirm").exists()


def test_undo_takes_the_force_and_the_confirmation_back_with_the_press(organiser, queued_runners, now):
    EventSettings.objects.filter(id=1).update(min_lap_time=timedelta(minutes=5))
    press(organiser, now, timedelta(minutes=5))
    finished = press(organiser, now, timedelta(minutes=4), force=True)["finished"]["id"]
    organiser.post(f"/api/laps/{finished}/confirm/", format="json")
    assert reverse(organiser).json()["resumed"]["id"] == finished
    resumed = Lap.objects.get(pk=finished)
    assert (resumed.end, resumed.forced, resumed.confirmed_at, resumed.confirmed_by) == (None, False, None, None)
    assert_invariants()


# --- payloads ----------------------------------------------------------------------------------


def test_every_lap_payload_says_whether_the_lap_is_suspect(spectator, quick_and_steady):
    laps = {row["id"]: row["suspect"] for row in spectator.get("/api/laps/").json()["results"]}
    assert laps == {lap.pk: lap.pk == quick_and_steady["short"].pk for lap in Lap.objects.all()}
    assert spectator.get(f"/api/laps/{quick_and_steady['short'].pk}/").json()["suspect"] is True
    last_laps = spectator.get("/api/stats/").json()["last_laps"]
    assert last_laps and all(row["suspect"] == (row["id"] == quick_and_steady["short"].pk) for row in last_laps)


def test_the_rule_in_the_database_and_in_memory_agree(db):
    runner = RunnerFactory()
    plausible = EventSettings.load().plausible_lap_time
    for seconds in (10, 59.5, 60, 61, 600):
        lap(runner, seconds)
        Lap.objects.filter(pk=lap(runner, seconds).pk).update(forced=True)
        Lap.objects.filter(pk=lap(runner, seconds).pk).update(confirmed_at=timezone.now())
    Lap.objects.create(runner=runner, start=timezone.now())  # running: never suspect
    in_db = set(Lap.objects.filter(Lap.suspect_condition(plausible)).values_list("pk", flat=True))
    in_memory = {lap.pk for lap in Lap.objects.all() if lap.is_suspect(plausible)}
    read_in_query = set(Lap.objects.filter(Lap.suspect_condition()).values_list("pk", flat=True))
    assert in_db == in_memory == read_in_query
    assert len(in_db) == 2 + 5  # 10 s and 59.5 s, and every forced lap (none of them confirmed)


# --- the average lap ---------------------------------------------------------------------------


def test_one_twenty_minute_lap_does_not_move_the_average_lap(spectator):
    runner = RunnerFactory()
    for i, seconds in enumerate([194] * 9 + [204] + [214] * 9):  # 3:14 to 3:34: the median is 3:24
        lap(runner, seconds, ago=timedelta(minutes=200 - 4 * i))
    before = spectator.get("/api/stats/").json()["average_lap"]
    lap(runner, 20 * 60, ago=timedelta(minutes=1))
    after = spectator.get("/api/stats/").json()["average_lap"]
    assert (before, after) == (204.0, 209.0)  # a mean of these 20 laps is 4:14


def test_the_average_lap_is_the_median_of_the_last_20_laps(spectator):
    runner = RunnerFactory()
    for i, seconds in enumerate([100] * 10 + [150, 160, 170, 180]):
        lap(runner, seconds, ago=timedelta(minutes=100 - 5 * i))
    assert spectator.get("/api/stats/").json()["average_lap"] == 100.0  # the 10 oldest still count
    for i in range(10):
        lap(runner, 300, ago=timedelta(minutes=30 - i))
    # The 4 oldest laps of 100 s are out: the middle of the last 20 is 3:00 and 5:00 (of all 24: 2:45).
    assert spectator.get("/api/stats/").json()["average_lap"] == 240.0


# --- query counts ------------------------------------------------------------------------------


def test_suspect_laps_cost_the_statistics_and_the_lap_list_no_extra_query(spectator, organiser, quick_and_steady):
    for client, path, expected in (
        # As many as before suspect laps existed (measured on the commit before them).
        (spectator, "/api/stats/", 10),
        (organiser, "/api/stats/", 10),
        (spectator, "/api/laps/", 3),
        (organiser, "/api/laps/", 2),
        (spectator, f"/api/runners/{quick_and_steady['quick'].pk}/summary/", 7),
        (organiser, f"/api/runners/{quick_and_steady['quick'].pk}/summary/", 6),
    ):
        selectors.clear_caches()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert len(queries) == expected, (path, [q["sql"] for q in queries])


# --- admin and migration -----------------------------------------------------------------------


def test_staff_confirm_laps_with_an_admin_action_that_takes_the_same_path(quick_and_steady):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(boss)
    short = quick_and_steady["short"]
    changelist = url_of("admin:competition_lap_changelist")
    listed = client.get(changelist, {"review": "suspect"})
    assert [lap.pk for lap in listed.context["cl"].result_list] == [short.pk]
    assert "suspect: shorter than plausible" in listed.content.decode()
    response = client.post(changelist, {"action": "confirm_laps", "_selected_action": [short.pk]})
    assert response.status_code == 302
    short.refresh_from_db()
    assert short.confirmed_by == boss
    assert AuditEntry.objects.get(action="confirm").user == boss and len(events("lap_confirmed")) == 1
    assert client.get(changelist, {"review": "suspect"}).context["cl"].result_list.count() == 0


def test_the_migration_marks_laps_that_the_audit_log_says_were_recorded_anyway(db):
    migration = importlib.import_module("competition.migrations.0007_lap_review")
    runner = RunnerFactory()
    forced, undone, normal = lap(runner, 20), lap(runner, 25), lap(runner, 200)
    for finished, was_forced in ((forced.pk, True), (undone.pk, True), (normal.pk, False), (undone.pk, False)):
        AuditEntry.objects.create(
            action="advance", target_type="lap", details={"finished": finished, "forced": was_forced}
        )
    migration.forced_from_audit(apps, None)
    assert set(Lap.objects.filter(forced=True).values_list("pk", flat=True)) == {forced.pk}
