"""Edits of the reference data (groups, criteria, happy hours, shifts, universities): API and admin.

Each is audited, and a change that can move points stores them again for the laps it can move
and tells every screen to refresh them.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, QuerySet

from competition import events
from competition.errors import DomainError
from competition.event_payloads import EventType
from competition.models import Criterion, Group, HappyHour, Lap, Runner
from competition.rules import broken_rule
from competition.scoring import store_points
from competition.services.common import audit


def _moves_points(instance: Model, changed: set[str], action: str) -> bool:
    if isinstance(instance, (Criterion, HappyHour)):
        return True
    return isinstance(instance, Group) and (action == "delete" or "happy_hours" in changed)


def _laps_moved(instances: list[Model]) -> QuerySet[Lap]:
    """The laps whose points a change of these rows can move; read before a delete (members go groupless)."""
    if isinstance(instances[0], (Criterion, HappyHour)):
        return Lap.objects.all()
    members = Runner.objects.filter(group__in=[instance.pk for instance in instances])
    return Lap.objects.filter(runner__in=list(members.values_list("pk", flat=True)))


def _after_change(instance: Model, action: str, by, details: dict, laps: QuerySet[Lap] | None) -> None:
    name = type(instance).__name__.lower()
    events.emit(EventType.DATA_CHANGED, model=name, id=instance.pk, action=action)
    if laps is not None:
        store_points(laps)
        events.emit(EventType.POINTS_CHANGED, reason=name)
    audit(by=by, action=action, target=instance, details=details)


def _save(instance: Model, fields: list[str], m2m: dict, *, by, action: str) -> Model:
    try:
        with transaction.atomic():
            if action == "create":
                instance.save()
            elif fields:  # only what this edit changes
                instance.save(update_fields=fields)
            for field, values in m2m.items():
                getattr(instance, field).set(values)
            changed = {*fields, *m2m}
            laps = _laps_moved([instance]) if _moves_points(instance, changed, action) else None
            _after_change(instance, action, by, {"fields": sorted(changed)}, laps)
    except IntegrityError as error:
        raise DomainError(
            _broken_rule(instance, error)
            or f"This {type(instance)._meta.verbose_name} conflicts with existing data ({error.__cause__ or error}).",
            code="conflict",
        ) from None
    return instance


def _broken_rule(instance: Model, error: IntegrityError) -> str | None:
    """The model's own message for the constraint a save broke (another write got in after the check)."""
    try:
        instance.validate_constraints()
    except ValidationError as broken:
        return " ".join(broken.messages)
    return broken_rule(error)


def data_create(*, by, model: type[Model], fields: dict, m2m: dict | None = None) -> Model:
    return _save(model(**fields), list(fields), m2m or {}, by=by, action="create")


def data_update(*, by, instance: Model, fields: dict, m2m: dict | None = None) -> Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return _save(instance, list(fields), m2m or {}, by=by, action="update")


def data_delete(*, by, instance: Model) -> None:
    data_delete_many(by=by, instances=[instance])


def data_delete_many(*, by, instances: list[Model]) -> None:
    """Delete rows of one model together (the admin's bulk delete): points are stored once."""
    if not instances:
        return
    try:
        with transaction.atomic():
            moves = _moves_points(instances[0], set(), "delete")
            laps = _laps_moved(instances) if moves else None
            for instance in instances:
                pk = instance.pk
                instance.delete()
                instance.pk = pk  # the event and the audit entry name the row that is gone
                _after_change(instance, "delete", by, {}, None)
            if laps is not None:  # once for the whole selection
                store_points(laps)
                events.emit(EventType.POINTS_CHANGED, reason=type(instances[0]).__name__.lower())
    except ProtectedError:
        raise DomainError(
            f"This {type(instances[0])._meta.verbose_name} is still in use (runners or laps refer to it); "
            "change those first.",
            code="in_use",
        ) from None
