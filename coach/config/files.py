"""Configuration files: reading ``.coach.yaml``, ``[tool.coach]`` and the user config strictly.

Every key is checked; unknown keys and bad values are ``ConfigError``s naming the file, line and
key (``.coach.yaml:4:1: platfrom: unknown setting 'platfrom' (did you mean 'platform'?)``).
YAML keeps positions through ``coach.engine.packs.yamlsrc``; TOML has none, so keys are found by
reading the text. How files combine is in ``coach.config.settings``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.engine.errors import ConfigError, Problem, did_you_mean
from coach.engine.models import Resource
from coach.engine.packs.fields import RULE_CHANGES, RULE_ID, change_problem
from coach.engine.packs.yamlsrc import Located, LocatedList, YamlSyntaxError, parse_yaml

SETTINGS: dict[str, str] = {
    "model": "the spaCy English pipeline to load (default: en_core_web_sm)",
    "builtin_packs": "false to leave out the built-in packs",
    "packs": "extra pack files or folders; relative paths start at the config file's folder",
    "disable": "rules, globs of rules ('pitch.*') or whole packs to turn off",
    "enable": "rules, globs or packs to turn on; the most specific of enable and disable decides",
    "rules": "per-rule changes: a rule id mapped to " + ", ".join(RULE_CHANGES),
    "platform": "the default platform: linkedin-connection, linkedin-message, inmail or email",
    "connection_limit": "the connection-note limit: 200 (free accounts) or 300 (premium)",
    "bands": "score thresholds: ready (default 80) and needs_work (default 50)",
    "bonus_cap": "the most points value-first signals can add (default 15)",
    "regex_timeout": "seconds one pack regex may run on one message (default 0.25)",
    "sender": "who writes: name, company, products (names of what you sell) and resources "
    "(title, topic, link) that rewrites can offer",
}
SENDER_FIELDS = ("name", "company", "products", "resources")
RESOURCE_FIELDS = ("title", "topic", "link")
PYPROJECT = "pyproject.toml"

Where = Callable[..., tuple[int, int]]


@dataclass(frozen=True)
class ConfigFile:
    """One configuration file, validated: the settings it gives and where each key was."""

    path: Path
    values: dict[str, Any]
    where: Where


def read_config(path: Path) -> ConfigFile:
    """Read and validate one YAML configuration file."""
    if path.name == PYPROJECT:
        found = read_pyproject(path)
        return found or ConfigFile(path, {}, lambda *keys: (1, 1))
    text = read_text(path)
    try:
        data = parse_yaml(text, str(path))
    except YamlSyntaxError as error:
        raise ConfigError(error.problem) from None
    where = _yaml_where(data)
    return ConfigFile(path, parse_config(data, path, where), where)


# Validation: one checker per file, collecting every problem before raising.


class _Checker:
    def __init__(self, path: Path, where: Where) -> None:
        self.path, self.where = path, where
        self.problems: list[Problem] = []

    def fail(self, message: str, *keys: Any) -> None:
        line, column = self.where(*keys)
        self.problems.append(
            Problem(message, str(self.path), line, column, ".".join(str(k) for k in keys))
        )

    def text(self, value: Any, *keys: Any) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail("must be text", *keys)
        return None

    def texts(self, value: Any, *keys: Any) -> tuple[str, ...] | None:
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.fail("must be a list of text", *keys)
        return None

    def whole(self, value: Any, low: int, high: int, *keys: Any) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.fail(f"must be a whole number from {low} to {high}", *keys)
        return None


def parse_config(data: Any, path: Path, where: Where) -> dict[str, Any]:
    """Validate parsed settings; raise ``ConfigError`` listing every problem."""
    check = _Checker(path, where)
    if data is None:
        return {}
    if not isinstance(data, dict):
        check.fail("a configuration file is a mapping of settings (see docs/rule-packs.md)")
        raise ConfigError(*check.problems)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS:
            check.fail(
                f"unknown setting '{key}'{did_you_mean(key, SETTINGS)}; expected one of "
                f"{', '.join(SETTINGS)}",
                key,
            )
            continue
        parsed = _PARSERS[key](value, check, path.parent)
        if parsed is not None:
            values[key] = parsed
    if check.problems:
        raise ConfigError(*check.problems)
    return values


def _model(value: Any, check: _Checker, base: Path) -> Any:
    return check.text(value, "model")


def _builtin_packs(value: Any, check: _Checker, base: Path) -> Any:
    if isinstance(value, bool):
        return value
    check.fail("must be true or false", "builtin_packs")
    return None


def _packs(value: Any, check: _Checker, base: Path) -> Any:
    names = check.texts(value, "packs")
    if names is None:
        return None
    result = []
    for index, name in enumerate(names):
        path = Path(name).expanduser()
        path = path if path.is_absolute() else base / path
        if not path.exists():
            check.fail(f"no such pack file or folder: {path}", "packs", index)
        result.append(path)
    return tuple(result)


def _toggle_list(key: str) -> Callable[[Any, _Checker, Path], Any]:
    return lambda value, check, base: check.texts(value, key)


def _rules(value: Any, check: _Checker, base: Path) -> Any:
    if not isinstance(value, dict):
        check.fail("must map rule ids to changes, e.g. 'pitch.we-sell: {weight: 10}'", "rules")
        return None
    result: dict[str, dict[str, Any]] = {}
    for rule_id, changes in value.items():
        if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
            check.fail(f"'{rule_id}' is not a rule id such as 'pitch.we-sell'", "rules", rule_id)
            continue
        if not isinstance(changes, dict) or not changes:
            check.fail("must map weight, bonus, severity or enabled to a value", "rules", rule_id)
            continue
        for key, change in changes.items():
            if key not in RULE_CHANGES:
                check.fail(
                    f"unknown rule change '{key}'{did_you_mean(key, RULE_CHANGES)}; "
                    f"expected one of {', '.join(RULE_CHANGES)}",
                    "rules",
                    rule_id,
                    key,
                )
            elif problem := change_problem(key, change):
                check.fail(problem, "rules", rule_id, key)
            else:
                result.setdefault(rule_id, {})[key] = change
    return result


def _platform(value: Any, check: _Checker, base: Path) -> Any:
    from coach.engine.platforms import platform_names

    names = platform_names()
    if value in names:
        return value
    check.fail(
        f"unknown platform '{value}'{did_you_mean(value, names)}; expected one of "
        f"{', '.join(names)}",
        "platform",
    )
    return None


def _connection_limit(value: Any, check: _Checker, base: Path) -> Any:
    if value in (200, 300) and not isinstance(value, bool):
        return value
    check.fail("must be 200 (free accounts) or 300 (premium)", "connection_limit")
    return None


def _bands(value: Any, check: _Checker, base: Path) -> Any:
    if not isinstance(value, dict):
        check.fail("must be a mapping with ready and needs_work", "bands")
        return None
    result = {}
    for key, number in value.items():
        if key not in ("ready", "needs_work"):
            check.fail(
                f"unknown band '{key}'{did_you_mean(key, ('ready', 'needs_work'))}; "
                "expected ready or needs_work",
                "bands",
                key,
            )
        elif check.whole(number, 0, 100, "bands", key) is not None:
            result[key] = number
    return result


def _bonus_cap(value: Any, check: _Checker, base: Path) -> Any:
    return check.whole(value, 0, 100, "bonus_cap")


def _regex_timeout(value: Any, check: _Checker, base: Path) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 10:
        return float(value)
    check.fail("must be a number of seconds above 0 and at most 10", "regex_timeout")
    return None


def _sender(value: Any, check: _Checker, base: Path) -> Any:
    if not isinstance(value, dict):
        check.fail("must be a mapping with name, company, products and resources", "sender")
        return None
    result: dict[str, Any] = {}
    for key, item in value.items():
        if key not in SENDER_FIELDS:
            check.fail(
                f"unknown sender field '{key}'{did_you_mean(key, SENDER_FIELDS)}; "
                f"expected one of {', '.join(SENDER_FIELDS)}",
                "sender",
                key,
            )
        elif key in ("name", "company"):
            result[key] = check.text(item, "sender", key)
        elif key == "products":
            result[key] = check.texts(item, "sender", key)
        else:
            result[key] = _resources(item, check)
    return result


def _resources(value: Any, check: _Checker) -> tuple[Resource, ...] | None:
    if not isinstance(value, list):
        check.fail("must be a list of {title, topic, link}", "sender", "resources")
        return None
    result = []
    for index, item in enumerate(value):
        keys = ("sender", "resources", index)
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            check.fail("a resource is a mapping with a 'title' (and 'topic', 'link')", *keys)
            continue
        unknown = [k for k in item if k not in RESOURCE_FIELDS]
        for key in unknown:
            check.fail(
                f"unknown resource field '{key}'{did_you_mean(key, RESOURCE_FIELDS)}", *keys, key
            )
        if not all(isinstance(item.get(k, ""), str) for k in RESOURCE_FIELDS):
            check.fail("title, topic and link must be text", *keys)
        elif not unknown:
            result.append(Resource(**{k: item[k] for k in RESOURCE_FIELDS if k in item}))
    return tuple(result)


_PARSERS: dict[str, Callable[[Any, _Checker, Path], Any]] = {
    "model": _model,
    "builtin_packs": _builtin_packs,
    "packs": _packs,
    "disable": _toggle_list("disable"),
    "enable": _toggle_list("enable"),
    "rules": _rules,
    "platform": _platform,
    "connection_limit": _connection_limit,
    "bands": _bands,
    "bonus_cap": _bonus_cap,
    "regex_timeout": _regex_timeout,
    "sender": _sender,
}


# Reading files and locating keys in them.


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ConfigError.at(f"cannot read configuration: {reason}", str(path)) from None


def _yaml_where(data: Any) -> Where:
    def where(*keys: Any) -> tuple[int, int]:
        node, position = data, (1, 1)
        for key in keys:
            if isinstance(node, Located) and key in node:
                position, node = node.position_of(str(key)), node[key]
            elif isinstance(node, LocatedList) and isinstance(key, int) and key < len(node):
                position, node = node.position_of(key), node[key]
            else:
                break
        return position

    return where


def read_pyproject(path: Path) -> ConfigFile | None:
    """``[tool.coach]`` of a pyproject.toml, or None when it has none."""
    text = read_text(path)
    if not re.search(r"^\s*\[\s*tool\s*\.\s*coach\b|^\s*coach\s*[.=]", text, re.MULTILINE):
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+), column (\d+)", str(error))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        raise ConfigError.at(
            f"invalid TOML: {str(error).split(' (at')[0]}", str(path), line, column
        ) from None
    section = data.get("tool", {}).get("coach")
    if section is None:
        return None
    where = _toml_where(text)
    return ConfigFile(path, parse_config(section, path, where), where)


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def _toml_where(text: str) -> Where:
    """Finds a key's line in ``[tool.coach]`` by reading the text (tomllib keeps no positions)."""
    lines = text.splitlines()
    headers = [(i, _table_name(m[1])) for i, line in enumerate(lines) if (m := _HEADER.match(line))]

    def where(*keys: Any) -> tuple[int, int]:
        names = [str(k) for k in keys if not isinstance(k, int)]
        for depth in range(len(names), -1, -1):
            table = _table_name(".".join(["tool", "coach", *names[:depth]]))
            for number, (index, name) in enumerate(headers):
                if name != table:
                    continue
                if depth == len(names):
                    return index + 1, 1
                end = headers[number + 1][0] if number + 1 < len(headers) else len(lines)
                key = re.compile(rf"^(\s*)[\"']?{re.escape(names[depth])}[\"']?\s*[=.]")
                for row in range(index + 1, end):
                    if found := key.match(lines[row]):
                        return row + 1, len(found[1]) + 1
                return index + 1, 1
        return 1, 1

    return where


def _table_name(name: str) -> str:
    return re.sub(r"[\s\"']", "", name)
