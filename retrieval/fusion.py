"""The arithmetic of fusing source lists, and a table that scores many weightings fast.

A list contributes 1 / (RRF_K + rank) (rank fusion) or its scores min-max normalised (score
fusion), times the source's weight. Cold items (no training interactions) are floored at their
place in the content sources' consensus order, so interaction sources cannot bury them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from core.types import Candidates

RRF_K = 60.0
# Sources that score an item from its content (text, features), so they rank items without
# training interactions on the same footing as the rest. Not GRU4Rec: its cold recall@50 is 0,
# and with it in the consensus retail's hybrid cold recall@50 fell from .084 to .048.
CONTENT_SOURCES = ("text", "two_tower")
# A cold item is floored at its content place only from this position on: the head of the list
# (retail's headline recall@20, the ranker's window) stays with the interaction evidence. From
# position 0 the floor cost validation recall@10 0.004 on movies and 0.002 on retail; from 20 it
# cost neither recall@20 nor recall@10 (build version 4, 2026-12-02).
COLD_FLOOR_START = 20


def contribution(cands: Candidates, fusion: str) -> np.ndarray:
    """A list's fusion scores: 1 / (RRF_K + rank), or its scores min-max normalised."""
    if fusion == "rrf":
        return 1.0 / (RRF_K + np.arange(1, len(cands) + 1, dtype=np.float64))
    s = cands.scores.astype(np.float64)
    span = s.max() - s.min()
    return (s - s.min()) / span if span > 0 else np.ones_like(s)


def content_places(lists: Mapping[str, Candidates], fusion: str) -> tuple[np.ndarray, np.ndarray]:
    """(item ids, 0-based place) in the consensus of the content sources' lists, each list
    weighted alike whatever its tuned weight: the order of items judged on content alone."""
    content = [c for n, c in lists.items() if n in CONTENT_SOURCES and len(c)]
    if not content:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    ids = np.unique(np.concatenate([c.item_ids for c in content]))
    score = np.zeros(len(ids), dtype=np.float64)
    for cands in content:
        score[np.searchsorted(ids, cands.item_ids)] += contribution(cands, fusion)
    order = np.argsort(-score, kind="stable")
    return ids[order], np.arange(len(ids))


def cold_floor(fused: np.ndarray, places: np.ndarray, start: int = 0) -> np.ndarray:
    """Fused scores where each candidate with a place (>= 0; the cold ones) ranks at least at
    max(place, start). Interaction sources cannot score an item without interactions, and their
    weight would otherwise bury it: adding ALS to retail's fusion took cold recall@50 from
    0.021 to 0.004."""
    lifted = (places >= 0) & (places < len(fused))
    if not lifted.any():
        return fused
    ordered = np.sort(fused)[::-1]
    place = np.minimum(np.maximum(places[lifted], start), len(fused) - 1)
    # one float32 step above the item now there (the fused scores are served as float32)
    floor = np.nextafter(ordered[place].astype(np.float32), np.float32(np.inf))
    out = fused.copy()
    out[lifted] = np.maximum(fused[lifted], floor)
    return out


