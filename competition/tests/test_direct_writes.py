"""it24u.direct_writes: a Twisted TCP connection sends at once when nothing is buffered, else keeps order.

The connection is Twisted's own tcp.Connection on one end of a real socket pair; the reactor is a
recorder of add/removeWriter, so each test can see whether a write went out at once or was left
for the reactor (whose doWrite the test then calls, as the reactor would).
"""

import socket

import pytest
from twisted.internet import protocol, tcp

from it24u import direct_writes


class Reactor:
    def __init__(self):
        self.writers = set()
        self.added = 0

    def addWriter(self, selectable):
        self.writers.add(selectable)
        self.added += 1

    def removeWriter(self, selectable):
        self.writers.discard(selectable)

    def addReader(self, selectable):
        pass

    def removeReader(self, selectable):
        pass

    def callLater(self, *args, **kwargs):  # pragma: no cover - not reached by these tests
        raise AssertionError("unexpected callLater")


@pytest.fixture
def pair():
    direct_writes.install()
    ours, theirs = socket.socketpair()
    ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    theirs.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    reactor = Reactor()
    conn = tcp.Connection(ours, protocol.Protocol(), reactor=reactor)
    conn.connected = True
    theirs.settimeout(2)
    yield conn, theirs, reactor
    ours.close()
    theirs.close()


def read_exactly(sock, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        assert chunk, "closed early"
        data += chunk
    return data


def test_installed_under_daphne():
    import it24u.asgi  # noqa: F401  (installs it)

    assert direct_writes.installed()


def test_a_write_with_nothing_buffered_goes_out_at_once(pair):
    conn, theirs, reactor = pair
    conn.write(b"event: lap_started\n\n")
    conn.writeSequence([b"1a\r\n", b"x" * 26, b"\r\n"])
    assert read_exactly(theirs, 20 + 4 + 26 + 2) == b"event: lap_started\n\n1a\r\n" + b"x" * 26 + b"\r\n"
    assert reactor.added == 0  # the reactor never had to watch the socket


def test_what_the_socket_does_not_take_is_buffered_and_later_writes_queue_behind_it(pair):
    conn, theirs, reactor = pair
    big = bytes(range(256)) * 4096  # 1 MiB: far more than the socket buffers take
    conn.write(big)
    assert conn in reactor.writers  # the rest waits for the socket to become writable
    conn.write(b"after")  # must not overtake the buffered rest
    conn.writeSequence([b"and ", b"last"])
    received = b""
    expected = big + b"after" + b"and last"
    while len(received) < len(expected):
        received += theirs.recv(65536)
        if conn in reactor.writers:
            assert conn.doWrite() is None  # what the reactor does when the socket is writable
    assert received == expected
    assert conn not in reactor.writers


def test_a_closing_connection_keeps_twisteds_path(pair):
    conn, theirs, reactor = pair
    conn.disconnecting = True  # loseConnection() was called: the buffered path flushes, then closes
    conn.write(b"late")
    assert conn in reactor.writers
    theirs.setblocking(False)
    with pytest.raises(BlockingIOError):
        theirs.recv(10)


def test_a_send_to_a_closed_peer_is_left_to_the_reactor_to_report(pair):
    conn, theirs, reactor = pair
    theirs.close()
    conn.write(b"anyone?")  # no exception here: Twisted's doWrite sees the error and drops the connection
    assert conn in reactor.writers
    assert conn.doWrite() is not None  # CONNECTION_LOST (or a negative count)
