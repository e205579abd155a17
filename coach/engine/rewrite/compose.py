"""Putting a variant together from parts, and fitting it to the platform limit.

Each part (greeting, reference, contribution, close, ...) carries its options, preferred first:
a reference from the notes, then shorter forms of it, then a slot to fill by hand; an optional
part ends with nothing at all. Fitting steps parts down their options until the body fits, so
no word is ever cut; the last options are short enough for the smallest limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.engine.rewrite.models import Slot
from coach.engine.rewrite.phrasing import echoes

PLACEHOLDERS: dict[str, str] = {
    "reference": "[a post, talk or project of theirs]",
    "resource": "[a resource that would help them]",
    "question": "[one specific question about their work]",
    "subject": "[a few words about their topic]",
}
HEAD_ROLES = ("subject", "greeting")
TAIL_ROLES = ("signoff",)
OPTIONAL_FIRST = ("extra", "signoff", "close")


@dataclass(frozen=True)
class Option:
    """One way to write a part; an empty text leaves the part out."""

    text: str
    kind: str = "added"  # added | kept
    reason: str = ""
    rule_ids: tuple[str, ...] = ()
    slot: str = ""
    proper_start: bool = False
    source: int | None = None  # index of the draft sentence it keeps


DROP = Option("")


@dataclass
class Part:
    role: str
    options: tuple[Option, ...]
    choice: int = 0

    @property
    def option(self) -> Option:
        return self.options[self.choice]

    @property
    def next_option(self) -> Option | None:
        return self.options[self.choice + 1] if self.choice + 1 < len(self.options) else None

    def advance(self) -> bool:
        if self.next_option is None:
            return False
        self.choice += 1
        return True


@dataclass
class Plan:
    """A variant in the making: its shape, layout (note or letter) and parts in order."""

    shape: str
    layout: str  # note: one paragraph; letter: subject, greeting line, body, sign-off
    parts: list[Part] = field(default_factory=list)


@dataclass(frozen=True)
class Assembled:
    text: str
    body_start: int
    spans: tuple[tuple[int, int, int], ...]  # (part index, start, end)
    slots: tuple[Slot, ...]

    @property
    def body_length(self) -> int:
        return len(self.text[self.body_start :].rstrip())


def assemble(plan: Plan) -> Assembled:
    """The plan's text, where each part landed, and the slots in it."""
    chosen = [(i, p.role, p.option) for i, p in enumerate(plan.parts) if p.option.text]
    pieces: list[tuple[int | None, str]] = []
    subject = next((o for _, r, o in chosen if r == "subject"), None)
    greeting = next((o for _, r, o in chosen if r == "greeting"), None)
    body = []
    for i, r, o in chosen:
        if r in HEAD_ROLES + TAIL_ROLES:
            continue
        if r == "close" and body and echoes(body[-1][1].text, o.text):
            continue  # "..., happy to send it. Happy to share more." says it twice
        body.append((i, o))
    signoff = next(((i, o) for i, r, o in chosen if r == "signoff"), None)
    letter = plan.layout == "letter"
    if subject and letter:
        pieces += [(None, "Subject: "), (_index(plan, "subject"), subject.text), (None, "\n\n")]
    body_start = sum(len(t) for _, t in pieces)
    if greeting:
        pieces += [(_index(plan, "greeting"), greeting.text), (None, "\n\n" if letter else " ")]
    for position, (index, option) in enumerate(body):
        text = _terminated(option.text)
        if position == 0 and greeting and not letter and not option.proper_start:
            text = text[:1].lower() + text[1:]
        else:
            text = text[:1].upper() + text[1:]
        if position:  # a link ends its line: a full stop or the next word would join it
            pieces.append((None, "\n" if _ends_with_link(pieces[-1][1]) else " "))
        pieces.append((index, text))
    if signoff:
        pieces += [(None, "\n\n"), (signoff[0], signoff[1].text)]
    return _join(plan, pieces, body_start)


def fit(plan: Plan, limit: int) -> Assembled:
    """Step parts down their options until the body is within the limit (never cuts a word)."""
    assembled = assemble(plan)
    while assembled.body_length > limit and _shrink(plan):
        assembled = assemble(plan)
    return assembled


def _shrink(plan: Plan) -> bool:
    """Take the smallest loss first: optional parts, then shorter wording, then slots."""
    for role in OPTIONAL_FIRST:
        for part in reversed(plan.parts):
            if part.role == role and part.option.text and part.advance():
                return True
    movable = [p for p in plan.parts if p.next_option is not None and p.role not in HEAD_ROLES]
    keeps_facts = [p for p in movable if not p.next_option.slot and p.next_option.text]
    for candidates in (keeps_facts, movable):
        if candidates:
            longest = max(candidates, key=lambda p: len(p.option.text))
            return longest.advance()
    greeting = next((p for p in plan.parts if p.role == "greeting"), None)
    return bool(greeting and greeting.advance())


def _index(plan: Plan, role: str) -> int:
    return next(i for i, p in enumerate(plan.parts) if p.role == role)


def _ends_with_link(text: str) -> bool:
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    return last.lower().startswith(("http://", "https://", "www."))


def _terminated(text: str) -> str:
    """End a sentence with a full stop, unless it ends with a link (the stop would join it)."""
    text = text.strip()
    if _ends_with_link(text):
        return text
    return text + "." if text and (text[-1].isalnum() or text[-1] in "\"')") else text


def _join(plan: Plan, pieces: list[tuple[int | None, str]], body_start: int) -> Assembled:
    text, spans, slots = "", [], []
    for index, piece in pieces:
        if index is not None:
            spans.append((index, len(text), len(text) + len(piece)))
            name = plan.parts[index].option.slot
            placeholder = PLACEHOLDERS.get(name, "")
            at = piece.find(placeholder) if placeholder else -1
            if at >= 0:
                start = len(text) + at
                slots.append(Slot(name, placeholder, start, start + len(placeholder)))
        text += piece
    return Assembled(text, body_start, tuple(spans), tuple(slots))
