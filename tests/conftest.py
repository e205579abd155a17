"""Shared fixtures: one engine per test process (loading spaCy takes a few seconds)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from coach.engine import Coach, Context, Recipient

ROOT = Path(__file__).resolve().parents[1]
# The shared corpora sit beside the checkout (../shared); a git worktree under wt/ is one
# level deeper, so look one folder further up too.
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
CORPUS = SHARED / "corpus" / "dev.csv"
REAL = SHARED / "corpus" / "real.csv"
HOLDOUT = ROOT / "tests" / "data" / "holdout.csv"
BLIND = ROOT / "tests" / "data" / "blind.csv"
BLIND4 = ROOT / "tests" / "data" / "blind4.csv"
BLIND5 = ROOT / "tests" / "data" / "blind5.csv"
BLIND6 = ROOT / "tests" / "data" / "blind6.csv"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Never read or write the real user's config or drafts."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COACH_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("COACH_DATA_DIR", str(base / "data"))


@pytest.fixture(scope="session")
def spacy_nlp():
    """The pipeline as spaCy loads it: its own attribute ruler and lemmatizer, which coach
    replaces by lookups (the tests compare the two)."""
    import spacy

    from coach.engine.nlp import candidate_models, installed

    return spacy.load(next(c for c in candidate_models("en_core_web_sm") if installed(c)))


def every_message(*extra: str) -> list[str]:
    """The messages of every labelled set (the corpora and tests/data), then ``extra``."""
    files = [CORPUS, REAL, *sorted((ROOT / "tests" / "data").glob("*.csv"))]
    return [row["message"] for path in files for row in corpus_rows(path)] + list(extra)


@pytest.fixture(scope="session")
def coach() -> Coach:
    engine = Coach()
    engine.compiled  # noqa: B018 - load the pipeline and compile the packs once
    return engine


def corpus_rows(path: Path = CORPUS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def row_context(row: dict[str, str]) -> Context:
    return Context(
        platform=row["platform"],
        recipient=Recipient(
            first_name=row["first_name"],
            company=row["company"],
            role=row["role"],
            notes=row["recipient_notes"],
        ),
    )
