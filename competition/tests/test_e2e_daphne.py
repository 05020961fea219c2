"""End to end over real HTTP: Daphne processes on a database of their own, driven as the SPA and kiosks do.

These tests never touch the test process's database (no db fixtures): every server gets a fresh
database (SQLite file, or PostgreSQL when DATABASE_URL is set) prepared by the management commands.
"""

import os
import shutil
import subprocess
import time
import uuid

import httpx
import pytest

from competition.tests.live_server import Api, Daphne, SseEvent, SseStream, free_port, server_env

pytestmark = pytest.mark.server

# Fields that must never leave the server in an event: events go to everybody (SPEC section 8).
PRIVATE_KEYS = {"identification", "test_time", "shifts"}


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def server_db(databases):
    """The environment of a fresh, initialised database (defaults and admin/admin)."""
    db_env = databases.fresh()
    yield db_env
    databases.drop(db_env)


@pytest.fixture
def servers(server_db, tmp_path):
    """start(*names, redis_url=None, port=None) -> running Daphne processes, all on this test's database."""
    started: list[Daphne] = []

    def start(*names: str, redis_url: str | None = None, port: int | None = None) -> list[Daphne]:
        extra = {**server_db, **({"REDIS_URL": redis_url} if redis_url else {})}
        batch = [Daphne(server_env(**extra), tmp_path, name=name, port=port) for name in names or ("daphne",)]
        started.extend(batch)
        for server in batch:  # boot in parallel: most of the time is importing Django
            server.launch()
        return [server.wait_ready() for server in batch]

    yield start
    for server in started:
        server.stop()
        print(f"--- {server.name} ({server.url}) ---\n{server.log()}")  # shown when the test fails


@pytest.fixture
def connect():
    """connect(...) -> an SseStream (same arguments), closed at the end."""
    streams: list[SseStream] = []

    def open_stream(base_url: str, **kwargs) -> SseStream:
        stream = SseStream(base_url, **kwargs)
        streams.append(stream)
        return stream.wait_open()

    yield open_stream
    for stream in streams:
        stream.close()


@pytest.fixture
def organiser(servers):
    """The organiser's browser (admin/admin, logged in) on a freshly started server."""
    (server,) = servers()
    api = Api(server.url, server)
    api.login()
    yield api
    api.close()


# --- helpers ------------------------------------------------------------------------------------


def private_keys_in(value) -> set[str]:
    if isinstance(value, dict):
        found = PRIVATE_KEYS & value.keys()
        for item in value.values():
            found |= private_keys_in(item)
        return found
    if isinstance(value, list):
        return set().union(*(private_keys_in(item) for item in value))
    return set()


def describe(events: list[SseEvent]) -> str:
    return "\n".join(f"  {e.id} {e.type} {e.data[:160]}" for e in events)


def assert_race_events(events: list[SseEvent], first: int) -> None:
    """Consecutive ids race:first, race:first+1, ...; each payload carries its type and seq; nothing private."""
    assert [e.id for e in events] == [f"race:{first + i}" for i in range(len(events))], describe(events)
    for event in events:
        payload = event.json
        assert payload["seq"] == event.number and payload["type"] == event.type, describe([event])
        assert not private_keys_in(payload), f"private fields {private_keys_in(payload)} in {event.data}"


def university_id(api: Api) -> int:
    answer = api.ok("GET", "/api/universities/", status=200)
    rows = answer["results"] if isinstance(answer, dict) else answer
    return next(u["id"] for u in rows if u["abbreviation"] == "KU Leuven")


def register(api: Api, count: int, *, first_name: str = "Runner") -> list[dict]:
    university = university_id(api)
    runners = []
    for i in range(1, count + 1):
        body = {
            "first_name": f"{first_name} {i}",
            "last_name": "Test",
            "identification": f"r{i:07d}",
            "university": university,
            "test_time": 300,
        }
        runners.append(api.ok("POST", "/api/runners/", body, status=201))
    return runners


def queue(api: Api, body: dict) -> dict:
    return api.ok("POST", "/api/queue/", body, status=201)


def no_min_lap_time(api: Api) -> dict:
    return api.ok("PATCH", "/api/settings/", {"min_lap_time": 0}, status=200)


def json_error(response: httpx.Response, status: int, code: str | None = None) -> dict:
    """A 4xx answer: JSON with a `detail` a person can read (and the expected code)."""
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.text[:300]}"
    assert response.headers["content-type"].startswith("application/json"), response.headers["content-type"]
    body = response.json()
    assert isinstance(body.get("detail"), str) and body["detail"], body
    if code is not None:
        assert body.get("code") == code, body
    return body


