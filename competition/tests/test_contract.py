"""The contract from one source: what the API answers and the stream sends is what /api/schema/ says.

The answers and the events of a small race, run through the real API and services, are checked
against the generated schema's components, strictly (a field the schema does not name is a
failure too), so a payload builder and its description cannot drift apart.
"""

import ast
import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone
from django_eventstream.models import Event

from competition.api.answers import ERROR_CODES
from competition.api.event_schema import EVENT_SERIALIZERS, RaceSchemaGenerator
from competition.event_payloads import BUILDERS, EventType
from competition.models import Lap, QueueTicket
from competition.services.lap_fixes import lap_edit
from competition.services.queue import queue_reset
from competition.tests.conftest import advance, key, reverse
from competition.tests.factories import GroupFactory, RunnerFactory

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def schema() -> dict:
    generated = RaceSchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(generated))


def as_json_schema(node, strict: bool = True):
    """OpenAPI 3.0 to JSON Schema: `nullable` as a null alternative; with `strict`, no undescribed fields."""
    if isinstance(node, list):
        return [as_json_schema(item, strict) for item in node]
    if not isinstance(node, dict):
        return node
    node = {name: as_json_schema(value, strict) for name, value in node.items()}
    if strict and "properties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def check(schema: dict, instance, target: dict, what: str = "") -> None:
    """Validate `instance` against `target` (a schema or a $ref) of the generated schema."""
    document = {**target, "components": as_json_schema(schema["components"])}
    validator = jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, what + "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def component(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def check_answer(schema: dict, response, method: str, path: str) -> dict:
    """The answer's body matches what the schema documents for this operation and status."""
    documented = schema["paths"][path][method]["responses"]
    assert str(response.status_code) in documented, f"{method} {path}: {response.status_code} is not documented"
    body = response.json()
    content = documented[str(response.status_code)]["content"]["application/json"]
    check(schema, body, content["schema"], f"{method} {path} {response.status_code}: ")
    return body


def stored_events() -> list[dict]:
    rows = Event.objects.filter(eid__gt=0).order_by("eid").values_list("data", flat=True)
    return [json.loads(json.loads(data)) for data in rows]


# --- the list of event types -----------------------------------------------------------------------


def test_every_event_type_has_one_builder_and_one_component(schema):
    assert set(BUILDERS) == set(EventType), "an event type without a builder in competition/event_payloads.py"
    assert set(EVENT_SERIALIZERS) == set(EventType), "an event type without a serializer in api/event_schema.py"
    components = schema["components"]["schemas"]
    assert components["EventTypeEnum"]["enum"] == [t.value for t in EventType]
    mapping = components["RaceEvent"]["discriminator"]["mapping"]
    assert set(mapping) == {t.value for t in EventType}
    for event_type in EventType:
        name = mapping[event_type.value].rpartition("/")[2]
        assert name == "".join(part.title() for part in event_type.value.split("_")) + "Event"
        assert components[name]["properties"]["type"] == {"type": "string", "enum": [event_type.value]}


def test_the_stream_is_in_the_schema_with_its_events(schema):
    stream = schema["paths"]["/api/events/"]["get"]
    assert stream["responses"]["200"]["content"]["text/event-stream"]["schema"] == component("RaceEvent")
    assert {"StreamOpen", "StreamReset"} <= schema["components"]["schemas"].keys()


def emit_calls():
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "emit":
                yield path.relative_to(SOURCE.parent), node


def test_every_event_is_emitted_with_a_member_of_event_type():
    calls = list(emit_calls())
    assert len(calls) > 20
    for path, call in calls:
        first = call.args[0] if call.args else None
        named = (
            isinstance(first, ast.Attribute)
            and isinstance(first.value, ast.Name)
            and first.value.id == "EventType"
            and first.attr in EventType.__members__
        )
        assert named, f"{path}:{call.lineno}: events.emit() takes an EventType member, not {ast.unparse(first)}"
        assert len(call.args) == 1, f"{path}:{call.lineno}: the payload goes as the builder's keyword arguments"


