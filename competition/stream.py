"""The live event stream of this process: GET /api/events/ as Server-Sent Events (SPEC section 8).

One hub per process keeps the newest stored events as ready-made SSE frames, in sequence order
and without gaps, and wakes every open stream when it grows. A stream is a bare ASGI coroutine
(routed by it24u/asgi.py before Django): no thread, no database connection and no per-client
queue while it waits, so one worker holds thousands of screens and a press reaches them all in
one pass of the event loop.

The stored events (django-eventstream's Event table, written by competition.events) are the
truth. The hub learns of new ones from this process's delivery thread, or from every worker
through Redis (competition.fanout); whenever a number is skipped, or Redis comes back after an
outage, it reads the missing ones from the database before going on. A client that resumes from
an id older than the hub remembers reads from the database too, in a worker thread.

Wire format (kept from django-eventstream, which the clients were written against): a padding
comment and `event: stream-open` first (its data: the newest seq at that moment), then `event: <type>` / `id: race:<seq>` / `data: <json>`,
`event: keep-alive` after KEEPALIVE_SECONDS without events, and `event: stream-reset` when the requested id is
gone (older than the retention, or from before a reset of the database).
"""

import asyncio
import json
import logging
import random
from urllib.parse import parse_qs

from django.conf import settings
from django.db import connection
from django_eventstream.models import Event as StoredEvent
from django_eventstream.models import EventCounter

log = logging.getLogger(__name__)

CHANNEL = settings.EVENTS_CHANNEL
KEEPALIVE_SECONDS = 15
RECENT = 1000  # frames kept in memory: a reconnect within the last ~1,000 events needs no database
READ_LIMIT = 200  # events per database read when a client catches up from further back
WAKE_CHUNK = 50  # streams woken per turn of the event loop

# A client that resumes from further back than this many events gets a reset (it reloads its
# snapshot, a few kilobytes) instead of a replay of the whole history (a megabyte at seq 0).
REPLAY_LIMIT = RECENT

# The padding pushes past proxies and browsers that hold back a response's first bytes.
PADDING = b":" + b" " * 2048 + b"\n\n"


def open_frame(newest: int) -> bytes:
    """The first event: the seq a client has caught up with once it has applied this stream's backlog."""
    return PADDING + f'event: stream-open\ndata: {{"newest": {newest}}}\n\n'.encode()


KEEPALIVE = b"event: keep-alive\ndata:\n\n"
HEADERS = [
    (b"content-type", b"text/event-stream"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),  # NGINX: pass every frame on as it comes
]


def security_headers() -> list[tuple[bytes, bytes]]:
    """The security headers Django's middleware gives every other answer (this app bypasses it)."""
    from csp.utils import build_policy

    headers = {
        "x-frame-options": settings.X_FRAME_OPTIONS,
        "referrer-policy": settings.SECURE_REFERRER_POLICY,
        "cross-origin-opener-policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        "content-security-policy": build_policy(),
    }
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers["x-content-type-options"] = "nosniff"
    return [(name.encode(), value.encode()) for name, value in headers.items() if value]


def hsts_header() -> tuple[bytes, bytes] | None:
    """Strict-Transport-Security as Django's SecurityMiddleware writes it (for requests that came as https)."""
    if not settings.SECURE_HSTS_SECONDS:
        return None
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return (b"strict-transport-security", value.encode())


class BadRequest(ValueError):
    pass


def frame(seq: int, event_type: str, text: str) -> bytes:
    """One event as SSE; `text` is the JSON payload (one line: json.dumps never writes newlines)."""
    return f"event: {event_type}\nid: {CHANNEL}:{seq}\ndata: {text}\n\n".encode()


def reset_frame(seq: int) -> bytes:
    data = json.dumps({"channels": [CHANNEL]})
    return f"event: stream-reset\nid: {CHANNEL}:{seq}\ndata: {data}\n\n".encode()


def parse_after(seq: str | None, last_event_id: str | None) -> int | None:
    """The seq a client resumes after: ?seq=, else Last-Event-ID / ?lastEventId= (`race:<seq>`)."""
    if seq is not None:
        if not seq.isdigit():
            raise BadRequest("seq must be a whole number (the seq of your snapshot).")
        return int(seq)
    if last_event_id:
        for part in last_event_id.split(","):
            channel, _, value = part.partition(":")
            if channel == CHANNEL and value.isdigit():
                return int(value)
        raise BadRequest(f"Last-Event-ID must look like {CHANNEL}:<seq>.")
    return None


