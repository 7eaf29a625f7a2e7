"""SessionStore: SQLite (WAL) persistence, forget, feedback, restart; the memory store."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from assistant.session_store import (
    MemorySessionStore,
    SessionConflict,
    SQLiteSessionStore,
    open_store,
)
from core.types import Intent, Recommendation, Session, TurnResult
from server.api import AssistantRegistry


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
    store.save_turn(session, "hello", turn_result([7, 8, 9]))
    session.liked_ids.append(8)
    store.save_feedback(session, 8, "like")
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
        store.save_turn(s, "hi", turn_result([1, 2]))
        store.save_feedback(s, 1, "dislike")
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
    session = Session(session_id="f" * 32)
    store.create(session, "anonymous")
    store.save_feedback(session, 42, "purchase")
    # a second, independent connection sees it at once: committed, not buffered
    other = sqlite3.connect(path)
    rows = other.execute("SELECT item_id, signal FROM feedback").fetchall()
    other.close()
    assert rows == [(42, "purchase")]


def test_a_stale_save_raises_and_writes_nothing(tmp_path):
    path = tmp_path / "s.db"
    one, two = SQLiteSessionStore(path), SQLiteSessionStore(path)  # two API processes
    one.create(Session(session_id="v" * 32), "anonymous")
    first, _ = one.get("v" * 32)
    second, _ = two.get("v" * 32)
    first.liked_ids.append(1)
    one.save_turn(first, "one", turn_result([5]))
    second.liked_ids.append(2)
    with pytest.raises(SessionConflict):
        two.save_turn(second, "two", turn_result([6, 7]))
    with pytest.raises(SessionConflict):
        two.save_feedback(second, 2, "like")
    stored, _ = two.get("v" * 32)
    assert stored.liked_ids == [1] and stored.version == 1
    assert two.count("shown", "v" * 32) == 1 and two.feedback("v" * 32) == []
    stored.liked_ids.append(2)  # re-read, changed again: now it saves
    two.save_feedback(stored, 2, "like")
    assert one.get("v" * 32)[0].liked_ids == [1, 2] and one.feedback("v" * 32) == [(2, "like")]


def test_a_forgotten_session_is_not_saved_back(tmp_path):
    for store in (SQLiteSessionStore(tmp_path / "s.db"), MemorySessionStore()):
        session = Session(session_id="g" * 32)
        store.create(session, "anonymous")
        store.forget(session.session_id)
        with pytest.raises(SessionConflict):
            store.save(session)
        assert store.get(session.session_id) is None


def test_processes_sharing_a_store_lose_no_update(tmp_path):
    """Two registries with their own locks and connections, as two API worker processes: every
    concurrent feedback lands in the state and in the log."""
    path = tmp_path / "s.db"
    SQLiteSessionStore(path).create(Session(session_id="c" * 32), "anonymous")

    def worker(start: int) -> None:
        store = SQLiteSessionStore(path)
        registry = AssistantRegistry(lambda name: None, ("movies",))
        for item in range(start, start + 40):
            def like(session: Session, where, item=item) -> None:
                session.liked_ids.append(item)
                where.save_feedback(session, item, "like")

            registry.update("c" * 32, lambda: (store.get("c" * 32)[0], store), like)

    threads = [threading.Thread(target=worker, args=(n * 100,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = sorted(i for n in range(3) for i in range(n * 100, n * 100 + 40))
    final, _ = SQLiteSessionStore(path).get("c" * 32)
    assert sorted(final.liked_ids) == expected and final.version == 120
    assert sorted(i for i, _ in SQLiteSessionStore(path).feedback("c" * 32)) == expected


def test_a_database_from_before_versions_opens(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE sessions (session_id TEXT PRIMARY KEY, owner TEXT NOT NULL, "
               "state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL)")
    state = Session(session_id="o" * 32, liked_ids=[9]).model_dump_json()
    db.execute("INSERT INTO sessions VALUES (?, ?, ?, 0, 0)", ("o" * 32, "anonymous", state))
    db.commit()
    db.close()
    store = SQLiteSessionStore(path)
    session, _ = store.get("o" * 32)
    assert session.liked_ids == [9] and session.version == 0
    session.liked_ids.append(10)
    store.save(session)
    assert store.get("o" * 32)[0].liked_ids == [9, 10]


def test_memory_store_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = open_store(tmp_path / "never.db", persistent=False)
    assert isinstance(store, MemorySessionStore)
    session = Session(session_id="m" * 32, liked_ids=[1])
    store.create(session, "anonymous")
    session.liked_ids.append(4)
    store.save_feedback(session, 4, "like")
    assert store.get(session.session_id)[0].liked_ids == [1, 4]
    assert store.feedback(session.session_id) == [(4, "like")]
    assert store.forget(session.session_id) is True
    assert store.get(session.session_id) is None and store.feedback(session.session_id) == []
    assert list(tmp_path.iterdir()) == []
