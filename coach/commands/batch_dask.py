"""``coach batch --dask ADDRESS``: the same campaign check, scored on a Dask cluster.

``--dask local`` starts a cluster of ``--jobs`` worker processes on this machine (127.0.0.1,
no dashboard); any other value is a scheduler address, whose workers must see the input and
(for Parquet) the output paths. Results go to a .csv or .tsv file (written by this process, in
order, as ``coach batch`` writes it) or a .parquet dataset (written by the workers).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.commands.common import build_engine_config
from coach.engine.display import count
from coach.engine.errors import ConfigError

DELIMITED = {".csv": ",", ".tsv": "\t", ".tab": "\t"}


def run_on_dask(args: argparse.Namespace) -> int:
    from coach.dist import require_dask

    require_dask()
    output = _output(args)
    from coach.batch import parse_mapping
    from coach.dist.pipeline import (
        connect,
        find_clusters,
        score_dask,
        warm,
        write_delimited,
        write_parquet,
    )
    from coach.dist.reading import read_frame

    if args.partition_rows < 1:
        raise ConfigError.at("must be 1 or more", field="--partition-rows")
    config = build_engine_config(args)
    campaign = read_frame(
        args.file,
        column=args.column,
        mapping=parse_mapping(args.map),
        platform=config.platform,
        encoding=args.encoding,
        partition_rows=args.partition_rows,
    )
    if str(Path(output).resolve()) in {str(Path(s).resolve()) for s in campaign.sources}:
        raise ConfigError.at("would overwrite the campaign file; choose another path", output)
    delimiter = DELIMITED.get(Path(output).suffix.lower())
    with connect(args.dask, workers=args.jobs) as client:
        warm(client, config)
        clusters = find_clusters(campaign)
        scored = score_dask(
            campaign, config, args.with_rewrite, report=delimiter is None, clusters=clusters
        )
        if delimiter is None:
            totals = write_parquet(scored, output, args.min_score)
        else:
            totals = write_delimited(scored, output, client, delimiter, args.min_score)
    if not args.quiet:
        mean = f", mean score {totals.score_total / totals.scored:.1f}" if totals.scored else ""
        print(
            f"{count(totals.rows, 'row')}: {totals.scored:,} scored{mean}, "
            f"{totals.unchecked:,} not checked; "
            f"{count(len(clusters.templates), 'template')} sent to 3 or more, "
            f"{count(len(clusters.companies), 'note')} sent to one company twice or more "
            f"-> {output}",
            file=sys.stderr,
        )
    failed = totals.below_min + totals.unchecked if args.min_score is not None else 0
    return 1 if failed else 0


def _output(args: argparse.Namespace) -> str:
    """The results path: a .csv/.tsv file or a .parquet dataset; nothing else is offered."""
    output = args.output
    if args.report:
        raise ConfigError.at("the HTML report is not made on Dask; leave out --report", "--dask")
    if not output or output == "-":
        raise ConfigError.at(
            "results go to a file: add -o scored.csv or -o scored.parquet", field="--dask"
        )
    suffix = Path(output).suffix.lower()
    if suffix not in (*DELIMITED, ".parquet"):
        raise ConfigError.at(
            "with --dask, results go to a .csv, .tsv or .parquet path", output, field="-o"
        )
    wanted = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv"}.get(suffix, "parquet")
    if args.format and args.format != wanted:
        raise ConfigError.at(
            f"with --dask the format comes from the -o suffix ({wanted})", field="--format"
        )
    return output
