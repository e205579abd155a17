"""Templates filled per row before scoring, with the one merge-field grammar of the engine.

A campaign cell often holds the template (``Hi {{firstName}}, ...``) and the row holds the
values. Each placeholder is looked up in the row's own columns, by name as the tool wrote it
(``firstName``, ``first_name``, ``First Name``, ``FNAME``, ``Contact.FirstName`` are one
field), then by what it means (``{{fname}}`` is the first-name column, whatever its header).
Fallbacks apply when the value is empty; spintax is rendered once per option so every option
is scored. What cannot be filled stays in the text, where the merge-field rule finds it, and
is described here with the field and the column it needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coach.batch.columns import Columns, normalise_header
from coach.batch.header_aliases import ALIASES
from coach.engine.mergefields import OPENINGS, field_key, render, spintax_variants
from coach.engine.models import Recipient

RECIPIENT_FIELDS = ("first_name", "last_name", "company", "role", "industry")
# Placeholder names that mean a recipient field besides the header aliases.
MEANINGS: dict[str, str] = {
    **{alias: field for field, aliases in ALIASES.items() for alias in aliases},
    "name": "first_name",
    "fullname": "full_name",
    "fname": "first_name",
    "lname": "last_name",
    "companyname": "company",
    "org": "company",
    "jobtitle": "role",
}


@dataclass(frozen=True)
class FilledMessage:
    """A row's message with its fields filled; ``variants`` are the other spintax renders."""

    text: str
    variants: tuple[str, ...] = ()
    unfilled: tuple[tuple[str, str], ...] = ()  # (placeholder as written, why it is unfilled)


class Filler:
    """Fills one file's templates; header lookups are worked out once per field name."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self._by_key: dict[str, str] = {}
        for header in columns.headers:
            for key in (normalise_header(header), field_key(header)):
                self._by_key.setdefault(key, header)
        self._headers: dict[str, str | None] = {}

    def fill(self, template: str, fields: Mapping[str, str], recipient: Recipient) -> FilledMessage:
        if not _may_hold_fields(template):
            return FilledMessage(template)

        def resolve(name: str) -> str | None:
            header = self.header_for(name)
            if header is not None:
                return fields.get(header)
            meaning = MEANINGS.get(field_key(name))
            if meaning == "full_name":
                return f"{recipient.first_name} {recipient.last_name}".strip()
            if meaning in RECIPIENT_FIELDS:
                return getattr(recipient, meaning)
            return None

        renders = [render(template, resolve, v) for v in spintax_variants(template)]
        first = renders[0]
        unfilled = tuple(
            (found.text, self._why(found.text, names, fields)) for found, names in first.unfilled
        )
        others = tuple(dict.fromkeys(r.text for r in renders[1:] if r.text != first.text))
        return FilledMessage(first.text, others, tuple(dict.fromkeys(unfilled)))

    def header_for(self, name: str) -> str | None:
        """The column a placeholder name reads: same header, same folded name, same meaning."""
        if name not in self._headers:
            header = name if name in self.columns.headers else None
            header = header or self._by_key.get(normalise_header(name))
            header = header or self._by_key.get(field_key(name))
            meaning = MEANINGS.get(field_key(name))
            if header is None and meaning is not None:
                header = self.columns.sources.get(meaning)
            self._headers[name] = header
        return self._headers[name]

    def _why(self, text: str, names: tuple[str, ...], fields: Mapping[str, str]) -> str:
        if not names:
            return f"{text}: a placeholder with no field name; write the words in"
        for name in names:
            header = self.header_for(name)
            if header is not None:
                return f'{text}: column "{header}" is empty on this row and there is no fallback'
        return f'{text}: no column "{names[0]}" in the file'


def _may_hold_fields(text: str) -> bool:
    """A cheap pre-check: most pre-filled messages have none of the opening marks."""
    return OPENINGS.search(text) is not None
