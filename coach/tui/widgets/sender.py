"""The sender's profile: who writes, their company, what they offer and what they can share.

``sender_from_fields`` and ``fields_from_sender`` are the one place the panel's fields map to
``coach.engine.models.Sender``; a new Sender field is one entry in ``FIELDS`` and one line in
each of them.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.widgets import Input, Label

from coach.engine.models import Resource, Sender
from coach.tui.widgets.recipient import FieldsPanel, NotesArea

# (field, label, example shown while the field is empty)
FIELDS = (
    ("name", "Your name", "e.g. Sam Lee"),
    ("company", "Your company", "e.g. Brightline Labs"),
    ("offer", "What you offer", "e.g. VDI audits, pilots (commas)"),
)
RESOURCES_LABEL = "What you can share"
RESOURCES_EXAMPLE = "One a line, title | topic: e.g. Campus pilot write-up | thin clients"


def sender_from_fields(values: dict[str, str], base: Sender) -> Sender:
    """The panel's values as a Sender (fields the panel does not show are kept from ``base``)."""
    resources = tuple(
        _resource(line) for line in values["resources"].splitlines() if line.strip(" |")
    )
    return replace(
        base,
        name=values["name"].strip(),
        company=values["company"].strip(),
        offer=" ".join(values["offer"].split()),
        resources=resources,
    )


def fields_from_sender(sender: Sender) -> dict[str, str]:
    """What the panel shows for a Sender."""
    resources = "\n".join(
        " | ".join(part for part in (r.title, r.topic, r.link) if part) for r in sender.resources
    )
    return {
        "name": sender.name,
        "company": sender.company,
        "offer": sender.offer,
        "resources": resources,
    }


def _resource(line: str) -> Resource:
    title, topic, link = ([part.strip() for part in line.split("|")] + ["", ""])[:3]
    return Resource(title=title, topic=topic, link=link)


class SenderPanel(FieldsPanel):
    """Who writes; posts ``ContextChanged`` (from ``FieldsPanel``) when a field changes."""

    def __init__(self, sender: Sender, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._base = sender

    def compose(self) -> ComposeResult:
        self.border_title = "You (sender)"
        shown = fields_from_sender(self._base)
        for name, title, example in FIELDS:
            yield Label(title)
            yield Input(shown[name], id=f"sender-{name}", placeholder=example, compact=True)
        yield Label(RESOURCES_LABEL)
        yield NotesArea(shown["resources"], id="sender-resources", placeholder=RESOURCES_EXAMPLE)

    @property
    def sender(self) -> Sender:
        values = {name: self.query_one(f"#sender-{name}", Input).value for name, _, _ in FIELDS}
        values["resources"] = self.query_one("#sender-resources", NotesArea).text
        return sender_from_fields(values, self._base)

    def load(self, sender: Sender) -> None:
        """Show a saved draft's sender (an empty one keeps what the panel shows)."""
        if sender == Sender():
            return
        self._base = sender
        shown = fields_from_sender(sender)
        for name, _, _ in FIELDS:
            self.query_one(f"#sender-{name}", Input).value = shown[name]
        area = self.query_one("#sender-resources", NotesArea)
        if area.text != shown["resources"]:
            area.load_text(shown["resources"])
