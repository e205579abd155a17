"""Rewrite figures: warm ``rewrite()`` time per message over the dev corpus.

Target (issue 3): p95 under 50 ms on a warm engine. A rewrite checks the draft, then re-checks
each of its two or three variants, so it costs about four warm ``check()`` calls.
"""

from __future__ import annotations

import statistics
import time

ROUNDS = 5


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    from corpus import corpus_rows, row_context

    from coach.engine import Coach
    from coach.engine.rewrite import rewrite

    rows = corpus_rows()
    coach = Coach()
    cases = [(row["message"], row_context(row)) for row in rows]
    for text, context in cases:  # warm up: pipeline, compiled rules, parse caches
        rewrite(coach, text, context)
    times = []
    for _ in range(ROUNDS):
        for text, context in cases:
            start = time.perf_counter()
            rewrite(coach, text, context)
            times.append((time.perf_counter() - start) * 1000)
    check_times = []
    for text, context in cases:
        start = time.perf_counter()
        coach.check(text, context)
        check_times.append((time.perf_counter() - start) * 1000)
    print(
        f"rewrite() warm, {len(cases)} corpus messages x {ROUNDS}: median "
        f"{statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
        f"(target p95 < 50 ms; one check() median {statistics.median(check_times):.1f} ms)"
    )


if __name__ == "__main__":
    main()
