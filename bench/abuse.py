"""A hostile race night: next lap and the statistics while a login storm or a reconnect storm runs.

    .venv/bin/python bench/abuse.py [--runners 2000 --laps 20000 --queue 300] [--phases quiet,login,reconnect]
                                    [--presses 60 --press-pause 1.0 --stats-reads 200 --stats-pause 0.025]
                                    [--logins 16] [--spectators 1000 --per-address 20] [--backoff jitter]
                                    [--restarts 3] [--timeout 30] [--window 10]
                                    [--quick] [--json PATH]

One Daphne worker (DEBUG=0) on a fresh PostgreSQL database with the demo event (bench/common.py).
The organiser (admin session, CSRF, min_lap_time 0) presses next lap, pausing --press-pause seconds
after each answer, while an anonymous reader requests GET /api/stats/, pausing --stats-pause seconds
after each answer; both from 127.0.0.1, each in a thread of this process. Every request has a
timeout (--timeout): a slow request counts with its time, a timed-out one counts with its time (a
lower bound) and is reported as timed out; answers other than 2xx are reported and left out of the
times. A phase ends when --presses presses were made and --stats-reads reads were made, or after
--phase-seconds (then with fewer).

The press pace is the same in every phase, so that "3x the quiet p99" compares like with like. The
default, a press a second, is already far more than a real race (a lap every few minutes) and leaves
the server idle between presses as it would be; --press-pause 0.1 is a stress setting (the presses
then queue behind each other's events and the storm's work). At a press a second the quiet and the
login phases take about a minute each (--presses 60); the reconnect phase's samples come from its
restarts (--restarts).

Phases (--phases, in this order):

  quiet      nothing else runs.
  login      a login storm: --logins loops (threads in a child process, httpx), each from its own
             loopback address 127.0.0.2, 127.0.0.3, ...; each GETs /api/auth/me/ for the csrftoken
             cookie, then POSTs /api/auth/login/ with a random username and password (JSON,
             X-CSRFToken, Referer) as fast as it is answered, for the whole phase. Reported: the
             attempts, their statuses (400 wrong login, 429 locked out or throttled, 503 busy, ...)
             and their own latency.
  reconnect  a reconnect storm, --restarts times (default 3, --quick 1): --spectators streams on
             /api/events/ (bare sockets, asyncio, in a child process), --per-address of them on each
             of the loopback addresses 127.0.1.1, 127.0.1.2, ... (a server may cap the streams per
             address), all resuming from the same seq; the same spectators stay for every round. In
             each round the presses and reads run with them all connected for 3 s, or 5 presses if
             that is longer ("before the restart"), then the worker is killed (SIGKILL) and a new
             Daphne starts on the same port while the organiser keeps pressing. Every spectator
             reconnects as the app's useEventStream does (frontend/src/lib/backoff.ts), with
             Last-Event-ID: race:<the newest seq it has seen>: after a random delay, uniform in 0-1 s
             after the drop, then 0-2 s, 0-4 s and at most 0-5 s after each connect that fails (refused
             while the server is down, an HTTP status other than 200, no stream-open within
             --open-timeout). --backoff fixed: exactly 0.5, 1, 2, ... 10 s, as the app waited before
             issue 12, so that every screen comes back in the same instant. The presses and reads from
             the kill until --window seconds later (or until 1 s after every spectator has its stream
             back, if later) are the "reconnect storm" rows. Then the presses stop, every spectator
             gets every event so far (at most 30 s), and after a pause of 3 s the next round begins.
             The rows pool the samples of every round. Reported, per round and as the slowest: when
             the new worker answered and when every spectator had its stream back; over every
             spectator of every round: when its stream was back and its catch-up time (from the kill
             until it holds every event up to the newest the organiser had been answered for); over
             the whole phase, every spectator must hold every seq after the one it started from
             exactly once (missing, duplicated).

Targets (printed as MET / NOT MET, never an error): next lap p99 under either storm <= 3x its quiet
p99 or <= 100 ms; /api/stats/ p99 <= 250 ms under either storm; every reconnected spectator caught up
within 10 s of the restart in every round (the slowest of all rounds), none missing an event; and in
each, no request of the organiser or the reader timed out or failed while the server was up.

Linux only (the whole of 127.0.0.0/8 is routed to the loopback interface).
"""

import argparse
import asyncio
import bisect
import contextlib
import errno
import json
import os
import queue
import random
import secrets
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass

import httpx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PYTHON, Bench, Organiser, fmt, log, percentiles, size_arguments  # noqa: E402

# Defaults of a full run and of --quick; an option given on the command line wins.
FULL = {"runners": 2000, "laps": 20000, "queue": 300, "presses": 60, "stats_reads": 200, "spectators": 1000}
QUICK = {"runners": 300, "laps": 3000, "queue": 200, "presses": 20, "stats_reads": 60, "spectators": 200}
FULL["phase_seconds"], QUICK["phase_seconds"] = 180, 60
FULL["restarts"], QUICK["restarts"] = 3, 1

STORM_WARMUP_SECONDS = 2.0  # the login storm runs this long before the timing starts
# Presses and reads with the spectators connected, before each kill: at least 3 s, and at least 5 presses.
BEFORE_RESTART_SECONDS = 3.0
BEFORE_RESTART_PRESSES = 5
CAUGHT_UP_WAIT_SECONDS = 30.0  # after a round's window: at most this long for every spectator to hold every event
PAUSE_BETWEEN_ROUNDS_SECONDS = 3.0  # then this long, all connected and current, before the next round's timing
FIRST_BACKOFF = 1.5  # frontend/src/lib/backoff.ts: full jitter, 0-1.5 s, 0-3 s, then 0-5 s
MAX_BACKOFF = 5.0
OLD_MAX_BACKOFF = 10.0  # the app before issue 12: exactly 0.5, 1, 2, 4, 8, 10 s
PRESS_TARGET_MS = 100.0
PRESS_TARGET_FACTOR = 3.0
STATS_TARGET_MS = 250.0
CATCH_UP_TARGET_S = 10.0


