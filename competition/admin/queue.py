"""Queue tickets: fixes to the queue the control table cannot make (competition/services/queue.py)."""

from django.contrib import admin

from competition.admin.base import ServiceAdmin
from competition.models import QueueTicket
from competition.services.queue import ticket_create, ticket_delete, ticket_edit


@admin.register(QueueTicket)
class QueueTicketAdmin(ServiceAdmin, admin.ModelAdmin):
    list_display = ("id", "runner", "state", "position", "created_at")
    list_filter = ("state",)
    list_select_related = ("runner",)
    search_fields = ("runner__first_name", "runner__last_name", "runner__identification")
    autocomplete_fields = ("runner",)

    # Under the race lock; a fix that is an insert, a move or a removal is announced as one.
    def service_create(self, request, fields):
        return ticket_create(by=request.user, **fields)

    def service_update(self, request, obj, fields):
        ticket_edit(by=request.user, ticket_id=obj.pk, **fields)

    def service_delete(self, request, objs):
        ticket_delete(by=request.user, ticket_ids=[ticket.pk for ticket in objs])
