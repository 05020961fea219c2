"""Management commands: the demo event, resetting the queue, and backups."""

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from django_eventstream.models import Event as StoredEvent

from competition.folding import add_sqlite_fold
from competition.management.commands import competition_backup
from competition.models import (
    CheckIn,
    Criterion,
    EventSettings,
    Group,
    HappyHour,
    Lap,
    Milestone,
    QueueTicket,
    Reward,
    Runner,
    Shift,
)
from competition.services.data import data_update
from competition.services.queue import GAP
from competition.tests.conftest import assert_invariants
from competition.tests.factories import GroupFactory, LapFactory, RunnerFactory, UserFactory

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite copy")

LAPS_HEADER = "id,runner_id,first_name,last_name,identification,group,start,end,duration_seconds,points,raining"


@pytest.fixture(autouse=True)
def development(settings):
    # As under `make run` (the test runner turns DEBUG off, and the demo refuses to run then).
    settings.DEBUG = True
    # The demo sets a password; the default hasher would make every test here slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(name: str, *args: str) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def demo(*extra: str, runners: int = 30, groups: int = 4, laps: int = 60, queue: int = 5) -> str:
    sizes = ["--runners", str(runners), "--groups", str(groups), "--laps", str(laps), "--queue", str(queue)]
    return run("competition_create_dummy_data", *sizes, "--seed", "7", *extra)


def laps_in_order() -> list[Lap]:
    return list(Lap.objects.order_by("start"))


# --- competition_create_dummy_data ---------------------------------------------------------------


def test_demo_creates_exactly_the_requested_numbers(db):
    demo(runners=30, groups=4, laps=60, queue=5)
    assert Runner.objects.count() == 30
    assert Group.objects.count() == 4
    assert Lap.objects.count() == 60
    assert QueueTicket.objects.filter(state="waiting").count() == 5
    assert QueueTicket.objects.filter(state__in=["done", "running"]).count() == 60


def test_demo_race_is_back_to_back_with_one_running_lap_at_the_end(db):
    before = timezone.now()
    demo()
    laps = laps_in_order()
    running = Lap.objects.filter(end__isnull=True)
    assert running.count() == 1 and running.get() == laps[-1]
    assert laps[-1].start < timezone.now()
    for previous, lap in zip(laps, laps[1:], strict=False):
        assert previous.end > previous.start
        assert lap.start == previous.end  # each lap starts where the previous one ended
    for lap in laps[:-1]:
        assert timedelta(minutes=1, seconds=45) <= lap.duration <= timedelta(minutes=6)
    cfg = EventSettings.load()
    assert cfg.race_start == laps[0].start and cfg.race_end > before
    assert_invariants()


def test_demo_gives_every_lap_its_own_ticket_in_the_right_state(db):
    demo()
    for ticket in QueueTicket.objects.filter(state__in=["done", "running"]):
        lap = Lap.objects.get(ticket=ticket)  # exactly one
        assert lap.runner_id == ticket.runner_id
        assert ticket.state == ("running" if lap.end is None else "done")
        assert ticket.position is None and ticket.created_at < lap.start


def test_demo_written_in_chunks_pairs_each_lap_with_its_own_ticket_and_stores_points(db, monkeypatch):
    monkeypatch.setattr("competition.demo.laps.CHUNK", 7)  # 60 laps: eight chunks and a short one
    demo()
    assert len(set(Lap.objects.values_list("ticket_id", flat=True))) == 60
    pairs = Lap.objects.values_list("runner_id", "ticket__runner_id", "forced")
    assert all(runner == ticket_runner and forced is False for runner, ticket_runner, forced in pairs)
    assert Lap.objects.filter(end__isnull=False, points__isnull=True).count() == 0
    assert_invariants()  # the stored points are the rule's


