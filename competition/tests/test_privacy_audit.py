"""The privacy and security audit of issue 6 (SPEC section 7), as tests.

A race in which every kind of change has happened, with runners whose student ID, test time and
shifts are distinctive strings; then every anonymous answer, every stored event payload and the
event stream are scanned for those values as raw text (not only for the field names, which
test_permissions checks). And every write a session can make is refused without its CSRF token.
"""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django_eventstream.models import Event

from competition.models import Criterion, HappyHour, Lap, QueueTicket, University
from competition.tests.conftest import advance, reverse
from competition.tests.factories import GroupFactory, RunnerFactory, ShiftFactory
from competition.tests.test_permissions import (
    ANONYMOUS,
    EXPECTED,
    NOT_DATA,
    PRIVATE_KEYS,
    ROUTES,
    keys_in,
    url_for,
)

SECRET_ID = "q9817263"
SECRET_TEST_TIME = timedelta(seconds=3333.125)
SECRET_SHIFT = "Nightwatch 7f3a"
# Every way those values could be written: as given, in DRF's duration format, in seconds.
NEEDLES = (SECRET_ID, SECRET_ID.upper(), "3333.125", "55:33.125", SECRET_SHIFT, SECRET_SHIFT.lower())

# Every event type the app emits from the API and the management commands.
EVENT_TYPES = {
    "queue_inserted",
    "queue_moved",
    "queue_removed",
    "queue_reset",
    "lap_started",
    "lap_finished",
    "lap_removed",
    "lap_resumed",
    "lap_assigned",
    "lap_confirmed",
    "points_changed",
    "runner_changed",
    "data_changed",
    "settings_changed",
}


def ok(response, status=(200, 201, 204)):
    assert response.status_code in status, (response.status_code, response.content[:300])
    return response.json() if response.content else None


def leaks(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text]


@pytest.fixture
def eventful_race(organiser, volunteer, no_min_lap_time) -> dict[str, int]:
    """Runners with private data, and every change a page's user can make, each emitting events."""
    shift = ShiftFactory(name=SECRET_SHIFT)
    group = GroupFactory()
    secret = RunnerFactory(identification=SECRET_ID, test_time=SECRET_TEST_TIME, group=group)
    others = RunnerFactory.create_batch(3, test_time=SECRET_TEST_TIME, group=group)
    for runner in (secret, *others):
        runner.shifts.add(shift)

    ok(volunteer.post("/api/queue/", {"identification": SECRET_ID.upper()}, format="json"))  # a card scan
    for runner in others:
        ok(organiser.post("/api/queue/", {"runner": runner.pk}, format="json"))
    last = ok(organiser.get("/api/queue/"))["results"][-1]["id"]
    ok(organiser.post(f"/api/queue/{last}/move/", {"position": 0}, format="json"))
    ok(advance(organiser))
    ok(advance(organiser))
    ok(reverse(organiser))
    ok(advance(organiser))
    waiting = QueueTicket.objects.filter(state="waiting").order_by("position").first()
    ok(organiser.delete(f"/api/queue/{waiting.pk}/"))
    while QueueTicket.objects.filter(state="waiting").exists():
        ok(advance(organiser))
    ok(advance(organiser))  # the queue is empty: this lap starts without a runner
    unassigned = Lap.objects.get(end__isnull=True)
    ok(advance(organiser, stop=True))
    ok(organiser.post(f"/api/laps/{unassigned.pk}/assign/", {"runner": secret.pk}, format="json"))
    ok(organiser.post(f"/api/laps/{unassigned.pk}/confirm/", format="json"))  # a quick lap: staff vouch for it
    ok(organiser.patch(f"/api/runners/{secret.pk}/", {"first_name": "Renamed", "test_time": 3300}, format="json"))
    ok(organiser.patch(f"/api/runners/{others[0].pk}/", {"group": GroupFactory().pk}, format="json"))
    ok(organiser.patch(f"/api/groups/{group.pk}/", {"name": "Renamed group"}, format="json"))
    ok(organiser.post("/api/criteria/", {"upper_limit": 200, "points": 9}, format="json"))
    ok(organiser.patch(f"/api/shifts/{shift.pk}/", {"name": f"{SECRET_SHIFT} (late)"}, format="json"))
    ok(organiser.patch("/api/settings/", {"raining": True}, format="json"))
    ok(organiser.post("/api/queue/", {"runner": secret.pk}, format="json"))
    call_command("competition_reset_queue", "--yes")
    return {"runner": secret.pk, "lap": unassigned.pk, "group": group.pk, "shift": shift.pk}


