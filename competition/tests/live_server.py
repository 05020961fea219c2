"""Real Daphne processes on a fresh database, and the HTTP and SSE clients the end-to-end tests drive them with.

Nothing here touches the test process's own database: a server gets a database of its own (a SQLite file,
or a uniquely named PostgreSQL database when DATABASE_URL is set), prepared by `manage.py migrate`,
`competition_init` and `init_users` in subprocesses, exactly as an operator would.
"""

import contextlib
import json
import os
import queue
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
ASGI_APP = "it24u.asgi:application"
# Variables of the test process that would point a server at the wrong database or Redis.
FOREIGN_ENV = ("DATABASE_URL", "SQLITE_PATH", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SQL_ENGINE", "SQL_DATABASE")


def server_env(**extra: str) -> dict[str, str]:
    """The environment of a development server (DEBUG=1), with the database and Redis given in `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV}
    env.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="it24u.settings",
        DJANGO_ALLOWED_HOSTS=f"{HOST} localhost",
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    """Run a management command in a subprocess; fail with its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


# --- databases ----------------------------------------------------------------------------------


class Databases:
    """Makes fresh server databases: one prepared template per test session, copied for each test.

    The template is migrated and initialised once (that is what takes seconds); a copy is as fresh
    as a new database and takes milliseconds: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
    PostgreSQL.
    """

    def __init__(self, workdir: Path, database_url: str | None = None, *, setup: Iterable[tuple[str, ...]] = ()):
        self.workdir = workdir
        self.url = database_url
        self.setup = list(setup)  # more management commands for the template, e.g. demo data
        self.created: list[str] = []
        self.template = self._new_name()
        if self.url:
            self._pg(f'CREATE DATABASE "{self.template}"')
            self.created.append(self.template)
        self._prepare(self._env_for(self.template))

    def _new_name(self) -> str:
        return f"it24u_e2e_{os.getpid()}_{uuid.uuid4().hex[:8]}"

    def _env_for(self, name: str) -> dict[str, str]:
        if self.url:
            parts = urlsplit(self.url)
            return {"DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
        return {"SQLITE_PATH": str(self.workdir / f"{name}.sqlite3")}

    def _prepare(self, db_env: dict[str, str]) -> None:
        env = server_env(**db_env)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "competition_init")
        manage(env, "init_users")
        for command in self.setup:
            manage(env, *command)

    def _pg(self, sql: str) -> None:
        import psycopg2

        parts = urlsplit(self.url)
        # Any database of the server will do for CREATE/DROP DATABASE; the test URL's may not exist yet.
        try:
            conn = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
        except psycopg2.OperationalError:
            conn = psycopg2.connect(self.url)
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql)
        finally:
            conn.close()

    def fresh(self) -> dict[str, str]:
        """A new database with the defaults and admin/admin; returns the environment that points at it."""
        name = self._new_name()
        if self.url:
            self._pg(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            self.created.append(name)
        else:
            source = self.workdir / f"{self.template}.sqlite3"
            target = self.workdir / f"{name}.sqlite3"
            shutil.copyfile(source, target)
            if Path(f"{source}-wal").exists():
                shutil.copyfile(f"{source}-wal", f"{target}-wal")
        return self._env_for(name)

    def rows(self, db_env: dict[str, str], sql: str) -> list[tuple]:
        """The rows of a query on a server's database, read directly (no Django in between)."""
        if self.url:
            import psycopg2

            conn = psycopg2.connect(db_env["DATABASE_URL"])
        else:
            conn = sqlite3.connect(db_env["SQLITE_PATH"])
        try:
            cursor = conn.cursor()
            cursor.execute(sql)
            return cursor.fetchall()
        finally:
            conn.close()

    def drop(self, db_env: dict[str, str]) -> None:
        if self.url:
            name = urlsplit(db_env["DATABASE_URL"]).path.lstrip("/")
            self._pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.created.remove(name)

    def close(self) -> None:
        for name in list(self.created):
            self._pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


# --- servers ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Daphne:
    """One `daphne it24u.asgi:application` process; its output goes to a log file (a pipe could fill up)."""

    def __init__(self, env: dict[str, str], log_dir: Path, *, name: str = "daphne", port: int | None = None, flags=()):
        self.env = env
        self.flags = list(flags)  # more options of daphne's, e.g. the Dockerfile's --proxy-headers
        self.name = name
        self.port = port or free_port()
        self.log_path = log_dir / f"{name}-{uuid.uuid4().hex[:6]}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except FileNotFoundError:
            return ""

    def launch(self) -> "Daphne":
        daphne = BIN / "daphne"
        command = [str(daphne)] if daphne.exists() else [sys.executable, "-m", "daphne"]
        command += ["-b", HOST, "-p", str(self.port), *self.flags, ASGI_APP]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def wait_ready(self, timeout: float = 30) -> "Daphne":
        """Wait until /healthz answers 200; fail with the server's output."""
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} while starting:\n{self.log()}")
            try:
                answer = httpx.get(f"{self.url}/healthz", timeout=1)
                if answer.status_code == 200:
                    return self
                last = f"{answer.status_code} {answer.text[:200]}"
            except httpx.HTTPError as error:
                last = repr(error)
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer /healthz with 200 within {timeout} s ({last}):\n{self.log()}")

    def start(self, timeout: float = 30) -> "Daphne":
        return self.launch().wait_ready(timeout)

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would end it: no graceful shutdown."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.kill()


