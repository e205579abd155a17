"""Packs are data: safe YAML only, regexes stopped by a timeout, discovery light to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.engine import Coach, EngineConfig, PackError
from coach.engine.packs.parse import load_pack

CATASTROPHIC = """\
pack: slow
rules:
  - id: slow.backtracking
    kind: regex
    problem: pitch
    weight: 10
    message: Nested quantifiers.
    regex: ['(a+)+$']
    examples: {fire: [aaa], pass: [b]}
  - id: slow.free-demo
    kind: phrases
    problem: pitch
    weight: 10
    message: A free demo.
    phrases: [free demo]
    examples: {fire: [Get a free demo.], pass: [Hello there.]}
"""


def test_a_runaway_regex_is_stopped_and_the_check_completes(tmp_path, coach):
    pack = tmp_path / "slow.yaml"
    pack.write_text(CATASTROPHIC)
    engine = Coach(EngineConfig(packs=(pack,), regex_timeout=0.05), nlp=coach.nlp)
    text = "Get a free demo of our platform. We help companies grow. " + "a" * 5000 + "!"
    report = engine.check(text)
    assert [(e.rule_id, e.message) for e in report.rule_errors] == [
        ("slow.backtracking", "regex stopped after 0.05s")
    ]
    fired = {f.rule_id for f in report.findings}
    assert "slow.backtracking" not in fired
    assert {"slow.free-demo", "pitch.we-sell"} <= fired
    assert report.score < 100
    assert "slow.backtracking" in {f.rule_id for f in engine.check("aaa").findings}


@pytest.mark.parametrize(
    "tag", ["!!python/object/apply:os.system ['touch pwned']", "!!python/name:os.system"]
)
def test_python_tags_are_refused_not_run(tmp_path, monkeypatch, capsys, tag):
    monkeypatch.chdir(tmp_path)
    pack = tmp_path / "evil.yaml"
    pack.write_text(f"pack: evil\ntitle: {tag}\nrules: []\n")
    with pytest.raises(PackError, match=r"evil\.yaml:2:\d+: invalid YAML"):
        load_pack(pack)
    assert main(["packs", "validate", str(pack)]) == 2
    assert "could not determine a constructor" in capsys.readouterr().err
    assert not (tmp_path / "pwned").exists()


def test_settings_discovery_and_the_packs_command_do_not_load_spacy():
    code = (
        "import sys, coach.config, coach.config.discovery, coach.commands.packs, coach.cli; "
        "coach.cli.build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'textual')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.stdout.strip() == "[]"
