"""ASGI entry point for Daphne.

GET /api/events/ goes straight to the event stream (competition.stream.asgi): a stream stays open for
hours, and Django's request cycle would hold a thread and a request's worth of objects for each.
Everything else is Django, run as WSGI in pools of threads, one per lane (it24u/lanes.py).
"""

import os
import sys

from a2wsgi import WSGIMiddleware
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "it24u.settings")

wsgi_application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (after setup)

# Django's own ASGI handler runs each middleware of a sync view in a thread of its own and opens a
# database connection per request: ~5 ms of a 2 ms request. The same Django as WSGI in a fixed pool
# of threads, each with its persistent connection, answers the same pages 2-3 times faster
# (docs/benchmarks.md). Nothing in the app is async except the event stream, which is served below.
from it24u.lanes import Lane, lane_of, open_connections  # noqa: E402

LANES = {
    "default": Lane(
        WSGIMiddleware(wsgi_application, workers=settings.REQUEST_THREADS),
        name="default",
        threads=settings.REQUEST_THREADS,
    ),
    "commands": Lane(
        WSGIMiddleware(wsgi_application, workers=settings.COMMAND_THREADS),
        name="commands",
        threads=settings.COMMAND_THREADS,
    ),
    "login": Lane(
        WSGIMiddleware(wsgi_application, workers=settings.LOGIN_THREADS),
        name="login",
        threads=settings.LOGIN_THREADS,
        max_waiting=4 * settings.LOGIN_THREADS,
        busy="The server is busy checking other logins: try again in a few seconds.",
        slow_refusals=1.0,
    ),
    # Static files (WhiteNoise answers them first thing in Django's middleware, it24u/settings.py).
    "static": Lane(
        WSGIMiddleware(wsgi_application, workers=settings.STATIC_THREADS),
        name="static",
        threads=settings.STATIC_THREADS,
    ),
}

from competition import selectors, stream  # noqa: E402
from it24u import direct_writes  # noqa: E402

# Under Daphne (Twisted), a write goes out at once instead of on the loop's next turn (unless
# DIRECT_WRITES=0, or on a Twisted it was not written for: then it warns and changes nothing).
direct_writes.install()
# Before the first request (Daphne listens only once this module is loaded): the event stream's
# memory of the newest events, the statistics snapshot, and the command lane's threads with their
# database connections, so that after a restart the thousand screens that come back, and the
# organiser's first press, find them ready instead of setting them up at the same moment.
stream.hub.local.preload()
selectors.warm_up()
open_connections(LANES["commands"], settings.COMMAND_THREADS)

# A request thread that comes back from the database waits for the interpreter lock until the
# thread holding it lets go, by default after 5 ms; a press makes ~20 round trips. With the event
# loop busy (a thousand screens reconnecting), that was up to 100-300 ms per press; 0.5 ms keeps
# the organiser's press quick at a small cost in throughput for the busy thread.
sys.setswitchinterval(0.0005)

EVENTS_PATH = "/api/events/"


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"] == EVENTS_PATH and scope["method"] == "GET":
        return await stream.asgi_app(scope, receive, send)
    if scope["type"] != "http":
        return await LANES["default"](scope, receive, send)
    lane = LANES[lane_of(scope["method"], scope["path"], scope.get("headers", []))]
    return await lane(scope, receive, send)
