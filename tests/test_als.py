"""ALS source: the conjugate-gradient sweep solves the normal equations, the fold-in is the exact
least-squares row, and a factorisation of block-structured sessions finds the block."""

import numpy as np
import pytest
import torch

from core.errors import ArtifactError
from core.samples import Sample
from core.training import TrainingData
from core.types import Query
from retrieval.als import (
    ALSConfig,
    ALSRetriever,
    Interactions,
    RowCells,
    confidence,
    interactions,
    solve_rows,
)
from tests.conftest import make_catalog
from tests.retriever_contract import check_contract


def block_sessions(rng: np.random.Generator, n: int = 300) -> list[tuple[int, ...]]:
    """Sessions of three items drawn from one of four blocks of ten: rank 4, so four factors
    separate the blocks exactly."""
    blocks = rng.integers(4, size=n)
    return [tuple(int(b * 10 + i) for i in rng.choice(10, 3, replace=False)) for b in blocks]


@pytest.fixture(scope="module")
def fitted():
    catalog = make_catalog(40)
    sessions = block_sessions(np.random.default_rng(0))
    data = TrainingData(catalog, [], [], sessions, [str(i) for i in range(len(sessions))])
    return catalog, data, ALSRetriever.fit(data, ALSConfig(factors=4, regularization=1.0,
                                                           alpha=5.0, sweeps=10))


def test_interactions_count_each_groups_sessions_per_item():
    catalog = make_catalog(10)
    data = TrainingData(catalog, [], [], [(1, 2), (2, 3), (4, 99)], ["a", "a", "b"])
    inter = interactions(data)
    cells = {(int(r), int(c)): float(n)
             for r, c, n in zip(inter.rows, inter.cols, inter.counts, strict=True)}
    assert cells == {(0, 1): 1.0, (0, 2): 2.0, (0, 3): 1.0, (1, 4): 1.0}  # 99: not an item
    assert (inter.n_rows, inter.n_items) == (2, 10)


def test_cg_sweep_solves_the_normal_equations_of_every_row():
    rng = np.random.default_rng(1)
    n_rows, n_items, k = 30, 25, 4
    cells = np.unique(rng.integers(0, n_rows * n_items, 200))
    rows, cols = np.divmod(cells, n_items)
    counts = rng.integers(1, 4, cells.size).astype(np.float32)
    inter = Interactions(rows, cols, counts, n_rows, n_items)
    items = torch.from_numpy(rng.normal(size=(n_items, k)).astype(np.float32))
    users = torch.zeros(n_rows, k)
    conf = confidence(inter.counts, alpha=3.0)
    solve_rows(items, users, RowCells(rows, cols, conf, k), reg=0.5, cg_steps=k)
    y = items.double().numpy()
    for u in range(n_rows):  # the dense definition: (Y'C_uY + reg I) x = Y'C_u p_u
        c = np.ones(n_items)
        p = np.zeros(n_items)
        c[cols[rows == u]] = conf[rows == u]
        p[cols[rows == u]] = 1.0
        exact = np.linalg.solve(y.T @ (c[:, None] * y) + 0.5 * np.eye(k), y.T @ (c * p))
        assert np.allclose(users[u].numpy(), exact, atol=1e-3)


def test_fold_in_is_the_exact_least_squares_row(fitted):
    catalog, _, model = fitted
    items, counts = [3, 7, 12], [1, 2, 1]
    y = model.item_factors.astype(np.float64)
    c = np.ones(len(catalog))
    c[items] = confidence(np.asarray(counts, np.float32), model.config.alpha)
    p = np.zeros(len(catalog))
    p[items] = 1.0
    exact = np.linalg.solve(y.T @ (c[:, None] * y) + model.config.regularization * np.eye(4),
                            y.T @ (c * p))
    assert np.allclose(model.user_vector(items, counts), exact, atol=1e-4)


def test_factorisation_finds_the_block_and_honours_the_contract(fitted):
    catalog, _, model = fitted
    query = Query(liked_ids=(21,), history_ids=(21,), exclude_ids=(21,))
    check_contract(model, catalog, query)
    top = model.retrieve(query, 9).item_id_list()
    assert set(top) == set(range(20, 30)) - {21}
    assert len(model.retrieve(Query(text="anything"), 5)) == 0  # nothing to fold in
    # a disliked item is never positive evidence: the same context without it ranks alike
    mixed = Query(liked_ids=(21,), disliked_ids=(5,), history_ids=(21, 5))
    assert model.retrieve(mixed, 9).item_id_list() == model.retrieve(
        Query(liked_ids=(21,), history_ids=(21,), exclude_ids=(5,)), 9).item_id_list()


def test_tuning_records_every_variant_and_keeps_the_best():
    catalog = make_catalog(40)
    rng = np.random.default_rng(2)
    sessions = block_sessions(rng)
    tune = []
    for s, session in enumerate(block_sessions(rng, 60)):
        q = Query(liked_ids=session[:1], history_ids=session[:1], exclude_ids=session[:1])
        tune.append(Sample(str(s), q, (), session[1:], session[1:], group=str(s)))
    data = TrainingData(catalog, [], tune, sessions, [str(i) for i in range(len(sessions))])
    model = ALSRetriever.fit(data)
    assert len(model.tune_results) == 4
    assert model.tune_recall(tune) == max(model.tune_results.values()) > 0.9


def test_save_load_round_trip_and_missing_artifact(fitted, tmp_path):
    catalog, _, model = fitted
    model.save(tmp_path)
    loaded = ALSRetriever.load(catalog, tmp_path)
    query = Query(liked_ids=(3, 4), history_ids=(3, 4))
    assert loaded.retrieve(query, 10).item_id_list() == model.retrieve(query, 10).item_id_list()
    with pytest.raises(ArtifactError, match="because build"):
        ALSRetriever.load(catalog, tmp_path / "nothing")
    with pytest.raises(ArtifactError, match="stale"):
        ALSRetriever.load(make_catalog(20), tmp_path)
