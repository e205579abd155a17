"""Configuration files: found upward, layered user < project < command line, strictly checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from coach.cli import main
from coach.config import load as load_settings
from coach.config import locations
from coach.config.settings import set_rule_enabled, user_toggles, with_toggles
from coach.engine import Bands, Coach, ConfigError, EngineConfig, Resource
from coach.engine.packs.resolve import resolve_rules

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_configured_gives_the_defaults(tmp_path, coach):
    config = load_settings(tmp_path)
    assert config == EngineConfig()
    packs = Coach(config).packs
    assert [p.origin for p in packs] == ["built-in"] * len(packs)
    assert [p.name for p in packs] == [p.name for p in coach.packs]


def test_project_yaml_is_found_upward_with_every_setting(tmp_path):
    write(tmp_path / "extra" / "mine.yaml", (FIXTURES / "duplicate" / "first.yaml").read_text())
    write(
        tmp_path / ".coach.yaml",
        """\
model: en_core_web_sm
builtin_packs: true
packs: [extra]
disable: [self-focus.we-centric, form]
enable: [form.over-limit]
rules:
  pitch.we-sell: {weight: 10, severity: error}
platform: email
connection_limit: 200
bands: {ready: 85}
bonus_cap: 10
regex_timeout: 0.5
sender:
  name: Ana
  company: Northwind
  products: [NorthStack]
  resources:
    - {title: Thin-client TCO study, topic: thin clients, link: https://example.org/tco}
""",
    )
    deep = tmp_path / "campaigns" / "q3"
    deep.mkdir(parents=True)
    config = load_settings(deep)
    assert config.platform == "email"
    assert config.connection_limit == 200
    assert config.bands == Bands(ready=85, needs_work=50)
    assert config.bonus_cap == 10 and config.regex_timeout == 0.5
    assert config.overrides == {"pitch.we-sell": {"weight": 10, "severity": "error"}}
    assert config.disable == ("self-focus.we-centric", "form")
    assert config.enable == ("form.over-limit",)
    assert config.sender.products == ("NorthStack",)
    assert config.sender.resources == (
        Resource("Thin-client TCO study", "thin clients", "https://example.org/tco"),
    )
    assert [(s.path, s.origin) for s in config.pack_sources] == [
        (tmp_path / "extra", "project config")
    ]
    engine = Coach(config)
    assert engine.rule("twins.free-demo") is not None
    assert engine.rule("pitch.we-sell").weight == 10
    assert engine.rule("self-focus.we-centric") is None
    assert [r.id for r in engine.rules if r.pack == "form"] == ["form.over-limit"]


def test_pyproject_tool_coach_is_used_when_there_is_no_coach_yaml(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        """\
[project]
name = "sales-playbook"

[tool.coach]
platform = "inmail"
disable = ["pitch.*"]

[tool.coach.sender]
name = "Ana"
products = ["NorthStack"]

[tool.coach.rules."asks.time-request"]
weight = 5
""",
    )
    config = load_settings(tmp_path)
    assert config.platform == "inmail"
    assert config.disable == ("pitch.*",)
    assert config.sender.name == "Ana"
    assert config.overrides == {"asks.time-request": {"weight": 5}}


def test_a_pyproject_without_tool_coach_is_skipped(tmp_path):
    write(tmp_path / ".coach.yaml", "platform: email\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_settings(tmp_path / "sub").platform == "email"


def test_unknown_key_names_file_line_and_suggests(tmp_path):
    config_file = write(tmp_path / ".coach.yaml", "platform: email\nplatfrom: inmail\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value).startswith(
        f"{config_file}:2:1: platfrom: unknown setting 'platfrom' (did you mean 'platform'?)"
    )


def test_unknown_key_in_pyproject_names_its_line(tmp_path):
    config_file = write(
        tmp_path / "pyproject.toml",
        "[tool.coach]\nplatform = 'email'\n\n[tool.coach.sender]\nnmae = 'Ana'\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    assert str(caught.value) == (
        f"{config_file}:5:1: sender.nmae: unknown sender field 'nmae' (did you mean 'name'?);"
        " expected one of name, company, products, resources"
    )


def test_every_bad_value_is_reported(tmp_path, capsys, monkeypatch):
    write(
        tmp_path / ".coach.yaml",
        """\
platform: linkdin
connection_limit: 250
bands: {ready: 120}
rules:
  pitch.we-sell: {weight: 150, colour: red}
packs: [missing-folder]
""",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "Hello"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[2] for line in err] == [
        "platform",
        "connection_limit",
        "bands.ready",
        "rules.pitch.we-sell.weight",
        "rules.pitch.we-sell.colour",
        "packs.0",
    ]
    assert err[0].startswith(f"coach: {tmp_path / '.coach.yaml'}:1:1: platform: unknown")
    assert "did you mean 'linkedin-message'?" in err[0]
    assert "Traceback" not in "".join(err)


def test_invalid_config_yaml_is_located(tmp_path):
    write(tmp_path / ".coach.yaml", "platform: [email\n")
    with pytest.raises(ConfigError, match=r"\.coach\.yaml:2:1: invalid YAML"):
        load_settings(tmp_path)


def test_project_settings_win_over_user_settings(tmp_path):
    write(
        locations.user_config_file(),
        "platform: email\nbonus_cap: 5\n"
        "disable: [pitch.we-sell]\nsender: {name: Ana, company: Northwind}\n",
    )
    write(
        tmp_path / ".coach.yaml",
        "platform: inmail\nenable: [pitch.we-sell]\nsender: {company: Southwind}\n",
    )
    config = load_settings(tmp_path)
    assert config.platform == "inmail" and config.bonus_cap == 5
    assert config.sender.name == "Ana" and config.sender.company == "Southwind"
    assert config.enable == ("pitch.we-sell",) and config.disable == ()


def test_command_line_disable_beats_a_configured_enable(tmp_path, capsys, monkeypatch):
    write(tmp_path / ".coach.yaml", "enable: [self-focus]\n")
    monkeypatch.chdir(tmp_path)
    text = "We are a leading firm. We help our clients and we deliver our best work for us."
    assert main(["check", text, "--format", "json"]) == 0
    fired = {f["rule_id"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "self-focus.we-centric" in fired
    assert (
        main(
            [
                "check",
                text,
                "--format",
                "json",
                "--disable",
                "self-focus.we-centric",
                "--packs",
                str(FIXTURES / "duplicate" / "first.yaml"),
            ]
        )
        == 0
    )
    fired = {f["rule_id"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "self-focus.we-centric" not in fired
    assert "self-focus.self-praise" in fired


def test_with_toggles_later_layer_wins_for_names_it_covers():
    config = EngineConfig(enable=("pitch.we-sell", "form"), disable=("asks.time-request",))
    changed = with_toggles(config, enable=["asks"], disable=["pitch", "form.emoji"])
    assert changed.enable == ("form", "asks")
    assert changed.disable == ("pitch", "form.emoji")


def test_set_rule_enabled_creates_and_keeps_other_settings():
    config_file = locations.user_config_file()
    assert not config_file.exists()
    set_rule_enabled("pitch.we-sell", False)
    assert user_toggles() == (("pitch.we-sell",), ())
    data = yaml.safe_load(config_file.read_text())
    data["platform"] = "email"
    config_file.write_text(yaml.safe_dump(data))
    set_rule_enabled("form", False)
    set_rule_enabled("pitch.we-sell", True)
    assert user_toggles() == (("form",), ("pitch.we-sell",))
    assert yaml.safe_load(config_file.read_text())["platform"] == "email"
    config = load_settings(Path("/"))
    assert config.platform == "email"
    rules = resolve_rules(Coach(config).packs, config)
    assert not any(r.pack == "form" for r in rules)
    assert any(r.id == "pitch.we-sell" for r in rules)


def test_set_rule_enabled_never_overwrites_a_broken_file():
    config_file = write(locations.user_config_file(), "platform: email\ncolour: red\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        set_rule_enabled("pitch.we-sell", False)
    assert config_file.read_text() == "platform: email\ncolour: red\n"


@pytest.mark.parametrize(
    ("enable", "disable", "on"),
    [
        (("self-focus",), ("self-focus.we-centric",), False),
        (("self-focus.we-centric",), ("self-focus",), True),
        (("self-focus.*",), ("self-focus",), True),
        (("self-focus",), ("self-focus.we-*",), False),
        (("self-focus.we-centric",), ("self-focus.we-centric",), True),
        ((), ("self-focus",), False),
    ],
)
def test_the_most_specific_toggle_decides(enable, disable, on, coach):
    config = EngineConfig(enable=enable, disable=disable)
    rules = resolve_rules(coach.packs, config)
    assert any(r.id == "self-focus.we-centric" for r in rules) is on
    assert any(r.id == "self-focus.self-praise" for r in rules) is (
        "self-focus" not in disable or "self-focus" in enable or "self-focus.*" in enable
    )


def test_toggling_a_pack_replaces_the_toggles_of_its_rules():
    set_rule_enabled("pitch.we-sell", False)
    set_rule_enabled("pitch.savings-claim", True)
    set_rule_enabled("form.emoji", False)
    set_rule_enabled("pitch", True)
    assert user_toggles() == (("form.emoji",), ("pitch",))
    set_rule_enabled("pitch.we-sell", False)
    config = load_settings(Path("/"))
    rules = {r.id for r in resolve_rules(Coach(config).packs, config)}
    assert "pitch.we-sell" not in rules and "pitch.savings-claim" in rules
