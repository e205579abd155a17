"""The words a regular expression cannot match without, so a check skips most regexes by a
substring test instead of running them.

``\\b(?:save|cut|reduce)\\s+...`` can only match a text that holds "save", "cut" or "reduce";
a typical message holds the words of few of a pack's regexes. ``needed`` reads them from the
expression (with Python's own regex parser, whose syntax the plain expressions share): the
literal strings of one part that every match must contain. The test is necessary, never
sufficient, and it is only made where it is exact: ASCII literals, compared in lower case, on
an ASCII text (case-insensitive matching of other scripts folds more than ``str.lower``).
An expression using syntax that only the ``regex`` module has (set operations, fuzzy counts,
inline flags, ``\\p{..}``), or one Python cannot parse, gets no words and always runs.
tests/test_engine_speed.py pins that what it skips finds nothing.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

# Syntax whose meaning differs between the regex module and Python's parser: set operations,
# fuzzy matching counts, inline flags and other (?...) groups (nested sets: see _nested_set).
_OTHER_SYNTAX = re.compile(r"--|&&|\|\||~~|\{[a-zA-Z]|\(\?(?![:=!]|<[=!])")


def needed(expression: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``expression`` contains, or None when
    that cannot be told safely."""
    if flags & re.VERBOSE or _OTHER_SYNTAX.search(expression) or not expression.isascii():
        return None
    if _nested_set(expression):
        return None
    try:
        parsed = sre_parse.parse(expression)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    words = _sequence(list(parsed))
    if not words or any(not w for w in words):
        return None
    return frozenset(w.lower() for w in words)


def _nested_set(expression: str) -> bool:
    """Whether a ``[`` opens inside a character class (a nested set to the regex module)."""
    inside = escaped = False
    for index, char in enumerate(expression):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            if inside:
                return True
            inside = True
        elif char == "]" and inside and expression[index - 1] != "[":
            inside = False
    return False


def _sequence(items: list) -> set[str] | None:
    """The most selective set among the parts a match of this sequence must all contain."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        found = _item(op, value)
        if found:
            candidates.append(found)
    if not candidates:
        return None
    return max(candidates, key=lambda words: min(len(w) for w in words))


def _item(op: object, value: object) -> set[str] | None:
    if op is sre.SUBPATTERN:
        return _sequence(list(value[-1]))  # (group, add flags, del flags, pattern)
    if op is sre.BRANCH:
        alternatives = [_sequence(list(branch)) for branch in value[1]]
        if any(not words for words in alternatives):
            return None  # an alternative without words of its own: nothing is required
        return set().union(*alternatives)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, pattern = value
        return _sequence(list(pattern)) if low >= 1 else None
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
        return {chr(char) for _, char in value}
    return None


def may_match(words: frozenset[str] | None, lowered: str | None) -> bool:
    """Whether a text (``lowered``: the text in lower case, None when it is not ASCII) holds
    one of the words (None: the expression has to run)."""
    if words is None or lowered is None:
        return True
    return any(word in lowered for word in words)
