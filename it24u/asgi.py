"""ASGI entry point for Daphne."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "it24u.settings")

application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after setup)

if settings.SERVE_STATIC:
    from it24u.spa import StaticFilesHandler

    application = StaticFilesHandler(application)
