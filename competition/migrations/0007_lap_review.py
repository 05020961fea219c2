import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forced_from_audit(apps, schema_editor):
    """Laps finished by a "record anyway" press before the lap said so: the audit log knows.

    The latest advance that finished a lap decides (an undo resumes a lap, the next press finishes
    it again). Short laps need nothing: the plausible lap time flags them when they are read.
    """
    AuditEntry = apps.get_model("competition", "AuditEntry")
    Lap = apps.get_model("competition", "Lap")
    forced = {}
    entries = AuditEntry.objects.filter(action="advance").order_by("at", "id").values_list("details", flat=True)
    for details in entries.iterator():
        if isinstance(details, dict) and details.get("finished"):
            forced[details["finished"]] = bool(details.get("forced"))
    ids = [pk for pk, was_forced in forced.items() if was_forced]
    Lap.objects.filter(pk__in=ids, end__isnull=False).update(forced=True)


class Migration(migrations.Migration):

    dependencies = [
        ("competition", "0006_data_guards"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="lap",
            options={
                "ordering": ["-start"],
                "permissions": [
                    ("rest_list_lap", "API: list lap"),
                    ("rest_retrieve_lap", "API: retrieve lap"),
                    ("rest_current_lap", "API: current lap"),
                    ("rest_stats_lap", "API: stats lap"),
                    ("rest_advance_lap", "API: advance lap"),
                    ("rest_reverse_lap", "API: reverse lap"),
                    ("rest_assign_lap", "API: assign lap"),
                    ("rest_confirm_lap", "API: confirm lap"),
                ],
            },
        ),
        migrations.AddField(
            model_name="lap",
            name="forced",
            field=models.BooleanField(db_default=False, default=False, editable=False),
        ),
        migrations.AddField(
            model_name="lap",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="lap",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="lap",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__isnull", False), models.Q(("confirmed_at__isnull", True), ("forced", False)), _connector="OR"),
                name="lap_review_only_when_finished",
            ),
        ),
        migrations.AddField(
            model_name="eventsettings",
            name="plausible_lap_time",
            field=models.DurationField(
                default=datetime.timedelta(seconds=60),
                help_text="Laps shorter than this (and laps recorded anyway) stay off “fastest lap” until staff confirm them.",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("advance", "Advance"),
                    ("reverse", "Reverse"),
                    ("assign", "Assign"),
                    ("confirm", "Confirm"),
                    ("queue_insert", "Queue Insert"),
                    ("queue_move", "Queue Move"),
                    ("queue_remove", "Queue Remove"),
                    ("queue_skip", "Queue Skip"),
                    ("queue_reset", "Queue Reset"),
                    ("create", "Create"),
                    ("update", "Update"),
                    ("delete", "Delete"),
                    ("settings", "Settings"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(forced_from_audit, migrations.RunPython.noop),
    ]
