import numpy as np
import pytest

from assistant.training import TrainingData
from assistant.types import Query
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
