"""The findings list and the detail pane of the selected finding."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.engine.config import EngineConfig
from coach.engine.display import CountedBonuses, count
from coach.engine.models import Finding, Report
from coach.tui.widgets.fitting import FittedTitle

SEVERITY_MARKS = {"error": ("✖", "red"), "warning": ("▲", "yellow"), "info": ("•", "cyan")}
FIX_MARK = "✎"  # in the list: ctrl+f fixes this finding (said in the detail and in f1)
FIX_HINT = f"{FIX_MARK} ctrl+f fixes"


def by_rule(findings: tuple[Finding, ...]) -> tuple[tuple[Finding, ...], ...]:
    """The findings grouped by rule, in the order each rule first appears: a rule takes its
    weight off once however many spans it matched, so it is listed once."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.rule_id, []).append(finding)
    return tuple(tuple(group) for group in groups.values())


class FindingsList(FittedTitle, OptionList):
    """Problems first (in text order), then what already works; one entry per rule.

    A printable key typed here is not a command of the list: it is posted as ``Typed`` so the
    drafting screen can put it in the editor instead of dropping it."""

    DEFAULT_CSS = """
    FindingsList {
        height: 1fr;
        border: round $primary 50%;
        border-title-align: left;
        border-subtitle-align: right;
    }
    FindingsList:focus { border: round $primary; }
    """

    @dataclass
    class Typed(Message):
        character: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups: tuple[tuple[Finding, ...], ...] = ()
        self.findings: tuple[Finding, ...] = ()  # one per rule: the one whose fix is offered
        self.bonus_note: CountedBonuses | None = None
        self._labels: list[str] = []
        self.fit_title("Findings")

    def show(self, report: Report, config: EngineConfig | None = None) -> None:
        """List the report's rules, keeping the highlighted one where it still exists; a
        value-first rule shows the points it adds under ``config`` (blockers, cap)."""
        previous = self.selected_finding
        self.groups = by_rule(report.penalties) + by_rule(report.signals)
        self.findings = tuple(_representative(group) for group in self.groups)
        config = config or EngineConfig()
        self.bonus_note = CountedBonuses(report, config.bonus_cap, config.bonus_blockers)
        labels = [_label(group, self.bonus_note) for group in self.groups]
        if [label.plain for label in labels] == self._labels:
            return  # same list (offsets may have moved): keep the options and the highlight
        self._labels = [label.plain for label in labels]
        self.clear_options()
        self.add_options([Option(label) for label in labels])
        problems = sum(1 for group in self.groups if not group[0].positive)
        said = f"{count(problems, 'problem')}, {count(len(self.groups) - problems, 'strength')}"
        self.fit_title(f"Findings: {said}", said, f"{problems} ✖ {len(self.groups) - problems} ✔")
        fixable = any(finding.edit is not None for finding in self.findings)
        self.border_subtitle = FIX_HINT if fixable else ""
        if previous is not None:
            for index, finding in enumerate(self.findings):
                if finding.rule_id == previous.rule_id:
                    self.highlighted = index
                    break

    @property
    def selected_finding(self) -> Finding | None:
        group = self.selected_group
        return _representative(group) if group else None

    @property
    def selected_note(self) -> str:
        """Why the selected value-first rule adds less than its bonus, or ''."""
        finding = self.selected_finding
        if finding is None or not finding.positive or self.bonus_note is None:
            return ""
        return self.bonus_note.shortfall(finding)

    @property
    def selected_group(self) -> tuple[Finding, ...]:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.groups):
            return ()
        return self.groups[index]

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.key != "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Typed(event.character))


def _representative(group: tuple[Finding, ...]) -> Finding:
    return next((f for f in group if f.edit is not None), group[0])


def _label(group: tuple[Finding, ...], bonuses: CountedBonuses | None = None) -> Text:
    """Severity, weight, the fix mark when ctrl+f can act on it, title, the words quoted."""
    finding = group[0]
    if finding.positive:
        points = bonuses.points(finding) if bonuses else finding.bonus
        style = "green" if points == finding.bonus else "dim green"
        text = Text("✔ ", style=style)
        text.append(f"+{points:<3}", style=style)
    else:
        mark, style = SEVERITY_MARKS.get(finding.severity, ("•", "white"))
        text = Text(f"{mark} ", style=style)
        text.append(f"-{finding.weight:<3}", style=style)
    fixable = _representative(group).edit is not None
    text.append(f"{FIX_MARK} " if fixable else "  ", style="bold green")
    text.append(finding.title)
    quotes = [" ".join(f.quote.split()) for f in group if f.quote.strip()]
    if quotes:
        short = quotes[0] if len(quotes[0]) <= 28 else quotes[0][:27] + "…"
        more = f" +{len(quotes) - 1}" if len(quotes) > 1 else ""
        text.append(f'  "{short}"{more}', style="dim")
    return text


class FindingDetail(VerticalScroll):
    """Message, why (with its article), what to do instead, and the fix on offer: the whole
    text, scrolled with the arrow keys once the pane has focus (tab) or with the mouse."""

    DEFAULT_CSS = """
    FindingDetail {
        height: 1fr;
        border: round $primary 50%;
        border-title-align: left;
        border-subtitle-align: right;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    FindingDetail:focus { border: round $primary; }
    FindingDetail > Static { height: auto; }
    """

    _shown: object = ()

    def compose(self) -> ComposeResult:
        self.border_title = "Detail"
        yield Static("Select a finding to see why it matters.", id="detail-text")

    def show(self, group: tuple[Finding, ...], text: str = "", note: str = "") -> None:
        """The group's detail; ``text`` is the checked text its fix applies to, ``note`` why
        a value-first rule adds less than its bonus."""
        key = (tuple((f.rule_id, f.quote, f.edit) for f in group), note)
        if key != self._shown:
            self._shown = key
            self.query_one("#detail-text", Static).update(describe(group, text, note))
            self.scroll_home(animate=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._hint)

    def watch_virtual_size(self) -> None:
        self.call_after_refresh(self._hint)

    def _hint(self) -> None:
        self.border_subtitle = "more ↓ (tab, arrows)" if self.max_scroll_y > 0 else ""


def describe(group: tuple[Finding, ...], checked: str = "", note: str = "") -> Text:
    if not group:
        return Text("Select a finding to see why it matters.", style="dim")
    finding = _representative(group)
    text = Text(finding.title, style="bold")
    text.append(f"\n[{finding.rule_id}]\n", style="dim")
    text.append(f"{finding.message}\n")
    if note:
        text.append(f"{note}\n", style="yellow")
    quotes = [" ".join(f.quote.split()) for f in group if f.quote.strip()]
    if len(quotes) > 1:
        text.append(f"Matched {count(len(quotes), 'time')}: ", style="bold")
        text.append(", ".join(f'"{quote}"' for quote in quotes) + "\n", style="italic")
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
        _, action = finding.edit.describe(checked)
        action = "delete it" if action == "delete" else action
        text.append(f"\n{FIX_MARK} Fix (ctrl+f): ", style="bold green")
        text.append(f"{action} ({finding.edit.reason})")
    elif not finding.positive:
        text.append("\nNo one-key fix", style="bold")
        text.append(f" (no {FIX_MARK} in the list): rewrite it as 'Instead' says, or ctrl+r.")
    return text
