"""The OpenAPI schema says what the API really answers: who may call it, and its errors.

drf-spectacular knows the serializers; it cannot know that an operation is open to anonymous
visitors (our permission is one codename check, see permissions.py) nor which errors our
exception handler gives (errors.py). Both are added here, so that a client generated from the
schema, or a fuzzer checking answers against it (competition/tests/test_fuzz.py), meets no
surprise.
"""

from types import SimpleNamespace

from drf_spectacular.openapi import AutoSchema

from competition.api.answers import ErrorSerializer
from competition.api.permissions import codename_for, may

WRITES = {"POST", "PUT", "PATCH", "DELETE"}

REPLAY_HEADER = {
    "description": "`true` when this is the stored answer to an earlier request with the same idempotency key.",
    "schema": {"type": "string", "enum": ["true"]},
}


class RaceAutoSchema(AutoSchema):
    def open_to_anonymous(self) -> bool:
        if getattr(self.view, "public", False):
            return True
        codename = codename_for(SimpleNamespace(method=self.method), self.view)
        return codename is not None and may(None, codename)

    def get_auth(self):
        auths = super().get_auth()
        if self.open_to_anonymous() and {} not in auths:
            auths.append({})  # no credentials needed
        return auths

    def _is_list_view(self, serializer=None) -> bool:
        # A `list` without paging (the queue: seq, count and results) answers one object, unless the
        # view says it answers a plain array (the rewards).
        unpaged = getattr(self.view, "pagination_class", 1) is None and not getattr(self.view, "answers_array", False)
        if getattr(self.view, "action", None) == "list" and unpaged:
            return False
        return super()._is_list_view(serializer)

    def errors(self) -> dict[int, str]:
        """The error statuses this operation can answer, with why."""
        errors = {
            400: "The input is not valid (the detail says what to change).",
            401: "Not logged in, or wrong credentials.",
            429: "Too many failed logins (from this address or for this username); Retry-After says when to retry.",
            503: "The database (or Redis) does not answer, or the server is busy checking logins; nothing was "
            "changed. Try again (Retry-After).",
        }
        if not self.open_to_anonymous() or self.method in WRITES:
            errors[403] = "This account may not do this, or the CSRF token is missing (session writes)."
        if "{id}" in self.path or "{pk}" in self.path:
            errors[404] = "There is no such object."
        elif self.method in WRITES:
            errors[404] = "An object the request names does not exist (for example an unknown student ID)."
        elif self.method == "GET" and (getattr(self.view, "action", None) == "list" or self._is_list_view()):
            errors[404] = "There is no such page."
        if self.method in WRITES:
            errors[413] = "The request body is too large."
            errors[409] = "The race has moved on or the object is in use (the detail says what to do)."
            errors[422] = "The request cannot be applied as it is (for example an idempotency key used before)."
        return errors

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        component = self.resolve_serializer(ErrorSerializer, "response")
        for status, why in self.errors().items():
            operation["responses"].setdefault(
                str(status), {"description": why, "content": {"application/json": {"schema": component.ref}}}
            )
        if any(parameter["name"] == "Idempotency-Key" for parameter in operation.get("parameters", [])):
            for response in operation["responses"].values():  # a refusal is stored and replayed too
                response.setdefault("headers", {})["Idempotent-Replay"] = REPLAY_HEADER
        return operation
