"""spaCy's attribute ruler, matched by lookups instead of one Matcher of all its patterns.

en_core_web_sm's ``attribute_ruler`` maps each fine tag to its part of speech and morphology
and fixes a few words ("gonna", "let's", "ain't"): 179 patterns, nearly all of one token. spaCy
keeps them in one ``Matcher``, which tries every pattern at every token: on a 390-character
note that is 1.8 ms of the 11.6 ms the whole pipeline takes, more than the tagger and the
lemmatizer together. ``index_attribute_ruler`` gives the loaded ruler a ``match`` that finds the
same matches with lookups: a one-token pattern whose conditions are values, ``IN``,
``NOT_IN`` or ``REGEX`` of the tag, lower form or dependency label, or whitespace, is filed
under its word (or its tag) and its other conditions compared; any other pattern ("ain't",
"gonna": two tokens) is found the way the rules' own token patterns are
(``coach.engine.kinds.anchors``), by a Matcher of its own run only where the doc holds its words
or tags. The ruler then applies them itself, in its own order
(``AttributeRuler.set_annotations``), so every token gets the same attributes. Patterns added to
the ruler later (``add``, ``add_patterns``, ``from_disk``) are indexed on the next doc; a ruler
whose patterns cannot be indexed keeps spaCy's own ``match``. tests/test_attribute_ruler.py
compares the matches with spaCy's on every labelled message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.strings import get_string_id

from coach.engine.kinds.anchors import AnchorIndex, Words, exact_values

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.strings import StringStore
    from spacy.tokens import Doc

Filed = tuple[int, tuple["Condition", ...]]  # a one-token pattern: match id, conditions left

NAME = "attribute_ruler"


COLUMNS = (TAG, LOWER, DEP, IS_SPACE)
_TAG, _LOWER, _DEP, _SPACE = range(len(COLUMNS))
_COLUMN_OF = {"TAG": _TAG, "LOWER": _LOWER, "DEP": _DEP}


class Condition:
    """One attribute of a one-token pattern, tested as spaCy's Matcher tests it: equal to a
    value, ``IN`` or ``NOT_IN`` a list, or (for strings) a ``REGEX`` search."""

    __slots__ = ("column", "expression", "known", "negated", "values")

    def __init__(self, column: int, values: frozenset[int] = frozenset(), negated: bool = False):
        self.column, self.values, self.negated = column, values, negated
        self.expression: re.Pattern[str] | None = None
        self.known: dict[int, bool] = {}  # regex results by string id (a string's never changes)

    def holds(self, row: list[int], strings: StringStore) -> bool:
        value = row[self.column]
        if self.expression is None:
            return (value in self.values) is not self.negated
        found = self.known.get(value)
        if found is None:
            found = bool(self.expression.search(strings[value]))
            if len(self.known) < MAX_REMEMBERED:
                self.known[value] = found
        return found


MAX_REMEMBERED = 100_000


def simple_conditions(pattern: list[dict[str, Any]]) -> tuple[Condition, ...] | None:
    """A one-token pattern's conditions when each is one the lookups test exactly (a value,
    ``IN``, ``NOT_IN`` or ``REGEX`` of tag, lower form or dependency label, or ``IS_SPACE``);
    None for any other pattern."""
    if len(pattern) != 1 or not pattern[0]:
        return None
    conditions = []
    for key, value in pattern[0].items():
        condition = _condition(str(key).upper(), value)
        if condition is None:
            return None
        conditions.append(condition)
    return tuple(conditions)


def _condition(name: str, value: Any) -> Condition | None:
    if name == "IS_SPACE":
        return Condition(_SPACE, frozenset({int(value)})) if isinstance(value, bool) else None
    if name not in _COLUMN_OF:
        return None
    column = _COLUMN_OF[name]
    values = exact_values(value)  # a value or an IN list, as the rules' anchors read them
    if values is not None:
        return Condition(column, frozenset(get_string_id(v) for v in values))
    if not (isinstance(value, dict) and len(value) == 1):
        return None
    ((predicate, argument),) = value.items()
    predicate = str(predicate).upper()
    if (
        predicate == "NOT_IN"
        and isinstance(argument, list)
        and all(isinstance(v, str) for v in argument)
    ):
        return Condition(column, frozenset(get_string_id(v) for v in argument), negated=True)
    if predicate == "REGEX" and isinstance(argument, str):
        condition = Condition(column)
        condition.expression = re.compile(argument)
        return condition
    return None


class IndexedMatch:
    """``AttributeRuler.match`` for one ruler: its matches, sorted as the ruler sorts them;
    indexed again whenever the ruler's patterns change."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.index_patterns()

    def _state(self) -> tuple[int, int]:
        """What changes when the ruler's patterns do: ``add`` adds attributes, ``clear`` (and
        so ``from_disk``, ``from_bytes``, ``initialize``) makes a new Matcher."""
        return id(self.ruler.matcher), len(self.ruler.attrs)

    def index_patterns(self) -> None:
        ruler = self.ruler
        self.state = self._state()
        self.strings = ruler.vocab.strings
        self.by_tag: dict[int, list[Filed]] = {}
        self.by_lower: dict[int, list[Filed]] = {}
        self.anywhere: list[Filed] = []
        self._known: dict[tuple[int, ...], tuple[int, ...]] = {}  # see _hits
        self.index = AnchorIndex()  # the other patterns
        self.matchers: list[Matcher] = []
        for number in range(len(ruler.attrs)):
            key = str(number)  # the ruler keys its patterns by their position
            match_id = self.strings.add(key)
            for pattern in ruler.matcher.get(key)[1]:
                conditions = simple_conditions(pattern)
                if conditions is None:
                    matcher = Matcher(ruler.vocab, validate=False)  # as the ruler's own
                    matcher.add(key, [pattern])
                    self.matchers.append(matcher)
                    self.index.add(pattern)
                else:
                    self._file(match_id, conditions)

    def _hits(self, row: list[int]) -> tuple[int, ...]:
        """The one-token patterns a token with these tag, lower form, label and whitespace
        values matches (the same for every such token: remembered in ``_known``)."""
        strings = self.strings
        return tuple(
            match_id
            for match_id, rest in (
                *self.by_tag.get(row[_TAG], ()),
                *self.by_lower.get(row[_LOWER], ()),
                *self.anywhere,
            )
            if all(condition.holds(row, strings) for condition in rest)
        )

    def _file(self, match_id: int, conditions: tuple[Condition, ...]) -> None:
        """Keep a one-token pattern under each lower form (else each tag) it takes: a token
        is then tested only against the patterns of its own word and of its own tag."""
        for column, table in ((_LOWER, self.by_lower), (_TAG, self.by_tag)):
            key = next(
                (c for c in conditions if c.column == column and c.values and not c.negated), None
            )
            if key is not None:
                rest = tuple(c for c in conditions if c is not key)
                for value in key.values:
                    table.setdefault(value, []).append((match_id, rest))
                return
        self.anywhere.append((match_id, conditions))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._state() != self.state:
            self.index_patterns()
        found = set()
        rows = doc.to_array(list(COLUMNS)).tolist() if len(doc) else []
        hits, known = self._hits, self._known
        for i, row in enumerate(rows):
            token = tuple(row)
            ids = known.get(token)
            if ids is None:
                ids = hits(row)
                if len(known) < MAX_REMEMBERED:
                    known[token] = ids
            for match_id in ids:
                found.add((match_id, i, i + 1))
        for number, windows in self.index.passing(Words(doc)):
            matcher = self.matchers[number]
            for first, last in windows:
                for match_id, start, end in matcher(doc[first:last], allow_missing=True):
                    found.add((match_id, first + start, first + end))
        strings = self.strings
        return sorted((int(strings[m]), m, start, end) for m, start, end in found)


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler (if it has one) the indexed ``match``."""
    if NAME not in nlp.component_names:
        return
    ruler = nlp.get_pipe(NAME)
    if hasattr(ruler, "match") and hasattr(ruler, "matcher") and hasattr(ruler, "attrs"):
        try:
            ruler.match = IndexedMatch(ruler)
        except (ValueError, TypeError, KeyError):  # patterns the lookups cannot read
            return  # spaCy's own match stays
