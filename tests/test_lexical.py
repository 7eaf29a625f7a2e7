"""The lexical source (BM25 over item text) and words-led retrieval: synthetic catalogues with a
known right answer, and the real film catalogue for plots as people remember them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from core.types import Candidates, HardFilters, Query, Session
from retrieval.hybrid import HybridRetriever
from retrieval.lexical import LexicalRetriever, lexical_source, stem, terms
from tests.conftest import make_catalog

PLOTS = (
    "A weather reporter is trapped in a time loop and must relive February 2 repeatedly.",
    "A shark attacks beachgoers at a summer resort town.",
    "A man learns his whole life is a television show watched by millions.",
    "Toys come to life when their owner leaves the room.",
    "A chess prodigy from Kampala rises to the top.",
    "A weather balloon crashes in the desert.",
)


def plot_catalog():
    base = make_catalog(len(PLOTS))
    return replace(base, titles=tuple(f"Film {i}" for i in range(len(PLOTS))),
                   genres=tuple(() for _ in PLOTS), descriptions=PLOTS)


def test_stems_meet_across_word_forms_and_the_frame_of_a_question_is_no_term():
    assert stem("relives") == stem("relive") == stem("reliving")
    assert terms("What's the movie where a guy relives the same day?") == [
        stem("relives"), stem("same"), "day"]
    assert terms("a tv show") == ["television", stem("show")]  # the summaries' spelling


@pytest.mark.parametrize(("words", "film"), [
    ("the movie where a guy relives the same day over and over", 0),
    ("a shark attacking a beach town", 1),
    ("a man's whole life is a tv show", 2),
    ("toys that come alive", 3),
    ("a film about chess", 4),
])
def test_a_plot_as_remembered_finds_its_film_first(words, film):
    lexical = LexicalRetriever.from_catalog(plot_catalog())
    assert lexical.retrieve(Query(text=words), 3).item_id_list()[0] == film


def test_only_items_holding_a_word_are_returned_and_filters_hold():
    catalog = plot_catalog()
    lexical = LexicalRetriever.from_catalog(catalog)
    # "weather" is in two summaries; the third-best would hold none of the words
    assert sorted(lexical.retrieve(Query(text="weather"), 10).item_id_list()) == [0, 5]
    assert lexical.retrieve(Query(text="weather", exclude_ids=(0,)), 10).item_id_list() == [5]
    nothing = lexical.retrieve(Query(text="submarine"), 10)
    assert len(nothing) == 0 and "no item's text" in nothing.reason
    assert len(lexical.retrieve(Query(text="   "), 10)) == 0
    cheap = lexical.retrieve(Query(text="weather", filters=HardFilters(price_max=10.0)), 10)
    assert cheap.item_id_list() == [5]  # odd items are the cheap ones


def test_a_catalogue_of_names_alone_gets_no_lexical_source():
    assert lexical_source(replace(make_catalog(8), descriptions=("",) * 8)) is None
    assert isinstance(lexical_source(plot_catalog()), LexicalRetriever)


class Popularity:
    """The popularity source's shape: counts per item, a list of the best sellers."""

    name = "pop"

    def __init__(self, counts: np.ndarray):
        self.counts = counts

    def retrieve(self, query: Query, k: int) -> Candidates:
        order = np.argsort(-self.counts, kind="stable")[:k]
        return Candidates(order, self.counts[order].astype(np.float32))


class NoText:
    name = "text"

    def retrieve(self, query: Query, k: int) -> Candidates:
        return Candidates.empty("nothing")


def test_words_led_retrieval_ranks_only_what_the_words_matched_popularity_orders_them():
    catalog = plot_catalog()
    counts = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 500.0])  # film 5: the best known, by far
    hybrid = HybridRetriever(catalog, {"text": NoText(), "pop": Popularity(counts)},
                             lexical=LexicalRetriever.from_catalog(catalog))
    # "a film about chess": one summary names chess; the best-known film is not shown for it
    assert hybrid.retrieve(Query(text="a film about chess", described=True),
                           5).item_id_list() == [4]
    # two summaries hold "weather": the better known first, the other still shown
    assert hybrid.retrieve(Query(text="weather", described=True), 5).item_id_list() == [5, 0]
    # without popularity both matches are still the only ones
    plain = HybridRetriever(catalog, {"text": NoText()},
                            lexical=LexicalRetriever.from_catalog(catalog))
    assert set(plain.retrieve(Query(text="weather", described=True), 5).item_id_list()) == {0, 5}


NAMING = "as a film you are trying to name and matched it against the movies' descriptions"
PLOT_QUESTIONS = (
    ("what's the movie where a guy relives the same day over and over?", "Groundhog Day", NAMING),
    ("the one where a man's whole life is a tv show and he doesn't know", "The Truman Show",
     NAMING),
    ("what was that film with the guy who can't form new memories", "Memento", NAMING),
    ("a film about chess", "Queen of Katwe",
     "so I matched its words against the movies' descriptions"),
)


@pytest.mark.parametrize(("message", "title", "said"), PLOT_QUESTIONS)
def test_a_film_described_by_its_plot_is_among_the_first_shown(movie_assistant, message, title,
                                                               said):
    session = Session(session_id="plot", catalog="movies")
    result = movie_assistant.turn(session, message)
    shown = [r.title for r in result.recommendations]
    assert any(t.startswith(title) for t in shown[:2]), shown
    assert said in result.reply


def test_words_alone_are_shown_in_the_words_order_not_the_rankers(movie_assistant):
    """The ranker, trained on dialogue histories, had put Independence Day over Groundhog Day:
    where the reply says the words were matched, the words' order is what is shown."""
    message = "what's the movie where a guy relives the same day over and over?"
    session = Session(session_id="order", catalog="movies")
    shown = [r.item_id for r in movie_assistant.turn(session, message).recommendations]
    words = movie_assistant.retriever.retrieve(Query(text=message, described=True), 50)
    catalog = movie_assistant.catalog
    titles = list(dict.fromkeys(catalog.display_title(i) for i in words.item_id_list()))
    assert [catalog.display_title(i) for i in shown] == titles[: len(shown)]


@pytest.mark.parametrize(("first", "message", "title"), [
    # mid-conversation a film being named had been answered with films like the one liked
    ("I loved Inception", "what's the movie where a guy relives the same day over and over?",
     "Groundhog Day"),
    # ... or kept to the kind asked before (Jaws is no comedy)
    ("comedies please", "I can't remember the name of that film where a shark attacks a beach "
     "town", "Jaws"),
])
def test_a_film_named_mid_conversation_is_that_message_alone(movie_assistant, first, message,
                                                             title):
    session = Session(session_id="naming", catalog="movies")
    movie_assistant.turn(session, first)
    result = movie_assistant.turn(session, message)
    shown = [r.title for r in result.recommendations]
    assert any(t.startswith(title) for t in shown[:2]), shown
    assert NAMING in result.reply
    assert "based on" not in result.reply and "(in Comedy)" not in result.reply
    assert not any(r.because_item_ids for r in result.recommendations)
