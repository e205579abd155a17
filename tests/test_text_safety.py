"""Long and hostile texts (issue 12, failures 5 and 8): a documented length cap with a clear
error, runs without spaces never handed whole to spaCy's tokenizer, offsets into the original
text, lone surrogates replaced."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.engine import Context, Recipient
from coach.engine.textsafety import (
    LONG_RUN,
    MAX_FIELD_CHARS,
    MAX_TEXT_CHARS,
    TextTooLong,
    make_doc,
)

ROOT = Path(__file__).resolve().parents[1]
PATHOLOGICAL = {
    "emoji": "😀" * 10_000,
    "brackets": "{" * 10_000 + "}" * 10_000,
    "skin tones": "👍🏽" * 6_000,
    "mixed": "Hi Dana, " + "x" * 3_000 + " thanks\n\n" + "😀👍🏽" * 2_000 + " end.",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_make_doc_keeps_the_text_exactly(coach, name):
    text = PATHOLOGICAL[name]
    doc = make_doc(coach.nlp, text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_the_tokenizer_never_sees_a_long_run_without_spaces(coach, monkeypatch):
    seen: list[str] = []
    nlp = coach.nlp
    real_make_doc = nlp.make_doc

    def spy(text):
        seen.append(text)
        return real_make_doc(text)

    monkeypatch.setattr(nlp, "make_doc", spy)
    coach.check("Hi Dana, " + "😀" * 5_000 + " we help companies like yours save 15%.")
    runs = [len(run) for text in seen for run in text.split()]
    assert seen and max(runs) <= LONG_RUN


def test_findings_after_a_long_run_point_into_the_original_text(coach):
    text = "Hi Dana, " + "{" * 900 + "}" * 900 + " We help companies like yours save 15%."
    report = coach.check(text)
    assert report.text == text
    assert report.findings
    for finding in report.findings:
        assert finding.quote == text[finding.start : finding.end]
    assert any(f.start > 1800 for f in report.findings)


def test_the_length_cap_is_a_clear_error(coach):
    prose = "Your post on thin clients was useful, thanks for sharing it. " * 400
    coach.check(prose[:MAX_TEXT_CHARS])  # at the cap: checked
    with pytest.raises(TextTooLong, match="the coach checks messages up to 20,000"):
        coach.check("x" * (MAX_TEXT_CHARS + 1))
    notes = Context(recipient=Recipient(notes="n" * (MAX_FIELD_CHARS + 1)))
    with pytest.raises(TextTooLong, match="recipient's notes is 5,001 characters"):
        coach.check("Hi Dana", notes)
    with pytest.raises(TextTooLong):
        list(coach.check_many([("Hi", None), ("x" * (MAX_TEXT_CHARS + 1), None)]))


def test_coach_check_over_the_cap_is_one_line_and_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "coach", "check", "-"],
        input="word " * 100_000,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "the message is 500,000 characters; the coach checks messages up to 20,000" in (
        result.stderr
    )


def test_lone_surrogates_are_replaced_not_fatal(coach, capsys):
    report = coach.check("Hi Dana \ud800, your post on thin clients \udfff.")
    assert "\ud800" not in report.text and report.text.count("\ufffd") == 2
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")
    code = main(["check", "Hi Dana \udcff, thanks", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["text"] == "Hi Dana \ufffd, thanks"


def test_a_message_over_the_token_cap_is_refused_before_the_slow_components(coach):
    from coach.engine.textsafety import MAX_TOKENS

    coach.check("a " * MAX_TOKENS)
    with pytest.raises(TextTooLong, match="the message has 10,000 words and symbols"):
        coach.check("a " * 10_000)


def test_a_long_run_becomes_a_few_tokens_not_one_per_character(coach):
    from coach.engine.textsafety import PIECE

    doc = make_doc(coach.nlp, "Hi " + "{" * 10_000 + "}" * 10_000 + " there")
    assert len(doc) <= 2 + 20_000 // PIECE + 2
    report = coach.check("😀" * 19_000)
    assert report.length == 19_000
