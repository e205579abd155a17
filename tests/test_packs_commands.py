"""coach packs new / validate / test / list / show / schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from coach.cli import main
from coach.engine.packs.json_schema import json_schema
from coach.engine.packs.sources import builtin_sources, load_packs

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "packs"
RECRUITING = ROOT / "examples" / "packs" / "recruiting.yaml"


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def test_new_pack_passes_validate_and_test_unchanged(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["packs", "new", "acme-rules"]) == 0
    created = tmp_path / ".coach" / "packs" / "acme-rules.yaml"
    assert "created .coach/packs/acme-rules.yaml" in capsys.readouterr().out
    assert (tmp_path / ".coach" / "packs" / "rule-pack.schema.json").is_file()
    assert main(["packs", "validate", ".coach/packs/"]) == 0
    assert capsys.readouterr().out == "1 pack, 1 rule: no problems\n"
    assert main(["packs", "test", ".coach/packs/"]) == 0
    assert last_line(capsys.readouterr().out) == "3 passed"
    jsonschema.validate(yaml.safe_load(created.read_text()), json_schema())


def test_new_pack_lands_in_the_project_folder_found_upward(tmp_path, monkeypatch, capsys):
    (tmp_path / ".coach" / "packs").mkdir(parents=True)
    (tmp_path / "campaigns").mkdir()
    monkeypatch.chdir(tmp_path / "campaigns")
    assert main(["packs", "new", "team"]) == 0
    assert (tmp_path / ".coach" / "packs" / "team.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Acme_Rules", "is not a pack name"),
        ("pitch", "'pitch' is a built-in pack"),
        ("acme", "already exists"),
    ],
)
def test_new_refuses_bad_names(tmp_path, monkeypatch, capsys, name, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".coach" / "packs").mkdir(parents=True)
    (tmp_path / ".coach" / "packs" / "acme.yaml").write_text("pack: acme\nrules: []\n")
    assert main(["packs", "new", name]) == 2
    assert message in capsys.readouterr().err
    assert (tmp_path / ".coach" / "packs" / "acme.yaml").read_text() == "pack: acme\nrules: []\n"


def builtin_example_count() -> int:
    return sum(
        len(r.fire_examples) + len(r.pass_examples)
        for p in load_packs(builtin_sources())
        for r in p.rules
    )


def test_builtin_packs_pass_their_examples(capsys):
    assert main(["packs", "test", str(ROOT / "rules")]) == 0
    out = capsys.readouterr().out
    assert out == f"{builtin_example_count()} passed\n"


def test_a_changed_builtin_example_fails_naming_rule_and_example(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    (tmp_path / ".coach.yaml").write_text("builtin_packs: false\npacks: [rules]\n")
    pitch = tmp_path / "rules" / "pitch.yaml"
    text = pitch.read_text()
    original = "        - Do you have 15 minutes this week for a quick demo?\n"
    assert original in text
    line = text[: text.index(original)].count("\n") + 1
    pitch.write_text(text.replace(original, "        - Loved your talk on battery storage.\n"))
    assert main(["packs", "test", "rules/pitch.yaml"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == [
        f"FAILED rules/pitch.yaml:{line}: pitch.demo-or-trial: must fire but did not: "
        '"Loved your talk on battery storage."'
    ]
    pitch_pack = next(p for p in load_packs(builtin_sources()) if p.name == "pitch")
    examples = sum(len(r.fire_examples) + len(r.pass_examples) for r in pitch_pack.rules)
    assert out[-1] == f"{examples - 1} passed, 1 failed"


def test_recruiting_example_pack_passes(capsys):
    assert main(["packs", "validate", str(RECRUITING)]) == 0
    assert capsys.readouterr().out == "1 pack, 6 rules: no problems\n"
    assert main(["packs", "test", "-v", str(RECRUITING)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert all(line.startswith("PASSED ") for line in out[:-1])
    assert out[-1] == f"{len(out) - 1} passed"
    assert len(out) > 12


def test_recruiting_pack_changes_builtins_through_overrides(capsys):
    text = "Hi Dana, I came across your profile and have an exciting opportunity for you."
    assert main(["check", text, "--packs", str(RECRUITING), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    by_rule = {f["rule_id"]: f for f in findings}
    assert "recruiting.unsolicited-opportunity" in by_rule
    assert "pitch.job-offer-blast" not in by_rule
    assert by_rule["personalization.profile-browsing"]["severity"] == "error"


def test_list_shows_packs_counts_and_origins(capsys):
    assert (
        main(
            [
                "packs",
                "list",
                "--rules",
                "--packs",
                str(RECRUITING),
                "--disable",
                "recruiting.salary-bait",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    recruiting = next(line for line in out if line.startswith("recruiting "))
    assert recruiting.split()[1:3] == ["5/6", "--packs"]
    assert "    [off] recruiting.salary-bait  Leads with pay" in out
    assert "    [on ] recruiting.asks-for-resume  Asks for a résumé up front" in out
    assert any(line.startswith("pitch ") and " built-in " in line for line in out)


def test_show_documents_one_rule(capsys):
    assert main(["packs", "show", "recruiting.asks-for-resume", "--packs", str(RECRUITING)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("recruiting.asks-for-resume: Asks for a résumé up front\n")
    assert "regex · problem: vague-ask · warning · weight 15 · on" in out
    for heading in ("What it flags", "Why it hurts", "Source", "Instead", "Fires on", "Passes"):
        assert f"\n{heading}\n" in out
    assert "My Love/Hate Relationship with LinkedIn (love-hate-relationship-with-linkedin)" in out
    assert '  - "Please send me your updated resume."' in out


def test_show_unknown_rule_suggests(capsys):
    assert main(["packs", "show", "pitch.demo-or-trail"]) == 2
    assert "did you mean 'pitch.demo-or-trial'?" in capsys.readouterr().err


def test_schema_is_the_committed_file_and_valid(capsys):
    assert main(["packs", "schema"]) == 0
    printed = capsys.readouterr().out
    committed = (ROOT / "docs" / "rule-pack.schema.json").read_text(encoding="utf-8")
    assert printed == committed, "regenerate: coach packs schema > docs/rule-pack.schema.json"
    jsonschema.Draft7Validator.check_schema(json.loads(printed))


def test_every_shipped_pack_satisfies_the_schema_and_points_at_it():
    validator = jsonschema.Draft7Validator(json_schema())
    shipped = [*sorted((ROOT / "rules").glob("[!_]*.yaml")), RECRUITING]
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        errors = [
            f"{list(e.absolute_path)}: {e.message}"
            for e in validator.iter_errors(yaml.safe_load(text))
        ]
        assert errors == [], path
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve() == (
            ROOT / "docs" / "rule-pack.schema.json"
        ), path


@pytest.mark.parametrize(
    "name",
    [
        "unknown-kind.yaml",
        "unknown-field.yaml",
        "bad-id.yaml",
        "weight-out-of-range.yaml",
        "yaml-boolean.yaml",
        "unknown-platform.yaml",
        "empty-phrases.yaml",
        "missing-examples.yaml",
        "not-a-pack.yaml",
    ],
)
def test_schema_rejects_broken_packs_too(name):
    data = yaml.safe_load((FIXTURES / name).read_text())
    assert list(jsonschema.Draft7Validator(json_schema()).iter_errors(data))


def test_packs_without_action_prints_help(capsys):
    assert main(["packs"]) == 0
    assert "validate" in capsys.readouterr().out


def test_builtin_packs_validate(capsys):
    assert main(["packs", "validate", str(ROOT / "rules")]) == 0
    packs = load_packs(builtin_sources(fitted=False))
    rules = sum(len(p.rules) for p in packs)
    assert capsys.readouterr().out == f"{len(packs)} packs, {rules} rules: no problems\n"
