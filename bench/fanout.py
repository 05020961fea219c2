"""From the press to the last spectator: N SSE clients, 30 presses, missed events, memory per connection.

    .venv/bin/python bench/fanout.py [--clients 100 1000] [--presses 30 --spacing 0.5]
                                     [--runners 2000 --laps 20000 --queue 300]
    .venv/bin/python bench/fanout.py --clients 5000 --workers 4      # through Redis (REDIS_URL)

For each N a new Daphne (or --workers of them, with REDIS_URL=redis://127.0.0.1:6379/0) serves the
same fresh PostgreSQL database. N clients (asyncio, bare sockets, in this process) connect to
/api/events/, spread round-robin over the workers, and each waits for its stream-open frame; the
server's RSS is read before and after they connect (idle, 3 s later). Then the admin presses next lap
--presses times, --spacing seconds apart, always on the first worker; each press emits lap_finished
and lap_started, and its latency is from just before the POST is sent to the moment the last client
has read the press's last event (`id: race:<seq>`). Every client must have seen every seq in order.

A waiting stream holds no thread and no database connection (competition/stream/), so the
default PostgreSQL is enough; BENCH_PG=postgres://...:<port> points the script at another server.
"""

import argparse
import asyncio
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Bench, Organiser, connect_spectators, fmt, log, percentiles, rss_kib, size_arguments  # noqa: E402


async def one_run(bench: Bench, *, clients: int, workers: int, presses: int, spacing: float) -> dict:
    loop = asyncio.get_running_loop()
    urls = [bench.start_worker() for _ in range(workers)]
    org = await loop.run_in_executor(None, Organiser, urls[0])
    await loop.run_in_executor(None, org.prepare)
    # Warm every worker's stream code path once (imports, first queries) before measuring memory.
    warm = await connect_spectators(urls, len(urls))
    await loop.run_in_executor(None, org.advance)
    await asyncio.sleep(0.5)
    for _, transport in warm:
        transport.close()
    await asyncio.sleep(1)
    pids = [bench.pid(u) for u in urls]
    before = sum(rss_kib(p) for p in pids)
    t0 = time.monotonic()
    spectators = await connect_spectators(urls, clients)
    connect_s = time.monotonic() - t0
    await asyncio.sleep(3)
    after = sum(rss_kib(p) for p in pids)
    log(f"{clients} clients connected in {connect_s:.1f} s; RSS {before:,} -> {after:,} KiB over {workers} worker(s)")

    def press() -> tuple[float, int, float]:
        sent = time.monotonic()
        body = org.advance()
        return sent, body["seq"], (time.monotonic() - sent) * 1000

    first_seq = None
    sent_at: list[tuple[float, int]] = []
    answers = []
    for _ in range(presses):
        started = time.monotonic()
        sent, seq, answered = await loop.run_in_executor(None, press)
        first_seq = seq - 1 if first_seq is None else first_seq  # each advance emits two events
        sent_at.append((sent, seq))
        answers.append(answered)
        await asyncio.sleep(max(0.0, spacing - (time.monotonic() - started)))
    await asyncio.sleep(3)  # let the stragglers arrive before counting them missed

    protos = [c for c, _ in spectators]
    expected = range(first_seq, sent_at[-1][1] + 1)
    missed = sum(1 for c in protos for seq in expected if seq not in c.seen)
    latencies, incomplete = [], 0
    for sent, seq in sent_at:
        arrivals = [c.seen[seq] for c in protos if seq in c.seen]
        if len(arrivals) < len(protos):
            incomplete += 1
        if arrivals:
            latencies.append((max(arrivals) - sent) * 1000)
    result = {
        "clients": clients,
        "workers": workers,
        "connect_s": connect_s,
        "latency": percentiles(latencies),
        "answer": percentiles(answers),
        "events": len(expected),
        "missed": missed,
        "incomplete_presses": incomplete,
        "duplicates": sum(c.duplicates for c in protos),
        "out_of_order": sum(c.out_of_order for c in protos),
        "closed": sum(c.closed for c in protos),
        "kib_per_conn": (after - before) / clients,
        "rss_before": before,
        "rss_after": after,
    }
    for _, transport in spectators:
        transport.close()
    await asyncio.sleep(0.5)
    bench.stop_workers()
    return result


async def run_all(args) -> list[dict]:
    results = []
    with Bench(runners=args.runners, laps=args.laps, queue=args.queue, redis=args.workers > 1) as bench:
        log(f"loading {args.runners} runners / {args.laps} laps / {args.queue} queued into {bench.name} ...")
        bench.load()
        for n in args.clients:
            results.append(
                await one_run(bench, clients=n, workers=args.workers, presses=args.presses, spacing=args.spacing)
            )
            r = results[-1]
            log(f"N={n}: p50 {fmt(r['latency']['median'])} ms, p99 {fmt(r['latency']['p99'])} ms, missed {r['missed']}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size_arguments(parser)
    parser.add_argument("--clients", type=int, nargs="+", default=[100, 1000], help="N for each run (default 100 1000)")
    parser.add_argument("--workers", type=int, default=1, help="Daphne workers; more than 1 uses Redis (default 1)")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--spacing", type=float, default=0.5, help="seconds from one press to the next (default 0.5)")
    args = parser.parse_args()
    if args.presses * len(args.clients) + 2 > args.queue:
        log("note: more presses than queued runners; the later laps start unassigned")

    results = asyncio.run(run_all(args))
    print(
        f"\nfan-out at {args.runners} runners / {args.laps} laps / {args.queue} queued, PostgreSQL, DEBUG=0, "
        f"{args.presses} presses {args.spacing} s apart (2 events each)"
    )
    print(
        "| clients | workers | press → last client p50 ms | p99 ms | max ms | press answered p50 ms "
        "| missed | duplicates / out of order | KiB per idle connection |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        lat = r["latency"]
        print(
            f"| {r['clients']:,} | {r['workers']} | {fmt(lat['median'])} | {fmt(lat['p99'])} | {fmt(lat['max'])} "
            f"| {fmt(r['answer']['median'])} | {r['missed']} of {r['events'] * r['clients']:,} "
            f"| {r['duplicates']} / {r['out_of_order']} | {r['kib_per_conn']:.1f} |"
        )
    for r in results:
        log(
            f"N={r['clients']}: RSS {r['rss_before']:,} -> {r['rss_after']:,} KiB, connected in {r['connect_s']:.1f} s, "
            f"{r['closed']} closed by the server, {r['incomplete_presses']} presses not seen by everyone"
        )


if __name__ == "__main__":
    main()
