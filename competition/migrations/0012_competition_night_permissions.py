"""The kiosk volunteers (the `competition` group) may read the shift board and the rewards due.

competition_init gives a new group its permissions; this gives an existing one the two new ones,
once (staff may take them away again in the admin).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEW = ["rest_board_shift", "rest_list_reward"]


def grant(apps, schema_editor):
    # Permissions are made after the last migration; this one needs them now.
    config = apps.get_app_config("competition")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="competition").first()
    if group is not None and group.permissions.exists():
        group.permissions.add(*Permission.objects.filter(content_type__app_label="competition", codename__in=NEW))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("competition", "0011_night"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
