"""Daphne's sockets send at once when nothing waits before them (installed by it24u.asgi).

Twisted buffers every write on a TCP connection and sends it on the next turn of the event loop:
it registers the socket for writability (an epoll_ctl and Python bookkeeping), waits for the loop
to report it writable, sends, and unregisters it again. For one response that is nothing; for a
press fanned out to a thousand open event streams it was a third of the worker's time
(docs/benchmarks.md). asyncio's own transports do what this does: when no earlier data is still
buffered, try the send right away and buffer only what the socket did not take.

Everything unusual keeps Twisted's path: data already buffered (order is kept), a connection that
is closing or half-closed, a pull producer (it is resumed when the buffer drains), a send that
fails (the buffered write meets the same error in doWrite, which closes the connection properly).
"""

from twisted.internet import tcp

_buffered_write = tcp.Connection.write


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
    if data and _nothing_waiting(self):
        sent = self.writeSomeData(data)
        if isinstance(sent, int) and sent > 0:
            data = data[sent:]
    _buffered_write(self, data)  # the rest, if any: buffered, sent when the socket is writable


def write_sequence(self, iovec) -> None:
    write(self, b"".join(iovec))


def install() -> None:
    """Make every Twisted TCP connection of this process send at once when it can (idempotent)."""
    tcp.Connection.write = write
    tcp.Connection.writeSequence = write_sequence


def installed() -> bool:
    return tcp.Connection.write is write
