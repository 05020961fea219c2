"""Check the race's invariants: after a crash, a power cut or a restored backup."""

from django.core.management.base import BaseCommand, CommandError

from competition import events, integrity
from competition.models import Lap, QueueTicket


class Command(BaseCommand):
    help = (
        "Check the race data: at most one running lap, unique queue places, a lap for every started ticket, "
        "stored points that follow the rules, one reward per milestone reached and none due without its laps, "
        "check-ins within their shift's window and an event log without holes. Exits with 1 if anything is wrong."
    )

    def handle(self, *args, **options):
        found = integrity.problems()
        if found:
            for problem in found:
                self.stderr.write(f"- {problem}")
            raise CommandError(f"{len(found)} problem(s) in the race data.")
        self.stdout.write(
            self.style.SUCCESS(
                f"The race data is consistent: {Lap.objects.count()} laps, {QueueTicket.objects.count()} tickets, "
                f"events up to {events.current_seq()}."
            )
        )
