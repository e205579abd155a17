"""Where packs come from: entry points, the user folder, the project folder, --packs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.config import load as load_settings
from coach.config import locations
from coach.config.discovery import ENTRY_POINT_GROUP, discover_sources
from coach.engine import Coach, PackError

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


def pack_text(name: str, phrase: str) -> str:
    return f"""\
pack: {name}
rules:
  - id: {name}.phrase
    kind: phrases
    problem: pitch
    weight: 10
    message: Found {phrase}.
    phrases: [{phrase}]
    examples: {{fire: [We offer {phrase} today.], pass: [Hello there.]}}
"""


def install_distribution(site: Path, name: str, entry_points: dict[str, str]) -> None:
    """A distribution as pip would leave it: a *.dist-info folder that importlib.metadata reads."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    lines = [f"[{ENTRY_POINT_GROUP}]", *(f"{k} = {v}" for k, v in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n")


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for module in [m for m in sys.modules if m.startswith("acme_")]:
        del sys.modules[module]


def test_entry_point_packages_are_discovered_without_importing_them(site, tmp_path):
    package = site / "acme_packs"
    package.mkdir()
    (package / "__init__.py").write_text("raise RuntimeError('must not be imported')\n")
    (package / "acme.yaml").write_text(pack_text("acme", "turnkey synergy"))
    more = site / "acme_more"
    more.mkdir()
    (more / "__init__.py").write_text(
        "from pathlib import Path\n\ndef pack_dir():\n    return 'packs'\n"
    )
    (more / "packs").mkdir()
    (more / "packs" / "acme-more.yaml").write_text(pack_text("acme-more", "blue ocean"))
    install_distribution(
        site, "acme-coach-packs", {"acme": "acme_packs", "acme-more": "acme_more:pack_dir"}
    )

    sources = discover_sources(tmp_path)
    assert [(s.path, s.origin) for s in sources] == [
        (package, "entry point acme (acme-coach-packs)"),
        (more / "packs", "entry point acme-more (acme-coach-packs)"),
    ]
    assert "acme_packs" not in sys.modules
    engine = Coach(load_settings(tmp_path))
    report = engine.check("We offer turnkey synergy and a blue ocean strategy.")
    assert {"acme.phrase", "acme-more.phrase"} <= {f.rule_id for f in report.findings}


def test_a_broken_entry_point_is_a_located_error(site, tmp_path, capsys, monkeypatch):
    install_distribution(
        site, "acme-broken", {"gone": "acme_no_such_module", "bad": "acme_value:NUMBER"}
    )
    (site / "acme_value.py").write_text("NUMBER = 42\n")
    monkeypatch.chdir(tmp_path)
    assert main(["packs", "list"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "coach: entry point 'bad = acme_value:NUMBER': acme-broken: gave int; expected a path "
        "to a pack file or folder (or a list of them)",
        "coach: entry point 'gone = acme_no_such_module': acme-broken: cannot find module "
        "'acme_no_such_module'",
    ]


def test_sources_come_in_order_and_packs_list_shows_origins(site, tmp_path, capsys, monkeypatch):
    package = site / "acme_packs"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "acme.yaml").write_text(pack_text("acme", "turnkey synergy"))
    install_distribution(site, "acme-coach-packs", {"acme": "acme_packs"})
    (locations.user_packs_dir()).mkdir(parents=True)
    (locations.user_packs_dir() / "mine.yaml").write_text(pack_text("mine", "circle back"))
    project = tmp_path / "project"
    (project / ".coach" / "packs").mkdir(parents=True)
    (project / ".coach" / "packs" / "team.yaml").write_text(pack_text("team", "low-hanging fruit"))
    (project / "nested").mkdir()
    extra = tmp_path / "extra.yaml"
    extra.write_text(pack_text("extra", "move the needle"))
    monkeypatch.chdir(project / "nested")

    assert (
        main(
            [
                "packs",
                "list",
                "--format",
                "json",
                "--packs",
                str(extra),
                "--packs",
                str(project / ".coach" / "packs"),
            ]
        )
        == 0
    )
    listed = json.loads(capsys.readouterr().out)
    custom = [(p["pack"], p["origin"]) for p in listed if p["origin"] != "built-in"]
    assert custom == [
        ("acme", "entry point acme (acme-coach-packs)"),
        ("mine", "user"),
        ("team", "project"),
        ("extra", "--packs"),
    ]
    assert listed[0]["origin"] == "built-in"

    assert main(["packs", "list", "--disable", "team", "--disable", "pitch.we-sell"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["PACK", "RULES", "ON", "ORIGIN", "PATH"]
    team = next(line for line in out if line.startswith("team "))
    assert team.split() == [
        "team",
        "0/1",
        "(off)",
        "project",
        str((project / ".coach" / "packs" / "team.yaml").resolve()),
    ]
    pitch = next(line for line in out if line.startswith("pitch "))
    on, total = pitch.split()[1].split("/")
    assert int(on) == int(total) - 1


def test_user_config_packs_follow_the_user_folder(tmp_path):
    listed = tmp_path / "listed.yaml"
    listed.write_text(pack_text("listed", "circle back"))
    locations.user_config_file().parent.mkdir(parents=True, exist_ok=True)
    locations.user_config_file().write_text(f"packs: [{listed}]\n")
    config = load_settings(tmp_path)
    assert [(s.path, s.origin) for s in config.pack_sources] == [(listed, "user config")]


def test_a_duplicate_across_discovered_packs_names_both_files(tmp_path):
    (tmp_path / ".coach" / "packs").mkdir(parents=True)
    first = tmp_path / ".coach" / "packs" / "a.yaml"
    first.write_text(pack_text("twin", "circle back"))
    locations.user_packs_dir().mkdir(parents=True)
    (locations.user_packs_dir() / "b.yaml").write_text(pack_text("twin", "circle back"))
    with pytest.raises(PackError) as caught:
        Coach(load_settings(tmp_path))
    message = str(caught.value)
    assert message.startswith(f"{first}:3: twin.phrase: duplicate rule id, first defined at ")
    assert str(locations.user_packs_dir() / "b.yaml") in message
