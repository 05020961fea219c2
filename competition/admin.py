"""The Django admin of SPEC section 6: staff behind the scenes pre-register runners, fix data, export laps.

An admin edit is a write like any other: it runs in one transaction with a live event (so the
screens follow) and an audit entry, and a database rule it breaks shows as a form error.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ExportMixin, ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from competition import events
from competition.models import (
    AuditEntry,
    Criterion,
    EventSettings,
    Group,
    HappyHour,
    IdempotencyRecord,
    Lap,
    QueueTicket,
    Runner,
    Shift,
    University,
)
from competition.resources import RUNNER_COLUMNS, LapResource, RunnerResource, format_duration, import_report
from competition.scoring import store_points, with_points
from competition.selectors import settings_public, with_review
from competition.services.common import audit, race_lock
from competition.services.laps import lap_confirm
from competition.services.runners import identification_problem, normalise_identification

admin.site.site_header = admin.site.site_title = f"{settings.TITLE} admin"

# What each database rule means to the person at the form (Django's default only names the rule).
CONSTRAINT_MESSAGES = {
    "lap_one_running": "Another lap is still running, and only one lap can run at a time: "
    "give this lap an end time, or finish the running lap first.",
    "lap_end_after_start": "A lap must end after it starts.",
    "lap_review_only_when_finished": "A lap recorded anyway or confirmed by staff must keep its end time.",
    "criterion_one_base": "There is already a base criterion: untick “base”, or edit the existing base criterion.",
    "criterion_upper_limit_positive": "The upper limit must be longer than zero.",
    "happyhour_one_base": "There is already a base happy hour: untick “base”, or edit the existing one.",
    "happyhour_end_after_start": "A happy hour must end after it starts.",
    "happyhour_multiplier_at_least_1": "The multiplier must be at least 1.",
    "shift_end_after_start": "A shift must end after it starts.",
    "queueticket_one_waiting_per_runner": "This runner already has a waiting ticket in the queue.",
    "queueticket_unique_waiting_position": "Another waiting ticket has this position: pick a free one.",
    "queueticket_position_iff_waiting": "A waiting ticket needs a position, and only a waiting ticket has one.",
    "queueticket_state_valid": "The state must be waiting, running, done or removed.",
    "runner_identification_normalised": "The student ID must not be empty.",
    "eventsettings_single_row": "There is only one row of event settings: edit that one.",
    "eventsettings_race_end_after_start": "The race must end after it starts.",
    "eventsettings_night_hours": "Night hours are whole hours from 0 to 23.",
}

LAP_WARNING = (
    "Careful during the event: a lap edited here changes the live screens and every points total "
    "at once, and the control table may be pressing next lap at the same moment. Prefer next lap "
    "and undo at the control table; fix laps here only when those cannot."
)


def constraint_message(error: Exception) -> str:
    text = str(error)
    for name, message in CONSTRAINT_MESSAGES.items():
        if name in text:
            return message
    return f"it conflicts with existing data ({text})."


class ReadableConstraintsForm(forms.ModelForm):
    """Django validates the model's constraints in the form; this says in words which rule broke."""

    def full_clean(self):
        super().full_clean()
        if not self._errors:
            return
        readable = {
            constraint.get_violation_error_message(): CONSTRAINT_MESSAGES[constraint.name]
            for constraint in self._meta.model._meta.constraints
            if constraint.name in CONSTRAINT_MESSAGES
        }
        for errors in self._errors.values():
            for index, message in enumerate(errors):
                if message in readable:
                    errors.data[index] = readable[message]


