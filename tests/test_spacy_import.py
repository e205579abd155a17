"""spaCy imported without its command line still loads pipelines and still has its CLI."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from coach.engine.spacy_import import import_spacy
spacy = import_spacy()
light = not any(name in sys.modules for name in ("spacy.cli", "weasel", "typer", "httpx"))
from coach.engine import Coach
report = Coach().check("We help companies like yours save 15% on licensing. Quick call?")
import spacy.cli
print(light, report.score < 100, callable(spacy.cli.download), callable(spacy.info))
"""


def test_spacy_without_its_cli_checks_and_keeps_the_cli_importable():
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["True", "True", "True", "True"]


INDEX = """
import importlib.metadata, catalogue
from coach.engine.spacy_import import import_spacy
before = catalogue.AVAILABLE_ENTRY_POINTS
spacy = import_spacy()
after = catalogue.AVAILABLE_ENTRY_POINTS
groups = sorted(before.groups)
same = all(list(after.get(g, [])) == list(importlib.metadata.entry_points(group=g)) for g in groups)
factories = importlib.metadata.entry_points(group="spacy_factories")
print(isinstance(after, dict), same, len(groups) > 0,
      sorted(spacy.registry.factories.get_entry_points()) == sorted(e.name for e in factories))
"""


def test_catalogue_gets_the_same_entry_points_by_group():
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", INDEX],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True", "True", "True", "True"]
