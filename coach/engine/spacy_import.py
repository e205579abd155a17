"""Importing spaCy without its command line.

``import spacy`` runs ``from .cli.info import info`` (for ``spacy.info``), which imports the
whole ``spacy.cli`` package: typer, weasel, httpx, requests and every CLI command, about a
third of spaCy's import time (0.3 s of CPU on this 2-core machine). Nothing a check does uses
them. ``import_spacy()`` imports spaCy with a placeholder for ``spacy.cli.info`` whose
``info`` imports the real one when called, then takes the placeholder out, so a later
``import spacy.cli`` (``spacy download``, ``spacy.cli.info``) gets the real package.

It also gives catalogue (spaCy's registries) its installed entry points by group: catalogue
keeps ``importlib.metadata.entry_points()`` and looks a registry's group up with ``select``,
a scan of every installed entry point, on each registry lookup (about 150 while a pipeline
loads: 40-50 ms of CPU on this machine). A dict of the same groups is the other form
catalogue reads (``AVAILABLE_ENTRY_POINTS.get(group, [])``); each group holds the same entry
points in the same order.

Call it before anything imports spaCy (the drafting app does, in its engine worker); once
spaCy is imported it does nothing.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

CLI = "spacy.cli"
INFO = "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, imported on first use."""
    return importlib.import_module(INFO).info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """The ``spacy`` module, imported without ``spacy.cli`` if it is not imported yet."""
    if "spacy" in sys.modules or CLI in sys.modules:
        return importlib.import_module("spacy")
    cli = types.ModuleType(CLI)
    cli.__path__ = []  # a package, so that ``spacy.cli.info`` can be found under it
    info = types.ModuleType(INFO)
    info.info = _info  # type: ignore[attr-defined]
    sys.modules[CLI], sys.modules[INFO] = cli, info
    try:
        spacy = importlib.import_module("spacy")
    finally:
        for name, placeholder in ((INFO, info), (CLI, cli)):
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
    if "spacy" in sys.modules and getattr(spacy, "cli", None) is cli:
        del spacy.cli  # the next ``spacy.cli`` access imports the real package
    index_entry_points()
    return spacy


def index_entry_points() -> None:
    """Hand catalogue its entry points as a dict by group (see the module docstring)."""
    import catalogue

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(found, "select") and hasattr(found, "groups"):
        catalogue.AVAILABLE_ENTRY_POINTS = {g: found.select(group=g) for g in found.groups}
