"""Every retriever (text, two-tower, co-occurrence, ALS, popularity, repeat, hybrid) passes the
contract, finds the known right answer on synthetic data, and gives identical results after
save -> load."""

from dataclasses import replace

import numpy as np
import pytest

from core.errors import ArtifactError
from core.samples import Sample
from core.settings import Settings
from core.training import TrainingData
from core.types import HardFilters, Query
from retrieval.als import ALSConfig, ALSRetriever
from retrieval.build import load_hybrid, save_hybrid
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.dense import DenseTextRetriever
from retrieval.encoder import TextEncoder, native_bf16
from retrieval.hybrid import HybridRetriever
from retrieval.index import VectorIndex
from retrieval.neighbours import NeighbourRetriever
from retrieval.popularity import PopularityRetriever
from retrieval.repeat import RepeatRetriever
from retrieval.two_tower import TwoTower, TwoTowerConfig
from tests.conftest import make_catalog
from tests.retriever_contract import check_contract

pytestmark = pytest.mark.slow  # loads the sentence encoder once (a few seconds)

N = 80  # four genre blocks of 20: Horror 0-19, Comedy 20-39, Drama 40-59, Western 60-79


def block_samples(rng, n):
    samples = []
    for s in range(n):
        b = int(rng.integers(4))
        liked, target = (int(b * 20 + x) for x in rng.choice(20, 2, replace=False))
        q = Query(liked_ids=(liked,), history_ids=(liked,), exclude_ids=(liked,))
        samples.append(Sample(str(s), q, (), (target,), (target,), group=str(s)))
    return samples


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    catalog = make_catalog(N)
    encoder = TextEncoder(batch_size=32)
    item_text = encoder.encode_items(catalog.texts(), None, progress=False)
    rng = np.random.default_rng(4)
    train, tune = block_samples(rng, 500), block_samples(rng, 80)
    two_tower, _ = TwoTower.fit(catalog, item_text, train, np.zeros((500, 384), np.float32),
                                tune, np.zeros((80, 384), np.float32),
                                TwoTowerConfig(max_epochs=6, batch_size=64, seed=1),
                                encoder, progress=False)
    # sessions pair each even item with the next one: 10 co-occurs only with 11
    sessions = [(i, i + 1) for i in range(0, N, 2)] + [(5,)] * 30  # item 5 is the most popular
    data = TrainingData(catalog, train, tune, sessions, [str(i) for i in range(len(sessions))])
    sources = {
        "text": DenseTextRetriever(catalog, encoder, VectorIndex.build(item_text)),
        "two_tower": two_tower,
        "cooc": CooccurrenceRetriever.fit(data),
        "als": ALSRetriever.fit(data, ALSConfig(factors=48, regularization=1.0, sweeps=8)),
        "pop": PopularityRetriever.fit(data),
        "repeat": RepeatRetriever.fit(data),
        "neighbours": NeighbourRetriever.fit(data),
    }
    hybrid = HybridRetriever(catalog, sources, fusion="rrf")
    directory = tmp_path_factory.mktemp("artifacts")
    save_hybrid(hybrid, directory / "retrieval")
    loaded = load_hybrid(catalog, directory, Settings(), encoder)
    return catalog, hybrid, loaded, directory, encoder


NAMES = ("text", "two_tower", "cooc", "als", "pop", "repeat", "neighbours", "hybrid")


def pick(hybrid, name):
    return hybrid if name == "hybrid" else hybrid.sources[name]


@pytest.mark.parametrize("name", NAMES)
def test_contract(world, name):
    catalog, hybrid, _, _, _ = world
    retriever = pick(hybrid, name)
    for query in (Query(text="a horror item", liked_ids=(10,), history_ids=(10,),
                        exclude_ids=(10, 12), disliked_ids=(13,)),
                  Query(liked_ids=(70,), history_ids=(70,), exclude_ids=(70,))):
        check_contract(retriever, catalog, query, k=10)
        assert len(retriever.retrieve(query, 3)) <= 3


