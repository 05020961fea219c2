from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the development admin user (admin/admin). Refuses when DEBUG=0."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "init_users creates admin/admin and is for development only (DEBUG=1). "
                "In production run: python manage.py createsuperuser"
            )
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("User admin already exists.")
            return
        User.objects.create_superuser("admin", "admin@example.com", "admin")
        self.stdout.write(self.style.SUCCESS("Created admin/admin (superuser)."))
