"""Events: stored with the change, gap-free, delivered only after commit (competition.events, competition.stream.delivery)."""

import json

import pytest
from django.db import transaction
from django_eventstream.models import Event

from competition import events, stream
from competition.event_payloads import EventType
from competition.stream import delivery
from competition.tests.conftest import advance
from competition.tests.factories import RunnerFactory

pytestmark = pytest.mark.django_db


def stored() -> list[tuple[int, str]]:
    return list(Event.objects.filter(eid__gt=0).order_by("eid").values_list("eid", "type"))


def test_an_event_type_outside_the_list_is_refused():
    with pytest.raises(ValueError), transaction.atomic():
        events.emit("lap_teleported", lap={})


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_a_bug():
    with pytest.raises(RuntimeError):
        events.emit(EventType.QUEUE_RESET, removed=1)


def test_a_rolled_back_change_leaves_no_event_and_no_gap(monkeypatch, django_capture_on_commit_callbacks):
    delivered = []
    monkeypatch.setattr(stream, "deliver", lambda kind, text, seq: delivered.append(seq))
    before = events.current_seq()
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit(EventType.QUEUE_RESET, removed=1)
        raise RuntimeError("the change fails after its event was stored")
    assert events.current_seq() == before
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        seq = events.emit(EventType.QUEUE_RESET, removed=2)
    assert seq == before + 1
    assert delivered == [seq]
    assert stored()[-1] == (seq, "queue_reset")


def test_delivery_waits_for_the_commit(django_capture_on_commit_callbacks, monkeypatch):
    delivered = []
    monkeypatch.setattr(stream, "deliver", lambda kind, text, seq: delivered.append(kind))
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        events.emit(EventType.QUEUE_RESET, removed=1)
        assert delivered == []
    assert len(callbacks) == 1 and delivered == ["queue_reset"]


def test_payloads_carry_their_type_and_seq_in_the_library_format(organiser):
    RunnerFactory()
    runner = RunnerFactory()
    organiser.post("/api/queue/", {"runner": runner.pk}, format="json")
    advance(organiser)
    for eid, kind in stored():
        data = json.loads(json.loads(Event.objects.get(eid=eid).data))
        assert data["seq"] == eid and data["type"] == kind
    assert [kind for _, kind in stored()][-2:] == ["queue_inserted", "lap_started"]


def test_the_counter_starts_with_a_placeholder_so_clients_can_resume_from_zero():
    assert Event.objects.filter(eid=0).exists()


def test_old_events_are_trimmed_after_the_retention(settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.EVENTS_RETENTION_HOURS = 48
    with transaction.atomic():
        old = events.emit(EventType.QUEUE_RESET, removed=1)
        new = events.emit(EventType.QUEUE_RESET, removed=2)
    Event.objects.filter(eid=old).update(created=timezone.now() - timedelta(hours=49))
    Event.objects.filter(eid=new).update(created=timezone.now() - timedelta(hours=47))
    events._last_trim = None  # (not 0.0: on a machine up for less than 10 minutes, monotonic() is below that)
    events._trim_old_events()
    assert not Event.objects.filter(eid=old).exists()
    assert Event.objects.filter(eid=new).exists()


def test_delivery_runs_outside_the_request_thread_in_commit_order(monkeypatch):
    import threading
    import time

    seen = []
    monkeypatch.setattr(
        delivery, "_deliver", lambda batch: seen.extend((seq, threading.current_thread().name) for seq, _, _ in batch)
    )
    for seq in range(1, 6):
        delivery.deliver("x", "{}", seq)
    deadline = time.monotonic() + 5
    while len(seen) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [seq for seq, _ in seen] == [1, 2, 3, 4, 5]
    assert {name for _, name in seen} == {"event-delivery"}


def wait_for(predicate, timeout=5.0):
    import time

    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.005)
    return predicate()


def test_a_requests_events_go_out_once_its_answer_is_on_its_way(monkeypatch):
    """The fan-out must not compete with the organiser's answer for the GIL and the event loop."""
    seen = []
    monkeypatch.setattr(delivery, "_deliver", lambda batch: seen.extend(seq for seq, _, _ in batch))
    monkeypatch.setattr(delivery, "HOLD_SECONDS", 5)
    delivery._request_started()  # as Django signals it in the thread that serves the request
    try:
        delivery.deliver("lap_finished", "{}", 1)
        delivery.deliver("lap_started", "{}", 2)
        assert not wait_for(lambda: seen, timeout=0.3)
        delivery._request_finished()  # the answer was handed to the server
        assert wait_for(lambda: seen == [1, 2], timeout=1)
    finally:
        delivery._request_finished()


def test_a_request_that_never_finishes_holds_its_events_back_only_briefly(monkeypatch):
    seen = []
    monkeypatch.setattr(delivery, "_deliver", lambda batch: seen.extend(seq for seq, _, _ in batch))
    monkeypatch.setattr(delivery, "HOLD_SECONDS", 0.2)
    delivery._request_started()
    try:
        delivery.deliver("lap_started", "{}", 3)
        assert wait_for(lambda: seen == [3], timeout=2)
    finally:
        delivery._request_finished()
