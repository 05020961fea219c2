from django.apps import AppConfig
from django.conf import settings


class CompetitionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "competition"
    verbose_name = "Competition"

    def ready(self):
        if getattr(settings, "EVENTSTREAM_REDIS", None):
            from competition import fanout

            fanout.install()
