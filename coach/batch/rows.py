"""The plain values that flow through a batch run: a campaign row in, a scored row out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.engine.models import Context
from coach.engine.textsafety import MAX_TEXT_CHARS, too_long

if TYPE_CHECKING:
    from coach.engine.models import Report
    from coach.engine.rewrite import Variant

OK, ERROR, EMPTY = "ok", "error", "empty"
STATUSES = (OK, ERROR, EMPTY)
# Longer cells (the message, or a recipient field over MAX_FIELD_CHARS) are reported, not
# parsed: see coach.engine.textsafety.
MAX_MESSAGE_CHARS = MAX_TEXT_CHARS


@dataclass(frozen=True)
class CampaignRow:
    """One row of a campaign file, with its source line and what the coach will check.

    ``error`` is set when the row could not be read (wrong field count, bad JSON, unknown
    platform): such a row is carried through to the output with an error status.
    ``text`` is the message as it will be sent: a template filled from the row's own columns
    (``template`` keeps it as written when filling changed it); ``variants`` are its other
    spintax renders, scored too; ``unfilled`` the placeholders that stayed, each with why.
    ``step`` numbers the message within a sequence (0: the file is not a sequence).
    """

    line: int
    fields: dict[str, str]
    text: str
    context: Context
    error: str | None = None
    template: str = ""
    step: int = 0
    variants: tuple[str, ...] = ()
    unfilled: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ScoredRow:
    """A campaign row with its report (None unless ``status`` is "ok") and campaign flags.

    ``rewrite`` is the best suggested rewrite, when one was asked for. ``variant`` says which
    spintax render the report is of ("2 of 3": the worst one), empty without spintax.
    """

    row: CampaignRow
    report: Report | None
    status: str
    reason: str = ""
    campaign_flags: tuple[str, ...] = ()
    rewrite: Variant | None = None
    variant: str = ""


def row_status(row: CampaignRow) -> tuple[str, str]:
    """Whether a row can be checked, and if not, why: decided before any NLP runs."""
    if row.error:
        return ERROR, row.error
    if not row.text.strip():
        return EMPTY, "the message is empty"
    reason = too_long(row.text, row.context)
    return (ERROR, reason) if reason else (OK, "")
