from django.urls import path
from rest_framework.routers import DefaultRouter

from competition.api import views
from competition.api.results import ResultsView
from competition.stream import events_view


class APIRootView(DefaultRouter.APIRootView):
    """The browsable API's index: links only, open to everybody."""

    public = True


router = DefaultRouter()
router.APIRootView = APIRootView
router.register("laps", views.LapViewSet, basename="lap")
router.register("queue", views.QueueViewSet, basename="queue")
router.register("runners", views.RunnerViewSet, basename="runner")
router.register("groups", views.GroupViewSet, basename="group")
router.register("universities", views.UniversityViewSet, basename="university")
router.register("criteria", views.CriterionViewSet, basename="criterion")
router.register("happy-hours", views.HappyHourViewSet, basename="happyhour")
router.register("shifts", views.ShiftViewSet, basename="shift")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("rewards", views.RewardViewSet, basename="reward")

urlpatterns = [
    path("auth/me/", views.MeView.as_view(), name="auth-me"),
    path("auth/login/", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("results/", ResultsView.as_view(), name="results"),
    path("shift-board/", views.ShiftBoardView.as_view(), name="shift-board"),
    path("query/shift-runners/", views.ShiftRunnersView.as_view(), name="query-shift-runners"),
    path(
        "query/without-upcoming-shift/", views.WithoutUpcomingShiftView.as_view(), name="query-without-upcoming-shift"
    ),
    path("events/", events_view, name="events"),
    *router.urls,
]
