"""The rule-pack format: which fields exist, which values they take, and how they are checked.

One table drives validation here, the JSON Schema for editors, and the docs, so the three
cannot drift apart.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from coach.engine import acts_kind
from coach.engine.models import PROBLEMS, SEVERITIES

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
PACK_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

KINDS: dict[str, str] = {
    "phrases": "spaCy PhraseMatcher over lower-case text or lemmas",
    "patterns": "spaCy Matcher token patterns",
    "dependency": "spaCy DependencyMatcher patterns over the parse",
    "regex": "regular expressions (merge fields, links, prices, percentages), run with a timeout",
    "metric": "a measured quantity compared with thresholds that may differ by platform",
    "absence": "fires when none of a set of signals is present",
    "context": "checks the text against what is known of the recipient and sender",
    "acts": "what the message does, read from the parse: who acts, which act, for whom",
}

METRICS: dict[str, str] = {
    "chars": "characters in the body",
    "over_limit": "characters past the platform's hard limit for the body",
    "subject_chars": "characters in the subject line",
    "subject_over_limit": "characters past the platform's subject limit",
    "subject_missing": "1 when the platform expects a subject and there is none",
    "words": "words in the body",
    "sentences": "sentences in the body",
    "reading_grade": "Flesch-Kincaid grade of the body (textstat)",
    "questions": "question marks",
    "exclamations": "exclamation marks",
    "links": "links and bare domains",
    "caps_words": "all-capital words of three letters or more (acronyms of up to 4 excluded)",
    "emoji": "emoji characters",
    "first_person": "I, me, my, we, us, our",
    "second_person": "you, your, yours",
    "self_focus_ratio": "first-person words per second-person word (0 below 4 first-person words)",
}

CONTEXT_CHECKS: dict[str, str] = {
    "sender-product-named": "the sender's own product or offer is named",
    "recipient-name-unused": "the recipient's first name is known but not used",
    "notes-unused": "notes about the recipient are known but the message uses none of them",
    "notes-referenced": "the message refers to a specific positive fact from the recipient "
    "notes, said of them",
    "notes-contradicted": "the message names something the notes rule out (a negated fact or "
    "a need already met)",
    "name-in-text": "the recipient's first name is used",
    "wrong-name": "the greeting names someone other than the recipient",
    "sector-mismatch": "the message speaks to one sector (see 'sectors') and the recipient's "
    "company, role, industry or notes to another, with none in common",
}

FIX_ACTIONS = ("delete", "replace", "fill")
FIX_TARGETS = ("match", "sentence")
MATCH_ON = ("lower", "lemma")
SPAN_SCOPES = ("first-sentence", "body")
RECIPIENT_FIELDS = ("first_name", "last_name", "company", "role", "industry", "notes")
SIGNAL_FIELDS = ("phrases", "lemmas", "patterns", "regex", "rules", "context")
WHEN_FIELDS = ("recipient_matches", "recipient_has", "recipient_lacks", "fired", "not_fired")

COMMON_FIELDS: dict[str, str] = {
    "id": "stable id, 'pack.kebab-name'; never reused",
    "title": "a short name shown in lists",
    "kind": "how the rule matches: " + ", ".join(KINDS),
    "problem": "the problem it is evidence of: " + ", ".join(PROBLEMS) + ", or none",
    "severity": "error, warning or info",
    "weight": "points taken off the score when the rule fires (0-100)",
    "bonus": "points added for a value-first signal (1-30); use instead of weight",
    "message": "what the user is told",
    "why": "why it hurts, citing the article it comes from",
    "source": "the article (or playbook) the rule comes from",
    "suggestion": "what to do instead",
    "platforms": "only on these platforms (default: all)",
    "when": "extra conditions on the context: " + ", ".join(WHEN_FIELDS),
    "fix": "a concrete edit: action (delete, replace, fill), target (match, sentence), "
    "replacement (for replace), field (for fill: the recipient field; default: from the "
    "placeholder's name), reason",
    "examples": "fire: texts that must fire; pass: texts that must not",
    "enabled": "false to ship a rule switched off",
}

KIND_FIELDS: dict[str, dict[str, str]] = {
    "phrases": {"phrases": "phrases to find", "match_on": "lower (default) or lemma"},
    "patterns": {"patterns": "a list of spaCy Matcher patterns (each a list of token dicts)"},
    "dependency": {"patterns": "a list of spaCy DependencyMatcher patterns"},
    "regex": {"regex": "regular expressions", "ignore_case": "true (default) or false"},
    "metric": {
        "metric": "what to measure: " + ", ".join(METRICS),
        "max": "fires above this (a number, or a mapping of platform to number with 'default')",
        "min": "fires below this (same forms as max)",
        "min_words": "skip texts shorter than this many words",
    },
    "absence": {
        "signals": "any of " + ", ".join(SIGNAL_FIELDS) + "; the rule fires when none is present",
        "span": "what to highlight: first-sentence (default) or body",
    },
    "context": {
        "check": "which check: " + ", ".join(CONTEXT_CHECKS),
        "sectors": "for sector-mismatch: a mapping of sector name to the words that mark it",
    },
    "acts": acts_kind.FIELDS,
}

PACK_FIELDS: dict[str, str] = {
    "pack": "the pack's name (kebab-case); rule ids start with it",
    "title": "a short name",
    "description": "what the pack checks",
    "category": "the score category its rules count towards (default: the pack name)",
    "rules": "the rules",
    "overrides": "changes to rules of other packs: id plus weight, severity or enabled",
}
OVERRIDE_FIELDS = ("id", "weight", "bonus", "severity", "enabled")


def did_you_mean(word: str, choices: Any) -> str:
    """A ' (did you mean X?)' hint for a misspelt name, or ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def allowed_rule_fields(kind: str) -> set[str]:
    return set(COMMON_FIELDS) | set(KIND_FIELDS.get(kind, {}))


def known_problem(name: Any) -> bool:
    return name in PROBLEMS or name == "none"


def known_severity(name: Any) -> bool:
    return name in SEVERITIES
