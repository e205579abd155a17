"""The score panel: the score in large digits, its band in colour, a bar, and sub-scores."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from coach.engine.config import BAND_TABLE, Bands, EngineConfig, band_named
from coach.engine.display import CountedBonuses
from coach.engine.models import Report

BAND_CLASSES = tuple(f"-{band.key}" for band in BAND_TABLE)


def band_style(band_name: str) -> str:
    """The colour of a report's band, from the band table."""
    return band_named(band_name).colour


def bar(value: int, width: int, style: str) -> Text:
    """A horizontal bar for a 0-100 value, in eighths of a cell."""
    eighths = round(max(0, min(100, value)) / 100 * width * 8)
    full, part = divmod(eighths, 8)
    text = Text("█" * full, style=style)
    if part:
        text.append(" ▏▎▍▌▋▊▉"[part], style=style)
    text.append("·" * (width - full - (1 if part else 0)), style="dim")
    return text


class ScorePanel(Vertical):
    """Shows a report's score; waits with a dash until the first report arrives."""

    DEFAULT_CSS = """
    ScorePanel {
        height: auto;
        border: round $primary 50%;
        border-title-align: left;
        padding: 0 1;
    }
    ScorePanel Digits { width: auto; }
    ScorePanel #score-line { height: 1; text-style: bold; }
    ScorePanel #score-bar { height: 1; }
    ScorePanel #categories { height: auto; margin-top: 1; }
    ScorePanel.-ready Digits, ScorePanel.-ready #score-line { color: $success; }
    ScorePanel.-needs-work Digits, ScorePanel.-needs-work #score-line { color: $warning; }
    ScorePanel.-dont-send Digits, ScorePanel.-dont-send #score-line { color: $error; }
    """

    _category_lines = -1
    _shown: object = None  # what the panel shows now: a report like it repaints nothing

    def compose(self) -> ComposeResult:
        self.border_title = "Score"
        yield Digits("--", id="score-digits")
        yield Static("waiting for the first score", id="score-line")
        yield Static("", id="score-bar")
        yield Static("", id="categories")

    def show(self, report: Report, config: EngineConfig | None = None) -> None:
        """Update in place; classes and layout change only when they must (each costs a
        style or layout pass on every keystroke otherwise). A category's bonus is what the
        score counts of it under ``config`` (the cap)."""
        width = max(10, self.size.width - 4) if self.size.width else 30
        config = config or EngineConfig()
        counted = CountedBonuses(report, config.bonus_cap, config.bonus_blockers).by_category()
        shown = (report.score, report.band, report.categories, width, counted)
        if shown == self._shown:
            return
        self._shown = shown
        band_class = f"-{band_named(report.band).key}"
        if not self.has_class(band_class):
            self.remove_class(*BAND_CLASSES)
            self.add_class(band_class)
        style = band_style(report.band)
        digits = self.query_one("#score-digits", Digits)
        if digits.value != str(report.score):
            digits.update(str(report.score))
        self.query_one("#score-line", Static).update(
            f"Score {report.score}/100 · {report.band}", layout=False
        )
        self.query_one("#score-bar", Static).update(bar(report.score, width, style), layout=False)
        categories = self.query_one("#categories", Static)
        lines = len(report.categories)
        categories.update(_categories(report, counted), layout=lines != self._category_lines)
        self._category_lines = lines


def _categories(report: Report, counted: dict[str, int]) -> Text:
    text = Text()
    for index, category in enumerate(report.categories):
        if index:
            text.append("\n")
        if category.penalty == 0 and category.bonus == 0 and category.score == 0:
            style = "dim"  # a bonus-only category with nothing earned yet
        else:
            style = Bands().band(category.score).colour
        text.append(f"{category.category:<16}", style="bold" if category.penalty else "")
        text.append_text(bar(category.score, 10, style))
        detail = f" -{category.penalty}" if category.penalty else ""
        bonus = counted.get(category.category, 0)
        detail += f" +{bonus}" if bonus else ""
        text.append(f" {category.score:>3}{detail}")
    return text
