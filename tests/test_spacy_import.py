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
