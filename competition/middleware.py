from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse

from competition.errors import DomainError


class RefuseNulMiddleware:
    """A NUL character in a header, a cookie or the query string is a 400 before anything reads it.

    PostgreSQL cannot store a NUL (psycopg2 raises before sending), so a NUL that reached a query (a
    session cookie, a user agent recorded by the login lockout, a filter) was a 500. JSON bodies are
    checked field by field (every text field refuses NUL).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in unquote(request.META.get("QUERY_STRING", ""), errors="replace")
            or any(
                isinstance(value, str) and "\x00" in value
                for key, value in request.META.items()
                if key.startswith("HTTP_") or key in ("PATH_INFO", "CONTENT_TYPE")
            )
            or any("\x00" in value for value in request.COOKIES.values())  # also a quoted \000
        ):
            message = "The request contains a NUL character (in its address, a header or a cookie); remove it."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "invalid"}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class BodySizeLimitMiddleware:
    """Refuse an API body over API_MAX_BODY_BYTES with a JSON 413 before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
                # Without a length the body would be read as empty; say so instead of a confusing 400.
                return JsonResponse(
                    {"detail": "Send the body with a Content-Length, not chunked.", "code": "length_required"},
                    status=411,
                )
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.API_MAX_BODY_BYTES
            if limit and length > limit:
                return JsonResponse(
                    {
                        "detail": f"The request body is too large ({length} bytes; at most {limit}).",
                        "code": "too_large",
                    },
                    status=413,
                )
        return self.get_response(request)


class DomainErrorMiddleware:
    """A domain error that leaves a view outside the API (a throttled admin login) is its 4xx/503, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            from competition.api.errors import domain_error

            return domain_error(request, exception)
        return None
