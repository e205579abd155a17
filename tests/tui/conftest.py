"""Helpers for driving the app with Pilot: a ready-built engine, bounded waits."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from coach.tui.app import WARM_UP, CoachApp

SIZE = (140, 42)
SPAMMY = (
    "Hi John, I hope this finds you well. Our company offers the best CRM solution "
    "for teams like yours. Can we hop on a quick 15-minute call this week?"
)
VALUE_FIRST = (
    "Hi Dana, your post on moving the student labs to thin clients was useful; we "
    "are weighing the same move. This campus pilot write-up covered the licensing "
    "traps: happy to share it."
)


@pytest.fixture(scope="session")
def warm_coach(coach):
    """The session's engine after one check (the first loads lazy parts, seconds)."""
    coach.check(WARM_UP)
    return coach


@pytest.fixture
def make_app(warm_coach) -> Callable[..., CoachApp]:
    """An app that reuses the session's engine, so no test loads spaCy again."""
    coach = warm_coach

    def build(**options) -> CoachApp:
        options.setdefault("cursor_blink", False)
        return CoachApp(coach=coach, **options)

    return build


def fill(screen: Screen, field: str, value: str) -> None:
    """Set a recipient or sender field (an Input, or the multi-line notes) as typing would."""
    widget = screen.query_one(f"#{field}")
    if isinstance(widget, TextArea):
        widget.load_text(value)
    else:
        assert isinstance(widget, Input)
        widget.value = value


def screen_lines(app) -> list[str]:
    """The lines of the screen as the terminal shows them now (every layer composited)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def wait_until(
    pilot: Pilot, predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition"
) -> None:
    """Let the app run until ``predicate()`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await pilot.pause(0.02)
        await asyncio.sleep(0)


async def mounted(pilot: Pilot) -> None:
    """Wait until the main screen is composed (an auto-pilot may start before that)."""
    app = pilot.app
    await wait_until(
        pilot,
        lambda: (
            getattr(app, "main", None) is not None
            and app.main.is_mounted
            and bool(app.main.query("#recipient"))
            and app.main.panels.mounted  # filled, not only attached
        ),
        what="the main screen",
    )
    await pilot.pause()


async def scored(pilot: Pilot) -> None:
    """Wait until the score on screen is for the text and context in the editor."""
    main = pilot.app.main
    await wait_until(pilot, main.is_scored, what="the score to update")
    await pilot.pause()


async def load(pilot: Pilot, text: str) -> None:
    """Put ``text`` in the editor (as a paste would) and wait for its score."""
    await mounted(pilot)
    main = pilot.app.main
    main.editor.load_text(text)
    await wait_until(pilot, lambda: main.editor.text == text)
    await scored(pilot)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests here on a fresh asyncio loop (no async plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


async def score_campaign(pilot: Pilot, app: CoachApp, path, rows: int):
    """Open f3, score the campaign file at ``path`` and wait for its ``rows`` rows; the screen."""
    from coach.tui.screens.campaign import CampaignScreen

    await pilot.press("f3")
    await wait_until(pilot, lambda: isinstance(app.screen, CampaignScreen), what="campaign")
    screen = app.screen
    screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await wait_until(
        pilot,
        lambda: not screen.running and len(screen.scored) == rows,
        timeout=30,
        what="the campaign to be scored",
    )
    return screen
