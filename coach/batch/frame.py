"""Scoring a pandas DataFrame: the partition-level API that Dask, Spark and Ray all call.

``score_frame(df, config)`` gives the rows of ``df`` with the columns a scored CSV has
(``coach.batch.result_columns``) and each row's report as JSON. The engine is a pure
function of (text, context), so any engine that hands out pandas partitions can run it; the
spaCy pipeline is never pickled: each process builds one ``Coach`` from the small picklable
``EngineConfig`` the first time it scores, and reuses it.

Campaign flags (one note sent to many, several people at one company) need every row. Alone,
``score_frame`` treats its frame as the whole campaign. Over many partitions, compute each
row's keys with ``campaign_keys``, group by them across all partitions, number the repeated
ones with ``cluster_ids`` and hand the ids to ``score_frame``: the flags are then exactly those
``coach batch`` gives the same rows.

Reserved input columns, all optional: ``_coach_line`` (the row's line in its file; else rows
count from line 2 within the frame, as under a header), ``_coach_error`` (why the record could
not be read) and ``_coach_order`` (the row's position in the whole campaign, for numbering
clusters by first appearance; else the line).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from coach.batch.campaign import (
    SAME_COMPANY_MIN_ROWS,
    TEMPLATE_MIN_ROWS,
    cluster_keys,
    flag_names,
    merge_fields,
)
from coach.batch.columns import Columns
from coach.batch.readers import campaign_row, cell_text
from coach.batch.result_columns import INTEGER, result_columns, selected
from coach.batch.rows import EMPTY, OK, CampaignRow, row_status
from coach.batch.scoring import score_campaign

if TYPE_CHECKING:
    import pandas as pd

    from coach.batch.rows import ScoredRow
    from coach.engine import Coach, EngineConfig

LINE_COLUMN, ERROR_COLUMN, ORDER_COLUMN = "_coach_line", "_coach_error", "_coach_order"
RESERVED = (LINE_COLUMN, ERROR_COLUMN, ORDER_COLUMN)
REPORT_COLUMN = "report"
KEY_COLUMNS = ("order", "template", "company")
FRAME_NAME = "<data frame>"


def score_frame(
    df: pd.DataFrame,
    config: EngineConfig | None = None,
    columns: Columns | Mapping[str, str] | None = None,
    *,
    templates: Mapping[int, str] | None = None,
    companies: Mapping[int, str] | None = None,
    with_rewrite: bool = False,
    report: bool = True,
) -> pd.DataFrame:
    """Score every row of ``df``; the result keeps its rows, in order, with its index.

    ``columns`` says which column holds what: a resolved ``Columns``, or ``{field: header}``
    as ``--map`` takes; by default the headers are recognised as ``coach batch`` does.
    ``templates`` and ``companies`` are the campaign-wide cluster ids by row key (from
    ``cluster_ids``); without them the frame is taken as the whole campaign. The result has
    the frame's own columns (as text), the result columns, and ``report`` (the JSON report,
    "" for a row that was not checked) unless ``report`` is False.
    """
    from coach.engine import EngineConfig

    config = config if config is not None else EngineConfig()
    headers = own_headers(df)
    resolved = _resolve(columns, headers)
    rows = frame_rows(df, resolved, config.platform)
    known = templates is not None and companies is not None
    scan = _KnownClusters(templates or {}, companies or {}) if known else None
    scored = _score(rows, config, scan, with_rewrite) if rows else []
    return _result_frame(df, headers, scored, with_rewrite, report)


def result_meta(
    headers: Iterable[str], with_rewrite: bool = False, report: bool = True
) -> pd.DataFrame:
    """An empty frame with the columns and types ``score_frame`` gives (a Dask ``meta``)."""
    import pandas as pd

    empty = pd.DataFrame({h: pd.Series([], dtype=str) for h in headers})
    return _result_frame(empty, list(empty.columns), [], with_rewrite, report)


def own_headers(df: pd.DataFrame) -> list[str]:
    """The campaign's own columns: all but the reserved ones."""
    return [str(c) for c in df.columns if c not in RESERVED]


def frame_rows(df: pd.DataFrame, columns: Columns, platform: str) -> list[CampaignRow]:
    """The campaign rows of a frame, as ``coach batch`` would read them from a file."""
    headers = own_headers(df)
    lines = _column(df, LINE_COLUMN)
    errors = _column(df, ERROR_COLUMN)
    rows = []
    for position, values in enumerate(df[headers].itertuples(index=False, name=None)):
        fields = {h: as_text(v) for h, v in zip(headers, values, strict=True)}
        line = int(lines[position]) if lines is not None else position + 2
        error = (errors[position] or None) if errors is not None else None
        rows.append(campaign_row(columns, platform, line, fields, error))
    return rows


