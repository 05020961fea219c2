"""Edits of the reference data (groups, criteria, happy hours, shifts, universities) through the API.

Each is audited, and a change that can move points tells every screen to refresh them.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError

from competition import events
from competition.errors import DomainError
from competition.models import Criterion, Group, HappyHour, Lap
from competition.scoring import store_points
from competition.services.common import audit

POINTS_MODELS = (Criterion, HappyHour, Group)


def _after_change(instance: Model, action: str, by, details: dict) -> None:
    name = type(instance).__name__.lower()
    events.emit("data_changed", {"model": name, "id": instance.pk, "action": action})
    if isinstance(instance, POINTS_MODELS):
        store_points(Lap.objects.all())
        events.emit("points_changed", {"reason": name})
    audit(by=by, action=action, target=instance, details=details)


def _save(instance: Model, fields: list[str], m2m: dict, *, by, action: str) -> Model:
    try:
        with transaction.atomic():
            instance.save()
            for field, values in m2m.items():
                getattr(instance, field).set(values)
            _after_change(instance, action, by, {"fields": sorted([*fields, *m2m])})
    except IntegrityError as error:
        raise DomainError(
            _broken_rule(instance)
            or f"This {type(instance)._meta.verbose_name} conflicts with existing data ({error.__cause__ or error}). "
            "Only one base entry may exist and names must be unique.",
            code="conflict",
        ) from None
    return instance


def _broken_rule(instance: Model) -> str | None:
    """The model's own message for the constraint a save broke (another write got in after the check)."""
    try:
        instance.validate_constraints()
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def data_create(*, by, model: type[Model], fields: dict, m2m: dict | None = None) -> Model:
    return _save(model(**fields), list(fields), m2m or {}, by=by, action="create")


def data_update(*, by, instance: Model, fields: dict, m2m: dict | None = None) -> Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return _save(instance, list(fields), m2m or {}, by=by, action="update")


def data_delete(*, by, instance: Model) -> None:
    pk = instance.pk
    try:
        with transaction.atomic():
            instance.delete()
            instance.pk = pk
            _after_change(instance, "delete", by, {})
    except ProtectedError:
        raise DomainError(
            f"This {type(instance)._meta.verbose_name} is still in use (runners or laps refer to it); "
            "change those first.",
            code="in_use",
        ) from None
