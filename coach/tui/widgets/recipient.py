"""What the sender knows about the recipient, and where the note goes (platform and its limit)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, TextArea

from coach.engine.models import Recipient
from coach.engine.platforms import get_platform, platform_names

# (field, label, example shown while the field is empty); notes get a multi-line box.
FIELDS = (
    ("first_name", "First name", "e.g. Dana"),
    ("company", "Company", "e.g. Northfield University"),
    ("role", "Role", "e.g. Director of IT"),
)
NOTES_LABEL = "Notes: post, talk, history"


def platform_options(connection_limit: int | None = None) -> list[tuple[str, str]]:
    options = []
    for name in platform_names():
        platform = get_platform(name, connection_limit)
        options.append((f"{platform.title} ({platform.limit})", name))
    return options


def shown_platform(platform: str) -> str:
    """The platform the picker shows for ``platform`` (the first one for an unknown name)."""
    known = platform_names()
    return platform if platform in known else known[0]


def shown_recipient(recipient: Recipient) -> Recipient:
    """``recipient`` as the panel gives it back after showing it: its fields, stripped."""
    values = {name: getattr(recipient, name).strip() for name, _, _ in FIELDS}
    return Recipient(**values, notes=recipient.notes.strip())


class ContextChanged(Message):
    """A field of the recipient or sender panel changed (listeners compare contexts)."""


class NotesArea(TextArea):
    """A short multi-line box for prose: soft-wrapped, tab moves on."""

    DEFAULT_CSS = """
    NotesArea { height: 5; border: none; padding: 0; background: $boost; }
    NotesArea:focus { border: none; background: $boost; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(
            text,
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=placeholder,
            compact=True,
        )


class FieldsPanel(Vertical):
    """A bordered panel of labelled fields that posts ``ContextChanged`` on any edit."""

    DEFAULT_CSS = """
    FieldsPanel {
        height: auto;
        border: round $primary 50%;
        border-title-align: left;
        padding: 0 1;
    }
    FieldsPanel:focus-within { border: round $primary; }
    FieldsPanel Label { color: $text-muted; }
    FieldsPanel Input { margin: 0 0 1 0; background: $boost; }
    FieldsPanel Select { margin: 0 0 1 0; }
    """

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(ContextChanged())


class RecipientPanel(FieldsPanel):
    """The platform and what is known of the recipient."""

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
        yield Label(NOTES_LABEL)
        yield NotesArea(id="recipient-notes", placeholder="e.g. posted about thin clients")

    @property
    def platform(self) -> str:
        return str(self.query_one("#platform", Select).value)

    @property
    def recipient(self) -> Recipient:
        values = {
            name: self.query_one(f"#recipient-{name}", Input).value.strip() for name, _, _ in FIELDS
        }
        notes = self.query_one("#recipient-notes", NotesArea).text.strip()
        return Recipient(**values, notes=notes)

    def load(self, platform: str, recipient: Recipient) -> None:
        """Fill the inputs from a saved draft (listeners compare contexts, so no edit is seen)."""
        self.query_one("#platform", Select).value = shown_platform(platform)
        for name, _, _ in FIELDS:
            self.query_one(f"#recipient-{name}", Input).value = getattr(recipient, name)
        notes = self.query_one("#recipient-notes", NotesArea)
        if notes.text != recipient.notes:
            notes.load_text(recipient.notes)
