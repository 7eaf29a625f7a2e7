"""Vector index, dense text source, two-tower and hybrid: contract and known-answer tests."""

from dataclasses import replace

import numpy as np
import pytest

from core.samples import Sample
from core.training import TrainingData
from core.types import Candidates, HardFilters, Query
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.fusion import COLD_FLOOR_START
from retrieval.hybrid import HybridRetriever
from retrieval.index import VectorIndex
from retrieval.popularity import PopularityRetriever
from retrieval.two_tower import TwoTower, TwoTowerConfig
from tests.conftest import make_catalog
from tests.retriever_contract import check_contract


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize("storage", ["sq8", "flat"])
def test_flat_and_hnsw_agree_and_filters_never_starve(tmp_path, storage):
    rng = np.random.default_rng(0)
    vectors = unit(rng.normal(size=(3000, 16)))
    flat = VectorIndex.build(vectors, hnsw_min_items=10_000)
    hnsw = VectorIndex.build(vectors, hnsw_min_items=100, storage=storage)
    assert (flat.kind, hnsw.kind) == ("flat", {"sq8": "hnsw-sq8", "flat": "hnsw"}[storage])
    query = vectors[42]
    assert flat.search(query, 1)[0][0] == 42 and hnsw.search(query, 1)[0][0] == 42
    exact = set(flat.search(query, 50)[0].tolist())
    assert len(exact & set(hnsw.search(query, 50)[0].tolist())) >= 45
    found, found_scores = hnsw.search(query, 50)
    assert np.allclose(found_scores, vectors[found] @ query, atol=1e-5)  # exact, not SQ8
    assert np.all(np.diff(found_scores) <= 0)
    allowed = np.zeros(3000, bool)
    allowed[[7, 99, 2500]] = True  # a filter that leaves three items
    ids, scores = hnsw.search(query, 10, allowed)
    assert sorted(ids.tolist()) == [7, 99, 2500] and np.all(np.diff(scores) <= 0)
    hnsw.save(tmp_path, "idx")
    loaded = VectorIndex.load(tmp_path, "idx")
    assert np.array_equal(loaded.search(query, 20)[0], hnsw.search(query, 20)[0])


def block_data(catalog, rng, n_samples=400):
    """Samples whose target is in the same genre block as the liked item."""
    block = len(catalog) // 4
    samples = []
    for s in range(n_samples):
        b = int(rng.integers(4))
        liked = int(b * block + rng.integers(block))
        target = int(b * block + rng.integers(block))
        if target == liked:
            continue
        q = Query(liked_ids=(liked,), history_ids=(liked,), exclude_ids=(liked,))
        samples.append(Sample(str(s), q, (), (target,), (target,), group=str(s)))
    return samples


@pytest.fixture(scope="module")
def two_tower():
    catalog = make_catalog(80)
    rng = np.random.default_rng(1)
    item_text = unit(rng.normal(size=(80, 24)))
    train, tune = block_data(catalog, rng, 600), block_data(catalog, rng, 100)
    zeros = np.zeros((len(train), 24), np.float32)
    model, report = TwoTower.fit(catalog, item_text, train, zeros, tune,
                                 np.zeros((len(tune), 24), np.float32),
                                 TwoTowerConfig(max_epochs=12, batch_size=64, seed=3),
                                 progress=False)
    return catalog, item_text, model, report


def test_two_tower_learns_the_genre_blocks(two_tower):
    catalog, _, model, report = two_tower
    # random would put a same-block target in the top 50 of 79 items about 63% of the time
    assert report["best_tune_recall@50"] > 0.8
    best = max(report["history"], key=lambda h: h["tune_recall@50"])
    assert model.best_epoch == report["best_epoch"] == best["epoch"]
    result = model.retrieve(Query(liked_ids=(3,), exclude_ids=(3,)), 10)
    same_block = sum(catalog.genres[i] == catalog.genres[3] for i in result.item_ids)
    assert same_block >= 8
    check_contract(model, catalog, Query(liked_ids=(3,), exclude_ids=(3, 4)))


