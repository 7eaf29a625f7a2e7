import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from eval.metrics import (
    coverage_at_k,
    hit_at_k,
    intra_list_diversity,
    mrr,
    ndcg_at_k,
    novelty,
    recall_at_k,
    target_ranks,
)


def test_target_ranks_are_one_based_and_zero_when_missing():
    assert target_ranks([7, 3, 9], [9, 4, 7]).tolist() == [3, 0, 1]


def test_hand_computed_values():
    ranks = np.array([1, 3, 0, 12])
    assert recall_at_k(ranks, 1) == 0.25
    assert recall_at_k(ranks, 10) == 0.5
    assert recall_at_k(ranks, 20) == 0.75
    assert math.isclose(ndcg_at_k(ranks, 10), (1.0 + 1.0 / math.log2(4)) / 4)
    assert math.isclose(mrr(ranks), (1 + 1 / 3 + 1 / 12) / 4)
    assert math.isclose(mrr(ranks, k=10), (1 + 1 / 3) / 4)
    assert hit_at_k([np.array([0, 5]), np.array([0])], 10) == 0.5


def test_coverage_diversity_novelty():
    assert coverage_at_k([[0, 1], [1, 2]], 2, 10) == 0.3
    genres = [("a",), ("a",), ("b",)]
    assert intra_list_diversity([0, 1], genres, 2) == 0.0
    assert intra_list_diversity([0, 2], genres, 2) == 1.0
    pop = np.array([100.0, 1.0, 1.0])
    assert novelty([1], pop, 1) > novelty([0], pop, 1)


ranks_strategy = st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=50)


@given(ranks_strategy, st.integers(min_value=1, max_value=100))
def test_ndcg_bounded(ranks, k):
    value = ndcg_at_k(np.array(ranks), k)
    assert 0.0 <= value <= 1.0


@given(ranks_strategy, st.integers(min_value=1, max_value=99))
def test_recall_monotone_in_k(ranks, k):
    r = np.array(ranks)
    assert recall_at_k(r, k) <= recall_at_k(r, k + 1)


@given(st.integers(min_value=1, max_value=30))
def test_perfect_ranking_scores_one(n):
    ranks = np.ones(n, dtype=np.int64)
    assert ndcg_at_k(ranks, 10) == 1.0
    assert recall_at_k(ranks, 1) == 1.0
    assert mrr(ranks) == 1.0


def test_embedding_diversity_and_novelty_values():
    vectors = np.array([[1.0, 0.0], [2.0, 0.0], [0.0, 3.0]])
    assert math.isclose(intra_list_diversity([0, 1], vectors, 2), 0.0, abs_tol=1e-12)
    assert math.isclose(intra_list_diversity([0, 2], vectors, 2), 1.0)
    # three items: pairs (0,1)=1, (0,2)=0, (1,2)=0 -> 1 - 1/3
    assert math.isclose(intra_list_diversity([0, 1, 2], vectors, 3), 2 / 3)
    pop = np.array([3.0, 1.0])  # smoothed shares (3+1)/6 and (1+1)/6
    assert math.isclose(novelty([0, 1], pop, 2), (-math.log2(4 / 6) - math.log2(2 / 6)) / 2)
    assert recall_at_k(np.array([], dtype=np.int64), 10) == 0.0


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=20, unique=True),
       st.integers(min_value=1, max_value=30))
def test_ranks_of_a_ranking_give_consistent_metrics(targets, k):
    # ranking exactly the targets first is perfect for every label within k
    ranked = list(targets) + [t for t in range(31) if t not in targets]
    ranks = target_ranks(ranked, targets)
    assert sorted(ranks.tolist()) == list(range(1, len(targets) + 1))
    assert recall_at_k(ranks, k) == min(k, len(targets)) / len(targets)
    assert 0.0 <= mrr(ranks) <= 1.0 and ndcg_at_k(ranks, k) <= recall_at_k(ranks, k)