def test_the_audit_race_emitted_every_kind_of_event(eventful_race):
    kinds = set(Event.objects.values_list("type", flat=True))
    assert kinds >= EVENT_TYPES, f"not emitted: {EVENT_TYPES - kinds}"


def test_no_event_payload_holds_a_student_id_test_time_or_shift(eventful_race):
    payloads = [json.loads(json.loads(data)) for data in Event.objects.exclude(data="").values_list("data", flat=True)]
    assert len(payloads) > 20
    for payload in payloads:
        assert not keys_in(payload) & PRIVATE_KEYS, payload
        assert not leaks(json.dumps(payload, ensure_ascii=False)), payload


def test_the_event_stream_holds_no_student_id_test_time_or_shift(spectator, eventful_race):
    response = spectator.get("/api/events/?seq=0")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    assert text.count("id: race:") > 20  # the whole race came through
    assert not leaks(text)


def test_no_anonymous_answer_holds_a_student_id_test_time_or_shift(spectator, eventful_race):
    objects = {
        "lap": eventful_race["lap"],
        "runner": eventful_race["runner"],
        "group": eventful_race["group"],
        "queueticket": QueueTicket.objects.first().pk,
        "university": University.objects.first().pk,
        "criterion": Criterion.objects.first().pk,
        "happyhour": HappyHour.objects.first().pk,
        "shift": eventful_race["shift"],
    }
    reads = [
        pattern
        for (name, method), pattern in ROUTES.items()
        if method == "GET" and EXPECTED[(name, method)] == ANONYMOUS and name not in NOT_DATA
    ]
    urls = [url_for(pattern, objects) for pattern in reads]
    runner = eventful_race["runner"]
    # Filters and searches an anonymous visitor might try on top of the plain routes.
    urls += [f"/api/laps/?runner={runner}", f"/api/laps/?search={SECRET_ID}", f"/api/runners/{runner}/summary/"]
    for url in urls:
        response = spectator.get(url)
        assert response.status_code == 200, url
        assert not leaks(response.content.decode()), f"GET {url} shows {leaks(response.content.decode())}"
    # Looking a runner up by card is for the kiosk: anonymous gets a refusal, not a yes/no answer.
    response = spectator.get(f"/api/runners/?identification={SECRET_ID}")
    assert response.status_code == 401
    assert not leaks(response.content.decode())


def test_the_private_values_are_there_for_the_staff(organiser, eventful_race):
    """The scans above only prove something if the values exist where they may be seen."""
    body = organiser.get(f"/api/runners/{eventful_race['runner']}/").content.decode()
    assert SECRET_ID in body
    shifts = organiser.get("/api/shifts/").content.decode()
    assert SECRET_SHIFT in shifts


# --- CSRF on every write a session can make -------------------------------------------------------

UNSAFE = sorted((name, method) for name, method in ROUTES if method in {"POST", "PUT", "PATCH", "DELETE"})


@pytest.mark.parametrize(("name", "method"), UNSAFE, ids=[f"{m} {n}" for n, m in UNSAFE])
def test_every_session_write_is_refused_without_the_csrf_token(organiser_user, name, method):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser_user)  # staff: the permission check would let every route through
    objects = {
        "lap": 1,
        "runner": 1,
        "group": 1,
        "queueticket": 1,
        "university": 1,
        "criterion": 1,
        "happyhour": 1,
        "shift": 1,
        "milestone": 1,
        "reward": 1,
    }
    url = url_for(ROUTES[(name, method)], objects)

    response = getattr(client, method.lower())(url, "{}", content_type="application/json")

    assert response.status_code == 403, f"{method} {url} answered {response.status_code} without a CSRF token"
    assert "CSRF" in response.json()["detail"]