def too_far_back(after: int | None, newest: int | None) -> bool:
    """Whether a client resuming after `after` is further back than a replay is worth."""
    return after is not None and newest is not None and newest - after > REPLAY_LIMIT


def read_after(after: int | None, limit: int = READ_LIMIT) -> tuple[list[tuple[int, bytes]], int | None]:
    """Stored events after `after`, oldest first, at most `limit`; and the seq to reset to if
    `after` is unknown (trimmed, or ahead of the counter after a reset), else None."""
    try:
        return _read_after(after, limit)
    finally:
        # Reads are rare (a hub starting or filling a gap, a client from further back than the
        # hub remembers) and run in the loop's worker threads: hold no connection between them.
        connection.close()


def _read_after(after: int | None, limit: int) -> tuple[list[tuple[int, bytes]], int | None]:
    if after is None:
        return [], _current_seq()
    rows = list(
        StoredEvent.objects.filter(channel=CHANNEL, eid__gte=after)
        .order_by("eid")
        .values_list("eid", "type", "data")[: limit + 1]
    )
    if not rows or rows[0][0] != after:
        current = _current_seq()
        if after == current:
            return [], None  # nothing stored yet (not even the placeholder event 0)
        return [], current
    # django-eventstream stores the payload's JSON text JSON-encoded once more.
    return [(eid, frame(eid, kind, json.loads(data))) for eid, kind, data in rows[1:]], None


def _current_seq() -> int:
    return EventCounter.objects.filter(name=CHANNEL).values_list("value", flat=True).first() or 0


def _newest() -> tuple[int, list[tuple[int, bytes]]]:
    """The current seq and the newest RECENT stored events as frames."""
    try:
        current = _current_seq()
    finally:
        connection.close()  # as read_after does: no connection stays with the worker thread
    rows, _ = read_after(max(current - RECENT, 0), RECENT) if current else ([], None)
    return current, rows


async def run_in_thread(fn, *args):
    return await asyncio.get_running_loop().run_in_executor(None, fn, *args)


