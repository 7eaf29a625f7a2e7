"""GRU4Rec: session-parallel batches, the numpy serving step against torch, known right answers
on cyclic sequences (single items and baskets), the state cache, save -> load, the contract."""

from dataclasses import replace

import numpy as np
import pytest
import torch

from core.samples import Sample
from core.training import TrainingData
from core.types import Query
from retrieval.gru4rec import GRU4Rec, GRU4RecConfig, GRU4RecNet, ServingWeights, gru_step
from retrieval.gru4rec_train import (
    batch_size_for,
    default_grid,
    event_sequences,
    fit,
    fit_gru4rec,
    session_parallel,
)
from tests.conftest import make_catalog
from tests.retriever_contract import check_contract

N = 40
SMALL = GRU4RecConfig(dim=32, n_negatives=16, batch_size=32, max_epochs=10, patience=10,
                      dropout_input=0.0, dropout_hidden=0.0, lr=1e-2)


def cyclic(rng, n_sessions=300, length=6):
    """Sessions walking the catalogue in steps of one: the next item is always id + 1."""
    starts = rng.integers(N, size=n_sessions)
    return [tuple(int(s + j) % N for j in range(length)) for s in starts]


def probes(length=3):
    out = []
    for s in range(N):
        history = tuple((s + j) % N for j in range(length))
        target = (s + length) % N
        out.append(Sample(f"p{s}", Query(history_ids=history, exclude_ids=history), (),
                          (target,), (target,), group=f"p{s}"))
    return out


def top1(model, samples):
    return np.mean([model.retrieve(s.query, 1).item_ids[0] == s.target_ids[0]
                    for s in samples])


@pytest.fixture(scope="module")
def trained():
    rng = np.random.default_rng(0)
    catalog = make_catalog(N)
    sessions = cyclic(rng)
    data = TrainingData(catalog, [], probes(), sessions, [str(i) for i in range(len(sessions))])
    text = rng.normal(size=(N, 8)).astype(np.float32)
    model, report = fit_gru4rec(data, text, [SMALL], progress=False)
    return catalog, data, text, model, report


def test_session_parallel_covers_every_pair_once_and_resets_at_session_start():
    sessions = [[(1,), (2,), (3,)], [(4,), (5,)], [(6,), (7,), (8,), (9,)], [(10,), (11,)]]
    seen, following = [], {}
    for live, reset, inputs, targets in session_parallel(sessions, 2, np.random.default_rng(1)):
        assert len(live) == len(reset) == len(inputs) == len(targets) <= 2
        for slot, r, x, y in zip(live, reset, inputs, targets, strict=True):
            seen.append((x[0], y[0]))
            # a reset comes exactly when the slot starts a session (its first event)
            assert r == (x[0] in (1, 4, 6, 10))
            if not r:
                assert following[slot] == x[0]  # the slot continues its own session
            following[slot] = y[0]
    expected = [(s[i][0], s[i + 1][0]) for s in sessions for i in range(len(s) - 1)]
    assert sorted(seen) == sorted(expected)


@pytest.mark.parametrize("steps,size", [(9_470, 8), (37_324, 32), (64_000, 64), (10**6, 128),
                                        (50, 8)])
def test_batch_size_gives_about_a_thousand_updates_an_epoch(steps, size):
    # retail's 9,470 basket steps -> 8, movies' 37,324 mention steps -> 32
    assert batch_size_for(steps) == size


def test_default_grid_sizes_batches_by_the_training_steps():
    sessions = [[(1,), (2,), (3,)]] * 20_000  # 40,000 steps
    assert {cfg.batch_size for cfg in default_grid(sessions)} == {32}


def test_serving_step_equals_torch_gru_cell():
    torch.manual_seed(0)
    net = GRU4RecNet(N, np.random.default_rng(0).normal(size=(N, 8)).astype(np.float32),
                     replace(SMALL, dim=16)).eval()
    for p in net.parameters():
        torch.nn.init.normal_(p, std=0.3)
    weights = ServingWeights.from_net(net)
    x, h = torch.randn(16), torch.randn(16)
    with torch.no_grad():
        expected = net.cell(x.unsqueeze(0), h.unsqueeze(0))[0].numpy()
    assert np.allclose(gru_step(weights, x.numpy(), h.numpy()), expected, atol=1e-5)


