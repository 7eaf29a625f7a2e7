"""Evaluation rows for the retrieval stage: every source alone, then the fused hybrid (and,
where the build has the session model, the hybrid without it: its ablation; on retail, the
hybrid with the customer's past orders left out, as "something new" asks)."""

from __future__ import annotations

from dataclasses import replace

from assistant.build import ensure_built
from eval.context import EvalContext
from retrieval.base import Retriever
from retrieval.build import load_hybrid


def systems(ctx: EvalContext) -> list[Retriever]:
    out_dir = ensure_built(ctx.catalog.name, ctx.settings)
    hybrid = load_hybrid(ctx.catalog, out_dir, ctx.settings)
    ctx.cache["hybrid"] = hybrid  # later providers (ranker, LLM) reuse the loaded hybrid
    alone = ["text", "two_tower", "als", "neighbours"]
    if ctx.catalog.name == "retail":  # movie samples exclude the history: repeat finds nothing
        alone.append("repeat")
    rows: list[Retriever] = [*(SourceOnly(name, hybrid) for name in alone)]
    if "gru4rec" in hybrid.sources:
        rows += [SourceOnly("gru4rec", hybrid), hybrid.without("gru4rec")]
    rows.append(hybrid)
    if ctx.catalog.name == "retail":
        rows.append(NewToCustomer(hybrid))
    return rows


class NewToCustomer:
    """The hybrid as the assistant answers "something new": every past order left out."""

    name = "hybrid-new"

    def __init__(self, hybrid):
        self.hybrid = hybrid

    def retrieve(self, query, k):
        past = tuple(dict.fromkeys(query.exclude_ids + query.history_ids))
        return self.hybrid.retrieve(replace(query, exclude_ids=past), k)


class SourceOnly:
    """One source of the hybrid, with the hybrid's filtering, as its own system."""

    def __init__(self, source: str, hybrid):
        self.name = source
        self.source = hybrid.sources[source]

    def retrieve(self, query, k):
        return self.source.retrieve(query, k)

