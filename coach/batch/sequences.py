"""Sequences: a file with several message columns (a connection note, then follow-ups).

Expandi-style files carry ``connection_message``, ``follow_up_1``...; Outreach and lemlist
exports carry ``Step 1 Subject``, ``Step 1 Body``, ``Step 2 Body``... Each becomes a ``Step``
with the platform it is sent on: a connection note goes out as a LinkedIn invitation, the
follow-ups of a LinkedIn sequence as LinkedIn messages, email steps as email.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.batch.header_aliases import CONNECTION_NOTE_HEADERS

CONNECTION_HEADERS = frozenset(CONNECTION_NOTE_HEADERS)
NUMBERED = re.compile(r"(?P<before>[a-z]*?)(?P<number>\d{1,2})(?P<after>[a-z]*)")
STEP_WORDS = (
    "step",
    "followup",
    "touch",
    "message",
    "nachricht",
    "etape",
    "relance",
    "paso",
    "stap",
)
BODY_WORDS = ("body", "text", "message", "content", "note", "copy", "inhalt", "texte", "cuerpo")
SUBJECT_WORDS = ("subject", "betreff", "objet", "asunto", "onderwerp")
NOT_TEXT_WORDS = (
    "date",
    "sent",
    "status",
    "opened",
    "clicked",
    "replied",
    "bounced",
    "delay",
    "wait",
    "day",
    "time",
    "type",
    "id",
    "template",
    "name",
    "url",
)


@dataclass(frozen=True)
class Step:
    """One message column of a sequence, in sending order."""

    number: int
    header: str
    platform: str | None = None  # None: the row's or the file's platform
    subject: str | None = None  # the header of this step's subject column

    @property
    def follow_up(self) -> bool:
        return self.number > 1


def find_steps(headers: Sequence[str], normalise) -> tuple[Step, ...]:
    """The message columns of a sequence, or () when the file has fewer than two."""
    found: list[tuple[int, str, str | None]] = []  # (order, header, platform)
    subjects: dict[int, str] = {}
    for header in headers:
        key = normalise(header)
        if key in CONNECTION_HEADERS:
            found.append((0, header, "linkedin-connection"))
            continue
        match = NUMBERED.fullmatch(key)
        if match is None:
            continue
        words = match["before"] + " " + match["after"]
        number = int(match["number"])
        if any(w in words for w in SUBJECT_WORDS):
            subjects.setdefault(number, header)
            continue
        if any(w in words for w in NOT_TEXT_WORDS) or not _is_step(match):
            continue
        found.append((number, header, "email" if "email" in words else None))
    if len(found) < 2:
        return ()
    found.sort(key=lambda item: item[0])
    # after a connection note, follow-ups are LinkedIn messages; steps with a subject line
    # (or named as email) make the whole sequence an email one
    if found[0][0] == 0:
        later = "linkedin-message"
    elif subjects or any(platform == "email" for _, _, platform in found):
        later = "email"
    else:
        later = None
    steps = [
        Step(index, header, platform or later, subjects.get(number))
        for index, (number, header, platform) in enumerate(found, start=1)
    ]
    return tuple(steps)


def _is_step(match: re.Match[str]) -> bool:
    before, after = match["before"], match["after"]
    if not any(w in before or w in after for w in STEP_WORDS) and "email" not in before:
        return False
    if before.endswith("email") and not after and "step" not in before:
        return False  # "Email 2" is an address
    return not after or any(w in after for w in BODY_WORDS) or after in STEP_WORDS
