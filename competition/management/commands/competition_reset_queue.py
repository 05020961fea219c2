"""Empty the waiting queue (before the event starts, or after a rehearsal)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from competition.models import QueueTicket
from competition.services.queue import queue_reset


class Command(BaseCommand):
    help = "Remove every waiting ticket from the queue (soft: they stay in the database as removed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--yes",
            "-y",
            "--noinput",
            "--no-input",
            dest="yes",
            action="store_true",
            help="do not ask for confirmation",
        )

    def handle(self, *args, yes, **options):
        if not yes:
            waiting = QueueTicket.objects.filter(state=QueueTicket.State.WAITING).count()
            if not waiting:
                self.stdout.write("The queue is already empty.")
                return
            # A script or cron job cannot answer the question; make it say --yes instead of hanging.
            if not sys.stdin.isatty():
                raise CommandError("Not asking without a terminal: pass --yes to remove every waiting ticket.")
            answer = input(f"Remove all {waiting} waiting tickets from the queue? The running lap stays. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                self.stdout.write("Nothing removed.")
                return
        removed = queue_reset(by=None)
        self.stdout.write(self.style.SUCCESS(f"Removed {removed} waiting tickets from the queue."))