@pytest.mark.parametrize("name", NAMES)
def test_save_load_identical(world, name):
    _, hybrid, loaded, _, _ = world
    for query in (Query(text="western", liked_ids=(61,), history_ids=(61,)),
                  Query(liked_ids=(22, 24), history_ids=(22, 24), exclude_ids=(22,))):
        a, b = pick(hybrid, name).retrieve(query, 15), pick(loaded, name).retrieve(query, 15)
        assert np.array_equal(a.item_ids, b.item_ids)
        assert np.allclose(a.scores, b.scores, atol=1e-5)


def test_known_right_answers(world):
    catalog, hybrid, _, _, _ = world
    text = hybrid.sources["text"].retrieve(Query(text="horror"), 10)
    assert all(catalog.genres[i] == ("Horror",) for i in text.item_ids)
    liked = hybrid.sources["text"].retrieve(Query(liked_ids=(45,), exclude_ids=(45,)), 10)
    assert all(catalog.genres[i] == ("Drama",) for i in liked.item_ids)
    assert hybrid.sources["cooc"].retrieve(Query(liked_ids=(10,)), 5).item_id_list() == [11]
    # 48 factors hold the 41 disjoint sessions exactly: 10's partner first
    als = hybrid.sources["als"].retrieve(Query(liked_ids=(10,), exclude_ids=(10,)), 5)
    assert als.item_ids[0] == 11
    assert hybrid.sources["pop"].retrieve(Query(), 1).item_id_list() == [5]
    repeat = hybrid.sources["repeat"].retrieve(Query(history_ids=(3, 7, 3, 9), exclude_ids=(9,)),
                                               5)
    assert repeat.item_id_list() == [3, 7]  # newest first; 3 was bought again after 7
    tower = hybrid.sources["two_tower"].retrieve(Query(liked_ids=(66,), exclude_ids=(66,)), 10)
    assert sum(catalog.genres[i] == ("Western",) for i in tower.item_ids) >= 8
    fused = hybrid.retrieve(Query(text="a horror item", liked_ids=(10,), exclude_ids=(10,)), 10)
    assert fused.item_ids[0] == 11  # cooc, text and two-tower all agree on it
    for column in ("text", "text_rank", "two_tower", "cooc", "cooc_rank", "pop_rank"):
        assert fused.sources[column].shape == fused.item_ids.shape


def test_bad_input_is_handled(world):
    catalog, hybrid, _, _, _ = world
    for name in NAMES:
        retriever = pick(hybrid, name)
        nothing = retriever.retrieve(Query(text="drama", liked_ids=(3,),
                                           filters=HardFilters(year_min=3000)), 5)
        assert len(nothing) == 0 and nothing.reason
        unknown = retriever.retrieve(Query(liked_ids=(10**9, -3)), 5)
        assert len(unknown) <= 5
    # empty context: the hybrid falls back to the popularity prior
    assert hybrid.retrieve(Query(), 3).item_ids[0] == 5
    assert hybrid.retrieve(Query(liked_ids=(10**9,)), 3).item_ids[0] == 5
    # a filter leaving a single item returns exactly that item
    only = hybrid.retrieve(Query(text="western", filters=HardFilters(year_min=1950 + N - 1)), 10)
    assert only.item_id_list() == [N - 1]


def test_stale_or_missing_artifacts_say_what_to_run(world, tmp_path):
    catalog, _, _, directory, encoder = world
    with pytest.raises(ArtifactError, match="because build"):
        load_hybrid(catalog, tmp_path, Settings(), encoder)
    other = make_catalog(N, name="synthetic")
    other = replace(other, titles=tuple(f"Other {i}" for i in range(N)))
    with pytest.raises(ArtifactError, match="because build"):
        load_hybrid(other, directory, Settings(), encoder)


