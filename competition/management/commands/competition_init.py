"""Idempotent defaults: KU Leuven, the base criterion and happy hour, the competition group."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import Group as UserGroup
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from competition import events
from competition.models import KU_LEUVEN_EXAMPLE, KU_LEUVEN_PATTERN, Criterion, EventSettings, HappyHour, University

# What volunteers at the kiosk may do beyond the anonymous set (editable afterwards in the admin):
# queue runners, register them and look one up by their card, read the shift board and the rewards
# due. Not list, search or read runners by id: the kiosk is a shared device (SPEC section 7).
COMPETITION_PERMISSIONS = [
    "rest_create_queueticket",
    "rest_create_runner",
    "rest_lookup_runner",
    "rest_board_shift",
    "rest_list_reward",
]


class Command(BaseCommand):
    help = "Create the default university, base criterion and happy hour, and the competition group."

    def handle(self, *args, **options):
        with transaction.atomic():
            University.objects.get_or_create(
                abbreviation="KU Leuven",
                defaults={
                    "name": "Katholieke Universiteit Leuven",
                    "student_id_pattern": KU_LEUVEN_PATTERN,
                    "student_id_example": KU_LEUVEN_EXAMPLE,
                },
            )
            # The example that messages about a wrong ID show, for a KU Leuven made before examples existed.
            University.objects.filter(
                abbreviation="KU Leuven", student_id_pattern=KU_LEUVEN_PATTERN, student_id_example=""
            ).update(student_id_example=KU_LEUVEN_EXAMPLE)
            if not Criterion.objects.filter(base=True).exists():
                Criterion.objects.create(upper_limit=timedelta(hours=1), points=1, base=True)
            if not HappyHour.objects.filter(base=True).exists():
                # The base multiplier holds outside every window; its own window is only a formality.
                HappyHour.objects.create(
                    name="Base",
                    start=datetime(2000, 1, 1, tzinfo=UTC),
                    end=datetime(2100, 1, 1, tzinfo=UTC),
                    multiplier=1,
                    base=True,
                )
            EventSettings.load()
            group, _ = UserGroup.objects.get_or_create(name="competition")
            if not group.permissions.exists():  # never undo what staff changed in the admin
                group.permissions.set(Permission.objects.filter(codename__in=COMPETITION_PERMISSIONS))
        events.ensure_channel()
        self.stdout.write(self.style.SUCCESS("Competition defaults are in place."))
