"""Rules written once, on the models, and reused by the admin's forms, the API and the import.

A rule is a field validator or a database constraint with its `violation_error_message`. Django's
forms run both (`full_clean`), the API's serializers run them through `Model.validate_constraints`
(api/serializers.py: `model_rules`), the services check them again under the race lock, and
`broken_rule` turns the database's refusal of a write that got in between into the same words.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db.models import CheckConstraint


def validate_event_moment(moment: datetime) -> None:
    """A date and time of the event: between the years 2000 and 2100 (far dates are nobody's race).

    Such a date reads back as RFC 3339; a far one comes back with a local mean time offset such as
    +00:17:30, or leaves the range Python or PostgreSQL can hold once shifted by its offset.
    """
    if not 2000 <= moment.year <= 2100:
        raise ValidationError("Give a date between the years 2000 and 2100.", code="far_date")


def validate_time_zone(name: str) -> None:
    """The event's time zone: the statistics group laps by local hour, so it must be a real zone."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "“%(name)s” is not a time zone; use a name like Europe/Brussels.",
            code="unknown_time_zone",
            params={"name": name},
        ) from None


class FieldCheckConstraint(CheckConstraint):
    """A CheckConstraint whose message stands under one field: in the admin's form and in the API's `errors`."""

    def __init__(self, *, field: str, **kwargs):
        self.field = field
        super().__init__(**kwargs)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.field: error}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, args, {**kwargs, "field": self.field}

    def __eq__(self, other):
        return super().__eq__(other) and self.field == getattr(other, "field", None)


def broken_rule(error: Exception | str) -> str | None:
    """The model's message for the constraint a database error names, or None.

    PostgreSQL names every broken constraint; SQLite names check constraints and expression
    indexes, but only the columns of a unique one (the services then ask the model itself).
    """
    text = str(error)
    for model in apps.get_app_config("competition").get_models():
        for constraint in model._meta.constraints:
            custom = constraint.violation_error_message != constraint.default_violation_error_message
            if custom and re.search(rf"\b{re.escape(constraint.name)}\b", text):
                return constraint.get_violation_error_message()
    return None
