"""Plain-text forms of engine values that every renderer shares (terminal, HTML, app, files)."""

from __future__ import annotations

from coach.engine.models import Recipient


def one_line(text: str, limit: int) -> str:
    """``text`` on one line, white space folded, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recipient_label(recipient: Recipient) -> str:
    """'First Last, Company' with whatever of it is known ('' when nothing is)."""
    name = " ".join(p for p in (recipient.first_name, recipient.last_name) if p)
    return ", ".join(p for p in (name, recipient.company) if p)


def count(number: int, singular: str, plural: str = "") -> str:
    """``number`` and the noun it counts, singular for exactly one: '1 row', '2 rows',
    '1,204 rows', '0 strengths'. ``plural`` for a noun that does not take an s ('person',
    'people'). Every count a person reads (CLI, app, HTML report) is said with this."""
    word = singular if number == 1 else plural or singular + "s"
    return f"{number:,} {word}"
