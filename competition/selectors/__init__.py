"""Reads that feed the pages: each list is one query, whatever the size of the event.

Selectors read and never write; they import no service (services may call them). common.py is
what every read shares, stats.py the cached snapshots of the statistics, running lap and queue,
laps.py the lap list, runners.py the runner and group lists and lookups, shifts.py the shift
board, rewards.py the rewards, accounts.py who is asking.
"""

from competition.selectors.accounts import may, me_payload, permission_codenames
from competition.selectors.common import (
    AVERAGE_OVER_LAPS,
    current_lap,
    finished_laps,
    frozen_at,
    is_staff,
    laps_with_points,
    points_subquery,
    queue_list,
    settings_public,
    typical_lap,
    waiting_tickets,
    with_review,
)
from competition.selectors.laps import lap_rows, laps_for_list
from competition.selectors.rewards import rewards_due_for, rewards_list
from competition.selectors.runners import (
    groups_with_points,
    identification_problem,
    runner_by_identification,
    runner_summary,
    runner_to_queue,
    runners_in_shift,
    runners_with_points,
    runners_without_upcoming_shift,
)
from competition.selectors.shifts import shift_board
from competition.selectors.stats import (
    CHART_LAPS,
    LAST_LAPS,
    PerChange,
    clear_caches,
    current_snapshot,
    leaderboards,
    queue_snapshot,
    race_version,
    stats_snapshot,
    warm_up,
)

__all__ = [
    "rewards_due_for",
    "rewards_list",
    "shift_board",
    "AVERAGE_OVER_LAPS",
    "CHART_LAPS",
    "LAST_LAPS",
    "PerChange",
    "clear_caches",
    "current_lap",
    "current_snapshot",
    "finished_laps",
    "frozen_at",
    "groups_with_points",
    "identification_problem",
    "is_staff",
    "lap_rows",
    "laps_for_list",
    "laps_with_points",
    "leaderboards",
    "may",
    "me_payload",
    "permission_codenames",
    "points_subquery",
    "queue_list",
    "queue_snapshot",
    "race_version",
    "runner_by_identification",
    "runner_summary",
    "runner_to_queue",
    "runners_in_shift",
    "runners_with_points",
    "runners_without_upcoming_shift",
    "settings_public",
    "stats_snapshot",
    "typical_lap",
    "waiting_tickets",
    "warm_up",
    "with_review",
]
