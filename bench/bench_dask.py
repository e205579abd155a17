"""``coach batch --dask``: rows/s on a local Dask cluster of 1 and 2 workers against ``--jobs``.

On one generated campaign (the same generator as bench_batch) prints, for 1 and 2 workers:

- rows/s once the workers are up and have loaded the model (start-up timed apart), and the
  ratio to ``coach batch --jobs N`` after its own start-up (on one machine the same cores do
  the same work, so about 1.0 is the target: Dask adds a hashing pass and the transfers);
- the start-up: cluster, worker processes, model load and pack compilation;
- peak memory per worker process (ru_maxrss).

Needs the dask extra (``pip install 'outreach-coach[dask]'``); without it, says so and exits 0.
``--rows N`` changes the campaign size (default 2,000: a short run).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench_batch import generate, run_batch

ROWS = 2_000
PARTITION_ROWS = 250


def _peak_rss_kib() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_dask(path: Path, workers: int) -> tuple[float, float, list[int]]:
    """Start-up seconds, scoring seconds, and each worker's peak memory (KiB)."""
    from coach.config import load
    from coach.dist.pipeline import connect, find_clusters, score_dask, warm, write_delimited
    from coach.dist.reading import read_frame

    config = load()
    began = time.perf_counter()
    with connect("local", workers=workers) as client:
        warm(client, config)
        ready = time.perf_counter()
        campaign = read_frame(path, partition_rows=PARTITION_ROWS)
        scored = score_dask(campaign, config, report=False, clusters=find_clusters(campaign))
        write_delimited(scored, str(path.with_name(f"dask-{workers}.csv")), client)
        done = time.perf_counter()
        memory = sorted(client.run(_peak_rss_kib).values())
    return ready - began, done - ready, memory


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
            startup, _ = run_batch(empty, 0, workers, f"startup-jobs{workers}")
            whole, _ = run_batch(path, rows, workers, f"--jobs {workers}")
            batch_rate = rows / (whole - startup)
            ready, scoring, memory = run_dask(path, workers)
            rate = rows / scoring
            print(
                f"   {workers} worker{'s' if workers > 1 else ''}: Dask {rate:.0f} rows/s, coach "
                f"batch --jobs {workers} {batch_rate:.0f} rows/s: ratio {rate / batch_rate:.2f} "
                f"(start-up: Dask {ready:.1f} s, coach batch {startup:.1f} s; "
                f"{os.cpu_count()} cores)",
                flush=True,
            )
            print(
                "   peak memory per worker: "
                + ", ".join(f"{kib / 1024:.0f} MiB" for kib in memory),
                flush=True,
            )
    print(f"   bench took {time.perf_counter() - began:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
