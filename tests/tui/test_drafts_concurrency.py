"""Several app instances on one drafts database, locks and unreadable rows (issue 12, failures
2 and 3): edits are never lost, a lock is a wait and a message, bad rows are skipped and kept."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from coach import drafts
from coach.drafts import SCHEMA_VERSION, DraftStore, DraftsUnavailable
from coach.engine.models import Context, Recipient

DANA = Context(platform="inmail", recipient=Recipient(first_name="Dana", company="Northfield"))


def test_a_save_over_a_newer_version_keeps_both_as_a_conflict_copy(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    first, second = DraftStore(path), DraftStore(path)
    original = first.save(None, "Hi Dana", DANA)
    opened = second.get(original.id)  # the second window opens the same draft
    assert opened is not None and opened.version == original.version
    mine = first.save(original.id, "Hi Dana, your post", DANA, version=original.version)
    theirs = second.save(original.id, "Hi Dana, your talk", DANA, version=opened.version)
    assert mine.id == original.id and mine.version == original.version + 1
    assert theirs.id != original.id  # not written over the newer version
    assert "changed in another coach window" in second.take_notice()
    texts = {d.id: d.text for d in DraftStore(path).list()}
    assert texts == {original.id: "Hi Dana, your post", theirs.id: "Hi Dana, your talk"}
    assert [v.text for v in first.versions(original.id)] == ["Hi Dana, your post"]
    again = second.save(theirs.id, "Hi Dana, your talk!", DANA, version=theirs.version)
    assert again.id == theirs.id and second.take_notice() == ""  # the copy is theirs now


def test_saves_from_one_instance_never_conflict_with_themselves(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    draft = store.save(None, "one", DANA)
    for text in ("one two", "one two three"):
        draft = store.save(draft.id, text, DANA, version=draft.version)
    assert [d.text for d in store.list()] == ["one two three"] and store.notice == ""


def _hold_write_lock(path, exclusive: bool = False) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5)
    if exclusive:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE drafts SET score = score")
    else:
        holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_locked_database_is_a_wait_then_a_message_never_corruption(tmp_path, monkeypatch):
    monkeypatch.setattr(drafts, "BUSY_TIMEOUT", 0.3)
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    kept = store.save(None, "Hi Dana", DANA)
    holder = _hold_write_lock(path)
    with pytest.raises(DraftsUnavailable, match="in use by another coach and still locked"):
        store.save(kept.id, "Hi Dana, edited", DANA, version=kept.version)
    holder.execute("ROLLBACK")
    holder.close()
    assert store.save(kept.id, "Hi Dana, edited", DANA, version=kept.version).text.endswith(
        "edited"
    )
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []


def test_a_lock_released_within_the_timeout_is_waited_for(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    draft = store.save(None, "Hi Dana", DANA)
    holder = _hold_write_lock(path)
    releaser = threading.Timer(0.5, lambda: holder.execute("ROLLBACK"))
    releaser.start()
    started = time.monotonic()
    saved = store.save(draft.id, "Hi Dana, later", DANA, version=draft.version)
    assert saved.text == "Hi Dana, later" and time.monotonic() - started >= 0.4
    releaser.join()
    holder.close()


def test_a_database_locked_at_start_is_not_moved_aside(tmp_path, monkeypatch):
    monkeypatch.setattr(drafts, "BUSY_TIMEOUT", 0.3)
    path = tmp_path / "drafts.sqlite3"
    first = DraftStore(path)
    first.save(None, "Hi Dana", DANA)
    first.close()
    holder = _hold_write_lock(path, exclusive=True)
    with pytest.raises(DraftsUnavailable, match="drafts are not saved until it is free"):
        DraftStore(path)
    holder.execute("ROLLBACK")
    holder.close()
    assert not list(tmp_path.glob("*corrupt*"))
    assert [d.text for d in DraftStore(path).list()] == ["Hi Dana"]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("text", "CAST(X'48698ffe' AS TEXT)", "not valid UTF-8"),
        ("context", "'{not json'", "recipient details are not readable"),
        ("context", '\'{"recipient": {"nickname": "D"}}\'', "recipient details are not readable"),
        ("context", "'[1, 2]'", "recipient details are not readable"),
    ],
)
def test_an_unreadable_row_is_skipped_with_a_notice_and_kept(tmp_path, column, value, reason):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    good = store.save(None, "Hi Dana", DANA)
    bad = store.save(None, "to be broken", DANA)
    store.close()
    db = sqlite3.connect(path)
    db.execute(f"UPDATE drafts SET {column} = {value} WHERE id = ?", (bad.id,))
    db.commit()
    db.close()
    again = DraftStore(path)
    assert again.latest() == again.get(good.id)
    assert [d.id for d in again.list()] == [good.id]
    assert again.get(bad.id) is None
    notice = again.take_notice()
    assert f"Draft {bad.id} could not be read" in notice and reason in notice
    assert "kept unchanged" in notice
    again.save(good.id, "Hi Dana, still saving", DANA)
    raw = sqlite3.connect(path)
    raw.text_factory = bytes
    assert raw.execute("SELECT count(*) FROM drafts WHERE id = ?", (bad.id,)).fetchone() == (1,)


def test_a_version_2_database_gains_version_numbers(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    for step in drafts.MIGRATIONS[:2]:
        db.executescript(step)
    db.execute(
        "INSERT INTO drafts (created, updated, platform, context, text, score, band) "
        "VALUES (1, 2, 'email', '{\"platform\": \"email\"}', 'kept text', 42, 'needs work')"
    )
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    store = DraftStore(path)
    assert store.schema_version == SCHEMA_VERSION
    [draft] = store.list()
    assert (draft.text, draft.version) == ("kept text", 1)
    assert store.save(draft.id, "new", draft.context, version=1).version == 2
