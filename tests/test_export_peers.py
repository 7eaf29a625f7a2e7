"""`because export retail --format session-tsv` writes our split exactly; the implicit and RePlay
SASRec peer rows run through the evaluation protocol on small synthetic worlds."""

import csv

import numpy as np
import pytest

from core.samples import Sample
from core.settings import Settings
from core.training import TrainingData
from core.types import HardFilters, Query
from eval.context import EvalContext
from eval.export import export_retail, first_baskets, unix_seconds
from eval.runner import evaluate_system
from tests.conftest import make_catalog


def test_session_tsv_matches_the_evaluation_labels(tmp_path, retail, settings):
    from core.datasets import RETAIL_VALID_CUT, baskets_before, baskets_from, shipped_baskets
    from core.samples import basket_samples

    baskets = shipped_baskets(settings.data_dir, retail)
    rows = export_retail(retail, baskets, tmp_path)
    with (tmp_path / "test.tsv").open() as handle:
        lines = list(csv.reader(handle, delimiter="\t"))
    assert lines[0] == ["SessionId", "ItemId", "Time"]
    # the samples as eval/protocols.py cuts them
    samples = basket_samples(baskets_before(baskets, RETAIL_VALID_CUT),
                             baskets_from(baskets, RETAIL_VALID_CUT))
    # one test row per label of `because eval retail`, for the same customers
    assert rows["test.tsv"] == len(lines) - 1 == sum(len(s.target_ids) for s in samples)
    assert {line[0] for line in lines[1:]} == {s.group for s in samples}
    assert rows["history.tsv"] == rows["train.tsv"] + rows["tune.tsv"]


def test_first_baskets_keep_customers_with_a_history():
    from core.datasets import Basket

    history = [Basket("a", "1", "2011-01-01 10:00:00", (1,))]
    future = [Basket("a", "3", "2011-12-02 10:00:00", (3,)),
              Basket("a", "2", "2011-12-01 10:00:00", (2,)),
              Basket("b", "4", "2011-12-01 10:00:00", (4,))]
    assert [b.invoice for b in first_baskets(history, future)] == ["2"]
    assert unix_seconds("1970-01-01 00:01:00") == 60


def test_implicit_rows_run_the_protocol():
    pytest.importorskip("implicit")
    from eval import peers

    catalog = make_catalog(40)
    # customers buy within one genre block of 10: a block's items predict each other
    rng = np.random.default_rng(0)
    sessions, groups = [], []
    for customer in range(200):
        block = customer % 4
        for _ in range(3):
            sessions.append(tuple(int(i) for i in block * 10 + rng.choice(10, 4, replace=False)))
            groups.append(f"c{customer}")
    samples = [Sample(f"s{b}", Query(history_ids=(b * 10, b * 10 + 1)), (), (b * 10 + 5,),
                      (b * 10 + 5,), group=f"s{b}") for b in range(4)]
    data = TrainingData(catalog, [], [], sessions, groups)
    ctx = EvalContext(Settings(), catalog, "retail-next-basket", "synthetic", samples, data)
    rows = peers.implicit_systems(ctx)
    assert [r.name for r in rows] == ["implicit-als", "implicit-bpr"]
    for row in rows:
        result = evaluate_system(row, ctx, progress=False)
        assert result.metrics["recall@10"] == 1.0  # the target's block fills the top 10
        assert result.metrics["train_seconds"] >= 0
        cheap = row.retrieve(Query(history_ids=(0,), filters=HardFilters(price_max=10.0)), 5)
        assert all(catalog.prices[i] <= 10.0 for i in cheap.item_ids)


def test_replay_sasrec_learns_what_comes_next():
    pytest.importorskip("replay")
    from eval import peer_sasrec

    catalog = make_catalog(40)
    # sessions walk the catalogue in steps of 3 (i, i+3, i+6, ...): only order tells what is next
    rng = np.random.default_rng(0)
    sessions = [tuple((int(start) + 3 * j) % 40 for j in range(6))
                for start in rng.integers(0, 40, 400)]
    data = TrainingData(catalog, [], [], sessions, [f"c{i}" for i in range(len(sessions))])
    peer = peer_sasrec.train(catalog, peer_sasrec.item_sequences(data), [], epochs=15)
    samples = [Sample(f"s{a}", Query(history_ids=(a, (a + 3) % 40)), (), ((a + 6) % 40,),
                      ((a + 6) % 40,), group=f"s{a}") for a in range(0, 40, 5)]
    ctx = EvalContext(Settings(), catalog, "retail-next-basket", "synthetic", samples, data)
    result = evaluate_system(peer, ctx, progress=False)
    assert result.metrics["recall@1"] >= 0.75 and result.metrics["epochs"] == 15
    # a basket history reads its items in order; filters apply as to every source
    assert peer.retrieve(Query(history_baskets=((0,), (3,))), 1).item_ids.tolist() == [6]
    cheap = peer.retrieve(Query(history_ids=(0, 3), filters=HardFilters(price_max=10.0)), 5)
    assert len(cheap.item_ids) == 5 and all(catalog.prices[i] <= 10.0 for i in cheap.item_ids)
    assert peer.retrieve(Query(history_ids=(99,)), 5).item_ids.size == 0  # unknown ids only
    # a history longer than the model reads is cut to its latest items (it used to crash)
    long = tuple((3 * j) % 40 for j in range(peer.max_len + 7))
    assert peer.retrieve(Query(history_ids=long), 3).item_ids.size == 3
    assert peer_sasrec.windows([[1, 2, 3, 4, 5]], 2) == [[3, 4, 5], [1, 2, 3]]


def test_peer_libraries_missing_are_said(monkeypatch):
    import sys

    from eval import peers

    ctx = EvalContext(Settings(), make_catalog(8), "retail-next-basket", "synthetic", [],
                      TrainingData(make_catalog(8), [], [], [], []))

    def no_implicit(_):
        raise ImportError("No module named 'implicit'")

    import eval as package

    monkeypatch.setitem(sys.modules, "eval.peer_sasrec", None)  # as if replay-rec were absent
    monkeypatch.delattr(package, "peer_sasrec", raising=False)
    monkeypatch.setattr(peers, "implicit_systems", no_implicit)
    with pytest.raises(SystemExit, match="implicit.*replay-rec"):
        peers.systems(ctx)
    monkeypatch.setattr(peers, "implicit_systems", lambda _: ["an implicit row"])
    assert peers.systems(ctx) == ["an implicit row"]
    assert any("replay-rec" in note for note in ctx.notes)
