"""Rehearse the event (or load-test a server): a compressed race driven through the real HTTP API."""

import argparse
import json
import logging
import resource

from django.core.management.base import BaseCommand, CommandError

from competition.rehearsal.simulate import (
    MAX_DURATION,
    MAX_SPECTATORS,
    Options,
    Simulation,
    SimulationError,
    format_report,
)


def _login(value: str) -> tuple[str, str]:
    username, colon, password = value.partition(":")
    if not colon or not username:
        raise argparse.ArgumentTypeError(f"{value!r} is not user:password")
    return username, password


def _bounded(kind, low, high=None):
    def parse(value: str):
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
        if number < low or (high is not None and number > high):
            limits = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"{value} is out of range: give {limits}")
        return number

    return parse


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"{value} must be more than 0")
    return number


class Command(BaseCommand):
    help = (
        "Drive a compressed 24-hour event through the real HTTP API of a running server on this machine: kiosks "
        "queueing runners, an organiser pressing next lap (with an undo now and then and queue moves), and "
        "spectators on the event stream who check that they miss nothing. Stops by itself and prints a report; "
        "exits non-zero when a spectator missed an event or the server answered 5xx."
    )
    # It talks to a server over HTTP and never touches this process's database.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server (loopback only)")
        parser.add_argument("--staff", type=_login, default="admin:admin", help="organiser login user:password")
        parser.add_argument("--kiosk", type=_login, default="competition:competition", help="kiosk login")
        parser.add_argument(
            "--duration",
            type=_bounded(float, 1, MAX_DURATION),
            default=60,
            help=f"seconds of real time to run (at most {MAX_DURATION}; default 60)",
        )
        parser.add_argument(
            "--speed",
            type=_positive,
            default=60,
            help="compression: event seconds per real second (60: one event minute per second; default 60)",
        )
        parser.add_argument(
            "--lap-seconds",
            type=_positive,
            default=180,
            help="mean lap time in event seconds; a press comes every lap-seconds/speed real seconds (default 180)",
        )
        parser.add_argument("--kiosks", type=_bounded(int, 0, 50), default=2, help="queue-up kiosks (default 2)")
        parser.add_argument(
            "--spectators",
            type=_bounded(int, 0, MAX_SPECTATORS),
            default=10,
            help=f"anonymous clients on /api/events/ (at most {MAX_SPECTATORS}; default 10)",
        )
        parser.add_argument(
            "--undo-every", type=_bounded(int, 0), default=25, help="one undo per this many presses (0: never)"
        )
        parser.add_argument("--seed", type=int, help="random seed (pace, cards, moves)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON (for scripts)")

    def handle(self, *args, **o):
        options = Options(
            url=o["url"],
            staff=o["staff"],
            kiosk=o["kiosk"],
            duration=o["duration"],
            speed=o["speed"],
            lap_seconds=o["lap_seconds"],
            kiosks=o["kiosks"],
            spectators=o["spectators"],
            undo_every=o["undo_every"],
            seed=o["seed"],
        )
        _raise_file_limit(o["spectators"])
        # httpx logs every request at INFO: thousands of lines that would bury the report.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        try:
            report = Simulation(options).run()
        except SimulationError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(report, indent=2) if o["json"] else format_report(report))
        if not report["ok"]:
            raise CommandError("A spectator missed events or the server answered 5xx: see the report above.")


def _raise_file_limit(spectators: int) -> None:
    """Each spectator holds a socket: lift the soft limit of open files as far as the hard limit allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = spectators + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(
            resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard)
        )
