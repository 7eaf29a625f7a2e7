"""Runs systems over a protocol's samples with full-catalogue ranking and scores them."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from tqdm import tqdm

from eval.context import EvalContext
from eval.metrics import (
    coverage_at_k,
    intra_list_diversity,
    mrr,
    ndcg_at_k,
    novelty,
    recall_at_k,
    target_ranks,
)
from retrieval.base import Retriever

KS = (1, 5, 10, 20, 50, 100)
RETRIEVE_K = max(KS)


@dataclass
class SystemResult:
    name: str
    metrics: dict[str, float]
    ranked: list[list[int]]


def trained_items(ctx: EvalContext) -> set[int]:
    data = ctx.served_training
    items = {i for session in data.sessions for i in session}
    items.update(t for s in data.train_samples for t in s.target_ids)
    return items


def evaluate_system(system: Retriever, ctx: EvalContext, progress: bool = True) -> SystemResult:
    seen_in_training = trained_items(ctx)
    all_ranks, novel_ranks, cold_ranks, latencies, ranked_lists = [], [], [], [], []
    for sample in tqdm(ctx.samples, desc=system.name, disable=not progress, leave=False):
        start = time.perf_counter()
        candidates = system.retrieve(sample.query, RETRIEVE_K)
        latencies.append((time.perf_counter() - start) * 1000.0)
        ranked = candidates.item_id_list()[:RETRIEVE_K]
        ranked_lists.append(ranked)
        ranks = target_ranks(ranked, sample.target_ids)
        all_ranks.append(ranks)
        novel = set(sample.novel_target_ids)
        novel_ranks.extend(r for t, r in zip(sample.target_ids, ranks, strict=True) if t in novel)
        cold_ranks.extend(r for t, r in zip(sample.target_ids, ranks, strict=True)
                          if t not in seen_in_training)
    ranks = np.concatenate(all_ranks) if all_ranks else np.empty(0, np.int64)
    metrics = {f"recall@{k}": recall_at_k(ranks, k) for k in KS}
    metrics.update({
        "ndcg@10": ndcg_at_k(ranks, 10),
        "mrr": mrr(ranks),
        "novel_recall@10": recall_at_k(np.asarray(novel_ranks), 10),
        "cold_recall@50": recall_at_k(np.asarray(cold_ranks), 50),
        "cold_labels": float(len(cold_ranks)),
        "coverage@10": coverage_at_k(ranked_lists, 10, len(ctx.catalog)),
        "latency_ms_p50": float(np.median(latencies)) if latencies else 0.0,
        "latency_ms_p99": float(np.percentile(latencies, 99)) if latencies else 0.0,
        "diversity@10": _mean(intra_list_diversity(r, ctx.catalog.genres, 10)
                              for r in ranked_lists if len(r) > 1),
        "novelty@10": _mean(novelty(r, ctx.catalog.popularity, 10) for r in ranked_lists if r),
    })
    extra = getattr(system, "extra_metrics", None)  # rows with their own measures (LLM rows)
    if callable(extra):
        metrics.update(extra())
    return SystemResult(system.name, metrics, ranked_lists)


def _mean(values) -> float:
    values = list(values)
    return float(np.mean(values)) if values else 0.0


def evaluate(systems: Sequence[Retriever], ctx: EvalContext,
             progress: bool = True) -> list[SystemResult]:
    return [evaluate_system(s, ctx, progress) for s in systems]


def label_count(ctx: EvalContext) -> int:
    return sum(len(s.target_ids) for s in ctx.samples)
