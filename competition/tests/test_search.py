"""Searching runners (SPEC sections 5 and 7; issues 12 and 13): bounded, one query, case- and accent-insensitive."""

import pytest
from django.db import OperationalError, connection, transaction

from competition import search
from competition.api.errors import database_unavailable
from competition.tests.factories import RunnerFactory


def found(client, text) -> list[int]:
    response = client.get("/api/runners/", {"search": text})
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Zoë Ørsted", "zoe orsted"),
        ("ÉLODIE", "elodie"),
        ("Straße", "strasse"),
        ("Œuvre Łódź", "oeuvre lodz"),
        ("r0123456", "r0123456"),
    ],
)
def test_fold_drops_case_and_accents(text, expected):
    assert search.fold(text) == expected


def test_zoe_finds_every_zoe_whatever_the_accents_and_case(organiser):
    zoes = [RunnerFactory(first_name=name).pk for name in ("Zoë", "ZOË", "zoé", "Zoe")]
    RunnerFactory(first_name="Zola")
    assert found(organiser, "zoe") == sorted(zoes)
    assert found(organiser, "ZOË") == sorted(zoes)


def test_every_word_must_match_a_name_or_the_student_id(organiser):
    ada = RunnerFactory(first_name="Ada", last_name="Lovelace", identification="r0000815")
    RunnerFactory(first_name="Ada", last_name="Byron")
    assert found(organiser, "ada lovelace") == [ada.pk]
    assert found(organiser, "lovel 0815") == [ada.pk]
    assert found(organiser, "R0000815") == [ada.pk]
    assert found(organiser, "ada 9999") == []


def test_wildcards_in_a_search_are_plain_characters(organiser):
    RunnerFactory(first_name="Ada")
    assert found(organiser, "%") == [] and found(organiser, "_") == []


@pytest.mark.parametrize(
    "text, says",
    [(" ".join(["word"] * (search.MAX_WORDS + 1)), "at most 5 words"), ("x" * (search.MAX_CHARS + 1), "characters")],
)
def test_a_search_beyond_the_bounds_is_a_400_that_says_why(organiser, text, says):
    response = organiser.get("/api/runners/", {"search": text})
    assert response.status_code == 400
    assert says in response.json()["detail"]


def test_a_2000_word_search_is_refused_at_once(organiser, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # the session and the user; no search runs
        response = organiser.get("/api/runners/", {"search": " ".join(["a"] * 2000)})
    assert response.status_code == 400


def test_a_search_is_one_query_for_the_page(organiser, django_assert_max_num_queries):
    RunnerFactory.create_batch(30, first_name="Zoë")
    with django_assert_max_num_queries(6):  # count, page (with points), shifts prefetch, session, user
        assert len(found(organiser, "zoe lee r0")) >= 0


def test_the_volunteer_cannot_search(volunteer):
    RunnerFactory(first_name="Zoë")
    assert volunteer.get("/api/runners/", {"search": "zoe"}).status_code == 403


def test_a_query_the_database_refuses_is_no_database_outage(db):
    """Only a lost, refused or busy connection is a 503 `database_unavailable`, not a bad query."""
    with pytest.raises(OperationalError) as refused, transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a statement cancelled by its time limit
            cursor.execute("SET LOCAL statement_timeout = 1")
            cursor.execute("SELECT pg_sleep(0.2)")
        else:
            cursor.execute("SELECT * FROM nowhere")
    assert not database_unavailable(refused.value)
