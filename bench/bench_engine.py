"""Engine figures: warm ``check()`` latency on connection-length notes, cold CLI, ``--help``.

Targets (issue 2): p95 of a warm check under 15 ms on the 2-core machine; ``coach --help``
under 0.3 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

COACH = str(Path(sys.executable).with_name("coach"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def warm_check() -> None:
    from corpus import corpus_rows, row_context

    from coach.engine import Coach

    rows = [r for r in corpus_rows() if r["platform"] == "linkedin-connection"]
    coach = Coach()
    for row in rows:
        coach.check(row["message"], row_context(row))
    times = []
    for _ in range(30):
        for row in rows:
            context = row_context(row)
            start = time.perf_counter()
            coach.check(row["message"], context)
            times.append((time.perf_counter() - start) * 1000)
    print(
        f"check() warm, {len(rows)} connection notes x 30: median "
        f"{statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
        "(target p95 < 15 ms)"
    )


def wall(args: list[str], runs: int) -> float:
    best = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def main() -> None:
    warm_check()
    note = "Hi Dana, I'd love to connect and hear about your IT priorities over the next year."
    print(f"coach check (cold process): {wall([COACH, 'check', note], 3):.2f} s")
    print(f"coach --help: {wall([COACH, '--help'], 5):.3f} s (target < 0.3 s)")


if __name__ == "__main__":
    main()
