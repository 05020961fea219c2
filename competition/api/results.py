"""GET /api/results/: the ceremony's results as JSON, CSV or XLSX (SPEC section 5, Results).

Staff (rest_results_eventsettings) always; everybody once staff publish them in the event
settings. `?format=csv` and `?format=xlsx` are DRF renderers over the same answer, written with
tablib (the library of the admin's export); text that a spreadsheet would run as a formula gets a
leading apostrophe (names come from the public kiosk).
"""

import tablib
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from competition.api.answers import GroupRefSerializer, RunnerPublicSerializer, Seconds
from competition.models import EventSettings
from competition.resources import spreadsheet_safe
from competition.selectors.results import BOARDS, results

NOT_PUBLISHED = (
    "The results are not published yet. Staff see them when logged in, and publish them for everybody "
    "in the event settings."
)
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- the answer -------------------------------------------------------------------------------------


class ResultsQuery(serializers.Serializer):
    top = serializers.IntegerField(
        min_value=1, max_value=10_000, required=False, help_text="Places per board; without it, every runner."
    )


class PlaceSerializer(serializers.Serializer):
    rank = serializers.IntegerField(min_value=1, help_text="The place; equal numbers share it (1, 2, 2, 4).")
    runner = RunnerPublicSerializer()


class BestLapPlaceSerializer(PlaceSerializer):
    best = Seconds()


class LapCountPlaceSerializer(PlaceSerializer):
    laps = serializers.IntegerField()


class PointsPlaceSerializer(PlaceSerializer):
    points = serializers.IntegerField()


class GroupPlaceSerializer(GroupRefSerializer):
    rank = serializers.IntegerField(min_value=1)
    points = serializers.IntegerField()
    laps = serializers.IntegerField(help_text="Laps run by the group's members.")
    runners = serializers.IntegerField(help_text="Members who ran at least one lap.")


class ResultsBoardsSerializer(serializers.Serializer):
    fastest_lap = BestLapPlaceSerializer(many=True)
    most_laps = LapCountPlaceSerializer(many=True)
    most_points = PointsPlaceSerializer(many=True)
    first_year = PointsPlaceSerializer(many=True)
    night_rain = PointsPlaceSerializer(many=True, help_text="Points earned at night or in the rain.")


class ResultsTotalsSerializer(serializers.Serializer):
    laps = serializers.IntegerField(help_text="Finished laps, unassigned ones included.")
    runners = serializers.IntegerField(help_text="Runners with at least one lap.")
    points = serializers.IntegerField()
    groups = serializers.IntegerField()


class ResultsSerializer(serializers.Serializer):
    """The final standings (selectors.results): the leaderboards at full length, and every group."""

    title = serializers.CharField()
    time_zone = serializers.CharField()
    race_start = serializers.DateTimeField(allow_null=True)
    race_end = serializers.DateTimeField(allow_null=True)
    published = serializers.BooleanField(help_text="Whether everybody may see them.")
    frozen_at = serializers.DateTimeField(
        allow_null=True, help_text="The leaderboard freeze: the standings are those of this moment."
    )
    generated_at = serializers.DateTimeField()
    top = serializers.IntegerField(allow_null=True, help_text="Places per board asked for; null: every runner.")
    totals = ResultsTotalsSerializer()
    boards = ResultsBoardsSerializer()
    groups = GroupPlaceSerializer(many=True)


# --- the files --------------------------------------------------------------------------------------

SHEETS = {
    "totals": "Totals",
    "fastest_lap": "Fastest lap",
    "most_laps": "Most laps",
    "most_points": "Most points",
    "first_year": "Best first-year",
    "night_rain": "Night and rain",
    "groups": "Groups",
}
COLUMNS = ("board", "rank", "first_name", "last_name", "group", "best_lap_seconds", "laps", "points", "runners")
RUNNER_COLUMNS = ("rank", "first_name", "last_name", "group")
VALUE_COLUMNS = {"best": "best_lap_seconds", "laps": "laps", "points": "points"}


