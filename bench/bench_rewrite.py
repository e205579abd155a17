"""Rewrite figures: warm ``rewrite()`` time per message over the dev corpus.

Target (issues 3 and 11): p95 under 50 ms for a connection note on a warm engine. A rewrite
checks the draft, then re-checks each variant that could be offered (no slot), so it costs two
to four warm ``check()`` calls; the figure in check() units is steadier on a busy machine.
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
    times: dict[str, list[float]] = {"all": [], "linkedin-connection": []}
    check_times = []
    for _ in range(ROUNDS):
        for text, context in cases:
            start = time.perf_counter()
            rewrite(coach, text, context)
            elapsed = (time.perf_counter() - start) * 1000
            times["all"].append(elapsed)
            if context.platform == "linkedin-connection":
                times["linkedin-connection"].append(elapsed)
            start = time.perf_counter()
            coach.check(text, context)
            check_times.append((time.perf_counter() - start) * 1000)
    unit = statistics.median(check_times)
    for name, values in times.items():
        p95 = percentile(values, 0.95)
        print(
            f"rewrite() warm, {name} ({len(values) // ROUNDS} messages x {ROUNDS}): median "
            f"{statistics.median(values):.1f} ms, p95 {p95:.1f} ms = {p95 / unit:.1f} check()"
            + (" (target p95 < 50 ms)" if name != "all" else "")
        )
    print(f"one check() median {unit:.1f} ms")


if __name__ == "__main__":
    main()
