"""What the views share: input validation, the idempotency key, command answers, ids in paths."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response


def validated(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


KEY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="The idempotency key, instead of `idempotency_key` in the body (the same value if both).",
)


def idempotency_key(request, data: dict) -> str:
    """The command's key: from the body or the Idempotency-Key header (which must agree when both are sent)."""
    body, header = data.get("idempotency_key", ""), request.headers.get("Idempotency-Key", "").strip()
    if body and header and body != header:
        raise ValidationError({"idempotency_key": "It differs from the Idempotency-Key header: send one key."})
    if len(header) > 100:
        raise ValidationError({"idempotency_key": "The Idempotency-Key header is longer than 100 characters."})
    return body or header


def command_response(result) -> Response:
    response = Response(result.body, status=result.status)
    if result.replayed:
        response["Idempotent-Replay"] = "true"
    return response


# An id in a path is digits that fit the database's integer: anything else is a 404, never a 500.
ID_IN_PATH = "[0-9]{1,9}"
