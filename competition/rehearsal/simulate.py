"""The engine of `competition_simulate`: a compressed race driven through the real HTTP API of a running server.

Actors, each with its own session like the real devices:
- the organiser (staff) presses next lap at the chosen pace, undoes a press now and then and moves a ticket;
- kiosks (the `competition` user) scan cards: known runners are queued, unknown cards registered first;
- spectators (anonymous) load a snapshot, subscribe to /api/events/ from its seq and check that the ids
  they receive are consecutive.

Drivers run on one asyncio loop; spectators on another loop in their own thread, so that parsing the
fan-out of hundreds of streams does not delay the organiser's presses (and their measured latency).
Only the standard library and httpx: it must run wherever the app runs, against any server.
"""

import asyncio
import contextlib
import ipaddress
import random
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from competition.rehearsal.crowd import CONNECT_TIMEOUT, REQUEST_TIMEOUT, Crowd
from competition.rehearsal.report import build_report, crowd_report, format_report

__all__ = ["MAX_DURATION", "MAX_SPECTATORS", "Options", "Simulation", "SimulationError", "format_report"]

MAX_DURATION = 3600
MAX_SPECTATORS = 2000
COMMAND_RETRIES = 3  # a press that timed out is sent again with the same key: the server answers once
KIOSK_RATE = 1.1  # together the kiosks queue a little faster than the track empties the queue
NEW_CARD_SHARE = 0.1  # share of scans of a card the server does not know yet
MOVE_EVERY = 7  # one queue move by staff per this many presses


class SimulationError(Exception):
    """The simulation cannot start (bad option, unreachable server, wrong login)."""


@dataclass
class Options:
    url: str
    staff: tuple[str, str]
    kiosk: tuple[str, str]
    duration: float = 60
    speed: float = 60
    lap_seconds: float = 180
    kiosks: int = 2
    spectators: int = 10
    undo_every: int = 25
    seed: int | None = None

    @property
    def pace(self) -> float:
        """Real seconds between presses, on average."""
        return self.lap_seconds / self.speed


def check_loopback(url: str) -> str:
    """The URL without a trailing slash, if it points at this machine; SimulationError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SimulationError(f"--url {url!r} is not an http(s) URL like http://127.0.0.1:8000.")
    host = parts.hostname
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False  # a name other than localhost: it could resolve anywhere, so no
    if not loopback:
        raise SimulationError(
            f"--url {url} is not on this machine: the simulation writes laps, runners and queue tickets and "
            "opens many connections, so it only runs against a loopback server (127.0.0.0/8, localhost or ::1), "
            "never against a live event's server by mistake."
        )
    return url.rstrip("/")


class Stats:
    """What every actor records; touched only from the drivers' loop (spectators keep their own)."""

    def __init__(self):
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.server_errors: list[str] = []
        self.transport_errors: Counter[str] = Counter()
        self.presses: Counter[str] = Counter()  # sent, accepted, forced, replayed, refused:<code>
        self.undos: Counter[str] = Counter()
        self.enqueues: Counter[str] = Counter()
        self.moves: Counter[str] = Counter()


def _code(status: int, data) -> str:
    code = data.get("code") if isinstance(data, dict) else None
    return f"{status} {code}" if code else str(status)


class Session:
    """One logged-in device: cookies, CSRF token and Referer on every write, latency per request kind."""

    def __init__(self, url: str, stats: Stats):
        self.url, self.stats = url, stats
        self.http = httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT, headers={"Referer": f"{url}/"})

    async def call(self, kind: str, method: str, path: str, body=None, **params) -> tuple[int, dict, httpx.Response]:
        headers = {}
        if method != "GET":
            # Read each time: login rotates the token.
            headers["X-CSRFToken"] = self.http.cookies.get("csrftoken") or ""
        started = time.perf_counter()
        try:
            response = await self.http.request(method, path, json=body, headers=headers, params=params or None)
        except httpx.TransportError:
            self.stats.transport_errors[kind] += 1
            raise
        self.stats.latency[kind].append(time.perf_counter() - started)
        if response.status_code >= 500:
            self.stats.server_errors.append(f"{method} {path} -> {response.status_code}: {response.text[:200]}")
        try:
            data = response.json()
        except ValueError:
            data = {}
        return response.status_code, data, response

    async def login(self, username: str, password: str) -> None:
        try:
            await self.call("login", "GET", "/api/auth/me/")  # sets the csrftoken cookie
        except httpx.TransportError as error:
            raise SimulationError(f"No server answers at {self.url}: {error!r}. Start it first.") from None
        status, data, _ = await self.call(
            "login", "POST", "/api/auth/login/", {"username": username, "password": password}
        )
        if status != 200:
            raise SimulationError(f"Cannot log in as {username} at {self.url}: {status} {data.get('detail', data)}")

    async def command(self, kind: str, path: str, body: dict) -> tuple[int, dict, httpx.Response]:
        """An idempotent command: on a timeout or a cut connection, send the same key again."""
        for attempt in range(COMMAND_RETRIES):
            try:
                return await self.call(kind, "POST", path, body)
            except httpx.TransportError:
                if attempt == COMMAND_RETRIES - 1:
                    raise
                await asyncio.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    async def close(self) -> None:
        await self.http.aclose()


