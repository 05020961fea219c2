"""The event stream of one process (competition.stream), driven as Daphne drives it: ASGI messages.

Every test runs a fresh hub in its own event loop against the real database; events are emitted
by the real publisher, in a thread, as a request would.
"""

import ast
import asyncio
import graphlib
import json
import threading
from pathlib import Path

import pytest
from django.db import connection, transaction

from competition import events
from competition.event_payloads import EventType
from competition.stream import asgi, fanout, store, wire
from competition.stream import hub as stream_hub

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hub(monkeypatch):
    fresh = stream_hub.Hub()
    monkeypatch.setattr(stream_hub, "local", fresh)
    return fresh


# Fields for each type's payload builder: the stream passes payloads on as they are.
FIELDS = {
    "lap_started": {"lap": {}},
    "lap_finished": {"lap": {}, "personal_best": False},
    "queue_inserted": {"ticket": {}},
}


def emit(kind="lap_started") -> int:
    with transaction.atomic():
        return events.emit(EventType(kind), **FIELDS[kind])


class Client:
    """One GET /api/events/ through the stream's ASGI app, with what it has received so far."""

    def __init__(self, query: str = "", headers=(), client=("127.0.0.1", 50000)):
        self.scope = {"type": "http", "method": "GET", "path": "/api/events/", "query_string": query.encode()}
        self.scope["client"] = client
        self.scope["headers"] = [(k.encode(), v.encode()) for k, v in (("host", "testserver"), *headers)]
        self.messages: list[dict] = []
        self.body = b""
        self.arrived = asyncio.Event()
        self.leave = asyncio.Event()
        self.task: asyncio.Task | None = None

    async def receive(self):
        await self.leave.wait()
        return {"type": "http.disconnect"}

    async def send(self, message):
        self.messages.append(message)
        self.body += message.get("body", b"")
        self.arrived.set()

    def start(self) -> "Client":
        self.task = asyncio.ensure_future(asgi.asgi_app(self.scope, self.receive, self.send))
        return self

    async def until(self, predicate, timeout=5.0):
        async def wait():
            while not predicate(self):
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(wait(), timeout)

    def events(self) -> list[tuple[str, str | None, dict | None]]:
        out = []
        for block in self.body.decode().split("\n\n"):
            fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line and line[0] != ":")
            if "event" in fields:
                data = fields.get("data")
                out.append((fields["event"], fields.get("id"), json.loads(data) if data else None))
        return out

    def seqs(self) -> list[int]:
        return [data["seq"] for kind, _, data in self.events() if data and "seq" in data]

    def has_seq(self, seq: int) -> bool:
        return seq in self.seqs()

    async def disconnect(self):
        self.leave.set()
        await asyncio.wait_for(self.task, 5)


async def in_thread(fn, *args):
    """Run database work as a request would: in a thread, which closes its connection after."""

    def call():
        try:
            return fn(*args)
        finally:
            connection.close()

    return await asyncio.get_running_loop().run_in_executor(None, call)


def run(coroutine):
    asyncio.run(coroutine)  # (ends by cancelling the hub's tasks: they must stop when cancelled)


async def settled(hub):
    """With Redis, the hub's subscription starts with a read of what it may have missed: let it."""
    for _ in range(250):
        listener = fanout.listener()
        if (not listener.started or listener.connected) and hub._inbox.empty():
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.05)


def test_a_client_gets_the_stored_events_after_its_seq_then_every_new_one_in_order(hub):
    first = emit()
    second = emit()

    async def scenario():
        client = Client(f"seq={first - 1}").start()
        await client.until(lambda c: c.has_seq(second))
        third = await in_thread(emit)
        await client.until(lambda c: c.has_seq(third))
        start = client.messages[0]
        assert start["type"] == "http.response.start" and start["status"] == 200
        assert (b"content-type", b"text/event-stream") in start["headers"]
        assert (b"x-accel-buffering", b"no") in start["headers"]
        assert client.events()[0] == ("stream-open", None, {"newest": second})
        assert client.seqs() == [first, second, third]
        assert [event_id for _, event_id, _ in client.events()[1:]] == [f"race:{s}" for s in (first, second, third)]
        await client.disconnect()
        assert hub.open == 0

    run(scenario())


def test_last_event_id_resumes_like_seq_and_bad_ids_get_a_400(hub):
    seqs = [emit() for _ in range(3)]

    async def scenario():
        client = Client(headers=[("last-event-id", f"race:{seqs[0]}")]).start()
        await client.until(lambda c: c.has_seq(seqs[2]))
        assert client.seqs() == seqs[1:]
        await client.disconnect()
        for query, headers in (("seq=abc", ()), ("", [("last-event-id", "other:3")])):
            bad = Client(query, headers).start()
            await asyncio.wait_for(bad.task, 5)
            assert bad.messages[0]["status"] == 400
            assert "detail" in json.loads(bad.body)

    run(scenario())


