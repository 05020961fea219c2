"""Lanes: Django runs in separate pools of threads by the kind of request, so that no crowd in one
lane can take the threads of another (SPEC section 7: no anonymous traffic may stall the race).

- `commands`: the race's writes (laps, queue, registering and looking up runners): the organiser's
  next lap never waits behind a thousand spectators' reads or a login storm.
- `login`: everything that checks a password (the API and admin logins, HTTP basic): a storm of
  guesses queues up here and nowhere else, and beyond a bounded queue it is refused at once.
- `static`: the static files (the app's build), when the worker serves them (SERVE_STATIC, without
  NGINX): a thousand phones loading the app, or its service worker fetching every file, never
  take the threads that answer the API.
- `default`: every other request (pages, reads, the admin).

The event stream needs no thread at all (competition.stream). Each thread keeps one database
connection, so a worker holds at most REQUEST_THREADS + COMMAND_THREADS + LOGIN_THREADS of them
(the static lane's threads answer before Django's database is touched).
"""

import asyncio
import contextlib
import json
import re
import threading

from django.conf import settings

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
COMMAND_PATHS = re.compile(r"^/api/(laps|queue|runners)/")
LOGIN_PATHS = {"/api/auth/login/", f"/{settings.ADMIN_PATH}login/"}
STATIC_PREFIX = settings.STATIC_URL


def lane_of(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> str:
    """The lane of a request, from its method, path and headers (nothing that costs a query)."""
    if path.startswith(STATIC_PREFIX):
        return "static"
    for name, value in headers:
        if name.lower() == b"authorization" and value[:6].lower() == b"basic ":
            return "login"
    if method == "POST" and path in LOGIN_PATHS:
        return "login"
    if method in UNSAFE and COMMAND_PATHS.match(path):
        return "commands"
    return "default"


class Lane:
    """An ASGI app in front of one pool of threads.

    With `max_waiting`, requests beyond the pool's threads plus that many waiting get a 503 instead
    of an ever longer wait. With `slow_refusals`, every refusal (a 429 or a 503, ours or the app's)
    goes out only after that many seconds: a guessing loop that waits for its answers then makes one
    attempt a second per connection instead of hundreds, and the wait costs the server a timer, not
    a thread (the thread that answered is free at once).
    """

    def __init__(
        self,
        app,
        *,
        name: str,
        threads: int,
        max_waiting: int | None = None,
        busy: str = "",
        slow_refusals: float = 0,
    ):
        self.app = app
        self.name = name
        self.busy = busy or "The server is busy: try again in a few seconds."
        self.capacity = None if max_waiting is None else threads + max_waiting
        self.slow_refusals = slow_refusals
        self.active = 0

    async def __call__(self, scope, receive, send):
        if self.slow_refusals:
            send = self._slowing(send)
        if self.capacity is not None and self.active >= self.capacity:
            return await self._busy(send)
        self.active += 1
        try:
            return await self.app(scope, receive, send)
        finally:
            self.active -= 1

    def _slowing(self, send):
        async def slow_send(message):
            if message["type"] == "http.response.start" and message["status"] in (429, 503):
                await asyncio.sleep(self.slow_refusals)
            await send(message)

        return slow_send

    async def _busy(self, send) -> None:
        body = json.dumps({"detail": self.busy, "code": "busy"}).encode()
        headers = [(b"content-type", b"application/json"), (b"retry-after", b"2")]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def open_connections(lane: "Lane", threads: int) -> None:
    """Start a lane's threads and open their database connections before the first request, so that
    the first press after a restart pays neither (the connections are kept, SQL_CONN_MAX_AGE)."""
    from django.db import connection

    ready = threading.Barrier(threads, timeout=10)

    def connect() -> None:
        with contextlib.suppress(Exception):  # no database yet: the first request connects
            connection.ensure_connection()
        with contextlib.suppress(threading.BrokenBarrierError):
            ready.wait()  # every thread holds one task at once: the pool starts them all

    for task in [lane.app.executor.submit(connect) for _ in range(threads)]:
        task.result(timeout=15)