def _runner_row(place: dict) -> dict:
    runner, group = place["runner"], place["runner"]["group"]
    row = {
        "rank": place["rank"],
        "first_name": spreadsheet_safe(runner["first_name"]),
        "last_name": spreadsheet_safe(runner["last_name"]),
        "group": spreadsheet_safe(group["name"]) if group else "",
    }
    for key, column in VALUE_COLUMNS.items():
        if key in place:
            row[column] = place[key]
    return row


def sections(data: dict) -> list[tuple[str, tuple[str, ...], list[dict]]]:
    """(board, columns, rows) for the totals, every board and the groups: what both files hold."""
    found = [("totals", ("laps", "points", "runners"), [data["totals"]])]
    for board, places in data["boards"].items():
        found.append((board, (*RUNNER_COLUMNS, VALUE_COLUMNS[BOARDS[board]]), [_runner_row(p) for p in places]))
    groups = [{**g, "group": spreadsheet_safe(g["name"])} for g in data["groups"]]
    found.append(("groups", ("rank", "group", "points", "laps", "runners"), groups))
    return found


def results_table(data: dict) -> tablib.Dataset:
    """Everything in one table, a `board` column first (the CSV)."""
    table = tablib.Dataset(headers=COLUMNS)
    for board, _, rows in sections(data):
        for row in rows:
            table.append([board if c == "board" else row.get(c, "") for c in COLUMNS])
    return table


def results_book(data: dict) -> tablib.Databook:
    """One sheet per board, after a sheet of totals (the XLSX)."""
    sheets = []
    for board, columns, rows in sections(data):
        sheet = tablib.Dataset(headers=columns, title=SHEETS[board])
        for row in rows:
            sheet.append([row[c] for c in columns])
        sheets.append(sheet)
    return tablib.Databook(sheets)


class _Download(BaseRenderer):
    def attach(self, data: dict, renderer_context: dict | None) -> None:
        response = (renderer_context or {}).get("response")
        if response is not None:
            name = f"{slugify(data.get('title', '')) or 'race'}-results.{self.format}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'


class ResultsCSVRenderer(_Download):
    media_type, format, charset = CSV_TYPE, "csv", "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        self.attach(data, renderer_context)
        # The byte order mark makes Excel read the names as UTF-8 (Zoë, not ZoÃ«).
        return "\ufeff" + results_table(data).export("csv")


class ResultsXLSXRenderer(_Download):
    media_type, format, charset, render_style = XLSX_TYPE, "xlsx", None, "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        self.attach(data, renderer_context)
        return results_book(data).export("xlsx")


# --- the view ---------------------------------------------------------------------------------------


class ResultsView(APIView):
    permission_model, permission_actions = "eventsettings", {"GET": "results"}
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, ResultsCSVRenderer, ResultsXLSXRenderer]

    def check_permissions(self, request):
        self.cfg = EventSettings.load()
        if not self.cfg.results_published:  # until then: staff, and whoever holds the permission
            super().check_permissions(request)

    def permission_denied(self, request, message=None, code=None):
        if request.authenticators and not request.successful_authenticator:
            raise NotAuthenticated(NOT_PUBLISHED)
        raise PermissionDenied(NOT_PUBLISHED)

    def handle_exception(self, exc):
        # An error is JSON, also for ?format=csv: a failed download says why.
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        parameters=[
            ResultsQuery,
            OpenApiParameter("format", str, enum=["json", "csv", "xlsx"], description="The answer's format."),
        ],
        responses={
            (200, "application/json"): ResultsSerializer,
            (200, CSV_TYPE): OpenApiResponse(
                OpenApiTypes.STR, description="One table (UTF-8 with a byte order mark), a `board` column first."
            ),
            (200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="A sheet of totals, one per board."),
        },
    )
    def get(self, request):
        query = ResultsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(results(self.cfg, top=query.validated_data.get("top")))
