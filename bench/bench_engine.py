"""Engine figures: warm ``check()`` latency on connection-length notes, batch throughput
against bare spaCy, cold CLI, ``--help``.

Targets (issues 2 and 10): p95 of a warm check under 15 ms on the 2-core machine with the
parser on; ``Coach.check_many`` at least 0.8x the speed of bare ``nlp.pipe`` with the same
components (the rules cost at most 25% on top of spaCy); ``coach --help`` under 0.3 s.
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
    times, cpu = [], []
    for _ in range(30):
        for row in rows:
            context = row_context(row)
            start, start_cpu = time.perf_counter(), time.process_time()
            coach.check(row["message"], context)
            cpu.append((time.process_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
    print(
        f"check() warm, {len(rows)} connection notes x 30: median "
        f"{statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
        "(target p95 < 15 ms); CPU time (steadier on a shared machine): median "
        f"{statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms"
    )


def throughput(label: str, rows: list[dict[str, str]], repeat: int) -> None:
    """Coach.check_many against nlp.pipe with exactly the components the rules run."""
    from corpus import row_context

    from coach.engine import Coach

    coach = Coach()
    names = coach.runner.names
    disabled = [n for n in coach.nlp.pipe_names if n not in names]
    items = [(row["message"], row_context(row)) for row in rows] * repeat
    texts = [text for text, _ in items]
    list(coach.check_many(items[: len(rows)]))  # warm: matchers compiled, notes read
    bare = checked = bare_cpu = checked_cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _doc in coach.nlp.pipe(texts, disable=disabled, batch_size=64):
            pass
        bare = min(bare, time.perf_counter() - start)
        bare_cpu = min(bare_cpu, time.process_time() - start_cpu)
        start, start_cpu = time.perf_counter(), time.process_time()
        for _report in coach.check_many(items, batch_size=64):
            pass
        checked = min(checked, time.perf_counter() - start)
        checked_cpu = min(checked_cpu, time.process_time() - start_cpu)
    print(
        f"check_many on {label} ({len(texts)} texts, components {'+'.join(names)}): "
        f"{len(texts) / checked:.0f} msg/s vs bare nlp.pipe {len(texts) / bare:.0f} msg/s = "
        f"{bare / checked:.2f}x (target >= 0.8x); in CPU time {bare_cpu / checked_cpu:.2f}x"
    )


def breakdown(label: str, rows: list[dict[str, str]]) -> None:
    """Where the CPU time of a message goes in check_many: the batch parse, then the rules
    (``check_doc`` on the parsed docs), best of three passes."""
    from corpus import row_context

    from coach.engine import Coach

    coach = Coach()
    texts = [row["message"] for row in rows]
    contexts = [row_context(row) for row in rows]
    list(coach.check_many(zip(texts, contexts, strict=True)))  # warm
    parse = rules = float("inf")
    for _ in range(3):
        start = time.process_time()
        docs = [doc for doc, _ in coach.runner.pipe((text, None) for text in texts)]
        middle = time.process_time()
        for doc, context in zip(docs, contexts, strict=True):
            coach.check_doc(doc, context)
        parse = min(parse, middle - start)
        rules = min(rules, time.process_time() - middle)
    print(
        f"per message of {label} in CPU time: batch parse {parse / len(texts) * 1000:.2f} ms, "
        f"rules {rules / len(texts) * 1000:.2f} ms (rules at most 0.25x the parse for 0.8x)"
    )


def wall(args: list[str], runs: int) -> float:
    best = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def main() -> None:
    from corpus import ROOT, corpus_rows

    warm_check()
    real = corpus_rows(ROOT.parent / "shared" / "corpus" / "real.csv")
    throughput("real.csv", real, 2)
    notes = [r for r in corpus_rows() + real if r["platform"] == "linkedin-connection"]
    throughput("connection notes", notes, 8)
    breakdown("real.csv", real)
    breakdown("connection notes", notes)
    note = "Hi Dana, I'd love to connect and hear about your IT priorities over the next year."
    print(f"coach check (cold process): {wall([COACH, 'check', note], 3):.2f} s")
    print(f"coach --help: {wall([COACH, '--help'], 5):.3f} s (target < 0.3 s)")


if __name__ == "__main__":
    main()
