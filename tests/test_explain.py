"""Template explanations and the deterministic guard, with the LLM off."""

from __future__ import annotations

import re

import numpy as np

from assistant.explain import Explainer, rerank_schema
from core.catalog import Catalog
from core.settings import LLMSettings
from core.types import Candidates, HardFilters, Query
from tests.conftest import make_catalog

OFF = LLMSettings(backend="off")


def test_template_names_liked_item_genre_and_cast(movies: Catalog) -> None:
    matrix = movies.index_of(movies.external_ids[524])
    reloaded = next(i for i, t in enumerate(movies.titles) if t == "The Matrix Reloaded")
    explainer = Explainer(movies, None, OFF)
    out = explainer.explain(Query(liked_ids=(matrix,)),
                            Candidates.from_scores([reloaded], np.ones(1, np.float32)), [], 1)
    rec = out.recommendations[0]
    assert rec.because_item_ids == [matrix] and out.fallbacks == []
    assert rec.explanation.startswith("Because you liked The Matrix (1999): both are")
    assert "Keanu Reeves" in rec.explanation


def test_no_liked_items_is_honest() -> None:
    catalog = make_catalog(8)
    explainer = Explainer(catalog, None, OFF)
    query = Query(text="scary", filters=HardFilters(genres=("Horror",)))
    out = explainer.explain(query, Candidates.from_scores([0, 1], np.ones(2, np.float32)), [], 2)
    assert all(r.because_item_ids == [] for r in out.recommendations)
    assert all("liked" not in r.explanation for r in out.recommendations)
    assert "Horror" in out.recommendations[0].explanation


def test_because_is_most_similar_liked_item_by_vectors() -> None:
    catalog = make_catalog(8)  # genres in blocks of two: Horror 0-1, Comedy 2-3, ...
    vectors = np.eye(8, dtype=np.float32)
    vectors[5] = vectors[2]  # item 5 "looks like" liked item 2 in embedding space
    explainer = Explainer(catalog, None, OFF, item_vectors=vectors)
    query = Query(liked_ids=(0, 2))
    out = explainer.explain(query, Candidates.from_scores([5, 1], np.ones(2, np.float32)), [], 2)
    # item 5 resembles 2 by its vector; item 1 ties (0 and 0) and takes the first liked item
    assert [r.because_item_ids for r in out.recommendations] == [[2], [0]]
    by_genre = Explainer(catalog, None, OFF)  # no vectors: genre overlap picks item 0 for 1
    assert by_genre.most_similar_liked(1, [2, 0]) == 0


def test_ranker_order_kept_and_n_respected() -> None:
    catalog = make_catalog(12)
    explainer = Explainer(catalog, None, OFF)
    candidates = Candidates.from_scores([3, 7, 1, 9], np.asarray([4, 3, 2, 1], np.float32))
    out = explainer.explain(Query(liked_ids=(0,)), candidates, [], 3)
    assert [r.item_id for r in out.recommendations] == [3, 7, 1]


def test_schema_without_liked_items_has_no_because() -> None:
    schema = rerank_schema([1, 2], [], 2).model_json_schema()
    assert "because_id" not in schema["$defs"]["Pick"]["properties"]


