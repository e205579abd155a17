"""The one exception family for user mistakes: each names the file, line and field at fault.

The CLI prints ``str(error)`` as one line on stderr and exits 2. Anything else that escapes
is a bug in coach.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any


@dataclass
class Problem:
    """One thing wrong with one input, located as precisely as we know."""

    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        subject = f" {self.field}:" if self.field else ""
        return f"{where}:{subject} {self.message}"


class CoachError(Exception):
    """A user mistake (bad pack, bad file, bad option) that coach reports without a traceback."""

    def __init__(self, *problems: Problem) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def at(
        cls,
        message: str,
        path: str = "",
        line: int | None = None,
        column: int | None = None,
        field: str = "",
    ) -> CoachError:
        return cls(Problem(message, path, line, column, field))


class PackError(CoachError):
    """One or more problems in rule packs."""


class ConfigError(CoachError):
    """A problem in configuration or in a command's options."""


class InputError(CoachError):
    """A message or campaign file that cannot be read."""


class ModelNotFound(CoachError):
    """No spaCy English pipeline is installed."""


def did_you_mean(word: Any, choices: Any) -> str:
    """A ' (did you mean X?)' hint for a misspelt name, or ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
