"""The race: statistics, laps, next lap, undo, assigning and confirming laps."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from competition import selectors
from competition.api import answers as a
from competition.api import serializers as s
from competition.api.filters import LapFilter
from competition.api.views.common import ID_IN_PATH, KEY_HEADER, command_response, idempotency_key, validated
from competition.services import laps as lap_service


class StatsView(APIView):
    permission_model, permission_actions = "lap", {"GET": "stats"}

    @extend_schema(responses=a.StatsSerializer)
    def get(self, request):
        return Response(selectors.stats_snapshot(request.user))


class LapViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_IN_PATH
    permission_model = "lap"
    filterset_class = LapFilter

    def get_queryset(self):
        return selectors.laps_for_list()

    def get_serializer_class(self):
        return s.AdvanceInput  # only for the schema; answers are built by lap_payload

    @extend_schema(
        responses=a.LapDetailSerializer(many=True),
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
        return self.get_paginated_response(selectors.lap_rows(page, request.user))

    @extend_schema(responses=a.LapDetailSerializer)
    def retrieve(self, request, pk=None):
        lap = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(selectors.lap_rows([lap], request.user)[0])

    @extend_schema(responses=a.CurrentLapSerializer)
    @action(detail=False, methods=["get"])
    def current(self, request):
        return Response(selectors.current_snapshot())

    @extend_schema(request=s.AdvanceInput, responses=a.AdvanceSerializer, parameters=[KEY_HEADER])
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

    @extend_schema(request=s.ReverseInput, responses=a.ReverseSerializer, parameters=[KEY_HEADER])
    @action(detail=False, methods=["post"])
    def reverse(self, request):
        data = validated(s.ReverseInput, request)
        result = lap_service.lap_reverse(
            by=request.user, idempotency_key=idempotency_key(request, data), expected_lap_id=data["expected_lap"]
        )
        return command_response(result)

    @extend_schema(request=s.AssignInput, responses=a.LapChangeSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        data = validated(s.AssignInput, request)
        return Response(lap_service.lap_assign(by=request.user, lap_id=int(pk), runner_id=data["runner"]))

    @extend_schema(request=None, responses=a.LapChangeSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Staff vouch for a suspect lap (forced, or shorter than the plausible lap time): it counts as a fastest lap."""
        return Response(lap_service.lap_confirm(by=request.user, lap_id=int(pk)))
