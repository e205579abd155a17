"""Score a Dask campaign: campaign flags by a global group-by, rows by ``score_frame``.

Two passes, as ``coach batch`` makes: a cheap one (no NLP) hashes every row, groups the
hashes across all partitions and numbers the repeated ones by first appearance; the scoring
pass joins those ids back onto each partition's rows while ``score_frame`` scores them. Each
worker process loads the model once (``warm`` does it up front) and keeps it.
"""

from __future__ import annotations

import contextlib
import csv
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask
import dask.dataframe as dd
import pandas as pd

from coach.batch.frame import campaign_keys, cluster_ids, result_meta, score_frame, worker_coach
from coach.batch.writers import atomic_text, neutralise
from coach.dist.reading import DaskCampaign
from coach.engine.errors import ConfigError

if TYPE_CHECKING:
    from distributed import Client

    from coach.engine import EngineConfig

CONNECT_TIMEOUT = "10s"
KEYS_META = pd.DataFrame(
    {
        "order": pd.Series([], dtype="int64"),
        "template": pd.Series([], dtype="Int64"),
        "company": pd.Series([], dtype="Int64"),
    }
)


@dataclass(frozen=True)
class Clusters:
    """The campaign-wide cluster ids, by signed row key."""

    templates: dict[int, str]
    companies: dict[int, str]


@contextlib.contextmanager
def connect(address: str, workers: int = 2) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a local cluster of ``workers`` processes.

    The local cluster listens on 127.0.0.1 only and has no dashboard: nothing leaves the machine.
    """
    from distributed import Client, LocalCluster

    if address == "local":
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as error:
        raise ConfigError.at(
            f"cannot reach a Dask scheduler at {address!r} ({error})", field="--dask"
        ) from None
    with client:
        yield client


def warm(client: Client, config: EngineConfig) -> None:
    """Load the model and compile the packs on every worker now, all at once."""
    client.run(_warm, config)


def _warm(config: EngineConfig) -> None:
    worker_coach(config)


def find_clusters(campaign: DaskCampaign) -> Clusters:
    """Hash every row, group by the hashes across partitions, number the repeated groups."""
    keys = campaign.frame.map_partitions(
        campaign_keys, campaign.columns, campaign.platform, meta=KEYS_META
    )
    groups = []
    for kind in ("template", "company"):
        counted = keys.groupby(kind)["order"].agg(["count", "min"])
        groups.append(counted.rename(columns={"min": "first"}))
    templates, companies = dask.compute(*groups)
    return Clusters(cluster_ids(templates, "template"), cluster_ids(companies, "company"))


def score_dask(
    campaign: DaskCampaign,
    config: EngineConfig,
    with_rewrite: bool = False,
    report: bool = True,
    clusters: Clusters | None = None,
) -> dd.DataFrame:
    """The scored campaign, lazily: each partition's rows with their result columns."""
    clusters = clusters if clusters is not None else find_clusters(campaign)
    shared = dask.delayed(clusters, pure=True)  # one copy in the graph, not one per partition
    meta = result_meta(campaign.headers, with_rewrite, report)
    return campaign.frame.map_partitions(
        _score_part, shared, config, campaign.columns, with_rewrite, report, meta=meta
    )


def _score_part(
    part: pd.DataFrame, clusters: Clusters, config, columns, with_rewrite, report
) -> pd.DataFrame:
    return score_frame(
        part,
        config,
        columns,
        templates=clusters.templates,
        companies=clusters.companies,
        with_rewrite=with_rewrite,
        report=report,
    )


@dataclass
class Totals:
    """What the run found, added up over partitions: for the summary line and the exit code."""

    rows: int = 0
    scored: int = 0
    unchecked: int = 0
    below_min: int = 0
    score_total: int = 0

    def add(self, part: pd.DataFrame, min_score: int | None) -> None:
        status, score = part["status"], part["score"]
        self.rows += len(part)
        self.scored += int((status == "ok").sum())
        self.unchecked += int((status != "ok").sum())
        self.score_total += int(score.sum(skipna=True))
        if min_score is not None:
            self.below_min += int((score < min_score).fillna(False).sum())


def _totals(part: pd.DataFrame, min_score: int | None) -> pd.DataFrame:
    totals = Totals()
    totals.add(_result_names(part), min_score)
    return pd.DataFrame([vars(totals)])


def _result_names(part: pd.DataFrame) -> pd.DataFrame:
    """``status`` and ``score`` under their own names (an input column may have taken them)."""
    status = "coach_status" if "coach_status" in part.columns else "status"
    score = "coach_score" if "coach_score" in part.columns else "score"
    return pd.DataFrame({"status": part[status], "score": part[score]})


def write_parquet(scored: dd.DataFrame, path: str, min_score: int | None = None) -> Totals:
    """Write a Parquet dataset (a folder of part files) and add up the rows on the way."""
    meta = pd.DataFrame([vars(Totals())]).iloc[:0]
    totals = scored.map_partitions(_totals, min_score, meta=meta).sum()
    written = scored.to_parquet(path, write_index=False, compute=False)
    _, summed = dask.compute(written, totals)
    return Totals(**{k: int(v) for k, v in summed.items()})


def write_delimited(
    scored: dd.DataFrame,
    path: str,
    client: Client,
    delimiter: str = ",",
    min_score: int | None = None,
) -> Totals:
    """One CSV/TSV file, as ``coach batch`` writes it: partitions arrive in order and are
    appended by this process (the workers need no shared disk), atomically renamed at the end.
    """
    totals = Totals()
    futures = client.compute(scored.to_delayed())
    with atomic_text(Path(path), newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow([neutralise(str(c)) for c in scored.columns])
        for future in futures:
            part = future.result()
            future.release()
            totals.add(_result_names(part), min_score)
            for values in part.itertuples(index=False, name=None):
                writer.writerow([_cell(v) for v in values])
    return totals


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    return "" if pd.isna(value) else int(value)
