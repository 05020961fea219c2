"""The built single-page app, served by Django on the same origin as the API.

Vite builds frontend/ into frontend/dist with its assets under /static/app/assets/ (hashed
names: cached for a year, by NGINX or, without it, by WhiteNoise: it24u/settings.py). Every other
path that is not the API, the admin or a static file is a route of the app, so it gets index.html
(never cached, so a new build is picked up at once).
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse


def dist_dir() -> Path:
    return Path(settings.FRONTEND_DIST)


@cache
def _index_html(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


def index(request, route: str = ""):
    path = dist_dir() / "index.html"
    if not path.exists():
        return HttpResponse(
            "The app is not built yet: run `make run` (it builds it) or `cd frontend && npm run build`.\n"
            "The API is at /api/ and the admin at /admin/.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(_index_html(path, path.stat().st_mtime), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
