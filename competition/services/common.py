"""What every write shares: the race lock and the audit log."""

from django.db import transaction

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
