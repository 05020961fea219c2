"""Idempotent commands: the first answer to a key is stored; a replay returns it, changing nothing."""

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


def run_idempotent(
    *, key: str, action: str, by, command: Callable[[EventSettings], dict], success: int = 200
) -> CommandResult:
    """Run `command(settings)` under the race lock once per key; store and return its answer, even a refusal.

    `success` is the status of a command that went through (201 for one that creates).
    """
    if not key or len(key) > 100:
        raise InvalidInput("idempotency_key is required: a unique string (a UUID) of at most 100 characters.")
    with transaction.atomic():
        cfg = race_lock()  # serialises commands, so the lookup below cannot race a first run of the key
        stored = IdempotencyRecord.objects.filter(key=key).first()
        if stored is not None:
            if stored.action != action:
                raise DomainError(
                    f"This idempotency key was already used for “{stored.action}”; send a new key.",
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
        user = by if getattr(by, "is_authenticated", False) else None
        IdempotencyRecord.objects.create(key=key, action=action, user=user, status_code=status, response=body)
    return CommandResult(status, body)