def written_error_codes():
    """Every error code the source writes: refusals' code=, {"code": ...} bodies, classes' code = ..."""
    for path in sorted([*SOURCE.rglob("*.py"), *(SOURCE.parent / "it24u").rglob("*.py")]):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) != (
                "ValidationError"  # Django's form and model errors: their codes never reach an answer
            ):
                for keyword in node.keywords:
                    if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                        yield keyword.value.value
                if getattr(node.func, "id", "") == "refuse" and len(node.args) >= 4:
                    yield node.args[3].value
            elif isinstance(node, ast.Dict):
                for name, value in zip(node.keys, node.values, strict=True):
                    if isinstance(name, ast.Constant) and name.value == "code" and isinstance(value, ast.Constant):
                        yield value.value
            elif isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if (
                        isinstance(statement, ast.Assign)
                        and [getattr(t, "id", None) for t in statement.targets] == ["code"]
                        and isinstance(statement.value, ast.Constant)
                    ):
                        yield statement.value.value


def test_every_error_code_the_source_writes_is_in_the_schema(schema):
    written = set(written_error_codes())
    assert {"too_soon", "stale_state", "busy", "login_busy", "invalid_login"} <= written
    assert written <= set(ERROR_CODES), f"add to api/answers.py ERROR_CODES: {sorted(written - set(ERROR_CODES))}"
    assert schema["components"]["schemas"]["ErrorCodeEnum"]["enum"] == ERROR_CODES


# --- a race: its answers and its events ------------------------------------------------------------


def now_iso(offset: int) -> str:
    return (timezone.now() + timedelta(seconds=offset)).isoformat()


