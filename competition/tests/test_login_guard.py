"""Password guessing costs the guesser, not the race (SPEC section 7; issue 12 items 1 and 2).

Failed logins are counted per client address and per username before any hash; the hash runs in
a bounded number of slots; the client address is REMOTE_ADDR, never a header the client sent.
"""

import asyncio
import base64
import json
import threading

import pytest
from django.test import Client

from competition import login_guard
from competition.tests.conftest import api_login
from it24u.lanes import Lane, lane_of

pytestmark = pytest.mark.django_db


class CountingSlots:
    """Stands in for the hashing slots: counts the password checks that ran."""

    def __init__(self, slots: int = 1):
        self.semaphore = threading.BoundedSemaphore(slots)
        self.taken = 0

    def acquire(self, timeout=None):
        got = self.semaphore.acquire(timeout=timeout)
        self.taken += got
        return got

    def release(self):
        self.semaphore.release()


@pytest.fixture(autouse=True)
def one_window(monkeypatch):
    """Failures are counted per minute: the clock stands still, so no test straddles two minutes."""

    class Clock:
        @staticmethod
        def time():
            return 1_800_000_030.0  # the middle of a minute

    monkeypatch.setattr(login_guard, "time", Clock)


@pytest.fixture
def slots(monkeypatch):
    counting = CountingSlots()
    monkeypatch.setattr(login_guard, "_slots", counting)
    return counting


def login(username, password, address="10.1.0.1", **headers):
    return api_login(username, password, address, **headers)


def test_an_address_with_too_many_failures_gets_a_cheap_429_with_retry_after(settings, slots, organiser_user):
    settings.LOGIN_RATE_PER_ADDRESS = 3
    for n in range(3):
        assert login(f"nobody{n}", "guess").status_code == 400
    assert slots.taken == 3  # unknown usernames are hashed too (Django's timing defence)

    refused = login("nobody9", "guess")
    right_password_too = login(organiser_user.username, "secret")

    assert refused.status_code == right_password_too.status_code == 429
    assert refused.json()["code"] == "login_throttled" and "wait" in refused.json()["detail"]
    assert refused["Retry-After"] == "30"
    assert slots.taken == 3  # neither was hashed
    assert login(organiser_user.username, "secret", address="10.1.0.2").status_code == 200  # others log in


def test_a_username_guessed_from_many_addresses_gets_a_429(settings, slots, organiser_user):
    settings.LOGIN_RATE_PER_USERNAME = 3
    for n in range(3):
        assert login(organiser_user.username, "guess", address=f"10.2.0.{n}").status_code == 400
    assert login(organiser_user.username, "secret", address="10.2.0.99").status_code == 429
    assert login("someone-else", "guess", address="10.2.0.99").status_code == 400  # only that username


def test_a_successful_login_does_not_count(settings, organiser_user):
    settings.LOGIN_RATE_PER_ADDRESS = settings.LOGIN_RATE_PER_USERNAME = 2
    for _ in range(5):
        assert login(organiser_user.username, "secret").status_code == 200


def test_without_a_free_hashing_slot_a_login_is_a_quick_503(settings, monkeypatch, organiser_user):
    settings.LOGIN_HASH_WAIT_SECONDS = 0.05
    busy = CountingSlots(1)
    busy.semaphore.acquire()  # another login is hashing
    monkeypatch.setattr(login_guard, "_slots", busy)

    response = login(organiser_user.username, "secret")

    assert response.status_code == 503
    assert response.json()["code"] == "login_busy" and response["Retry-After"] == "2"
    busy.semaphore.release()
    assert login(organiser_user.username, "secret").status_code == 200


