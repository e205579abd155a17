"""The drafts database: saves, versions, migrations that keep data, corrupt files moved aside."""

from __future__ import annotations

import sqlite3

from coach.config.locations import drafts_db_path
from coach.drafts import MIGRATIONS, SCHEMA_VERSION, DraftStore
from coach.engine.models import Context, Recipient

DANA = Context(platform="inmail", recipient=Recipient(first_name="Dana", company="Northfield"))


def test_store_lives_in_the_data_dir_in_wal_mode():
    store = DraftStore()
    assert store.path == drafts_db_path()
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version == SCHEMA_VERSION


def test_save_update_and_reopen(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    draft = store.save(None, "Hi Dana", DANA, 70, "needs work")
    store.save(draft.id, "Hi Dana, your post", DANA, 85, "ready to send")
    store.close()
    again = DraftStore(tmp_path / "d.sqlite3")
    [saved] = again.list()
    assert (saved.text, saved.score, saved.band) == ("Hi Dana, your post", 85, "ready to send")
    assert saved.context == DANA and saved.platform == "inmail"
    assert saved.recipient_label == "Dana, Northfield"


def test_versions_are_kept_at_checkpoints_and_autosaves_fold_in(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    draft = store.save(None, "one", DANA)
    store.save(draft.id, "one two", DANA)  # an autosave within a minute updates the version
    store.save(draft.id, "one two three", DANA, checkpoint=True)
    assert [v.text for v in store.versions(draft.id)] == ["one two", "one two three"]


def test_duplicate_and_delete(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    first = store.save(None, "Hi Dana", DANA)
    copy = store.duplicate(first.id)
    assert copy is not None and copy.id != first.id and copy.text == first.text
    store.delete(first.id)
    assert [d.id for d in store.list()] == [copy.id]
    assert store.versions(first.id) == []


def test_an_older_database_is_migrated_and_keeps_its_drafts(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO drafts (created, updated, platform, context, text, score) "
        "VALUES (1, 2, 'email', '{\"platform\": \"email\"}', 'kept text', 42)"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = DraftStore(path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.notice == ""
    [draft] = store.list()
    assert (draft.text, draft.score, draft.band, draft.platform) == ("kept text", 42, "", "email")


def test_a_corrupt_database_is_moved_aside_and_a_fresh_one_started(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(b"this is not a database, just bytes " * 200)
    store = DraftStore(path)
    assert "moved to" in store.notice
    aside = list(tmp_path.glob("drafts.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert store.list() == []
    store.save(None, "fresh", DANA)
    assert [d.text for d in DraftStore(path).list()] == ["fresh"]


def test_a_newer_schema_is_not_touched(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.commit()
    db.close()
    store = DraftStore(path)
    assert "newer" in store.notice
    assert list(tmp_path.glob("drafts.sqlite3.corrupt-*"))
