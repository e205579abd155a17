"""Packs (f4): every pack and rule with an on/off toggle, saved to the user config file.

A toggle is written with ``coach.config.settings.set_rule_enabled``; the screen posts
``RulesChanged`` and the app rebuilds the engine (reusing the loaded spaCy pipeline); on
``EngineChanged`` the table shows what the rebuilt engine runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from coach.config.settings import set_rule_enabled
from coach.engine.config import EngineConfig
from coach.engine.errors import CoachError
from coach.engine.packs.resolve import rule_states
from coach.tui.messages import EngineChanged, RulesChanged
from coach.tui.widgets.footer import CoachFooter

if TYPE_CHECKING:
    from coach.engine.packs.model import Rule
    from coach.tui.app import CoachApp

ON = Text("● on", style="green")
OFF = Text("○ off", style="dim")
TOGGLE_KEY = "space"  # the footer and the heading both say this key


def weight_cell(used: Rule, hand: Rule, bonus_cap: int) -> Text:
    """What the score takes off (or adds) for the rule: the fitted weight of
    rules/_weights.yaml and the config's changes applied, the pack's own weight beside it
    when that differs; a bonus the config's cap of 0 never lets count says so."""
    if used.bonus:
        cell = Text(f"+{used.bonus}", style="dim" if bonus_cap <= 0 else "green")
        if bonus_cap <= 0:
            cell.append(" not counted (bonus_cap 0)", style="dim")
        elif used.bonus != hand.bonus:
            cell.append(f" (pack +{hand.bonus})", style="dim")
        return cell
    cell = Text(f"-{used.weight}")
    if used.weight != hand.weight:
        cell.append(f" (pack -{hand.weight})", style="dim")
    return cell


def weights_note(config: EngineConfig) -> str:
    """What the Weight column holds and how bonuses count under the config in force."""
    weights = "Weights are those the score uses (fitted, with your config's changes)"
    if config.bonus_cap <= 0:
        return f"{weights}; bonuses count for nothing (bonus_cap 0)."
    blockers = ", ".join(config.bonus_blockers)
    never = f", and none in a message with {blockers}" if blockers else ""
    return f"{weights}; bonuses add up to {config.bonus_cap} at most{never}."


class PacksScreen(Screen):
    app: CoachApp
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(TOGGLE_KEY, "toggle", "Toggle on/off", priority=True),
        Binding("enter", "toggle", "Toggle on/off", show=False, priority=True),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="table-screen")
        self.rows: list[tuple[str, bool]] = []  # (pack name or rule id, is a pack)
        self.enabled: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="heading")
        yield DataTable(id="packs", cursor_type="row")
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", width=len(OFF.plain), key="state")
        # the weight before the long names, so it shows at 80 columns; the title can scroll
        table.add_column("Weight", key="weight")
        table.add_columns("Pack / rule", "Title", "Severity")
        self.redraw()
        table.focus()

    def on_engine_changed(self, _message: EngineChanged) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Redraw from the engine in use (called again when a rebuilt engine is ready)."""
        coach = self.app.coach
        table = self.query_one(DataTable)
        heading = self.query_one("#heading", Static)
        if coach is None:
            heading.update("The rule packs load with the language model; one moment…")
            return
        heading.update(
            f"{TOGGLE_KEY} (or enter) toggles a pack or a rule; the choice is saved to your config."
            f"\n{weights_note(coach.config)}"
        )
        self.enabled = {rule.id for rule in coach.rules}
        used = {rule.id: rule for rule, _ in rule_states(coach.packs, coach.config)}
        row = table.cursor_row
        table.clear()
        self.rows = []
        for pack in coach.packs:
            on = any(rule.id in self.enabled for rule in pack.rules)
            table.add_row(
                ON if on else OFF,
                "",
                Text(pack.name, style="bold"),
                Text(pack.title, style="bold"),
                "",
            )
            self.rows.append((pack.name, True))
            for rule in pack.rules:
                table.add_row(
                    ON if rule.id in self.enabled else OFF,
                    weight_cell(used.get(rule.id, rule), rule, coach.config.bonus_cap),
                    Text(f"  {rule.id}"),
                    Text(rule.title),
                    rule.severity,
                )
                self.rows.append((rule.id, False))
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))

    def is_on(self, index: int) -> bool:
        name, is_pack = self.rows[index]
        if not is_pack:
            return name in self.enabled
        pack = next(p for p in self.app.coach.packs if p.name == name) if self.app.coach else None
        return bool(pack and any(rule.id in self.enabled for rule in pack.rules))

    def action_toggle(self) -> None:
        table = self.query_one(DataTable)
        if not self.rows or self.app.coach is None:
            return
        index = table.cursor_row
        name, _ = self.rows[index]
        enabled = not self.is_on(index)
        try:
            set_rule_enabled(name, enabled)
        except CoachError as error:
            self.notify(str(error), severity="error")
            return
        table.update_cell_at((index, 0), ON if enabled else OFF)
        self.notify(f"{name} {'on' if enabled else 'off'}; re-checking with the new rules…")
        self.app.post_message(RulesChanged())
