"""``coach learn`` time on a 20,000-row campaign whose replies follow a hidden rule.

By default the engine runs on a sample of the rows (its rows/s gives the engine's share) and
the fit (5-fold cross-validation plus the final fit) runs on the firings of all 20,000 rows,
tiled from the sample: the fit's share is measured, the engine's extrapolated. ``--full``
runs ``coach learn`` end to end on the 20,000-row file in its own process instead.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from corpus import ROOT

from coach.engine import Coach
from coach.fit.firings import Firings
from coach.fit.learning import learn
from coach.fit.outcomes import OutcomeReader, Outcomes, read_outcomes
from tests.learn_campaign import campaign_rows, write_campaign

ROWS = 20_000
SAMPLE = 1_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="run coach learn end to end")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.full:
            full_run(Path(folder))
        else:
            sampled_run(Path(folder))


def sampled_run(folder: Path) -> None:
    coach = Coach()
    coach.compiled  # noqa: B018 - load and compile before timing
    sample = write_campaign(folder / "sample.csv", campaign_rows(SAMPLE))
    started = time.perf_counter()
    data = read_outcomes(coach, [sample], OutcomeReader.of("replied"))
    engine = time.perf_counter() - started
    tiled = tile(data, ROWS)
    started = time.perf_counter()
    learned = learn(tiled)
    fit = time.perf_counter() - started
    estimate = engine * ROWS / SAMPLE + fit
    print(
        f"engine {SAMPLE / engine:,.0f} rows/s ({SAMPLE:,}-row sample); fit on {ROWS:,} rows "
        f"(5-fold CV + final) {fit:.1f} s; coach learn on {ROWS:,} rows ~{estimate:.0f} s "
        f"(estimated; --full measures it); CV AUC {learned.auc_before:.3f} -> "
        f"{learned.cv_auc_after:.3f}"
    )


def tile(data: Outcomes, rows: int) -> Outcomes:
    """The sample's rows repeated to ``rows`` (outcomes redrawn from the same hidden rule)."""
    index = np.arange(rows) % data.rows
    outcome = data.outcome[index]
    flip = np.random.default_rng(3).random(rows) < 0.05
    return Outcomes(
        firings=Firings(data.firings.terms, data.firings.fired[index], data.firings.bonus_cap),
        outcome=outcome ^ flip,
        group=np.zeros(rows, dtype=np.int64),
        scores=data.scores[index],
        files=data.files,
        skipped=0,
    )


def full_run(folder: Path) -> None:
    path = write_campaign(folder / "campaign.csv", campaign_rows(ROWS))
    command = [sys.executable, "-m", "coach.cli", "learn", str(path), "--outcome", "replied",
               "--dry-run", "--force"]  # fmt: skip
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - started
    auc_line = next((x for x in result.stdout.splitlines() if "AUC" in x), result.stderr.strip())
    print(f"coach learn on {ROWS:,} rows: {elapsed:.1f} s (exit {result.returncode}); {auc_line}")


if __name__ == "__main__":
    main()
