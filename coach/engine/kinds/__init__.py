"""The rule kinds, one module each, and the one registry the engine dispatches through.

Adding a kind is one new module with a ``Kind`` subclass (see ``base``) and one line in
``_BUILT_IN`` below; packs, validation, the JSON Schema and the engine then know it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coach.engine.kinds import absence, context, metric, patterns, phrases, regexes
from coach.engine.kinds.base import Kind

if TYPE_CHECKING:
    from spacy.language import Language

    from coach.engine.kinds.matchers import Matchers
    from coach.engine.packs.model import Rule

_BUILT_IN: tuple[Kind, ...] = (
    phrases.KIND,
    patterns.PATTERNS,
    patterns.DEPENDENCY,
    regexes.KIND,
    metric.KIND,
    absence.KIND,
    context.KIND,
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in _BUILT_IN}


def get(name: str) -> Kind:
    """The kind called ``name`` (a ``KeyError`` for a name no pack validation let through)."""
    return KINDS[name]


def register(kind: Kind) -> None:
    """Make a kind known (after the built-ins, in the order registered)."""
    if not kind.name or kind.name in KINDS:
        raise ValueError(f"a kind needs a new name; {kind.name!r} is taken or empty")
    KINDS[kind.name] = kind


def unregister(name: str) -> None:
    KINDS.pop(name, None)


def compile_rules(nlp: Language, rules: Iterable[Rule], regex_timeout: float = 0.25) -> Matchers:
    """The shared matchers with every rule's patterns; a pattern spaCy refuses is a PackError."""
    from coach.engine.errors import PackError, Problem
    from coach.engine.kinds.matchers import Matchers

    matchers = Matchers(nlp, regex_timeout)
    problems: list[Problem] = []
    for rule in rules:
        try:
            get(rule.kind).compile(rule, matchers)
        except (ValueError, KeyError, TypeError) as error:
            reason = str(error).strip().splitlines()
            detail = "; ".join(line.strip("- ") for line in reason if "->" in line)
            message = detail or (reason[0] if reason else type(error).__name__)
            problems.append(
                Problem(f"invalid spaCy pattern: {message}", rule.path, rule.line, None, rule.id)
            )
    if problems:
        raise PackError(*problems)
    return matchers
