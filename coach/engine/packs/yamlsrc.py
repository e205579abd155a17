"""Reading YAML safely while remembering where every mapping and value came from.

The loader is PyYAML's safe loader (``CSafeLoader``, or ``SafeLoader`` without libyaml): nothing
in a file is ever executed. It only adds line and column numbers so that a problem in a pack or a
config file can be reported as ``path:line:col``.

Packs load automatically from a cloned project's ``.coach/packs/``, so a YAML file is untrusted:
before anything is built, a file over ``MAX_YAML_BYTES``, nested deeper than ``MAX_DEPTH``, with
more than ``MAX_ALIASES`` aliases or expanding (through aliases) to more than ``MAX_VALUES``
values is refused with a located error, so an alias bomb or a 5,000-deep nesting is one line,
never an out-of-memory or a RecursionError. A key given twice in one mapping is an error naming
both lines (``safe_load`` would keep the last one silently).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from coach.engine.errors import Problem

MAX_YAML_BYTES = 1_000_000  # the largest built-in pack is about 25 kB
MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_VALUES = 200_000


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
    _refuse_duplicate_keys(node)
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


def _refuse_duplicate_keys(node: yaml.MappingNode) -> None:
    """A key written twice in one mapping (merged ``<<`` keys may be overridden, as usual)."""
    first_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        line = key_node.start_mark.line + 1
        if key_node.value in first_lines:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key '{key_node.value}' on lines {first_lines[key_node.value]} and "
                f"{line}",
                key_node.start_mark,
            )
        first_lines[key_node.value] = line


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
    if len(text) > MAX_YAML_BYTES:
        raise YamlSyntaxError(Problem(_too_big(len(text)), path))
    try:
        _check_shape(text, path)
        return yaml.load(text, Loader=_LocatingLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        reason = error.problem or error.context or "invalid YAML"
        raise YamlSyntaxError(Problem(f"invalid YAML: {reason}", path, line, column)) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(Problem(f"invalid YAML: {error}", path)) from None


def _check_shape(text: str, path: str) -> None:
    """Refuse deep nesting, many aliases or a large expansion, from the event stream alone
    (libyaml's parser is not recursive and builds nothing)."""
    sizes = [0]  # values so far in each open collection, aliases expanded
    anchors: list[str | None] = []
    anchored: dict[str, int] = {}
    aliases = 0
    for event in yaml.parse(text, Loader=_SafeBase):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(sizes) > MAX_DEPTH:
                raise _shape_error(f"nested more than {MAX_DEPTH} levels deep", path, event)
            sizes.append(1)
            anchors.append(event.anchor)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size = sizes.pop()
            anchor = anchors.pop()
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _shape_error(f"more than {MAX_ALIASES} aliases", path, event)
            size, anchor = anchored.get(event.anchor or "", 1), None
        elif isinstance(event, yaml.ScalarEvent):
            size, anchor = 1, event.anchor
        else:
            continue
        if anchor:
            anchored[anchor] = size
        sizes[-1] += size
        if sizes[-1] > MAX_VALUES:
            raise _shape_error(
                f"expands to more than {MAX_VALUES:,} values (aliases of aliases?)", path, event
            )


def _shape_error(message: str, path: str, event: yaml.Event) -> YamlSyntaxError:
    line, column = event.start_mark.line + 1, event.start_mark.column + 1
    return YamlSyntaxError(Problem(f"invalid YAML: {message}", path, line, column))


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; packs and settings files may be {MAX_YAML_BYTES:,} at most"


def compose_yaml(path: Path) -> yaml.Node | None:
    """The YAML node tree of a file (for lints that need exact positions), within the same
    limits as ``read_yaml``; problems are raised as ``YamlSyntaxError``."""
    text = _read_text(path)
    try:
        _check_shape(text, str(path))
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise YamlSyntaxError(Problem(f"invalid YAML: {error}", str(path))) from None


def read_yaml(path: Path) -> Any:
    """Read and parse a YAML file, reporting unreadable files as located problems."""
    return parse_yaml(_read_text(path), str(path))


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise YamlSyntaxError(Problem(_too_big(size), str(path)))
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(Problem(f"not UTF-8 text ({error.reason})", str(path))) from None
    except OSError as error:
        raise YamlSyntaxError(Problem(f"cannot read file: {error.strerror}", str(path))) from None


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
