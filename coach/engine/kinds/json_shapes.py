"""JSON Schema building blocks that rule kinds use to describe their fields."""

from __future__ import annotations

from typing import Any

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
TOKEN_REF = {"$ref": "#/definitions/token"}


def text(description: str = "", min_length: int = 0) -> dict[str, Any]:
    shape: dict[str, Any] = {"type": "string"}
    if min_length:
        shape["minLength"] = min_length
    if description:
        shape["description"] = description
    return shape


def texts(description: str = "", items: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 1,
        "items": items or text(min_length=1),
        "description": description,
    }


def token() -> dict[str, Any]:
    """One token of a spaCy Matcher pattern (the schema's ``#/definitions/token``)."""
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


def token_patterns() -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 1,
        "items": {"type": "array", "minItems": 1, "items": TOKEN_REF},
    }


def threshold() -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "number"},
            {"type": "object", "minProperties": 1, "additionalProperties": {"type": "number"}},
        ]
    }
