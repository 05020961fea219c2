"""Reads that feed pages against /healthz, through one Daphne on a fresh PostgreSQL database.

    .venv/bin/python bench/reads.py [--runners 2000 --laps 20000 --queue 300] [--requests 300 --warmup 20]

The four URLs are requested round-robin, one request at a time, so they share the same conditions;
then each page is requested once more in-process (Django's test client) to count its SQL queries.
"""

import argparse
import json
import os
import subprocess
import sys
import time

import httpx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PYTHON, ROOT, Bench, fmt, log, percentiles, size_arguments  # noqa: E402

PATHS = ["/healthz", "/api/stats/", "/api/queue/", "/api/laps/current/"]


def time_reads(url: str, *, requests: int, warmup: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {p: [] for p in PATHS}
    with httpx.Client(base_url=url, timeout=30) as http:
        for i in range(warmup + requests):
            for path in PATHS:
                t0 = time.perf_counter()
                r = http.get(path)
                elapsed = (time.perf_counter() - t0) * 1000
                r.raise_for_status()
                if i >= warmup:
                    samples[path].append(elapsed)
    return samples


def count_queries() -> None:
    """In-process (run by the parent with the bench's environment): queries and their times per page."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "it24u.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # lets the test client's host in
    client = Client()
    result = {}
    for path in PATHS:
        runs = []
        for label in ("first", "second"):  # the first stats request computes the leaderboards
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                r = client.get(path)
                wall = (time.perf_counter() - t0) * 1000
            assert r.status_code == 200, (path, r.status_code)
            queries = [(float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries]
            top = sorted(queries, reverse=True)[:3]
            runs.append(
                {
                    "run": label,
                    "queries": len(queries),
                    "sql_ms": round(sum(t for t, _ in queries), 1),
                    "wall_ms": round(wall, 1),
                    "slowest": [{"ms": round(t, 1), "sql": sql[:300]} for t, sql in top],
                }
            )
        result[path] = runs
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size_arguments(parser)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per URL (default 300)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per URL first (default 20)")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        count_queries()
        return

    with Bench(runners=args.runners, laps=args.laps, queue=args.queue) as bench:
        log(f"loading {args.runners} runners / {args.laps} laps / {args.queue} queued into {bench.name} ...")
        loaded = bench.load()
        url = bench.start_worker()
        log(f"daphne at {url}; {args.warmup} warm-up + {args.requests} timed requests per URL, round-robin")
        t0 = time.monotonic()
        samples = time_reads(url, requests=args.requests, warmup=args.warmup)
        took = time.monotonic() - t0
        counted = subprocess.run(
            [PYTHON, __file__, "--count-queries"], cwd=ROOT, env=bench.env, capture_output=True, text=True, timeout=300
        )
        if counted.returncode:
            raise RuntimeError(counted.stderr)
        queries = json.loads(counted.stdout.strip().splitlines()[-1])

    base = percentiles(samples["/healthz"])["median"]
    print(
        f"\nreads at {args.runners} runners / {args.laps} laps / {args.queue} queued "
        f"(demo data {loaded:.1f} s, timed loop {took:.1f} s), PostgreSQL, one Daphne, DEBUG=0"
    )
    print(
        "| URL | median ms | p95 ms | p99 ms | median / healthz | SQL queries (1st / 2nd request) | SQL time ms (2nd) |"
    )
    print("|---|---|---|---|---|---|---|")
    for path in PATHS:
        p = percentiles(samples[path])
        q = queries[path]
        print(
            f"| `{path}` | {fmt(p['median'])} | {fmt(p['p95'])} | {fmt(p['p99'])} | {p['median'] / base:.1f}× "
            f"| {q[0]['queries']} / {q[1]['queries']} | {q[1]['sql_ms']} |"
        )
    print("\nslowest queries (in-process, second request):")
    for path in PATHS:
        for run in queries[path]:
            print(f"  {path} [{run['run']}] {run['queries']} queries, SQL {run['sql_ms']} ms, wall {run['wall_ms']} ms")
            for q in run["slowest"][:2]:
                print(f"      {q['ms']} ms  {q['sql'][:200]}")


if __name__ == "__main__":
    main()
