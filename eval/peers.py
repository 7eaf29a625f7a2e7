"""Peer-library rows (`because eval CATALOG --peers`, extra `[peers]`): implicit's ALS and BPR
and RePlay's SASRec through the same protocol, samples and metrics as every other row, with their
training time.

implicit's two train on the training view's sessions as "users" (a customer's baskets summed, a
dialogue's mentions) and score a query by folding its history in: ALS solves the query's user
factors exactly (`recalculate_user`); BPR has no fold-in, so a query's vector is the mean of its
history items' factors. Scores go through the same filters and top-k as our sources.

The sequential peer is RePlay's SASRec (`eval/peer_sasrec.py`, `replay-rec[torch]`): it installs
with our torch and numpy (it pins pandas below 3, so the extra brings pandas 2). Checked and left
out: RecTools 0.19 (SASRec, BERT4Rec) pins numpy < 2 on Python 3.11 and, installed without its
pins, fails under pandas 3 (`IdMap.from_values`: "unique requires a Series ... got tuple");
RecBole (GRU4Rec, SASRec) pulls ray and its own pinned stack.
"""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
from scipy import sparse

from core.catalog import Catalog
from core.training import TrainingData
from core.types import Candidates, Query
from eval.context import EvalContext
from retrieval.filters import allowed_mask, known_ids, top_allowed

FACTORS = 64
SEED = 13


def interaction_matrix(data: TrainingData) -> sparse.csr_matrix:
    """Groups (customers, dialogues) x items, counts of the sessions they appear in."""
    rows: dict[str, int] = defaultdict(lambda: len(rows))
    r, c = [], []
    groups = data.session_groups or [str(i) for i in range(len(data.sessions))]
    for group, session in zip(groups, data.sessions, strict=True):
        for item in session:
            r.append(rows[group])
            c.append(item)
    values = np.ones(len(r), dtype=np.float32)
    return sparse.csr_matrix((values, (r, c)), shape=(len(rows), len(data.catalog)))


class ImplicitPeer:
    """One implicit model as an evaluated system."""

    def __init__(self, name: str, catalog: Catalog, model, fold_in: str, seconds: float):
        self.name = name
        self.catalog = catalog
        self.model = model
        self.fold_in = fold_in  # "als" (exact user solve) or "mean" (mean of item factors)
        self.items = np.asarray(model.item_factors, dtype=np.float32)
        self.seconds = seconds

    def extra_metrics(self) -> dict[str, float]:
        return {"train_seconds": round(self.seconds, 1)}

    def retrieve(self, query: Query, k: int) -> Candidates:
        history = known_ids(self.catalog, query.history_ids or query.liked_ids)
        if not history:
            return Candidates.empty("no known items to fold in")
        allowed = allowed_mask(self.catalog, query)
        if self.fold_in == "als":
            counts = query.history_counts or (1,) * len(query.history_ids)
            weight = dict(zip(query.history_ids, counts, strict=True))
            row = sparse.csr_matrix(
                (np.asarray([float(weight.get(i, 1)) for i in history], dtype=np.float32),
                 (np.zeros(len(history), dtype=np.int64), np.asarray(history))),
                shape=(1, len(self.catalog)))
            user = np.asarray(self.model.recalculate_user(0, row), dtype=np.float32).ravel()
        else:
            user = self.items[list(history)].mean(axis=0)
        ids, scores = top_allowed(self.items @ user, allowed, k)
        return Candidates(ids, scores, {self.name: scores})


def systems(ctx: EvalContext) -> list:
    """implicit's ALS and BPR, and RePlay's SASRec, each where its library is installed."""
    rows: list = []
    missing = []
    try:
        rows += implicit_systems(ctx)
    except ImportError as exc:
        missing.append(f"implicit ({exc})")
    try:
        from eval import peer_sasrec

        rows.append(peer_sasrec.system(ctx.training))
    except ImportError as exc:
        missing.append(f"replay-rec ({exc})")
    if not rows:  # the rows need the [peers] extra
        raise SystemExit("--peers needs the peers extra: pip install 'because-rec[peers]' ("
                         + "; ".join(missing) + ")")
    if missing:  # said in the report, not dropped in silence
        ctx.notes.append("peer rows left out, library not installed: " + "; ".join(missing))
    return rows


def implicit_systems(ctx: EvalContext) -> list[ImplicitPeer]:
    from implicit.cpu.als import AlternatingLeastSquares
    from implicit.cpu.bpr import BayesianPersonalizedRanking

    matrix = interaction_matrix(ctx.served_training)  # the data our sources saw
    rows = []
    for name, make, fold_in in (
        ("implicit-als", lambda: AlternatingLeastSquares(
            factors=FACTORS, regularization=0.05, iterations=15, random_state=SEED,
            num_threads=1), "als"),
        ("implicit-bpr", lambda: BayesianPersonalizedRanking(
            factors=FACTORS, learning_rate=0.05, iterations=100, random_state=SEED,
            num_threads=1), "mean"),
    ):
        model = make()
        started = time.perf_counter()
        model.fit(matrix, show_progress=False)
        rows.append(ImplicitPeer(name, ctx.catalog, model, fold_in,
                                 time.perf_counter() - started))
    return rows
