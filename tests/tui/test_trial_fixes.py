"""What a newcomer's trial found: which findings ctrl+f can fix, the campaign's merge-field
flags, and the weights and bonuses the packs screen shows."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from coach.tui.screens.campaign import CampaignScreen
from coach.tui.widgets.findings import FIX_MARK, FindingDetail
from tests.tui.conftest import SPAMMY, load, screen_lines, wait_until

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
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, CampaignScreen), what="campaign")
        screen = app.screen
        screen.query_one(Input).value = str(campaign)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not screen.running and len(screen.scored) == 2)
        await pilot.pause()
        assert screen.scored[0].campaign_flags == ("merge-field:[insert recent post]",)
        table = screen.query_one(DataTable)
        row = next(line for line in screen_lines(app)[table.region.y :] if "Northfield" in line)
        assert "merge-field:[insert recent post]" in row, row
