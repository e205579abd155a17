"""The rewrite view: the draft beside one value-first variant at a time, with what changed.

The draft shows what the variant removed (struck through, red); the variant shows what it
added (green) and the slots to fill by hand (yellow). Accepting dismisses with the variant;
the main screen replaces the draft as one undoable edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from coach.tui.widgets.fitting import FittedTitle, fitting_text
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.score import band_style

if TYPE_CHECKING:
    from coach.engine.rewrite import Change, Rewrite, Variant


def marked_draft(text: str, changes: tuple[Change, ...]) -> Text:
    """The draft with each removed piece struck through."""
    result = Text(text)
    for change in changes:
        if change.kind == "removed" and change.text:
            start = text.find(change.text)
            if start >= 0:
                result.stylize("strike red", start, start + len(change.text))
    return result


def marked_variant(variant: Variant) -> Text:
    """The variant with added pieces in green and unfilled slots in yellow."""
    text = variant.text
    result = Text(text)
    for change in variant.changes:
        if change.kind == "added" and change.text:
            start = text.find(change.text)
            if start >= 0:
                result.stylize("green", start, start + len(change.text))
    for slot in variant.slots:
        result.stylize("bold black on yellow", slot.start, slot.end)
    return result


def change_list(variant: Variant) -> Text:
    marks = {"removed": ("−", "red"), "added": ("+", "green"), "kept": ("=", "dim")}
    result = Text()
    for change in variant.changes:
        mark, style = marks.get(change.kind, ("•", ""))
        result.append(f"{mark} ", style=style)
        result.append(" ".join(change.text.split()), style=style)
        result.append(f"\n    {change.reason}\n", style="dim")
    for slot in variant.slots:
        result.append(f"Fill in {slot.placeholder} by hand.\n", style="yellow")
    return result


class VariantPane(FittedTitle, VerticalScroll):
    """One side of the comparison: its title says which text, its score and its length."""


class RewriteScreen(Screen["Variant | None"]):
    """Dismisses with the accepted ``Variant``, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "Accept", priority=True),
        Binding("right,tab", "next_variant", "Next"),
        Binding("left,shift+tab", "previous_variant", "Prev"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, text: str, rewrite: Rewrite) -> None:
        super().__init__()
        self.draft_text = text
        self.rewrite = rewrite
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="variant-tabs")
        with Horizontal(id="variants"):
            with VariantPane(classes="variant-pane", id="draft-pane"):
                yield Static(id="draft-text")
            with VariantPane(classes="variant-pane -chosen", id="variant-pane"):
                yield Static(id="variant-text")
                yield Static(id="variant-changes")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        original = self.rewrite.original
        self.query_one("#draft-pane", VariantPane).fit_title(
            f"Your draft · {original.score} {original.band}",
            f"Draft · {original.score} {original.band}",
            f"Draft · {original.score}",
        )
        self.show_variant(0)

    @property
    def options(self) -> tuple[Variant, ...]:
        """The ready variants; when there is none, the template with its slots to fill."""
        template = self.rewrite.template
        return self.rewrite.variants or ((template,) if template is not None else ())

    @property
    def variant(self) -> Variant | None:
        variants = self.options
        return variants[self.index] if variants else None

    def show_variant(self, index: int) -> None:
        variants = self.options
        tabs = self.query_one("#variant-tabs", Static)
        if not variants:
            tabs.update("No variant could be written for this draft.")
            self.query_one("#draft-text", Static).update(Text(self.draft_text))
            return
        self.index = index % len(variants)
        variant = variants[self.index]
        self._show_tabs()
        self.query_one("#draft-text", Static).update(marked_draft(self.draft_text, variant.changes))
        report = variant.report
        number, scored = self.index + 1, f"{report.score} {report.band}"
        self.query_one("#variant-pane", VariantPane).fit_title(
            f"Variant {number}: {variant.shape} · {scored} · {report.length}/{report.limit}",
            f"Variant {number} · {scored} · {report.length}/{report.limit}",
            f"Variant {number} · {scored}",
            f"{number} · {report.score}",
        )
        self.query_one("#variant-text", Static).update(marked_variant(variant))
        self.query_one("#variant-changes", Static).update(change_list(variant))

    def on_resize(self) -> None:
        self._show_tabs()

    def _show_tabs(self) -> None:
        """The variants' tabs, with the words before them shortened to fit the width."""
        variants = self.options
        if not variants:
            return
        tabs = Text()
        for number, option in enumerate(variants):
            style = "reverse bold" if number == self.index else ""
            tabs.append(f" {number + 1} {option.shape} ", style=style)
            tabs.append(f"{option.report.score} ", style=band_style(option.report.band))
            tabs.append(" ")
        lines = [Text(" ") + tabs]
        if not self.rewrite.variants:
            lines = [
                Text(" ").append(f" {lead} ", style="bold") + tabs
                for lead in (
                    "No ready variant: nothing specific to them is known yet. A template to fill:",
                    "No ready variant yet. A template to fill:",
                    "A template to fill:",
                )
            ]
        room = self.size.width or self.app.size.width  # the tabs line spans the screen
        self.query_one("#variant-tabs", Static).update(fitting_text(room, *lines))

    def action_next_variant(self) -> None:
        self.show_variant(self.index + 1)

    def action_previous_variant(self) -> None:
        self.show_variant(self.index - 1)

    def action_accept(self) -> None:
        self.dismiss(self.variant)

    def action_cancel(self) -> None:
        self.dismiss(None)