def test_a_client_without_an_id_starts_at_the_newest_event(hub):
    emit()

    async def scenario():
        client = Client().start()
        await client.until(lambda c: c.events())
        new = await in_thread(emit)
        await client.until(lambda c: c.has_seq(new))
        assert client.seqs() == [new]
        await client.disconnect()

    run(scenario())


def test_an_unknown_seq_gets_a_stream_reset_to_the_newest(hub):
    newest = emit()

    async def scenario():
        client = Client(f"seq={newest + 50}").start()  # from a database that has since been reset
        await client.until(lambda c: len(c.events()) >= 2)
        kind, event_id, data = client.events()[1]
        assert (kind, event_id, data) == ("stream-reset", f"race:{newest}", {"channels": ["race"]})
        await client.disconnect()

    run(scenario())


def test_a_skipped_number_is_read_from_the_database_and_a_late_one_dropped(hub):
    async def scenario():
        await hub.start()
        base = hub.newest
        client = Client(f"seq={base}").start()
        await client.until(lambda c: c.events())
        # Two events committed by another worker, whose messages arrive out of order.
        one = await in_thread(emit_quietly, "lap_finished")
        two = await in_thread(emit_quietly, "lap_started")
        hub.publish(two, "lap_started", json.dumps({"type": "lap_started", "seq": two}))
        await client.until(lambda c: c.has_seq(two))
        hub.publish(one, "lap_finished", json.dumps({"type": "lap_finished", "seq": one}))
        await asyncio.sleep(0.05)
        assert client.seqs() == [one, two]
        await client.disconnect()

    run(scenario())


def emit_quietly(kind: str) -> int:
    """An event stored and committed as another worker would, without this process delivering it."""
    with transaction.atomic():
        seq = events.emit(EventType(kind), **FIELDS[kind])
        transaction.get_connection().run_on_commit.clear()
    return seq


def test_a_resync_reads_what_was_missed(hub):
    async def scenario():
        await hub.start()
        client = Client(f"seq={hub.newest}").start()
        await client.until(lambda c: c.events())
        missed = [await in_thread(emit_quietly, "queue_inserted") for _ in range(3)]
        hub.resync()  # as the Redis listener does when it subscribes again after an outage
        await client.until(lambda c: c.has_seq(missed[-1]))
        assert client.seqs() == missed
        await client.disconnect()

    run(scenario())


def test_a_client_from_further_back_than_memory_reads_the_database_in_pages(hub, monkeypatch):
    monkeypatch.setattr(stream_hub, "RECENT", 5)
    monkeypatch.setattr(store, "READ_LIMIT", 4)
    seqs = [emit_quietly("lap_started") for _ in range(12)]

    async def scenario():
        await hub.start()
        assert len(hub.frames) == 5  # the hub only keeps the newest
        client = Client(f"seq={seqs[0] - 1}").start()
        await client.until(lambda c: c.has_seq(seqs[-1]))
        assert client.seqs() == seqs
        await client.disconnect()

    run(scenario())


def test_waiting_streams_hold_no_thread_and_read_nothing_from_the_database(hub, monkeypatch):
    reads = []
    original = store.read_after
    monkeypatch.setattr(store, "read_after", lambda *a: reads.append(a) or original(*a))
    emit()

    async def scenario():
        await hub.start()
        await settled(hub)
        reads.clear()
        threads_before = threading.active_count()
        clients = [Client(f"seq={hub.newest}").start() for _ in range(300)]
        for client in clients:
            await client.until(lambda c: c.events())
        assert hub.open == 300
        new = await in_thread(emit)
        for client in clients:
            await client.until(lambda c: c.has_seq(new))
        assert reads == []  # all of it came from the hub's memory
        # The delivery thread and at most a few of the loop's executor threads, not one per stream.
        assert threading.active_count() - threads_before < 10
        for client in clients:
            await client.disconnect()
        assert hub.open == 0

    run(scenario())


def test_an_idle_stream_gets_keep_alives(hub, monkeypatch):
    monkeypatch.setattr(stream_hub, "KEEPALIVE_SECONDS", 0.05)

    async def scenario():
        client = Client().start()
        await client.until(lambda c: sum(kind == "keep-alive" for kind, _, _ in c.events()) >= 2)
        await client.disconnect()

    run(scenario())


