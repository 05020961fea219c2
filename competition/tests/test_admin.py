"""The Django admin (SPEC section 6): every model opens, runners import, laps export, edits are audited and live."""

import csv
import io
import json
from datetime import timedelta

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from competition.models import (
    AuditEntry,
    Criterion,
    EventSettings,
    Group,
    HappyHour,
    IdempotencyRecord,
    Lap,
    QueueTicket,
    Runner,
    Shift,
    University,
)
from competition.resources import LAP_COLUMNS
from competition.tests.admin_forms import form_data, split, stored_events, url
from competition.tests.conftest import assert_invariants
from competition.tests.factories import (
    CriterionFactory,
    GroupFactory,
    HappyHourFactory,
    LapFactory,
    RunnerFactory,
    ShiftFactory,
    TicketFactory,
    UserFactory,
)

MODELS = [
    University,
    Group,
    HappyHour,
    Criterion,
    Shift,
    Runner,
    QueueTicket,
    Lap,
    EventSettings,
    AuditEntry,
    IdempotencyRecord,
]


@pytest.fixture
def staff_user(db):
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


@pytest.fixture
def staff(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def race(db) -> dict:
    """One row of everything, so each admin page renders real rows."""
    group = GroupFactory(name="Alpha")
    shift = ShiftFactory()
    runner = RunnerFactory(first_name="Jan", last_name="Peeters", identification="r0123456", group=group)
    runner.shifts.add(shift)
    finished = LapFactory(runner=runner)
    running = Lap.objects.create(runner=None, start=timezone.now())
    ticket = TicketFactory()
    HappyHourFactory()
    AuditEntry.objects.create(action="advance", target_type="lap", target_id=str(finished.pk))
    IdempotencyRecord.objects.create(key="k1", action="advance", status_code=200, response={})
    return {"group": group, "shift": shift, "runner": runner, "lap": finished, "running": running, "ticket": ticket}


# Every model


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_changelist_and_change_page_opens_for_a_superuser(staff, race, model):
    assert staff.get(url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert staff.get(url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", [University, Group, HappyHour, Criterion, Shift, Runner, QueueTicket, Lap])
def test_the_add_page_opens(staff, race, model):
    assert staff.get(url(model, "add")).status_code == 200


def test_audit_entries_cannot_be_added_changed_or_deleted(staff, staff_user, race, rf):
    model_admin = admin.site._registry[AuditEntry]
    request = rf.get("/")
    request.user = staff_user
    entry = AuditEntry.objects.first()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert staff.get(url(AuditEntry, "add")).status_code == 403
    assert staff.post(url(AuditEntry, "delete", entry.pk), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_audit_log_filters_by_action_and_user_and_searches(staff, staff_user, race):
    AuditEntry.objects.create(user=staff_user, action="queue_move", target_type="queueticket", target_id="7")
    page = staff.get(url(AuditEntry, "changelist"), {"action": "queue_move", "user__id__exact": staff_user.pk})
    assert [e.action for e in page.context["cl"].result_list] == ["queue_move"]
    page = staff.get(url(AuditEntry, "changelist"), {"q": "queueticket"})
    assert [e.target_id for e in page.context["cl"].result_list] == ["7"]


def test_idempotency_records_are_read_only(staff, race):
    assert staff.get(url(IdempotencyRecord, "add")).status_code == 403
    record = IdempotencyRecord.objects.first()
    assert staff.post(url(IdempotencyRecord, "delete", record.pk), {"post": "yes"}).status_code == 403


def test_event_settings_are_one_row_that_cannot_be_added_or_deleted(staff, race):
    assert EventSettings.objects.count() == 1
    assert staff.get(url(EventSettings, "add")).status_code == 403
    assert staff.post(url(EventSettings, "delete", 1), {"post": "yes"}).status_code == 403


# Runners


def test_runner_search_finds_by_name_and_by_student_id(staff, race):
    RunnerFactory(first_name="An", last_name="Janssens", identification="r0000777")
    for query in ("Peeters", "jan peeters", "R0123456", "r0123"):
        page = staff.get(url(Runner, "changelist"), {"q": query})
        assert [r.identification for r in page.context["cl"].result_list] == ["r0123456"], query


def test_runner_list_filters_by_university_group_and_first_year(staff, race):
    RunnerFactory(first_year=True, identification="r0000778")
    page = staff.get(url(Runner, "changelist"), {"first_year__exact": "1"})
    assert [r.identification for r in page.context["cl"].result_list] == ["r0000778"]
    page = staff.get(url(Runner, "changelist"), {"group__id__exact": race["group"].pk})
    assert [r.identification for r in page.context["cl"].result_list] == ["r0123456"]
    hasselt = University.objects.create(name="Universiteit Hasselt", abbreviation="UHasselt")
    RunnerFactory(university=hasselt, identification="1234")
    page = staff.get(url(Runner, "changelist"), {"university__id__exact": hasselt.pk})
    assert [r.identification for r in page.context["cl"].result_list] == ["1234"]


def test_an_admin_edit_of_a_runner_is_audited_and_published_without_the_student_id(staff, race):
    runner = race["runner"]
    data = form_data(staff.get(url(Runner, "change", runner.pk)))
    data.update(first_name="Johannes", test_time="4:12")
    response = staff.post(url(Runner, "change", runner.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    runner.refresh_from_db()
    assert (runner.first_name, runner.test_time) == ("Johannes", timedelta(minutes=4, seconds=12))
    entry = AuditEntry.objects.get(action="update", target_type="runner", target_id=str(runner.pk))
    assert entry.user.username == "boss"
    assert entry.details == {"fields": ["first_name", "test_time"]}
    [event] = stored_events("runner_changed")  # as from the API (runner_update)
    assert (event["runner"]["id"], event["runner"]["first_name"]) == (runner.pk, "Johannes")
    assert "r0123456" not in json.dumps(event)
    assert stored_events("points_changed") == []  # the group did not change
    assert stored_events("data_changed") == []


def test_moving_a_runner_to_another_group_announces_changed_points(staff, race):
    runner = race["runner"]
    other = GroupFactory(name="Beta")
    data = form_data(staff.get(url(Runner, "change", runner.pk)))
    data["group"] = str(other.pk)
    assert staff.post(url(Runner, "change", runner.pk), data).status_code == 302
    assert [(e["reason"], e["runner"]) for e in stored_events("points_changed")] == [("membership", runner.pk)]


def test_a_student_id_is_stored_normalised_and_checked_against_the_university(staff, race):
    data = form_data(staff.get(url(Runner, "add")))
    leuven = University.objects.get(abbreviation="KU Leuven")
    data.update(first_name="Els", last_name="Maes", university=str(leuven.pk), identification="  R0000042 ")
    response = staff.post(url(Runner, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Runner.objects.filter(identification="r0000042").exists()

    data["identification"] = "x42"
    response = staff.post(url(Runner, "add"), data)
    assert response.status_code == 200
    assert "is not a valid KU Leuven student ID" in str(response.context["adminform"].form.errors)


# Runner import

HEADER = "first_name,last_name,identification,university,group,first_year,test_time\n"


def upload(staff, text: str, name: str = "runners.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return staff.post(reverse("admin:competition_runner_import"), {"format": "0", "import_file": file})


def test_an_import_with_bad_rows_imports_nothing_and_reports_each_bad_row_with_its_reason(staff, race):
    before = set(Runner.objects.values_list("identification", flat=True))
    response = upload(
        staff,
        HEADER
        + "An,Goed, R0000002 ,,Alpha,yes,4:12\n"  # line 2: fine
        + "Piet,Fout,x123,,,,\n"  # line 3
        + "Els,Onbekend,r0000003,,Nope,,\n"  # line 4
        + "Tom,Dubbel,r0000002,,,,\n"  # line 5
        + "Lies,Traag,r0000004,,,,4:99\n"  # line 6
        + "Kim,Elders,r0000005,Sorbonne,,,\n"  # line 7
        + ",Leeg,r0000006,,,,\n"  # line 8
        + "Ward,Wit,r0000007,,,maybe,\n",  # line 9
    )
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None  # nothing to confirm
    report = {row["line"]: " ".join(row["reasons"]) for row in response.context["import_report"]["rows"]}
    assert sorted(report) == [3, 4, 5, 6, 7, 8, 9]
    assert "is not a valid KU Leuven student ID" in report[3]
    assert "Unknown group “Nope”" in report[4]
    assert "also on line 2" in report[5]
    assert "is not a test time" in report[6]
    assert "Unknown university “Sorbonne”" in report[7]
    assert "first_name" in report[8]
    assert "is not yes or no" in report[9]
    page = response.content.decode()
    assert "Nothing was imported" in page and "Line 4" in page
    assert set(Runner.objects.values_list("identification", flat=True)) == before
    assert not Group.objects.filter(name="Nope").exists()


def test_a_file_with_a_wrong_header_is_refused_with_the_expected_columns(staff, race):
    response = upload(staff, "firstname,last_name,identification\nJan,X,r0000009\n")
    errors = response.context["import_report"]["file_errors"]
    assert len(errors) == 1 and "missing column(s): first_name" in errors[0]
    assert response.context["import_report"]["rows"] == []
    assert "unknown column(s): firstname" in errors[0]
    assert not Runner.objects.filter(identification="r0000009").exists()


def test_a_clean_import_creates_and_updates_runners_after_confirmation(staff, race):
    response = upload(
        staff,
        HEADER
        + "An,Goed, R0000002 ,,Alpha,yes,4:12\n"
        + "Bart,Snel,r0000003,KU LEUVEN,,0,252.5\n"
        + "Jan,Peeters,R0123456,,,,1:02:03\n",  # known: updates the test time, keeps the group
    )
    assert response.context["import_report"] is None
    confirm = response.context["confirm_form"]
    assert confirm is not None
    assert not Runner.objects.filter(identification="r0000002").exists()  # the preview wrote nothing

    done = staff.post(reverse("admin:competition_runner_process_import"), confirm.initial)
    assert done.status_code == 302
    an = Runner.objects.get(identification="r0000002")
    assert (an.university.abbreviation, an.group.name, an.first_year, an.test_time) == (
        "KU Leuven",
        "Alpha",
        True,
        timedelta(minutes=4, seconds=12),
    )
    bart = Runner.objects.get(identification="r0000003")
    assert (bart.group, bart.first_year, bart.test_time) == (None, False, timedelta(seconds=252.5))
    jan = Runner.objects.get(identification="r0123456")
    assert (jan.group, jan.test_time) == (race["group"], timedelta(hours=1, minutes=2, seconds=3))

    # Through the runner services, as from the kiosk and the API: audited and announced per runner.
    entries = AuditEntry.objects.filter(target_type="runner", user__username="boss")
    assert sorted(entries.values_list("action", flat=True)) == ["create", "create", "update"]
    assert entries.get(action="update").details["fields"] == ["test_time"]
    changed = sorted(e["runner"]["id"] for e in stored_events("runner_changed"))
    assert changed == sorted([an.pk, bart.pk, jan.pk])
    assert stored_events("points_changed") == []


def test_an_xlsx_import_reads_spreadsheet_types(staff, race):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["Lore", "Vos", "r0000010", "KU Leuven", "Alpha", True, 252])
    content = io.BytesIO()
    book.save(content)
    file = SimpleUploadedFile("runners.xlsx", content.getvalue())
    response = staff.post(reverse("admin:competition_runner_import"), {"format": "1", "import_file": file})
    assert response.context["import_report"] is None
    staff.post(reverse("admin:competition_runner_process_import"), response.context["confirm_form"].initial)
    lore = Runner.objects.get(identification="r0000010")
    assert (lore.first_year, lore.test_time, lore.group.name) == (True, timedelta(seconds=252), "Alpha")


# Laps


def export(staff, file_format: str, **filters):
    lap_admin = admin.site._registry[Lap]
    titles = [f().get_title() for f in lap_admin.get_export_formats()]
    data = {"format": str(titles.index(file_format)), "resource": "0"}
    data.update({f"lapresource_{column}": "on" for column in LAP_COLUMNS})
    query = "?" + "&".join(f"{k}={v}" for k, v in filters.items()) if filters else ""
    return staff.post(reverse("admin:competition_lap_export") + query, data)


@pytest.fixture
def scored_lap(race):
    CriterionFactory(upper_limit=timedelta(minutes=5), points=10)
    return race["lap"]  # 3 minutes, so 10 points times the base multiplier 1


def test_laps_export_as_csv_with_runner_group_duration_and_points(staff, scored_lap):
    response = export(staff, "csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(LAP_COLUMNS)
    by_id = {row["id"]: row for row in rows}
    lap = by_id[str(scored_lap.pk)]
    assert lap["runner_name"] == "Jan Peeters"
    assert lap["identification"] == "r0123456"
    assert lap["group"] == "Alpha"
    assert float(lap["duration_seconds"]) == 180.0
    assert lap["points"] == "10"
    assert lap["raining"] == "0"
    assert lap["start"] and lap["end"]
    running = next(row for row in rows if row["id"] != str(scored_lap.pk))
    assert (running["runner_name"], running["end"], running["points"]) == ("", "", "")


def test_a_staff_member_without_view_permission_cannot_export_or_import(db, race):
    client = Client()
    client.force_login(UserFactory(username="helper", is_staff=True))
    assert client.post(reverse("admin:competition_lap_export"), {"format": "0"}).status_code == 403
    assert client.get(reverse("admin:competition_runner_export")).status_code == 403
    assert client.get(reverse("admin:competition_runner_import")).status_code == 403


def test_laps_export_as_a_valid_xlsx(staff, scored_lap):
    response = export(staff, "xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(LAP_COLUMNS)
    lap = next(row for row in rows[1:] if row[0] == scored_lap.pk)
    assert lap[1] == "Jan Peeters" and lap[7] == 10 and lap[6] == 180.0


def test_the_lap_export_follows_the_list_filter(staff, scored_lap):
    rows = list(csv.DictReader(io.StringIO(export(staff, "csv", assigned="no").content.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [str(Lap.objects.get(runner=None).pk)]


def test_a_runner_name_cannot_become_a_spreadsheet_formula(staff, race):
    LapFactory(runner=RunnerFactory(first_name="=HYPERLINK(1)", last_name="X", identification="r0000099"))
    rows = list(csv.DictReader(io.StringIO(export(staff, "csv").content.decode("utf-8-sig"))))
    assert "'=HYPERLINK(1) X" in [row["runner_name"] for row in rows]


def test_lap_search_and_filters(staff, race):
    page = staff.get(url(Lap, "changelist"), {"q": "r0123456"})
    assert [lap.pk for lap in page.context["cl"].result_list] == [race["lap"].pk]
    page = staff.get(url(Lap, "changelist"), {"q": "peeters"})
    assert [lap.pk for lap in page.context["cl"].result_list] == [race["lap"].pk]
    page = staff.get(url(Lap, "changelist"), {"assigned": "no"})
    assert [lap.pk for lap in page.context["cl"].result_list] == [race["running"].pk]
    page = staff.get(url(Lap, "changelist"), {"raining__exact": "1"})
    assert page.context["cl"].result_count == 0


def test_the_lap_list_shows_points_and_a_warning(staff, scored_lap):
    page = staff.get(url(Lap, "changelist"))
    content = page.content.decode()
    assert "Careful during the event" in content
    assert "3:00" in content
    [lap] = [lap for lap in page.context["cl"].result_list if lap.pk == scored_lap.pk]
    assert lap.points_value == 10


def test_the_lap_list_is_a_fixed_number_of_queries(staff, race):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(url(Lap, "changelist")).status_code == 200
        return len(queries)

    few = count()
    LapFactory.create_batch(15, end=timezone.now() - timedelta(hours=1))
    assert count() == few


def test_a_second_running_lap_is_a_form_error_not_a_server_error(staff, race):
    start = split(timezone.now())
    data = {"start_0": start["0"], "start_1": start["1"], "end_0": "", "end_1": ""}
    response = staff.post(url(Lap, "add"), data)
    assert response.status_code == 200
    assert "Another lap is still running" in str(response.context["adminform"].form.errors)
    assert Lap.objects.filter(end__isnull=True).count() == 1


def test_a_lap_ending_before_it_starts_is_a_form_error(staff, race):
    now = timezone.now()
    start, end = split(now), split(now - timedelta(minutes=1))
    data = {"start_0": start["0"], "start_1": start["1"], "end_0": end["0"], "end_1": end["1"]}
    response = staff.post(url(Lap, "add"), data)
    assert "A lap must end after it starts" in str(response.context["adminform"].form.errors["end"])


def test_a_rule_broken_between_the_check_and_the_save_is_a_message_not_a_server_error(staff, race, monkeypatch):
    # As if next lap started a lap after the form checked: the database refuses the save.
    monkeypatch.setattr(Lap, "validate_constraints", lambda self, exclude=None: None)
    start = split(timezone.now())
    data = {"start_0": start["0"], "start_1": start["1"], "end_0": "", "end_1": ""}
    response = staff.post(url(Lap, "add"), data, follow=True)
    assert response.status_code == 200
    assert any("Another lap is still running" in str(m) for m in response.context["messages"])
    assert Lap.objects.filter(end__isnull=True).count() == 1
    assert not AuditEntry.objects.filter(target_type="lap", action="create").exists()


def test_an_admin_edit_of_a_finished_lap_makes_the_screens_reload_and_is_audited(staff, scored_lap):
    data = form_data(staff.get(url(Lap, "change", scored_lap.pk)))
    data["raining"] = "on"
    assert staff.post(url(Lap, "change", scored_lap.pk), data).status_code == 302
    scored_lap.refresh_from_db()
    assert scored_lap.raining
    assert AuditEntry.objects.get(action="update", target_type="lap").details == {"fields": ["raining"]}
    # No event says "a past lap changed": every page reloads its snapshot (and with it the boards).
    assert [(e["model"], e["ids"], e["action"]) for e in stored_events("resync")] == [
        ("lap", [scored_lap.pk], "update")
    ]
    assert stored_events("data_changed") == []
    assert_invariants()  # its stored points are the rule's again


def test_deleting_laps_in_bulk_is_audited_per_lap(staff, race):
    ids = [race["lap"].pk, race["running"].pk]
    response = staff.post(url(Lap, "changelist"), {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert response.status_code == 302
    assert not Lap.objects.filter(pk__in=ids).exists()
    deleted = AuditEntry.objects.filter(action="delete", target_type="lap")
    assert sorted(int(i) for i in deleted.values_list("target_id", flat=True)) == sorted(ids)
    [event] = stored_events("resync")  # one for the whole selection
    assert event["ids"] == sorted(ids)


def test_queue_tickets_filter_by_state_and_search_by_runner(staff, race):
    ticket = race["ticket"]
    page = staff.get(url(QueueTicket, "changelist"), {"state__exact": "waiting", "q": ticket.runner.identification})
    assert [t.pk for t in page.context["cl"].result_list] == [ticket.pk]
    page = staff.get(url(QueueTicket, "changelist"), {"state__exact": "done"})
    assert page.context["cl"].result_count == 0


# Reference data and settings


def test_a_second_base_criterion_is_a_form_error(staff, race):
    response = staff.post(url(Criterion, "add"), {"upper_limit": "00:10:00", "points": "5", "base": "on"})
    assert response.status_code == 200
    assert "There is already a base criterion" in str(response.context["adminform"].form.errors)
    assert Criterion.objects.filter(base=True).count() == 1


def test_changing_a_groups_happy_hours_announces_points(staff, race):
    happy_hour = HappyHour.objects.filter(base=False).first()
    group = race["group"]
    data = form_data(staff.get(url(Group, "change", group.pk)))
    data["happy_hours"] = [str(happy_hour.pk)]
    assert staff.post(url(Group, "change", group.pk), data).status_code == 302
    assert list(group.happy_hours.all()) == [happy_hour]
    assert len(stored_events("points_changed")) == 1
    assert_invariants()  # stored after the many-to-many save, not before it


def test_deleting_a_shift_is_audited_and_published(staff, race):
    shift = race["shift"]
    assert staff.post(url(Shift, "delete", shift.pk), {"post": "yes"}).status_code == 302
    assert AuditEntry.objects.filter(action="delete", target_type="shift", target_id=str(shift.pk)).exists()
    [event] = stored_events("data_changed")
    assert (event["model"], event["id"], event["action"]) == ("shift", shift.pk, "delete")


def test_a_broken_student_id_pattern_is_refused(staff, race):
    data = {"name": "Elsewhere", "abbreviation": "EW", "student_id_pattern": "^s(\\d{7}$"}
    response = staff.post(url(University, "add"), data)
    assert "not a valid regular expression" in str(response.context["adminform"].form.errors)


def test_editing_the_event_settings_publishes_them(staff, race):
    data = form_data(staff.get(url(EventSettings, "change", 1)))
    data["banner"] = "Pizza at midnight"
    assert staff.post(url(EventSettings, "change", 1), data).status_code == 302
    [event] = stored_events("settings_changed")
    assert event["settings"]["banner"] == "Pizza at midnight"
    assert event["changed"] == ["banner"]


def test_an_unknown_time_zone_is_refused(staff, race):
    data = form_data(staff.get(url(EventSettings, "change", 1)))
    data["time_zone"] = "Europe/Atlantis"
    response = staff.post(url(EventSettings, "change", 1), data)
    assert "is not a time zone" in str(response.context["adminform"].form.errors)


def test_deleting_a_lap_in_the_admin_retires_its_ticket(admin_client):
    from competition.models import Lap, QueueTicket
    from competition.tests.factories import RunnerFactory

    runner = RunnerFactory()
    ticket = QueueTicket.objects.create(runner=runner, position=None, state="done")
    lap = Lap.objects.create(runner=runner, ticket=ticket, start="2026-05-06T20:00:00Z", end="2026-05-06T20:03:00Z")
    response = admin_client.post(f"/admin/competition/lap/{lap.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.state == "removed"


def test_a_happy_hour_given_to_a_group_in_the_admin_multiplies_the_stored_points(staff, race, scored_lap):
    assert Lap.objects.get(pk=scored_lap.pk).points == 10
    window = HappyHourFactory(start=scored_lap.end - timedelta(hours=1), end=scored_lap.end + timedelta(hours=1))
    HappyHour.objects.filter(pk=window.pk).update(multiplier=3)
    group = scored_lap.runner.group
    data = form_data(staff.get(url(Group, "change", group.pk)))
    data["happy_hours"] = [str(window.pk)]
    assert staff.post(url(Group, "change", group.pk), data).status_code == 302
    assert Lap.objects.get(pk=scored_lap.pk).points == 30
    assert_invariants()
