"""Every `coach` command in the README works as written: each exits as its comment says (0, or
1 where it says "exit 1"), never with a usage error (2) or a traceback, and the venv's `coach`
is on PATH once the venv is active.

The commands run in a scratch copy of the files they name, so the outputs they write
(scored.csv, .coach/packs/...) land there and not in the work tree; they run in this process
(through ``coach.cli.main``, as the installed command does) so spaCy loads once, not sixteen
times.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```\n(.*?)^```", re.MULTILINE | re.DOTALL)


def readme_commands() -> list[str]:
    """The shell commands of the README's code blocks that use the installed command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in FENCE.findall(text):
        for command in block.replace("\\\n", " ").splitlines():
            if re.match(r"(cat \S+ \| )?coach( |$)", command) and command not in commands:
                commands.append(command)
    return commands


def test_the_readme_has_its_examples():
    commands = readme_commands()
    assert len(commands) >= 12
    assert any(c.startswith("coach batch") for c in commands)
    assert any(c.startswith("coach packs") for c in commands)


def test_the_installed_command_is_on_path_in_the_venv(tmp_path):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        "coach --help", shell=True, cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0 and "check" in result.stdout


def _run(command: str) -> int:
    """Run a README command line in this process (the spaCy pipeline loads once per worker)."""
    words = shlex.split(command, comments=True)
    if words[0] == "cat":  # cat FILE | coach ...: FILE on standard input
        source, words = words[1], words[3:]
        stdin = io.TextIOWrapper(io.BytesIO(Path(source).read_bytes()), encoding="utf-8")
        sys.stdin = stdin
    try:
        return main(words[1:])
    except SystemExit as stop:  # --help
        return int(stop.code or 0)
    finally:
        sys.stdin = sys.__stdin__


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_works_as_written(command, tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    if ".coach/packs/" in command and "packs new" not in command:
        assert _run("coach packs new acme-rules") == 0
    code = _run(command)
    output = capsys.readouterr()
    assert code == (1 if "exit 1" in command else 0), output.err[-2000:]
    quiet = "--quiet" in command.split() or "-q" in command.split()
    assert output.out.strip() or Path("scored.csv").exists() or "-o" in command or quiet
