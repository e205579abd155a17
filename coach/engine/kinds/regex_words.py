"""The words a regular expression cannot match without, so a check skips most regexes by a
substring test instead of running them.

``\\b(?:save|cut|reduce)\\s+\\d+%`` can only match a text that holds "save", "cut" or "reduce",
and a digit, and "%"; a typical message holds the words of few of a pack's regexes. ``needed``
reads them from the expression (with Python's own regex parser, whose syntax the plain
expressions share): for each part every match must contain, its literal strings (``\\d`` and
``[0-9]``: the ten digits); and the same for each alternative of a top-level ``a|b`` whose
alternatives need words of their own ("$49/mo" or "very affordable rates"), one of which a
match of the whole must hold too. The test is a necessary condition, never a sufficient one,
and it is made only where lower-casing is enough to compare. In an expression, every character
beyond ASCII must be a symbol without case ("€", "’"): a letter such as the escape ``\\u017f``
matches "s" when case is ignored. In a text (see ``lowered``), every character beyond ASCII
must be one that ignoring case cannot make an ASCII one ("é", "’", "👋", but not "ſ", "K" or
the ligature "ﬁ", which matches "fi") and that ``\\d`` does not match (a digit of another
script). An expression using syntax that only the ``regex`` module has (set operations, fuzzy
counts, inline flags, ``\\p{..}``), or one Python cannot parse, gets no words and always runs;
so does every expression on a text with other characters. tests/test_engine_speed.py pins that
what it skips finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from re import _constants as sre
from re import _parser as sre_parse

import regex

DIGITS = "0123456789"
Groups = tuple[frozenset[str], ...]  # every match holds one string of each group
# The groups of the whole expression, and per alternative of its top-level a|b (none when that
# says no more): a match of the expression is a match of one alternative, and holds its groups.
Needed = tuple[Groups, tuple[Groups, ...]]
Searches = tuple[re.Pattern[str], ...]  # per group: its search
Prefilter = tuple[Searches, tuple[Searches, ...]]
# Syntax whose meaning differs between the regex module and Python's parser: set operations,
# fuzzy matching counts, inline flags and other (?...) groups (nested sets: see _nested_set).
_OTHER_SYNTAX = re.compile(r"--|&&|\|\||~~|\{[a-zA-Z]|\(\?(?![:=!]|<[=!])")


def needed(expression: str, flags: int = 0) -> Needed | None:
    """Groups of lower-case strings such that every match of ``expression`` contains one
    string of each group (the most selective group first), and the same per alternative of its
    top-level ``a|b`` (see ``_alternatives``); None when that cannot be told safely."""
    if flags & re.VERBOSE or _OTHER_SYNTAX.search(expression):
        return None
    if _nested_set(expression):
        return None
    try:
        parsed = sre_parse.parse(expression)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    if _beyond_ascii(parsed):
        return None  # "\u017f" matches "s" when case is ignored: str.lower cannot tell
    whole = _groups(list(parsed))
    if whole is None:
        return None
    alternatives = []
    for alternative in _alternatives(list(parsed)):
        groups = _groups(alternative)
        if groups is None:
            return whole, ()  # an alternative without words of its own
        alternatives.append(groups)
    return whole, tuple(alternatives)


def _groups(items: list) -> Groups | None:
    groups = [g for g in _candidates(items) if all(g)]
    if not groups:
        return None
    groups.sort(key=lambda words: -min(len(w) for w in words))
    return tuple(frozenset(w.lower() for w in words) for words in groups)


def _alternatives(items: list) -> list[list]:
    """The sequence once per alternative of its first top-level ``a|b`` (bare or in a group
    that must match once): a match of the whole is a match of one of them, and each needs its
    own words ("$49/mo" or "very affordable rates"). None (an empty list) when it has no such
    a|b, or when each alternative is one part ("save|cut")."""
    for index, (op, value) in enumerate(items):
        inner = [(op, value)]
        while len(inner) == 1 and inner[0][0] is sre.SUBPATTERN:
            inner = list(inner[0][1][-1])  # (group, add flags, del flags, pattern)
        if len(inner) == 1 and inner[0][0] is sre.BRANCH:
            branches = [list(branch) for branch in inner[0][1][1]]
            if all(len(_candidates(branch)) < 2 for branch in branches):
                break  # one word each ("save|cut"): one group of them all says as much
            before, after = items[:index], items[index + 1 :]
            return [[*before, *branch, *after] for branch in branches]
    return []


def _beyond_ascii(items: object) -> bool:
    """Whether a parsed expression names a character beyond ASCII other than a symbol without
    case, anywhere (an escape such as ``\\u00df`` in an otherwise ASCII expression)."""
    if isinstance(items, int):
        return False
    if isinstance(items, tuple) and len(items) == 2 and items[0] in (sre.LITERAL, sre.NOT_LITERAL):
        return isinstance(items[1], int) and items[1] > 127 and not caseless(chr(items[1]))
    if isinstance(items, tuple) and len(items) == 2 and items[0] is sre.RANGE:
        return items[1][1] > 127
    if isinstance(items, (list, tuple, sre_parse.SubPattern)):
        return any(_beyond_ascii(item) for item in items)
    return False


def caseless(char: str) -> bool:
    """A symbol, mark of punctuation or space that has no case ("€", "’", "—", "👋"): when
    case is ignored it still matches itself only."""
    same = char.lower() == char.upper() == char.casefold() == char
    return same and unicodedata.category(char)[0] in "PSZ"


_INERT: dict[str, bool] = {}  # characters beyond ASCII met in texts: see inert
# What a character must not match to be inert: ignoring case, an ASCII character ("ı" is "i"
# to the regex module); a digit of any script.
_SEES_ASCII = regex.compile(r"[\x00-\x7f]|\d", regex.IGNORECASE | regex.VERSION1)


def inert(char: str) -> bool:
    """A character beyond ASCII that ignoring case cannot make an ASCII one ("é", "’"; not
    "ſ", "ı", "K", "ß" or "ﬁ", which match "s", "i", "k", "ss" and "fi") and that ``\\d``
    does not match."""
    known = _INERT.get(char)
    if known is None:
        folded = char.casefold()  # the full folding: "ß" is "ss"
        known = not any(c.isascii() for c in folded) and _SEES_ASCII.search(char) is None
        if len(_INERT) < 100_000:
            _INERT[char] = known
    return known


def lowered(text: str) -> str | None:
    """The text in lower case, for ``may_match``; None when it holds a character beyond ASCII
    that is not ``inert`` (every expression then runs)."""
    if text.isascii() or all(inert(char) for char in set(text) if not char.isascii()):
        return text.lower()
    return None


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
    candidates = _candidates(items)
    if not candidates:
        return None
    return max(candidates, key=lambda words: min(len(w) for w in words))


def _candidates(items: list) -> list[set[str]]:
    """Per part that a match of this sequence must contain, the strings one of which it holds."""
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
    return candidates


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
    if op is sre.IN and value in ([(sre.CATEGORY, sre.CATEGORY_DIGIT)], [(sre.RANGE, (48, 57))]):
        return set(DIGITS)  # \d or [0-9]: on an ASCII text, one of the ten digits
    return None


def prefilter(needs: Needed | None) -> Prefilter | None:
    """The groups as one plain-string search each (a C loop over the text, however many
    strings a group holds): groups of single characters first (a digit, "%": one scan of the
    text for a set of characters, and shared by many expressions), then the others."""
    if needs is None:
        return None
    whole, alternatives = needs
    return _searches(whole), tuple(_searches(groups) for groups in alternatives)


def _searches(groups: Groups) -> Searches:
    return tuple(_search(words) for words in sorted(groups, key=lambda w: max(map(len, w)) > 1))


@lru_cache(maxsize=4096)
def _search(words: frozenset[str]) -> re.Pattern[str]:
    """One search per group of strings, the same for every expression that needs the group."""
    return re.compile("|".join(map(re.escape, sorted(words))))


def may_match(
    test: Prefilter | None, text: str | None, seen: dict[re.Pattern[str], bool] | None = None
) -> bool:
    """Whether a text (as ``lowered`` gives it: None when it cannot be judged) holds one
    string of each group of a ``prefilter``, and of each group of one of its alternatives when
    it has them (None: the expression has to run). ``seen`` keeps each search's answer for this
    text, for the next expression that needs the same group."""
    if test is None or text is None:
        return True
    seen = {} if seen is None else seen
    whole, alternatives = test
    if not _holds(whole, text, seen):
        return False
    return not alternatives or any(_holds(searches, text, seen) for searches in alternatives)


def _holds(searches: Searches, text: str, seen: dict[re.Pattern[str], bool]) -> bool:
    for search in searches:
        found = seen.get(search)
        if found is None:
            found = seen[search] = search.search(text) is not None
        if not found:
            return False
    return True
