"""Campaign (f3): open a campaign file, score its rows in a worker, sort them, open one.

Rows arrive in batches as ``CampaignRows`` messages so the progress bar and table fill while
the worker scores; Enter opens a row as a new draft with its recipient context; ``e`` writes
the scored results beside the input file.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, ProgressBar, Static
from textual.worker import get_current_worker

from coach.engine.display import count, one_line
from coach.tui.messages import (
    CampaignDone,
    CampaignFailed,
    CampaignOpened,
    CampaignRows,
    OpenAsDraft,
)
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.score import band_style

if TYPE_CHECKING:
    from coach.batch import ScoredRow
    from coach.engine import Coach
    from coach.tui.app import CoachApp

BATCH_ROWS = 25
COLUMNS = (
    ("line", "Line"),
    ("score", "Score"),
    ("band", "Band"),
    ("problem", "Top problem"),
    ("recipient", "Recipient"),
    ("flags", "Campaign flags"),
)


NARROW = 100  # columns: below this the recipient column gives way (it is in the opened draft)
PROBLEM_CHARS = 20  # the top problem's title, cut at a narrow width


def row_cells(scored: ScoredRow, narrow: bool = False) -> dict[str, object]:
    """A scored row's cells by column key. A row's own words are Text, not str: a str cell
    is read as Rich markup, and '[First Name]' would vanish from it."""
    report = scored.report
    band = report.band if report else scored.status
    recipient = scored.row.context.recipient
    problem = top_problem(scored)
    return {
        "line": scored.row.line,
        "score": report.score if report else -1,
        "band": Text(band, style=band_style(band)),
        "problem": Text(one_line(problem, PROBLEM_CHARS) if narrow else problem),
        "recipient": Text(", ".join(p for p in (recipient.first_name, recipient.company) if p)),
        "flags": Text(", ".join(scored.campaign_flags)),
    }


def top_problem(scored: ScoredRow) -> str:
    if scored.report is None:
        return scored.reason or scored.status
    top = scored.report.top_penalty
    return top.title if top else "-"


def export_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}.scored.csv")


class CampaignScreen(Screen):
    app: CoachApp
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "open_file", "Open file"),
        Binding("s", "sort", "Sort"),
        Binding("e", "export", "Export"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, path: str = "") -> None:
        super().__init__(classes="table-screen")
        self.initial_path = path
        self.source: Path | None = None
        self.scored: list[ScoredRow] = []
        self.sort_column = 0
        self.running = False
        self._narrow = False  # set from the width on mount

    def compose(self) -> ComposeResult:
        with Horizontal(id="campaign-bar"):
            yield Input(
                self.initial_path,
                id="campaign-path",
                placeholder="Campaign file (csv, tsv, xlsx, jsonl): type a path, Enter",
            )
        progress = ProgressBar(id="campaign-progress", show_eta=False)
        progress.display = False  # until a file is chosen: no "--%" bar animating at nothing
        yield progress
        yield Static("Open a campaign file to score every row.", id="heading")
        yield DataTable(id="campaign", cursor_type="row", zebra_stripes=True)
        yield CoachFooter(compact=True)

    def on_mount(self) -> None:
        self._narrow = self._is_narrow()
        self._add_columns()
        self.query_one(Input).focus()

    def _is_narrow(self) -> bool:
        return (self.size.width or self.app.size.width) < NARROW

    def _add_columns(self) -> None:
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            if not (self._narrow and key == "recipient"):
                table.add_column(label, key=key)

    def on_resize(self) -> None:
        """Across the narrow width, the table again with the columns that fit."""
        if self._is_narrow() == self._narrow:
            return
        self._narrow = not self._narrow
        self.query_one(DataTable).clear(columns=True)
        self._add_columns()
        rows, self.scored = self.scored, []
        self.on_campaign_rows(CampaignRows(rows), advance=False)

    @on(Input.Submitted, "#campaign-path")
    def action_open_file(self) -> None:
        value = self.query_one("#campaign-path", Input).value.strip()
        coach = self.app.coach
        if not value:
            self.notify("Type the path of a campaign file first.", severity="warning")
            return
        if coach is None:
            self.notify("The language model is still loading.", severity="warning")
            return
        self.source = Path(value).expanduser()
        self.scored = []
        self.query_one(DataTable).clear()
        self.running = True
        self.query_one("#heading", Static).update(f"Reading {self.source}…")
        self._score_file(coach, self.source)

    @work(thread=True, exclusive=True, group="campaign")
    def _score_file(self, coach: Coach, path: Path) -> None:
        from coach.batch import read_campaign, score_campaign
        from coach.engine.errors import CoachError

        worker = get_current_worker()
        started = time.perf_counter()
        try:
            campaign = read_campaign(path)
            total = sum(1 for _ in campaign)
            self.post_message(CampaignOpened(str(path), total))
            batch: list[ScoredRow] = []
            for scored in score_campaign(coach, campaign):
                if worker.is_cancelled:
                    return
                batch.append(scored)
                if len(batch) >= BATCH_ROWS:
                    self.post_message(CampaignRows(batch))
                    batch = []
            self.post_message(CampaignRows(batch))
        except (CoachError, OSError) as error:
            self.post_message(CampaignFailed(str(error)))
            return
        self.post_message(CampaignDone(time.perf_counter() - started))

    def on_campaign_opened(self, message: CampaignOpened) -> None:
        progress = self.query_one(ProgressBar)
        progress.update(total=message.total, progress=0)
        progress.display = True
        self.query_one("#heading", Static).update(
            f"Scoring {count(message.total, 'row')} of {message.name}…"
        )

    def on_campaign_rows(self, message: CampaignRows, advance: bool = True) -> None:
        table = self.query_one(DataTable)
        keys = [key.value for key in table.columns]
        for scored in message.rows:
            index = len(self.scored)
            self.scored.append(scored)
            cells = row_cells(scored, self._narrow)
            table.add_row(*(cells[key] for key in keys), key=str(index))
        if advance:
            self.query_one(ProgressBar).advance(len(message.rows))

    def on_campaign_done(self, message: CampaignDone) -> None:
        self.running = False
        ready = sum(1 for s in self.scored if s.report and s.report.band == "ready to send")
        self.query_one("#heading", Static).update(
            f"{count(len(self.scored), 'row')} scored in {message.seconds:.1f} s; "
            f"{ready:,} ready to send. "
            "Enter opens a row as a draft, s sorts, e exports."
        )
        self.query_one(DataTable).focus()

    def on_campaign_failed(self, message: CampaignFailed) -> None:
        self.running = False
        self.query_one("#heading", Static).update(f"Could not read the campaign: {message.error}")
        self.notify(message.error, severity="error")

    def action_sort(self) -> None:
        """Cycle the sort: score (lowest first), band, line."""
        keys = ("score", "band", "line")
        key = keys[self.sort_column % len(keys)]
        self.sort_column += 1
        table = self.query_one(DataTable)
        if key == "band":
            table.sort("band", "score", key=lambda values: (str(values[0]), values[1]))
        else:
            table.sort(key)
        self.notify(f"Sorted by {key}.", timeout=2)

    @on(DataTable.HeaderSelected, "#campaign")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value or "line"
        self.query_one(DataTable).sort(
            key, key=lambda value: str(value) if isinstance(value, Text) else value
        )

    @on(DataTable.RowSelected, "#campaign")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        scored = self.scored[int(event.row_key.value or 0)]
        self.app.post_message(OpenAsDraft(scored.row.text, scored.row.context))

    def action_export(self) -> None:
        from coach.batch import write_results
        from coach.engine.errors import CoachError

        if self.source is None or not self.scored or self.running:
            self.notify("Score a campaign first.", severity="warning")
            return
        target = export_path(self.source)
        try:
            write_results(self.scored, target, "csv")
        except (CoachError, OSError) as error:
            self.notify(f"Could not export: {error}", severity="error")
            return
        self.notify(f"Exported {count(len(self.scored), 'row')} to {target}.")
