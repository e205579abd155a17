"""A Footer that fits the terminal and rebuilds its keys only when what it shows changes.

Textual's Footer recomposes on every bindings signal (each focus change, each mount), which
costs a style pass per key; at startup that was a quarter of the time to the first frame. It
also cuts keys off mid-word at the right edge: this one leaves out the keys in ``OPTIONAL``
(in that order), then the last ones, until the rest fit whole. Every key stays in the command
palette and in f1.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

OPTIONAL = ("f4", "f3", "f5", "ctrl+n", "f1")  # left out in this order when space is short
PALETTE_WIDTH = 12  # "▏^p palette" docked at the right


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

    def on_resize(self) -> None:
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._refresh_keys)

    async def _refresh_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        if self._showing() != self._shown:
            await self.recompose()

    def _showing(self) -> tuple:
        """What the keys depend on: the bindings shown (and whether enabled) and the width."""
        shown = tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.show
        )
        return shown, self.size.width or self.app.size.width

    def compose(self) -> ComposeResult:
        # Textual's Footer composes no keys until the first bindings signal, then every key
        # once more: the first frame had none. The keys are known here already (the main
        # screen's bindings are declared in the order focus gives them); the first refresh
        # recomposes only if they changed.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._showing()
        keys = list(super().compose())
        width = self._shown[1] - PALETTE_WIDTH
        needed = sum(_width(key) for key in keys if "-command-palette" not in key.classes)
        for name in OPTIONAL:
            for key in [key for key in keys if key.key == name and needed > width]:
                keys.remove(key)
                needed -= _width(key)
        plain = [key for key in keys if "-command-palette" not in key.classes]
        while needed > width and plain:
            dropped = plain.pop()
            keys.remove(dropped)
            needed -= _width(dropped)
        for key in keys:  # as the data binding would set it, but before mounting: no restyle
            key.set_class(self.compact, "-compact", update=False)
        yield from keys


def _width(key: FooterKey) -> int:
    return len(key.key_display) + len(key.description) + 2
