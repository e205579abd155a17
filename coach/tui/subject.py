"""The subject field and the text the engine checks: on platforms that take a subject (email,
InMail) the message is ``Subject: <subject>`` then a blank line then the body, the convention
the engine's analysis reads (``coach.engine.analysis.split_subject``) and rewrites write."""

from __future__ import annotations

from coach.engine.analysis import split_subject
from coach.engine.platforms import Platform

PREFIX = "Subject: "


def join_subject(subject: str, body: str, platform: Platform) -> str:
    """The checked text: the body alone when there is no subject or the platform takes none."""
    subject = " ".join(subject.split())
    if platform.subject == "none" or not subject:
        return body
    return f"{PREFIX}{subject}\n\n{body}"


def split_text(text: str, platform: Platform) -> tuple[str, str]:
    """(subject, body) of a saved text; a leading 'Subject:' line becomes the subject."""
    span, body_start = split_subject(text, platform)
    if span is None:
        return "", text
    return text[span[0] : span[1]], text[body_start:]


def body_offset(subject: str, body: str, platform: Platform) -> int:
    """Where the body starts in the checked text (the editor holds only the body)."""
    return len(join_subject(subject, body, platform)) - len(body)
