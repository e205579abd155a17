"""LinkedIn's own data export, ``messages.csv``: every conversation, both directions.

Only what the user sent is theirs to improve, so received messages are left out. The export
names no owner: where a FOLDER column says SENT, that decides; otherwise the owner is the
sender who takes part in the most conversations (every conversation has the user in it, and
each other person only theirs). ``TO`` is then the recipient of each sent message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from coach.batch.columns import normalise_header

REQUIRED = frozenset({"from", "to", "content"})
MARKERS = frozenset({"conversationid", "senderprofileurl", "recipientprofileurls", "folder"})


def is_messages_export(headers: Sequence[str]) -> bool:
    keys = {normalise_header(h) for h in headers}
    return keys >= REQUIRED and bool(MARKERS & keys)


class SentFilter:
    """Decides, row by row, whether the export's owner sent the message."""

    def __init__(self, headers: Sequence[str], records: Iterable[Mapping[str, str]]) -> None:
        by_key = {normalise_header(h): h for h in headers}
        self._from = by_key["from"]
        self._folder = by_key.get("folder")
        self._conversation = by_key.get("conversationid")
        self.owner = ""
        self.by_folder = False
        conversations: dict[str, set[str]] = {}
        folders: Counter[str] = Counter()
        for index, fields in enumerate(records):
            sender = (fields.get(self._from) or "").strip()
            if self._folder:
                folders[(fields.get(self._folder) or "").strip().upper()] += 1
            key = (fields.get(self._conversation) or "") if self._conversation else str(index)
            conversations.setdefault(sender, set()).add(key)
        if folders["SENT"]:
            self.by_folder = True
        elif conversations:
            self.owner = max(conversations, key=lambda s: (len(conversations[s]), s))

    def sent(self, fields: Mapping[str, str]) -> bool:
        if self.by_folder:
            return (fields.get(self._folder or "") or "").strip().upper() == "SENT"
        return (fields.get(self._from) or "").strip() == self.owner

    def describe(self) -> str:
        who = "FOLDER is SENT" if self.by_folder else f'FROM is "{self.owner}"'
        return f"  LinkedIn messages export: only the messages you sent are scored ({who})"
