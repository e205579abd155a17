"""The drafting screen: recipient, sender and platform, the subject and the editor, the live
score and the findings.

Scoring runs in an exclusive thread worker, debounced while typing (``coach.tui.scoring``); the
report comes back as a ``Scored`` message and is shown only if the text and context are still
the ones it was computed on. The draft is saved while typing (``coach.tui.autosave``). The
layout follows the app's breakpoint classes (``-narrow`` below 120 columns: the side panels
give way to a one-line bar and come back with f6); app.tcss has the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static, TextArea

from coach.engine.models import Context, Report
from coach.engine.platforms import Platform, get_platform
from coach.tui.autosave import Autosave
from coach.tui.checked_text import CheckedText
from coach.tui.context_panels import ContextPanels
from coach.tui.messages import EngineChanged, Scored
from coach.tui.report_cache import KeptReport
from coach.tui.scoring import LiveScoring
from coach.tui.screens.main_actions import RewriteAndHistory
from coach.tui.widgets.compact import CompactBar
from coach.tui.widgets.editor import DraftEditor, finding_spans
from coach.tui.widgets.findings import FindingDetail, FindingsList
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.preview import LengthCounter, RecipientPreview
from coach.tui.widgets.recipient import ContextChanged
from coach.tui.widgets.score import ScorePanel

if TYPE_CHECKING:
    from coach.drafts import Draft
    from coach.tui.app import CoachApp

DEBOUNCE = 0.12  # seconds of quiet typing before a score


class MainScreen(RewriteAndHistory):
    """Where a note is written and coached."""

    app: CoachApp

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: TextArea binds f6 to "select line"; here it is the panels toggle. First,
        # where the editor's own f6 puts it in the footer: the keys are in the same order
        # before focus lands on the editor as after, so the footer is composed once.
        Binding("f6", "panels", "Panels", priority=True),
        Binding("ctrl+f", "apply_fix", "Fix"),
        Binding("ctrl+r", "rewrite", "Rewrite"),
        Binding("f8", "next_finding", "Next"),
        Binding("shift+f8", "previous_finding", "Prev", show=False),
        Binding("f5", "history", "History"),
        Binding("ctrl+n", "new_draft", "New draft", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.draft_id: int | None = None
        self._saved: tuple[str, Context] | None = None
        self._saved_score: int | None = None
        self._draft_context = Context()
        self.panels = ContextPanels(
            lambda: self.query_one("#context-column"), lambda **kw: self.app.base_context(**kw)
        )
        self.autosave = Autosave(self, self.save_draft)
        self.scoring = LiveScoring(
            self,
            lambda: self.app.coach,
            lambda: self.draft,
            lambda: self.app.fingerprint,
        )
        self.kept = KeptReport()  # the report kept with the saved draft (report_cache)
        self._report_fingerprint = ""  # of the rule set that made ``report``
        self.last_score_seconds = 0.0
        self._drawn = False  # the first frame is drawn (``_after_first_frame``)

    def compose(self) -> ComposeResult:
        config = self.app.engine_config
        yield CompactBar(id="compact-bar")
        with Horizontal(id="workspace"):
            with VerticalScroll(id="context-column"):
                if self.has_class("-narrow"):  # folded behind f6: mounted after the first frame
                    self.panels.defer(config.sender)
                else:
                    yield from self.panels.widgets(config.connection_limit, config.sender)
            with Vertical(id="draft-column"):
                with Horizontal(id="subject-bar"):
                    yield Label("Subject", id="subject-label")
                    yield Input(
                        id="subject", placeholder="a few words about their topic", compact=True
                    )
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
        yield CoachFooter(compact=True)

    @property
    def editor(self) -> DraftEditor:
        return self.query_one("#editor", DraftEditor)

    @property
    def findings(self) -> FindingsList:
        return self.query_one("#findings", FindingsList)

    @property
    def context(self) -> Context:
        """The context the fields show now."""
        return self.panels.context()

    @property
    def draft(self) -> tuple[str, Context]:
        """The text and context a check of the draft is given."""
        return self.text, self._draft_context

    @property
    def platform(self) -> Platform:
        return get_platform(self._draft_context.platform, self.app.engine_config.connection_limit)

    @property
    def text(self) -> str:
        """The text the engine checks: the subject line (on email, InMail) and the body."""
        return self.checked.text

    def on_mount(self) -> None:
        subject = self.query_one("#subject", Input)
        bar = self.query_one("#subject-bar")
        self.checked = CheckedText(subject, self.editor, lambda: self.platform, bar)
        self._draft_context = self.context
        self.checked.show_subject_field()
        self._refresh_length()
        self.editor.focus()
        latest = self.app.open_store()
        if latest is not None:
            self.load_draft(latest)
        self.call_after_refresh(self._after_first_frame)
        if self.app.coach is not None:
            self.model_ready()

    async def _after_first_frame(self) -> None:
        """What the first frame did not need: the full settings, the report kept with a
        restored draft, the engine; the folded panels once the engine is in use."""
        app = self.app
        settled = app.complete_settings()
        if settled:
            if self.draft_id is not None and self.report is None:
                self._restore_report(self.draft_id)
            app.start_model()
        self._drawn = True
        if app.coach is not None or not settled:  # no engine build to wait for
            await self.mount_panels()

    async def mount_panels(self) -> None:
        """Mount the panels a narrow start folds away, once the first frame is drawn and the
        engine has checked the draft (mounting them while it builds slows it: one GIL), or
        at once when f6 asks for them."""
        if self._drawn:
            await self.panels.mount(self.app.engine_config.connection_limit)

    def set_status(self, message: str) -> None:
        self.query_one("#status", Static).update(message)

    def on_engine_changed(self, _message: EngineChanged) -> None:
        self.model_ready()
        self.call_later(self.mount_panels)

    def model_ready(self) -> None:
        self.set_status("Ready: the score updates as you type.")
        self.scoring.soon(0)

    async def action_panels(self) -> None:
        """Show the recipient, sender and score panels on a small terminal (in place of the
        draft), or hide the recipient and sender column on a large one."""
        self.toggle_class("-panels")
        showing = self.has_class("-panels") == self.has_class("-narrow")
        if showing:
            await self.mount_panels()
        if showing and self.panels.mounted:
            self.query_one("#recipient-first_name", Input).focus()
        else:
            self.editor.focus()

    # -- editing -------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _text_changed(self) -> None:
        if self._before_edit is not None and self.editor.text == self._before_edit:
            self._before_edit = None  # ctrl+z took the fix or rewrite back
            self.set_status("Undone: the draft is back as it was.")
        self._edited()

    @on(Input.Changed, "#subject")
    def _subject_changed(self) -> None:
        self._edited()

    @on(ContextChanged)
    def _context_changed(self) -> None:
        context = self.context
        if context != self._draft_context:
            self._draft_context = context
            self.checked.show_subject_field()
            self._edited()

    def _edited(self) -> None:
        self._refresh_length()
        self.scoring.soon(DEBOUNCE)
        self.autosave.changed()

    def _refresh_length(self) -> None:
        text, platform = self.text, self.platform
        report = self.report
        fresh = report is not None and report.text == text and report.platform == platform.name
        length = report.length if fresh and report else len(text.rstrip())
        self.query_one("#counter", LengthCounter).show(length, platform.limit)
        self.query_one("#preview", RecipientPreview).show(text, platform.limit, platform.title)
        # the last score until the next arrives, as the score panel does (no "--" flicker)
        self.query_one("#compact-bar", CompactBar).show(report, self._draft_context, platform.title)

    # -- scoring -------------------------------------------------------------------------

    def on_scored(self, message: Scored) -> None:
        if message.text != self.text or message.context != self._draft_context:
            return
        self.last_score_seconds = message.seconds
        self._show_report(message.report, message.fingerprint)
        self._record_score(message.report)
        self._keep_report()

    def _show_report(self, report: Report, fingerprint: str) -> None:
        self.report = report
        self._report_fingerprint = fingerprint
        self.query_one("#score", ScorePanel).show(report, self.app.engine_config)
        self.findings.show(report, self.app.engine_config)
        self._show_selected()
        self._refresh_length()

    def _keep_report(self) -> None:
        """Keep the report on screen with the draft if it is the report of the saved text."""
        report = self.report
        if report is not None and self._saved == (report.text, self._draft_context):
            store, fingerprint = self.app.store, self._report_fingerprint
            self.kept.keep(store, self.draft_id, fingerprint, report, self._draft_context)

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
    @on(OptionList.OptionSelected, "#findings")
    def _finding_moved(self, event: OptionList.OptionMessage) -> None:
        chosen = isinstance(event, OptionList.OptionSelected)
        self._show_selected(select=chosen or self.findings.has_focus)

    @on(FindingsList.Typed)
    def _typed_in_findings(self, message: FindingsList.Typed) -> None:
        """A letter typed in the findings list goes to the editor, after the selected words."""
        editor = self.editor
        editor.focus()
        editor.move_cursor(max(editor.selection))
        editor.insert(message.character)

    def _show_selected(self, select: bool = False) -> None:
        findings, report, group = self.findings, self.report, self.findings.selected_group
        detail = self.query_one("#detail", FindingDetail)
        detail.show(group, report.text if report else "", findings.selected_note)
        if report is not None:
            offset = self.checked.offset if report.text == self.text else 0
            spans = finding_spans(report.findings, group, offset)
            self.editor.show_spans(report.text[offset:], spans)
        finding = self.findings.selected_finding
        if select and finding is not None and self.is_scored():
            self.checked.select(finding.start, finding.end)

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
        finding = self.findings.selected_finding
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
        before = self.editor.text
        self.checked.replace(edit.start, edit.end, edit.replacement)
        self._before_edit = before if self.editor.text != before else None  # a subject fix: no
        self.editor.focus()
        self.set_status(f"Applied fix: {edit.reason}. ctrl+z undoes it.")

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
        score, band = (report.score, report.band) if report else (None, "")
        draft = self.autosave.store(store, self.draft_id, text, context, score, band, checkpoint)
        if draft is None:
            return None
        self.draft_id = draft.id
        self._saved = (text, context)
        self._saved_score = draft.score
        if report is not None:
            self._keep_report()
        return draft

    def _record_score(self, report: Report) -> None:
        """Store the score of a saved draft once it is known (a draft is often saved before
        its first score: opened from a campaign row, or while the engine was rebuilt)."""
        store = self.app.store
        current = (self.text, self._draft_context)
        stale = self._saved == current and self._saved_score != report.score
        if store is None or self.draft_id is None or not stale:
            return
        if self.autosave.store_score(store, self.draft_id, *current, report.score, report.band):
            self._saved_score = report.score

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
        context = context or self.app.base_context(sender=self._draft_context.sender)
        self.draft_id = draft.id if draft else None
        self.autosave.opened(draft)
        self._saved_score = draft.score if draft else None
        self.report = None
        self.panels.load(context, self._draft_context.sender)
        self._draft_context = self.context
        self.checked.load(text)
        self._saved = (self.text, self._draft_context) if draft else None
        self._refresh_length()
        if draft is not None:
            self._restore_report(draft.id)
        self.scoring.soon(0)
        self.editor.focus()

    def _restore_report(self, draft_id: int) -> None:
        """Show the report kept with the draft if it was made from exactly this text, context
        and rule set (the engine re-checks once it is ready)."""
        fingerprint = self.app.next_fingerprint()
        store, text, context = self.app.store, self.text, self._draft_context
        report = self.kept.restore(store, draft_id, fingerprint, text, context)
        if report is not None:
            self._show_report(report, fingerprint)
            if self.app.coach is None:
                self.set_status("Score of this draft from its last check; checking it again…")
