"""Writing scored rows: CSV, TSV, Excel, JSON Lines, JSON, or a summary table.

Every row is written exactly once, in input order, with its source line. Output goes to a
temporary file in the target's folder that is renamed over the target only when the run is
complete: an interrupted run leaves no half-written file and an existing file untouched.
Spreadsheet cells that a spreadsheet would run as a formula get a leading apostrophe.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from coach.batch.result_columns import result_columns, result_values
from coach.batch.rows import ScoredRow
from coach.batch.summary import CampaignSummary
from coach.batch.table import render_summary
from coach.engine.models import SCHEMA_VERSION

FORMATS = ("table", "csv", "tsv", "jsonl", "json", "xlsx")
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xlsx": "xlsx",
    ".txt": "table",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767


def format_for(path: str | None, requested: str | None) -> str:
    """The output format: as asked, else from the file suffix, else a table (csv for files)."""
    if requested:
        return requested
    if not path or path == "-":
        return "table"
    return SUFFIX_FORMATS.get(Path(path).suffix.lower(), "csv")


def neutralise(value: str) -> str:
    """A cell a spreadsheet would treat as a formula, made plain text with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def row_dict(scored: ScoredRow, with_rewrite: bool = False) -> dict[str, Any]:
    """One row as JSON: where it came from, its status and flags, and the full report."""
    data: dict[str, Any] = {
        "line": scored.row.line,
        "status": scored.status,
        "reason": scored.reason,
        "fields": scored.row.fields,
        "campaign_flags": list(scored.campaign_flags),
        "report": scored.report.to_dict() if scored.report else None,
    }
    if with_rewrite:
        data["rewrite"] = scored.rewrite.to_dict() if scored.rewrite else None
    return data


def write_results(
    scored_rows: Iterable[ScoredRow],
    path: str | Path | None,
    format: str,
    *,
    headers: Sequence[str] | None = None,
    with_rewrite: bool = False,
    summary: CampaignSummary | None = None,
) -> CampaignSummary:
    """Write every row to ``path`` atomically (None or "-": standard output).

    Returns the campaign summary gathered on the way (pass one to collect into it).
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}")
    summary = summary if summary is not None else CampaignSummary()
    rows = _counted(scored_rows, summary)
    target = None if path in (None, "-") else Path(path)
    if format == "xlsx":
        if target is None:
            raise ValueError("xlsx output needs a file")
        with atomic_path(target) as temporary:
            _write_xlsx(rows, temporary, headers, with_rewrite)
        return summary
    with atomic_text(target, newline="" if format in ("csv", "tsv") else None) as stream:
        if format in ("csv", "tsv"):
            _write_delimited(rows, stream, "," if format == "csv" else "\t", headers, with_rewrite)
        elif format == "jsonl":
            for scored in rows:
                stream.write(json.dumps(row_dict(scored, with_rewrite), ensure_ascii=False))
                stream.write("\n")
        elif format == "json":
            _write_json(rows, stream, summary, with_rewrite)
        else:
            for _ in rows:
                pass
            stream.write(render_summary(summary) + "\n")
    return summary


def _counted(rows: Iterable[ScoredRow], summary: CampaignSummary) -> Iterator[ScoredRow]:
    for scored in rows:
        summary.add(scored)
        yield scored


def _write_delimited(
    rows: Iterator[ScoredRow],
    stream: IO[str],
    delimiter: str,
    headers: Sequence[str] | None,
    with_rewrite: bool,
) -> None:
    writer = csv.writer(stream, delimiter=delimiter)
    first = next(rows, None)
    headers = list(headers) if headers is not None else _headers_of(first)
    writer.writerow([neutralise(h) for h in [*headers, *result_columns(headers, with_rewrite)]])
    if first is None:
        return
    for scored in _chain(first, rows):
        fields = scored.row.fields
        cells = [fields.get(h, "") for h in headers] + result_values(scored, with_rewrite)
        writer.writerow([neutralise(c) if isinstance(c, str) else c for c in cells])


def _write_json(
    rows: Iterator[ScoredRow], stream: IO[str], summary: CampaignSummary, with_rewrite: bool
) -> None:
    stream.write(f'{{"schema_version": {SCHEMA_VERSION}, "rows": [')
    for index, scored in enumerate(rows):
        stream.write(",\n" if index else "\n")
        stream.write(json.dumps(row_dict(scored, with_rewrite), ensure_ascii=False))
    stream.write('\n], "summary": ')
    stream.write(json.dumps(summary.to_dict(), ensure_ascii=False))
    stream.write("}\n")


def _write_xlsx(
    rows: Iterator[ScoredRow], path: Path, headers: Sequence[str] | None, with_rewrite: bool
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
        return value if len(value) <= XLSX_CELL_LIMIT else value[: XLSX_CELL_LIMIT - 1] + "…"

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("scored")
    first = next(rows, None)
    headers = list(headers) if headers is not None else _headers_of(first)
    sheet.append([cell(h) for h in [*headers, *result_columns(headers, with_rewrite)]])
    try:
        for scored in _chain(first, rows) if first is not None else ():
            fields = scored.row.fields
            values = [fields.get(h, "") for h in headers] + result_values(scored, with_rewrite)
            sheet.append([cell(v) for v in values])
    finally:  # also when interrupted: closes openpyxl's own temporary files
        workbook.save(path)


def _headers_of(first: ScoredRow | None) -> list[str]:
    return list(first.row.fields) if first is not None else []


def _chain(first: ScoredRow, rest: Iterator[ScoredRow]) -> Iterator[ScoredRow]:
    yield first
    yield from rest


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it only if the block completes."""
    target = target.expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        _match_permissions(temporary, target)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_text(target: Path | None, newline: str | None = None) -> Iterator[IO[str]]:
    """A text stream to ``target`` (atomically) or to standard output when it is None."""
    if target is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with (
        atomic_path(target) as temporary,
        temporary.open("w", encoding="utf-8", newline=newline) as stream,
    ):
        yield stream
        stream.flush()
        os.fsync(stream.fileno())


def _match_permissions(temporary: Path, target: Path) -> None:
    """Keep an existing file's mode; give a new one the usual mode (mkstemp makes it 0600)."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)
