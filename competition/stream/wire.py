"""The wire format of GET /api/events/, kept from django-eventstream (the clients were written against it).

A padding comment and `event: stream-open` first (its data: the newest seq at that moment), then
`event: <type>` / `id: race:<seq>` / `data: <json>`, `event: keep-alive` after a quiet period, and
`event: stream-reset` when the requested id is gone (older than the retention, or from before a
reset of the database) or further back than a replay is worth.
"""

import json

from django.conf import settings

CHANNEL = settings.EVENTS_CHANNEL

# A client that resumes from further back than this many events gets a reset (it reloads its
# snapshot, a few kilobytes) instead of a replay of the whole history (a megabyte at seq 0).
# As many as a hub keeps in memory (hub.RECENT).
REPLAY_LIMIT = 1000

# The padding pushes past proxies and browsers that hold back a response's first bytes.
PADDING = b":" + b" " * 2048 + b"\n\n"
KEEPALIVE = b"event: keep-alive\ndata:\n\n"


class BadRequest(ValueError):
    pass


def open_frame(newest: int) -> bytes:
    """The first event: the seq a client has caught up with once it has applied this stream's backlog."""
    return PADDING + f'event: stream-open\ndata: {{"newest": {newest}}}\n\n'.encode()


def frame(seq: int, event_type: str, text: str) -> bytes:
    """One event as SSE; `text` is the JSON payload (one line: json.dumps never writes newlines)."""
    return f"event: {event_type}\nid: {CHANNEL}:{seq}\ndata: {text}\n\n".encode()


def reset_frame(seq: int) -> bytes:
    data = json.dumps({"channels": [CHANNEL]})
    return f"event: stream-reset\nid: {CHANNEL}:{seq}\ndata: {data}\n\n".encode()


def parse_after(seq: str | None, last_event_id: str | None) -> int | None:
    """The seq a client resumes after: ?seq=, else Last-Event-ID / ?lastEventId= (`race:<seq>`)."""
    if seq is not None:
        if not seq.isdigit():
            raise BadRequest("seq must be a whole number (the seq of your snapshot).")
        return int(seq)
    if last_event_id:
        for part in last_event_id.split(","):
            channel, _, value = part.partition(":")
            if channel == CHANNEL and value.isdigit():
                return int(value)
        raise BadRequest(f"Last-Event-ID must look like {CHANNEL}:<seq>.")
    return None


def too_far_back(after: int | None, newest: int | None) -> bool:
    """Whether a client resuming after `after` is further back than a replay is worth."""
    return after is not None and newest is not None and newest - after > REPLAY_LIMIT
