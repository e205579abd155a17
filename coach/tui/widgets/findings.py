"""The findings list and the detail pane of the selected finding."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.engine.models import Finding, Report

SEVERITY_MARKS = {"error": ("✖", "red"), "warning": ("▲", "yellow"), "info": ("•", "cyan")}


class FindingsList(OptionList):
    """Problems first (in text order), then what already works."""

    DEFAULT_CSS = """
    FindingsList {
        height: 1fr;
        border: round $primary 50%;
        border-title-align: left;
    }
    FindingsList:focus { border: round $primary; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: tuple[Finding, ...] = ()
        self._labels: list[str] = []
        self.border_title = "Findings"

    def show(self, report: Report) -> None:
        """List the report's findings, keeping the highlighted one where it still exists."""
        previous = self.selected_finding
        findings = report.penalties + report.signals
        labels = [_label(f) for f in findings]
        self.findings = findings
        if [label.plain for label in labels] == self._labels:
            return  # same list (offsets may have moved): keep the options and the highlight
        self._labels = [label.plain for label in labels]
        self.clear_options()
        self.add_options([Option(label) for label in labels])
        self.border_title = (
            f"Findings: {len(report.penalties)} problems, {len(report.signals)} strengths"
        )
        if previous is not None:
            for index, finding in enumerate(self.findings):
                if finding.rule_id == previous.rule_id:
                    self.highlighted = index
                    break

    @property
    def selected_finding(self) -> Finding | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.findings):
            return None
        return self.findings[index]


def _label(finding: Finding) -> Text:
    if finding.positive:
        text = Text("✔ ", style="green")
        text.append(f"+{finding.bonus:<3}", style="green")
    else:
        mark, style = SEVERITY_MARKS.get(finding.severity, ("•", "white"))
        text = Text(f"{mark} ", style=style)
        text.append(f"-{finding.weight:<3}", style=style)
    text.append(finding.title)
    quote = " ".join(finding.quote.split())
    if quote:
        short = quote if len(quote) <= 28 else quote[:27] + "…"
        text.append(f'  "{short}"', style="dim")
    return text


class FindingDetail(VerticalScroll):
    """Message, why (with its article), what to do instead, and the fix on offer."""

    DEFAULT_CSS = """
    FindingDetail {
        height: 1fr;
        border: round $primary 50%;
        border-title-align: left;
        padding: 0 1;
    }
    FindingDetail > Static { height: auto; }
    """

    _shown: object = ()

    def compose(self):
        self.border_title = "Detail"
        yield Static("Select a finding to see why it matters.", id="detail-text")

    def show(self, finding: Finding | None) -> None:
        key = None if finding is None else (finding.rule_id, finding.quote, finding.edit)
        if key != self._shown:
            self._shown = key
            self.query_one("#detail-text", Static).update(describe(finding))


def describe(finding: Finding | None) -> Text:
    if finding is None:
        return Text("Select a finding to see why it matters.", style="dim")
    text = Text(finding.title, style="bold")
    text.append(f"  [{finding.rule_id}]\n", style="dim")
    text.append(f"{finding.message}\n")
    if finding.why:
        text.append("\nWhy: ", style="bold")
        text.append(f"{finding.why}\n")
    if finding.source:
        text.append("Source: ", style="bold")
        text.append(f"{finding.source}\n", style="italic")
    if finding.suggestion:
        text.append("\nInstead: ", style="bold")
        text.append(f"{finding.suggestion}\n")
    if finding.edit is not None:
        replacement = finding.edit.replacement
        action = f'replace with "{replacement}"' if replacement else "delete it"
        text.append("\nFix (ctrl+f): ", style="bold green")
        text.append(f"{action} ({finding.edit.reason})")
    return text