class FusionTable:
    """The source lists of many samples laid out once as padded arrays (per sample: the union
    of the listed items, each source's contribution, the cold items' content places, the label
    counts), so recall@k under a weighting is a handful of array operations over all samples
    instead of one `HybridRetriever.fuse` per sample: the weight search re-fuses every tune
    sample about 80 times, and that search was the largest step of a movies build (474 of
    1,613 s on a busy 2-core CI machine). The result equals fusing with `HybridRetriever.fuse`,
    ties included (a test checks it)."""

    def __init__(self, sources: Sequence[str], samples_targets: Sequence[Sequence[int]],
                 lists: Sequence[Mapping[str, Candidates]], fusion: str,
                 cold: np.ndarray | None, cold_start: int):
        self.sources = list(sources)
        self.cold_start = cold_start
        self.labels = sum(len(t) for t in samples_targets)
        rows = [self._lay_out(t, per, fusion, cold)
                for t, per in zip(samples_targets, lists, strict=True)]
        n, width = len(rows), max((len(r[2]) for r in rows), default=0)
        self.contrib = np.zeros((n, len(self.sources), width), dtype=np.float64)
        self.present = np.zeros((n, len(self.sources), width), dtype=bool)
        self.places = np.full((n, width), -1, dtype=np.int64)
        self.wanted = np.zeros((n, width), dtype=np.int64)
        for i, (contrib, present, places, wanted) in enumerate(rows):
            size = len(places)
            self.contrib[i, :, :size], self.present[i, :, :size] = contrib, present
            self.places[i, :size], self.wanted[i, :size] = places, wanted

    def _lay_out(self, targets: Sequence[int], lists: Mapping[str, Candidates], fusion: str,
                 cold: np.ndarray | None):
        pool = [lists[n].item_ids for n in self.sources if n in lists]
        cold_ids = cold_places = np.empty(0, np.int64)
        if cold is not None:
            cold_ids, cold_places = content_places(lists, fusion)
            keep = cold[cold_ids]
            cold_ids, cold_places = cold_ids[keep], cold_places[keep]
        ids = np.unique(np.concatenate(pool + [cold_ids]).astype(np.int64))
        contrib = np.zeros((len(self.sources), len(ids)), dtype=np.float64)
        present = np.zeros((len(self.sources), len(ids)), dtype=bool)
        for j, name in enumerate(self.sources):
            cands = lists.get(name)
            if cands is None or not len(cands):
                continue
            at = np.searchsorted(ids, cands.item_ids)
            contrib[j, at] = contribution(cands, fusion)
            present[j, at] = True
        places = np.full(len(ids), -1, dtype=np.int64)
        places[np.searchsorted(ids, cold_ids)] = cold_places
        wanted = np.zeros(len(ids), dtype=np.int64)
        for target in targets:  # a label counts once per time it is listed, as in the eval
            at = np.searchsorted(ids, target)
            if at < len(ids) and ids[at] == target:
                wanted[at] += 1
        return contrib, present, places, wanted

    def recall(self, weights: Mapping[str, float], k: int, chunk: int = 256) -> float:
        """recall@k over the samples' labels of their lists fused with `weights`."""
        w = np.asarray([float(weights.get(n, 0.0)) for n in self.sources])
        hits = sum(self._hits(slice(lo, lo + chunk), w, k)
                   for lo in range(0, len(self.places), chunk))
        return hits / max(self.labels, 1)

    def _hits(self, rows: slice, w: np.ndarray, k: int) -> int:
        on = np.flatnonzero(w > 0)
        present, places = self.present[rows][:, on], self.places[rows]
        fused = np.zeros(places.shape, dtype=np.float64)
        for j in on:  # in source order, as `fuse` adds them
            fused += w[j] * self.contrib[rows, j]
        any_source = present.any(axis=1)  # (samples, width): in an active source's list
        pooled = any_source | (places >= 0)
        size = pooled.sum(axis=1, keepdims=True)
        # every sample's pool at the front of its row, in id order, as `fuse` lays it out
        fused = np.where(pooled, fused, -np.inf)
        lifted = pooled & (places >= 0) & (places < size)
        if lifted.any():  # `cold_floor`, row by row
            ordered = -np.sort(-fused, axis=1)
            place = np.minimum(np.maximum(places, self.cold_start), size - 1).clip(0)
            at = np.take_along_axis(ordered, place, axis=1).astype(np.float32)
            floor = np.nextafter(at, np.float32(np.inf)).astype(np.float64)
            fused = np.where(lifted, np.maximum(fused, floor), fused)
        served = fused.astype(np.float32)
        found = self.wanted[rows] * pooled * _top_k_mask(served, k)
        # a sample none of whose active sources listed anything fuses to nothing
        return int(found[any_source.any(axis=1)].sum())


def _top_k_mask(scores: np.ndarray, k: int) -> np.ndarray:
    """Per row, the k entries a stable sort by descending score would put first: all above the
    k-th largest score, then as many of those equal to it as fit, in column order (a partition
    instead of a full sort: the sort was half the search's time)."""
    if scores.shape[1] <= k:
        return np.ones(scores.shape, dtype=bool)
    kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1:k]
    above = scores > kth
    tied = scores == kth
    room = k - above.sum(axis=1, keepdims=True)
    return above | (tied & (np.cumsum(tied, axis=1) <= room))
