"""A retail session started with the customer's past orders: the repeat source reads them, the
reasons cite them, and the API checks them. Real UCI Online Retail baskets."""

from __future__ import annotations

from collections import Counter

import httpx
import numpy as np
import pytest

from assistant.explain import Explainer, ordered_reason
from assistant.intent import IntentParser
from assistant.linking import TitleLinker
from assistant.orchestrator import Assistant
from assistant.rules import read_message
from assistant.session_store import MemorySessionStore
from core.catalog import Catalog
from core.datasets import baskets_before, shipped_baskets
from core.settings import LLMSettings, Settings
from core.types import Query, Session
from retrieval.hybrid import HybridRetriever
from retrieval.popularity import PopularityRetriever
from retrieval.repeat import RepeatRetriever
from server.api import AssistantRegistry, create_api
from server.loopback import serve_in_thread
from server.ui import removable
from tests.conftest import make_assistant


def shop_assistant(retail: Catalog) -> Assistant:
    """Repeat purchases and popularity, fused; rules only."""
    llm = LLMSettings(backend="off", timeout_s=10)
    sources = {"repeat": RepeatRetriever(retail),
               "pop": PopularityRetriever(retail, np.asarray(retail.popularity, np.float32))}
    return Assistant(retail, IntentParser(retail, TitleLinker(retail), None, llm),
                     HybridRetriever(retail, sources, {"repeat": 1.0, "pop": 0.01}), None,
                     Explainer(retail, None, llm), recommendations=5)


@pytest.fixture(scope="module")
def customer(retail: Catalog, settings: Settings) -> tuple[list[list[int]], int, int]:
    """(orders oldest first, the item in most of them, in how many) of a real customer with
    at least eight orders before November 2011."""
    by_customer: dict[str, list[list[int]]] = {}
    for basket in sorted(baskets_before(shipped_baskets(settings.data_dir, retail),
                                        "2011-11-01"), key=lambda b: b.date):
        by_customer.setdefault(basket.customer_id, []).append(list(basket.item_ids))
    orders = next(o for _, o in sorted(by_customer.items()) if len(o) >= 8)
    item, times = Counter(i for o in orders for i in set(o)).most_common(1)[0]
    assert times >= 3
    return orders, item, times


def test_past_orders_are_recommended_and_cited(retail: Catalog, customer) -> None:
    orders, item, times = customer
    assistant = shop_assistant(retail)
    session = Session(session_id="p", catalog="retail", purchases=orders)
    result = assistant.turn(session, "anything for me?")
    assert result.reply.startswith(f"Here are 5 products for you based on your {len(orders)} "
                                   "past orders")
    cited = {r.item_id: r for r in result.recommendations}
    assert item in cited  # the product in most of their orders
    last = max(k for k, order in enumerate(orders) if item in order)
    assert cited[item].explanation == ordered_reason(times, len(orders), last)
    assert cited[item].reason_source == "history" and cited[item].because_item_ids == []
    # without the orders, the same message gets the best sellers and no such reason
    plain = assistant.turn(Session(session_id="q", catalog="retail"), "anything for me?")
    assert not any(r.reason_source == "history" for r in plain.recommendations)


@pytest.mark.parametrize("ask", ["something new please", "anything I haven't bought before?",
                                 "not my usual stuff", "something different for a change"])
def test_something_new_leaves_out_every_past_order(retail: Catalog, movies: Catalog, customer,
                                                    ask: str) -> None:
    """A next basket is mostly repeats (issue 14: the hybrid shows almost only past orders):
    the reply says how many are, and "something new" gets products never ordered, stays
    asked for over later turns, is said back, and can be removed."""
    orders, _, _ = customer
    bought = {i for order in orders for i in order}
    assistant = shop_assistant(retail)
    session = Session(session_id="n", catalog="retail", purchases=orders)
    first = assistant.turn(session, "anything for me?")
    repeats = sum(r.item_id in bought for r in first.recommendations)
    assert repeats >= 3
    said = "All" if repeats == 5 else str(repeats)
    assert f'{said} of these you have ordered before; say "something new"' in first.reply
    new = assistant.turn(session, ask)
    assert new.recommendations and not any(r.item_id in bought for r in new.recommendations)
    assert "(none you have ordered before)" in new.reply
    assert "something new" not in new.reply
    assert session.filters.new_only
    later = assistant.turn(session, "cheaper")
    assert not any(r.item_id in bought for r in later.recommendations)
    assistant.remove_preference(session, "new_only", "")
    assert not session.filters.new_only
    # "new arrivals" and "newer" are about the products, and a chat about films has no orders
    linker = TitleLinker(retail)
    assert "new_to_me" not in read_message("any new arrivals?", retail, linker).relative
    assert "new_to_me" not in read_message("something newer", retail, linker).relative
    assert "new_to_me" not in read_message(ask, movies, TitleLinker(movies)).relative