# --- clients ------------------------------------------------------------------------------------


class Api:
    """A browser-like JSON client: keeps cookies and sends the CSRF token on unsafe methods."""

    def __init__(self, base_url: str, server: "Daphne | None" = None):
        self.http = httpx.Client(base_url=base_url, timeout=10)
        self.server = server

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        token = self.http.cookies.get("csrftoken")
        if token and method.upper() not in ("GET", "HEAD", "OPTIONS"):
            headers.setdefault("X-CSRFToken", token)  # read each time: login rotates it
        return self.http.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body=None, **kwargs) -> httpx.Response:
        return self.request("POST", path, json=body, **kwargs)

    def patch(self, path: str, body=None, **kwargs) -> httpx.Response:
        return self.request("PATCH", path, json=body, **kwargs)

    def ok(self, method: str, path: str, body=None, status: int | Iterable[int] = (200, 201)) -> dict:
        """The JSON answer of a request that must succeed (fails with the answer otherwise)."""
        response = self.request(method, path, json=body)
        expected = {status} if isinstance(status, int) else set(status)
        assert response.status_code in expected, f"{method} {path} -> {response.status_code}: {response.text[:500]}"
        return response.json()

    def login(self, username: str = "admin", password: str = "admin") -> dict:
        self.ok("GET", "/api/auth/me/", status=200)  # sets the csrftoken cookie
        return self.ok("POST", "/api/auth/login/", {"username": username, "password": password}, status=200)

    def seq(self) -> int:
        return self.ok("GET", "/api/stats/", status=200)["seq"]

    def running_lap(self) -> int | None:
        lap = self.ok("GET", "/api/laps/current/", status=200)["lap"]
        return lap and lap["id"]

    def advance(self, expected_lap: int | None = None, **body) -> dict:
        body = {"idempotency_key": str(uuid.uuid4()), "expected_lap": expected_lap, **body}
        return self.ok("POST", "/api/laps/advance/", body, status=200)

    def reverse(self, expected_lap: int | None) -> dict:
        body = {"idempotency_key": str(uuid.uuid4()), "expected_lap": expected_lap}
        return self.ok("POST", "/api/laps/reverse/", body, status=200)

    def close(self) -> None:
        self.http.close()


@dataclass
class SseEvent:
    type: str
    id: str | None
    data: str
    at: float = field(default=0.0, repr=False)  # time.monotonic() when the frame was complete

    @property
    def json(self):
        return json.loads(self.data)

    @property
    def number(self) -> int | None:
        """The race seq in an id like `race:12`."""
        if self.id and self.id.startswith("race:") and self.id[5:].isdigit():
            return int(self.id[5:])
        return None


def parse_sse(lines: Iterable[str]) -> Iterator[SseEvent]:
    """Frames of a text/event-stream (WHATWG rules): field lines, dispatched by a blank line."""
    event_type, event_id, data = "", None, []
    for line in lines:
        if line == "":
            if data:
                yield SseEvent(event_type or "message", event_id, "\n".join(data), time.monotonic())
            event_type, event_id, data = "", None, []
            continue
        if line.startswith(":"):  # a comment (the stream's padding)
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "event":
            event_type = value
        elif name == "data":
            data.append(value)
        elif name == "id":
            event_id = value


def replay_events(payloads: list[dict]) -> tuple[list[int], int | None]:
    """The queue (ticket ids in order) and the running lap, rebuilt from the events alone."""
    waiting: list[int] = []
    current = None
    for event in payloads:
        kind = event["type"]
        if kind == "queue_inserted":
            waiting.insert(event["ticket"]["position"], event["ticket"]["id"])
        elif kind == "queue_moved":
            waiting.remove(event["ticket"]["id"])
            waiting.insert(event["ticket"]["position"], event["ticket"]["id"])
        elif kind == "queue_removed":
            waiting.remove(event["ticket"]["id"])
        elif kind == "queue_reset":
            waiting.clear()
        elif kind == "lap_started":
            current = event["lap"]["id"]
            if event["lap"]["ticket"] in waiting:
                waiting.remove(event["lap"]["ticket"])
        elif kind in ("lap_finished", "lap_removed"):
            current = None
        elif kind == "lap_resumed":
            current = event["lap"]["id"]
    return waiting, current


