"""The rule-pack format as a JSON Schema for editors (``coach packs schema``).

Committed as docs/rule-pack.schema.json. Descriptions come from the field tables in
``coach.engine.schema``; only the value shapes are spelt out here.
"""

from __future__ import annotations

from typing import Any

from coach.engine import acts_kind
from coach.engine.models import PROBLEMS, SEVERITIES
from coach.engine.schema import (
    COMMON_FIELDS,
    CONTEXT_CHECKS,
    FIX_ACTIONS,
    FIX_TARGETS,
    KIND_FIELDS,
    KINDS,
    MATCH_ON,
    METRICS,
    PACK_FIELDS,
    PACK_NAME,
    RECIPIENT_FIELDS,
    RULE_ID,
    SPAN_SCOPES,
    allowed_rule_fields,
)

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
        "acts": acts_kind.json_shape(),
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
