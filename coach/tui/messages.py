"""Messages that workers post back to the UI thread; only their handlers touch widgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from coach.engine import Coach, Context, Report


@dataclass
class ModelReady(Message):
    """The engine (spaCy pipeline and compiled packs) is loaded."""

    coach: Coach


@dataclass
class ModelFailed(Message):
    """The engine could not be built: a broken pack or configuration, said in one message."""

    error: str


@dataclass
class Scored(Message):
    """A report for the text and context it was computed on (stale ones are ignored)."""

    text: str
    context: Context
    report: Report
    seconds: float


@dataclass
class RewriteReady(Message):
    """The rewrite of a draft (a ``coach.engine.rewrite.Rewrite``), ready to compare."""

    text: str
    rewrite: Any


@dataclass
class CampaignOpened(Message):
    """A campaign file was read: how many rows will be scored."""

    name: str
    total: int


@dataclass
class CampaignRows(Message):
    """The next scored rows (``coach.batch.ScoredRow``), in input order."""

    rows: list[Any]


@dataclass
class CampaignDone(Message):
    seconds: float


@dataclass
class CampaignFailed(Message):
    error: str