def test_query_path_matches_batch_encoding_and_is_thread_safe(world):
    from concurrent.futures import ThreadPoolExecutor

    from retrieval.encoder import QUERY_MAX_TOKENS

    encoder = world[4]
    texts = ["I loved Inception and The Matrix, hated Titanic", "no horror",
             "something older please, maybe a western from the fifties " * 12, "x"]
    batch = encoder.encode(texts[:2], max_tokens=QUERY_MAX_TOKENS)  # sentence-transformers
    direct = encoder.embed(texts)
    assert np.all(np.sum(batch * direct[:2], axis=1) >= 0.999)
    assert np.allclose(encoder.embed_many(texts[::-1]), direct[::-1], atol=1e-2)
    # an over-long conversation keeps its newest words, not its oldest
    long = "I watched a western last week. " * 40 + "Now I want a horror movie"
    ids = encoder.query_tokenizer(long, truncation=True, max_length=QUERY_MAX_TOKENS)["input_ids"]
    assert len(ids) == QUERY_MAX_TOKENS
    assert encoder.query_tokenizer.decode(ids[-4:-1]) == "a horror movie"
    with ThreadPoolExecutor(4) as pool:  # concurrent turns share one encoder and its cache
        vectors = list(pool.map(encoder.encode_query, texts * 4))
    for row, vector in enumerate(vectors):
        assert float(vector @ direct[row % len(texts)]) >= 0.9999


def test_clearing_query_caches_makes_the_next_query_encode_again(world):
    _, _, loaded, _, encoder = world
    query = Query(text="a cosy western for a rainy sunday", liked_ids=(3,))
    first = loaded.retrieve(query, 10)
    tower = loaded.sources["two_tower"]
    assert query.text in encoder._cache and len(tower._queries) > 0
    loaded.clear_query_caches()
    assert query.text not in encoder._cache and len(tower._queries) == 0
    again = loaded.retrieve(query, 10)  # recomputed, same answer
    assert again.item_id_list() == first.item_id_list()


def test_bf16_item_path_gives_the_fp32_vectors(world, tmp_path):
    encoder = world[4]  # fp32 items
    texts = ["Inception (2010). Science Fiction. A thief who steals corporate secrets", "x",
             "a western " * 80]
    bf16 = TextEncoder(batch_size=8, item_precision="bf16")
    full, half = encoder.encode(texts), bf16.encode(texts)
    assert np.allclose(np.linalg.norm(half, axis=1), 1.0, atol=1e-6)
    agreement = np.sum(full * half, axis=1)
    assert np.all(agreement >= 0.999) and not np.allclose(full, half, atol=1e-6)  # bf16 ran
    encoder.encode_items(texts, tmp_path, progress=False)
    bf16.encode_items(texts, tmp_path, progress=False)
    assert len(list(tmp_path.glob("item_embeddings-*.npy"))) == 2  # caches kept apart
    with pytest.raises(ValueError, match="precision"):
        TextEncoder(item_precision="fp8")


def test_native_bf16_reads_the_cpu_flags(tmp_path):
    (tmp_path / "amx").write_text("flags\t\t: fpu sse avx512f amx_bf16 amx_tile\n")
    (tmp_path / "avx2").write_text("flags\t\t: fpu sse avx2 fma\n")
    assert native_bf16(tmp_path / "amx") and not native_bf16(tmp_path / "avx2")
    assert not native_bf16(tmp_path / "missing")


