"""The one row of event settings, through settings_update like the control page's switches."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.contrib import admin

from competition.admin.base import ReadableConstraintsForm, ServiceAdmin
from competition.models import EventSettings
from competition.services.settings import settings_update


class EventSettingsForm(ReadableConstraintsForm):
    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            # The statistics group laps by local hour; an unknown zone would break every page.
            raise forms.ValidationError(f"“{name}” is not a time zone; use a name like Europe/Brussels.") from None
        return name


@admin.register(EventSettings)
class EventSettingsAdmin(ServiceAdmin, admin.ModelAdmin):
    form = EventSettingsForm
    list_display = ("title", "race_start", "race_end", "raining", "banner", "leaderboard_frozen_at")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not EventSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    # Under the race lock, audited, and on the screens through `settings_changed` (banner, rain,
    # freeze, reload).
    def service_create(self, request, fields):
        return settings_update(by=request.user, **fields)

    def service_update(self, request, obj, fields):
        settings_update(by=request.user, **fields)
