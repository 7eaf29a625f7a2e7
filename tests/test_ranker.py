"""Ranker contract and a synthetic case where one feature decides relevance."""

import numpy as np
import pytest
import torch

from core.types import Candidates, Query
from ranker.features import FEATURE_NAMES, GROUPS, FeatureContext, compute_features
from ranker.model import POPULARITY, RERANK_DEPTH, CrossNetwork, NeuralRanker, RankerConfig
from ranker.train import CandidateList, fit_network, listwise_loss, split_by_group
from tests.conftest import make_catalog

N_FEATURES = len(FEATURE_NAMES)
SIGNAL = [n for _, n in FEATURE_NAMES].index("liked_max_text")
POSITION = [n for _, n in FEATURE_NAMES].index("fused_inv_position")
GENRE = next(i for i, (group, _) in enumerate(FEATURE_NAMES) if group == "genre")


def synthetic_lists(rng, n_lists, length=RERANK_DEPTH):
    """Random features of warm items in fused order (the ranker's prior), as deep as the ranker
    reorders; the relevant item is the one with the largest SIGNAL feature."""
    lists = []
    for i in range(n_lists):
        x = rng.normal(size=(length, N_FEATURES)).astype(np.float32)
        x[:, POSITION] = 1.0 / np.arange(1, length + 1)
        x[:, POPULARITY] = np.abs(x[:, POPULARITY]) + 0.1
        y = np.zeros(length, np.float32)
        y[int(np.argmax(x[:, SIGNAL]))] = 1.0
        lists.append(CandidateList(x, y, str(i)))
    return lists


@pytest.fixture(scope="module")
def trained():
    rng = np.random.default_rng(0)
    train, held = split_by_group(synthetic_lists(rng, 600), 0.2, 0)
    network, report = fit_network(train, held, RankerConfig(max_epochs=60, patience=10, seed=1),
                                  progress=False)
    return network, report


def test_the_ranker_finds_the_deciding_feature(trained):
    network, report = trained
    test = synthetic_lists(np.random.default_rng(99), 200)
    with torch.no_grad():
        top1 = np.mean([c.labels[int(np.argmax(network(torch.from_numpy(c.features)).numpy()))]
                        for c in test])
    assert top1 >= 0.75, top1  # random would be 1/20
    assert report["held_out_ndcg@10"] > 0.85


def test_dropping_the_deciding_group_destroys_it():
    rng = np.random.default_rng(0)
    train, held = split_by_group(synthetic_lists(rng, 300), 0.2, 0)
    network, report = fit_network(train, held, RankerConfig(max_epochs=5, seed=1,
                                                            dropped_groups=["liked"]),
                                  progress=False)
    assert report["held_out_ndcg@10"] < 0.5


def test_a_ranker_that_does_not_beat_the_fused_order_keeps_it():
    """Relevance is the retriever's own top item and every other feature is noise: no training
    can beat the fused order on held-out lists, so the build must keep that order exactly."""
    rng = np.random.default_rng(3)
    lists = synthetic_lists(rng, 200)
    for c in lists:
        c.labels[:] = 0.0
        c.labels[int(np.argmax(c.features[:, POSITION]))] = 1.0
    train, held = split_by_group(lists, 0.2, 0)
    network, report = fit_network(train, held, RankerConfig(max_epochs=8, patience=3, seed=1),
                                  progress=False)
    assert report["kept_trained"] is False
    assert network.keeps_fused_order()
    assert report["held_out_ndcg@10"] == pytest.approx(1.0)


def test_acceptance_needs_a_gain_at_the_top_and_no_loss_below():
    from ranker.train import accepted

    fused = {"ndcg@10": 0.20, "recall@20": 0.40}
    assert accepted({"ndcg@10": 0.21, "recall@20": 0.40}, fused)
    assert not accepted({"ndcg@10": 0.2010, "recall@20": 0.45}, fused)  # within the margin
    assert not accepted({"ndcg@10": 0.25, "recall@20": 0.39}, fused)  # loses recall@20


def test_cold_items_and_the_tail_keep_their_fused_positions():
    from ranker.model import RERANK_DEPTH, keep_in_place, served_scores

    # fused order 0..4; the ranker prefers 3 > 1 > 0 > 4 > 2; items 1 and 4 are cold
    scores = np.array([0.5, 0.9, 0.1, 1.0, 0.3], np.float32)
    cold = np.array([False, True, False, False, True])
    out = served_scores(scores, cold)
    assert np.argsort(-out, kind="stable").tolist() == [3, 1, 0, 2, 4]
    assert np.all(np.diff(np.sort(out)) > 0)  # no ties left for the sort to break
    assert keep_in_place(scores, np.zeros(5, bool)) is scores
    # the ranker loves the fused list's tail: it never rises above the top RERANK_DEPTH
    n = RERANK_DEPTH + 10
    tail_first = np.arange(n, dtype=np.float32)
    order = np.argsort(-served_scores(tail_first, np.zeros(n, bool)), kind="stable")
    assert order[:RERANK_DEPTH].tolist() == list(range(RERANK_DEPTH))[::-1]
    assert order[RERANK_DEPTH:].tolist() == list(range(RERANK_DEPTH, n))


