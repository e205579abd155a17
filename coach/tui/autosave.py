"""When the drafting screen saves, and saving from the version of the draft it holds.

A timer that restarts on every keystroke never fires while someone types, so a kill -9 after
ten seconds of typing would lose all of it. ``Autosave`` saves at most ``AUTOSAVE`` after the
last change and at most ``AUTOSAVE_MAX_WAIT`` after the first unsaved one, and saves through
the drafts store from the version the screen loaded: a newer version saved by
another instance meanwhile makes a conflict copy (``coach.drafts``), a lock held too long by
another instance is a status line; both are said, never a crash.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coach.drafts import DraftsUnavailable

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from coach.drafts import Draft, DraftStore
    from coach.engine.models import Context

AUTOSAVE = 1.0  # seconds after the last change
AUTOSAVE_MAX_WAIT = 2.0  # seconds after the first unsaved change, however fast one types:
# the promise is 3 s of typing lost at most, and a busy machine delays keys and timers
MIN_TIMER = 0.01  # Textual divides by a timer's interval: never 0


class Autosave:
    """The autosave timer of one screen (``save`` is called when it fires), and the version of
    the draft the screen holds, which every save starts from."""

    def __init__(self, screen: Screen, save: Callable[[], object]) -> None:
        self._screen = screen
        self._save = save
        self._timer: Timer | None = None
        self._unsaved_since: float | None = None
        self.version: int | None = None

    def changed(self) -> None:
        """An edit: restart the timer, never past AUTOSAVE_MAX_WAIT since the first unsaved
        change."""
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        delay = min(AUTOSAVE, self._unsaved_since + AUTOSAVE_MAX_WAIT - now)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._screen.set_timer(max(delay, MIN_TIMER), self._fire)

    def _fire(self) -> None:
        self._unsaved_since = None
        self._save()

    def opened(self, draft: Draft | None) -> None:
        self.version = draft.version if draft else None

    def store_score(self, store: DraftStore, draft_id: int, *draft: Any) -> Draft | None:
        """``store`` a score that arrived after the save, unless another instance saved the
        draft since: a score is no reason for a conflict copy."""
        on_disk = store.get(draft_id)
        if on_disk is None or on_disk.version != self.version:
            return None
        return self.store(store, draft_id, *draft)

    def store(
        self,
        store: DraftStore,
        draft_id: int | None,
        text: str,
        context: Context,
        score: int | None,
        band: str,
        checkpoint: bool = False,
    ) -> Draft | None:
        """The saved draft (a conflict copy when the draft moved on), or None while another
        instance holds the lock (said on the status line; the next autosave tries again)."""
        try:
            draft = store.save(
                draft_id, text, context, score, band, checkpoint, version=self.version
            )
        except DraftsUnavailable as error:
            set_status = getattr(self._screen, "set_status", self._screen.notify)
            set_status(str(error).split(": ", 1)[-1])
            return None
        self._unsaved_since = None
        self.version = draft.version
        notice = store.take_notice()
        if notice:
            self._screen.app.notify(notice, severity="warning", timeout=15)
        return draft
