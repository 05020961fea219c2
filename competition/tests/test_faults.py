"""A database that goes away (issue 6): a clear 503, nothing half-written, and the retry applies once.

The server (Daphne, DEBUG=0) reaches PostgreSQL through a TCP proxy that the test cuts and restores,
as a failing network or a restarting database would. (Redis going away is in test_e2e_daphne.)
"""

import contextlib
import os
import socket
import threading
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg2
import pytest

from competition.tests.live_server import HOST, Api, Daphne, Databases, free_port, manage, server_env

pytestmark = [pytest.mark.server, pytest.mark.postgres]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL.startswith("postgres"):
    pytestmark.append(pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL): the proxy forwards to its port"))


class Proxy:
    """Forwards 127.0.0.1:<port> to the database; cut() drops every connection and refuses new ones."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()

    def start(self) -> "Proxy":
        self.listener = socket.create_server((HOST, self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets |= {client, upstream}
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (close alone may not)
        self.listener.close()
        with self.lock:
            sockets, self.sockets = self.sockets, set()
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


@pytest.fixture
def race(tmp_path):
    """(server, organiser Api, proxy, direct database URL): a race with a running lap and two waiting."""
    databases = Databases(tmp_path, DATABASE_URL)
    db_env = databases.fresh()
    direct = db_env["DATABASE_URL"]
    parts = urlsplit(direct)
    proxy = Proxy((parts.hostname or "127.0.0.1", parts.port or 5432)).start()
    through_proxy = urlunsplit(parts._replace(netloc=f"{parts.username or 'postgres'}@{HOST}:{proxy.port}"))
    manage(
        server_env(DATABASE_URL=direct),
        "competition_create_dummy_data",
        "--runners",
        "5",
        "--laps",
        "5",
        "--queue",
        "3",
    )
    env = server_env(DATABASE_URL=through_proxy, DEBUG="0", SECRET_KEY="faults-" + "s" * 60, SQL_CONNECT_TIMEOUT="2")
    server = Daphne(env, tmp_path, name="faults").start()
    api = Api(server.url, server)
    api.login()
    api.ok("PATCH", "/api/settings/", {"min_lap_time": 0})
    yield server, api, proxy, direct
    api.close()
    server.stop()
    proxy.cut()
    databases.close()
    print(server.log())


# What a half-written press would leave behind, one query per part.
STATE = {
    "running": 'SELECT id, runner_id, ticket_id FROM competition_lap WHERE "end" IS NULL',
    "laps": 'SELECT count(*), count("end") FROM competition_lap',
    "tickets": "SELECT state, count(*) FROM competition_queueticket GROUP BY state ORDER BY state",
    "counter": "SELECT value FROM django_eventstream_eventcounter WHERE name = 'race'",
    "events": "SELECT count(*) FROM django_eventstream_event",
    "keys": "SELECT count(*) FROM competition_idempotencyrecord",
    "audit": "SELECT count(*) FROM competition_auditentry",
    "rewards": "SELECT count(*) FROM competition_reward",
}


def state(direct: str) -> dict:
    """The rows of each part of STATE, read straight from the database."""
    found = {}
    with psycopg2.connect(direct) as conn, conn.cursor() as cur:
        for name, sql in STATE.items():
            cur.execute(sql)
            found[name] = cur.fetchall()
    conn.close()
    return found


def test_with_the_database_away_the_api_answers_503_and_recovers_by_itself(race):
    server, api, proxy, direct = race
    running = api.running_lap()
    proxy.cut()

    for method, path, body in [
        ("POST", "/api/laps/advance/", {"idempotency_key": str(uuid.uuid4()), "expected_lap": running}),
        ("GET", "/api/stats/", None),
        ("GET", "/api/queue/", None),
    ]:
        started = time.monotonic()
        response = api.request(method, path, json=body)
        assert response.status_code == 503, (path, response.status_code, response.text[:300])
        assert response.json()["code"] == "database_unavailable"
        assert "nothing was changed" in response.json()["detail"]
        assert response.headers["Retry-After"]
        assert time.monotonic() - started < 8, "a database that is away must not hang the request"
    assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 503

    proxy.start()  # the database is back: the same worker serves again, without a restart
    deadline = time.monotonic() + 10
    while api.get("/api/laps/current/").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert api.running_lap() == running
    assert api.advance(running)["finished"]["id"] == running


def test_a_press_cut_off_half_way_leaves_nothing_and_its_retry_applies_once(race):
    server, api, proxy, direct = race
    running = api.running_lap()
    before = state(direct)
    key = str(uuid.uuid4())

    # Hold the press inside its transaction: it has finished the lap and stored its first event
    # when it reaches the audit entry, which this lock makes it wait for.
    blocker = psycopg2.connect(direct)
    with blocker.cursor() as cur:
        cur.execute("LOCK TABLE competition_auditentry IN ACCESS EXCLUSIVE MODE")
    answers = []
    press = threading.Thread(
        target=lambda: answers.append(api.post("/api/laps/advance/", {"idempotency_key": key, "expected_lap": running}))
    )
    press.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # until the press waits on the lock
            with psycopg2.connect(direct) as probe, probe.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'competition_auditentry'::regclass"
                )
                waiting = cur.fetchone()[0]
            probe.close()
            if waiting:
                break
            time.sleep(0.05)
        assert waiting, "the press never reached the audit entry"
        proxy.cut()  # the connection goes while the transaction is open
        press.join(timeout=15)
    finally:
        blocker.rollback()
        blocker.close()

    (answer,) = answers
    assert answer.status_code == 503, answer.text[:300]
    # PostgreSQL rolled the open transaction back: not a row of the half-done press is left.
    time.sleep(0.5)
    assert state(direct) == before

    proxy.start()
    deadline = time.monotonic() + 10
    while api.get("/healthz").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    retried = api.ok("POST", "/api/laps/advance/", {"idempotency_key": key, "expected_lap": running}, status=200)
    again = api.ok("POST", "/api/laps/advance/", {"idempotency_key": key, "expected_lap": running}, status=200)
    assert retried == again  # the same answer: applied once
    after = state(direct)
    assert retried["finished"]["id"] == running
    assert after["laps"][0][0] == before["laps"][0][0] + 1
    # lap_finished and lap_started, once, and reward_due once for each reward the lap made due (the
    # demo's milestones are at 2, 4 and 6 laps).
    new_rewards = after["rewards"][0][0] - before["rewards"][0][0]
    assert after["counter"][0][0] == before["counter"][0][0] + 2 + new_rewards
    assert after["keys"][0][0] == before["keys"][0][0] + 1
