"""Inputs the API fuzzer (test_fuzz.py) found answered with a 500 or outside the schema: each is a 4xx now."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/laps/null,null/",
        "/api/laps/99999999999999999999/",
        "/api/runners/abc/summary/",
        "/api/groups/1.5/",
    ],
)
def test_an_id_in_the_path_that_is_no_id_is_a_json_404(organiser, url):
    response = organiser.get(url)
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("method, url", [("delete", "/api/queue/null,null/"), ("post", "/api/queue/x/skip/")])
def test_a_command_on_an_id_that_is_no_id_is_a_404(organiser, method, url):
    assert getattr(organiser, method)(url, {}, format="json").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"min_lap_time": 10**30},
        {"min_lap_time": "nan"},
        {"press_time_window": "inf"},
        {"min_lap_time": True},
        {"race_start": "0407-01-06T16:46:06Z"},
        {"race_start": "2026-05-06T20:00:00Z", "race_end": "2026-05-06T19:00:00Z"},
    ],
)
def test_settings_out_of_range_are_refused_with_a_reason(organiser, body):
    response = organiser.patch("/api/settings/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_a_race_that_ends_before_it_starts_is_refused_in_words(organiser):
    organiser.patch("/api/settings/", {"race_start": "2026-05-06T20:00:00Z"}, format="json")
    response = organiser.patch("/api/settings/", {"race_end": "2026-05-06T19:00:00Z"}, format="json")
    assert response.status_code == 400
    assert "end after it starts" in response.json()["detail"]


def test_a_date_far_from_any_race_is_refused(organiser):
    response = organiser.post(
        "/api/shifts/", {"name": "Old", "start": "0407-01-06T16:46:06Z", "end": "0407-01-06T18:46:06Z"}, format="json"
    )
    assert response.status_code == 400
    assert "2000" in response.json()["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "university=0.5",
        "university=99999999999999999999",
        "group=abc",
        "page_size=null",
        "page_size=0",
        "page_size=501",
        "page_size=5&page_size=6",
        "page=abc",
        "page=",
        "first_year=null",
        "first_year=yes please",
    ],
)
def test_a_list_filter_or_page_that_is_not_a_whole_number_is_a_400(organiser, query):
    response = organiser.get(f"/api/runners/?{query}")
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_a_page_past_the_end_is_a_404(organiser):
    assert organiser.get("/api/runners/?page=99").status_code == 404


def test_every_error_status_an_operation_can_answer_is_in_the_schema(spectator):
    schema = spectator.get("/api/schema/?format=json").json()
    stats = schema["paths"]["/api/stats/"]["get"]
    advance = schema["paths"]["/api/laps/advance/"]["post"]
    detail = schema["paths"]["/api/laps/{id}/"]["get"]
    assert {"200", "400", "401", "429", "503"} <= set(stats["responses"])
    assert {} in stats["security"]  # open to anonymous visitors
    assert {} not in advance["security"]
    assert {"400", "401", "403", "404", "409", "422", "429", "503"} <= set(advance["responses"])
    assert "404" in detail["responses"]
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


@pytest.mark.parametrize("query, count", [("first_year=true", 1), ("first_year=0", 1), ("first_year=FALSE", 1)])
def test_a_boolean_filter_takes_true_or_false(organiser, query, count):
    from competition.tests.factories import RunnerFactory

    RunnerFactory(first_year=True)
    RunnerFactory(first_year=False)
    assert organiser.get(f"/api/runners/?{query}").json()["count"] == count


def test_the_lap_filters_refuse_what_is_not_a_boolean(spectator):
    for query in (
        "unassigned=maybe",
        "finished=null",
        "raining=2",
        "started_before=",
        "runner=",
        "finished=",
        "finished_after=x",
    ):
        assert spectator.get(f"/api/laps/?{query}").status_code == 400, query


@pytest.mark.parametrize(
    "url, body",
    [
        ("/api/groups/", {"name": "Zero", "happy_hours": {}}),
        ("/api/universities/", {"name": "Test U", "abbreviation": "TU", "student_id_pattern": 0}),
        ("/api/groups/", {"name": 7}),
    ],
)
def test_a_body_of_the_wrong_json_type_is_refused(organiser, url, body):
    response = organiser.post(url, body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("after", ["0232-05-07T08:36:38.0+23:09", "2026-13-01T20:00:00Z", "soon"])
def test_the_without_shift_query_refuses_a_time_that_is_no_time(organiser, after):
    """Found by the fuzzer on PostgreSQL: an offset of +23:09 (PostgreSQL takes ±15:59) was a 500."""
    from urllib.parse import quote

    response = organiser.get(f"/api/query/without-upcoming-shift/?after={quote(after)}")
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_the_without_shift_query_takes_a_far_offset_within_the_years(organiser):
    from urllib.parse import quote

    response = organiser.get(f"/api/query/without-upcoming-shift/?after={quote('2026-05-07T08:36:38+14:30')}")
    assert response.status_code == 200


def test_a_text_longer_than_its_limit_is_refused_even_if_trimming_would_shorten_it(organiser):
    # Found by the long fuzzing run: 31 characters, the first a carriage return, were trimmed to
    # 30 and accepted, although the schema says at most 30.
    padded = organiser.post("/api/universities/", {"name": "Padded", "abbreviation": "\r" + "x" * 30}, format="json")
    assert padded.status_code == 400 and "abbreviation" in padded.json()["errors"]
    trimmed = organiser.post("/api/universities/", {"name": "Trimmed", "abbreviation": " UHasselt "}, format="json")
    assert trimmed.status_code == 201 and trimmed.json()["abbreviation"] == "UHasselt"


# --- issue 12: what an outside fuzzer found on PostgreSQL (CI runs these there too) ---------------


@pytest.mark.parametrize(
    "query",
    [
        "finished_after=0232-05-07T08:36:38%2B23:09",
        "started_before=1999-12-31T23:00:00Z",
        "finished_before=0001-01-01T00:00:00%2B01:00",
        "started_after=9999-12-31T23:59:59-01:00",
    ],
)
def test_every_time_filter_of_the_laps_list_refuses_what_the_database_cannot_hold(spectator, query):
    response = spectator.get(f"/api/laps/?{query}")
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_a_time_filter_with_an_unusual_but_valid_offset_works(spectator):
    # +23:09 is refused above for its year; within 2000-2100 it is converted to UTC, which any database holds.
    response = spectator.get("/api/laps/?finished_after=2026-05-07T08:36:38%2B23:09")
    assert response.status_code == 200


@pytest.mark.parametrize("depth", [21, 2000, 30_000])  # 30,000 levels: 60 KB, under the 64 KiB limit
def test_json_nested_too_deeply_is_a_400_for_anyone(spectator, organiser, depth):
    body = "[" * depth + "]" * depth
    for client, url in ((spectator, "/api/auth/login/"), (organiser, "/api/laps/advance/")):
        response = client.generic("POST", url, body, content_type="application/json")
        assert response.status_code == 400, (url, response.content[:200])
        assert "nested" in response.json()["detail"]


def test_json_nested_as_deep_as_allowed_is_read(organiser):
    from competition.api.parsers import MAX_DEPTH

    body = '{"expected_lap": null, "idempotency_key": "k", "x": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    response = organiser.generic("POST", "/api/laps/advance/", body, content_type="application/json")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "where",
    ["query", "header", "cookie", "search", "json"],
)
def test_a_nul_character_anywhere_is_a_400(organiser, where):
    from django.test import Client

    client = Client()
    if where == "query":
        response = client.get("/api/laps/?runner=1%00")
    elif where == "header":
        response = client.get("/api/stats/", headers={"User-Agent": "a\x00b"})
    elif where == "cookie":
        client.cookies["sessionid"] = "abcdefghijklmnop\x00"
        response = client.get("/api/auth/me/")
    elif where == "search":
        response = organiser.get("/api/runners/", {"search": "a\x00b"})
    else:
        response = organiser.post("/api/queue/", {"identification": "r0\x00123456"}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


def test_http_basic_credentials_with_a_nul_or_too_long_are_refused_as_wrong(db):
    import base64

    from django.test import Client

    for credentials in ("ad\x00min:admin", "admin:ad\x00min", "a" * 300 + ":x"):
        token = base64.b64encode(credentials.encode()).decode()
        response = Client().get("/api/runners/", headers={"Authorization": f"Basic {token}"})
        assert response.status_code == 401, (credentials[:10], response.content)


@pytest.mark.server
def test_nul_characters_sent_raw_to_a_real_server_are_refused_not_a_500(databases, tmp_path):
    """Through Daphne, on the run's database (PostgreSQL in CI, where a NUL reaching a query was a 500)."""
    import base64
    import socket

    from competition.tests.live_server import Daphne, server_env

    db_env = databases.fresh()
    env = server_env(**db_env, DEBUG="0", SECRET_KEY="nul-" + "k" * 60, LOG_LEVEL="ERROR")
    server = Daphne(env, tmp_path, name="nul").start()
    basic = base64.b64encode(b"ad\x00min:admin").decode()
    requests = {
        "query": b"GET /api/laps/?runner=1%00 HTTP/1.1\r\n",
        "header": b"GET /api/stats/ HTTP/1.1\r\nUser-Agent: a\x00b\r\n",
        "cookie": b"GET /api/auth/me/ HTTP/1.1\r\nCookie: sessionid=abcdefghijklmnop\x00q\r\n",
        "basic auth": f"GET /api/runners/ HTTP/1.1\r\nAuthorization: Basic {basic}\r\n".encode(),
        "path": b"GET /api/laps/%00/ HTTP/1.1\r\n",
    }
    bodies = {"json body": b'{"username": "a\\u0000", "password": "xx"}'}
    length = len(bodies["json body"])
    requests["json body"] = (
        f"POST /api/auth/login/ HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n"
    )
    requests["json body"] = requests["json body"].encode()
    statuses = {}
    try:
        for name, head in requests.items():
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
                sock.sendall(head + f"Host: 127.0.0.1:{server.port}\r\nConnection: close\r\n\r\n".encode())
                sock.sendall(bodies.get(name, b""))
                answer = b""
                while chunk := sock.recv(65536):
                    answer += chunk
            statuses[name] = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
        log = server.log()
    finally:
        server.stop()
        databases.drop(db_env)
    assert all(400 <= status < 500 for status in statuses.values()), statuses
    assert "Internal Server Error" not in log and "Traceback" not in log, log
