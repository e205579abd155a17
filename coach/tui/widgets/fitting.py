"""Words that fit: a title or a line said in full when there is room, in fewer words when not.

Textual cuts a border title that is too long with an ellipsis, and a one-line Static simply
off at the edge, so at 80 columns the end of a title (often the count or the score) was lost.
A widget gives its wordings longest first; the longest that fits in its width is shown, again
whenever the widget is resized.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.geometry import Size

BORDER_TITLE_MARGIN = 6  # "╭─ " and " ─╮" around a border title


def fitting(room: int, *forms: str) -> str:
    """The first of ``forms`` (longest first) that is at most ``room`` cells wide; the
    last one when none is."""
    for form in forms:
        if cell_len(form) <= room:
            return form
    return forms[-1]


def fitting_text(room: int, *forms: Text) -> Text:
    """As ``fitting``, for styled lines."""
    for form in forms:
        if form.cell_len <= room:
            return form
    return forms[-1]


class FittedTitle:
    """Mixed into a widget (before its Textual class) whose border title is given as
    wordings, longest first (``fit_title``). A plain mixin: a Widget base here would stand
    between the widget and its Textual class's component styles."""

    outer_size: Size
    border_title: str | Text | None

    _title_forms: tuple[str, ...] = ()

    def fit_title(self, *forms: str) -> None:
        self._title_forms = forms
        self._show_title()

    def on_resize(self, _event: events.Resize) -> None:
        self._show_title()

    def _show_title(self) -> None:
        if self._title_forms:
            room = self.outer_size.width - BORDER_TITLE_MARGIN
            self.border_title = fitting(room, *self._title_forms)
