"""Events across workers through Redis pub/sub: every worker's hub hears of every committed event.

The worker that commits an event publishes it (publish(), from its delivery thread); a listener,
one per worker and started by the hub with the first stream, hands each message to the hub. It
reconnects with backoff when Redis goes away, and on every (re)subscription asks the hub to read
what it missed from the stored events. The hub keeps the sequence order itself (a skipped number
makes it read the stored events), so Redis only has to say "there is something new".
The message format is django-eventstream's, on its channel name, plus the `source` database: a
worker ignores the messages of another deployment that shares its Redis.
"""

import asyncio
import functools
import hashlib
import json
import logging

from django.conf import settings

log = logging.getLogger(__name__)

PUBSUB_CHANNEL = "events_channel"
MAX_BACKOFF = 2.0
POLL_SECONDS = 0.5

# Which database the events come from: a worker ignores Redis messages of another deployment (or
# of a test run) that shares its Redis, whose numbers would otherwise pass for its own.
_db = settings.DATABASES["default"]
SOURCE = hashlib.sha256(f"{_db.get('HOST')}:{_db.get('PORT')}/{_db['NAME']}".encode()).hexdigest()[:16]


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


def publish(batch: list[tuple[int, str, str]]) -> bool:
    """Send committed events (seq, type, JSON text) to every worker; False without Redis or when it fails."""
    client = redis_client()
    if client is None:
        return False
    pipe = client.pipeline(transaction=False)
    for seq, event_type, text in batch:
        message = {
            "channel": settings.EVENTS_CHANNEL,
            "event_type": event_type,
            "data": text,
            "pub_id": str(seq),
            "source": SOURCE,
        }
        pipe.publish(PUBSUB_CHANNEL, json.dumps(message))
    try:
        pipe.execute()
    except Exception:  # Redis down: the change is committed; the caller reaches this worker's clients at least
        log.exception("publishing events through Redis failed; delivering locally")
        return False
    return True


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
