"""The words a token pattern cannot match without, so a check skips most patterns by a set
lookup instead of running spaCy's Matcher over them.

A token of a pattern that must appear (no ``OP``, or ``OP: "+"``) and names its ``LOWER``,
``LEMMA``, ``ORTH``, ``TEXT`` or ``TAG`` as a string or an ``IN`` list can only match a doc
holding one of those values. On a typical message fewer than one pattern in ten passes; the
Matcher then runs only those, and, when the pattern's length is bounded, only on the windows
around the tokens that hold its most selective anchor (a match of at most N tokens that contains
token p lies within p-N+1 .. p+N) and that hold its other anchors too. The test is necessary,
never sufficient: a pattern it keeps may still not match, and one it drops could not have
matched (tests/test_engine_speed.py pins it).
A run of pattern tokens that each match exactly one token also fixes how far apart their
anchors lie ("you" then a past-tense "mention" right after it), so a doc where no position
lines them all up is skipped too.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from spacy.attrs import LEMMA, LOWER, ORTH, TAG
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

COLUMNS = (LOWER, LEMMA, ORTH, TAG)  # the token attributes a doc's words hold, in this order
COLUMN_OF = {"LOWER": 0, "LEMMA": 1, "ORTH": 2, "TEXT": 2, "TAG": 3}
REQUIRED_OPS = ("1", "+")  # the operators under which a pattern token must match once or more
UNBOUNDED_OPS = ("*", "+")
ONE_TOKEN_OPS = ("1", "!")  # the operators under which a pattern token is exactly one token

Anchor = tuple[int, frozenset[int]]  # (column, the values one token must have)
Anchors = tuple[Anchor, ...]
Placed = tuple[int, int, frozenset[int]]  # (offset in its run, column, values)
Run = tuple[Placed, ...]
Window = tuple[int, int]  # token start and end


def anchors(pattern: list[dict[str, Any]]) -> Anchors:
    """What the doc must hold for ``pattern`` to match: per required token, its values."""
    found = []
    for spec in pattern:
        upper = {str(key).upper(): value for key, value in spec.items()}
        if upper.get("OP", "1") not in REQUIRED_OPS:
            continue
        for name, value in upper.items():
            values = exact_values(value)
            if name in COLUMN_OF and values is not None:
                found.append((COLUMN_OF[name], frozenset(get_string_id(v) for v in values)))
    return tuple(found)


def runs(pattern: list[dict[str, Any]]) -> tuple[Run, ...]:
    """The runs of one-token pattern tokens holding two or more anchors, each anchor with its
    offset in the run: a match has them all at those distances from one another. A run's
    anchors are listed fewest values first (stable), so its first is its most selective."""
    found: list[Run] = []
    current: list[Placed] = []
    offset = 0
    for spec in [*pattern, {"OP": "*"}]:  # a last repeat closes the last run
        upper = {str(key).upper(): value for key, value in spec.items()}
        op = str(upper.get("OP", "1"))
        if op not in ONE_TOKEN_OPS:
            if len(current) >= 2:
                found.append(tuple(sorted(current, key=lambda placed: len(placed[2]))))
            current, offset = [], 0
            continue
        for name, value in upper.items():
            values = exact_values(value)
            if op == "1" and name in COLUMN_OF and values is not None:
                current.append(
                    (offset, COLUMN_OF[name], frozenset(get_string_id(v) for v in values))
                )
        offset += 1
    return tuple(found)


def exact_values(value: Any) -> list[str] | None:
    """The strings an attribute must equal: ``"x"`` or ``{IN: [...]}``; None for other forms."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and len(value) == 1:
        ((predicate, values),) = value.items()
        listed = isinstance(values, list) and all(isinstance(v, str) for v in values)
        if str(predicate).upper() == "IN" and listed:
            return values
    return None


