"""GET /api/events/ under Daphne: the stream as a bare ASGI coroutine, without Django's request cycle.

it24u/asgi.py routes the URL here before Django: a stream stays open for hours, and Django would
hold a thread and a request's worth of objects for each. What Django would check and add is done
here too: the Host header, the security headers, and the limits on open streams.
"""

import asyncio
import json
import logging
import random
from urllib.parse import parse_qs

from django.conf import settings

from competition.stream import hub
from competition.stream.wire import BadRequest, parse_after

log = logging.getLogger(__name__)

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
    if settings.STREAM_MAX_OPEN and hub.local.open >= settings.STREAM_MAX_OPEN:
        return 503, "This server holds as many live screens as it can; trying again shortly.", "streams_full"
    limit = settings.STREAM_MAX_PER_ADDRESS
    if limit and hub.local.per_address.get(address, 0) >= limit:
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
    hub.local.open += 1
    hub.local.per_address[address] = hub.local.per_address.get(address, 0) + 1
    try:
        await _stream(scope, receive, send, after)
    finally:
        hub.local.open -= 1
        if hub.local.per_address[address] <= 1:
            del hub.local.per_address[address]
        else:
            hub.local.per_address[address] -= 1


async def _stream(scope, receive, send, after: int | None) -> None:
    await hub.local.start()
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
        await hub.local.serve(send, after)
    except asyncio.CancelledError:
        if not gone:
            raise
        task.uncancel()
    except Exception:
        log.exception("an event stream failed; the client reconnects")
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    finally:
        watcher.cancel()