class Hub:
    """This process's memory of the newest events, and the wake-up of the streams waiting on it."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.frames: dict[int, bytes] = {}
        self.oldest = self.newest = None  # the contiguous range held in `frames`
        self.open = 0  # streams accepted and not yet closed (counted before their first byte)
        self.per_address: dict[str, int] = {}  # the same, by client address
        self._waiters: list[asyncio.Future] = []  # streams waiting for the next change
        self._inbox: asyncio.Queue | None = None
        self._tasks: list[asyncio.Task] = []
        self._start_lock: asyncio.Lock | None = None
        self._wake_pending = False
        self.ticks = 0  # keep-alive periods so far
        self._busy = False  # an event came during the current keep-alive period

    # --- feeding the hub -------------------------------------------------------------------

    def publish_threadsafe(self, batch: list[tuple[int, str, str]]) -> None:
        """From any thread: committed events (seq, type, JSON text); a no-op in a process without streams."""
        if self.loop is not None and not self.loop.is_closed():
            items = [(seq, frame(seq, event_type, text)) for seq, event_type, text in batch]
            self.loop.call_soon_threadsafe(self._put_many, items)

    def _put_many(self, items: list) -> None:
        for item in items:
            self._inbox.put_nowait(item)

    def publish(self, seq: int, event_type: str, text: str) -> None:
        """From this hub's event loop (the Redis listener)."""
        if self._inbox is not None:
            self._inbox.put_nowait((seq, frame(seq, event_type, text)))

    def resync(self) -> None:
        """From this hub's event loop: read whatever the database holds beyond the newest known."""
        if self._inbox is not None:
            self._inbox.put_nowait(None)

    async def start(self) -> None:
        if self._tasks:
            return
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
        async with self._start_lock:
            if self._tasks:
                return
            self.loop = asyncio.get_running_loop()
            self._inbox = asyncio.Queue()
            if self.newest is not None:  # preloaded: only what came since needs reading
                self._inbox.put_nowait(None)
            else:
                try:
                    await self._load_newest()
                except Exception:  # the database is away: the pump fills in once it is back
                    log.exception("could not read the newest events; the stream fills in when the database answers")
                    self._inbox.put_nowait(None)
            self._tasks = [asyncio.ensure_future(self._pump()), asyncio.ensure_future(self._tick())]
            if getattr(settings, "EVENTSTREAM_REDIS", None):
                from competition import fanout

                self._tasks.append(asyncio.ensure_future(fanout.listener().run(self)))

    def preload(self) -> None:
        """Read the newest events before the worker serves anybody (it24u/asgi.py): after a restart,
        a thousand screens come back to a hub that has them in memory, instead of their first
        streams waiting for this read while the organiser's first press waits for the same CPU."""
        try:
            self._keep_newest(*_newest())
        except Exception:  # the database is away: the first stream reads them later
            log.warning("could not preload the newest events; the first stream reads them", exc_info=True)

    async def _load_newest(self) -> None:
        self._keep_newest(*await run_in_thread(_newest))

    def _keep_newest(self, current: int, rows: list[tuple[int, bytes]]) -> None:
        if self.newest is None:
            self.frames = dict(rows)
            self.newest = current
            self.oldest = rows[0][0] if rows else current + 1

    async def _pump(self) -> None:
        while True:
            item = await self._inbox.get()
            try:
                if item is None:
                    await self._fill()
                    continue
                seq, data = item
                if self.newest is not None and seq <= self.newest:
                    continue  # already here (read from the database by a fill, or sent twice)
                if self.newest is None or seq == self.newest + 1:
                    self._append([(seq, data)])
                else:
                    await self._fill()  # an earlier event is still on its way: take them in order
            except Exception:
                log.exception("the event stream could not catch up; trying again in a second")
                self.loop.call_later(1, self._inbox.put_nowait, None)

    async def _fill(self) -> None:
        while True:
            if self.newest is None:
                await self._load_newest()
                if self.newest is not None:
                    self._wake()
                return
            rows, reset_to = await run_in_thread(read_after, self.newest)
            if reset_to is not None:  # the database went back (restored or reset): start over
                self.frames, self.newest, self.oldest = {}, None, None
                continue
            self._append(rows)
            if len(rows) < READ_LIMIT:
                return

    def _append(self, rows: list[tuple[int, bytes]]) -> None:
        if not rows:
            return
        for seq, data in rows:
            self.frames[seq] = data
        self.newest = rows[-1][0]
        if self.oldest is None or self.oldest > self.newest:
            self.oldest = rows[0][0]
        while len(self.frames) > RECENT:
            del self.frames[self.oldest]
            self.oldest += 1
        self._busy = True
        self._wake()

    def _wake(self) -> None:
        # Deferred to the end of this turn of the loop: the events of one press (a lap finished,
        # the next started) arrive together and reach each client in one write, not two.
        if not self._wake_pending:
            self._wake_pending = True
            self.loop.call_soon(self._wake_now)

    def _wake_now(self) -> None:
        self._wake_pending = False
        waiters, self._waiters = self._waiters, []
        self._release(waiters, 0)

    def _release(self, waiters: list[asyncio.Future], start: int) -> None:
        # A few dozen streams per turn of the loop: the organiser's answer, waiting in the same
        # loop, goes out between two handfuls instead of after the last of a thousand screens.
        end = start + WAKE_CHUNK
        for waiter in waiters[start:end]:
            if not waiter.done():
                waiter.set_result(None)
        if end < len(waiters):
            self.loop.call_soon(self._release, waiters, end)

    def _next_change(self) -> asyncio.Future:
        waiter = self.loop.create_future()
        self._waiters.append(waiter)
        return waiter

    async def _tick(self) -> None:
        # Only a period without events ends in keep-alives: every stream that is up to date has
        # just had data (so no stream stays silent for two periods), and a busy race never pays
        # for a thousand keep-alive writes that could delay the next press's events.
        while True:
            await asyncio.sleep(KEEPALIVE_SECONDS)
            if self._busy:
                self._busy = False
                continue
            self.ticks += 1
            self._wake()

    # --- serving a stream ------------------------------------------------------------------

    def frames_after(self, after: int) -> list[bytes] | None:
        """The frames after `after` from memory; None when memory does not reach back that far."""
        if self.newest is None or after > self.newest or after < self.oldest - 1:
            return None
        return [self.frames[seq] for seq in range(after + 1, self.newest + 1)]

    async def serve(self, send, after: int | None) -> None:
        """Send the events after `after`, then every new one, until the client goes away."""
        body = b""
        if too_far_back(after, self.newest):
            body += reset_frame(self.newest)
            after = self.newest
        if after is None and self.newest is not None:
            after = self.newest  # from now on, from memory: a screen that opens costs no database read
        if after is None or self.frames_after(after) is None:
            rows, reset_to = await run_in_thread(read_after, after)
            if reset_to is not None:
                if after is not None:
                    body += reset_frame(reset_to)
                after = reset_to
            body += b"".join(data for _, data in rows)
            after = rows[-1][0] if rows else after
        # Until the client has applied everything up to here it is "syncing", not live.
        newest = max(after or 0, self.newest or 0)
        await send({"type": "http.response.body", "body": open_frame(newest) + body, "more_body": True})
        while True:
            # No await between looking and starting to wait: no change can slip in between.
            frames = self.frames_after(after)
            if frames is None:
                # Behind what memory holds (a slow catch-up), or ahead of this worker (it read a
                # newer event from the database than the hub has heard of yet).
                if after > (self.newest or 0):
                    await self._next_change()
                    continue
                rows, reset_to = await run_in_thread(read_after, after)
                if reset_to is not None:
                    await self._send(send, reset_frame(reset_to))
                    after = reset_to
                    continue
                frames = [data for _, data in rows]
                after = rows[-1][0] if rows else after
            elif frames:
                after = self.newest
            if frames:
                await self._send(send, b"".join(frames))
                continue
            tick = self.ticks
            await self._next_change()
            if self.ticks != tick and self.newest == after:
                await self._send(send, KEEPALIVE)

    @staticmethod
    async def _send(send, body: bytes) -> None:
        await send({"type": "http.response.body", "body": body, "more_body": True})