def test_listwise_loss_prefers_the_right_order():
    labels = torch.tensor([[1.0, 0.0, 0.0]])
    mask = torch.ones(1, 3, dtype=torch.bool)
    good = listwise_loss(torch.tensor([[3.0, 0.0, 0.0]]), labels, mask)
    bad = listwise_loss(torch.tensor([[0.0, 3.0, 0.0]]), labels, mask)
    assert good < bad


def feature_context(catalog, rng):
    n = len(catalog)
    text = rng.normal(size=(n, 16)).astype(np.float32)
    text /= np.linalg.norm(text, axis=1, keepdims=True)
    vocab = catalog.genre_vocabulary()
    genres = np.zeros((n, len(vocab)), np.float32)
    for i, gs in enumerate(catalog.genres):
        for g in gs:
            genres[i, vocab.index(g)] = 1
    return FeatureContext(catalog, text, text[:, :8].copy(), catalog.popularity.copy(), genres,
                          {g.lower(): i for i, g in enumerate(vocab)})


def test_ranker_contract(trained, tmp_path):
    network, _ = trained
    catalog = make_catalog(40)
    ctx = feature_context(catalog, np.random.default_rng(3))
    ranker = NeuralRanker(ctx, network, RankerConfig())
    ids = np.arange(5, 25)
    cands = Candidates.from_scores(ids, np.linspace(1, 0, 20),
                                   {"cooc": np.linspace(1, 0, 20), "cooc_rank": np.arange(1, 21)})
    query = Query(liked_ids=(1, 2, 10**6), disliked_ids=(30,), history_ids=(1,))
    out = ranker.score(query, cands)
    assert sorted(out.item_id_list()) == sorted(cands.item_id_list())
    assert np.all(np.isfinite(out.scores)) and np.all(np.diff(out.scores) <= 0)
    assert np.array_equal(ranker.score(query, cands).item_ids, out.item_ids)  # deterministic
    assert set(out.sources) == set(cands.sources)
    ranker.save(tmp_path)
    loaded = NeuralRanker.load(ctx, tmp_path)
    again = loaded.score(query, cands)
    assert np.array_equal(again.item_ids, out.item_ids) and np.allclose(again.scores, out.scores)
    assert len(ranker.score(query, Candidates.empty())) == 0


def test_a_feature_constant_in_training_cannot_swamp_serving_scores():
    """Training samples carry no constraints, so "genre asked for" is always 0 there; in a
    chat it is 1 for some candidates, and must not decide (or blow up) the order."""
    rng = np.random.default_rng(4)
    lists = synthetic_lists(rng, 300)
    for c in lists:
        c.features[:, GENRE] = 0.0
    train, held = split_by_group(lists, 0.2, 0)
    network, _ = fit_network(train, held, RankerConfig(max_epochs=15, patience=5, seed=2),
                             progress=False)
    x = held[0].features.copy()
    with torch.no_grad():
        plain = network(torch.from_numpy(x)).numpy()
        x[::2, GENRE] = 1.0
        constrained = network(torch.from_numpy(x)).numpy()
    assert np.all(np.isfinite(constrained)) and np.allclose(plain, constrained, atol=1e-5)


def test_an_untrained_ranker_keeps_the_fused_order_without_scoring(trained, monkeypatch):
    catalog = make_catalog(40)
    ctx = feature_context(catalog, np.random.default_rng(3))
    cands = Candidates.from_scores(np.arange(5, 25), np.linspace(1, 0, 20),
                                   {"cooc": np.linspace(1, 0, 20), "cooc_rank": np.arange(1, 21)})
    query = Query(liked_ids=(1, 2), disliked_ids=(30,))
    fresh = CrossNetwork(RankerConfig())
    fresh.mean.normal_()  # standardisation must not matter while the head is zero
    ranker = NeuralRanker(ctx, fresh, RankerConfig())
    assert ranker.keeps_fused_order and not NeuralRanker(ctx, trained[0],
                                                         RankerConfig()).keeps_fused_order
    full = ranker.score_matrix(ranker.features(query, cands))  # what the network computes
    monkeypatch.setattr(ranker, "features", lambda *a: pytest.fail("features were computed"))
    out = ranker.score(query, cands)
    assert np.array_equal(out.item_ids, cands.item_ids)
    assert np.allclose(out.scores, full, atol=1e-6)


def test_features_are_finite_and_named(trained):
    catalog = make_catalog(40)
    ctx = feature_context(catalog, np.random.default_rng(4))
    cands = Candidates.from_scores(np.arange(10), np.ones(10))
    x = compute_features(ctx, Query(), cands, None, None)
    assert x.shape == (10, N_FEATURES) and np.all(np.isfinite(x))
    assert set(GROUPS) >= {"sources", "liked", "genre", "constraints", "two_tower"}
    q = Query(liked_ids=(0,), history_ids=(3,))
    x = compute_features(ctx, q, cands, None, None)
    names = [n for _, n in FEATURE_NAMES]
    assert x[3, names.index("in_history")] == 1.0 and x[4, names.index("in_history")] == 0.0
    # item 1 shares item 0's genre block, item 39 does not
    far = Candidates.from_scores([1, 39], [1, 1])
    x = compute_features(ctx, q, far, None, None)
    j = names.index("liked_genre_jaccard")
    assert x[0, j] == 1.0 and x[1, j] == 0.0
    assert CrossNetwork(RankerConfig())(torch.from_numpy(x)).shape == (2,)
