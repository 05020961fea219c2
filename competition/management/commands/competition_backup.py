"""A consistent copy of the database and a CSV of all laps, safe to run every few minutes during the event.

Each run writes <dir>/<UTC time>/ with the database copy (db.sqlite3, db.dump from pg_dump, or
db.json from dumpdata) and laps.csv, both read in one transaction so they show the same moment.
The files are written to a hidden partial directory that is renamed only when complete, so a
directory with a timestamp name is always a whole backup.
"""

import csv
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from competition.models import Lap
from competition.payloads import iso, seconds
from competition.resources import spreadsheet_safe
from competition.scoring import with_points

BACKUP_NAME = re.compile(r"^\d{8}T\d{6}\.\d{3}Z$")
PARTIAL_PREFIX = ".partial-"
# A partial directory this old belongs to a run that crashed, not to one still writing.
STALE_PARTIAL_SECONDS = 3600
PG_DUMP_TIMEOUT_SECONDS = 1800
SQLITE_BUSY_SECONDS = 60
LAPS_HEADER = [
    "id",
    "runner_id",
    "first_name",
    "last_name",
    "identification",
    "group",
    "start",
    "end",
    "duration_seconds",
    "points",
    "raining",
]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def pg_dump_binary() -> str | None:
    return shutil.which("pg_dump")


class Command(BaseCommand):
    help = "Write a consistent copy of the database and laps.csv to <dir>/<UTC time>/ and keep the newest --keep."

    def add_arguments(self, parser):
        parser.add_argument("--dir", dest="directory", default="backups", help="where backups go (default: ./backups)")
        parser.add_argument("--keep", type=_positive, default=50, help="how many backups to keep (default 50)")

    def handle(self, *args, directory, keep, **options):
        root = Path(directory).resolve()
        root.mkdir(parents=True, exist_ok=True)
        taken_at = datetime.now(UTC)
        partial = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=root))
        try:
            with _snapshot() as snapshot:
                database = self._copy_database(partial, snapshot)
                laps = _write_laps_csv(partial / "laps.csv")
            _fsync(partial)
            final = _finish(partial, root, taken_at)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        removed = _prune(root, keep)
        if options["verbosity"] >= 1:
            self.stderr.write(f"{database}; laps.csv with {laps} laps; old backups removed: {removed}.")
        self.stdout.write(str(final))

    def _copy_database(self, target: Path, snapshot: str | None) -> str:
        if connection.vendor == "sqlite":
            _sqlite_copy(target / "db.sqlite3")
            return "db.sqlite3 (SQLite copy)"
        if connection.vendor == "postgresql":
            binary = pg_dump_binary()
            if binary:
                problem = _pg_dump(binary, target / "db.dump", snapshot)
                if problem is None:
                    return "db.dump (pg_dump, custom format: restore with pg_restore)"
                self.stderr.write(f"pg_dump failed, writing a dumpdata JSON instead: {problem}")
        _dumpdata(target / "db.json")
        return "db.json (dumpdata: restore with loaddata into a migrated database)"


@contextmanager
def _snapshot():
    """One read transaction around the copy and the CSV; yields a PostgreSQL snapshot id for pg_dump to share."""
    if connection.in_atomic_block:
        # Its writes would be in the copy although they may roll back, and SQLite cannot copy a
        # database from a connection that is writing.
        raise CommandError("competition_backup needs a transaction of its own: call it outside transaction.atomic().")
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            yield cursor.fetchone()[0]
    elif connection.vendor == "sqlite":
        # atomic() would BEGIN IMMEDIATE and hold off every writer until we finish; a deferred
        # transaction only reads, and in WAL mode writers carry on while it keeps its snapshot.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            # The first read fixes the snapshot. Without it the backup would open and close a
            # read transaction of its own, and the CSV would see a later moment.
            cursor.execute("SELECT count(*) FROM sqlite_master")
        try:
            yield None
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic():
            yield None


