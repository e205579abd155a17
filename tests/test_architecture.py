"""The layers hold: import-linter's contracts (pyproject.toml) and no import cycle in coach/.

A cycle is looked for module by module in the static import graph (imports inside functions
count too; imports only for type checking do not), so a lazy import cannot hide one.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from coach.engine.errors import PackError

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the directed graph ``edges`` as a list of nodes, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_find_cycle_finds_one_and_only_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycles_in_coach():
    graph = grimp.build_graph("coach", exclude_type_checking_imports=True, cache_dir=None)
    edges = {
        module: {m for m in graph.find_modules_directly_imported_by(module) if m != module}
        for module in graph.modules
    }
    # A package's __init__ is imported by its submodules implicitly, not by an import statement,
    # so an edge from a package to its own submodule is no cycle.
    assert find_cycle(edges) == []


def _blocks(language: str) -> list[str]:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", doc, re.S)


def test_the_documented_kind_is_added_through_the_registry_alone(tmp_path):
    """docs/architecture.md's worked example: register a kind, then validate, compile and
    evaluate a pack that uses it, with no other module touched."""
    from coach.engine import Coach, kinds
    from coach.engine.packs.examples import check_examples
    from coach.engine.packs.json_schema import json_schema
    from coach.engine.packs.parse import load_pack

    (code,) = _blocks("python")
    (pack_text,) = _blocks("yaml")
    exec(compile(code, "docs/architecture.md", "exec"), {})
    try:
        assert "opening" in kinds.KINDS
        path = tmp_path / "openings.yaml"
        path.write_text(pack_text, encoding="utf-8")
        pack = load_pack(path)
        coach = Coach(packs=[pack])
        report = coach.check("We help teams like yours ship faster.")
        assert [f.rule_id for f in report.findings] == ["openings.starts-with-self"]
        assert report.findings[0].quote == "We"
        assert coach.check("Your talk on onboarding was useful.").findings == ()
        assert all(result.ok for result in check_examples(coach))
        assert "opening" in json_schema()["definitions"]["rule"]["properties"]["kind"]["enum"]
        path.write_text(pack_text.replace("words: [I, We]", "wrods: [I, We]"), "utf-8")
        with pytest.raises(PackError, match="unknown field 'wrods' for a opening rule"):
            load_pack(path)
    finally:
        kinds.unregister("opening")
    assert "opening" not in kinds.KINDS


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Known to be over, each with the change that will split it.
OVER_LIMIT: set[tuple[str, str]] = set()


def test_modules_and_functions_are_small():
    too_long = []
    for path in sorted((ROOT / "coach").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append((name, text.count("\n")))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and (name, node.name) not in OVER_LIMIT:
                    too_long.append((f"{name}:{node.name}", length))
    assert too_long == []
