"""it24u.direct_writes: a Twisted TCP connection sends at once when nothing is buffered, else keeps order.

The connection is Twisted's own tcp.Connection on one end of a real socket pair; the reactor is a
recorder of add/removeWriter, so each test can see whether a write went out at once or was left
for the reactor (whose doWrite the test then calls, as the reactor would). A TLS connection, an
unknown Twisted and DIRECT_WRITES=0 keep Twisted's own writes.
"""

import logging
import socket

import pytest
import twisted
from twisted.internet import abstract, protocol, tcp

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


@pytest.fixture(autouse=True)
def restore():
    """Leave the process patched or not as it was (it24u.asgi patches it once, for every test after)."""
    was = direct_writes.installed()
    yield
    if was:
        assert direct_writes.install()
    else:
        direct_writes.uninstall()


@pytest.fixture
def pair():
    assert direct_writes.install()
    yield from connection_pair()


@pytest.fixture
def unpatched_pair(settings):
    settings.DIRECT_WRITES = False
    assert direct_writes.install() is False
    yield from connection_pair()


def connection_pair():
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


def test_with_direct_writes_off_a_write_waits_for_the_reactor_as_twisted_does(unpatched_pair):
    conn, theirs, reactor = unpatched_pair
    assert not direct_writes.installed()
    conn.write(b"event: lap_started\n\n")
    assert conn in reactor.writers and reactor.added == 1
    theirs.setblocking(False)
    with pytest.raises(BlockingIOError):
        theirs.recv(10)  # nothing on the socket until the reactor says it is writable
    assert conn.doWrite() is None
    theirs.setblocking(True)
    assert read_exactly(theirs, 20) == b"event: lap_started\n\n"


class TLSLayer:
    """Where Twisted hands the bytes of a connection with TLS started (to be encrypted)."""

    def __init__(self):
        self.written = []

    def write(self, data):
        self.written.append(data)

    def writeSequence(self, iovec):
        self.written.append(b"".join(iovec))


def test_a_connection_with_tls_started_never_sends_past_the_tls_layer(pair):
    conn, theirs, reactor = pair
    conn.TLS = True  # as startTLS() leaves it; its protocol is then the TLS layer
    conn.protocol = tls = TLSLayer()
    conn.write(b"secret")
    conn.writeSequence([b"more ", b"secret"])
    assert tls.written == [b"secret", b"more secret"]
    theirs.setblocking(False)
    with pytest.raises(BlockingIOError):
        theirs.recv(10)  # not a plain byte on the socket
    assert reactor.added == 0


@pytest.mark.parametrize("version", ["27.1.0", "24.2.0", "nightly"])
def test_a_twisted_it_was_not_written_for_is_left_alone_with_one_warning(version, monkeypatch, caplog):
    direct_writes.uninstall()
    monkeypatch.setattr(twisted, "__version__", version)
    monkeypatch.setattr(direct_writes, "_warned", False)
    with caplog.at_level(logging.WARNING, logger="it24u.direct_writes"):
        assert direct_writes.install() is False
        assert direct_writes.install() is False
    assert not direct_writes.installed()
    assert len(caplog.records) == 1 and version in caplog.records[0].getMessage()


def test_a_twisted_without_an_attribute_it_reads_is_left_alone(monkeypatch, caplog):
    direct_writes.uninstall()
    monkeypatch.delattr(abstract.FileDescriptor, "_writeDisconnecting")
    monkeypatch.setattr(direct_writes, "_warned", False)
    with caplog.at_level(logging.WARNING, logger="it24u.direct_writes"):
        assert direct_writes.install() is False
    assert not direct_writes.installed()
    assert "_writeDisconnecting" in caplog.records[0].getMessage()


def test_the_twisted_in_requirements_is_patched():
    assert direct_writes.unsupported() is None
    assert direct_writes.install() and direct_writes.installed()


def test_the_setting_is_on_by_default_and_read_strictly():
    from competition.tests.test_config import settings_of

    assert settings_of({"DEBUG": "1"}, "settings.DIRECT_WRITES").stdout.strip() == "True"
    assert settings_of({"DEBUG": "1", "DIRECT_WRITES": "0"}, "settings.DIRECT_WRITES").stdout.strip() == "False"
    wrong = settings_of({"DEBUG": "1", "DIRECT_WRITES": "fast"}, "settings.DIRECT_WRITES")
    assert wrong.returncode != 0 and "DIRECT_WRITES must be 0 or 1" in wrong.stderr
