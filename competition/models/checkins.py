"""Shift check-ins (SPEC section 5, Shift board): a runner scanned at the kiosk, or staff checked them in."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from competition.models.base import CRUD, rest_permissions
from competition.models.race import Runner
from competition.models.reference import Shift

# A runner who scans this long before their shift starts, or during it, is checked in for it.
CHECK_IN_OPENS = timedelta(minutes=30)


class CheckIn(models.Model):
    runner = models.ForeignKey(Runner, on_delete=models.CASCADE, related_name="check_ins")
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="check_ins")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    manual = models.BooleanField(default=False, help_text="Checked in by hand by staff, not by a scan.")

    class Meta:
        ordering = ["shift__start", "at"]
        permissions = rest_permissions("checkin", *CRUD)
        constraints = [
            models.UniqueConstraint(
                fields=["runner", "shift"],
                name="checkin_once_per_shift",
                violation_error_code="unique",
                violation_error_message="This runner is already checked in for this shift.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.runner} in {self.shift}"


def check_in_window(shift: Shift) -> tuple[datetime, datetime]:
    """From when until when a scan checks a runner in for this shift (both ends included)."""
    return shift.start - CHECK_IN_OPENS, shift.end
