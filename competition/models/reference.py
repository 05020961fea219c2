"""Reference data staff set up before the event: universities, happy hours, groups, criteria, shifts."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q

from competition.folding import FoldedUniqueConstraint
from competition.models.base import CRUD, normalise_identification, rest_permissions
from competition.patterns import pattern_problem, validate_student_id_pattern
from competition.rules import FieldCheckConstraint

KU_LEUVEN_PATTERN = r"^r\d{7}$"
KU_LEUVEN_EXAMPLE = "r0123456"


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


# Upper bounds of our own, far above any real event's: without them the API's schema took its
# limits from the database (2^31 - 1 on PostgreSQL, 2^63 - 1 on SQLite) and differed by backend.
MAX_POINTS = 10_000
MAX_MULTIPLIER = 100


class HappyHour(models.Model):
    name = models.CharField(max_length=100)
    start = models.DateTimeField()
    end = models.DateTimeField()
    multiplier = models.PositiveIntegerField(default=2, validators=[MaxValueValidator(MAX_MULTIPLIER)])
    base = models.BooleanField(
        default=False, help_text="The base happy hour gives the multiplier outside every window."
    )

    class Meta:
        ordering = ["start"]
        permissions = rest_permissions("happyhour", *CRUD)
        constraints = [
            FieldCheckConstraint(
                field="multiplier",
                condition=Q(multiplier__gte=1),
                name="happyhour_multiplier_at_least_1",
                violation_error_message="The multiplier must be a whole number of at least 1.",
            ),
            FieldCheckConstraint(
                field="end",
                condition=Q(end__gt=F("start")),
                name="happyhour_end_after_start",
                violation_error_message="A happy hour must end after it starts: change the start or the end.",
            ),
            models.UniqueConstraint(
                fields=["base"],
                condition=Q(base=True),
                name="happyhour_one_base",
                violation_error_code="unique",  # shown under "base"
                violation_error_message="There is already a base happy hour: untick “base”, or edit the existing "
                "base happy hour instead.",
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
    points = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_POINTS)])
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
                violation_error_code="unique",  # shown under "base"
                violation_error_message="There is already a base criterion: untick “base”, or edit the existing "
                "base criterion instead.",
            ),
            FieldCheckConstraint(
                field="upper_limit",
                condition=Q(upper_limit__gt=timedelta(0)),
                name="criterion_upper_limit_positive",
                violation_error_message="The upper limit must be more than 0 seconds.",
            ),
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
        permissions = rest_permissions("shift", *CRUD, "board", "checkin")
        constraints = [
            FieldCheckConstraint(
                field="end",
                condition=Q(end__gt=F("start")),
                name="shift_end_after_start",
                violation_error_message="A shift must end after it starts: change the start or the end.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
