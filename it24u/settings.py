"""Settings for 24-hour run: one module, driven by the environment (see README, "Configuration")."""

import mimetypes
import re
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from it24u.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

# The development default. With DEBUG=0 the app refuses to start on it (or on none at all).
DEFAULT_SECRET_KEY = "dev-insecure-24-hour-run-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY") or (DEFAULT_SECRET_KEY if DEBUG else "")
if not DEBUG and (SECRET_KEY in ("", DEFAULT_SECRET_KEY) or SECRET_KEY.startswith("replace-with")):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing, the development default or the example's placeholder: set SECRET_KEY to a long random "
        "value (python -c 'import secrets; print(secrets.token_urlsafe(50))') or set DEBUG=1."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_eventstream",
    "import_export",
    "axes",
    "competition",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "competition.middleware.RefuseNulMiddleware",
    "competition.middleware.BodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "competition.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

ROOT_URLCONF = "it24u.urls"
ASGI_APPLICATION = "it24u.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / p for p in env_list("DJANGO_TEMPLATE_PATHS")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# Requests run in a fixed pool of REQUEST_THREADS threads per worker (it24u/asgi.py), each keeping
# its database connection for CONN_MAX_AGE seconds (checked before reuse): a worker holds at most
# that many connections, and a request does not pay for opening one (~3 ms on PostgreSQL).
REQUEST_THREADS = env_int("REQUEST_THREADS", 8)
# Lanes of their own (it24u/lanes.py), so that no crowd in one lane can take the threads of another:
# the race's commands (laps, queue, runner registration) and password checks (logins, HTTP basic).
COMMAND_THREADS = env_int("COMMAND_THREADS", 4)
LOGIN_THREADS = env_int("LOGIN_THREADS", 2)
CONN_MAX_AGE = env_int("SQL_CONN_MAX_AGE", 60)
# Under Daphne a socket sends at once when nothing is buffered before it (it24u/direct_writes.py);
# 0 keeps Twisted's own buffered writes (e.g. to compare, or on a Twisted it was not checked against).
DIRECT_WRITES = env_bool("DIRECT_WRITES", True)


