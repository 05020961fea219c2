"""The spectators of `competition_simulate`: anonymous streams that check they miss no event.

They run on their own thread and event loop, so that parsing the fan-out of hundreds of streams
does not delay the organiser's presses (and their measured latency).
"""

import asyncio
import threading
import time
from dataclasses import dataclass, field

import httpx

REQUEST_TIMEOUT = 10.0
CONNECT_TIMEOUT = 60.0  # for all spectators to open their streams
DRAIN_TIMEOUT = 15.0  # for the spectators to receive the last event after the drivers stopped


@dataclass
class Spectator:
    start: int | None = None  # the seq of its snapshot: it must receive every event after it
    last: int | None = None
    received: int = 0
    gaps: list[tuple[int, int]] = field(default_factory=list)  # (last seen, next seen)
    out_of_order: int = 0
    error: str | None = None
    opened: bool = False


async def _frames(lines):
    """(event type, id) of each frame of a text/event-stream; the data is not needed to count."""
    event_type, event_id, has_data = "", None, False
    async for line in lines:
        if line == "":
            if has_data:
                yield event_type or "message", event_id
            event_type, event_id, has_data = "", None, False
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                event_type = value
            elif name == "id":
                event_id = value
            elif name == "data":
                has_data = True


class Crowd:
    """N anonymous spectators on their own thread and event loop."""

    def __init__(self, url: str, count: int):
        self.url, self.count = url, count
        self.spectators = [Spectator() for _ in range(count)]
        self.ready = threading.Event()  # every stream opened (or failed)
        self.target: int | None = None  # set by the drivers when they stopped: the last seq to wait for
        self.drain = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._main()), name="spectators", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def finish(self, target: int) -> None:
        self.target = target
        self.drain.set()
        self.thread.join(CONNECT_TIMEOUT + DRAIN_TIMEOUT)

    async def _watch(self, client: httpx.AsyncClient, me: Spectator, gate: asyncio.Semaphore, opened) -> None:
        response = None
        try:
            async with gate:  # open at most a few dozen at once, as a crowd arriving
                snapshot = await client.get("/api/laps/current/")
                snapshot.raise_for_status()
                me.start = me.last = snapshot.json()["seq"]
                request = client.build_request(
                    "GET", "/api/events/", params={"seq": str(me.start)}, headers={"Accept": "text/event-stream"}
                )
                response = await client.send(request, stream=True)
            if response.status_code != 200:
                me.error = f"GET /api/events/ -> {response.status_code}"
                return
            async for event_type, event_id in _frames(response.aiter_lines()):
                if event_type == "stream-open":
                    me.opened = True
                    opened()
                number = _race_number(event_id)
                if number is None:
                    continue  # keep-alives and other housekeeping
                me.received += 1
                if number <= me.last:
                    me.out_of_order += 1
                    continue
                if number != me.last + 1:
                    me.gaps.append((me.last, number))
                me.last = number
            me.error = "the server ended the stream"
        except asyncio.CancelledError:
            raise
        except Exception as error:
            me.error = repr(error)
        finally:
            if not me.opened:
                opened()  # a failed spectator must not hold up the start
            if response is not None:
                await response.aclose()

    async def _main(self) -> None:
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=50)
        # No read timeout: an idle stream may wait long for an event (keep-alives come every 20 s).
        timeout = httpx.Timeout(REQUEST_TIMEOUT, read=None)
        pending = [self.count]

        def opened() -> None:
            pending[0] -= 1
            if pending[0] <= 0:
                self.ready.set()

        if not self.count:
            self.ready.set()
        async with httpx.AsyncClient(base_url=self.url, limits=limits, timeout=timeout) as client:
            gate = asyncio.Semaphore(50)
            tasks = [asyncio.create_task(self._watch(client, me, gate, opened)) for me in self.spectators]
            while not self.drain.is_set():
                await asyncio.sleep(0.05)
            deadline = time.monotonic() + DRAIN_TIMEOUT
            while time.monotonic() < deadline and not all(self._done(me) for me in self.spectators):
                await asyncio.sleep(0.05)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def _done(self, me: Spectator) -> bool:
        return me.error is not None or (me.last is not None and me.last >= self.target)


def _race_number(event_id: str | None) -> int | None:
    if event_id and event_id.startswith("race:") and event_id[5:].isdigit():
        return int(event_id[5:])
    return None


# --- the drivers --------------------------------------------------------------------------------
