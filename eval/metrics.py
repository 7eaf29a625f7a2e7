"""Ranking metrics in plain numpy, one label per target (He et al., CIKM 2023).

A label is one (sample, target item) pair; `ranks` holds the 1-based rank of each label's target
in its sample's ranked list, or 0 when the target was not retrieved.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def target_ranks(ranked: Sequence[int] | np.ndarray, targets: Sequence[int]) -> np.ndarray:
    """1-based rank of each target in `ranked` (0 if absent)."""
    position = {int(item): i + 1 for i, item in enumerate(ranked)}
    return np.asarray([position.get(int(t), 0) for t in targets], dtype=np.int64)


def _found(ranks: np.ndarray, k: int) -> np.ndarray:
    ranks = np.asarray(ranks)
    return (ranks > 0) & (ranks <= k)


def recall_at_k(ranks: np.ndarray, k: int) -> float:
    """Share of labels whose target is in the top k (with one target a label, = hit@k)."""
    ranks = np.asarray(ranks)
    return float(_found(ranks, k).mean()) if ranks.size else 0.0


def hit_at_k(ranks_per_sample: Sequence[np.ndarray], k: int) -> float:
    """Share of samples with at least one target in the top k."""
    if not ranks_per_sample:
        return 0.0
    return float(np.mean([_found(r, k).any() for r in ranks_per_sample]))


def ndcg_at_k(ranks: np.ndarray, k: int) -> float:
    """Mean nDCG@k over labels; with one relevant item the ideal DCG is 1."""
    ranks = np.asarray(ranks)
    if not ranks.size:
        return 0.0
    gains = np.where(_found(ranks, k), 1.0 / np.log2(np.maximum(ranks, 1) + 1.0), 0.0)
    return float(gains.mean())


def mrr(ranks: np.ndarray, k: int | None = None) -> float:
    ranks = np.asarray(ranks)
    if not ranks.size:
        return 0.0
    found = ranks > 0 if k is None else _found(ranks, k)
    return float(np.where(found, 1.0 / np.maximum(ranks, 1), 0.0).mean())


def coverage_at_k(ranked_lists: Sequence[Sequence[int]], k: int, catalog_size: int) -> float:
    """Share of the catalogue that appears in at least one top-k list."""
    if catalog_size <= 0:
        return 0.0
    shown = {int(i) for ranked in ranked_lists for i in list(ranked)[:k]}
    return len(shown) / catalog_size


def intra_list_diversity(ranked: Sequence[int], features: Sequence[Sequence[str]] | np.ndarray,
                         k: int) -> float:
    """Dissimilarity of the top-k items, averaged over pairs.

    `features` is either each item's genres (1 - Jaccard similarity; items without genres count
    as dissimilar to everything) or an items x dims embedding matrix (1 - cosine similarity).
    """
    top_ids = [int(i) for i in list(ranked)[:k]]
    if len(top_ids) < 2:
        return 0.0
    if isinstance(features, np.ndarray):
        vectors = features[top_ids].astype(np.float64)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        sims = vectors @ vectors.T
        upper = sims[np.triu_indices(len(top_ids), k=1)]
        return 1.0 - float(upper.mean())
    top = [set(features[i]) for i in top_ids]
    pair_sims = []
    for a in range(len(top)):
        for b in range(a + 1, len(top)):
            union = top[a] | top[b]
            pair_sims.append(len(top[a] & top[b]) / len(union) if union else 0.0)
    return 1.0 - float(np.mean(pair_sims))


def novelty(ranked: Sequence[int], popularity: np.ndarray, k: int) -> float:
    """Mean self-information -log2(p) of the top-k items, p = smoothed popularity share."""
    top = [int(i) for i in list(ranked)[:k]]
    if not top:
        return 0.0
    share = (np.asarray(popularity, dtype=np.float64) + 1.0) / (popularity.sum() + len(popularity))
    return float(np.mean(-np.log2(share[top])))
