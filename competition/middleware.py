from django.conf import settings
from django.http import JsonResponse


class BodySizeLimitMiddleware:
    """Refuse an API body over API_MAX_BODY_BYTES with a JSON 413 before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
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
