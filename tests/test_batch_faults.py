"""A batch run always ends and every row comes out once (issue 12, failures 5 and 6): a row the
engine fails on becomes an error row, a killed worker is replaced, a closed pipe is quiet."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.batch import read_campaign, score_campaign
from coach.batch.rows import CampaignRow
from coach.cli import main
from coach.engine import Context, Recipient
from coach.engine.textsafety import MAX_FIELD_CHARS
from tests.batch_runs import write_big_campaign

ROOT = Path(__file__).resolve().parents[1]


def _batch(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["batch", *argv, "--quiet"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_notes_cell_over_a_million_characters_is_an_error_row(capsys, tmp_path):
    source = tmp_path / "c.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["first_name", "notes", "message"])
        writer.writerow(["Dana", "thin clients " * 80_000, "Hi Dana, loved your talk."])
        writer.writerow(["Marco", "SAP", "Hi Marco, how did the merger go?"])
    code, out, err = _batch(capsys, str(source), "-o", "-", "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["line"], r["status"]) for r in rows] == [(2, "error"), (3, "ok")]
    assert f"the coach reads up to {MAX_FIELD_CHARS:,}" in rows[0]["reason"]


def test_a_lone_surrogate_in_jsonl_is_replaced_not_fatal(capsys, tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_text(
        '{"first_name": "Dana", "message": "Hi Dana \\ud800, your post on thin clients"}\n'
        '{"first_name": "Marco\\udfff", "message": "Hi Marco"}\n',
        encoding="utf-8",
    )
    for fmt in ("jsonl", "csv"):
        code, out, err = _batch(capsys, str(source), "-o", "-", "--format", fmt)
        assert code == 0, err
        assert "Hi Dana \ufffd, your post" in out and "Marco\ufffd" in out
    out_file = tmp_path / "out.xlsx"
    code, _, err = _batch(capsys, str(source), "-o", str(out_file))
    assert code == 0 and out_file.exists(), err


def _rows(count: int) -> list[CampaignRow]:
    rows = []
    for index in range(count):
        text = f"Hi Person{index}, your post on thin clients was great."
        if index == 3:
            text = "BOOM " + text
        rows.append(
            CampaignRow(
                index + 2,
                {"message": text},
                text,
                Context(recipient=Recipient(first_name=f"Person{index}")),
            )
        )
    return rows


def test_a_row_that_fails_in_the_engine_is_an_error_row_and_the_run_goes_on(coach, monkeypatch):
    real_report = type(coach)._report

    def fragile(self, doc, context, text):
        if text.startswith("BOOM"):
            raise ValueError("[E088] Text of length 1000001 exceeds maximum")
        return real_report(self, doc, context, text)

    monkeypatch.setattr(type(coach), "_report", fragile)
    scored = list(score_campaign(coach, _rows(8)))
    assert [s.row.line for s in scored] == list(range(2, 10))
    assert [s.status for s in scored] == ["ok"] * 3 + ["error"] + ["ok"] * 4
    assert scored[3].reason.startswith("the coach could not check this row (ValueError: [E088]")
    assert all(s.report is not None for i, s in enumerate(scored) if i != 3)


def test_a_row_that_fails_in_the_rewrite_is_an_error_row(coach, monkeypatch):
    import coach.engine.rewrite as rewrite_module

    real_rewrite = rewrite_module.rewrite

    def fragile(engine, text, context=None, **kwargs):
        if text.startswith("BOOM"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_rewrite(engine, text, context, **kwargs)

    monkeypatch.setattr(rewrite_module, "rewrite", fragile)
    scored = list(score_campaign(coach, _rows(5), with_rewrite=True))
    assert [s.status for s in scored] == ["ok", "ok", "ok", "error", "ok"]
    assert "RecursionError" in scored[3].reason


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(p) for p in path.read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_a_killed_worker_does_not_hang_the_run_and_every_row_comes_out_once(tmp_path):
    source = tmp_path / "big.csv"
    rows = 500  # the machine may be busy: the run must end well within 30 s of the kill
    write_big_campaign(source, rows)
    out = tmp_path / "scored.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "batch", str(source), "-o", str(out), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while len(_children(process.pid)) < 2:  # the workers are up
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no workers started"
            time.sleep(0.05)
        time.sleep(0.5)  # mid-run: chunks are in flight
        assert process.poll() is None, "the run ended before a worker could be killed"
        victim = _children(process.pid)[0]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)  # as the OOM killer would
        _, err = process.communicate(timeout=30)
        assert time.monotonic() - killed_at < 30
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    with out.open(encoding="utf-8", newline="") as handle:
        lines = [int(row["line"]) for row in csv.DictReader(handle)]
    assert lines == list(range(2, rows + 2))  # each row exactly once, in order


@pytest.mark.slow
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    source = tmp_path / "big.csv"
    write_big_campaign(source, 600)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coach",
            "batch",
            str(source),
            "--format",
            "csv",
            "--jobs",
            "2",
            "-q",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # `| head -1`
    err = process.stderr.read().decode()
    process.wait(timeout=60)
    assert first.startswith(b"First Name,Company,Message")
    assert process.returncode == 0 and err == "", err


def test_read_campaign_rows_of_every_length_cap_are_reported_before_any_nlp(coach, tmp_path):
    source = tmp_path / "c.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["first_name", "company", "message"])
    writer.writerow(["Dana", "N" * (MAX_FIELD_CHARS + 1), "Hi Dana"])
    writer.writerow(["Dana", "Northfield", "x " * 10_001])
    source.write_text(buffer.getvalue(), encoding="utf-8")
    scored = list(score_campaign(coach, read_campaign(str(source))))
    assert [s.status for s in scored] == ["error", "error"]
    assert "company is 5,001 characters" in scored[0].reason
    assert "the message is 20,002 characters" in scored[1].reason
