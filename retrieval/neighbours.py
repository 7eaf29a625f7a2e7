"""Neighbour source: TIFU-KNN (Hu, He, Rong & Zhang, SIGIR 2020) as a candidate source.

A history is a sequence of events, oldest first: a customer's baskets, or a dialogue's
mentioned items one at a time. Events are grouped from the newest backwards, GROUP_SIZE per
group; inside a group an event weighs within_decay ** (steps from the group's newest event) and
the group is the mean of its weighted events; the person's vector is the mean of the groups,
each weighted group_decay ** (groups from the newest). A query scores
    alpha * its own vector + (1 - alpha) * the mean vector of its k nearest training people
(cosine over those vectors). The personal part is what the person buys now, decayed by time;
the neighbour part is what people with the same recent habits buy, which neither the repeat
source (own items only) nor item-item co-occurrence (one item at a time) scores. Next-basket
benchmarks found this simple model level with or above neural ones ("A Next Basket
Recommendation Reality Check", Li et al., TOIS 2023). Alpha and k are picked on the tune split.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from core.catalog import Catalog
from core.errors import ArtifactError
from core.samples import Sample
from core.training import TrainingData
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, top_allowed

TUNE_K = 50
MAX_TUNE_SAMPLES = 400
CONFIG_FILE = "neighbours.json"
MATRIX_FILE = "neighbours.npz"


@dataclass(frozen=True)
class NeighbourConfig:
    # the paper's values for grocery baskets (group size 7, decays 0.9 within, 0.7 across)
    group_size: int = 7
    within_decay: float = 0.9
    group_decay: float = 0.7
    alpha: float = 0.5  # weight of the person's own vector against the neighbours' mean
    k: int = 300  # neighbours


# Two knobs, wide steps (the validation split flatters; robustness beats the last point)
GRID = tuple(NeighbourConfig(alpha=a, k=k) for a in (0.2, 0.5, 0.8) for k in (100, 300))


def history_vector(events: Sequence[Sequence[int]], config: NeighbourConfig
                   ) -> dict[int, float]:
    """The person's time-decayed item weights (sparse: item -> weight)."""
    out: dict[int, float] = defaultdict(float)
    n, size = len(events), config.group_size
    groups = -(-n // size)
    for g in range(groups):  # g = 0 is the newest group
        members = events[max(0, n - (g + 1) * size) : n - g * size]
        weight = config.group_decay ** g / (len(members) * groups)
        for step, event in enumerate(reversed(members)):
            for item in set(event):
                out[int(item)] += weight * config.within_decay ** step
    return dict(out)


def query_events(query: Query, n_items: int) -> list[tuple[int, ...]]:
    """The query's history as events: its baskets, else one event per history id; disliked
    items are not habits."""
    disliked = set(query.disliked_ids)
    raw = query.history_baskets or tuple((i,) for i in query.history_ids)
    events = [tuple(int(i) for i in e if 0 <= int(i) < n_items and int(i) not in disliked)
              for e in raw]
    return [e for e in events if e]


def people_events(data: TrainingData) -> list[list[tuple[int, ...]]]:
    """Each training group's sessions as events, oldest first (by date where there are
    dates; sessions without a group are one person each)."""
    groups = data.session_groups or [str(i) for i in range(len(data.sessions))]
    order = range(len(data.sessions))
    if data.session_dates:
        order = sorted(order, key=lambda i: data.session_dates[i])
    people: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for i in order:
        if data.sessions[i]:
            people[groups[i]].append(tuple(data.sessions[i]))
    return list(people.values())


def people_matrix(people: list[list[tuple[int, ...]]], n_items: int,
                  config: NeighbourConfig) -> sparse.csr_matrix:
    rows, cols, values = [], [], []
    for row, events in enumerate(people):
        vector = history_vector(events, config)
        rows += [row] * len(vector)
        cols += list(vector)
        values += list(vector.values())
    return sparse.csr_matrix((np.asarray(values, np.float32), (rows, cols)),
                             shape=(len(people), n_items))


class NeighbourRetriever:
    name = "neighbours"

    def __init__(self, catalog: Catalog, people: sparse.csr_matrix,
                 config: NeighbourConfig = NeighbourConfig(),
                 tune_results: dict | None = None):
        if people.shape[1] != len(catalog):
            raise ValueError(f"people matrix has {people.shape[1]} items, the catalogue "
                             f"{len(catalog)}")
        self.catalog = catalog
        self.people = people.tocsr().astype(np.float32)
        self.norms = np.sqrt(np.asarray(self.people.multiply(self.people).sum(axis=1))
                             ).ravel().astype(np.float32)
        self.config = config
        self.tune_results = tune_results or {}

    @classmethod
    def fit(cls, data: TrainingData, config: NeighbourConfig | None = None
            ) -> NeighbourRetriever:
        """The training people's vectors; alpha and k picked on the tune samples unless
        `config` is given (the decays shape the vectors, so they stay fixed)."""
        people = people_events(data)
        base = config or NeighbourConfig()
        matrix = people_matrix(people, len(data.catalog), base)
        if config is not None or not data.tune_samples:
            return cls(data.catalog, matrix, base)
        step = max(1, len(data.tune_samples) // MAX_TUNE_SAMPLES)
        samples = data.tune_samples[::step][:MAX_TUNE_SAMPLES]
        results = {}
        for variant in GRID:
            model = cls(data.catalog, matrix, variant)
            results[f"alpha={variant.alpha},k={variant.k}"] = (model.recall(samples), variant)
        best = max(results.values(), key=lambda r: r[0])[1]
        return cls(data.catalog, matrix, best,
                   {name: round(r, 4) for name, (r, _) in results.items()})

    def recall(self, samples: Sequence[Sample], k: int = TUNE_K) -> float:
        hits = total = 0
        for sample in samples:
            found = set(self.retrieve(sample.query, k).item_ids.tolist())
            hits += sum(t in found for t in sample.target_ids)
            total += len(sample.target_ids)
        return hits / max(total, 1)

    def scores(self, query: Query) -> np.ndarray | None:
        n = len(self.catalog)
        events = query_events(query, n)
        if not events:
            return None
        own = history_vector(events, self.config)
        ids = np.fromiter(own, dtype=np.int64, count=len(own))
        values = np.fromiter(own.values(), dtype=np.float32, count=len(own))
        dense = np.zeros(n, np.float32)
        dense[ids] = values
        similarity = self.people @ dense / (self.norms * np.linalg.norm(values) + 1e-12)
        positive = np.flatnonzero(similarity > 0)
        dense *= self.config.alpha
        if positive.size:
            k = min(self.config.k, positive.size)
            nearest = positive[np.argpartition(-similarity[positive], k - 1)[:k]]
            neighbours = np.asarray(self.people[nearest].mean(axis=0)).ravel()
            dense += (1.0 - self.config.alpha) * neighbours
        return dense

    def retrieve(self, query: Query, k: int) -> Candidates:
        scores = self.scores(query)
        if scores is None:
            return Candidates.empty("no known items in the history to find neighbours by")
        ids, top = top_allowed(scores, allowed_mask(self.catalog, query), k,
                               require_positive=True)
        if ids.size == 0:
            return Candidates.empty("no allowed item among the person's or their neighbours'")
        return Candidates(ids, top, {self.name: top})

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        m = self.people
        np.savez(directory / MATRIX_FILE, indptr=m.indptr, indices=m.indices, data=m.data,
                 shape=np.asarray(m.shape, np.int64))
        (directory / CONFIG_FILE).write_text(json.dumps(
            {"config": asdict(self.config), f"tune_recall@{TUNE_K}": self.tune_results},
            indent=2))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> NeighbourRetriever:
        path, meta = directory / MATRIX_FILE, directory / CONFIG_FILE
        if not path.is_file() or not meta.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name} --force`")
        try:
            stored = json.loads(meta.read_text())
            config = NeighbourConfig(**stored["config"])
            with np.load(path, allow_pickle=False) as a:
                matrix = sparse.csr_matrix((a["data"], a["indices"], a["indptr"]),
                                           shape=tuple(a["shape"].tolist()))
            return cls(catalog, matrix, config, stored.get(f"tune_recall@{TUNE_K}"))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ArtifactError(f"{path} is unreadable or stale ({exc}): run `because build "
                                f"{catalog.name} --force`") from exc
