"""``coach check``: score one draft and explain every finding."""

from __future__ import annotations

import argparse
import json

from coach.commands.common import (
    add_context_args,
    add_engine_args,
    build_context,
    build_engine_config,
    read_message,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="score a draft and explain what to change",
        description="Score a draft (text, a file, or - for stdin) against the rule packs.",
    )
    parser.add_argument("message", help="the draft text, a file path, or - for standard input")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="also suggest value-first rewrites (see 'coach rewrite')",
    )
    add_context_args(parser)
    add_engine_args(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.engine import Coach
    from coach.render import render_report, use_colour

    text = read_message(args.message)
    config = build_engine_config(args)
    context = build_context(args, config)
    coach = Coach(config)
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
