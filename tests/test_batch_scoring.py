"""Scoring campaigns: order kept, unscorable rows kept, workers agree with one process."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from coach.batch import ScoredRow, read_campaign, score_campaign
from coach.batch.rows import MAX_MESSAGE_CHARS, CampaignRow
from coach.engine import Context, Recipient
from coach.engine.rewrite import rewrite
from tests.conftest import corpus_rows, row_context

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


def _rows() -> list[CampaignRow]:
    rows = []
    for line, corpus_row in enumerate(corpus_rows()[:12], start=2):
        rows.append(
            CampaignRow(line, dict(corpus_row), corpus_row["message"], row_context(corpus_row))
        )
    rows.insert(3, CampaignRow(90, {}, "", Context()))
    rows.insert(7, CampaignRow(91, {}, "Hi", Context(), "expected 4 fields, found 2"))
    rows.append(CampaignRow(92, {}, "   ", Context()))
    return rows


def _same(a: ScoredRow, b: ScoredRow) -> bool:
    return (a.row.line, a.status, a.reason, a.campaign_flags, a.report) == (
        b.row.line,
        b.status,
        b.reason,
        b.campaign_flags,
        b.report,
    )


def test_every_row_once_in_order_with_reports_equal_to_check(coach):
    rows = _rows()
    scored = list(score_campaign(coach, rows))
    assert [s.row.line for s in scored] == [r.line for r in rows]
    by_line = {s.row.line: s for s in scored}
    assert (by_line[90].status, by_line[90].reason, by_line[90].report) == (
        "empty",
        "the message is empty",
        None,
    )
    assert by_line[90].campaign_flags == ("empty",)
    assert (by_line[91].status, by_line[91].reason) == ("error", "expected 4 fields, found 2")
    assert by_line[92].status == "empty"
    for item in scored:
        if item.status == "ok":
            assert item.report == coach.check(item.row.text, item.row.context)


def test_one_shot_iterator_is_spooled_and_still_flagged(coach):
    note = "Hi {}, I'd like to add you to my professional network on LinkedIn."
    names = ["Marco", "Priya", "Tom"]
    rows = (
        CampaignRow(i, {}, note.format(n), Context(recipient=Recipient(first_name=n)))
        for i, n in enumerate(names, start=2)
    )
    scored = list(score_campaign(coach, rows))
    assert [s.campaign_flags for s in scored] == [("template:T1",)] * 3
    assert all(s.report is not None and s.report.score < 80 for s in scored)


def test_megabyte_message_is_an_error_row_and_the_rest_are_scored(coach, tmp_path):
    path = tmp_path / "big.csv"
    big = "word " * (1024 * 1024 // 5)
    path.write_text(
        f'first_name,message\nDana,"{big}"\nMarco,"Hi Marco, quick question"\n', encoding="utf-8"
    )
    scored = list(score_campaign(coach, read_campaign(path)))
    assert scored[0].status == "error"
    assert f"checks messages up to {MAX_MESSAGE_CHARS:,}" in scored[0].reason
    assert scored[1].status == "ok" and scored[1].report is not None


@pytest.mark.parametrize("app_thread", [False, True], ids=["cli", "app-with-threads"])
def test_jobs_2_gives_the_same_rows_in_the_same_order(coach, app_thread):
    """Without other threads the workers are forked; beside a running thread they are spawned."""
    rows = _rows() * 6  # several chunks per worker
    rows = [dataclasses.replace(r, line=i) for i, r in enumerate(rows, start=2)]
    serial = list(score_campaign(coach, rows, jobs=1))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait) if app_thread else None
    if thread is not None:
        thread.start()
    try:
        parallel = list(score_campaign(coach, rows, jobs=2))
    finally:
        stop.set()
    assert len(parallel) == len(rows)
    assert all(_same(a, b) for a, b in zip(serial, parallel, strict=True))


def test_with_rewrite_adds_the_best_variant_to_checked_rows(coach):
    rows = _rows()[:5]
    scored = list(score_campaign(coach, rows, with_rewrite=True))
    offered = 0
    for item in scored:
        if item.status == "ok" and item.rewrite is not None:  # only a ready rewrite is offered
            offered += 1
            assert item.rewrite.text.strip() and item.rewrite.report.score >= 80
            assert item.rewrite.report == coach.check(item.rewrite.text, item.row.context)
        elif item.status != "ok":
            assert item.rewrite is None
    assert offered == sum(
        1
        for item in scored
        if item.status == "ok" and rewrite(coach, item.row.text, item.row.context).variants
    )
