"""Item-item co-occurrence: co-mention within a dialogue, co-purchase within a basket.

score(i -> j) = c(i, j) / (n_i ** row_damping * n_j ** target_damping), with c the number of
training sessions holding both items and n the sessions holding one. Damping the target's own
frequency keeps blockbusters from swamping every list; damping the row balances a rare context
item against a common one. A context scores sum_i decay**age(i) * score(i -> j), newest item
first. The exponents and decay are chosen on the TUNE split (never on valid) by `fit`.

The matrix is kept as plain CSR arrays (indptr, indices, data), numpy only, so a query is one
gather and one bincount.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from core.catalog import Catalog
from core.errors import ArtifactError
from core.samples import Sample
from core.training import TrainingData
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, known_ids, top_allowed

TUNE_K = 10  # variants are compared by recall@TUNE_K on the tune split


@dataclass(frozen=True)
class CooccurrenceConfig:
    row_damping: float = 0.5  # cosine by default: c / sqrt(n_i * n_j)
    target_damping: float = 0.5
    recency_decay: float = 0.85  # weight of a context item per step back in time


# The tuning grid: row and target damping from raw counts (0, 0) over cosine (0.5, 0.5) to the
# conditional probability P(j|i) (1, 0), each with several recency decays.
ROW_DAMPINGS = (0.0, 0.5, 1.0)
TARGET_DAMPINGS = (0.0, 0.5)
DECAYS = (0.7, 0.85, 1.0)
MAX_TUNE_SAMPLES = 400  # a fixed, evenly spaced subset keeps fitting fast on long retail histories


@dataclass(frozen=True)
class CooccurrenceCounts:
    """Symmetric co-occurrence counts in CSR form, plus per-item session counts."""

    indptr: np.ndarray  # int64 (n + 1)
    indices: np.ndarray  # int32, column ids, sorted within a row
    counts: np.ndarray  # float32 c(i, j)
    occurrences: np.ndarray  # float32 n_i

    @property
    def n_items(self) -> int:
        return int(self.indptr.shape[0] - 1)

    def weighted(self, config: CooccurrenceConfig) -> np.ndarray:
        """The CSR data array under a variant's damping."""
        n = np.maximum(self.occurrences, 1.0).astype(np.float64)
        rows = np.repeat(np.arange(self.n_items), np.diff(self.indptr))
        data = self.counts / (n[rows] ** config.row_damping
                              * n[self.indices] ** config.target_damping)
        return data.astype(np.float32)


def count_cooccurrences(sessions: Sequence[Sequence[int]], n_items: int) -> CooccurrenceCounts:
    """Count, for every ordered pair of distinct items, the sessions holding both."""
    occurrences = np.zeros(n_items, np.float32)
    codes = []
    for session in sessions:
        items = np.unique(np.asarray(session, dtype=np.int64))
        items = items[(items >= 0) & (items < n_items)]
        occurrences[items] += 1
        if items.size < 2:
            continue
        pair = items[:, None] * n_items + items[None, :]
        codes.append(pair[~np.eye(items.size, dtype=bool)])
    if codes:
        unique, counts = np.unique(np.concatenate(codes), return_counts=True)
    else:
        unique, counts = np.empty(0, np.int64), np.empty(0, np.int64)
    rows, cols = np.divmod(unique, n_items)  # np.unique sorts: rows ascending, columns within
    indptr = np.zeros(n_items + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n_items), out=indptr[1:])
    return CooccurrenceCounts(indptr, cols.astype(np.int32), counts.astype(np.float32),
                              occurrences)


def context_scores(indptr: np.ndarray, indices: np.ndarray, data: np.ndarray,
                   history: Sequence[int], decay: float, n_items: int) -> np.ndarray:
    """Dense scores for a context (oldest item first): gather the rows, weight, bincount."""
    newest_first = np.asarray(list(dict.fromkeys(reversed(history))), dtype=np.int64)
    if newest_first.size == 0:
        return np.zeros(n_items, np.float32)
    positions, age = _gather(indptr, newest_first)
    scores = np.bincount(indices[positions], weights=data[positions] * decay ** age,
                         minlength=n_items)
    return scores.astype(np.float32)


