"""Output serializers: the shapes of the API's answers, as /api/schema/ shows them.

The data comes from the dict builders in competition/payloads.py and competition/selectors/;
views answer with those dicts, and these serializers only describe them (for the schema, the
generated frontend types and schemathesis). competition/tests/test_contract.py checks the
builders' real output against these shapes, so the two cannot drift apart.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# Every `code` an error answer can carry: the domain's refusals (competition/errors.py and the
# services), the exception handler's and the middleware's, and DRF's own. test_contract checks
# that every code written in the source is listed here.
ERROR_CODES = [
    # refusals of the race and the data
    "already_assigned",
    "already_queued",
    "handed_out",
    "already_registered",
    "conflict",
    "idempotency_key_reused",
    "in_use",
    "invalid_identification",
    "lap_running",
    "not_waiting",
    "nothing_running",
    "nothing_to_undo",
    "press_time_before_start",
    "press_time_in_future",
    "press_time_too_old",
    "stale_state",
    "too_soon",
    "unknown_runner",
    # input, logins and the server
    "invalid",
    "invalid_host",
    "invalid_login",
    "length_required",
    "too_large",
    "locked_out",
    "login_throttled",
    "login_busy",
    "busy",
    "database_unavailable",
    "error",
    # DRF's
    "not_found",
    "not_authenticated",
    "authentication_failed",
    "permission_denied",
    "method_not_allowed",
    "not_acceptable",
    "unsupported_media_type",
    "parse_error",
    "throttled",
]


class Seconds(serializers.FloatField):
    """A duration in seconds (3 decimals), as every duration is shown."""


# --- the pieces -----------------------------------------------------------------------------------


class GroupRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RunnerPublicSerializer(serializers.Serializer):
    """A runner as everybody may see them (payloads.runner_public): never a student ID or a test time."""

    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    university = serializers.IntegerField()
    group = GroupRefSerializer(allow_null=True)
    first_year = serializers.BooleanField()


class LapSerializer(serializers.Serializer):
    """A lap (payloads.lap_payload); a running lap has no end, duration or points."""

    id = serializers.IntegerField()
    runner = RunnerPublicSerializer(allow_null=True, help_text="Null for an unassigned lap (the queue was empty).")
    ticket = serializers.IntegerField(allow_null=True)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField(allow_null=True)
    duration = Seconds(allow_null=True)
    points = serializers.IntegerField(
        allow_null=True, help_text="Null while running, and for laps finished after the leaderboard freeze."
    )
    raining = serializers.BooleanField()
    suspect = serializers.BooleanField(help_text="Forced or implausibly short, and not confirmed by staff.")


class PointsExplanationSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(allow_null=True)
    criterion_points = serializers.IntegerField()
    happy_hour = serializers.IntegerField(allow_null=True)
    multiplier = serializers.IntegerField()
    points = serializers.IntegerField(allow_null=True)


class LapDetailSerializer(LapSerializer):
    """A lap in /api/laps/, with how its points were made (null while running or hidden by the freeze)."""

    points_explanation = PointsExplanationSerializer(allow_null=True)


class TicketSerializer(serializers.Serializer):
    """A waiting ticket (payloads.ticket_payload); `position` is its 0-based place in the queue."""

    id = serializers.IntegerField()
    runner = RunnerPublicSerializer()
    position = serializers.IntegerField(min_value=0)
    created_at = serializers.DateTimeField()


class SettingsSerializer(serializers.Serializer):
    """The event settings as everybody sees them (selectors.settings_public)."""

    title = serializers.CharField()
    time_zone = serializers.CharField()
    race_start = serializers.DateTimeField(allow_null=True)
    race_end = serializers.DateTimeField(allow_null=True)
    raining = serializers.BooleanField()
    banner = serializers.CharField(allow_blank=True)
    leaderboard_frozen = serializers.BooleanField()
    leaderboard_frozen_at = serializers.DateTimeField(allow_null=True)
    min_lap_time = Seconds()
    plausible_lap_time = Seconds()
    press_time_window = Seconds()
    leaderboard_size = serializers.IntegerField()
    night_start_hour = serializers.IntegerField()
    night_end_hour = serializers.IntegerField()
    reload_token = serializers.IntegerField()
    results_published = serializers.BooleanField(help_text="Everybody may see GET /api/results/ (staff always can).")


# --- reads ----------------------------------------------------------------------------------------


class BestLapRowSerializer(serializers.Serializer):
    runner = RunnerPublicSerializer()
    best = Seconds()


class LapCountRowSerializer(serializers.Serializer):
    runner = RunnerPublicSerializer()
    laps = serializers.IntegerField()


class PointsRowSerializer(serializers.Serializer):
    runner = RunnerPublicSerializer()
    points = serializers.IntegerField()


class GroupPointsSerializer(GroupRefSerializer):
    points = serializers.IntegerField()


class LeaderboardsSerializer(serializers.Serializer):
    fastest_lap = BestLapRowSerializer(many=True)
    most_laps = LapCountRowSerializer(many=True)
    most_points = PointsRowSerializer(many=True)
    first_year = PointsRowSerializer(many=True)
    night_rain = PointsRowSerializer(many=True, help_text="Points earned at night or in the rain.")
    groups = GroupPointsSerializer(many=True)


class ChartPointSerializer(serializers.Serializer):
    lap = serializers.IntegerField()
    end = serializers.DateTimeField()
    duration = Seconds()


class StatsSerializer(serializers.Serializer):
    """Everything the Statistics page shows (selectors.stats_snapshot), valid from `seq`."""

    seq = serializers.IntegerField(help_text="Subscribe to /api/events/?seq=<this> to follow on from here.")
    settings = SettingsSerializer()
    current = LapSerializer(allow_null=True)
    queue = TicketSerializer(many=True, help_text="The first three waiting tickets.")
    queue_length = serializers.IntegerField()
    last_laps = LapSerializer(many=True)
    total_laps = serializers.IntegerField()
    average_lap = Seconds(allow_null=True, help_text="The median of the last 20 laps.")
    leaderboards = LeaderboardsSerializer()
    chart = ChartPointSerializer(many=True)
    server_time = serializers.DateTimeField()


class CurrentLapSerializer(serializers.Serializer):
    lap = LapSerializer(allow_null=True)
    seq = serializers.IntegerField()
    server_time = serializers.DateTimeField()


class QueueSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    count = serializers.IntegerField()
    results = TicketSerializer(many=True)


class RunnerSummarySerializer(serializers.Serializer):
    runner = RunnerPublicSerializer()
    lap_count = serializers.IntegerField()
    points = serializers.IntegerField()
    best_lap = Seconds(allow_null=True)
    last_lap = LapSerializer(allow_null=True)
    group = GroupRefSerializer(allow_null=True)
    position = serializers.IntegerField(allow_null=True, help_text="The 0-based place in the queue, if waiting.")
    estimated_start = serializers.DateTimeField(allow_null=True)
    running = serializers.BooleanField()
    test_time = Seconds(allow_null=True, required=False, help_text="Only for those who may see runners.")
    identification = serializers.CharField(required=False, help_text="Only for those who may see runners.")


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField(allow_blank=True)
    last_name = serializers.CharField(allow_blank=True)
    is_staff = serializers.BooleanField()
    admin_url = serializers.CharField(required=False, help_text="The admin's path (staff only).")


class MeSerializer(serializers.Serializer):
    """Who is logged in, their roles (`anonymous`, `staff`, group names) and permission codenames."""

    user = UserSerializer(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    permissions = serializers.ListField(child=serializers.CharField())


# --- commands -------------------------------------------------------------------------------------


class AdvanceSerializer(serializers.Serializer):
    """Next lap's answer (a replay of the same key answers the same, with Idempotent-Replay: true)."""

    finished = LapSerializer(allow_null=True)
    started = LapSerializer(allow_null=True, help_text="Null after a stop.")
    seq = serializers.IntegerField()


