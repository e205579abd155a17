"""Saved drafts: an SQLite (WAL) store in the user data directory, with a version history.

The schema version lives in ``PRAGMA user_version``; each step in ``MIGRATIONS`` upgrades one
version in a transaction, so an older database is migrated and never wiped. A file that SQLite
cannot read is moved aside (``drafts.sqlite3.corrupt-<time>``) and a fresh store created; the
store's ``notice`` says so, for the app to show.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from coach.config.locations import drafts_db_path
from coach.engine.display import recipient_label
from coach.engine.models import Context

MIGRATIONS: tuple[str, ...] = (
    # 1: drafts and their saved versions.
    """
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        created REAL NOT NULL,
        updated REAL NOT NULL,
        platform TEXT NOT NULL,
        context TEXT NOT NULL,
        text TEXT NOT NULL,
        score INTEGER
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        saved REAL NOT NULL,
        text TEXT NOT NULL,
        score INTEGER
    );
    CREATE INDEX versions_by_draft ON versions(draft_id, saved);
    """,
    # 2: the band shown beside the score, and a sort index for the drafts list.
    """
    ALTER TABLE drafts ADD COLUMN band TEXT NOT NULL DEFAULT '';
    CREATE INDEX drafts_by_updated ON drafts(updated);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
VERSION_EVERY = 60.0  # seconds: autosaves within a minute of the last version update it


@dataclass(frozen=True)
class Draft:
    id: int
    created: float
    updated: float
    context: Context
    text: str
    score: int | None
    band: str

    @property
    def platform(self) -> str:
        return self.context.platform

    @property
    def recipient_label(self) -> str:
        return recipient_label(self.context.recipient) or "(no recipient)"


@dataclass(frozen=True)
class Version:
    id: int
    saved: float
    text: str
    score: int | None


class DraftStore:
    """Drafts on disk. One connection, used from one thread (the app's)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or drafts_db_path()
        self.notice = ""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            moved = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            self._move_aside(moved)
            self.notice = (
                f"The drafts database could not be read ({error}); it was moved to "
                f"{moved} and a new one was started."
            )
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            self._migrate(db)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _move_aside(self, target: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            source = self.path.with_name(self.path.name + suffix)
            if source.exists():
                source.replace(target.with_name(target.name + suffix))

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"schema version {version} is newer than this coach ({SCHEMA_VERSION})"
            )
        for number in range(version, SCHEMA_VERSION):
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def save(
        self,
        draft_id: int | None,
        text: str,
        context: Context,
        score: int | None = None,
        band: str = "",
        checkpoint: bool = False,
    ) -> Draft:
        """Create or update a draft; record a version when asked or when the last is old."""
        now = time.time()
        payload = json.dumps(context.to_dict(), sort_keys=True)
        with self._transaction():
            if draft_id is None or not self._exists(draft_id):
                cursor = self._db.execute(
                    "INSERT INTO drafts (created, updated, platform, context, text, score, band)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (now, now, context.platform, payload, text, score, band),
                )
                draft_id = int(cursor.lastrowid or 0)
            else:
                self._db.execute(
                    "UPDATE drafts SET updated=?, platform=?, context=?, text=?, score=?, band=?"
                    " WHERE id=?",
                    (now, context.platform, payload, text, score, band, draft_id),
                )
            self._record_version(draft_id, text, score, now, checkpoint)
        draft = self.get(draft_id)
        assert draft is not None
        return draft

    def _record_version(
        self, draft_id: int, text: str, score: int | None, now: float, checkpoint: bool
    ) -> None:
        last = self._db.execute(
            "SELECT id, saved, text FROM versions WHERE draft_id=? ORDER BY saved DESC, id DESC"
            " LIMIT 1",
            (draft_id,),
        ).fetchone()
        if last is not None and last[2] == text:
            return
        if last is not None and not checkpoint and now - last[1] < VERSION_EVERY:
            self._db.execute(
                "UPDATE versions SET text=?, score=? WHERE id=?", (text, score, last[0])
            )
            return
        self._db.execute(
            "INSERT INTO versions (draft_id, saved, text, score) VALUES (?, ?, ?, ?)",
            (draft_id, now, text, score),
        )

    def _exists(self, draft_id: int) -> bool:
        row = self._db.execute("SELECT 1 FROM drafts WHERE id=?", (draft_id,)).fetchone()
        return row is not None

    def get(self, draft_id: int) -> Draft | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id=?", (draft_id,)).fetchone()
        return _draft(row) if row else None

    def list(self) -> list[Draft]:
        """Every draft, the most recently edited first."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM drafts ORDER BY updated DESC, id DESC")
        return [_draft(row) for row in rows]

    def latest(self) -> Draft | None:
        drafts = self._db.execute(
            f"SELECT {_COLUMNS} FROM drafts ORDER BY updated DESC, id DESC LIMIT 1"
        ).fetchone()
        return _draft(drafts) if drafts else None

    def duplicate(self, draft_id: int) -> Draft | None:
        draft = self.get(draft_id)
        if draft is None:
            return None
        return self.save(None, draft.text, draft.context, draft.score, draft.band, checkpoint=True)

    def delete(self, draft_id: int) -> None:
        with self._transaction():
            self._db.execute("DELETE FROM versions WHERE draft_id=?", (draft_id,))
            self._db.execute("DELETE FROM drafts WHERE id=?", (draft_id,))

    def versions(self, draft_id: int) -> list[Version]:
        """The saved versions of a draft, oldest first."""
        rows = self._db.execute(
            "SELECT id, saved, text, score FROM versions WHERE draft_id=? ORDER BY saved, id",
            (draft_id,),
        )
        return [Version(*row) for row in rows]

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self._db.execute("ROLLBACK" if kind else "COMMIT")


_COLUMNS = "id, created, updated, context, text, score, band"


def _draft(row: tuple) -> Draft:
    draft_id, created, updated, context, text, score, band = row
    return Draft(
        id=draft_id,
        created=created,
        updated=updated,
        context=Context.from_dict(json.loads(context)),
        text=text,
        score=score,
        band=band,
    )
