"""Campaign files as a Dask DataFrame: a path or a glob of CSV/TSV/JSONL/Excel or Parquet files.

CSV-like files are read by coach's own reader, so every record keeps the line, the fields and
the unreadable-row error that ``coach batch`` gives it. A quoted cell may span lines, so a CSV
cannot safely be cut at byte offsets: each partition reads its file from the start and keeps
its own slice of records (reading is microseconds a row, scoring milliseconds). Parquet is read
by Dask itself, one partition per row group, and its rows are numbered from line 2 as in a CSV
with a header.
"""

from __future__ import annotations

import glob
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import pandas as pd

from coach.batch.columns import Columns
from coach.batch.frame import ERROR_COLUMN, LINE_COLUMN, ORDER_COLUMN, as_text
from coach.batch.readers import read_campaign
from coach.dist import PARTITION_ROWS
from coach.engine.errors import InputError
from coach.engine.platforms import DEFAULT_PLATFORM, get_platform

# A row's place in the whole campaign: its file's number, then its line in that file.
FILE_SHIFT = 40


@dataclass(frozen=True)
class DaskCampaign:
    """A campaign as a lazy Dask DataFrame, with its recognised columns and default platform."""

    frame: dd.DataFrame
    columns: Columns
    platform: str
    sources: tuple[str, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return self.columns.headers


def read_frame(
    source: str | Path,
    column: str | None = None,
    mapping: Mapping[str, str] | None = None,
    platform: str | None = None,
    encoding: str | None = None,
    partition_rows: int = PARTITION_ROWS,
) -> DaskCampaign:
    """Open every file ``source`` names (a path or a glob); whole-file problems raise here."""
    paths = _expand(str(source))
    platform = platform or DEFAULT_PLATFORM
    get_platform(platform)
    if all(p.suffix.lower() == ".parquet" for p in paths):
        return _parquet(paths, column, mapping, platform)
    files = [read_campaign(p, column, mapping, platform, encoding) for p in paths]
    first = files[0]
    for other in files[1:]:
        if other.headers != first.headers:
            raise InputError.at(
                f"the headers differ from those of {first.name}; "
                "files scored together must have the same columns",
                other.name,
                1,
            )
    parts = []
    for index, campaign in enumerate(files):
        count = sum(1 for _ in campaign.records())
        for start in range(0, max(count, 1), partition_rows):
            parts.append((campaign.name, index, start, min(start + partition_rows, count)))
    meta = _meta(first.headers)
    frame = dd.from_map(
        _read_part,
        parts,
        meta=meta,
        headers=first.headers,
        options=(column, dict(mapping or {}), platform, encoding),
        label="coach-read",
    )
    return DaskCampaign(frame, first.columns, platform, tuple(str(p) for p in paths))


def _expand(source: str) -> list[Path]:
    if glob.has_magic(source):
        paths = sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not paths:
            raise InputError.at("no file matches this pattern", source)
        return paths
    path = Path(source)
    if path.is_dir() and path.suffix.lower() == ".parquet":
        return [path]
    if not path.is_file():
        raise InputError.at("no such file", source)
    return [path]


def _meta(headers: tuple[str, ...]) -> pd.DataFrame:
    data: dict[str, Any] = {h: pd.Series([], dtype=str) for h in headers}
    data[LINE_COLUMN] = pd.Series([], dtype="int64")
    data[ERROR_COLUMN] = pd.Series([], dtype=str)
    data[ORDER_COLUMN] = pd.Series([], dtype="int64")
    return pd.DataFrame(data)


def _read_part(part: tuple[str, int, int, int], headers: tuple[str, ...], options) -> pd.DataFrame:
    """One slice of one file's records, read by coach's reader (on a worker)."""
    name, index, start, stop = part
    column, mapping, platform, encoding = options
    campaign = read_campaign(name, column, mapping, platform, encoding)
    lines, errors, cells = [], [], []
    for line, fields, error in itertools.islice(campaign.records(), start, stop):
        lines.append(line)
        errors.append(error or "")
        cells.append([fields.get(h, "") for h in headers])
    data: dict[str, Any] = {
        h: pd.Series([row[i] for row in cells], dtype=str) for i, h in enumerate(headers)
    }
    data[LINE_COLUMN] = pd.Series(lines, dtype="int64")
    data[ERROR_COLUMN] = pd.Series(errors, dtype=str)
    data[ORDER_COLUMN] = pd.Series([(index << FILE_SHIFT) + n for n in lines], dtype="int64")
    return pd.DataFrame(data)


def _parquet(
    paths: list[Path],
    column: str | None,
    mapping: Mapping[str, str] | None,
    platform: str,
) -> DaskCampaign:
    names = [str(p) for p in paths]
    frame = dd.read_parquet(names if len(names) > 1 else names[0])
    headers = tuple(str(c) for c in frame.columns)
    columns = Columns.resolve(headers, names[0], column, mapping)
    lengths = frame.map_partitions(len).compute().tolist()
    starts = [2 + sum(lengths[:i]) for i in range(len(lengths))]
    numbered = frame.map_partitions(_number_part, starts, meta=_meta(headers))
    return DaskCampaign(numbered, columns, platform, tuple(names))


def _number_part(part: pd.DataFrame, starts: list[int], partition_info=None) -> pd.DataFrame:
    """A Parquet partition as text, its rows numbered as lines from where it starts."""
    start = starts[partition_info["number"]] if partition_info else 2
    data: dict[str, Any] = {
        str(c): pd.Series([as_text(v) for v in part[c]], dtype=str) for c in part.columns
    }
    lines = list(range(start, start + len(part)))
    data[LINE_COLUMN] = pd.Series(lines, dtype="int64")
    data[ERROR_COLUMN] = pd.Series([""] * len(part), dtype=str)
    data[ORDER_COLUMN] = pd.Series(lines, dtype="int64")
    return pd.DataFrame(data)
