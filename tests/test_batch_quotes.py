"""A quote that does not close where its field ends, in a real-looking Sales Navigator export:
one line naming the file, the line where the quote opens and its column; exit 2; no row read
into another and no results file written over."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.batch import read_campaign
from coach.batch.quotes import find_broken_quote
from coach.cli import main
from coach.engine.errors import InputError

FIXTURE = Path(__file__).parent / "fixtures" / "batch" / "sales_navigator.csv"


def _export(tmp_path: Path, line: int, broken: str) -> Path:
    """The fixture with one line replaced (a person editing the export by hand)."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = broken
    path = tmp_path / "navigator.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


UNCLOSED = (  # the note's closing quote forgotten; the next rows have quoted fields
    "Marco,Rossi,VP Operations,Brightline Health,Hospitals and Health Care,"
    '"Austin, TX",https://www.linkedin.com/in/marco-r,"Hi Marco, glad to connect.\n'
)
UNDOUBLED = (
    "Marco,Rossi,VP Operations,Brightline Health,Hospitals and Health Care,"
    '"Austin, TX",https://www.linkedin.com/in/marco-r,"Hi Marco, your "'
    'pilot" post was good."\n'
)


@pytest.mark.parametrize(
    ("broken", "said"),
    [(UNCLOSED, "is not closed where it ends"), (UNDOUBLED, "not doubled")],
    ids=["unclosed", "undoubled"],
)
def test_a_broken_quote_is_one_line_at_its_line_and_field(capsys, tmp_path, broken, said):
    path = _export(tmp_path, 3, broken)
    results = tmp_path / "scored.csv"
    results.write_text("last week's results\n", encoding="utf-8")
    code = main(["batch", str(path), "-o", str(results), "-q"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"coach: {path}:3: Connection Note: the quoted field that opens here")
    assert said in err and "expected after" not in err  # not the csv module's wording
    assert results.read_text(encoding="utf-8") == "last week's results\n"


def test_a_quote_open_to_the_end_names_where_it_opens(tmp_path):
    path = _export(tmp_path, 3, UNCLOSED)
    path.write_text(
        "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:3])
        + "Tom,Lee,CFO,Harbor Logistics,Logistics,Boston,https://x.example/tom,Hi Tom\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        list(read_campaign(path))
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (3, "Connection Note")
    assert "never closes" in problem.message


def test_every_row_is_read_once_the_quote_is_mended(tmp_path):
    mended = UNCLOSED.replace("connect.\n", 'connect."\n')
    rows = list(read_campaign(_export(tmp_path, 3, mended)))
    original = list(read_campaign(FIXTURE))
    assert [row.line for row in rows] == [row.line for row in original]
    assert rows[1].text == "Hi Marco, glad to connect." and rows[1].error is None


def test_find_broken_quote_reads_doubled_quotes_and_multi_line_fields():
    fine = ['a,"say ""hi""\n', 'then go",b\n']
    assert find_broken_quote(fine, 1, ",") is None
    broken = find_broken_quote(['a,b,"x\n', 'c,"d\n'], 1, ",")
    assert (broken.line, broken.field, broken.closes) == (1, 2, 2)
