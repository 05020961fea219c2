"""What the app keeps about its own work: the audit log and the first answers to idempotent commands."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


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
        CHECK_IN = "check_in"
        CHECK_OUT = "check_out"
        HAND_OUT = "hand_out"

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
