"""``coach batch`` end to end: outputs, exit codes, user errors, an interrupted run."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from coach.cli import main
from tests.batch_runs import start_batch_run

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
ROOT = Path(__file__).resolve().parents[1]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["batch", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_summary_on_stdout(capsys):
    code, out, err = _run(capsys, str(FIXTURES / "sales_navigator.csv"))
    assert code == 0  # no progress bar (stderr is not a terminal), only the column mapping:
    assert err.splitlines() == [
        "Columns of sales_navigator.csv:",
        '  message <- "Connection Note"',
        '  first_name <- "First Name"',
        '  last_name <- "Last Name"',
        '  company <- "Company"',
        '  role <- "Title"',
        '  industry <- "Company Industry"',
    ]
    assert out.startswith("Campaign: 7 rows (6 scored, 1 empty)")
    assert "Same note to many people" in out
    assert "T1  3 rows, first at line 3" in out
    assert "C1  Brightline Health: 2 rows (lines 3, 4)" in out
    assert "Unfilled merge fields" not in out  # line 6's template is filled from its row
    assert "Empty messages: 1 row (line 8)" in out
    assert "Lowest scores" in out


def test_csv_output_keeps_every_row_in_order(capsys, tmp_path):
    out_path = tmp_path / "scored.csv"
    code, out, err = _run(capsys, str(FIXTURES / "sales_navigator.csv"), "-o", str(out_path))
    assert code == 0 and out == ""
    assert err.startswith('Columns of sales_navigator.csv:\n  message <- "Connection Note"\n')
    assert "\nCampaign: 7 rows" in err  # the mapping and the summary go to stderr
    with out_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["line"] for r in rows] == ["2", "3", "4", "5", "6", "8", "9"]
    assert rows[0]["First Name"] == "Dana" and rows[0]["status"] == "ok"
    assert rows[1]["campaign_flags"] == "template:T1; same-company:C1; same-note-at-company:C1"
    assert rows[4]["Connection Note"].startswith("Hi {first_name}")
    assert rows[4]["rendered"].startswith("Hi Lena, we help districts like Oakridge School")
    assert "merge-field" not in rows[4]["problems"]
    assert rows[5]["status"] == "empty" and rows[5]["score"] == ""
    assert all(r["score"].isdigit() for r in rows if r["status"] == "ok")
    assert all(r["top_finding"] and r["suggestion"] for r in rows[1:5])


def test_min_score_gate_and_quiet(capsys, tmp_path):
    semicolon = str(FIXTURES / "semicolon.csv")
    assert _run(
        capsys, semicolon, "--min-score", "0", "--quiet", "-o", str(tmp_path / "a.csv")
    ) == (0, "", "")
    assert _run(
        capsys, semicolon, "--min-score", "101", "--quiet", "-o", str(tmp_path / "b.csv")
    ) == (1, "", "")
    code, out, err = _run(
        capsys, str(FIXTURES / "sales_navigator.csv"), "--min-score", "0", "--quiet"
    )
    assert code == 1  # the empty row cannot pass a gate
    assert err == "" and out == ""  # --quiet: no table, no mapping; the exit code tells
    gate = ("--fail-on", "pitch", "-q", "-o", str(tmp_path / "c.csv"))
    assert _run(capsys, semicolon, *gate) == (1, "", "")
    assert _run(capsys, semicolon, "--fail-on", "merge-field", "-q") == (0, "", "")


def test_malformed_rows_appear_with_their_reason(capsys, tmp_path):
    out_path = tmp_path / "out.jsonl"
    code, _, _ = _run(capsys, str(FIXTURES / "malformed.csv"), "-o", str(out_path), "-q")
    assert code == 0
    rows = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["status"], r["reason"]) for r in rows] == [
        (2, "ok", ""),
        (3, "error", "expected 4 fields, found 6"),
        (4, "error", "expected 4 fields, found 2"),
        (5, "ok", ""),
    ]
    assert rows[0]["report"]["score"] >= 0 and rows[1]["report"] is None


def test_excel_in_json_out_with_rewrite_and_html_report(capsys, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["First Name", "Company", "Recipient Notes", "Note"])
    sheet.append(
        [
            "Lena",
            "Oakridge",
            "Posted about moving student labs to thin clients",
            "Hi {first_name}, I came across your {webinar_title}.",
        ]
    )
    sheet.append(
        [
            "Marco",
            "Brightline",
            "Spoke at DataCouncil about data contracts",
            "Hi Marco, quick question for you.",
        ]
    )
    source = tmp_path / "campaign.xlsx"
    workbook.save(source)
    out_path, html = tmp_path / "out.json", tmp_path / "campaign.html"
    code, _, _ = _run(
        capsys,
        str(source),
        "-o",
        str(out_path),
        "--with-rewrite",
        "--report",
        str(html),
        "-q",
        "--platform",
        "linkedin-message",
    )
    assert code == 0
    data = json.loads(out_path.read_text(encoding="utf-8"))
    first = data["rows"][0]
    assert first["report"]["platform"] == "linkedin-message"
    rewrite = first["rewrite"]
    assert "Lena" in rewrite["text"] and "{first_name}" not in rewrite["text"]
    assert rewrite["score"] > first["report"]["score"]
    assert first["report"]["text"].startswith("Hi Lena, I came across your {webinar_title}.")
    assert data["summary"]["merge_fields"] == {"{webinar_title}": 1}
    page = html.read_text(encoding="utf-8")
    assert "Campaign check: campaign.xlsx" in page and "<svg" in page
    assert page.count('<p class="rewrite">Try (') == 2


def test_headers_only_writes_a_header_and_exits_0(capsys, tmp_path):
    out_path = tmp_path / "out.csv"
    code, _, err = _run(capsys, str(FIXTURES / "headers_only.csv"), "-o", str(out_path))
    assert code == 0 and "\nCampaign: 0 rows" in err
    header = out_path.read_text(encoding="utf-8").splitlines()
    assert header == [
        "First Name,Company,Message,line,status,reason,score,band,problems,"
        "top_finding,suggestion,campaign_flags,variant,rendered"
    ]


def test_bom_crlf_file(capsys, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b'\xef\xbb\xbfFirst Name,Message\r\nDana,"Hi Dana,\r\nthanks"\r\n')
    code, out, _ = _run(capsys, str(path), "--format", "jsonl")
    assert code == 0
    row = json.loads(out)
    assert row["fields"] == {"First Name": "Dana", "Message": "Hi Dana,\r\nthanks"}
    assert row["report"]["text"] == "Hi Dana,\nthanks"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["latin1", "--encoding", "utf-8"], ":3: encoding: not valid UTF-8 text (byte 0xe9"),
        (["empty"], ":1: the file is empty"),
        (["nomessage"], ':1: message: no message column; headers found: "First Name", "Company"'),
        (["nomessage", "--column", "Body"], ":1: message: no column 'Body' (given with --column)"),
        (["headers", "--map", "title=Job"], "--map: unknown field 'title'"),
        (["headers", "--jobs", "0"], "--jobs: must be 1 or more"),
        (["headers", "--format", "xlsx"], "xlsx output needs a file"),
        (["headers", "--platform", "fax"], "platform: unknown platform 'fax'"),
        (["headers", "-o", "SOURCE"], "would overwrite the campaign file"),
    ],
)
def test_user_errors_exit_2_with_one_located_line(capsys, tmp_path, args, message):
    files = {
        "latin1": ("c.csv", "first_name,message\nDana,hi\nJosé,Hola José\n".encode("cp1252")),
        "empty": ("c.csv", b""),
        "nomessage": ("c.csv", b"First Name,Company\nDana,Northfield\n"),
        "headers": ("c.csv", b"First Name,Message\n"),
    }
    name, content = files[args[0]]
    path = tmp_path / name
    path.write_bytes(content)
    argv = [str(path) if a == "SOURCE" else a for a in args[1:]]
    code, out, err = _run(capsys, str(path), *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("coach: ")
    assert message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def _interrupt(tmp_path: Path, out_path: Path, *extra: str) -> subprocess.CompletedProcess:
    """Start a real run, wait until it writes, then Ctrl-C it as a terminal would: SIGINT to
    its whole process group (workers included)."""
    process = start_batch_run(tmp_path, out_path, *extra)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.slow
def test_ctrl_c_exits_130_and_writes_nothing(tmp_path):
    out_path = tmp_path / "scored.csv"
    result = _interrupt(tmp_path, out_path)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "coach: interrupted" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


@pytest.mark.slow
def test_ctrl_c_with_workers_leaves_an_existing_file_untouched(tmp_path):
    out_path = tmp_path / "scored.csv"
    out_path.write_text("last week's results\n")
    before = os.stat(out_path)
    result = _interrupt(tmp_path, out_path, "--jobs", "2")
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert out_path.read_text() == "last week's results\n"
    assert os.stat(out_path).st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "scored.csv"]


def test_counts_of_one_are_singular_in_the_summary(capsys, tmp_path):
    campaign = tmp_path / "one.csv"
    campaign.write_text(
        "first_name,message\nDana,\nMarco,Hi Marco! We help companies like yours save 15%.\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, str(campaign), "--min-score", "101")
    assert code == 1
    assert out.startswith("Campaign: 2 rows (1 scored, 1 empty)")
    assert "Below 101: 1 row\n" in out
    assert "Empty messages: 1 row (line 2)" in out
    assert " rows (line " not in out and "1 rows" not in out
