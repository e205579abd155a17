"""Concrete fixes carried by findings: fill a merge field, delete a phrase or sentence, replace.

Edits never overlap within one report, so they can be applied one at a time, in any order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from coach.engine.analysis import Analysis
from coach.engine.models import Edit, Finding

FIELD_ALIASES: dict[str, str] = {
    "firstname": "first_name",
    "first": "first_name",
    "name": "first_name",
    "fname": "first_name",
    "givenname": "first_name",
    "lastname": "last_name",
    "surname": "last_name",
    "last": "last_name",
    "company": "company",
    "companyname": "company",
    "organization": "company",
    "organisation": "company",
    "account": "company",
    "title": "role",
    "jobtitle": "role",
    "role": "role",
    "position": "role",
    "industry": "industry",
}


PLACEHOLDER_MARKS = frozenset("{}[]%<>|")


def merge_field_name(placeholder: str) -> str | None:
    """The recipient field a placeholder such as ``{first_name}`` or ``[Name]`` stands for."""
    key = re.sub(r"[^a-z]", "", placeholder.lower())
    return FIELD_ALIASES.get(key)


def edit_for(fix: dict[str, Any], start: int, end: int, analysis: Analysis) -> Edit | None:
    """The edit a rule's ``fix`` asks for at one finding, or None when it cannot be made."""
    if not fix:
        return None
    action = fix.get("action")
    reason = str(fix.get("reason", "")).strip()
    if fix.get("target") == "sentence":
        start, end = analysis.sentence_at(start)
    if action == "fill":
        field = fix.get("field") or merge_field_name(analysis.text[start:end])
        value = str(getattr(analysis.context.recipient, field, "") or "") if field else ""
        if not value.strip() or PLACEHOLDER_MARKS.intersection(value):
            return None
        return Edit(start, end, value, reason or f"filled from the recipient's {field}")
    if action == "replace":
        return Edit(start, end, str(fix["replacement"]), reason or "replaced")
    start, end = _widen_deletion(analysis.text, start, end)
    return Edit(start, end, "", reason or "deleted")


def _widen_deletion(text: str, start: int, end: int) -> tuple[int, int]:
    """Take one neighbouring space (and a dangling comma) with a deleted span."""
    while end < len(text) and text[end] in ",;":
        end += 1
    if end < len(text) and text[end] == " ":
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    return start, end


def without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the edits of the weightiest findings; drop any edit that overlaps a kept one."""
    kept: list[tuple[int, int]] = []
    by_weight = sorted(range(len(findings)), key=lambda i: (-findings[i].weight, i))
    result = list(findings)
    for index in by_weight:
        edit = findings[index].edit
        if edit is None:
            continue
        if any(edit.start < k_end and k_start < edit.end for k_start, k_end in kept):
            result[index] = replace(findings[index], edit=None)
            continue
        kept.append((edit.start, edit.end))
    return result
