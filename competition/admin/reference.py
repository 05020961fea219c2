"""Reference data: universities, groups, happy hours, criteria, shifts (competition/services/data.py)."""

from django.contrib import admin
from django.db.models import Count

from competition.admin.base import ServiceAdmin, split_many
from competition.models import Criterion, Group, HappyHour, Shift, University
from competition.services.data import data_create, data_delete_many, data_update


class DataAdmin(ServiceAdmin, admin.ModelAdmin):
    """The API's data services: audited, a `data_changed` event, points stored when they can move."""

    def service_create(self, request, fields):
        plain, many = split_many(self.model, fields)
        return data_create(by=request.user, model=self.model, fields=plain, m2m=many)

    def service_update(self, request, obj, fields):
        plain, many = split_many(self.model, fields)
        data_update(by=request.user, instance=self.model.objects.get(pk=obj.pk), fields=plain, m2m=many)

    def service_delete(self, request, objs):
        data_delete_many(by=request.user, instances=objs)


# The form trims the pattern, then the model refuses a broken or unsafe one (competition/patterns.py).
@admin.register(University)
class UniversityAdmin(DataAdmin):
    list_display = ("name", "abbreviation", "student_id_pattern", "student_id_example")
    search_fields = ("name", "abbreviation")


@admin.register(Group)
class GroupAdmin(DataAdmin):
    list_display = ("name", "member_count")
    search_fields = ("name",)
    filter_horizontal = ("happy_hours",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members", distinct=True))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, group: Group) -> int:
        return group.member_count


@admin.register(HappyHour)
class HappyHourAdmin(DataAdmin):
    list_display = ("name", "start", "end", "multiplier", "base")
    list_filter = ("base",)
    search_fields = ("name",)


@admin.register(Criterion)
class CriterionAdmin(DataAdmin):
    list_display = ("upper_limit", "points", "base")
    list_filter = ("base",)


@admin.register(Shift)
class ShiftAdmin(DataAdmin):
    list_display = ("name", "start", "end", "runner_count")
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(runner_count=Count("runners", distinct=True))

    @admin.display(description="runners", ordering="runner_count")
    def runner_count(self, shift: Shift) -> int:
        return shift.runner_count
