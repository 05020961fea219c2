"""The leaderboard freeze (SPEC section 4; issue 12): nothing public reveals points earned after it.

Before the freeze every lap is worth a point or two; after it, a happy hour of the highest multiplier
makes every lap worth 100 or more. Every answer anonymous visitors and the kiosk volunteer can get, and every event,
is then searched for such a number under a key about points.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_eventstream.models import Event

from competition.models import Criterion, EventSettings, HappyHour, Lap
from competition.models.reference import MAX_MULTIPLIER
from competition.tests.conftest import advance
from competition.tests.factories import GroupFactory, LapFactory, RunnerFactory
from competition.tests.test_permissions import ANONYMOUS, EXPECTED, NOT_DATA, ROUTES, url_for

BIG = MAX_MULTIPLIER  # a lap after the freeze is worth at least this; every total before it, a few


def big_points(value, path="") -> list[str]:
    """Where a number of BIG or more stands under a key about points."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if "points" in key and isinstance(item, int | float) and not isinstance(item, bool) and item >= BIG:
                found.append(f"{path}.{key}={item}")
            found += big_points(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += big_points(item, f"{path}[{index}]")
    return found


def laps_in(value) -> list[dict]:
    if isinstance(value, dict):
        here = [value] if {"start", "end", "points", "duration"} <= value.keys() else []
        return here + [lap for item in value.values() for lap in laps_in(item)]
    if isinstance(value, list):
        return [lap for item in value for lap in laps_in(item)]
    return []


@pytest.fixture
def frozen_race(organiser, volunteer, no_min_lap_time):
    """Laps before the freeze, a freeze, then laps worth BIG points or more each (one of them assigned late)."""
    group = GroupFactory()
    a, b, c = RunnerFactory.create_batch(3, group=group)
    earlier = timezone.now() - timedelta(minutes=30)
    for runner in (a, b, c):
        LapFactory(runner=runner, end=earlier)
    assert organiser.patch("/api/settings/", {"leaderboard_frozen": True}, format="json").status_code == 200
    frozen = EventSettings.load().leaderboard_frozen_at
    happy = {
        "name": "After the freeze",
        "start": frozen.isoformat(),
        "end": (frozen + timedelta(days=1)).isoformat(),
        "multiplier": BIG,
        "groups": [group.pk],
    }
    assert organiser.post("/api/happy-hours/", happy, format="json").status_code == 201
    for runner in (a, b):
        assert volunteer.post("/api/queue/", {"runner": runner.pk}, format="json").status_code == 201
    for _ in range(4):  # a and b run, then an unassigned lap starts and finishes
        assert advance(organiser).status_code == 200
    unassigned = Lap.objects.get(runner__isnull=True, end__isnull=False)
    assert organiser.post(f"/api/laps/{unassigned.pk}/assign/", {"runner": c.pk}, format="json").status_code == 200
    after = Lap.objects.filter(end__gt=frozen)
    assert after.count() == 3 and all(lap.points >= BIG for lap in after)
    return {"frozen": frozen, "runners": (a, b, c), "after": list(after)}


def public_urls(frozen_race) -> list[str]:
    a = frozen_race["runners"][0]
    objects = {
        "runner": a.pk,
        "lap": frozen_race["after"][0].pk,
        "group": a.group_id,
        "university": a.university_id,
        "criterion": Criterion.objects.values_list("pk", flat=True).first(),
        "happyhour": HappyHour.objects.values_list("pk", flat=True).first(),
    }
    urls = [
        url_for(pattern, objects)
        for (name, method), pattern in ROUTES.items()
        if method == "GET" and EXPECTED[(name, method)] == ANONYMOUS and name not in NOT_DATA
    ]
    urls += [f"/api/runners/{r.pk}/summary/" for r in frozen_race["runners"]]
    urls += [f"/api/laps/{lap.pk}/" for lap in frozen_race["after"]]
    urls += [f"/api/laps/?runner={a.pk}", f"/api/groups/{a.group_id}/", "/api/laps/?finished=true"]
    return urls


@pytest.mark.parametrize("role", ["spectator", "volunteer"])
def test_no_answer_shows_points_earned_after_the_freeze(request, role, frozen_race):
    client = request.getfixturevalue(role)
    for url in public_urls(frozen_race):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        assert not big_points(body), f"GET {url} as {role}: {big_points(body)}"
        for lap in laps_in(body):
            if lap["end"] and parse_datetime(lap["end"]) > frozen_race["frozen"]:
                assert lap["points"] is None, f"GET {url}: lap {lap.get('id')} shows its points"
                assert lap.get("points_explanation") is None, url


def test_the_kiosk_lookup_shows_no_points_earned_after_the_freeze(volunteer, frozen_race):
    a = frozen_race["runners"][0]
    body = volunteer.post("/api/runners/lookup/", {"identification": a.identification}, format="json").json()
    assert body["id"] == a.pk and not big_points(body)


def test_no_event_carries_points_earned_after_the_freeze(frozen_race):
    rows = Event.objects.filter(created__gte=frozen_race["frozen"] - timedelta(seconds=1)).exclude(type="")
    payloads = [json.loads(json.loads(row.data)) for row in rows]
    assert {"lap_finished", "lap_assigned"} <= {p["type"] for p in payloads}
    for payload in payloads:
        assert not big_points(payload), payload
        for lap in laps_in(payload):
            if lap["end"] and parse_datetime(lap["end"]) > frozen_race["frozen"]:
                assert lap["points"] is None, payload


def test_staff_keep_seeing_every_point_live(organiser, frozen_race):
    """The searches above are only worth something if the points are there to be found."""
    stats = organiser.get("/api/stats/").json()
    assert stats["leaderboards"]["most_points"][0]["points"] >= BIG
    a = frozen_race["runners"][0]
    assert organiser.get(f"/api/runners/{a.pk}/summary/").json()["points"] >= BIG
    assert organiser.get(f"/api/groups/{a.group_id}/").json()["points"] >= 3 * BIG
    assert big_points(organiser.get(f"/api/laps/?runner={a.pk}").json())


def test_after_unfreezing_everybody_sees_every_point(spectator, organiser, frozen_race):
    organiser.patch("/api/settings/", {"leaderboard_frozen": False}, format="json")
    a = frozen_race["runners"][0]
    assert spectator.get(f"/api/runners/{a.pk}/summary/").json()["points"] >= BIG
    assert spectator.get("/api/stats/").json()["leaderboards"]["most_points"][0]["points"] >= BIG
