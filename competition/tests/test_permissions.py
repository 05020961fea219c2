"""The permission matrix of SPEC sections 7 and 10, generated from the URL configuration.

Every (route, method) the URL configuration serves must have a decided minimum role in EXPECTED,
so nobody can add a route without deciding who may use it. Each route is then called by an
anonymous spectator, a kiosk volunteer (`competition`) and an organiser (staff).
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from competition.models import Lap, Milestone, QueueTicket, Reward, University
from competition.tests.factories import (
    CriterionFactory,
    GroupFactory,
    HappyHourFactory,
    LapFactory,
    RunnerFactory,
    ShiftFactory,
    TicketFactory,
)

# Minimum role per (URL name, method). "nobody" is a route no role may use.
ANONYMOUS, COMPETITION, STAFF, NOBODY = "anonymous", "competition", "staff", "nobody"
RANK = {ANONYMOUS: 0, COMPETITION: 1, STAFF: 2, NOBODY: 3}

EXPECTED = {
    # OpenAPI schema and docs: the contract itself, no data (SPEC section 10).
    ("schema", "GET"): ANONYMOUS,
    ("docs", "GET"): ANONYMOUS,
    # The browsable API's index: links only, no data.
    ("api-root", "GET"): ANONYMOUS,
    ("auth-me", "GET"): ANONYMOUS,
    ("auth-login", "POST"): ANONYMOUS,
    ("auth-logout", "POST"): ANONYMOUS,
    ("stats", "GET"): ANONYMOUS,
    ("settings", "GET"): ANONYMOUS,
    ("settings", "PATCH"): STAFF,
    # Staff until they publish them in the settings (test_results.py covers the published case).
    ("results", "GET"): STAFF,
    ("events", "GET"): ANONYMOUS,
    ("healthz", "GET"): ANONYMOUS,
    ("lap-list", "GET"): ANONYMOUS,
    ("lap-detail", "GET"): ANONYMOUS,
    ("lap-current", "GET"): ANONYMOUS,
    ("lap-advance", "POST"): STAFF,
    ("lap-reverse", "POST"): STAFF,
    ("lap-assign", "POST"): STAFF,
    ("lap-confirm", "POST"): STAFF,
    ("queue-list", "GET"): ANONYMOUS,
    ("queue-list", "POST"): COMPETITION,
    ("queue-detail", "DELETE"): STAFF,
    ("queue-move", "POST"): STAFF,
    ("queue-skip", "POST"): STAFF,
    # The kiosk (a shared device) registers runners and looks one up by card; it cannot list,
    # search or read runners by id (SPEC section 7).
    ("runner-list", "GET"): STAFF,
    ("runner-list", "POST"): COMPETITION,
    ("runner-lookup", "POST"): COMPETITION,
    ("runner-detail", "GET"): STAFF,
    ("runner-detail", "PUT"): STAFF,
    ("runner-detail", "PATCH"): STAFF,
    ("runner-summary", "GET"): ANONYMOUS,
    ("query-shift-runners", "GET"): STAFF,
    ("query-without-upcoming-shift", "GET"): STAFF,
    ("shift-list", "GET"): STAFF,
    ("shift-list", "POST"): STAFF,
    ("shift-detail", "GET"): STAFF,
    ("shift-detail", "PUT"): STAFF,
    ("shift-detail", "PATCH"): STAFF,
    ("shift-detail", "DELETE"): STAFF,
    # The kiosk volunteer reads the shift board and the rewards due; staff check in by hand and
    # hand rewards out (SPEC section 5).
    ("shift-board", "GET"): COMPETITION,
    ("shift-checkin", "POST"): STAFF,
    ("reward-list", "GET"): COMPETITION,
    ("reward-handout", "POST"): STAFF,
    ("milestone-list", "GET"): STAFF,
    ("milestone-list", "POST"): STAFF,
    ("milestone-detail", "GET"): STAFF,
    ("milestone-detail", "PUT"): STAFF,
    ("milestone-detail", "PATCH"): STAFF,
    ("milestone-detail", "DELETE"): STAFF,
}
# Reference data the public pages show: anyone reads, staff write.
for basename in ("group", "university", "criterion", "happyhour"):
    EXPECTED |= {
        (f"{basename}-list", "GET"): ANONYMOUS,
        (f"{basename}-list", "POST"): STAFF,
        (f"{basename}-detail", "GET"): ANONYMOUS,
        (f"{basename}-detail", "PUT"): STAFF,
        (f"{basename}-detail", "PATCH"): STAFF,
        (f"{basename}-detail", "DELETE"): STAFF,
    }

# Where the code disagrees with the spec (the spec wins): (URL name, method, role) -> why.
DISAGREEMENTS: dict[tuple[str, str, str], str] = {}

ROLES = {"spectator": ANONYMOUS, "volunteer": COMPETITION, "organiser": STAFF}

# HEAD mirrors GET and OPTIONS only describes the route (RestPermission lets it through for all).
IGNORED_METHODS = {"head", "options"}


def walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, route)
        else:
            yield route, pattern


def view_methods(callback) -> set[str]:
    actions = getattr(callback, "actions", None)  # a router's method -> action mapping
    if actions is not None:
        methods = set(actions)
    elif hasattr(callback, "view_class"):
        view_class = callback.view_class
        methods = {m for m in view_class.http_method_names if hasattr(view_class, m)}
    else:
        methods = {"get"}  # plain function views: events_view and healthz only answer GET
    return {m.upper() for m in methods - IGNORED_METHODS}


def discover_routes() -> dict[tuple[str, str], object]:
    """(URL name, method) -> URL pattern for every route under /api/ and /healthz."""
    found = {}
    for route, pattern in walk(get_resolver().url_patterns):
        if not (route.startswith("api/") or route == "healthz"):
            continue  # the admin has its own staff-only login
        if "format" in pattern.pattern.regex.groupindex:
            continue  # the router's `.json` suffix duplicates of a route
        assert pattern.name, f"route {route} has no name; name it so the permission matrix can list it"
        for method in view_methods(pattern.callback):
            assert (pattern.name, method) not in found, f"two routes are named {pattern.name}"
            found[(pattern.name, method)] = pattern
    return found


ROUTES = discover_routes()


def matrix_cases():
    for name, method in sorted(ROUTES):
        for role in ROLES:
            marks = []
            if (name, method, role) in DISAGREEMENTS:
                marks.append(pytest.mark.xfail(strict=True, reason=DISAGREEMENTS[(name, method, role)]))
            yield pytest.param(name, method, role, id=f"{method} {name} as {role}", marks=marks)


@pytest.fixture
def objects(db) -> dict[str, int]:
    """One object of each kind a route can name, keyed by the view's permission_model."""
    lap = LapFactory()
    return {
        "lap": lap.pk,
        "queueticket": TicketFactory().pk,
        "runner": lap.runner_id,
        "group": GroupFactory().pk,
        # Not KU Leuven: the runners refer to that one, and a staff DELETE must not hit PROTECT.
        "university": University.objects.create(name="Test University", abbreviation="TU").pk,
        "criterion": CriterionFactory().pk,
        "happyhour": HappyHourFactory().pk,
        "shift": ShiftFactory().pk,
        "milestone": Milestone.objects.create(laps=1, reward="A drink").pk,
        "reward": Reward.objects.create(
            runner_id=lap.runner_id, milestone=Milestone.objects.create(laps=99, reward="-"), reached_at=lap.end
        ).pk,
    }


