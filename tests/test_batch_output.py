"""Writing results: every row once, formula injection neutralised, atomic, HTML report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from coach.batch import CampaignSummary, ScoredRow, scan_campaign, score_campaign, write_results
from coach.batch.report_html import HtmlReport
from coach.batch.result_columns import result_columns
from coach.batch.rows import CampaignRow
from coach.batch.writers import format_for, neutralise
from coach.engine import Context, Recipient

DANGEROUS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1 555",
    "-2+3",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
]
HEADERS = ["first_name", "company", "message"]


def _rows() -> list[CampaignRow]:
    rows = []
    for line, value in enumerate(DANGEROUS, start=2):
        fields = {"first_name": value, "company": "Acme", "message": f"Hi, {value} here."}
        rows.append(
            CampaignRow(
                line,
                fields,
                fields["message"],
                Context(recipient=Recipient(first_name=value, company="Acme")),
            )
        )
    rows.append(
        CampaignRow(20, {"first_name": "Noah", "company": "", "message": ""}, "", Context())
    )
    return rows


@pytest.fixture(scope="module")
def scored(coach) -> list[ScoredRow]:
    return list(score_campaign(coach, _rows()))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_neutralise():
    assert [neutralise(v) for v in DANGEROUS] == ["'" + v for v in DANGEROUS]
    assert neutralise("Hi = there") == "Hi = there"
    assert neutralise("") == ""


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_delimited_output_neutralises_formulas_and_keeps_every_row(
    scored, tmp_path, fmt, delimiter
):
    path = tmp_path / f"out.{fmt}"
    write_results(scored, path, fmt, headers=HEADERS)
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle, delimiter=delimiter))
    assert table[0] == [*HEADERS, *result_columns(HEADERS)]
    body = table[1:]
    assert [row[3] for row in body] == ["2", "3", "4", "5", "6", "7", "20"]
    assert [row[0] for row in body[:6]] == ["'" + v for v in DANGEROUS]
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in body for cell in row
    )
    assert body[-1][4:6] == ["empty", "the message is empty"]
    assert body[-1][-1] == "empty"  # campaign flags
    assert _files(tmp_path) == [path.name]


def test_xlsx_output_neutralises_formulas(scored, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    write_results(scored, path, "xlsx", headers=HEADERS)
    sheet = load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    firsts = [row[0] for row in values[1:7]]
    assert firsts[:5] == ["'" + v for v in DANGEROUS[:5]]
    assert firsts[5] in ("'\rcmd", "'\ncmd")  # XML reads a lone CR back as LF
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert len(values) == 1 + len(scored)


def test_result_columns_do_not_shadow_input_columns():
    assert result_columns(["score", "message"])[:4] == ["line", "status", "reason", "coach_score"]


def test_jsonl_and_json_carry_full_reports(scored, tmp_path):
    jsonl = tmp_path / "out.jsonl"
    write_results(scored, jsonl, "jsonl", with_rewrite=True)
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [item["line"] for item in lines] == [2, 3, 4, 5, 6, 7, 20]
    assert lines[0]["report"]["score"] == scored[0].report.score
    assert lines[0]["fields"]["first_name"] == DANGEROUS[0]  # JSON is not a spreadsheet
    assert lines[0]["rewrite"] is None  # these rows were scored without rewrites
    assert lines[-1]["report"] is None and lines[-1]["status"] == "empty"
    document = tmp_path / "out.json"
    write_results(scored, document, "json")
    data = json.loads(document.read_text(encoding="utf-8"))
    assert [item["line"] for item in data["rows"]] == [2, 3, 4, 5, 6, 7, 20]
    assert data["summary"]["rows"] == 7
    assert data["summary"]["statuses"] == {"ok": 6, "error": 0, "empty": 1}


class Interrupted(BaseException):
    """Stands in for KeyboardInterrupt (which pytest itself reacts to)."""


def test_interrupted_write_leaves_existing_file_untouched(scored, tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("precious\n")

    def interrupted():
        yield scored[0]
        yield scored[1]
        raise Interrupted

    for fmt in ("csv", "jsonl", "json", "xlsx"):
        with pytest.raises(Interrupted):
            write_results(interrupted(), path, fmt, headers=HEADERS)
        assert path.read_text() == "precious\n"
        assert _files(tmp_path) == ["out.csv"]


def test_new_file_gets_ordinary_permissions(scored, tmp_path):
    path = tmp_path / "out.csv"
    write_results(scored, path, "csv", headers=HEADERS)
    assert path.stat().st_mode & 0o077  # not the 0600 of a bare temporary file


def test_format_for():
    assert format_for(None, None) == "table"
    assert format_for("-", None) == "table"
    assert format_for("out.JSONL", None) == "jsonl"
    assert format_for("out.xlsx", None) == "xlsx"
    assert format_for("out.dat", None) == "csv"
    assert format_for("out.csv", "json") == "json"


def test_html_report_is_self_contained(coach, tmp_path):
    note = "Hi {}, I'd like to add you to my professional network on LinkedIn."
    rows = [
        CampaignRow(
            i, {}, note.format(n), Context(recipient=Recipient(first_name=n, company="Acme"))
        )
        for i, n in enumerate(["Marco", "Priya", "Tom"], start=2)
    ]
    rows.append(CampaignRow(5, {}, "<script>alert(1)</script> Hi {first_name}", Context()))
    scan = scan_campaign(rows)
    summary = CampaignSummary(scan, min_score=60)
    report = HtmlReport(tmp_path / "campaign.html", "Campaign check: q4.csv")
    scored = list(score_campaign(coach, rows, scan=scan))
    for item in scored:
        summary.add(item)
        report.add(item)
    report.finish(summary)
    page = (tmp_path / "campaign.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    for external in ("<script", "src=", "href=", "@import", "url(", "http://", "https://"):
        assert external not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<svg" in page and page.count("<rect") == 10
    assert "Same note to many people" in page and "T1" in page
    assert "Same note to several people at one company" in page
    assert "{first_name}" in page  # the merge-field table
    assert page.count("<tr><td class=num>") == 4  # one table row per campaign row
    assert _files(tmp_path) == ["campaign.html"]
