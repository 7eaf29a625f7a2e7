import numpy as np
import pytest

from core.training import TrainingData
from core.types import Query
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.popularity import PopularityRetriever
from tests.retriever_contract import check_contract


@pytest.fixture
def data(synthetic):
    # items 0..9 co-occur in pairs (2i, 2i+1); item 39 is the most frequent
    sessions = [(2 * i, 2 * i + 1) for i in range(5)] * 3 + [(39,)] * 20 + [(38, 0)]
    return TrainingData(synthetic, [], [], sessions)


def test_cooccurrence_finds_the_partner(data, synthetic):
    cooc = CooccurrenceRetriever.fit(data)
    result = cooc.retrieve(Query(history_ids=(4,), exclude_ids=(4,)), 5)
    assert result.item_ids[0] == 5
    check_contract(cooc, synthetic, Query(history_ids=(0, 2), exclude_ids=(0,)))
    empty = cooc.retrieve(Query(), 5)
    assert len(empty) == 0 and "context" in empty.reason


def test_recent_context_weighs_more(data):
    cooc = CooccurrenceRetriever.fit(data)
    assert cooc.retrieve(Query(history_ids=(2, 6)), 2).item_ids[0] == 7


def test_popularity_ranks_by_training_counts(data, synthetic):
    pop = PopularityRetriever.fit(data)
    assert pop.retrieve(Query(), 1).item_ids[0] == 39
    assert pop.retrieve(Query(exclude_ids=(39,)), 1).item_ids[0] == 0
    check_contract(pop, synthetic, Query(exclude_ids=(39,)))


def test_save_load_identical(data, tmp_path):
    for cls in (CooccurrenceRetriever, PopularityRetriever):
        model = cls.fit(data)
        model.save(tmp_path)
        loaded = cls.load(data.catalog, tmp_path)
        q = Query(history_ids=(1, 3))
        a, b = model.retrieve(q, 10), loaded.retrieve(q, 10)
        assert np.array_equal(a.item_ids, b.item_ids) and np.allclose(a.scores, b.scores)


def test_counts_match_brute_force(synthetic):
    from itertools import permutations

    from retrieval.cooccurrence import count_cooccurrences

    rng = np.random.default_rng(0)
    sessions = [tuple(rng.choice(40, size=rng.integers(1, 6))) for _ in range(60)]
    counts = count_cooccurrences(sessions, 40)
    expected = np.zeros((40, 40))
    for s in sessions:
        for a, b in permutations(set(s), 2):
            expected[a, b] += 1
    dense = np.zeros((40, 40))
    for row in range(40):
        lo, hi = counts.indptr[row], counts.indptr[row + 1]
        dense[row, counts.indices[lo:hi]] = counts.counts[lo:hi]
    assert np.array_equal(dense, expected)
    assert counts.occurrences.tolist() == [sum(i in s for s in sessions) for i in range(40)]


def test_scores_follow_the_documented_formula(synthetic):
    from retrieval.cooccurrence import CooccurrenceConfig

    # n_0 = 3, n_1 = 2, n_2 = 1; c(0,1) = 2, c(0,2) = 1
    sessions = [(0, 1), (0, 1), (0, 2)]
    data = TrainingData(synthetic, [], [], sessions)
    cosine = CooccurrenceRetriever.fit(data, CooccurrenceConfig(0.5, 0.5, 1.0))
    result = cosine.retrieve(Query(history_ids=(0,)), 5)
    assert result.item_id_list() == [1, 2]
    assert np.allclose(result.scores, [2 / np.sqrt(6), 1 / np.sqrt(3)])
    assert np.allclose(result.sources["cooc"], result.scores)
    # recency: the newer item weighs 1, the older decay ** 1
    decayed = CooccurrenceRetriever.fit(data, CooccurrenceConfig(0.0, 0.0, 0.5))
    scores = decayed.item_scores([1, 2])  # item 2 is the newest
    assert np.isclose(scores[0], 1 * 1.0 + 2 * 0.5)


def test_fit_picks_the_variant_that_wins_on_tune(synthetic):
    from core.samples import Sample

    # item 0 co-occurs 3 times with each of eleven frequent items 20..30 and twice with its
    # true partner 1: raw counts miss 1 in the top 10, damping the target's frequency finds it
    sessions = [(0, j) for j in range(20, 31)] * 3 + [(0, 1)] * 2
    sessions += [(j, 39) for j in range(20, 31)] * 20
    tune = [Sample(f"t{i}", Query(history_ids=(0,), exclude_ids=(0,)), (), (1,), (1,))
            for i in range(5)]
    data = TrainingData(synthetic, [], tune, sessions)
    model = CooccurrenceRetriever.fit(data)
    assert model.config.target_damping > 0
    assert model.retrieve(Query(history_ids=(0,)), 1).item_ids[0] == 1
    assert max(model.tune_results.values()) == 1.0 and min(model.tune_results.values()) == 0.0


def test_unknown_ids_and_corrupt_artifacts(data, synthetic, tmp_path):
    from core.errors import ArtifactError

    cooc = CooccurrenceRetriever.fit(data)
    assert len(cooc.retrieve(Query(history_ids=(10**9, -3)), 5)) == 0
    assert cooc.retrieve(Query(history_ids=(10**9, 4)), 5).item_ids[0] == 5
    with pytest.raises(ArtifactError, match="missing"):
        CooccurrenceRetriever.load(synthetic, tmp_path)
    cooc.save(tmp_path)
    (tmp_path / "cooccurrence.npz").write_bytes(b"not an npz")
    with pytest.raises(ArtifactError, match="unreadable"):
        CooccurrenceRetriever.load(synthetic, tmp_path)
    with pytest.raises(ArtifactError, match="missing"):
        PopularityRetriever.load(synthetic, tmp_path / "nowhere")


@pytest.mark.slow
def test_real_movie_baselines_are_fast_and_sane(settings, movies):
    from core.training import load_training_data

    data = load_training_data(movies, settings.data_dir)
    cooc, pop = CooccurrenceRetriever.fit(data), PopularityRetriever.fit(data)
    sample = next(s for s in data.tune_samples if s.query.history_ids)
    check_contract(cooc, movies, sample.query, k=50)
    check_contract(pop, movies, sample.query, k=50)
    assert pop.counts.sum() == sum(len(s) for s in data.sessions)
