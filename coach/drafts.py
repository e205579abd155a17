"""Saved drafts: an SQLite (WAL) store in the user data directory, with a version history.

The schema version lives in ``PRAGMA user_version``; each step in ``MIGRATIONS`` upgrades one
version in a transaction, so an older database is migrated and never wiped. A file that SQLite
cannot read is moved aside (``drafts.sqlite3.corrupt-<time>``) and a fresh store created; the
store's ``notice`` says so, for the app to show.

Several app instances may share one database. Every write is one ``BEGIN IMMEDIATE``
transaction (one writer at a time; the others wait up to ``BUSY_TIMEOUT``), and a database
still locked after that is a ``DraftsUnavailable`` error with a message, never mistaken for a
corrupt file. Each draft has a ``version`` that every save increments: a save based on an
older version than the one on disk (another instance saved in between) keeps both, the
caller's text going into a new draft, a conflict copy, and ``notice`` says so. A row that cannot
be decoded (bad UTF-8, bad JSON, a recipient field this coach does not know) is left out of
every listing with a notice and kept on disk untouched for recovery.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.config.locations import drafts_db_path
from coach.engine.display import recipient_label
from coach.engine.errors import CoachError
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
    # 3: an edit counter per draft, for saves from several app instances.
    """
    ALTER TABLE drafts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    """,
    # 4: the last report of each draft and the key of what it was computed from
    # (``coach.tui.report_cache``), shown at startup until the engine has re-checked.
    """
    CREATE TABLE reports (
        draft_id INTEGER PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        report TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
VERSION_EVERY = 60.0  # seconds: autosaves within a minute of the last version update it
BUSY_TIMEOUT = 5.0  # seconds a save waits for another instance's write to finish


class DraftsUnavailable(CoachError):
    """The drafts database stayed locked by another process for longer than BUSY_TIMEOUT, or
    cannot be opened at all (no access): said so, never moved aside as if corrupt."""


class _Unreadable(ValueError):
    """A stored draft that cannot be decoded; it stays on disk, left out of listings."""


@dataclass(frozen=True)
class Draft:
    id: int
    created: float
    updated: float
    context: Context
    text: str
    score: int | None
    band: str
    version: int = 1

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
        self._unreadable: set[int] = set()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.OperationalError as error:  # locked, busy, cannot open: not corrupt
            raise self._unavailable(error) from None
        except sqlite3.DatabaseError as error:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            moved = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            self._move_aside(moved)
            self.notice = (
                f"The drafts database could not be read ({error}); it was moved to "
                f"{moved} and a new one was started."
            )
            self._db = self._open()

    def _unavailable(self, error: sqlite3.Error) -> DraftsUnavailable:
        if "locked" in str(error) or "busy" in str(error):
            reason = f"in use by another coach and still locked after {BUSY_TIMEOUT:g} s"
        else:
            reason = f"cannot be opened ({error})"
        return DraftsUnavailable.at(
            f"the drafts database is {reason}; drafts are not saved until it is free",
            str(self.path),
        )

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
        db.text_factory = _text  # bad UTF-8 in a row is found per row, not as a crash
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
            if db.execute("PRAGMA user_version").fetchone()[0] != number:
                db.execute("ROLLBACK")  # another instance migrated it meanwhile
                continue
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
        version: int | None = None,
    ) -> Draft:
        """Create or update a draft; record a version when asked or when the last is old.

        ``version`` is the version of the draft the text was edited from (``Draft.version``).
        When the draft on disk has moved on (another instance saved it), the text is saved
        as a new draft, a conflict copy, which is returned, and ``notice`` says so.
        """
        now = time.time()
        payload = json.dumps(context.to_dict(), sort_keys=True)
        row = (now, context.platform, payload, text, score, band)
        with self._transaction():
            on_disk = self._version_of(draft_id) if draft_id is not None else None
            if on_disk is not None and version is not None and on_disk != version:
                self.notice = (
                    f"Draft {draft_id} was changed in another coach window; your text was "
                    "kept as a new draft beside it."
                )
                on_disk = None
            if on_disk is None:
                cursor = self._db.execute(
                    "INSERT INTO drafts (created, updated, platform, context, text, score, band)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (now, *row),
                )
                draft_id = int(cursor.lastrowid or 0)
            else:
                self._db.execute(
                    "UPDATE drafts SET updated=?, platform=?, context=?, text=?, score=?, band=?,"
                    " version=version + 1 WHERE id=?",
                    (*row, draft_id),
                )
            assert draft_id is not None
            self._record_version(draft_id, text, score, now, checkpoint)
        draft = self.get(draft_id)
        assert draft is not None
        return draft

    def take_notice(self) -> str:
        """The notice to show (a conflict copy, unreadable drafts), once."""
        notice, self.notice = self.notice, ""
        return notice

    def _version_of(self, draft_id: int) -> int | None:
        row = self._db.execute("SELECT version FROM drafts WHERE id=?", (draft_id,)).fetchone()
        return row[0] if row else None

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

    def get(self, draft_id: int) -> Draft | None:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id=?", (draft_id,))
        return next(self._readable(rows), None)

    def list(self) -> list[Draft]:
        """Every readable draft, the most recently edited first."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM drafts ORDER BY updated DESC, id DESC")
        return list(self._readable(rows))

    def latest(self) -> Draft | None:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM drafts ORDER BY updated DESC, id DESC")
        return next(self._readable(rows), None)

    def _readable(self, rows: Iterable[tuple]) -> Iterator[Draft]:
        """The drafts among ``rows`` that decode; the others are noted once and skipped."""
        for row in rows:
            try:
                yield _draft(row)
            except _Unreadable as error:
                if row[0] not in self._unreadable:
                    self._unreadable.add(row[0])
                    self.notice = (
                        f"Draft {row[0]} could not be read ({error}); it is left out and kept "
                        f"unchanged in {self.path} for recovery."
                    )

    def duplicate(self, draft_id: int) -> Draft | None:
        draft = self.get(draft_id)
        if draft is None:
            return None
        return self.save(None, draft.text, draft.context, draft.score, draft.band, checkpoint=True)

    def save_report(self, draft_id: int, key: str, report: str) -> None:
        """Keep ``report`` (serialised) as the last report of a draft, under ``key``."""
        with self._transaction():
            if self._version_of(draft_id) is not None:
                self._db.execute(
                    "INSERT OR REPLACE INTO reports (draft_id, key, report) VALUES (?, ?, ?)",
                    (draft_id, key, report),
                )

    def report(self, draft_id: int, key: str) -> str | None:
        """The last report kept for a draft, if it was kept under ``key``; else None."""
        row = self._db.execute(
            "SELECT report FROM reports WHERE draft_id=? AND key=?", (draft_id, key)
        ).fetchone()
        return row[0] if row and not _has_undecodable(row[0]) else None

    def delete(self, draft_id: int) -> None:
        with self._transaction():
            self._db.execute("DELETE FROM reports WHERE draft_id=?", (draft_id,))
            self._db.execute("DELETE FROM versions WHERE draft_id=?", (draft_id,))
            self._db.execute("DELETE FROM drafts WHERE id=?", (draft_id,))

    def versions(self, draft_id: int) -> list[Version]:
        """The saved versions of a draft that decode, oldest first."""
        rows = self._db.execute(
            "SELECT id, saved, text, score FROM versions WHERE draft_id=? ORDER BY saved, id",
            (draft_id,),
        )
        return [Version(*row) for row in rows if not _has_undecodable(row[2])]

    def _transaction(self) -> _Transaction:
        return _Transaction(self)


class _Transaction:
    """One write transaction; a lock held too long by another instance is ``DraftsUnavailable``."""

    def __init__(self, store: DraftStore) -> None:
        self._store = store

    def __enter__(self) -> None:
        try:
            self._store._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise self._store._unavailable(error) from None

    def __exit__(self, kind, value, traceback) -> None:
        db = self._store._db
        if kind is not None:
            db.execute("ROLLBACK")
            return
        try:
            db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            db.execute("ROLLBACK")
            raise self._store._unavailable(error) from None


_COLUMNS = "id, created, updated, context, text, score, band, version"


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # how surrogateescape keeps a non-UTF-8 byte


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _has_undecodable(text: object) -> bool:
    return isinstance(text, str) and _ESCAPED_BYTE.search(text) is not None


def _draft(row: tuple) -> Draft:
    draft_id, created, updated, context, text, score, band, version = row
    if _has_undecodable(text) or _has_undecodable(context):
        raise _Unreadable("its text is not valid UTF-8")
    try:
        data = json.loads(context)
        parsed = Context.from_dict(data)
    except (ValueError, TypeError, AttributeError) as error:
        raise _Unreadable(f"its recipient details are not readable: {error}") from None
    return Draft(
        id=draft_id,
        created=created,
        updated=updated,
        context=parsed,
        text=text,
        score=score,
        band=band,
        version=version,
    )