def test_demo_queue_has_distinct_runners_at_spaced_positions(db):
    demo(queue=5)
    waiting = list(QueueTicket.objects.filter(state="waiting").order_by("position"))
    assert [ticket.position for ticket in waiting] == [(i + 1) * GAP for i in range(5)]
    assert len({ticket.runner_id for ticket in waiting}) == 5
    on_track = Lap.objects.get(end__isnull=True).runner_id
    assert on_track not in {ticket.runner_id for ticket in waiting}
    assert [t.created_at for t in waiting] == sorted(t.created_at for t in waiting)


def test_demo_runners_are_ku_leuven_students_registered_before_they_queued(db):
    demo()
    for runner in Runner.objects.select_related("university").prefetch_related("tickets"):
        assert re.fullmatch(r"r\d{7}", runner.identification)
        assert runner.university.abbreviation == "KU Leuven"
        assert all(runner.registered_at < ticket.created_at for ticket in runner.tickets.all())
    assert Runner.objects.filter(first_year=True).exists()
    assert Runner.objects.filter(test_time__isnull=False).exists()


def test_demo_sets_up_points_rules_and_keeps_the_base_entries(db):
    base_criterion = Criterion.objects.get(base=True)
    base_happy_hour = HappyHour.objects.get(base=True)
    demo()
    assert Criterion.objects.get(base=True).pk == base_criterion.pk
    assert Criterion.objects.get(base=True).points == 2
    assert list(Criterion.objects.filter(base=False).values_list("points", flat=True)) == [10, 7, 5]
    assert HappyHour.objects.get(base=True).pk == base_happy_hour.pk
    windows = HappyHour.objects.filter(base=False)
    assert windows.exists() and all(2 <= h.multiplier <= 3 and h.groups.exists() for h in windows)


def test_demo_rewards_are_the_milestones_its_laps_reached_and_the_older_ones_handed_out(db):
    demo(runners=20, laps=120)
    assert list(Milestone.objects.values_list("laps", "reward")) == [
        (2, "a drink voucher"),
        (4, "a T-shirt"),
        (6, "a medal"),
    ]
    finished = Lap.objects.filter(end__isnull=False)
    counts = {r.pk: finished.filter(runner=r).count() for r in Runner.objects.all()}
    expected = {(runner, m.pk) for runner, n in counts.items() for m in Milestone.objects.all() if n >= m.laps}
    assert set(Reward.objects.values_list("runner", "milestone")) == expected and expected
    for reward in Reward.objects.select_related("lap", "milestone"):
        assert reward.lap.runner_id == reward.runner_id and reward.reached_at == reward.lap.end
        assert not reward.unearned and (reward.handed_out_at is None or reward.handed_out_at >= reward.reached_at)
    assert Reward.objects.filter(handed_out_at__isnull=False).exists()
    assert_invariants()  # the rewards and check-ins too (competition.integrity)


def test_demo_checks_in_most_runners_of_the_shifts_under_way_and_none_in_the_future(db):
    demo(runners=60, laps=60)
    now = timezone.now()
    check_ins = list(CheckIn.objects.select_related("shift", "runner"))
    assert check_ins and all(c.at <= now and c.runner.shifts.filter(pk=c.shift_id).exists() for c in check_ins)
    assert all(c.shift.start - timedelta(minutes=30) <= c.at <= c.shift.end for c in check_ins if not c.manual)
    assert all(c.by.username == "competition" for c in check_ins if not c.manual)
    started = Shift.runners.through.objects.filter(shift__start__lt=now - timedelta(minutes=30)).count()
    assert 0.5 * started <= len(check_ins) < started


def test_demo_keeps_existing_milestones(db):
    Milestone.objects.create(laps=3, reward="a cookie")
    out = demo()
    assert "Kept the existing milestones." in out
    assert list(Milestone.objects.values_list("laps", flat=True)) == [3]
    assert_invariants()


def test_demo_competition_user_can_log_in_and_is_in_the_group(db):
    demo()
    user = authenticate(RequestFactory().post("/api/auth/login/"), username="competition", password="competition")
    assert user is not None
    assert user.groups.filter(name="competition").exists()


