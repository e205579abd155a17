"""At 80x24 (the floor) every title and row says all it has to say: the findings count, the
rewrite panes' score and band, the drafts' last column, the versions' rows. Textual would cut a
long title with an ellipsis and a wide row off at the edge; these read the screen itself."""

from __future__ import annotations

from textual.widgets import DataTable

from coach.engine.display import count
from coach.tui.screens.drafts import DraftsScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.rewrite import RewriteScreen
from tests.tui.conftest import (
    SPAMMY,
    VALUE_FIRST,
    load,
    score_campaign,
    scored,
    screen_lines,
    wait_until,
)

SMALL, LARGE = (80, 24), (160, 50)


def _border_line(app, widget) -> str:
    """The screen line with the widget's top border, within the widget's columns."""
    region = widget.region
    return screen_lines(app)[region.y][region.x : region.right]


async def test_findings_title_keeps_its_counts_at_80_columns(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        await pilot.pause()
        report = app.main.report
        problems = len({f.rule_id for f in report.penalties})
        strengths = len({f.rule_id for f in report.signals})
        border = _border_line(app, app.main.findings)
        said = f"{count(problems, 'problem')}, {count(strengths, 'strength')}"
        assert said in border and "…" not in border, border


async def test_findings_title_says_it_all_when_there_is_room(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=LARGE) as pilot:
        await load(pilot, SPAMMY)
        await pilot.pause()
        assert "Findings: " in _border_line(app, app.main.findings)


async def test_rewrite_pane_titles_keep_score_and_band_at_80_columns(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, RewriteScreen), what="rewrites")
        await pilot.pause()
        screen = app.screen
        original, variant = screen.rewrite.original, screen.variant.report
        draft_border = _border_line(app, screen.query_one("#draft-pane"))
        variant_border = _border_line(app, screen.query_one("#variant-pane"))
        assert f"{original.score} {original.band}" in draft_border, draft_border
        assert f"{variant.score} {variant.band}" in variant_border, variant_border
        assert "…" not in draft_border + variant_border
        tabs = screen_lines(app)[screen.query_one("#variant-tabs").region.y]
        for number, option in enumerate(screen.options, start=1):
            assert f"{number} {option.shape} {option.report.score}" in tabs, tabs


async def test_drafts_last_column_fits_at_80_columns(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        app.main.action_save()
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen), what="drafts")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert widths <= table.size.width
        header, row = screen_lines(app)[table.region.y : table.region.y + 2]
        assert header.split()[-1] == "Opening"
        opening = str(table.get_row_at(0)[-1])
        assert opening.startswith(SPAMMY[:12]) and opening in row, row
        assert str(app.main.report.score) in row


async def test_history_rows_are_one_whole_line_at_80_columns(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        app.main.action_save()
        app.main.editor.load_text(VALUE_FIRST)
        await scored(pilot)
        app.main.action_save()
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        await pilot.pause()
        versions = app.screen.query_one("#versions")
        shown = [line[versions.region.x : versions.region.right] for line in screen_lines(app)]
        for index, version in enumerate(app.screen.versions):
            label = str(versions.get_option_at_index(index).prompt)
            assert label.split()[-1] != "" and any(label in line for line in shown), label
            assert version.text.split()[0] in label


async def test_campaign_flags_show_at_80_columns(make_app, tmp_path):
    campaign = tmp_path / "campaign.csv"
    campaign.write_text(
        "first_name,company,message\n"
        "Priya,Harbor Logistics,Hi Priya - free for a quick call on Tuesday about fuel costs?\n"
        'Tom,Harbor Logistics,"Hi Tom, your FleetCon talk on electric vans was useful."\n',
        encoding="utf-8",
    )
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await score_campaign(pilot, app, campaign, rows=2)
        await pilot.pause()
        table = screen.query_one(DataTable)
        lines = screen_lines(app)[table.region.y : table.region.y + 3]
        assert lines[0].split()[-2:] == ["Campaign", "flags"], lines[0]
        assert all(line.rstrip().endswith("same-company:C1") for line in lines[1:]), lines
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        header = screen_lines(app)[table.region.y]
        assert "Recipient" in header and "Campaign flags" in header
        assert table.row_count == 2
