"""The text the engine checks, held in two widgets: the subject field and the editor.

On platforms that take a subject (email, InMail) the checked text is ``Subject: <subject>``,
a blank line, then the body: the convention the engine's analysis reads
(``coach.engine.subject.split_subject``) and rewrites write. Findings and fixes carry offsets
into the checked text; this class moves them into the editor, which holds only the body.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import Input

from coach.engine.platforms import Platform
from coach.engine.subject import split_subject
from coach.tui.widgets.editor import DraftEditor

PREFIX = "Subject: "


def join_subject(subject: str, body: str, platform: Platform) -> str:
    """The checked text: the body alone when there is no subject or the platform takes none."""
    subject = " ".join(subject.split())
    if platform.subject == "none" or not subject:
        return body
    return f"{PREFIX}{subject}\n\n{body}"


def split_text(text: str, platform: Platform) -> tuple[str, str]:
    """(subject, body) of a checked text; a leading 'Subject:' line becomes the subject."""
    span, body_start = split_subject(text, platform)
    if span is None:
        return "", text
    return text[span[0] : span[1]], text[body_start:]


class CheckedText:
    def __init__(
        self,
        subject: Input,
        editor: DraftEditor,
        platform: Callable[[], Platform],
        subject_bar: Widget | None = None,
    ) -> None:
        self.subject = subject
        self.editor = editor
        self._platform = platform
        self._subject_bar = subject_bar or subject  # what to hide where there is no subject

    @property
    def text(self) -> str:
        return join_subject(self.subject.value, self.editor.text, self._platform())

    @property
    def offset(self) -> int:
        """Where the editor's text starts in the checked text."""
        return len(self.text) - len(self.editor.text)

    def show_subject_field(self) -> None:
        self._subject_bar.display = self._platform().subject != "none"

    def load(self, text: str) -> None:
        """Show a saved text as a fresh document (no undo back to the previous draft)."""
        subject, body = split_text(text, self._platform())
        self.subject.value = subject
        self.show_subject_field()
        self.editor.load_text(body)
        self.editor.show_spans(body, [])

    def replace_all(self, text: str) -> None:
        """Put a whole checked text back (a rewrite, a restored version): one undoable edit."""
        subject, body = split_text(text, self._platform())
        self.subject.value = subject
        if body != self.editor.text:
            self.editor.replace_all(body)

    def replace(self, start: int, end: int, replacement: str) -> None:
        """An edit of ``text[start:end]``: undoable in the editor; in the subject, applied."""
        offset = self.offset
        if start >= offset:
            self.editor.replace_span(start - offset, end - offset, replacement)
        else:
            text = self.text
            self.replace_all(text[:start] + replacement + text[end:])

    def select(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` in the editor (a span in the subject is not selected)."""
        offset = self.offset
        if start >= offset:
            self.editor.select_span(start - offset, end - offset)
