"""Reading campaign files (CSV with any common delimiter, TSV, JSONL, Excel) as campaign rows.

Every record becomes exactly one ``CampaignRow`` per message with its source line (a sequence
gives one per step; a LinkedIn messages export only the messages the user sent): a record that
cannot be read (wrong field count, bad JSON, unknown platform) becomes a row with ``error`` set
instead of vanishing. Templates are filled from the row before anything is scored. Whole-file
problems (an encoding that cannot be read, an unterminated quote, no message column, not a
workbook) raise ``InputError`` naming the file, line and field. Reading streams.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from coach.batch.columns import Columns, normalise_header, row_platform
from coach.batch.encodings import file_encoding
from coach.batch.filling import Filler
from coach.batch.linkedin_export import SentFilter, is_messages_export
from coach.batch.presets import Preset, get_preset
from coach.batch.quotes import broken_quote_error
from coach.batch.rows import CampaignRow
from coach.batch.sequences import Step
from coach.engine.errors import InputError
from coach.engine.platforms import DEFAULT_PLATFORM, get_platform

DELIMITERS = (",", ";", "\t", "|")
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
SNIFF_CHARS = 64 * 1024
FIELD_SIZE_LIMIT = 64 * 1024 * 1024
# (line, values by header, or a reason the record could not be read)
Record = tuple[int, dict[str, str], str | None]


def read_campaign(
    path: str | Path,
    column: str | None = None,
    mapping: Mapping[str, str] | None = None,
    platform: str | None = None,
    encoding: str | None = None,
    preset: str | None = None,
) -> CampaignFile:
    """Open a campaign file and recognise its columns; iterate the result for its rows.

    Problems with the file as a whole are raised here, before any row is read. ``preset``
    names the tool that exported it (see ``coach.batch.presets``).
    """
    return CampaignFile(Path(path), column, mapping, platform, encoding, get_preset(preset))


class CampaignFile:
    """A campaign file whose header has been read and checked.

    Iterating reads the file again from the start each time (the template pass and the scoring
    pass both need the rows, and re-reading is far cheaper than keeping them); ``next()`` works
    too, on one shared pass.
    """

    def __init__(
        self,
        path: Path,
        column: str | None,
        mapping: Mapping[str, str] | None,
        platform: str | None,
        encoding: str | None,
        preset: Preset | None = None,
    ) -> None:
        self.path = path
        self.name = str(path)
        self.format = file_format(path)
        self.encoding = self._encoding(encoding)
        headers = self._headers()
        if headers is None:
            what = "no JSON object" if self.format == "jsonl" else "no header row"
            raise InputError.at(f"the file is empty: {what} and no messages", self.name, 1)
        self.headers: tuple[str, ...] = tuple(headers)
        self.sent_filter: SentFilter | None = None
        if is_messages_export(self.headers) and not column:
            preset = preset or get_preset("linkedin-export")
            self.sent_filter = SentFilter(self.headers, (f for _, f, _ in self._records()))
        self.preset = preset
        self.columns = Columns.resolve(self.headers, self.name, column, mapping, preset)
        self.platform = platform or self._default_platform()
        get_platform(self.platform)
        self.filler = Filler(self.columns)
        self._shared: Iterator[CampaignRow] | None = None

    def _default_platform(self) -> str:
        """A messages export is LinkedIn messages; a preset names its tool's platform; an
        email body or subject column means email; else the usual default."""
        if self.sent_filter is not None:
            return "linkedin-message"
        if self.preset is not None:
            return self.preset.platform
        message = normalise_header(self.columns.sources["message"])
        if "subject" in self.columns.sources or ("email" in message and not self.steps):
            return "email"
        return DEFAULT_PLATFORM

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.columns.steps

    def describe(self) -> str:
        """Which column was read as what, for people to check (printed unless --quiet)."""
        lines = [f"Columns of {self.path.name}:", *self.columns.describe()]
        if self.sent_filter is not None:
            lines.append(self.sent_filter.describe())
        return "\n".join(lines)

    def __iter__(self) -> Iterator[CampaignRow]:
        sent = self.sent_filter
        for line, fields, error in self._records():
            if sent is not None and error is None and not sent.sent(fields):
                continue
            steps = self.columns.steps
            if not steps:
                yield self._row(line, fields, error)
            elif error is not None:  # an unreadable record is reported once, not per step
                yield self._row(line, fields, error, steps[0])
            else:  # a follow-up left empty is not sent, so not a message to check
                for step in steps:
                    if step.number == 1 or (fields.get(step.header) or "").strip():
                        yield self._row(line, fields, error, step)

    def __next__(self) -> CampaignRow:
        if self._shared is None:
            self._shared = iter(self)
        return next(self._shared)

    def records(self) -> Iterator[Record]:
        """Every record, from the start: (line, values by header, why it is unreadable)."""
        return self._records()

    def _row(
        self, line: int, fields: dict[str, str], error: str | None, step: Step | None = None
    ) -> CampaignRow:
        return campaign_row(self.columns, self.platform, line, fields, error, step, self.filler)

    def _encoding(self, encoding: str | None) -> str:
        if self.format == "xlsx":
            return "xlsx"
        return file_encoding(self.path, self.name, encoding)

    def _headers(self) -> list[str] | None:
        for _line, values, _error in self._raw():
            return _unique(values)
        return None

    def _raw(self) -> Iterator[tuple[int, list[str], str | None]]:
        if self.format == "xlsx":
            return _xlsx_records(self.path, self.name)
        if self.format == "jsonl":
            return _jsonl_header(self.path, self.encoding)
        return _csv_records(self.path, self.name, self.encoding, self._delimiter())

    def _records(self) -> Iterator[Record]:
        headers = self.headers
        if self.format == "jsonl":
            yield from _jsonl_records(self.path, self.encoding)
            return
        rows = self._raw()
        next(rows, None)
        width = len(headers)
        for line, values, error in rows:
            if self.format == "xlsx" and len(values) < width:  # empty trailing cells
                values = values + [""] * (width - len(values))
            fields = dict(zip(headers, values, strict=False))
            if error is None and (len(values) < width or any(v.strip() for v in values[width:])):
                error = f"expected {width} fields, found {len(values)}"
            yield line, fields, error

    def _delimiter(self) -> str:
        if self.format == "tsv":
            return "\t"
        with self.path.open(encoding=self.encoding, newline="") as handle:
            return sniff_delimiter(handle.read(SNIFF_CHARS))


def campaign_row(
    columns: Columns,
    platform: str,
    line: int,
    fields: dict[str, str],
    error: str | None,
    step: Step | None = None,
    filler: Filler | None = None,
) -> CampaignRow:
    """One record (or one step of it) as the row the coach checks, its template filled.

    A row naming an unknown platform is an error; a step's own platform wins over the row's.
    """
    if error is None:
        try:
            platform = row_platform(columns.value(fields, "platform"), platform)
        except ValueError as problem:
            error = str(problem)
    if step is not None and step.platform:
        platform = step.platform
    context = columns.context(fields, platform)
    template = columns.message(fields, step)
    filled = (filler or Filler(columns)).fill(template, fields, context.recipient)
    return CampaignRow(
        line=line,
        fields=fields,
        text=filled.text,
        context=context,
        error=error,
        template=template if filled.text != template or filled.variants else "",
        step=step.number if step is not None else 0,
        variants=filled.variants,
        unfilled=filled.unfilled,
    )


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError.at(
            "old Excel .xls files are not supported; save it as .xlsx or CSV", str(path)
        )
    if suffix == ".json":
        raise InputError.at(
            "a .json campaign must be JSON Lines (one object per line); name it .jsonl", str(path)
        )
    if not path.is_file():
        raise InputError.at("no such file", str(path))
    return SUFFIX_FORMATS.get(suffix, "csv")


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the first records most consistently into the most fields."""
    lines = sample.splitlines(keepends=True)
    if len(sample) >= SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]
    best, best_score = ",", (0, 0.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = [r for r in csv.reader(lines, delimiter=delimiter) if r][:20]
        except csv.Error:
            continue
        if not records:
            continue
        width = len(records[0])
        consistent = sum(len(r) == width for r in records) / len(records)
        score = (int(width > 1), consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_records(
    path: Path, name: str, encoding: str, delimiter: str
) -> Iterator[tuple[int, list[str], str | None]]:
    """Records with their first line. A quote that does not close where its field ends is an
    error at the line where it opens, naming the field (``coach.batch.quotes``): it would
    swallow the lines after it into one field."""
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    headers: list[str] = []
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        previous = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                quote = broken_quote_error(path, name, encoding, delimiter, previous + 1, headers)
                if quote is not None:
                    raise quote from None
                yield previous + 1, [], f"unreadable record: {error}"
                previous = reader.line_num
                continue
            line, previous = previous + 1, reader.line_num
            if values:
                headers = headers or values
                yield line, values, None


def _jsonl_header(path: Path, encoding: str) -> Iterator[tuple[int, list[str], str | None]]:
    for line, fields, error in _jsonl_records(path, encoding):
        if error is None:
            yield line, list(fields), None
            return
    return


def _jsonl_records(path: Path, encoding: str) -> Iterator[Record]:
    with path.open(encoding=encoding, newline="") as handle:
        for line, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as error:
                yield line, {}, f"not valid JSON: {error.msg} (column {error.colno})"
                continue
            if not isinstance(data, dict):
                yield line, {}, f"expected a JSON object, found {type(data).__name__}"
                continue
            yield line, {str(k): cell_text(v) for k, v in data.items()}, None


def _xlsx_records(path: Path, name: str) -> Iterator[tuple[int, list[str], str | None]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise InputError.at(f"not a readable .xlsx workbook ({error})", name) from None
    try:
        sheet = workbook.worksheets[0]
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = [cell_text(c) for c in cells]
            while values and not values[-1]:
                values.pop()
            if values:
                yield line, values, None
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _unique(headers: Sequence[str]) -> list[str]:
    """Header names made unique and non-empty, so every value keeps a key."""
    seen: set[str] = set()
    names = []
    for index, header in enumerate(headers, start=1):
        name = header.strip() or f"column_{index}"
        base, suffix = name, 2
        while name in seen:
            name, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(name)
        names.append(name)
    return names
