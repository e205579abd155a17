"""``coach check``: score one draft and explain every finding."""

from __future__ import annotations

import argparse
import json

from coach.commands.common import add_draft_args, open_draft


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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.render import render_report, use_colour

    coach, text, context = open_draft(args)
    report = coach.check(text, context)
    result = None
    if args.rewrite:
        from coach.engine.rewrite import rewrite

        result = rewrite(coach, text, context)
    if args.format == "json":
        data = report.to_dict()
        if result:
            data["rewrite"] = {k: v for k, v in result.to_dict().items() if k != "original"}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(render_report(report, colour=use_colour()))
        if result:
            from coach.commands.rewrite import render_rewrite

            print("\nSuggested rewrite\n" + render_rewrite(result))
    return 0