# Frames of django-eventstream itself, not race events.
HOUSEKEEPING = {"stream-open", "keep-alive"}


class SseStream:
    """An anonymous EventSource on /api/events/, read in a thread; race events queue up as they arrive."""

    def __init__(self, base_url: str, *, seq: int | None = None, last_event_id: str | None = None):
        self.base_url = base_url
        self.params = {} if seq is None else {"seq": str(seq)}
        self.headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            self.headers["Last-Event-ID"] = last_event_id
        self.events: queue.Queue[SseEvent | None] = queue.Queue()
        self.received: list[SseEvent] = []  # what take() handed out, for failure messages
        self.status: int | None = None
        self.error: BaseException | None = None
        self.opened = threading.Event()
        self._socket: socket.socket | None = None
        self._thread = threading.Thread(target=self._run, name=f"sse {base_url}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            timeout = httpx.Timeout(10, read=60)  # keep-alives come every 20 s
            with (
                httpx.Client(base_url=self.base_url, timeout=timeout) as client,
                client.stream("GET", "/api/events/", params=self.params, headers=self.headers) as response,
            ):
                self.status = response.status_code
                stream = response.extensions.get("network_stream")
                self._socket = stream.get_extra_info("socket") if stream else None
                if response.status_code != 200:
                    response.read()
                    self.error = RuntimeError(f"GET /api/events/ -> {response.status_code}: {response.text[:300]}")
                    return
                for frame in parse_sse(response.iter_lines()):
                    if frame.type == "stream-open":
                        self.opened.set()
                    if frame.type not in HOUSEKEEPING:
                        self.events.put(frame)
        except BaseException as error:  # the server went away, or close() cut the socket
            self.error = error
        finally:
            self.opened.set()
            self.events.put(None)

    def wait_open(self, timeout: float = 10) -> "SseStream":
        assert self.opened.wait(timeout), f"the event stream of {self.base_url} did not open within {timeout} s"
        assert self.status == 200 and self.error is None, f"the event stream failed: {self.status} {self.error!r}"
        return self

    def take(self, count: int, timeout: float = 10) -> list[SseEvent]:
        """The next `count` events, waiting at most `timeout` seconds in all; fails with what came."""
        got: list[SseEvent] = []
        deadline = time.monotonic() + timeout
        while len(got) < count:
            remaining = deadline - time.monotonic()
            try:
                frame = self.events.get(timeout=max(remaining, 0))
            except queue.Empty:
                frame = None
            if frame is None:
                self.received += got
                raise AssertionError(
                    f"expected {count} events from {self.base_url} within {timeout} s, got {len(got)} "
                    f"(stream error: {self.error!r}):\n" + "\n".join(f"  {e.id} {e.type} {e.data[:200]}" for e in got)
                )
            got.append(frame)
        self.received += got
        return got

    def take_through(self, number: int, timeout: float = 10, *, keep=None) -> list[SseEvent]:
        """Events up to and including the one with id race:<number>; `keep` filters out foreign ones."""
        got: list[SseEvent] = []
        deadline = time.monotonic() + timeout
        while not got or (got[-1].number or 0) < number:
            remaining = deadline - time.monotonic()
            try:
                frame = self.events.get(timeout=max(remaining, 0)) if remaining > 0 else None
            except queue.Empty:
                frame = None
            if frame is None:
                self.received += got
                raise AssertionError(
                    f"expected events through race:{number} from {self.base_url} within {timeout} s "
                    f"(stream error: {self.error!r}); got:\n"
                    + "\n".join(f"  {e.id} {e.type} {e.data[:200]}" for e in got)
                )
            if keep is None or keep(frame):
                got.append(frame)
        self.received += got
        return got

    def quiet(self, seconds: float) -> list[SseEvent]:
        """Whatever arrives in the next `seconds` (to check that nothing more comes)."""
        got = []
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                frame = self.events.get(timeout=remaining)
            except queue.Empty:
                break
            if frame is None:
                self.events.put(None)  # keep the end marker for later readers
                break
            got.append(frame)
        return got

    def ended(self, timeout: float = 5) -> bool:
        """Whether the server ended the stream (within `timeout` seconds)."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def close(self) -> None:
        """Cut the connection; shutdown() wakes the reader thread, which close() would not."""
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)
