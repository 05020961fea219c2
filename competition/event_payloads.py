"""The live events' types, listed once, and one payload builder per type (SPEC section 8).

Services publish with `events.emit(EventType.LAP_STARTED, lap=...)`: emit calls the type's
builder, so a type cannot go out in two shapes. Every event also carries `type` and `seq` (added
by emit). The shapes are described for the schema in competition/api/event_schema.py, and
competition/tests/test_contract.py checks the builders' real output against them.

To add a type: a member of EventType, its builder here (@builds), and its serializer in
api/event_schema.py; the contract test fails until all three exist.
"""

from collections.abc import Callable
from enum import StrEnum


class EventType(StrEnum):
    LAP_STARTED = "lap_started"
    LAP_FINISHED = "lap_finished"
    LAP_REMOVED = "lap_removed"
    LAP_RESUMED = "lap_resumed"
    LAP_ASSIGNED = "lap_assigned"
    LAP_CONFIRMED = "lap_confirmed"
    QUEUE_INSERTED = "queue_inserted"
    QUEUE_MOVED = "queue_moved"
    QUEUE_REMOVED = "queue_removed"
    QUEUE_RESET = "queue_reset"
    RUNNER_CHANGED = "runner_changed"
    POINTS_CHANGED = "points_changed"
    DATA_CHANGED = "data_changed"
    SETTINGS_CHANGED = "settings_changed"
    RESYNC = "resync"
    CHECKED_IN = "checked_in"
    REWARD_DUE = "reward_due"
    REWARD_HANDED_OUT = "reward_handed_out"
    REWARD_WITHDRAWN = "reward_withdrawn"


Builder = Callable[..., dict]
BUILDERS: dict[EventType, Builder] = {}


def builds(event_type: EventType) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        assert event_type not in BUILDERS, f"{event_type} has a builder already"
        BUILDERS[event_type] = builder
        return builder

    return register


def build(event_type: EventType, **fields) -> dict:
    """The payload of an event of this type (without `type` and `seq`), from its one builder."""
    return BUILDERS[EventType(event_type)](**fields)


# Laps: `lap` is payloads.lap_payload (for events, with the freeze applied: events go to everybody).


@builds(EventType.LAP_STARTED)
def lap_started(*, lap: dict) -> dict:
    return {"lap": lap}


@builds(EventType.LAP_FINISHED)
def lap_finished(*, lap: dict, personal_best: bool) -> dict:
    return {"lap": lap, "personal_best": personal_best}


@builds(EventType.LAP_REMOVED)
def lap_removed(*, lap: dict) -> dict:
    return {"lap": lap}


@builds(EventType.LAP_RESUMED)
def lap_resumed(*, lap: dict) -> dict:
    return {"lap": lap}


@builds(EventType.LAP_ASSIGNED)
def lap_assigned(*, lap: dict) -> dict:
    return {"lap": lap}


@builds(EventType.LAP_CONFIRMED)
def lap_confirmed(*, lap: dict) -> dict:
    return {"lap": lap}


# The queue: `ticket` is payloads.ticket_payload; `place` is the 0-based place it had before.


@builds(EventType.QUEUE_INSERTED)
def queue_inserted(*, ticket: dict) -> dict:
    return {"ticket": ticket}


@builds(EventType.QUEUE_MOVED)
def queue_moved(*, ticket: dict, place: int) -> dict:
    return {"ticket": ticket, "from": place}


@builds(EventType.QUEUE_REMOVED)
def queue_removed(*, ticket_id: int, runner_id: int, place: int) -> dict:
    return {"ticket": {"id": ticket_id, "runner": runner_id}, "from": place}


@builds(EventType.QUEUE_RESET)
def queue_reset(*, removed: int) -> dict:
    return {"removed": removed}


# Runners, points, reference data and settings.


@builds(EventType.RUNNER_CHANGED)
def runner_changed(*, runner: dict) -> dict:
    """`runner` is payloads.runner_public: never a student ID, a test time or shifts."""
    return {"runner": runner}


@builds(EventType.POINTS_CHANGED)
def points_changed(*, reason: str, runner: int | None = None) -> dict:
    """Points moved: of one runner's laps (`runner`), or of everybody's (a rule changed)."""
    return {"reason": reason} if runner is None else {"reason": reason, "runner": runner}


@builds(EventType.DATA_CHANGED)
def data_changed(*, model: str, id: int, action: str) -> dict:
    return {"model": model, "id": id, "action": action}


@builds(EventType.SETTINGS_CHANGED)
def settings_changed(*, settings: dict, changed: list[str]) -> dict:
    """`settings` is selectors.settings_public; `changed` names the fields this change set."""
    return {"settings": settings, "changed": sorted(changed)}


@builds(EventType.RESYNC)
def resync(*, model: str, ids: list[int], action: str) -> dict:
    """Rows changed in a way no precise event describes (a staff fix): every page reloads its snapshot."""
    return {"model": model, "ids": sorted(ids), "action": action}


# Shift check-ins and milestone rewards (SPEC section 5).


@builds(EventType.CHECKED_IN)
def checked_in(*, shift: int, checked_in: int, missing: int) -> dict:
    """A check-in or check-out: counts only, since who is in which shift is private (boards reload)."""
    return {"shift": shift, "checked_in": checked_in, "missing": missing}


@builds(EventType.REWARD_DUE)
def reward_due(*, reward: dict) -> dict:
    """`reward` is payloads.reward_payload without who handed it out."""
    return {"reward": reward}


@builds(EventType.REWARD_HANDED_OUT)
def reward_handed_out(*, reward: dict) -> dict:
    return {"reward": reward}


@builds(EventType.REWARD_WITHDRAWN)
def reward_withdrawn(*, reward: dict, deleted: bool) -> dict:
    """Undo or a fix took the reward's lap away: a due reward is gone (`deleted`), a handed-out one flagged."""
    return {"reward": reward, "deleted": deleted}
