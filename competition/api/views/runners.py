"""Runners: the list, registering and editing, the kiosk's lookup, a runner's summary, the query page."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from competition import selectors
from competition.api import answers as a
from competition.api import serializers as s
from competition.api.filters import RunnerFilter
from competition.api.permissions import may
from competition.api.views.common import ID_IN_PATH, validated
from competition.errors import InvalidInput
from competition.models import Runner
from competition.services import runners as runner_service


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

    @extend_schema(responses=a.RunnerSummarySerializer)
    @action(detail=True, methods=["get"])
    def summary(self, request, pk=None):
        runner = get_object_or_404(Runner.objects.select_related("group"), pk=pk)
        private = request.user.is_authenticated and may(request.user, "retrieve_runner")
        return Response(selectors.runner_summary(runner, request.user, private=private))


class ShiftRunnersView(APIView):
    permission_model, permission_actions = "runner", {"GET": "query"}

    @extend_schema(parameters=[OpenApiParameter("shift", int, required=True)], responses=s.RunnerSerializer(many=True))
    def get(self, request):
        shift_id = request.query_params.get("shift", "")
        if not shift_id.isdigit():
            raise InvalidInput("Choose a shift: ?shift=<id>.")
        runners = selectors.runners_in_shift(int(shift_id), request.user)
        return Response(s.RunnerSerializer(runners, many=True).data)


class WithoutUpcomingShiftView(APIView):
    permission_model, permission_actions = "runner", {"GET": "query"}

    @extend_schema(
        parameters=[OpenApiParameter("after", OpenApiTypes.DATETIME, required=True)],
        responses=s.RunnerSerializer(many=True),
    )
    def get(self, request):
        if not request.query_params.get("after"):
            raise InvalidInput("Give a time: ?after=2026-05-01T20:00:00+02:00.")
        after = s.MomentField().run_validation(request.query_params["after"])  # a bad time is a 400
        runners = selectors.runners_without_upcoming_shift(after, request.user)
        return Response(s.RunnerSerializer(runners, many=True).data)
