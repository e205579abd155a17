"""The engine is headless and private: no Textual, Rich or CLI in it, and no network, ever."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

# Rich itself arrives with spaCy (spaCy's own CLI imports typer); the engine's code must not.
FORBIDDEN = ("textual", "coach.cli", "coach.tui", "coach.commands", "coach.render", "coach.batch")
FORBIDDEN_IN_ENGINE_SOURCE = (
    "textual",
    "rich",
    "argparse",
    "click",
    "typer",
    "coach.cli",
    "coach.tui",
    "coach.commands",
    "coach.render",
    "coach.batch",
    "coach.config",
)
ENGINE = Path(__file__).resolve().parents[1] / "coach" / "engine"

NO_NETWORK_PRELUDE = textwrap.dedent(
    """
    import socket

    class NoNetwork(socket.socket):
        def __init__(self, *args, **kwargs):
            raise RuntimeError("network access attempted")

    def refuse(*args, **kwargs):
        raise RuntimeError("network access attempted")

    socket.socket = NoNetwork
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    """
)


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_engine_runs_without_textual_rich_or_cli():
    code = textwrap.dedent(
        f"""
        import json, sys
        from coach.engine import Coach, Context, Recipient
        report = Coach().check("Hi Dana, your post on thin clients was useful.",
                               Context(recipient=Recipient(first_name="Dana")))
        loaded = [m for m in {FORBIDDEN!r}
                  if any(name == m or name.startswith(m + ".") for name in sys.modules)]
        print(json.dumps({{"score": report.score, "loaded": loaded}}))
        """
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["loaded"] == []
    assert 0 <= outcome["score"] <= 100


def test_engine_source_imports_no_user_interface_module():
    offenders = []
    for source in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{source.name}: {name}"
                for name in names
                if any(
                    name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IN_ENGINE_SOURCE
                )
            ]
    assert offenders == []


def test_checking_and_the_cli_never_touch_the_network():
    code = NO_NETWORK_PRELUDE + textwrap.dedent(
        """
        from coach.engine import Coach, Context, Recipient
        coach = Coach()
        long_note = "Our comprehensive organizational transformation methodology facilitates " * 3
        for text in ("Hi Dana, I'd love to hear about your IT priorities.", long_note, ""):
            report = coach.check(text, Context(recipient=Recipient(first_name="Dana")))
        assert any(f.rule_id == "form.reading-grade" for f in coach.check(long_note).findings)
        from coach.cli import main
        assert main(["check", "Hi Dana, quick question about your roadmap."]) == 0
        print("offline ok")
        """
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert "offline ok" in result.stdout
    assert "network access attempted" not in result.stderr