def test_demo_tells_screens_to_reload_with_one_event(db):
    demo()
    stored = list(StoredEvent.objects.exclude(type=""))
    assert len(stored) == 1
    assert json.loads(json.loads(stored[0].data)) | {"seq": None} == {
        "type": "resync",  # every open page reloads its snapshot
        "seq": None,
        "model": "all",
        "ids": [],
        "action": "demo",
    }


def test_demo_if_empty_does_nothing_when_runners_exist(db):
    RunnerFactory()
    out = demo("--if-empty")
    assert "no demo data" in out
    assert Runner.objects.count() == 1 and not Lap.objects.exists()


def test_demo_refuses_a_database_with_race_data_without_force(db):
    RunnerFactory()
    with pytest.raises(CommandError, match="--force"):
        demo()
    assert Runner.objects.count() == 1


def test_demo_with_force_adds_a_second_demo_before_the_first(db):
    demo(runners=20, groups=3, laps=30, queue=4)
    demo("--force", runners=20, groups=3, laps=30, queue=4)
    assert Runner.objects.count() == 40 and Group.objects.count() == 6 and Lap.objects.count() == 60
    laps = laps_in_order()
    assert Lap.objects.filter(end__isnull=True).count() == 1 and laps[-1].end is None
    assert all(lap.start == previous.end for previous, lap in zip(laps, laps[1:], strict=False))
    assert QueueTicket.objects.filter(state="waiting").count() == 8
    assert_invariants()


def test_demo_refuses_a_queue_longer_than_the_runners(db):
    with pytest.raises(CommandError, match="--queue"):
        demo(runners=3, laps=5, queue=4)


def test_demo_with_debug_off_is_skipped_by_if_empty_and_refused_otherwise(db, settings):
    settings.DEBUG = False
    assert "DEBUG is off" in demo("--if-empty")
    with pytest.raises(CommandError, match="DEBUG is off"):
        demo()
    assert not Runner.objects.exists()


# --- competition_reset_queue ---------------------------------------------------------------------


def test_reset_queue_removes_waiting_tickets_and_leaves_the_race(db):
    demo(runners=10, groups=2, laps=6, queue=4)
    out = run("competition_reset_queue", "--yes")
    assert "Removed 4 waiting tickets" in out
    assert not QueueTicket.objects.filter(state="waiting").exists()
    assert QueueTicket.objects.filter(state="removed", position__isnull=True).count() == 4
    assert QueueTicket.objects.filter(state="running").count() == 1
    assert QueueTicket.objects.filter(state="done").count() == 5
    assert Lap.objects.filter(end__isnull=True).count() == 1


def test_reset_queue_without_a_terminal_asks_for_yes(db, monkeypatch, queued_runners):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--yes"):
        run("competition_reset_queue")
    assert QueueTicket.objects.filter(state="waiting").count() == 3


def test_reset_queue_on_an_empty_queue_asks_nothing(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert "already empty" in run("competition_reset_queue")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "left"), [("y\n", 0), ("n\n", 3), ("\n", 3)])
def test_reset_queue_asks_at_a_terminal(db, monkeypatch, queued_runners, answer, left):
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    monkeypatch.setattr("builtins.input", lambda prompt: answer.strip())
    run("competition_reset_queue")
    assert QueueTicket.objects.filter(state="waiting").count() == left


# --- competition_backup --------------------------------------------------------------------------
# The backup takes a snapshot of its own, as it does from cron, so these tests commit their data
# (transactional_db) instead of running inside the test's transaction.


def backup(directory: Path, *extra: str) -> Path:
    return Path(run("competition_backup", "--dir", str(directory), *extra).strip())


def read_laps_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as file:
        assert file.readline().strip() == LAPS_HEADER
        file.seek(0)
        return list(csv.DictReader(file))


# --- competition_check ---------------------------------------------------------------------------


