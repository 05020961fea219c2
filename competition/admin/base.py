"""What every admin page shares: saves through the services, readable rule messages, the phone CSS.

An admin edit is a write like any other: the form's changes go to the same service as the API's
(competition/services), so it is validated, audited and broadcast the same way, and a database
rule it breaks shows as a form error or a message.
"""

from django import forms
from django.contrib import admin, messages
from django.db import IntegrityError
from django.db.models import Model
from django.http import HttpResponseRedirect

from competition.errors import DomainError

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


def readable(text: str) -> str:
    """A service's or the database's message, with a broken rule said in words."""
    for name, message in CONSTRAINT_MESSAGES.items():
        if name in text:
            return message
    return text


def constraint_message(error: Exception) -> str:
    text = str(error)
    message = readable(text)
    return message if message != text else f"it conflicts with existing data ({text})."


class ReadableConstraintsForm(forms.ModelForm):
    """Django validates the model's constraints in the form; this says in words which rule broke."""

    def full_clean(self):
        super().full_clean()
        if not self._errors:
            return
        readable_messages = {
            constraint.get_violation_error_message(): CONSTRAINT_MESSAGES[constraint.name]
            for constraint in self._meta.model._meta.constraints
            if constraint.name in CONSTRAINT_MESSAGES
        }
        for errors in self._errors.values():
            for index, message in enumerate(errors):
                if message in readable_messages:
                    errors.data[index] = readable_messages[message]


def form_changes(form: forms.ModelForm, obj: Model, change: bool) -> dict:
    """What a saved form writes: the changed fields of an edit, every field of an addition.

    Values come from the validated instance (a model's clean() may have normalised them), the
    many-to-many ones from the form.
    """
    names = form.changed_data if change else list(form.fields)
    values = {}
    for name in names:
        if name not in form.cleaned_data:
            continue
        many = obj._meta.get_field(name).many_to_many
        values[name] = form.cleaned_data[name] if many else getattr(obj, name)
    return values


def split_many(model: type[Model], fields: dict) -> tuple[dict, dict]:
    """The changes of plain fields and of many-to-many fields."""
    many = {name for name in fields if model._meta.get_field(name).many_to_many}
    return {k: v for k, v in fields.items() if k not in many}, {k: v for k, v in fields.items() if k in many}


class ServiceAdmin:
    """Mixin for a ModelAdmin: its saves, deletes and bulk deletes call a service, never write themselves.

    A subclass names the services: `service_create` (returns the new row), `service_update` (the changed fields
    only: next lap, undo or the kiosk may have changed the row's other fields since the form was
    loaded) and `service_delete` (one row or a whole selection, in one transaction).
    """

    form = ReadableConstraintsForm

    class Media:
        css = {"all": ["competition/admin-phone.css"]}

    def service_create(self, request, fields: dict) -> Model:
        raise NotImplementedError

    def service_update(self, request, obj: Model, fields: dict) -> None:
        raise NotImplementedError

    def service_delete(self, request, objs: list[Model]) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        fields = form_changes(form, obj, change)
        if change:
            if fields:
                self.service_update(request, obj, fields)
            return
        created = self.service_create(request, fields)
        obj.pk = created.pk  # the admin's log entry and redirect name the new row
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # The service saved the many-to-many fields with the row (and stored points after them).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        self.service_delete(request, [obj])

    def delete_queryset(self, request, queryset):
        self.service_delete(request, list(queryset))

    # The form checked the rules, but next lap or the kiosk can break one between that check and
    # the service's own (under the lock): the whole change was rolled back; say why.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._refusal_as_message(request, super().changeform_view, request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        return self._refusal_as_message(request, super().delete_view, request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        return self._refusal_as_message(request, super().changelist_view, request, extra_context)

    def _refusal_as_message(self, request, view, *args):
        try:
            return view(*args)
        except DomainError as error:
            message = readable(error.detail)
        except IntegrityError as error:
            message = constraint_message(error)
        self.message_user(request, f"Nothing was saved: {message}", messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: staff may look, nobody may write through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
