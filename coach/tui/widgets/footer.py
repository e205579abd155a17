"""A Footer that rebuilds its keys only when the keys it shows change.

Textual's Footer recomposes on every bindings signal (each focus change, each mount), which
costs a style pass per key; at startup that was a quarter of the time to the first frame.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class CoachFooter(Footer):
    _shown: tuple | None = None
    _pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._refresh_keys)

    async def _refresh_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.show
        )
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
