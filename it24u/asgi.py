"""ASGI entry point for Daphne.

GET /api/events/ goes straight to the event stream (competition.stream): a stream stays open for
hours, and Django's request cycle would hold a thread and a request's worth of objects for each.
Everything else is Django.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "it24u.settings")

django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after setup)

from competition import stream  # noqa: E402

EVENTS_PATH = "/api/events/"


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"] == EVENTS_PATH and scope["method"] == "GET":
        return await stream.asgi_app(scope, receive, send)
    return await django_application(scope, receive, send)


if settings.SERVE_STATIC:
    from it24u.spa import StaticFilesHandler

    application = StaticFilesHandler(application)
