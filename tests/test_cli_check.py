"""``coach check``: text and JSON output, file and stdin input, context options."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from coach.cli import main
from coach.engine.models import PROBLEMS

SPAMMY = (
    "Hi Marco! We help companies like yours save 15% on SAP licensing. Do you have 15 "
    "minutes this week for a quick demo?"
)


def test_text_output_shows_score_band_categories_and_each_finding(capsys):
    assert main(["check", SPAMMY, "--first-name", "Marco"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Score 0/100  don't send")
    for category in ("pitch", "personalization", "asks", "audience", "self-focus", "form"):
        assert category in out.splitlines()[1]
    assert '"quick demo"' in out
    assert "Why:" in out and "Instead:" in out
    assert "(Remember there is a difference" in " ".join(out.split())


def test_json_output_follows_the_documented_schema(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(SPAMMY, encoding="utf-8")
    assert main(["check", str(draft), "--format", "json", "--platform", "inmail"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema_version"] == 1
    assert report["platform"] == "inmail" and report["limit"] == 1900
    assert set(report["problems"]) <= set(PROBLEMS)
    assert {"pitch", "vague-ask"} <= set(report["problems"])
    for finding in report["findings"]:
        assert report["text"][finding["start"] : finding["end"]] == finding["quote"]
        assert finding["rule_id"].count(".") == 1
        assert {"category", "weight", "bonus", "why", "source", "suggestion"} <= finding.keys()


def test_stdin_and_context_options_change_the_result(monkeypatch, capsys):
    note = "Hi Dana, I'd love to connect."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(note.encode("utf-8"))))
    assert main(["check", "-", "--format", "json"]) == 0
    without_notes = json.loads(capsys.readouterr().out)
    assert "no-personalization" in without_notes["problems"]
    notes = "posted about moving student labs to thin clients"
    assert main(["check", note, "--format", "json", "--first-name", "Dana", "--notes", notes]) == 0
    with_notes = json.loads(capsys.readouterr().out)
    assert any(f["rule_id"] == "personalization.notes-unused" for f in with_notes["findings"])


def test_connection_limit_of_free_accounts(capsys):
    note = "Hi Dana, " + "your post on moving the student labs to thin clients was useful. " * 4
    assert main(["check", note, "--format", "json", "--connection-limit", "200"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["limit"] == 200
    over = [f for f in report["findings"] if f["rule_id"] == "form.over-limit"]
    assert over and over[0]["start"] == 200 and over[0]["severity"] == "error"


def test_help_is_fast_because_spacy_is_imported_lazily():
    code = (
        "import sys; from coach.cli import build_parser; build_parser(); "
        "print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_naming_your_own_product_is_a_pitch(capsys):
    note = "Hi Dana, your post on thin clients was useful. LabCloud handles exactly that."
    assert main(["check", note, "--format", "json"]) == 0
    assert "pitch" not in json.loads(capsys.readouterr().out)["problems"]
    assert main(["check", note, "--format", "json", "--product", "LabCloud"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "pitch" in report["problems"]
    assert any(
        f["rule_id"] == "pitch.product-named" and f["quote"] == "LabCloud"
        for f in report["findings"]
    )


def test_gates_exit_1_when_they_trip_and_quiet_prints_nothing(capsys):
    from coach.cli import main

    pitch = "Hi Dana, we help universities like yours cut IT costs by 30%. Book a call?"
    assert main(["check", pitch, "--min-score", "80"]) == 1
    out, err = capsys.readouterr()
    assert out and err.startswith("coach: gate: score ") and "below --min-score 80" in err
    assert main(["check", pitch, "--fail-on", "pitch", "-q"]) == 1
    assert capsys.readouterr() == ("", "")
    good = "Hi Dana, your post on thin clients was useful; here is our pilot write-up."
    assert main(["check", good, "--min-score", "50", "--fail-on", "merge-field", "-q"]) == 0
    assert main(["check", "Hi {{first_name}}, thanks.", "--fail-on", "merge-field", "-q"]) == 1
    assert capsys.readouterr() == ("", "")


def test_what_works_shows_the_points_the_score_counts(capsys):
    pitch = "Hi John, saw your post on CRM migrations. Our company offers the best CRM tool."
    assert main(["check", pitch, "--notes", "posted about CRM migrations"]) == 0
    works = capsys.readouterr().out.split("What works:")[1]
    assert works.count("(+0)") == works.count("\n  + ") and "(+0)" in works  # a pitch: none
    assert "Not counted here" in works and "pitch" in works
    value_first = (
        "Hi Dana, your post on moving the student labs to thin clients was useful; we are "
        "weighing the same move. This campus pilot write-up covered the licensing traps: "
        "happy to share it."
    )
    notes = "posted about moving student labs to thin clients"
    assert main(["check", value_first, "--notes", notes]) == 0
    works = capsys.readouterr().out.split("What works:")[1]
    points = [
        int(line.rsplit("(+", 1)[1].rstrip(")")) for line in works.splitlines() if "(+" in line
    ]
    assert sum(points) == 15 and "capped at 15" in works  # the cap, not the 24 of the bonuses
