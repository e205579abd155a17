"""Reading campaign files (CSV with any common delimiter, TSV, JSONL, Excel) as campaign rows.

Every record becomes exactly one ``CampaignRow`` with its source line: a record that cannot be
read (wrong field count, bad JSON, unknown platform) becomes a row with ``error`` set instead of
vanishing. Whole-file problems (not the declared encoding, no message column, not a workbook)
raise ``InputError`` naming the file, line and field. Reading streams: one record at a time.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from coach.batch.columns import Columns, row_platform
from coach.batch.rows import CampaignRow
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
) -> CampaignFile:
    """Open a campaign file and recognise its columns; iterate the result for its rows.

    Problems with the file as a whole are raised here, before any row is read.
    """
    return CampaignFile(Path(path), column, mapping, platform, encoding)


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
    ) -> None:
        self.path = path
        self.name = str(path)
        self.format = file_format(path)
        self.platform = platform or DEFAULT_PLATFORM
        get_platform(self.platform)
        self.encoding = self._encoding(encoding)
        headers = self._headers()
        if headers is None:
            what = "no JSON object" if self.format == "jsonl" else "no header row"
            raise InputError.at(f"the file is empty: {what} and no messages", self.name, 1)
        self.headers: tuple[str, ...] = tuple(headers)
        self.columns = Columns.resolve(self.headers, self.name, column, mapping)
        self._shared: Iterator[CampaignRow] | None = None

    def __iter__(self) -> Iterator[CampaignRow]:
        for line, fields, error in self._records():
            yield self._row(line, fields, error)

    def __next__(self) -> CampaignRow:
        if self._shared is None:
            self._shared = iter(self)
        return next(self._shared)

    def records(self) -> Iterator[Record]:
        """Every record, from the start: (line, values by header, why it is unreadable)."""
        return self._records()

    def _row(self, line: int, fields: dict[str, str], error: str | None) -> CampaignRow:
        return campaign_row(self.columns, self.platform, line, fields, error)

    def _encoding(self, encoding: str | None) -> str:
        if self.format == "xlsx":
            return "xlsx"
        if encoding:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise InputError.at(f"unknown encoding '{encoding}'", field="--encoding") from None
        else:
            encoding = _bom_encoding(self.path, self.name)
        _check_decodes(self.path, self.name, encoding)
        return encoding

    def _headers(self) -> list[str] | None:
        for _line, values, _error in self._raw():
            return _unique(values)
        return None

    def _raw(self) -> Iterator[tuple[int, list[str], str | None]]:
        if self.format == "xlsx":
            return _xlsx_records(self.path, self.name)
        if self.format == "jsonl":
            return _jsonl_header(self.path, self.encoding)
        return _csv_records(self.path, self.encoding, self._delimiter())

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
    columns: Columns, platform: str, line: int, fields: dict[str, str], error: str | None
) -> CampaignRow:
    """One record as the row the coach checks; a row naming an unknown platform is an error."""
    if error is None:
        try:
            platform = row_platform(columns.value(fields, "platform"), platform)
        except ValueError as problem:
            error = str(problem)
    return CampaignRow(
        line=line,
        fields=fields,
        text=columns.message(fields),
        context=columns.context(fields, platform),
        error=error,
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
    path: Path, encoding: str, delimiter: str
) -> Iterator[tuple[int, list[str], str | None]]:
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        previous = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield previous + 1, [], f"unreadable record: {error}"
                previous = reader.line_num
                continue
            line, previous = previous + 1, reader.line_num
            if values:
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


def _bom_encoding(path: Path, name: str) -> str:
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError as error:
        raise InputError.at(f"cannot read file: {error.strerror}", name) from None
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _check_decodes(path: Path, name: str, encoding: str) -> None:
    """Decode the whole file once, cheaply, so a bad byte is reported with its line up front."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = newlines = 0
    label = "UTF-8" if encoding.replace("-", "").lower().startswith("utf8") else encoding
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            pending = decoder.getstate()[0]
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                data = pending + chunk
                bad = offset - len(pending) + error.start
                line = newlines + chunk[: max(error.start - len(pending), 0)].count(b"\n") + 1
                raise InputError.at(
                    f"not valid {label} text (byte 0x{data[error.start]:02x} at offset {bad}); "
                    "save the file as UTF-8 or name its encoding with --encoding "
                    "(a Latin-1 or Windows export: --encoding cp1252)",
                    name,
                    line,
                    field="encoding",
                ) from None
            offset += len(chunk)
            newlines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError.at(
                f"not valid {label} text: the file ends mid-character",
                name,
                newlines + 1,
                field="encoding",
            ) from None
