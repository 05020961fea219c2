"""The one row of event settings, through settings_update like the control page's switches."""

from django.contrib import admin

from competition.admin.base import ServiceAdmin
from competition.models import EventSettings
from competition.services.settings import settings_update


# The form checks the model's rules: a known time zone (rules.validate_time_zone), the race ending
# after it starts, night hours from 0 to 23.
@admin.register(EventSettings)
class EventSettingsAdmin(ServiceAdmin, admin.ModelAdmin):
    list_display = (
        "title",
        "race_start",
        "race_end",
        "raining",
        "banner",
        "leaderboard_frozen_at",
        "results_published",
    )

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