def test_two_tower_save_load_identical(two_tower, tmp_path):
    catalog, item_text, model, _ = two_tower
    model.save(tmp_path)
    loaded = TwoTower.load(catalog, tmp_path, item_text)
    q = Query(liked_ids=(50,), history_ids=(50,))
    a, b = model.retrieve(q, 20), loaded.retrieve(q, 20)
    assert np.array_equal(a.item_ids, b.item_ids) and np.allclose(a.scores, b.scores)
    assert loaded.best_epoch == model.best_epoch is not None


def test_two_tower_training_is_seeded():
    catalog = make_catalog(40)
    rng = np.random.default_rng(2)
    item_text = unit(rng.normal(size=(40, 8)))
    train, tune = block_data(catalog, rng, 120), block_data(catalog, rng, 30)

    def fit():
        model, _ = TwoTower.fit(catalog, item_text, train, np.zeros((len(train), 8), np.float32),
                                tune, np.zeros((len(tune), 8), np.float32),
                                TwoTowerConfig(max_epochs=2, batch_size=32, seed=9),
                                progress=False)
        return model.item_vectors

    assert np.allclose(fit(), fit(), atol=1e-5)  # equal up to float summation order


def test_hybrid_contract_fusion_and_empty_context(two_tower):
    catalog, _, model, _ = two_tower
    sessions = [(i, i + 1) for i in range(0, 78, 2)]
    data = TrainingData(catalog, [], [], sessions, [str(i) for i in range(len(sessions))])
    sources = {"two_tower": model, "cooc": CooccurrenceRetriever.fit(data),
               "pop": PopularityRetriever.fit(data)}
    for fusion in ("weighted", "rrf"):
        hybrid = HybridRetriever(catalog, sources, fusion=fusion)
        query = Query(liked_ids=(10,), history_ids=(10,), exclude_ids=(10,))
        check_contract(hybrid, catalog, query)
        result = hybrid.retrieve(query, 30)
        assert result.item_ids[0] == 11  # co-occurs with 10 and sits in its genre block
        assert {"two_tower", "two_tower_rank", "cooc", "cooc_rank", "pop"} <= set(result.sources)
        assert np.isnan(result.sources["cooc"]).sum() > 0  # cooc retrieved only a few
    cold = hybrid.retrieve(Query(), 5)
    assert cold.item_id_list() == PopularityRetriever.fit(data).retrieve(Query(), 5).item_id_list()
    nothing = hybrid.retrieve(Query(liked_ids=(1,), filters=HardFilters(year_min=2500)), 5)
    assert len(nothing) == 0 and "filters" in nothing.reason


def test_hybrid_tuning_prefers_the_informative_source(two_tower):
    catalog, _, model, _ = two_tower
    rng = np.random.default_rng(5)
    tune = block_data(catalog, rng, 80)
    # a "pop" source that knows nothing useful: all items equally popular
    data = TrainingData(catalog, [], [], [tuple(range(80))], ["all"])
    hybrid = HybridRetriever(catalog, {"two_tower": model, "pop": PopularityRetriever.fit(data)})
    report = hybrid.tune(tune, k=10, progress=False)
    assert report["two_tower"] > 0 and report[f"tune_recall@{10}"] > 0.3


def test_a_late_source_gets_only_its_own_weight_and_must_earn_it(two_tower):
    catalog, _, model, _ = two_tower
    tune = block_data(catalog, np.random.default_rng(6), 80)
    flat = PopularityRetriever.fit(TrainingData(catalog, [], [], [tuple(range(80))], ["all"]))
    hybrid = HybridRetriever(catalog, {"two_tower": model}, {"two_tower": 2.0})
    hybrid.sources["pop"] = flat  # knows nothing: every weight ties or loses, so 0 wins
    report = hybrid.tune_weight("pop", tune, k=10, progress=False)
    assert report["weight"] == 0.0 and hybrid.weights == {"two_tower": 2.0, "pop": 0.0}
    alone = HybridRetriever(catalog, {"pop": flat}, {"pop": 1.0})
    alone.sources["two_tower"] = model  # the informative source joins late: it earns a weight
    report = alone.tune_weight("two_tower", tune, k=10, progress=False)
    assert report["weight"] > 0 and alone.weights["pop"] == 1.0
    assert report["tune_recall@10"] > report["tune_recall@10 at 0.0"] + 0.2


