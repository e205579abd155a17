"""Plain values that flow in and out of the engine: context, findings, reports.

Everything here is a frozen dataclass with character offsets into the original text and a
``to_dict()`` for JSON, so the CLI, the batch writer and the app render the same values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PROBLEMS: tuple[str, ...] = (
    "pitch",
    "no-personalization",
    "wrong-audience",
    "wrong-platform",
    "vague-ask",
    "self-focus",
    "too-long",
    "merge-field",
)
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SCHEMA_VERSION = 1
# Character ranges (start, end) into the original text, as rules find them.
Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Resource:
    """Something the sender can share: a study, a write-up, a checklist."""

    title: str
    topic: str = ""
    link: str = ""


@dataclass(frozen=True)
class Recipient:
    """What the sender knows about the person they write to."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    role: str = ""
    industry: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Sender:
    """Who writes: their own company, products, what they offer and what they can give away."""

    name: str = ""
    company: str = ""
    products: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    offer: str = ""  # what you offer, in a few words: "SAP licence reviews"


@dataclass(frozen=True)
class Context:
    """Everything besides the text that a check depends on."""

    platform: str = "linkedin-connection"
    recipient: Recipient = field(default_factory=Recipient)
    sender: Sender = field(default_factory=Sender)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Context:
        sender = dict(data.get("sender") or {})
        sender["products"] = tuple(sender.get("products") or ())
        sender["resources"] = tuple(Resource(**r) for r in sender.get("resources") or ())
        return cls(
            platform=data.get("platform") or "linkedin-connection",
            recipient=Recipient(**(data.get("recipient") or {})),
            sender=Sender(**sender),
        )


@dataclass(frozen=True)
class Edit:
    """A concrete fix: replace ``text[start:end]`` with ``replacement`` (empty deletes)."""

    start: int
    end: int
    replacement: str
    reason: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]

    def recases(self, text: str) -> bool:
        """A deletion that takes the next word's capital with it: 'Hi Dana, I hope this finds
        you well. Our' becomes 'Hi Dana, our' (the replacement is that one letter, re-cased)."""
        last = text[self.start : self.end][-1:]
        return len(self.replacement) == 1 and last != self.replacement == last.lower()

    def describe(self, text: str) -> tuple[str, str]:
        """What the edit takes out of ``text``, and what it does, said plainly ('delete',
        'replace with "..."'), for the CLI and the app alike."""
        removed = text[self.start : self.end]
        if self.recases(text):
            return removed[:-1].strip(), "delete"
        action = f'replace with "{self.replacement}"' if self.replacement else "delete"
        return removed.strip(), action

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    """One rule firing on one span of the text."""

    rule_id: str
    title: str
    category: str
    problem: str | None
    severity: str
    weight: int
    bonus: int
    start: int
    end: int
    quote: str
    message: str
    why: str
    source: str
    suggestion: str
    edit: Edit | None = None

    @property
    def positive(self) -> bool:
        return self.bonus > 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["edit"] = self.edit.to_dict() if self.edit else None
        return data


@dataclass(frozen=True)
class CategoryScore:
    """The sub-score of one concern (pitch, personalisation, ...)."""

    category: str
    score: int
    penalty: int
    bonus: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RuleError:
    """A rule that could not run (a regex over its time limit): reported, never fatal."""

    rule_id: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """The result of checking one message."""

    text: str
    platform: str
    score: int
    band: str
    categories: tuple[CategoryScore, ...]
    findings: tuple[Finding, ...]
    problems: tuple[str, ...]
    limit: int | None
    length: int
    rule_errors: tuple[RuleError, ...] = ()

    @property
    def penalties(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.positive)

    @property
    def signals(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.positive)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.penalties)

    @property
    def top_penalty(self) -> Finding | None:
        """The heaviest penalty, the earliest on a tie: the first thing to fix."""
        return max(self.penalties, key=lambda f: (f.weight, -f.start), default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "score": self.score,
            "band": self.band,
            "platform": self.platform,
            "length": self.length,
            "limit": self.limit,
            "problems": list(self.problems),
            "categories": [c.to_dict() for c in self.categories],
            "findings": [f.to_dict() for f in self.findings],
            "rule_errors": [e.to_dict() for e in self.rule_errors],
            "text": self.text,
        }
