"""The ``acts`` rule kind: fires on what the message does, read from the parse by acts.py.

    kind: acts
    acts: [{act: offer, actor: sender}]    # any of these acts (actor, specific, proposal optional)
    within: 2                              # only in the first N body sentences
    at_least: 2                            # only when that many of its acts happen
    unless: [{act: give}]                  # silent when the message also does one of these
    share: {actor: sender, min: 0.75, min_clauses: 5}   # or: that party acts in most clauses

A pack states "the sender offers their service" once instead of listing the ways to say it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from coach.engine.acts import ACTORS, ACTS, Act
from coach.engine.kinds.base import Kind, Run
from coach.engine.notes_facts import GENERIC_LEMMAS

if TYPE_CHECKING:
    from coach.engine.analysis import Analysis
    from coach.engine.models import Spans
    from coach.engine.packs.checks import RuleChecks
    from coach.engine.packs.model import Rule
    from coach.engine.packs.yamlsrc import Located

FIELDS: dict[str, str] = {
    "acts": "the acts that fire it, each {act, actor, specific, proposal}; acts: "
    + ", ".join(ACTS)
    + "; actors: "
    + ", ".join(ACTORS),
    "within": "only acts in the first N sentences of the body",
    "at_least": "fires only when at least N of its acts happen (default 1)",
    "unless": "acts (same form) whose presence anywhere in the message keeps the rule silent",
    "share": "{actor, min, min_clauses}: fires when that party acts in at least 'min' of the "
    "clauses, earlier sentences weighing more",
}
ENTRY_FIELDS = ("act", "actor", "specific", "proposal")
SHARE_FIELDS = ("actor", "min", "min_clauses")


class Acts(Kind):
    name = "acts"
    description = "what the message does, read from the parse: who acts, which act, for whom"
    fields: ClassVar[dict[str, str]] = FIELDS

    def shape(self) -> dict[str, dict[str, Any]]:
        return json_shape()

    def validate(self, checks: RuleChecks) -> dict[str, Any]:
        return validate(checks.item, checks)

    def evaluate(self, rule: Rule, run: Run) -> Spans:
        if not run.has_words:
            return []
        return run_acts(rule.spec, run.analysis)

    def reads_parse(self, rule: Rule) -> bool:
        return True

    def is_local(self, rule: Rule) -> bool:
        return rule.spec["share"] is None  # a clause that sells, not the message as a whole


def json_shape() -> dict[str, Any]:
    entry = {
        "type": "object",
        "additionalProperties": False,
        "required": ["act"],
        "properties": {
            "act": {"enum": list(ACTS)},
            "actor": {"enum": list(ACTORS)},
            "specific": {"type": "boolean"},
            "proposal": {"type": "boolean"},
        },
    }
    return {
        "acts": {"type": "array", "minItems": 1, "items": entry},
        "within": {"type": "integer", "minimum": 1},
        "at_least": {"type": "integer", "minimum": 1},
        "unless": {"type": "array", "minItems": 1, "items": entry},
        "share": {
            "type": "object",
            "additionalProperties": False,
            "required": ["min"],
            "properties": {
                "actor": {"enum": list(ACTORS)},
                "min": {"type": "number", "minimum": 0, "maximum": 1},
                "min_clauses": {"type": "integer", "minimum": 1},
            },
        },
    }


def validate(item: Located, checks: RuleChecks) -> dict[str, Any]:
    """The plain spec of an acts rule; every problem names its field."""
    share = _share(item, checks)
    acts = _entries(item, "acts", checks, required=share is None)
    unless = _entries(item, "unless", checks, required=False)
    within = _count(item, checks, "within", "a whole number of sentences, 1 or more")
    at_least = _count(item, checks, "at_least", "a whole number of acts, 1 or more")
    return {
        "acts": acts,
        "unless": unless,
        "within": within,
        "share": share,
        "at_least": at_least or 1,
    }


def _count(item: Located, checks: RuleChecks, key: str, what: str) -> int | None:
    value = item.get(key)
    whole = isinstance(value, int) and not isinstance(value, bool)
    if value is not None and (not whole or value < 1):
        checks.fail(key, f"'{key}' must be {what}")
        return None
    return value


def _entries(item: Located, key: str, checks: RuleChecks, required: bool) -> list[dict]:
    value = item.get(key)
    if value is None:
        if required:
            checks.fail("kind", f"an acts rule needs '{key}' (or 'share')")
        return []
    if not isinstance(value, list) or not value or not all(isinstance(e, dict) for e in value):
        checks.fail(key, f"'{key}' must be a non-empty list of {{act: ..., actor: ...}}")
        return []
    entries = []
    for entry in value:
        unknown = [k for k in entry if k not in ENTRY_FIELDS]
        act, actor = entry.get("act"), entry.get("actor")
        if unknown:
            checks.fail(key, f"unknown field '{unknown[0]}' in '{key}'; expected {ENTRY_FIELDS}")
        elif act not in ACTS:
            checks.fail(key, f"unknown act '{act}'; expected one of {', '.join(ACTS)}")
        elif actor is not None and actor not in ACTORS:
            checks.fail(key, f"unknown actor '{actor}'; expected one of {', '.join(ACTORS)}")
        elif any(not isinstance(entry.get(f, False), bool) for f in ("specific", "proposal")):
            checks.fail(key, "'specific' and 'proposal' must be true or false")
        else:
            entries.append(dict(entry))
    return entries


def _share(item: Located, checks: RuleChecks) -> dict[str, Any] | None:
    value = item.get("share")
    if value is None:
        return None
    low = value.get("min") if isinstance(value, dict) else None
    if (
        not isinstance(value, dict)
        or any(k not in SHARE_FIELDS for k in value)
        or not isinstance(low, int | float)
        or not 0 <= low <= 1
        or value.get("actor", "sender") not in ACTORS
        or not isinstance(value.get("min_clauses", 1), int)
    ):
        checks.fail("share", "'share' must be {actor: sender, min: 0..1, min_clauses: N}")
        return None
    return {
        "actor": value.get("actor", "sender"),
        "min": float(low),
        "min_clauses": int(value.get("min_clauses", 1)),
    }


def run_acts(spec: dict[str, Any], analysis: Analysis) -> Spans:
    """Spans of the clauses where the rule's acts happen (empty: the rule does not fire)."""
    reading = analysis.reading
    if any(_matches(act, entry, analysis) for act in reading.acts for entry in spec["unless"]):
        return []
    share = spec["share"]
    if share is not None:
        clauses = [c for c in reading.clauses if c.actor != "none"]
        if len(clauses) < share["min_clauses"]:
            return []
        if reading.actor_share(share["actor"]) < share["min"]:
            return []
        return [(c.start, c.end) for c in clauses if c.actor == share["actor"]]
    within = spec["within"]
    spans = [
        (act.start, act.end)
        for act in reading.acts
        if (within is None or act.sentence < within)
        and any(_matches(act, entry, analysis) for entry in spec["acts"])
    ]
    return spans if len(spans) >= spec.get("at_least", 1) else []


def _matches(act: Act, entry: dict[str, Any], analysis: Analysis) -> bool:
    if act.act != entry["act"] or entry.get("actor", act.actor) != act.actor:
        return False
    if "proposal" in entry and entry["proposal"] != act.proposal:
        return False
    return "specific" not in entry or entry["specific"] == specific(act, analysis)


def specific(act: Act, analysis: Analysis) -> bool:
    """True when the act's topic names something particular: a name, a number, a content noun
    ("your post on data contracts"), not only generic words ("your profile", "your business")
    or their own name and company ("your work at Anchor Logistics")."""
    if act.topic is None:
        return False
    start, end = act.topic
    span = analysis.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    recipient = analysis.context.recipient
    theirs = " ".join((recipient.first_name, recipient.last_name, recipient.company)).lower()
    names = set(theirs.split())
    return any(
        t.lower_ not in names
        and (
            t.pos_ in ("PROPN", "NUM")
            or t.ent_type_
            or (t.pos_ == "NOUN" and not t.is_stop and t.lemma_.lower() not in GENERIC_LEMMAS)
        )
        for t in span
    )


KIND = Acts()
