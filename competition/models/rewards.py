"""Milestone rewards (SPEC section 2 and 5): a runner's n-th finished lap earns the milestone's reward."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from competition.models.base import CRUD, rest_permissions
from competition.models.race import Lap, Runner
from competition.rules import FieldCheckConstraint

MAX_MILESTONE_LAPS = 10_000


class Milestone(models.Model):
    laps = models.PositiveIntegerField(
        unique=True,
        validators=[MaxValueValidator(MAX_MILESTONE_LAPS)],
        help_text="A runner's finished laps that earn the reward.",
        error_messages={"unique": "Another milestone already has this lap count: change its reward instead."},
    )
    reward = models.CharField(max_length=200, help_text="What the runner gets, e.g. “a drink voucher”.")

    class Meta:
        ordering = ["laps"]
        permissions = rest_permissions("milestone", *CRUD)
        constraints = [
            FieldCheckConstraint(
                field="laps",
                condition=Q(laps__gte=1),
                name="milestone_laps_at_least_1",
                violation_error_message="A milestone is a whole number of laps, at least 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.laps} laps: {self.reward}"


class Reward(models.Model):
    """A milestone a runner reached: due until handed out. Kept in step with the laps by services.rewards."""

    runner = models.ForeignKey(Runner, on_delete=models.CASCADE, related_name="rewards")
    # Deleting goes through services.rewards.milestone_delete, which keeps one with rewards handed out.
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="rewards")
    lap = models.ForeignKey(
        Lap, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="The lap that reached it."
    )
    reached_at = models.DateTimeField()
    handed_out_at = models.DateTimeField(null=True, blank=True)
    handed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Handed out, then undo or a fix took the lap away: the reward stays on record, flagged.
    unearned = models.BooleanField(default=False)

    class Meta:
        ordering = ["-reached_at", "-id"]
        permissions = rest_permissions("reward", "list", "handout")
        constraints = [
            models.UniqueConstraint(
                fields=["runner", "milestone"],
                name="reward_once_per_milestone",
                violation_error_code="unique",
                violation_error_message="This runner already has this milestone's reward.",
            ),
            FieldCheckConstraint(
                field="unearned",
                condition=Q(unearned=False) | Q(handed_out_at__isnull=False),
                name="reward_unearned_only_handed_out",
                violation_error_message="Only a reward already handed out is kept when its lap is gone.",
            ),
        ]
        indexes = [models.Index(fields=["handed_out_at"])]

    def __str__(self) -> str:
        return f"{self.runner}: {self.milestone}"
