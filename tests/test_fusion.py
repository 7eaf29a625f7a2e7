"""The fusion table scores weightings exactly as fusing each sample's lists would."""

import numpy as np
import pytest

from core.types import Candidates
from retrieval.fusion import FusionTable
from retrieval.hybrid import HybridRetriever
from tests.conftest import make_catalog

SOURCES = ["text", "two_tower", "cooc", "pop"]


def random_lists(rng: np.random.Generator, n_items: int) -> dict[str, Candidates]:
    lists = {}
    for name in SOURCES:
        size = int(rng.integers(0, 40)) if name != "pop" else 30  # some lists come back empty
        ids = rng.choice(n_items, size=size, replace=False)
        # rounded scores: ties, so the order among equal fused scores is checked too
        scores = np.sort(np.round(rng.random(size), 1))[::-1].astype(np.float32)
        lists[name] = Candidates(ids.astype(np.int64), scores, {})
    return lists


def fused_recall(hybrid: HybridRetriever, targets, lists, weights, k: int) -> float:
    hits = sum(t in set(hybrid.fuse(per, k, weights).item_id_list())
               for tg, per in zip(targets, lists, strict=True) for t in tg)
    return hits / sum(len(t) for t in targets)


@pytest.mark.parametrize("fusion", ["weighted", "rrf"])
def test_table_recall_equals_fusing_every_sample(fusion):
    rng = np.random.default_rng(3)
    n_items = 120
    catalog = make_catalog(n_items)
    cold = rng.random(n_items) < 0.3
    lists = [random_lists(rng, n_items) for _ in range(60)]
    targets = [tuple(rng.choice(n_items, size=int(rng.integers(1, 4))).tolist())
               for _ in range(60)]
    for cold_mask in (None, cold):
        hybrid = HybridRetriever(catalog, {}, fusion=fusion, cold=cold_mask, cold_start=5)
        table = FusionTable(SOURCES, targets, lists, fusion, cold_mask, 5)
        seen = set()
        for _ in range(12):
            weights = dict(zip(SOURCES, rng.choice([0.0, 0.25, 1.0, 4.0], len(SOURCES)).tolist(),
                               strict=True))
            for k in (1, 10, 50):
                expected = fused_recall(hybrid, targets, lists, weights, k)
                assert table.recall(weights, k) == pytest.approx(expected, abs=1e-12)
                seen.add(round(expected, 6))
        assert len(seen) > 5  # the weightings really differ in what they retrieve


def test_table_follows_the_weights_to_the_right_source():
    catalog_items = 10
    lists = [{"cooc": Candidates(np.array([3, 4]), np.array([1.0, 0.5], np.float32), {}),
              "pop": Candidates(np.array([4, 3]), np.array([1.0, 0.5], np.float32), {})}]
    table = FusionTable(["cooc", "pop"], [(3,)], lists, "weighted",
                        np.zeros(catalog_items, bool), 0)
    assert table.recall({"cooc": 1.0, "pop": 0.0}, 1) == 1.0
    assert table.recall({"cooc": 0.0, "pop": 1.0}, 1) == 0.0
    assert table.recall({"cooc": 0.0, "pop": 0.0}, 1) == 0.0  # nothing fused, nothing found
