"""Implicit-feedback matrix factorisation (ALS, Hu, Koren & Volinsky, ICDM 2008) as a source.

Rows are the train groups (a dialogue, a customer), columns the items; r_ui counts the
sessions of group u that hold item i. Confidence c_ui = 1 + alpha * log1p(r_ui) on observed
cells, 1 elsewhere, preference 1 on observed cells. Both sides are solved by a few
conjugate-gradient steps per sweep (Takács et al., RecSys 2011), vectorised over all rows at
once, so fitting is seconds on 2 cores. A query folds its context in exactly: one k x k solve
against the fixed item factors, then scores every item, so new dialogues and customers need no
refit. The factor count, regularisation and alpha are picked on the tune split.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from core.catalog import Catalog
from core.errors import ArtifactError
from core.samples import Sample
from core.training import TrainingData
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, known_ids, top_allowed

TUNE_K = 50
MAX_TUNE_SAMPLES = 400


@dataclass(frozen=True)
class ALSConfig:
    factors: int = 128
    regularization: float = 10.0
    alpha: float = 5.0
    sweeps: int = 12
    cg_steps: int = 3
    seed: int = 0


# Few knobs, wide steps: the validation split flatters, so robustness beats the last point.
# (128 factors beat 64 on both catalogues' tune splits; movies chose 100 / 80, retail 10 / 5.)
GRID = tuple(ALSConfig(factors=128, regularization=r, alpha=a)
             for r in (10.0, 100.0) for a in (5.0, 80.0))


@dataclass(frozen=True)
class Interactions:
    """The group x item count matrix as coordinate arrays (one entry per observed cell)."""

    rows: np.ndarray  # int64 group index
    cols: np.ndarray  # int64 item id
    counts: np.ndarray  # float32 sessions of the group holding the item
    n_rows: int
    n_items: int


def interactions(data: TrainingData) -> Interactions:
    """Count each group's sessions per item (sessions without a group are their own row)."""
    n_items = len(data.catalog)
    groups = data.session_groups or [str(i) for i in range(len(data.sessions))]
    row_of: dict[str, int] = {}
    codes = []
    for session, group in zip(data.sessions, groups, strict=True):
        row = row_of.setdefault(group, len(row_of))
        items = np.unique(np.asarray(session, dtype=np.int64))
        items = items[(items >= 0) & (items < n_items)]
        codes.append(row * n_items + items)
    unique, counts = np.unique(np.concatenate(codes) if codes else np.empty(0, np.int64),
                               return_counts=True)
    rows, cols = np.divmod(unique, n_items)
    return Interactions(rows, cols, counts.astype(np.float32), len(row_of), n_items)


def confidence(counts: np.ndarray, alpha: float) -> np.ndarray:
    return (1.0 + alpha * np.log1p(counts)).astype(np.float32)


CHUNK = 16384  # observed cells per step: reused buffers, as fresh large arrays cost page faults


