"""The rule-pack format: which fields exist, which values they take, and how they are checked.

One table drives validation here, the JSON Schema for editors, and the docs, so the three
cannot drift apart.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

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
    "notes-referenced": "the message refers to something from the recipient notes",
    "notes-contradicted": "the message names a product the notes say they do not use",
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


# JSON Schema for editors (``coach packs schema``; committed as docs/rule-pack.schema.json).
# Descriptions come from the tables above; only the value shapes are spelt out here.

SCHEMA_ID = "https://outreach-coach.invalid/rule-pack.schema.json"
TOKEN_STRING_ATTRS = (
    "ORTH",
    "TEXT",
    "NORM",
    "LOWER",
    "LEMMA",
    "POS",
    "TAG",
    "MORPH",
    "DEP",
    "SHAPE",
    "ENT_TYPE",
    "ENT_ID",
    "ENT_KB_ID",
)
TOKEN_BOOL_ATTRS = (
    "IS_ALPHA",
    "IS_ASCII",
    "IS_DIGIT",
    "IS_LOWER",
    "IS_UPPER",
    "IS_TITLE",
    "IS_PUNCT",
    "IS_SPACE",
    "IS_BRACKET",
    "IS_QUOTE",
    "IS_LEFT_PUNCT",
    "IS_RIGHT_PUNCT",
    "IS_CURRENCY",
    "IS_STOP",
    "IS_SENT_START",
    "SENT_START",
    "LIKE_NUM",
    "LIKE_URL",
    "LIKE_EMAIL",
    "SPACY",
)


def _text(description: str = "", min_length: int = 0) -> dict[str, Any]:
    shape: dict[str, Any] = {"type": "string"}
    if min_length:
        shape["minLength"] = min_length
    if description:
        shape["description"] = description
    return shape


def _texts(description: str = "", items: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 1,
        "items": items or _text(min_length=1),
        "description": description,
    }


def _token() -> dict[str, Any]:
    string_value = {
        "type": ["string", "object"],
        "description": "text, or {IN: [...]}, {NOT_IN: [...]}, {REGEX: ...}; quote on/off/yes/no",
    }
    properties: dict[str, Any] = {name: string_value for name in TOKEN_STRING_ATTRS}
    properties.update({name: {"type": "boolean"} for name in TOKEN_BOOL_ATTRS})
    properties["LENGTH"] = {"type": ["integer", "object"]}
    properties["ENT_IOB"] = {"enum": ["", "I", "O", "B", 0, 1, 2, 3]}
    properties["OP"] = {"type": "string", "description": "?, *, +, ! or {n,m}"}
    return {
        "type": "object",
        "minProperties": 1,
        "properties": properties,
        "description": "one token: spaCy Matcher attributes",
    }


def _dependency_node() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["RIGHT_ID", "RIGHT_ATTRS"],
        "properties": {
            "RIGHT_ID": _text(),
            "RIGHT_ATTRS": {"$ref": "#/definitions/token"},
            "LEFT_ID": _text(),
            "REL_OP": _text(),
        },
        "additionalProperties": False,
    }


def _threshold() -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "number"},
            {"type": "object", "minProperties": 1, "additionalProperties": {"type": "number"}},
        ]
    }


def _examples() -> dict[str, Any]:
    recipient = {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: _text() for name in RECIPIENT_FIELDS},
    }
    resource = {
        "type": "object",
        "required": ["title"],
        "additionalProperties": False,
        "properties": {"title": _text(), "topic": _text(), "link": _text()},
    }
    sender = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "name": _text(),
            "company": _text(),
            "products": {"type": "array", "items": _text()},
            "resources": {"type": "array", "items": resource},
        },
    }
    example = {
        "oneOf": [
            _text(),
            {
                "type": "object",
                "required": ["text"],
                "additionalProperties": False,
                "properties": {
                    "text": _text(),
                    "platform": {"$ref": "#/definitions/platform"},
                    "recipient": recipient,
                    "sender": sender,
                },
            },
        ]
    }
    return {
        "type": "object",
        "required": ["fire", "pass"],
        "additionalProperties": False,
        "description": COMMON_FIELDS["examples"],
        "properties": {
            "fire": {"type": "array", "minItems": 1, "items": example},
            "pass": {"type": "array", "minItems": 1, "items": example},
        },
    }


def _kind_shapes() -> dict[str, dict[str, Any]]:
    token_patterns = {
        "type": "array",
        "minItems": 1,
        "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/token"}},
    }
    signals = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {
            "phrases": _texts(),
            "lemmas": _texts(),
            "regex": _texts(),
            "rules": _texts(),
            "patterns": token_patterns,
            "context": {"type": "array", "items": {"enum": list(CONTEXT_CHECKS)}},
        },
    }
    return {
        "phrases": {"phrases": _texts(), "match_on": {"enum": list(MATCH_ON)}},
        "patterns": {"patterns": token_patterns},
        "dependency": {
            "patterns": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "array", "minItems": 1, "items": _dependency_node()},
            }
        },
        "regex": {"regex": _texts(), "ignore_case": {"type": "boolean"}},
        "metric": {
            "metric": {"enum": list(METRICS)},
            "max": _threshold(),
            "min": _threshold(),
            "min_words": {"type": "integer", "minimum": 0},
        },
        "absence": {"signals": signals, "span": {"enum": list(SPAN_SCOPES)}},
        "context": {
            "check": {"enum": list(CONTEXT_CHECKS)},
            "sectors": {"type": "object", "minProperties": 1, "additionalProperties": _texts()},
        },
    }


def _common_shapes() -> dict[str, Any]:
    recipient_field = {"enum": list(RECIPIENT_FIELDS)}
    return {
        "id": {"type": "string", "pattern": RULE_ID.pattern},
        "title": _text(),
        "message": _text(min_length=1),
        "why": _text(),
        "source": _text(),
        "suggestion": _text(),
        "kind": {"enum": list(KINDS)},
        "problem": {"enum": [*PROBLEMS, "none", None]},
        "severity": {"enum": list(SEVERITIES)},
        "weight": {"type": "integer", "minimum": 0, "maximum": 100},
        "bonus": {"type": "integer", "minimum": 1, "maximum": 30},
        "platforms": {"type": "array", "items": {"$ref": "#/definitions/platform"}},
        "when": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "recipient_matches": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        name: {"type": "array", "items": _text()}
                        for name in (*RECIPIENT_FIELDS, "any")
                    },
                },
                "recipient_has": {"type": "array", "items": recipient_field},
                "recipient_lacks": {"type": "array", "items": recipient_field},
                "fired": {"type": "array", "items": _text()},
                "not_fired": {"type": "array", "items": _text()},
            },
        },
        "fix": {
            "type": "object",
            "required": ["action"],
            "additionalProperties": False,
            "properties": {
                "action": {"enum": list(FIX_ACTIONS)},
                "target": {"enum": list(FIX_TARGETS)},
                "replacement": _text(),
                "field": recipient_field,
                "reason": _text(),
            },
        },
        "examples": _examples(),
        "enabled": {"type": "boolean"},
    }


def _rule_schema() -> dict[str, Any]:
    common = _common_shapes()
    properties = {
        name: {**common[name], "description": text} for name, text in COMMON_FIELDS.items()
    }
    kinds = _kind_shapes()
    for fields in KIND_FIELDS.values():
        for name, text in fields.items():
            properties.setdefault(name, {"description": text})
    branches = [
        {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": {
                "required": [next(iter(KIND_FIELDS[kind]))],
                "properties": {
                    name: {**kinds[kind].get(name, {}), "description": text}
                    for name, text in KIND_FIELDS[kind].items()
                },
                "propertyNames": {"enum": sorted(allowed_rule_fields(kind))},
            },
        }
        for kind in KINDS
    ]
    return {
        "type": "object",
        "required": ["id", "kind", "problem", "message", "examples"],
        "properties": properties,
        "additionalProperties": False,
        "oneOf": [{"required": ["weight"]}, {"required": ["bonus"]}],
        "allOf": branches,
    }


def json_schema() -> dict[str, Any]:
    """The pack format as a JSON Schema (draft-07, the version editors' YAML plugins speak)."""
    from coach.engine.platforms import platform_names

    override = {
        "type": "object",
        "required": ["id"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": RULE_ID.pattern},
            "weight": {"type": "integer", "minimum": 0, "maximum": 100},
            "bonus": {"type": "integer", "minimum": 1, "maximum": 30},
            "severity": {"enum": list(SEVERITIES)},
            "enabled": {"type": "boolean"},
        },
    }
    shapes = {
        "pack": {"type": "string", "pattern": PACK_NAME.pattern},
        "title": _text(),
        "description": _text(),
        "category": _text(min_length=1),
        "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}},
        "overrides": {"type": "array", "items": override},
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "outreach-coach rule pack",
        "description": "A YAML file of rules for coach; see docs/rule-packs.md.",
        "type": "object",
        "required": ["pack"],
        "anyOf": [{"required": ["rules"]}, {"required": ["overrides"]}],
        "properties": {
            name: {**shapes[name], "description": text} for name, text in PACK_FIELDS.items()
        },
        "additionalProperties": False,
        "definitions": {
            "rule": _rule_schema(),
            "token": _token(),
            "platform": {"enum": list(platform_names())},
        },
    }