def test_repeat_source_ranks_the_history_newest_first():
    from retrieval.repeat import RepeatRetriever, recency_scores

    catalog = make_catalog(40)
    scores = recency_scores((1, 2, 3, 2), 0.5, 40)
    assert scores[2] == 1.0 and scores[3] == 0.5 and scores[1] == 0.25 and scores[0] == 0.0
    repeat = RepeatRetriever(catalog, decay=0.5)
    found = repeat.retrieve(Query(history_ids=(1, 2, 3, 2, 30), disliked_ids=(3,),
                                  filters=HardFilters(genres=("Horror",))), 10)
    assert found.item_id_list() == [2, 1]  # 30 is a Western, 3 is disliked
    assert len(repeat.retrieve(Query(liked_ids=(4,)), 5)) == 0  # no history: nothing to repeat
    with pytest.raises(ValueError):
        RepeatRetriever(catalog, decay=0.0)


def test_repeat_source_orders_by_purchase_count_then_recency():
    from retrieval.repeat import RepeatRetriever

    repeat = RepeatRetriever(make_catalog(40), decay=0.5)
    found = repeat.retrieve(Query(history_ids=(1, 2, 3, 4), history_counts=(3, 1, 2, 1)), 10)
    assert found.item_id_list() == [1, 3, 4, 2]  # 3 and 1 bought most; 4 newer than 2
    with pytest.raises(ValueError, match="history_counts"):
        Query(history_ids=(1, 2), history_counts=(1,))


def test_genre_mask_is_case_insensitive_and_unknown_matches_nothing():
    catalog = make_catalog(40)  # Horror 0-9, Comedy 10-19, Drama 20-29, Western 30-39
    assert np.flatnonzero(catalog.genre_mask(("horror", "WESTERN"))).tolist() == [
        *range(10), *range(30, 40)]
    assert not catalog.genre_mask(("No Such Genre",)).any()
    assert catalog.genre_vocabulary() == ["Comedy", "Drama", "Horror", "Western"]


def test_best_sellers_are_the_recent_ones(tmp_path):
    """Item 0 sold most over the whole window, item 1 most in its last four weeks: "best
    sellers" answer with item 1, the all-time prior keeps item 0 first; both survive a save."""
    catalog = make_catalog(6)
    sessions = [(0,)] * 30 + [(2,)] * 3 + [(1,)] * 5 + [(0,)] * 2 + [(3,)]
    dates = ["2011-05-01"] * 33 + ["2011-09-20"] * 5 + ["2011-09-29"] * 2 + ["2011-09-30"]
    data = TrainingData(catalog, [], [], sessions, [str(i) for i in range(len(sessions))],
                        session_dates=dates)
    pop = PopularityRetriever.fit(data)
    assert pop.period == "the 4 weeks to 2011-09-30"
    assert pop.best_sellers(Query(), 4).item_id_list() == [1, 0, 3, 2]
    assert pop.retrieve(Query(), 2).item_id_list() == [0, 1]
    pop.save(tmp_path)
    loaded = PopularityRetriever.load(catalog, tmp_path)
    assert loaded.best_sellers(Query(), 4).item_id_list() == [1, 0, 3, 2]
    assert loaded.period == pop.period
    undated = PopularityRetriever.fit(TrainingData(catalog, [], [], sessions,
                                                   [str(i) for i in range(len(sessions))]))
    assert undated.best_sellers(Query(), 2).item_id_list() == [0, 1] and undated.period == ""
    # new arrivals ("what's new?"): first sold in those four weeks (1 and 3; 0 and 2 sold in
    # May), the best seller of them first; none without dates
    assert pop.new_arrivals(Query(), 4).item_id_list() == [1, 3]
    assert loaded.new_arrivals(Query(), 4).item_id_list() == [1, 3]
    assert pop.new_arrivals(Query(exclude_ids=(1, 3)), 4).item_id_list() == []
    assert undated.new_arrivals(Query(), 4) is None


def test_cold_floor_keeps_a_cold_item_at_its_content_place():
    from retrieval.fusion import cold_floor

    fused = np.array([10.0, 9.0, 8.0, 1.0, 0.5])
    places = np.array([-1, -1, -1, 1, 7])  # item 3: second on content; item 4: beyond the list
    order = np.argsort(-cold_floor(fused, places), kind="stable").tolist()
    assert order == [0, 3, 1, 2, 4]
    order = np.argsort(-cold_floor(fused, places, start=2), kind="stable").tolist()
    assert order == [0, 1, 3, 2, 4]  # never above `start`
    assert cold_floor(fused, np.full(5, -1)) is fused