def _sqlite_copy(path: Path) -> None:
    """Copy through SQLite's backup API, in one step so that it reads one snapshot."""
    target = sqlite3.connect(path)
    waited_since = []

    def give_up_when_stuck(status: int, remaining: int, total: int) -> None:
        # Python retries a busy source forever; a backup that cannot start should fail instead.
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            waited_since.append(time.monotonic())
            if waited_since[-1] - waited_since[0] > SQLITE_BUSY_SECONDS:
                raise CommandError(f"The database stayed locked for {SQLITE_BUSY_SECONDS} s; no copy made.")

    try:
        connection.connection.backup(target, progress=give_up_when_stuck)
        # A copy on its own: no -wal file beside it to lose.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    _fsync(path)


def _pg_dump(binary: str, path: Path, snapshot: str | None) -> str | None:
    """Run pg_dump with the connection's settings; None when it worked, else what went wrong."""
    from django.db.backends.postgresql.client import DatabaseClient

    options = ["--format=custom", f"--file={path}", "--no-password", "--lock-wait-timeout=60s"]
    if snapshot:
        options.append(f"--snapshot={snapshot}")  # the same moment as laps.csv
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, options)
    try:
        result = subprocess.run(
            [binary, *args[1:]],
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=PG_DUMP_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        problem = str(error)
    else:
        if result.returncode == 0 and path.exists() and path.stat().st_size > 0:
            _fsync(path)
            return None
        problem = result.stderr.strip() or f"exit status {result.returncode}"
    path.unlink(missing_ok=True)
    return problem


def _dumpdata(path: Path) -> None:
    # Content types and permissions are recreated by migrate; natural keys let the rest refer to them.
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=["contenttypes", "auth.permission"],
        output=str(path),
        verbosity=0,
    )
    _fsync(path)


def _write_laps_csv(path: Path) -> int:
    laps = with_points(Lap.objects.order_by("start", "id")).values_list(
        "id",
        "runner_id",
        "runner__first_name",
        "runner__last_name",
        "runner__identification",
        "runner__group__name",
        "start",
        "end",
        "points_value",
        "raining",
    )
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(LAPS_HEADER)
        for lap_id, runner_id, first, last, identification, group, start, end, points, raining in laps.iterator(
            chunk_size=2000
        ):
            writer.writerow(
                [
                    lap_id,
                    runner_id or "",
                    # Names come from the public kiosk: a "=HYPERLINK(...)" must open as text, as in the admin's export.
                    spreadsheet_safe(first) or "",
                    spreadsheet_safe(last) or "",
                    spreadsheet_safe(identification) or "",
                    spreadsheet_safe(group) or "",
                    iso(start),
                    iso(end) or "",
                    seconds(end - start) if end else "",
                    points if end else "",  # a running lap has no points yet
                    int(raining),
                ]
            )
            count += 1
        file.flush()
        os.fsync(file.fileno())
    return count


def _finish(partial: Path, root: Path, taken_at: datetime) -> Path:
    """Give the complete backup its timestamp name (a later millisecond if two runs meet)."""
    for _ in range(100):
        name = f"{taken_at:%Y%m%dT%H%M%S}.{taken_at.microsecond // 1000:03d}Z"
        final = root / name
        if not final.exists():
            os.rename(partial, final)
            _fsync(root)
            return final
        time.sleep(0.001)
        taken_at = datetime.now(UTC)
    raise CommandError(f"Could not find a free backup name in {root}.")


def _prune(root: Path, keep: int) -> int:
    """Delete all but the newest `keep` backups, and partial directories of crashed runs."""
    backups = sorted(path for path in root.iterdir() if path.is_dir() and BACKUP_NAME.match(path.name))
    old = backups[:-keep]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)
    now = time.time()
    for path in root.glob(f"{PARTIAL_PREFIX}*"):
        if path.is_dir() and now - path.stat().st_mtime > STALE_PARTIAL_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
    return len(old)


def _fsync(path: Path) -> None:
    """Make sure what was written reaches the disk before the backup counts as done."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
