"""Scoring a campaign on a Dask cluster with the same engine: ``pip install 'outreach-coach[dask]'``.

The files are read as ``coach batch`` reads them (same lines, same unreadable-row errors),
a few thousand rows to a partition; each partition is scored by ``score_frame`` on a worker
that loaded the model once; campaign flags come from a group-by on each row's keys across all
partitions, joined back, so the output equals what ``coach batch`` gives the same file::

    with connect("local", workers=2) as client:
        campaign = read_frame("exports/*.csv")
        scored = score_dask(campaign, EngineConfig())
        write_frame(scored, "scored.parquet", client)

Dask, distributed and pandas are imported only here, and only when asked for.
"""

from __future__ import annotations

from coach.engine.errors import ConfigError

# Rows a partition holds: large, so the per-task overhead is small next to the scoring.
PARTITION_ROWS = 5_000
INSTALL_HINT = "scoring on Dask needs the dask extra: pip install 'outreach-coach[dask]'"


def require_dask() -> None:
    """Raise a one-line ``ConfigError`` saying how to install the extra when it is missing."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise ConfigError.at(INSTALL_HINT, field="--dask") from None
