"""``make bench``: runs every ``bench/bench_*.py`` in its own process and prints its figures.

Each benchmark is a script that prints its own lines; separate processes keep memory figures
honest and one failing benchmark from hiding the others. numpy's matrix products run on one
thread, as under the ``coach`` command (``coach.cli``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}  # as the coach command runs
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.stem.removeprefix('bench_')}", flush=True)
        result = subprocess.run([sys.executable, str(script)], check=False, env=env)
        if result.returncode:
            failed += 1
            print(f"   {script.name} exited with {result.returncode}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
