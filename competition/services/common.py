"""What every write shares: the race lock, the audit log and the resync event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from competition import events
from competition.errors import InvalidInput
from competition.event_payloads import EventType
from competition.models import AuditEntry, EventSettings


def race_lock() -> EventSettings:
    """Lock the settings row; every lap and queue change takes it first, so they run one at a time."""
    try:
        return EventSettings.objects.select_for_update().get(id=1)
    except EventSettings.DoesNotExist:
        EventSettings.load()  # a database without competition_init: make the row, then lock it
        return EventSettings.objects.select_for_update().get(id=1)


def audit(*, by, action: str, target, details: dict | None = None, idempotency_key: str = "") -> AuditEntry:
    assert transaction.get_connection().in_atomic_block, "audit inside the change's transaction"
    user = by if getattr(by, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        user=user,
        action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=str(getattr(target, "pk", "") or ""),
        details=details or {},
        idempotency_key=idempotency_key,
    )


def resync(*, model: str, ids: list[int], action: str) -> int:
    """Publish that rows changed in a way no precise event describes: every page reloads its snapshot.

    For staff fixes in the admin (a finished lap's times, a deleted lap) and the demo data; the
    race itself always has a precise event.
    """
    return events.emit(EventType.RESYNC, model=model, ids=ids, action=action)


def changed_fields(instance: Model, changes: dict) -> dict:
    """The changes that differ from the row as loaded (a relation compares by id)."""
    changed = {}
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        new = value.pk if field.is_relation and value is not None else value
        if getattr(instance, field.attname) != new:
            changed[name] = value
    return changed


def check_rules(instance: Model) -> None:
    """The model's fields and constraints, checked again under the lock (a form checked them before it)."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from None
