"""Concrete fixes carried by findings: fill a merge field, delete or replace a whole unit.

Edits never overlap within one report, so they can be applied one at a time, in any order.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from coach.engine.analysis import Analysis
from coach.engine.mergefields import field_key, find_merge_fields
from coach.engine.models import Edit, Finding
from coach.engine.textunits import GREETING, clause_unit, greeting_span, sentence_unit

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
    found = find_merge_fields(placeholder)
    names = found[0].names if found else ()
    return next((FIELD_ALIASES[k] for k in map(field_key, names) if k in FIELD_ALIASES), None)


def edit_for(fix: dict[str, Any], start: int, end: int, analysis: Analysis) -> Edit | None:
    """The edit a rule's ``fix`` asks for at one finding, or None when it cannot be made whole.

    Fill swaps a merge field for its value. Delete and replace work on whole units: the clause
    (with its connective) or the sentence holding the finding, never the words of a phrase, and
    never the greeting; a deletion that would leave no sentence at all is not offered.
    """
    if not fix:
        return None
    action = fix.get("action")
    reason = str(fix.get("reason", "")).strip()
    if action == "fill":
        if fix.get("target") == "sentence":
            start, end = analysis.sentence_at(start)
        field = fix.get("field") or merge_field_name(analysis.text[start:end])
        value = str(getattr(analysis.context.recipient, field, "") or "") if field else ""
        if not value.strip():
            value = _fallback(analysis.text[start:end])
        if not value.strip() or PLACEHOLDER_MARKS.intersection(value):
            return None
        return Edit(start, end, value, reason or f"filled from the recipient's {field}")
    text = analysis.text
    sentence = sentence_unit(
        analysis.doc, start, analysis.body_start, analysis.text, analysis.sentences
    )
    if not sentence[0] <= start < max(sentence[1], start + 1) or sentence[0] >= sentence[1]:
        return None
    if action == "replace":
        replacement = str(fix["replacement"])
        if _after_greeting_comma(text, sentence[0]):
            replacement = replacement[:1].lower() + replacement[1:]
        return Edit(sentence[0], sentence[1], replacement, reason or "replaced")
    if fix.get("target") == "sentence":
        unit: tuple[int, int, str] = (*sentence, "")
    else:
        unit = clause_unit(analysis.tokens, text, start, end, sentence)
    if unit[:2] == sentence and not _other_words(analysis, sentence):
        return None
    u_start, u_end, replacement = unit
    if not replacement and unit[:2] == sentence:
        u_start, u_end = _widen_deletion(text, u_start, u_end)
        if _after_greeting_comma(text, u_start) and _lowers(analysis, u_end):
            return Edit(u_start, u_end + 1, text[u_end].lower(), reason or "deleted")
    return Edit(u_start, u_end, replacement, reason or "deleted")


def _lowers(analysis: Analysis, at: int) -> bool:
    """Whether the word at ``at`` may lose its capital (not 'I', not a name)."""
    token = next((t for t in analysis.tokens if t.idx == at), None)
    return (
        token is not None
        and token.text[:1].isupper()
        and token.lower_ not in ("i", "i'm", "i've", "i'd", "i'll")
        and not token.text.startswith(("I'", "I’"))
        and token.tag_ not in ("NNP", "NNPS")
    )


def _after_greeting_comma(text: str, start: int) -> bool:
    """True when ``start`` continues a greeting on the same line: 'Hi Dana, |...'."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].rstrip()
    return bool(head) and head.endswith(",") and bool(GREETING.match(head))


def _other_words(analysis: Analysis, sentence: tuple[int, int]) -> bool:
    """Whether the body says anything besides this sentence and the greeting."""
    text = analysis.text
    greeting = greeting_span(text, analysis.body_start)
    start = greeting[1] if greeting else analysis.body_start
    rest = text[start : sentence[0]] + text[sentence[1] :]
    return any(c.isalpha() for c in rest)


def _fallback(placeholder: str) -> str:
    """The placeholder's own default (``{{first_name | default: "there"}}``), if it has one."""
    found = find_merge_fields(placeholder)
    return (found[0].default or "") if found else ""


def _widen_deletion(text: str, start: int, end: int) -> tuple[int, int]:
    """Take the space after a deleted sentence (or before it, at the end of a line); a sentence
    alone on its line goes with its line break, and a paragraph of its own with a blank line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        if line_end == len(text):
            while line_start > 0 and text[line_start - 1].isspace():
                line_start -= 1
            return line_start, line_end
        end = line_end + 1
        if text[end : end + 1] == "\n":
            end += 1
        return line_start, end
    stop = end
    while stop < line_end and text[stop] in " \t":
        stop += 1
    if end < stop < line_end:
        return start, stop
    back = start
    while back > line_start and text[back - 1] in " \t":
        back -= 1
    return back, stop


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
