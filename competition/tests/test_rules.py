"""Rules written once (issue 15): the model's message, under the same field, in the admin, the API and the database."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from competition.models import Criterion, EventSettings, HappyHour, IdempotencyRecord, Shift
from competition.models.reference import MAX_MULTIPLIER, MAX_POINTS
from competition.rules import broken_rule
from competition.tests.admin_forms import form_data, split, url
from competition.tests.factories import UserFactory

START = timezone.now().replace(microsecond=0) + timedelta(days=1)
EARLIER = (START - timedelta(hours=1)).isoformat()


def message(model, name: str) -> str:
    return next(c for c in model._meta.constraints if c.name == name).get_violation_error_message()


@pytest.fixture
def admin_browser(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def test_every_rule_a_person_can_break_has_a_message_of_its_own():
    internal = {IdempotencyRecord}  # written by the services only, never from a form
    for model in set(apps.get_app_config("competition").get_models()) - internal:
        for constraint in model._meta.constraints:
            assert constraint.violation_error_message != constraint.default_violation_error_message, constraint.name


@pytest.mark.parametrize(
    "url_path, body, model, rule, field",
    [
        (
            "/api/shifts/",
            {"name": "Evening", "start": START.isoformat(), "end": EARLIER},
            Shift,
            "shift_end_after_start",
            "end",
        ),
        (
            "/api/happy-hours/",
            {"name": "Pizza", "start": START.isoformat(), "end": EARLIER, "multiplier": 2},
            HappyHour,
            "happyhour_end_after_start",
            "end",
        ),
        (
            "/api/happy-hours/",
            {"name": "Pizza", "start": EARLIER, "end": START.isoformat(), "multiplier": 0},
            HappyHour,
            "happyhour_multiplier_at_least_1",
            "multiplier",
        ),
        ("/api/criteria/", {"upper_limit": 0, "points": 3}, Criterion, "criterion_upper_limit_positive", "upper_limit"),
        ("/api/criteria/", {"upper_limit": 100, "points": 3, "base": True}, Criterion, "criterion_one_base", "base"),
        (
            "/api/happy-hours/",
            {"name": "Always", "start": EARLIER, "end": START.isoformat(), "base": True},
            HappyHour,
            "happyhour_one_base",
            "base",
        ),
    ],
)
def test_a_broken_rule_is_a_400_under_its_field_in_the_models_words(organiser, url_path, body, model, rule, field):
    response = organiser.post(url_path, body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][field] == [message(model, rule)]
    assert response.json()["detail"] == f"{field}: {message(model, rule)}"


def test_the_admin_form_shows_the_same_words_under_the_same_field(admin_browser):
    start, end = split(START), split(START - timedelta(hours=1))
    data = {"name": "Evening", "start_0": start["0"], "start_1": start["1"], "end_0": end["0"], "end_1": end["1"]}
    response = admin_browser.post(url(Shift, "add"), data)
    assert response.context["adminform"].form.errors["end"] == [message(Shift, "shift_end_after_start")]
    assert not Shift.objects.exists()


def test_the_time_zone_rule_is_the_models_in_the_api_and_the_admin(organiser, admin_browser):
    said = "“Europe/Atlantis” is not a time zone; use a name like Europe/Brussels."
    response = organiser.patch("/api/settings/", {"time_zone": "Europe/Atlantis"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"time_zone": [said]}
    data = form_data(admin_browser.get(url(EventSettings, "change", 1)))
    data["time_zone"] = "Europe/Atlantis"
    form = admin_browser.post(url(EventSettings, "change", 1), data).context["adminform"].form
    assert form.errors["time_zone"] == [said]
    assert EventSettings.load().time_zone != "Europe/Atlantis"


def test_a_race_ending_before_it_starts_is_refused_with_the_models_words(organiser):
    organiser.patch("/api/settings/", {"race_start": START.isoformat()}, format="json")
    response = organiser.patch("/api/settings/", {"race_end": EARLIER}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == message(EventSettings, "eventsettings_race_end_after_start")


@pytest.mark.django_db
def test_the_databases_refusal_is_said_in_the_models_words():
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Shift.objects.create(name="Backwards", start=START, end=START - timedelta(hours=1))
    assert broken_rule(refused.value) == message(Shift, "shift_end_after_start")
    assert broken_rule("some other database error") is None


def test_points_and_multipliers_have_limits_of_their_own_the_same_on_every_database(organiser):
    # The schema (and the generated app types) once took these limits from the database backend.
    before = Criterion.objects.count(), HappyHour.objects.count()
    response = organiser.post("/api/criteria/", {"upper_limit": 300, "points": MAX_POINTS + 1}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["points"] == [f"Ensure this value is less than or equal to {MAX_POINTS}."]
    body = {"name": "Night", "start": START.isoformat(), "end": (START + timedelta(hours=1)).isoformat()}
    response = organiser.post("/api/happy-hours/", {**body, "multiplier": MAX_MULTIPLIER + 1}, format="json")
    assert response.status_code == 400
    assert "multiplier" in response.json()["errors"]
    assert (Criterion.objects.count(), HappyHour.objects.count()) == before
