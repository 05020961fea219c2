"""The simulation's report: latencies, what each actor saw, the spectators' streams; and as text."""

import statistics

from competition.rehearsal.crowd import Crowd


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def build_report(stats, *, url: str, pace: float, elapsed: float, laps: tuple[int, int], seq: tuple[int, int]) -> dict:
    """What the drivers saw: presses, undos, scans, moves, laps and events before and after, latency per kind."""
    latency = {
        kind: {
            "count": len(values),
            "median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(percentile(values, 95) * 1000, 1),
            "p99_ms": round(percentile(values, 99) * 1000, 1),
        }
        for kind, values in sorted(stats.latency.items())
    }
    laps_before, laps_after = laps
    return {
        "url": url,
        "seconds": round(elapsed, 1),
        "pace_seconds": round(pace, 3),
        "presses": dict(stats.presses),
        "undos": dict(stats.undos),
        "enqueues": dict(stats.enqueues),
        "moves": dict(stats.moves),
        "laps": {"before": laps_before, "after": laps_after, "added": laps_after - laps_before},
        "seq": {"before": seq[0], "after": seq[1]},
        "latency": latency,
        "transport_errors": dict(stats.transport_errors),
        "server_errors": stats.server_errors,
    }


def crowd_report(crowd: Crowd) -> dict:
    """What each spectator received: a stream with a gap, events out of order or cut short is a problem."""
    target = crowd.target or 0
    counts = [me.received for me in crowd.spectators]
    problems = []
    for i, me in enumerate(crowd.spectators):
        missing = None if me.last is None else target - me.last
        if me.gaps or me.out_of_order or me.last is None or missing:
            problems.append(
                {
                    "spectator": i,
                    "start": me.start,
                    "last": me.last,
                    "received": me.received,
                    "gaps": me.gaps[:10],
                    "out_of_order": me.out_of_order,
                    "error": me.error,
                }
            )
    return {
        "count": crowd.count,
        "opened": sum(me.opened for me in crowd.spectators),
        "events_min": min(counts, default=0),
        "events_median": statistics.median(counts) if counts else 0,
        "events_max": max(counts, default=0),
        "expected_min": min((target - me.start for me in crowd.spectators if me.start is not None), default=0),
        "gaps": sum(len(me.gaps) for me in crowd.spectators),
        "out_of_order": sum(me.out_of_order for me in crowd.spectators),
        "with_problems": problems,
    }


def format_report(report: dict) -> str:
    """The report as a person reads it."""
    p, u, laps, sp = report["presses"], report["undos"], report["laps"], report["spectators"]
    refused = {k[8:]: v for k, v in p.items() if k.startswith("refused ")}
    undo_refused = {k[8:]: v for k, v in u.items() if k.startswith("refused ")}
    lines = [
        f"Simulated {report['seconds']} s against {report['url']} (a press every {report['pace_seconds']} s on average)",
        f"presses: {p.get('sent', 0)} sent, {p.get('accepted', 0)} accepted, refused {refused or 'none'}; "
        f"{p.get('forced', 0)} forced, {p.get('replayed', 0)} replays, {p.get('lost', 0)} lost",
        f"undos: {u.get('sent', 0)} sent, {u.get('accepted', 0)} accepted ({u.get('removed_laps', 0)} removed a lap), "
        f"refused {undo_refused or 'none'}",
        f"enqueues: {report['enqueues'] or 'none'}",
        f"queue moves: {report['moves'] or 'none'}",
        f"laps on the server: {laps['before']} -> {laps['after']} ({laps['added']:+d}); "
        f"events seq {report['seq']['before']} -> {report['seq']['after']}",
        f"spectators: {sp['opened']}/{sp['count']} connected; events received min/median/max "
        f"{sp['events_min']}/{sp['events_median']}/{sp['events_max']}; gaps {sp['gaps']}, "
        f"out of order {sp['out_of_order']}, spectators with problems {len(sp['with_problems'])}",
    ]
    for problem in sp["with_problems"][:10]:
        lines.append(f"  spectator {problem}")
    lines.append("latency (ms)        count   median      p95      p99")
    for kind, row in report["latency"].items():
        lines.append(f"  {kind:<16} {row['count']:>7} {row['median_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8}")
    if report["transport_errors"]:
        lines.append(f"transport errors (timeouts, cut connections): {report['transport_errors']}")
    lines.append(f"5xx answers: {len(report['server_errors'])}")
    lines += [f"  {error}" for error in report["server_errors"][:10]]
    return "\n".join(lines)