# --- spectators ---------------------------------------------------------------------------------


class Simulation:
    def __init__(self, options: Options):
        self.o = options
        self.url = check_loopback(options.url)
        self.rng = random.Random(options.seed)
        self.stats = Stats()
        self.stop_at = 0.0
        self.running: int | None = None  # the lap the organiser believes is running
        self.cards: list[str] = []  # student IDs the kiosks scan
        self.university: int | None = None

    def lap_interval(self) -> float:
        """Real seconds until the next press: laps vary around the mean, as runners do."""
        lap = self.rng.gauss(self.o.lap_seconds, 0.2 * self.o.lap_seconds)
        return min(max(lap, 0.3 * self.o.lap_seconds), 2 * self.o.lap_seconds) / self.o.speed

    def run(self) -> dict:
        crowd = Crowd(self.url, self.o.spectators)
        crowd.start()
        try:
            crowd.ready.wait(CONNECT_TIMEOUT)
            report = asyncio.run(self._drive(crowd))
        finally:
            if crowd.target is None:
                crowd.finish(0)
        report["spectators"] = crowd_report(crowd)
        report["ok"] = not (report["server_errors"] or report["spectators"]["with_problems"])
        return report

    async def _drive(self, crowd: Crowd) -> dict:
        staff = Session(self.url, self.stats)
        kiosks = [Session(self.url, self.stats) for _ in range(self.o.kiosks)]
        try:
            await staff.login(*self.o.staff)
            for kiosk in kiosks:
                await kiosk.login(*self.o.kiosk)
            await self._prepare(staff)
            laps_before = await self._lap_count(staff)
            _, current, _ = await staff.call("current", "GET", "/api/laps/current/")
            self.running = current["lap"] and current["lap"]["id"]
            seq_before = current["seq"]
            started = time.monotonic()
            self.stop_at = started + self.o.duration
            await asyncio.gather(self._organiser(staff), *(self._kiosk(k) for k in kiosks))
            elapsed = time.monotonic() - started
            laps_after = await self._lap_count(staff)
            _, current, _ = await staff.call("current", "GET", "/api/laps/current/")
            crowd.finish(current["seq"])
        finally:
            for session in (staff, *kiosks):
                await session.close()
        laps, seq = (laps_before, laps_after), (seq_before, current["seq"])
        return build_report(self.stats, url=self.url, pace=self.o.pace, elapsed=elapsed, laps=laps, seq=seq)

    async def _prepare(self, staff: Session) -> None:
        """The cards the kiosks will scan (every runner's ID) and the university new runners join."""
        page = 1
        while page and len(self.cards) < 20_000:
            status, data, _ = await staff.call("setup", "GET", "/api/runners/", page=page, page_size=500)
            if status != 200:
                raise SimulationError(f"Cannot list the runners as staff: {status} {data.get('detail', data)}")
            self.cards += [r["identification"] for r in data["results"] if r["identification"]]
            page = page + 1 if data.get("next") else 0
        _, data, _ = await staff.call("setup", "GET", "/api/universities/")
        universities = data["results"] if isinstance(data, dict) else data
        self.university = universities[0]["id"] if universities else None

    async def _lap_count(self, staff: Session) -> int:
        status, data, _ = await staff.call("laps_count", "GET", "/api/laps/", page_size=1)
        if status != 200:
            raise SimulationError(f"Cannot count the laps: {status} {data.get('detail', data)}")
        return data["count"]

    async def _sleep_until(self, moment: float) -> bool:
        """Sleep until `moment` unless the run ends first; whether there is still time."""
        await asyncio.sleep(max(0.0, min(moment, self.stop_at) - time.monotonic()))
        return time.monotonic() < self.stop_at

    async def _organiser(self, staff: Session) -> None:
        presses = 0
        next_press = time.monotonic() + self.lap_interval()
        while await self._sleep_until(next_press):
            presses += 1
            await self._press(staff)
            if self.o.undo_every and presses % self.o.undo_every == 0:
                await self._undo(staff)  # an accidental press, corrected straight away
            if presses % MOVE_EVERY == 0:
                await self._move(staff)
            # Keep the pace when a request was slow, but never burst to catch up.
            next_press = max(next_press + self.lap_interval(), time.monotonic())

    async def _press(self, staff: Session, force: bool = False) -> None:
        body = {"idempotency_key": str(uuid.uuid4()), "expected_lap": self.running, "force": force}
        self.stats.presses["sent"] += 1
        self.stats.presses["forced"] += force
        try:
            status, data, response = await staff.command("advance", "/api/laps/advance/", body)
        except httpx.TransportError:
            self.stats.presses["lost"] += 1
            return
        if response.headers.get("Idempotent-Replay"):
            self.stats.presses["replayed"] += 1
        if status == 200:
            self.stats.presses["accepted"] += 1
            self.running = data["started"] and data["started"]["id"]
            return
        self.stats.presses[f"refused {_code(status, data)}"] += 1
        if data.get("code") == "stale_state":
            self.running = data["current"] and data["current"]["id"]
        elif data.get("code") == "too_soon" and not force:
            # "Record anyway": a refusal is stored under its key, so the forced press needs a new one.
            await self._press(staff, force=True)

    async def _undo(self, staff: Session) -> None:
        body = {"idempotency_key": str(uuid.uuid4()), "expected_lap": self.running}
        self.stats.undos["sent"] += 1
        try:
            status, data, _ = await staff.command("reverse", "/api/laps/reverse/", body)
        except httpx.TransportError:
            self.stats.undos["lost"] += 1
            return
        if status == 200:
            self.stats.undos["accepted"] += 1
            self.stats.undos["removed_laps"] += data["removed"] is not None
            self.running = data["resumed"] and data["resumed"]["id"]
            return
        self.stats.undos[f"refused {_code(status, data)}"] += 1
        if data.get("code") == "stale_state":
            self.running = data["current"] and data["current"]["id"]

    async def _move(self, staff: Session) -> None:
        """Staff drag a waiting runner elsewhere in the queue."""
        with contextlib.suppress(httpx.TransportError):
            status, data, _ = await staff.call("queue_list", "GET", "/api/queue/")
            tickets = (data.get("results") or []) if status == 200 else []
            if len(tickets) < 2:
                return
            ticket = self.rng.choice(tickets)
            body = {"position": self.rng.randrange(len(tickets))}
            status, data, _ = await staff.call("move", "POST", f"/api/queue/{ticket['id']}/move/", body)
            self.stats.moves[_code(status, data)] += 1

    async def _kiosk(self, kiosk: Session) -> None:
        interval = self.o.pace * self.o.kiosks / KIOSK_RATE
        next_scan = time.monotonic() + self.rng.uniform(0, interval)
        while await self._sleep_until(next_scan):
            with contextlib.suppress(httpx.TransportError):
                await self._scan(kiosk)
            next_scan = max(next_scan + self.rng.expovariate(1 / interval), time.monotonic())

    async def _scan(self, kiosk: Session) -> None:
        if self.cards and self.rng.random() > NEW_CARD_SHARE:
            card = self.rng.choice(self.cards)
        else:
            card = f"r{self.rng.randrange(10**7):07d}"
        status, data, _ = await kiosk.call("enqueue", "POST", "/api/queue/", {"identification": card})
        if status == 404 and data.get("code") == "unknown_runner":
            # A first-timer: the volunteer registers them, then queues them.
            body = {
                "first_name": "Sim",
                "last_name": card.upper(),
                "identification": card,
                "university": self.university,
            }
            status, data, _ = await kiosk.call("register", "POST", "/api/runners/", body)
            self.stats.enqueues[f"register {_code(status, data)}"] += 1
            if status != 201:
                return
            self.cards.append(card)
            status, data, _ = await kiosk.call("enqueue", "POST", "/api/queue/", {"identification": card})
        self.stats.enqueues[_code(status, data)] += 1
