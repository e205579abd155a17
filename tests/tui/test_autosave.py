"""Autosave while typing, saves from two app instances and a paste over the length cap
(issue 12, failures 2, 4 and 8)."""

from __future__ import annotations

import time

from coach.drafts import DraftStore
from coach.tui.app import CoachApp
from coach.tui.autosave import AUTOSAVE_MAX_WAIT
from tests.tui.conftest import SIZE, mounted, wait_until


async def test_continuous_typing_is_saved_at_least_every_3_seconds(make_app):
    store = DraftStore()
    app = make_app(store=store, open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)
        app.main.editor.focus()
        typed: list[tuple[float, int]] = []  # (when, characters typed so far)
        lags: list[float] = []
        started = time.monotonic()
        while time.monotonic() - started < 6.0:  # a key every 200 ms, never a 1 s pause
            await pilot.press("a")
            now = time.monotonic()
            typed.append((now, len(typed) + 1))
            saved = store.list()
            length = len(saved[0].text) if saved else 0
            caught_up = max((when for when, count in typed if count <= length), default=started)
            lags.append(now - caught_up)
            await pilot.pause(0.2)
        assert store.list(), "nothing was saved during 6 s of typing"
        assert max(lags) <= AUTOSAVE_MAX_WAIT + 0.6, lags  # a save lands within 3 s (+ a tick)


async def test_a_draft_saved_meanwhile_by_another_instance_is_not_overwritten(make_app):
    store = DraftStore()
    base = CoachApp(coach=None).base_context()
    draft = store.save(None, "Hi Dana, your post", base)
    app = make_app(store=store, open_latest=True)
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)
        await wait_until(pilot, lambda: app.main.draft_id == draft.id, what="the draft")
        await wait_until(pilot, app.main.is_scored, what="the score")
        other = DraftStore(store.path)  # a second window, up to date, saves first
        current = other.get(draft.id)
        other.save(draft.id, "Hi Dana, your post on thin clients", base, version=current.version)
        other.close()
        app.main.editor.focus()
        app.main.editor.move_cursor(app.main.editor.document.end)
        await pilot.press("exclamation_mark")
        await wait_until(
            pilot, lambda: app.main.draft_id != draft.id, timeout=5, what="the conflict copy"
        )
        texts = sorted(d.text for d in DraftStore(store.path).list())
        assert texts == ["Hi Dana, your post on thin clients", "Hi Dana, your post!"]
        await pilot.press("exclamation_mark")
        await wait_until(
            pilot,
            lambda: store.get(app.main.draft_id).text == "Hi Dana, your post!!",
            timeout=5,
            what="the next autosave",
        )
        assert len(store.list()) == 2  # later saves go to the copy


async def test_a_paste_over_the_length_cap_is_a_message_not_a_crash(make_app):
    from coach.engine.textsafety import MAX_TEXT_CHARS

    app = make_app(store=DraftStore(), open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)
        app.main.editor.load_text("x" * (MAX_TEXT_CHARS + 1))
        await wait_until(
            pilot,
            lambda: any("up to 20,000" in n.message for n in app._notifications),
            timeout=10,
            what="the length message",
        )
        assert app.is_running
