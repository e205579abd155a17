"""The drafting screen, driven with Pilot against the real engine."""

from __future__ import annotations

from textual.widgets import Select, Static

from coach.tui.screens.rewrite import RewriteScreen
from coach.tui.widgets.findings import FindingDetail
from coach.tui.widgets.preview import LengthCounter, RecipientPreview
from coach.tui.widgets.score import ScorePanel
from tests.tui.conftest import SIZE, SPAMMY, VALUE_FIRST, fill, load, mounted, scored, wait_until


async def test_typing_changes_the_score(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, VALUE_FIRST)
        before = app.main.report
        assert before is not None
        app.main.editor.move_cursor(app.main.editor.document.end)
        for key in " Can we hop on a quick call this week?":
            await pilot.press({" ": "space", "?": "question_mark"}.get(key, key))
        await scored(pilot)
        after = app.main.report
        assert app.main.editor.text.endswith("quick call this week?")
        assert after.score < before.score
        assert "asks.time-request" in {f.rule_id for f in after.findings} or after.problems
        line = app.main.query_one("#score-line").render()
        assert f"Score {after.score}/100" in str(line)


async def test_selecting_a_finding_selects_its_words(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, SPAMMY)
        findings = app.main.findings
        findings.focus()
        await pilot.press("down", "down")
        finding = findings.selected_finding
        assert finding is not None and finding.end > finding.start
        assert app.main.editor.selected_offsets == (finding.start, finding.end)
        assert app.main.editor.selected_text == SPAMMY[finding.start : finding.end]
        detail = str(app.main.query_one("#detail-text").render())
        assert finding.message.split()[0] in detail


async def test_applying_a_fix_changes_text_and_score(make_app):
    draft = (
        "Hi Dana, your post on moving the student labs to thin clients was useful. "
        "Can we hop on a quick 15-minute call this week?"
    )
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, draft)
        report = app.main.report
        fixable = next(f for f in report.penalties if f.edit is not None)
        findings = app.main.findings
        findings.focus()
        findings.highlighted = findings.findings.index(fixable)
        await pilot.pause()
        await pilot.press("ctrl+f")
        expected = fixable.edit.apply(draft)
        assert app.main.editor.text == expected
        await scored(pilot)
        assert app.main.report.score > report.score
        assert fixable.rule_id not in {f.rule_id for f in app.main.report.findings}


async def test_accepting_a_rewrite_replaces_the_draft_and_can_be_undone(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await mounted(pilot)  # notes to refer to: only rewrites rated ready are offered
        fill(app.main, "recipient-notes", "posted about CRM migrations")
        await load(pilot, SPAMMY)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, RewriteScreen), what="rewrite")
        screen = app.screen
        assert screen.rewrite.variants
        await pilot.press("right")
        chosen = screen.variant
        assert chosen is screen.rewrite.variants[1 % len(screen.rewrite.variants)]
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is app.main, what="main screen")
        assert app.main.editor.text == chosen.text
        await scored(pilot)
        assert app.main.report.score == chosen.report.score
        app.main.editor.focus()
        await pilot.press("ctrl+z")
        assert app.main.editor.text == SPAMMY
        await pilot.pause()
        status = str(app.main.query_one("#status", Static).render())
        assert status.startswith("Undone"), status  # not "Rewrite accepted; ctrl+z ..."


async def test_switching_platform_changes_limit_and_findings(make_app):
    long_note = (
        "Hi Dana, your post on moving the student labs to thin clients was useful. " * 5
    ).strip()
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, long_note)
        counter = app.main.query_one("#counter", LengthCounter)
        connection = app.main.report
        assert connection.limit == 300 and counter.over
        assert f"/{connection.limit}" in str(counter.render())
        assert "too-long" in connection.problems
        preview = str(app.main.query_one("#preview", RecipientPreview).render())
        assert "characters cut" in preview
        app.main.query_one("#platform", Select).value = "linkedin-message"
        await wait_until(
            pilot,
            lambda: app.main.report.platform == "linkedin-message" and app.main.is_scored(),
            what="the message score",
        )
        message = app.main.report
        assert message.limit == 8000 and not counter.over
        assert "/8000" in str(counter.render())
        assert "too-long" not in message.problems
        assert {f.rule_id for f in message.findings} != {f.rule_id for f in connection.findings}


async def test_recipient_notes_feed_the_score(make_app):
    note = "Hi Dana, your post on moving student labs to thin clients was useful."
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, note)
        without = app.main.report
        fill(app.main, "recipient-notes", "posted about moving labs to thin clients")
        await wait_until(
            pilot,
            lambda: app.main.report is not without and app.main.is_scored(),
            what="a new score",
        )
        assert app.main.report.to_dict() != without.to_dict()


async def test_score_panel_shows_band(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, SPAMMY)
        panel = app.main.query_one("#score", ScorePanel)
        assert panel.has_class("-dont-send") or panel.has_class("-needs-work")
        await load(pilot, VALUE_FIRST)
        assert app.main.report.band == "ready to send"
        assert panel.has_class("-ready") and not panel.has_class("-dont-send")
        assert app.main.query_one("#detail", FindingDetail) is not None


async def test_findings_are_highlighted_and_survive_typing_at_the_end(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, SPAMMY)
        editor = app.main.editor
        names = {name for row in editor._highlights.values() for *_, name in row}
        assert "finding.warning" in names
        pitch = next(f for f in app.main.report.findings if f.rule_id == "pitch.we-sell")
        starts = {start for start, _, name in editor._highlights[0] if name.startswith("find")}
        assert len(SPAMMY[: pitch.start].encode()) in starts
        editor.move_cursor(editor.document.end)
        editor.insert(" Thanks")  # the edit rebuilds the highlights before any new report
        assert not app.main.is_scored()
        kept = {start for start, _, name in editor._highlights[0]}
        assert len(SPAMMY[: pitch.start].encode()) in kept


async def test_without_anything_specific_the_rewrite_view_offers_the_template(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SIZE) as pilot:
        await load(pilot, SPAMMY)  # no notes: no variant can be rated ready
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, RewriteScreen), what="rewrite")
        screen = app.screen
        assert not screen.rewrite.variants and screen.rewrite.template is not None
        assert screen.variant is screen.rewrite.template
        tabs = str(screen.query_one("#variant-tabs").render())
        assert "A template to fill" in tabs
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is app.main, what="main screen")
        assert app.main.editor.text == screen.rewrite.template.text
        assert "[" in app.main.editor.selected_text  # the first slot, ready to type over
