"""score_frame: a pandas DataFrame scored exactly as ``coach batch`` scores the same rows."""

from __future__ import annotations

import json

import pytest

from coach.batch import read_campaign, scan_campaign, score_campaign
from coach.batch.frame import (
    LINE_COLUMN,
    campaign_keys,
    cluster_ids,
    result_meta,
    score_frame,
)
from coach.batch.result_columns import RESULT_COLUMNS, result_columns, result_values
from coach.batch.writers import write_results
from tests.conftest import corpus_rows

pd = pytest.importorskip("pandas")
HEADERS = ["First Name", "Company", "Title", "Platform", "Message"]
NOTE = "Hi {}, I'd like to add you to my professional network on LinkedIn."


def _frame_rows() -> list[list[str]]:
    """Corpus notes, a template sent to three (two at one company), an empty and an error row."""
    rows = [
        [r["first_name"], r["company"], r["role"], r["platform"], r["message"]]
        for r in corpus_rows()[:10]
    ]
    recipients = [("Ava", "Lumen Labs"), ("Leo", "Apex Bank"), ("Zoe", "Lumen Labs Inc")]
    for position, (name, company) in zip((1, 4, 7), recipients, strict=True):
        rows.insert(position, [name, company, "CTO", "linkedin-connection", NOTE.format(name)])
    rows.insert(6, ["Mei", "Coral Foods", "", "", "  "])
    rows.insert(8, ["Omar", "Coral Foods", "", "fax", "Hi Omar, about your {{company}} team"])
    return rows


def _csv(tmp_path, rows):
    path = tmp_path / "campaign.csv"
    frame = pd.DataFrame(rows, columns=HEADERS)
    frame.to_csv(path, index=False)
    return path, frame


def test_score_frame_equals_coach_batch_on_the_same_rows(coach, tmp_path):
    path, frame = _csv(tmp_path, _frame_rows())
    campaign = read_campaign(path)
    expected = list(score_campaign(coach, campaign, scan=scan_campaign(campaign)))
    scored = score_frame(frame, coach.config)
    names = result_columns(HEADERS)
    assert list(scored.columns) == [*HEADERS, *names, "report"]
    assert len(scored) == len(expected) and list(scored.index) == list(frame.index)
    for (_, got), want in zip(scored.iterrows(), expected, strict=True):
        values = ["" if pd.isna(v) else v for v in got[names]]
        assert values == result_values(want)
        report = want.report.to_dict() if want.report else None
        assert (json.loads(got["report"]) if got["report"] else None) == report
    flags = scored["campaign_flags"].tolist()
    assert flags.count("template:T1") == 1 and flags.count("template:T1; same-company:C1") == 2
    assert scored.loc[6, "status"] == "empty" and pd.isna(scored.loc[6, "score"])
    assert scored.loc[8, "status"] == "error" and "unknown platform" in scored.loc[8, "reason"]


def test_types_line_column_and_name_clashes(coach):
    frame = pd.DataFrame(
        {"score": ["7", None], "message": ["Hi Dana, quick question", "Hello"]},
        index=[10, 11],
    )
    frame[LINE_COLUMN] = [40, 42]
    scored = score_frame(frame, coach.config, {"message": "message"}, report=False)
    assert list(scored.columns) == ["score", "message", *result_columns(["score", "message"])]
    assert scored["score"].tolist() == ["7", ""]  # the input's own column, as text
    assert scored["line"].tolist() == [40, 42] and str(scored["coach_score"].dtype) == "Int64"
    meta = result_meta(["score", "message"], report=False)
    assert list(meta.columns) == list(scored.columns)
    assert dict(meta.dtypes) == dict(scored.dtypes)


def test_keys_grouped_across_parts_give_the_flags_of_one_scan(coach, tmp_path):
    """The global group-by: keys from separate parts, grouped, numbered, joined back."""
    rows = _frame_rows()
    path, frame = _csv(tmp_path, rows)
    scan = scan_campaign(read_campaign(path))
    want = [scan.flags(row) for row in read_campaign(path)]
    frames = []
    for start in range(0, len(frame), 4):
        part = frame.iloc[start : start + 4].copy()
        part[LINE_COLUMN] = range(start + 2, start + 2 + len(part))
        frames.append(part)
    keys = pd.concat([campaign_keys(part) for part in frames])
    ids = {}
    for kind in ("template", "company"):
        groups = keys.groupby(kind)["order"].agg(["count", "min"]).rename(columns={"min": "first"})
        ids[kind] = cluster_ids(groups, kind)
    got = pd.concat(
        [
            score_frame(p, coach.config, templates=ids["template"], companies=ids["company"])
            for p in frames
        ]
    )
    assert [tuple(f.split("; ")) if f else () for f in got["campaign_flags"]] == want
    assert len(ids["template"]) == 1 and len(ids["company"]) == 1
    assert set(RESULT_COLUMNS) <= set(got.columns)


def test_the_csv_writer_and_score_frame_share_one_column_table(coach, tmp_path):
    path, frame = _csv(tmp_path, _frame_rows()[:3])
    campaign = read_campaign(path)
    out = tmp_path / "out.csv"
    write_results(score_campaign(coach, campaign), out, "csv", headers=campaign.headers)
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(written.columns) == list(score_frame(frame, coach.config, report=False).columns)