def test_keep_alives_wait_for_a_period_without_events(hub, monkeypatch):
    """A busy race sends no keep-alives (each would be one more write per screen), an idle one does."""
    monkeypatch.setattr(stream_hub, "KEEPALIVE_SECONDS", 0.3)

    def keep_alives(client):
        return sum(kind == "keep-alive" for kind, _, _ in client.events())

    async def scenario():
        client = Client().start()
        await client.until(lambda c: c.events())
        await settled(hub)
        for _ in range(12):  # an event every 0.1 s for 1.2 s: four keep-alive periods
            seq = await in_thread(emit)
            await client.until(lambda c, seq=seq: c.has_seq(seq))
            await asyncio.sleep(0.1)
        assert keep_alives(client) == 0
        await client.until(lambda c: keep_alives(c) >= 1, timeout=2)
        await client.disconnect()

    run(scenario())


def test_the_redis_listener_hands_this_databases_race_messages_to_the_hub(hub):
    seen = []
    hub.publish = lambda seq, kind, text: seen.append((seq, kind, text))
    message = {
        "channel": "race",
        "event_type": "lap_started",
        "data": '{"seq": 7}',
        "pub_id": "7",
        "source": fanout.SOURCE,
    }
    fanout.RedisListener.handle(hub, json.dumps(message))
    fanout.RedisListener.handle(hub, json.dumps({**message, "channel": "other"}))
    fanout.RedisListener.handle(hub, json.dumps({**message, "source": "another-database"}))
    assert seen == [(7, "lap_started", '{"seq": 7}')]


def test_without_daphne_the_view_answers_with_the_stored_events_and_ends(client):
    first = emit()
    second = emit()
    response = client.get(f"/api/events/?seq={first - 1}")
    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    body = response.content.decode()
    assert "event: stream-open" in body and f"id: race:{first}" in body and f"id: race:{second}" in body
    assert client.get("/api/events/?seq=-1").status_code == 400
    assert client.post("/api/events/").status_code == 405


def test_the_events_of_one_press_reach_a_client_in_one_write_and_no_keep_alive_with_them(hub):
    async def scenario():
        await hub.start()
        await settled(hub)
        client = Client(f"seq={hub.newest}").start()
        await client.until(lambda c: c.events())
        writes = len(client.messages)
        first = await in_thread(emit_quietly, "lap_finished")
        second = await in_thread(emit_quietly, "lap_started")
        # As the delivery thread hands them over: one batch, in one turn of the loop.
        hub.publish_threadsafe([(first, "lap_finished", json.dumps({"seq": first})), (second, "lap_started", "{}")])
        await client.until(lambda c: c.has_seq(first) and "lap_started" in {kind for kind, _, _ in c.events()})
        await asyncio.sleep(0.05)
        assert len(client.messages) == writes + 1
        assert [kind for kind, _, _ in client.events()] == ["stream-open", "lap_finished", "lap_started"]
        await client.disconnect()

    run(scenario())


# --- a hostile night (issue 12): hosts, headers, caps, and no flood of history ------------------


def test_a_host_name_outside_allowed_hosts_is_refused_like_everywhere_else(hub, client):
    async def scenario():
        bad = Client(headers=[("host", "evil.example")]).start()
        await asyncio.wait_for(bad.task, 5)
        assert bad.messages[0]["status"] == 400
        assert json.loads(bad.body)["code"] == "invalid_host"
        good = Client(headers=[("host", "127.0.0.1:8000")]).start()
        await good.until(lambda c: c.events())
        assert good.messages[0]["status"] == 200
        await good.disconnect()

    run(scenario())
    assert client.get("/api/stats/", headers={"host": "evil.example"}).status_code == 400  # as Django does