class AuditedAdmin:
    """Mixin for a ModelAdmin: every save and delete in a transaction with its event and audit entry."""

    form = ReadableConstraintsForm

    class Media:
        css = {"all": ["competition/admin-phone.css"]}

    # Fields whose change moves points ("__all__": every change does). A deletion counts as a
    # change of every field.
    points_fields: frozenset[str] | str = frozenset()
    # Laps, tickets and the settings also change through next lap and undo: queue behind them.
    takes_race_lock = False

    def moves_points(self, changed: set[str]) -> bool:
        return self.points_fields == "__all__" or bool(changed & set(self.points_fields))

    def points_scope(self, objs: list) -> QuerySet[Lap]:
        """The laps whose points an edit of `objs` can move (criteria, happy hours, groups: all)."""
        return Lap.objects.all()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Stored points follow a form save here, once its many-to-many fields are saved too.
        changed = set(form.changed_data)
        if (changed or not change) and self.moves_points(changed):
            store_points(self.points_scope([form.instance]))

    def record_change(
        self, request, obj, action: str, changed: set[str], details: dict | None = None, *, announce_points=True
    ) -> None:
        # Events are public: the payload names the row, never its content (student IDs).
        payload = {"model": obj._meta.model_name, "id": obj.pk, "action": action, "source": "admin"}
        events.emit("data_changed", payload)
        if announce_points and self.moves_points(changed):
            events.emit("points_changed", {"reason": "admin"})
        audit(by=request.user, action=action, target=obj, details={"source": "admin", **(details or {})})

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        with transaction.atomic():
            if self.takes_race_lock:
                race_lock()
            if change:
                # Write only what this form changed: next lap, undo or the kiosk may have changed
                # the row's other fields since the form was loaded.
                fields = [f.name for f in obj._meta.concrete_fields if f.name in changed]
                if fields:
                    obj.save(update_fields=fields)
            else:
                obj.save()
            if changed or not change:
                details = {"fields": sorted(changed)} if change else None
                self.record_change(request, obj, "update" if change else "create", changed, details)

    def delete_model(self, request, obj):
        with transaction.atomic():
            if self.takes_race_lock:
                race_lock()
            pk = obj.pk
            super().delete_model(request, obj)
            obj.pk = pk  # the event and the audit entry name the row that is gone
            self.record_change(request, obj, "delete", _all_fields(obj))
            if self.moves_points(_all_fields(obj)):
                store_points(self.points_scope([obj]))

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            if self.takes_race_lock:
                race_lock()
            deleted = list(queryset)
            super().delete_queryset(request, queryset)
            for obj in deleted:
                self.record_change(request, obj, "delete", _all_fields(obj))
            if deleted and self.moves_points(_all_fields(deleted[0])):
                store_points(self.points_scope(deleted))  # once for the whole selection

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            # The form checked the rules, but next lap or the kiosk can break one between that
            # check and the save; the whole save was rolled back.
            self.message_user(request, f"Nothing was saved: {constraint_message(error)}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def _all_fields(obj) -> set[str]:
    return {field.name for field in obj._meta.get_fields()}


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: staff may look, nobody may write through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Reference data


class UniversityForm(ReadableConstraintsForm):
    def clean_student_id_pattern(self):
        # The model's validator then refuses a broken or unsafe pattern (competition/patterns.py).
        return self.cleaned_data["student_id_pattern"].strip()


@admin.register(University)
class UniversityAdmin(AuditedAdmin, admin.ModelAdmin):
    form = UniversityForm
    list_display = ("name", "abbreviation", "student_id_pattern", "student_id_example")
    search_fields = ("name", "abbreviation")


@admin.register(Group)
class GroupAdmin(AuditedAdmin, admin.ModelAdmin):
    points_fields = frozenset({"happy_hours"})
    list_display = ("name", "member_count")
    search_fields = ("name",)
    filter_horizontal = ("happy_hours",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members", distinct=True))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, group: Group) -> int:
        return group.member_count


@admin.register(HappyHour)
class HappyHourAdmin(AuditedAdmin, admin.ModelAdmin):
    points_fields = "__all__"
    list_display = ("name", "start", "end", "multiplier", "base")
    list_filter = ("base",)
    search_fields = ("name",)


@admin.register(Criterion)
class CriterionAdmin(AuditedAdmin, admin.ModelAdmin):
    points_fields = "__all__"
    list_display = ("upper_limit", "points", "base")
    list_filter = ("base",)


@admin.register(Shift)
class ShiftAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("name", "start", "end", "runner_count")
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(runner_count=Count("runners", distinct=True))

    @admin.display(description="runners", ordering="runner_count")
    def runner_count(self, shift: Shift) -> int:
        return shift.runner_count


# Runners


class RunnerForm(ReadableConstraintsForm):
    def clean_identification(self):
        return normalise_identification(self.cleaned_data["identification"])

    def clean(self):
        cleaned = super().clean()
        university, identification = cleaned.get("university"), cleaned.get("identification")
        # Check the pattern only when the ID or university changes: an older runner stays editable
        # after a university tightens its pattern.
        if university and identification and {"identification", "university"} & set(self.changed_data):
            problem = identification_problem(identification, university)
            if problem:
                self.add_error("identification", problem)
        return cleaned


@admin.register(Runner)
class RunnerAdmin(AuditedAdmin, ImportExportModelAdmin):
    form = RunnerForm
    points_fields = frozenset({"group"})  # membership decides the happy hours
    resource_classes = [RunnerResource]

    def points_scope(self, objs: list) -> QuerySet[Lap]:
        return Lap.objects.filter(runner__in=objs)

    import_formats = [CSV, XLSX]
    import_template_name = "admin/competition/runner/import.html"
    list_display = (
        "last_name",
        "first_name",
        "identification",
        "university",
        "group",
        "first_year",
        "test_time_display",
        "registered_at",
    )
    list_display_links = ("last_name", "first_name")
    list_filter = ("university", "group", "first_year", "shifts")
    list_select_related = ("university", "group")
    search_fields = ("first_name", "last_name", "identification")
    search_help_text = "Search by first name, last name or student ID."
    filter_horizontal = ("shifts",)
    fieldsets = (
        (None, {"fields": ("first_name", "last_name", "identification", "university", "group", "first_year")}),
        (
            "Pre-registration",
            {
                "fields": ("test_time", "shifts"),
                "description": "Test time as seconds (252) or [H:]MM:SS (4:12); shifts are assigned by staff only.",
            },
        ),
        (None, {"fields": ("registered_at",)}),
    )

    # django-import-export lets every staff user import and export unless told otherwise; the
    # export holds student IDs, so it follows the model permissions.
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="test time", ordering="test_time")
    def test_time_display(self, runner: Runner) -> str:
        return format_duration(runner.test_time)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # All or nothing: also a row that turns invalid between the preview and the confirmation
        # rolls the whole file back.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("result") is not None:
            context["import_report"] = import_report(context["result"])
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        # The confirmed import, its events and its audit entries commit together or not at all.
        with transaction.atomic():
            result = super().process_dataset(dataset, form, request, **kwargs)
            if not (result.has_errors() or result.has_validation_errors()):
                file_name = form.cleaned_data.get("original_file_name", "")
                points_moved = False
                for row in result.valid_rows():
                    if row.is_new():
                        # A new runner has no laps yet: no points move.
                        self.record_change(request, row.instance, "create", set(), {"import": file_name})
                    elif row.is_update():
                        changed = {
                            name
                            for name in RUNNER_COLUMNS
                            if getattr(row.original, name) != getattr(row.instance, name)
                        }
                        details = {"import": file_name, "fields": sorted(changed)}
                        self.record_change(request, row.instance, "update", changed, details, announce_points=False)
                        points_moved |= self.moves_points(changed)
                if points_moved:  # once for the whole file, not once per runner
                    store_points(Lap.objects.filter(runner__isnull=False))
                    events.emit("points_changed", {"reason": "admin"})
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                "Nothing was imported: the file no longer passes the checks (the data changed since the preview). "
                "Upload it again to see which rows to fix.",
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:competition_runner_import"))
        return super().process_result(result, request)


# The race


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
class LapAdmin(AuditedAdmin, ExportMixin, admin.ModelAdmin):
    points_fields = "__all__"
    takes_race_lock = True
    resource_classes = [LapResource]
    actions = ["confirm_laps"]

    def points_scope(self, objs: list) -> QuerySet[Lap]:
        return Lap.objects.filter(pk__in=[obj.pk for obj in objs])

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

    def has_export_permission(self, request):
        return self.has_view_permission(request)  # the export holds student IDs

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            _retire_tickets([obj.ticket_id])

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            tickets = list(queryset.values_list("ticket_id", flat=True))
            super().delete_queryset(request, queryset)
            _retire_tickets(tickets)

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
            lap_confirm(by=request.user, lap_id=pk)  # one write path: audited and on the event stream
            confirmed += 1
        self.message_user(request, f"{confirmed} lap(s) confirmed.", messages.SUCCESS)


def _retire_tickets(ticket_ids) -> None:
    """A ticket whose lap was deleted did not run after all: keep it for the record, as removed."""
    QueueTicket.objects.filter(pk__in=[t for t in ticket_ids if t]).update(
        state=QueueTicket.State.REMOVED, position=None
    )


@admin.register(QueueTicket)
class QueueTicketAdmin(AuditedAdmin, admin.ModelAdmin):
    takes_race_lock = True
    list_display = ("id", "runner", "state", "position", "created_at")
    list_filter = ("state",)
    list_select_related = ("runner",)
    search_fields = ("runner__first_name", "runner__last_name", "runner__identification")
    autocomplete_fields = ("runner",)


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
class EventSettingsAdmin(AuditedAdmin, admin.ModelAdmin):
    form = EventSettingsForm
    takes_race_lock = True
    list_display = ("title", "race_start", "race_end", "raining", "banner", "leaderboard_frozen_at")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not EventSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def record_change(self, request, obj, action, changed, details=None):
        super().record_change(request, obj, action, changed, details)
        # The public pages follow settings through their own event (banner, rain, freeze, reload).
        current = EventSettings.objects.get(pk=obj.pk)
        events.emit("settings_changed", {"settings": settings_public(current), "changed": sorted(changed)})


# Logs


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "action", "target_type", "target_id", "idempotency_key")
    list_filter = ("action", ("user", admin.RelatedOnlyFieldListFilter), "target_type")
    list_select_related = ("user",)
    search_fields = ("target_type", "target_id", "idempotency_key", "user__username", "details")


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(ReadOnlyAdmin):
    list_display = ("key", "action", "user", "status_code", "created_at")
    list_filter = ("action", "status_code")
    list_select_related = ("user",)
    search_fields = ("key",)