def login_address(i: int) -> str:
    return f"127.0.0.{2 + i}"


def spectator_address(i: int) -> str:
    return f"127.0.{1 + i // 254}.{1 + i % 254}"


# --- the organiser and the statistics reader (this process) ---------------------------------------


@dataclass
class Sample:
    start: float  # time.monotonic() when the request was sent
    ms: float
    # "ok", "timeout", "http <status>", "refused", "error <exception>", "server down" (a connection
    # error during the restart)
    outcome: str
    seq: int | None = None  # a press: the seq of its last event
    answered: float | None = None  # a press: time.monotonic() of its answer


def outcome_of(error: Exception) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    if isinstance(error, httpx.ConnectError):
        return "refused"
    return f"error {type(error).__name__}"


class Presser:
    """The organiser's next lap, timed. After a press that was not answered with 2xx (a timeout, a 409
    because a timed-out press went through after all, the server restarting) the running lap is read
    again before the next press, untimed; if that fails too, the next press goes with the lap last known."""

    def __init__(self, org: Organiser):
        self.org = org
        self.synced = True

    def resync(self) -> None:
        try:
            r = self.org.http.get("/api/laps/current/")
            r.raise_for_status()
        except httpx.HTTPError:
            return
        self.org.running = (r.json().get("lap") or {}).get("id")
        self.synced = True

    def press(self) -> Sample:
        if not self.synced:
            self.resync()
        body = {"idempotency_key": uuid.uuid4().hex, "expected_lap": self.org.running}
        t0 = time.monotonic()
        try:
            r = self.org._write("POST", "/api/laps/advance/", body)
        except httpx.HTTPError as error:
            self.synced = False
            return Sample(t0, (time.monotonic() - t0) * 1000, outcome_of(error))
        done = time.monotonic()
        if r.status_code >= 300:
            self.synced = False
            return Sample(t0, (done - t0) * 1000, f"http {r.status_code}")
        answer = r.json()
        self.org.running = answer["started"]["id"] if answer.get("started") else None
        return Sample(t0, (done - t0) * 1000, "ok", seq=answer.get("seq"), answered=done)


def read_stats(http: httpx.Client) -> Sample:
    t0 = time.monotonic()
    try:
        r = http.get("/api/stats/")
    except httpx.HTTPError as error:
        return Sample(t0, (time.monotonic() - t0) * 1000, outcome_of(error))
    ms = (time.monotonic() - t0) * 1000
    return Sample(t0, ms, "ok" if r.status_code < 300 else f"http {r.status_code}")


class Load:
    """The organiser's presses and the anonymous statistics reads, each in a thread, until stopped."""

    def __init__(self, presser: Presser, stats: httpx.Client, *, press_pause: float, stats_pause: float):
        self.presser, self.stats = presser, stats
        self.press_pause, self.stats_pause = press_pause, stats_pause
        self.presses: list[Sample] = []
        self.reads: list[Sample] = []
        self.stop_presses = threading.Event()
        self.stop_reads = threading.Event()
        self.threads: list[threading.Thread] = []

    def _loop(self, call, samples: list, stop: threading.Event, pause: float) -> None:
        while not stop.is_set():
            sample = call()
            samples.append(sample)
            # A refused connect (the server restarting) comes back at once: do not spin on it.
            stop.wait(pause if sample.outcome != "refused" else max(pause, 0.05))

    def start(self) -> None:
        self.threads = [
            threading.Thread(
                target=self._loop, args=(self.presser.press, self.presses, self.stop_presses, self.press_pause)
            ),
            threading.Thread(
                target=self._loop,
                args=(lambda: read_stats(self.stats), self.reads, self.stop_reads, self.stats_pause),
            ),
        ]
        for t in self.threads:
            t.daemon = True
            t.start()

    def stop(self) -> None:
        self.stop_presses.set()
        self.stop_reads.set()
        for t in self.threads:
            t.join()

    def run_counted(self, *, presses: int, reads: int, seconds: float) -> None:
        """Until `presses` presses and `reads` reads were made (answered or not), or `seconds` passed."""
        deadline = time.monotonic() + seconds
        self.start()
        while time.monotonic() < deadline and (len(self.presses) < presses or len(self.reads) < reads):
            if len(self.presses) >= presses:
                self.stop_presses.set()
            if len(self.reads) >= reads:
                self.stop_reads.set()
            time.sleep(0.01)
        self.stop()
        if time.monotonic() >= deadline:
            log(f"  phase cut at {seconds:.0f} s: {len(self.presses)} presses, {len(self.reads)} reads")


def summarise(samples: list[Sample]) -> dict:
    """Percentiles over the answered (2xx) and the timed-out requests; every outcome counted."""
    timed = [s.ms for s in samples if s.outcome in ("ok", "timeout")]
    outcomes = Counter(s.outcome for s in samples)
    return {
        "requests": len(samples),
        "latency": percentiles(timed) if len(timed) >= 2 else None,
        "outcomes": dict(sorted(outcomes.items())),
        "timeouts": outcomes.get("timeout", 0),
        # Not answered with 2xx while the server was up: a refused connect, or a connection cut by
        # the kill, is the server being down (the reconnect phase marks those "server down").
        "failed": sum(n for k, n in outcomes.items() if k not in ("ok", "refused", "server down")),
    }


def drain(url: str, *, seconds: float = 120) -> float:
    """After a storm: wait until the server answers /api/stats/ quickly again; return the wait."""
    t0 = time.monotonic()
    with httpx.Client(base_url=url, timeout=60) as http:
        fast = 0
        while fast < 3 and time.monotonic() - t0 < seconds:
            s = read_stats(http)
            fast = fast + 1 if s.outcome == "ok" and s.ms < 100 else 0
            time.sleep(0.1)
    return time.monotonic() - t0


# --- the login storm (a child process) -------------------------------------------------------------


