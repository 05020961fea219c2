"""The night's people: the shift board and check-ins, milestones and the rewards they earn."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from competition import selectors
from competition.api import answers as a
from competition.api import serializers as s
from competition.api.views.common import ID_IN_PATH, validated
from competition.models import Milestone, Reward
from competition.services import checkins as checkin_service
from competition.services import rewards as reward_service


class ShiftBoardView(APIView):
    permission_model = "shift"
    permission_actions = {"GET": "board"}

    @extend_schema(responses=a.ShiftBoardSerializer)
    def get(self, request):
        return Response(selectors.shift_board())


class CheckInMixin:
    """POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand."""

    @extend_schema(request=s.CheckInInput, responses=a.CheckInAnswerSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def checkin(self, request, pk=None):
        data = validated(s.CheckInInput, request)
        answer = checkin_service.checkin_set(
            by=request.user, shift_id=int(pk), runner_id=data["runner"], checked_in=data["checked_in"]
        )
        return Response(answer)


class MilestoneViewSet(viewsets.ModelViewSet):
    lookup_value_regex = ID_IN_PATH
    permission_model, queryset, serializer_class = "milestone", Milestone.objects.all(), s.MilestoneSerializer

    def perform_create(self, serializer):
        serializer.instance = reward_service.milestone_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = reward_service.milestone_update(
            by=self.request.user, milestone_id=serializer.instance.pk, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        reward_service.milestone_delete(by=self.request.user, milestone_id=instance.pk)


class RewardViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID_IN_PATH
    permission_model, queryset = "reward", Reward.objects.none()
    pagination_class, answers_array = None, True  # the rewards of one night: hundreds at most

    @extend_schema(
        parameters=[
            OpenApiParameter("due", bool, description="1: only rewards not handed out yet."),
            OpenApiParameter("runner", int, description="Only this runner's rewards."),
        ],
        responses=a.RewardSerializer,
    )
    def list(self, request):
        query = s.RewardsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(
            selectors.rewards_list(due=query.validated_data["due"], runner_id=query.validated_data.get("runner"))
        )

    @extend_schema(request=None, responses=a.RewardChangeSerializer)
    @action(detail=True, methods=["post"], url_path="hand-out")
    def handout(self, request, pk=None):
        return Response(reward_service.reward_hand_out(by=request.user, reward_id=int(pk)))
