from django.conf import settings
from django.http import JsonResponse


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
