"""One exception handler: every error is JSON with a `detail` a person can act on, and a `code`."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from django.views.defaults import server_error as django_server_error
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from competition.errors import DomainError


def _first_message(errors) -> str:
    if isinstance(errors, dict):
        for field, value in errors.items():
            message = _first_message(value)
            return message if field == "non_field_errors" else f"{field}: {message}"
    if isinstance(errors, list) and errors:
        return _first_message(errors[0])
    return str(errors)


def exception_handler(exc, context):
    if database_unavailable(exc):  # (also with DEBUG=1, where Django's handler500 is not used)
        return unavailable_response()
    if isinstance(exc, DomainError):
        response = Response(exc.as_payload(), status=exc.status)
        if "retry_after" in exc.extra:
            response["Retry-After"] = str(exc.extra["retry_after"])
        return response
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": "The request body is too large.", "code": "too_large"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _first_message(exc.detail), "code": "invalid", "errors": exc.detail}
    elif isinstance(exc, exceptions.APIException) and isinstance(response.data, dict):
        response.data.setdefault("code", exc.get_codes() if isinstance(exc.get_codes(), str) else "error")
        if isinstance(exc, exceptions.NotAuthenticated) and exc.detail == exceptions.NotAuthenticated.default_detail:
            response.data["detail"] = "Log in first: this needs an account with permission."
        if isinstance(exc, exceptions.ParseError):
            response.data["detail"] = f"The body is not valid JSON ({exc.detail})."
    return response


def not_found(request, exception):
    """JSON for unknown API paths (clients read `detail`); Django's page for everything else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": f"There is no API endpoint at {request.path}.", "code": "not_found"}, status=404)
    return page_not_found(request, exception)


UNAVAILABLE = "The database does not answer right now; nothing was changed. Try again in a few seconds."


# SQLite's primary result codes for a database that is busy or cannot be reached right now:
# SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN.
SQLITE_UNAVAILABLE = {5, 6, 10, 14}


def database_unavailable(exc) -> bool:
    """A lost, refused or busy database connection (not a bad query): the request can be tried again.

    Only these are a 503 "try again": a query the database refuses (too complex, cancelled) would
    fail again the same way, and claiming the database is away would send everybody looking for a
    network problem.
    """
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__ or exc
    if hasattr(cause, "pgcode"):  # psycopg2: a lost or refused connection has no SQLSTATE
        code = cause.pgcode
        return code is None or code.startswith("08") or code in ("57P01", "57P02", "57P03", "53300")
    if hasattr(cause, "sqlite_errorcode"):
        return cause.sqlite_errorcode & 0xFF in SQLITE_UNAVAILABLE
    return True


def unavailable_response() -> JsonResponse:
    response = JsonResponse({"detail": UNAVAILABLE, "code": "database_unavailable"}, status=503)
    response["Retry-After"] = "2"
    return response


def server_error(request):
    """Django's last resort (DEBUG=0). A database that is away is a 503 the clients retry, not a 500.

    Every change runs in one transaction, which the database rolls back when the connection goes:
    a 503 means nothing of the request was kept (and its idempotency key can be sent again).
    """
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_response()
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Something went wrong on the server; it was logged.", "code": "error"}, status=500
        )
    return django_server_error(request)


def domain_error(request, exc: DomainError) -> HttpResponse:
    """A domain error raised outside the API's views (the admin's login form): JSON for the API, text elsewhere."""
    if request.path.startswith("/api/"):
        response = JsonResponse(exc.as_payload(), status=exc.status)
    else:
        response = HttpResponse(exc.detail, status=exc.status, content_type="text/plain; charset=utf-8")
    if "retry_after" in exc.extra:
        response["Retry-After"] = str(exc.extra["retry_after"])
    return response


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes: too many wrong passwords for this username from this address (JSON for the API)."""

    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    message = f"Too many failed logins: try again in {minutes} minutes, or ask an organiser to unlock you."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "locked_out"}, status=429)
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