def test_llm_eval_row_counts_grounding_and_why_calls_fell_back() -> None:
    from langchain_core.language_models import FakeListChatModel

    from core.samples import Sample
    from core.settings import Settings
    from core.training import TrainingData
    from core.types import Message
    from eval.context import EvalContext
    from eval.stage_llm import LLMRerankRetriever

    catalog = make_catalog(12)
    base = Candidates.from_scores([3, 7, 1, 9], np.asarray([4, 3, 2, 1], np.float32))

    class Fixed:
        name = "fixed"

        def retrieve(self, query, k):
            return base

    samples = [Sample(str(i), Query(liked_ids=(0,), exclude_ids=(0,)),
                      (Message(role="user", text="I liked Item 0"),), (7,), (7,))
               for i in range(2)]
    ctx = EvalContext(Settings(), catalog, "redial-turn", "validation split", samples,
                      TrainingData(catalog, [], [], [], []))
    chat = FakeListChatModel(responses=[
        '{"picks": [{"item_id": 7, "because_id": 0, "reason": "same block"}]}', "not json",
        "still not json"])  # the second sample's call and its one retry
    explainer = Explainer(catalog, chat, LLMSettings(backend="off", timeout_s=10))
    row = LLMRerankRetriever(Fixed(), explainer, ctx, None, "llm")
    first = row.retrieve(samples[0].query, 10)
    assert first.item_id_list()[0] == 7  # the LLM's pick leads
    second = row.retrieve(samples[1].query, 10)
    assert second.item_id_list()[:4] == [3, 7, 1, 9]  # garbage: ranker order kept
    assert (row.calls, row.fallbacks, dict(row.failures)) == (2, 1, {"invalid_json": 1})
    assert row.cited == row.grounded > 0
    assert "invalid_json 1" in ctx.notes[-1] and "grounding rate 100.0%" in ctx.notes[-1]
    metrics = row.extra_metrics()  # what report.json carries for the row
    assert metrics["grounding"] == 1.0 and metrics["fallbacks"] == 1.0
    assert metrics["llm_calls"] == 2.0
    assert metrics["reasons_kept"] == 0.0  # "same block" is too thin to show

    from eval.report import report_dict
    from eval.runner import evaluate_system

    fresh = LLMRerankRetriever(Fixed(), Explainer(catalog, FakeListChatModel(responses=[
        '{"picks": [{"item_id": 7, "because_id": 0, "reason": "same block"}]}']),
        LLMSettings(backend="off", timeout_s=10)), ctx, None, "llm")
    report = report_dict(ctx, [evaluate_system(fresh, ctx, progress=False)])
    row_json = report["systems"]["llm"]
    assert row_json["grounding"] == 1.0 and row_json["fallbacks"] == 0.0
    assert row_json["reasons_kept"] == 0.0 and row_json["llm_calls"] == 2.0


def test_a_short_description_ends_at_a_sentence_not_an_abbreviation(movies: Catalog) -> None:
    """Found by an integrator's probe: Shutter Island's description ended "...stars as Deputy
    U.S.", Apollo 13's "...William Broyles Jr."."""
    from assistant.explain import short_description

    text = ("Shutter Island is a 2010 film. It stars Leonardo DiCaprio as Deputy U.S. Marshal "
            "Edward Daniels, who investigates a psychiatric facility. Mark Ruffalo co-stars.")
    assert short_description(text, 120) == "Shutter Island is a 2010 film."
    apollo = ("Apollo 13 is a 1995 film. Written by William Broyles Jr. and Al Reinert, it "
              "stars Hanks.")
    assert short_description(apollo, 70) == "Apollo 13 is a 1995 film."
    cut = [short_description(d) for d in movies.descriptions if len(d) > 240]
    assert cut and not [c for c in cut
                        if re.search(r"(?:\b[A-Z]|\b(?:Jr|Sr|Dr|Mr|Mrs|St))\.$", c)]


def test_names_alike_are_not_called_descriptions(retail: Catalog) -> None:
    """The gift shop has no descriptions: two products whose texts are alike have alike
    names, and a reason had said "their descriptions are alike"."""
    mugs = [i for i, t in enumerate(retail.titles) if "MUG" in t.upper()][:2]
    vectors = np.ones((len(retail), 2), np.float32) / np.sqrt(2)  # every text alike
    facts = Explainer(retail, None, OFF, item_vectors=vectors).facts(mugs[0], mugs[1])
    assert "their names are alike" in facts
    assert not any("descriptions" in f for f in facts)


def test_a_sentence_ending_after_an_exclamation_mark_is_whole() -> None:
    """True Lies' extract ("... a remake of the 1991 French comedy La Totale!. The film
    stars ...") had been cut in the middle of its second sentence (API probe 25)."""
    text = ("True Lies is a 1994 American action comedy film, a remake of the 1991 French comedy "
            "film La Totale!. The film stars Arnold Schwarzenegger as an American government "
            "agent who struggles to balance his double life as a spy with his duties as a "
            "husband and father, and much else that runs on for a long while after this.")
    from assistant.explain import short_description

    assert short_description(text).endswith("La Totale!.")
