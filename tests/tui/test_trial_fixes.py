"""What a newcomer's trial found: which findings ctrl+f can fix, the campaign's merge-field
flags, and the weights and bonuses the packs screen shows."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable

from coach.engine.coach import Coach
from coach.engine.packs.resolve import rule_states
from coach.engine.scoring import counted_bonuses
from coach.tui.app import CoachApp
from coach.tui.screens.packs import PacksScreen
from coach.tui.widgets.findings import FIX_MARK, FindingDetail
from tests.conftest import corpus_rows, row_context
from tests.tui.conftest import (
    SPAMMY,
    VALUE_FIRST,
    fill,
    load,
    mounted,
    score_campaign,
    screen_lines,
    wait_until,
)

CAMPAIGN = (
    "First Name,Company,Title,Notes,Connection Note\n"
    'Dana,Northfield University,Director of IT,,"Hi [First Name], I noticed '
    '[insert recent post] on thin clients. Happy to share our pilot notes."\n'
    'Marco,Ridgeway Foods,IT Director,,"Hi Marco, I read your piece on consolidating '
    'vendors. Glad to send the checklist we used."\n'
)


async def test_findings_with_a_fix_are_marked_and_the_mark_is_explained(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await load(pilot, SPAMMY)
        findings = app.main.findings
        marked = [
            FIX_MARK in findings.get_option_at_index(index).prompt.plain.split(finding.title)[0]
            for index, finding in enumerate(findings.findings)
        ]
        fixable = [finding.edit is not None for finding in findings.findings]
        assert marked == fixable and any(fixable) and not all(fixable)
        assert FIX_MARK in str(findings.border_subtitle) and "ctrl+f" in findings.border_subtitle
        findings.focus()
        detail = app.main.query_one("#detail", FindingDetail)
        for index, can_fix in enumerate(fixable):
            findings.highlighted = index
            await pilot.pause()
            text = detail.query_one("#detail-text").render()
            said = str(text)
            if findings.findings[index].positive:
                continue
            assert (f"{FIX_MARK} Fix (ctrl+f)" in said) == can_fix
            assert ("No one-key fix" in said) == (not can_fix)


async def test_campaign_flags_name_the_unfilled_placeholder(make_app, tmp_path):
    campaign = tmp_path / "navigator.csv"
    campaign.write_text(CAMPAIGN, encoding="utf-8")
    app = make_app(open_latest=False)
    async with app.run_test(size=(220, 30)) as pilot:
        screen = await score_campaign(pilot, app, campaign, rows=2)
        await pilot.pause()
        assert screen.scored[0].campaign_flags == ("merge-field:[insert recent post]",)
        table = screen.query_one(DataTable)
        row = next(line for line in screen_lines(app)[table.region.y :] if "Northfield" in line)
        assert "merge-field:[insert recent post]" in row, row


def _weight_cells(screen) -> dict[str, str]:
    table = screen.query_one(DataTable)
    cells = {}
    for index, (name, is_pack) in enumerate(screen.rows):
        if not is_pack:
            cells[name] = str(table.get_row_at(index)[1])
    return cells


async def test_packs_screen_shows_the_weights_the_score_uses(make_app, warm_coach):
    fitted = {rule.id: rule for rule, _ in rule_states(warm_coach.packs, warm_coach.config)}
    hand = {rule.id: rule for pack in warm_coach.packs for rule in pack.rules}
    moved = [i for i, rule in fitted.items() if not rule.bonus and rule.weight != hand[i].weight]
    assert moved  # rules/_weights.yaml changes some weights
    app = make_app(open_latest=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, PacksScreen), what="packs")
        await pilot.pause()
        cells = _weight_cells(app.screen)
        for rule_id in moved:
            said = f"-{fitted[rule_id].weight} (pack -{hand[rule_id].weight})"
            assert cells[rule_id] == said, rule_id
        table = app.screen.query_one(DataTable)
        row = app.screen.rows.index((moved[0], False))
        line = screen_lines(app)[table.region.y + 1 + row]
        assert f"-{fitted[moved[0]].weight} (pack" in line  # on screen at 80 columns


async def test_packs_screen_says_a_bonus_does_not_count_under_a_cap_of_0(warm_coach):
    config = replace(warm_coach.config, bonus_cap=0)
    coach = Coach(config, nlp=warm_coach.nlp, packs=warm_coach.packs)
    app = CoachApp(coach=coach, cursor_blink=False, open_latest=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, PacksScreen), what="packs")
        await pilot.pause()
        bonuses = [rule.id for rule in coach.rules if rule.bonus]
        cells = _weight_cells(app.screen)
        assert bonuses and all("not counted (bonus_cap 0)" in cells[i] for i in bonuses)
        assert "bonuses count for nothing" in str(app.screen.query_one("#heading").render())


async def test_a_blocked_bonus_is_listed_as_adding_nothing(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await mounted(pilot)
        fill(app.main, "recipient-notes", "posted about CRM migrations")
        await load(pilot, SPAMMY)  # pitches: its value-first points are blocked
        report, findings = app.main.report, app.main.findings
        signals = [i for i, f in enumerate(findings.findings) if f.positive]
        assert signals and "pitch" in report.problems
        for index in signals:
            label = findings.get_option_at_index(index).prompt.plain
            assert label.startswith("✔ +0 "), label
        findings.focus()
        findings.highlighted = signals[0]
        await pilot.pause()
        said = str(app.main.query_one("#detail-text").render())
        assert "Not counted here" in said and "pitch" in said
        penalties = sum(f.weight for f in {f.rule_id: f for f in report.penalties}.values())
        assert report.score == max(0, 100 - penalties)  # what the list shows is what counts


def test_counted_bonuses_add_up_to_the_score(warm_coach):
    config = warm_coach.config
    for row in corpus_rows():
        report = warm_coach.check(row["message"], row_context(row))
        counted = counted_bonuses(report.findings, config.bonus_cap, config.bonus_blockers)
        penalties = sum(f.weight for f in {f.rule_id: f for f in report.penalties}.values())
        expected = max(0, min(100, 100 - penalties + sum(counted.values())))
        if report.score < config.bands.ready - 1:  # a hard limit may hold it below ready
            assert report.score == expected, row["message"][:60]
        assert all(0 <= counted[f.rule_id] <= f.bonus for f in report.signals)


async def test_score_panel_shows_the_capped_bonus(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await mounted(pilot)
        fill(app.main, "recipient-notes", "posted about moving student labs to thin clients")
        await load(pilot, VALUE_FIRST)
        report = app.main.report
        value = next(c for c in report.categories if c.category == "value")
        assert value.bonus > app.engine_config.bonus_cap  # more earned than counts
        lines = str(app.main.query_one("#categories").render()).splitlines()
        shown = next(line for line in lines if line.startswith("value"))
        assert shown.endswith(f"+{app.engine_config.bonus_cap}"), shown
