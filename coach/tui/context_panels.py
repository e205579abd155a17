"""The recipient and sender panels of the drafting screen, and the context they show.

Where the panels start hidden (a narrow terminal folds them behind f6) they are mounted right
after the first frame instead of before it: they are almost half the screen's widgets, and
every widget costs the first paint its style, layout and compose passes. Until they are
mounted, the context they would show is kept here, normalised as the panels normalise it
(``shown_context``), so the context the engine checks is the same either way.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from coach.engine.models import Context, Sender
from coach.tui.widgets.recipient import RecipientPanel, shown_platform, shown_recipient
from coach.tui.widgets.sender import SenderPanel, fields_from_sender, sender_from_fields


def shown_sender(sender: Sender) -> Sender:
    """``sender`` as the sender panel gives it back after showing it."""
    return sender_from_fields(fields_from_sender(sender), sender)


class ContextPanels:
    def __init__(self, column: Callable[[], Widget], base: Callable[..., Context]) -> None:
        self._column = column  # the screen's column the panels go in
        self._base = base  # the app's ``base_context``
        self._pending: Context | None = None  # what the panels will show once mounted
        self._mounting = False

    def widgets(self, connection_limit: int, sender: Sender) -> list[Widget]:
        return [
            RecipientPanel(connection_limit=connection_limit, id="recipient"),
            SenderPanel(sender, id="sender"),
        ]

    def defer(self, sender: Sender) -> None:
        """Mount the panels later (``mount``); until then they show an empty recipient."""
        self._pending = self.shown_context(Context(platform=""), sender)

    @property
    def mounted(self) -> bool:
        return self._pending is None

    def context(self) -> Context:
        """The context the fields show now (or will show, once mounted)."""
        if self._pending is not None:
            return self._pending
        column = self._column()
        panel = column.query_one("#recipient", RecipientPanel)
        return self._base(
            platform=panel.platform,
            recipient=panel.recipient,
            sender=column.query_one("#sender", SenderPanel).sender,
        )

    def load(self, context: Context, current_sender: Sender) -> None:
        """Show a draft's context (an empty sender keeps the one shown)."""
        if self._pending is not None:
            self._pending = self.shown_context(context, current_sender)
            return
        column = self._column()
        column.query_one("#recipient", RecipientPanel).load(context.platform, context.recipient)
        column.query_one("#sender", SenderPanel).load(context.sender)

    def shown_context(self, context: Context, current_sender: Sender) -> Context:
        """``context`` as the panels give it back after showing it."""
        sender = current_sender if context.sender == Sender() else context.sender
        return self._base(
            platform=shown_platform(context.platform),
            recipient=shown_recipient(context.recipient),
            sender=shown_sender(sender),
        )

    async def mount(self, connection_limit: int) -> None:
        """Mount deferred panels and fill them with the context kept meanwhile (once: a
        second call while the first mounts returns at once)."""
        pending, column = self._pending, self._column()
        if pending is None or self._mounting or not column.is_attached:  # mounted, or closing
            return
        self._mounting = True
        try:
            await column.mount(*self.widgets(connection_limit, pending.sender))
        finally:
            self._mounting = False
        pending, self._pending = self._pending or pending, None  # as changed meanwhile
        self.load(pending, pending.sender)
