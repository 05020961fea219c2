"""Laps: fixes the control table cannot make, and the export after the event."""

from django.contrib import admin, messages
from import_export.admin import ExportMixin

from competition.admin.base import ServiceAdmin
from competition.models import Lap
from competition.resources import LapResource, format_duration
from competition.scoring import with_points
from competition.selectors import with_review
from competition.services.lap_fixes import lap_create, lap_delete, lap_edit
from competition.services.laps import lap_confirm

LAP_WARNING = (
    "Careful during the event: a lap edited here changes the live screens and every points total "
    "at once, and the control table may be pressing next lap at the same moment. Prefer next lap "
    "and undo at the control table; fix laps here only when those cannot."
)


class AssignedFilter(admin.SimpleListFilter):
    title = "runner"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return (("no", "Unassigned"), ("yes", "Assigned"))

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(runner__isnull=self.value() == "no")
        return queryset


class RunningFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "running"

    def lookups(self, request, model_admin):
        return (("yes", "Running"), ("no", "Finished"))

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(end__isnull=self.value() == "yes")
        return queryset


class SuspectFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (("suspect", "Suspect (not confirmed)"), ("confirmed", "Confirmed by staff"))

    def queryset(self, request, queryset):
        if self.value() == "suspect":
            return queryset.filter(Lap.suspect_condition())
        if self.value() == "confirmed":
            return queryset.filter(confirmed_at__isnull=False)
        return queryset


@admin.register(Lap)
class LapAdmin(ServiceAdmin, ExportMixin, admin.ModelAdmin):
    resource_classes = [LapResource]
    actions = ["confirm_laps"]
    list_display = ("id", "runner", "start", "end", "lap_duration", "points", "raining", "review")
    list_filter = ("raining", AssignedFilter, RunningFilter, SuspectFilter)
    search_fields = ("runner__first_name", "runner__last_name", "runner__identification")
    search_help_text = "Search by the runner's first name, last name or student ID."
    autocomplete_fields = ("runner",)
    raw_id_fields = ("ticket",)
    readonly_fields = ("lap_duration", "points", "review", "forced", "confirmed_at", "confirmed_by")
    fieldsets = (
        (None, {"description": LAP_WARNING, "fields": ("runner", "ticket", "start", "end", "raining")}),
        ("Derived", {"fields": ("lap_duration", "points")}),
        (
            "Review",
            {
                "description": "A lap recorded anyway, or shorter than the plausible lap time (event settings), "
                "stays off “fastest lap” until staff confirm it (action “Confirm the selected laps”).",
                "fields": ("review", "forced", "confirmed_at", "confirmed_by"),
            },
        ),
    )

    # Under the race lock, with its points stored and the event the screens apply (lap_fixes.py).
    def service_create(self, request, fields):
        return lap_create(by=request.user, **fields)

    def service_update(self, request, obj, fields):
        lap_edit(by=request.user, lap_id=obj.pk, **fields)

    def service_delete(self, request, objs):
        lap_delete(by=request.user, lap_ids=[lap.pk for lap in objs])

    def has_export_permission(self, request):
        return self.has_view_permission(request)  # the export holds student IDs

    def get_queryset(self, request):
        # Points are stored on each lap (competition.scoring): the list and the export stay one query.
        return with_review(with_points(super().get_queryset(request).select_related("runner__group")))

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            self.message_user(request, LAP_WARNING, messages.WARNING)
        return super().changelist_view(request, extra_context)

    @admin.display(description="duration", ordering="duration_value")
    def lap_duration(self, lap: Lap) -> str:
        if lap.pk is None:
            return "–"
        return format_duration(lap.duration) if lap.end else "running"

    @admin.display(description="points", ordering="points_value")
    def points(self, lap: Lap) -> int | str:
        if not lap.end or lap.pk is None:
            return "–"
        return getattr(lap, "points_value", "–")

    @admin.display(description="review")
    def review(self, lap: Lap) -> str:
        if not lap.end or lap.pk is None:
            return "–"
        if lap.confirmed_at is not None:
            return "confirmed"
        if not getattr(lap, "suspect_value", False):
            return "–"
        return "suspect: recorded anyway" if lap.forced else "suspect: shorter than plausible"

    @admin.action(description="Confirm the selected laps (they count for “fastest lap”)")
    def confirm_laps(self, request, queryset):
        confirmed = 0
        for pk in queryset.filter(end__isnull=False, confirmed_at__isnull=True).values_list("pk", flat=True):
            lap_confirm(by=request.user, lap_id=pk)  # audited and on the event stream, as from the API
            confirmed += 1
        self.message_user(request, f"{confirmed} lap(s) confirmed.", messages.SUCCESS)
