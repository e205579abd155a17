"""The subject line convention: on platforms that take a subject (email, InMail) a checked text
may start with a ``Subject: ...`` line; the body starts after it and the blank lines that
follow. Kept apart from the analysis (which reads the parse) so the drafting app can split a
draft into its subject field and editor without importing the engine's reading."""

from __future__ import annotations

import re

from coach.engine.platforms import Platform

SUBJECT_LINE = re.compile(r"\A[ \t]*subject[ \t]*:[ \t]*(?P<subject>[^\n]*)\n?", re.IGNORECASE)


def split_subject(text: str, platform: Platform) -> tuple[tuple[int, int] | None, int]:
    """Find a leading 'Subject:' line on platforms that take one; return its span and body start."""
    if platform.subject == "none":
        return None, 0
    match = SUBJECT_LINE.match(text)
    if not match:
        return None, 0
    start, end = match.span("subject")
    subject = text[start:end].rstrip()
    body_start = match.end()
    while body_start < len(text) and text[body_start] in "\r\n":
        body_start += 1
    return (start, start + len(subject)), body_start