def login_child(url: str, loops: int, timeout: float) -> None:
    """Child: `loops` threads, each from its own address, logging in with random credentials until told to stop."""
    stop = threading.Event()
    lock = threading.Lock()
    statuses: Counter = Counter()
    latencies: list[float] = []
    barrier = threading.Barrier(loops + 1, timeout=120)

    def loop(i: int) -> None:
        transport = httpx.HTTPTransport(local_address=login_address(i))
        with httpx.Client(base_url=url, timeout=timeout, transport=transport) as http:
            while True:
                try:
                    http.get("/api/auth/me/").raise_for_status()
                    break
                except httpx.HTTPError:
                    time.sleep(0.5)
            barrier.wait()
            while not stop.is_set():
                body = {"username": f"u{secrets.token_hex(5)}", "password": secrets.token_urlsafe(12)}
                headers = {"X-CSRFToken": http.cookies.get("csrftoken", ""), "Referer": url + "/"}
                t0 = time.monotonic()
                try:
                    r = http.post("/api/auth/login/", json=body, headers=headers)
                    outcome = str(r.status_code)
                except httpx.HTTPError as error:
                    r, outcome = None, outcome_of(error)
                ms = (time.monotonic() - t0) * 1000
                if stop.is_set():
                    break  # answered after the end of the phase: not counted
                with lock:
                    statuses[outcome] += 1
                    latencies.append(ms)
                if r is not None and r.status_code == 403:
                    with contextlib.suppress(httpx.HTTPError):
                        http.get("/api/auth/me/")  # a fresh csrftoken
                elif r is None:
                    time.sleep(0.1)

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(loops)]
    for t in threads:
        t.start()
    barrier.wait()
    go = time.monotonic()
    print(f"ready {loops}", flush=True)
    sys.stdin.readline()
    stop.set()
    seconds = time.monotonic() - go
    with lock:
        report = {
            "loops": loops,
            "seconds": seconds,
            "attempts": sum(statuses.values()),
            "per_second": sum(statuses.values()) / seconds if seconds else 0,
            "statuses": dict(sorted(statuses.items())),
            "latency": percentiles(latencies) if len(latencies) >= 2 else None,
        }
    print(json.dumps(report), flush=True)
    os._exit(0)  # the loops still waiting for an answer are abandoned with their sockets


# --- the reconnect storm's spectators (a child process) -----------------------------------------


class HttpStatus(Exception):
    pass


class ClosedEarly(Exception):
    pass


class Spectator:
    """One screen: its events over every connection, its connects and how they went."""

    def __init__(self, source: str, after: int):
        self.source = source
        self.start_after = after
        self.last = after  # the newest seq seen: the Last-Event-ID of the next connect
        self.seen: dict[int, float] = {}
        self.duplicates = 0
        self.out_of_order = 0
        self.resets = 0
        self.attempts = 0
        self.failures: Counter = Counter()
        self.opens: list[float] = []
        self.drops: list[float] = []
        self.transport = None
        self.up = asyncio.Event()

    def record(self, seq: int, now: float) -> None:
        if seq in self.seen:
            self.duplicates += 1
            return
        if seq < self.last:
            self.out_of_order += 1
        self.last = max(self.last, seq)
        self.seen[seq] = now

    async def run(self, host: str, port: int, stop: asyncio.Event, open_timeout: float, jitter: bool) -> None:
        loop = asyncio.get_running_loop()
        first = FIRST_BACKOFF if jitter else 0.5
        backoff = first
        while not stop.is_set():
            opened, closed = loop.create_future(), loop.create_future()
            self.attempts += 1
            transport = None
            try:
                transport, _ = await asyncio.wait_for(
                    loop.create_connection(
                        lambda o=opened, c=closed: Stream(self, host, port, o, c),
                        host,
                        port,
                        local_addr=(self.source, 0),
                    ),
                    open_timeout,
                )
                t_open = await asyncio.wait_for(opened, open_timeout)
            except (OSError, TimeoutError, HttpStatus, ClosedEarly) as error:
                if transport is not None:
                    transport.close()
                if stop.is_set():
                    return
                self.failures[failure_kind(error)] += 1
                await self.pause(stop, random.uniform(0, backoff) if jitter else backoff)
                backoff = min(backoff * 2, MAX_BACKOFF if jitter else OLD_MAX_BACKOFF)
                continue
            backoff = first
            self.opens.append(t_open)
            self.transport = transport
            self.up.set()
            dropped = await closed
            self.transport = None
            if not stop.is_set():
                self.drops.append(dropped)
                # As the app's useEventStream does: the first reconnect after a drop waits too.
                await self.pause(stop, random.uniform(0, backoff) if jitter else backoff)
                backoff = min(backoff * 2, MAX_BACKOFF if jitter else OLD_MAX_BACKOFF)

    @staticmethod
    async def pause(stop: asyncio.Event, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)


def failure_kind(error: Exception) -> str:
    if isinstance(error, HttpStatus):
        return f"http {error.args[0]}"
    if isinstance(error, ConnectionRefusedError):
        return "refused"
    if isinstance(error, TimeoutError):
        return "no stream-open in time"
    if isinstance(error, ClosedEarly):
        return "closed before stream-open"
    if isinstance(error, OSError) and error.errno:
        return errno.errorcode.get(error.errno, str(error.errno))
    return type(error).__name__


class Stream(asyncio.Protocol):
    """One connection of a spectator to /api/events/ (HTTP/1.0: the body is the raw event stream)."""

    def __init__(self, spectator: Spectator, host: str, port: int, opened: asyncio.Future, closed: asyncio.Future):
        self.spectator, self.opened, self.closed = spectator, opened, closed
        head = f"GET /api/events/ HTTP/1.0\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
        if spectator.last >= 0:
            head += f"Last-Event-ID: race:{spectator.last}\r\n"
        self.request = (head + "\r\n").encode()
        self.buffer = b""
        self.headers_done = False

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
            status = head.split(b"\r\n", 1)[0].split()
            code = int(status[1]) if len(status) > 1 and status[1].isdigit() else 0
            if code != 200:
                if not self.opened.done():
                    self.opened.set_exception(HttpStatus(code))
                self.transport.close()
                return
            self.headers_done, self.buffer = True, rest
        *frames, self.buffer = self.buffer.split(b"\n\n")
        for frame in frames:
            kind = eid = None
            for line in frame.split(b"\n"):
                if line.startswith(b"event: "):
                    kind = line[7:].strip()
                elif line.startswith(b"id: "):
                    eid = line[4:].strip()
            if kind == b"stream-open":
                if not self.opened.done():
                    self.opened.set_result(now)
            elif kind == b"stream-reset":
                self.spectator.resets += 1
                if eid is not None:
                    self.spectator.last = int(eid.rsplit(b":", 1)[-1])
            elif eid is not None:
                self.spectator.record(int(eid.rsplit(b":", 1)[-1]), now)

    def connection_lost(self, exc):
        if not self.opened.done():
            self.opened.set_exception(ClosedEarly(str(exc)))
        if not self.closed.done():
            self.closed.set_result(time.monotonic())


