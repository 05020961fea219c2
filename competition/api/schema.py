"""The OpenAPI schema says what the API really answers: who may call it, and its errors.

drf-spectacular knows the serializers; it cannot know that an operation is open to anonymous
visitors (our permission is one codename check, see permissions.py) nor which errors our
exception handler gives (errors.py). Both are added here, so that a client generated from the
schema, or a fuzzer checking answers against it (competition/tests/test_fuzz.py), meets no
surprise.
"""

from types import SimpleNamespace

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

from competition.api.permissions import codename_for, may

ERROR = {
    "type": "object",
    "description": "Every error: a sentence a person can act on, a machine-readable code, and the field errors.",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"description": "Field errors: each field's messages, as DRF gives them (nested for nested input)."},
    },
    "required": ["detail"],
}

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


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
        component = ResolvedComponent(name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR)
        self.registry.register_on_missing(component)
        for status, why in self.errors().items():
            operation["responses"].setdefault(
                str(status), {"description": why, "content": {"application/json": {"schema": component.ref}}}
            )
        return operation
