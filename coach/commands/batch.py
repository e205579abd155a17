"""``coach batch``: check a whole campaign file before it goes out.

Exit codes: 0 all good, 1 a gate tripped (some rows below ``--min-score`` or not checkable,
a row with a ``--fail-on`` problem), 2 a usage or input error, 130 interrupted (no output
written, an existing file untouched).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from coach.commands.common import (
    StoreOnce,
    add_engine_args,
    add_gate_args,
    build_engine_config,
    refuse_unknown_toggles,
)
from coach.dist import PARTITION_ROWS

if TYPE_CHECKING:
    from coach.batch import CampaignFile, CampaignSummary, ScoredRow

EXIT_BELOW_MIN = 1
FORMAT_CHOICES = ("table", "csv", "tsv", "jsonl", "json", "xlsx")
# Kept in step with coach.batch.presets.PRESETS (a test checks), so --help needs no import.
PRESET_NAMES = (
    "apollo",
    "hubspot",
    "salesforce",
    "outreach",
    "lemlist",
    "instantly",
    "smartlead",
    "expandi",
    "linkedin-export",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="score every message of a campaign file (CSV, TSV, JSONL, Excel)",
        description="Score every row of a campaign export and flag campaign-wide problems: "
        "one note sent to many people, near-duplicates, several people at one company, "
        "unfilled merge fields, empty messages. Templates are filled from each row first; "
        "a sequence is scored per step. Exit 1 when a gate (--min-score, --fail-on) trips.",
    )
    _add_input_args(parser)
    _add_output_args(parser)
    add_gate_args(parser, "a row scores below N or cannot be checked", "a row")
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="score on a Dask cluster: a scheduler address, or 'local' for --jobs worker "
        "processes here; results to a .csv, .tsv or .parquet -o path "
        "(needs pip install 'outreach-coach[dask]')",
    )
    parser.add_argument(
        "--partition-rows",
        type=int,
        default=PARTITION_ROWS,
        metavar="N",
        help=f"with --dask, rows per partition (default {PARTITION_ROWS})",
    )
    add_engine_args(parser)
    parser.set_defaults(run=run)


def _add_input_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="campaign file: .csv (any common delimiter), .tsv, .jsonl or .xlsx"
    )
    parser.add_argument("--column", metavar="HEADER", help="the column holding the message")
    parser.add_argument(
        "--preset",
        choices=PRESET_NAMES,
        help="the tool that exported the file, for headers that are ambiguous alone",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="take a field (first_name, last_name, full_name, company, role, "
        "industry, notes, platform, subject, message) from a column; repeatable",
    )
    parser.add_argument(
        "--platform",
        action=StoreOnce,
        help="platform of rows without a platform column: "
        "linkedin-connection, linkedin-message, inmail or email",
    )
    parser.add_argument(
        "--encoding",
        help="text encoding of the file (default: UTF-8 with or without BOM, else "
        "detected, e.g. cp1252 for a Windows export); given, it always wins",
    )


def _add_output_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write results here (written whole at the end; - for stdout)",
    )
    parser.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        help="output format (default: from the -o suffix, else a table)",
    )
    parser.add_argument(
        "--with-rewrite",
        action="store_true",
        help="add the best suggested rewrite of each message and its score",
    )
    parser.add_argument(
        "--report",
        metavar="HTML",
        help="also write a self-contained HTML report (chart, clusters, every row's findings)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing but the results written with -o (no column mapping, no "
        "progress, no summary); the exit code still tells",
    )


def run(args: argparse.Namespace) -> int:
    from coach.batch import CampaignSummary, format_for, scan_campaign, score_campaign
    from coach.batch.table import render_summary
    from coach.batch.targets import refuse_same_paths
    from coach.engine import Coach
    from coach.engine.errors import ConfigError, InputError

    if args.jobs < 1:
        raise ConfigError.at("must be 1 or more", field="--jobs")
    if args.dask:
        from coach.commands.batch_dask import run_on_dask

        return run_on_dask(args)
    fmt = format_for(args.output, args.format)
    if fmt == "xlsx" and args.output in (None, "-"):
        raise ConfigError.at("xlsx output needs a file: add -o results.xlsx", field="--format")
    refuse_same_paths(args.file, {"-o": args.output, "--report": args.report})
    if Path(args.file).is_dir():
        raise InputError.at(
            "is a folder; give a campaign file (.csv, .tsv, .jsonl, .xlsx)", args.file
        )
    config = build_engine_config(args)
    campaign = _open_campaign(args, config.platform)
    coach = Coach(config)  # validates the packs now; the model loads when scoring starts
    refuse_unknown_toggles(coach, args)
    interactive = not args.quiet and sys.stderr.isatty()
    if interactive:
        print(f"reading {args.file}…", end="\r", file=sys.stderr, flush=True)
    scan = scan_campaign(campaign)
    summary = CampaignSummary(scan, args.min_score)
    rows: Iterable[ScoredRow] = score_campaign(
        coach, campaign, jobs=args.jobs, scan=scan, with_rewrite=args.with_rewrite
    )
    if interactive:
        rows = Progress(scan.rows, sys.stderr).track(rows)
    _write(args, fmt, campaign, rows, summary)
    if not args.quiet and not (fmt == "table" and args.output in (None, "-")):
        print(render_summary(summary), file=sys.stderr)
    failed = summary.below_min + summary.unchecked if args.min_score is not None else 0
    failed += sum(summary.problems[p] for p in args.fail_on)
    return EXIT_BELOW_MIN if failed else 0


def _open_campaign(args: argparse.Namespace, platform: str | None) -> CampaignFile:
    """The campaign file with its columns recognised; the mapping printed unless --quiet."""
    from coach.batch import parse_mapping, read_campaign

    campaign = read_campaign(
        args.file,
        column=args.column,
        mapping=parse_mapping(args.map),
        platform=platform,
        encoding=args.encoding,
        preset=args.preset,
    )
    if not args.quiet:
        print(campaign.describe(), file=sys.stderr)
    return campaign


def _write(
    args: argparse.Namespace,
    fmt: str,
    campaign: CampaignFile,
    rows: Iterable[ScoredRow],
    summary: CampaignSummary,
) -> None:
    """Every scored row to the output (and the HTML report); the summary gathered on the way.

    With --quiet and no output file there is nothing to write: the rows are only counted.
    """
    from coach.batch import write_results
    from coach.batch.report_html import HtmlReport

    report = None
    if args.report:
        title = f"Campaign check: {Path(args.file).name}"
        report = HtmlReport(args.report, title, bool(campaign.steps))
        rows = _tee(rows, report.add)
    try:
        if args.quiet and fmt == "table" and args.output in (None, "-"):
            for scored in rows:
                summary.add(scored)
        else:
            write_results(
                rows,
                args.output,
                fmt,
                headers=campaign.headers,
                with_rewrite=args.with_rewrite,
                summary=summary,
                sequence=bool(campaign.steps),
            )
        if report is not None:
            report.finish(summary)
    finally:
        if report is not None:
            report.close()


def _tee(rows: Iterable[ScoredRow], sink) -> Iterator[ScoredRow]:
    for scored in rows:
        sink(scored)
        yield scored


class Progress:
    """A one-line progress bar on an interactive stderr: rows, percentage, rows/s, ETA."""

    WIDTH = 24
    EVERY = 0.2

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total = max(total, 0)
        self.stream = stream
        self.started = time.monotonic()
        self._shown = 0.0

    def track(self, rows: Iterable[ScoredRow]) -> Iterator[ScoredRow]:
        done = 0
        try:
            for done, scored in enumerate(rows, start=1):
                now = time.monotonic()
                if now - self._shown >= self.EVERY:
                    self._shown = now
                    self.stream.write("\r" + self.line(done, now - self.started))
                    self.stream.flush()
                yield scored
        finally:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def line(self, done: int, elapsed: float) -> str:
        rate = done / elapsed if elapsed > 0 else 0.0
        share = done / self.total if self.total else 1.0
        filled = round(self.WIDTH * share)
        eta = _clock((self.total - done) / rate) if rate and self.total >= done else "--:--"
        return (
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:,}/{self.total:,} rows "
            f"{share:4.0%}  {rate:,.0f} rows/s  ETA {eta}\033[K"
        )


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"
