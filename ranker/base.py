"""The ranker interface: same items in, same items out, new scores."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from core.types import Candidates, Query


@runtime_checkable
class Ranker(Protocol):
    def score(self, query: Query, candidates: Candidates) -> Candidates:
        """The same items with new scores, sorted descending; source columns kept."""
        ...
