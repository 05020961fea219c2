"""The logs: the audit log and the idempotency records, for reading only."""

from django.contrib import admin

from competition.admin.base import ReadOnlyAdmin
from competition.models import AuditEntry, IdempotencyRecord


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
