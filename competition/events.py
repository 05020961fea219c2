"""The only place that publishes live events (SPEC section 8).

An event is stored in the same transaction as the change it describes, under a lock on the
channel's counter, so its sequence number is gap-free and follows commit order; once that
transaction commits it is handed to competition.stream, which delivers it to this process's
clients and, through Redis, to every worker's. Storage uses django-eventstream's Event table,
which answers Last-Event-ID replays (also after a restart).

Services call emit() with an EventType and the fields of its payload builder
(competition.event_payloads), and current_seq(), here; the stream package never calls back.
"""

import json
import time
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_eventstream.models import Event as StoredEvent
from django_eventstream.models import EventCounter

from competition import stream
from competition.event_payloads import EventType, build
from competition.stream import current_seq

__all__ = ["CHANNEL", "EventType", "current_seq", "emit", "ensure_channel"]

CHANNEL = settings.EVENTS_CHANNEL
TRIM_EVERY_SECONDS = 600
_last_trim: float | None = None  # monotonic time of the last trim (None: not yet)


def ensure_channel() -> None:
    """Create the counter and the placeholder event 0, so that a client can resume from 0."""
    with transaction.atomic():
        _, created = EventCounter.objects.get_or_create(name=CHANNEL)
        if created:
            # bulk_create skips the library's save(), which would number an eid of 0 itself.
            StoredEvent.objects.bulk_create([StoredEvent(channel=CHANNEL, type="", data="", eid=0)])


def emit(event_type: EventType, **fields) -> int:
    """Store an event in the current transaction, publish it after commit, return its seq.

    The payload is made by the type's one builder (competition.event_payloads) from `fields`.
    """
    event_type = EventType(event_type)
    payload = build(event_type, **fields)
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
    transaction.on_commit(lambda: _committed(event_type, text, seq))
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


def _committed(event_type: str, text: str, seq: int) -> None:
    """After the commit: hand the event to the stream (it returns at once), and now and then trim."""
    stream.deliver(event_type, text, seq)
    _trim_old_events()


def _trim_old_events() -> None:
    """Drop stored events older than the retention (at least the length of the event)."""
    global _last_trim
    now = time.monotonic()
    if _last_trim is not None and now - _last_trim < TRIM_EVERY_SECONDS:
        return
    _last_trim = now
    cutoff = timezone.now() - timedelta(hours=settings.EVENTS_RETENTION_HOURS)
    StoredEvent.objects.filter(channel=CHANNEL, created__lt=cutoff).delete()
