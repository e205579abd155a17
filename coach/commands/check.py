"""``coach check``: score one draft and explain every finding.

Exit codes: 0 checked (and every gate passed), 1 a gate tripped (``--min-score``,
``--fail-on``), 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import json
import sys

from coach.commands.common import add_draft_args, add_gate_args, open_draft
from coach.engine.display import CountedBonuses

EXIT_GATE = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="score a draft and explain what to change",
        description="Score a draft (text, a file, or - for stdin) against the rule packs.",
    )
    add_draft_args(parser)
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="also suggest value-first rewrites (see 'coach rewrite')",
    )
    add_gate_args(parser, "the score is below N", "the draft")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing; the exit code tells"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.render import render_report, use_colour

    coach, text, context = open_draft(args)
    report = coach.check(text, context)
    result = None
    if args.rewrite:
        from coach.engine.rewrite import rewrite

        result = rewrite(coach, text, context)
    tripped = gate_failures(report.score, report.problems, args.min_score, args.fail_on)
    if args.quiet:
        return EXIT_GATE if tripped else 0
    if args.format == "json":
        data = report.to_dict()
        if result:
            data["rewrite"] = {k: v for k, v in result.to_dict().items() if k != "original"}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        config = coach.config
        bonuses = CountedBonuses(report, config.bonus_cap, config.bonus_blockers)
        print(render_report(report, colour=use_colour(), bonuses=bonuses))
        if result:
            from coach.commands.rewrite import render_rewrite

            print("\nSuggested rewrite\n" + render_rewrite(result))
    for reason in tripped:
        print(f"coach: gate: {reason}", file=sys.stderr)
    return EXIT_GATE if tripped else 0


def gate_failures(
    score: int, problems: tuple[str, ...], min_score: int | None, fail_on: list[str]
) -> list[str]:
    """Why the draft fails its gates, one reason per tripped gate (none: it passes)."""
    reasons = []
    if min_score is not None and score < min_score:
        reasons.append(f"score {score} is below --min-score {min_score}")
    reasons += [f"the draft has the problem '{p}' (--fail-on)" for p in fail_on if p in problems]
    return reasons