def url_for(pattern, objects: dict[str, int]) -> str:
    kwargs = {}
    if "pk" in pattern.pattern.regex.groupindex:
        model = pattern.callback.cls.permission_model
        kwargs["pk"] = objects[model]
    return reverse(pattern.name, kwargs=kwargs)


def send(client, method: str, url: str):
    call = getattr(client, method.lower())
    response = call(url) if method == "GET" else call(url, {}, format="json")
    if response.streaming:
        response.close()  # the SSE stream never ends: the status is all we read
    return response


def test_every_route_and_method_has_a_decided_minimum_role():
    undecided = set(ROUTES) - EXPECTED.keys()
    gone = EXPECTED.keys() - set(ROUTES)
    assert not undecided, f"routes without a decided role, add them to EXPECTED: {sorted(undecided)}"
    assert not gone, f"EXPECTED lists routes the URL configuration no longer serves: {sorted(gone)}"


@pytest.mark.parametrize(("name", "method", "role"), list(matrix_cases()))
def test_each_role_may_use_exactly_the_routes_the_spec_gives_it(request, objects, name, method, role):
    assert (name, method) in EXPECTED, f"{method} {name} has no decided role: add it to EXPECTED"
    client = request.getfixturevalue(role)
    url = url_for(ROUTES[(name, method)], objects)

    response = send(client, method, url)

    if RANK[ROLES[role]] >= RANK[EXPECTED[(name, method)]]:
        assert response.status_code not in (401, 403), f"{role} was refused {method} {url}"
    elif role == "spectator":
        assert response.status_code == 401, f"{method} {url} answered {response.status_code} to anonymous"
    else:
        assert response.status_code == 403, f"{method} {url} answered {response.status_code} to {role}"


