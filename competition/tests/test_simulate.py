"""competition_simulate against a real Daphne on a fresh database (SPEC section 9; issue 4 item 2)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from competition.tests.live_server import Api, Daphne, manage, server_env


@pytest.fixture
def server(databases, tmp_path):
    """A Daphne on a fresh database with admin/admin, the competition kiosk user and 20 runners."""
    db_env = databases.fresh()
    env = server_env(**db_env)
    manage(env, "competition_create_dummy_data", "--runners", "20", "--laps", "0", "--queue", "0", "--seed", "1")
    daphne = Daphne(env, tmp_path).start()
    yield daphne
    daphne.stop()
    print(f"--- {daphne.name} ({daphne.url}) ---\n{daphne.log()}")  # shown when the test fails
    databases.drop(db_env)


def simulate(*args: str) -> dict:
    out = StringIO()
    try:
        call_command("competition_simulate", *args, "--json", stdout=out)
    except CommandError as error:
        raise AssertionError(f"{error}\n{out.getvalue()}") from None
    return json.loads(out.getvalue())


@pytest.mark.server
def test_a_rehearsal_records_every_accepted_press_and_every_spectator_gets_every_event(server):
    admin = Api(server.url)
    admin.login()
    admin.ok("PATCH", "/api/settings/", {"min_lap_time": 0}, status=200)  # a press every 0.2 s is not too soon
    admin.close()

    report = simulate(
        *("--url", server.url, "--duration", "8", "--speed", "600", "--lap-seconds", "120"),
        *("--kiosks", "1", "--spectators", "5", "--undo-every", "10", "--seed", "7"),
    )

    presses, undos, laps = report["presses"], report["undos"], report["laps"]
    assert presses["accepted"] >= 20, report  # ~40 at a press every 0.2 s for 8 s
    assert undos["accepted"] >= 2, report
    # An accepted advance creates one lap; an accepted undo deletes the running one (when there is one).
    assert laps["added"] == presses["accepted"] - undos.get("removed_laps", 0), report
    assert not [kind for kind in presses if kind.startswith("refused")], report
    assert report["enqueues"].get("201", 0) > 0, report
    assert report["server_errors"] == [], report

    spectators = report["spectators"]
    assert spectators["opened"] == spectators["count"] == 5, report
    assert spectators["gaps"] == spectators["out_of_order"] == 0, report
    assert spectators["with_problems"] == [], report
    # Nobody changed anything between the spectators' snapshots and the start: all saw the whole run.
    expected = report["seq"]["after"] - report["seq"]["before"]
    assert expected > presses["accepted"], report
    assert spectators["events_min"] == spectators["events_max"] == expected, report
    assert report["ok"]


@pytest.mark.parametrize("url", ["http://192.0.2.1:8000", "http://example.com", "http://[2001:db8::1]:8000"])
def test_a_server_that_is_not_on_this_machine_is_refused(url):
    with pytest.raises(
        CommandError, match=r"not on this machine.*loopback server \(127\.0\.0\.0/8, localhost or ::1\)"
    ):
        call_command("competition_simulate", "--url", url, "--duration", "1", stdout=StringIO())


@pytest.mark.parametrize("url", ["http://127.0.0.2:9", "http://localhost:9", "http://[::1]:9"])
def test_a_loopback_server_is_accepted_and_a_missing_one_reported(url):
    with pytest.raises(CommandError, match="No server answers"):
        call_command("competition_simulate", "--url", url, "--duration", "1", "--spectators", "0", stdout=StringIO())
