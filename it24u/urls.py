from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from competition.health import healthz
from it24u import spa

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/", include("competition.api.urls")),
    path("healthz", healthz, name="healthz"),
    # Every other path is a route of the single-page app (history mode).
    re_path(r"^(?!api/|admin/|static/|healthz)(?P<route>.*)$", spa.index, name="spa"),
]

handler404 = "competition.api.errors.not_found"
