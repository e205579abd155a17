"""The labelled corpora for benchmarks, loaded as the tests load them."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ahead of any third-party top-level "tests" package

from tests.conftest import CORPUS, REAL, corpus_rows, row_context  # noqa: E402

__all__ = ["CORPUS", "REAL", "ROOT", "corpus_rows", "row_context"]
