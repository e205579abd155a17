"""``coach learn``: fit the rule weights to what your prospects answered.

Reads campaign files the way ``coach batch`` does, runs the engine, fits the weights and
bonuses to an outcome column (replied, accepted...) with the same fit as ``make weights``
(coach.fit), and writes a pack of ``overrides`` that ``coach check`` then uses. Refusals
(too few rows or outcomes, unreadable outcome values, a fit that does not beat the current
weights in cross-validation without ``--force``) are one line and exit 2.
"""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coach.commands.common import add_engine_args, build_engine_config
from coach.engine.display import count

if TYPE_CHECKING:
    from coach.engine import Coach
    from coach.fit.outcomes import Outcomes
    from coach.fit.report import LearnSummary

DEFAULT_OUTPUT = Path(".coach") / "packs" / "learned.yaml"
MIN_ROWS = 100
MIN_EACH = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "learn",
        help="fit the rule weights to your campaigns' outcomes (replies, accepted invitations)",
        description="Fit the weights and bonuses of the rules to an outcome column of your "
        "campaign exports and write them as a pack of overrides that `coach check` uses. "
        f"Needs at least {MIN_ROWS} checked rows with {MIN_EACH} of each outcome; writes only "
        "when the learned weights beat the current ones in cross-validation (or --force).",
    )
    parser.add_argument("files", nargs="+", metavar="CAMPAIGN", help="campaign files")
    parser.add_argument("--outcome", required=True, metavar="COLUMN", help="the outcome column")
    parser.add_argument(
        "--positive",
        action="append",
        default=[],
        metavar="VALUE",
        help="a value meaning yes (repeatable; default: yes, true, replied, accepted, a date...)",
    )
    parser.add_argument(
        "--negative",
        action="append",
        default=[],
        metavar="VALUE",
        help="a value meaning no (repeatable; default: no, false, 0, empty, ignored, declined...)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="PATH", help=f"the pack to write ({DEFAULT_OUTPUT})"
    )
    parser.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    parser.add_argument(
        "--force", action="store_true", help="write even if it does not beat the current weights"
    )
    parser.add_argument("--report", metavar="HTML", help="also write an HTML report")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (5)")
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    parser.add_argument("--column", metavar="HEADER", help="the column holding the message")
    parser.add_argument(
        "--map", action="append", default=[], metavar="FIELD=HEADER", help="as in coach batch"
    )
    parser.add_argument("--platform", help="platform of rows without a platform column")
    parser.add_argument("--encoding", help="text encoding of the files (default UTF-8)")
    add_engine_args(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.batch import parse_mapping
    from coach.engine import Coach
    from coach.engine.errors import ConfigError
    from coach.fit.learning import learn
    from coach.fit.outcomes import OutcomeReader, read_outcomes
    from coach.fit.packfile import pack_text, write_atomically
    from coach.fit.report import LearnSummary, html_report, terminal_report

    if args.folds < 2:
        raise ConfigError.at("must be 2 or more", field="--folds")
    if args.jobs < 1:
        raise ConfigError.at("must be 1 or more", field="--jobs")
    config = build_engine_config(args)
    coach = Coach(config)
    reader = OutcomeReader.of(args.outcome, args.positive, args.negative)
    data = read_outcomes(
        coach, args.files, reader, args.column, parse_mapping(args.map), config.platform,
        args.encoding, args.jobs,
    )  # fmt: skip
    _check_enough(data, args.outcome)
    learned = learn(data, folds=args.folds)
    summary = LearnSummary(data, learned, args.outcome)
    print(terminal_report(summary))
    if args.report:
        Path(args.report).write_text(html_report(summary), encoding="utf-8")
    output = args.output or DEFAULT_OUTPUT
    text = pack_text(_pack_name(output), "Weights learned from campaign outcomes", learned,
                     _provenance(args, summary), _values_without(coach, output))  # fmt: skip
    if not learned.beats_current and not args.force:
        raise ConfigError.at(
            f"the learned weights do not beat the current ones in {learned.folds}-fold "
            f"cross-validation (AUC {learned.cv_auc_after:.3f} vs {learned.auc_before:.3f}); "
            "nothing written (--force writes them anyway)",
            str(output),
        )
    if args.dry_run:
        print(f"\ndry run: would write {output}:\n{text}", end="")
        return 0
    write_atomically(output, text)
    print(f"\nwrote {output} ({count(len(learned.moved), 'override')})")
    if args.output:
        print(f"use it with --packs {output}, or put it in .coach/packs/")
    return 0


def _check_enough(data: Outcomes, column: str) -> None:
    from coach.engine.errors import InputError

    skipped = f" ({data.skipped:,} more could not be checked)" if data.skipped else ""
    if data.rows < MIN_ROWS:
        raise InputError.at(
            f"too few rows to learn from: {data.rows:,} checked{skipped}, at least "
            f"{MIN_ROWS} needed",
            field="--outcome",
        )
    negatives = data.rows - data.positives
    if min(data.positives, negatives) < MIN_EACH:
        raise InputError.at(
            f"too few of one outcome in '{column}': {data.positives:,} yes and "
            f"{negatives:,} no among {data.rows:,} rows, at least {MIN_EACH} of each needed",
            field="--outcome",
        )


def _provenance(args: argparse.Namespace, summary: LearnSummary) -> list[str]:
    files = ", ".join(Path(f).name for f in args.files)
    return [
        "Weights learned by `coach learn` from campaign outcomes; rules not listed keep theirs.",
        f"Files: {files}",
        *summary.headline(),
        f"Learned on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Delete this file to undo.",
    ]


def _values_without(coach: Coach, output: Path) -> dict[str, int]:
    """Each rule's weight or bonus with every pack but ``output`` (an earlier learned pack
    that this run replaces)."""
    from coach.engine.packs.resolve import resolve_rules

    target = output.resolve()
    packs = [p for p in coach.packs if Path(p.path).resolve() != target]
    rules = resolve_rules(packs, coach.config) if len(packs) < len(coach.packs) else coach.rules
    return {r.id: r.bonus or r.weight for r in rules}


def _pack_name(path: Path) -> str:
    from coach.engine.packs.fields import PACK_NAME

    name = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return name if PACK_NAME.match(name) else "learned"
