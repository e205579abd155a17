"""The drafting screen's rewrite and version-history actions (a mixin of ``MainScreen``).

ctrl+r writes value-first variants in a thread worker and opens the rewrite view beside the
draft; accepting one replaces the draft as one undoable edit. f5 lists the saved versions of
the draft; restoring one is also one undoable edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from coach.engine.textsafety import too_long
from coach.tui.messages import RewriteReady

if TYPE_CHECKING:
    from coach.drafts import Version
    from coach.engine import Coach
    from coach.engine.models import Context
    from coach.engine.rewrite import Variant


class RewriteAndHistory(Screen):
    """Actions of ``MainScreen`` (which provides ``text``, ``checked``, ``editor``,
    ``save_draft``, ``set_status``, ``draft_id`` and ``_draft_context``)."""

    _before_edit: str | None = None  # the draft before a fix or rewrite: ctrl+z's way back

    # -- rewrite -------------------------------------------------------------------------

    def action_rewrite(self) -> None:
        coach = self.app.coach
        if coach is None:
            self.notify("The language model is still loading.", severity="warning")
            return
        if not self.editor.text.strip():
            self.notify("Write a draft first.", severity="warning")
            return
        if reason := too_long(self.text, self._draft_context):  # say so, never a crash
            self.notify(reason[:1].upper() + reason[1:] + ".", severity="warning")
            return
        self.set_status("Writing value-first variants…")
        self._rewrite(coach, self.text, self._draft_context)

    @work(thread=True, exclusive=True, group="rewrite", exit_on_error=False)
    def _rewrite(self, coach: Coach, text: str, context: Context) -> None:
        from coach.engine.rewrite import rewrite

        self.post_message(RewriteReady(text, rewrite(coach, text, context)))

    def on_rewrite_ready(self, message: RewriteReady) -> None:
        from coach.tui.screens.rewrite import RewriteScreen

        self.set_status("Ready.")
        if message.text != self.text:
            return
        self.app.push_screen(RewriteScreen(message.text, message.rewrite), self._accept_rewrite)

    def _accept_rewrite(self, variant: Variant | None) -> None:
        if variant is None or variant.text == self.text:
            return
        self._before_edit = self.editor.text
        self.checked.replace_all(variant.text)
        self.editor.focus()
        if variant.slots:
            self.checked.select(variant.slots[0].start, variant.slots[0].end)
        self.save_draft(checkpoint=True)
        filling = " Type over the selected placeholder." if variant.slots else ""
        self.set_status(f"Rewrite accepted; ctrl+z brings your draft back.{filling}")

    # -- history -------------------------------------------------------------------------

    def action_history(self) -> None:
        from coach.tui.screens.history import HistoryScreen

        store = self.app.store
        if store is None or self.draft_id is None:
            self.notify("This draft has no saved versions yet.", severity="warning")
            return
        self.save_draft()
        versions = store.versions(self.draft_id)
        self.app.push_screen(HistoryScreen(versions, self.text), self._restore_version)

    def _restore_version(self, version: Version | None) -> None:
        if version is None or version.text == self.text:
            return
        self.checked.replace_all(version.text)
        self.editor.focus()
        self.save_draft(checkpoint=True)
        self.set_status("Restored an earlier version; ctrl+z brings the newer text back.")
