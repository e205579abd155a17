"""The weight fit: the engine's arithmetic, the fit itself, and the committed weights file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from coach.cli import main
from coach.engine.packs.builtin import builtin_rules_dir
from coach.engine.packs.sources import FITTED_WEIGHTS
from coach.fit import model
from coach.fit.crossval import stratified_folds
from coach.fit.firings import Firings, RuleTerm, collect
from coach.fit.metrics import auc
from tests.conftest import (
    BLIND,
    BLIND4,
    BLIND5,
    BLIND6,
    CORPUS,
    HOLDOUT,
    REAL,
    ROOT,
    corpus_rows,
    row_context,
)

# The sets `make weights` fits to (the Makefile's FIT_SETS) and the one it cross-validates.
FIT_SETS = (CORPUS, REAL, HOLDOUT, BLIND, BLIND4, BLIND5, BLIND6)


def test_the_fit_scores_exactly_as_the_engine_does(coach):
    rows = corpus_rows(CORPUS) + corpus_rows(REAL)
    firings, reports = collect(coach, [(r["message"], row_context(r)) for r in rows])
    assert list(model.score(firings)) == [r.score for r in reports]


def synthetic(seed: int = 7, rows: int = 600) -> tuple[Firings, np.ndarray]:
    """Two penalties and a bonus; only the first penalty and the bonus tell good from bad."""
    rng = np.random.default_rng(seed)
    terms = (
        RuleTerm("a.bad", False, 10, False),
        RuleTerm("a.noise", False, 10, False),
        RuleTerm("a.good", True, 5, False),
        RuleTerm("a.unused", False, 33, False),
    )
    fired = rng.random((rows, 4)) < [0.4, 0.4, 0.4, 0.0]
    z = 1.0 - 3.0 * fired[:, 0] + 2.0 * fired[:, 2]
    outcome = rng.random(rows) < 1 / (1 + np.exp(-z))
    return Firings(terms, fired, 15), outcome


def test_the_fit_recovers_the_hidden_weights_and_keeps_the_prior_without_data():
    firings, outcome = synthetic()
    fitted = model.fit(firings, outcome, np.ones(len(outcome)), sigma=10, groups=None)
    bad, noise, good, unused = fitted.values
    assert bad > 25  # 3 log-odds is about 41 points
    assert abs(noise - 10) < abs(bad - 10)
    assert good > 5
    assert unused == 33  # never fired: keeps its weight exactly
    assert (fitted.values == model.fit(firings, outcome, np.ones(len(outcome)), 10).values).all()


def test_a_tight_prior_keeps_the_hand_weights():
    firings, outcome = synthetic()
    fitted = model.fit(firings, outcome, np.ones(len(outcome)), sigma=0.01)
    assert list(fitted.values) == [10, 10, 5, 33]


def test_fitted_values_stay_in_the_pack_ranges():
    firings, outcome = synthetic()
    fitted = model.fit(firings, ~outcome, np.ones(len(outcome)), sigma=1000, groups=None)
    assert 0 <= fitted.values[0] <= 100 and 1 <= fitted.values[2] <= 30


def test_folds_are_stratified_and_deterministic():
    outcome = np.array([True] * 10 + [False] * 40)
    folds = stratified_folds(outcome, 5)
    assert (folds == stratified_folds(outcome, 5)).all()
    for fold in range(5):
        assert outcome[folds == fold].sum() == 2 and (~outcome[folds == fold]).sum() == 8


def test_auc_counts_ties_as_half():
    assert auc([1, 2, 3], [False, True, True]) == 1.0
    assert auc([1, 1], [False, True]) == 0.5
    assert auc([1, 2], [True, True]) is None


def test_the_committed_weights_are_what_make_weights_writes():
    """Stale weights (a rule changed or added since the fit) fail here: run `make weights`."""
    from coach.fit.labelled import fit_labelled

    text = fit_labelled(FIT_SETS, [REAL]).pack_text()
    assert (ROOT / "rules" / FITTED_WEIGHTS).read_text(encoding="utf-8") == text, (
        "rules/_weights.yaml is stale: run `make weights`"
    )


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """The built-in rules in a folder of their own, which the engine then loads."""
    copy = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), copy)
    monkeypatch.setattr("coach.engine.packs.sources.builtin_rules_dir", lambda: copy)
    return copy


def test_missing_weights_file_is_a_one_line_error(rules_copy, capsys):
    (rules_copy / FITTED_WEIGHTS).unlink()
    assert main(["check", "Hi Dana, what did you find?"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"coach: {rules_copy / FITTED_WEIGHTS}: the fitted weights are missing "
                   "(`make weights` writes them)"]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("pack: fitted-weights\noverrides: [\n", ":3:1: invalid YAML"),
        ("pack: fitted-weights\noverrides:\n  - id: pitch.we-sell\n    weight: 500\n", "100"),
        (
            "pack: fitted-weights\noverrides:\n  - id: pitch.no-such-rule\n    weight: 5\n",
            "unknown rule; the fitted weights are stale: run `make weights`",
        ),
        ("just text\n", "not a rule pack"),
    ],
)
def test_corrupt_weights_file_is_a_one_line_error(rules_copy, capsys, content, message):
    (rules_copy / FITTED_WEIGHTS).write_text(content, encoding="utf-8")
    assert main(["check", "Hi Dana, what did you find?"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(rules_copy / FITTED_WEIGHTS) in err[0]
    assert message in err[0]


def test_the_engine_uses_the_fitted_weights(coach):
    text = (ROOT / "rules" / FITTED_WEIGHTS).read_text(encoding="utf-8")
    fitted = [r for r in coach.rules if f"id: {r.id}\n" in text]
    assert fitted, "the fitted weights change no rule"
    hand = {r.id: r for p in coach.packs if p.name != "fitted-weights" for r in p.rules}
    assert any((r.weight, r.bonus) != (hand[r.id].weight, hand[r.id].bonus) for r in fitted)


def test_a_plain_check_never_imports_the_fit():
    code = textwrap.dedent(
        """
        import sys
        from coach.cli import main
        main(["check", "Hi Dana, your post on thin clients was useful."])
        print([m for m in ("coach.fit", "sklearn", "scipy") if m in sys.modules])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_a_pack_that_replaces_itself_keeps_what_its_earlier_version_changed():
    from coach.fit.learning import Learned, RuleChange
    from coach.fit.packfile import pack_text

    def change(rule_id, now, after, fired):
        return RuleChange(RuleTerm(rule_id, False, now, False), after, fired, 0.5, 0.5)

    changes = (change("a.moved", 20, 30, 9), change("a.kept", 40, 40, 0), change("a.same", 5, 5, 3))
    learned = Learned(np.array([30, 40, 5]), changes, np.zeros(1), np.ones(1, bool), 0.5, 0.6,
                      0.7, 5, 10.0)  # fmt: skip
    text = pack_text(
        "learned", "t", learned, ["p"], base={"a.moved": 20, "a.kept": 25, "a.same": 5}
    )
    assert "id: a.moved\n    weight: 30" in text and "id: a.kept\n    weight: 40" in text
    assert "a.same" not in text
