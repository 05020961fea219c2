"""Cross-worker delivery keeps each worker's streams in sequence order."""

import json

import pytest

from competition import fanout


@pytest.fixture
def delivered(monkeypatch):
    seen = {"queued": [], "resyncs": 0}

    class Manager:
        def add_to_queues(self, channel, event):
            seen["queued"].append(event.id)

    monkeypatch.setattr("django_eventstream.views.get_listener_manager", lambda: Manager())

    def resync():
        seen["resyncs"] += 1

    monkeypatch.setattr(fanout, "resync_all_clients", resync)
    return seen


def message(seq: int) -> str:
    return json.dumps({"channel": "race", "event_type": "lap_started", "data": "{}", "pub_id": str(seq)})


def test_events_in_order_are_handed_to_the_streams(delivered):
    listener = fanout.ResilientRedisListener()
    for seq in (7, 8, 9):
        listener.handle(message(seq))
    assert delivered == {"queued": [7, 8, 9], "resyncs": 0}


def test_a_skipped_number_makes_the_streams_read_the_stored_events_in_order(delivered):
    listener = fanout.ResilientRedisListener()
    listener.handle(message(7))
    listener.handle(message(9))  # 8 is still on its way from another worker
    listener.handle(message(8))  # late: the resync already read it from the database
    listener.handle(message(10))
    assert delivered == {"queued": [7, 10], "resyncs": 1}


def test_a_number_already_passed_is_dropped(delivered):
    listener = fanout.ResilientRedisListener()
    listener.handle(message(5))
    listener.handle(message(5))
    listener.handle(message(4))
    assert delivered["queued"] == [5]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "postgresql",
    reason="the test database of SQLite lives in memory, and Django never closes that connection",
)
def test_a_stream_gives_its_database_connection_back_after_each_read():
    import threading

    from django.db import connection
    from django_eventstream import eventstream
    from django_eventstream.eventrequest import EventRequest

    assert getattr(eventstream.get_events, "releases_connection", False)
    request = EventRequest()
    request.channels = {"race"}
    request.channel_last_ids = {"race": "0"}
    request.is_next = request.is_recover = False
    seen = {}

    def read():  # in its own thread, as the stream's reads run
        eventstream.get_events(request, user=None)
        seen["open"] = connection.connection is not None

    thread = threading.Thread(target=read)
    thread.start()
    thread.join(10)
    assert seen == {"open": False}