# --- private fields ----------------------------------------------------------------------------

PRIVATE_KEYS = {"identification", "test_time", "shifts"}

# Anonymous GET routes whose body is not data: the never-ending SSE stream (its payloads are built
# by payloads.py, which has no private fields), and the schema and docs, which name every field.
NOT_DATA = {"events", "schema", "docs", "api-root"}  # a stream, the contract, and links

# The shift board tells the kiosk volunteer who is in the current and next shift: that is what it
# is for (SPEC section 5). Student IDs and test times stay out of it.
SHIFTS_BY_DESIGN = {("shift-board", "volunteer")}


def keys_in(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


@pytest.fixture
def race_with_private_data(objects) -> dict[str, int]:
    """Runners with test times and shifts, finished laps, a running lap and a waiting queue."""
    shift = ShiftFactory()
    runners = RunnerFactory.create_batch(4, test_time=timedelta(minutes=3), group=GroupFactory())
    for runner in runners:
        runner.shifts.add(shift)
    now = timezone.now()
    for i, runner in enumerate(runners[:2]):
        LapFactory(runner=runner, end=now - timedelta(minutes=10 * (i + 1)))
    Lap.objects.create(runner=runners[2], start=now - timedelta(minutes=1))
    QueueTicket.objects.create(runner=runners[3], position=1 << 30)
    return {**objects, "runner": runners[0].pk}


@pytest.mark.parametrize("role", ["spectator", "volunteer"])
def test_no_read_of_anonymous_or_volunteer_contains_student_ids_test_times_or_shifts(
    request, role, race_with_private_data
):
    client = request.getfixturevalue(role)
    reads = [
        pattern
        for (name, method), pattern in ROUTES.items()
        if method == "GET" and RANK[EXPECTED[(name, method)]] <= RANK[ROLES[role]] and name not in NOT_DATA
    ]
    assert len(reads) > 10

    for pattern in reads:
        url = url_for(pattern, race_with_private_data)
        response = client.get(url)
        assert response.status_code == 200, url
        private = PRIVATE_KEYS - {"shifts"} if (pattern.name, role) in SHIFTS_BY_DESIGN else PRIVATE_KEYS
        leaked = keys_in(response.json()) & private
        assert not leaked, f"GET {url} shows {leaked} to {role}"


def test_staff_see_what_anonymous_and_the_volunteer_may_not(organiser, race_with_private_data):
    """The check above is only worth something if the private fields exist for someone."""
    response = organiser.get(f"/api/runners/{race_with_private_data['runner']}/summary/")

    assert {"identification", "test_time"} <= keys_in(response.json())


# --- CSRF --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "url"), [("organiser_user", "/api/laps/advance/"), ("volunteer_user", "/api/queue/")])
def test_a_session_post_without_csrf_token_is_refused(db, request, user, url):
    # db is named so conftest.defaults creates the competition group before the user fixture
    user = request.getfixturevalue(user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(url, {}, content_type="application/json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_session_post_with_the_csrf_token_gets_past_the_check(volunteer_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer_user)
    client.get("/api/auth/me/")  # sets the csrftoken cookie, as the SPA does on load

    response = client.post(
        "/api/queue/", {}, content_type="application/json", headers={"X-CSRFToken": client.cookies["csrftoken"].value}
    )

    assert response.status_code == 400  # the empty body, not the permission


def test_login_without_csrf_token_is_refused(volunteer_user):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/api/auth/login/", {"username": volunteer_user.username, "password": "secret"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert "_auth_user_id" not in client.session
