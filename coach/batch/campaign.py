"""Campaign-level findings: one note sent to many people, near-duplicates, several people at
one company (and one note to them), unfilled merge fields.

These need every row before any row can be flagged, yet memory must stay small as the file
grows. So a first, cheap pass (no NLP: reading, filling and hashing only) keeps per row one
8-byte hash of the filled message with the recipient's name and company taken out (per
sequence step), a MinHash signature of it (``coach.batch.neardup``), and hashes of the
company and of company-and-note. Sorting those arrays finds the repeated ones; only repeated
hashes are kept. The scoring pass then recomputes each row's hashes (microseconds) and looks
them up, so flags are known as each row is scored and results stream out in input order.
Clusters are numbered in order of first appearance (T1 is the first template in the file).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from coach.batch.neardup import NearDuplicates
from coach.batch.rows import EMPTY, OK, CampaignRow, row_status
from coach.engine.mergefields import find_merge_fields
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
SPACES = re.compile(r"\s+")


def merge_fields(text: str) -> list[str]:
    """The unfilled placeholders in a message, each once, in order (the engine's grammar)."""
    return list(dict.fromkeys(f.text for f in find_merge_fields(text) if not f.is_spintax))


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
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")  # a lone surrogate from JSON
    digest = hashlib.blake2b(data, digest_size=8).digest()
    return int.from_bytes(digest, "big")


def cluster_keys(row: CampaignRow) -> tuple[int, int | None, int | None]:
    """A checkable row's template hash (per sequence step) and, for a first step that names a
    company, the company's hash and the same-note-at-company hash.

    Rows with equal template hashes send one note; equal company hashes go to one company;
    equal note hashes send one note to one company. Unsigned 64-bit integers.
    """
    recipient = row.context.recipient
    key = _hash(str(row.step), template_key(row.text, recipient))
    company = company_key(recipient.company)
    if not company or row.step > 1:
        return key, None, None
    return key, _hash(company), _hash(str(key), company)


@dataclass
class Cluster:
    """A group of rows: one template ("T"), near-duplicates ("N") or one company ("C").

    ``same_note`` (companies only) counts the rows at that company that got one same note.
    """

    id: str
    size: int
    first_line: int
    example: str
    company: str = ""
    lines: list[int] = field(default_factory=list)
    same_note: int = 0


class CampaignScan:
    """What the first pass learnt: which notes repeat. Looks rows up during the second pass.

    ``flags`` must see the rows in the order ``scan_campaign`` did (it counts checkable rows
    to find each one's near-duplicate cluster).
    """

    MAX_LINES_KEPT = 20

    def __init__(
        self,
        rows: int,
        templates: dict[int, int],
        companies: dict[int, int],
        company_notes: dict[int, int] | None = None,
        near: dict[int, int] | None = None,
    ) -> None:
        self.rows = rows
        self._template_sizes = templates
        self._company_sizes = companies
        self._company_notes = company_notes or {}
        self._near = near or {}
        self._near_sizes: dict[int, int] = {}
        for root in self._near.values():
            self._near_sizes[root] = self._near_sizes.get(root, 0) + 1
        self._checked = 0
        self._clusters: dict[tuple[str, int], Cluster] = {}
        self._numbers = {"T": 0, "N": 0, "C": 0}
        self.merge_fields: dict[str, int] = {}
        self.merge_field_reasons: dict[str, str] = {}

    @property
    def clusters(self) -> list[Cluster]:
        """Clusters met so far in the scoring pass, in order of first appearance."""
        return list(self._clusters.values())

    @property
    def templates(self) -> list[Cluster]:
        return self._of("T")

    @property
    def near_duplicates(self) -> list[Cluster]:
        return self._of("N")

    @property
    def same_company(self) -> list[Cluster]:
        return self._of("C")

    def _of(self, kind: str) -> list[Cluster]:
        return [c for c in self._clusters.values() if c.id.startswith(kind)]

    def flags(self, row: CampaignRow) -> tuple[str, ...]:
        """The campaign flags of one row; call once per row, in input order."""
        return row_flags(row, self)

    def count_placeholders(self, row: CampaignRow, placeholders: list[str]) -> None:
        reasons = dict(row.unfilled)
        for placeholder in placeholders:
            self.merge_fields[placeholder] = self.merge_fields.get(placeholder, 0) + 1
            if placeholder in reasons:
                self.merge_field_reasons.setdefault(placeholder, reasons[placeholder])

    def cluster(self, kind: str, key: int, row: CampaignRow) -> str:
        """The id of the template ("T") or company ("C") cluster of ``key``, or ''."""
        sizes = self._template_sizes if kind == "T" else self._company_sizes
        return self._member(kind, key, sizes[key], row).id if key in sizes else ""

    def near_duplicate(self, key: int, row: CampaignRow) -> str:
        """The near-duplicate cluster of the next checkable row (called once for each)."""
        index, self._checked = self._checked, self._checked + 1
        root = self._near.get(index)
        if root is None:
            return ""
        return self._member("N", root, self._near_sizes[root], row).id

    def same_note(self, note: int, group: int) -> bool:
        if note not in self._company_notes:
            return False
        self._clusters[("C", group)].same_note = self._company_notes[note]
        return True

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


class ClusterLookup(Protocol):
    """Where a row's clusters are looked up: a local scan, or ids found over many partitions."""

    def count_placeholders(self, row: CampaignRow, placeholders: list[str]) -> None: ...

    def cluster(self, kind: str, key: int, row: CampaignRow) -> str: ...

    def near_duplicate(self, key: int, row: CampaignRow) -> str: ...

    def same_note(self, note: int, group: int) -> bool: ...


def row_flags(row: CampaignRow, lookup: ClusterLookup) -> tuple[str, ...]:
    """One row's campaign flags, its clusters looked up in ``lookup``."""
    status, _ = row_status(row)
    if status == EMPTY:
        return ("empty",)
    placeholders = merge_fields(row.text)
    lookup.count_placeholders(row, placeholders)
    flags = [f"merge-field:{p}" for p in placeholders]
    if status != OK:
        return tuple(flags)
    key, group, note = cluster_keys(row)
    if template := lookup.cluster("T", key, row):
        flags.append("template:" + template)
    if near := lookup.near_duplicate(key, row):
        flags.append("near-duplicate:" + near)
    if group is not None and (cluster := lookup.cluster("C", group, row)):
        flags.append("same-company:" + cluster)
        if note is not None and lookup.same_note(note, group):
            flags.append("same-note-at-company:" + cluster)
    return tuple(flags)


def scan_campaign(rows: Iterable[CampaignRow]) -> CampaignScan:
    """The cheap first pass: count the rows and find the notes that repeat.

    Per checkable row it keeps two 8-byte hashes and a 128-byte MinHash signature (see
    ``coach.batch.neardup``); companies are counted once per record (its first step).
    """
    templates = array("Q")
    companies = array("Q")
    company_notes = array("Q")
    near = NearDuplicates()
    count = 0
    for row in rows:
        count += 1
        if row_status(row)[0] != OK:
            continue
        key, group, note = cluster_keys(row)
        templates.append(key)
        near.add(template_key(row.text, row.context.recipient))
        if group is not None and note is not None:
            companies.append(group)
            company_notes.append(note)
    near_clusters = mixed_clusters(near.clusters(), templates)
    return CampaignScan(
        count,
        repeated(templates, TEMPLATE_MIN_ROWS),
        repeated(companies, SAME_COMPANY_MIN_ROWS),
        repeated(company_notes, SAME_COMPANY_MIN_ROWS),
        near_clusters,
    )


def mixed_clusters(clusters: dict[int, int], templates) -> dict[int, int]:
    """Near-duplicate clusters that hold more than one text (one text is a template)."""
    texts: dict[int, set[int]] = {}
    for index, root in clusters.items():
        texts.setdefault(root, set()).add(templates[index])
    return {i: r for i, r in clusters.items() if len(texts[r]) > 1}


def repeated(hashes, minimum: int) -> dict[int, int]:
    """Hashes occurring at least ``minimum`` times, with their counts (sort, then count runs)."""
    ordered = sorted(hashes)
    repeated: dict[int, int] = {}
    start = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index] != ordered[start]:
            if index - start >= minimum:
                repeated[ordered[start]] = index - start
            start = index
    return repeated
