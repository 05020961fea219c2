"""What every admin page shares: saves through the services, readable rule messages, the phone CSS.

An admin edit is a write like any other: the form's changes go to the same service as the API's
(competition/services), so it is validated, audited and broadcast the same way, and a database
rule it breaks shows as a form error or a message. The form shows a rule's message from the model
(competition/rules.py), as the API and the import do.
"""

from django import forms
from django.contrib import admin, messages
from django.db import IntegrityError
from django.db.models import Model
from django.http import HttpResponseRedirect

from competition.errors import DomainError
from competition.rules import broken_rule


def readable(text: str) -> str:
    """A service's or the database's message, with a broken rule said in the model's words."""
    return broken_rule(text) or text


def constraint_message(error: Exception) -> str:
    return broken_rule(error) or f"it conflicts with existing data ({error})."


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
