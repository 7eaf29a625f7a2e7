"""Candidate lists with features for training and offline analysis of the ranker, and their
on-disk cache (computing features for thousands of queries is the slow part of a build)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from core.samples import Sample
from ranker.features import FEATURE_NAMES

LIST_K = 200


@dataclass
class CandidateList:
    features: np.ndarray  # (n, F)
    labels: np.ndarray  # (n,) 1.0 for targets
    group: str
    item_ids: np.ndarray | None = None  # candidate ids, in the retriever's order
    target_ids: np.ndarray | None = None  # every target, found or not (for recall)


def candidate_lists(hybrid, ranker, samples: list[Sample], k: int = LIST_K,
                    progress: bool = True, desc: str = "ranker lists",
                    keep_misses: bool = False) -> list[CandidateList]:
    """One list per sample. Without `keep_misses`, only lists with a target among the candidates
    (the others teach a listwise loss nothing)."""
    lists: list[CandidateList] = []
    for sample in tqdm(samples, desc=desc, disable=not progress, leave=False):
        cands = hybrid.retrieve(sample.query, k)
        targets = np.asarray(sample.target_ids, dtype=np.int64)
        labels = np.isin(cands.item_ids, targets).astype(np.float32)
        if labels.any() or keep_misses:
            lists.append(CandidateList(ranker.features(sample.query, cands), labels,
                                       sample.group, cands.item_ids.copy(), targets))
    return lists


def hybrid_key(hybrid, *parts: object) -> str:
    """Identifies the retriever state (and list settings) that produced a cache of lists."""
    digest = hashlib.sha1()
    digest.update(np.ascontiguousarray(hybrid.sources["two_tower"].item_vectors).tobytes())
    digest.update(repr((sorted(hybrid.weights.items()), hybrid.fusion, hybrid.catalog.name,
                        hybrid.catalog.fingerprint(), FEATURE_NAMES, parts)).encode())
    return digest.hexdigest()[:16]


def save_lists(path: Path, lists: list[CandidateList], key: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sizes = np.array([len(c.labels) for c in lists], dtype=np.int64)
    n_targets = np.array([len(c.target_ids) if c.target_ids is not None else 0 for c in lists],
                         dtype=np.int64)
    empty = np.empty(0, np.int64)
    np.savez(path, key=np.array(key), sizes=sizes, n_targets=n_targets,
             features=np.concatenate([c.features for c in lists]),
             labels=np.concatenate([c.labels for c in lists]),
             groups=np.array([c.group for c in lists]),
             item_ids=np.concatenate([c.item_ids if c.item_ids is not None else empty
                                      for c in lists]),
             target_ids=np.concatenate([c.target_ids if c.target_ids is not None else empty
                                        for c in lists]))


def load_lists(path: Path, key: str) -> list[CandidateList] | None:
    """The cached lists, or None when missing or made from another retriever state."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as z:
        if str(z["key"]) != key:
            return None
        sizes, n_targets = z["sizes"], z["n_targets"]
        features, labels, groups = z["features"], z["labels"], z["groups"]
        item_ids, target_ids = z["item_ids"], z["target_ids"]
    has_ids = len(item_ids) == int(sizes.sum())
    lists, start, t_start = [], 0, 0
    for size, n_t, group in zip(sizes.tolist(), n_targets.tolist(), groups.tolist(),
                                strict=True):
        end = start + size
        lists.append(CandidateList(features[start:end], labels[start:end], group,
                                   item_ids[start:end] if has_ids else None,
                                   target_ids[t_start:t_start + n_t]))
        start, t_start = end, t_start + n_t
    return lists
