"""The first frame must not wait for spaCy: importing the app loads neither spaCy nor the
engine's pipeline (checked in a fresh interpreter, as harlequin checks its core)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_app_does_not_load_spacy():
    code = (
        "import sys, coach.tui.app; coach.tui.app.CoachApp(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_engine_and_drafts_do_not_import_textual():
    code = (
        "import sys, coach.engine.coach, coach.drafts; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


async def test_a_narrow_start_mounts_the_panels_after_the_first_frame_with_the_same_context(
    make_app,
):
    from coach.drafts import DraftStore
    from coach.engine.models import Context, Recipient, Sender
    from tests.tui.conftest import SPAMMY, mounted, scored

    recipient = Recipient(first_name=" John ", last_name="Doe", company="Acme", notes=" posted\n")
    sender = Sender(name="Sam Lee", products=("VDI audits",))
    store = DraftStore()
    store.save(None, SPAMMY, Context(platform="email", recipient=recipient, sender=sender))
    store.close()
    contexts, panels_at_first_frame = [], []
    for size in ((80, 24), (140, 42)):
        app = make_app(store=DraftStore())  # the app closes its store when it stops
        app.start_model = lambda app=app: panels_at_first_frame.append(  # after the first frame
            bool(app.main.query("#recipient"))
        )
        async with app.run_test(size=size) as pilot:
            await mounted(pilot)
            await scored(pilot)
            assert app.main.query_one("#recipient-first_name").value == "John"
            contexts.append(app.main._draft_context)
    assert panels_at_first_frame == [False, True]  # folded at 80x24: mounted after the frame
    assert contexts[0] == contexts[1]
    assert contexts[0].recipient.first_name == "John" and contexts[0].platform == "email"
