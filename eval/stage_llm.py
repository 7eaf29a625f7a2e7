"""Evaluation rows for the LLM stage: hybrid + ranker, then LLM call #2 re-ranks the top
`rerank_top` (returning its best TOP, as many as recall@TOP reads) and explains them; plus the
explanation grounding rate.

The embedded CPU model takes seconds per call, so with it the LLM runs on a fixed seeded subset
of the samples (the row name says how many); the other samples keep the ranker's order. A note
compares recall@10 with and without the LLM on that subset alone, so the effect is not diluted.
With an OpenAI-compatible server (`--llm-base-url`, e.g. vLLM on a GPU) every sample is used.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter

import numpy as np

from assistant.explain import PICK_TOKENS, Explainer
from assistant.llm import ChatBackend, build_chat_model
from core.types import Candidates, Query
from eval.context import EvalContext
from retrieval.base import Retriever

EMBEDDED_SUBSET = 40  # samples per run that reach the CPU model (~10 s per call on 2 cores)
TOP = 10
OFFLINE_TIMEOUT_S = 120.0


class LLMRerankRetriever:
    """ranked candidates -> Explainer (LLM re-rank + grounded explanations) -> Candidates."""

    def __init__(self, ranked: Retriever, explainer: Explainer, ctx: EvalContext,
                 subset: set[str] | None, name: str):
        self.name = name
        self.ranked = ranked
        self.explainer = explainer
        self.ctx = ctx
        self.samples = {id(s.query): s for s in ctx.samples}
        self.subset = subset
        self.explained = self.grounded = self.cited = self.fallbacks = self.calls = 0
        self.kept = self.replaced = 0  # LLM reasons the checker kept / replaced by templates
        self.seconds: list[float] = []
        self.failures: Counter[str] = Counter()  # why calls fell back (timeout, invalid_json, ...)
        self.hits_base = self.hits_llm = self.targets = 0
        self.note_at = len(ctx.notes)
        ctx.notes.append(f"{name}: not run")

    def retrieve(self, query: Query, k: int) -> Candidates:
        base = self.ranked.retrieve(query, k)
        sample = self.samples.get(id(query))
        if sample is None or (self.subset is not None and sample.sample_id not in self.subset):
            return base
        n = min(TOP, len(base))  # it sees the top rerank_top, returns as many as recall@TOP reads
        started = time.perf_counter()
        out = self.explainer.explain(query, base, list(sample.context), n)
        self.seconds.append(time.perf_counter() - started)
        self.calls += 1
        self.fallbacks += len(out.fallbacks)
        self.kept += out.reasons.kept
        self.replaced += out.reasons.replaced
        self.failures.update(f.split(":", 1)[-1] for f in out.fallbacks)
        liked = set(query.citable())
        for rec in out.recommendations:
            self.explained += 1
            if rec.because_item_ids:
                self.cited += 1
                self.grounded += all(i in liked for i in rec.because_item_ids)
        head = [r.item_id for r in out.recommendations]
        rest = [i for i in base.item_id_list() if i not in set(head)]
        ids = head + rest
        targets = set(sample.target_ids)
        self.targets += len(targets)
        self.hits_base += len(targets & set(base.item_id_list()[:TOP]))
        self.hits_llm += len(targets & set(ids[:TOP]))
        self._note()
        scores = np.linspace(1.0, 0.0, len(ids), dtype=np.float32)
        return Candidates.from_scores(ids, scores, reason=base.reason)

    def extra_metrics(self) -> dict[str, float]:
        """report.json's LLM measures (eval/report.py LLM_COLUMNS); a share with nothing to
        count is left out rather than written as NaN (not JSON)."""
        given = self.kept + self.replaced
        metrics = {"fallbacks": float(self.fallbacks), "llm_calls": float(self.calls)}
        if self.cited:
            metrics["grounding"] = self.grounded / self.cited
        if given:
            metrics["reasons_kept"] = self.kept / given
        if self.seconds:
            metrics["llm_s_p50"] = float(np.median(self.seconds))
        return metrics

    def _note(self) -> None:
        rate = self.grounded / self.cited if self.cited else float("nan")
        recall = (f"recall@{TOP} on these samples: ranker {self.hits_base / self.targets:.3f} "
                  f"-> +LLM {self.hits_llm / self.targets:.3f}") if self.targets else ""
        self.ctx.notes[self.note_at] = (
            f"{self.name}: {self.calls} LLM re-rank calls (p50 "
            f"{np.median(self.seconds) if self.seconds else float('nan'):.1f} s), "
            f"{self.fallbacks} fell back "
            f"({', '.join(f'{k} {v}' for k, v in self.failures.most_common()) or 'none'}) to the "
            f"ranker order + templates; explanation grounding rate {rate:.1%} "
            f"({self.grounded}/{self.cited} explanations cite only items liked in the dialogue; "
            f"{self.explained - self.cited} had no liked item to cite); LLM reasons kept by "
            f"the checker {self.kept}/{self.kept + self.replaced}; {recall}")


def _ranked(ctx: EvalContext) -> Retriever | None:
    try:
        from eval.stage_ranker import systems as ranker_systems

        found = ranker_systems(ctx)
        return found[0] if found else None
    except Exception as exc:  # missing artifacts or modules: the LLM rows are skipped
        print(f"note: LLM rows skipped, no hybrid+ranker: {exc}", file=sys.stderr)
        return None


def _item_vectors(ctx: EvalContext) -> np.ndarray | None:
    hybrid = ctx.cache.get("hybrid")
    text = getattr(hybrid, "sources", {}).get("text") if hybrid is not None else None
    vectors = getattr(getattr(text, "index", None), "vectors", None)
    return np.asarray(vectors) if vectors is not None else None


def systems(ctx: EvalContext) -> list[Retriever]:
    if ctx.catalog.name != "movies" or not ctx.samples:
        return []  # call #2 needs a conversation; retail samples carry none
    # room for every pick: 20 picks did not fit the default 384 tokens, the JSON was cut off
    # and the call fell back as invalid_json (35 of 40 in the first full run)
    settings = ctx.settings.llm.model_copy(update={"max_tokens": max(
        ctx.settings.llm.max_tokens, PICK_TOKENS * TOP + 32), "rerank_picks": TOP})
    backend: ChatBackend = build_chat_model(settings)
    # a CPU model (embedded, or vLLM's CPU build) writing 10 picks can pass the chat timeout:
    # offline, the row measures the answers, not the patience
    settings = settings.model_copy(update={"timeout_s": max(settings.timeout_s,
                                                            OFFLINE_TIMEOUT_S)})
    if backend.model is None:
        print(f"note: LLM rows skipped: {backend.reason}", file=sys.stderr)
        return []
    ranked = _ranked(ctx)
    if ranked is None:
        return []
    subset = None
    label = f"hybrid+ranker+llm({backend.name})"
    if backend.name == "embedded" and len(ctx.samples) > EMBEDDED_SUBSET:
        rng = random.Random(ctx.settings.seed)
        chosen = rng.sample([s.sample_id for s in ctx.samples], EMBEDDED_SUBSET)
        subset = set(chosen)
        label = (f"hybrid+ranker+llm(embedded, LLM on {EMBEDDED_SUBSET}/{len(ctx.samples)} "
                 f"seeded samples)")
    explainer = Explainer(ctx.catalog, backend.model, settings, _item_vectors(ctx))
    return [LLMRerankRetriever(ranked, explainer, ctx, subset, label)]
