"""``coach batch --dask``: a local Dask cluster gives exactly what ``coach batch`` gives."""

from __future__ import annotations

import csv
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from tests.conftest import corpus_rows

pd = pytest.importorskip("pandas")
pytest.importorskip("distributed")

HEADERS = ["First Name", "Last Name", "Company", "Title", "Notes", "Platform", "Message"]
FIRST = ("Ava", "Leo", "Zoe", "Mei", "Omar", "Ravi", "Nadia", "Hugo", "Isla", "Kenji", "Rosa")
LAST = ("Kim", "Berg", "Rossi", "Patel", "Silva", "Novak", "Chen", "Weber", "Sato")
COMPANIES = tuple(
    f"{stem} {kind}"
    for stem in ("Lumen", "Apex", "Coral", "Summit", "Beacon", "Granite", "Keystone")
    for kind in ("Labs", "Bank", "Health", "Freight", "Foods")
)
PLANTED = "Hi {}, I'd like to add you to my professional network on LinkedIn."


def _campaign(path: Path, rows: int) -> None:
    """Corpus notes sent to new recipients, with rows whose repeats lie partitions apart."""
    corpus = corpus_rows()
    rng = random.Random(15)
    planted = {10: "Keystone Bank", 2_600: "Keystone Bank", rows - 10: "Summit Foods"}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for index in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = rng.choice(COMPANIES)
            source = rng.choice(corpus)
            message = source["message"]
            if source["first_name"] and not source["first_name"].startswith("{"):
                message = re.sub(rf"\b{re.escape(source['first_name'])}\b", first, message)
            if source["company"]:
                message = message.replace(source["company"], company)
            if index in planted:
                company, message = planted[index], PLANTED.format(first)
            elif index % 997 == 0:
                message = ""
            elif index % 1_303 == 0:
                message = f"Hi {first},\nabout {{{{company}}}}:\n\nquick question"
            fields = [first, last, company, source["role"], source["recipient_notes"]]
            writer.writerow([*fields, source["platform"], message])
        handle.write('Tom,Berg,"unclosed\n')


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
def test_local_cluster_gives_exactly_what_coach_batch_gives(tmp_path, capsys):
    source = tmp_path / "campaign.csv"
    _campaign(source, 5_000)
    plain, on_dask = tmp_path / "batch.csv", tmp_path / "dask.csv"
    assert main(["batch", str(source), "-o", str(plain), "-q", "--jobs", "2"]) == 0
    argv = ["batch", str(source), "-o", str(on_dask), "--dask", "local", "--jobs", "2"]
    assert main([*argv, "--partition-rows", "1000"]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.startswith("5,001 rows: ") and summary.endswith(f"-> {on_dask}")

    assert on_dask.read_bytes() == plain.read_bytes()
    rows = _rows(on_dask)
    assert len(rows) == 5_001 and rows[-1]["status"] == "error"
    by_index = {index: rows[index] for index in (10, 2_600, 4_990)}
    template = by_index[10]["campaign_flags"].split("; ")[0]
    assert template.startswith("template:T")
    assert all(template in row["campaign_flags"] for row in by_index.values())
    company = [f for f in by_index[10]["campaign_flags"].split("; ") if "same-company" in f]
    assert company and company[0] in by_index[2_600]["campaign_flags"]
    assert company[0] not in by_index[4_990]["campaign_flags"]
    statuses = {row["status"] for row in rows}
    assert statuses == {"ok", "empty", "error"}
    assert any("merge-field:{{company}}" in row["campaign_flags"] for row in rows)


def test_parquet_output_has_the_rows_scores_and_reports(coach, tmp_path, capsys):
    import dask

    source = tmp_path / "campaign.csv"
    _campaign(source, 60)
    from coach.dist.pipeline import find_clusters, score_dask, write_parquet
    from coach.dist.reading import read_frame

    campaign = read_frame(source, partition_rows=25)
    assert campaign.frame.npartitions == 3
    with dask.config.set(scheduler="synchronous"):
        clusters = find_clusters(campaign)
        scored = score_dask(campaign, coach.config, clusters=clusters)
        totals = write_parquet(scored, str(tmp_path / "out.parquet"), min_score=101)
    written = pd.read_parquet(tmp_path / "out.parquet")
    assert main(["batch", str(source), "-o", str(tmp_path / "plain.csv"), "-q"]) == 0
    plain = _rows(tmp_path / "plain.csv")
    assert [str(n) for n in written["line"]] == [row["line"] for row in plain]
    assert ["" if pd.isna(s) else str(s) for s in written["score"]] == [r["score"] for r in plain]
    assert written["campaign_flags"].tolist() == [row["campaign_flags"] for row in plain]
    assert written["report"].str.startswith('{"schema_version"').sum() == totals.scored
    assert (totals.rows, totals.below_min) == (61, totals.scored)


def test_without_the_extra_it_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    source = tmp_path / "campaign.csv"
    source.write_text("Message\nHi Dana\n", encoding="utf-8")
    for name in ("dask", "dask.dataframe", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)
    code = main(["batch", str(source), "--dask", "local", "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        "coach: <input>: --dask: scoring on Dask needs the dask extra: "
        "pip install 'outreach-coach[dask]'"
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "out.xlsx"], "with --dask, results go to a .csv, .tsv or .parquet path"),
        ([], "results go to a file: add -o scored.csv or -o scored.parquet"),
        (["-o", "out.csv", "--format", "jsonl"], "the format comes from the -o suffix"),
    ],
)
def test_dask_usage_mistakes_are_one_line(tmp_path, capsys, extra, message):
    source = tmp_path / "campaign.csv"
    source.write_text("Message\nHi Dana\n", encoding="utf-8")
    assert main(["batch", str(source), "--dask", "local", *extra]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and message in err[0]


def test_the_cli_starts_without_dask_or_pandas():
    code = (
        "import sys; from coach.cli import build_parser; build_parser(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'pandas'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_parquet_input_numbers_rows_as_lines_and_finds_repeats_across_row_groups(coach, tmp_path):
    import dask
    import dask.dataframe as dd

    from coach.batch.frame import score_frame
    from coach.dist.pipeline import score_dask
    from coach.dist.reading import read_frame

    source = tmp_path / "campaign.csv"
    _campaign(source, 40)
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, nrows=40)
    dd.from_pandas(frame, npartitions=4).to_parquet(tmp_path / "in.parquet", write_index=False)
    campaign = read_frame(tmp_path / "in.parquet")
    assert campaign.frame.npartitions == 4
    with dask.config.set(scheduler="synchronous"):
        scored = score_dask(campaign, coach.config).compute()
    whole = score_frame(frame, coach.config)
    assert scored["line"].tolist() == list(range(2, 42)) == whole["line"].tolist()
    for name in ("status", "score", "campaign_flags", "report"):
        assert scored[name].fillna(-1).tolist() == whole[name].fillna(-1).tolist()
    assert scored["campaign_flags"].str.contains("template:T").sum() >= 3
