"""How one configuration layer lands on the settings below it, and the app's rule toggles.

The order of the layers is stated once, in ``coach.config.load``. Files are read and checked by
``coach.config.files``; pack discovery is in ``coach.config.discovery``.
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from coach.config import locations
from coach.config.files import PYPROJECT, ConfigFile, read_config, read_pyproject, read_text
from coach.engine.config import EngineConfig
from coach.engine.errors import ConfigError
from coach.engine.packs.yamlsrc import parse_yaml, plain


def user_config() -> ConfigFile | None:
    path = locations.user_config_file()
    return read_config(path) if path.is_file() else None


def project_config(start: Path | None = None) -> ConfigFile | None:
    """The nearest ``.coach.yaml``, or pyproject.toml with ``[tool.coach]``, from ``start`` up."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / locations.PROJECT_CONFIG_NAME
        if candidate.is_file():
            return read_config(candidate)
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            found = read_pyproject(pyproject)
            if found is not None:
                return found
    return None


def apply_config(config: EngineConfig, layer: ConfigFile) -> EngineConfig:
    """``config`` with one file's settings on top (its packs are handled by discovery)."""
    values = layer.values
    changes = {
        key: values[key]
        for key in (
            "model",
            "builtin_packs",
            "platform",
            "connection_limit",
            "bonus_cap",
            "regex_timeout",
        )
        if key in values
    }
    if "bands" in values:
        changes["bands"] = replace(config.bands, **values["bands"])
        if changes["bands"].needs_work > changes["bands"].ready:
            line, column = layer.where("bands")
            raise ConfigError.at(
                "needs_work must not be above ready", str(layer.path), line, column, "bands"
            )
    if "sender" in values:
        changes["sender"] = replace(config.sender, **values["sender"])
    if "rules" in values:
        merged = {rule_id: dict(changes) for rule_id, changes in config.overrides.items()}
        for rule_id, rule_changes in values["rules"].items():
            merged.setdefault(rule_id, {}).update(rule_changes)
        changes["overrides"] = merged
    return with_toggles(
        replace(config, **changes), values.get("enable", ()), values.get("disable", ())
    )


def with_toggles(
    config: EngineConfig, enable: Iterable[str] = (), disable: Iterable[str] = ()
) -> EngineConfig:
    """A later layer's enable/disable on top of ``config``'s.

    A name a later layer turns off is no longer turned on by an earlier one (the same name, or
    one its glob or pack covers), and the other way round; within one layer enable wins.
    """
    enable, disable = tuple(enable), tuple(disable)
    enabled = [name for name in config.enable if not _covered(name, disable)]
    disabled = [name for name in config.disable if not _covered(name, enable)]
    enabled += [name for name in enable if name not in enabled]
    disabled += [name for name in disable if name not in disabled]
    return replace(config, enable=tuple(enabled), disable=tuple(disabled))


def _covered(name: str, patterns: tuple[str, ...]) -> bool:
    return any(
        name == p or fnmatch.fnmatchcase(name, p) or name.startswith(p + ".") for p in patterns
    )


# The user config file, as the app's packs screen edits it.


def user_toggles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(disabled, enabled) names saved in the user config file."""
    layer = user_config()
    if layer is None:
        return (), ()
    return tuple(layer.values.get("disable", ())), tuple(layer.values.get("enable", ()))


def set_rule_enabled(rule_id_or_pack: str, enabled: bool) -> None:
    """Save a rule (or pack, or glob) as on or off in the user config file.

    Toggling a pack or glob replaces earlier toggles of the rules it covers. The file is
    created if missing; its other settings are kept (comments are not: the file is rewritten).
    A broken file is reported, never overwritten.
    """
    name = rule_id_or_pack.strip()
    if not name:
        raise ConfigError.at("a rule id, glob or pack name is needed", field="enable")
    path = locations.user_config_file()
    data: dict[str, Any] = {}
    if path.is_file():
        read_config(path)
        data = plain(parse_yaml(read_text(path), str(path))) or {}
    add, remove = ("enable", "disable") if enabled else ("disable", "enable")
    for key in (add, remove):  # a pack's toggle replaces the toggles of its rules
        kept = [n for n in data.get(key, []) if not _covered(n, (name,))]
        data[key] = kept
        if not kept:
            del data[key]
    data[add] = [*data.get(add, []), name]
    _write_yaml(path, data)


def _write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".yaml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