def test_a_race_answers_and_publishes_what_the_schema_describes(schema, organiser, organiser_user, spectator):
    paths = {
        "advance": "/api/laps/advance/",
        "reverse": "/api/laps/reverse/",
        "queue": "/api/queue/",
        "ticket": "/api/queue/{id}/",
        "move": "/api/queue/{id}/move/",
        "skip": "/api/queue/{id}/skip/",
        "assign": "/api/laps/{id}/assign/",
        "confirm": "/api/laps/{id}/confirm/",
    }

    def ok(response, method, path):
        assert response.status_code < 300, response.content
        return check_answer(schema, response, method, path)

    def enqueue(runner):
        return ok(organiser.post("/api/queue/", {"runner": runner.pk}, format="json"), "post", paths["queue"])

    ok(organiser.patch("/api/settings/", {"raining": True}, format="json"), "patch", "/api/settings/")
    ok(organiser.post("/api/milestones/", {"laps": 1, "reward": "A drink"}, format="json"), "post", "/api/milestones/")
    group = ok(organiser.post("/api/groups/", {"name": "Chemistry"}, format="json"), "post", "/api/groups/")
    runners = RunnerFactory.create_batch(4, group=GroupFactory())
    ok(
        organiser.patch(f"/api/runners/{runners[0].pk}/", {"group": group["id"]}, format="json"),
        "patch",
        "/api/runners/{id}/",
    )
    tickets = [enqueue(runner) for runner in runners[:3]]
    ok(organiser.post(f"/api/queue/{tickets[2]['id']}/move/", {"position": 0}, format="json"), "post", paths["move"])
    ok(organiser.post(f"/api/queue/{tickets[2]['id']}/skip/", {"places": 1}, format="json"), "post", paths["skip"])

    started = ok(advance(organiser), "post", paths["advance"])["started"]
    too_soon = check_answer(schema, advance(organiser), "post", paths["advance"])
    assert too_soon["code"] == "too_soon" and too_soon["elapsed"] >= 0 and too_soon["min_lap_time"] == 30
    stale = check_answer(schema, advance(organiser, expected_lap=None), "post", paths["advance"])
    assert stale["code"] == "stale_state" and stale["current"]["id"] == started["id"] and stale["seq"] > 0
    body = {"idempotency_key": key(), "expected_lap": started["id"], "force": True}
    ok(organiser.post(paths["advance"], body, format="json"), "post", paths["advance"])
    replay = organiser.post(paths["advance"], body, format="json")
    assert replay["Idempotent-Replay"] == "true"
    assert "Idempotent-Replay" in schema["paths"][paths["advance"]]["post"]["responses"]["200"]["headers"]
    ok(replay, "post", paths["advance"])
    ok(reverse(organiser), "post", paths["reverse"])  # takes the reward of that lap back
    forced = ok(advance(organiser, force=True), "post", paths["advance"])["finished"]
    due = ok(organiser.get("/api/rewards/?due=1"), "get", "/api/rewards/")
    assert [reward["runner"]["id"] for reward in due] == [forced["runner"]["id"]]
    path = "/api/rewards/{id}/hand-out/"
    ok(organiser.post(path.format(id=due[0]["id"]), format="json"), "post", path)
    waiting = QueueTicket.objects.filter(state=QueueTicket.State.WAITING).values_list("pk", flat=True)
    ok(organiser.delete(f"/api/queue/{waiting.first()}/"), "delete", paths["ticket"])
    for _ in range(waiting.count() + 2):  # the queue runs dry: the last laps are nobody's
        ok(advance(organiser, force=True), "post", paths["advance"])
    unassigned = Lap.objects.filter(runner__isnull=True, end__isnull=False).first()
    ok(
        organiser.post(f"/api/laps/{unassigned.pk}/assign/", {"runner": runners[3].pk}, format="json"),
        "post",
        paths["assign"],
    )
    ok(organiser.post(f"/api/laps/{forced['id']}/confirm/", format="json"), "post", paths["confirm"])
    shift = ok(
        organiser.post("/api/shifts/", {"name": "Now", "start": now_iso(-600), "end": now_iso(3600)}, format="json"),
        "post",
        "/api/shifts/",
    )
    runners[0].shifts.add(shift["id"])
    scan_body = {"identification": runners[0].identification}
    scan = organiser.post("/api/queue/", scan_body, format="json")
    assert ok(scan, "post", paths["queue"])["check_ins"][0]["new"] is True
    path = "/api/shifts/{id}/check-in/"
    body = {"runner": runners[1].pk}
    ok(organiser.post(path.format(id=shift["id"]), body, format="json"), "post", path)
    board = ok(organiser.get("/api/shift-board/"), "get", "/api/shift-board/")
    assert [len(board["shifts"][0][name]) for name in ("checked_in", "missing")] == [2, 0]
    again = check_answer(schema, organiser.post("/api/queue/", scan_body, format="json"), "post", paths["queue"])
    assert again["code"] == "already_queued" and again["check_ins"][0]["new"] is False
    queue_reset(by=organiser_user)
    lap_edit(
        by=organiser_user, lap_id=forced["id"], start=Lap.objects.get(pk=forced["id"]).start - timedelta(seconds=1)
    )
    ok(organiser.post("/api/criteria/", {"upper_limit": 90, "points": 5}, format="json"), "post", "/api/criteria/")
    ok(organiser.patch("/api/settings/", {"leaderboard_frozen": True}, format="json"), "patch", "/api/settings/")
    ok(advance(organiser, stop=True, force=True), "post", paths["advance"])  # finished after the freeze

    events = stored_events()
    assert {event["type"] for event in events} == {t.value for t in EventType}
    for event in events:
        check(schema, event, component(EVENT_SERIALIZERS[EventType(event["type"])].__name__))
        check(schema, event, component("RaceEvent"))

    # The reads of every page, for each kind of visitor.
    lap = Lap.objects.order_by("-end").first()
    for client in (spectator, organiser):
        for path in ("/api/stats/", "/api/queue/", "/api/laps/current/", "/api/auth/me/", "/api/settings/"):
            check_answer(schema, client.get(path), "get", path)
        check_answer(schema, client.get("/api/laps/?page_size=5"), "get", "/api/laps/")
        check_answer(schema, client.get(f"/api/laps/{lap.pk}/"), "get", "/api/laps/{id}/")
        summary = client.get(f"/api/runners/{runners[0].pk}/summary/")
        check_answer(schema, summary, "get", "/api/runners/{id}/summary/")
    assert "identification" in summary.json()  # (the organiser's)
