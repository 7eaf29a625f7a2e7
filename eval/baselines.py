"""Baseline systems: popularity and item-item co-occurrence, fitted on the training view only."""

from __future__ import annotations

from eval.context import EvalContext
from retrieval.base import Retriever
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.popularity import PopularityRetriever


def systems(ctx: EvalContext) -> list[Retriever]:
    # co-occurrence picks its variant on the tune split, then refits like the served source
    cooc = CooccurrenceRetriever.fit(ctx.training)
    if ctx.fitted is not None:
        cooc = CooccurrenceRetriever.fit(ctx.fitted, cooc.config)
    return [PopularityRetriever.fit(ctx.served_training), cooc]
