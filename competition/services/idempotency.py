"""Idempotent commands: the first answer to a key is stored; a replay returns it, changing nothing."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from competition.errors import DomainError, InvalidInput
from competition.models import EventSettings, IdempotencyRecord
from competition.services.common import race_lock


@dataclass
class CommandResult:
    status: int
    body: dict
    replayed: bool = False


def fingerprint(action: str, request: dict) -> str:
    """What identifies a command's request: its action and its input, as one SHA-256."""
    text = json.dumps({"action": action, **request}, sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def run_idempotent(
    *, key: str, action: str, by, request: dict, command: Callable[[EventSettings], dict], success: int = 200
) -> CommandResult:
    """Run `command(settings)` under the race lock once per key of this user; store and return its
    answer, even a refusal. `request` is the command's input: the same key with another input (or
    for another action) is refused with 422, never answered with the first request's result.

    `success` is the status of a command that went through (201 for one that creates).
    """
    if not key or len(key) > 100:
        raise InvalidInput(
            "idempotency_key is required (in the body or the Idempotency-Key header): "
            "a unique string (a UUID) of at most 100 characters."
        )
    user = by if getattr(by, "is_authenticated", False) else None
    this = fingerprint(action, request)
    with transaction.atomic():
        cfg = race_lock()  # serialises commands, so the lookup below cannot race a first run of the key
        stored = IdempotencyRecord.objects.filter(key=key, user=user).first()
        if stored is not None:
            # (A record from before fingerprints has none: its key is matched by action alone.)
            if stored.action != action or (stored.fingerprint and stored.fingerprint != this):
                what = f"“{stored.action}”" if stored.action != action else "another request"
                raise DomainError(
                    f"This idempotency key was already used for {what}; send a new key for a new request.",
                    code="idempotency_key_reused",
                    status=422,
                )
            return CommandResult(stored.status_code, stored.response, replayed=True)
        try:
            with transaction.atomic():  # a refusal rolls back the command's own writes only
                body, status = command(cfg), success
        except DomainError as refusal:
            body, status = refusal.as_payload(), refusal.status
        body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
        IdempotencyRecord.objects.create(
            key=key, action=action, user=user, fingerprint=this, status_code=status, response=body
        )
    return CommandResult(status, body)
