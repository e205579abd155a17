"""Issue 13, one test per bullet: the layout at 80x24 and 160x50, the footer, the detail
scroll, the subject field, the sender panel, one finding per rule, typing in the findings
list, and the version history."""

from __future__ import annotations

from textual.widgets import Input, ProgressBar, Select, Static
from textual.widgets._footer import FooterKey

from coach.tui.messages import OpenAsDraft
from coach.tui.screens.campaign import CampaignScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.packs import OFF, TOGGLE_KEY, PacksScreen
from coach.tui.screens.rewrite import RewriteScreen
from coach.tui.widgets.findings import FindingDetail
from tests.tui.conftest import SPAMMY, VALUE_FIRST, fill, load, mounted, scored, wait_until

SMALL, LARGE = (80, 24), (160, 50)
MOST_USED = {"ctrl+f", "ctrl+r", "f8", "f6", "f2", "ctrl+q", "ctrl+p"}
REPEATS = (
    "Hi Dana, companies like yours and leaders like you tell us the same thing. "
    "Teams like yours want our platform."
)


def footer_keys(app) -> dict[str, FooterKey]:
    return {key.key: key for key in app.screen.query(FooterKey) if key.display}


async def test_small_terminal_keeps_a_real_editor_and_collapses_the_panels(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        main = app.main
        assert main.has_class("-narrow")
        assert main.editor.size.width >= 44 and main.editor.size.height >= 8
        assert not main.query_one("#context-column").display
        bar = main.query_one("#compact-bar", Static)
        assert bar.display and f"Score {main.report.score}/100" in str(bar.render())
        await pilot.press("f6")
        assert main.query_one("#context-column").display
        assert main.query_one("#recipient").region.width > 30
        assert main.query_one("#score").region.height > 0
        assert main.query_one("#recipient-first_name").has_focus
        await pilot.press("f6")
        assert not main.query_one("#context-column").display and main.editor.has_focus


async def test_large_terminal_gives_the_room_to_editor_and_detail(make_app):
    sizes = {}
    for size in ((120, 40), LARGE):
        app = make_app(open_latest=False)
        async with app.run_test(size=size) as pilot:
            await load(pilot, SPAMMY)
            main = app.main
            assert main.query_one("#context-column").display
            assert not main.query_one("#compact-bar").display
            sizes[size] = (main.editor.size, main.query_one("#detail").size)
    (editor_mid, detail_mid), (editor_big, detail_big) = sizes[(120, 40)], sizes[LARGE]
    assert editor_big.width > editor_mid.width + 20 and editor_big.height > editor_mid.height
    assert detail_big.width > detail_mid.width and detail_big.height > detail_mid.height


async def test_footer_shows_the_most_used_keys_whole_at_80_columns(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await mounted(pilot)
        await pilot.pause(0.2)
        keys = footer_keys(app)
        assert set(keys) >= MOST_USED
        assert all(key.region.right <= SMALL[0] for key in keys.values())
    app = make_app(open_latest=False)
    async with app.run_test(size=LARGE) as pilot:
        await mounted(pilot)
        await pilot.pause(0.2)
        assert {"f1", "f2", "f3", "f4", "f5"} <= set(footer_keys(app))


async def test_detail_pane_scrolls_to_the_whole_advice(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        main = app.main
        main.findings.focus()
        await pilot.press("down")
        finding = main.findings.selected_finding
        detail = main.query_one("#detail", FindingDetail)
        shown = str(detail.query_one("#detail-text", Static).render())
        assert finding.rule_id in shown
        assert " ".join(finding.suggestion.split()[-4:]) in " ".join(shown.split())
        await pilot.pause()
        assert detail.max_scroll_y > 0  # the advice is longer than the pane at 80x24
        detail.focus()
        await pilot.press("end")
        await wait_until(pilot, lambda: detail.scroll_y == detail.max_scroll_y, what="scroll")


async def test_subject_field_joins_the_checked_text(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, VALUE_FIRST)
        main = app.main
        subject = main.query_one("#subject", Input)
        bar = main.query_one("#subject-bar")
        assert not bar.display  # a connection note has no subject
        main.query_one("#platform", Select).value = "email"
        await wait_until(
            pilot,
            lambda: main.is_scored() and main.report.platform == "email",
            what="the email score",
        )
        assert bar.display and subject.region.width > 30
        assert "form.subject-missing" in {f.rule_id for f in main.report.findings}
        subject.value = "Your thin-client pilot"
        await wait_until(pilot, main.is_scored, what="the score with a subject")
        assert main.report.text == f"Subject: Your thin-client pilot\n\n{VALUE_FIRST}"
        assert "form.subject-missing" not in {f.rule_id for f in main.report.findings}
        assert main.editor.text == VALUE_FIRST
        main.findings.focus()
        await pilot.press("down")
        finding = main.findings.selected_finding
        offset = len(main.report.text) - len(VALUE_FIRST)
        if finding is not None and finding.start >= offset:
            expected = main.report.text[finding.start : finding.end]
            assert main.editor.selected_text == expected


async def test_sender_panel_feeds_the_context(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=LARGE) as pilot:
        await load(pilot, "Hi Dana, LabCloud can cut your lab costs.")
        main = app.main
        fill(main, "sender-name", "Sam Lee")
        fill(main, "sender-company", "Brightline")
        fill(main, "sender-offer", "VDI audits")
        fill(main, "sender-resources", "Campus pilot write-up | thin clients")
        await wait_until(
            pilot,
            lambda: main.is_scored() and main.context.sender.resources != (),
            what="the score with a sender",
        )
        sender = main.context.sender
        assert (sender.name, sender.company) == ("Sam Lee", "Brightline")
        assert sender.offer == "VDI audits"  # what you offer, not a product name
        assert sender.products == ()
        assert [(r.title, r.topic) for r in sender.resources] == [
            ("Campus pilot write-up", "thin clients")
        ]


async def test_each_rule_is_listed_once_with_all_its_spans(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=LARGE) as pilot:
        await load(pilot, REPEATS)
        main = app.main
        listed = [f.rule_id for f in main.findings.findings]
        assert len(listed) == len(set(listed))
        assert set(listed) == {f.rule_id for f in main.report.findings}
        index = next(i for i, group in enumerate(main.findings.groups) if len(group) > 1)
        group = main.findings.groups[index]
        main.findings.focus()
        main.findings.highlighted = index
        await pilot.pause()
        selected = {
            start
            for row in main.editor._highlights.values()
            for start, _, name in row
            if name == "finding.selected"
        }
        assert {len(REPEATS[: f.start].encode()) for f in group} <= selected


async def test_letters_typed_in_the_findings_list_reach_the_editor(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        main = app.main
        main.findings.focus()
        await pilot.press("down")
        await pilot.press("O", "k", "space")
        assert main.editor.has_focus
        assert "Ok " in main.editor.text and len(main.editor.text) == len(SPAMMY) + 3


async def test_history_diffs_and_restores_a_version(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await load(pilot, SPAMMY)
        main = app.main
        main.action_save()
        main.editor.load_text(VALUE_FIRST)
        await scored(pilot)
        main.action_save()
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        screen = app.screen
        assert [v.text for v in screen.versions] == [VALUE_FIRST, SPAMMY]
        await pilot.press("down")
        diff = screen.query_one("#diff-text", Static).render()
        assert any("strike" in str(span.style) for span in diff.spans)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is main, what="the main screen")
        assert main.editor.text == SPAMMY
        await pilot.press("ctrl+z")
        assert main.editor.text == VALUE_FIRST


async def test_a_draft_opened_from_a_campaign_row_gets_its_score(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await mounted(pilot)
        app.post_message(OpenAsDraft(SPAMMY, app.base_context()))
        await wait_until(pilot, lambda: app.main.text == SPAMMY, what="the campaign row")
        await scored(pilot)
        await wait_until(
            pilot,
            lambda: app.store.get(app.main.draft_id).score == app.main.report.score,
            what="the stored score",
        )


async def test_campaign_has_no_progress_bar_before_a_file(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, CampaignScreen), what="campaign")
        assert not app.screen.query_one(ProgressBar).display


async def test_packs_screen_shows_off_and_one_toggle_key(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, PacksScreen), what="packs")
        screen = app.screen
        await pilot.pause(0.2)
        heading = str(screen.query_one("#heading", Static).render())
        assert heading.startswith(TOGGLE_KEY)
        assert TOGGLE_KEY in footer_keys(app)
        table = screen.query_one("#packs")
        state = next(column for column in table.ordered_columns if column.key.value == "state")
        assert state.get_render_width(table) >= len(OFF.plain)


async def test_an_email_rewrite_keeps_subject_and_body_apart(make_app):
    app = make_app(open_latest=False)
    async with app.run_test(size=SMALL) as pilot:
        await mounted(pilot)
        main = app.main
        main.query_one("#platform", Select).value = "email"
        await pilot.pause()
        main.query_one("#subject", Input).value = "Quick question"
        fill(main, "recipient-notes", "posted about CRM migrations")  # a rewrite needs a reference
        await load(pilot, SPAMMY)
        await wait_until(pilot, lambda: main.report.platform == "email", what="the email score")
        assert main.report.text.startswith("Subject: Quick question\n\n")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, RewriteScreen), what="rewrite")
        variant = app.screen.variant
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is main, what="the main screen")
        assert main.text == variant.text
        assert not main.editor.text.startswith("Subject:")
        if variant.slots:
            assert (
                main.editor.selected_text
                == variant.text[variant.slots[0].start : variant.slots[0].end]
            )
