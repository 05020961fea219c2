"""GET /api/results/ (SPEC section 5, Results): who sees them, what they say, and the CSV and XLSX files."""

import csv
import io
import json
import random
from collections import Counter, defaultdict
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone
from django_eventstream.models import Event

from competition.api.results import COLUMNS, NOT_PUBLISHED, SHEETS, XLSX_TYPE
from competition.demo import demo_create
from competition.models import AuditEntry, EventSettings, Lap
from competition.selectors.results import ranked
from competition.services.settings import settings_update
from competition.tests.admin_forms import form_data, stored_events, url
from competition.tests.factories import GroupFactory, LapFactory, RunnerFactory
from competition.tests.test_contract import check_answer, schema  # noqa: F401 (a fixture)
from competition.tests.test_permissions import PRIVATE_KEYS, keys_in

pytestmark = pytest.mark.django_db

URL = "/api/results/"
RUNNER_BOARDS = ("fastest_lap", "most_laps", "most_points", "first_year", "night_rain")
VALUE = {"fastest_lap": "best", "most_laps": "laps"}  # the other boards count points


def publish(value: bool = True) -> None:
    settings_update(by=None, results_published=value)


@pytest.fixture
def small_race(db):
    """Two groups, four runners (one a first-year, one without a group), a few laps each."""
    red, blue = GroupFactory(name="Red"), GroupFactory(name="Blue")
    ann = RunnerFactory(first_name="Ann", last_name="Peeters", group=red, first_year=True)
    bob = RunnerFactory(first_name="Bob", last_name="Maes", group=red)
    cas = RunnerFactory(first_name="Cas", last_name="Wouters", group=blue)
    dirk = RunnerFactory(first_name="Dirk", last_name="Jacobs", group=None)
    now = timezone.now()
    for i, (runner, minutes) in enumerate([(ann, 3), (ann, 4), (bob, 3.5), (cas, 2.5), (cas, 5), (dirk, 4)]):
        end = now - timedelta(minutes=10 * (10 - i))
        LapFactory(runner=runner, end=end, start=end - timedelta(minutes=minutes))
    return {"ann": ann, "bob": bob, "cas": cas, "dirk": dirk, "red": red, "blue": blue}


# --- who sees them ---------------------------------------------------------------------------------


def test_before_publishing_only_staff_see_the_results(spectator, volunteer, organiser, small_race):
    anonymous, kiosk = spectator.get(URL), volunteer.get(URL)

    assert anonymous.status_code == 401 and anonymous.json()["detail"] == NOT_PUBLISHED
    assert kiosk.status_code == 403 and kiosk.json()["detail"] == NOT_PUBLISHED
    assert organiser.get(URL).status_code == 200


def test_once_published_everybody_sees_them_without_private_fields(spectator, volunteer, small_race):
    publish()

    for client in (spectator, volunteer):
        response = client.get(URL)
        assert response.status_code == 200
        assert response.json()["published"] is True
        assert not keys_in(response.json()) & PRIVATE_KEYS


def test_a_refused_download_says_why_in_json(spectator, small_race):
    response = spectator.get(URL, {"format": "csv"})

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == NOT_PUBLISHED


def test_staff_publish_the_results_through_the_settings_audited_and_broadcast(organiser, volunteer, spectator):
    assert spectator.get("/api/settings/").json()["results_published"] is False
    assert volunteer.patch("/api/settings/", {"results_published": True}, format="json").status_code == 403

    response = organiser.patch("/api/settings/", {"results_published": True}, format="json")

    assert response.status_code == 200 and response.json()["results_published"] is True
    assert EventSettings.load().results_published is True
    entry = AuditEntry.objects.filter(action="settings").latest("id")
    assert entry.user.username == "organiser" and "results_published" in entry.details
    event = json.loads(json.loads(Event.objects.filter(eid__gt=0).latest("eid").data))
    assert event["type"] == "settings_changed" and event["changed"] == ["results_published"]
    assert event["settings"]["results_published"] is True
    assert spectator.get(URL).status_code == 200