def _database() -> dict:
    """DATABASE_URL, else the SQL_* names of the original app, else an embedded SQLite file."""
    url = env_str("DATABASE_URL")
    if url:
        import dj_database_url

        db = dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)
    elif env_str("SQL_ENGINE"):
        db = {
            "ENGINE": env_str("SQL_ENGINE"),
            "NAME": env_str("SQL_DATABASE"),
            "USER": env_str("SQL_USER"),
            "PASSWORD": env_str("SQL_PASSWORD"),
            "HOST": env_str("SQL_HOST", "localhost"),
            "PORT": env_str("SQL_PORT", "5432"),
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    else:
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": env_str("SQLITE_PATH") or BASE_DIR / "db.sqlite3"}
    if db["ENGINE"].endswith("sqlite3"):
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue up instead of one
        # failing half-way; the busy timeout is how long they queue.
        db.setdefault("OPTIONS", {}).update(
            {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
        )
    if "postgresql" in db["ENGINE"]:
        # A database that does not answer is a quick 503 (competition.api.errors), not a hung request.
        db.setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("SQL_CONNECT_TIMEOUT", 5))
    db["TEST"] = {"NAME": env_str("SQL_TEST_DATABASE") or None}
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("DJANGO_TIMEZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
# The built single-page app (frontend/dist) is served under /static/app/ (it24u/spa.py).
FRONTEND_DIST = Path(env_str("FRONTEND_DIST") or BASE_DIR / "frontend" / "dist")
STATICFILES_DIRS = [BASE_DIR / p for p in env_list("DJANGO_STATIC_PATHS")]
if FRONTEND_DIST.exists():
    STATICFILES_DIRS.append(("app", FRONTEND_DIST))
# Daphne serves static files itself in development; NGINX does it in production.
SERVE_STATIC = env_bool("SERVE_STATIC", DEBUG)
# Serving them, WhiteNoise (in the static lane, it24u/asgi.py) sends the gzipped copy that the build
# writes next to each file (frontend/weight.config.ts) to a browser that accepts gzip, caches the
# app's hashed files for a year, and reads the files where they are (frontend/dist, the apps'
# static folders): no collectstatic needed.
if SERVE_STATIC:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # right after SecurityMiddleware
    # It reads STATIC_ROOT too, which only collectstatic (for NGINX) fills: no warning when it is not there.
    warnings.filterwarnings("ignore", message=f"No directory at: {re.escape(str(STATIC_ROOT))}")
WHITENOISE_USE_FINDERS = True


def _static_headers(headers, path: str, url: str) -> None:
    # The app's hashed files never change: a year, as NGINX says (WhiteNoise's own is ten years).
    if url.startswith(f"{STATIC_URL}app/assets/"):
        headers["Cache-Control"] = "public, max-age=31536000, immutable"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_headers
STATIC_THREADS = env_int("STATIC_THREADS", 4)

# An API body bigger than this is refused with 413 (competition.middleware): no API request
# needs more. Admin forms keep Django's own, larger limit.
API_MAX_BODY_BYTES = env_int("MAX_BODY_BYTES", 64 * 1024)

# The kiosk's barcode reader is WebAssembly; browsers compile it while it streams only with this type.
mimetypes.add_type("application/wasm", ".wasm")

REDIS_URL = env_str("REDIS_URL")
# The cache holds only counters (login attempts): shared by every worker through Redis when there is one.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "it24u"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "competition.api.permissions.SessionAuthentication401",
        "competition.api.permissions.ThrottledBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["competition.api.permissions.RestPermission"],
    "DEFAULT_PAGINATION_CLASS": "competition.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "competition.api.schema.RaceAutoSchema",
    "EXCEPTION_HANDLER": "competition.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": ["competition.api.parsers.BoundedJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "24-hour run API",
    "DESCRIPTION": "The race engine of the 24-hour relay: laps, queue, points and live events.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from this server, not a CDN: the event's network may have no internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Adds GET /api/events/ (a plain view) and each live event's shape (competition/api/event_schema.py).
    "DEFAULT_GENERATOR_CLASS": "competition.api.event_schema.RaceSchemaGenerator",
    "ENUM_NAME_OVERRIDES": {"ErrorCodeEnum": "competition.api.answers.ERROR_CODES"},
}

# Events: stored in the database (replay by Last-Event-ID, also after a restart; django_eventstream's
# Event and EventCounter tables) and fanned out in-process, or across worker processes through Redis
# when REDIS_URL is set (competition.events publishes; the stream serves them).
EVENTS_CHANNEL = "race"
EVENTS_RETENTION_HOURS = env_int("EVENTS_RETENTION_HOURS", 72)
# Open event streams per worker (503 beyond it; ~15 KiB each) and per client address (429 beyond it;
# 0 = no limit). A venue whose Wi-Fi reaches the server through one NAT address shares the second.
STREAM_MAX_OPEN = env_int("STREAM_MAX_OPEN", 5000)
STREAM_MAX_PER_ADDRESS = env_int("STREAM_MAX_PER_ADDRESS", 500)
if REDIS_URL:
    from redis.connection import parse_url

    EVENTSTREAM_REDIS = parse_url(REDIS_URL)

# The actions anonymous users may take, as rest_<action>_<model> without the "rest_" prefix.
# This is the only place that opens the API to the public.
ANONYMOUS_PERMISSIONS = frozenset(
    {
        "stats_lap",
        "list_lap",
        "retrieve_lap",
        "current_lap",
        "list_queueticket",
        "summary_runner",
        "list_group",
        "retrieve_group",
        "list_university",
        "retrieve_university",
        "list_criterion",
        "retrieve_criterion",
        "list_happyhour",
        "retrieve_happyhour",
        "retrieve_eventsettings",
    }
)

TITLE = env_str("TITLE", "24-hour run")

# The admin's address; a path of your own makes it harder to find for bots (e.g. "staff-7f3a/").
ADMIN_PATH = env_str("ADMIN_PATH", "admin/").strip("/") + "/"
LOGIN_URL = f"/{ADMIN_PATH}login/"
SESSION_COOKIE_AGE = 60 * 60 * 48  # a whole event and then some

# --- Security (SPEC section 9; `manage.py check --deploy` is clean with .env.prod.example) -----
# HTTPS=1 once NGINX terminates TLS (see nginx/README.md): secure cookies, HSTS, redirect to https.
HTTPS = env_bool("HTTPS", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # NGINX sets it; nothing else reaches us
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the health checks talk plain HTTP inside the network
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The SPA loads only its own files; Vuetify writes its theme as a <style> element (hence inline
# styles), and the kiosk's barcode reader compiles WebAssembly. The service worker (/sw.js, worker-src)
# and the web app manifest (default-src) are its own files too. Set on every response, also with
# DEBUG=1, so that the browser tests run under the same policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "media-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Password guessing (competition/login_guard.py), for the API login, HTTP basic and the admin alike:
# attempts per client address and per username in a window, counted before any hash (a cheap 429);
# then django-axes: after LOGIN_FAILURE_LIMIT wrong passwords for one username from one address,
# that pair is locked out for LOGIN_COOLOFF_MINUTES; then the password hash, at most
# LOGIN_CONCURRENT_HASHES at once per process (a 503 after LOGIN_HASH_WAIT_SECONDS without a slot).
AUTHENTICATION_BACKENDS = [
    "competition.login_guard.LoginRateBackend",
    "axes.backends.AxesStandaloneBackend",
    "competition.login_guard.GuardedModelBackend",
]
LOGIN_RATE_WINDOW_SECONDS = 60
LOGIN_RATE_PER_ADDRESS = env_int("LOGIN_RATE_PER_ADDRESS", 10)
LOGIN_RATE_PER_USERNAME = env_int("LOGIN_RATE_PER_USERNAME", 10)
LOGIN_CONCURRENT_HASHES = max(1, env_int("LOGIN_CONCURRENT_HASHES", 1))
LOGIN_HASH_WAIT_SECONDS = 1.0
AXES_CLIENT_IP_CALLABLE = "competition.login_guard.client_address"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "competition.api.errors.locked_out"
AXES_VERBOSE = False

# Logs go to stdout: JSON lines in production (LOG_FORMAT=json, the default with DEBUG=0), plain text
# in development.
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "it24u.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django_eventstream": {"level": "WARNING"}},
}
