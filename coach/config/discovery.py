"""Where rule packs come from, in the order they load.

1. the built-in packs (added by the engine unless ``builtin_packs`` is off);
2. installed Python packages exposing the entry point group ``coach.packs``;
3. the user packs folder (``coach.config.locations.user_packs_dir()``, e.g. ~/.config/coach/packs);
4. the project's ``.coach/packs/`` found upward from the working directory;
5. ``packs:`` listed in configuration files, then ``--packs PATH`` on the command line.

An entry point names where the YAML files are, in one of two forms::

    [project.entry-points."coach.packs"]
    acme = "acme_coach_packs"                  # a package: the *.yaml files in its folder
    acme-extra = "acme_coach_packs:pack_dir"   # an attribute: a path, a callable returning
                                               # one, or a list of them

A package named without an attribute is located, not imported (only its parent packages are
imported, for a dotted name). Paths that are relative resolve against the module's folder.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coach.config import locations
from coach.engine.config import PackSource
from coach.engine.errors import PackError, Problem

ENTRY_POINT_GROUP = "coach.packs"


def discover_sources(
    start: Path | None = None,
    user_configured: Iterable[PackSource] = (),
    project_configured: Iterable[PackSource] = (),
) -> list[PackSource]:
    """Every pack source after the built-ins, in load order; raise ``PackError`` on a bad one.

    ``user_configured`` and ``project_configured`` are the ``packs:`` of the user and project
    configuration files; each follows the folder of the same level.
    """
    sources, problems = entry_point_sources()
    user_dir = locations.user_packs_dir()
    if user_dir.is_dir():
        sources.append(PackSource(user_dir, "user"))
    sources += user_configured
    project_dir = locations.find_upward(locations.PROJECT_PACKS_DIR, start)
    if project_dir is not None and project_dir.is_dir():
        sources.append(PackSource(project_dir, "project"))
    sources += project_configured
    if problems:
        raise PackError(*problems)
    return _unique(sources)


def entry_point_sources() -> tuple[list[PackSource], list[Problem]]:
    """Pack folders and files advertised by installed packages, sorted by distribution."""
    sources: list[PackSource] = []
    problems: list[Problem] = []
    found = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    for entry in sorted(found, key=lambda e: (_dist_name(e), e.name)):
        origin = f"entry point {entry.name} ({_dist_name(entry)})"
        try:
            located = _resolve(entry)
        except _EntryPointError as error:
            problems.append(
                Problem(
                    str(error),
                    f"entry point '{entry.name} = {entry.value}'",
                    field=_dist_name(entry),
                )
            )
            continue
        sources += [PackSource(path, origin) for path in located]
    return sources, problems


class _EntryPointError(Exception):
    """An entry point that does not lead to pack files."""


def _resolve(entry: importlib.metadata.EntryPoint) -> list[Path]:
    module_name, _, attribute = entry.value.partition(":")
    module_name, attribute = module_name.strip(), attribute.strip()
    try:
        spec = importlib.util.find_spec(module_name)
    except (ImportError, ValueError) as error:
        raise _EntryPointError(f"cannot find module '{module_name}': {error}") from None
    if spec is None or (spec.origin is None and not spec.submodule_search_locations):
        raise _EntryPointError(f"cannot find module '{module_name}'")
    if spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations)))
    else:
        folder = Path(str(spec.origin)).parent
    if not attribute:
        if not spec.submodule_search_locations:
            raise _EntryPointError(
                f"'{module_name}' is a module, not a package: name a package "
                "whose folder holds the YAML packs, or 'module:attribute'"
            )
        return [folder]
    try:
        value = entry.load()
        if callable(value):
            value = value()
    except Exception as error:  # third-party code: any failure is reported, never a traceback
        raise _EntryPointError(f"loading failed: {type(error).__name__}: {error}") from None
    return [_as_path(item, folder) for item in _as_list(value)]


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _as_path(value: Any, folder: Path) -> Path:
    if not isinstance(value, str | os.PathLike):
        raise _EntryPointError(
            f"gave {type(value).__name__}; expected a path to a pack file or "
            "folder (or a list of them)"
        )
    path = Path(value)
    path = path if path.is_absolute() else folder / path
    if not path.exists():
        raise _EntryPointError(f"no such file or folder: {path}")
    return path


def _dist_name(entry: importlib.metadata.EntryPoint) -> str:
    dist = getattr(entry, "dist", None)
    return dist.name if dist is not None else "unknown distribution"


def _unique(sources: list[PackSource]) -> list[PackSource]:
    """Drop a folder or file listed twice (the project folder also named in a config file)."""
    seen: set[Path] = set()
    result = []
    for source in sources:
        key = source.path.resolve()
        if key not in seen:
            seen.add(key)
            result.append(source)
    return result
