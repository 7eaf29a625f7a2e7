"""Where conversations live: SQLite (WAL) by default, memory for session-only mode.

`SessionStore` is the small interface a Redis or Postgres store would implement when the API
runs on several machines. Feedback is written before it is acknowledged.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol

from assistant.types import Session, TurnResult


class SessionStore(Protocol):
    def create(self, session: Session, owner: str) -> None: ...
    def get(self, session_id: str) -> tuple[Session, str] | None: ...  # (session, owner)
    def save(self, session: Session) -> None: ...
    def record_turn(self, session_id: str, text: str, result: TurnResult) -> None: ...
    def record_feedback(self, session_id: str, item_id: int, signal: str) -> None: ...
    def feedback(self, session_id: str) -> list[tuple[int, str]]: ...
    def forget(self, session_id: str) -> bool: ...


SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY, owner TEXT NOT NULL, state TEXT NOT NULL,
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    session_id TEXT NOT NULL, at REAL NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS intents (
    session_id TEXT NOT NULL, at REAL NOT NULL, intent TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shown (
    session_id TEXT NOT NULL, at REAL NOT NULL, item_id INTEGER NOT NULL, position INTEGER);
CREATE TABLE IF NOT EXISTS feedback (
    session_id TEXT NOT NULL, at REAL NOT NULL, item_id INTEGER NOT NULL, signal TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id);
CREATE INDEX IF NOT EXISTS intents_session ON intents(session_id);
CREATE INDEX IF NOT EXISTS shown_session ON shown(session_id);
CREATE INDEX IF NOT EXISTS feedback_session ON feedback(session_id);
"""
TABLES = ("messages", "intents", "shown", "feedback", "sessions")


class SQLiteSessionStore:
    def __init__(self, path: Path | str):
        self.path = str(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, statements: list[tuple[str, tuple]]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    self._db.execute(sql, params)
                self._db.execute("COMMIT")
            except Exception:
                self._db.execute("ROLLBACK")
                raise

    def create(self, session: Session, owner: str) -> None:
        now = time.time()
        self._write([("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                      (session.session_id, owner, session.model_dump_json(), now, now))])

    def get(self, session_id: str) -> tuple[Session, str] | None:
        with self._lock:
            row = self._db.execute("SELECT state, owner FROM sessions WHERE session_id = ?",
                                   (session_id,)).fetchone()
        if row is None:
            return None
        return Session.model_validate_json(row[0]), row[1]

    def save(self, session: Session) -> None:
        self._write([("UPDATE sessions SET state = ?, updated = ? WHERE session_id = ?",
                      (session.model_dump_json(), time.time(), session.session_id))])

    def record_turn(self, session_id: str, text: str, result: TurnResult) -> None:
        now = time.time()
        rows = [("INSERT INTO messages VALUES (?, ?, ?, ?)", (session_id, now, "user", text)),
                ("INSERT INTO messages VALUES (?, ?, ?, ?)",
                 (session_id, now, "assistant", result.reply)),
                ("INSERT INTO intents VALUES (?, ?, ?)",
                 (session_id, now, result.intent.model_dump_json()))]
        rows += [("INSERT INTO shown VALUES (?, ?, ?, ?)", (session_id, now, r.item_id, p))
                 for p, r in enumerate(result.recommendations)]
        self._write(rows)

    def record_feedback(self, session_id: str, item_id: int, signal: str) -> None:
        self._write([("INSERT INTO feedback VALUES (?, ?, ?, ?)",
                      (session_id, time.time(), int(item_id), signal))])

    def feedback(self, session_id: str) -> list[tuple[int, str]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT item_id, signal FROM feedback WHERE session_id = ? ORDER BY at",
                (session_id,)).fetchall()
        return [(int(i), str(s)) for i, s in rows]

    def count(self, table: str, session_id: str) -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table}")
        with self._lock:
            return int(self._db.execute(f"SELECT COUNT(*) FROM {table} WHERE session_id = ?",
                                        (session_id,)).fetchone()[0])

    def forget(self, session_id: str) -> bool:
        existed = self.get(session_id) is not None
        self._write([(f"DELETE FROM {t} WHERE session_id = ?", (session_id,)) for t in TABLES])
        return existed


class MemorySessionStore:
    """Session-only mode: nothing is written to disk; everything is gone on restart."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, tuple[str, str]] = {}
        self._feedback: dict[str, list[tuple[int, str]]] = {}

    def create(self, session: Session, owner: str) -> None:
        with self._lock:
            self._sessions[session.session_id] = (session.model_dump_json(), owner)

    def get(self, session_id: str) -> tuple[Session, str] | None:
        with self._lock:
            found = self._sessions.get(session_id)
        return (Session.model_validate_json(found[0]), found[1]) if found else None

    def save(self, session: Session) -> None:
        with self._lock:
            owner = self._sessions[session.session_id][1]
            self._sessions[session.session_id] = (session.model_dump_json(), owner)

    def record_turn(self, session_id: str, text: str, result: TurnResult) -> None:
        return None  # the session state already holds the messages and shown items

    def record_feedback(self, session_id: str, item_id: int, signal: str) -> None:
        with self._lock:
            self._feedback.setdefault(session_id, []).append((int(item_id), signal))

    def feedback(self, session_id: str) -> list[tuple[int, str]]:
        with self._lock:
            return list(self._feedback.get(session_id, []))

    def forget(self, session_id: str) -> bool:
        with self._lock:
            self._feedback.pop(session_id, None)
            return self._sessions.pop(session_id, None) is not None


def open_store(path: Path, persistent: bool) -> SessionStore:
    return SQLiteSessionStore(path) if persistent else MemorySessionStore()
