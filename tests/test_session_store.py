"""SessionStore: SQLite (WAL) persistence, forget, feedback, restart; the memory store."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from assistant.session_store import MemorySessionStore, SQLiteSessionStore, open_store
from assistant.types import Intent, Recommendation, Session, TurnResult


def turn_result(ids: list[int]) -> TurnResult:
    recs = [Recommendation(item_id=i, title=f"Item {i}", score=1.0 / (n + 1),
                           explanation="because", because_item_ids=[])
            for n, i in enumerate(ids)]
    return TurnResult(reply="here you go", recommendations=recs,
                      intent=Intent(kind="recommend", search_text="x"))


def test_sqlite_uses_wal_and_survives_restart(tmp_path):
    path = tmp_path / "s.db"
    store = SQLiteSessionStore(path)
    mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    session = Session(session_id="a" * 32, catalog="movies", liked_ids=[3, 5])
    store.create(session, "key1")
    store.record_turn(session.session_id, "hello", turn_result([7, 8, 9]))
    store.record_feedback(session.session_id, 8, "like")
    session.liked_ids.append(8)
    store.save(session)
    store.close()

    again = SQLiteSessionStore(path)  # a restart keeps everything
    loaded, owner = again.get(session.session_id)
    assert owner == "key1"
    assert loaded.liked_ids == [3, 5, 8]
    assert again.feedback(session.session_id) == [(8, "like")]
    assert again.count("messages", session.session_id) == 2
    assert again.count("shown", session.session_id) == 3
    assert again.count("intents", session.session_id) == 1
    again.close()


def test_forget_deletes_every_row_of_that_session_only(tmp_path):
    store = SQLiteSessionStore(tmp_path / "s.db")
    keep, drop = Session(session_id="k" * 32), Session(session_id="d" * 32)
    for s in (keep, drop):
        store.create(s, "anonymous")
        store.record_turn(s.session_id, "hi", turn_result([1, 2]))
        store.record_feedback(s.session_id, 1, "dislike")
    assert store.forget(drop.session_id) is True
    assert store.get(drop.session_id) is None
    for table in ("messages", "intents", "shown", "feedback", "sessions"):
        assert store.count(table, drop.session_id) == 0
        assert store.count(table, keep.session_id) >= 1
    assert store.forget(drop.session_id) is False
    with pytest.raises(ValueError):
        store.count("sessions; DROP TABLE feedback", keep.session_id)


def test_feedback_is_on_disk_before_the_call_returns(tmp_path):
    path = tmp_path / "s.db"
    store = SQLiteSessionStore(path)
    store.create(Session(session_id="f" * 32), "anonymous")
    store.record_feedback("f" * 32, 42, "purchase")
    # a second, independent connection sees it at once: committed, not buffered
    other = sqlite3.connect(path)
    rows = other.execute("SELECT item_id, signal FROM feedback").fetchall()
    other.close()
    assert rows == [(42, "purchase")]


def test_concurrent_writers_lose_nothing(tmp_path):
    store = SQLiteSessionStore(tmp_path / "s.db")
    store.create(Session(session_id="c" * 32), "anonymous")

    def write(start: int) -> None:
        for i in range(start, start + 50):
            store.record_feedback("c" * 32, i, "click")

    threads = [threading.Thread(target=write, args=(n * 100,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(i for i, _ in store.feedback("c" * 32)) == sorted(
        i for n in range(4) for i in range(n * 100, n * 100 + 50))


def test_memory_store_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = open_store(tmp_path / "never.db", persistent=False)
    assert isinstance(store, MemorySessionStore)
    session = Session(session_id="m" * 32, liked_ids=[1])
    store.create(session, "anonymous")
    store.record_feedback(session.session_id, 4, "like")
    session.liked_ids.append(4)
    store.save(session)
    assert store.get(session.session_id)[0].liked_ids == [1, 4]
    assert store.feedback(session.session_id) == [(4, "like")]
    assert store.forget(session.session_id) is True
    assert store.get(session.session_id) is None and store.feedback(session.session_id) == []
    assert list(tmp_path.iterdir()) == []
