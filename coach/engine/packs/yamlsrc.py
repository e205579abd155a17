"""Reading YAML safely while remembering where every mapping and value came from.

The loader is PyYAML's safe loader (``CSafeLoader``, or ``SafeLoader`` without libyaml): nothing
in a file is ever executed. It only adds line and column numbers so that a problem in a pack or a
config file can be reported as ``path:line:col``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from coach.engine.errors import Problem


class Located(dict):
    """A mapping that knows its own position and the position of each key (1-based)."""

    line: int = 0
    column: int = 0
    key_positions: dict[str, tuple[int, int]]

    def position_of(self, key: str) -> tuple[int, int]:
        return self.key_positions.get(key, (self.line, self.column))


class LocatedList(list):
    """A sequence that knows its position and the position of each item (1-based)."""

    line: int = 0
    column: int = 0
    item_positions: list[tuple[int, int]]

    def position_of(self, index: int) -> tuple[int, int]:
        if 0 <= index < len(self.item_positions):
            return self.item_positions[index]
        return (self.line, self.column)


# libyaml's safe loader when PyYAML was built with it (about six times faster), else pure Python.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LocatingLoader(_SafeBase):
    """A safe loader that builds ``Located`` mappings and ``LocatedList`` sequences."""


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.line, result.column = _mark(node)
    result.key_positions = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_positions[str(key)] = _mark(key_node)
    return result


def _construct_sequence(loader: _LocatingLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.column = _mark(node)
    result.item_positions = [_mark(child) for child in node.value]
    return result


_LocatingLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LocatingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence
)


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML text safely; a syntax error becomes a located ``Problem`` raised as ValueError."""
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            indent = line[: len(line) - len(line.lstrip())]
            if "\t" in indent:
                raise YamlSyntaxError(
                    Problem(
                        "tab used for indentation; indent with spaces",
                        path,
                        number,
                        indent.index("\t") + 1,
                    )
                )
    try:
        return yaml.load(text, Loader=_LocatingLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        reason = error.problem or error.context or "invalid YAML"
        raise YamlSyntaxError(Problem(f"invalid YAML: {reason}", path, line, column)) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(Problem(f"invalid YAML: {error}", path)) from None


def read_yaml(path: Path) -> Any:
    """Read and parse a YAML file, reporting unreadable files as located problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(Problem(f"not UTF-8 text ({error.reason})", str(path))) from None
    except OSError as error:
        raise YamlSyntaxError(Problem(f"cannot read file: {error.strerror}", str(path))) from None
    return parse_yaml(text, str(path))


class YamlSyntaxError(ValueError):
    """A YAML file that could not be parsed; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def plain(value: Any) -> Any:
    """Strip position bookkeeping: ordinary dicts and lists (for spaCy, or to write back)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
