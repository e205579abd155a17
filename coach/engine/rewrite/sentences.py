"""Reading the draft: which sentences to keep, and its greeting, subject line and sign-off.

A sentence is kept when a value-first signal fired on it (a reference to their work, a
contribution, a light close) and no penalty did. Penalties that judge the whole message (an
absent reference, the length, the I/you ratio) do not count against single sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.engine import kinds
from coach.engine.analysis import split_subject
from coach.engine.models import Finding, Report
from coach.engine.platforms import Platform
from coach.engine.textsafety import make_doc
from coach.engine.textunits import greeting_span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from coach.engine.coach import Coach

LEANING = frozenset({"it", "this", "that", "they", "these", "those", "he", "she", "also", "so"})
COMPANY_VOICE = frozenset({"we", "we're", "we've", "our", "us", "ours"})
SKIPPED_PIPES = ("ner", "lemmatizer", "attribute_ruler")
GREETING = re.compile(
    r"(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))\b[^,!.:;\n]{0,40}"
    r"[,!:;.]\s*",
    re.IGNORECASE,
)
GREETING_NAME = re.compile(r"\s*(?:hi|hello|hey|dear)\s+([A-Z][\w'’-]{1,29})\s*[,!:.]")
SIGN_OFF = re.compile(
    r"(?:best|best regards|kind regards|regards|warm regards|warmly|thanks|thank you|"
    r"many thanks|cheers|sincerely|all the best|talk soon|yours)[,.!]?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the draft's body and what the report said about it."""

    start: int
    end: int
    text: str
    signals: tuple[str, ...]
    penalties: tuple[Finding, ...]  # about this sentence itself
    issues: tuple[Finding, ...]  # every penalty that touches it, message-wide ones too
    proper_start: bool
    roles: frozenset[str] = frozenset()  # the signals' ``role:`` in their packs ("extra": none)

    @property
    def keep(self) -> bool:
        return bool(self.signals) and not self.penalties

    @property
    def clean(self) -> bool:
        """Kept, and untouched by any penalty, not in the company's voice, not a question: a
        line a rewrite may carry over even when the notes give it its own reference."""
        words = re.findall(r"[a-z'’]+", self.text.lower())
        return (
            self.keep
            and not self.issues
            and not set(words) & COMPANY_VOICE
            and "?" not in self.text
            and bool(words)
            and words[0] not in LEANING  # "It ..." leans on a sentence it no longer follows
            and not set(words[:5]) & {"it", "them"}  # "I've been reading it" leans too
            and self.text.rstrip(" \"'’”)")[-1:] in (".", "!", "…")  # not cut at a line wrap
        )


@dataclass(frozen=True)
class Draft:
    """The parts of the draft a rewrite can reuse."""

    subject: str
    greeting_name: str
    signoff: str
    sentences: tuple[Sentence, ...]
    greeting: str = ""  # the draft's own greeting, tidied: "Hi Tom," for "Hi Tom 👋,"

    @property
    def kept(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.keep)


def local_penalty(coach: Coach, finding: Finding) -> bool:
    """A penalty about one span (a phrase, a pattern), not about the message as a whole."""
    if finding.positive:
        return False
    rule = coach.rule(finding.rule_id)
    return rule is not None and kinds.get(rule.kind).is_local(rule)


def _role(coach: Coach, rule_id: str) -> str:
    rule = coach.rule(rule_id)
    return (rule.role if rule else None) or "extra"


