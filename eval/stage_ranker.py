"""Evaluation row for the ranking stage: the hybrid's candidates re-scored by the ranker."""

from __future__ import annotations

from assistant.build import ensure_built
from core.types import Candidates, Query
from eval.context import EvalContext
from ranker.lists import LIST_K
from ranker.model import load_ranker
from retrieval.base import Retriever
from retrieval.build import load_hybrid


class RankedRetriever:
    """hybrid.retrieve(query, LIST_K) then ranker.score: a Retriever for the eval runner."""

    def __init__(self, hybrid, ranker, name: str = "hybrid+ranker"):
        self.name = name
        self.hybrid = hybrid
        self.ranker = ranker

    def retrieve(self, query: Query, k: int) -> Candidates:
        return self.ranker.score(query, self.hybrid.retrieve(query, max(k, LIST_K))).top(k)


def systems(ctx: EvalContext) -> list[Retriever]:
    out_dir = ensure_built(ctx.catalog.name, ctx.settings)
    hybrid = ctx.cache.get("hybrid")
    if hybrid is None:  # the retrieval provider normally loaded it already
        hybrid = ctx.cache["hybrid"] = load_hybrid(ctx.catalog, out_dir, ctx.settings)
    return [RankedRetriever(hybrid, load_ranker(hybrid, out_dir))]
