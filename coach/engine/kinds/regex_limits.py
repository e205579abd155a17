"""Limits on what a pack's regular expressions and token patterns may ask of the machine.

Packs load automatically from a cloned project's ``.coach/packs/``, so a pack is untrusted
input. ``a{1000000000}`` makes the regex compiler allocate for minutes and
``((a{100}){100}){100}`` costs seconds, so a repetition count above ``MAX_REPEAT``, or nested
counts whose product is above ``MAX_NESTED_REPEAT``, is refused before anything is compiled.
spaCy's ``OP: "{n,m}"`` copies a token pattern ``m`` times: at most ``MAX_TOKEN_REPEAT``.
"""

from __future__ import annotations

import re
from typing import Any

MAX_REPEAT = 1_000
MAX_NESTED_REPEAT = 10_000
MAX_TOKEN_REPEAT = 100

_COUNT = re.compile(r"\{(\d*)(?:,(\d*))?\}")


def repetition_problem(expression: str) -> str:
    """Why ``expression`` repeats too much, or "" when it does not."""
    products = [1]  # per open group: the largest product of counts inside it so far
    index = 0
    while index < len(expression):
        char = expression[index]
        if char == "(":
            products.append(1)
            index += 1
            continue
        inner = 1
        if char == ")" and len(products) > 1:
            inner = products.pop()
            index += 1
        elif char == "\\":
            index += 2
        elif char == "[":
            index = _class_end(expression, index)
        else:
            index += 1
        count, index = _count_at(expression, index)
        if count > MAX_REPEAT:
            return f"a repetition of {count:,} is over the limit of {MAX_REPEAT:,}"
        products[-1] = max(products[-1], inner * count)
        if products[-1] > MAX_NESTED_REPEAT:
            return (
                f"nested repetitions multiply to {products[-1]:,}, over the limit of "
                f"{MAX_NESTED_REPEAT:,}"
            )
    return ""


def _count_at(expression: str, index: int) -> tuple[int, int]:
    """The count of a ``{n}``, ``{n,}``, ``{,m}`` or ``{n,m}`` quantifier at ``index`` (1 when
    there is none) and the index after it."""
    match = _COUNT.match(expression, index)
    if match is None or not (match.group(1) or match.group(2)):
        return 1, index
    return max(int(n) for n in match.groups() if n), match.end()


def _class_end(expression: str, index: int) -> int:
    """The index just after the character class that opens at ``index``."""
    index += 1
    if index < len(expression) and expression[index] == "^":
        index += 1
    if index < len(expression) and expression[index] == "]":
        index += 1
    while index < len(expression) and expression[index] != "]":
        index += 2 if expression[index] == "\\" else 1
    return index + 1


def token_pattern_problems(patterns: Any) -> list[str]:
    """Problems in spaCy token patterns: each ``REGEX`` must compile (spaCy uses ``re``) within
    the repetition limits, each ``OP`` repeat at most ``MAX_TOKEN_REPEAT`` times."""
    problems: list[str] = []
    for key, value in _items(patterns):
        if key == "REGEX" and isinstance(value, str):
            reason = repetition_problem(value)
            if not reason:
                try:
                    re.compile(value)
                except re.error as error:
                    reason = str(error)
            if reason:
                problems.append(f"invalid REGEX {value!r}: {reason}")
        elif key == "OP" and isinstance(value, str) and _too_many_tokens(value):
            problems.append(f"OP {value!r} repeats a token more than {MAX_TOKEN_REPEAT} times")
    return problems


def _too_many_tokens(op: str) -> bool:
    return _COUNT.fullmatch(op) is not None and _count_at(op, 0)[0] > MAX_TOKEN_REPEAT


def _items(value: Any):
    """Every (key, value) pair of every mapping nested in ``value``."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                yield key, inner
                pending.append(inner)
        elif isinstance(item, list):
            pending.extend(item)