def check() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("competition_check", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def check_fails() -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"problem\(s\) in the race data"):
        call_command("competition_check", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_check_passes_on_a_demo_race(db):
    call_command("competition_create_dummy_data", runners=20, laps=40, queue=5, verbosity=0)
    out, err = check()
    assert "consistent: 40 laps, 45 tickets" in out and err == ""


# What the database's constraints cannot see, broken one at a time (with the constraints' own
# cases covered by the models' tests): each must be named.
BREAKAGES = {
    "points off the rule": (lambda lap, ticket: Lap.objects.filter(pk=lap.pk).update(points=999), "999 points"),
    "a done ticket without a lap": (
        lambda lap, ticket: QueueTicket.objects.filter(pk=ticket.pk).update(state="done", position=None),
        "is done but has no finished lap",
    ),
    "a lap on a removed ticket": (
        lambda lap, ticket: QueueTicket.objects.filter(pk=lap.ticket_id).update(state="removed"),
        "is removed but has a lap",
    ),
    "a hole in the event log": (
        lambda lap, ticket: StoredEvent.objects.filter(eid=1).delete(),
        "missing [1]",
    ),
    "points on the running lap": (
        lambda lap, ticket: Lap.objects.filter(end__isnull=True).update(points=3),
        "The running lap has points",
    ),
    "a reward for a runner without laps": (
        lambda lap, ticket: Reward.objects.create(
            runner=RunnerFactory(), milestone=Milestone.objects.first(), reached_at=timezone.now()
        ),
        "but they have 0 finished laps",
    ),
    "a due reward gone": (
        lambda lap, ticket: Reward.objects.filter(pk=Reward.objects.order_by("pk").values("pk")[:1]).delete(),
        "but no reward for",
    ),
    "a handed-out reward not flagged when its laps went": (
        lambda lap, ticket: Reward.objects.create(
            runner=RunnerFactory(),
            milestone=Milestone.objects.first(),
            reached_at=timezone.now(),
            handed_out_at=timezone.now(),
        ),
        "was handed out and is not flagged unearned",
    ),
    "a scan check-in outside its shift's window": (
        lambda lap, ticket: CheckIn.objects.create(
            runner=RunnerFactory(), shift=(shift := Shift.objects.first()), at=shift.end + timedelta(minutes=1)
        ),
        "outside the window of",
    ),
    "a check-in in the future": (
        lambda lap, ticket: CheckIn.objects.create(
            runner=RunnerFactory(), shift=Shift.objects.first(), at=timezone.now() + timedelta(hours=1), manual=True
        ),
        "is dated in the future",
    ),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_check_names_what_is_broken(db, breakage):
    call_command("competition_create_dummy_data", runners=20, laps=40, queue=5, verbosity=0)
    break_it, expected = BREAKAGES[breakage]
    lap = Lap.objects.filter(end__isnull=False).order_by("start")[1]
    ticket = QueueTicket.objects.filter(state="waiting").first()
    # The event log keeps only recent events (trimmed); make sure event 1 is there to lose.
    assert StoredEvent.objects.filter(eid=1).exists() or breakage != "a hole in the event log"
    break_it(lap, ticket)
    assert expected in check_fails()


def test_check_accepts_a_scan_check_in_of_a_shift_staff_moved_afterwards(db):
    demo(runners=60, laps=60)
    check_in = CheckIn.objects.filter(manual=False).select_related("shift").first()
    shift, later = check_in.shift, timedelta(hours=6)
    data_update(
        by=UserFactory(is_staff=True), instance=shift, fields={"start": shift.start + later, "end": shift.end + later}
    )
    out, err = check()
    assert "consistent" in out and err == ""


def test_backup_writes_a_laps_csv_with_every_lap(transactional_db, tmp_path):
    demo(runners=10, groups=2, laps=12, queue=2)
    path = backup(tmp_path)
    assert path.parent == tmp_path and re.fullmatch(r"\d{8}T\d{6}\.\d{3}Z", path.name)
    rows = read_laps_csv(path / "laps.csv")
    assert [int(row["id"]) for row in rows] == list(Lap.objects.order_by("start").values_list("id", flat=True))
    finished, running = rows[:-1], rows[-1]
    assert running["end"] == running["points"] == running["duration_seconds"] == ""
    assert all(int(row["points"]) > 0 and float(row["duration_seconds"]) >= 105 for row in finished)
    lap = Lap.objects.select_related("runner__group").order_by("start").first()
    assert rows[0]["identification"] == lap.runner.identification
    assert rows[0]["group"] == (lap.runner.group.name if lap.runner.group else "")
    assert not list(tmp_path.glob(".partial-*"))  # written under a temporary name, then renamed


def test_backup_laps_csv_keeps_a_formula_in_a_name_as_text(transactional_db, tmp_path):
    """Names come from the public kiosk; opened in a spreadsheet, they must not run (as the admin export)."""
    group = GroupFactory(name="@SUM(1+1)")
    runner = RunnerFactory(first_name='=HYPERLINK("http://evil.example","click")', last_name="-2+3", group=group)
    LapFactory(runner=runner)
    rows = read_laps_csv(backup(tmp_path) / "laps.csv")
    row = next(r for r in rows if r["runner_id"] == str(runner.pk))
    assert row["first_name"] == "'" + runner.first_name
    assert row["last_name"] == "'-2+3" and row["group"] == "'@SUM(1+1)"


@on_sqlite
def test_backup_copies_sqlite_into_a_database_that_opens(transactional_db, tmp_path):
    demo(runners=10, groups=2, laps=12, queue=2)
    path = backup(tmp_path)
    copy = sqlite3.connect(path / "db.sqlite3")
    add_sqlite_fold(copy)  # as the app does on every connection: the group names' index calls it
    try:
        assert copy.execute("SELECT count(*) FROM competition_lap").fetchone()[0] == 12
        assert copy.execute("SELECT count(*) FROM competition_runner").fetchone()[0] == 10
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        copy.close()


@on_postgres
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump")
def test_backup_on_postgres_runs_pg_dump(transactional_db, tmp_path):
    demo(runners=10, groups=2, laps=12, queue=2)
    path = backup(tmp_path)
    dump = path / "db.dump"
    assert dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert len(read_laps_csv(path / "laps.csv")) == 12
    if shutil.which("pg_restore"):
        restore = ["pg_restore", "--data-only", "--table=competition_lap", "--file=-", str(dump)]
        script = subprocess.run(restore, capture_output=True, text=True, check=True).stdout
        copied = script.split(" FROM stdin;\n", 1)[1].split("\n\\.\n", 1)[0].splitlines()
        assert len(copied) == 12


@on_postgres
def test_backup_on_postgres_without_pg_dump_writes_dumpdata_json(transactional_db, tmp_path, monkeypatch):
    monkeypatch.setattr(competition_backup, "pg_dump_binary", lambda: None)
    demo(runners=10, groups=2, laps=12, queue=2)
    path = backup(tmp_path)
    objects = json.loads((path / "db.json").read_text())
    assert sum(1 for item in objects if item["model"] == "competition.lap") == 12
    assert not (path / "db.dump").exists()


def test_backup_keeps_only_the_newest(transactional_db, tmp_path):
    stale = tmp_path / ".partial-crashed"
    stale.mkdir()
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".partial-still-writing"
    fresh.mkdir()
    (tmp_path / "notes.txt").write_text("not a backup")
    made = [backup(tmp_path, "--keep", "2") for _ in range(3)]
    kept = sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert kept == [p.name for p in made[1:]]
    assert not stale.exists() and fresh.exists() and (tmp_path / "notes.txt").exists()


def test_backup_refuses_to_run_inside_a_transaction(db, tmp_path):
    with pytest.raises(CommandError, match="outside transaction.atomic"):
        backup(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_backup_refuses_keep_zero(tmp_path):
    with pytest.raises(CommandError):
        call_command("competition_backup", "--dir", str(tmp_path), "--keep", "0")