def test_the_stream_carries_the_security_headers_of_every_other_answer(hub, client):
    django_headers = client.get("/api/stats/").headers
    names = ["x-frame-options", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy"]
    names.append("content-security-policy")

    async def scenario():
        stream_client = Client().start()
        await stream_client.until(lambda c: c.events())
        headers = {k.decode(): v.decode() for k, v in stream_client.messages[0]["headers"]}
        for name in names:
            assert headers.get(name) == django_headers[name], name
        await stream_client.disconnect()

    run(scenario())


def test_streams_beyond_the_per_address_limit_get_a_429_and_others_still_connect(hub, settings):
    settings.STREAM_MAX_PER_ADDRESS = 3

    async def scenario():
        mine = [Client(client=("10.0.0.7", 1000 + i)).start() for i in range(3)]
        for c in mine:
            await c.until(lambda c: c.events())
        refused = Client(client=("10.0.0.7", 2000)).start()
        await asyncio.wait_for(refused.task, 5)
        assert refused.messages[0]["status"] == 429
        assert dict(refused.messages[0]["headers"])[b"retry-after"].isdigit()
        other = Client(client=("10.0.0.8", 1000)).start()
        await other.until(lambda c: c.events())
        assert other.messages[0]["status"] == 200
        await mine[0].disconnect()  # a screen closes: there is room again
        again = Client(client=("10.0.0.7", 3000)).start()
        await again.until(lambda c: c.events())
        assert again.messages[0]["status"] == 200
        for c in [*mine[1:], other, again]:
            await c.disconnect()
        assert hub.open == 0 and hub.per_address == {}

    run(scenario())


def test_streams_beyond_the_per_worker_limit_get_a_503_with_retry_after(hub, settings):
    settings.STREAM_MAX_OPEN = 2

    async def scenario():
        first, second = Client(client=("10.0.0.1", 1)).start(), Client(client=("10.0.0.2", 1)).start()
        for c in (first, second):
            await c.until(lambda c: c.events())
        full = Client(client=("10.0.0.3", 1)).start()
        await asyncio.wait_for(full.task, 5)
        assert full.messages[0]["status"] == 503
        assert 5 <= int(dict(full.messages[0]["headers"])[b"retry-after"]) <= 30
        assert json.loads(full.body)["code"] == "streams_full"
        for c in (first, second):
            await c.disconnect()

    run(scenario())


def test_a_client_from_too_far_back_gets_a_reset_not_the_whole_history(hub, monkeypatch, client):
    monkeypatch.setattr(wire, "REPLAY_LIMIT", 5)
    seqs = [emit() for _ in range(12)]

    async def scenario():
        far = Client("seq=0").start()
        await far.until(lambda c: len(c.events()) >= 2)
        assert far.events()[1] == ("stream-reset", f"race:{seqs[-1]}", {"channels": ["race"]})
        assert far.seqs() == []  # none of the history
        new = await in_thread(emit)
        await far.until(lambda c: c.has_seq(new))
        assert far.seqs() == [new]
        near = Client(f"seq={seqs[-4]}").start()  # within the limit: replayed as before
        await near.until(lambda c: c.has_seq(seqs[-1]))
        assert near.seqs()[:3] == seqs[-3:]
        for c in (far, near):
            await c.disconnect()

    run(scenario())
    body = client.get("/api/events/?seq=0").content
    assert b"event: stream-reset" in body and body.count(b"id: race:") == 1  # the WSGI fallback too


def test_a_preloaded_hub_serves_the_first_screens_from_memory_and_reads_what_came_since(hub, monkeypatch):
    before = [emit() for _ in range(3)]
    hub.preload()  # as it24u/asgi.py does when the worker starts
    assert hub.newest == before[-1]
    since = emit()  # committed before the first stream (e.g. a press on this worker)
    reads = []
    original = store.read_after
    monkeypatch.setattr(store, "read_after", lambda *a: reads.append(a) or original(*a))

    async def scenario():
        client = Client(f"seq={before[0]}").start()
        await client.until(lambda c: c.has_seq(since))
        assert client.seqs() == [*before[1:], since]
        assert all(after >= before[-1] for after, *_ in reads)  # only what came after the preload was read
        await client.disconnect()

    run(scenario())


# --- the layout: the publisher hands events to the stream, never the other way round ------------


def competition_imports(module: str) -> set[str]:
    """The competition modules `module` imports anywhere in its source (also inside functions)."""
    root = Path(__file__).resolve().parents[2]

    def source(name: str) -> Path | None:
        base = root.joinpath(*name.split("."))
        return next((p for p in (base / "__init__.py", base.with_suffix(".py")) if p.is_file()), None)

    found = set()
    for node in ast.walk(ast.parse(source(module).read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from package import name`: the submodule when there is one, else the package itself.
            names = [
                f"{node.module}.{a.name}" if source(f"{node.module}.{a.name}") else node.module for a in node.names
            ]
        else:
            continue
        found.update(name for name in names if name.startswith("competition.") and source(name))
    return found


def test_the_stream_package_never_imports_the_publisher_so_delivery_has_no_import_cycle():
    graph, todo = {}, ["competition.events"]
    while todo:
        name = todo.pop()
        if name not in graph:
            graph[name] = competition_imports(name)
            todo.extend(graph[name])
    assert "competition.stream" in graph["competition.events"]  # events.py hands committed events on
    stream_modules = {name for name in graph if name.startswith("competition.stream")}
    assert {"competition.stream.delivery", "competition.stream.hub", "competition.stream.wsgi"} <= stream_modules
    reachable, todo = set(), list(stream_modules)
    while todo:
        name = todo.pop()
        if name not in reachable:
            reachable.add(name)
            todo.extend(graph.get(name) or competition_imports(name))
    assert "competition.events" not in reachable
    graphlib.TopologicalSorter({name: graph[name] for name in stream_modules | {"competition.events"}}).prepare()
