"""The plain values a rewrite returns: variants with their slots, changes and new reports.

Frozen dataclasses with ``to_dict()``, like every engine result, so the CLI and the app render
the same values and never recompute a score.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from coach.engine.models import Edit, Report

SHAPES: tuple[str, ...] = ("reference-resource", "shared-context", "question")
CHANGE_KINDS: tuple[str, ...] = ("removed", "kept", "added")


@dataclass(frozen=True)
class Slot:
    """A fact the context lacks: the placeholder at ``text[start:end]`` must be filled by hand."""

    name: str
    placeholder: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Change:
    """One thing a variant removed from, kept from or added to the draft, and why."""

    kind: str
    text: str
    reason: str
    rule_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rule_ids"] = list(self.rule_ids)
        return data


@dataclass(frozen=True)
class Variant:
    """One suggested message in one shape, re-checked by the same coach."""

    shape: str
    text: str
    report: Report
    slots: tuple[Slot, ...] = ()
    changes: tuple[Change, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "shape": self.shape,
            "text": self.text,
            "score": self.report.score,
            "band": self.report.band,
            "length": self.report.length,
            "limit": self.report.limit,
            "slots": [s.to_dict() for s in self.slots],
            "changes": [c.to_dict() for c in self.changes],
            "report": self.report.to_dict(),
        }


@dataclass(frozen=True)
class Rewrite:
    """The draft's report, up to three ready variants (best first), the per-finding edits, and,
    when the context lacks a fact every ready variant needs, a template with slots to fill."""

    original: Report
    variants: tuple[Variant, ...]
    edits: tuple[Edit, ...] = ()
    template: Variant | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": self.original.to_dict(),
            "variants": [v.to_dict() for v in self.variants],
            "edits": [e.to_dict() for e in self.edits],
            "template": self.template.to_dict() if self.template else None,
        }
