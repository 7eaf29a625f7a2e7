"""Baseline systems: popularity and item-item co-occurrence, fitted on the training view only."""

from __future__ import annotations

from eval.context import EvalContext
from retrieval.base import Retriever
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.popularity import PopularityRetriever


def systems(ctx: EvalContext) -> list[Retriever]:
    return [PopularityRetriever.fit(ctx.training), CooccurrenceRetriever.fit(ctx.training)]
