"""A real `coach batch` process on a big campaign, for tests that signal or kill it."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_big_campaign(path: Path, rows: int) -> None:
    """``rows`` pitches to different people at 97 companies."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Company", "Message"])
        for index in range(rows):
            writer.writerow(
                [
                    f"Person{index}",
                    f"Company {index % 97}",
                    f"Hi Person{index}, we help companies like yours save 15% on "
                    "licensing. Do you have 15 minutes this week for a quick demo?",
                ]
            )


def start_batch_run(tmp_path: Path, out: Path, *extra: str) -> subprocess.Popen:
    """Start `coach batch` on a 4,000-row campaign in its own process group; return once it
    is writing its temporary output."""
    source = tmp_path / "big.csv"
    write_big_campaign(source, 4000)
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "batch", str(source), "-o", str(out), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(f".{out.name}.*.tmp")):  # writing has started
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.05)
    time.sleep(1.0)
    return process
