"""The rule-pack format as a JSON Schema for editors (``coach packs schema``).

Committed as docs/rule-pack.schema.json. Descriptions come from the field tables in
``coach.engine.packs.fields`` and each kind's ``fields``; value shapes from each kind's
``shape()`` and ``fields.RULE_CHANGES``.
"""

from __future__ import annotations

from typing import Any

from coach.engine import kinds
from coach.engine.kinds.json_shapes import text, token
from coach.engine.models import PROBLEMS
from coach.engine.packs.fields import (
    COMMON_FIELDS,
    FIX_ACTIONS,
    FIX_TARGETS,
    PACK_FIELDS,
    PACK_NAME,
    RECIPIENT_FIELDS,
    ROLES,
    RULE_CHANGES,
    RULE_ID,
)
from coach.engine.packs.parse import allowed_rule_fields

SCHEMA_ID = "https://outreach-coach.invalid/rule-pack.schema.json"


def _examples() -> dict[str, Any]:
    recipient = {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: text() for name in RECIPIENT_FIELDS},
    }
    resource = {
        "type": "object",
        "required": ["title"],
        "additionalProperties": False,
        "properties": {"title": text(), "topic": text(), "link": text()},
    }
    sender = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "name": text(),
            "company": text(),
            "products": {"type": "array", "items": text()},
            "resources": {"type": "array", "items": resource},
        },
    }
    example = {
        "oneOf": [
            text(),
            {
                "type": "object",
                "required": ["text"],
                "additionalProperties": False,
                "properties": {
                    "text": text(),
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


def _common_shapes() -> dict[str, Any]:
    recipient_field = {"enum": list(RECIPIENT_FIELDS)}
    return {
        "id": {"type": "string", "pattern": RULE_ID.pattern},
        "title": text(),
        "message": text(min_length=1),
        "why": text(),
        "source": text(),
        "suggestion": text(),
        "kind": {"enum": list(kinds.KINDS)},
        "problem": {"enum": [*PROBLEMS, "none", None]},
        **{name: change.json_shape() for name, change in RULE_CHANGES.items()},
        "role": {"enum": list(ROLES)},
        "platforms": {"type": "array", "items": {"$ref": "#/definitions/platform"}},
        "when": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "recipient_matches": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        name: {"type": "array", "items": text()}
                        for name in (*RECIPIENT_FIELDS, "any")
                    },
                },
                "recipient_has": {"type": "array", "items": recipient_field},
                "recipient_lacks": {"type": "array", "items": recipient_field},
                "fired": {"type": "array", "items": text()},
                "not_fired": {"type": "array", "items": text()},
            },
        },
        "fix": {
            "type": "object",
            "required": ["action"],
            "additionalProperties": False,
            "properties": {
                "action": {"enum": list(FIX_ACTIONS)},
                "target": {"enum": list(FIX_TARGETS)},
                "replacement": text(),
                "field": recipient_field,
                "reason": text(),
            },
        },
        "examples": _examples(),
    }


def _rule_schema() -> dict[str, Any]:
    common = _common_shapes()
    properties = {
        name: {**common[name], "description": text} for name, text in COMMON_FIELDS.items()
    }
    properties["kind"]["description"] = "how the rule matches: " + ", ".join(kinds.KINDS)
    for kind in kinds.KINDS.values():
        for name, description in kind.fields.items():
            properties.setdefault(name, {"description": description})
    branches = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {
                "required": [next(iter(kind.fields))],
                "properties": {
                    field: {**kind.shape().get(field, {}), "description": description}
                    for field, description in kind.fields.items()
                },
                "propertyNames": {"enum": sorted(allowed_rule_fields(name))},
            },
        }
        for name, kind in kinds.KINDS.items()
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
            **{name: change.json_shape() for name, change in RULE_CHANGES.items()},
        },
    }
    shapes = {
        "pack": {"type": "string", "pattern": PACK_NAME.pattern},
        "title": text(),
        "description": text(),
        "category": text(min_length=1),
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
            "token": token(),
            "platform": {"enum": list(platform_names())},
        },
    }
