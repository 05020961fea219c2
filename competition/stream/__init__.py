"""Delivery of the live events (SPEC section 8): everything between a committed event and a screen.

competition.events is the only publisher: it stores an event with its change and, once the
transaction commits, hands it to deliver(). Nothing in this package imports competition.events.

- delivery.py: the delivery thread (commit order, after the request's answer has gone out);
- fanout.py: Redis pub/sub between worker processes (publishing, the listener, /healthz);
- hub.py: this process's memory of the newest events and the wake-up of its waiting streams;
- asgi.py: GET /api/events/ under Daphne (routed by it24u/asgi.py, before Django);
- wsgi.py: the same URL where Django answers it (the test client, WSGI): the backlog, then the end;
- wire.py: the wire format (frames, resume ids, resets); store.py: reads of the stored events.
"""

from competition.stream.asgi import asgi_app
from competition.stream.delivery import deliver
from competition.stream.store import current_seq
from competition.stream.wsgi import events_view

__all__ = ["asgi_app", "current_seq", "deliver", "events_view"]
