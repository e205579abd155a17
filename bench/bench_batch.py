"""``coach batch`` throughput and memory on generated campaigns of 10,000 and 100,000 rows.

Rows come from the dev corpus with varied first names, last names and companies put in place
of the corpus recipient (so templates, same-company groups and merge fields occur as they do
in real exports). Prints:

- batch rows/s against bare ``nlp.pipe`` over the same texts with the same model (target 0.8+);
- the speed-up of ``--jobs 2`` over ``--jobs 1`` on the 10k file (target 1.6x on 2 cores);
- peak memory (ru_maxrss of the ``coach batch`` process) for 10k and 100k rows with --jobs 1
  (target: 100k within 1.25x of 10k).

``--quick`` uses 2,000 and 20,000 rows instead, for a faster look.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpus/dev.csv"
RATIO_ROWS = 600
FIRST = (
    "Dana",
    "Marco",
    "Priya",
    "Tom",
    "Lena",
    "Noah",
    "Ava",
    "Jordan",
    "Ethan",
    "Grace",
    "Leo",
    "Zoe",
    "Olivia",
    "Mateo",
    "Aisha",
    "Kenji",
    "Sofia",
    "Lucas",
    "Amara",
    "Felix",
    "Hannah",
    "Omar",
    "Chloe",
    "Ravi",
    "Ingrid",
    "Diego",
    "Mei",
    "Samuel",
    "Nadia",
    "Theo",
    "Fatima",
    "Oscar",
    "Elena",
    "Yusuf",
    "Clara",
    "Hugo",
    "Anika",
    "Pablo",
    "Wen",
    "Isla",
    "Tariq",
    "Maya",
    "Jonas",
    "Leila",
    "Arjun",
    "Freya",
    "Malik",
    "Rosa",
    "Emil",
    "Sana",
)
LAST = (
    "Whitfield",
    "Rossi",
    "Natarajan",
    "Berg",
    "Okafor",
    "Kim",
    "Lindqvist",
    "Patel",
    "Moreau",
    "Schmidt",
    "Haddad",
    "Novak",
    "Garcia",
    "Tanaka",
    "Oduya",
    "Fischer",
    "Silva",
    "Kowalski",
    "Nguyen",
    "Brennan",
    "Castillo",
    "Yilmaz",
    "Andersen",
    "Mensah",
    "Dubois",
    "Ivanova",
    "Costa",
    "Reyes",
    "Hughes",
    "Larsen",
    "Chen",
    "Murphy",
    "Weber",
    "Rahman",
    "Sato",
)
STEMS = (
    "Northfield",
    "Brightline",
    "Harbor",
    "Oakridge",
    "Pinecrest",
    "Lumen",
    "Crestview",
    "Apex",
    "Fernhill",
    "Coral",
    "Bluewater",
    "Granite",
    "Summit",
    "Meridian",
    "Riverside",
    "Ironwood",
    "Silverline",
    "Keystone",
    "Redwood",
    "Evergreen",
    "Northstar",
    "Clearview",
    "Highgate",
    "Stonebridge",
    "Westbrook",
    "Lakeshore",
    "Maple",
    "Beacon",
    "Cobalt",
    "Vantage",
)
KINDS = (
    "Health",
    "Logistics",
    "University",
    "Bank",
    "Labs",
    "Freight",
    "Insurance",
    "Foods",
    "Energy",
    "Software",
)


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A campaign export: corpus messages and notes, new recipients put in their place."""
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        corpus = list(csv.DictReader(handle))
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["First Name", "Last Name", "Company", "Title", "Notes", "Platform", "Message"]
        )
        for _ in range(rows):
            source = rng.choice(corpus)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = f"{rng.choice(STEMS)} {rng.choice(KINDS)}"
            message = source["message"]
            if source["first_name"] and not source["first_name"].startswith("{"):
                message = re.sub(rf"\b{re.escape(source['first_name'])}\b", first, message)
            else:
                first = source["first_name"] or first
            if source["company"]:
                message = message.replace(source["company"], company)
            writer.writerow(
                [
                    first,
                    last,
                    company,
                    source["role"],
                    source["recipient_notes"],
                    source["platform"],
                    message,
                ]
            )