class RowCells:
    """The observed cells seen from one side, with scratch buffers reused across CG steps."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray, conf: np.ndarray, k: int):
        self.chunks = [(torch.from_numpy(rows[s:s + CHUNK]), torch.from_numpy(cols[s:s + CHUNK]),
                        torch.from_numpy(conf[s:s + CHUNK]))
                       for s in range(0, rows.size, CHUNK)]
        self.f = torch.empty(CHUNK, k)
        self.x = torch.empty(CHUNK, k)
        self.d = torch.empty(CHUNK)

    def accumulate(self, fixed: torch.Tensor, x: torch.Tensor | None, out: torch.Tensor) -> None:
        """out[u] += sum over u's cells of w * f_i, with w = (c - 1) f_i . x_u, or w = c when x
        is None (the right-hand side F' C_u p_u)."""
        for rows, cols, conf in self.chunks:
            n = rows.numel()
            f, xr, d = self.f[:n], self.x[:n], self.d[:n]
            torch.index_select(fixed, 0, cols, out=f)
            if x is None:
                torch.mul(f, conf.unsqueeze(1), out=xr)
            else:
                torch.index_select(x, 0, rows, out=xr)
                torch.mul(f, xr, out=xr)
                torch.sum(xr, 1, out=d)
                d.mul_(conf - 1.0)
                torch.mul(f, d.unsqueeze(1), out=xr)
            out.index_add_(0, rows, xr)


def solve_rows(fixed: torch.Tensor, solved: torch.Tensor, side: RowCells, reg: float,
                cg_steps: int) -> None:
    """Improve `solved` (n x k, in place) for (F'F + reg I + F' (C_u - I) F) x_u = F' C_u p_u,
    every row u at once, by conjugate gradient from the current rows."""
    gram = fixed.T @ fixed + reg * torch.eye(fixed.shape[1])

    def matvec(x: torch.Tensor) -> torch.Tensor:
        out = x @ gram
        side.accumulate(fixed, x, out)
        return out

    b = torch.zeros_like(solved)
    side.accumulate(fixed, None, b)
    r = b - matvec(solved)
    p = r.clone()
    rs = (r * r).sum(1)
    for _ in range(cg_steps):
        ap = matvec(p)
        step = rs / (p * ap).sum(1).clamp_min(1e-12)
        solved += step.unsqueeze(1) * p
        r -= step.unsqueeze(1) * ap
        rs_new = (r * r).sum(1)
        p = r + (rs_new / rs.clamp_min(1e-12)).unsqueeze(1) * p
        rs = rs_new


def fit_factors(inter: Interactions, config: ALSConfig) -> np.ndarray:
    """Item factors (n_items x factors, float32) after `config.sweeps` alternating sweeps."""
    gen = torch.Generator().manual_seed(config.seed)
    users = torch.randn(inter.n_rows, config.factors, generator=gen) * 0.01
    items = torch.randn(inter.n_items, config.factors, generator=gen) * 0.01
    conf = confidence(inter.counts, config.alpha)
    by_user = RowCells(inter.rows, inter.cols, conf, config.factors)
    by_item = RowCells(inter.cols, inter.rows, conf, config.factors)
    for _ in range(config.sweeps):
        solve_rows(items, users, by_user, config.regularization, config.cg_steps)
        solve_rows(users, items, by_item, config.regularization, config.cg_steps)
    return items.numpy()


class ALSRetriever:
    name = "als"

    def __init__(self, catalog: Catalog, item_factors: np.ndarray, config: ALSConfig):
        if item_factors.shape != (len(catalog), config.factors):
            raise ValueError("ALS item factors do not match the catalogue")
        self.catalog = catalog
        self.item_factors = item_factors.astype(np.float32)
        self.config = config
        factors = self.item_factors.astype(np.float64)
        self._gram = factors.T @ factors + config.regularization * np.eye(config.factors)
        self.tune_results: dict[str, float] = {}

    def user_vector(self, items: Sequence[int], counts: Sequence[int]) -> np.ndarray:
        """The exact least-squares row for a context (the fold-in of a new group)."""
        ids = np.asarray(items, dtype=np.int64)
        conf = confidence(np.asarray(counts, dtype=np.float32), self.config.alpha)
        f = self.item_factors[ids].astype(np.float64)
        a = self._gram + (f * (conf - 1.0)[:, None]).T @ f
        return np.linalg.solve(a, f.T @ conf).astype(np.float32)

    def item_scores(self, query: Query) -> np.ndarray | None:
        """Scores of every item for the query's context, or None when it has no known item.
        Disliked items are not positive evidence, whatever else the context says."""
        counts = query.history_counts or (1,) * len(query.history_ids)
        by_item: dict[int, int] = {}
        for item, count in zip(query.history_ids, counts, strict=True):
            by_item[int(item)] = by_item.get(int(item), 0) + int(count)
        for item in query.liked_ids:
            by_item.setdefault(int(item), 1)
        disliked = set(query.disliked_ids)
        items = [i for i in known_ids(self.catalog, tuple(by_item)) if i not in disliked]
        if not items:
            return None
        vector = self.user_vector(items, [by_item[i] for i in items])
        return self.item_factors @ vector

    def retrieve(self, query: Query, k: int) -> Candidates:
        scores = self.item_scores(query)
        if scores is None:
            return Candidates.empty("no known items in the context to factorise")
        ids, top = top_allowed(scores, allowed_mask(self.catalog, query), k)
        if ids.size == 0:
            return Candidates.empty("no item satisfies the filters")
        return Candidates(ids, top, {self.name: top})

    # -- training ---------------------------------------------------------------------------

    @classmethod
    def fit(cls, data: TrainingData, config: ALSConfig | None = None) -> ALSRetriever:
        """Factorise the train sessions; pick the variant on the tune samples unless given."""
        inter = interactions(data)
        if config is not None or not data.tune_samples:
            return cls(data.catalog, fit_factors(inter, config or ALSConfig()),
                       config or ALSConfig())
        best, results = None, {}
        for variant in GRID:
            model = cls(data.catalog, fit_factors(inter, variant), variant)
            results[json.dumps(asdict(variant))] = recall = model.tune_recall(data.tune_samples)
            if best is None or recall > best[0] + 1e-9:
                best = (recall, model)
        model = best[1]
        model.tune_results = results
        return model

    def tune_recall(self, samples: Sequence[Sample], k: int = TUNE_K) -> float:
        """recall@k over the labels of an evenly spaced subset of `samples`."""
        step = max(1, -(-len(samples) // MAX_TUNE_SAMPLES))
        hits = labels = 0
        for sample in samples[::step]:
            labels += len(sample.target_ids)
            top = self.retrieve(sample.query, k).item_ids.tolist()
            hits += len(set(sample.target_ids) & set(top))
        return round(hits / labels, 5) if labels else 0.0

    # -- persistence ------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "als_items.npy", self.item_factors)
        (directory / "als.json").write_text(json.dumps(
            {"items": len(self.catalog), "config": asdict(self.config),
             f"tune_recall@{TUNE_K}": self.tune_results}, indent=2))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> ALSRetriever:
        path, meta = directory / "als_items.npy", directory / "als.json"
        if not path.is_file() or not meta.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        try:
            config = ALSConfig(**json.loads(meta.read_text())["config"])
            factors = np.load(path, allow_pickle=False)
            return cls(catalog, factors, config)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ArtifactError(f"{path} is unreadable or stale ({exc}): run `because build "
                                f"{catalog.name} --force`") from exc
