"""The race's data. Every invariant of SPEC section 2 is a database constraint here."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, Trim
from django.utils import timezone

from competition.folding import FoldedUniqueConstraint
from competition.patterns import pattern_problem, validate_student_id_pattern

KU_LEUVEN_PATTERN = r"^r\d{7}$"
KU_LEUVEN_EXAMPLE = "r0123456"


def normalise_identification(raw: str) -> str:
    """A student ID as stored and compared: lowercase, without any whitespace ("R 0999002" -> "r0999002").

    The one normalisation of the kiosk's scans, the API, the import and the admin.
    """
    return "".join((raw or "").split()).lower()


def rest_permissions(model: str, *actions: str) -> list[tuple[str, str]]:
    """The rest_<action>_<model> codenames of SPEC section 7 for one model."""
    return [(f"rest_{action}_{model}", f"API: {action} {model}") for action in actions]


CRUD = ("list", "retrieve", "create", "update", "destroy")


class University(models.Model):
    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=30, unique=True)
    student_id_pattern = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_student_id_pattern],
        help_text="A regular expression a student ID must match (lowercase), e.g. ^r\\d{7}$. Empty: any ID.",
    )
    student_id_example = models.CharField(
        max_length=50,
        blank=True,
        help_text="A valid student ID, shown in messages about a wrong one (e.g. r0123456). It must match the pattern.",
    )

    class Meta:
        verbose_name_plural = "universities"
        ordering = ["name"]
        permissions = rest_permissions("university", *CRUD)

    def __str__(self) -> str:
        return self.abbreviation or self.name

    def clean(self):
        super().clean()
        self.student_id_example = normalise_identification(self.student_id_example)
        pattern, example = self.student_id_pattern, self.student_id_example
        if example and pattern and not pattern_problem(pattern) and not re.fullmatch(pattern, example):
            raise ValidationError(
                {"student_id_example": f"“{example}” does not match the student-ID pattern: give an ID that does."}
            )

    def identification_error(self, identification: str) -> str | None:
        """Why an (already normalised) ID does not fit this university, or None when it does.

        The message is for the runner at the kiosk: it never shows the pattern, only an example.
        """
        if self.student_id_pattern and pattern_problem(self.student_id_pattern):
            # Saved before patterns were checked: never run it (it could stall every scan).
            return (
                f"The student-ID pattern of {self.abbreviation} cannot be checked safely; an organiser must "
                "correct it in the admin (Universities)."
            )
        if self.student_id_pattern and not re.fullmatch(self.student_id_pattern, identification):
            return f"“{identification}” is not a valid {self.abbreviation} student ID{self.example_hint()}."
        return None

    def example_hint(self) -> str:
        """What follows a message about a wrong ID: " (for example r0123456)", or nothing without an example."""
        return f" (for example {self.student_id_example})" if self.student_id_example else ""


class HappyHour(models.Model):
    name = models.CharField(max_length=100)
    start = models.DateTimeField()
    end = models.DateTimeField()
    multiplier = models.PositiveIntegerField(default=2)
    base = models.BooleanField(
        default=False, help_text="The base happy hour gives the multiplier outside every window."
    )

    class Meta:
        ordering = ["start"]
        permissions = rest_permissions("happyhour", *CRUD)
        constraints = [
            models.CheckConstraint(condition=Q(multiplier__gte=1), name="happyhour_multiplier_at_least_1"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="happyhour_end_after_start"),
            models.UniqueConstraint(
                fields=["base"],
                condition=Q(base=True),
                name="happyhour_one_base",
                violation_error_message="There is already a base happy hour; edit that one instead of adding another.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ×{self.multiplier}"


class Group(models.Model):
    name = models.CharField(max_length=100, help_text="Unique, ignoring case and accents.")
    happy_hours = models.ManyToManyField(HappyHour, blank=True, related_name="groups")

    class Meta:
        ordering = ["name"]
        permissions = rest_permissions("group", *CRUD)
        constraints = [
            # "Test Kring" and "test kring" (or "Zoë" and "Zoe") would be two teams on the kiosk's list.
            FoldedUniqueConstraint(
                field="name",
                name="group_name_unique_folded",
                violation_error_message="A group named “%(existing)s” already exists (names are compared "
                "ignoring case and accents): choose that group, or give this one another name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    upper_limit = models.DurationField(help_text="A lap at most this long earns these points.")
    points = models.PositiveIntegerField()
    base = models.BooleanField(
        default=False, help_text="The base criterion gives the points of a lap that meets no upper limit."
    )

    class Meta:
        verbose_name_plural = "criteria"
        ordering = ["upper_limit"]
        permissions = rest_permissions("criterion", *CRUD)
        constraints = [
            models.UniqueConstraint(
                fields=["base"],
                condition=Q(base=True),
                name="criterion_one_base",
                violation_error_message="There is already a base criterion; edit that one instead of adding another.",
            ),
            models.CheckConstraint(condition=Q(upper_limit__gt=timedelta(0)), name="criterion_upper_limit_positive"),
            # Two limits alike with different points: which one a lap earns would be a coin toss.
            models.UniqueConstraint(
                fields=["upper_limit"],
                condition=Q(base=False),
                name="criterion_one_per_upper_limit",
                violation_error_code="unique",  # shown under the upper limit
                violation_error_message="Another criterion already has this upper limit: change its points "
                "instead of adding a second one (a lap earns the points of one criterion).",
            ),
        ]

    def __str__(self) -> str:
        kind = "base" if self.base else f"≤ {self.upper_limit}"
        return f"{kind}: {self.points} points"


class Shift(models.Model):
    name = models.CharField(max_length=100)
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        permissions = rest_permissions("shift", *CRUD)
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="shift_end_after_start")]

    def __str__(self) -> str:
        return self.name


class Runner(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    identification = models.CharField(
        max_length=50, unique=True, help_text="Student ID, lowercase and without spaces (e.g. r0123456)."
    )
    university = models.ForeignKey(University, on_delete=models.PROTECT, related_name="runners")
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    test_time = models.DurationField(null=True, blank=True, help_text="Time of a pre-event test lap.")
    shifts = models.ManyToManyField(Shift, blank=True, related_name="runners")
    first_year = models.BooleanField(default=False)
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["last_name", "first_name"]
        permissions = rest_permissions("runner", *CRUD, "summary", "query", "lookup")
        constraints = [
            models.CheckConstraint(
                condition=Q(identification=Lower(Trim("identification"))) & ~Q(identification=""),
                name="runner_identification_normalised",
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class QueueTicket(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting"
        RUNNING = "running"
        DONE = "done"
        REMOVED = "removed"

    runner = models.ForeignKey(Runner, on_delete=models.CASCADE, related_name="tickets")
    created_at = models.DateTimeField(default=timezone.now)
    # A sort key with wide gaps, so a move rewrites one row (services/queue.py). Only waiting
    # tickets have one; the API shows the 0-based place in the queue instead.
    position = models.BigIntegerField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)

    class Meta:
        ordering = ["position", "id"]
        permissions = rest_permissions("queueticket", "list", "create", "move", "skip", "destroy")
        constraints = [
            models.UniqueConstraint(
                fields=["runner"], condition=Q(state="waiting"), name="queueticket_one_waiting_per_runner"
            ),
            models.UniqueConstraint(
                fields=["position"], condition=Q(state="waiting"), name="queueticket_unique_waiting_position"
            ),
            models.CheckConstraint(
                condition=(Q(state="waiting") & Q(position__isnull=False))
                | (~Q(state="waiting") & Q(position__isnull=True)),
                name="queueticket_position_iff_waiting",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["waiting", "running", "done", "removed"]), name="queueticket_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "position"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.runner} ({self.state})"


class Lap(models.Model):
    runner = models.ForeignKey(Runner, on_delete=models.PROTECT, null=True, blank=True, related_name="laps")
    ticket = models.OneToOneField(QueueTicket, on_delete=models.PROTECT, null=True, blank=True, related_name="lap")
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    raining = models.BooleanField(default=False)
    # Written by scoring.store_points when the lap finishes and whenever criteria, happy hours or
    # memberships change, so that totals and leaderboards are plain sums.
    points = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # "Record anyway": the press that finished this lap overrode the minimum lap time (SPEC section 3).
    # A database default too, for rows written outside the ORM (a restore, a hand-made fix in SQL).
    forced = models.BooleanField(default=False, db_default=False, editable=False)
    # Staff vouched for this lap (services.laps.lap_confirm): a suspect lap counts as a fastest lap.
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["-start"]
        permissions = rest_permissions(
            "lap", "list", "retrieve", "current", "stats", "advance", "reverse", "assign", "confirm"
        )
        constraints = [
            # At most one running lap: a unique index over a constant, for unfinished laps only.
            models.UniqueConstraint(Value(1), condition=Q(end__isnull=True), name="lap_one_running"),
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=F("start")), name="lap_end_after_start"),
            # Only the press that finishes a lap can force it, and only a finished lap can be vouched for.
            models.CheckConstraint(
                condition=Q(end__isnull=False) | Q(forced=False, confirmed_at__isnull=True),
                name="lap_review_only_when_finished",
            ),
        ]
        indexes = [
            models.Index(fields=["end"]),
            models.Index(fields=["runner", "end"]),
        ]

    def __str__(self) -> str:
        who = self.runner or "unassigned"
        return f"Lap {self.pk} ({who})"

    @property
    def duration(self) -> timedelta | None:
        return self.end - self.start if self.end else None

    @staticmethod
    def suspect_condition(plausible: timedelta | None = None) -> Q:
        """Finished laps kept off "fastest lap" until staff confirm them: forced, or shorter than plausible.

        Computed from the settings at read time (not stored), so a changed plausible time applies
        to every lap at once. Without `plausible`, the query reads it from the settings itself.
        """
        if plausible is None:
            setting = EventSettings.objects.filter(id=1).values("plausible_lap_time")[:1]
            default = EventSettings._meta.get_field("plausible_lap_time").default
            threshold = Coalesce(Subquery(setting), Value(default), output_field=models.DurationField())
        else:
            threshold = Value(plausible, output_field=models.DurationField())
        implausible = Q(forced=True) | Q(end__lt=F("start") + threshold)
        return Q(end__isnull=False, confirmed_at__isnull=True) & implausible

    def is_suspect(self, plausible: timedelta) -> bool:
        """suspect_condition for a lap in memory (payloads); test_review checks that the two agree."""
        if self.end is None or self.confirmed_at is not None:
            return False
        return self.forced or self.end - self.start < plausible


class EventSettings(models.Model):
    """The one row of event-wide settings; its row lock also serialises every lap and queue change."""

    title = models.CharField(max_length=100, default="24-hour run")
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    race_start = models.DateTimeField(null=True, blank=True)
    race_end = models.DateTimeField(null=True, blank=True)
    raining = models.BooleanField(default=False)
    banner = models.CharField(max_length=300, blank=True)
    leaderboard_frozen_at = models.DateTimeField(
        null=True, blank=True, help_text="Public leaderboards show the standings of this moment."
    )
    min_lap_time = models.DurationField(default=timedelta(seconds=30))
    plausible_lap_time = models.DurationField(
        default=timedelta(seconds=60),
        help_text="Laps shorter than this (and laps recorded anyway) stay off “fastest lap” until staff confirm them.",
    )
    press_time_window = models.DurationField(
        default=timedelta(minutes=15), help_text="How old a press time sent by a client may be."
    )
    leaderboard_size = models.PositiveSmallIntegerField(default=3)
    night_start_hour = models.PositiveSmallIntegerField(default=22)
    night_end_hour = models.PositiveSmallIntegerField(default=6)
    reload_token = models.PositiveIntegerField(default=0, help_text="Raised to make every display reload.")

    class Meta:
        verbose_name = verbose_name_plural = "event settings"
        permissions = rest_permissions("eventsettings", "retrieve", "update")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="eventsettings_single_row"),
            models.CheckConstraint(
                condition=Q(race_end__isnull=True) | Q(race_start__isnull=True) | Q(race_end__gt=F("race_start")),
                name="eventsettings_race_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(night_start_hour__lte=23) & Q(night_end_hour__lte=23), name="eventsettings_night_hours"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def load(cls) -> "EventSettings":
        obj, _ = cls.objects.get_or_create(id=1, defaults={"title": settings.TITLE})
        return obj


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        ADVANCE = "advance"
        REVERSE = "reverse"
        ASSIGN = "assign"
        CONFIRM = "confirm"
        QUEUE_INSERT = "queue_insert"
        QUEUE_MOVE = "queue_move"
        QUEUE_REMOVE = "queue_remove"
        QUEUE_SKIP = "queue_skip"
        QUEUE_RESET = "queue_reset"
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"
        SETTINGS = "settings"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    target_type = models.CharField(max_length=50)
    target_id = models.CharField(max_length=50, blank=True)
    details = models.JSONField(default=dict, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "audit entries"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.target_type} {self.target_id}"


class IdempotencyRecord(models.Model):
    """The first answer to a command, so that a replay of its key returns it and changes nothing.

    A key belongs to its user (another user's same key is another key) and to its request: the
    fingerprint of the command's input, so that a key sent again with another body is refused.
    """

    key = models.CharField(max_length=100)
    action = models.CharField(max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the command's input.")
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(user__isnull=True), name="idempotency_key_without_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.key}"