def test_onnx_query_path_gives_the_torch_vectors_and_falls_back(world, tmp_path):
    encoder = world[4]  # torch path
    texts = ["I loved Inception and The Matrix, hated Titanic", "no horror", "a " * 300]
    fast = TextEncoder(batch_size=8, onnx_dir=tmp_path / "encoder")
    assert fast.onnx is not None, fast.onnx_problem
    assert len(list((tmp_path / "encoder").glob("query_encoder-*.onnx"))) == 1
    assert np.all(np.sum(fast.embed(texts) * encoder.embed(texts), axis=1) >= 0.9999)
    assert np.allclose(fast.encode(texts), encoder.encode(texts), atol=1e-5)  # items unchanged
    int8 = TextEncoder(batch_size=8, onnx_dir=tmp_path / "encoder", onnx_int8=True)
    assert int8.onnx is not None, int8.onnx_problem
    assert len(list((tmp_path / "encoder").glob("query_encoder-*-int8.onnx"))) == 1
    agreement = np.sum(int8.embed(texts) * encoder.embed(texts), axis=1)
    assert np.all(agreement >= 0.97) and not np.allclose(agreement, 1.0, atol=1e-4)
    assert int8.query_key != fast.query_key  # caches of training queries keep them apart
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    slow = TextEncoder(batch_size=8, onnx_dir=blocked)  # cannot export there: torch it is
    assert slow.onnx is None and slow.onnx_problem
    assert np.allclose(slow.embed(texts), encoder.embed(texts), atol=1e-5)


def test_artifacts_built_with_other_query_settings_are_stale(tmp_path):
    import json

    from core.manifest import MANIFEST, is_current, recipe

    settings = Settings()
    (tmp_path / MANIFEST).write_text(json.dumps(
        {"data_hash": "abc", "interactions_hash": "i1", "recipe": recipe(settings),
         "complete": True}))
    assert is_current(tmp_path, "abc", "i1", settings)
    assert not is_current(tmp_path, "abd", "i1", settings)
    assert not is_current(tmp_path, "abc", "i2", settings)  # new dialogues or orders
    longer = settings.model_copy(update={"retrieval": settings.retrieval.model_copy(
        update={"query_max_tokens": settings.retrieval.query_max_tokens * 2})})
    assert not is_current(tmp_path, "abc", "i1", longer)  # its models saw other query vectors
    (tmp_path / MANIFEST).write_text(json.dumps({"data_hash": "abc", "complete": True}))
    assert not is_current(tmp_path, "abc", "i1", settings)  # built before recipes were recorded


def test_same_kind_serves_what_the_text_and_the_baskets_agree_on(world):
    """"something similar to the regency cakestand": where the weights were tuned on baskets
    (popularity and repeats heavy, as retail's), a request for the liked item's kind is
    answered by its text and what is bought with it (10's text neighbours and its only
    co-occurring item, 11), not by the best seller (5); a hybrid tuned on text is unchanged."""
    catalog, hybrid, *_ = world
    weights = {name: 0.0 for name in hybrid.sources} | {"pop": 4.0, "repeat": 4.0}
    query = Query(liked_ids=(10,), history_ids=(10,), exclude_ids=(10,))
    for text_tuned in (False, True):
        shop = HybridRetriever(catalog, hybrid.sources, weights, text_tuned=text_tuned)
        plain = shop.retrieve(query, 10).item_id_list()
        same = shop.retrieve(replace(query, same_kind=True), 10).item_id_list()
        assert plain[0] == 5
        assert (same == plain) == text_tuned
    shop = HybridRetriever(catalog, hybrid.sources, weights, text_tuned=False)
    same = shop.retrieve(replace(query, same_kind=True), 10).item_id_list()
    assert same[0] == 11


def test_together_serves_what_was_bought_with_those_items_alone(world):
    """"what goes with the regency cakestand?": the items that shared a session with the
    ones asked about (10's only partner, 11), not the rest of the person's history (20, 30,
    40: their partners 21, 31, 41), their likeness or the best seller; where nothing allowed
    was bought with them, the request is served as any other."""
    catalog, hybrid, *_ = world
    query = Query(liked_ids=(10, 20, 30, 40), history_ids=(20, 30, 40, 10),
                  exclude_ids=(10,))
    plain = hybrid.retrieve(query, 10).item_id_list()
    assert {21, 31, 41} & set(plain[:5])
    together = hybrid.retrieve(replace(query, together_ids=(10,)), 10)
    assert together.item_id_list() == [11]
    alone = replace(query, together_ids=(10,), exclude_ids=(10, 11))
    assert hybrid.retrieve(alone, 10).item_id_list() == \
        hybrid.retrieve(replace(alone, together_ids=()), 10).item_id_list()
