"""The words a token pattern cannot match without, so a check skips most patterns by a set
lookup instead of running spaCy's Matcher over them.

A token of a pattern that must appear (no ``OP``, or ``OP: "+"``) and names its ``LOWER``,
``LEMMA``, ``ORTH`` or ``TEXT`` as a string or an ``IN`` list can only match a doc holding one
of those values. On a typical message fewer than one pattern in ten passes; the Matcher then
runs only those. The test is necessary, never sufficient: a pattern it keeps may still not
match, and one it drops could not have matched (tests/test_engine_speed.py pins this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

COLUMNS = (LOWER, LEMMA, ORTH)  # the token attributes a doc's word sets hold, in this order
COLUMN_OF = {"LOWER": 0, "LEMMA": 1, "ORTH": 2, "TEXT": 2}
REQUIRED_OPS = ("1", "+")  # the operators under which a pattern token must match once or more

Anchors = tuple[tuple[int, frozenset[int]], ...]  # (column, the values one token must have)
Words = tuple[set[int], ...]  # per column, the values the doc's tokens have


def anchors(pattern: list[dict[str, Any]]) -> Anchors:
    """What the doc must hold for ``pattern`` to match: per required token, its values."""
    found = []
    for spec in pattern:
        upper = {str(key).upper(): value for key, value in spec.items()}
        if upper.get("OP", "1") not in REQUIRED_OPS:
            continue
        for name, value in upper.items():
            values = _exact_values(value)
            if name in COLUMN_OF and values is not None:
                found.append((COLUMN_OF[name], frozenset(get_string_id(v) for v in values)))
    return tuple(found)


def _exact_values(value: Any) -> list[str] | None:
    """The strings an attribute must equal: ``"x"`` or ``{IN: [...]}``; None for other forms."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and len(value) == 1:
        ((predicate, values),) = value.items()
        listed = isinstance(values, list) and all(isinstance(v, str) for v in values)
        if str(predicate).upper() == "IN" and listed:
            return values
    return None


def doc_words(doc: Doc) -> Words:
    """The lower forms, lemmas and texts of a doc's tokens, as the Matcher compares them."""
    array = doc.to_array(list(COLUMNS))
    return tuple(set(array[:, column].tolist()) for column in range(len(COLUMNS)))


def may_match(required: Anchors, words: Words) -> bool:
    return all(not words[column].isdisjoint(values) for column, values in required)


class AnchorIndex:
    """Patterns by the values of their most selective anchor, so a doc finds the patterns it
    may match from its own words instead of testing every pattern."""

    def __init__(self) -> None:
        self.required: list[Anchors] = []
        self.unanchored: list[int] = []  # patterns to run on every doc
        self.by_value: list[dict[int, list[int]]] = [{} for _ in COLUMNS]

    def add(self, required: Anchors) -> None:
        number = len(self.required)
        self.required.append(required)
        if not required:
            self.unanchored.append(number)
            return
        column, values = min(required, key=lambda anchor: len(anchor[1]))
        for value in values:
            self.by_value[column].setdefault(value, []).append(number)

    def passing(self, words: Words) -> list[int]:
        """The patterns, in the order added, whose every anchor the doc's words hold."""
        found = set(self.unanchored)
        for column, index in enumerate(self.by_value):
            for value in words[column] & index.keys():
                found.update(index[value])
        return [n for n in sorted(found) if may_match(self.required[n], words)]
