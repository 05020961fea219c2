"""Helpers for posting the admin's forms as a browser would, and reading what they published."""

import json

from django import forms
from django.urls import reverse
from django.utils import timezone
from django_eventstream.models import Event


def url(model, view: str, *args) -> str:
    return reverse(f"admin:competition_{model._meta.model_name}_{view}", args=args)


def stored_events(kind: str) -> list[dict]:
    rows = Event.objects.filter(type=kind).order_by("eid")
    return [json.loads(json.loads(row.data)) for row in rows]


def form_data(response) -> dict:
    """What a browser sends back for the admin form on this page when nothing is changed."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget = getattr(field.widget, "widget", field.widget)  # unwrap the related-object wrapper
        if isinstance(widget, forms.SplitDateTimeWidget):
            day, moment = widget.decompress(value)
            values = {
                f"{name}_0": day.isoformat() if day else "",
                f"{name}_1": moment.strftime("%H:%M:%S") if moment else "",
            }
        elif isinstance(widget, forms.CheckboxInput):
            values = {name: "on"} if value else {}
        elif isinstance(field, forms.ModelMultipleChoiceField):
            values = {name: [str(v) for v in value or []]}
        else:
            values = {name: "" if value is None else str(value)}
        data.update(values)
        if field.show_hidden_initial:  # fields with a callable default carry their initial value along
            data.update({f"initial-{key}": v for key, v in values.items()})
    return data


def split(moment) -> dict:
    local = timezone.localtime(moment)
    return {"0": local.date().isoformat(), "1": local.strftime("%H:%M:%S")}
