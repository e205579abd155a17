"""Broken packs never give a traceback: one located line per problem and exit code 2."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "packs"

# fixture, line, column (None: not known), rule id ("" for a file-level problem), message part
BROKEN = [
    ("invalid-yaml.yaml", 9, 13, "", "invalid YAML"),
    ("tabs.yaml", 5, 1, "", "tab used for indentation"),
    (
        "unknown-kind.yaml",
        4,
        5,
        "broken.kind",
        "unknown rule kind 'phrase' (did you mean 'phrases'?)",
    ),
    (
        "unknown-field.yaml",
        8,
        5,
        "broken.field",
        "unknown field 'sugestion' for a phrases rule (did you mean 'suggestion'?)",
    ),
    ("missing-id.yaml", 3, 5, "", "rule has no 'id'"),
    ("bad-id.yaml", 3, 5, "broken.Free_Demo", "id must look like 'pack.kebab-name'"),
    (
        "bad-pattern-attribute.yaml",
        9,
        26,
        "broken.attribute",
        "unknown token attribute 'LOWR' (did you mean 'LOWER'?)",
    ),
    ("bad-pattern-operator.yaml", 9, 28, "broken.operator", "unknown operator 'many'"),
    ("yaml-boolean.yaml", 9, 41, "broken.switched-on", "quote it: 'on'"),
    ("invalid-regex.yaml", 10, 9, "broken.regex", "invalid regex '(\\\\{\\\\{[^}]*': missing )"),
    ("weight-out-of-range.yaml", 6, 5, "broken.heavy", "'weight' must be a whole number from 0"),
    (
        "unknown-platform.yaml",
        8,
        17,
        "broken.platform",
        "unknown platform 'linkedin-conection' (did you mean 'linkedin-connection'?)",
    ),
    (
        "unknown-problem.yaml",
        5,
        5,
        "broken.problem",
        "unknown problem 'pitching' (did you mean 'pitch'?)",
    ),
    ("empty-phrases.yaml", 8, 5, "broken.nothing", "'phrases' is empty"),
    ("missing-examples.yaml", 10, 7, "broken.unproven", "non-empty 'pass' list"),
    ("unknown-metric.yaml", 8, 5, "broken.metric", "unknown metric 'paragraphs'"),
    ("not-a-pack.yaml", 1, 1, "", "not a rule pack"),
    (
        "override-unknown-rule.yaml",
        3,
        None,
        "pitch.demo-or-trail",
        "override names an unknown rule",
    ),
    ("duplicate", 4, None, "twins.free-demo", "duplicate rule id, first defined at "),
    ("acts-bad-count.yaml", 9, 5, "broken.count", "'at_least' must be a whole number of acts"),
]


def expected_line(path: Path, line: int, column: int | None, rule_id: str) -> str:
    where = f"{path}:{line}" + (f":{column}" if column is not None else "")
    return f"coach: {where}:" + (f" {rule_id}:" if rule_id else "")


@pytest.mark.parametrize(
    ("name", "line", "column", "rule_id", "fragment"), BROKEN, ids=[case[0] for case in BROKEN]
)
def test_validate_reports_one_located_line(capsys, name, line, column, rule_id, fragment):
    target = FIXTURES / name
    code = main(["packs", "validate", str(target)])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    shown_path = target / "second.yaml" if target.is_dir() else target
    prefix = expected_line(shown_path, line, column, rule_id)
    matching = [text for text in lines if text.startswith(prefix + " ")]
    assert matching, f"no line starting {prefix!r} in {lines}"
    assert fragment in matching[0]


def test_duplicate_names_both_files(capsys):
    assert main(["packs", "validate", str(FIXTURES / "duplicate")]) == 2
    err = capsys.readouterr().err
    assert f"{FIXTURES / 'duplicate' / 'second.yaml'}:4: twins.free-demo:" in err
    assert f"first defined at {FIXTURES / 'duplicate' / 'first.yaml'}:3" in err


def test_yaml_booleans_each_get_their_own_hint(capsys):
    assert main(["packs", "validate", str(FIXTURES / "yaml-boolean.yaml")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.rsplit("; ", 1)[1] for line in lines] == [
        "quote it: 'on'",
        "quote it: 'off'",
        "quote it: 'yes'",
    ]
    assert all("invalid spaCy pattern" not in line for line in lines)


def test_a_rule_id_duplicating_a_builtin_is_an_error(tmp_path, capsys):
    pack = tmp_path / "pitch-again.yaml"
    pack.write_text(
        (FIXTURES / "duplicate" / "first.yaml")
        .read_text()
        .replace("twins", "pitch")
        .replace("pitch.free-demo", "pitch.demo-or-trial")
    )
    assert main(["packs", "validate", str(pack)]) == 2
    err = capsys.readouterr().err
    assert f"{pack}:3: pitch.demo-or-trial: duplicate rule id, first defined at " in err
    assert "rules/pitch.yaml:" in err.replace("_builtin_rules", "rules")


def test_every_problem_of_a_file_is_reported_at_once(tmp_path, capsys):
    pack = tmp_path / "many.yaml"
    pack.write_text(
        (FIXTURES / "unknown-problem.yaml")
        .read_text()
        .replace("weight: 10", "weight: 101")
        .replace("phrases: [free demo]", "phrases: []")
    )
    assert main(["packs", "validate", str(pack)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 3
    assert "unknown problem" in err and "'weight'" in err and "'phrases' is empty" in err


@pytest.mark.parametrize("name", ["example-does-not-fire.yaml", "pass-example-fires.yaml"])
def test_broken_examples_fail_packs_test_naming_rule_and_example(
    capsys, monkeypatch, tmp_path, name
):
    monkeypatch.chdir(tmp_path)
    code = main(["packs", "test", str(FIXTURES / name)])
    out = capsys.readouterr().out
    assert code == 1
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1
    if name.startswith("example"):
        assert failed[0] == (
            f"FAILED {FIXTURES / name}:12: untested.free-demo: must fire but "
            'did not: "Would you like a demonstration?"'
        )
    else:
        assert failed[0] == (
            f"FAILED {FIXTURES / name}:14: untested.free-demo: must pass but "
            'fired: "Your free demo day for students looked fun."'
        )
    assert out.splitlines()[-1] == "2 passed, 1 failed"


def test_check_with_a_broken_pack_is_one_line_and_exit_2(capsys):
    code = main(["check", "Hello there", "--packs", str(FIXTURES / "unknown-kind.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [line for line in err.splitlines() if line.startswith("coach: ")]
    assert f"{FIXTURES / 'unknown-kind.yaml'}:4:5: broken.kind: unknown rule kind" in err


def run_coach(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_real_process_validate_broken_folder():
    result = run_coach(
        "packs",
        "validate",
        str(FIXTURES / "unknown-field.yaml"),
        str(FIXTURES / "weight-out-of-range.yaml"),
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"coach: {FIXTURES / 'unknown-field.yaml'}:8:5: broken.field: unknown field "
        "'sugestion' for a phrases rule (did you mean 'suggestion'?)",
        f"coach: {FIXTURES / 'weight-out-of-range.yaml'}:6:5: broken.heavy: 'weight' must be a "
        "whole number from 0 to 100",
    ]


@pytest.mark.slow
def test_real_process_check_with_invalid_yaml_pack():
    result = run_coach("check", "Hi Dana", "--packs", str(FIXTURES / "invalid-yaml.yaml"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.fullmatch(r"coach: .*invalid-yaml\.yaml:9:13: invalid YAML: .*\n", result.stderr)