hub = Hub()
SECURITY_HEADERS = security_headers()


def host_allowed(scope, headers: dict) -> bool:
    """The Host header (else the server's own name) is one of ALLOWED_HOSTS, as Django checks for every other URL."""
    from django.http.request import split_domain_port, validate_host

    host = headers.get(b"host", b"").decode("latin-1")
    if not host and scope.get("server"):
        host = str(scope["server"][0])
    domain, _port = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domain) and validate_host(domain, allowed)


async def refuse(send, status: int, detail: str, code: str, retry_after: int | None = None) -> None:
    headers = [(b"content-type", b"application/json"), *SECURITY_HEADERS]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps({"detail": detail, "code": code}).encode()})


def client_address(scope) -> str:
    """The client's address (behind NGINX: the one NGINX saw, passed on by daphne --proxy-headers)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def over_limit(address: str) -> tuple[int, str, str] | None:
    """Why one more stream cannot be opened (status, detail, code), or None."""
    if settings.STREAM_MAX_OPEN and hub.open >= settings.STREAM_MAX_OPEN:
        return 503, "This server holds as many live screens as it can; trying again shortly.", "streams_full"
    limit = settings.STREAM_MAX_PER_ADDRESS
    if limit and hub.per_address.get(address, 0) >= limit:
        return 429, f"At most {limit} live screens per network address; close some first.", "too_many_streams"
    return None


async def asgi_app(scope, receive, send) -> None:
    """GET /api/events/ under Daphne: the stream, without Django's request cycle."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    headers = dict(scope.get("headers", ()))
    if not host_allowed(scope, headers):
        return await refuse(send, 400, "This host name is not served here (DJANGO_ALLOWED_HOSTS).", "invalid_host")
    try:
        last_id = headers.get(b"last-event-id", b"").decode("latin-1") or (query.get("lastEventId") or [None])[-1]
        after = parse_after((query.get("seq") or [None])[-1], last_id)
    except BadRequest as error:
        return await refuse(send, 400, str(error), "invalid")
    address = client_address(scope)
    refused = over_limit(address)
    if refused is not None:
        # Spread the retries: a worker that is full must not be hit by all of them at the same moment.
        return await refuse(send, *refused, retry_after=random.randint(5, 30))
    hub.open += 1
    hub.per_address[address] = hub.per_address.get(address, 0) + 1
    try:
        await _stream(scope, receive, send, after)
    finally:
        hub.open -= 1
        if hub.per_address[address] <= 1:
            del hub.per_address[address]
        else:
            hub.per_address[address] -= 1


async def _stream(scope, receive, send, after: int | None) -> None:
    await hub.start()
    task = asyncio.current_task()
    gone = False

    async def watch():
        nonlocal gone
        while (await receive())["type"] != "http.disconnect":
            pass
        gone = True
        task.cancel()

    watcher = asyncio.ensure_future(watch())
    try:
        response_headers = HEADERS + SECURITY_HEADERS
        hsts = hsts_header()
        if hsts and scope.get("scheme") == "https":
            response_headers = [*response_headers, hsts]
        await send({"type": "http.response.start", "status": 200, "headers": response_headers})
        await hub.serve(send, after)
    except asyncio.CancelledError:
        if not gone:
            raise
        task.uncancel()
    except Exception:
        log.exception("an event stream failed; the client reconnects")
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    finally:
        watcher.cancel()
