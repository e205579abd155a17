"""What a pack becomes once read: plain frozen values, compiled later by the rule kinds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Example:
    """A text a rule must fire on (or must pass), with an optional context."""

    text: str
    context: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """One validated rule as written in its pack."""

    id: str
    kind: str
    title: str
    category: str
    problem: str | None
    severity: str
    weight: int
    bonus: int
    message: str
    why: str
    source: str
    suggestion: str
    spec: dict[str, Any]
    platforms: tuple[str, ...] = ()
    when: dict[str, Any] = field(default_factory=dict)
    fix: dict[str, Any] = field(default_factory=dict)
    fire_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()
    enabled: bool = True
    role: str | None = None
    path: str = ""
    line: int = 0

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Override:
    """A change one pack makes to another pack's rule."""

    rule_id: str
    changes: dict[str, Any]
    path: str
    line: int


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    description: str
    category: str
    path: str
    rules: tuple[Rule, ...]
    overrides: tuple[Override, ...] = ()
    origin: str = "built-in"
