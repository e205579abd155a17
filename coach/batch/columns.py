"""Which column holds what: header recognition for CRM, Sales Navigator and sequencer exports.

Headers are compared case-, spacing- and punctuation-insensitively ("First Name", "first_name"
and "FIRSTNAME" are one header). ``--column`` and ``--map`` override the guesses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coach.batch.header_aliases import ALIASES, FIELDS, PLATFORM_ALIASES, PREFIXES
from coach.batch.presets import Preset
from coach.batch.sequences import Step, find_steps
from coach.engine.errors import ConfigError, InputError
from coach.engine.models import Context, Recipient
from coach.engine.platforms import DEFAULT_PLATFORM, platform_names


def normalise_header(header: str) -> str:
    """``First Name``, ``first_name``, ``Prénom`` -> ``firstname``, ``prenom`` (accents go)."""
    folded = unicodedata.normalize("NFKD", header.casefold())
    return re.sub(r"[^a-z0-9]", "", folded)


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``--map field=Header`` options as a dict; a bad field name lists the valid ones."""
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, header = item.partition("=")
        field = field.strip().replace("-", "_")
        if not sep or not header.strip():
            raise ConfigError.at(f"'{item}' is not FIELD=HEADER", field="--map")
        if field not in ALIASES:
            raise ConfigError.at(
                f"unknown field '{field}'; valid fields: {', '.join(FIELDS)}", field="--map"
            )
        mapping[field] = header.strip()
    return mapping


@dataclass(frozen=True)
class Columns:
    """The header (by its position in the file) each field comes from, and a sequence's steps."""

    headers: tuple[str, ...]
    sources: Mapping[str, str]
    steps: tuple[Step, ...] = ()

    @classmethod
    def resolve(
        cls,
        headers: Sequence[str],
        path: str,
        column: str | None = None,
        mapping: Mapping[str, str] | None = None,
        preset: Preset | None = None,
    ) -> Columns:
        """Recognise the columns; explicit names must exist, and a message column must."""
        explicit = dict(mapping or {})
        if column:
            explicit["message"] = column
        by_key: dict[str, str] = {}
        for header in headers:
            by_key.setdefault(normalise_header(header), header)
        sources = _explicit(explicit, headers, by_key, path, column)
        steps = () if "message" in sources else find_steps(headers, normalise_header)
        taken = set(sources.values())
        for step in steps:
            taken.update(h for h in (step.header, step.subject) if h)
        if steps:
            sources["message"] = steps[0].header
        for field, aliases in ALIASES.items():
            if field in sources:
                continue
            preferred = preset.fields.get(field, ()) if preset else ()
            header = _guess((*preferred, *aliases), by_key, taken)
            if header is not None:
                sources[field] = header
                taken.add(header)
        if "message" not in sources:
            raise InputError.at(
                f"no message column; headers found: {_listing(headers)}; name it with --column",
                path,
                1,
                field="message",
            )
        return cls(tuple(headers), sources, steps)

    def describe(self) -> list[str]:
        """The mapping as people read it: one line per field, the steps of a sequence."""
        lines = []
        if self.steps:
            for step in self.steps:
                platform = f" ({step.platform})" if step.platform else ""
                subject = f', subject "{step.subject}"' if step.subject else ""
                lines.append(f'  step {step.number}{platform} <- "{step.header}"{subject}')
        for field in FIELDS:
            header = self.sources.get(field)
            if header is not None and not (self.steps and field == "message"):
                lines.append(f'  {field} <- "{header}"')
        return lines

    def context(self, fields: Mapping[str, str], platform: str) -> Context:
        """The recipient context of one row; a per-row platform wins over the default."""
        first, last = self.value(fields, "first_name"), self.value(fields, "last_name")
        full = self.value(fields, "full_name")
        if full and not first and not last:
            first, _, last = full.partition(" ")
        recipient = Recipient(
            first_name=first,
            last_name=last.strip(),
            company=self.value(fields, "company"),
            role=self.value(fields, "role"),
            industry=self.value(fields, "industry"),
            notes=self.value(fields, "notes"),
        )
        return Context(platform=platform, recipient=recipient)

    def value(self, fields: Mapping[str, str], field: str) -> str:
        header = self.sources.get(field)
        return (fields.get(header) or "").strip() if header else ""

    def message(self, fields: Mapping[str, str], step: Step | None = None) -> str:
        """The text to check: the message, with a subject line when a subject column has one."""
        header = step.header if step is not None else self.sources["message"]
        body = (fields.get(header) or "").replace("\r\n", "\n")
        if step is not None and step.subject:
            subject = (fields.get(step.subject) or "").strip()
        else:
            subject = self.value(fields, "subject")
        return f"Subject: {subject}\n\n{body}" if subject and body.strip() else body


def row_platform(value: str, default: str) -> str:
    """The platform named in a row ("InMail", "LinkedIn connection", ...), else the default.

    Raises ValueError with a reason when the row names an unknown platform.
    """
    value = value.strip()
    if not value:
        return default or DEFAULT_PLATFORM
    if value in platform_names():
        return value
    key = normalise_header(value)
    named = PLATFORM_ALIASES.get(key) or next(
        (p for p in platform_names() if normalise_header(p) == key), None
    )
    if named is None:
        raise ValueError(
            f"unknown platform '{value}'; valid platforms: {', '.join(platform_names())}"
        )
    return named


def _explicit(
    explicit: Mapping[str, str],
    headers: Sequence[str],
    by_key: Mapping[str, str],
    path: str,
    column: str | None,
) -> dict[str, str]:
    sources: dict[str, str] = {}
    for field, wanted in explicit.items():
        header = wanted if wanted in headers else by_key.get(normalise_header(wanted))
        if header is None:
            option = "--column" if field == "message" and wanted == column else "--map"
            raise InputError.at(
                f"no column '{wanted}' (given with {option}); headers found: {_listing(headers)}",
                path,
                1,
                field=field,
            )
        sources[field] = header
    return sources


def _guess(aliases: Sequence[str], by_key: Mapping[str, str], taken: set[str]) -> str | None:
    for alias in aliases:
        for key in (alias, *(prefix + alias for prefix in PREFIXES)):
            header = by_key.get(key)
            if header is not None and header not in taken:
                return header
    return None


def _listing(headers: Sequence[str]) -> str:
    shown = [f'"{h}"' for h in headers if h.strip()]
    return ", ".join(shown) if shown else "(none)"
