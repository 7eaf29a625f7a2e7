"""Phase 2 of chat turns, run in the background and held until a client fetches it.

A turn answers with phase 1 at once; its phase 2 (LLM calls, seconds on a CPU) runs here on a
small pool of its own, so it never holds a turn slot that a phase 1 is waiting for. Results are
kept per (session, turn) for the SSE stream, the refinement route and the UI to pick up; the
oldest are dropped beyond `keep`, so memory does not grow with traffic. They live in the
process that ran the turn.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from core.types import Session, TurnResult

KEEP = 1024


def wait_limit_s(llm_timeout_s: float) -> float:
    """How long anyone waits for a phase 2: it makes at most two LLM calls, each bounded by
    the LLM timeout."""
    return 2 * llm_timeout_s + 5.0
Status = Literal["refined", "failed", "stale"]


@dataclass
class RefineOutcome:
    """refined: `result` is phase 2 (adopted into the session if it still had this turn);
    failed: the LLM failed or timed out, phase 1 stands (`fallbacks` says why);
    stale: a newer turn (or a deletion) came first, so phase 2 was dropped."""

    status: Status
    result: TurnResult | None = None
    session: Session | None = None  # the session with phase 2 applied
    fallbacks: list[str] = field(default_factory=list)


class Refinements:
    def __init__(self, workers: int = 1, keep: int = KEEP):
        self._pool = ThreadPoolExecutor(max(workers, 1), thread_name_prefix="refine")
        self._jobs: OrderedDict[str, tuple[str, Future[RefineOutcome]]] = OrderedDict()
        # set when the client was told phase 2 failed (a stream that stopped waiting): the
        # job must then leave phase 1 standing, as it was told
        self._given_up: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self.keep = keep

    @staticmethod
    def key(session_id: str, turn_id: str) -> str:
        return f"{session_id}/{turn_id}"

    def start(self, key: str, owner: str,
              job: Callable[[threading.Event], RefineOutcome]) -> None:
        """Run `job` (given the event `give_up` sets) in the background."""
        given_up = threading.Event()
        with self._lock:
            self._given_up[key] = given_up
        future = self._pool.submit(job, given_up)
        with self._lock:
            self._jobs[key] = (owner, future)
            while len(self._jobs) > self.keep:
                old, _ = self._jobs.popitem(last=False)
                self._given_up.pop(old, None)

    def give_up(self, key: str) -> None:
        """The client was told this phase 2 failed: it is not adopted if it ends later."""
        with self._lock:
            found = self._given_up.get(key)
        if found is not None:
            found.set()

    def forget_session(self, session_id: str) -> None:
        """Drop every phase 2 of a session deleted (its turns must no longer be fetched);
        running ones are given up."""
        prefix = f"{session_id}/"
        with self._lock:
            for key in [k for k in self._jobs if k.startswith(prefix)]:
                del self._jobs[key]
                if (event := self._given_up.pop(key, None)) is not None:
                    event.set()

    def get(self, key: str, owner: str) -> Future[RefineOutcome] | None:
        with self._lock:
            found = self._jobs.get(key)
        if found is None or found[0] != owner:
            return None
        return found[1]

    @staticmethod
    async def wait(future: Future[RefineOutcome], timeout_s: float) -> RefineOutcome | None:
        """The outcome, or None if it is not ready within `timeout_s` (the job goes on: a
        later fetch can still get it)."""
        wrapped = asyncio.wrap_future(future)
        done, _ = await asyncio.wait({wrapped}, timeout=max(timeout_s, 0.0))
        return wrapped.result() if done else None
