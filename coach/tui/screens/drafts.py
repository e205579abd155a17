"""Saved drafts (f2): recipient, platform, score and time; open, duplicate or delete one."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from coach.drafts import Draft
from coach.tui.messages import DraftDeleted
from coach.tui.widgets.footer import CoachFooter

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


def when(timestamp: float, now: float | None = None) -> str:
    """A short, local time: the time today, the date otherwise."""
    now = now or time.time()
    local, today = time.localtime(timestamp), time.localtime(now)
    if local[:3] == today[:3]:
        return time.strftime("%H:%M", local)
    return time.strftime("%Y-%m-%d", local)


class DraftsScreen(Screen[Draft | None]):
    """Dismisses with the draft to open, or None."""

    app: CoachApp
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", priority=True),
        Binding("d", "duplicate", "Duplicate"),
        Binding("delete,x", "delete", "Delete"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="table-screen")
        self.drafts: list[Draft] = []

    def compose(self) -> ComposeResult:
        yield Static("Saved drafts, the most recent first.", id="heading")
        yield DataTable(id="drafts", cursor_type="row", zebra_stripes=True)
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Recipient", "Platform", "Score", "Band", "Updated", "Opening")
        self.refresh_rows()
        table.focus()

    def refresh_rows(self, keep: int | None = None) -> None:
        assert self.app.store is not None
        self.drafts = self.app.store.list()
        table = self.query_one(DataTable)
        table.clear()
        for draft in self.drafts:
            opening = " ".join(draft.text.split())[:40]
            table.add_row(
                draft.recipient_label,
                draft.platform,
                "" if draft.score is None else str(draft.score),
                draft.band,
                when(draft.updated),
                opening,
                key=str(draft.id),
            )
        if keep is not None and self.drafts:
            table.move_cursor(row=min(keep, len(self.drafts) - 1))
        count = len(self.drafts)
        self.query_one("#heading", Static).update(
            f"{count} saved draft{'s' if count != 1 else ''}, the most recent first."
            if count
            else "No drafts yet: write one on the main screen (escape)."
        )

    @property
    def current(self) -> Draft | None:
        table = self.query_one(DataTable)
        if not self.drafts or table.cursor_row < 0 or table.cursor_row >= len(self.drafts):
            return None
        return self.drafts[table.cursor_row]

    def action_open(self) -> None:
        draft = self.current
        if draft is not None:
            self.dismiss(draft)

    def action_duplicate(self) -> None:
        draft = self.current
        if draft is not None and self.app.store is not None:
            self.app.store.duplicate(draft.id)
            self.refresh_rows(keep=0)
            self.notify(f"Duplicated the draft to {draft.recipient_label}.")

    def action_delete(self) -> None:
        draft = self.current
        if draft is None or self.app.store is None:
            return
        row = self.query_one(DataTable).cursor_row
        self.app.store.delete(draft.id)
        self.app.post_message(DraftDeleted(draft.id))
        self.refresh_rows(keep=row)
        self.notify(f"Deleted the draft to {draft.recipient_label}.")

    def action_back(self) -> None:
        self.dismiss(None)
