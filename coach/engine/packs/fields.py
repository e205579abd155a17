"""The rule-pack format's tables: which fields a pack and a rule have, and what may change.

One table per fact: validation (``checks``, ``parse``), the JSON Schema (``json_schema``), the
configuration's ``rules:`` (``coach.config.files``) and the docs all read these. The fields of
each rule kind are the kind's own (``coach.engine.kinds``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coach.engine.models import PROBLEMS, SEVERITIES

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
PACK_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
FIX_ACTIONS = ("delete", "replace", "fill")
FIX_TARGETS = ("match", "sentence")
RECIPIENT_FIELDS = ("first_name", "last_name", "company", "role", "industry", "notes")
# What a value-first signal does in a message; the rewrite keeps and composes parts by role.
ROLES = ("reference", "contribution", "close")
WHEN_FIELDS = ("recipient_matches", "recipient_has", "recipient_lacks", "fired", "not_fired")


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Change:
    """A field that a pack's ``overrides`` and the configuration's ``rules:`` may change."""

    description: str
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()
    flag: bool = False

    def problem(self, name: str, value: Any) -> str | None:
        """What is wrong with ``value`` for the field ``name``, or None when it is valid."""
        if self.flag:
            return None if isinstance(value, bool) else f"'{name}' must be true or false"
        if self.choices:
            if value in self.choices:
                return None
            return f"unknown {name} '{value}'; expected one of {', '.join(self.choices)}"
        if is_int(value) and self.low <= value <= self.high:
            return None
        return f"'{name}' must be a whole number from {self.low} to {self.high}"

    def json_shape(self) -> dict[str, Any]:
        if self.flag:
            return {"type": "boolean"}
        if self.choices:
            return {"enum": list(self.choices)}
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


RULE_CHANGES: dict[str, Change] = {
    "weight": Change("points taken off the score when the rule fires", 0, 100),
    "bonus": Change("points added for a value-first signal; use instead of weight", 1, 30),
    "severity": Change("error, warning or info", choices=SEVERITIES),
    "enabled": Change("false to ship a rule switched off", flag=True),
}


def change_problem(name: str, value: Any) -> str | None:
    """What is wrong with changing ``name`` to ``value`` on a rule, or None."""
    change = RULE_CHANGES.get(name)
    if change is None:
        return f"cannot override '{name}'"
    return change.problem(name, value)


def change_range(name: str) -> str:
    change = RULE_CHANGES[name]
    return f"{change.low}-{change.high}"


COMMON_FIELDS: dict[str, str] = {
    "id": "stable id, 'pack.kebab-name'; never reused",
    "title": "a short name shown in lists",
    "kind": "how the rule matches: one of the rule kinds",
    "problem": "the problem it is evidence of: " + ", ".join(PROBLEMS) + ", or none",
    "severity": RULE_CHANGES["severity"].description,
    "weight": f"{RULE_CHANGES['weight'].description} ({change_range('weight')})",
    "bonus": f"{RULE_CHANGES['bonus'].description} ({change_range('bonus')})",
    "message": "what the user is told",
    "why": "why it hurts, citing the article it comes from",
    "source": "the article (or playbook) the rule comes from",
    "suggestion": "what to do instead",
    "platforms": "only on these platforms (default: all)",
    "when": "extra conditions on the context: " + ", ".join(WHEN_FIELDS),
    "fix": "a concrete edit: action (delete, replace, fill), target (match, sentence), "
    "replacement (for replace), field (for fill: the recipient field; default: from the "
    "placeholder's name), reason",
    "role": "for a value-first signal, what it does in a message: "
    + ", ".join(ROLES)
    + "; rewrites keep and compose parts by role",
    "examples": "fire: texts that must fire; pass: texts that must not",
    "enabled": RULE_CHANGES["enabled"].description,
}

PACK_FIELDS: dict[str, str] = {
    "pack": "the pack's name (kebab-case); rule ids start with it",
    "title": "a short name",
    "description": "what the pack checks",
    "category": "the score category its rules count towards (default: the pack name)",
    "rules": "the rules",
    "overrides": "changes to rules of other packs: id plus " + ", ".join(RULE_CHANGES),
}
OVERRIDE_FIELDS = ("id", *RULE_CHANGES)


def known_problem(name: Any) -> bool:
    return name in PROBLEMS or name == "none"
