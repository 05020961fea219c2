"""Next lap and undo, one at a time, as the organiser, with 0 and with 1,000 spectators connected.

    .venv/bin/python bench/presses.py [--runners 2000 --laps 20000 --queue 300] [--cycles 50 --pause 0.2]
                                      [--spectators 1000]

One Daphne on a fresh PostgreSQL database. The admin logs in (session + CSRF), sets the minimum lap
time to 0, then repeats a cycle of advance, advance, undo (each with a fresh idempotency key and the
running lap from the previous answer as expected_lap), pausing --pause seconds between presses so
that each press meets a server that has finished fanning out the previous one. The spectators run in
a child process (so their reading does not slow the timing client down), each connected to
/api/events/ and past its stream-open frame before the timing starts.

Each open stream holds a server thread and a PostgreSQL connection (see docs/benchmarks.md), so on a
server with the default max_connections = 100 only ~95 streams open; BENCH_PG=postgres://...:<port>
points the script at another PostgreSQL server (e.g. a throw-away cluster with more connections).
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PYTHON, ROOT, Bench, Organiser, connect_spectators, fmt, log, percentiles, size_arguments  # noqa: E402

WARMUP_CYCLES = 3


def spectators_child(url: str, n: int) -> None:
    """Child process: connect n spectators, say so, keep reading until told to stop, report what they saw."""

    async def run():
        clients = await connect_spectators([url], n)
        print(f"ready {len(clients)}", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        seen = [len(c.seen) for c, _ in clients]
        closed = sum(c.closed for c, _ in clients)
        print(json.dumps({"clients": len(clients), "closed": closed, "min_events": min(seen), "max_events": max(seen)}))
        for _, transport in clients:
            transport.close()

    asyncio.run(run())


def count_queries() -> None:
    """In-process (run by the parent with the bench's environment): the queries of one advance and one undo."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "it24u.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    running = client.get("/api/laps/current/").json()["lap"]["id"]
    report = {}
    for kind, path in (
        ("advance (first in the process)", "/api/laps/advance/"),
        ("undo", "/api/laps/reverse/"),
        ("advance", "/api/laps/advance/"),
    ):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            r = client.post(path, {"idempotency_key": uuid.uuid4().hex, "expected_lap": running}, "application/json")
            wall = (time.perf_counter() - t0) * 1000
        assert r.status_code < 300, r.content
        body = r.json()
        running = (body.get("started") or body.get("resumed") or {}).get("id")
        queries = [(float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries]
        report[kind] = {
            "queries": len(queries),
            "sql_ms": round(sum(t for t, _ in queries), 1),
            "wall_ms": round(wall, 1),
            "slowest": [{"ms": round(t, 1), "sql": sql[:160]} for t, sql in sorted(queries, reverse=True)[:3]],
        }
    print(json.dumps(report))


def press_cycles(org: Organiser, *, cycles: int, pause: float) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"advance": [], "undo": []}
    for _ in range(cycles):
        for kind, press in (("advance", org.advance), ("advance", org.advance), ("undo", org.undo)):
            t0 = time.perf_counter()
            press()
            samples[kind].append((time.perf_counter() - t0) * 1000)
            time.sleep(pause)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size_arguments(parser)
    parser.add_argument("--cycles", type=int, default=50, help="advance+advance+undo cycles per run (default 50)")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between presses (default 0.2)")
    parser.add_argument("--spectators", type=int, default=1000, help="spectators in the second run (default 1000)")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--spectators-child", nargs=2, metavar=("URL", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        count_queries()
        return
    if args.spectators_child:
        spectators_child(args.spectators_child[0], int(args.spectators_child[1]))
        return
    needed = 2 * (args.cycles + WARMUP_CYCLES)
    if needed > args.queue:
        log(f"note: {needed} tickets are consumed; past the queue's {args.queue} the laps start unassigned")

    results = {}
    with Bench(runners=args.runners, laps=args.laps, queue=args.queue) as bench:
        log(f"loading {args.runners} runners / {args.laps} laps / {args.queue} queued into {bench.name} ...")
        bench.load()
        url = bench.start_worker()
        org = Organiser(url)
        org.prepare()
        for spectators in (0, args.spectators):
            child = None
            if spectators:
                child = subprocess.Popen(
                    [PYTHON, __file__, "--spectators-child", url, str(spectators)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                ready = child.stdout.readline().strip()
                if not ready.startswith("ready"):
                    child.kill()
                    raise RuntimeError(f"spectators did not connect: {ready!r}")
                log(f"{spectators} spectators connected and reading")
            try:
                press_cycles(org, cycles=WARMUP_CYCLES, pause=args.pause)
                t0 = time.monotonic()
                results[spectators] = press_cycles(org, cycles=args.cycles, pause=args.pause)
                log(f"{spectators} spectators: {args.cycles} cycles in {time.monotonic() - t0:.1f} s")
            finally:
                if child:
                    out, _ = child.communicate("stop\n", timeout=60)
                    log(f"spectators saw: {out.strip()}")
        counted = subprocess.run(
            [PYTHON, __file__, "--count-queries"], cwd=ROOT, env=bench.env, capture_output=True, text=True, timeout=300
        )
        if counted.returncode:
            raise RuntimeError(counted.stderr)
        queries = json.loads(counted.stdout.strip().splitlines()[-1])

    print(
        f"\npresses at {args.runners} runners / {args.laps} laps / {args.queue} queued, PostgreSQL, one Daphne, "
        f"DEBUG=0; cycles of advance, advance, undo; {args.pause} s between presses"
    )
    print("| press | spectators | n | median ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|")
    for spectators, samples in results.items():
        for kind in ("advance", "undo"):
            p = percentiles(samples[kind])
            print(
                f"| {kind} | {spectators:,} | {p['n']} | {fmt(p['median'])} | {fmt(p['p95'])} | {fmt(p['p99'])} "
                f"| {fmt(p['max'])} |"
            )
    print("\nin-process (Django test client), one press each:")
    for kind, q in queries.items():
        print(f"  {kind}: {q['queries']} queries, SQL {q['sql_ms']} ms, wall {q['wall_ms']} ms")
        for top in q["slowest"]:
            print(f"      {top['ms']} ms  {top['sql']}")


if __name__ == "__main__":
    main()