def _gather(indptr: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CSR positions of the rows of `items`, and which of the items each position belongs to."""
    starts, lengths = indptr[items], indptr[items + 1] - indptr[items]
    total = int(lengths.sum())
    owner = np.repeat(np.arange(items.size), lengths)
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + offsets, owner


def _top_positive(scores: np.ndarray, k: int) -> np.ndarray:
    """Ids of the k best positive scores, ties by lower id (as retrieval.filters.top_allowed)."""
    ids = np.flatnonzero(scores > 0)
    if ids.size > k:  # keep everything tied with the k-th best, then order exactly
        kth = np.partition(scores[ids], ids.size - k)[ids.size - k]
        ids = ids[scores[ids] >= kth]
    return ids[np.lexsort((ids, -scores[ids]))[:k]]


def tune_grid(counts: CooccurrenceCounts, samples: Sequence[Sample],
              k: int = TUNE_K) -> dict[CooccurrenceConfig, float]:
    """recall@k over labels (one per target, exclusions applied) for every grid variant.

    Factorised for speed: score_j = n_j^-b * sum_i decay^age_i * n_i^-a * c_ij, so each sample
    gathers its rows once, runs one bincount per (a, decay) and rescales per b.
    """
    n = np.maximum(counts.occurrences, 1.0).astype(np.float64)
    target_scale = {b: n ** -b for b in TARGET_DAMPINGS}
    step = max(1, -(-len(samples) // MAX_TUNE_SAMPLES))
    hits = {c: 0 for c in (CooccurrenceConfig(a, b, d) for a in ROW_DAMPINGS
                           for b in TARGET_DAMPINGS for d in DECAYS)}
    labels = 0
    for sample in samples[::step]:
        labels += len(sample.target_ids)
        history = [i for i in sample.query.history_ids if 0 <= i < counts.n_items]
        items = np.asarray(list(dict.fromkeys(reversed(history))), dtype=np.int64)
        if items.size == 0:
            continue
        positions, owner = _gather(counts.indptr, items)
        cols, cnt = counts.indices[positions], counts.counts[positions].astype(np.float64)
        banned = [i for i in (*sample.query.exclude_ids, *sample.query.disliked_ids)
                  if 0 <= i < counts.n_items]
        targets = set(sample.target_ids)
        age = np.arange(items.size)
        for a in ROW_DAMPINGS:
            for d in DECAYS:
                weight = (n[items] ** -a * d ** age)[owner]  # per context item, then per entry
                raw = np.bincount(cols, cnt * weight, minlength=counts.n_items)
                raw[banned] = 0.0
                for b in TARGET_DAMPINGS:
                    hits[CooccurrenceConfig(a, b, d)] += len(targets & set(
                        _top_positive(raw * target_scale[b], k).tolist()))
    return {c: h / labels if labels else 0.0 for c, h in hits.items()}


def select_config(counts: CooccurrenceCounts, samples: Sequence[Sample]) -> tuple[
        CooccurrenceConfig, dict[str, float]]:
    """The variant with the best tune recall (ties: the first in grid order)."""
    if not samples:
        return CooccurrenceConfig(), {}
    results = tune_grid(counts, samples)
    best = max(results, key=results.__getitem__)
    return best, {json.dumps(asdict(c)): round(r, 5) for c, r in results.items()}


class CooccurrenceRetriever:
    name = "cooc"

    def __init__(self, catalog: Catalog, indptr: np.ndarray, indices: np.ndarray,
                 data: np.ndarray, config: CooccurrenceConfig | None = None):
        n = len(catalog)
        if indptr.shape != (n + 1,) or indices.shape != data.shape or indptr[-1] != data.size:
            raise ValueError("co-occurrence CSR arrays do not match the catalogue")
        self.catalog = catalog
        self.indptr = indptr.astype(np.int64)
        self.indices = indices.astype(np.int32)
        self.data = data.astype(np.float32)
        self.config = config or CooccurrenceConfig()
        self.tune_results: dict[str, float] = {}

    @classmethod
    def fit(cls, data: TrainingData,
            config: CooccurrenceConfig | None = None) -> CooccurrenceRetriever:
        """Count co-occurrences in the train sessions; pick the variant on the tune samples
        unless `config` is given."""
        counts = count_cooccurrences(data.sessions, len(data.catalog))
        results: dict[str, float] = {}
        if config is None:
            config, results = select_config(counts, data.tune_samples)
        model = cls(data.catalog, counts.indptr, counts.indices, counts.weighted(config), config)
        model.tune_results = results
        return model

    def item_scores(self, history: Sequence[int]) -> np.ndarray:
        """Dense score vector for a context, most recent item last (unknown ids ignored)."""
        return context_scores(self.indptr, self.indices, self.data,
                              known_ids(self.catalog, tuple(history)),
                              self.config.recency_decay, len(self.catalog))

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
        np.savez(directory / "cooccurrence.npz", indptr=self.indptr, indices=self.indices,
                 data=self.data)
        (directory / "cooccurrence.json").write_text(json.dumps(
            {"items": len(self.catalog), "config": asdict(self.config),
             "tune_recall@10": self.tune_results}, indent=2))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> CooccurrenceRetriever:
        path, meta = directory / "cooccurrence.npz", directory / "cooccurrence.json"
        if not path.is_file() or not meta.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        try:
            # artifacts written before the variants were tuned hold cosine scores, decay 0.85
            config = CooccurrenceConfig(**json.loads(meta.read_text()).get(
                "config", asdict(CooccurrenceConfig())))
            with np.load(path, allow_pickle=False) as arrays:
                indptr, indices, data = arrays["indptr"], arrays["indices"], arrays["data"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ArtifactError(f"{path} is unreadable ({exc}): run `because build "
                                f"{catalog.name} --force`") from exc
        if indptr.shape != (len(catalog) + 1,):
            raise ArtifactError(f"{path} is stale: run `because build {catalog.name} --force`")
        return cls(catalog, indptr, indices, data, config)