def catch_up_time(sp: Spectator, back: float, newest_at) -> float | None:
    """When the spectator, with its stream back at `back`, first held every event up to the newest the
    organiser had been answered for: walk the arrivals in time order, keeping the newest seq up to which
    nothing is missing; caught up = the first moment from `back` on at which that reaches the newest."""
    arrivals = sorted((t, seq) for seq, t in sp.seen.items())
    have: set[int] = set()
    contiguous = sp.start_after
    checked = False
    for t, seq in arrivals:
        if t > back and not checked:
            checked = True  # current the moment its stream was back (nothing it lacked)?
            if contiguous >= newest_at(back):
                return back
        have.add(seq)
        while contiguous + 1 in have:
            contiguous += 1
        if t >= back and contiguous >= newest_at(t):
            return t
    if not checked and contiguous >= newest_at(back):
        return back
    return None


def analyse_spectators(spectators: list[Spectator], *, kills: list[float], answered: list, final: int) -> dict:
    """Missing and duplicated events over the whole phase, and for each restart (the monotonic times of
    the kills) when each spectator had its stream back and when it had caught up; pooled over the rounds."""
    answered = sorted(answered)  # (time of the organiser's answer, seq)
    times = [t for t, _ in answered]
    newest = []
    for _, seq in answered:
        newest.append(max(seq, newest[-1]) if newest else seq)

    def newest_at(t: float) -> int:
        i = bisect.bisect_right(times, t)
        return newest[i - 1] if i else -1

    missing = duplicates = out_of_order = resets = 0
    missing_spectators = 0
    for sp in spectators:
        expected = range(sp.start_after + 1, final + 1)
        gaps = sum(1 for seq in expected if seq not in sp.seen)
        missing += gaps
        missing_spectators += gaps > 0
        duplicates += sp.duplicates
        out_of_order += sp.out_of_order
        resets += sp.resets
    rounds = []
    all_reopen: list[float] = []
    all_catch_up: list[float] = []
    for r, killed in enumerate(kills):
        until = kills[r + 1] if r + 1 < len(kills) else float("inf")
        reopen, catch_up, not_back, not_caught = [], [], 0, 0
        for sp in spectators:
            # Its stream back in this round: the first stream-open after this kill, before the next one.
            back = next((t for t in sp.opens if killed <= t < until), None)
            if back is None:
                not_back += 1
                not_caught += 1
                continue
            reopen.append(back - killed)
            caught = catch_up_time(sp, back, newest_at)
            if caught is None:
                not_caught += 1
            else:
                catch_up.append(caught - killed)
        rounds.append(
            {
                "not_back": not_back,
                "not_caught_up": not_caught,
                "reopen_s": percentiles(reopen) if len(reopen) >= 2 else None,
                "catch_up_s": percentiles(catch_up) if len(catch_up) >= 2 else None,
            }
        )
        all_reopen += reopen
        all_catch_up += catch_up
    attempts = sum(sp.attempts for sp in spectators)
    failures: Counter = Counter()
    for sp in spectators:
        failures.update(sp.failures)
    return {
        "spectators": len(spectators),
        "restarts": len(kills),
        "events_expected_each": final - spectators[0].start_after if spectators else 0,
        "missing": missing,
        "spectators_missing_events": missing_spectators,
        "duplicates": duplicates,
        "out_of_order": out_of_order,
        "stream_resets": resets,
        # Summed over the rounds: a spectator not back in two rounds counts twice.
        "not_back": sum(r["not_back"] for r in rounds),
        "not_caught_up": sum(r["not_caught_up"] for r in rounds),
        # Over every spectator of every round.
        "reopen_s": percentiles(all_reopen) if len(all_reopen) >= 2 else None,
        "catch_up_s": percentiles(all_catch_up) if len(all_catch_up) >= 2 else None,
        "rounds": rounds,
        "connects": attempts,
        "connect_failures": dict(sorted(failures.items())),
        "drops": sum(len(sp.drops) for sp in spectators),
    }


