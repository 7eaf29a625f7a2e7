"""Popularity prior: how often an item occurs in the training interactions; and, where
interactions carry dates (retail baskets), the best sellers of the last RECENT_DAYS of them and
the new arrivals (items first sold in those days)."""

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
                 period: str = "", first_sold: np.ndarray | None = None,
                 last_day: int | None = None):
        """`recent`: counts over the last RECENT_DAYS only, `period` says which days ("the
        4 weeks to 2011-09-30"); without them the best sellers are the all-time counts.
        `first_sold`: each item's first day in the dated interactions (a date ordinal, -1:
        never) and `last_day` their last, for the new arrivals; None where there are no
        dates."""
        if any(a is not None and a.shape != (len(catalog),) for a in (counts, recent,
                                                                     first_sold)):
            raise ValueError("popularity counts must have one entry per catalogue item")
        self.catalog = catalog
        self.counts = counts.astype(np.float32)
        self.scores = np.log1p(self.counts).astype(np.float32)
        self.recent = recent.astype(np.float32) if recent is not None else None
        self.period = period if recent is not None else ""
        dated = first_sold is not None and recent is not None and last_day is not None
        self.first_sold = first_sold.astype(np.int64) if dated else None
        self.last_day = last_day if dated else None

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
        never = np.iinfo(np.int64).max
        first = np.full(len(data.catalog), never, dtype=np.int64)
        for session, day in zip(data.sessions, data.session_dates, strict=True):
            ids = np.asarray(session, dtype=np.int64)
            if day[:10] >= start:
                np.add.at(recent, ids, 1.0)
            np.minimum.at(first, ids, date.fromisoformat(day[:10]).toordinal())
        first[first == never] = -1
        return cls(data.catalog, counts, recent,
                   f"the {RECENT_DAYS // 7} weeks to {last.isoformat()}", first, last.toordinal())

    def best_sellers(self, query: Query, k: int) -> Candidates:
        """The most bought items of the recent period (all-time counts break ties and stand in
        where there are no dates): "best sellers", "trending"."""
        if self.recent is None:
            return self.retrieve(query, k)
        ids, top = top_allowed(self._recent_scores(), allowed_mask(self.catalog, query), k)
        if ids.size == 0:
            return Candidates.empty("no item satisfies the filters")
        top = top.astype(np.float32)
        return Candidates(ids, top, {self.name: top})

    def _recent_scores(self) -> np.ndarray:
        # recent sales are whole numbers: the all-time share (< 1) only breaks their ties
        return (self.recent + self.counts / (1.0 + float(self.counts.max()))).astype(np.float64)

    def new_arrivals(self, query: Query, k: int) -> Candidates | None:
        """The items first sold in the recent period ("what's new?"), its best sellers first;
        None where the interactions carry no dates (nothing to tell new from old by)."""
        if self.first_sold is None or self.recent is None or self.last_day is None:
            return None
        new = self.first_sold > self.last_day - RECENT_DAYS
        ids, top = top_allowed(self._recent_scores(), allowed_mask(self.catalog, query) & new, k)
        if ids.size == 0:
            return Candidates.empty("nothing allowed was first sold in the recent period")
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
        if self.first_sold is not None:
            np.save(directory / "popularity_first.npy", self.first_sold, allow_pickle=False)
        (directory / "popularity.json").write_text(json.dumps({
            "items": len(self.catalog), "period": self.period, "last_day": self.last_day}))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> PopularityRetriever:
        path = directory / "popularity.npy"
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        counts = np.load(path, allow_pickle=False)
        recent, first = (np.load(p, allow_pickle=False) if p.is_file() else None for p in (
            directory / "popularity_recent.npy", directory / "popularity_first.npy"))
        if any(a is not None and a.shape != (len(catalog),) for a in (counts, recent, first)):
            raise ArtifactError(f"{path} is stale: run `because build {catalog.name} --force`")
        meta_path = directory / "popularity.json"
        meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
        return cls(catalog, counts, recent, meta.get("period", ""), first, meta.get("last_day"))
