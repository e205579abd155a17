"""What every shape shares: the facts a rewrite may use, and the frame of the message (subject
line, greeting, sign-off) around its body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.engine.models import Finding, Resource
from coach.engine.platforms import Platform
from coach.engine.rewrite.compose import DROP, PLACEHOLDERS, Option, Part
from coach.engine.rewrite.notes import NotesReference
from coach.engine.rewrite.phrasing import SUBJECTS, fill, ordered
from coach.engine.rewrite.sentences import Draft, Sentence

NAME = re.compile(r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*)?")
MAX_NAME = 30
MAX_SUBJECT = 50
MAX_REFERENCE = 110
MOTIVES = {  # which of the draft's problems (a rule's ``problem:``) each added part answers
    "greeting": ("merge-field",),
    "reference": ("no-personalization", "merge-field"),
    "contribution": ("pitch", "wrong-audience", "wrong-platform", "self-focus"),
    "question": ("vague-ask",),
    "close": ("vague-ask",),
}


@dataclass(frozen=True)
class Facts:
    """What a rewrite may use: the context's facts, the draft's purpose and its good parts."""

    name: str
    platform: Platform
    reference: NotesReference | None
    resource: Resource | None
    draft: Draft
    sender_name: str
    penalties: tuple[Finding, ...]
    greeting: str = ""
    topic: str = ""  # what the draft offers, said without selling it
    company: str = ""
    seed: int = 0
    notes_topic: str = ""  # what their post or talk was about, when the notes say so
    keep_lines: bool = True  # the draft is good enough that its other good lines may stay
    # the resource is about the draft's topic and its title does not say so: "... for <topic>"
    resource_for_topic: bool = False
    work: str = ""  # what their role says they make: "your blog"
    work_questions: tuple[str, ...] = ()  # what a first message could ask about it
    practice: str = ""  # what their role says they run, when they make nothing: "your practice"
    audience: str = ""  # who comes to it: "clients"
    topic_plural: bool = False

    @property
    def layout(self) -> str:
        return "note" if self.platform.subject == "none" else "letter"

    @property
    def kept(self) -> tuple[Sentence, ...]:
        """The draft's good lines, when the draft is good enough to reuse its lines at all: a
        pitch's 'references' are mostly flattery, and its offer is the pitch."""
        if not self.keep_lines:
            return ()
        return tuple(s for s in self.draft.kept if s.clean)

    @property
    def ref_topic(self) -> str:
        return self.notes_topic


def usable_name(*candidates: str) -> str:
    """The first candidate that reads as a first name (not a merge field, not a sentence)."""
    for candidate in candidates:
        name = " ".join(candidate.split())
        if name and len(name) <= MAX_NAME and NAME.fullmatch(name):
            return name
    return ""


def head_parts(facts: Facts) -> list[Part]:
    parts = []
    subject = _subject(facts)
    if subject:
        parts.append(subject)
    if facts.greeting:
        greeting = Option(
            facts.greeting,
            kind="kept" if facts.draft.greeting == facts.greeting else "added",
            reason="your greeting" if facts.draft.greeting == facts.greeting else "greets them",
            rule_ids=motives(facts, "greeting"),
            proper_start=True,
        )
        plain = Option("Hello,", reason="greets them", proper_start=True)
        fallback = () if facts.greeting == plain.text else (plain,)
        parts.append(Part("greeting", (greeting, *fallback, DROP)))  # "Hi there," fires: "Hello,"
    return parts


def _subject(facts: Facts) -> Part | None:
    if facts.layout != "letter":
        return None
    limit = min(MAX_SUBJECT, facts.platform.subject_limit or MAX_SUBJECT)
    options = []
    for topic, reason in (
        (facts.topic, "what you write about, as their topic"),
        (facts.ref_topic, "a subject about their topic"),
    ):
        if topic:
            for template in ordered(SUBJECTS, facts.seed):
                subject = fill(template, topic=topic)
                if len(subject) <= limit:
                    options.append(Option(subject, reason=reason))
                    break
    if facts.draft.subject:
        options.append(Option(facts.draft.subject, kind="kept", reason="your subject line"))
    sender = usable_name(facts.sender_name)
    if sender and len(f"Hello from {sender.split()[0]}") <= limit:
        options.append(
            Option(f"Hello from {sender.split()[0]}", reason="a plain subject that sells nothing")
        )
    if facts.platform.subject == "required":
        options.append(
            Option(
                PLACEHOLDERS["subject"],
                slot="subject",
                reason="a cold email needs a short subject about their topic",
            )
        )
    return Part("subject", tuple(dict.fromkeys(options))) if options else None


def tail_parts(facts: Facts) -> list[Part]:
    if facts.layout != "letter":
        return []
    sender = usable_name(facts.sender_name)
    if facts.draft.signoff and (not sender or sender.split()[0] in facts.draft.signoff):
        return [
            Part(
                "signoff", (Option(facts.draft.signoff, kind="kept", reason="your sign-off"), DROP)
            )
        ]
    if sender:
        return [
            Part(
                "signoff",
                (
                    Option(
                        f"Best,\n{facts.sender_name.strip()}", reason="signs off with your name"
                    ),
                    DROP,
                ),
            )
        ]
    return []


def motives(facts: Facts, role: str) -> tuple[str, ...]:
    problems = MOTIVES[role]
    return tuple(dict.fromkeys(f.rule_id for f in facts.penalties if f.problem in problems))
