"""``coach batch --dask``: rows/s on a local Dask cluster of 1 and 2 workers against ``--jobs``.

On one generated campaign (the same generator as bench_batch) prints, for 1 and 2 workers:

- rows/s once the workers are up and have loaded the model (start-up timed apart), and the
  ratio to ``coach batch --jobs N`` after its own start-up (on one machine the same cores do
  the same work, so about 1.0 is the target: Dask adds a hashing pass and the transfers);
- rows per CPU-second over every process of the run (workers, scheduler, client), against the
  same for ``coach batch``: on a shared machine wall-clock rates follow the neighbours' load,
  CPU time much less;
- the start-up (cluster, worker processes, model load and pack compilation) and peak memory
  per worker process (ru_maxrss), with the ``coach batch --jobs 1`` process's for comparison.

Needs the dask extra (``pip install 'outreach-coach[dask]'``); without it, says so and exits 0.
``--rows N`` changes the campaign size (default 2,000: a short run).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import ROOT, generate

ROWS = 2_000
PARTITION_ROWS = 500


def _usage() -> tuple[float, int]:
    """This process's CPU seconds so far and its peak memory (KiB): run on each worker."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def run_batch(path: Path, jobs: int) -> tuple[float, float, int]:
    """``coach batch --jobs N`` as a child: wall seconds, CPU seconds (with its workers), KiB."""
    command = [sys.executable, "-m", "coach", "batch", str(path), "-q", "--jobs", str(jobs)]
    command += ["-o", str(path.with_name(f"batch-{jobs}.csv"))]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)  # includes the workers it waited for
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"coach batch failed: {error}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def run_dask(path: Path, workers: int) -> tuple[float, float, float, list[int]]:
    """Start-up seconds, scoring seconds, scoring CPU seconds, each worker's peak KiB."""
    from coach.config import load
    from coach.dist.pipeline import connect, find_clusters, score_dask, warm, write_delimited
    from coach.dist.reading import read_frame

    config = load()
    began = time.perf_counter()
    with connect("local", workers=workers) as client:
        warm(client, config)
        ready = time.perf_counter()
        before = sum(cpu for cpu, _ in client.run(_usage).values()) + _usage()[0]
        campaign = read_frame(path, partition_rows=PARTITION_ROWS)
        scored = score_dask(campaign, config, report=False, clusters=find_clusters(campaign))
        write_delimited(scored, str(path.with_name(f"dask-{workers}.csv")), client)
        done = time.perf_counter()
        after = client.run(_usage).values()
        cpu = sum(c for c, _ in after) + _usage()[0] - before
        memory = sorted(kib for _, kib in after)
    return ready - began, done - ready, cpu, memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    rows = parser.parse_args().rows
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("   skipped: needs pip install 'outreach-coach[dask]'", flush=True)
        return 0
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as folder:
        path = Path(folder) / "campaign.csv"
        generate(path, rows)
        empty = Path(folder) / "headers.csv"
        empty.write_text("First Name,Company,Message\n")
        print(f"   {rows:,} generated rows, {PARTITION_ROWS} to a partition", flush=True)
        for workers in (1, 2):
            start_wall, start_cpu, _ = run_batch(empty, workers)
            wall, cpu, memory_batch = run_batch(path, workers)
            batch_rate, batch_cpu_rate = rows / (wall - start_wall), rows / (cpu - start_cpu)
            ready, scoring, dask_cpu, memory = run_dask(path, workers)
            rate, cpu_rate = rows / scoring, rows / dask_cpu
            plural = "s" if workers > 1 else ""
            print(
                f"   {workers} worker{plural}: Dask {rate:.0f} rows/s, coach batch --jobs "
                f"{workers} {batch_rate:.0f} rows/s: ratio {rate / batch_rate:.2f}; per "
                f"CPU-second {cpu_rate:.0f} against {batch_cpu_rate:.0f} rows: ratio "
                f"{cpu_rate / batch_cpu_rate:.2f}",
                flush=True,
            )
            print(
                f"     start-up: Dask {ready:.1f} s, coach batch {start_wall:.1f} s; peak memory "
                f"per Dask worker {', '.join(f'{kib / 1024:.0f}' for kib in memory)} MiB "
                f"(coach batch --jobs {workers}: {memory_batch / 1024:.0f} MiB)",
                flush=True,
            )
    load = os.getloadavg()[0]
    print(
        f"   bench took {time.perf_counter() - began:.0f} s on {os.cpu_count()} cores "
        f"(load average {load:.1f}: above the core count, wall-clock rates are the neighbours')",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
