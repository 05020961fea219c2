"""Input serializers for commands, and model serializers for the reference data."""

import copy
import math
from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from competition.api.answers import GroupRefSerializer
from competition.models import Criterion, Group, HappyHour, Milestone, Runner, Shift, University
from competition.payloads import group_ref
from competition.rules import validate_event_moment, validate_time_zone


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 7 * 24 * 3600})
class SecondsField(serializers.Field):
    """A duration as a number of seconds, as the API shows every duration."""

    def to_representation(self, value: timedelta):
        return round(value.total_seconds(), 3)

    MAX_SECONDS = 7 * 24 * 3600  # a week: far beyond any lap, test time or setting of a 24-hour race

    def to_internal_value(self, data):
        if isinstance(data, bool):  # float(True) is 1.0: a checkbox is not a duration
            raise serializers.ValidationError("Give a duration as a number of seconds, e.g. 95.5.")
        try:
            value = float(data)
        except (TypeError, ValueError):
            raise serializers.ValidationError("Give a duration as a number of seconds, e.g. 95.5.") from None
        if not math.isfinite(value):
            raise serializers.ValidationError("Give a duration as a number of seconds, e.g. 95.5.")
        if value < 0:
            raise serializers.ValidationError("A duration cannot be negative.")
        if value > self.MAX_SECONDS:
            raise serializers.ValidationError(f"A duration can be at most {self.MAX_SECONDS} seconds (a week).")
        return timedelta(seconds=value)


class MomentField(serializers.DateTimeField):
    """A date and time of this event (rules.validate_event_moment), so that it reads back as RFC 3339."""

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        try:
            validate_event_moment(moment)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return moment


