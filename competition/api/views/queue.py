"""The queue: the list, a scan or a staff pick joining it, moves, skips and removals."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from competition import selectors
from competition.api import answers as a
from competition.api import serializers as s
from competition.api.permissions import may
from competition.api.views.common import ID_IN_PATH, KEY_HEADER, command_response, idempotency_key, validated
from competition.models import QueueTicket
from competition.services import checkins as checkin_service
from competition.services import queue as queue_service


class QueueViewSet(viewsets.GenericViewSet):
    lookup_value_regex = ID_IN_PATH
    permission_model = "queueticket"
    queryset = QueueTicket.objects.none()
    serializer_class = s.EnqueueInput
    pagination_class = None  # the whole queue, with the seq it is valid at

    @extend_schema(responses=a.QueueSerializer, operation_id="queue_list")
    def list(self, request):
        return Response(selectors.queue_snapshot())

    @extend_schema(request=s.EnqueueInput, responses={201: a.ScanAnswerSerializer}, parameters=[KEY_HEADER])
    def create(self, request):
        data = validated(s.EnqueueInput, request)
        if "position" in data and not may(request.user, "move_queueticket"):
            raise PermissionDenied(
                "Only staff may insert a runner at a position; leave position out to queue at the tail."
            )
        runner = selectors.runner_to_queue(runner_id=data.get("runner"), identification=data.get("identification"))
        # A card scanned at the kiosk checks its runner in for a shift about to start (also when
        # they are queued already); the kiosk tells them that and the rewards they have due.
        scanned = "identification" in data
        told = {
            "check_ins": checkin_service.checkin_scan(by=request.user, runner=runner) if scanned else [],
            "rewards_due": selectors.rewards_due_for(runner.pk),
        }
        result = queue_service.queue_enqueue(
            by=request.user,
            runner=runner,
            position=data.get("position"),
            idempotency_key=idempotency_key(request, data),
            told=told,
        )
        return command_response(result)

    @extend_schema(request=s.MoveInput, responses=a.TicketChangeSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        data = validated(s.MoveInput, request)
        return Response(queue_service.queue_move(by=request.user, ticket_id=int(pk), position=data["position"]))

    @extend_schema(request=s.SkipInput, responses=a.TicketChangeSerializer)
    @action(detail=True, methods=["post"])
    def skip(self, request, pk=None):
        data = validated(s.SkipInput, request)
        return Response(queue_service.queue_skip(by=request.user, ticket_id=int(pk), places=data["places"]))

    @extend_schema(responses={200: a.TicketRemovedSerializer})
    def destroy(self, request, pk=None):
        return Response(queue_service.queue_remove(by=request.user, ticket_id=int(pk)))