def test_learns_the_cyclic_next_item(trained):
    _, data, _, model, report = trained
    assert top1(model, data.tune_samples) >= 0.9
    assert report["best_tune_recall@20"] >= 0.9


@pytest.mark.parametrize("loss", ["bpr-max", "top1-max"])
def test_ranking_losses_learn_too(trained, loss):
    catalog, data, text, _, _ = trained
    sessions = event_sequences(data)
    model, _ = fit(catalog, text, sessions, data.tune_samples,
                   replace(SMALL, loss=loss, max_epochs=5), progress=False)
    assert top1(model, data.tune_samples) >= 0.8


def test_baskets_are_events_and_the_next_basket_the_targets():
    """Customer sessions of baskets: basket {b, b+1} is always followed by {b+2, b+3}."""
    rng = np.random.default_rng(2)
    catalog = make_catalog(N)
    baskets, groups, dates = [], [], []
    for customer in range(300):
        start = 2 * int(rng.integers(N // 2))
        for step in range(4):  # written newest first: the dates must order them
            b = (start + 2 * (3 - step)) % N
            baskets.append((b, b + 1))
            groups.append(f"c{customer}")
            dates.append(f"2011-0{4 - step}-01")
    probe = [Sample(f"q{b}", Query(history_ids=(b, b + 1), history_baskets=((b, b + 1),)), (),
                    ((b + 2) % N, (b + 3) % N), (), group=f"q{b}") for b in range(0, N, 2)]
    data = TrainingData(catalog, [], probe, baskets, groups, session_dates=dates)
    sessions = event_sequences(data)
    assert len(sessions) == 300 and all(len(s) == 4 for s in sessions)
    assert all((s[1][0] - s[0][0]) % N == 2 for s in sessions)  # date order, not file order
    model, _ = fit(catalog, rng.normal(size=(N, 8)).astype(np.float32), sessions, probe,
                   SMALL, progress=False)
    hits = [len(set(model.retrieve(s.query, 2).item_ids.tolist()) & set(s.target_ids))
            for s in probe]
    assert np.sum(hits) / (2 * len(probe)) >= 0.8


def test_a_growing_session_costs_one_step_and_gives_the_full_pass_result(trained, monkeypatch):
    _, _, _, model, _ = trained
    model.clear_cache()
    session = (3, 4, 5, 6)
    full = model.retrieve(Query(history_ids=session), 10)
    model.clear_cache()
    model.retrieve(Query(history_ids=session[:3]), 10)
    steps = []
    original = model.advance
    monkeypatch.setattr(model, "advance", lambda h, e: steps.append(e) or original(h, e))
    grown = model.retrieve(Query(history_ids=session), 10)
    assert steps == [(6,)]
    assert np.array_equal(full.item_ids, grown.item_ids)
    assert np.allclose(full.scores, grown.scores, atol=1e-6)


def test_contract_save_load_and_cold_items(trained, tmp_path):
    catalog, _, text, model, _ = trained
    for query in (Query(history_ids=(10, 11), exclude_ids=(10, 12), disliked_ids=(13,)),
                  Query(liked_ids=(70 % N,), history_ids=(30,), exclude_ids=(30,))):
        check_contract(model, catalog, query, k=10)
    assert len(model.retrieve(Query(), 5)) == 0
    model.save(tmp_path)
    loaded = GRU4Rec.load(catalog, tmp_path, text)
    query = Query(history_ids=(7, 8, 9))
    a, b = model.retrieve(query, 15), loaded.retrieve(query, 15)
    assert np.array_equal(a.item_ids, b.item_ids) and np.allclose(a.scores, b.scores)
    # an item no session contains still has an output vector from its text
    cold = GRU4RecNet(N, text, SMALL)
    assert torch.count_nonzero(cold.output_vectors().detach()) > 0