def test_the_ordered_reason_counts_back_from_the_latest_order() -> None:
    assert ordered_reason(3, 12, 11) == ("You have ordered it before: in 3 of your 12 orders, "
                                         "last in your latest one.")
    assert ordered_reason(1, 12, 10).endswith("last in the one before your latest.")
    assert ordered_reason(2, 12, 2).endswith("last 9 orders before your latest.")
    assert ordered_reason(1, 1, 0) == "You have ordered it before, in your only order."


@pytest.mark.slow
def test_the_api_takes_past_orders_and_says_what_is_wrong(retail: Catalog, movies: Catalog,
                                                          off_settings: Settings,
                                                          customer) -> None:
    orders, item, _ = customer
    shop, films = shop_assistant(retail), make_assistant(movies)
    registry = AssistantRegistry(lambda name: shop if name == "retail" else films,
                                 ("movies", "retail"))
    app = create_api(registry, MemorySessionStore(), off_settings, MemorySessionStore())
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        created = client.post("/v1/sessions", json={"catalog": "retail", "purchases": orders})
        assert created.status_code == 201
        sid = created.json()["session_id"]
        assert client.get(f"/v1/sessions/{sid}").json()["orders"] == len(orders)
        turn = client.post(f"/v1/sessions/{sid}/messages", json={"text": "anything for me?"})
        assert turn.status_code == 200
        assert item in [r["item_id"] for r in turn.json()["recommendations"]]
        new = client.post(f"/v1/sessions/{sid}/messages", json={"text": "something new"}).json()
        assert new["understood"]["constraints"] == {"new_only": True}
        assert ("none I have ordered before", "new_only=true") in removable(new["understood"])
        bought = {i for order in orders for i in order}
        assert not bought & {r["item_id"] for r in new["recommendations"]}
        for body, said in [
            ({"catalog": "retail", "purchases": [[item], [10**9]]},
             "order 2 of purchases has unknown item ids [1000000000]"),
            ({"catalog": "retail", "purchases": [[item], []]}, "order 2 of purchases is empty"),
            ({"catalog": "movies", "purchases": [[1]]}, "the 'movies' catalogue does not take"),
            ({"catalog": "retail", "purchases": [["not an id"]]}, "invalid request"),
            ({"catalog": "retail", "purchases": [[item]] * 501}, "invalid request"),
        ]:
            response = client.post("/v1/sessions", json=body)
            assert response.status_code == 422 and said in response.json()["detail"], body


def test_the_eval_row_for_something_new_leaves_out_the_history(retail: Catalog, customer
                                                                ) -> None:
    """`hybrid-new` (eval/stage_retrieval.py) ranks as the assistant answers "something new":
    the same fused order with every past order taken out."""
    from eval.stage_retrieval import NewToCustomer

    orders, _, _ = customer
    history = tuple(dict.fromkeys(i for order in orders for i in order))
    hybrid = shop_assistant(retail).retriever
    query = Query(history_ids=history, history_baskets=tuple(tuple(o) for o in orders))
    served = hybrid.retrieve(query, len(history) + 50).item_id_list()
    new = NewToCustomer(hybrid).retrieve(query, 20).item_id_list()
    assert len(new) == 20 and not set(new) & set(history)
    assert sum(i in history for i in served[:10]) >= 5  # what the default order shows
    assert new == [i for i in served if i not in history][:20]
