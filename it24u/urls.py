from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from competition.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/", include("competition.api.urls")),
    path("healthz", healthz, name="healthz"),
    # Until the single-page app is built, the browsable API is the front door.
    path("", RedirectView.as_view(url="/api/", permanent=False)),
]

handler404 = "competition.api.errors.not_found"
