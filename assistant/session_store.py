"""Where conversations live: SQLite (WAL) by default, memory for session-only mode.

`SessionStore` is the small interface a Redis or Postgres store would implement when the API
runs on several machines. Feedback is written before it is acknowledged.

Writes are optimistic: every saved state carries the row version it was read at, and a save
over a newer version raises `SessionConflict` instead of overwriting it, so API processes (or
machines) sharing one store never lose each other's updates; the caller reloads and retries.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol

from core.types import Session, TurnResult


class SessionConflict(RuntimeError):
    """The session was changed (or forgotten) since it was read: reload it and try again."""


class SessionStore(Protocol):
    def create(self, session: Session, owner: str) -> None: ...
    def get(self, session_id: str) -> tuple[Session, str] | None: ...  # (session, owner)
    def save(self, session: Session) -> None: ...  # raises SessionConflict
    # the turn's state and its log rows in one transaction; raises SessionConflict
    def save_turn(self, session: Session, text: str, result: TurnResult) -> None: ...
    # the event and the state it changed, together; raises SessionConflict
    def save_feedback(self, session: Session, item_id: int, signal: str) -> None: ...
    def feedback(self, session_id: str) -> list[tuple[int, str]]: ...
    def forget(self, session_id: str) -> bool: ...


SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY, owner TEXT NOT NULL, state TEXT NOT NULL,
    created REAL NOT NULL, updated REAL NOT NULL, version INTEGER NOT NULL DEFAULT 0);
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
        columns = [row[1] for row in self._db.execute("PRAGMA table_info(sessions)")]
        if "version" not in columns:  # a database written before versioned saves
            self._db.execute("ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, statements: list[tuple[str, tuple]],
               state: Session | None = None) -> None:
        """One transaction. With `state`, it first saves that session over the version it was
        read at, and writes nothing if the stored version moved on."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if state is not None:
                    changed = self._db.execute(
                        "UPDATE sessions SET state = ?, updated = ?, version = version + 1 "
                        "WHERE session_id = ? AND version = ?",
                        (state.model_dump_json(), time.time(), state.session_id,
                         state.version)).rowcount
                    if changed != 1:
                        raise SessionConflict(f"session {state.session_id} changed since it "
                                              "was read")
                for sql, params in statements:
                    self._db.execute(sql, params)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        if state is not None:
            state.version += 1

    def create(self, session: Session, owner: str) -> None:
        now = time.time()
        session.version = 0
        self._write([("INSERT INTO sessions (session_id, owner, state, created, updated, version)"
                      " VALUES (?, ?, ?, ?, ?, 0)",
                      (session.session_id, owner, session.model_dump_json(), now, now))])

    def get(self, session_id: str) -> tuple[Session, str] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT state, owner, version FROM sessions WHERE session_id = ?",
                (session_id,)).fetchone()
        if row is None:
            return None
        session = Session.model_validate_json(row[0])
        session.version = int(row[2])
        return session, row[1]

    def save(self, session: Session) -> None:
        self._write([], state=session)

    def save_turn(self, session: Session, text: str, result: TurnResult) -> None:
        sid, now = session.session_id, time.time()
        rows = [("INSERT INTO messages VALUES (?, ?, ?, ?)", (sid, now, "user", text)),
                ("INSERT INTO messages VALUES (?, ?, ?, ?)", (sid, now, "assistant", result.reply)),
                ("INSERT INTO intents VALUES (?, ?, ?)",
                 (sid, now, result.intent.model_dump_json()))]
        rows += [("INSERT INTO shown VALUES (?, ?, ?, ?)", (sid, now, r.item_id, p))
                 for p, r in enumerate(result.recommendations)]
        self._write(rows, state=session)

    def save_feedback(self, session: Session, item_id: int, signal: str) -> None:
        self._write([("INSERT INTO feedback VALUES (?, ?, ?, ?)",
                      (session.session_id, time.time(), int(item_id), signal))], state=session)

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
        self._sessions: dict[str, tuple[str, str, int]] = {}  # id -> (state, owner, version)
        self._feedback: dict[str, list[tuple[int, str]]] = {}

    def create(self, session: Session, owner: str) -> None:
        with self._lock:
            self._sessions[session.session_id] = (session.model_dump_json(), owner, 0)
        session.version = 0

    def get(self, session_id: str) -> tuple[Session, str] | None:
        with self._lock:
            found = self._sessions.get(session_id)
        if found is None:
            return None
        session = Session.model_validate_json(found[0])
        session.version = found[2]
        return session, found[1]

    def _save(self, session: Session, feedback: tuple[int, str] | None = None) -> None:
        with self._lock:
            found = self._sessions.get(session.session_id)
            if found is None or found[2] != session.version:
                raise SessionConflict(f"session {session.session_id} changed since it was read")
            self._sessions[session.session_id] = (session.model_dump_json(), found[1],
                                                  session.version + 1)
            if feedback is not None:
                self._feedback.setdefault(session.session_id, []).append(feedback)
        session.version += 1

    def save(self, session: Session) -> None:
        self._save(session)

    def save_turn(self, session: Session, text: str, result: TurnResult) -> None:
        self._save(session)  # the state already holds the messages and shown items

    def save_feedback(self, session: Session, item_id: int, signal: str) -> None:
        self._save(session, (int(item_id), signal))

    def feedback(self, session_id: str) -> list[tuple[int, str]]:
        with self._lock:
            return list(self._feedback.get(session_id, []))

    def forget(self, session_id: str) -> bool:
        with self._lock:
            self._feedback.pop(session_id, None)
            return self._sessions.pop(session_id, None) is not None


def open_store(path: Path, persistent: bool) -> SessionStore:
    return SQLiteSessionStore(path) if persistent else MemorySessionStore()
