"""Scoring a pandas DataFrame: the partition-level API that Dask, Spark and Ray all call.

``score_frame(df, config)`` gives the rows of ``df`` with the columns a scored CSV has
(``coach.batch.result_columns``) and each row's report as JSON. The engine is a pure
function of (text, context), so any engine that hands out pandas partitions can run it; the
spaCy pipeline is never pickled: each process builds one ``Coach`` from the small picklable
``EngineConfig`` the first time it scores, and reuses it.

Campaign flags (one note sent to many, near-duplicates, several people at one company) need
every row. Alone, ``score_frame`` treats its frame as the whole campaign. Over many
partitions, compute each row's keys with ``campaign_keys`` (cheap: no NLP), gather them,
build ``CampaignClusters.from_keys`` once and hand it to every ``score_frame`` call: the
flags are then exactly those ``coach batch`` gives the same rows.

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
    row_flags,
)
from coach.batch.columns import Columns
from coach.batch.readers import campaign_row, cell_text
from coach.batch.result_columns import INTEGER, result_columns, selected
from coach.batch.rows import OK, CampaignRow, row_status
from coach.batch.scoring import score_campaign

if TYPE_CHECKING:
    import pandas as pd

    from coach.batch.rows import ScoredRow
    from coach.engine import Coach, EngineConfig

LINE_COLUMN, ERROR_COLUMN, ORDER_COLUMN = "_coach_line", "_coach_error", "_coach_order"
RESERVED = (LINE_COLUMN, ERROR_COLUMN, ORDER_COLUMN)
REPORT_COLUMN = "report"
KEY_COLUMNS = ("order", "step", "template", "company", "note")
FRAME_NAME = "<data frame>"


def score_frame(
    df: pd.DataFrame,
    config: EngineConfig | None = None,
    columns: Columns | Mapping[str, str] | None = None,
    *,
    clusters: CampaignClusters | None = None,
    with_rewrite: bool = False,
    report: bool = True,
) -> pd.DataFrame:
    """Score every row of ``df``; the result keeps its rows, in order, with its index.

    ``columns`` says which column holds what: a resolved ``Columns``, or ``{field: header}``
    as ``--map`` takes; by default the headers are recognised as ``coach batch`` does.
    ``clusters`` are the campaign-wide clusters (``CampaignClusters.from_keys``); without
    them the frame is taken as the whole campaign. The result has
    the frame's own columns (as text), the result columns, and ``report`` (the JSON report,
    "" for a row that was not checked) unless ``report`` is False.
    """
    from coach.engine import EngineConfig

    config = config if config is not None else EngineConfig()
    headers = own_headers(df)
    resolved = _resolve(columns, headers)
    rows = frame_rows(df, resolved, config.platform)
    scored = _score(rows, config, clusters, with_rewrite) if rows else []
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
    """Per row the keys that campaign flags are found by: its ``order`` and ``step``, and for a
    checked row its ``template`` key, ``company`` and ``note`` keys (first steps naming a
    company) and its MinHash signature (``s0`` .. ``s31``). Signed 64-bit integers, missing
    where a row has none; gather every partition's keys and give them to
    ``CampaignClusters.from_keys`` (about 300 bytes a row)."""
    import pandas as pd

    from coach.batch.campaign import template_key
    from coach.batch.neardup import PERMUTATIONS, NearDuplicates
    from coach.engine.platforms import DEFAULT_PLATFORM

    resolved = _resolve(columns, own_headers(df))
    rows = frame_rows(df, resolved, platform or DEFAULT_PLATFORM)
    orders = _column(df, ORDER_COLUMN)
    near = NearDuplicates()
    data: dict[str, list[Any]] = {name: [] for name in KEY_COLUMNS}
    signatures: list[list[int | None]] = []
    for position, row in enumerate(rows):
        data["order"].append(int(orders[position]) if orders is not None else row.line)
        data["step"].append(row.step)
        if row_status(row)[0] != OK:
            data["template"].append(None)
            data["company"].append(None)
            data["note"].append(None)
            signatures.append([None] * PERMUTATIONS)
            continue
        key, group, note = cluster_keys(row)
        data["template"].append(_signed(key))
        data["company"].append(_signed(group))
        data["note"].append(_signed(note))
        signatures.append(near.signature(template_key(row.text, row.context.recipient)))
    frame = {name: pd.array(values, dtype="Int64") for name, values in data.items()}
    for index in range(PERMUTATIONS):
        frame[f"s{index}"] = pd.array([s[index] for s in signatures], dtype="Int64")
    return pd.DataFrame(frame, index=df.index)


def keys_meta() -> pd.DataFrame:
    """An empty frame with the columns and types of ``campaign_keys`` (a Dask ``meta``)."""
    import pandas as pd

    from coach.batch.neardup import PERMUTATIONS

    names = [*KEY_COLUMNS, *(f"s{i}" for i in range(PERMUTATIONS))]
    return pd.DataFrame({name: pd.array([], dtype="Int64") for name in names})


class CampaignClusters:
    """Cluster ids found over a whole campaign's keys, looked up while a partition is scored.

    Numbered as ``CampaignScan`` numbers them (by first appearance in campaign order), so a
    row's flags equal what ``coach batch`` gives for the same file.
    """

    def __init__(
        self,
        templates: Mapping[int, str],
        companies: Mapping[int, str],
        notes: Iterable[int] = (),
        near: Mapping[int, str] | None = None,
    ) -> None:
        self.templates, self.companies = dict(templates), dict(companies)
        self.notes, self.near = set(notes), dict(near or {})

    @classmethod
    def from_keys(cls, keys: pd.DataFrame) -> CampaignClusters:
        """From every row's ``campaign_keys``, in any order (rows are put in campaign order)."""
        import numpy as np

        from coach.batch.campaign import mixed_clusters, repeated
        from coach.batch.neardup import PERMUTATIONS, cluster_signatures

        keys = keys.sort_values(["order", "step"], kind="stable")
        checked = keys[keys["template"].notna()]
        templates = [_unsigned(k) for k in checked["template"]]
        firsts = checked[checked["company"].notna()]
        companies = [_unsigned(k) for k in firsts["company"]]
        notes = repeated([_unsigned(k) for k in firsts["note"]], SAME_COMPANY_MIN_ROWS)
        signatures = checked[[f"s{i}" for i in range(PERMUTATIONS)]].to_numpy(np.uint32)
        roots = mixed_clusters(cluster_signatures(signatures), templates)
        near = _numbered("N", [(roots[i], templates[i]) for i in sorted(roots)])
        return cls(
            _numbered("T", [(k, k) for k in templates], repeated(templates, TEMPLATE_MIN_ROWS)),
            _numbered("C", [(k, k) for k in companies], repeated(companies, SAME_COMPANY_MIN_ROWS)),
            notes,
            near,
        )

    def count_placeholders(self, row: CampaignRow, placeholders: list[str]) -> None:
        """Counted by the campaign summary, not here."""

    def cluster(self, kind: str, key: int, row: CampaignRow) -> str:
        return (self.templates if kind == "T" else self.companies).get(key, "")

    def near_duplicate(self, key: int, row: CampaignRow) -> str:
        return self.near.get(key, "")

    def same_note(self, note: int, group: int) -> bool:
        return note in self.notes

    def flags(self, row: CampaignRow) -> tuple[str, ...]:
        return row_flags(row, self)


def _numbered(
    prefix: str, members: list[tuple[int, int]], kept: Mapping[int, int] | None = None
) -> dict[int, str]:
    """Ids ``prefix`` 1, 2... by first appearance of each cluster, for each member's key.

    ``members`` are (cluster, key) pairs in campaign order; ``kept`` (when given) the clusters
    big enough to count.
    """
    numbers: dict[int, str] = {}
    ids: dict[int, str] = {}
    for cluster, key in members:
        if kept is not None and cluster not in kept:
            continue
        if cluster not in numbers:
            numbers[cluster] = f"{prefix}{len(numbers) + 1}"
        ids[key] = numbers[cluster]
    return ids


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


def _unsigned(key: Any) -> int:
    key = int(key)
    return key + (1 << 64) if key < 0 else key


def _signed(key: int | None) -> int | None:
    """An unsigned 64-bit key as the signed integer a data frame column can hold."""
    if key is None:
        return None
    return key - (1 << 64) if key >= 1 << 63 else key
