"""Password guessing costs the guesser, not the race (SPEC section 7).

A password check is a deliberately slow hash (~0.3 s of a core). Unguarded, sixteen loops posting
random usernames kept every request thread hashing and stalled the statistics and next lap. So,
for every door that checks a password (the API login, HTTP basic, the admin's login form):

1. Before anything else: an address or a username with too many failed logins in the current
   window (a minute) gets a cheap 429 with Retry-After: no hash, no query.
2. django-axes then refuses a username/address pair that has failed too often (a lockout).
3. The hash itself runs only while holding one of a few slots per process; a request that cannot
   get one within a moment gets a 503 with Retry-After instead of queueing up.

The client's address is REMOTE_ADDR: behind NGINX, Daphne sets it from the X-Forwarded-For that
NGINX overwrites with the address it saw, so no client can choose it (nginx/nginx.conf).
"""

import hashlib
import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

from competition.errors import DomainError
from competition.stream.fanout import SOURCE

log = logging.getLogger(__name__)


def client_address(request) -> str | None:
    """The client's address as the server saw it (also what django-axes counts; None when there is none)."""
    return (getattr(request, "META", None) or {}).get("REMOTE_ADDR") or None


class LoginThrottled(DomainError):
    status = 429
    code = "login_throttled"


class LoginBusy(DomainError):
    status = 503
    code = "login_busy"


def _keys(request, username: str) -> list[tuple[str, str, int]]:
    """The counters of an attempt: (cache key, what it counts, its limit), for the current window."""
    slot = int(time.time() // settings.LOGIN_RATE_WINDOW_SECONDS)
    checks = (
        ("address", client_address(request) or "unknown", settings.LOGIN_RATE_PER_ADDRESS, "this network address"),
        ("username", username.strip().lower(), settings.LOGIN_RATE_PER_USERNAME, "this username"),
    )
    keys = []
    for scope, value, limit, what in checks:
        if limit:
            digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]
            # SOURCE: deployments (and test servers) that share a Redis count apart.
            keys.append((f"login:{SOURCE}:{scope}:{digest}:{slot}", what, limit))
    return keys


def _seconds_left() -> int:
    window = settings.LOGIN_RATE_WINDOW_SECONDS
    return max(1, int(window - time.time() % window + 0.999))


def admit(request, username: str) -> None:
    """Refuse (LoginThrottled) an attempt whose address or username failed too often in this window."""
    keys = _keys(request, username)
    if not keys:
        return
    try:
        counts = cache.get_many([key for key, _, _ in keys])
    except Exception:  # the cache (Redis) is away: the lockout and the hashing slots still hold
        log.warning("login failures cannot be read (cache unavailable)", exc_info=True)
        return
    for key, what, limit in keys:
        if counts.get(key, 0) >= limit:
            left = _seconds_left()
            raise LoginThrottled(
                f"Too many failed logins from {what}: wait {left} seconds and try again.", retry_after=left
            )


@receiver(user_login_failed, dispatch_uid="competition.login_guard.failed")
def _count_failure(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username")
    if request is None or username is None:
        return
    for key, _, _ in _keys(request, str(username)):
        try:
            cache.add(key, 0, timeout=settings.LOGIN_RATE_WINDOW_SECONDS + 5)
            cache.incr(key)
        except Exception:
            log.warning("a login failure cannot be counted (cache unavailable)", exc_info=True)
            return


_slots = threading.BoundedSemaphore(settings.LOGIN_CONCURRENT_HASHES)


@contextmanager
def hashing_slot():
    """Hold one of the process's password-hashing slots, or refuse with 503 (LoginBusy)."""
    if not _slots.acquire(timeout=settings.LOGIN_HASH_WAIT_SECONDS):
        raise LoginBusy("The server is busy checking other logins: try again in a few seconds.", retry_after=2)
    try:
        yield
    finally:
        _slots.release()


class LoginRateBackend(BaseBackend):
    """First of the authentication backends: refuses an attempt over the limit before any other work.

    It never logs anyone in (returns None), so the lockout check and the password check come next.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and username is not None and password is not None:
            admit(request, str(username))
        return None

    def get_user(self, user_id):
        # A session names the first backend when it was made without a password (force_login).
        return ModelBackend().get_user(user_id)


class GuardedModelBackend(ModelBackend):
    """Django's password check, run while holding a hashing slot (unknown usernames hash too)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is None:
            return None
        with hashing_slot():
            return super().authenticate(request, username=username, password=password, **kwargs)
