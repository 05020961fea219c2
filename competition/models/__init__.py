"""The race's data. Every invariant of SPEC section 2 is a database constraint here, with its message.

reference.py: what staff set up (universities, happy hours, groups, criteria, shifts); race.py:
runners, queue tickets, laps and the event settings; checkins.py and rewards.py: shift check-ins,
milestones and the rewards they earn; records.py: the audit log and idempotency
records. A constraint's `violation_error_message` is the one text of its rule (competition/rules.py).
"""

from competition.models.base import CRUD, normalise_identification, rest_permissions
from competition.models.checkins import CHECK_IN_OPENS, CheckIn, check_in_window
from competition.models.race import EventSettings, Lap, QueueTicket, Runner
from competition.models.records import AuditEntry, IdempotencyRecord
from competition.models.reference import (
    KU_LEUVEN_EXAMPLE,
    KU_LEUVEN_PATTERN,
    Criterion,
    Group,
    HappyHour,
    Shift,
    University,
)
from competition.models.rewards import MAX_MILESTONE_LAPS, Milestone, Reward

__all__ = [
    "CHECK_IN_OPENS",
    "CRUD",
    "MAX_MILESTONE_LAPS",
    "CheckIn",
    "Milestone",
    "Reward",
    "check_in_window",
    "KU_LEUVEN_EXAMPLE",
    "KU_LEUVEN_PATTERN",
    "AuditEntry",
    "Criterion",
    "EventSettings",
    "Group",
    "HappyHour",
    "IdempotencyRecord",
    "Lap",
    "QueueTicket",
    "Runner",
    "Shift",
    "University",
    "normalise_identification",
    "rest_permissions",
]
