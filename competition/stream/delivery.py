"""From commit to screens: one delivery thread per process hands committed events on, in commit order.

competition.events calls deliver() once an event's transaction has committed. Delivery to
thousands of connected screens must not slow the organiser's request down, so the event goes to
a queue; the thread publishes it through Redis to every worker (competition.stream.fanout), or,
without Redis or with Redis away, to this process's hub (competition.stream.hub).
"""

import logging
import queue
import threading

from django.core.signals import request_finished, request_started
from django.dispatch import receiver

from competition.stream import fanout, hub

log = logging.getLogger(__name__)

_delivery: queue.SimpleQueue = queue.SimpleQueue()
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()
# The delivery of a request's events waits until its answer is on its way (at most HOLD_SECONDS):
# fanning out meanwhile would hold the GIL and the event loop that the answer needs.
HOLD_SECONDS = 0.05
_request = threading.local()


@receiver(request_started, dispatch_uid="competition.stream.delivery.request_started")
def _request_started(**kwargs) -> None:
    _request.answered = threading.Event()


@receiver(request_finished, dispatch_uid="competition.stream.delivery.request_finished")
def _request_finished(**kwargs) -> None:
    answered = getattr(_request, "answered", None)
    if answered is not None:
        answered.set()
        _request.answered = None


def deliver(event_type: str, text: str, seq: int) -> None:
    """Hand a committed event (its JSON text) to the delivery thread; returns at once."""
    global _worker
    if _worker is None or not _worker.is_alive():
        with _worker_lock:
            if _worker is None or not _worker.is_alive():
                _worker = threading.Thread(target=_deliver_forever, name="event-delivery", daemon=True)
                _worker.start()
    _delivery.put((seq, event_type, text, getattr(_request, "answered", None)))


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


def _deliver(batch: list[tuple[int, str, str]]) -> None:
    if not fanout.publish(batch):
        hub.local.publish_threadsafe(batch)