class TextField(serializers.CharField):
    """Text is a JSON string: a number or a boolean is refused, not turned into text.

    Its length limit holds for the text as sent (the schema's maxLength), before the surrounding
    spaces are trimmed.
    """

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class ManyIdsField(serializers.ManyRelatedField):
    """A list of ids is a JSON array: an object (whose keys DRF would iterate) is refused."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class IdField(serializers.PrimaryKeyRelatedField):
    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return ManyIdsField(**list_kwargs)


class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: MomentField,
        models.CharField: TextField,
        models.TextField: TextField,
    }
    serializer_related_field = IdField


# --- commands -----------------------------------------------------------------------------------


KEY_HELP = (
    "A unique string (a UUID) per press or scan, sent again unchanged on a retry: the retry gets the first "
    "answer. It belongs to the user and to this exact request (another body with the same key is a 422). "
    "May come as the Idempotency-Key header instead; required for laps, optional for the queue."
)


class AdvanceInput(serializers.Serializer):
    idempotency_key = TextField(required=False, min_length=1, max_length=100, help_text=KEY_HELP)
    expected_lap = serializers.IntegerField(
        allow_null=True, help_text="The lap the client believes is running, or null."
    )
    at = MomentField(required=False, allow_null=True, help_text="The press time, on the server's clock.")
    force = serializers.BooleanField(default=False, help_text="Record a lap shorter than the minimum lap time.")
    stop = serializers.BooleanField(
        default=False, help_text="Finish the running lap without starting another (race end)."
    )


class ReverseInput(serializers.Serializer):
    idempotency_key = TextField(required=False, min_length=1, max_length=100, help_text=KEY_HELP)
    expected_lap = serializers.IntegerField(allow_null=True)


class EnqueueInput(serializers.Serializer):
    runner = serializers.IntegerField(required=False)
    identification = serializers.CharField(required=False, max_length=50, trim_whitespace=True)
    position = serializers.IntegerField(
        required=False, min_value=0, help_text="Insert at this place (staff); default: the tail."
    )
    idempotency_key = TextField(required=False, min_length=1, max_length=100, help_text=KEY_HELP)

    def validate(self, attrs):
        if ("runner" in attrs) == ("identification" in attrs):
            raise serializers.ValidationError("Give either runner (an id) or identification (a student ID).")
        return attrs


class LookupInput(serializers.Serializer):
    identification = TextField(max_length=50, help_text="The student ID from the card, as scanned.")


class MoveInput(serializers.Serializer):
    position = serializers.IntegerField(min_value=0, help_text="The new place, 0 = head.")


class SkipInput(serializers.Serializer):
    places = serializers.IntegerField(min_value=1, max_value=100, default=3)


class AssignInput(serializers.Serializer):
    runner = serializers.IntegerField()


class LoginInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=200, style={"input_type": "password"})


class SettingsInput(serializers.Serializer):
    title = serializers.CharField(max_length=100, required=False)
    time_zone = serializers.CharField(max_length=64, required=False, validators=[validate_time_zone])
    race_start = MomentField(required=False, allow_null=True)
    race_end = MomentField(required=False, allow_null=True)
    raining = serializers.BooleanField(required=False)
    banner = serializers.CharField(max_length=300, required=False, allow_blank=True)
    leaderboard_frozen = serializers.BooleanField(required=False)
    reload_displays = serializers.BooleanField(required=False)
    results_published = serializers.BooleanField(required=False)
    min_lap_time = SecondsField(required=False)
    plausible_lap_time = SecondsField(required=False)
    press_time_window = SecondsField(required=False)
    leaderboard_size = serializers.IntegerField(min_value=1, max_value=50, required=False)
    night_start_hour = serializers.IntegerField(min_value=0, max_value=23, required=False)
    night_end_hour = serializers.IntegerField(min_value=0, max_value=23, required=False)


# --- reference data ------------------------------------------------------------------------------


def model_rules(serializer, attrs: dict) -> dict:
    """The model's own rules (clean() and its constraints), checked as the admin's forms check them.

    Their messages are written once, on the model; a broken rule is a 400 under its field.
    """
    model = serializer.Meta.model
    instance = copy.copy(serializer.instance) if serializer.instance is not None else model()
    concrete = {field.name for field in model._meta.concrete_fields} & attrs.keys()
    for name in concrete:
        setattr(instance, name, attrs[name])
    # A Django ValidationError: DRF answers it as a 400 with the messages by field.
    instance.clean()
    instance.validate_constraints()
    return {**attrs, **{name: getattr(instance, name) for name in concrete}}  # as clean() normalised them


class UniversitySerializer(ModelSerializer):
    class Meta:
        model = University
        fields = ["id", "name", "abbreviation", "student_id_pattern", "student_id_example"]

    def validate(self, attrs):
        return model_rules(self, attrs)


class HappyHourSerializer(ModelSerializer):
    groups = IdField(many=True, queryset=Group.objects.all(), required=False)

    class Meta:
        model = HappyHour
        fields = ["id", "name", "start", "end", "multiplier", "base", "groups"]
        extra_kwargs = {"base": {"validators": []}}
        validators = []  # the model's constraints, by model_rules in validate()

    def validate(self, attrs):
        return model_rules(self, attrs)  # one base, the end after the start, a multiplier of at least 1


class GroupSerializer(ModelSerializer):
    happy_hours = IdField(many=True, queryset=HappyHour.objects.all(), required=False)
    points = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Group
        fields = ["id", "name", "happy_hours", "points"]

    def validate(self, attrs):
        return model_rules(self, attrs)  # names unique ignoring case and accents


class CriterionSerializer(ModelSerializer):
    upper_limit = SecondsField()

    class Meta:
        model = Criterion
        fields = ["id", "upper_limit", "points", "base"]
        extra_kwargs = {"base": {"validators": []}}
        validators = []  # the model's constraints, by model_rules in validate()

    def validate(self, attrs):
        return model_rules(self, attrs)  # one base, a limit above 0, one criterion per upper limit


class ShiftSerializer(ModelSerializer):
    class Meta:
        model = Shift
        fields = ["id", "name", "start", "end"]

    def validate(self, attrs):
        return model_rules(self, attrs)  # the end after the start


class RunnerSerializer(ModelSerializer):
    """A runner as volunteers and staff see it (never shown to anonymous users)."""

    university = IdField(queryset=University.objects.all())
    group = IdField(queryset=Group.objects.all(), allow_null=True, required=False)
    shifts = IdField(many=True, queryset=Shift.objects.all(), required=False)
    test_time = SecondsField(allow_null=True, required=False)
    points = serializers.IntegerField(read_only=True, default=0)
    group_detail = serializers.SerializerMethodField()

    class Meta:
        model = Runner
        fields = [
            "id",
            "first_name",
            "last_name",
            "identification",
            "university",
            "group",
            "test_time",
            "first_year",
            "shifts",
            "points",
            "registered_at",
            "group_detail",
        ]
        read_only_fields = ["registered_at"]
        # Uniqueness and the ID pattern are checked by the service, with messages that say what to do.
        extra_kwargs = {"identification": {"validators": []}}

    @extend_schema_field(GroupRefSerializer(allow_null=True))
    def get_group_detail(self, runner) -> dict | None:
        return group_ref(runner.group)


class MilestoneSerializer(ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "laps", "reward"]

    def validate(self, attrs):
        return model_rules(self, attrs)  # at least one lap


class CheckInInput(serializers.Serializer):
    runner = serializers.IntegerField(min_value=1, help_text="The runner's id.")
    checked_in = serializers.BooleanField(default=True, help_text="false: check the runner out (undo a check-in).")


class RewardsQuery(serializers.Serializer):
    due = serializers.BooleanField(default=False, help_text="Only rewards not handed out yet.")
    runner = serializers.IntegerField(min_value=1, required=False)
