"""The report kept with a saved draft: shown at startup only for exactly the same text, context
and rule set, written once the engine has scored the saved text, read back as the same value."""

from __future__ import annotations

from dataclasses import replace

from coach.drafts import DraftStore
from coach.engine.config import EngineConfig
from coach.engine.models import Context, Recipient, Sender
from coach.tui.app import CoachApp
from coach.tui.report_cache import dump_report, load_report, report_key, rules_fingerprint
from coach.tui.widgets.score import ScorePanel
from tests.tui.conftest import SIZE, SPAMMY, VALUE_FIRST, mounted, scored, wait_until

CONTEXT = Context(recipient=Recipient(first_name="John", company="Acme"))


class NoEngine(CoachApp):
    """The app before its engine is ready: the model never loads, nothing is checked."""

    def start_model(self) -> None:
        return None


def _saved_with_report(coach, config: EngineConfig, text: str = SPAMMY):
    """A saved draft with the report the engine gives it, kept under the rules' fingerprint."""
    store = DraftStore()
    draft = store.save(None, text, CONTEXT)
    report = coach.check(text, CONTEXT)
    key = report_key(rules_fingerprint(config), text, CONTEXT)
    store.save_report(draft.id, key, dump_report(report))
    return store, draft, report


def test_a_report_reads_back_as_the_same_value(warm_coach):
    report = warm_coach.check(SPAMMY, CONTEXT)
    assert any(f.edit for f in report.findings) and report.categories
    assert load_report(dump_report(report)) == report
    assert load_report("{not json") is None
    assert load_report('{"score": 3}') is None


def test_the_key_changes_with_text_context_and_rule_set(tmp_path):
    config = EngineConfig()
    fingerprint = rules_fingerprint(config)
    assert rules_fingerprint(EngineConfig()) == fingerprint  # stable while nothing changes
    key = report_key(fingerprint, SPAMMY, CONTEXT)
    others = [
        report_key(fingerprint, SPAMMY + " ", CONTEXT),
        report_key(fingerprint, SPAMMY, replace(CONTEXT, platform="email")),
        report_key(fingerprint, SPAMMY, replace(CONTEXT, recipient=Recipient(first_name="Jo"))),
        report_key(fingerprint, SPAMMY, replace(CONTEXT, sender=Sender(name="Sam"))),
        report_key(rules_fingerprint(replace(config, disable=("pitch",))), SPAMMY, CONTEXT),
        report_key(rules_fingerprint(replace(config, bonus_cap=10)), SPAMMY, CONTEXT),
    ]
    assert key not in others and len(set(others)) == len(others)
    pack = tmp_path / "mine.yaml"
    pack.write_text("pack: mine\nrules: []\n")
    with_pack = replace(config, packs=(pack,))
    before = rules_fingerprint(with_pack)
    pack.write_text("pack: mine\nrules: []\n# edited\n")
    assert rules_fingerprint(with_pack) != before  # the pack's bytes, not only its path


def test_the_store_gives_a_kept_report_only_for_its_key():
    store = DraftStore()
    draft = store.save(None, SPAMMY, CONTEXT)
    store.save_report(draft.id, "key-1", "report one")
    assert store.report(draft.id, "key-1") == "report one"
    assert store.report(draft.id, "key-2") is None
    store.save_report(draft.id, "key-2", "report two")  # one report a draft: the last
    assert store.report(draft.id, "key-1") is None
    assert store.report(draft.id, "key-2") == "report two"
    store.delete(draft.id)
    assert store.report(draft.id, "key-2") is None
    store.save_report(draft.id, "key-3", "of a deleted draft")  # not kept
    assert store._db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0


async def test_a_restored_draft_shows_its_kept_score_before_the_engine_loads(warm_coach):
    store, draft, report = _saved_with_report(warm_coach, warm_coach.config)
    app = NoEngine(config=warm_coach.config, store=store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)
        main = app.main
        assert app.coach is None and main.draft_id == draft.id
        assert main.is_scored() and main.report == report
        shown = app.main.query_one("#score", ScorePanel)
        assert shown.query_one("#score-digits").value == str(report.score)
        assert main.findings.findings  # the findings of that report, fixes included


async def test_a_kept_report_of_another_text_or_rule_set_is_not_shown(warm_coach):
    store, draft, _ = _saved_with_report(warm_coach, warm_coach.config)
    store.save(draft.id, SPAMMY + " Thanks!", CONTEXT)  # edited since the report was kept
    app = NoEngine(config=warm_coach.config, store=store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)
        assert app.main.report is None and not app.main.is_scored()
    store, draft, _ = _saved_with_report(warm_coach, warm_coach.config, VALUE_FIRST)
    other_rules = replace(warm_coach.config, bonus_cap=5)
    app = NoEngine(config=other_rules, store=store, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)
        assert app.main.draft_id == draft.id and app.main.report is None


async def test_the_engine_keeps_the_report_of_the_saved_draft(make_app):
    store = DraftStore()
    draft = store.save(None, VALUE_FIRST, CONTEXT)
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await scored(pilot)
        key = report_key(app.fingerprint, VALUE_FIRST, app.main._draft_context)
        await wait_until(pilot, lambda: store.report(draft.id, key) is not None, what="kept")
        assert load_report(store.report(draft.id, key)) == app.main.report
