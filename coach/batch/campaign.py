"""Campaign-level findings: one note sent to many people, to one company, unfilled merge fields.

These need every row before any row can be flagged, yet memory must stay flat as the file
grows. So a first, cheap pass (no NLP: reading and hashing only) keeps one 8-byte hash per row
of the message with the recipient's name and company taken out, plus one of that hash with the
company. Sorting those arrays finds the repeated ones; only repeated hashes are kept. The
scoring pass then recomputes each row's hash (microseconds) and looks it up, so flags are
known as each row is scored and results stream out in input order. Clusters are numbered in
order of first appearance (T1 is the first template in the file).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from coach.batch.rows import EMPTY, OK, CampaignRow, row_status
from coach.engine.models import Recipient

TEMPLATE_MIN_ROWS = 3
SAME_COMPANY_MIN_ROWS = 2
EXAMPLE_CHARS = 240
LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "l.l.c",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "bv",
        "nv",
        "oy",
        "ab",
        "pty",
        "pte",
        "srl",
        "spa",
    }
)
_FIELD_WORDS = (
    r"(?:first|last|full|given|company|contact|recipient|prospect|lead)?[ _]?"
    r"(?:name|firstname|lastname|company|title|role|industry|position)"
)
MERGE_FIELD = re.compile(
    r"\{\{?\s*[A-Za-z][\w .-]{0,40}?\s*\}\}?"
    r"|%[A-Za-z][A-Za-z_]{1,30}%"
    r"|\*\|[A-Z_]{2,30}\|\*"
    rf"|\[\s*{_FIELD_WORDS}\s*\]"
    rf"|<<?\s*{_FIELD_WORDS}\s*>>?",
    re.IGNORECASE,
)
SPACES = re.compile(r"\s+")


def merge_fields(text: str) -> list[str]:
    """The unfilled placeholders in a message, each once, in order."""
    return list(dict.fromkeys(m.group(0) for m in MERGE_FIELD.finditer(text)))


def template_key(text: str, recipient: Recipient) -> str:
    """The message with this recipient's names and company removed, case and spaces folded."""
    folded = text.casefold()
    for value in _personal_values(recipient):
        folded = _remove_word(folded, value)
    return SPACES.sub(" ", folded).strip()


def _remove_word(text: str, value: str) -> str:
    """``text`` with whole-word occurrences of ``value`` blanked (no regex compiled per row)."""
    start = text.find(value)
    while start != -1:
        end = start + len(value)
        if (start == 0 or not _is_word(text[start - 1])) and (
            end == len(text) or not _is_word(text[end])
        ):
            text = f"{text[:start]} {text[end:]}"
        start = text.find(value, start + 1)
    return text


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def company_key(company: str) -> str:
    words = SPACES.sub(" ", company.casefold().replace(",", " ")).strip().split(" ")
    while len(words) > 1 and words[-1].strip(".") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _personal_values(recipient: Recipient) -> list[str]:
    values = {
        recipient.first_name,
        recipient.last_name,
        recipient.company,
        company_key(recipient.company),
    }
    values.add(f"{recipient.first_name} {recipient.last_name}")
    folded = {SPACES.sub(" ", v.casefold()).strip() for v in values}
    return sorted((v for v in folded if len(v) >= 2), key=len, reverse=True)


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def cluster_keys(row: CampaignRow) -> tuple[int, int | None]:
    """A checkable row's template hash, and its same-company hash when it names a company.

    Rows with equal template hashes send one note; equal same-company hashes send it to one
    company. Unsigned 64-bit integers.
    """
    recipient = row.context.recipient
    key = _hash(template_key(row.text, recipient))
    company = company_key(recipient.company)
    return key, (_hash(str(key), company) if company else None)


def flag_names(placeholders: list[str], template: str = "", company: str = "") -> tuple[str, ...]:
    """A row's campaign flags from its unfilled placeholders and its cluster ids (if any)."""
    flags = [f"merge-field:{p}" for p in placeholders]
    if template:
        flags.append(f"template:{template}")
    if company:
        flags.append(f"same-company:{company}")
    return tuple(flags)


@dataclass
class Cluster:
    """A group of rows sharing one note: a template ("T") or one company ("C")."""

    id: str
    size: int
    first_line: int
    example: str
    company: str = ""
    lines: list[int] = field(default_factory=list)


class CampaignScan:
    """What the first pass learnt: which notes repeat. Looks rows up during the second pass."""

    MAX_LINES_KEPT = 20

    def __init__(self, rows: int, templates: dict[int, int], companies: dict[int, int]) -> None:
        self.rows = rows
        self._template_sizes = templates
        self._company_sizes = companies
        self._clusters: dict[tuple[str, int], Cluster] = {}
        self._numbers = {"T": 0, "C": 0}
        self.merge_fields: dict[str, int] = {}

    @property
    def clusters(self) -> list[Cluster]:
        """Clusters met so far in the scoring pass, in order of first appearance."""
        return list(self._clusters.values())

    @property
    def templates(self) -> list[Cluster]:
        return [c for c in self._clusters.values() if c.id.startswith("T")]

    @property
    def same_company(self) -> list[Cluster]:
        return [c for c in self._clusters.values() if c.id.startswith("C")]

    def flags(self, row: CampaignRow) -> tuple[str, ...]:
        """The campaign flags of one row; call once per row, in input order."""
        status, _ = row_status(row)
        if status == EMPTY:
            return ("empty",)
        placeholders = merge_fields(row.text)
        for placeholder in placeholders:
            self.merge_fields[placeholder] = self.merge_fields.get(placeholder, 0) + 1
        if status != OK:
            return flag_names(placeholders)
        key, group = cluster_keys(row)
        template = company = ""
        if key in self._template_sizes:
            template = self._member("T", key, self._template_sizes[key], row).id
        if group is not None and group in self._company_sizes:
            company = self._member("C", group, self._company_sizes[group], row).id
        return flag_names(placeholders, template, company)

    def _member(self, kind: str, key: int, size: int, row: CampaignRow) -> Cluster:
        cluster = self._clusters.get((kind, key))
        if cluster is None:
            self._numbers[kind] += 1
            number = self._numbers[kind]
            example = SPACES.sub(" ", row.text).strip()
            if len(example) > EXAMPLE_CHARS:
                example = example[: EXAMPLE_CHARS - 1] + "…"
            cluster = Cluster(
                f"{kind}{number}",
                size,
                row.line,
                example,
                row.context.recipient.company if kind == "C" else "",
            )
            self._clusters[(kind, key)] = cluster
        if len(cluster.lines) < self.MAX_LINES_KEPT:
            cluster.lines.append(row.line)
        return cluster


def scan_campaign(rows: Iterable[CampaignRow]) -> CampaignScan:
    """The cheap first pass: count the rows and find the notes that repeat."""
    templates = array("Q")
    companies = array("Q")
    count = 0
    for row in rows:
        count += 1
        if row_status(row)[0] != OK:
            continue
        key, group = cluster_keys(row)
        templates.append(key)
        if group is not None:
            companies.append(group)
    return CampaignScan(
        count, _repeated(templates, TEMPLATE_MIN_ROWS), _repeated(companies, SAME_COMPANY_MIN_ROWS)
    )


def _repeated(hashes: array, minimum: int) -> dict[int, int]:
    """Hashes occurring at least ``minimum`` times, with their counts (sort, then count runs)."""
    ordered = sorted(hashes)
    del hashes[:]
    repeated: dict[int, int] = {}
    start = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index] != ordered[start]:
            if index - start >= minimum:
                repeated[ordered[start]] = index - start
            start = index
    return repeated
