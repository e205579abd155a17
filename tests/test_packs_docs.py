"""docs/rule-packs.md documents every field, kind and setting, and its examples work."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from coach.cli import main
from coach.config import load as load_settings
from coach.config.files import SETTINGS
from coach.engine import kinds
from coach.engine.kinds.absence import SIGNAL_FIELDS
from coach.engine.kinds.context_checks import CHECKS
from coach.engine.kinds.metric import METRICS
from coach.engine.packs import fields

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(yaml|toml)\n(.*?)```", DOC, re.S)


@pytest.mark.parametrize(
    "names",
    [
        fields.PACK_FIELDS,
        fields.COMMON_FIELDS,
        kinds.KINDS,
        METRICS,
        CHECKS,
        fields.WHEN_FIELDS,
        SIGNAL_FIELDS,
        fields.FIX_ACTIONS,
        fields.OVERRIDE_FIELDS,
        fields.ROLES,
    ],
)
def test_every_name_of_the_format_is_documented(names):
    missing = [name for name in names if f"`{name}`" not in DOC]
    assert missing == []


def test_every_kind_has_a_section_with_its_fields():
    for name, kind in kinds.KINDS.items():
        section = DOC.split(f"### `{name}`\n", 1)[1].split("\n### ", 1)[0]
        assert [f for f in kind.fields if f"`{f}`" not in section] == [], name


def test_every_setting_is_documented():
    assert [name for name in SETTINGS if f"| `{name}` |" not in DOC] == []


def full_packs() -> list[str]:
    return [
        text
        for lang, text in BLOCKS
        if lang == "yaml" and re.search(r"^pack: ", text, re.M) and "rules: []" not in text
    ]


def rule_snippets() -> list[str]:
    return [text for lang, text in BLOCKS if lang == "yaml" and text.startswith("- id: acme.")]


def test_documented_packs_and_rules_validate_and_pass_their_examples(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    packs = tmp_path / "packs"
    packs.mkdir()
    assert len(full_packs()) == 1
    (packs / "acme-rules.yaml").write_text(full_packs()[0])
    snippets = rule_snippets()
    assert len(snippets) >= len(kinds.KINDS)
    documented = {re.search(r"^  kind: (\S+)", s, re.M)[1] for s in snippets}
    assert documented == set(kinds.KINDS)
    body = "".join(textwrap.indent(s, "  ") + "\n" for s in snippets)
    (packs / "acme.yaml").write_text(f"pack: acme\nrules:\n{body}")
    code = main(["packs", "validate", str(packs)])
    assert (code, capsys.readouterr().out) == (0, "2 packs, 10 rules: no problems\n")
    code = main(["packs", "test", str(packs)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.fullmatch(r"\d+ passed\n", out)


def test_documented_configuration_is_accepted(tmp_path):
    example = next(text for lang, text in BLOCKS if text.startswith("# .coach.yaml"))
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "shared" / "sales-packs").mkdir(parents=True)
    (project / ".coach.yaml").write_text(example)
    config = load_settings(project)
    assert config.connection_limit == 200
    assert config.sender.products == ("NorthStack", "NorthStack Cloud")
    toml = next(text for lang, text in BLOCKS if lang == "toml" and "[tool.coach]" in text)
    (project / ".coach.yaml").unlink()
    (project / "pyproject.toml").write_text(toml)
    assert load_settings(project).overrides == {"pitch.we-sell": {"weight": 10}}
