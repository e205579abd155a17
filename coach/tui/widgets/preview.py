"""The character counter (``187/300``, red over the limit) and the note as the recipient sees it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from coach.engine.display import count


class LengthCounter(Static):
    DEFAULT_CSS = """
    LengthCounter {
        width: 14; height: 1; padding: 0 1; color: $text-muted; text-align: right;
    }
    LengthCounter.-over { color: $error; text-style: bold; }
    """

    _shown: object = None

    def show(self, length: int, limit: int | None) -> None:
        if (length, limit) == self._shown:
            return
        self._shown = (length, limit)
        over = limit is not None and length > limit
        self.set_class(over, "-over")
        self.update(f"{length}/{limit}" if limit is not None else str(length), layout=False)

    @property
    def over(self) -> bool:
        return self.has_class("-over")


class RecipientPreview(Static):
    """The note cut where the platform cuts it, so the sender sees what survives.

    A fixed height, so updating it on every keystroke needs no layout pass."""

    DEFAULT_CSS = """
    RecipientPreview {
        height: 7;
        border: round $secondary 50%;
        border-title-align: left;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "As they will see it"

    _preview: object = None

    def show(self, text: str, limit: int | None, platform_title: str) -> None:
        if (text, limit, platform_title) == self._preview:
            return
        self._preview = (text, limit, platform_title)
        body = text.rstrip()
        shown = body if limit is None else body[:limit]
        preview = Text(shown or "(empty)", style="" if shown else "dim")
        lost = len(body) - len(shown)
        if lost > 0:
            preview.append(
                f" ✂ {count(lost, 'character')} cut by the {platform_title} limit", style="bold red"
            )
        self.update(preview, layout=False)
