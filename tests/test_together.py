"""'What goes with the regency cakestand?': the products bought with the ones asked about,
said so, on the real gift-shop catalogue with baskets whose right answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.explain import Explainer
from assistant.intent import IntentParser
from assistant.linking import TitleLinker
from assistant.orchestrator import Assistant
from core.catalog import Catalog
from core.settings import LLMSettings
from core.types import Session
from retrieval.cooccurrence import CooccurrenceConfig, CooccurrenceRetriever, count_cooccurrences
from retrieval.hybrid import HybridRetriever
from retrieval.popularity import PopularityRetriever
from server.api import session_view

STAND = "Regency cakestand 3 tier"
# bought with the cakestand in 3, 2 and 1 of its 6 baskets: the answer, in this order
WITH_STAND = ["Roses regency teacup and saucer", "Green regency teacup and saucer",
              "Regency sugar bowl green"]

KITS = ["Paper chain kit 50's christmas", "Paper chain kit vintage christmas"]
WITH_KITS = ["Box of 6 mini 50's crackers", "Set of 20 vintage christmas napkins"]
WITH_BUNTING = ["Spotty bunting", "Tea time party bunting", "Pink happy birthday bunting",
                "Blue happy birthday bunting", "Paper bunting vintage party",
                "Congratulations bunting"]  # and the jumbo bag: seven, one basket each


@pytest.fixture(scope="module")
def shop(retail: Catalog) -> Assistant:
    """Popularity and co-occurrence over a few baskets, LLM off."""
    ids = {t: i for i, t in reversed(list(enumerate(retail.titles)))}
    stand, roses, green, sugar = (ids[t] for t in [STAND, *WITH_STAND])
    kit_a, kit_b, crackers, napkins = (ids[t] for t in [*KITS, *WITH_KITS])
    baskets = [(stand, roses), (stand, roses), (stand, roses, green), (stand, green),
               (stand, sugar), (stand,), (ids["Jumbo bag red retrospot"], ids["Party bunting"]),
               (kit_a, crackers), (kit_b, crackers), (kit_b, napkins),
               *[(ids["Party bunting"], ids[t]) for t in WITH_BUNTING]]
    counts = count_cooccurrences(baskets, len(retail))
    cooc = CooccurrenceRetriever(retail, counts.indptr, counts.indices,
                                 counts.weighted(CooccurrenceConfig()))
    pop = PopularityRetriever(retail, np.asarray(retail.popularity, dtype=np.float32))
    llm = LLMSettings(backend="off")
    return Assistant(retail, IntentParser(retail, TitleLinker(retail), None, llm),
                     HybridRetriever(retail, {"pop": pop, "cooc": cooc}, text_tuned=False),
                     None, Explainer(retail, None, llm, cooccurrence=cooc), recommendations=5)


def chat(shop: Assistant, *messages: str):
    session = Session(session_id="s", catalog="retail")
    for message in messages:
        result = shop.turn(session, message)
    return session, result


@pytest.mark.parametrize("messages", [
    # the kind: the cakestand itself and other cakestands had come back
    ["what goes well with the regency cakestand?"],
    ["do you have a regency cakestand?", "what goes with it?"],  # not a cakestand now
    ["what do people buy with the regency cakestand 3 tier?"],
    ["I need something to go with my regency cakestand"],
])
def test_what_goes_with_a_product_is_what_was_bought_with_it(shop: Assistant,
                                                              messages: list[str]) -> None:
    session, result = chat(shop, *messages)
    assert [r.title for r in result.recommendations] == WITH_STAND
    assert f"3 products for you that shoppers bought with {STAND}." in result.reply
    assert all(r.explanation == f"Shoppers often bought it with {STAND}."
               for r in result.recommendations)
    assert session.together_ids == [shop.catalog.titles.index(STAND)]
    assert [i["title"] for i in session_view(shop, session).together] == [STAND]  # the API's


def test_a_product_never_bought_with_another_is_said_so(shop: Assistant) -> None:
    _, result = chat(shop, "what goes with the spaceboy lunch box?")
    assert "I know of no order that held Spaceboy lunch box with another product, so these " \
           "are picked as usual." in result.reply
    assert result.recommendations and "shoppers bought with" not in result.reply


@pytest.mark.parametrize("message", ["which one should I go with?", "I'll go with the first one",
                                     "what can I buy with £10?",
                                     "which of these do you think I'll go with?",
                                     "I'd like to go with the second one",
                                     "I think I need to go with something cheaper"])
def test_choosing_is_not_asking_what_goes_with(shop: Assistant, message: str) -> None:
    session, result = chat(shop, "mugs", message)
    assert session.together_ids == []
    assert "shoppers bought with" not in result.reply


def test_what_goes_with_products_named_by_their_words(shop: Assistant) -> None:
    """"what goes with the paper chain kit?" names 6 products, none whole: what was bought
    with any of them (the crackers with two, the napkins with one), never a kit itself, and
    no "I found nothing" or filter of kits."""
    session, result = chat(shop, "what goes with the paper chain kit?")
    assert [r.title for r in result.recommendations] == WITH_KITS
    kits = int(shop.catalog.phrase_mask("paper chain kit").sum())
    assert f'bought with one of the {kits} products named "paper chain kit".' in result.reply
    assert "found nothing" not in result.reply and session.filters.subject == ()
    result = shop.turn(session, "cheaper ones")  # both were shown: said of the same kits
    assert f'I know of no order that held one of the {kits} products named "paper chain ' \
           'kit" with another product that fits' in result.reply


@pytest.mark.parametrize(("then", "goes_on"), [
    (["cheaper ones"], True), (["thanks!", "show me more"], True), (["under £3"], True),
    # another ask: what it says
    (["anything similar?"], False), (["mugs"], False), (["start over"], False),
])
def test_narrowing_goes_on_with_what_goes_with(shop: Assistant, then: list[str],
                                              goes_on: bool) -> None:
    """"what goes with the regency cakestand?", then "cheaper ones": cheaper of what was
    bought with it (it had read cheaper products like the cakestand); here all three were
    shown already, and the reply says nothing else was bought with it."""
    session, result = chat(shop, "what goes with the regency cakestand?", *then)
    assert (session.together_ids == [shop.catalog.titles.index(STAND)]) == goes_on
    assert (f"I know of no order that held {STAND} with another product" in result.reply
            ) == (goes_on and bool(result.recommendations))
    assert "shoppers bought with" not in result.reply


def test_more_of_what_goes_with_is_the_rest_of_it(shop: Assistant) -> None:
    session, first = chat(shop, "what goes with the party bunting?")
    result = shop.turn(session, "show me more")
    shown = [r.title for r in first.recommendations + result.recommendations]
    assert sorted(shown) == sorted([*WITH_BUNTING, "Jumbo bag red retrospot"])
    assert (len(first.recommendations), len(result.recommendations)) == (5, 2)
    assert "2 products for you that shoppers bought with Party bunting." in result.reply


@pytest.mark.parametrize(("message", "shown", "said"), [
    # what the message asks for besides stays: "what candles go with ..." had read no
    # category (a question about a product asks for none), and the subject had been dropped
    ("what teacups go with the regency cakestand?", WITH_STAND[:2], "(shopping for teacups)"),
    ("what kitchen things go with the regency cakestand?", WITH_STAND[2:], "(in kitchen)"),
    ("something for the kitchen to go with my regency cakestand", WITH_STAND[2:],
     "(in kitchen)"),  # four words between "something" and "to go with"
    # the kind first: "teacups to go with", "teacups that go with" had read no request
    ("teacups to go with the regency cakestand", WITH_STAND[:2], "(shopping for teacups)"),
    ("teacups that go well with the regency cakestand", WITH_STAND[:2],
     "(shopping for teacups)"),
])
def test_what_else_is_asked_with_what_goes_with_stays(shop: Assistant, message: str,
                                                      shown: list[str], said: str) -> None:
    _, result = chat(shop, message)
    assert [r.title for r in result.recommendations] == shown
    assert f"shoppers bought with {STAND} {said}." in result.reply


@pytest.mark.parametrize("message", ["I'll go with that one", "I'd like to go with it",
                                     "I'd like to take it"])
def test_going_with_the_one_shown_picks_it(shop: Assistant, message: str) -> None:
    """"do you have a regency cakestand?", then "I'd like to take it": that one picked (the
    "like" of "I'd like to" had read as asking for more like it, and "go with" was no pick)."""
    session, result = chat(shop, "do you have a regency cakestand?", message)
    assert result.reply.startswith(f"Enjoy {STAND}!")
    assert [shop.catalog.titles[i] for i in session.liked_ids] == [STAND]
    assert session.together_ids == []
