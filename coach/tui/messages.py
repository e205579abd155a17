"""Messages of the app: workers post them back to the UI thread (only their handlers touch
widgets), screens post them to the app instead of reaching into it, and the app announces a
new engine to every screen with ``EngineChanged``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from coach.batch import ScoredRow
    from coach.engine import Coach, Context, Report
    from coach.engine.rewrite import Rewrite


@dataclass
class ModelReady(Message):
    """The engine (spaCy pipeline and compiled packs) is built, first or after a settings change."""

    coach: Coach
    fingerprint: str = ""  # of its rule set (``coach.tui.report_cache.rules_fingerprint``)


@dataclass
class ModelFailed(Message):
    """The engine could not be built: a broken pack or configuration, said in one message."""

    error: str


@dataclass
class EngineChanged(Message, bubble=False):
    """Sent by the app to each screen when a new engine is in use (screens redraw from it)."""

    coach: Coach


@dataclass
class Scored(Message):
    """A report for the text and context it was computed on (stale ones are ignored)."""

    text: str
    context: Context
    report: Report
    seconds: float
    fingerprint: str = ""  # of the rule set that made it ("" unknown: never kept)


@dataclass
class RewriteReady(Message):
    """The rewrite of a draft, ready to compare."""

    text: str
    rewrite: Rewrite


@dataclass
class CampaignOpened(Message):
    """A campaign file was read: how many rows will be scored."""

    name: str
    total: int


@dataclass
class CampaignRows(Message):
    """The next scored rows, in input order."""

    rows: list[ScoredRow]


@dataclass
class CampaignDone(Message):
    seconds: float


@dataclass
class CampaignFailed(Message):
    error: str


@dataclass
class OpenAsDraft(Message):
    """A screen asks the app to open this text and context as a new draft (a campaign row)."""

    text: str
    context: Context


@dataclass
class DraftDeleted(Message):
    """A screen deleted a saved draft; the drafting screen starts afresh if it was open."""

    draft_id: int


@dataclass
class RulesChanged(Message):
    """A screen changed which packs or rules are on; the app rebuilds the engine."""
