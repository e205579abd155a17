"""What a person sees first: the main screen on a spammy and a value-first draft, and the
rewrite view. Fixed terminal size, no clock, no cursor blink; the engine is the real one.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs in __snapshots__/ before committing them.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from coach.tui.screens.rewrite import RewriteScreen
from tests.tui.conftest import SIZE, SPAMMY, VALUE_FIRST, load, mounted, scored, wait_until


def _drafting(text: str, recipient: dict[str, str]):
    async def run_before(pilot: Pilot) -> None:
        await mounted(pilot)
        main = pilot.app.main
        for name, value in recipient.items():
            main.query_one(f"#recipient-{name}", Input).value = value
        await load(pilot, text)
        main.findings.focus()
        await pilot.press("down")
        await scored(pilot)
        await pilot.pause()

    return run_before


def test_main_screen_spammy_draft(snap_compare, make_app):
    app = make_app(open_latest=False)
    assert snap_compare(
        app, terminal_size=SIZE, run_before=_drafting(SPAMMY, {"first_name": "John"})
    )


def test_main_screen_value_first_draft(snap_compare, make_app):
    app = make_app(open_latest=False)
    recipient = {
        "first_name": "Dana",
        "company": "Northfield University",
        "role": "Director of IT",
        "notes": "posted about moving student labs to thin clients",
    }
    assert snap_compare(app, terminal_size=SIZE, run_before=_drafting(VALUE_FIRST, recipient))


def test_rewrite_view(snap_compare, make_app):
    async def run_before(pilot: Pilot) -> None:
        await mounted(pilot)
        main = pilot.app.main
        main.query_one("#recipient-first_name", Input).value = "John"
        main.query_one("#recipient-notes", Input).value = "posted about CRM migrations"
        await load(pilot, SPAMMY)
        await pilot.press("ctrl+r")
        await wait_until(
            pilot, lambda: isinstance(pilot.app.screen, RewriteScreen), what="the rewrite view"
        )
        await pilot.pause()

    app = make_app(open_latest=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