def ratio_to_bare_pipe(path: Path, rounds: int = 3) -> None:
    """Batch (read, score, flag, write) against ``nlp.pipe`` alone, same texts, same model.

    Each is timed ``rounds`` times, alternating, and the best rate kept: on a shared machine
    the other processes only ever slow a run down.
    """
    from coach.batch import read_campaign, scan_campaign, score_campaign, write_results
    from coach.config import load as load_settings
    from coach.engine import Coach

    coach = Coach(load_settings())
    coach.compiled  # noqa: B018 - load and compile before timing
    nlp = coach.nlp
    campaign = read_campaign(path)
    texts = [row.text for row in campaign]
    list(coach.check_many((t, None) for t in texts[:50]))

    def bare() -> None:
        for _ in nlp.pipe(texts):
            pass

    def same_components() -> None:
        for _ in coach.runner.pipe((text, None) for text in texts):
            pass

    def batch() -> None:
        with tempfile.TemporaryDirectory() as folder:
            scan = scan_campaign(campaign)
            rows = score_campaign(coach, campaign, scan=scan)
            write_results(rows, Path(folder) / "out.csv", "csv", headers=campaign.headers)

    rates = {bare: 0.0, same_components: 0.0, batch: 0.0}
    for _ in range(rounds):
        for run in rates:
            start = time.perf_counter()
            run()
            rates[run] = max(rates[run], len(texts) / (time.perf_counter() - start))
    print(
        f"   ratio to bare nlp.pipe ({len(texts):,} texts, best of {rounds}): batch "
        f"{rates[batch]:.0f} rows/s, nlp.pipe {rates[bare]:.0f} docs/s: "
        f"{rates[batch] / rates[bare]:.2f} (target 0.8)",
        flush=True,
    )
    print(
        f"   (the engine runs {', '.join(coach.runner.names)}; against those alone, "
        f"{rates[same_components]:.0f} docs/s: {rates[batch] / rates[same_components]:.2f}, "
        "the cost of the rules and the batch layer)",
        flush=True,
    )


def run_batch(path: Path, rows: int, jobs: int, label: str) -> tuple[float, int]:
    """Run ``coach batch`` as a child process; return its wall time and peak RSS (KiB).

    ``os.wait4`` gives the child's own resource usage: its ru_maxrss is the peak of that
    process (with --jobs 2, the largest of it and its workers).
    """
    output = path.with_name(f"out-{label.replace(' ', '')}.csv")
    command = [
        sys.executable,
        "-m",
        "coach",
        "batch",
        str(path),
        "-o",
        str(output),
        "-q",
        "--jobs",
        str(jobs),
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    done = threading.Event()
    lines_per_row = max((_count_lines(path) - 1) / rows, 1.0) if rows else 1.0
    watcher = threading.Thread(
        target=_report_progress, args=(output, rows, lines_per_row, start, done, label), daemon=True
    )
    watcher.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    code = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if code:
        raise SystemExit(f"coach batch failed ({code}): {error}")
    output.unlink(missing_ok=True)
    return elapsed, usage.ru_maxrss


def _report_progress(
    output: Path, rows: int, lines_per_row: float, start: float, done: threading.Event, label: str
) -> None:
    """Every 30 s, estimate the rows written so far to the run's temporary output file."""
    while not done.wait(30):
        lines = sum(_count_lines(p) for p in output.parent.glob(f".{output.name}.*.tmp"))
        written = min(max(lines - 1, 0) / lines_per_row, rows)
        elapsed = time.perf_counter() - start
        rate = written / elapsed if elapsed else 0
        eta = f", ETA {(rows - written) / rate:.0f} s" if rate else ""
        print(
            f"   ... {label}: about {written:,.0f}/{rows:,} rows after {elapsed:.0f} s{eta}",
            flush=True,
        )


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 and 20,000 rows")
    args = parser.parse_args()
    small, large = (2_000, 20_000) if args.quick else (10_000, 100_000)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        base = Path(folder)
        files = {}
        for rows in (RATIO_ROWS, small, large):
            files[rows] = base / f"campaign-{rows}.csv"
            generate(files[rows], rows)
        print(f"   generated {small:,} and {large:,} rows from the dev corpus", flush=True)
        ratio_to_bare_pipe(files[RATIO_ROWS])

        empty = base / "headers.csv"
        empty.write_text("First Name,Company,Message\n")
        startup, _ = run_batch(empty, 0, 1, "startup")
        startup_jobs, _ = run_batch(empty, 0, 2, "startup-jobs")

        one, memory_small = run_batch(files[small], small, 1, f"{small // 1000}k --jobs 1")
        rate_one = small / (one - startup)
        print(
            f"   {small:,} rows --jobs 1: {one:.1f} s ({rate_one:.0f} rows/s after "
            f"{startup:.1f} s start-up), peak memory {memory_small / 1024:.0f} MiB",
            flush=True,
        )
        two, _ = run_batch(files[small], small, 2, f"{small // 1000}k --jobs 2")
        rate_two = small / (two - startup_jobs)
        print(
            f"   {small:,} rows --jobs 2: {two:.1f} s ({rate_two:.0f} rows/s); speed-up "
            f"{one / two:.2f}x end to end, {rate_two / rate_one:.2f}x after start-up "
            f"(target 1.6x, {os.cpu_count()} cores)",
            flush=True,
        )

        print(f"   running {large:,} rows with --jobs 1 (progress every 30 s)", flush=True)
        big, memory_large = run_batch(files[large], large, 1, f"{large // 1000}k --jobs 1")
        print(
            f"   {large:,} rows --jobs 1: {big:.1f} s ({large / (big - startup):.0f} rows/s), "
            f"peak memory {memory_large / 1024:.0f} MiB",
            flush=True,
        )
        print(
            f"   memory {large // 1000}k / {small // 1000}k: "
            f"{memory_large / memory_small:.2f}x (target 1.25x or less)",
            flush=True,
        )
    print(f"   bench took {time.perf_counter() - began:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