def longest(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of ``pattern`` can span; None when a repeat is unbounded."""
    total = 0
    for spec in pattern:
        op = str(next((v for k, v in spec.items() if str(k).upper() == "OP"), "1"))
        if op in UNBOUNDED_OPS or op.endswith(",}"):
            return None
        if op.startswith("{") and op.endswith("}"):
            total += int(op[1:-1].split(",")[-1])
        else:
            total += 1  # "1", "?" and "!" (which also consumes a token)
    return total


class Words:
    """The lower forms, lemmas, texts and tags of a doc's tokens, as the Matcher compares
    them: per column, the values in token order."""

    def __init__(self, doc: Doc) -> None:
        self.columns: list[list[int]] = doc.to_array(list(COLUMNS)).T.tolist()
        self.size = len(doc)


def lined_up(run: Run, words: Words, positions: list[int]) -> bool:
    """Whether some position of the doc has every anchor of ``run`` at its offset (tried at
    ``positions``, the tokens holding its first anchor, the most selective: see ``runs``)."""
    first = run[0][0]
    columns, size = words.columns, words.size
    for position in positions:
        start = position - first
        if all(
            0 <= start + offset < size and columns[col][start + offset] in wanted
            for offset, col, wanted in run
        ):
            return True
    return False


class AnchorIndex:
    """Every pattern's anchors as numbers, and per column which anchors a value satisfies, so
    a doc finds where its anchors are in one pass over its tokens; a pattern is then tried
    only when its key anchor (see ``_key``) is among them, and kept when all of its anchors
    are (a set inclusion)."""

    def __init__(self) -> None:
        # per pattern: its key anchor's number, longest match, runs with their first anchor's
        self.patterns: list[tuple[int | None, int | None, tuple[tuple[int, Run], ...]]] = []
        self.required: list[frozenset[int]] = []  # per pattern: the numbers of its anchors
        self.keyed: dict[int, list[int]] = {}  # key anchor -> the patterns it is the key of
        self.unanchored: list[int] = []  # patterns without anchors: tried on every doc
        self._numbers: dict[Anchor, int] = {}
        self.by_value: list[dict[int, list[int]]] = [{} for _ in COLUMNS]  # value -> anchors

    def add(self, pattern: list[dict[str, Any]]) -> None:
        number = len(self.patterns)
        required = anchors(pattern)
        key = self._number(_key(required)) if required else None
        lined = tuple((self._number(run[0][1:]), run) for run in runs(pattern))
        self.patterns.append((key, longest(pattern), lined))
        self.required.append(frozenset(self._number(anchor) for anchor in required))
        if key is None:
            self.unanchored.append(number)
        else:
            self.keyed.setdefault(key, []).append(number)

    def _number(self, anchor: Anchor) -> int:
        number = self._numbers.get(anchor)
        if number is None:
            number = self._numbers[anchor] = len(self._numbers)
            column, values = anchor
            for value in values:
                self.by_value[column].setdefault(value, []).append(number)
        return number

    def placed(self, words: Words) -> dict[int, list[int]]:
        """Where each anchor the doc holds is: its number -> the positions, in order."""
        where: dict[int, list[int]] = {}
        for index, column in zip(self.by_value, words.columns, strict=True):
            if not index:
                continue
            for position, value in enumerate(column):
                numbers = index.get(value)
                if numbers is not None:
                    for number in numbers:
                        found = where.get(number)
                        if found is None:
                            where[number] = [position]
                        else:
                            found.append(position)
        return where

    def passing(self, words: Words) -> list[tuple[int, list[Window]]]:
        """The patterns (in the order added) whose every anchor the doc's words hold, each
        with the windows of the doc where its matches can lie."""
        where = self.placed(words)
        held = where.keys()
        keyed = self.keyed
        tried = [n for anchor in held if anchor in keyed for n in keyed[anchor]]
        kept = []
        for number in sorted([*tried, *self.unanchored]):
            required = self.required[number]
            if not required <= held:
                continue
            key, length, lined = self.patterns[number]
            if all(lined_up(run, words, where[first]) for first, run in lined):
                windows = _windows(key, length, words.size, required, where)
                if windows:
                    kept.append((number, windows))
        return kept


def _key(required: Anchors) -> Anchor:
    """The anchor a pattern is filed under: a word (not a tag: most messages hold the common
    tags) with the fewest values, as the one a doc is least likely to hold."""
    return min(required, key=lambda anchor: (anchor[0] == COLUMN_OF["TAG"], len(anchor[1])))


def _windows(
    key: int | None,
    length: int | None,
    size: int,
    required: frozenset[int],
    where: dict[int, list[int]],
) -> list[Window]:
    """The windows around the key anchor's tokens that hold every other anchor too (a match
    lies wholly inside one window, so one lacking an anchor holds no match)."""
    if key is None or length is None:
        return [(0, size)]
    windows: list[Window] = []
    for position in where[key]:
        start, end = max(0, position - length + 1), min(size, position + length)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    others = [where[anchor] for anchor in required if anchor != key]
    return [w for w in windows if all(_holds(places, w) for places in others)]


def _holds(positions: list[int], window: Window) -> bool:
    """Whether any of the (sorted) ``positions`` lies inside ``window``."""
    at = bisect_left(positions, window[0])
    return at < len(positions) and positions[at] < window[1]
