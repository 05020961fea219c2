"""The live events' shapes, for /api/schema/: one component per type and `RaceEvent`, their union.

GET /api/events/ is no DRF view (competition/stream answers it), so the schema shows it through
EventStreamView, a view that only documents it (RaceSchemaGenerator, below, adds it). Each event
is `event: <type>` / `id: race:<seq>` / `data: <JSON>`, the JSON being one of these components;
`stream-open` and `stream-reset` frames are StreamOpen and StreamReset.
"""

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.views import APIView

from competition.api.answers import (
    LapSerializer,
    RewardPublicSerializer,
    RunnerPublicSerializer,
    SettingsSerializer,
    TicketSerializer,
)
from competition.api.schema import RaceAutoSchema
from competition.event_payloads import EventType


class EventSerializer(serializers.Serializer):
    # What every event carries: its type (one value per component) and its gap-free seq.

    event_type: EventType  # set by each subclass

    seq = serializers.IntegerField(help_text="Gap-free and increasing; also the SSE id (`race:<seq>`).")

    def get_fields(self):
        # `type` first, and a single value: the discriminator of RaceEvent.
        kind = serializers.ChoiceField(choices=[self.event_type.value])
        return {"type": kind, **super().get_fields()}


class LapEvent(EventSerializer):
    lap = LapSerializer()


class LapStartedEvent(LapEvent):
    """A lap started (the head of the queue, or an unassigned lap when the queue was empty)."""

    event_type = EventType.LAP_STARTED


class LapFinishedEvent(LapEvent):
    event_type = EventType.LAP_FINISHED
    personal_best = serializers.BooleanField(help_text="The runner's best lap so far (suspect laps never are).")


class LapRemovedEvent(LapEvent):
    """Undo: the running lap never happened."""

    event_type = EventType.LAP_REMOVED


class LapResumedEvent(LapEvent):
    """Undo: the previous lap runs again."""

    event_type = EventType.LAP_RESUMED


class LapAssignedEvent(LapEvent):
    event_type = EventType.LAP_ASSIGNED


class LapConfirmedEvent(LapEvent):
    event_type = EventType.LAP_CONFIRMED


class QueueInsertedEvent(EventSerializer):
    event_type = EventType.QUEUE_INSERTED
    ticket = TicketSerializer()


class FromField(serializers.IntegerField):
    """`from` (a Python keyword): the ticket's 0-based place before the change."""


class QueueMovedEvent(EventSerializer):
    event_type = EventType.QUEUE_MOVED
    ticket = TicketSerializer()

    def get_fields(self):
        return {**super().get_fields(), "from": FromField(min_value=0, help_text="The place it had before.")}


class RemovedTicketSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    runner = serializers.IntegerField()


class QueueRemovedEvent(EventSerializer):
    event_type = EventType.QUEUE_REMOVED
    ticket = RemovedTicketSerializer()

    def get_fields(self):
        return {**super().get_fields(), "from": FromField(min_value=0, help_text="The place it had.")}


class QueueResetEvent(EventSerializer):
    """Every waiting ticket was removed."""

    event_type = EventType.QUEUE_RESET
    removed = serializers.IntegerField()


class RunnerChangedEvent(EventSerializer):
    event_type = EventType.RUNNER_CHANGED
    runner = RunnerPublicSerializer()


class PointsChangedEvent(EventSerializer):
    """Points moved: reload the boards (of one runner's laps with `runner`, else of everybody's)."""

    event_type = EventType.POINTS_CHANGED
    reason = serializers.CharField(help_text="What moved them: a model's name, `membership` or `lap_assigned`.")
    runner = serializers.IntegerField(required=False)


ACTIONS = ["create", "update", "delete"]


class DataChangedEvent(EventSerializer):
    """A row of the reference data (or a runner) changed through the API or the admin."""

    event_type = EventType.DATA_CHANGED
    model = serializers.CharField(help_text="The model's name in lower case, e.g. `group`.")
    id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=ACTIONS)


class SettingsChangedEvent(EventSerializer):
    event_type = EventType.SETTINGS_CHANGED
    settings = SettingsSerializer()
    changed = serializers.ListField(child=serializers.CharField(), help_text="The settings this change set.")


class ResyncEvent(EventSerializer):
    """Rows changed in a way no precise event describes (a staff fix): reload the snapshot."""

    event_type = EventType.RESYNC
    model = serializers.CharField()
    ids = serializers.ListField(child=serializers.IntegerField())
    action = serializers.ChoiceField(choices=ACTIONS)


class CheckedInEvent(EventSerializer):
    """A runner checked in or out of a shift: counts only (who is in a shift is private); boards reload."""

    event_type = EventType.CHECKED_IN
    shift = serializers.IntegerField()
    checked_in = serializers.IntegerField(help_text="How many have checked in for the shift now.")
    missing = serializers.IntegerField(help_text="How many of the shift's runners have not.")


class RewardDueEvent(EventSerializer):
    """A finished lap brought a runner to a milestone: screens show (and may celebrate) the reward."""

    event_type = EventType.REWARD_DUE
    reward = RewardPublicSerializer()


