"""The race: runners, the queue, laps and the one row of event settings."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, Trim
from django.utils import timezone

from competition.models.base import CRUD, rest_permissions
from competition.models.reference import Group, Shift, University
from competition.rules import FieldCheckConstraint, validate_time_zone


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
            FieldCheckConstraint(
                field="identification",
                condition=Q(identification=Lower(Trim("identification"))) & ~Q(identification=""),
                name="runner_identification_normalised",
                violation_error_message="The student ID must not be empty, and is stored lowercase without spaces.",
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
                fields=["runner"],
                condition=Q(state="waiting"),
                name="queueticket_one_waiting_per_runner",
                violation_error_code="unique",  # shown under "runner"
                violation_error_message="This runner already has a waiting ticket in the queue.",
            ),
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(state="waiting"),
                name="queueticket_unique_waiting_position",
                violation_error_code="unique",  # shown under "position"
                violation_error_message="Another waiting ticket has this position: pick a free one.",
            ),
            FieldCheckConstraint(
                field="position",
                condition=(Q(state="waiting") & Q(position__isnull=False))
                | (~Q(state="waiting") & Q(position__isnull=True)),
                name="queueticket_position_iff_waiting",
                violation_error_message="A waiting ticket needs a position, and only a waiting ticket has one.",
            ),
            FieldCheckConstraint(
                field="state",
                condition=Q(state__in=["waiting", "running", "done", "removed"]),
                name="queueticket_state_valid",
                violation_error_message="The state must be waiting, running, done or removed.",
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
            models.UniqueConstraint(
                Value(1),
                condition=Q(end__isnull=True),
                name="lap_one_running",
                violation_error_message="Another lap is still running, and only one lap can run at a time: "
                "give this lap an end time, or finish the running lap first.",
            ),
            FieldCheckConstraint(
                field="end",
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="lap_end_after_start",
                violation_error_message="A lap must end after it starts: change the start or the end.",
            ),
            # Only the press that finishes a lap can force it, and only a finished lap can be vouched for.
            FieldCheckConstraint(
                field="end",
                condition=Q(end__isnull=False) | Q(forced=False, confirmed_at__isnull=True),
                name="lap_review_only_when_finished",
                violation_error_message="A lap recorded anyway or confirmed by staff must keep its end time.",
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
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone])
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
    results_published = models.BooleanField(
        default=False, help_text="Everybody may see the results (/results); staff always can."
    )

    class Meta:
        verbose_name = verbose_name_plural = "event settings"
        permissions = rest_permissions("eventsettings", "retrieve", "update", "results")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="eventsettings_single_row",
                violation_error_message="There is only one row of event settings: edit that one.",
            ),
            FieldCheckConstraint(
                field="race_end",
                condition=Q(race_end__isnull=True) | Q(race_start__isnull=True) | Q(race_end__gt=F("race_start")),
                name="eventsettings_race_end_after_start",
                violation_error_message="The race must end after it starts: change the start or the end.",
            ),
            models.CheckConstraint(
                condition=Q(night_start_hour__lte=23) & Q(night_end_hour__lte=23),
                name="eventsettings_night_hours",
                violation_error_message="Night hours are whole hours from 0 to 23.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def load(cls) -> "EventSettings":
        obj, _ = cls.objects.get_or_create(id=1, defaults={"title": settings.TITLE})
        return obj
