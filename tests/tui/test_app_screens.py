"""Drafts, campaign, packs and help screens, the command palette, and the real startup path."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import yaml
from textual.widgets import DataTable, Input, Markdown

from coach.config.locations import drafts_db_path, user_config_file
from coach.drafts import DraftStore
from coach.tui.app import CoachApp
from coach.tui.screens.campaign import export_path
from coach.tui.screens.drafts import DraftsScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.packs import PacksScreen
from tests.tui.conftest import (
    SIZE,
    SPAMMY,
    VALUE_FIRST,
    load,
    mounted,
    score_campaign,
    scored,
    wait_until,
)

FIXTURE = Path(__file__).parent / "fixtures" / "campaign.csv"


async def test_drafts_survive_an_app_restart(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, VALUE_FIRST)
        app.main.query_one("#recipient-first_name", Input).value = "Dana"
        await wait_until(
            pilot,
            lambda: (
                app.main.draft_id is not None
                and app.store.get(app.main.draft_id).context.recipient.first_name == "Dana"
            ),
            timeout=5,
            what="the autosave",
        )
        saved_id = app.main.draft_id
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await scored(pilot)
        assert again.main.draft_id == saved_id
        assert again.main.editor.text == VALUE_FIRST
        assert again.main.query_one("#recipient-first_name", Input).value == "Dana"
        assert again.main.report.score == again.store.get(saved_id).score


async def test_drafts_screen_opens_duplicates_and_deletes(make_app):
    store = DraftStore()
    first = store.save(None, SPAMMY, CoachApp(coach=None).base_context())
    second = store.save(None, VALUE_FIRST, CoachApp(coach=None).base_context())
    app = make_app(store=store, open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen), what="drafts")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert [d.id for d in app.screen.drafts] == [second.id, first.id]
        await pilot.press("d")
        assert table.row_count == 3 and len(store.list()) == 3
        await pilot.press("down", "x")
        assert table.row_count == 2
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is app.main, what="main screen")
        opened = app.main.draft_id
        assert app.main.editor.text == store.get(opened).text
        await scored(pilot)


async def test_campaign_screen_scores_a_file_and_opens_a_row(make_app, tmp_path):
    campaign = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, campaign)
    rows = list(csv.DictReader(campaign.open(encoding="utf-8")))
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await score_campaign(pilot, app, campaign, rows=len(rows))
        table = screen.query_one(DataTable)
        assert table.row_count == len(rows)
        assert screen.query_one("#campaign-progress").percentage == 1.0
        await pilot.press("s")  # lowest score first
        lowest = min(s.report.score for s in screen.scored)
        assert table.get_row_at(0)[1] == lowest
        await pilot.press("e")
        exported = export_path(campaign)
        assert len(list(csv.DictReader(exported.open(encoding="utf-8")))) == len(rows)
        table.move_cursor(row=0)
        row_key = table.coordinate_to_cell_key((0, 0)).row_key
        chosen = screen.scored[int(row_key.value)]
        table.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is app.main, what="main screen")
        assert app.main.editor.text == chosen.row.text
        recipient = app.main.query_one("#recipient-first_name", Input).value
        assert recipient == chosen.row.context.recipient.first_name
        await scored(pilot)
        assert app.main.report.score == chosen.report.score
        assert app.main.draft_id is not None


async def test_packs_screen_toggles_a_rule_into_the_user_config(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, SPAMMY)
        fired = app.main.report.penalties[0].rule_id
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, PacksScreen), what="packs")
        screen = app.screen
        index = screen.rows.index((fired, False))
        screen.query_one(DataTable).move_cursor(row=index)
        await pilot.press("space")
        await wait_until(
            pilot, lambda: app.coach.rule(fired) is None, timeout=20, what="the rebuilt engine"
        )
        config = yaml.safe_load(user_config_file().read_text(encoding="utf-8"))
        assert fired in config["disable"]
        assert not screen.is_on(index)
        await pilot.press("escape")
        await scored(pilot)
        await wait_until(
            pilot,
            lambda: fired not in {f.rule_id for f in app.main.report.findings},
            what="a score without the rule",
        )
        await wait_until(pilot, lambda: app.main.draft_id is not None, what="the autosave")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen), what="drafts")
        listed = app.screen.query_one(DataTable).get_row_at(0)
        assert str(listed[2]) == str(app.main.report.score)  # the score under the new rules


async def test_help_and_command_palette(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        markdown = app.screen.query_one(Markdown)
        assert "five lessons" in markdown.source
        await pilot.press("escape")
        titles = {command.title for command in app.get_system_commands(app.main)}
        assert {
            "Help",
            "Drafts",
            "Campaign",
            "Packs",
            "Apply fix",
            "Rewrite",
            "Next finding",
            "Previous finding",
            "New draft",
            "Save version",
        } <= titles
        keys = {binding.key for _, binding, *_ in app.main.active_bindings.values()}
        assert {
            "f1",
            "f2",
            "f3",
            "f4",
            "ctrl+f",
            "ctrl+r",
            "f8",
            "shift+f8",
            "ctrl+n",
            "ctrl+s",
        } <= keys


async def test_first_frame_comes_before_the_model_and_scoring_starts_when_ready():
    app = CoachApp(cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        status = str(app.main.query_one("#status").render())
        assert app.coach is None and "Loading language model" in status
        app.main.editor.load_text(SPAMMY)
        await wait_until(pilot, lambda: app.coach is not None, timeout=60, what="the model")
        await scored(pilot)
        assert "Ready" in str(app.main.query_one("#status").render())


async def test_a_corrupt_drafts_database_is_reported_and_replaced(make_app):
    path = drafts_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not sqlite at all " * 100)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)
        messages = [n.message for n in app._notifications]
        assert any("moved to" in m for m in messages)
        await load(pilot, VALUE_FIRST)
        await wait_until(pilot, lambda: app.store.list() != [], timeout=5, what="the autosave")
    assert list(path.parent.glob("drafts.sqlite3.corrupt-*"))
