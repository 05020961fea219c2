"""The files a browser or a crawler asks for at the root of the site: /sw.js and /robots.txt.

The service worker is built with the app (frontend/pwa.config.ts) under /static/app/, but a
worker controls only the pages under its own URL: served from the root, it controls every route
of the app. Never cached, so that a new build is found at the next visit.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from it24u import spa

# The public pages may be indexed; the API and the organisers' pages not. The admin only at its
# default path: a path of one's own (ADMIN_PATH) is there to be hard to find, so it is not listed.
PUBLIC = ["/$", "/fullscreen", "/queue"]
PRIVATE = ["/api/", "/control", "/query", "/queue-up", "/shifts", "/rewards", "/results", "/login"]


@cache
def _read(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


@require_safe
def service_worker(request):
    path = spa.dist_dir() / "sw.js"
    if not path.is_file():
        raise Http404("The app is built without its service worker.")
    response = HttpResponse(_read(path, path.stat().st_mtime), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def robots_txt(request):
    private = PRIVATE + ["/admin/"] if settings.ADMIN_PATH == "admin/" else PRIVATE
    # Disallow first: a crawler that takes the first rule that matches (not the longest) still keeps
    # out of /queue-up, which /queue would allow.
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in private), *(f"Allow: {p}" for p in PUBLIC)]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
