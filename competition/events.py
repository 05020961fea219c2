"""The only place that publishes live events (SPEC section 8).

An event is stored in the same transaction as the change it describes, under a lock on the
channel's counter, so its sequence number is gap-free and follows commit order; it is handed
to the connected clients only after that transaction commits. Storage and delivery use
django-eventstream's Event table, which answers Last-Event-ID replays (also after a restart);
competition.stream hands them to this process's clients, and through Redis to every worker's.
"""

import functools
import hashlib
import json
import logging
import queue
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_eventstream.models import Event as StoredEvent
from django_eventstream.models import EventCounter

log = logging.getLogger(__name__)

CHANNEL = settings.EVENTS_CHANNEL
# Which database the events come from: a worker ignores Redis messages of another deployment (or
# of a test run) that shares its Redis, whose numbers would otherwise pass for its own.
_db = settings.DATABASES["default"]
SOURCE = hashlib.sha256(f"{_db.get('HOST')}:{_db.get('PORT')}/{_db['NAME']}".encode()).hexdigest()[:16]
TRIM_EVERY_SECONDS = 600
_last_trim: float | None = None  # monotonic time of the last trim (None: not yet)


def current_seq() -> int:
    """The sequence number of the newest committed event (0 before the first)."""
    value = EventCounter.objects.filter(name=CHANNEL).values_list("value", flat=True).first()
    return value or 0


def ensure_channel() -> None:
    """Create the counter and the placeholder event 0, so that a client can resume from 0."""
    with transaction.atomic():
        _, created = EventCounter.objects.get_or_create(name=CHANNEL)
        if created:
            # bulk_create skips the library's save(), which would number an eid of 0 itself.
            StoredEvent.objects.bulk_create([StoredEvent(channel=CHANNEL, type="", data="", eid=0)])


def emit(event_type: str, payload: dict) -> int:
    """Store an event in the current transaction, publish it after commit, return its seq."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError("emit() must run inside transaction.atomic(): events follow their change")
    # The UPDATE takes the counter's row lock until commit: concurrent writers get consecutive
    # numbers in the order they commit, and a rollback gives its number back.
    seq = _next_seq(conn)
    if seq is None:
        ensure_channel()
        seq = _next_seq(conn)
    text = json.dumps({"type": event_type, "seq": seq, **payload}, cls=DjangoJSONEncoder)
    # django-eventstream stores the JSON text JSON-encoded once more; keep its format for replay.
    StoredEvent.objects.create(channel=CHANNEL, type=event_type, data=json.dumps(text), eid=seq)
    transaction.on_commit(lambda: _schedule(event_type, text, seq))
    return seq


def _next_seq(conn) -> int | None:
    """Count the channel's counter up and read it, in one statement (PostgreSQL and SQLite 3.35+)."""
    q = conn.ops.quote_name
    with conn.cursor() as cursor:
        cursor.execute(
            f"UPDATE {q(EventCounter._meta.db_table)} SET {q('value')} = {q('value')} + 1, {q('updated')} = %s "
            f"WHERE {q('name')} = %s RETURNING {q('value')}",
            [conn.ops.adapt_datetimefield_value(timezone.now()), CHANNEL],
        )
        row = cursor.fetchone()
    return row[0] if row else None


# Delivery to thousands of connected screens must not slow the organiser's request down: at
# commit the event is handed to one delivery thread per process, which keeps the commit order.
_delivery: queue.SimpleQueue = queue.SimpleQueue()
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()
# The delivery of a request's events waits until its answer is on its way (at most HOLD_SECONDS):
# fanning out meanwhile would hold the GIL and the event loop that the answer needs.
HOLD_SECONDS = 0.05
_request = threading.local()


@receiver(request_started, dispatch_uid="competition.events.request_started")
def _request_started(**kwargs) -> None:
    _request.answered = threading.Event()


@receiver(request_finished, dispatch_uid="competition.events.request_finished")
def _request_finished(**kwargs) -> None:
    answered = getattr(_request, "answered", None)
    if answered is not None:
        answered.set()
        _request.answered = None


def _schedule(event_type: str, text: str, seq: int) -> None:
    global _worker
    if _worker is None or not _worker.is_alive():
        with _worker_lock:
            if _worker is None or not _worker.is_alive():
                _worker = threading.Thread(target=_deliver_forever, name="event-delivery", daemon=True)
                _worker.start()
    _delivery.put((seq, event_type, text, getattr(_request, "answered", None)))
    _trim_old_events()


def _deliver_forever() -> None:
    while True:
        # The events of one change (a press finishes a lap and starts the next) are taken together.
        batch = [_delivery.get()]
        while True:
            try:
                batch.append(_delivery.get_nowait())
            except queue.Empty:
                break
        for answered in {item[3] for item in batch if item[3] is not None}:
            answered.wait(HOLD_SECONDS)
        batch = [item[:3] for item in batch]
        try:
            _deliver(batch)
        except Exception:  # one bad delivery must not stop the ones after it; clients replay gaps
            log.exception("delivering events %s failed", [seq for seq, _, _ in batch])


@functools.cache
def redis_client():
    """The client that publishes events (and answers /healthz): with Redis away it fails at once.

    redis-py's default client retries a refused connection for 4-7 s (jittered backoff); meanwhile
    this worker's own screens waited for events it could have handed them locally.
    """
    if not settings.REDIS_URL:
        return None
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis.from_url(
        settings.REDIS_URL, retry=Retry(NoBackoff(), 0), socket_connect_timeout=1, socket_timeout=2
    )


def _deliver(batch: list[tuple[int, str, str]]) -> None:
    from competition.stream import hub

    client = redis_client()
    if client is not None:
        pipe = client.pipeline(transaction=False)
        for seq, event_type, text in batch:
            message = {"channel": CHANNEL, "event_type": event_type, "data": text, "pub_id": str(seq), "source": SOURCE}
            pipe.publish("events_channel", json.dumps(message))
        try:
            pipe.execute()
        except Exception:  # Redis down: the change is committed; reach this worker's clients at least
            log.exception("publishing events through Redis failed; delivering locally")
        else:
            return
    hub.publish_threadsafe(batch)


def _trim_old_events() -> None:
    """Drop stored events older than the retention (at least the length of the event)."""
    global _last_trim
    now = time.monotonic()
    if _last_trim is not None and now - _last_trim < TRIM_EVERY_SECONDS:
        return
    _last_trim = now
    cutoff = timezone.now() - timedelta(hours=settings.EVENTS_RETENTION_HOURS)
    StoredEvent.objects.filter(channel=CHANNEL, created__lt=cutoff).delete()