def test_http_basic_and_the_admin_form_are_throttled_by_the_same_counts(settings, slots, organiser_user):
    settings.LOGIN_RATE_PER_ADDRESS = 2
    for n in range(2):
        login(f"nobody{n}", "guess")
    token = base64.b64encode(f"{organiser_user.username}:secret".encode()).decode()
    basic = Client(REMOTE_ADDR="10.1.0.1").get("/api/laps/current/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert basic.status_code == 429 and basic.json()["code"] == "login_throttled"
    admin = Client(REMOTE_ADDR="10.1.0.1").post(
        "/admin/login/", {"username": organiser_user.username, "password": "secret"}
    )
    assert admin.status_code == 429 and "Too many failed logins" in admin.content.decode()
    assert admin["Retry-After"]


def test_a_forwarded_for_header_does_not_change_the_address_that_is_counted(settings, slots, organiser_user):
    """Behind NGINX, Daphne sets REMOTE_ADDR from the X-Forwarded-For that NGINX overwrites; Django never reads it."""
    for n in range(5):  # django-axes: 5 failures of one username from one address lock that pair
        response = login(organiser_user.username, "wrong", **{"X-Forwarded-For": f"192.0.2.{n}"})
    assert response.status_code == 429 and response.json()["code"] == "locked_out"
    assert login(organiser_user.username, "secret", **{"X-Forwarded-For": "192.0.2.77"}).status_code == 429
    assert login(organiser_user.username, "secret", address="10.9.9.9").status_code == 200  # the real other address


def test_failure_counts_of_two_deployments_on_one_redis_do_not_mix(rf):
    keys = login_guard._keys(rf.get("/", REMOTE_ADDR="10.0.0.1"), "admin")
    assert keys and all(key.startswith(f"login:{login_guard.SOURCE}:") for key, _, _ in keys)


# --- lanes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path, headers, lane",
    [
        ("POST", "/api/auth/login/", [], "login"),
        ("POST", "/admin/login/", [], "login"),
        ("GET", "/api/runners/", [(b"authorization", b"Basic YTpi")], "login"),
        ("POST", "/api/laps/advance/", [], "commands"),
        ("POST", "/api/laps/reverse/", [], "commands"),
        ("POST", "/api/laps/12/assign/", [], "commands"),
        ("POST", "/api/queue/", [], "commands"),
        ("DELETE", "/api/queue/3/", [], "commands"),
        ("POST", "/api/runners/lookup/", [], "commands"),
        ("GET", "/api/stats/", [], "default"),
        ("GET", "/api/laps/", [], "default"),
        ("GET", "/api/auth/login/", [], "default"),
        ("PATCH", "/api/settings/", [], "default"),
        ("GET", "/", [], "default"),
        ("GET", "/static/app/assets/index-abc123.js", [], "static"),
        ("GET", "/static/admin/css/base.css", [(b"authorization", b"Basic YTpi")], "static"),
    ],
)
def test_each_request_runs_in_its_lane(method, path, headers, lane):
    assert lane_of(method, path, headers) == lane


def test_a_full_lane_answers_503_at_once_instead_of_queueing():
    release = asyncio.Event()
    started = []

    async def slow_app(scope, receive, send):
        started.append(scope)
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    lane = Lane(slow_app, name="login", threads=1, max_waiting=2, busy="Busy with logins.")

    async def scenario():
        sent = []

        async def send(message):
            sent.append(message)

        waiting = [asyncio.ensure_future(lane({"type": "http"}, None, send)) for _ in range(3)]
        await asyncio.sleep(0)
        await lane({"type": "http"}, None, send)  # the fourth: refused without waiting
        assert sent[0]["status"] == 503 and (b"retry-after", b"2") in sent[0]["headers"]
        assert json.loads(sent[1]["body"])["detail"] == "Busy with logins."
        release.set()
        await asyncio.gather(*waiting)
        assert len(started) == 3 and lane.active == 0

    asyncio.run(scenario())


def test_refusals_of_the_login_lane_go_out_after_a_pause_and_answers_at_once(monkeypatch):
    import it24u.lanes as lanes

    paused = []

    async def fake_sleep(seconds):
        paused.append(seconds)

    monkeypatch.setattr(lanes.asyncio, "sleep", fake_sleep)

    def app_answering(status):
        async def app(scope, receive, send):
            await send({"type": "http.response.start", "status": status, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        return app

    async def call(status):
        sent = []

        async def send(message):
            sent.append(message)

        await Lane(app_answering(status), name="login", threads=1, slow_refusals=1.0)({"type": "http"}, None, send)
        return sent[0]["status"]

    assert asyncio.run(call(200)) == 200 and paused == []
    assert asyncio.run(call(400)) == 400 and paused == []  # a wrong password is answered at once
    assert asyncio.run(call(429)) == 429 and paused == [1.0]
    assert asyncio.run(call(503)) == 503 and paused == [1.0, 1.0]
