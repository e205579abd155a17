"""Live scoring: a debounced check of the draft in an exclusive thread worker.

The first keystroke after a pause is scored at once (leading edge), a burst of typing once it
goes quiet (trailing edge); one check runs at a time. The report comes back to the screen as a
``Scored`` message with the text and context it was computed on, so stale ones can be ignored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from coach.engine.models import Context
from coach.engine.textsafety import TextTooLong
from coach.tui.messages import Scored

if TYPE_CHECKING:
    from coach.engine import Coach

GROUP = "score"


class LiveScoring:
    def __init__(
        self,
        screen: Screen,
        coach: Callable[[], Coach | None],
        draft: Callable[[], tuple[str, Context]],
        fingerprint: Callable[[], str] = str,
    ) -> None:
        self._screen = screen
        self._coach = coach
        self._fingerprint = fingerprint
        self._draft = draft
        self._timer: Timer | None = None
        self._lock = threading.Lock()
        self._last_edit = 0.0

    def soon(self, delay: float) -> None:
        """Score after ``delay`` of quiet; at once when typing resumes after a pause."""
        if self._timer is not None:
            self._timer.stop()
        now = time.monotonic()
        quiet = now - self._last_edit >= delay
        self._last_edit = now
        if self._coach() is None:
            return
        if delay <= 0 or (quiet and not self._busy()):
            self._start()
        else:
            self._timer = self._screen.set_timer(delay, self._start)

    def _busy(self) -> bool:
        return any(
            worker.group == GROUP and worker.node is self._screen and not worker.is_finished
            for worker in self._screen.app.workers
        )

    def _start(self) -> None:
        coach = self._coach()
        if coach is not None:
            text, context = self._draft()
            fingerprint = self._fingerprint()  # taken with the engine it describes
            self._screen.run_worker(
                partial(self._check, coach, text, context, fingerprint),
                thread=True,
                exclusive=True,
                group=GROUP,
            )

    def _check(self, coach: Coach, text: str, context: Context, fingerprint: str) -> None:
        with self._lock:
            if get_current_worker().is_cancelled:
                return
            started = time.perf_counter()
            try:
                report = coach.check(text, context)
            except TextTooLong as error:  # a huge paste: say so instead of crashing the app
                app = self._screen.app
                app.call_from_thread(app.notify, too_long_status(error), severity="warning")
                return
            seconds = time.perf_counter() - started
            self._screen.post_message(Scored(text, context, report, seconds, fingerprint))


def too_long_status(error: Exception) -> str:
    """A ``TextTooLong`` as one sentence for the app, without its location prefix."""
    reason = str(error).split(": ", 1)[-1].removeprefix("message: ")
    return reason[:1].upper() + reason[1:] + "."