def campaign_keys(
    df: pd.DataFrame, columns: Columns | Mapping[str, str] | None = None, platform: str = ""
) -> pd.DataFrame:
    """Per row: its ``order`` in the campaign and its template and same-company keys.

    The keys are signed 64-bit integers (missing for a row that is not checked, or names no
    company): group by each across all partitions, keep the groups big enough, number them in
    order of their smallest ``order`` (``cluster_ids``).
    """
    import pandas as pd

    from coach.engine.platforms import DEFAULT_PLATFORM

    resolved = _resolve(columns, own_headers(df))
    rows = frame_rows(df, resolved, platform or DEFAULT_PLATFORM)
    orders = _column(df, ORDER_COLUMN)
    order, template, company = [], [], []
    for position, row in enumerate(rows):
        order.append(int(orders[position]) if orders is not None else row.line)
        key, group = cluster_keys(row) if row_status(row)[0] == OK else (None, None)
        template.append(_signed(key))
        company.append(_signed(group))
    return pd.DataFrame(
        {
            "order": pd.array(order, dtype="int64"),
            "template": pd.array(template, dtype="Int64"),
            "company": pd.array(company, dtype="Int64"),
        },
        index=df.index,
    )


def cluster_ids(groups: pd.DataFrame, kind: str) -> dict[int, str]:
    """Cluster ids by key, from one row per key with its ``count`` and ``first`` order.

    ``kind`` is "template" (ids T1, T2... for keys on 3 rows or more) or "company" (C1...,
    2 or more), numbered by first appearance as ``coach batch`` numbers them.
    """
    minimum = TEMPLATE_MIN_ROWS if kind == "template" else SAME_COMPANY_MIN_ROWS
    prefix = "T" if kind == "template" else "C"
    repeated = groups[groups["count"] >= minimum].sort_values("first", kind="stable")
    return {int(key): f"{prefix}{n}" for n, key in enumerate(repeated.index, start=1)}


class _KnownClusters:
    """Campaign flags from cluster ids found across the whole campaign (a scan stand-in)."""

    def __init__(self, templates: Mapping[int, str], companies: Mapping[int, str]) -> None:
        self._templates = templates
        self._companies = companies

    def flags(self, row: CampaignRow) -> tuple[str, ...]:
        status, _ = row_status(row)
        if status == EMPTY:
            return ("empty",)
        placeholders = merge_fields(row.text)
        if status != OK:
            return flag_names(placeholders)
        key, group = cluster_keys(row)
        template = self._templates.get(_signed(key), "")
        company = self._companies.get(_signed(group), "") if group is not None else ""
        return flag_names(placeholders, template, company)


# Threads of one worker process share its one coach, one batch at a time.
_lock = threading.RLock()
_worker: tuple[EngineConfig, Coach] | None = None


def worker_coach(config: EngineConfig) -> Coach:
    """This process's coach for ``config``: built (model loaded, packs compiled) once."""
    global _worker
    with _lock:
        if _worker is None or _worker[0] != config:
            from coach.engine import Coach

            coach = Coach(config)
            coach.compiled  # noqa: B018 - load the pipeline and compile the packs now
            _worker = (config, coach)
        return _worker[1]


def _score(
    rows: list[CampaignRow], config: EngineConfig, scan: Any, with_rewrite: bool
) -> list[ScoredRow]:
    with _lock:
        coach = worker_coach(config)
        return list(score_campaign(coach, rows, scan=scan, with_rewrite=with_rewrite))


def _result_frame(
    df: pd.DataFrame,
    headers: list[str],
    scored: list[ScoredRow],
    with_rewrite: bool,
    report: bool,
) -> pd.DataFrame:
    import pandas as pd

    data: dict[str, Any] = {h: [as_text(v) for v in df[h]] for h in headers}
    names = result_columns(headers, with_rewrite)
    for name, column in zip(names, selected(with_rewrite), strict=True):
        values = [column.value(s) for s in scored]
        if column.kind == INTEGER:
            data[name] = pd.array([None if v == "" else v for v in values], dtype="Int64")
        else:
            data[name] = values
    if report:
        name = f"coach_{REPORT_COLUMN}" if REPORT_COLUMN in headers else REPORT_COLUMN
        data[name] = [_report_json(s) for s in scored]
    frame = pd.DataFrame(data, index=df.index)
    text = [c for c in frame.columns if frame[c].dtype != "Int64"]
    return frame.astype(dict.fromkeys(text, str))


def _report_json(scored: ScoredRow) -> str:
    if scored.report is None:
        return ""
    return json.dumps(scored.report.to_dict(), ensure_ascii=False)


def _resolve(columns: Columns | Mapping[str, str] | None, headers: list[str]) -> Columns:
    if isinstance(columns, Columns):
        return columns
    return Columns.resolve(headers, FRAME_NAME, mapping=columns)


def _column(df: pd.DataFrame, name: str) -> list[Any] | None:
    return df[name].tolist() if name in df.columns else None


def as_text(value: Any) -> str:
    """A cell as text: missing values (None, NaN, NA) are empty, numbers as a file shows them."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, list | dict | tuple):
        return cell_text(value)
    import pandas as pd

    return "" if pd.isna(value) else cell_text(value)


def _signed(key: int | None) -> int | None:
    """An unsigned 64-bit key as the signed integer a data frame column can hold."""
    if key is None:
        return None
    return key - (1 << 64) if key >= 1 << 63 else key
