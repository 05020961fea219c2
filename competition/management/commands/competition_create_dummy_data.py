"""Load a believable demo event: runners in groups, a day of laps ending now, and a queue."""

import random
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from competition import events
from competition.demo import demo_create, race_data_exists


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Create a demo event: the competition/competition kiosk user, groups, criteria, milestones, happy hours, "
        "shifts with check-ins, runners, 24 hours of laps ending now (one still running) with the rewards they "
        "earned, and a waiting queue."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runners", type=_count, default=300, help="number of runners (default 300)")
        parser.add_argument("--groups", type=_count, default=8, help="number of groups (default 8)")
        parser.add_argument("--laps", type=_count, default=400, help="number of laps, the running one included")
        parser.add_argument("--queue", type=_count, default=12, help="number of runners waiting (default 12)")
        parser.add_argument("--seed", type=int, help="random seed, to get the same event again")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the database already holds runners or laps"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="add the demo to a database that already holds race data, or with DEBUG=0",
        )

    def handle(self, *args, runners, groups, laps, queue, seed, if_empty, force, **options):
        if queue > runners:
            raise CommandError(f"--queue {queue} is more than --runners {runners}: each waiting runner is distinct.")
        if laps and not runners:
            raise CommandError("--laps needs at least one runner (--runners).")
        # The demo creates a login with a well-known password: not something to do to a live
        # server by accident.
        if not settings.DEBUG and not force:
            if if_empty:
                self.stdout.write("DEBUG is off: no demo data loaded (pass --force to load it anyway).")
                return
            raise CommandError(
                "DEBUG is off: this looks like a production server, and the demo creates the user "
                "competition/competition with a well-known password. Pass --force if you really want it."
            )
        # Idempotent: the KU Leuven university, base criterion and happy hour and the competition group.
        call_command("competition_init", stdout=StringIO())
        if race_data_exists():
            if if_empty:
                self.stdout.write("The database already holds race data: no demo data loaded.")
                return
            if not force:
                raise CommandError(
                    "The database already holds runners or laps. Pass --force to add a demo event to them "
                    "(its laps then go before the existing ones), or start from an empty database."
                )
        if seed is None:
            seed = random.SystemRandom().randrange(1_000_000)
        events.ensure_channel()
        result = demo_create(runners=runners, groups=groups, laps=laps, queue=queue, seed=seed)
        for note in result.notes:
            self.stdout.write(note)
        running = " (one running)" if result.running else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo event created in {result.seconds:.1f} s: {result.runners} runners in {result.groups} groups, "
                f"{result.laps} laps{running}, {result.queued} waiting in the queue (--seed {result.seed})."
            )
        )
