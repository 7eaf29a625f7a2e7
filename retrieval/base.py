"""The retriever interface every candidate source and every evaluated system implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from core.types import Candidates, Query


@runtime_checkable
class Retriever(Protocol):
    name: str

    def retrieve(self, query: Query, k: int) -> Candidates:
        """At most k unique items, scores descending, exclusions and filters honoured."""
        ...