def read_draft(
    coach: Coach, report: Report, platform: Platform, name: str, doc: Doc | None = None
) -> Draft:
    """Take the draft apart along the report's findings (``doc``: the draft already parsed)."""
    text = report.text
    subject_span, body_start = split_subject(text, platform)
    signoff_start, signoff = _sign_off(text, body_start)
    local = [f for f in report.penalties if local_penalty(coach, f)]
    greeting = GREETING_NAME.match(text[body_start:])
    greeting_name = greeting.group(1) if greeting else ""
    name = name or greeting_name
    subject = ""
    if subject_span:
        start, end = subject_span
        in_subject = [
            f for f in report.penalties if f.start < end and start < f.end and f.end <= body_start
        ]
        if not in_subject and (
            platform.subject_limit is None or end - start <= platform.subject_limit
        ):
            subject = text[start:end].strip()
    sentences = []
    if doc is None:
        nlp = coach.nlp  # sentences and tags are all this needs: skip the slower pipes
        disabled = [p for p in SKIPPED_PIPES if p in nlp.pipe_names]
        doc = nlp(make_doc(nlp, text), disable=disabled)
    for sent in doc.sents:
        for start, end in _pieces(
            text, max(sent.start_char, body_start), min(sent.end_char, signoff_start)
        ):
            start = _after_greeting(text, start, end, name)
            if start >= end:
                continue
            hits = [f for f in report.findings if f.start < end and start < f.end]
            signals = tuple(dict.fromkeys(f.rule_id for f in hits if f.positive))
            penalties = tuple(f for f in hits if f in local)
            issues = tuple(f for f in hits if not f.positive)
            first = next((t for t in sent if t.idx >= start and not t.is_space), None)
            proper = first is not None and (
                first.tag_ in ("NNP", "NNPS")
                or first.text == "I"
                or first.text.startswith(("I'", "I’"))
            )
            roles = frozenset(_role(coach, rule_id) for rule_id in signals)
            sentences.append(
                Sentence(start, end, text[start:end], signals, penalties, issues, proper, roles)
            )
    return Draft(subject, greeting_name, signoff, tuple(sentences), _greeting(text, body_start))


def _greeting(text: str, body_start: int) -> str:
    """The draft's greeting as a rewrite can keep it, or '' when it has none or a bad one."""
    span = greeting_span(text, body_start)
    if span is None:
        return ""
    raw = text[span[0] : span[1]]
    words = [w.rstrip(".") for w in re.findall(r"[^\W_][\w'’.-]*", raw)]
    if not words:
        return ""
    if words[-1].lower() in ("hi", "hello", "hey") and len(words) > 1:  # "John Hi!"
        words = [words[-1], *words[:-1]]
    salutation = words[0][:1].upper() + words[0][1:].lower()
    rest = words[1:]
    if salutation.lower() == "good" and rest:
        salutation, rest = f"Good {rest[0].lower()}", rest[1:]
    if rest and (rest[0].lower() in NOT_NAMES or not all(w[:1].isupper() for w in rest)):
        return f"{salutation} there," if rest[0].lower() == "there" else ""
    if any(c in raw for c in "[]{}<>@|%"):
        return ""
    return " ".join([salutation, *rest]) + ","


NOT_NAMES = frozenset(
    [
        "there",
        "all",
        "team",
        "everyone",
        "everybody",
        "folks",
        "friend",
        "friends",
        "sir",
        "madam",
        "owner",
        "manager",
        "dear",
        "hiring",
        "sirs",
        "colleague",
        "colleagues",
    ]
)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's span split at line breaks, each piece trimmed of surrounding space."""
    pieces = []
    for match in re.finditer(r"[^\n]+", text[start:end] if start < end else ""):
        piece_start, piece_end = start + match.start(), start + match.end()
        while piece_start < piece_end and text[piece_start].isspace():
            piece_start += 1
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_start < piece_end:
            pieces.append((piece_start, piece_end))
    return pieces


def _after_greeting(text: str, start: int, end: int, name: str) -> int:
    """Skip a leading 'Hi Dana,' or 'Dana,' so the rewrite can add its own greeting."""
    piece = text[start:end]
    match = GREETING.match(piece)
    if not match and name:
        match = re.match(re.escape(name) + r"\s*[,!:]\s*", piece)
    return start + match.end() if match else start


def _sign_off(text: str, body_start: int) -> tuple[int, str]:
    """Where a closing 'Best,\\nKevin' block starts, and its text (kept as written)."""
    lines = text[body_start:].rstrip().split("\n")
    offset = body_start
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for index in range(max(0, len(lines) - 4), len(lines)):
        tail = lines[index + 1 :]
        if (
            SIGN_OFF.fullmatch(lines[index].strip())
            and len(tail) <= 3
            and all(len(t.strip()) <= 40 for t in tail)
            and index > 0
        ):
            block = "\n".join(line.strip() for line in lines[index:]).strip()
            return starts[index], block
    return len(text), ""
