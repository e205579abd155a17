"""The one-line bar that stands in for the recipient, sender and score panels on a small
terminal: the score and band, the platform and who the note is for, and the key that shows
the panels (f6, in the footer)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from coach.engine.models import Context, Report
from coach.tui.widgets.score import band_style


class CompactBar(Static):
    DEFAULT_CSS = """
    CompactBar { height: 1; padding: 0 1; background: $panel; }
    """

    _shown: object = None

    def show(self, report: Report | None, context: Context, platform_title: str) -> None:
        score = (report.score, report.band) if report else None
        shown = (score, context.recipient.first_name, context.recipient.company, platform_title)
        if shown == self._shown:  # the same line: no repaint on a keystroke
            return
        self._shown = shown
        line = Text()
        if report is None:
            line.append("Score --", style="dim")
        else:
            style = band_style(report.band)
            line.append(f"Score {report.score}/100 · {report.band}", style=f"bold {style}")
        recipient = context.recipient
        who = ", ".join(p for p in (recipient.first_name, recipient.company) if p)
        line.append(f"  │ {platform_title}", style="")
        line.append(f" · {who}" if who else " · no recipient yet", style="dim" if not who else "")
        self.update(line, layout=False)
