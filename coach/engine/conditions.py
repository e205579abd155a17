"""A rule's ``when:`` conditions: reading them from a pack and deciding whether they hold.

``recipient_matches`` (words in recipient fields), ``recipient_has`` / ``recipient_lacks``
(fields known or not), ``fired`` / ``not_fired`` (other rules, by id, glob or pack prefix).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coach.engine.errors import did_you_mean
from coach.engine.models import Spans
from coach.engine.packs.fields import RECIPIENT_FIELDS, WHEN_FIELDS
from coach.engine.packs.yamlsrc import Located

if TYPE_CHECKING:
    from coach.engine.models import Context
    from coach.engine.packs.checks import RuleChecks


def validate(checks: RuleChecks) -> dict[str, Any]:
    """The rule's ``when`` mapping, checked field by field."""
    value = checks.item.get("when")
    if value is None:
        return {}
    if not isinstance(value, Located):
        checks.fail("when", "'when' must be a mapping")
        return {}
    checks.unknown_keys(value, WHEN_FIELDS, "condition")
    matches = value.get("recipient_matches", {})
    if not isinstance(matches, dict) or any(
        k not in (*RECIPIENT_FIELDS, "any") or not isinstance(v, list) for k, v in matches.items()
    ):
        checks.add(
            "'recipient_matches' maps recipient fields (or 'any') to word lists",
            value.position_of("recipient_matches"),
        )
    for key in ("recipient_has", "recipient_lacks"):
        for name in value.get(key, []) or []:
            if name not in RECIPIENT_FIELDS:
                checks.add(
                    f"unknown recipient field '{name}'{did_you_mean(name, RECIPIENT_FIELDS)}",
                    value.position_of(key),
                )
    for key in ("fired", "not_fired"):
        checks.string_list(key, required=False, source=value)
    return dict(value)


def depends_on_rules(when: Mapping[str, Any]) -> bool:
    """True when the conditions read what other rules found (so they run in the second pass)."""
    return bool(when.get("fired") or when.get("not_fired"))


def hold(when: Mapping[str, Any], context: Context, fired: Mapping[str, Spans]) -> bool:
    """Whether every condition holds for this context and the rules fired so far."""
    return compile_when(when)(context, fired)


WhenTest = Callable[["Context", Mapping[str, Spans]], bool]


def compile_when(when: Mapping[str, Any]) -> WhenTest:
    """``hold`` for one ``when`` mapping, its word lists and globs compiled once (a coach
    tests each rule's conditions on every message)."""
    matches = when.get("recipient_matches") or {}
    wanted = [
        (RECIPIENT_FIELDS if name == "any" else (name,), _whole_words(tuple(words)).search)
        for name, words in matches.items()
        if words
    ]
    has, lacks = tuple(when.get("recipient_has") or ()), tuple(when.get("recipient_lacks") or ())
    fired_globs = _globs(tuple(when["fired"])).match if when.get("fired") else None
    not_fired_globs = _globs(tuple(when["not_fired"])).match if when.get("not_fired") else None

    def test(context: Context, fired: Mapping[str, Spans]) -> bool:
        recipient = context.recipient
        if matches and not any(search(_haystack(recipient, fields)) for fields, search in wanted):
            return False
        if any(not recipient_value(recipient, f) for f in has):
            return False
        if any(recipient_value(recipient, f) for f in lacks):
            return False
        if fired_globs is not None and not any(fired_globs(rule_id) for rule_id in fired):
            return False
        return not_fired_globs is None or not any(not_fired_globs(r) for r in fired)

    return test


def any_fired(patterns: list[str], fired: Mapping[str, Spans]) -> bool:
    matches = _globs(tuple(patterns)).match
    return any(matches(rule_id) for rule_id in fired)


@lru_cache(maxsize=1024)
def _globs(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of rule-id globs (what ``fnmatchcase`` matches, compiled once)."""
    return re.compile("|".join(fnmatch.translate(p) for p in patterns) or "(?!)")


@lru_cache(maxsize=256)
def _haystack(recipient: Any, fields: tuple[str, ...]) -> str:
    """The named recipient fields as one lower-case text (once per recipient: every check of a
    draft to them asks again)."""
    return " ".join(recipient_value(recipient, f) for f in fields).lower()


def recipient_value(recipient: Any, name: str) -> str:
    return str(getattr(recipient, name, "") or "").strip()


@lru_cache(maxsize=1024)
def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words as a whole word, one regex compiled once per word list."""
    alternatives = "|".join(re.escape(word.lower()) for word in words)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")
