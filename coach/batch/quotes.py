"""Where a quote in a CSV file goes wrong: the line it opens on and the field it opens.

Python's csv module says only "',' expected after '\"'" or "unexpected end of data", about the
record it was reading when it noticed; by then a quote left open has taken every line after it,
up to the next quote, into one field. Only when the reader fails, the record's lines are read
again here to find the field whose quote did not close where the field ends, so the error can
name the line a person has to look at and the column it is in.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.engine.errors import InputError

QUOTE = '"'
SHOWN_CHARS = 40


@dataclass(frozen=True)
class BrokenQuote:
    """A quoted field that does not end where its quote closes (or never closes)."""

    line: int  # where the field's opening quote is
    field: int  # the field's place in its record, from 0
    closes: int | None  # the line where its quote closes in mid-field; None: never
    start: str  # the field's first characters, to recognise it by


def find_broken_quote(lines: Iterable[str], first_line: int, delimiter: str) -> BrokenQuote | None:
    """The first quoted field in ``lines`` (a record's physical lines, from ``first_line``)
    whose closing quote is followed by something other than a delimiter or the line's end,
    or whose quote never closes."""
    field, at_start, quoted, opened, start = 0, True, False, first_line, ""
    for number, text in enumerate(lines, start=first_line):
        index = 0
        while index < len(text):
            char = text[index]
            if quoted:
                if char == QUOTE and text[index + 1 : index + 2] == QUOTE:
                    index += 2  # a doubled quote inside a quoted field
                    continue
                if char == QUOTE:
                    after = text[index + 1 : index + 2]
                    if after not in (delimiter, "\r", "\n", ""):
                        return BrokenQuote(opened, field, number, start)
                    quoted = False
                elif len(start) < SHOWN_CHARS:
                    start += char
            elif char == QUOTE and at_start:
                quoted, opened, start = True, number, ""
            elif char == delimiter:
                field, at_start = field + 1, True
                index += 1
                continue
            elif char in "\r\n":
                field, at_start = 0, True  # the record ended: the next one starts
                index += 1
                continue
            at_start = False
            index += 1
    return BrokenQuote(opened, field, None, start) if quoted else None


def broken_quote_error(
    path: Path,
    name: str,
    encoding: str,
    delimiter: str,
    first_line: int,
    headers: Sequence[str],
) -> InputError | None:
    """The error to report for a record the csv reader could not read from ``first_line``,
    when the cause is a quote; None when it is something else."""
    with path.open(encoding=encoding, newline="") as handle:
        lines = itertools.islice(handle, first_line - 1, None)
        broken = find_broken_quote(lines, first_line, delimiter)
    if broken is None:
        return None
    column = headers[broken.field] if broken.field < len(headers) else ""
    field = column or f"column {broken.field + 1}"
    shown = " ".join(broken.start.split())
    opening = f'the quoted field that opens here ("{shown}…")'
    if broken.closes is None:
        message = (
            f"{opening} never closes, so every line after it would be read into this one "
            "field; add the closing quote where the field ends"
        )
    elif broken.closes == broken.line:
        message = (
            f"{opening} has a quote inside it that is not doubled, so the field would end "
            'there; write a quote inside a quoted field as two ("")'
        )
    else:
        message = (
            f"{opening} is not closed where it ends: its quote closes only on line "
            f"{broken.closes}, so lines {broken.line}-{broken.closes} would be read as one field; "
            "add the closing quote where the field ends"
        )
    return InputError.at(message, name, broken.line, field=field)
