"""Shift check-ins, milestones and rewards (competition/services/checkins.py and rewards.py).

Check-ins are an audit of who came: staff add one by hand or delete a wrong one, never edit it.
Rewards follow the laps by themselves; staff only mark them handed out.
"""

from django.contrib import admin, messages

from competition.admin.base import ReadOnlyAdmin, ServiceAdmin
from competition.models import CheckIn, Milestone, Reward
from competition.services.checkins import checkin_set
from competition.services.rewards import milestone_create, milestone_delete, milestone_update, reward_hand_out


@admin.register(CheckIn)
class CheckInAdmin(ServiceAdmin, admin.ModelAdmin):
    list_display = ("runner", "shift", "at", "manual", "by")
    list_filter = ("shift", "manual")
    list_select_related = ("runner", "shift", "by")
    search_fields = ("runner__first_name", "runner__last_name", "runner__identification")
    autocomplete_fields = ("runner",)
    fields = ("runner", "shift")
    date_hierarchy = "at"

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # the list, never an edit

    def service_create(self, request, fields):
        checkin_set(by=request.user, shift_id=fields["shift"].pk, runner_id=fields["runner"].pk, checked_in=True)
        return CheckIn.objects.get(runner=fields["runner"], shift=fields["shift"])

    def service_delete(self, request, objs):
        for check_in in objs:
            checkin_set(by=request.user, shift_id=check_in.shift_id, runner_id=check_in.runner_id, checked_in=False)


@admin.register(Milestone)
class MilestoneAdmin(ServiceAdmin, admin.ModelAdmin):
    list_display = ("laps", "reward")

    # A new lap count recomputes who is due; a milestone with rewards handed out cannot be deleted.
    def service_create(self, request, fields):
        return milestone_create(by=request.user, **fields)

    def service_update(self, request, obj, fields):
        milestone_update(by=request.user, milestone_id=obj.pk, **fields)

    def service_delete(self, request, objs):
        for milestone in objs:
            milestone_delete(by=request.user, milestone_id=milestone.pk)

    def get_deleted_objects(self, objs, request):
        # Its rewards go with it, though nobody deletes rewards by hand: the service decides (it
        # refuses while a reward of the milestone was handed out).
        deleted, counts, _, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected


@admin.register(Reward)
class RewardAdmin(ReadOnlyAdmin):
    list_display = ("runner", "milestone", "reached_at", "handed_out_at", "handed_out_by", "unearned")
    list_filter = ("milestone", "unearned", ("handed_out_at", admin.EmptyFieldListFilter))
    list_select_related = ("runner", "milestone", "handed_out_by")
    search_fields = ("runner__first_name", "runner__last_name", "runner__identification")
    actions = ["hand_out"]

    @admin.action(description="Mark the selected rewards handed out")
    def hand_out(self, request, queryset):
        for reward in queryset:
            reward_hand_out(by=request.user, reward_id=reward.pk)
        self.message_user(request, f"{queryset.count()} reward(s) marked handed out.", messages.SUCCESS)
