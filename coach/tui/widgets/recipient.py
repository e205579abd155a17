"""What the sender knows about the recipient, and where the note goes (platform and its limit)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select

from coach.engine.models import Recipient
from coach.engine.platforms import get_platform, platform_names

# (field, label, example shown while the field is empty)
FIELDS = (
    ("first_name", "First name", "e.g. Dana"),
    ("company", "Company", "e.g. Northfield University"),
    ("role", "Role", "e.g. Director of IT"),
    ("notes", "Notes: post, talk, history", "e.g. posted about thin clients"),
)


def platform_options(connection_limit: int | None = None) -> list[tuple[str, str]]:
    options = []
    for name in platform_names():
        platform = get_platform(name, connection_limit)
        options.append((f"{platform.title} ({platform.limit})", name))
    return options


class RecipientPanel(VerticalScroll):
    """Inputs for the context of a note; posts ``ContextChanged`` when any of them changes."""

    DEFAULT_CSS = """
    RecipientPanel {
        border: round $primary 50%;
        border-title-align: left;
        padding: 0 1;
    }
    RecipientPanel Label { margin-top: 1; color: $text-muted; }
    RecipientPanel Input { margin: 0; background: $boost; }
    RecipientPanel Select { margin: 0; }
    """

    @dataclass
    class ContextChanged(Message):
        """The platform or a recipient field changed."""

    def __init__(self, *, connection_limit: int | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._connection_limit = connection_limit

    def compose(self) -> ComposeResult:
        self.border_title = "Recipient"
        yield Label("Platform")
        yield Select(
            platform_options(self._connection_limit),
            allow_blank=False,
            value=platform_names()[0],
            id="platform",
            compact=True,
        )
        for name, title, example in FIELDS:
            yield Label(title)
            yield Input(id=f"recipient-{name}", placeholder=example, compact=True)

    @property
    def platform(self) -> str:
        return str(self.query_one("#platform", Select).value)

    @property
    def recipient(self) -> Recipient:
        values = {
            name: self.query_one(f"#recipient-{name}", Input).value.strip() for name, _, _ in FIELDS
        }
        return Recipient(**values)

    def load(self, platform: str, recipient: Recipient) -> None:
        """Fill the inputs from a saved draft (listeners compare contexts, so no edit is seen)."""
        known = platform_names()
        self.query_one("#platform", Select).value = platform if platform in known else known[0]
        for name, _, _ in FIELDS:
            self.query_one(f"#recipient-{name}", Input).value = getattr(recipient, name)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.ContextChanged())
