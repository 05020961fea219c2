from django.apps import AppConfig
from django.conf import settings


class CompetitionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "competition"
    verbose_name = "Competition"

    def ready(self):
        from competition import fanout

        fanout.release_connection_after_reads()
        if getattr(settings, "EVENTSTREAM_REDIS", None):
            fanout.install()
