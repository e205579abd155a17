"""The draft editor: a TextArea that underlines the spans the last report found.

Textual's TextArea paints ``_highlights`` (per line: byte columns and a name) with the styles of
its theme's ``syntax_styles``; tree-sitter usually fills them. We fill them from the findings
instead, and register a theme (built on the CSS theme) that maps our names to styles.
"""

from __future__ import annotations

from rich.style import Style
from textual.widgets import TextArea
from textual.widgets.text_area import Selection, TextAreaTheme

from coach.engine.models import Finding

THEME = TextAreaTheme(
    name="coach",
    syntax_styles={
        "finding.error": Style(underline=True, color="#ff6b6b", bold=True),
        "finding.warning": Style(underline=True, color="#ffb347"),
        "finding.info": Style(underline=True, color="#8ab4f8"),
        "finding.signal": Style(color="#7bd88f"),
        "finding.selected": Style(reverse=True),
    },
)


class DraftEditor(TextArea):
    """Soft-wrapped prose editor with finding highlights."""

    DEFAULT_CSS = """
    DraftEditor {
        height: 1fr;
        border: round $primary 50%;
    }
    DraftEditor:focus {
        border: round $primary;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None, blink: bool = True) -> None:
        super().__init__(text, id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        self.register_theme(THEME)
        self.theme = "coach"
        self.cursor_blink = blink
        self._finding_spans: list[tuple[int, int, str]] = []
        self._spans_text = ""

    def show_spans(self, text: str, spans: list[tuple[int, int, str]]) -> None:
        """Highlight ``(start, end, style name)`` spans of the report on ``text`` (offsets into
        the editor's text; ignored once the text moved on)."""
        shown = {row: list(line) for row, line in self._highlights.items() if line}
        self._finding_spans = [span for span in spans if span[1] > span[0]]
        self._spans_text = text
        self._build_highlight_map()
        if {row: line for row, line in self._highlights.items() if line} != shown:
            self.refresh()  # a new report with the same underlines repaints nothing

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (character offsets, as findings give them)."""
        document = self.document
        length = len(self.text)
        start, end = max(0, min(start, length)), max(0, min(end, length))
        self.selection = Selection(
            document.get_location_from_index(start), document.get_location_from_index(end)
        )

    @property
    def selected_offsets(self) -> tuple[int, int]:
        start, end = sorted(self.selection)
        index = self.document.get_index_from_location
        return index(start), index(end)

    def replace_span(self, start: int, end: int, replacement: str) -> None:
        """An undoable edit of ``text[start:end]``."""
        location = self.document.get_location_from_index
        self.replace(replacement, location(start), location(end))

    def replace_all(self, text: str) -> None:
        """Replace the whole draft as one undoable edit (accepting a rewrite)."""
        self.replace(text, (0, 0), self.document.end)

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        spans = getattr(self, "_finding_spans", None)
        if not spans:
            return
        text = self.text
        if text != self._spans_text:
            # Until the new report arrives, keep the spans before the first edited character,
            # so underlines do not flicker on every keystroke.
            unchanged = _common_prefix(text, self._spans_text)
            spans = [span for span in spans if span[1] <= unchanged]
        lines = text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        for start, end, name in spans:
            for row, line in enumerate(lines):
                line_start, line_end = starts[row], starts[row] + len(line)
                if end <= line_start or start > line_end:
                    continue
                first = max(start, line_start) - line_start
                last = min(end, line_end) - line_start
                if last > first:
                    highlights[row].append((_bytes(line, first), _bytes(line, last), name))


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    index = 0
    while index < limit and a[index] == b[index]:
        index += 1
    return index


def _bytes(line: str, column: int) -> int:
    return len(line[:column].encode("utf-8"))


def finding_spans(
    findings: tuple[Finding, ...], selected: tuple[Finding, ...], offset: int = 0
) -> list[tuple[int, int, str]]:
    """The editor spans of ``findings`` (every span of the selected rule marked selected),
    moved back by ``offset`` (the subject line the editor does not hold); spans before it
    are dropped."""
    spans = [(f.start, f.end, _name(f)) for f in findings]
    spans += [(f.start, f.end, "finding.selected") for f in selected]
    return [(start - offset, end - offset, name) for start, end, name in spans if start >= offset]


def _name(finding: Finding) -> str:
    return "finding.signal" if finding.positive else f"finding.{finding.severity}"
