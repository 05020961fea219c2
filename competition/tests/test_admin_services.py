"""One write path (STYLE 13a): the admin's saves, deletes and bulk actions go through the services.

A change made in an admin form leaves the same events (type and payload) and the same audit
entries as the same change through the API; a fix that the API cannot make is announced with the
event the pages already apply, or a `resync` that makes them reload.
"""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Max
from django.test import Client
from django.utils import timezone
from django_eventstream.models import Event
from rest_framework.test import APIClient

from competition import events, selectors
from competition.errors import InvalidInput
from competition.models import AuditEntry, EventSettings, Group, Lap, QueueTicket, Runner
from competition.services.queue import GAP
from competition.tests.admin_forms import form_data, split, stored_events, url
from competition.tests.conftest import assert_invariants
from competition.tests.factories import (
    CriterionFactory,
    GroupFactory,
    HappyHourFactory,
    LapFactory,
    RunnerFactory,
    UserFactory,
)


@pytest.fixture
def boss(db):
    """An organiser: staff, and allowed everything in the admin."""
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_door(boss) -> Client:
    client = Client()
    client.force_login(boss)
    return client


@pytest.fixture
def api_door(boss) -> APIClient:
    client = APIClient()
    client.force_authenticate(boss)
    return client


def admin_save(client: Client, obj, **changes) -> None:
    """Open the object's admin change form, change some fields, and save it as a browser would."""
    model = type(obj)
    data = form_data(client.get(url(model, "change", obj.pk)))
    data.update({name: "" if value is None else str(value) for name, value in changes.items()})
    response = client.post(url(model, "change", obj.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def ok(response):
    assert response.status_code in (200, 201), (response.status_code, response.content[:300])


def trace(change) -> tuple[list[dict], list[dict]]:
    """Make a change; return the events and audit entries it left, and roll it back.

    So the same change can then come through the other door, from the same state.
    """
    seq = events.current_seq()
    last_entry = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    with transaction.atomic():
        change()
        emitted = [
            json.loads(json.loads(data))
            for data in Event.objects.filter(eid__gt=seq).order_by("eid").values_list("data", flat=True)
        ]
        audited = list(
            AuditEntry.objects.filter(pk__gt=last_entry)
            .order_by("pk")
            .values("user", "action", "target_type", "target_id", "details", "idempotency_key")
        )
        transaction.set_rollback(True)
    selectors.clear_caches()  # they are keyed by seq, which the rollback hands out again
    return emitted, audited


@pytest.fixture
def race(db) -> dict:
    """A runner in a group with a finished lap, another group, three waiting tickets, an unassigned lap."""
    CriterionFactory(upper_limit=timedelta(minutes=5), points=10)
    group, other = GroupFactory(name="Alpha"), GroupFactory(name="Beta")
    runner = RunnerFactory(group=group)
    LapFactory(runner=runner, end=timezone.now() - timedelta(hours=1))
    waiting = RunnerFactory.create_batch(3)
    tickets = [QueueTicket.objects.create(runner=r, position=(i + 1) * GAP) for i, r in enumerate(waiting)]
    unassigned = LapFactory(runner=None, end=timezone.now() - timedelta(minutes=30))
    return {"runner": runner, "group": group, "other": other, "tickets": tickets, "unassigned": unassigned}


def _running_unassigned_lap(race) -> Lap:
    return Lap.objects.create(runner=None, start=timezone.now() - timedelta(minutes=1))


# name: (the API's request, the same change in the admin form, the event types it leaves)
CHANGES = {
    "a finished lap given to its runner": (
        lambda api, race: ok(api.post(f"/api/laps/{race['unassigned'].pk}/assign/", {"runner": race["runner"].pk})),
        lambda admin, race: admin_save(admin, race["unassigned"], runner=race["runner"].pk),
        ["lap_assigned", "points_changed"],
    ),
    "the running lap given to its runner": (
        lambda api, race: ok(api.post(f"/api/laps/{race['running'].pk}/assign/", {"runner": race["runner"].pk})),
        lambda admin, race: admin_save(admin, race["running"], runner=race["runner"].pk),
        ["lap_assigned"],
    ),
    "a ticket moved to the head of the queue": (
        lambda api, race: ok(api.post(f"/api/queue/{race['tickets'][2].pk}/move/", {"position": 0})),
        lambda admin, race: admin_save(admin, race["tickets"][2], position=race["tickets"][0].position - 1),
        ["queue_moved"],
    ),
    "a ticket taken out of the queue": (
        lambda api, race: ok(api.delete(f"/api/queue/{race['tickets'][1].pk}/")),
        lambda admin, race: admin_save(admin, race["tickets"][1], state="removed", position=None),
        ["queue_removed"],
    ),
    "a runner moved to another group": (
        lambda api, race: ok(api.patch(f"/api/runners/{race['runner'].pk}/", {"group": race["other"].pk})),
        lambda admin, race: admin_save(admin, race["runner"], group=race["other"].pk),
        ["runner_changed", "points_changed"],
    ),
    "a group renamed": (
        lambda api, race: ok(api.patch(f"/api/groups/{race['group'].pk}/", {"name": "Gamma"})),
        lambda admin, race: admin_save(admin, race["group"], name="Gamma"),
        ["data_changed"],  # no points move: its happy hours are the same
    ),
    "the banner set": (
        lambda api, race: ok(api.patch("/api/settings/", {"banner": "Soup at the stand"})),
        lambda admin, race: admin_save(admin, EventSettings.load(), banner="Soup at the stand"),
        ["settings_changed"],
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_an_admin_change_leaves_the_same_events_and_audit_entries_as_the_api(admin_door, api_door, race, change):
    through_api, through_admin, kinds = CHANGES[change]
    race["running"] = _running_unassigned_lap(race)
    api_events, api_audit = trace(lambda: through_api(api_door, race))
    admin_events, admin_audit = trace(lambda: through_admin(admin_door, race))
    assert [event["type"] for event in api_events] == kinds
    assert admin_events == api_events
    assert len(api_audit) == 1
    assert admin_audit == api_audit


def test_the_admin_fix_is_saved_and_keeps_the_invariants(admin_door, race):
    lap = race["unassigned"]
    admin_save(admin_door, lap, runner=race["runner"].pk)
    lap.refresh_from_db()
    assert (lap.runner, lap.points) == (race["runner"], 10)
    admin_save(admin_door, race["runner"], group=race["other"].pk)
    assert Runner.objects.get(pk=race["runner"].pk).group == race["other"]
    assert_invariants()


# Fixes the API cannot make: the event the pages apply, or a resync


def test_finishing_the_running_lap_in_the_admin_is_a_finished_lap_on_the_screens(admin_door, race):
    runner = RunnerFactory()
    ticket = QueueTicket.objects.create(runner=runner, state="running")
    running = Lap.objects.create(runner=runner, ticket=ticket, start=timezone.now() - timedelta(minutes=4))
    end = split(timezone.now())
    admin_save(admin_door, running, end_0=end["0"], end_1=end["1"])
    [event] = stored_events("lap_finished")
    assert (event["lap"]["id"], event["lap"]["points"], event["personal_best"]) == (running.pk, 10, False)
    ticket.refresh_from_db()
    assert ticket.state == "done"  # as a press would have left it
    assert AuditEntry.objects.get(action="update", target_type="lap").details == {"fields": ["end"]}
    assert_invariants()


def test_reopening_the_last_lap_in_the_admin_is_a_resumed_lap_on_the_screens(admin_door, race):
    ticket = QueueTicket.objects.create(runner=race["runner"], state="done")
    last = LapFactory(runner=race["runner"], ticket=ticket)
    admin_save(admin_door, last, end_0="", end_1="")
    [event] = stored_events("lap_resumed")
    assert (event["lap"]["id"], event["lap"]["end"], event["lap"]["points"]) == (last.pk, None, None)
    last.refresh_from_db()
    ticket.refresh_from_db()
    assert (last.points, ticket.state) == (None, "running")  # as undo would have left them
    assert_invariants()


def test_a_running_lap_added_in_the_admin_starts_on_the_screens(admin_door, race):
    start = split(timezone.now() - timedelta(seconds=30))
    data = {"runner": str(race["runner"].pk), "start_0": start["0"], "start_1": start["1"]}
    assert admin_door.post(url(Lap, "add"), data).status_code == 302
    lap = Lap.objects.get(end__isnull=True)
    [event] = stored_events("lap_started")
    assert (event["lap"]["id"], event["lap"]["runner"]["id"]) == (lap.pk, race["runner"].pk)
    assert AuditEntry.objects.get(action="create", target_type="lap").details["runner"] == race["runner"].pk


def test_a_finished_lap_added_in_the_admin_makes_the_screens_reload(admin_door, race):
    start, end = split(timezone.now() - timedelta(hours=3)), split(timezone.now() - timedelta(hours=3, minutes=-4))
    data = {"runner": str(race["runner"].pk), "start_0": start["0"], "start_1": start["1"]}
    data.update({"end_0": end["0"], "end_1": end["1"]})
    assert admin_door.post(url(Lap, "add"), data).status_code == 302
    lap = Lap.objects.order_by("-pk").first()
    assert lap.points == 10  # stored with it
    assert [(e["model"], e["ids"], e["action"]) for e in stored_events("resync")] == [("lap", [lap.pk], "create")]
    assert_invariants()


def test_moving_the_start_of_the_running_lap_makes_the_screens_reload(admin_door, race):
    running = _running_unassigned_lap(race)
    start = split(running.start - timedelta(minutes=1))
    admin_save(admin_door, running, start_0=start["0"], start_1=start["1"])
    assert [e["ids"] for e in stored_events("resync")] == [[running.pk]]
    assert stored_events("lap_assigned") == []


def test_deleting_the_running_lap_in_the_admin_removes_it_from_the_screens(admin_door, race):
    runner = RunnerFactory()
    ticket = QueueTicket.objects.create(runner=runner, state="running")
    running = Lap.objects.create(runner=runner, ticket=ticket, start=timezone.now() - timedelta(minutes=1))
    assert admin_door.post(url(Lap, "delete", running.pk), {"post": "yes"}).status_code == 302
    [event] = stored_events("lap_removed")
    assert event["lap"]["id"] == running.pk
    ticket.refresh_from_db()
    assert (ticket.state, ticket.position) == ("removed", None)
    entry = AuditEntry.objects.get(action="delete", target_type="lap")
    assert (entry.target_id, entry.details["runner"], entry.details["end"]) == (str(running.pk), runner.pk, None)


def test_a_waiting_ticket_added_in_the_admin_joins_the_queue_where_its_position_puts_it(admin_door, race):
    runner, head = RunnerFactory(), race["tickets"][0]
    created = split(timezone.now())
    data = {"runner": str(runner.pk), "state": "waiting", "position": str(head.position - 1)}
    data.update({"created_at_0": created["0"], "created_at_1": created["1"]})
    assert admin_door.post(url(QueueTicket, "add"), data).status_code == 302
    [event] = stored_events("queue_inserted")
    assert (event["ticket"]["runner"]["id"], event["ticket"]["position"]) == (runner.pk, 0)
    entry = AuditEntry.objects.get(action="queue_insert")
    assert entry.details == {"runner": runner.pk, "position": 0}


def test_deleting_waiting_tickets_in_bulk_takes_each_out_of_the_queue(admin_door, race):
    ids = [ticket.pk for ticket in race["tickets"][:2]]
    data = {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    assert admin_door.post(url(QueueTicket, "changelist"), data).status_code == 302
    assert sorted(e["ticket"]["id"] for e in stored_events("queue_removed")) == ids
    assert AuditEntry.objects.filter(action="delete", target_type="queueticket").count() == 2
    assert list(selectors.waiting_tickets().values_list("pk", flat=True)) == [race["tickets"][2].pk]


def test_deleting_a_waiting_runner_takes_their_ticket_out_of_the_queue(admin_door, race):
    ticket = race["tickets"][0]
    assert admin_door.post(url(Runner, "delete", ticket.runner_id), {"post": "yes"}).status_code == 302
    [event] = stored_events("queue_removed")
    assert (event["ticket"]["id"], event["from"]) == (ticket.pk, 0)
    assert AuditEntry.objects.filter(action="delete", target_type="runner", target_id=str(ticket.runner_id)).exists()


def test_a_groups_happy_hours_move_only_its_members_points(admin_door, race):
    window = HappyHourFactory(start=timezone.now() - timedelta(hours=3), end=timezone.now())
    data = form_data(admin_door.get(url(Group, "change", race["group"].pk)))
    data["happy_hours"] = [str(window.pk)]
    assert admin_door.post(url(Group, "change", race["group"].pk), data).status_code == 302
    assert Lap.objects.get(runner=race["runner"]).points == 20
    assert [e["reason"] for e in stored_events("points_changed")] == ["group"]
    assert_invariants()


def test_a_refusal_under_the_race_lock_is_a_message_and_saves_nothing(admin_door, race, monkeypatch):
    # As if next lap started a lap between the form's check and the service's own.
    def refuse(**kwargs):
        raise InvalidInput("Constraint “lap_one_running” is violated.")

    monkeypatch.setattr("competition.admin.laps.lap_edit", refuse)
    lap = race["unassigned"]
    data = form_data(admin_door.get(url(Lap, "change", lap.pk)))
    data["raining"] = "on"
    response = admin_door.post(url(Lap, "change", lap.pk), data, follow=True)
    assert any("Nothing was saved: Another lap is still running" in str(m) for m in response.context["messages"])
    lap.refresh_from_db()
    assert not lap.raining