def test_interaction_sources_cannot_bury_a_cold_item():
    """ALS-like scores over 39 warm items at weight 4 against a text list where the cold item
    (39) ranks first: without the cold mask it is not retrieved at all; with it, it takes its
    content place (first), or the floor's start where that is lower."""
    from core.types import Candidates

    catalog = make_catalog(40)
    warm = np.arange(39)
    lists = {"als": Candidates(warm, np.linspace(1.0, 0.0, 39, dtype=np.float32), {}),
             "text": Candidates(np.array([39, 5, 6]), np.array([0.9, 0.5, 0.1], np.float32), {})}
    weights = {"als": 4.0, "text": 0.0}  # the floor holds whatever the text source's weight
    plain = HybridRetriever(catalog, {}, weights).fuse(lists, 40)
    cold = np.zeros(40, bool)
    cold[39] = True
    floored = HybridRetriever(catalog, {}, weights, cold=cold, cold_start=0).fuse(lists, 10)
    assert 39 not in plain.item_id_list()
    assert floored.item_ids[0] == 39 and floored.item_id_list()[1:] == plain.item_id_list()[:9]
    tail = HybridRetriever(catalog, {}, weights, cold=cold).fuse(lists, 40).item_id_list()
    assert tail.index(39) == COLD_FLOOR_START and [i for i in tail if i != 39] == \
        plain.item_id_list()


class FixedList:
    """A source that returns the same ranked items to any query with the context it reads."""

    def __init__(self, name: str, ids: list[int], needs_text: bool = False):
        self.name, self.ids, self.needs_text = name, ids, needs_text

    def retrieve(self, query: Query, k: int) -> Candidates:
        if self.needs_text and not query.text.strip():
            return Candidates.empty("no text")
        scores = np.linspace(1.0, 0.5, len(self.ids), dtype=np.float32)
        return Candidates(np.asarray(self.ids[:k]), scores[:k], {self.name: scores[:k]})


def test_a_request_in_words_is_read_by_the_text_source_where_tuning_saw_no_words(tmp_path):
    catalog = make_catalog(40)
    best_sellers = [30, 31, 32, 33, 34]
    sources = {"text": FixedList("text", [5, 6, 7, 31], needs_text=True),
               "two_tower": FixedList("two_tower", best_sellers),
               "pop": FixedList("pop", best_sellers)}
    weights = {"text": 0.5, "two_tower": 0.5, "pop": 0.25}  # retail's tuned mix, in shape
    words = Query(text="a present for my mum, she loves gardening")
    untuned = HybridRetriever(catalog, sources, weights, text_tuned=False)
    assert untuned.retrieve(words, 3).item_id_list() == [5, 6, 7]
    # tuned on dialogues with words (movies): the tuned mix stands, best sellers first here
    assert HybridRetriever(catalog, sources, weights).retrieve(words, 1).item_id_list() == [30]
    # unless the words are all there is to go by ("octopus movies": nothing read to filter)
    described = replace(words, described=True)
    assert HybridRetriever(catalog, sources, weights).retrieve(described, 3).item_id_list() == \
        [5, 6, 7]
    # a history to read: the tuned mix too
    bought = Query(text="more like this", history_ids=(3,))
    assert untuned.retrieve(bought, 1).item_id_list() == [30]
    # tuning records whether its samples carried words
    baskets = [Sample(str(i), Query(history_ids=(i,)), (), (i + 1,), (i + 1,), group=str(i))
               for i in range(10)]
    untuned.tune(baskets, k=5, passes=1, progress=False)
    assert untuned.text_tuned is False
    untuned.save_config(tmp_path)  # the build keeps it for serving
    assert HybridRetriever.load_config(tmp_path)["text_tuned"] is False
    said = [Sample(s.sample_id, Query(text="x", history_ids=s.query.history_ids), (),
                   s.target_ids, s.target_ids, group=s.group) for s in baskets]
    untuned.tune(said, k=5, passes=1, progress=False)
    assert untuned.text_tuned is True
