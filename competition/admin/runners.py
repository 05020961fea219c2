"""Runners: pre-registration by hand or by import, through the same services as the kiosk and the API."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from competition.admin.base import ServiceAdmin
from competition.models import Runner, normalise_identification
from competition.resources import RunnerResource, format_duration, import_report
from competition.selectors import identification_problem
from competition.services.runners import runner_create, runner_delete, runner_update


class RunnerForm(forms.ModelForm):
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
class RunnerAdmin(ServiceAdmin, ImportExportModelAdmin):
    form = RunnerForm
    resource_classes = [RunnerResource]
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

    def service_create(self, request, fields):
        return runner_create(by=request.user, **fields)

    def service_update(self, request, obj, fields):
        # A group change stores the points of this runner's laps and announces them (runner_update).
        runner_update(by=request.user, runner=Runner.objects.get(pk=obj.pk), **fields)

    def service_delete(self, request, objs):
        runner_delete(by=request.user, runner_ids=[runner.pk for runner in objs])

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
        # rolls the whole file back (with the events and audit entries of the rows before it).
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("result") is not None:
            context["import_report"] = import_report(context["result"])
        return response

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
