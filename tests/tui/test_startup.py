"""The first frame must not wait for spaCy: importing the app loads neither spaCy nor the
engine's pipeline (checked in a fresh interpreter, as harlequin checks its core)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_app_does_not_load_spacy():
    code = (
        "import sys, coach.tui.app; coach.tui.app.CoachApp(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_engine_and_drafts_do_not_import_textual():
    code = (
        "import sys, coach.engine.coach, coach.drafts; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
