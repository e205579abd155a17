"""The drafting app. The first frame is drawn before spaCy is loaded: the engine is built in a
thread worker and announced with a ``ModelReady`` message; the app then sends
``EngineChanged`` to every screen, and scoring starts.

Tests pass an engine that is already built (``CoachApp(coach=...)``) so they do not load spaCy
once per test; ``run_app`` takes the real path.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from coach.drafts import Draft, DraftStore, DraftsUnavailable
from coach.engine.config import EngineConfig
from coach.engine.models import Context, Recipient, Sender
from coach.tui import startup
from coach.tui.messages import (
    DraftDeleted,
    EngineChanged,
    ModelFailed,
    ModelReady,
    OpenAsDraft,
    RulesChanged,
    Scored,
)
from coach.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from spacy.language import Language

    from coach.engine import Coach

# Checked once when the engine loads: the first check of a text like this loads lazy parts of
# the pipeline (about a second), which would otherwise land on the first keystrokes.
WARM_UP = (
    "Hi Dana, your post on thin clients was useful; we are weighing the same move. "
    "Happy to share our write-up."
)


class CoachApp(App[int]):
    """Write a note, watch the score, fix what the articles warn against, keep the drafts."""

    TITLE = "outreach-coach"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere work
    # Breakpoint classes land on each screen; app.tcss lays the screens out from them.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (120, "-wide"),
        (150, "-very-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (34, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("f2", "drafts", "Drafts"),
        Binding("f3", "campaign", "Campaign"),
        Binding("f4", "packs", "Packs"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        config: EngineConfig | None = None,
        store: DraftStore | None = None,
        cursor_blink: bool = True,
        open_latest: bool = True,
    ) -> None:
        super().__init__()
        self.coach = coach
        given = config or (coach.config if coach else None)
        # Without the installed packs' entry points (``complete_settings`` adds them once the
        # first frame is drawn): the first frame needs the platform and the sender only.
        self.engine_config = given or _settings(discover=False)
        self._settings_complete = given is not None
        self.store = store
        self.cursor_blink = cursor_blink
        self.open_latest = open_latest
        # The fingerprint of the rule set of ``coach`` (what a kept report is keyed by); for
        # an engine still to be built, that of ``engine_config`` as the files are at launch.
        self.fingerprint = ""
        self._pending_fingerprint = ""
        if coach is not None:
            self.fingerprint = _fingerprint(coach.config)
        self.main = MainScreen()

    def get_default_screen(self) -> Screen:
        # The breakpoint classes the first resize would set, set now: otherwise the first
        # frame pays for a second style pass of every widget.
        width, height = self.size
        for value, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            classes = self.main._get_breakpoint_classes(value, breakpoints)
            self.main.add_class(*classes, update=False)  # styled once, when mounted
        return self.main

    def base_context(
        self,
        *,
        platform: str | None = None,
        recipient: Recipient | None = None,
        sender: Sender | None = None,
    ) -> Context:
        """A context for a draft: the configured platform and sender unless given."""
        config = self.engine_config
        return Context(
            platform=platform or config.platform,
            recipient=recipient or Recipient(),
            sender=sender if sender is not None and sender != Sender() else config.sender,
        )

    def complete_settings(self) -> bool:
        """Load the settings in full (the pack sources too) if the first frame went without
        them; False, and scoring off, if a pack source is broken."""
        if self._settings_complete:
            return True
        from coach.engine.errors import CoachError

        try:
            self.engine_config = _settings()
        except CoachError as error:
            startup.resume()  # no engine will be built: the collector is not held off for it
            self.post_message(ModelFailed(str(error)))
            return False
        self._settings_complete = True
        return True

    def start_model(self) -> None:
        """Build the engine in a worker unless one was given (called after the first frame,
        so importing spaCy does not hold up the first paint). The open draft is its first
        check: a restored draft's score is shown as soon as the engine can give it."""
        if self.coach is None:
            self._build_engine(self.engine_config, None, self.next_fingerprint(), self.main.draft)

    def next_fingerprint(self) -> str:
        """The fingerprint of the engine in use, or of the one being built."""
        if self.coach is not None:
            return self.fingerprint
        if not self._settings_complete:
            return ""  # before the first frame: no kept report is looked up yet
        if not self._pending_fingerprint:
            self._pending_fingerprint = _fingerprint(self.engine_config)
        return self._pending_fingerprint

    def open_store(self) -> Draft | None:
        """Open the drafts database (said so if it had to be replaced); the draft to resume."""
        if self.store is None:
            try:
                self.store = DraftStore()
            except DraftsUnavailable as error:  # locked by another instance: run unsaved
                self.notify(str(error), severity="warning", timeout=15)
                return None
        latest = self.store.latest() if self.open_latest else None
        notice = self.store.take_notice()
        if notice:
            self.notify(notice, severity="warning", timeout=15)
        return latest

    @work(thread=True, exclusive=True, group="model")
    def _build_engine(
        self,
        config: EngineConfig,
        nlp: Language | None,
        fingerprint: str,
        first: tuple[str, Context] | None = None,
    ) -> None:
        """The one place the engine is built: at startup, and again (reusing the loaded
        pipeline) after packs or rules are switched on or off. At startup ``first`` is the
        draft on screen: it is checked first and its report sent to the screen at once."""
        from coach.engine.spacy_import import import_spacy

        import_spacy()  # before the engine's modules import spaCy: without its command line
        from coach.engine import Coach, CoachError
        from coach.tui.pack_cache import cached_packs

        try:
            coach = Coach(config, nlp=nlp, packs=cached_packs(config))
            if first is not None and first[0].strip():
                self._first_check(coach, *first, fingerprint)
            coach.check(WARM_UP)
        except CoachError as error:
            self.post_message(ModelFailed(str(error)))
            return
        finally:
            startup.resume()
        self.post_message(ModelReady(coach, fingerprint))

    def _first_check(self, coach: Coach, text: str, context: Context, fingerprint: str) -> None:
        from coach.engine import InputError

        started = time.perf_counter()
        try:
            report = coach.check(text, context)
        except InputError:  # too long: the screen's own check says so once the engine is in
            return
        seconds = time.perf_counter() - started
        self.main.post_message(Scored(text, context, report, seconds, fingerprint))

    def on_model_ready(self, message: ModelReady) -> None:
        self.coach = message.coach
        self.fingerprint = message.fingerprint
        self.engine_config = message.coach.config
        for screen in {*self.screen_stack, self.main}:
            screen.post_message(EngineChanged(message.coach))

    def on_model_failed(self, message: ModelFailed) -> None:
        first = message.error.splitlines()[0] if message.error else "unknown error"
        self.main.set_status(f"Scoring is off: {first}")
        self.main.call_later(self.main.mount_panels)  # no engine to wait for
        self.notify(
            message.error, title="The rule packs could not be loaded", severity="error", timeout=30
        )

    def on_rules_changed(self, _message: RulesChanged) -> None:
        """Rebuild the engine with the settings now on disk, reusing the loaded pipeline."""
        old = self.coach
        config = _settings()  # the files are fingerprinted before the engine reads them
        self._build_engine(config, old.nlp if old else None, _fingerprint(config))

    def on_open_as_draft(self, message: OpenAsDraft) -> None:
        """Open a campaign row as a new draft with its recipient context."""
        self.main.save_draft()
        self._to_main()
        self.main.load_draft(None, message.text, message.context)
        self.main.save_draft(checkpoint=True)

    def on_draft_deleted(self, message: DraftDeleted) -> None:
        if self.main.draft_id == message.draft_id:
            self.main.load_draft(None)

    # -- screens -------------------------------------------------------------------------

    def _to_main(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _open(
        self, screen: Screen | str, callback: Callable[[Draft | None], None] | None = None
    ) -> None:
        current = self.get_screen(screen) if isinstance(screen, str) else screen
        if type(self.screen) is type(current):
            return
        self.main.save_draft()
        self._to_main()
        self.push_screen(screen, callback)

    def action_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        self._open(HelpScreen())

    def action_drafts(self) -> None:
        from coach.tui.screens.drafts import DraftsScreen

        self._open(DraftsScreen(), self._draft_chosen)

    def _draft_chosen(self, draft: Draft | None) -> None:
        if draft is not None:
            self.main.load_draft(draft)

    def action_campaign(self) -> None:
        from coach.tui.screens.campaign import CampaignScreen

        if not self.is_screen_installed("campaign"):
            self.install_screen(CampaignScreen(), "campaign")
        self._open("campaign")

    def action_packs(self) -> None:
        from coach.tui.screens.packs import PacksScreen

        self._open(PacksScreen())

    async def action_quit(self) -> None:
        self.main.save_draft()
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        commands = (
            ("Help", "What the score means and the five lessons (f1)", self.action_help),
            ("Drafts", "Open, duplicate or delete saved drafts (f2)", self.action_drafts),
            ("Campaign", "Score a campaign file and open its rows (f3)", self.action_campaign),
            ("Packs", "Turn rule packs and rules on or off (f4)", self.action_packs),
            ("History", "Versions of this draft: diff, restore (f5)", main.action_history),
            ("Panels", "Show or hide recipient, sender and score (f6)", main.action_panels),
            ("Apply fix", "Apply the selected finding's fix (ctrl+f)", main.action_apply_fix),
            ("Rewrite", "Compare value-first rewrites (ctrl+r)", main.action_rewrite),
            ("Next finding", "Select the next finding (f8)", main.action_next_finding),
            (
                "Previous finding",
                "Select the previous finding (shift+f8)",
                main.action_previous_finding,
            ),
            ("New draft", "Start a new draft (ctrl+n)", main.action_new_draft),
            ("Save version", "Save the draft as a version (ctrl+s)", main.action_save),
        )
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()


def _settings(discover: bool = True) -> EngineConfig:
    from coach import config

    return config.load(discover=discover)


def _fingerprint(config: EngineConfig) -> str:
    from coach.tui.report_cache import rules_fingerprint

    return rules_fingerprint(config)


def run_app() -> int:
    """Open the app (``coach`` with no command); returns the exit code."""
    app = CoachApp()
    result = app.run()
    return app.return_code or int(result or 0)  # a crash is not a success
