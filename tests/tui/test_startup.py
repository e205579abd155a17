"""The first frame must not wait for spaCy: importing the app loads neither spaCy nor the
engine's pipeline (checked in a fresh interpreter, as harlequin checks its core)."""

from __future__ import annotations

import subprocess
import sys

from coach.engine.config import EngineConfig


def test_importing_the_app_does_not_load_spacy():
    code = (
        "import sys, coach.tui.app; coach.tui.app.CoachApp(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_engine_and_drafts_do_not_import_textual():
    code = (
        "import sys, coach.engine.coach, coach.drafts; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


async def test_a_narrow_start_mounts_the_panels_after_the_first_frame_with_the_same_context(
    make_app,
):
    from coach.drafts import DraftStore
    from coach.engine.models import Context, Recipient, Sender
    from tests.tui.conftest import SPAMMY, mounted, scored

    recipient = Recipient(first_name=" John ", last_name="Doe", company="Acme", notes=" posted\n")
    sender = Sender(name="Sam Lee", products=("VDI audits",))
    store = DraftStore()
    store.save(None, SPAMMY, Context(platform="email", recipient=recipient, sender=sender))
    store.close()
    contexts, panels_at_first_frame = [], []
    for size in ((80, 24), (140, 42)):
        app = make_app(store=DraftStore())  # the app closes its store when it stops
        app.start_model = lambda app=app: panels_at_first_frame.append(  # after the first frame
            bool(app.main.query("#recipient"))
        )
        async with app.run_test(size=size) as pilot:
            await mounted(pilot)
            await scored(pilot)
            assert app.main.query_one("#recipient-first_name").value == "John"
            contexts.append(app.main._draft_context)
    assert panels_at_first_frame == [False, True]  # folded at 80x24: mounted after the frame
    assert contexts[0] == contexts[1]
    assert contexts[0].recipient.first_name == "John" and contexts[0].platform == "email"


def test_coach_with_no_command_opens_the_app_without_building_the_parsers(monkeypatch):
    from coach import cli

    def no_parser():
        raise AssertionError("the parsers were built")

    monkeypatch.setattr(cli, "build_parser", no_parser)
    monkeypatch.setattr(cli, "_open_app", lambda: 7)
    assert cli.main([]) == 7
    code = "import sys, coach.cli; print('coach.commands' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_the_collector_is_held_off_only_when_paused_and_frozen_on_resume():
    import gc

    from coach.tui import startup

    frozen = gc.get_freeze_count()
    startup.resume()  # not paused (a test, an embedding program): nothing changes
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    try:
        startup.pause()
        assert not gc.isenabled()
        startup.resume()
        assert gc.isenabled() and gc.get_freeze_count() > frozen
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_first_frame_settings_leave_out_pack_discovery_only():
    code = (
        "import sys, coach.config as c; quick = c.load(discover=False); "
        "print('importlib.metadata' in sys.modules, quick.pack_sources == (), "
        "quick == c.load() or c.load().pack_sources != ())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["False", "True", "True"]


async def test_the_footer_keys_are_in_the_first_frame_and_keep_their_order(make_app):
    from tests.tui.conftest import SPAMMY, load

    app = make_app(open_latest=False)
    at_first_frame: list[list[str]] = []
    app.start_model = lambda: at_first_frame.append(_footer_keys(app.main))
    async with app.run_test(size=(80, 24)) as pilot:
        await load(pilot, SPAMMY)
        with_editor = _footer_keys(app.main)
        app.main.findings.focus()
        await pilot.pause()
        assert _footer_keys(app.main) == with_editor == at_first_frame[0]
    assert with_editor[0] == "f6" and "ctrl+f" in with_editor


def _footer_keys(screen) -> list[str]:
    return [key.key for key in screen.query("FooterKey")]


async def test_a_restored_draft_is_the_engines_first_check(warm_coach, monkeypatch):
    """The app builds its engine (the pipeline is already loaded in this process); the saved
    draft is checked before the warm-up text and its score shown from that check."""
    from coach.drafts import DraftStore
    from coach.engine import Coach
    from coach.engine.models import Context, Recipient
    from coach.tui.app import WARM_UP, CoachApp
    from tests.tui.conftest import SPAMMY, mounted, scored

    context = Context(recipient=Recipient(first_name="John"))
    store = DraftStore()
    store.save(None, SPAMMY, context)
    store.close()
    checked: list[str] = []
    check = Coach.check

    def recorded(self, text, context=None):
        checked.append(text)
        return check(self, text, context)

    monkeypatch.setattr(Coach, "check", recorded)
    app = CoachApp(cursor_blink=False)
    async with app.run_test(size=(140, 42)) as pilot:
        await mounted(pilot)
        await scored(pilot)
        assert app.main.report == warm_coach.check(SPAMMY, app.main.draft[1])
    assert checked[:2] == [SPAMMY, WARM_UP]


async def test_a_broken_pack_source_turns_scoring_off_in_the_app(make_app, monkeypatch):
    from coach.engine.errors import PackError, Problem
    from coach.tui import app as app_module
    from tests.tui.conftest import mounted, wait_until

    def broken(discover: bool = True):
        if discover:
            raise PackError(Problem("entry point leads nowhere", "entry point x (pkg)"))
        return EngineConfig()

    monkeypatch.setattr(app_module, "_settings", broken)
    resumed: list[bool] = []
    monkeypatch.setattr(app_module.startup, "resume", lambda: resumed.append(True))
    app = app_module.CoachApp(cursor_blink=False)
    async with app.run_test(size=(140, 42)) as pilot:
        await mounted(pilot)
        status = app.main.query_one("#status")
        await wait_until(pilot, lambda: "Scoring is off" in str(status.render()), what="status")
        assert app.coach is None and resumed  # the collector is not left off
        await wait_until(pilot, lambda: app.main.panels.mounted, what="the panels")
        assert app.main.query("#recipient")


async def test_folded_panels_wait_for_the_engine_and_f6_mounts_them_at_once():
    from coach.tui.app import CoachApp
    from tests.tui.conftest import wait_until

    class NoEngine(CoachApp):
        def start_model(self) -> None:  # the engine never comes
            return None

    app = NoEngine(cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main
        await wait_until(pilot, lambda: main._drawn, what="the first frame")
        await pilot.pause(0.2)
        assert not main.query("#recipient")  # folded, and still waiting for the engine
        await pilot.press("f6")
        await wait_until(pilot, lambda: bool(main.query("#recipient")), what="the panels")
        await pilot.pause()
        assert main.query_one("#recipient-first_name").has_focus


async def test_folded_panels_mount_once_the_engine_is_in_use(warm_coach, monkeypatch):
    from coach.tui import context_panels
    from coach.tui.app import CoachApp
    from tests.tui.conftest import wait_until

    engine_at_mount: list[bool] = []
    mount = context_panels.ContextPanels.mount

    async def recorded(self, connection_limit):
        engine_at_mount.append(app.coach is not None)
        await mount(self, connection_limit)

    monkeypatch.setattr(context_panels.ContextPanels, "mount", recorded)
    app = CoachApp(cursor_blink=False)  # builds its engine (the pipeline is loaded already)
    async with app.run_test(size=(80, 24)) as pilot:
        # until the mount has finished (the panels filled): the app must not close mid-mount,
        # while Textual's Select is still composing its overlay
        await wait_until(pilot, lambda: app.main.panels.mounted, what="the panels")
    assert engine_at_mount[0] is True
