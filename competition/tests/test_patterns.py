"""Student-ID patterns that cannot stall a scan (issue 12): refused at every door, never run if stored."""

import time

import pytest
from django.urls import reverse

from competition.models import University
from competition.patterns import pattern_problem

CATASTROPHIC = r"(a+)+$"


@pytest.mark.parametrize("pattern", [CATASTROPHIC, r"^(a|aa)*$", r"^(a?){25}a{25}$", r"(\w)\1", r"(x"])
def test_a_pattern_that_can_backtrack_or_is_broken_is_refused(pattern):
    assert pattern_problem(pattern)


@pytest.mark.parametrize("pattern", [r"^r\d{7}$", r"^[a-z0-9]{4,12}$", r"^(r|s|u)\d{7}$", r"^(\d{3})+$", ""])
def test_plain_patterns_are_accepted(pattern):
    assert pattern_problem(pattern) is None


def test_the_api_refuses_a_catastrophic_pattern_with_a_reason(organiser):
    body = {"name": "Slow U", "abbreviation": "SU", "student_id_pattern": CATASTROPHIC}
    response = organiser.post("/api/universities/", body, format="json")
    assert response.status_code == 400
    assert "(a+)+" in response.json()["detail"] and "^r\\d{7}$" in response.json()["detail"]
    assert not University.objects.filter(abbreviation="SU").exists()


def test_the_admin_refuses_a_catastrophic_pattern_with_a_reason(admin_client):
    response = admin_client.post(
        reverse("admin:competition_university_add"),
        {"name": "Slow U", "abbreviation": "SU", "student_id_pattern": CATASTROPHIC},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "can take minutes" in response.content.decode()
    assert not University.objects.filter(abbreviation="SU").exists()


def test_a_catastrophic_pattern_stored_before_the_check_is_never_run_on_a_scan(volunteer):
    University.objects.update(student_id_pattern=CATASTROPHIC)  # written behind the app's back
    started = time.monotonic()
    response = volunteer.post("/api/queue/", {"identification": "a" * 40 + "!"}, format="json")
    took = time.monotonic() - started
    assert response.status_code == 400
    assert "cannot be checked safely" in response.json()["detail"]
    assert took < 2, f"the scan took {took:.1f} s"  # (a+)+$ on these 41 characters would take hours
