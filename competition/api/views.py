"""Thin views: validate input, call one service or selector, serialize the answer."""

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db.models import OuterRef
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from competition import selectors
from competition.api import serializers as s
from competition.api.filters import LapFilter, RunnerFilter
from competition.api.permissions import may, permission_codenames
from competition.models import Criterion, EventSettings, Group, HappyHour, QueueTicket, Runner, Shift, University
from competition.payloads import lap_payload
from competition.services import data as data_service
from competition.services import laps as lap_service
from competition.services import queue as queue_service
from competition.services import runners as runner_service
from competition.services.settings import settings_update


def validated(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


KEY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="The idempotency key, instead of `idempotency_key` in the body (the same value if both).",
)


def idempotency_key(request, data: dict) -> str:
    """The command's key: from the body or the Idempotency-Key header (which must agree when both are sent)."""
    body, header = data.get("idempotency_key", ""), request.headers.get("Idempotency-Key", "").strip()
    if body and header and body != header:
        raise ValidationError({"idempotency_key": "It differs from the Idempotency-Key header: send one key."})
    if len(header) > 100:
        raise ValidationError({"idempotency_key": "The Idempotency-Key header is longer than 100 characters."})
    return body or header


def enforce_csrf(request) -> None:
    """APIViews skip CSRF for anonymous users; login must not (login CSRF)."""
    from rest_framework.authentication import SessionAuthentication

    SessionAuthentication().enforce_csrf(request)


# --- auth ---------------------------------------------------------------------------------------


def me_payload(user) -> dict:
    if user.is_authenticated:
        roles = ["staff"] if user.is_staff else []
        roles += sorted(user.groups.values_list("name", flat=True))
        who = {
            "id": user.pk,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_staff": user.is_staff,
        }
        if user.is_staff:
            who["admin_url"] = f"/{settings.ADMIN_PATH}"  # configurable (ADMIN_PATH)
    else:
        roles, who = ["anonymous"], None
    return {"user": who, "roles": roles, "permissions": permission_codenames(user)}


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeView(APIView):
    public = True

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(me_payload(request.user))


class LoginView(APIView):
    public = True

    @extend_schema(request=s.LoginInput, responses=OpenApiTypes.OBJECT)
    def post(self, request):
        enforce_csrf(request)
        data = validated(s.LoginInput, request)
        # Django's request, not DRF's: django-axes marks a locked-out login on it (see permissions).
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None:
            return Response({"detail": "Wrong username or password.", "code": "invalid_login"}, status=400)
        login(request, user)
        return Response(me_payload(user))


class LogoutView(APIView):
    public = True

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request):
        enforce_csrf(request)
        logout(request)
        return Response(me_payload(request.user))


# --- race ---------------------------------------------------------------------------------------


class StatsView(APIView):
    permission_model, permission_actions = "lap", {"GET": "stats"}

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(selectors.stats_snapshot(request.user))


def command_response(result) -> Response:
    response = Response(result.body, status=result.status)
    if result.replayed:
        response["Idempotent-Replay"] = "true"
    return response


# An id in a path is digits that fit the database's integer: anything else is a 404, never a 500.
ID_IN_PATH = "[0-9]{1,9}"


class LapViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_IN_PATH
    permission_model = "lap"
    filterset_class = LapFilter

    def get_queryset(self):
        return selectors.with_review(selectors.laps_with_points(explain=True)).order_by("-start", "-id")

    def get_serializer_class(self):
        return s.AdvanceInput  # only for the schema; answers are built by lap_payload

    def _rows(self, laps):
        frozen = selectors.frozen_at(self.request.user)
        rows = []
        for lap in laps:
            row = lap_payload(lap, frozen_at=frozen)
            # A lap whose points the freeze hides hides how they were made up too.
            hidden = lap.end is not None and row["points"] is None
            rows.append({**row, "points_explanation": None if hidden else _explanation(lap)})
        return rows

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        operation_id="laps_list",
        filters=True,  # the answer is hand-built, so say that the filters and the paging apply
        parameters=[
            OpenApiParameter("page", int, description="A page number, from 1."),
            OpenApiParameter("page_size", int, description="Laps per page, 1 to 500 (default 100)."),
        ],
    )
    def list(self, request):
        laps = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(laps)
        return self.get_paginated_response(self._rows(page))

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def retrieve(self, request, pk=None):
        lap = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(self._rows([lap])[0])

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def current(self, request):
        return Response(selectors.current_snapshot())

    @extend_schema(request=s.AdvanceInput, responses=OpenApiTypes.OBJECT, parameters=[KEY_HEADER])
    @action(detail=False, methods=["post"])
    def advance(self, request):
        data = validated(s.AdvanceInput, request)
        result = lap_service.lap_advance(
            by=request.user,
            idempotency_key=idempotency_key(request, data),
            expected_lap_id=data["expected_lap"],
            at=data.get("at"),
            force=data["force"],
            stop=data["stop"],
        )
        return command_response(result)

    @extend_schema(request=s.ReverseInput, responses=OpenApiTypes.OBJECT, parameters=[KEY_HEADER])
    @action(detail=False, methods=["post"])
    def reverse(self, request):
        data = validated(s.ReverseInput, request)
        result = lap_service.lap_reverse(
            by=request.user, idempotency_key=idempotency_key(request, data), expected_lap_id=data["expected_lap"]
        )
        return command_response(result)

    @extend_schema(request=s.AssignInput, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        data = validated(s.AssignInput, request)
        return Response(lap_service.lap_assign(by=request.user, lap_id=int(pk), runner_id=data["runner"]))

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Staff vouch for a suspect lap (forced, or shorter than the plausible lap time): it counts as a fastest lap."""
        return Response(lap_service.lap_confirm(by=request.user, lap_id=int(pk)))


def _explanation(lap) -> dict | None:
    if lap.end is None:
        return None
    return {
        "criterion": lap.criterion_id,
        "criterion_points": lap.criterion_points,
        "happy_hour": lap.happy_hour_id,
        "multiplier": lap.multiplier_value,
        "points": lap.points_value,
    }


class QueueViewSet(viewsets.GenericViewSet):
    lookup_value_regex = ID_IN_PATH
    permission_model = "queueticket"
    queryset = QueueTicket.objects.none()
    serializer_class = s.EnqueueInput

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def list(self, request):
        return Response(selectors.queue_snapshot())

    @extend_schema(request=s.EnqueueInput, responses={201: OpenApiTypes.OBJECT}, parameters=[KEY_HEADER])
    def create(self, request):
        data = validated(s.EnqueueInput, request)
        if "position" in data and not may(request.user, "move_queueticket"):
            raise PermissionDenied(
                "Only staff may insert a runner at a position; leave position out to queue at the tail."
            )
        runner = selectors.runner_to_queue(runner_id=data.get("runner"), identification=data.get("identification"))
        result = queue_service.queue_enqueue(
            by=request.user,
            runner=runner,
            position=data.get("position"),
            idempotency_key=idempotency_key(request, data),
        )
        return command_response(result)

    @extend_schema(request=s.MoveInput, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        data = validated(s.MoveInput, request)
        return Response(queue_service.queue_move(by=request.user, ticket_id=int(pk), position=data["position"]))

    @extend_schema(request=s.SkipInput, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def skip(self, request, pk=None):
        data = validated(s.SkipInput, request)
        return Response(queue_service.queue_skip(by=request.user, ticket_id=int(pk), places=data["places"]))

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def destroy(self, request, pk=None):
        return Response(queue_service.queue_remove(by=request.user, ticket_id=int(pk)))


class RunnerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_IN_PATH
    permission_model = "runner"
    serializer_class = s.RunnerSerializer
    filterset_class = RunnerFilter
    queryset = Runner.objects.none()  # the model, for the schema; the rows come from get_queryset

    def get_queryset(self):
        return selectors.runners_with_points(self.request.user)

    def list(self, request, *args, **kwargs):
        if "identification" in request.query_params:
            raise ValidationError(
                {"identification": "A student ID never goes in a URL: POST it to /api/runners/lookup/ instead."}
            )
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._staff_only_fields(serializer.validated_data)
        serializer.instance = runner_service.runner_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        self._staff_only_fields(serializer.validated_data)
        serializer.instance = runner_service.runner_update(
            by=self.request.user, runner=serializer.instance, **serializer.validated_data
        )

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        response.data = s.RunnerSerializer(self.get_queryset().get(pk=response.data["id"])).data
        return response

    def _staff_only_fields(self, data):
        if not (self.request.user.is_staff) and ({"shifts", "test_time"} & data.keys()):
            raise PermissionDenied("Only staff may set test times and shifts.")

    @extend_schema(request=s.LookupInput, responses=s.RunnerSerializer)
    @action(detail=False, methods=["post"])
    def lookup(self, request):
        """The runner with this student ID (in the body: an ID never travels in a URL, SPEC section 7)."""
        data = validated(s.LookupInput, request)
        runner = selectors.runner_by_identification(data["identification"])
        return Response(s.RunnerSerializer(self.get_queryset().get(pk=runner.pk)).data)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def summary(self, request, pk=None):
        runner = get_object_or_404(Runner.objects.select_related("group"), pk=pk)
        private = request.user.is_authenticated and may(request.user, "retrieve_runner")
        return Response(selectors.runner_summary(runner, request.user, private=private))


class DataViewSet(viewsets.ModelViewSet):
    lookup_value_regex = ID_IN_PATH
    """Reference data: staff write through the data services (audited, broadcast)."""

    def perform_create(self, serializer):
        fields, m2m = _split_m2m(serializer)
        serializer.instance = data_service.data_create(
            by=self.request.user, model=self.queryset.model, fields=fields, m2m=m2m
        )

    def perform_update(self, serializer):
        fields, m2m = _split_m2m(serializer)
        serializer.instance = data_service.data_update(
            by=self.request.user, instance=serializer.instance, fields=fields, m2m=m2m
        )

    def perform_destroy(self, instance):
        data_service.data_delete(by=self.request.user, instance=instance)


def _split_m2m(serializer) -> tuple[dict, dict]:
    model = serializer.Meta.model
    m2m_names = {f.name for f in model._meta.many_to_many} | {
        f.name for f in model._meta.related_objects if f.many_to_many
    }
    fields = {k: v for k, v in serializer.validated_data.items() if k not in m2m_names}
    m2m = {k: v for k, v in serializer.validated_data.items() if k in m2m_names}
    return fields, m2m


class UniversityViewSet(DataViewSet):
    permission_model, queryset, serializer_class = "university", University.objects.all(), s.UniversitySerializer


class GroupViewSet(DataViewSet):
    permission_model, serializer_class = "group", s.GroupSerializer
    queryset = Group.objects.none()  # the model, for the data services; the rows come from get_queryset

    def get_queryset(self):
        return selectors.groups_with_points(self.request.user)


class CriterionViewSet(DataViewSet):
    permission_model, queryset, serializer_class = "criterion", Criterion.objects.all(), s.CriterionSerializer


class HappyHourViewSet(DataViewSet):
    permission_model, serializer_class = "happyhour", s.HappyHourSerializer
    queryset = HappyHour.objects.prefetch_related("groups")


class ShiftViewSet(DataViewSet):
    permission_model, queryset, serializer_class = "shift", Shift.objects.all(), s.ShiftSerializer


class SettingsView(APIView):
    permission_model = "eventsettings"
    permission_actions = {"GET": "retrieve", "PATCH": "update"}

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(selectors.settings_public(EventSettings.load()))

    @extend_schema(request=s.SettingsInput, responses=OpenApiTypes.OBJECT)
    def patch(self, request):
        data = validated(s.SettingsInput, request)
        return Response(selectors.settings_public(settings_update(by=request.user, **data)))


class ShiftRunnersView(APIView):
    permission_model, permission_actions = "runner", {"GET": "query"}

    @extend_schema(parameters=[OpenApiParameter("shift", int, required=True)], responses=s.RunnerSerializer(many=True))
    def get(self, request):
        shift_id = request.query_params.get("shift", "")
        if not shift_id.isdigit():
            return Response({"detail": "Choose a shift: ?shift=<id>.", "code": "invalid"}, status=400)
        shift = get_object_or_404(Shift, pk=int(shift_id))
        runners = selectors.runners_in_shift(shift).annotate(points=selectors.points_subquery(runner=OuterRef("pk")))
        return Response(s.RunnerSerializer(runners.prefetch_related("shifts"), many=True).data)


class WithoutUpcomingShiftView(APIView):
    permission_model, permission_actions = "runner", {"GET": "query"}

    @extend_schema(
        parameters=[OpenApiParameter("after", OpenApiTypes.DATETIME, required=True)],
        responses=s.RunnerSerializer(many=True),
    )
    def get(self, request):
        if not request.query_params.get("after"):
            return Response({"detail": "Give a time: ?after=2026-05-01T20:00:00+02:00.", "code": "invalid"}, status=400)
        after = s.MomentField().run_validation(request.query_params["after"])  # a bad time is a 400
        runners = selectors.runners_without_upcoming_shift(after).annotate(
            points=selectors.points_subquery(runner=OuterRef("pk"))
        )
        return Response(s.RunnerSerializer(runners.prefetch_related("shifts"), many=True).data)
