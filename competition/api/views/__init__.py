"""Thin views: validate input, call one service or selector, serialize the answer.

One module per resource (api/urls.py routes to the names re-exported here): auth.py (who am I,
log in and out), laps.py (statistics, laps, next lap and undo), queue.py, runners.py (runners
and the query page), data.py (reference data and event settings), night.py (the shift board, milestones and rewards); common.py holds what they share.
"""

from competition.api.views.auth import LoginView, LogoutView, MeView
from competition.api.views.data import (
    CriterionViewSet,
    DataViewSet,
    GroupViewSet,
    HappyHourViewSet,
    SettingsView,
    ShiftViewSet,
    UniversityViewSet,
)
from competition.api.views.laps import LapViewSet, StatsView
from competition.api.views.night import MilestoneViewSet, RewardViewSet, ShiftBoardView
from competition.api.views.queue import QueueViewSet
from competition.api.views.runners import RunnerViewSet, ShiftRunnersView, WithoutUpcomingShiftView

__all__ = [
    "CriterionViewSet",
    "DataViewSet",
    "GroupViewSet",
    "HappyHourViewSet",
    "LapViewSet",
    "LoginView",
    "LogoutView",
    "MeView",
    "MilestoneViewSet",
    "QueueViewSet",
    "RewardViewSet",
    "RunnerViewSet",
    "SettingsView",
    "ShiftBoardView",
    "ShiftRunnersView",
    "ShiftViewSet",
    "StatsView",
    "UniversityViewSet",
    "WithoutUpcomingShiftView",
]
