"""Item-item co-occurrence: co-mention within a dialogue, co-purchase within a basket.

Scores are cosine-normalised counts, c(i, j) / sqrt(n_i * n_j), so blockbusters do not swamp
every list; recent context items weigh more than old ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from assistant.catalog import Catalog
from assistant.errors import ArtifactError
from assistant.training import TrainingData
from assistant.types import Candidates, Query
from retrieval.filters import allowed_mask, known_ids, top_allowed

RECENCY_DECAY = 0.85  # weight of a context item per step back in time


def cooccurrence_matrix(sessions: Sequence[Sequence[int]], n_items: int) -> sparse.csr_matrix:
    rows, cols = [], []
    for session in sessions:
        items = np.unique(np.asarray(session, dtype=np.int64))
        if items.size < 2:
            continue
        a, b = np.meshgrid(items, items, indexing="ij")
        off = a != b
        rows.append(a[off])
        cols.append(b[off])
    if not rows:
        return sparse.csr_matrix((n_items, n_items), dtype=np.float32)
    r, c = np.concatenate(rows), np.concatenate(cols)
    counts = sparse.csr_matrix((np.ones(r.size, np.float32), (r, c)), shape=(n_items, n_items))
    counts.sum_duplicates()
    occurrences = np.zeros(n_items, np.float32)
    for session in sessions:
        occurrences[np.unique(np.asarray(session, dtype=np.int64))] += 1
    norm = 1.0 / np.sqrt(np.maximum(occurrences, 1.0))
    scaled = sparse.diags(norm) @ counts @ sparse.diags(norm)
    return sparse.csr_matrix(scaled, dtype=np.float32)


class CooccurrenceRetriever:
    name = "cooc"

    def __init__(self, catalog: Catalog, matrix: sparse.csr_matrix):
        if matrix.shape != (len(catalog), len(catalog)):
            raise ValueError("co-occurrence matrix must be items x items")
        self.catalog = catalog
        self.matrix = matrix

    @classmethod
    def fit(cls, data: TrainingData) -> CooccurrenceRetriever:
        return cls(data.catalog, cooccurrence_matrix(data.sessions, len(data.catalog)))

    def item_scores(self, history: Sequence[int]) -> np.ndarray:
        """Dense score vector for a context, most recent item last."""
        scores = np.zeros(len(self.catalog), dtype=np.float32)
        history = list(dict.fromkeys(reversed(history)))  # newest first, unique
        for age, item in enumerate(history):
            start, end = self.matrix.indptr[item], self.matrix.indptr[item + 1]
            scores[self.matrix.indices[start:end]] += (RECENCY_DECAY**age) * self.matrix.data[
                start:end
            ]
        return scores

    def retrieve(self, query: Query, k: int) -> Candidates:
        history = known_ids(self.catalog, query.history_ids or query.liked_ids)
        if not history:
            return Candidates.empty("no known items in the context to co-occur with")
        scores = self.item_scores(history)
        ids, top = top_allowed(scores, allowed_mask(self.catalog, query), k, require_positive=True)
        if ids.size == 0:
            return Candidates.empty("no allowed item co-occurs with the context")
        return Candidates(ids, top, {self.name: top})

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        m = self.matrix
        np.savez(directory / "cooccurrence.npz", data=m.data, indices=m.indices, indptr=m.indptr)
        (directory / "cooccurrence.json").write_text(json.dumps({"items": len(self.catalog)}))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> CooccurrenceRetriever:
        path = directory / "cooccurrence.npz"
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        with np.load(path, allow_pickle=False) as arrays:
            n = len(catalog)
            if arrays["indptr"].shape != (n + 1,):
                raise ArtifactError(f"{path} is stale: run `because build {catalog.name} --force`")
            matrix = sparse.csr_matrix(
                (arrays["data"], arrays["indices"], arrays["indptr"]), shape=(n, n)
            )
        return cls(catalog, matrix)