# --- tests --------------------------------------------------------------------------------------


def test_every_change_reaches_a_spectator_as_an_event_in_order(organiser, connect):
    api = organiser
    seq = api.seq()
    spectator = connect(api.server.url, seq=seq)  # anonymous, subscribed from the snapshot's seq

    runners = register(api, 3)
    answers = [
        queue(api, {"identification": "r0000001"}),
        queue(api, {"runner": runners[1]["id"]}),
        queue(api, {"identification": " R0000003 "}),  # as a scanner types it: normalised
    ]
    no_min_lap_time(api)
    presses = [api.advance(None)]
    presses.append(api.advance(presses[-1]["started"]["id"]))
    presses.append(api.advance(presses[-1]["started"]["id"]))
    undo = api.reverse(presses[-1]["started"]["id"])
    again = queue(api, {"runner": runners[0]["id"]})  # the first runner queues up again, behind the third
    moved = api.ok("POST", f"/api/queue/{again['id']}/move/", {"position": 0}, status=200)

    expected = [
        *["runner_changed"] * 3,
        *["queue_inserted"] * 3,
        "settings_changed",
        "lap_started",  # the first press: nothing ran yet
        "lap_finished",
        "lap_started",
        "lap_finished",
        "lap_started",
        "lap_removed",  # undo: the running lap goes, its ticket back to the head, the previous lap runs again
        "queue_inserted",
        "lap_resumed",
        "queue_inserted",
        "queue_moved",
    ]
    events = spectator.take(len(expected), timeout=10)
    assert [e.type for e in events] == expected, describe(events)
    assert_race_events(events, seq + 1)
    assert spectator.quiet(0.3) == [], "nothing more (no duplicates)"
    assert api.seq() == seq + len(expected)

    # The answers name the event of their change; the payloads say what changed.
    by_seq = {e.number: e.json for e in events}
    assert [by_seq[a["seq"]]["ticket"]["runner"]["id"] for a in answers] == [r["id"] for r in runners]
    assert [by_seq[a["seq"]]["ticket"]["position"] for a in answers] == [0, 1, 2]
    assert [by_seq[p["seq"]]["lap"]["runner"]["id"] for p in presses] == [r["id"] for r in runners]
    assert by_seq[presses[1]["seq"] - 1]["lap"]["id"] == presses[0]["started"]["id"]  # finished, then started
    assert by_seq[undo["seq"]]["lap"] == {**presses[1]["started"], "end": None}
    assert by_seq[undo["seq"] - 1]["ticket"]["runner"]["id"] == runners[2]["id"]
    assert by_seq[undo["seq"] - 1]["ticket"]["position"] == 0
    assert by_seq[again["seq"]]["ticket"]["position"] == 1
    assert by_seq[moved["seq"]]["ticket"]["position"] == 0 and by_seq[moved["seq"]]["from"] == 1


def test_a_client_that_reconnects_gets_exactly_what_it_missed_also_after_a_crash(organiser, servers, connect):
    api = organiser
    server = api.server
    seq = api.seq()
    live = connect(server.url, seq=seq)
    register(api, 3)
    for identification in ("r0000001", "r0000002", "r0000003"):
        queue(api, {"identification": identification})
    no_min_lap_time(api)
    running = None
    for _ in range(3):
        running = api.advance(running)["started"]["id"]
    current = api.seq()
    seen = live.take_through(current)
    assert_race_events(seen, seq + 1)

    # Reconnect (as EventSource does) with the id of an event in the middle: exactly the rest.
    k = seq + 4
    replay = connect(server.url, last_event_id=f"race:{k}").take_through(current)
    assert_race_events(replay, k + 1)
    assert [e.data for e in replay] == [e.data for e in seen if e.number > k], "a replay is what was sent live"

    # The server crashes; the organiser carries on on the restarted one (same database, same port).
    server.kill()
    assert live.ended(), "the live stream ends with the server"
    (restarted,) = servers("daphne-restarted", port=server.port)
    assert api.running_lap() == running  # the session survived the restart too
    api.advance(running)  # the queue is empty: an unassigned lap starts
    api.reverse(api.running_lap())
    after = api.seq()
    assert after == current + 4

    # The spectator reconnects with the last id it saw: what happened while it was away.
    missed = connect(restarted.url, last_event_id=live.received[-1].id).take_through(after)
    assert [e.type for e in missed] == ["lap_finished", "lap_started", "lap_removed", "lap_resumed"], describe(missed)
    assert_race_events(missed, current + 1)
    assert missed[1].json["lap"]["runner"] is None

    # Events from before the crash come from the database: the new process never held them.
    old = connect(restarted.url, last_event_id=f"race:{k}")
    replay_after_crash = old.take_through(after)
    assert_race_events(replay_after_crash, k + 1)
    assert [e.data for e in replay_after_crash[: current - k]] == [e.data for e in replay]
    assert old.quiet(0.3) == []


