"""The statistics snapshot: everything the Statistics page shows, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from competition.models import Criterion, EventSettings, Lap, QueueTicket
from competition.scoring import store_points
from competition.services.queue import GAP
from competition.tests.conftest import advance
from competition.tests.factories import GroupFactory, RunnerFactory

pytestmark = pytest.mark.django_db


def build_event(laps: int, runners: int = 20) -> list:
    """Back-to-back laps ending now, a running lap, and a queue of five."""
    groups = GroupFactory.create_batch(3)
    people = [RunnerFactory(group=groups[i % 3], first_year=i % 4 == 0) for i in range(runners)]
    now = timezone.now()
    rows, end = [], now - timedelta(minutes=2)
    for i in range(laps):
        start = end - timedelta(seconds=120 + (i * 37) % 200)
        rows.append(Lap(runner=people[i % runners], start=start, end=end, raining=i % 7 == 0))
        end = start
    Lap.objects.bulk_create(rows)
    store_points(Lap.objects.all())  # as the app does when each of them finishes
    Lap.objects.create(runner=people[0], start=now - timedelta(minutes=2))
    for i, runner in enumerate(people[1:6]):
        QueueTicket.objects.create(runner=runner, position=(i + 1) * GAP)
    return people


def snapshot_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/stats/")
    assert response.status_code == 200
    return len(queries), response.json()


def test_the_snapshot_costs_the_same_queries_with_50_and_5000_laps(spectator):
    build_event(50)
    small, _ = snapshot_queries(spectator)
    Lap.objects.all().delete()
    QueueTicket.objects.all().delete()
    build_event(5000)
    large, body = snapshot_queries(spectator)
    assert small == large
    assert body["total_laps"] == 5000
    assert len(body["chart"]) == 100


def test_the_snapshot_has_everything_the_statistics_page_shows(spectator):
    people = build_event(30)
    body = spectator.get("/api/stats/").json()
    assert isinstance(body["seq"], int) and body["server_time"]
    assert body["current"]["runner"]["id"] == people[0].pk and body["current"]["end"] is None
    assert [t["runner"]["id"] for t in body["queue"]] == [p.pk for p in people[1:4]]
    assert body["queue_length"] == 5
    ends = [lap["end"] for lap in body["last_laps"]]  # the newest five, for the control page's list
    assert len(ends) == min(5, body["total_laps"]) and len(ends) >= 2 and ends == sorted(ends, reverse=True)
    boards = body["leaderboards"]
    assert len(boards["fastest_lap"]) == 3
    fastest = [row["runner"]["id"] for row in boards["fastest_lap"]]
    assert len(set(fastest)) == 3  # each runner once
    assert boards["fastest_lap"][0]["best"] <= boards["fastest_lap"][1]["best"]
    assert boards["most_laps"][0]["laps"] >= boards["most_laps"][1]["laps"]
    assert all(row["runner"]["first_year"] for row in boards["first_year"])
    assert len(boards["groups"]) == 3 and boards["groups"][0]["points"] >= boards["groups"][1]["points"]
    assert body["chart"][0]["end"] < body["chart"][-1]["end"]
    assert body["settings"]["title"]


def test_a_frozen_leaderboard_shows_the_public_the_standings_of_that_moment(spectator, organiser, no_min_lap_time):
    runner = RunnerFactory()
    QueueTicket.objects.create(runner=runner, position=GAP)
    advance(organiser, at=(timezone.now() - timedelta(minutes=5)).isoformat())
    assert organiser.patch("/api/settings/", {"leaderboard_frozen": True}, format="json").status_code == 200
    advance(organiser)
    public = spectator.get("/api/stats/").json()
    staff = organiser.get("/api/stats/").json()
    assert public["leaderboards"]["most_laps"] == []
    assert staff["leaderboards"]["most_laps"][0]["laps"] == 1
    assert public["total_laps"] == 1  # the live lap data keeps flowing; only the boards freeze
    organiser.patch("/api/settings/", {"leaderboard_frozen": False}, format="json")
    assert spectator.get("/api/stats/").json()["leaderboards"]["most_laps"][0]["laps"] == 1


def test_the_night_and_rain_board_counts_rainy_laps_and_night_laps(spectator):
    cfg = EventSettings.load()
    tz = timezone.get_current_timezone()
    day = timezone.now().astimezone(tz).replace(hour=14, minute=0) - timedelta(days=1)
    night = day.replace(hour=23)
    dry_day, wet_day, dry_night = RunnerFactory(), RunnerFactory(), RunnerFactory()
    Lap.objects.create(runner=dry_day, start=day - timedelta(minutes=3), end=day)
    Lap.objects.create(runner=wet_day, start=day - timedelta(minutes=3), end=day, raining=True)
    Lap.objects.create(runner=dry_night, start=night - timedelta(minutes=3), end=night)
    store_points(Lap.objects.all())
    assert (cfg.night_start_hour, cfg.night_end_hour) == (22, 6)
    board = spectator.get("/api/stats/").json()["leaderboards"]["night_rain"]
    assert {row["runner"]["id"] for row in board} == {wet_day.pk, dry_night.pk}


def test_current_lap_answers_with_seq_and_server_time(spectator):
    build_event(3)
    body = spectator.get("/api/laps/current/").json()
    assert body["lap"]["end"] is None and isinstance(body["seq"], int) and body["server_time"]


def test_runner_summary_shows_quick_information_and_an_estimated_start(spectator, volunteer, organiser):
    people = build_event(40)
    waiting = people[3]  # third in the queue
    public = spectator.get(f"/api/runners/{waiting.pk}/summary/").json()
    assert public["position"] == 2
    assert public["estimated_start"] is not None
    assert public["lap_count"] == 2 and public["best_lap"] > 0 and public["points"] >= 2
    assert "test_time" not in public and "identification" not in public
    kiosk = volunteer.get(f"/api/runners/{waiting.pk}/summary/").json()
    assert "test_time" not in kiosk and "identification" not in kiosk  # the kiosk is a shared device
    private = organiser.get(f"/api/runners/{waiting.pk}/summary/").json()
    assert "test_time" in private


def test_spectators_share_one_computation_of_the_boards_until_the_race_changes(spectator, organiser):
    build_event(40)
    first, _ = snapshot_queries(spectator)
    again, _ = snapshot_queries(spectator)
    assert again < first  # the boards came from the cache
    base = Criterion.objects.get(base=True)
    response = organiser.patch(f"/api/criteria/{base.pk}/", {"points": 5}, format="json")  # an event
    assert response.status_code == 200
    changed, body = snapshot_queries(spectator)
    assert changed == first
    assert body["leaderboards"]["most_points"][0]["points"] >= 5


def test_a_worker_builds_the_statistics_before_its_first_reader(transactional_db, django_assert_max_num_queries):
    """it24u/asgi.py warms up before Daphne listens: after a restart nobody waits for the boards."""
    from django.test import Client

    from competition import selectors

    build_event(20)
    selectors.clear_caches()
    selectors.warm_up()
    with django_assert_max_num_queries(2):  # the race's version only: the body comes from the cache
        assert Client().get("/api/stats/").status_code == 200
