"""The values acts.py produces: acts, clauses, a message's reading, and who the parties are.

Frozen dataclasses with character offsets into the parsed text, shared by the ``acts`` rule
kind, the context checks and the rewrite engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ACTS: dict[str, str] = {
    "offer": "offers or sells the sender's product, service or themselves",
    "ask-meeting": "asks for time: a call, a meeting, a chat",
    "ask-info": "asks for information or a referral that serves the sender",
    "refer-work": "refers to something the recipient did, wrote or said",
    "give": "gives or shares something with the recipient",
    "praise": "praises the recipient or their work",
    "describe-self": "says who the sender is or what they have done",
    "introduce": "presents the sender or their company: a name, a title, what the firm is or does",
    "greet": "greets",
    "close": "closes or thanks",
}
ACTORS = ("sender", "recipient", "third", "none")
BENEFITS = {
    "offer": "recipient",
    "ask-meeting": "sender",
    "ask-info": "sender",
    "refer-work": "recipient",
    "give": "recipient",
    "praise": "recipient",
    "describe-self": "sender",
    "introduce": "sender",
    "greet": "none",
    "close": "none",
}


@dataclass(frozen=True)
class Act:
    """One act of one clause, with character offsets into the parsed text."""

    act: str
    actor: str
    beneficiary: str
    start: int  # the clause
    end: int
    verb: tuple[int, int]
    topic: tuple[int, int] | None
    sentence: int  # index among the body's sentences
    proposal: bool  # modal, wish, question or imperative: not a report of the past


@dataclass(frozen=True)
class Clause:
    """A clause and who acts in it; the unit of self-focus."""

    start: int
    end: int
    actor: str
    sentence: int


@dataclass(frozen=True)
class Reading:
    """Everything acts.py reads from one message."""

    acts: tuple[Act, ...]
    clauses: tuple[Clause, ...]

    def matching(self, act: str | None = None, actor: str | None = None) -> list[Act]:
        return [
            a
            for a in self.acts
            if (act is None or a.act == act) and (actor is None or a.actor == actor)
        ]

    def actor_share(self, actor: str = "sender", decay: float = 0.25) -> float:
        """The share of clauses whose actor is ``actor``, earlier sentences weighing more."""
        weights = [(1.0 / (1.0 + decay * c.sentence), c.actor) for c in self.clauses]
        total = sum(w for w, who in weights if who != "none")
        return sum(w for w, who in weights if who == actor) / total if total else 0.0


@dataclass(frozen=True)
class Parties:
    """Names that stand for the sender or the recipient besides the pronouns."""

    sender: frozenset[str] = frozenset()
    recipient: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sender_names: Iterable[str], recipient_names: Iterable[str]) -> Parties:
        return cls(_words(sender_names), _words(recipient_names))


def _words(names: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for name in names for w in name.split() if len(w) > 1)
