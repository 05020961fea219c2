from django.apps import AppConfig


class CompetitionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "competition"
    verbose_name = "Competition"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from competition import login_guard  # noqa: F401  (its receiver counts failed logins)
        from competition.folding import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="competition.folding.it24u_fold")
