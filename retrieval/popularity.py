"""Popularity prior: how often an item occurs in the training interactions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from core.catalog import Catalog
from core.errors import ArtifactError
from core.training import TrainingData
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, top_allowed


class PopularityRetriever:
    name = "pop"

    def __init__(self, catalog: Catalog, counts: np.ndarray):
        if counts.shape != (len(catalog),):
            raise ValueError("popularity counts must have one entry per catalogue item")
        self.catalog = catalog
        self.counts = counts.astype(np.float32)
        self.scores = np.log1p(self.counts).astype(np.float32)

    @classmethod
    def fit(cls, data: TrainingData) -> PopularityRetriever:
        counts = np.zeros(len(data.catalog), dtype=np.float32)
        for session in data.sessions:
            np.add.at(counts, np.asarray(session, dtype=np.int64), 1.0)
        return cls(data.catalog, counts)

    def retrieve(self, query: Query, k: int) -> Candidates:
        ids, scores = top_allowed(self.scores, allowed_mask(self.catalog, query), k)
        if ids.size == 0:
            return Candidates.empty("no item satisfies the filters")
        return Candidates(ids, scores, {self.name: scores})

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "popularity.npy", self.counts, allow_pickle=False)
        (directory / "popularity.json").write_text(json.dumps({"items": len(self.catalog)}))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> PopularityRetriever:
        path = directory / "popularity.npy"
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        counts = np.load(path, allow_pickle=False)
        if counts.shape != (len(catalog),):
            raise ArtifactError(f"{path} is stale: run `because build {catalog.name} --force`")
        return cls(catalog, counts)