class ReverseSerializer(serializers.Serializer):
    """Undo's answer: the running lap removed (if any) and the previous lap running again (if any)."""

    removed = LapSerializer(allow_null=True)
    resumed = LapSerializer(allow_null=True)
    seq = serializers.IntegerField()


class LapChangeSerializer(serializers.Serializer):
    lap = LapSerializer()
    seq = serializers.IntegerField()


class TicketChangeSerializer(TicketSerializer):
    """A ticket after an insert, move or skip, with the seq of its event."""

    seq = serializers.IntegerField()


class TicketRemovedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    seq = serializers.IntegerField()


# --- shift check-ins and milestone rewards -------------------------------------------------------


class ShiftRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class ShiftCheckInSerializer(serializers.Serializer):
    """A shift whose check-in window is open at a scan, with the runner's check-in for it."""

    shift = ShiftRefSerializer()
    at = serializers.DateTimeField(help_text="When the runner checked in.")
    new = serializers.BooleanField(help_text="This scan checked them in (else an earlier one did).")


class MilestoneRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    laps = serializers.IntegerField()
    reward = serializers.CharField()


class RewardPublicSerializer(serializers.Serializer):
    """A milestone a runner reached: due until handed out."""

    id = serializers.IntegerField()
    runner = RunnerPublicSerializer()
    milestone = MilestoneRefSerializer()
    lap = serializers.IntegerField(allow_null=True, help_text="The lap that reached it (null once it is gone).")
    reached_at = serializers.DateTimeField()
    handed_out_at = serializers.DateTimeField(allow_null=True)
    unearned = serializers.BooleanField(help_text="Handed out, but undo or a fix took its lap away.")