def test_bad_input_over_http_gets_a_json_4xx_with_a_detail(organiser):
    api = organiser
    runner = register(api, 1)[0]
    queue(api, {"runner": runner["id"]})
    seq = api.seq()

    def press(body: dict | None = None, **kwargs) -> httpx.Response:
        return api.request("POST", "/api/laps/advance/", json=body, **kwargs)

    json_error(press(content=b'{"idempotency_key": ', headers={"Content-Type": "application/json"}), 400)
    json_error(press(content=b"next lap please", headers={"Content-Type": "text/plain"}), 415)
    padding = "x" * (64 * 1024)
    too_big = press({"idempotency_key": str(uuid.uuid4()), "expected_lap": None, "padding": padding})
    json_error(too_big, 413, "too_large")
    json_error(press({"expected_lap": None}), 400, "invalid")  # no idempotency key
    json_error(Api(api.server.url).post("/api/laps/advance/", {"idempotency_key": "k", "expected_lap": None}), 401)
    assert api.seq() == seq, "refused requests change nothing"

    # The first press, then a double click with the same key: the first answer again, and one lap.
    key = str(uuid.uuid4())
    first = press({"idempotency_key": key, "expected_lap": None})
    assert first.status_code == 200, first.text
    replay = press({"idempotency_key": key, "expected_lap": None})
    assert replay.status_code == 200 and replay.headers.get("Idempotent-Replay") == "true"
    assert replay.json() == first.json()  # the same JSON (PostgreSQL's jsonb keeps no key order)
    assert "Idempotent-Replay" not in first.headers
    laps = api.ok("GET", "/api/laps/", status=200)
    assert laps["count"] == 1 and api.seq() == seq + 1 == first.json()["seq"]

    # A second organiser's screen still shows no lap running: refused with the current state.
    stale_key = str(uuid.uuid4())
    stale = json_error(press({"idempotency_key": stale_key, "expected_lap": None}), 409, "stale_state")
    assert stale["current"]["id"] == first.json()["started"]["id"] and stale["seq"] == seq + 1
    json_error(press({"idempotency_key": str(uuid.uuid4()), "expected_lap": 999999}), 409, "stale_state")
    again = press({"idempotency_key": stale_key, "expected_lap": None})  # the refusal is the key's answer too
    assert again.status_code == 409 and again.json() == stale
    assert again.headers.get("Idempotent-Replay") == "true"
    # Pressed again a second later: probably an accident (minimum lap time 30 s).
    too_soon = press({"idempotency_key": str(uuid.uuid4()), "expected_lap": stale["current"]["id"]})
    json_error(too_soon, 409, "too_soon")
    assert api.ok("GET", "/api/laps/", status=200)["count"] == 1 and api.seq() == seq + 1


def test_a_fresh_race_has_no_events_before_the_first_change(organiser, connect):
    """A snapshot of a new database says seq 0, and subscribing from 0 gives nothing until a change."""
    stream = connect(organiser.server.url, seq=0)
    assert stream.quiet(0.5) == [], "events on a fresh channel"
    assert organiser.seq() == 0