class RewardHandedOutEvent(EventSerializer):
    """Staff handed the reward out (or a flagged reward was earned again)."""

    event_type = EventType.REWARD_HANDED_OUT
    reward = RewardPublicSerializer()


class RewardWithdrawnEvent(EventSerializer):
    """Undo or a fix took the reward's lap away."""

    event_type = EventType.REWARD_WITHDRAWN
    reward = RewardPublicSerializer()
    deleted = serializers.BooleanField(
        help_text="true: it was due and is gone; false: handed out, now flagged unearned."
    )


EVENT_SERIALIZERS: dict[EventType, type[EventSerializer]] = {
    serializer.event_type: serializer
    for serializer in (
        LapStartedEvent,
        LapFinishedEvent,
        LapRemovedEvent,
        LapResumedEvent,
        LapAssignedEvent,
        LapConfirmedEvent,
        QueueInsertedEvent,
        QueueMovedEvent,
        QueueRemovedEvent,
        QueueResetEvent,
        RunnerChangedEvent,
        PointsChangedEvent,
        DataChangedEvent,
        SettingsChangedEvent,
        ResyncEvent,
        CheckedInEvent,
        RewardDueEvent,
        RewardHandedOutEvent,
        RewardWithdrawnEvent,
    )
}

RaceEvent = PolymorphicProxySerializer(
    component_name="RaceEvent",
    serializers={event_type.value: serializer for event_type, serializer in EVENT_SERIALIZERS.items()},
    resource_type_field_name="type",
)


class StreamOpenSerializer(serializers.Serializer):
    """The first frame (`event: stream-open`): the newest seq when the stream opened."""

    newest = serializers.IntegerField(help_text="Once the backlog up to here is applied, the page is up to date.")


class StreamResetSerializer(serializers.Serializer):
    """`event: stream-reset`: the seq asked for is gone or too far back; reload the snapshot."""

    channels = serializers.ListField(child=serializers.CharField())


class EventStreamSchema(RaceAutoSchema):
    """The stream's operation, and the components its frames follow that no answer refers to."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for serializer in (StreamOpenSerializer, StreamResetSerializer):
            self.resolve_serializer(serializer, "response")
        types = {"type": "string", "enum": [t.value for t in EventType], "description": "Every event type."}
        self.registry.register_on_missing(
            ResolvedComponent(name="EventTypeEnum", type=ResolvedComponent.SCHEMA, object="EventTypeEnum", schema=types)
        )
        return operation


class EventStreamView(APIView):
    """Documents GET /api/events/ in the schema; competition.stream answers the URL itself."""

    public = True
    schema = EventStreamSchema()

    @extend_schema(
        operation_id="events_stream",
        summary="The live events (server-sent events)",
        description=(
            "A stream of `text/event-stream` frames. First `event: stream-open` (data: StreamOpen), then "
            "each event as `event: <type>` / `id: race:<seq>` / `data: <RaceEvent as JSON>`; `event: "
            "keep-alive` when quiet, and `event: stream-reset` (data: StreamReset) when the seq asked for "
            "is gone: reload the snapshot. Resume with `?seq=<a snapshot's seq>` or Last-Event-ID."
        ),
        parameters=[
            OpenApiParameter("seq", int, description="Send the events after this seq (a snapshot's `seq`)."),
            OpenApiParameter("lastEventId", str, description="Like the Last-Event-ID header: `race:<seq>`."),
        ],
        responses={
            (200, "text/event-stream"): OpenApiResponse(RaceEvent, description="Each frame's data is a RaceEvent."),
        },
    )
    def get(self, request):  # pragma: no cover - never routed
        raise NotImplementedError


class RaceSchemaGenerator(SchemaGenerator):
    """drf-spectacular's generator, with the event stream (a plain view) and its events' types."""

    def _initialise_endpoints(self):
        super()._initialise_endpoints()
        if not any(path == STREAM_PATH for path, *_ in self.endpoints):
            self.endpoints.append((STREAM_PATH, "^api/events/$", "GET", EventStreamView.as_view()))

    def get_schema(self, request=None, public=False):
        result = super().get_schema(request=request, public=public)
        return inline_event_types(result)


STREAM_PATH = "/api/events/"


def inline_event_types(result: dict) -> dict:
    """Each event's `type` as its own single value, as written (not an enum component per event).

    drf-spectacular's enum hook makes a component of every enum, named `<Event>TypeEnum` here;
    clients read the value better in place, and `EventTypeEnum` lists them all.
    """
    schemas = result["components"]["schemas"]
    for event_type, serializer in EVENT_SERIALIZERS.items():
        properties = schemas[serializer.__name__]["properties"]
        ref = properties["type"].get("$ref", "")
        name = ref.rpartition("/")[2]
        if name and schemas.get(name, {}).get("enum") == [event_type.value]:
            properties["type"] = {"type": "string", "enum": [event_type.value]}
            del schemas[name]
    return result
