"""Saved drafts (f2): recipient, platform, score and time; open, duplicate or delete one."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from coach.drafts import Draft
from coach.engine.display import count, one_line
from coach.tui.messages import DraftDeleted
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.score import band_style

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

COLUMNS = ("Recipient", "Platform", "Score", "Band", "Updated", "Opening")
NARROW = 100  # columns: below this the band column gives way to the score's colour
RECIPIENT_CHARS = 28
MIN_OPENING = 12
SCROLLBAR = 2  # the table's vertical scrollbar, once the drafts outgrow the screen


def when(timestamp: float, now: float | None = None) -> str:
    """A short, local time: the time today, the date otherwise."""
    now = now or time.time()
    local, today = time.localtime(timestamp), time.localtime(now)
    if local[:3] == today[:3]:
        return time.strftime("%H:%M", local)
    return time.strftime("%Y-%m-%d", local)


def draft_cells(draft: Draft, narrow: bool) -> list[Text]:
    """A draft's cells before its opening, as plain text (a draft's words are never markup)."""
    style = band_style(draft.band) if draft.band else ""
    score = Text("" if draft.score is None else str(draft.score), style=style if narrow else "")
    cells = [Text(one_line(draft.recipient_label, RECIPIENT_CHARS)), Text(draft.platform), score]
    if not narrow:
        cells.append(Text(draft.band))
    return [*cells, Text(when(draft.updated))]


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
        self.refresh_rows()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.drafts:
            self.refresh_rows(keep=self.query_one(DataTable).cursor_row, reload=False)

    def refresh_rows(self, keep: int | None = None, reload: bool = True) -> None:
        """The table at this width: below ``NARROW`` columns the band is the score's colour
        alone; the opening gets the room the other columns leave, so nothing is cut off."""
        assert self.app.store is not None
        if reload:
            self.drafts = self.app.store.list()
        width = self.size.width or self.app.size.width
        narrow = width < NARROW
        rows = [draft_cells(draft, narrow) for draft in self.drafts]
        labels = [label for label in COLUMNS if not (narrow and label == "Band")]
        widths = [
            max([len(label), *(row[i].cell_len for row in rows)])
            for i, label in enumerate(labels[:-1])
        ]
        room = max(MIN_OPENING, width - sum(w + 2 for w in widths) - 2 - SCROLLBAR)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for label, column_width in zip(labels, [*widths, room], strict=True):
            table.add_column(label, width=column_width)
        for draft, row in zip(self.drafts, rows, strict=True):
            table.add_row(*row, Text(one_line(draft.text, room)), key=str(draft.id))
        if keep is not None and self.drafts:
            table.move_cursor(row=min(keep, len(self.drafts) - 1))
        drafts = len(self.drafts)
        self.query_one("#heading", Static).update(
            f"{count(drafts, 'saved draft')}, the most recent first."
            if drafts
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
