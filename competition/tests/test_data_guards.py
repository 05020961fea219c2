"""Data guards (issue 13): one criterion per upper limit, group names unique ignoring case and
accents, student IDs normalised one way at every door, messages that never show a regex.

Each rule is in the database and shows as a message a person can act on: a 400 in the API, a
form error in the admin, a row error in the import. These tests run on SQLite and PostgreSQL.
"""

import random
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from competition.demo.event import add_groups
from competition.demo.names import ASSOCIATIONS
from competition.errors import DomainError
from competition.folding import Fold, fold
from competition.models import Criterion, Group, Runner, University, normalise_identification
from competition.services.data import data_create
from competition.tests.factories import GroupFactory, RunnerFactory

pytestmark = pytest.mark.django_db

GROUP_CLASH = "already exists (names are compared ignoring case and accents)"
SAME_LIMIT = "Another criterion already has this upper limit"
REGEX = re.compile(r"\^|\$|\\d|\{\d")  # the marks of a pattern: ^ $ \d {7}


def admin_url(model, view: str = "add") -> str:
    return reverse(f"admin:competition_{model._meta.model_name}_{view}")


def form_errors(response) -> str:
    return str(response.context["adminform"].form.errors)


# One criterion per upper limit


def test_the_database_refuses_two_criteria_with_one_upper_limit_besides_the_base():
    Criterion.objects.create(upper_limit=timedelta(minutes=3), points=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.create(upper_limit=timedelta(minutes=3), points=5)
    # The base criterion's limit plays no part in scoring: another may have it.
    base = Criterion.objects.get(base=True)
    Criterion.objects.create(upper_limit=base.upper_limit, points=9)
    assert Criterion.objects.filter(upper_limit=base.upper_limit).count() == 2


def test_a_second_criterion_with_an_upper_limit_is_a_400_that_says_what_to_do(organiser):
    assert organiser.post("/api/criteria/", {"upper_limit": 180, "points": 7}, format="json").status_code == 201
    response = organiser.post("/api/criteria/", {"upper_limit": 180, "points": 5}, format="json")
    assert response.status_code == 400
    assert SAME_LIMIT in response.json()["detail"]
    assert SAME_LIMIT in response.json()["errors"]["upper_limit"][0]
    assert Criterion.objects.filter(base=False).count() == 1


def test_moving_a_criterion_onto_the_upper_limit_of_another_is_a_400(organiser):
    Criterion.objects.create(upper_limit=timedelta(minutes=3), points=7)
    other = Criterion.objects.create(upper_limit=timedelta(minutes=4), points=5)
    response = organiser.patch(f"/api/criteria/{other.pk}/", {"upper_limit": 180}, format="json")
    assert response.status_code == 400 and SAME_LIMIT in response.json()["detail"]
    # Its own limit again (or its points) is no clash.
    response = organiser.patch(f"/api/criteria/{other.pk}/", {"upper_limit": 240, "points": 6}, format="json")
    assert response.status_code == 200, response.json()


def test_a_second_criterion_with_an_upper_limit_is_a_form_error_in_the_admin(admin_client):
    Criterion.objects.create(upper_limit=timedelta(minutes=3), points=7)
    response = admin_client.post(admin_url(Criterion), {"upper_limit": "00:03:00", "points": "5"})
    assert response.status_code == 200
    assert SAME_LIMIT in str(response.context["adminform"].form.errors["upper_limit"])
    assert Criterion.objects.filter(base=False).count() == 1


def test_a_clash_that_gets_past_the_check_is_refused_with_the_models_message(organiser_user):
    Criterion.objects.create(upper_limit=timedelta(minutes=3), points=7)
    # As if another request saved between the serializer's check and this save.
    with pytest.raises(DomainError) as refused:
        data_create(by=organiser_user, model=Criterion, fields={"upper_limit": timedelta(minutes=3), "points": 5})
    assert SAME_LIMIT in refused.value.detail and "IntegrityError" not in refused.value.detail


# Group names, ignoring case and accents


@pytest.mark.parametrize(
    "name, expected",
    [("Test Kring", "test kring"), ("ZOË", "zoe"), ("Zoé Ørsted", "zoe orsted"), ("Straße", "strasse")],
)
def test_the_database_folds_names_as_python_does(name, expected):
    assert fold(name) == expected
    GroupFactory(name=name)
    assert Group.objects.annotate(folded=Fold("name")).get(name=name).folded == expected


@pytest.mark.parametrize("first, second", [("Test Kring", "test kring"), ("Zoë", "Zoe"), ("Zoe", "ZOË")])
def test_the_database_refuses_two_groups_with_one_name_ignoring_case_and_accents(first, second):
    Group.objects.create(name=first)
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(name=second)
    Group.objects.create(name=f"{second} 2")  # another name is another group
    assert Group.objects.count() == 2


def test_a_second_group_with_one_name_is_a_400_that_names_the_first(organiser):
    Group.objects.create(name="Test Kring")
    response = organiser.post("/api/groups/", {"name": "test kring"}, format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "A group named “Test Kring” " + GROUP_CLASH in detail
    assert "A group named “Test Kring”" in response.json()["errors"]["name"][0]
    assert Group.objects.count() == 1


def test_renaming_a_group_onto_another_is_a_400_but_recasing_its_own_name_is_not(organiser):
    Group.objects.create(name="Zoë")
    other = Group.objects.create(name="Alpha")
    response = organiser.patch(f"/api/groups/{other.pk}/", {"name": "ZOE"}, format="json")
    assert response.status_code == 400 and "A group named “Zoë”" in response.json()["detail"]
    response = organiser.patch(f"/api/groups/{other.pk}/", {"name": "ALPHA"}, format="json")
    assert response.status_code == 200, response.json()


def test_a_second_group_with_one_name_is_a_form_error_in_the_admin(admin_client):
    Group.objects.create(name="Zoë")
    response = admin_client.post(admin_url(Group), {"name": "zoe"})
    assert response.status_code == 200
    assert "A group named “Zoë” " + GROUP_CLASH in str(response.context["adminform"].form.errors["name"])
    assert Group.objects.count() == 1


def test_a_group_clash_that_gets_past_the_check_is_refused_with_the_models_message(organiser_user):
    Group.objects.create(name="Test Kring")
    with pytest.raises(DomainError) as refused:
        data_create(by=organiser_user, model=Group, fields={"name": "TEST KRING"})
    assert "A group named “Test Kring” " + GROUP_CLASH in refused.value.detail


def test_the_demo_adds_no_group_whose_name_is_taken_in_another_case():
    Group.objects.create(name="vtk")
    made = add_groups(random.Random(1), len(ASSOCIATIONS))
    assert "VTK" not in {group.name for group in made}


# Student IDs: one normalisation everywhere, messages without a regex


@pytest.mark.parametrize(
    "raw, stored", [("R 0999002", "r0999002"), (" r09 99\t002\n", "r0999002"), ("R\u00a00999002", "r0999002")]
)
def test_a_student_id_loses_every_space_and_capital(raw, stored):
    assert normalise_identification(raw) == stored


def test_a_volunteer_registers_an_id_typed_with_spaces(volunteer):
    ku = University.objects.get(abbreviation="KU Leuven")
    body = {"first_name": "An", "last_name": "Goed", "identification": "R 0999002", "university": ku.pk}
    response = volunteer.post("/api/runners/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["identification"] == "r0999002"


def test_a_lookup_and_a_scan_find_the_runner_whatever_the_spaces(volunteer):
    runner = RunnerFactory(identification="r0999002")
    response = volunteer.post("/api/runners/lookup/", {"identification": "R 0999 002"}, format="json")
    assert response.status_code == 200 and response.json()["id"] == runner.pk
    response = volunteer.post("/api/queue/", {"identification": "r 0999002"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["runner"]["id"] == runner.pk


def test_staff_change_an_id_to_one_typed_with_spaces(organiser):
    runner = RunnerFactory(identification="r0999002")
    response = organiser.patch(f"/api/runners/{runner.pk}/", {"identification": "R 0999 003"}, format="json")
    assert response.status_code == 200, response.json()
    runner.refresh_from_db()
    assert runner.identification == "r0999003"


def test_a_wrong_id_is_a_400_with_an_example_never_the_pattern(volunteer):
    ku = University.objects.get(abbreviation="KU Leuven")
    body = {"first_name": "An", "last_name": "Goed", "identification": "r099900", "university": ku.pk}
    response = volunteer.post("/api/runners/", body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "“r099900” is not a valid KU Leuven student ID (for example r0123456)."
    response = volunteer.post("/api/runners/lookup/", {"identification": "x 1"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "“x1” is not a valid KU Leuven student ID (for example r0123456)."


def test_a_wrong_id_names_the_example_of_every_university_when_none_fits(volunteer):
    University.objects.create(name="Elders", abbreviation="EL", student_id_pattern=r"^s\d{5}$")
    response = volunteer.post("/api/runners/lookup/", {"identification": "x1"}, format="json")
    detail = response.json()["detail"]
    assert response.status_code == 400 and "“x1” is not a valid student ID" in detail
    assert "KU Leuven (for example r0123456)" in detail and "EL" in detail
    assert not REGEX.search(detail)


def test_the_admin_stores_an_id_typed_with_spaces_and_refuses_a_wrong_one_without_a_regex(admin_client):
    ku = University.objects.get(abbreviation="KU Leuven")
    data = {"first_name": "Els", "last_name": "Maes", "university": str(ku.pk), "registered_at_0": "2026-05-01"}
    data |= {"registered_at_1": "20:00:00", "identification": "R 0999002"}
    response = admin_client.post(admin_url(Runner), data)
    assert response.status_code == 302, form_errors(response)
    assert Runner.objects.filter(identification="r0999002").exists()

    response = admin_client.post(admin_url(Runner), {**data, "identification": "r099900"})
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["identification"])
    assert "is not a valid KU Leuven student ID (for example r0123456)" in errors
    assert not REGEX.search(errors)


HEADER = "first_name,last_name,identification,university,group,first_year,test_time\n"


def upload(client, text: str):
    file = SimpleUploadedFile("runners.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("admin:competition_runner_import"), {"format": "0", "import_file": file})


def test_the_import_reads_ids_typed_with_spaces_and_groups_whatever_their_case_and_accents(admin_client):
    zoe = Group.objects.create(name="Zoë")
    response = upload(admin_client, HEADER + "An,Goed,R 0999 002,,zoe,,\n")
    assert response.context["import_report"] is None
    confirm = response.context["confirm_form"]
    assert admin_client.post(reverse("admin:competition_runner_process_import"), confirm.initial).status_code == 302
    runner = Runner.objects.get(identification="r0999002")
    assert runner.group == zoe


def test_a_wrong_id_in_the_import_is_a_row_error_without_a_regex(admin_client):
    response = upload(admin_client, HEADER + "An,Goed,r0999002,,,,\nPiet,Fout,r 099900,,,,\n")
    [row] = response.context["import_report"]["rows"]
    assert row["line"] == 3
    reason = " ".join(row["reasons"])
    assert "“r099900” is not a valid KU Leuven student ID (for example r0123456)" in reason
    assert not REGEX.search(reason)
    assert not Runner.objects.exists()


def test_an_example_that_breaks_the_pattern_is_refused_in_the_api_and_the_admin(organiser, admin_client):
    body = {"name": "Elders", "abbreviation": "EL", "student_id_pattern": r"^s\d{5}$", "student_id_example": "r12345"}
    response = organiser.post("/api/universities/", body, format="json")
    assert response.status_code == 400
    assert "does not match the student-ID pattern" in response.json()["errors"]["student_id_example"][0]
    response = admin_client.post(admin_url(University), body)
    assert "does not match the student-ID pattern" in str(response.context["adminform"].form.errors)
    assert not University.objects.filter(abbreviation="EL").exists()

    response = organiser.post("/api/universities/", {**body, "student_id_example": "S 12345"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["student_id_example"] == "s12345"


# The migration on a database that already breaks the rules


@pytest.mark.django_db(transaction=True)
def test_the_migration_stops_and_names_existing_duplicates_and_deletes_nothing():
    executor = MigrationExecutor(connection)
    before, guards = [("competition", "0005_university_safe_pattern")], [("competition", "0006_data_guards")]
    latest = executor.loader.graph.leaf_nodes("competition")
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        OldGroup, OldCriterion = apps.get_model("competition", "Group"), apps.get_model("competition", "Criterion")
        OldRunner = apps.get_model("competition", "Runner")
        first, second = OldGroup.objects.create(name="Test Kring"), OldGroup.objects.create(name="test kring")
        OldCriterion.objects.create(upper_limit=timedelta(minutes=3), points=7)
        extra = OldCriterion.objects.create(upper_limit=timedelta(minutes=3), points=5)
        university = apps.get_model("competition", "University").objects.get(abbreviation="KU Leuven")
        spaced = OldRunner.objects.create(
            first_name="A", last_name="B", identification="r 0999002", university=university
        )
        OldRunner.objects.create(first_name="C", last_name="D", identification="r0999002", university=university)
        OldRunner.objects.create(first_name="E", last_name="F", identification="x 7", university=university)

        executor.loader.build_graph()
        with pytest.raises(CommandError) as stopped:
            executor.migrate(guards)
        message = str(stopped.value)
        assert f"groups “Test Kring” (id {first.pk}) and “test kring” (id {second.pk})" in message
        assert "criteria" in message and "(7 points) and" in message and "(5 points)" in message
        assert "“r 0999002”" in message and "“r0999002”" in message
        assert OldGroup.objects.count() == 2 and OldCriterion.objects.filter(base=False).count() == 2

        # Once staff fixed them, it runs, and the IDs with spaces take the form every door looks up.
        second.delete(), extra.delete(), spaced.delete()
        executor.loader.build_graph()
        executor.migrate(guards)
    finally:
        executor.loader.build_graph()
        executor.migrate(latest)
    assert Runner.objects.filter(identification="x7").exists()
    assert University.objects.get(abbreviation="KU Leuven").student_id_example == "r0123456"
    with pytest.raises(IntegrityError), transaction.atomic():
        Group.objects.create(name="TEST KRING")
