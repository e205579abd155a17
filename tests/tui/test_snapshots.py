"""What a person sees: the main screen, the rewrite view and the drafts screen at 80x24 (the
floor), 120x40 and 160x50. Fixed size, no clock, no cursor blink; the engine is the real one.
Each snapshot also asserts the sizes that make the screen usable and that the score shows.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs in __snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from coach.drafts import DraftStore
from coach.tui.screens.drafts import DraftsScreen
from coach.tui.screens.rewrite import RewriteScreen
from tests.tui.conftest import SPAMMY, VALUE_FIRST, fill, load, mounted, scored, wait_until

SIZES = [(80, 24), (120, 40), (160, 50)]
SMALLEST = SIZES[0]
# The editor's text area at least this big (columns, lines) at each size.
EDITOR = {(80, 24): (44, 8), (120, 40): (44, 12), (160, 50): (66, 18)}
RECIPIENT = {"recipient-first_name": "John", "recipient-notes": "posted about CRM migrations"}


def _visible(widget) -> bool:
    region, screen = widget.region, widget.screen.region
    return widget.display and region.area > 0 and screen.contains_region(region)


def _score_shown(main) -> str:
    """The text of the widget that shows the score at this size."""
    widget = main.query_one("#compact-bar" if main.has_class("-narrow") else "#score-line")
    assert _visible(widget)
    return str(widget.render())


async def _drafting(pilot: Pilot, text: str, recipient: dict[str, str] = RECIPIENT) -> None:
    await mounted(pilot)
    main = pilot.app.main
    for name, value in recipient.items():
        fill(main, name, value)
    await load(pilot, text)
    main.findings.focus()
    await pilot.press("down")
    await scored(pilot)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_main_screen(snap_compare, make_app, size):
    async def run_before(pilot: Pilot) -> None:
        await _drafting(pilot, SPAMMY)
        main = pilot.app.main
        columns, lines = EDITOR[size]
        assert main.editor.size.width >= columns and main.editor.size.height >= lines
        assert f"Score {main.report.score}/100" in _score_shown(main)
        assert _visible(main.findings) and _visible(main.query_one("#detail"))

    app = make_app(open_latest=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_main_screen_value_first_draft(snap_compare, make_app):
    async def run_before(pilot: Pilot) -> None:
        recipient = {
            "recipient-first_name": "Dana",
            "recipient-company": "Northfield University",
            "recipient-role": "Director of IT",
            "recipient-notes": "posted about moving student labs to thin clients",
        }
        await _drafting(pilot, VALUE_FIRST, recipient)
        assert pilot.app.main.report.band == "ready to send"

    app = make_app(open_latest=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_rewrite_view(snap_compare, make_app, size):
    async def run_before(pilot: Pilot) -> None:
        await mounted(pilot)
        for name, value in RECIPIENT.items():
            fill(pilot.app.main, name, value)
        await load(pilot, SPAMMY)
        await pilot.press("ctrl+r")
        await wait_until(
            pilot, lambda: isinstance(pilot.app.screen, RewriteScreen), what="the rewrite view"
        )
        await pilot.pause()
        screen = pilot.app.screen
        pane = screen.query_one("#variant-pane")
        assert pane.size.width >= 44 and pane.size.height >= 8
        variant = screen.variant
        assert f"{variant.report.score} {variant.report.band}" in str(pane.border_title)
        tabs = screen.query_one("#variant-tabs", Static)
        assert _visible(tabs) and str(variant.report.score) in str(tabs.render())

    app = make_app(open_latest=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_drafts_screen(snap_compare, make_app, size, monkeypatch):
    monkeypatch.setattr("coach.tui.screens.drafts.when", lambda timestamp, now=None: "09:30")
    store = DraftStore()
    first = store.save(None, SPAMMY, make_app().base_context(), 0, "don't send")
    store.save(None, VALUE_FIRST, first.context, 100, "ready to send")

    async def run_before(pilot: Pilot) -> None:
        await mounted(pilot)
        await pilot.press("f2")
        await wait_until(
            pilot, lambda: isinstance(pilot.app.screen, DraftsScreen), what="the drafts"
        )
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        assert table.size.width >= size[0] - 2 and table.size.height >= size[1] - 4
        assert [str(table.get_row_at(row)[2]) for row in (0, 1)] == ["100", "0"]
        score = next(column for column in table.ordered_columns if column.label.plain == "Score")
        before = table.ordered_columns[: table.ordered_columns.index(score)]
        offset = sum(column.get_render_width(table) for column in before)
        assert offset + score.get_render_width(table) <= table.size.width

    app = make_app(store=store, open_latest=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
