"""Data guards (issue 13): one criterion per upper limit, group names unique ignoring case and
accents, student IDs without any whitespace, and an example student ID per university.

A database that already breaks a new rule stops this migration with a list of what to fix; no
race data is deleted or merged here.
"""

from collections import defaultdict

import competition.folding
from django.core.management.base import CommandError
from django.db import migrations, models

FOLD_SQL = """
CREATE OR REPLACE FUNCTION it24u_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT lower({schema}.unaccent('{dictionary}'::regdictionary, $1)) $$
"""


def create_fold(apps, schema_editor):
    """PostgreSQL: it24u_fold = lower(unaccent()), IMMUTABLE so that a unique index may use it.

    unaccent() itself is only STABLE (its dictionary could change); the wrapper names the
    dictionary with its schema, so the index also works under pg_dump's empty search_path.
    SQLite gets the same function from competition/folding.py on every connection.
    """
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")  # (migration 0004 made it already)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        schema = connection.ops.quote_name(cursor.fetchone()[0])
    dictionary = f"{schema}.unaccent".replace("'", "''")
    schema_editor.execute(FOLD_SQL.format(schema=schema, dictionary=dictionary))


def drop_fold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS it24u_fold(text)")


def normalised(identification: str) -> str:
    """The student-ID rule of this migration's time: lowercase, no whitespace anywhere."""
    return "".join(identification.split()).lower()


def refuse_duplicates(apps, schema_editor):
    """Stop, naming the rows to fix, when existing data breaks a rule this migration adds."""
    Group = apps.get_model("competition", "Group")
    Criterion = apps.get_model("competition", "Criterion")
    Runner = apps.get_model("competition", "Runner")
    problems = []

    by_folded = defaultdict(list)
    rows = Group.objects.annotate(folded=competition.folding.Fold("name")).values_list("folded", "id", "name")
    for folded, pk, name in rows.order_by("id"):
        by_folded[folded].append(f"“{name}” (id {pk})")
    for names in by_folded.values():
        if len(names) > 1:
            problems.append(f"groups {' and '.join(names)} have the same name ignoring case and accents")

    by_limit = defaultdict(list)
    criteria = Criterion.objects.filter(base=False).order_by("id")
    for pk, limit, points in criteria.values_list("id", "upper_limit", "points"):
        by_limit[limit].append(f"{pk} ({points} points)")
    for limit, criteria in by_limit.items():
        if len(criteria) > 1:
            problems.append(f"criteria {' and '.join(criteria)} have the same upper limit {limit}")

    by_id = defaultdict(list)
    for pk, identification in Runner.objects.order_by("id").values_list("id", "identification"):
        by_id[normalised(identification)].append(f"{pk} (“{identification}”)")
    for compact, runners in by_id.items():
        if len(runners) > 1:
            problems.append(f"runners {' and '.join(runners)} have the same student ID {compact} once spaces are removed")

    if problems:
        raise CommandError(
            "Migration competition.0006_data_guards stopped: the data breaks a new rule. Fix these with the "
            "version that runs now (in its admin: rename or merge the groups, change the criteria's upper "
            "limits or delete one, correct the runners' student IDs), then migrate again:\n- "
            + "\n- ".join(problems)
        )


def normalise_data(apps, schema_editor):
    """Student IDs stored with inner whitespace take the form every door now looks them up by;
    KU Leuven (its standard pattern) gets the example that messages about a wrong ID show."""
    Runner = apps.get_model("competition", "Runner")
    University = apps.get_model("competition", "University")
    for pk, identification in Runner.objects.values_list("id", "identification"):
        if normalised(identification) != identification:
            Runner.objects.filter(pk=pk).update(identification=normalised(identification))
    University.objects.filter(student_id_pattern=r"^r\d{7}$", student_id_example="").update(
        student_id_example="r0123456"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("competition", "0005_university_safe_pattern"),
    ]

    operations = [
        migrations.RunPython(create_fold, drop_fold),
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddField(
            model_name="university",
            name="student_id_example",
            field=models.CharField(
                blank=True,
                help_text="A valid student ID, shown in messages about a wrong one (e.g. r0123456). It must match the pattern.",
                max_length=50,
            ),
        ),
        migrations.AlterField(
            model_name="group",
            name="name",
            field=models.CharField(help_text="Unique, ignoring case and accents.", max_length=100),
        ),
        migrations.AlterField(
            model_name="runner",
            name="identification",
            field=models.CharField(
                help_text="Student ID, lowercase and without spaces (e.g. r0123456).", max_length=50, unique=True
            ),
        ),
        migrations.AddConstraint(
            model_name="group",
            constraint=competition.folding.FoldedUniqueConstraint(
                field="name",
                name="group_name_unique_folded",
                violation_error_message="A group named “%(existing)s” already exists (names are compared ignoring case and accents): choose that group, or give this one another name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="criterion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("base", False)),
                fields=("upper_limit",),
                name="criterion_one_per_upper_limit",
                violation_error_code="unique",
                violation_error_message="Another criterion already has this upper limit: change its points instead of adding a second one (a lap earns the points of one criterion).",
            ),
        ),
        migrations.RunPython(normalise_data, migrations.RunPython.noop),
    ]
