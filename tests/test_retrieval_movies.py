"""The hybrid's fusion, filters and fallbacks on the real movie catalogue and ReDial train split
(co-occurrence + popularity sources: no encoder, so the test stays modest)."""

import pytest

from core.training import load_training_data
from core.types import HardFilters, Query
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.hybrid import HybridRetriever
from retrieval.popularity import PopularityRetriever
from tests.retriever_contract import check_contract

pytestmark = pytest.mark.slow

TOY_STORY = 272


@pytest.fixture(scope="module")
def hybrid(movies, settings):
    data = load_training_data(movies, settings.data_dir)
    sources = {"cooc": CooccurrenceRetriever.fit(data), "pop": PopularityRetriever.fit(data)}
    return HybridRetriever(movies, sources, fusion="rrf"), data


def test_real_movies_contract_and_sequel(hybrid, movies):
    retriever, _ = hybrid
    assert movies.titles[TOY_STORY] == "Toy Story"
    query = Query(liked_ids=(TOY_STORY,), history_ids=(TOY_STORY,), exclude_ids=(TOY_STORY,))
    check_contract(retriever, movies, query, k=50)
    result = retriever.retrieve(query, 20)
    # the film most co-mentioned with Toy Story survives fusion with the popularity prior
    best_cooc = retriever.sources["cooc"].retrieve(query, 1).item_id_list()[0]
    assert best_cooc in result.item_id_list()
    assert sum("Animated" in movies.genres[i] for i in result.item_ids) >= 5
    assert {"cooc", "cooc_rank", "pop", "pop_rank"} <= set(result.sources)
    horror = retriever.retrieve(Query(liked_ids=(TOY_STORY,),
                                      filters=HardFilters(genres=("Horror",), year_min=1990)), 30)
    assert len(horror) == 30
    # a slasher is horror whether or not it is tagged so (core/catalog.py SUBGENRES)
    assert all({"Horror", "Slasher"} & set(movies.genres[i]) and movies.years[i] >= 1990
               for i in horror.item_ids)


def test_real_movies_fusion_is_not_worse_than_popularity(hybrid):
    retriever, data = hybrid
    samples = data.tune_samples[:300]

    def recall(system) -> float:
        hits = labels = 0
        for s in samples:
            top = set(system.retrieve(s.query, 100).item_id_list())
            hits += sum(t in top for t in s.target_ids)
            labels += len(s.target_ids)
        return hits / labels

    assert recall(retriever) >= recall(retriever.sources["pop"])
