"""Bad input never crashes: empty drafts score 0, bad files and options are one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import main
from coach.engine import Context
from coach.engine.textsafety import MAX_TEXT_CHARS, TextTooLong


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t ", "\u200b\u200b"])
def test_empty_message_scores_zero_with_a_finding(coach, text):
    report = coach.check(text)
    assert report.score == 0
    assert report.band == "don't send"
    assert [f.rule_id for f in report.findings] == ["form.empty-message"]


def test_missing_file_is_one_line_and_exit_2(capsys, tmp_path):
    missing = tmp_path / "draft.txt"
    assert main(["check", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(missing) in err[0] and "no such file" in err[0]


def test_non_utf8_file_names_file_and_line(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes("Hi Dana,\nthanks for the caf\xe9 tip".encode("latin-1"))
    assert main(["check", str(draft)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"{draft}:2:" in err[0] and "not UTF-8" in err[0]


def test_unknown_platform_lists_the_valid_ones(capsys):
    assert main(["check", "Hi Dana", "--platform", "myspace"]) == 2
    err = capsys.readouterr().err.strip()
    assert "unknown platform 'myspace'" in err
    for name in ("linkedin-connection", "linkedin-message", "inmail", "email"):
        assert name in err


def test_usage_error_is_one_line_and_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "coach", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


NASTY = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
) | st.sampled_from(["\u200b\u200d\ufeff", "🚀" * 50, "\x00\x07\x1b[31m", "{first_name}!" * 30])


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=NASTY, platform=st.sampled_from(["linkedin-connection", "inmail", "email"]))
def test_every_span_lies_inside_the_text(coach, text, platform):
    report = coach.check(text, Context(platform=platform))
    assert 0 <= report.score <= 100
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.quote == text[finding.start : finding.end]
        if finding.edit:
            assert 0 <= finding.edit.start <= finding.edit.end <= len(text)


def test_a_text_at_the_length_cap(coach):
    text = ("We help companies like yours save 15%! 🚀\u200b " * 1200)[:MAX_TEXT_CHARS]
    report = coach.check(text, Context(platform="email"))
    assert report.score == 0
    assert all(0 <= f.start <= f.end <= len(text) for f in report.findings)
    assert any(f.rule_id == "form.long-for-platform" for f in report.findings)
    with pytest.raises(TextTooLong):
        coach.check(text * 3, Context(platform="email"))
