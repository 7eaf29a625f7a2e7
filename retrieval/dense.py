"""Dense text source: the context text and the liked items, matched to item text embeddings."""

from __future__ import annotations

import numpy as np

from core.catalog import Catalog
from core.types import Candidates, Query
from retrieval.encoder import TextEncoder
from retrieval.filters import allowed_mask, known_ids
from retrieval.index import VectorIndex

TEXT_WEIGHT = 1.0
LIKED_WEIGHT = 1.0
DISLIKED_WEIGHT = 0.3  # a disliked item pushes the query away, but less than a like pulls


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


class DenseTextRetriever:
    name = "text"

    def __init__(self, catalog: Catalog, encoder: TextEncoder, index: VectorIndex):
        self.catalog = catalog
        self.encoder = encoder
        self.index = index

    def query_vector(self, query: Query) -> np.ndarray | None:
        parts = []
        if query.text.strip():
            parts.append(TEXT_WEIGHT * self.encoder.encode_query(query.text))
        liked = known_ids(self.catalog, query.liked_ids)
        if liked:
            parts.append(LIKED_WEIGHT * _unit(self.index.vectors[list(liked[-10:])].mean(axis=0)))
        if not parts:
            return None
        vector = np.sum(parts, axis=0)
        disliked = known_ids(self.catalog, query.disliked_ids)
        if disliked:
            vector = vector - DISLIKED_WEIGHT * _unit(self.index.vectors[list(disliked)].mean(0))
        return _unit(vector).astype(np.float32)

    def retrieve(self, query: Query, k: int) -> Candidates:
        vector = self.query_vector(query)
        if vector is None:
            return Candidates.empty("no text and no known liked items to match")
        allowed = allowed_mask(self.catalog, query)
        if not allowed.any():
            return Candidates.empty("no item satisfies the filters")
        ids, scores = self.index.search(vector, k, allowed)
        return Candidates(ids, scores, {self.name: scores})
