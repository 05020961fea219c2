"""Delivery of stored events to this worker's SSE clients when events cross workers through Redis.

django-eventstream's own Redis listener stops for good once Redis has been away for a few
seconds, and hands messages to clients in arrival order. This one (installed by apps.py when
REDIS_URL is set) reconnects with backoff, and keeps each worker's stream in sequence order:
a message that skips a number, or the reconnect after an outage, makes every client re-read
from the stored events (the library's "overflow" path), and a number already passed is
dropped. Stored events are the truth; Redis only says "there is something new".
"""

import asyncio
import json
import logging

from django.conf import settings
from django_eventstream.event import Event as StreamEvent

log = logging.getLogger(__name__)

PUBSUB_CHANNEL = "events_channel"  # fixed by django-eventstream: one Redis per deployment
MAX_BACKOFF = 2.0


class ResilientRedisListener:
    def __init__(self):
        self.connected = False
        self.started = False
        self.last_seq: int | None = None
        self.task: asyncio.Task | None = None
        self.client = None

    async def start(self) -> None:
        from redis.asyncio import Redis

        self.started = True
        # The library starts this task without keeping it; a task that only waits on its own
        # connection is garbage to the collector. Holding it (and the client) keeps it alive.
        self.task = asyncio.current_task()
        delay = 0.1
        while True:
            self.client = client = Redis(**settings.EVENTSTREAM_REDIS)
            try:
                pubsub = client.pubsub()
                await pubsub.subscribe(PUBSUB_CHANNEL)
                self.connected = True
                delay = 0.1
                # Whatever was published while we were away is in the database: catch up from it.
                resync_all_clients()
                async for message in pubsub.listen():
                    if message["type"] == "message":
                        self.handle(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis away: keep trying, clients catch up on return
                if self.connected:
                    log.warning("lost the Redis event subscription (%s); reconnecting", error)
            finally:
                self.connected = False
                await client.aclose()
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)

    def handle(self, raw: bytes | str) -> None:
        from django_eventstream.views import get_listener_manager

        message = json.loads(raw)
        seq = int(message["pub_id"])
        if self.last_seq is not None and seq <= self.last_seq:
            return  # already delivered, or fetched from the database by a resync
        in_order = self.last_seq is None or seq == self.last_seq + 1
        self.last_seq = seq
        if not in_order:
            resync_all_clients()  # an earlier event is still on its way: read them in order instead
            return
        event = StreamEvent(message["channel"], message["event_type"], message["data"], id=seq)
        get_listener_manager().add_to_queues(message["channel"], event)


def resync_all_clients() -> None:
    """Make every stream on this worker re-read the stored events after its last id."""
    from django_eventstream.views import get_listener_manager

    manager = get_listener_manager()
    with manager.lock:
        listeners = {listener for group in manager.listeners_by_channel.values() for listener in group}
        for listener in listeners:
            listener.overflow = True
            listener.wake_threadsafe()


def install() -> None:
    from django_eventstream.views import get_listener_manager

    manager = get_listener_manager()
    if manager.redis_listener is not None and not isinstance(manager.redis_listener, ResilientRedisListener):
        manager.redis_listener = ResilientRedisListener()


def healthy() -> bool:
    """False while a started subscription is down (clients of this worker get no live events)."""
    from django_eventstream.views import get_listener_manager

    listener = get_listener_manager().redis_listener
    return not isinstance(listener, ResilientRedisListener) or not listener.started or listener.connected


def release_connection_after_reads() -> None:
    """Let each open stream give its database connection back between reads.

    django-eventstream reads stored events in a thread of the stream's own request, and Django
    keeps that thread's connection until the request ends: for a stream, when the spectator
    leaves. A few dozen phones would hold every PostgreSQL connection. Closing after each read
    costs a reconnect per catch-up read, which only happens on connect and after a gap.
    """
    from django.db import close_old_connections, connections
    from django_eventstream import eventstream

    original = eventstream.get_events
    if getattr(original, "releases_connection", False):
        return

    def get_events(*args, **kwargs):
        try:
            return original(*args, **kwargs)
        finally:
            close_old_connections()
            for connection in connections.all(initialized_only=True):
                if not connection.in_atomic_block:
                    connection.close()

    get_events.releases_connection = True
    eventstream.get_events = get_events