def test_the_admin_publishes_them_through_the_same_service(admin_client, spectator):
    page = admin_client.get(url(EventSettings, "change", 1))
    data = form_data(page)
    assert data.get("results_published") in (None, False, "")  # a checkbox, unticked
    data["results_published"] = "on"

    assert admin_client.post(url(EventSettings, "change", 1), data).status_code == 302
    [event] = stored_events("settings_changed")
    assert event["changed"] == ["results_published"]
    assert AuditEntry.objects.filter(action="settings", details__has_key="results_published").exists()
    assert spectator.get(URL).status_code == 200


def test_the_answer_is_what_the_schema_says(organiser, small_race, schema):  # noqa: F811
    body = check_answer(schema, organiser.get(URL), "get", URL)

    assert body["published"] is False and body["top"] is None


# --- what they say ---------------------------------------------------------------------------------


def test_every_board_ranks_every_runner_and_every_group_has_its_totals(organiser, small_race):
    body = organiser.get(URL).json()

    names = {board: [row["runner"]["first_name"] for row in body["boards"][board]] for board in RUNNER_BOARDS}
    assert names["fastest_lap"] == ["Cas", "Ann", "Bob", "Dirk"]
    assert names["most_laps"] == ["Ann", "Cas", "Bob", "Dirk"]  # ties by runner id
    assert [row["rank"] for row in body["boards"]["most_laps"]] == [1, 1, 3, 3]
    assert names["first_year"] == ["Ann"]
    assert [(g["name"], g["laps"], g["runners"]) for g in body["groups"]] == [("Red", 3, 2), ("Blue", 2, 1)]
    assert body["totals"] == {
        "laps": 6,
        "runners": 4,
        "points": sum(r["points"] for r in body["boards"]["most_points"]),
        "groups": 2,
    }


def test_top_keeps_the_first_places_of_each_board(organiser, small_race):
    body = organiser.get(URL, {"top": 2}).json()

    assert body["top"] == 2
    assert all(len(body["boards"][board]) <= 2 for board in RUNNER_BOARDS)
    assert len(body["groups"]) == 2  # every group, always
    assert organiser.get(URL, {"top": 0}).status_code == 400


def test_equal_numbers_share_a_place():
    rows = [{"points": 9}, {"points": 7}, {"points": 7}, {"points": 3}]

    assert [row["rank"] for row in ranked(rows, "points")] == [1, 2, 2, 4]


def test_laps_after_the_freeze_are_left_out_for_staff_too(organiser, small_race):
    settings_update(by=None, leaderboard_frozen=True)
    LapFactory.create_batch(3, runner=small_race["bob"])

    body = organiser.get(URL).json()

    assert body["frozen_at"] is not None
    assert body["totals"]["laps"] == 6
    assert {r["runner"]["first_name"]: r["laps"] for r in body["boards"]["most_laps"]}["Bob"] == 1
    settings_update(by=None, leaderboard_frozen=False)
    assert organiser.get(URL).json()["boards"]["most_laps"][0]["runner"]["first_name"] == "Bob"


# --- the files -------------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> dict[str, list[dict]]:
    assert response["Content-Type"] == XLSX_TYPE
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheets = {}
    for sheet in book.worksheets:
        header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        sheets[sheet.title] = [dict(zip(header, row, strict=True)) for row in rows]
    return sheets


def same_numbers(csv_rows: list[dict], sheets: dict[str, list[dict]]) -> None:
    """Every row of every sheet is the CSV's row of that board, cell by cell (the CSV holds text)."""
    by_board = defaultdict(list)
    for row in csv_rows:
        by_board[row["board"]].append(row)
    assert list(sheets) == list(SHEETS.values()) and set(by_board) <= set(SHEETS)
    for board, title in SHEETS.items():
        rows, sheet = by_board[board], sheets[title]
        assert len(sheet) == len(rows), board
        for text_row, cells in zip(rows, sheet, strict=True):
            for column, value in cells.items():
                if isinstance(value, int | float):  # a sheet gives 105.0 back as 105
                    assert float(text_row[column]) == value, (board, column)
                else:
                    assert text_row[column] == ("" if value is None else value), (board, column)


