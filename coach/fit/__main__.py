"""``python -m coach.fit``: refit the built-in weights to the labelled sets (``make weights``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.engine.errors import CoachError
from coach.fit.labelled import fit_labelled
from coach.fit.learning import FOLDS, SIGMA
from coach.fit.packfile import evidence, write_atomically


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coach.fit", description=__doc__)
    parser.add_argument("sets", nargs="+", type=Path, help="labelled CSV files")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument(
        "--cross-validate",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="report k-fold figures on this set's rows (the others always train)",
    )
    parser.add_argument("--sigma", type=float, default=SIGMA)
    parser.add_argument("--folds", type=int, default=FOLDS)
    args = parser.parse_args(argv)
    try:
        fitted = fit_labelled(args.sets, args.cross_validate or args.sets, args.sigma, args.folds)
    except CoachError as error:
        print(f"coach.fit: {error}", file=sys.stderr)
        return 2
    write_atomically(args.output, fitted.pack_text())
    for line in fitted.provenance()[3:]:
        print(line)
    for change in fitted.learned.moved:
        print(f"  {change.rule_id} {change.field} {change.after}: {evidence(change)}")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
