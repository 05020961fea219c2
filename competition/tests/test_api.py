"""The rest of the API contract: runners, reference data, settings, auth, errors."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_eventstream.models import Event

from competition.models import AuditEntry, Criterion, EventSettings, Runner, University
from competition.tests.factories import RunnerFactory, ShiftFactory, UserFactory

pytestmark = pytest.mark.django_db


def last_event() -> tuple[str, dict]:
    event = Event.objects.order_by("-eid").first()
    return event.type, json.loads(json.loads(event.data))


def test_a_volunteer_registers_a_runner_with_a_normalised_id(volunteer):
    ku = University.objects.get(abbreviation="KU Leuven")
    response = volunteer.post(
        "/api/runners/",
        {
            "first_name": " Ada ",
            "last_name": "Peeters",
            "identification": " R0123456",
            "university": ku.pk,
            "first_year": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["identification"] == "r0123456"
    runner = Runner.objects.get()
    assert (runner.first_name, runner.first_year) == ("Ada", True)
    kind, payload = last_event()
    assert kind == "runner_changed" and "identification" not in payload["runner"]
    assert AuditEntry.objects.filter(action="create", target_type="runner").exists()


def test_registering_a_malformed_id_says_so_with_an_example_never_the_pattern(volunteer):
    ku = University.objects.get(abbreviation="KU Leuven")
    response = volunteer.post(
        "/api/runners/",
        {"first_name": "A", "last_name": "B", "identification": "abc", "university": ku.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "“abc” is not a valid KU Leuven student ID (for example r0123456)."
    assert not Runner.objects.exists()


def test_registering_an_existing_id_is_409(volunteer):
    runner = RunnerFactory(identification="r0000042")
    response = volunteer.post(
        "/api/runners/",
        {"first_name": "A", "last_name": "B", "identification": "R0000042", "university": runner.university_id},
        format="json",
    )
    assert response.status_code == 409 and response.json()["code"] == "already_registered"


def test_volunteers_may_not_set_test_times_or_shifts(volunteer):
    ku = University.objects.get(abbreviation="KU Leuven")
    body = {"first_name": "A", "last_name": "B", "identification": "r0000001", "university": ku.pk, "test_time": 200}
    assert volunteer.post("/api/runners/", body, format="json").status_code == 403
    assert not Runner.objects.exists()


def test_looking_a_runner_up_by_student_id(volunteer):
    runner = RunnerFactory(identification="r0000007")
    RunnerFactory.create_batch(3)
    response = volunteer.post("/api/runners/lookup/", {"identification": " R0000007 "}, format="json")
    assert response.status_code == 200
    assert response.json()["id"] == runner.pk and response.json()["identification"] == "r0000007"


def test_staff_edit_a_runner_with_test_time_and_shifts(organiser):
    runner, shift = RunnerFactory(), ShiftFactory()
    response = organiser.patch(f"/api/runners/{runner.pk}/", {"test_time": 171.5, "shifts": [shift.pk]}, format="json")
    assert response.status_code == 200, response.json()
    runner.refresh_from_db()
    assert runner.test_time == timedelta(seconds=171.5)
    assert list(runner.shifts.all()) == [shift]


def test_lists_are_paginated(organiser):
    RunnerFactory.create_batch(60)
    body = organiser.get("/api/runners/").json()
    assert body["count"] == 60 and len(body["results"]) == 50 and body["next"]


def test_a_second_base_criterion_is_refused_with_a_message(organiser):
    response = organiser.post("/api/criteria/", {"upper_limit": 100, "points": 3, "base": True}, format="json")
    assert response.status_code == 400
    assert "already a base criterion" in response.json()["detail"]
    assert Criterion.objects.filter(base=True).count() == 1


def test_a_criterion_change_tells_screens_to_refresh_points(organiser):
    response = organiser.post("/api/criteria/", {"upper_limit": 150, "points": 10, "base": False}, format="json")
    assert response.status_code == 201
    assert response.json()["upper_limit"] == 150.0
    assert last_event()[0] == "points_changed"


def test_settings_are_public_to_read_and_staff_to_write(spectator, organiser):
    assert spectator.get("/api/settings/").json()["min_lap_time"] == 30.0
    assert spectator.patch("/api/settings/", {"banner": "x"}, format="json").status_code == 401
    response = organiser.patch(
        "/api/settings/",
        {
            "banner": "Pasta at the stand!",
            "raining": True,
            "min_lap_time": 45,
            "press_time_window": 600,
            "title": "24u",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = spectator.get("/api/settings/").json()
    assert (body["banner"], body["raining"], body["min_lap_time"], body["press_time_window"], body["title"]) == (
        "Pasta at the stand!",
        True,
        45.0,
        600.0,
        "24u",
    )
    kind, payload = last_event()
    assert kind == "settings_changed" and payload["settings"]["raining"] is True


def test_reload_displays_raises_the_reload_token(organiser):
    before = EventSettings.load().reload_token
    organiser.patch("/api/settings/", {"reload_displays": True}, format="json")
    assert EventSettings.load().reload_token == before + 1
    assert last_event()[1]["changed"] == ["reload_token"]


def test_settings_refuse_bad_values_with_field_errors(organiser):
    response = organiser.patch("/api/settings/", {"time_zone": "Mars/Base", "min_lap_time": -3}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"time_zone", "min_lap_time"}


def test_me_login_and_logout_with_csrf():
    UserFactory(username="kiosk", password="secret")
    client = Client(enforce_csrf_checks=True)
    me = client.get("/api/auth/me/").json()
    assert me == {"user": None, "roles": ["anonymous"], "permissions": me["permissions"]}
    assert "rest_stats_lap" in me["permissions"] and "rest_advance_lap" not in me["permissions"]
    token = client.cookies["csrftoken"].value
    wrong = client.post(
        "/api/auth/login/",
        {"username": "kiosk", "password": "nope"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert wrong.status_code == 400 and wrong.json()["detail"] == "Wrong username or password."
    ok = client.post(
        "/api/auth/login/",
        {"username": "kiosk", "password": "secret"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert ok.status_code == 200 and ok.json()["user"]["username"] == "kiosk"
    token = client.cookies["csrftoken"].value  # rotated at login
    out = client.post("/api/auth/logout/", content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert out.status_code == 200 and out.json()["user"] is None


def test_staff_see_every_permission(organiser):
    permissions = organiser.get("/api/auth/me/").json()["permissions"]
    assert {"rest_advance_lap", "rest_reverse_lap", "rest_move_queueticket"} <= set(permissions)


def test_a_body_that_is_not_json_is_400_with_a_detail(organiser):
    response = organiser.post("/api/laps/advance/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_a_body_that_is_too_large_is_413(organiser):
    response = organiser.post("/api/queue/", {"identification": "r" * 100_000}, format="json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_a_form_body_is_refused_with_415(organiser):
    response = organiser.post(
        "/api/laps/advance/", "idempotency_key=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert response.json()["detail"]


def test_shift_queries_for_the_query_page(organiser):
    now = timezone.now()
    evening = ShiftFactory(start=now + timedelta(hours=2), end=now + timedelta(hours=3))
    busy, idle = RunnerFactory(), RunnerFactory()
    busy.shifts.add(evening)
    in_shift = organiser.get("/api/query/shift-runners/", {"shift": evening.pk}).json()
    assert [r["id"] for r in in_shift] == [busy.pk]
    free = organiser.get("/api/query/without-upcoming-shift/", {"after": now.isoformat()}).json()
    assert [r["id"] for r in free] == [idle.pk]
    assert organiser.get("/api/query/shift-runners/").status_code == 400
    assert organiser.get("/api/query/without-upcoming-shift/", {"after": "soon"}).status_code == 400


def test_runner_search_by_name_or_id(organiser):
    ada = RunnerFactory(first_name="Ada", last_name="Lovelace", identification="r0000815")
    RunnerFactory(first_name="Bob", last_name="Marley")
    assert [r["id"] for r in organiser.get("/api/runners/", {"search": "lovel"}).json()["results"]] == [ada.pk]
    assert [r["id"] for r in organiser.get("/api/runners/", {"search": "0815"}).json()["results"]] == [ada.pk]


def test_the_openapi_schema_and_docs_are_served(spectator):
    schema = spectator.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/laps/advance/" in schema.content
    docs = spectator.get("/api/docs/")
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/" in docs.content  # served here, no CDN needed


def test_healthz_answers_when_the_database_does(spectator):
    response = spectator.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"


def test_an_unknown_api_path_is_a_json_404(spectator):
    response = spectator.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no API endpoint at /api/no-such-thing/."


def test_a_chunked_body_without_length_is_411(organiser):
    response = organiser.post("/api/queue/", {"runner": 1}, format="json", HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411 and "Content-Length" in response.json()["detail"]
