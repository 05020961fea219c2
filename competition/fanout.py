"""Events across workers: every worker's hub hears of every committed event through Redis.

The worker that commits an event publishes it on Redis (competition.events); this listener, one
per worker and started by the stream hub with the first stream, hands each message to the hub.
It reconnects with backoff when Redis goes away, and on every (re)subscription asks the hub to
read what it missed from the stored events. The hub keeps the sequence order itself (a skipped
number makes it read the stored events), so Redis only has to say "there is something new".
The message format is django-eventstream's, on its channel name, plus the `source` database: a
worker ignores the messages of another deployment that shares its Redis.
"""

import asyncio
import json
import logging

from django.conf import settings

from competition.events import SOURCE

log = logging.getLogger(__name__)

PUBSUB_CHANNEL = "events_channel"
MAX_BACKOFF = 2.0
POLL_SECONDS = 0.5


class RedisListener:
    def __init__(self):
        self.started = False
        self.connected = False

    async def run(self, hub) -> None:
        from redis.asyncio import Redis

        self.started = True
        delay = 0.1
        while True:
            client = Redis(**settings.EVENTSTREAM_REDIS)
            try:
                pubsub = client.pubsub()
                await pubsub.subscribe(PUBSUB_CHANNEL)
                self.connected = True
                delay = 0.1
                hub.resync()  # whatever was published while we were away is in the database
                while True:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_SECONDS)
                    if message is not None:
                        self.handle(hub, message["data"])
                    if asyncio.current_task().cancelling():
                        raise asyncio.CancelledError  # redis-py may swallow a cancel while it reads
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis away: keep trying, the hub catches up on return
                if self.connected:
                    log.warning("lost the Redis event subscription (%s); reconnecting", error)
            finally:
                self.connected = False
                await client.aclose()
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)

    @staticmethod
    def handle(hub, raw: bytes | str) -> None:
        message = json.loads(raw)
        if message.get("channel") == settings.EVENTS_CHANNEL and message.get("source") == SOURCE:
            hub.publish(int(message["pub_id"]), message["event_type"], message["data"])


_listener = RedisListener()


def listener() -> RedisListener:
    return _listener


def healthy() -> bool:
    """False while a started subscription is down (clients of this worker get no live events)."""
    return not _listener.started or _listener.connected
