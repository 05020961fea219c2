"""Configuration from the environment (SPEC section 9), checked in fresh interpreter processes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from competition.models import Criterion, EventSettings, HappyHour, University

ROOT = Path(__file__).resolve().parents[2]


def settings_of(env: dict, expression: str) -> subprocess.CompletedProcess:
    """Import the settings with exactly `env` (plus PATH) and print an expression of them."""
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='it24u.settings'; from django.conf import settings; value = ({expression}); print(repr(value))"
    clean = {"PATH": os.environ["PATH"], **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_without_configuration_debug_runs_on_embedded_sqlite_and_in_process_events():
    result = settings_of(
        {"DEBUG": "1"}, "settings.DATABASES['default']['ENGINE'], hasattr(settings, 'EVENTSTREAM_REDIS')"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('django.db.backends.sqlite3', False)"


@pytest.mark.parametrize(
    "secret",
    [None, "", "dev-insecure-24-hour-run-do-not-use-in-production", "replace-with-a-long-random-value-the-app-refuses"],
)
def test_production_refuses_a_missing_or_default_secret_key(secret):
    env = {"DEBUG": "0"} if secret is None else {"DEBUG": "0", "SECRET_KEY": secret}
    result = settings_of(env, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY is missing, the development default or the example's placeholder" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = settings_of(
        {"DEBUG": "0", "SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "run.example.org"}, "settings.ALLOWED_HOSTS"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['run.example.org']"


def test_database_url_is_a_shorthand():
    result = settings_of(
        {"DEBUG": "1", "DATABASE_URL": "postgres://u:p@db.example:5433/race"},
        "[settings.DATABASES['default'][k] for k in ('ENGINE', 'NAME', 'USER', 'PASSWORD', 'HOST', 'PORT')]",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['django.db.backends.postgresql', 'race', 'u', 'p', 'db.example', 5433]"


def test_the_sql_names_of_the_original_app_work():
    env = {
        "DEBUG": "1",
        "SQL_ENGINE": "django.db.backends.postgresql",
        "SQL_DATABASE": "race",
        "SQL_USER": "u",
        "SQL_PASSWORD": "p",
        "SQL_HOST": "db",
        "SQL_PORT": "5432",
        "DJANGO_TIMEZONE": "Europe/Amsterdam",
    }
    result = settings_of(env, "settings.DATABASES['default']['HOST'], settings.TIME_ZONE")
    assert result.stdout.strip() == "('db', 'Europe/Amsterdam')", result.stderr


def test_redis_url_turns_on_cross_worker_events():
    result = settings_of({"DEBUG": "1", "REDIS_URL": "redis://cache:6380/2"}, "settings.EVENTSTREAM_REDIS")
    assert "'host': 'cache'" in result.stdout and "'port': 6380" in result.stdout and "'db': 2" in result.stdout


def test_a_bad_boolean_fails_loudly():
    result = settings_of({"DEBUG": "maybe"}, "settings.DEBUG")
    assert result.returncode != 0 and "DEBUG must be 0 or 1" in result.stderr


def test_init_users_refuses_in_production(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "y" * 60,
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "init_users"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "development only" in result.stderr


@pytest.mark.django_db
def test_competition_init_is_idempotent():
    call_command("competition_init", verbosity=0)
    call_command("competition_init", verbosity=0)
    assert University.objects.filter(abbreviation="KU Leuven").count() == 1
    assert Criterion.objects.filter(base=True).count() == 1
    assert HappyHour.objects.filter(base=True).count() == 1
    assert EventSettings.objects.count() == 1
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="competition")
    assert group.permissions.filter(codename="rest_create_queueticket").exists()


@pytest.mark.django_db
def test_competition_init_keeps_the_permissions_staff_gave_the_group():
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.get(name="competition")
    group.permissions.add(Permission.objects.get(codename="rest_move_queueticket"))
    group.permissions.remove(Permission.objects.get(codename="rest_create_runner"))
    call_command("competition_init", verbosity=0)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "rest_move_queueticket" in codenames and "rest_create_runner" not in codenames


def test_production_logs_are_json_lines_on_stdout():
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 60}
    code = (
        "import django, logging, os; os.environ['DJANGO_SETTINGS_MODULE']='it24u.settings'; django.setup(); "
        "logging.getLogger('competition').warning('lap %s finished', 7, extra={'seq': 12})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={"PATH": os.environ["PATH"], **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert (entry["level"], entry["logger"], entry["message"], entry["seq"]) == (
        "WARNING",
        "competition",
        "lap 7 finished",
        12,
    )
    assert settings_of({**env, "LOG_FORMAT": "xml"}, "settings.LOG_FORMAT").returncode != 0  # a typo fails loudly