class RewardSerializer(RewardPublicSerializer):
    handed_out_by = serializers.CharField(allow_null=True, help_text="The username of who handed it out.")


class RewardChangeSerializer(RewardSerializer):
    seq = serializers.IntegerField()


class BoardCheckInSerializer(serializers.Serializer):
    runner = RunnerPublicSerializer()
    at = serializers.DateTimeField()
    manual = serializers.BooleanField(help_text="Checked in by hand by staff.")
    in_shift = serializers.BooleanField(help_text="False: checked in by hand for a shift that is not theirs.")


class BoardMissingSerializer(serializers.Serializer):
    runner = RunnerPublicSerializer()


class BoardShiftSerializer(ShiftRefSerializer):
    when = serializers.ChoiceField(choices=["current", "next"])
    checked_in = BoardCheckInSerializer(many=True)
    missing = BoardMissingSerializer(many=True, help_text="The shift's runners not checked in, by group.")


class ShiftBoardSerializer(serializers.Serializer):
    server_time = serializers.DateTimeField()
    seq = serializers.IntegerField()
    shifts = BoardShiftSerializer(many=True, help_text="The current shifts, then the next ones.")


class CheckInAnswerSerializer(serializers.Serializer):
    shift = serializers.IntegerField()
    runner = RunnerPublicSerializer()
    checked_in = serializers.BooleanField()
    at = serializers.DateTimeField(allow_null=True)
    seq = serializers.IntegerField()


class ScanAnswerSerializer(TicketChangeSerializer):
    """A runner queued: the ticket, and what the kiosk tells them besides (SPEC section 5)."""

    check_ins = ShiftCheckInSerializer(many=True)
    rewards_due = RewardSerializer(many=True)


# --- errors ---------------------------------------------------------------------------------------


@extend_schema_field(
    {"description": "Field errors: each field's messages, as DRF gives them (nested for nested input)."}
)
class AnyField(serializers.JSONField):
    pass


class ErrorSerializer(serializers.Serializer):
    """Every error: a sentence a person can act on, a machine-readable code, and what the code needs.

    Refusals keep their structured fields: a client reads `elapsed`, never the sentence.
    """

    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=ERROR_CODES, required=False)
    errors = AnyField(required=False, help_text="code `invalid`: the field errors.")
    field = serializers.CharField(required=False, help_text="code `invalid_identification`: the field to correct.")
    identification = serializers.CharField(required=False, help_text="code `unknown_runner`: the ID to register.")
    elapsed = Seconds(required=False, help_text="code `too_soon`: how long the lap would have lasted.")
    min_lap_time = Seconds(required=False, help_text="code `too_soon`: the minimum lap time.")
    current = LapSerializer(allow_null=True, required=False, help_text="code `stale_state`: the running lap now.")
    seq = serializers.IntegerField(required=False, help_text="code `stale_state`: the seq that lap is valid at.")
    position = serializers.IntegerField(required=False, help_text="code `already_queued`: the runner's 0-based place.")
    ticket = serializers.IntegerField(required=False, help_text="code `already_queued`: the runner's waiting ticket.")
    check_ins = ShiftCheckInSerializer(many=True, required=False, help_text="code `already_queued`: as a scan's.")
    rewards_due = RewardSerializer(many=True, required=False, help_text="code `already_queued`: as a scan's.")
    retry_after = serializers.IntegerField(required=False, help_text="Seconds to wait (also in Retry-After).")
