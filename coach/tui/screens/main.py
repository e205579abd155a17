"""The drafting screen: recipient and platform, the editor, the live score and the findings.

Scoring runs in an exclusive thread worker, debounced while typing; the report comes back as a
``Scored`` message and is shown only if the text and context are still the ones it was computed
on. The draft is saved by a timer shortly after the last change.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static, TextArea
from textual.worker import get_current_worker

from coach.engine.models import Context, Finding, Report
from coach.engine.platforms import get_platform
from coach.tui.messages import RewriteReady, Scored
from coach.tui.widgets.editor import DraftEditor
from coach.tui.widgets.findings import FindingDetail, FindingsList
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.preview import LengthCounter, RecipientPreview
from coach.tui.widgets.recipient import RecipientPanel
from coach.tui.widgets.score import ScorePanel

if TYPE_CHECKING:
    from coach.drafts import Draft
    from coach.engine import Coach
    from coach.tui.app import CoachApp

DEBOUNCE = 0.12  # seconds of quiet typing before a score
AUTOSAVE = 1.0  # seconds after the last change; the brief allows at most 2


class MainScreen(Screen):
    """Where a note is written and coached."""

    app: CoachApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "apply_fix", "Apply fix"),
        Binding("ctrl+r", "rewrite", "Rewrite"),
        Binding("f8", "next_finding", "Next"),
        Binding("shift+f8", "previous_finding", "Prev"),
        Binding("ctrl+n", "new_draft", "New draft"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.draft_id: int | None = None
        self._saved: tuple[str, Context] | None = None
        self._draft_context = Context()
        self._score_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._score_lock = threading.Lock()
        self._last_edit = 0.0
        self.last_score_seconds = 0.0

    def compose(self) -> ComposeResult:
        config = self.app.engine_config
        with Horizontal(id="workspace"):
            yield RecipientPanel(connection_limit=config.connection_limit, id="recipient")
            with Vertical(id="draft-column"):
                yield DraftEditor(id="editor", blink=self.app.cursor_blink)
                with Horizontal(id="draft-bar"):
                    yield Static("Draft", id="draft-label")
                    yield LengthCounter("0/300", id="counter")
                yield RecipientPreview(id="preview")
                yield FindingDetail(id="detail")
            with Vertical(id="coach-column"):
                yield ScorePanel(id="score")
                yield FindingsList(id="findings")
        yield Static("Loading language model…", id="status")
        yield CoachFooter()

    @property
    def editor(self) -> DraftEditor:
        return self.query_one("#editor", DraftEditor)

    @property
    def findings(self) -> FindingsList:
        return self.query_one("#findings", FindingsList)

    @property
    def context(self) -> Context:
        panel = self.query_one("#recipient", RecipientPanel)
        return self.app.base_context(platform=panel.platform, recipient=panel.recipient)

    @property
    def text(self) -> str:
        return self.editor.text

    def on_mount(self) -> None:
        self._draft_context = self.context
        self._refresh_length()
        self.editor.focus()
        latest = self.app.open_store()
        if latest is not None:
            self.load_draft(latest)
        self.call_after_refresh(self.app.start_model)
        if self.app.coach is not None:
            self.model_ready()

    def set_status(self, message: str) -> None:
        self.query_one("#status", Static).update(message)

    def model_ready(self) -> None:
        self.set_status("Ready: the score updates as you type.")
        self._score_soon(0)

    # -- editing -------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _text_changed(self) -> None:
        self._edited()

    @on(RecipientPanel.ContextChanged)
    def _context_changed(self) -> None:
        context = self.context
        if context != self._draft_context:
            self._draft_context = context
            self._edited()

    def _edited(self) -> None:
        self._refresh_length()
        self._score_soon(DEBOUNCE)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE, self.save_draft)

    def _refresh_length(self) -> None:
        text, context = self.text, self._draft_context
        platform = get_platform(context.platform, self.app.engine_config.connection_limit)
        report = self.report
        fresh = report is not None and report.text == text and report.platform == platform.name
        length = report.length if fresh and report else len(text.rstrip())
        self.query_one("#counter", LengthCounter).show(length, platform.limit)
        self.query_one("#preview", RecipientPreview).show(text, platform.limit, platform.title)

    # -- scoring -------------------------------------------------------------------------

    def _score_soon(self, delay: float) -> None:
        """Score after ``delay`` of quiet; at once when typing resumes after a pause (the
        first keystroke after a pause is scored on the leading edge, bursts on the trailing)."""
        if self._score_timer is not None:
            self._score_timer.stop()
        now = time.monotonic()
        quiet = now - self._last_edit >= delay
        self._last_edit = now
        if self.app.coach is None:
            return
        if delay <= 0 or (quiet and not self._scoring()):
            self._start_scoring()
        else:
            self._score_timer = self.set_timer(delay, self._start_scoring)

    def _scoring(self) -> bool:
        return any(
            worker.group == "score" and worker.node is self and not worker.is_finished
            for worker in self.app.workers
        )

    def _start_scoring(self) -> None:
        coach = self.app.coach
        if coach is not None:
            self._score(coach, self.text, self._draft_context)

    @work(thread=True, exclusive=True, group="score")
    def _score(self, coach: Coach, text: str, context: Context) -> None:
        with self._score_lock:
            if get_current_worker().is_cancelled:
                return
            started = time.perf_counter()
            report = coach.check(text, context)
            self.post_message(Scored(text, context, report, time.perf_counter() - started))

    def on_scored(self, message: Scored) -> None:
        if message.text != self.text or message.context != self._draft_context:
            return
        self.report = message.report
        self.last_score_seconds = message.seconds
        report = message.report
        self.query_one("#score", ScorePanel).show(report)
        self.findings.show(report)
        self._show_selected()
        self._refresh_length()

    def is_scored(self) -> bool:
        """Whether the report on screen is for the text and context in the editor."""
        report = self.report
        return (
            report is not None
            and report.text == self.text
            and report.platform == self._draft_context.platform
        )

    # -- findings ------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#findings")
    def _finding_highlighted(self) -> None:
        self._show_selected(select=self.findings.has_focus)

    @on(OptionList.OptionSelected, "#findings")
    def _finding_chosen(self) -> None:
        self._show_selected(select=True)

    def _show_selected(self, select: bool = False) -> None:
        finding = self.findings.selected_finding
        self.query_one("#detail", FindingDetail).show(finding)
        if self.report is not None:
            self.editor.show_findings(self.report.text, self.report.findings, finding)
        if select and finding is not None and self.is_scored():
            self.editor.select_span(finding.start, finding.end)

    def _move_finding(self, step: int) -> None:
        findings = self.findings
        if not findings.findings:
            return
        current = findings.highlighted
        index = 0 if current is None else (current + step) % len(findings.findings)
        findings.highlighted = index
        self._show_selected(select=True)

    def action_next_finding(self) -> None:
        self._move_finding(1)

    def action_previous_finding(self) -> None:
        self._move_finding(-1)

    def action_apply_fix(self) -> None:
        finding: Finding | None = self.findings.selected_finding
        if finding is None or not self.is_scored():
            self.notify("Select a finding first (f8 moves through them).", severity="warning")
            return
        if finding.edit is None:
            self.notify(
                "This finding has no automatic fix; see 'Instead' in the detail.",
                severity="warning",
            )
            return
        edit = finding.edit
        self.editor.replace_span(edit.start, edit.end, edit.replacement)
        self.editor.focus()
        self.set_status(f"Applied fix: {edit.reason}. ctrl+z undoes it.")

    # -- rewrite -------------------------------------------------------------------------

    def action_rewrite(self) -> None:
        coach = self.app.coach
        if coach is None:
            self.notify("The language model is still loading.", severity="warning")
            return
        if not self.text.strip():
            self.notify("Write a draft first.", severity="warning")
            return
        self.set_status("Writing value-first variants…")
        self._rewrite(coach, self.text, self._draft_context)

    @work(thread=True, exclusive=True, group="rewrite")
    def _rewrite(self, coach: Coach, text: str, context: Context) -> None:
        from coach.engine.rewrite import rewrite

        result = rewrite(coach, text, context)
        self.post_message(RewriteReady(text, result))

    def on_rewrite_ready(self, message: RewriteReady) -> None:
        from coach.tui.screens.rewrite import RewriteScreen

        self.set_status("Ready.")
        if message.text != self.text:
            return
        self.app.push_screen(RewriteScreen(message.text, message.rewrite), self._accept_rewrite)

    def _accept_rewrite(self, variant: Any | None) -> None:
        if variant is None or variant.text == self.text:
            return
        self.editor.replace_all(variant.text)
        self.editor.focus()
        if variant.slots:
            slot = variant.slots[0]
            self.editor.select_span(slot.start, slot.end)
        self.save_draft(checkpoint=True)
        filling = " Type over the selected placeholder." if variant.slots else ""
        self.set_status(f"Rewrite accepted; ctrl+z brings your draft back.{filling}")

    # -- drafts --------------------------------------------------------------------------

    def save_draft(self, checkpoint: bool = False) -> Draft | None:
        """Save the draft if it changed since the last save (an empty new draft is not saved)."""
        store = self.app.store
        text, context = self.text, self._draft_context
        if store is None or (self.draft_id is None and not text.strip()):
            return None
        if self._saved == (text, context) and not checkpoint:
            return None
        report = self.report if self.is_scored() else None
        draft = store.save(
            self.draft_id,
            text,
            context,
            report.score if report else None,
            report.band if report else "",
            checkpoint=checkpoint,
        )
        self.draft_id = draft.id
        self._saved = (text, context)
        return draft

    def action_save(self) -> None:
        draft = self.save_draft(checkpoint=True)
        self.set_status(f"Saved draft {draft.id}." if draft else "Nothing to save yet.")

    def action_new_draft(self) -> None:
        self.save_draft()
        self.load_draft(None)

    def load_draft(
        self, draft: Draft | None, text: str = "", context: Context | None = None
    ) -> None:
        """Show a saved draft, or a new one (optionally with text and context, from a campaign)."""
        if draft is not None:
            text, context = draft.text, draft.context
        context = context or self.app.base_context()
        self.draft_id = draft.id if draft else None
        self.report = None
        self.query_one("#recipient", RecipientPanel).load(context.platform, context.recipient)
        self._draft_context = self.context
        self.editor.load_text(text)
        self.editor.show_findings(text, ())
        self._saved = (text, self._draft_context) if draft else None
        self._refresh_length()
        self._score_soon(0)
        self.editor.focus()
