"""Reads of the stored events: django-eventstream's Event table and counter, written by competition.events.

The stored events are the truth; a hub's memory and Redis only say sooner what is in them.
"""

import json

from django.db import connection
from django_eventstream.models import Event as StoredEvent
from django_eventstream.models import EventCounter

from competition.stream.wire import CHANNEL, frame

READ_LIMIT = 200  # events per database read when a client catches up from further back


def current_seq() -> int:
    """The sequence number of the newest committed event (0 before the first)."""
    return EventCounter.objects.filter(name=CHANNEL).values_list("value", flat=True).first() or 0


def read_after(after: int | None, limit: int = READ_LIMIT) -> tuple[list[tuple[int, bytes]], int | None]:
    """Stored events after `after`, oldest first, at most `limit`; and the seq to reset to if
    `after` is unknown (trimmed, or ahead of the counter after a reset), else None."""
    try:
        return _read_after(after, limit)
    finally:
        # Reads are rare (a hub starting or filling a gap, a client from further back than the
        # hub remembers) and run in the loop's worker threads: hold no connection between them.
        connection.close()


def _read_after(after: int | None, limit: int) -> tuple[list[tuple[int, bytes]], int | None]:
    if after is None:
        return [], current_seq()
    rows = list(
        StoredEvent.objects.filter(channel=CHANNEL, eid__gte=after)
        .order_by("eid")
        .values_list("eid", "type", "data")[: limit + 1]
    )
    if not rows or rows[0][0] != after:
        current = current_seq()
        if after == current:
            return [], None  # nothing stored yet (not even the placeholder event 0)
        return [], current
    # django-eventstream stores the payload's JSON text JSON-encoded once more.
    return [(eid, frame(eid, kind, json.loads(data))) for eid, kind, data in rows[1:]], None
