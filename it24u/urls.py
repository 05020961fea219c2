import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from competition.health import healthz
from it24u import spa, webroot

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the Content-Security-Policy allows no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("api/", include("competition.api.urls")),
    path("healthz", healthz, name="healthz"),
    path("sw.js", webroot.service_worker, name="service-worker"),
    path("robots.txt", webroot.robots_txt, name="robots"),
    # Every other path is a route of the single-page app (history mode).
    re_path(rf"^(?!api/|{re.escape(settings.ADMIN_PATH)}|static/|healthz)(?P<route>.*)$", spa.index, name="spa"),
]

handler404 = "competition.api.errors.not_found"
handler500 = "competition.api.errors.server_error"
