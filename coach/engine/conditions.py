"""A rule's ``when:`` conditions: reading them from a pack and deciding whether they hold.

``recipient_matches`` (words in recipient fields), ``recipient_has`` / ``recipient_lacks``
(fields known or not), ``fired`` / ``not_fired`` (other rules, by id, glob or pack prefix).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
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
    if not when:
        return True
    recipient = context.recipient
    if when.get("recipient_matches") and not recipient_matches(
        recipient, when["recipient_matches"]
    ):
        return False
    if any(not recipient_value(recipient, f) for f in when.get("recipient_has", [])):
        return False
    if any(recipient_value(recipient, f) for f in when.get("recipient_lacks", [])):
        return False
    if when.get("fired") and not any_fired(when["fired"], fired):
        return False
    return not (when.get("not_fired") and any_fired(when["not_fired"], fired))


def any_fired(patterns: list[str], fired: Mapping[str, Spans]) -> bool:
    matches = _globs(tuple(patterns)).match
    return any(matches(rule_id) for rule_id in fired)


@lru_cache(maxsize=1024)
def _globs(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of rule-id globs (what ``fnmatchcase`` matches, compiled once)."""
    return re.compile("|".join(fnmatch.translate(p) for p in patterns) or "(?!)")


def recipient_value(recipient: Any, name: str) -> str:
    return str(getattr(recipient, name, "") or "").strip()


def recipient_matches(recipient: Any, wanted: dict[str, list[str]]) -> bool:
    """True when any listed word occurs (as a whole word) in the named recipient fields."""
    for name, words in wanted.items():
        targets = RECIPIENT_FIELDS if name == "any" else (name,)
        haystack = " ".join(recipient_value(recipient, f) for f in targets).lower()
        if words and _whole_words(tuple(words)).search(haystack):
            return True
    return False


@lru_cache(maxsize=1024)
def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the words as a whole word, one regex compiled once per word list."""
    alternatives = "|".join(re.escape(word.lower()) for word in words)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")
