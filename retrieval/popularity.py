"""Popularity prior: how often an item occurs in the training interactions; and the best
sellers of the last RECENT_DAYS of them, where interactions carry dates (retail baskets)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from core.catalog import Catalog
from core.errors import ArtifactError
from core.training import TrainingData
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, top_allowed

RECENT_DAYS = 28


class PopularityRetriever:
    name = "pop"

    def __init__(self, catalog: Catalog, counts: np.ndarray, recent: np.ndarray | None = None,
                 period: str = ""):
        """`recent`: counts over the last RECENT_DAYS only, `period` says which days ("the
        4 weeks to 2011-09-30"); without them the best sellers are the all-time counts."""
        if counts.shape != (len(catalog),) or (recent is not None and
                                               recent.shape != (len(catalog),)):
            raise ValueError("popularity counts must have one entry per catalogue item")
        self.catalog = catalog
        self.counts = counts.astype(np.float32)
        self.scores = np.log1p(self.counts).astype(np.float32)
        self.recent = recent.astype(np.float32) if recent is not None else None
        self.period = period if recent is not None else ""

    @classmethod
    def fit(cls, data: TrainingData) -> PopularityRetriever:
        counts = np.zeros(len(data.catalog), dtype=np.float32)
        for session in data.sessions:
            np.add.at(counts, np.asarray(session, dtype=np.int64), 1.0)
        if not data.session_dates:
            return cls(data.catalog, counts)
        last = max(date.fromisoformat(d[:10]) for d in data.session_dates)
        start = (last - timedelta(days=RECENT_DAYS - 1)).isoformat()
        recent = np.zeros(len(data.catalog), dtype=np.float32)
        for session, day in zip(data.sessions, data.session_dates, strict=True):
            if day[:10] >= start:
                np.add.at(recent, np.asarray(session, dtype=np.int64), 1.0)
        return cls(data.catalog, counts, recent,
                   f"the {RECENT_DAYS // 7} weeks to {last.isoformat()}")

    def best_sellers(self, query: Query, k: int) -> Candidates:
        """The most bought items of the recent period (all-time counts break ties and stand in
        where there are no dates): "best sellers", "trending"."""
        if self.recent is None:
            return self.retrieve(query, k)
        # recent sales are whole numbers: the all-time share (< 1) only breaks their ties
        scores = (self.recent + self.counts / (1.0 + float(self.counts.max()))).astype(np.float64)
        ids, top = top_allowed(scores, allowed_mask(self.catalog, query), k)
        if ids.size == 0:
            return Candidates.empty("no item satisfies the filters")
        top = top.astype(np.float32)
        return Candidates(ids, top, {self.name: top})

    def retrieve(self, query: Query, k: int) -> Candidates:
        ids, scores = top_allowed(self.scores, allowed_mask(self.catalog, query), k)
        if ids.size == 0:
            return Candidates.empty("no item satisfies the filters")
        return Candidates(ids, scores, {self.name: scores})

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "popularity.npy", self.counts, allow_pickle=False)
        if self.recent is not None:
            np.save(directory / "popularity_recent.npy", self.recent, allow_pickle=False)
        (directory / "popularity.json").write_text(json.dumps({"items": len(self.catalog),
                                                              "period": self.period}))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> PopularityRetriever:
        path = directory / "popularity.npy"
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        counts = np.load(path, allow_pickle=False)
        recent_path = directory / "popularity_recent.npy"
        recent = np.load(recent_path, allow_pickle=False) if recent_path.is_file() else None
        if counts.shape != (len(catalog),) or (recent is not None and
                                               recent.shape != (len(catalog),)):
            raise ArtifactError(f"{path} is stale: run `because build {catalog.name} --force`")
        meta = directory / "popularity.json"
        period = json.loads(meta.read_text()).get("period", "") if meta.is_file() else ""
        return cls(catalog, counts, recent, period)