def spectators_child(url: str, n: int, per_address: int, open_timeout: float, jitter: bool) -> None:
    """Child: n resuming spectators, connected once for every round. Prints "ready <up> <seq>", then
    answers JSON lines on stdin:
      {"round": r, "killed": t}  -> "back <r> <t>" once every spectator has reopened after that kill
                                    (t: the last of those reopens);
      {"round": r, "caught": s}  -> "caught <r> <t>" once every spectator holds every seq up to s;
      {"kills", "answered", "final"} -> the analysis as one JSON line, and the end.
    A new order cancels a wait that has not been answered yet."""

    async def run():
        loop = asyncio.get_running_loop()
        host, port = url.removeprefix("http://").split(":")
        current = await loop.run_in_executor(None, lambda: httpx.get(url + "/api/laps/current/", timeout=30))
        after = current.json()["seq"]
        stop = asyncio.Event()
        spectators = [Spectator(spectator_address(i // per_address), after) for i in range(n)]
        tasks = []
        # 25 at a time: Daphne listens with a backlog of 50, and this is not the storm yet.
        for start in range(0, n, 25):
            batch = spectators[start : start + 25]
            tasks += [asyncio.ensure_future(sp.run(host, int(port), stop, open_timeout, jitter)) for sp in batch]
            await asyncio.wait([asyncio.ensure_future(sp.up.wait()) for sp in batch], timeout=60)
        up = sum(sp.up.is_set() for sp in spectators)
        print(f"ready {up} {after}", flush=True)

        async def back(r: int, killed: float):
            waiting = list(spectators)
            last = killed
            while waiting:
                await asyncio.sleep(0.02)
                still = []
                for sp in waiting:
                    t = next((t for t in sp.opens if t >= killed), None)
                    if t is None:
                        still.append(sp)
                    else:
                        last = max(last, t)
                waiting = still
            print(f"back {r} {last}", flush=True)

        async def caught(r: int, seq: int):
            contiguous = {id(sp): sp.start_after for sp in spectators}
            waiting = list(spectators)
            while True:
                still = []
                for sp in waiting:
                    c = contiguous[id(sp)]
                    while c + 1 in sp.seen:
                        c += 1
                    contiguous[id(sp)] = c
                    if c < seq:
                        still.append(sp)
                waiting = still
                if not waiting:
                    break
                await asyncio.sleep(0.05)
            print(f"caught {r} {time.monotonic()}", flush=True)

        waiter = None
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if waiter is not None:
                waiter.cancel()
                waiter = None
            if not line:
                return
            order = json.loads(line)
            if "killed" in order:
                waiter = asyncio.ensure_future(back(order["round"], order["killed"]))
            elif "caught" in order:
                waiter = asyncio.ensure_future(caught(order["round"], order["caught"]))
            else:
                break
        stop.set()
        for sp in spectators:
            if sp.transport is not None:
                sp.transport.close()
        await asyncio.wait(tasks, timeout=15)
        report = analyse_spectators(spectators, kills=order["kills"], answered=order["answered"], final=order["final"])
        report["ready"] = up
        report["addresses"] = len({sp.source for sp in spectators})
        print(json.dumps(report), flush=True)

    asyncio.run(run())


# --- the phases --------------------------------------------------------------------------------


class Child:
    """A child process of this script that talks in lines.

    It runs at the lowest CPU priority (nice 19): the storms' clients stand for phones and laptops
    elsewhere, so they take the CPU that the server (and PostgreSQL) leave free, instead of taking
    turns with the server on this machine's two cores.
    """

    def __init__(self, *args: str):
        self.proc = subprocess.Popen(
            [PYTHON, os.path.abspath(__file__), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: os.nice(19),
        )
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def line(self, timeout: float) -> str | None:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def expect(self, prefix: str, timeout: float) -> str | None:
        """The next line that starts with `prefix` (others, such as a late answer of an earlier
        order, are skipped), or None after `timeout` seconds or at the child's end."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            line = self.line(timeout=left)
            if line is None:
                return None
            if line.startswith(prefix):
                return line
        return None

    def say(self, text: str) -> None:
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def current_seq(http: httpx.Client) -> int | None:
    with contextlib.suppress(httpx.HTTPError, ValueError, KeyError):
        return http.get("/api/laps/current/").json()["seq"]
    return None


def phase_quiet(presser: Presser, stats: httpx.Client, args) -> dict:
    load = Load(presser, stats, press_pause=args.press_pause, stats_pause=args.stats_pause)
    load.run_counted(presses=args.presses, reads=args.stats_reads, seconds=args.phase_seconds)
    return {"presses": summarise(load.presses), "stats": summarise(load.reads)}


def phase_login(url: str, presser: Presser, stats: httpx.Client, args) -> dict:
    child = Child("--login-child", url, str(args.logins), str(args.timeout))
    try:
        ready = child.line(timeout=120)
        if not ready or not ready.startswith("ready"):
            raise RuntimeError(f"the login storm did not start: {ready!r}")
        log(f"  login storm: {args.logins} loops from {login_address(0)} .. {login_address(args.logins - 1)}")
        time.sleep(STORM_WARMUP_SECONDS)
        load = Load(presser, stats, press_pause=args.press_pause, stats_pause=args.stats_pause)
        load.run_counted(presses=args.presses, reads=args.stats_reads, seconds=args.phase_seconds)
        child.say("stop")
        report = child.line(timeout=60)
        storm = json.loads(report) if report else {"error": "no report from the login storm"}
    finally:
        child.close()
    waited = drain(url)
    log(f"  the server answered quickly again {waited:.1f} s after the storm")
    return {"presses": summarise(load.presses), "stats": summarise(load.reads), "logins": storm, "drain_s": waited}


def phase_reconnect(bench: Bench, url: str, presser: Presser, stats: httpx.Client, args) -> dict:
    child = Child(
        "--spectators-child",
        url,
        str(args.spectators),
        str(args.per_address),
        str(args.open_timeout),
        args.backoff,
    )
    before_seconds = max(BEFORE_RESTART_SECONDS, BEFORE_RESTART_PRESSES * args.press_pause)
    loads: list[Load] = []
    rounds: list[dict] = []
    try:
        ready = child.line(timeout=600)
        if not ready or not ready.startswith("ready"):
            raise RuntimeError(f"the spectators did not connect: {ready!r}")
        _, up, after = ready.split()
        log(f"  {up} of {args.spectators} spectators connected, resuming from seq {after}")
        for r in range(1, args.restarts + 1):
            load = Load(presser, stats, press_pause=args.press_pause, stats_pause=args.stats_pause)
            loads.append(load)
            load.start()
            time.sleep(before_seconds)
            times = bench.restart_worker(url)
            killed = times["killed"]
            child.say(json.dumps({"round": r, "killed": killed}))
            log(
                f"  restart {r}/{args.restarts}: worker killed; the new one answered /healthz {times['up'] - killed:.2f} s later"
            )
            line = child.expect(f"back {r} ", timeout=args.reconnect_timeout)
            back = float(line.split()[2]) if line else None
            if back is None:
                log(f"  not every spectator was back within {args.reconnect_timeout:.0f} s")
            else:
                log(f"  every spectator had its stream back {back - killed:.2f} s after the kill")
            end = killed + max(args.window, (back - killed + 1.0) if back else args.reconnect_timeout)
            time.sleep(max(0.0, end - time.monotonic()))
            load.stop()
            # Every spectator holds every event of the round (the last presses' too) before the next
            # round starts, and before any is counted missing.
            newest = current_seq(presser.org.http)
            caught = None
            if newest is not None:
                child.say(json.dumps({"round": r, "caught": newest}))
                line = child.expect(f"caught {r} ", timeout=CAUGHT_UP_WAIT_SECONDS)
                caught = float(line.split()[2]) if line else None
            if caught is None:
                log(f"  not every spectator held every event up to seq {newest} within {CAUGHT_UP_WAIT_SECONDS:.0f} s")
            else:
                log(
                    f"  every spectator held every event up to seq {newest} (checked {caught - killed:.2f} s after the kill)"
                )
            rounds.append(
                {
                    "round": r,
                    "killed": killed,
                    "up": times["up"],
                    "back": back,
                    "caught": caught,
                    "end": end,
                    "worker_up_s": times["up"] - killed,
                    "all_back_s": back - killed if back else None,
                    "window_s": end - killed,
                }
            )
            if r < args.restarts:
                time.sleep(PAUSE_BETWEEN_ROUNDS_SECONDS)
        answered = [
            (s.answered, s.seq) for load in loads for s in load.presses if s.outcome == "ok" and s.seq is not None
        ]
        final = current_seq(presser.org.http)
        if final is None:
            final = max((seq for _, seq in answered), default=int(after))
        child.say(json.dumps({"kills": [rd["killed"] for rd in rounds], "answered": answered, "final": final}))
        report = child.expect("{", timeout=300)
        spectators = json.loads(report) if report else {"error": "no report from the spectators"}
    finally:
        for load in loads:
            load.stop()
        child.close()
    before: tuple[list, list] = ([], [])
    during: tuple[list, list] = ([], [])
    herd: tuple[list, list] = ([], [])
    timeline: list[dict] = []  # every press of the storm windows: when (from its kill) and how long
    for load, rd in zip(loads, rounds, strict=False):
        killed, up = rd["killed"], rd["up"]
        # A connection error of a request that was on its way when the worker died, or that started
        # before the new one answered, is the restart itself: "server down", not a failure of the
        # server under load.
        for s in [*load.presses, *load.reads]:
            if s.outcome.startswith(("error ", "refused")) and s.start + s.ms / 1000 >= killed and s.start <= up:
                s.outcome = "server down"
        # The narrowest view of the storm: from the new worker's first healthy answer until every
        # stream was back.
        last = rd["back"] if rd["back"] else killed + args.reconnect_timeout
        rd["herd_s"] = last - up
        for i, samples in enumerate((load.presses, load.reads)):
            before[i].extend(s for s in samples if s.start < killed)
            during[i].extend(s for s in samples if s.start >= killed)
            herd[i].extend(s for s in samples if up <= s.start <= last)
        timeline += [
            {"restart": rd["round"], "at_s": round(s.start - killed, 3), "ms": round(s.ms, 1), "outcome": s.outcome}
            for s in load.presses
            if s.start >= killed
        ]
    if "error" not in spectators:
        for rd, analysed in zip(rounds, spectators["rounds"], strict=True):
            analysed.update({k: rd[k] for k in ("worker_up_s", "all_back_s", "window_s", "herd_s")})
        spectators["worker_up_s"] = max(rd["worker_up_s"] for rd in rounds)
        backs = [rd["all_back_s"] for rd in rounds]
        spectators["all_back_s"] = None if None in backs else max(backs)
    return {
        "restarts": len(rounds),
        "before_s": before_seconds,
        "before": {"presses": summarise(before[0]), "stats": summarise(before[1])},
        "reconnecting": {
            "presses": summarise(herd[0]),
            "stats": summarise(herd[1]),
            "seconds": [rd["herd_s"] for rd in rounds],
        },
        "presses": summarise(during[0]),
        "stats": summarise(during[1]),
        "window_s": [rd["window_s"] for rd in rounds],
        "spectators": spectators,
        "press_timeline": timeline,
    }


# --- report ------------------------------------------------------------------------------------


def targets(results: dict) -> list[dict]:
    checks = []
    quiet = results.get("quiet")
    quiet_p99 = quiet["presses"]["latency"]["p99"] if quiet and quiet["presses"]["latency"] else None
    for phase, label in (("login", "login storm"), ("reconnect", "reconnect storm")):
        r = results.get(phase)
        if not r:
            continue
        lat = r["presses"]["latency"]
        bound = max(PRESS_TARGET_MS, PRESS_TARGET_FACTOR * quiet_p99) if quiet_p99 else PRESS_TARGET_MS
        ok = lat is not None and lat["p99"] <= bound and r["presses"]["failed"] == 0
        if quiet_p99:
            bound_text = f"<= 3x quiet p99 = {fmt(PRESS_TARGET_FACTOR * quiet_p99)} ms or <= 100 ms"
        else:
            bound_text = "<= 100 ms (quiet not run)"
        checks.append(
            {
                "target": f"next lap p99 under the {label} {bound_text}, none failed",
                "measured": f"p99 {fmt(lat['p99'])} ms, {r['presses']['failed']} failed" if lat else "no samples",
                "met": ok,
            }
        )
        lat = r["stats"]["latency"]
        ok = lat is not None and lat["p99"] <= STATS_TARGET_MS and r["stats"]["failed"] == 0
        checks.append(
            {
                "target": f"/api/stats/ p99 under the {label} <= 250 ms, none failed",
                "measured": f"p99 {fmt(lat['p99'])} ms, {r['stats']['failed']} failed" if lat else "no samples",
                "met": ok,
            }
        )
    r = results.get("reconnect")
    if r and "error" not in r["spectators"]:
        sp = r["spectators"]
        # In every round: the slowest spectator of the slowest round.
        slowest = [rd["catch_up_s"]["max"] if rd["catch_up_s"] else None for rd in sp["rounds"]]
        worst = None if None in slowest or not slowest else max(slowest)
        ok = sp["not_caught_up"] == 0 and worst is not None and worst <= CATCH_UP_TARGET_S
        per_round = ", ".join("-" if s is None else f"{s:.2f}" for s in slowest)
        checks.append(
            {
                "target": "every reconnected spectator caught up within 10 s of the restart, in every round",
                "measured": (f"slowest {worst:.2f} s" if worst is not None else "none")
                + (f" (per restart: {per_round} s)" if len(slowest) > 1 else "")
                + f", {sp['not_caught_up']} of {sp['spectators'] * sp['restarts']:,} not caught up",
                "met": ok,
            }
        )
        ok = sp["missing"] == 0 and sp["duplicates"] == 0
        checks.append(
            {
                "target": "no spectator missing an event (every seq exactly once)",
                "measured": f"{sp['missing']} missing ({sp['spectators_missing_events']} spectators), "
                f"{sp['duplicates']} duplicated",
                "met": ok,
            }
        )
    return checks


def latency_row(label: str, s: dict) -> str:
    lat = s["latency"]
    others = ", ".join(f"{k} × {n}" for k, n in s["outcomes"].items() if k not in ("ok", "timeout")) or "-"
    if lat is None:
        return f"| {label} | {s['requests']} | - | - | - | - | {s['timeouts']} | {others} |"
    return (
        f"| {label} | {lat['n']} | {fmt(lat['median'])} | {fmt(lat['p95'])} | {fmt(lat['p99'])} | {fmt(lat['max'])} "
        f"| {s['timeouts']} | {others} |"
    )


def spans(seconds: list[float]) -> str:
    """ "10.3 s" for one round, "3 × 10.1-11.4 s" for several."""
    if len(seconds) == 1:
        return f"{seconds[0]:.1f} s"
    low, high = min(seconds), max(seconds)
    return (
        f"{len(seconds)} × {low:.1f} s" if f"{low:.1f}" == f"{high:.1f}" else f"{len(seconds)} × {low:.1f}-{high:.1f} s"
    )


def print_report(results: dict, args) -> None:
    rows = []
    if "quiet" in results:
        rows.append(("quiet", results["quiet"]))
    if "login" in results:
        rows.append((f"login storm ({args.logins} addresses)", results["login"]))
    if "reconnect" in results:
        r = results["reconnect"]
        n = r["restarts"]
        if n == 1:
            before, each = "the restart", "the kill"
        else:
            before, each = f"each of {n} restarts", "each kill"
        rows.append((f"{args.spectators:,} spectators, before {before} ({spans([r['before_s']] * n)})", r["before"]))
        rows.append((f"reconnect storm ({spans(r['window_s'])} from {each})", r))
        herd = r["reconnecting"]
        rows.append((f"  of which: new worker up until every stream back ({spans(herd['seconds'])})", herd))
    print(
        f"\na hostile race night at {args.runners} runners / {args.laps} laps / {args.queue} queued, PostgreSQL, "
        f"one Daphne, DEBUG=0; presses {args.press_pause} s apart, stats reads {args.stats_pause} s apart, "
        f"timeout {args.timeout:g} s"
    )
    for what, key in (("next lap (POST /api/laps/advance/)", "presses"), ("GET /api/stats/ (anonymous)", "stats")):
        print(f"\n{what}, ms (timed-out requests count with their time)")
        print("| phase | n | median | p95 | p99 | max | timed out | other outcomes |")
        print("|---|---|---|---|---|---|---|---|")
        for label, r in rows:
            print(latency_row(label, r[key]))
    loads = ", ".join(
        f"{phase} {results[phase]['load_average']['before']:.2f} / {results[phase]['load_average']['after']:.2f}"
        for phase in ("quiet", "login", "reconnect")
        if phase in results
    )
    print(f"\nload average (1 min) at the start / end of each phase: {loads}")
    if "login" in results:
        lg = results["login"]["logins"]
        if "error" in lg:
            print(f"\nlogin storm: {lg['error']}")
        else:
            statuses = ", ".join(f"{k} × {n:,}" for k, n in lg["statuses"].items())
            lat = lg["latency"]
            print(
                f"\nlogin storm: {lg['attempts']:,} attempts in {lg['seconds']:.1f} s ({lg['per_second']:.1f}/s) "
                f"from {lg['loops']} addresses; statuses: {statuses}"
            )
            if lat:
                print(
                    f"  a login attempt took median {fmt(lat['median'])} ms, p95 {fmt(lat['p95'])} ms, "
                    f"max {fmt(lat['max'])} ms; the server was quick again {results['login']['drain_s']:.1f} s "
                    "after the storm stopped"
                )
    if "reconnect" in results:
        sp = results["reconnect"]["spectators"]
        if "error" in sp:
            print(f"\nreconnect storm: {sp['error']}")
        else:
            fails = ", ".join(f"{k} × {n:,}" for k, n in sp["connect_failures"].items()) or "none"
            n = sp["restarts"]
            times = "once" if n == 1 else f"{n} times, the same spectators staying connected across the restarts"
            print(
                f"\nreconnect storm: {sp['spectators']:,} spectators ({sp['ready']:,} connected before) on "
                f"{sp['addresses']} addresses, {args.backoff} backoff; worker killed (SIGKILL) {times}"
            )

            def secs(value) -> str:
                return "-" if value is None else f"{value:.2f} s"

            for i, rd in enumerate(sp["rounds"], 1):
                slowest = rd["catch_up_s"]["max"] if rd["catch_up_s"] else None
                print(
                    f"  restart {i}: new worker healthy after {secs(rd['worker_up_s'])}, every stream back after "
                    f"{secs(rd['all_back_s'])}, slowest catch-up {secs(slowest)}; not back {rd['not_back']}, "
                    f"not caught up {rd['not_caught_up']}"
                )
            if n > 1:
                print(
                    f"  slowest of the {n} restarts: new worker healthy after {secs(sp['worker_up_s'])}, every "
                    f"stream back after {secs(sp['all_back_s'])}"
                )
            over = "" if n == 1 else f" of all {n} restarts"
            for name, key in (("stream back", "reopen_s"), ("caught up", "catch_up_s")):
                p = sp[key]
                if p:
                    print(
                        f"  {name} after the kill, s, every spectator{over}: median {p['median']:.2f}, "
                        f"p95 {p['p95']:.2f}, p99 {p['p99']:.2f}, max {p['max']:.2f} (n {p['n']:,})"
                    )
            print(
                f"  not back {sp['not_back']}, not caught up {sp['not_caught_up']} (summed over the restarts); "
                f"connects {sp['connects']:,}, failed: {fails}"
            )
            print(
                f"  events: {sp['events_expected_each']} expected by each; missing {sp['missing']} "
                f"({sp['spectators_missing_events']} spectators), duplicated {sp['duplicates']}, "
                f"out of order {sp['out_of_order']}, stream-reset {sp['stream_resets']}"
            )
    print("\ntargets")
    for check in results["targets"]:
        print(f"  [{'MET' if check['met'] else 'NOT MET'}] {check['target']}: {check['measured']}")


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size_arguments(parser, runners=None, laps=None, queue=None)
    parser.add_argument("--quick", action="store_true", help="a short run: smaller event, fewer samples")
    parser.add_argument("--phases", default="quiet,login,reconnect", help="comma-separated, of quiet,login,reconnect")
    parser.add_argument("--presses", type=int, help="presses per phase (default 60, quick 20)")
    parser.add_argument(
        "--press-pause",
        type=float,
        default=1.0,
        help="seconds after each press, in every phase (default 1.0; 0.1 is a stress setting)",
    )
    parser.add_argument("--stats-reads", type=int, help="statistics reads per phase (default 200, quick 60)")
    parser.add_argument("--stats-pause", type=float, default=0.025, help="seconds after each read (default 0.025)")
    parser.add_argument("--phase-seconds", type=float, help="a phase stops after this long (default 180, quick 60)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a request times out (default 30)")
    parser.add_argument("--logins", type=int, default=16, help="login loops, one address each (default 16)")
    parser.add_argument("--spectators", type=int, help="spectators of the reconnect storm (default 1000, quick 200)")
    parser.add_argument("--per-address", type=int, default=20, help="spectators per source address (default 20)")
    parser.add_argument("--open-timeout", type=float, default=10.0, help="seconds for a connect to stream-open")
    parser.add_argument(
        "--backoff",
        choices=("jitter", "fixed"),
        default="jitter",
        help="a reconnect waits uniform 0-1 s, 0-2 s, ... up to 0-5 s (jitter: the app's useEventStream, the "
        "default) or exactly 0.5, 1, 2, ... up to 10 s (fixed: the app before issue 12, every screen in step)",
    )
    parser.add_argument("--window", type=float, default=10.0, help="seconds from each kill that are timed (default 10)")
    parser.add_argument("--restarts", type=int, help="kills and restarts of the reconnect phase (default 3, quick 1)")
    parser.add_argument(
        "--reconnect-timeout", type=float, default=60.0, help="at most this long for every spectator to be back"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH (- for stdout only)")
    parser.add_argument("--login-child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--spectators-child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.login_child:
        url, loops, timeout = args.login_child
        login_child(url, int(loops), float(timeout))
        return
    if args.spectators_child:
        url, n, per_address, open_timeout, backoff = args.spectators_child
        spectators_child(url, int(n), int(per_address), float(open_timeout), backoff == "jitter")
        return
    defaults = QUICK if args.quick else FULL
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(phases) - {"quiet", "login", "reconnect"}
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    if args.restarts < 1:
        parser.error("--restarts must be at least 1")
    if args.logins > 253:
        parser.error("at most 253 login loops (127.0.0.2 .. 127.0.0.254)")

    results: dict = {
        "sizes": {"runners": args.runners, "laps": args.laps, "queue": args.queue},
        "settings": {
            k: getattr(args, k)
            for k in (
                "presses",
                "press_pause",
                "stats_reads",
                "stats_pause",
                "phase_seconds",
                "timeout",
                "logins",
                "spectators",
                "per_address",
                "backoff",
                "window",
                "restarts",
            )
        },
    }
    with Bench(runners=args.runners, laps=args.laps, queue=args.queue) as bench:
        log(f"loading {args.runners} runners / {args.laps} laps / {args.queue} queued into {bench.name} ...")
        bench.load()
        url = bench.start_worker()
        org = Organiser(url)
        org.prepare()
        org.http.timeout = httpx.Timeout(args.timeout)
        presser = Presser(org)
        with httpx.Client(base_url=url, timeout=args.timeout) as stats:
            for _ in range(3):  # warm-up: the first press and the first statistics of the process
                presser.press()
                read_stats(stats)
            for phase in ("quiet", "login", "reconnect"):
                if phase not in phases:
                    continue
                log(f"phase {phase} ... (load average {os.getloadavg()[0]:.2f})")
                load_before = os.getloadavg()[0]
                t0 = time.monotonic()
                if phase == "quiet":
                    results[phase] = phase_quiet(presser, stats, args)
                elif phase == "login":
                    results[phase] = phase_login(url, presser, stats, args)
                else:
                    results[phase] = phase_reconnect(bench, url, presser, stats, args)
                results[phase]["load_average"] = {"before": load_before, "after": os.getloadavg()[0]}
                p, s = results[phase]["presses"]["latency"], results[phase]["stats"]["latency"]
                log(
                    f"phase {phase} done in {time.monotonic() - t0:.1f} s: next lap p99 "
                    f"{fmt(p['p99']) if p else '-'} ms, stats p99 {fmt(s['p99']) if s else '-'} ms"
                )
    results["targets"] = targets(results)
    if args.json != "-":
        print_report(results, args)
    if args.json:
        text = json.dumps(results, indent=2)
        if args.json == "-":
            print(text)
        else:
            with open(args.json, "w") as out:
                out.write(text + "\n")


if __name__ == "__main__":
    main()
