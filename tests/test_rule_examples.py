"""Every built-in rule proves itself: its must-fire examples fire it, its must-pass ones do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.engine.models import PROBLEMS
from coach.engine.packs.examples import check_examples
from coach.engine.packs.resolve import resolve_rules
from coach.engine.packs.sources import builtin_sources, load_packs
from coach.engine.platforms import article_titles

BUILTIN_RULES = resolve_rules(load_packs(builtin_sources()))


@pytest.fixture(scope="module")
def example_results(coach):
    results: dict[str, list] = {}
    for result in check_examples(coach):
        results.setdefault(result.rule_id, []).append(result)
    return results


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.id)
def test_rule_examples_behave(rule, example_results):
    results = example_results[rule.id]
    failures = [f"{r.expected}: {r.text!r} ({r.path}:{r.line})" for r in results if not r.ok]
    assert not failures, f"{rule.id} examples that misbehave:\n" + "\n".join(failures)


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.id)
def test_rule_is_documented_and_cites_an_article(rule):
    assert rule.fire_examples and rule.pass_examples
    assert rule.message and rule.why and rule.suggestion and rule.title
    assert rule.source in article_titles(), f"{rule.id} cites unknown source {rule.source!r}"
    assert rule.problem is None or rule.problem in PROBLEMS


def test_every_corpus_problem_has_a_rule_that_declares_it():
    declared = {rule.problem for rule in BUILTIN_RULES}
    assert set(PROBLEMS) <= declared


def test_one_pack_per_concern_named_after_its_file():
    for rule in BUILTIN_RULES:
        assert Path(rule.path).stem == rule.pack, f"{rule.id} lives in {rule.path}"
