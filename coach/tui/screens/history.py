"""Version history (f5): the saved versions of the open draft, newest first, each compared
with the text now (what the version had that is gone, struck red; what is new since, green).
Enter restores the highlighted version; the drafting screen makes it one undoable edit."""

from __future__ import annotations

import difflib
import re
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.drafts import Version
from coach.engine.display import count, one_line
from coach.tui.screens.drafts import when
from coach.tui.widgets.footer import CoachFooter

TOKEN = re.compile(r"\s+|[^\s]+")


def diff(old: str, new: str) -> Text:
    """``old`` turned into ``new`` word by word: removed words struck red, added ones green."""
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    result = Text()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            result.append("".join(before[a1:a2]))
            continue
        if a2 > a1:
            result.append("".join(before[a1:a2]), style="strike red")
        if b2 > b1:
            result.append("".join(after[b1:b2]), style="bold green")
    return result


def version_label(version: Version, width: int = 44) -> Text:
    """Time, score and as much of the opening as fits on one line of ``width`` cells."""
    score = "--" if version.score is None else str(version.score)
    head = f"{when(version.saved)}  {score:>3}  "
    return Text(head + one_line(version.text, max(width - len(head), 8)), no_wrap=True)


class VersionList(OptionList):
    """The versions, newest first, each on one line that fits the list's width."""

    def __init__(self, versions: list[Version], *, id: str | None = None) -> None:
        super().__init__(*(Option(version_label(v)) for v in versions), id=id)
        self.versions = versions
        self._width = 0

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width - 2  # the option's own padding
        if width != self._width and width > 0:
            self._width = width
            highlighted = self.highlighted
            self.clear_options()
            self.add_options([Option(version_label(v, width)) for v in self.versions])
            self.highlighted = highlighted


class HistoryScreen(Screen[Version | None]):
    """Dismisses with the version to restore, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "restore", "Restore", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, versions: list[Version], current: str) -> None:
        super().__init__(classes="table-screen")
        self.versions = list(reversed(versions))  # newest first
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static(
            f"{count(len(self.versions), 'saved version')} of this draft, newest first. "
            "Enter restores one (ctrl+z undoes it on the main screen).",
            id="heading",
        )
        with Horizontal(id="history"):
            yield VersionList(self.versions, id="versions")
            with VerticalScroll(id="history-diff"):
                yield Static("", id="diff-text")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#history-diff").border_title = "This version → now"
        versions = self.query_one("#versions", OptionList)
        versions.border_title = "Versions"
        if self.versions:
            versions.highlighted = 0
        versions.focus()
        self._show(0)

    @property
    def selected(self) -> Version | None:
        index = self.query_one("#versions", OptionList).highlighted
        if index is None or not 0 <= index < len(self.versions):
            return None
        return self.versions[index]

    @on(OptionList.OptionHighlighted, "#versions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int) -> None:
        text = self.query_one("#diff-text", Static)
        if not self.versions:
            text.update(Text("No saved versions yet.", style="dim"))
            return
        version = self.versions[index]
        if version.text == self.current:
            text.update(Text(self.current + "\n\n(the same as now)"))
        else:
            text.update(diff(version.text, self.current))

    def action_restore(self) -> None:
        self.dismiss(self.selected)

    def action_back(self) -> None:
        self.dismiss(None)
