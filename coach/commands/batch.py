"""``coach batch``: check a whole campaign file before it goes out.

Exit codes: 0 all good, 1 some rows below ``--min-score`` (or not checkable) when it is given,
2 a usage or input error, 130 interrupted (no output written, an existing file untouched).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from coach.commands.common import add_engine_args, build_engine_config
from coach.dist import PARTITION_ROWS

if TYPE_CHECKING:
    from coach.batch import ScoredRow

EXIT_BELOW_MIN = 1
FORMAT_CHOICES = ("table", "csv", "tsv", "jsonl", "json", "xlsx")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="score every message of a campaign file (CSV, TSV, JSONL, Excel)",
        description="Score every row of a campaign export and flag campaign-wide problems: "
        "one note sent to many people, to several people at one company, unfilled merge "
        "fields, empty messages. Exit 1 when --min-score is given and a row falls below it.",
    )
    parser.add_argument(
        "file", help="campaign file: .csv (any common delimiter), .tsv, .jsonl or .xlsx"
    )
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
    parser.add_argument("--column", metavar="HEADER", help="the column holding the message")
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
        help="platform of rows without a platform column: "
        "linkedin-connection, linkedin-message, inmail or email",
    )
    parser.add_argument(
        "--encoding",
        help="text encoding of the file (default UTF-8, with or "
        "without BOM; e.g. cp1252 for a Windows export)",
    )
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
    parser.add_argument(
        "--min-score",
        type=int,
        metavar="N",
        help="exit 1 if any row scores below N or cannot be checked",
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
        help="print nothing but the results (no progress, no summary)",
    )
    add_engine_args(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coach.batch import (
        CampaignSummary,
        format_for,
        parse_mapping,
        read_campaign,
        scan_campaign,
        score_campaign,
        write_results,
    )
    from coach.batch.report_html import HtmlReport
    from coach.batch.table import render_summary
    from coach.engine import Coach
    from coach.engine.errors import ConfigError

    if args.jobs < 1:
        raise ConfigError.at("must be 1 or more", field="--jobs")
    if args.dask:
        from coach.commands.batch_dask import run_on_dask

        return run_on_dask(args)
    output = args.output
    fmt = format_for(output, args.format)
    if fmt == "xlsx" and output in (None, "-"):
        raise ConfigError.at("xlsx output needs a file: add -o results.xlsx", field="--format")
    _refuse_overwrite(args.file, output, args.report)
    mapping = parse_mapping(args.map)
    config = build_engine_config(args)
    campaign = read_campaign(
        args.file,
        column=args.column,
        mapping=mapping,
        platform=config.platform,
        encoding=args.encoding,
    )
    coach = Coach(config)  # validates the packs now; the model loads when scoring starts
    interactive = not args.quiet and sys.stderr.isatty()
    if interactive:
        print(f"reading {args.file}…", end="\r", file=sys.stderr, flush=True)
    scan = scan_campaign(campaign)
    summary = CampaignSummary(scan, args.min_score)
    rows: Iterable[ScoredRow] = score_campaign(
        coach, campaign, jobs=args.jobs, scan=scan, with_rewrite=args.with_rewrite
    )
    report = (
        HtmlReport(args.report, f"Campaign check: {Path(args.file).name}") if args.report else None
    )
    if report is not None:
        rows = _tee(rows, report.add)
    if interactive:
        rows = Progress(scan.rows, sys.stderr).track(rows)
    try:
        write_results(
            rows,
            output,
            fmt,
            headers=campaign.headers,
            with_rewrite=args.with_rewrite,
            summary=summary,
        )
        if report is not None:
            report.finish(summary)
    finally:
        if report is not None:
            report.close()
    to_stdout = output in (None, "-")
    if not args.quiet and not (fmt == "table" and to_stdout):
        print(render_summary(summary), file=sys.stderr)
    failed = summary.below_min + summary.unchecked if args.min_score is not None else 0
    return EXIT_BELOW_MIN if failed else 0


def _refuse_overwrite(source: str, *outputs: str | None) -> None:
    """Never replace the campaign file itself with results."""
    from coach.engine.errors import ConfigError

    for output in outputs:
        if output and output != "-" and Path(output).resolve() == Path(source).resolve():
            raise ConfigError.at("would overwrite the campaign file; choose another path", output)


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
