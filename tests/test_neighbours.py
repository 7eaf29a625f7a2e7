"""Neighbour source (TIFU-KNN): the decayed history vector has known weights, neighbours
bring in what similar people bought and the person did not, and it keeps the retriever contract."""

import numpy as np
import pytest

from core.errors import ArtifactError
from core.samples import Sample
from core.training import TrainingData
from core.types import Query
from retrieval.neighbours import (
    GRID,
    NeighbourConfig,
    NeighbourRetriever,
    history_vector,
    people_events,
)
from tests.conftest import make_catalog
from tests.retriever_contract import check_contract


def test_history_vector_decays_within_and_across_groups():
    config = NeighbourConfig(group_size=2, within_decay=0.9, group_decay=0.7)
    # groups from the newest: [(1,), (2, 3)] then [(0,)]; each group a mean, then a mean of 2
    vector = history_vector([(0,), (1,), (2, 3)], config)
    assert vector == pytest.approx({2: 0.25, 3: 0.25, 1: 0.25 * 0.9, 0: 0.7 / 2})


def test_people_are_grouped_and_ordered_by_date():
    catalog = make_catalog(10)
    data = TrainingData(catalog, [], [], [(3,), (1,), (2,), (4,)], ["a", "b", "a", "b"],
                        session_dates=["2011-03-01", "2011-01-01", "2011-02-01", "2011-01-02"])
    assert people_events(data) == [[(1,), (4,)], [(2,), (3,)]]


def clustered(rng: np.random.Generator, n: int = 60) -> tuple[list, list]:
    """Two kinds of customer: A buys from items 0-4 then 5; B buys from 10-14 then 15."""
    sessions, groups = [], []
    for person in range(n):
        base = 0 if person % 2 == 0 else 10
        for _ in range(3):
            sessions.append(tuple(int(base + i) for i in rng.choice(5, 2, replace=False)))
            groups.append(str(person))
        sessions.append((base + 5,))
        groups.append(str(person))
    return sessions, groups


@pytest.fixture(scope="module")
def fitted():
    catalog = make_catalog(40)
    sessions, groups = clustered(np.random.default_rng(0))
    data = TrainingData(catalog, [], [], sessions, groups)
    return catalog, NeighbourRetriever.fit(data, NeighbourConfig(alpha=0.5, k=10))


def test_neighbours_bring_what_similar_people_bought_next(fitted):
    catalog, model = fitted
    query = Query(history_ids=(0, 1), history_baskets=((0, 1),))
    ids = model.retrieve(query, 20).item_id_list()
    assert set(ids[:2]) == {0, 1}  # the person's own items lead at alpha 0.5
    assert 5 in ids  # never bought by this person: only the neighbours know it
    assert not set(ids) & {10, 11, 12, 13, 14, 15}  # the other kind's items never appear
    excluded = model.retrieve(Query(history_ids=(0, 1), exclude_ids=(0, 1)), 20)
    assert excluded.item_id_list()[0] in {2, 3, 4, 5}


def test_alpha_one_is_the_persons_own_decayed_items(fitted):
    catalog, model = fitted
    own = NeighbourRetriever(catalog, model.people, NeighbourConfig(alpha=1.0))
    query = Query(history_ids=(3, 0, 1), history_baskets=((3,), (0, 1)))
    assert own.retrieve(query, 10).item_id_list() == [0, 1, 3]


def test_disliked_items_are_not_habits_and_empty_history_says_why(fitted):
    catalog, model = fitted
    assert model.retrieve(Query(history_ids=(0,), disliked_ids=(0,)), 5).reason
    check_contract(model, catalog, Query(history_ids=(0, 1, 2), disliked_ids=(3,)))


def test_tuning_records_every_variant_and_keeps_the_best():
    catalog = make_catalog(40)
    rng = np.random.default_rng(3)
    sessions, groups = clustered(rng)
    tune = [Sample(str(s), Query(history_ids=(b, b + 1), history_baskets=((b, b + 1),)), (),
                   (b + 5,), (b + 5,), group=str(s)) for s, b in enumerate([0, 10] * 10)]
    model = NeighbourRetriever.fit(TrainingData(catalog, [], tune, sessions, groups))
    assert len(model.tune_results) == len(GRID)
    assert model.recall(tune) == max(model.tune_results.values()) == 1.0


def test_save_load_round_trip_and_missing_artifact(fitted, tmp_path):
    catalog, model = fitted
    model.save(tmp_path)
    loaded = NeighbourRetriever.load(catalog, tmp_path)
    query = Query(history_ids=(2, 12), history_baskets=((2,), (12,)))
    assert loaded.retrieve(query, 10).item_id_list() == model.retrieve(query, 10).item_id_list()
    assert loaded.config == model.config
    with pytest.raises(ArtifactError, match="because build"):
        NeighbourRetriever.load(catalog, tmp_path / "nothing")
    with pytest.raises(ArtifactError, match="because build"):
        NeighbourRetriever.load(make_catalog(20), tmp_path)
