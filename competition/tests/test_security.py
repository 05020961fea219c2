"""The hardened deployment (SPEC section 9): settings with DEBUG=0, login throttling, CSP, admin path."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

from competition.tests.conftest import api_login
from competition.tests.test_config import settings_of

ROOT = Path(__file__).resolve().parents[2]


def example_env(name: str) -> dict:
    """An example environment file as a dict (comments and blank lines skipped)."""
    pairs = {}
    for line in (ROOT / name).read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def test_the_example_environment_files_hold_no_secret_and_agree_on_the_database():
    app, db = example_env(".env.prod.example"), example_env(".env.db.prod.example")
    assert app["DEBUG"] == "0"
    assert app["SECRET_KEY"].startswith("replace-with")  # refused as it is: see test_config
    assert app["SQL_PASSWORD"] == db["POSTGRES_PASSWORD"]
    assert (app["SQL_DATABASE"], app["SQL_USER"]) == (db["POSTGRES_DB"], db["POSTGRES_USER"])
    ignored = subprocess.run(["git", "check-ignore", ".env.prod", ".env.db.prod"], cwd=ROOT, capture_output=True)
    assert ignored.stdout.decode().split() == [".env.prod", ".env.db.prod"]


def test_check_deploy_is_clean_with_the_example_production_environment():
    env = {**example_env(".env.prod.example"), "SECRET_KEY": secrets.token_urlsafe(50)}
    clean = {"PATH": os.environ["PATH"], **env}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_with_https_cookies_are_secure_and_http_only_and_hsts_is_on():
    env = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "HTTPS": "1"}
    expression = (
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY, "
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS > 0"
    )
    result = settings_of(env, expression)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(True, True, True, True, True)"
    result = settings_of({**env, "HTTPS": "0"}, "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS")
    assert result.stdout.strip() == "(False, 0)"  # plain HTTP while testing: no redirect loop


@pytest.mark.django_db
def test_pages_and_the_api_carry_the_content_security_policy(spectator):
    for path in ("/", "/api/stats/", "/queue"):
        policy = Client().get(path).headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_that_username_from_that_address(organiser_user, volunteer_user):
    login = api_login
    for _ in range(4):
        response = login(organiser_user.username, "wrong")
        assert response.status_code == 400 and response.json()["code"] == "invalid_login"
    assert login(organiser_user.username, "wrong").status_code == 429  # the fifth locks
    # Locked: even the right password is refused now, with a reason and what to do.
    locked = login(organiser_user.username, "secret")
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out" and "try again in 15 minutes" in locked.json()["detail"]
    # Another account is not affected.
    assert login(volunteer_user.username, "secret").status_code == 200


@pytest.mark.django_db
def test_http_basic_authentication_is_throttled_too(organiser_user):
    import base64

    def basic(password):
        token = base64.b64encode(f"{organiser_user.username}:{password}".encode()).decode()
        return Client().get("/api/laps/current/", HTTP_AUTHORIZATION=f"Basic {token}")

    for _ in range(4):
        assert basic("wrong").status_code == 401
    assert basic("wrong").status_code == 429
    assert basic("secret").status_code == 429


@pytest.fixture
def admin_at(settings):
    def move(path):
        settings.ADMIN_PATH = path
        clear_url_caches()
        importlib.reload(importlib.import_module("it24u.urls"))

    yield move
    settings.ADMIN_PATH = "admin/"
    clear_url_caches()
    importlib.reload(importlib.import_module("it24u.urls"))


@pytest.mark.django_db
def test_the_admin_lives_where_admin_path_says(admin_at):
    admin_at("staff-7f3a/")
    with override_settings(LOGIN_URL="/staff-7f3a/login/"):
        assert Client().get("/staff-7f3a/").status_code == 302  # to its login page
        page = Client().get("/admin/")
        assert page.status_code != 302 and not page.has_header("Location")  # now just a route of the app