@pytest.mark.redis
def test_with_redis_a_press_on_one_worker_reaches_the_clients_of_every_worker(servers, connect):
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.skip("REDIS_URL is not set: events reach other worker processes only through Redis")
    a, b = servers("worker-a", "worker-b", redis_url=redis_url)
    api = Api(a.url)
    api.login()
    marker = uuid.uuid4().hex[:10]  # the Redis channel is shared with other runs: tell our events from theirs
    runners = register(api, 3, first_name=f"Ada-{marker}")
    for runner in runners:
        queue(api, {"runner": runner["id"]})
    no_min_lap_time(api)
    seq = api.seq()

    def ours(event: SseEvent) -> bool:
        return event.number is not None and event.number > seq and marker in event.data

    on_b = connect(b.url, seq=seq)
    on_a = connect(a.url, seq=seq)
    # A worker subscribes to Redis when its first client connects, a moment after the stream opens;
    # a first change seen on both workers shows that both subscriptions are live.
    for attempt in range(5):
        api.ok("PATCH", "/api/settings/", {"banner": f"{marker} {attempt}"}, status=200)
        warm = api.seq()
        try:
            on_a.take_through(warm, timeout=1, keep=ours)
            on_b.take_through(warm, timeout=1, keep=ours)
            break
        except AssertionError:
            continue
    else:
        pytest.fail("no change reached both workers' clients through Redis")

    latencies = []
    running = None
    on_b_events = []
    for _ in range(3):
        sent = time.monotonic()
        answer = api.advance(running)  # to worker A
        answered = time.monotonic()
        running = answer["started"]["id"]
        on_b_events += on_b.take_through(answer["seq"], timeout=5, keep=ours)
        latencies.append((on_b_events[-1].at - sent, on_b_events[-1].at - answered))
    undo = Api(b.url)
    undo.http.cookies = api.http.cookies  # the same organiser, on the other worker
    last = undo.reverse(running)["seq"]
    on_b_events += on_b.take_through(last, timeout=5, keep=ours)
    on_a_events = on_a.take_through(last, timeout=5, keep=ours)

    expected = ["lap_started", "lap_finished", "lap_started", "lap_finished", "lap_started"]
    expected += ["lap_removed", "queue_inserted", "lap_resumed"]
    for events in (on_b_events, on_a_events):
        assert [e.type for e in events] == expected, describe(events)
        assert_race_events(events, warm + 1)
    assert [e.data for e in on_a_events] == [e.data for e in on_b_events]
    timings = ", ".join(
        f"{total * 1000:.0f} ms ({after * 1000:+.0f} ms after the answer)" for total, after in latencies
    )
    print(f"press sent to worker A -> its event on worker B: {timings}")
    undo.close()
    api.close()


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own (on a free port), which the test may stop and start again."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("needs the redis-server binary, to restart a Redis of the test's own")
    import redis

    port = free_port()
    processes: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(process)
        client = redis.Redis(port=port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"redis-server on port {port} did not start") from None
                time.sleep(0.05)
        client.close()
        return process

    def subscribers() -> int:
        client = redis.Redis(port=port)
        try:
            return dict(client.pubsub_numsub("events_channel")).get(b"events_channel", 0)
        finally:
            client.close()

    start()
    yield {
        "url": f"redis://127.0.0.1:{port}/0",
        "start": start,
        "stop": lambda: processes[-1].kill(),
        "subscribers": subscribers,
    }
    for process in processes:
        process.kill()
        process.wait(timeout=5)


# Longer than redis-py's own reconnection (10 tries, backoff capped at 1 s: at most about 5.3 s in all),
# as a Redis restart or upgrade during the event would be.
REDIS_OUTAGE = 6.5


def test_live_events_resume_after_a_redis_outage(servers, connect, private_redis):
    (server,) = servers(redis_url=private_redis["url"])
    api = Api(server.url)
    api.login()
    stream = connect(server.url, seq=api.seq())
    api.ok("PATCH", "/api/settings/", {"banner": "before"}, status=200)
    assert [e.type for e in stream.take(1, timeout=5)] == ["settings_changed"]

    private_redis["stop"]()
    down = time.monotonic()
    api.ok("PATCH", "/api/settings/", {"banner": "Redis is down"}, status=200)  # committed all the same
    # Delivered locally at once: the publisher does not sit out redis-py's 4-7 s of retries first.
    assert [e.json["settings"]["banner"] for e in stream.take(1, timeout=2)] == ["Redis is down"]
    assert httpx.get(f"{server.url}/healthz").status_code == 503  # the load balancer can see it
    time.sleep(max(0.0, REDIS_OUTAGE - (time.monotonic() - down)))

    private_redis["start"]()
    deadline = time.monotonic() + 3
    while private_redis["subscribers"]() < 1:
        assert time.monotonic() < deadline, "the worker did not subscribe to Redis again after it came back"
        time.sleep(0.05)
    api.ok("PATCH", "/api/settings/", {"banner": "after"}, status=200)
    assert [e.json["settings"]["banner"] for e in stream.take(1, timeout=5)] == ["after"]
    assert httpx.get(f"{server.url}/healthz").status_code == 200
    api.close()
