"""``coach rewrite``: value-first variants of a draft, with slots to fill and what changed."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import TYPE_CHECKING

from coach.commands.common import add_draft_args, open_draft
from coach.engine.display import one_line

if TYPE_CHECKING:
    from coach.engine.rewrite import Rewrite, Variant

MARKS = {"removed": "-", "kept": "=", "added": "+"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rewrite",
        help="suggest value-first rewrites of a draft",
        description="Suggest up to three value-first rewrites of a draft (text, a file, or - "
        "for stdin), composed from the recipient context and your sender profile; only "
        "rewrites the coach rates ready to send (80+) are offered.",
    )
    add_draft_args(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.engine.rewrite import rewrite

    result = rewrite(*open_draft(args))
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_rewrite(result))
    return 0


def render_rewrite(result: Rewrite, width: int = 88) -> str:
    """The variants, best first: score, text, slots to fill, and what changed and why."""
    original = result.original
    lines = [f"Draft scores {original.score}/100 ({original.band})."]
    for number, variant in enumerate(result.variants, 1):
        lines.append("")
        lines.extend(_variant_lines(f"Variant {number}", variant, width))
    if result.template:
        lines += [
            "",
            "No rewrite is ready with what the context says about them. Fill in this one, or add "
            "--notes (their post, talk, question, news):",
        ]
        lines.extend(_variant_lines("Template", result.template, width))
    if result.edits:
        lines.append("")
        lines.append("Fixes you can apply one at a time:")
        for edit in result.edits:
            quote, action = edit.describe(original.text)
            quote = " ".join(quote.split())
            lines.append(
                f'  chars {edit.start}-{edit.end} "{one_line(quote, 60)}": {action} ({edit.reason})'
            )
    return "\n".join(lines)


def _variant_lines(label: str, variant: Variant, width: int) -> list[str]:
    report = variant.report
    score = f"score {report.score}/100 {report.band}" if not variant.slots else "to fill in"
    lines = [f"{label} ({variant.shape}): {score}, {report.length}/{report.limit} characters"]
    for paragraph in variant.text.split("\n"):
        wrapped = textwrap.wrap(
            paragraph,
            width=width,
            initial_indent="  | ",
            subsequent_indent="  | ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or ["  |"])
    if variant.slots:
        lines.append("  Fill in before sending:")
        lines.extend(
            f"    {s.placeholder} ({s.name}, chars {s.start}-{s.end})" for s in variant.slots
        )
    lines.append("  Changes:")
    for change in variant.changes:
        ids = f" [{', '.join(change.rule_ids)}]" if change.rule_ids else ""
        lines.append(
            f'    {MARKS.get(change.kind, "*")} {change.kind} "{one_line(change.text, 60)}": '
            f"{change.reason}{ids}"
        )
    return lines
