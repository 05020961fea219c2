"""Shared helpers of the Python benchmarks: a fresh PostgreSQL database, Daphne, SSE clients, percentiles.

Loopback only: every server runs on 127.0.0.1 and every request goes there. Standard library plus httpx.
"""

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
DAPHNE = str(ROOT / ".venv/bin/daphne")
# BENCH_PG overrides the server, e.g. a private cluster with more than the default 100 connections.
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = "redis://127.0.0.1:6379/0"


def size_arguments(parser: argparse.ArgumentParser, *, runners=2000, laps=20000, queue=300) -> None:
    parser.add_argument("--runners", type=int, default=runners)
    parser.add_argument("--laps", type=int, default=laps)
    parser.add_argument("--queue", type=int, default=queue)


def log(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


# --- numbers -------------------------------------------------------------------------------------


def percentiles(samples: list[float]) -> dict:
    """Median, p95 and p99 (inclusive method, so small samples do not extrapolate)."""
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return {"n": len(samples), "median": statistics.median(samples), "p95": q[94], "p99": q[98], "max": max(samples)}


def fmt(ms: float) -> str:
    return f"{ms:,.1f}" if ms < 100 else f"{ms:,.0f}"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


# --- database and servers ------------------------------------------------------------------------


def _admin_connection():
    conn = psycopg2.connect(f"{PG_SERVER}/postgres")
    conn.autocommit = True
    return conn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bench:
    """A fresh database loaded with a demo event, and the Daphne workers serving it; stop() undoes all."""

    def __init__(self, *, runners: int, laps: int, queue: int, redis: bool = False):
        self.name = f"bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.sizes = (runners, laps, queue)
        self.env = {**os.environ, "DATABASE_URL": f"{PG_SERVER}/{self.name}", "DEBUG": "1"}
        self.env.pop("REDIS_URL", None)
        if redis:
            self.env["REDIS_URL"] = REDIS_URL
        # The workers run as in production (DEBUG=0: no query log, no debug pages); the demo
        # loader refuses DEBUG=0, so manage.py runs with DEBUG=1.
        self.server_env = {
            **self.env,
            "DEBUG": "0",
            "SECRET_KEY": f"bench-{uuid.uuid4().hex}{uuid.uuid4().hex}",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        self.workers: list[tuple[subprocess.Popen, str]] = []
        self.logdir = tempfile.mkdtemp(prefix="it24u-pybench-")
        self.created = False
        self.keep_logs = False  # set when a worker fails, so that its log can be read

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=900
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def load(self) -> float:
        """Create the database and the demo event; return the seconds the demo data took."""
        with contextlib.closing(_admin_connection()) as conn, conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{self.name}"')
        self.created = True
        runners, laps, queue = self.sizes
        self.manage("migrate", "--noinput", "-v0")
        self.manage("competition_init")
        self.manage("init_users")
        t0 = time.monotonic()
        out = self.manage(
            "competition_create_dummy_data", "--runners", str(runners), "--laps", str(laps), "--queue", str(queue)
        )
        seconds = time.monotonic() - t0
        log(out.strip().splitlines()[-1] if out.strip() else "demo loaded")
        # Fresh statistics for the planner, as autovacuum would give a real database soon after.
        with contextlib.closing(psycopg2.connect(f"{PG_SERVER}/{self.name}")) as conn:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("VACUUM ANALYZE")
        return seconds

    def start_worker(self, port: int | None = None, *, poll: float = 0.2) -> str:
        """Start one Daphne on a free loopback port (or on `port`), wait for /healthz, return its base URL."""
        port = port or free_port()
        # A restarted worker gets a log of its own: the killed one's log stays readable.
        logfile = os.path.join(self.logdir, f"daphne-{port}.log")
        n = 1
        while os.path.exists(logfile):
            n += 1
            logfile = os.path.join(self.logdir, f"daphne-{port}-{n}.log")
        # The child keeps its own copy of the descriptor; ours closes with the with block.
        with open(logfile, "w") as out:
            proc = subprocess.Popen(
                [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "it24u.asgi:application"],
                cwd=ROOT,
                env=self.server_env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        self.workers.append((proc, url))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.keep_logs = True
                raise RuntimeError(f"daphne exited with {proc.returncode}; see {out.name}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    return url
            time.sleep(poll)
        self.keep_logs = True
        raise RuntimeError(f"daphne on {port} did not answer /healthz within 60 s; see {out.name}")

    def restart_worker(self, url: str, *, sig: int = signal.SIGKILL) -> dict:
        """Kill the worker serving `url` (SIGKILL by default: a crash, no goodbye to its clients) and
        start a new Daphne on the same port; return when it answers /healthz, with the monotonic
        times of the kill, of the old process's end and of the new one's first healthy answer."""
        proc = next(proc for proc, u in self.workers if u == url)
        killed = time.monotonic()
        proc.send_signal(sig)
        proc.wait()
        gone = time.monotonic()
        self.workers = [(p, u) for p, u in self.workers if p is not proc]
        port = int(url.rsplit(":", 1)[1])
        self.start_worker(port, poll=0.02)  # Twisted listens with SO_REUSEADDR: the port is free at once
        return {"killed": killed, "gone": gone, "up": time.monotonic()}

    def stop_workers(self) -> None:
        for proc, _ in self.workers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc, _ in self.workers:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.workers = []

    def pid(self, url: str) -> int:
        return next(proc.pid for proc, u in self.workers if u == url)

    def stop(self) -> None:
        self.stop_workers()
        if not self.keep_logs:
            shutil.rmtree(self.logdir, ignore_errors=True)
        if self.created:
            with contextlib.closing(_admin_connection()) as conn, conn.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False


# --- an organiser's session ----------------------------------------------------------------------


class Organiser:
    """An admin session with CSRF, pressing next lap and undo like the control page does."""

    def __init__(self, url: str):
        self.url = url
        # TCP_NODELAY, as browsers set it: without it the POST's body waits for the ACK of its
        # headers (Nagle), which adds a delayed-ACK wait to every press.
        nodelay = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
        self.http = httpx.Client(base_url=url, timeout=30, transport=nodelay)
        self.http.get("/api/auth/me/").raise_for_status()
        self.login()
        self.running: int | None = None

    def _write(self, method: str, path: str, body: dict) -> httpx.Response:
        headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", ""), "Referer": self.url + "/"}
        return self.http.request(method, path, json=body, headers=headers)

    def login(self) -> None:
        r = self._write("POST", "/api/auth/login/", {"username": "admin", "password": "admin"})
        r.raise_for_status()

    def prepare(self) -> None:
        """No minimum lap time (presses follow each other within milliseconds); learn the running lap."""
        self._write("PATCH", "/api/settings/", {"min_lap_time": 0}).raise_for_status()
        current = self.http.get("/api/laps/current/").json()
        self.running = (current.get("lap") or {}).get("id")

    def advance(self) -> dict:
        r = self._write(
            "POST", "/api/laps/advance/", {"idempotency_key": uuid.uuid4().hex, "expected_lap": self.running}
        )
        if r.status_code >= 300:
            raise RuntimeError(f"advance: {r.status_code} {r.text}")
        body = r.json()
        self.running = body["started"]["id"] if body.get("started") else None
        return body

    def undo(self) -> dict:
        r = self._write(
            "POST", "/api/laps/reverse/", {"idempotency_key": uuid.uuid4().hex, "expected_lap": self.running}
        )
        if r.status_code >= 300:
            raise RuntimeError(f"undo: {r.status_code} {r.text}")
        body = r.json()
        self.running = body["resumed"]["id"] if body.get("resumed") else None
        return body


# --- SSE clients ---------------------------------------------------------------------------------


class SseClient(asyncio.Protocol):
    """One spectator on /api/events/, on a bare socket: cheap enough that a thousand share one loop.

    The request is HTTP/1.0, so the body is the raw event stream (no chunked framing to undo). It
    records when each `id: race:<n>` arrives (CLOCK_MONOTONIC, comparable across processes).
    """

    def __init__(self, host: str, port: int, opened: asyncio.Future):
        self.request = f"GET /api/events/ HTTP/1.0\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode()
        self.opened = opened
        self.buffer = b""
        self.headers_done = False
        self.seen: dict[int, float] = {}
        self.duplicates = 0
        self.out_of_order = 0
        self.last = -1
        self.closed = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes):
        now = time.monotonic()
        self.buffer += data
        if not self.headers_done:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if not sep:
                return
            if not head.startswith((b"HTTP/1.0 200", b"HTTP/1.1 200")):
                if not self.opened.done():
                    self.opened.set_exception(RuntimeError(head.split(b"\r\n")[0].decode()))
                return
            self.headers_done, self.buffer = True, rest
        *frames, self.buffer = self.buffer.split(b"\n\n")
        for frame in frames:
            for line in frame.split(b"\n"):
                if line.startswith(b"event: stream-open") and not self.opened.done():
                    self.opened.set_result(now)
                elif line.startswith(b"id: "):
                    eid = line[4:].strip()
                    seq = int(eid.rsplit(b":", 1)[-1])
                    if seq in self.seen:
                        self.duplicates += 1
                        continue
                    if seq < self.last:
                        self.out_of_order += 1
                    self.last = max(self.last, seq)
                    self.seen[seq] = now

    def connection_lost(self, exc):
        self.closed = True
        if not self.opened.done():
            self.opened.set_exception(RuntimeError(f"closed before stream-open: {exc}"))


async def connect_spectators(urls: list[str], n: int, *, batch: int = 25) -> list[tuple[SseClient, object]]:
    """Open n streams spread round-robin over the workers' urls; return once each got its stream-open."""
    loop = asyncio.get_running_loop()
    clients = []
    for start in range(0, n, batch):
        pending = []
        for i in range(start, min(n, start + batch)):
            host, port = urls[i % len(urls)].removeprefix("http://").split(":")
            opened = loop.create_future()
            transport, proto = await loop.create_connection(
                lambda h=host, p=int(port), o=opened: SseClient(h, p, o), host, int(port)
            )
            clients.append((proto, transport))
            pending.append(opened)
        done, _ = await asyncio.wait(pending, timeout=60)
        if len(done) < len(pending) or any(f.exception() for f in done):
            opened = len(clients) - len(pending) + sum(1 for f in done if not f.exception())
            raise RuntimeError(f"only {opened} of {len(clients)} streams opened within 60 s of their connect")
    return clients
