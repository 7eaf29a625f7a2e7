"""'What's new?' in the gift shop: its new arrivals (products first sold in the last weeks of
the orders), said so, on the real gift-shop catalogue with dated baskets whose answer is known.
It had matched "new" against the names ("Tumbler new england")."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.explain import Explainer
from assistant.intent import IntentParser
from assistant.linking import TitleLinker
from assistant.orchestrator import Assistant
from core.catalog import Catalog
from core.settings import LLMSettings
from core.training import TrainingData
from core.types import Session
from retrieval.hybrid import HybridRetriever
from retrieval.popularity import PopularityRetriever
from tests.conftest import make_assistant

OLD = ["Jumbo bag red retrospot", "Regency cakestand 3 tier", "White hanging heart t-light holder"]
# first sold in October 2011, in this order of October sales
NEW = ["Party bunting", "Homemade jam scented candles", "Spaceboy lunch box"]


@pytest.fixture(scope="module")
def shop(retail: Catalog) -> Assistant:
    ids = {t: i for i, t in reversed(list(enumerate(retail.titles)))}
    old, new = [ids[t] for t in OLD], [ids[t] for t in NEW]
    baskets = [(i,) for i in old for _ in range(20)] + [(new[0],)] * 4 + [(new[1],)] * 3 + \
        [(new[2],)] * 2 + [(old[0],)] * 6
    dates = ["2011-05-02"] * 60 + ["2011-10-20"] * 9 + ["2011-10-31"] * 6
    pop = PopularityRetriever.fit(TrainingData(retail, [], [], baskets,
                                               [str(i) for i in range(len(baskets))],
                                               session_dates=dates))
    llm = LLMSettings(backend="off")
    return Assistant(retail, IntentParser(retail, TitleLinker(retail), None, llm),
                     HybridRetriever(retail, {"pop": pop}, text_tuned=False), None,
                     Explainer(retail, None, llm), recommendations=5)


def chat(assistant: Assistant, *messages: str):
    session = Session(session_id="n", catalog="retail")
    for message in messages:
        result = assistant.turn(session, message)
    return session, result


@pytest.mark.parametrize("message", ["what's new?", "any new arrivals?", "show me your newest "
                                     "products", "what's just come in?"])
def test_whats_new_is_the_new_arrivals(shop: Assistant, message: str) -> None:
    _, result = chat(shop, message)
    assert [r.title for r in result.recommendations] == NEW
    assert result.reply.startswith("Here are 3 new products for you. New means first sold in "
                                   "the 4 weeks to 2011-10-31; the best sellers of them come "
                                   "first.")
    assert "new england" not in result.reply.lower() and "found nothing" not in result.reply


def test_whats_new_in_a_category(shop: Assistant) -> None:
    session, result = chat(shop, "what's new in candles?")
    assert [r.title for r in result.recommendations] == ["Homemade jam scented candles"]
    assert session.filters.genres == ("candles",)


@pytest.mark.parametrize("message", ["what's new with you?", "something new please"])
def test_other_news_is_no_new_arrival(shop: Assistant, message: str) -> None:
    _, result = chat(shop, message)
    assert "New means first sold" not in result.reply


def test_without_dates_the_best_sellers_are_said_to_stand_in(retail: Catalog) -> None:
    _, result = chat(make_assistant(retail), "what's new?")
    assert "I don't know when my products first sold, so these are our best sellers." in \
        result.reply
    order = np.argsort(-np.asarray(retail.popularity), kind="stable")
    assert result.recommendations[0].item_id == int(order[0])