def test_csv_and_xlsx_hold_the_same_numbers_as_the_answer(organiser, small_race):
    body = organiser.get(URL).json()
    rows = read_csv(organiser.get(URL, {"format": "csv"}))
    sheets = read_xlsx(organiser.get(URL, {"format": "xlsx"}))

    assert list(rows[0]) == list(COLUMNS)
    same_numbers(rows, sheets)
    assert sheets["Totals"] == [{k: body["totals"][k] for k in ("laps", "points", "runners")}]
    fastest = [(r["first_name"], r["best_lap_seconds"]) for r in sheets["Fastest lap"]]
    assert fastest == [(r["runner"]["first_name"], r["best"]) for r in body["boards"]["fastest_lap"]]
    assert [(g["group"], g["points"]) for g in sheets["Groups"]] == [(g["name"], g["points"]) for g in body["groups"]]


def test_a_name_a_spreadsheet_would_run_as_a_formula_stays_text(organiser, small_race):
    group = GroupFactory(name="@SUM(A1:A9)")
    runner = RunnerFactory(first_name="=HYPERLINK(1)", last_name="+cmd", group=group)
    LapFactory(runner=runner)

    rows = read_csv(organiser.get(URL, {"format": "csv"}))
    book = openpyxl.load_workbook(io.BytesIO(organiser.get(URL, {"format": "xlsx"}).content))

    row = next(r for r in rows if r["board"] == "most_laps" and "HYPERLINK" in r["first_name"])
    assert (row["first_name"], row["last_name"], row["group"]) == ("'=HYPERLINK(1)", "'+cmd", "'@SUM(A1:A9)")
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'=HYPERLINK(1)" in {cell.value for cell in cells}


# --- 20,000 laps -----------------------------------------------------------------------------------


def test_results_agree_with_the_leaderboards_at_20000_laps(organiser, spectator, django_assert_max_num_queries):
    demo_create(runners=600, groups=8, laps=20_000, queue=0, seed=16)
    ends = sorted(Lap.objects.filter(end__isnull=False).values_list("end", flat=True))
    settings_update(by=None, leaderboard_size=25, leaderboard_frozen_at=ends[len(ends) * 3 // 4])
    frozen = EventSettings.load().leaderboard_frozen_at
    Lap.objects.filter(end__gt=frozen).update(points=1000)  # nothing after the freeze may count

    # The settings, the runners' numbers, their names, the groups and the groups' totals: whatever the size.
    with django_assert_max_num_queries(5):
        body = organiser.get(URL).json()

    # The frozen public boards are the first places of the results (the same rows, in the same order).
    boards = spectator.get("/api/stats/").json()["leaderboards"]
    for board in RUNNER_BOARDS:
        assert [{k: v for k, v in r.items() if k != "rank"} for r in body["boards"][board][:25]] == boards[board]
    assert [{k: g[k] for k in ("id", "name", "points")} for g in body["groups"]] == boards["groups"]

    # And they are the laps' own numbers up to the freeze, counted here another way.
    counted = Lap.objects.filter(end__lte=frozen, runner__isnull=False)
    laps, points = Counter(), Counter()
    for runner, lap_points in counted.values_list("runner", "points"):
        laps[runner] += 1
        points[runner] += lap_points
    assert {r["runner"]["id"]: r["laps"] for r in body["boards"]["most_laps"]} == laps
    assert {r["runner"]["id"]: r["points"] for r in body["boards"]["most_points"]} == points
    assert body["totals"]["laps"] == Lap.objects.filter(end__lte=frozen).count()
    assert body["totals"]["points"] == sum(points.values())
    groupless = sum(r["points"] for r in body["boards"]["most_points"] if r["runner"]["group"] is None)
    assert sum(g["points"] for g in body["groups"]) + groupless == sum(points.values())
    assert len(body["boards"]["most_laps"]) == len(laps) > 500

    # The files hold the same numbers.
    rows = read_csv(organiser.get(URL, {"format": "csv"}))
    same_numbers(rows, read_xlsx(organiser.get(URL, {"format": "xlsx"})))
    sample = random.Random(16).sample(body["boards"]["most_points"], 20)
    in_csv = {(r["first_name"], r["last_name"], r["points"]) for r in rows if r["board"] == "most_points"}
    assert {(r["runner"]["first_name"], r["runner"]["last_name"], str(r["points"])) for r in sample} <= in_csv

    # Published, everybody gets the same standings as staff.
    publish()
    public = spectator.get(URL).json()
    assert public["boards"] == body["boards"] and public["groups"] == body["groups"]
