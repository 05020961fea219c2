"""Daphne's sockets send at once when nothing waits before them (installed by it24u.asgi).

Twisted buffers every write on a TCP connection and sends it on the next turn of the event loop:
it registers the socket for writability (an epoll_ctl and Python bookkeeping), waits for the loop
to report it writable, sends, and unregisters it again. For one response that is nothing; for a
press fanned out to a thousand open event streams it was a third of the worker's time
(docs/benchmarks.md). asyncio's own transports do what this does: when no earlier data is still
buffered, try the send right away and buffer only what the socket did not take.

Everything unusual keeps Twisted's path: a connection with TLS started (Twisted's write encrypts;
a direct send would put the plain bytes on the socket), data already buffered (order is kept), a
connection that is closing or half-closed, a pull producer (it is resumed when the buffer drains),
a send that fails (the buffered write meets the same error in doWrite, which closes the connection
properly).

It reads Twisted's private buffer state, so install() patches only a Twisted in the range it was
written against and only when every attribute it reads is there; otherwise it warns once and
leaves Twisted alone. DIRECT_WRITES=0 turns it off.
"""

import logging
import re
import socket

import twisted
from django.conf import settings
from twisted.internet import protocol, tcp

log = logging.getLogger(__name__)

# Written and measured against Twisted 26.10 (requirements.txt); the buffered write and doWrite it
# short-cuts, and the TLS switch in front of them, read the same since 24.3. From 27 on: read
# twisted/internet/abstract.py and _newtls.py again, then widen this.
SUPPORTED = ((24, 3), (27, 0))  # from, up to (not including)
# What write() reads of a connection (on its class, or set by its constructor).
USES = (
    "TLS",
    "connected",
    "disconnecting",
    "_writeDisconnecting",
    "_writeDisconnected",
    "_tempDataLen",
    "dataBuffer",
    "offset",
    "producer",
    "streamingProducer",
    "producerPaused",
    "writeSomeData",
)

_buffered_write = tcp.Connection.write
_buffered_write_sequence = tcp.Connection.writeSequence
_warned = False


def _nothing_waiting(conn) -> bool:
    return (
        conn.connected
        and not conn.disconnecting
        and not conn._writeDisconnecting
        and not conn._writeDisconnected
        and not conn._tempDataLen
        and conn.offset == len(conn.dataBuffer)
        and (conn.producer is None or (conn.streamingProducer and not conn.producerPaused))
    )


def write(self, data: bytes) -> None:
    if data and not self.TLS and _nothing_waiting(self):
        sent = self.writeSomeData(data)
        if isinstance(sent, int) and sent > 0:
            data = data[sent:]
    _buffered_write(self, data)  # the rest, if any: buffered, sent when the socket is writable (or TLS)


def write_sequence(self, iovec) -> None:
    if self.TLS:
        _buffered_write_sequence(self, iovec)
    else:
        write(self, b"".join(iovec))


def _version(text: str) -> tuple[int, int] | None:
    match = re.match(r"(\d+)\.(\d+)", text)
    return (int(match[1]), int(match[2])) if match else None


def unsupported() -> str | None:
    """Why this process's Twisted must keep its own writes (None: it may be patched)."""
    low, high = SUPPORTED
    version = _version(twisted.__version__)
    if version is None or not low <= version < high:
        return f"Twisted {twisted.__version__} is outside {low[0]}.{low[1]} to before {high[0]}.{high[1]}"
    sock = socket.socket()
    try:
        # A real (never connected) connection, so that what its constructor sets is checked too.
        probe = tcp.Connection(sock, protocol.Protocol(), reactor=object())
        missing = [name for name in USES if not hasattr(probe, name)]
    except Exception as error:
        return f"a Twisted TCP connection could not be inspected ({error!r})"
    finally:
        sock.close()
    if missing:
        return f"Twisted {twisted.__version__}'s TCP connections have no {', '.join(missing)}"
    return None


def install() -> bool:
    """Make every Twisted TCP connection of this process send at once when it can; return whether it does.

    With DIRECT_WRITES=0, or on a Twisted it was not written for (warned once), Twisted keeps its own.
    """
    global _warned
    if not settings.DIRECT_WRITES:
        uninstall()
        return False
    reason = unsupported()
    if reason is not None:
        uninstall()
        if not _warned:
            _warned = True
            log.warning("direct writes are off: %s; Twisted's buffered writes are used", reason)
        return False
    tcp.Connection.write = write
    tcp.Connection.writeSequence = write_sequence
    return True


def uninstall() -> None:
    tcp.Connection.write = _buffered_write
    tcp.Connection.writeSequence = _buffered_write_sequence


def installed() -> bool:
    return tcp.Connection.write is write
