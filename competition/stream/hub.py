"""This process's hub: the newest stored events as ready-made SSE frames, and the streams waiting on them.

One hub per process keeps the newest events in sequence order and without gaps, and wakes every
open stream (competition.stream.asgi) when it grows: no thread, no database connection and no
per-client queue while a stream waits, so one worker holds thousands of screens and a press
reaches them all in one pass of the event loop.

The hub learns of new events from this process's delivery thread (competition.stream.delivery),
or from every worker through Redis (competition.stream.fanout); whenever a number is skipped, or
Redis comes back after an outage, it reads the missing ones from the stored events before going
on. A client that resumes from an id older than the hub remembers reads from the database too, in
a worker thread.
"""

import asyncio
import logging

from django.conf import settings
from django.db import connection

from competition.stream import fanout, store
from competition.stream.wire import KEEPALIVE, REPLAY_LIMIT, frame, open_frame, reset_frame, too_far_back

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 15
RECENT = REPLAY_LIMIT  # frames kept in memory: a reconnect within the last ~1,000 events needs no database
WAKE_CHUNK = 50  # streams woken per turn of the event loop


def _newest() -> tuple[int, list[tuple[int, bytes]]]:
    """The current seq and the newest RECENT stored events as frames."""
    try:
        current = store.current_seq()
    finally:
        connection.close()  # as read_after does: no connection stays with the worker thread
    rows, _ = store.read_after(max(current - RECENT, 0), RECENT) if current else ([], None)
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
            rows, reset_to = await run_in_thread(store.read_after, self.newest)
            if reset_to is not None:  # the database went back (restored or reset): start over
                self.frames, self.newest, self.oldest = {}, None, None
                continue
            self._append(rows)
            if len(rows) < store.READ_LIMIT:
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
            rows, reset_to = await run_in_thread(store.read_after, after)
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
                rows, reset_to = await run_in_thread(store.read_after, after)
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


local = Hub()  # this process's hub
