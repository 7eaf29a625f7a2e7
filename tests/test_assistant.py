"""Assistant.turn: the whole turn, multi-turn refinement, feedback, fallbacks.

Synthetic catalogue (known right answers, fast) and the real movie catalogue (LLM off).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.types import Candidates, Query, Session
from tests.conftest import make_assistant, make_catalog

STAGES = ("intent", "session", "retrieval", "ranking", "explain")


def shown(result) -> list[int]:
    return [r.item_id for r in result.recommendations]


def test_synthetic_refinements_have_known_answers():
    catalog = dataclasses.replace(make_catalog(), prices=np.arange(1, 41, dtype=np.float32))
    assistant = make_assistant(catalog)
    session = Session(session_id="s")
    first = assistant.turn(session, "I loved Item 10 and Item 12")
    assert session.liked_ids == [10, 12]
    assert shown(first) == [39, 38, 37, 36, 35]  # most popular first, liked excluded
    assert set(first.timings_ms) == set(STAGES)

    second = assistant.turn(session, "no horror")
    assert "Horror" in session.filters.exclude_genres
    assert all("Horror" not in catalog.genres[i] for i in shown(second))
    assert not set(shown(second)) & set(shown(first))  # never shown twice

    older = assistant.turn(session, "something older")
    # older than most of them: the median year of the list shown
    assert session.filters.year_max == int(np.median([catalog.years[i] for i in shown(second)])) - 1
    assert all(catalog.years[i] <= session.filters.year_max for i in shown(older))

    anchor = shown(older)[1]
    assistant.turn(session, "more like the second one")
    assert session.liked_ids[-1] == anchor

    top = session.last_shown_ids[0]
    seen = assistant.turn(session, "I've seen it")
    assert top in session.seen_ids and top not in shown(seen)

    prices = [float(catalog.prices[i]) for i in shown(seen)]
    cheaper = assistant.turn(session, "cheaper")
    assert session.filters.price_max < float(np.median(prices))
    assert cheaper.recommendations
    assert all(catalog.prices[i] <= session.filters.price_max for i in shown(cheaper))


def test_impossible_constraints_reply_instead_of_raising():
    assistant = make_assistant(make_catalog())
    session = Session(session_id="s")
    result = assistant.turn(session, "a horror movie under £1 from before 1900")
    assert result.recommendations == []
    assert "found no" in result.reply


def test_feedback_and_removal_change_the_session():
    assistant = make_assistant(make_catalog())
    session = Session(session_id="s")
    assistant.apply_feedback(session, 3, "like")
    assistant.apply_feedback(session, 4, "dislike")
    assistant.apply_feedback(session, 3, "dislike")  # changing one's mind moves it
    assistant.apply_feedback(session, 5, "click")
    assert session.liked_ids == [] and session.disliked_ids == [4, 3]
    assert session.seen_ids == [5]
    with pytest.raises(KeyError):
        assistant.apply_feedback(session, 10_000, "like")
    with pytest.raises(ValueError):
        assistant.apply_feedback(session, 1, "love")
    result = assistant.turn(session, "something please")
    assert not {3, 4, 5} & set(shown(result))
    assistant.remove_preference(session, "disliked_ids", "4")
    assert session.disliked_ids == [3]


class FailingRetriever:
    """A retriever whose index is gone: the turn must still answer."""

    name = "broken"

    def retrieve(self, query: Query, k: int) -> Candidates:
        raise OSError("index file vanished")


def test_a_failing_stage_falls_back_and_is_named():
    assistant = make_assistant(make_catalog())
    assistant.retriever = FailingRetriever()
    result = assistant.turn(Session(session_id="s"), "I loved Item 3")
    assert result.recommendations == []
    assert "retrieval:OSError" in result.fallbacks
    assert result.reply


class Scripted:
    """A LangChain chat model that answers from a script and counts its calls (the LLM is
    the one part a test cannot run for real and fast; everything else is the real code)."""

    def __init__(self, *answers: str):
        from langchain_core.callbacks import BaseCallbackHandler
        from langchain_core.language_models import FakeListChatModel

        counter = self

        class Count(BaseCallbackHandler):
            def on_chat_model_start(self, *args, **kwargs) -> None:
                counter.calls += 1

        self.calls = 0
        self.model = FakeListChatModel(responses=list(answers), callbacks=[Count()])


COMEDY = '{"kind": "recommend", "constraints": {"genres": ["Comedy"]}}'
PICK_17 = '{"picks": [{"item_id": 17, "reason": ""}]}'


def test_phase1_is_deterministic_and_phase2_refines_with_the_llm():
    script = Scripted(COMEDY, PICK_17)
    assistant = make_assistant(make_catalog(), script.model)
    session = Session(session_id="s")
    phase1 = assistant.turn(session, "something to lift my spirits tonight")
    assert script.calls == 0  # phase 1 makes no LLM call
    assert phase1.phase == 1 and phase1.refinable
    assert shown(phase1) == [39, 38, 37, 36, 35]  # most popular: the rules found nothing
    refinement = assistant.refine(session, phase1)
    assert script.calls == 2  # the rules were not confident: intent, then re-rank
    assert session.last_shown_ids == shown(phase1)  # refine changes nothing by itself
    result = refinement.result
    assert result is not None and result.phase == 2
    assert not [f for f in refinement.fallbacks if f.startswith("llm")]
    # the LLM read "Comedy" (items 10-19); its pick leads, the ranker's order follows
    assert shown(result) == [17, 19, 18, 16, 15]
    assert assistant.adopt(session, phase1, refinement)
    assert session.filters.genres == ("Comedy",)
    assert session.last_shown_ids == shown(result)
    assert session.shown_ids == shown(result)  # phase 1's list was replaced, not added to
    assert session.shown_lists == [shown(result)]  # "the first list" is the one seen now
    assert session.messages[-1].text == result.reply
    assert [m.role for m in session.messages] == ["user", "assistant"]


def test_confident_rules_skip_the_intent_call():
    script = Scripted('{"picks": [{"item_id": 33, "because_id": 12, "reason": ""}]}')
    assistant = make_assistant(make_catalog(), script.model)
    session = Session(session_id="s")
    phase1 = assistant.turn(session, "I loved Item 12")
    refinement = assistant.refine(session, phase1)
    assert script.calls == 1  # re-rank only
    assert refinement.result is not None and shown(refinement.result)[0] == 33


def test_phase2_never_overwrites_a_newer_turn():
    script = Scripted(COMEDY, PICK_17)
    assistant = make_assistant(make_catalog(), script.model)
    session = Session(session_id="s")
    phase1 = assistant.turn(session, "something to lift my spirits tonight")
    refinement = assistant.refine(session, phase1)
    newer = assistant.turn(session, "no westerns")  # the person wrote again meanwhile
    before = session.model_copy(deep=True)
    assert not assistant.adopt(session, phase1, refinement)
    assert session == before and session.last_shown_ids == shown(newer)


def test_phase2_drops_items_liked_meanwhile():
    script = Scripted(COMEDY, PICK_17)
    assistant = make_assistant(make_catalog(), script.model)
    session = Session(session_id="s")
    phase1 = assistant.turn(session, "something to lift my spirits tonight")
    refinement = assistant.refine(session, phase1)
    assistant.apply_feedback(session, 19, "like")  # a like while phase 2 ran
    assert assistant.adopt(session, phase1, refinement)
    assert 19 not in session.last_shown_ids and session.last_shown_ids[0] == 17
    assert 19 in session.liked_ids
    # the reply counts what is left (probe 25: "Here are 5" over 3)
    n = len(session.last_shown_ids)
    assert n == 4 and refinement.result.reply.startswith(f"Here are {n} ")
    assert session.messages[-1].text == refinement.result.reply


def test_phase2_with_nothing_left_leaves_phase1():
    script = Scripted(COMEDY, '{"picks": [{"item_id": 17, "reason": ""}]}')
    assistant = make_assistant(make_catalog(), script.model)
    session = Session(session_id="s")
    phase1 = assistant.turn(session, "something to lift my spirits tonight")
    refinement = assistant.refine(session, phase1)
    for item in shown(refinement.result):  # each refined item disliked meanwhile
        assistant.apply_feedback(session, item, "dislike")
    assert not assistant.adopt(session, phase1, refinement)
    assert session.last_shown_ids == shown(phase1)


def test_failed_phase2_leaves_phase1_and_names_the_failures():
    script = Scripted("garbage", "more garbage")
    assistant = make_assistant(make_catalog(), script.model)
    session = Session(session_id="s")
    phase1 = assistant.turn(session, "something to lift my spirits tonight")
    refinement = assistant.refine(session, phase1)
    assert script.calls == 2  # at most two LLM calls, even when both fail
    assert refinement.result is None
    assert [f for f in refinement.fallbacks if f.startswith("llm")] == [
        "llm_intent:invalid_json", "llm_rerank:invalid_json"]
    assert not assistant.adopt(session, phase1, refinement)
    assert session.last_shown_ids == shown(phase1)


def test_no_phase2_without_an_llm():
    assistant = make_assistant(make_catalog())
    session = Session(session_id="s")
    phase1 = assistant.turn(session, "I loved Item 3")
    assert not phase1.refinable
    assert assistant.refine(session, phase1).result is None


@pytest.mark.slow
def test_movie_multi_turn_flow(movie_assistant):
    catalog = movie_assistant.catalog
    session = Session(session_id="m", catalog="movies")
    first = movie_assistant.turn(session, "I loved Inception and The Matrix, hated Titanic")
    titles = {catalog.titles[i] for i in session.liked_ids}
    assert {"Inception", "The Matrix"} <= titles
    assert "Titanic" in {catalog.titles[i] for i in session.disliked_ids}
    assert len(first.recommendations) == 5
    assert not set(shown(first)) & set(session.liked_ids + session.disliked_ids)
    for rec in first.recommendations:
        assert rec.explanation
        assert set(rec.because_item_ids) <= set(session.liked_ids)  # grounded, never invented
    assert any(rec.because_item_ids for rec in first.recommendations)
    assert {"intent", "retrieval", "ranking", "explain"} <= set(first.timings_ms)

    no_horror = movie_assistant.turn(session, "no horror please")
    assert all("horror" not in " ".join(catalog.genres[i]).lower() for i in shown(no_horror))
    assert not set(shown(no_horror)) & set(shown(first))

    older = movie_assistant.turn(session, "something older")
    limit = session.filters.year_max
    assert limit is not None
    assert all(0 <= catalog.years[i] <= limit for i in shown(older))

    anchor = session.last_shown_ids[1]
    movie_assistant.turn(session, "more like the second one")  # a film not seen: no like
    assert session.wanted_ids[-1] == anchor and anchor not in session.liked_ids

    top = session.last_shown_ids[0]
    movie_assistant.turn(session, "I've seen it")
    assert top in session.seen_ids


@pytest.mark.slow
def test_movie_turn_survives_a_failing_ranker(movie_assistant):
    class BrokenRanker:
        def score(self, query, candidates):
            raise RuntimeError("weights corrupted")

    ranker = movie_assistant.ranker
    movie_assistant.ranker = BrokenRanker()
    try:
        result = movie_assistant.turn(Session(session_id="r"), "I loved Toy Story")
    finally:
        movie_assistant.ranker = ranker
    assert "ranking:RuntimeError" in result.fallbacks
    assert len(result.recommendations) == 5


@pytest.mark.slow
def test_chat_cli_reads_stdin_until_eof(monkeypatch, capsys):
    import io

    from server.chat_cli import main

    monkeypatch.setenv("BECAUSE_LLM__BACKEND", "off")
    monkeypatch.setattr("sys.stdin", io.StringIO("I loved Alien and Aliens\nno horror\n"))
    assert main(["--catalog", "movies"]) == 0
    out = capsys.readouterr().out
    assert out.count("  1. ") == 2 and "Because you liked Alien" in out


@pytest.mark.slow
@pytest.mark.llm
def test_embedded_llm_turn_makes_at_most_two_calls(off_settings):
    from langchain_core.callbacks import BaseCallbackHandler

    from assistant.factory import build_assistant
    from assistant.llm import build_chat_model

    class CallCounter(BaseCallbackHandler):
        calls = 0

        def on_chat_model_start(self, *args, **kwargs) -> None:
            CallCounter.calls += 1

    llm = off_settings.llm.model_copy(update={"backend": "embedded"})
    backend = build_chat_model(llm)
    if backend.name != "embedded":
        pytest.skip(f"embedded LLM unavailable: {backend.reason}")
    backend.model.callbacks = [CallCounter()]
    settings = off_settings.model_copy(update={"llm": llm})
    assistant = build_assistant(settings, "movies", backend=backend)
    session = Session(session_id="llm")
    phase1 = assistant.turn(session, "I loved The Matrix and Alien, something scary")
    assert CallCounter.calls == 0 and phase1.refinable
    refinement = assistant.refine(session, phase1)
    assert 1 <= CallCounter.calls <= 2
    result = refinement.result or phase1  # a failed phase 2 leaves phase 1
    assert len(result.recommendations) == 5
    for rec in result.recommendations:
        assert rec.explanation and set(rec.because_item_ids) <= set(session.liked_ids)


def test_an_explicit_dislike_survives_the_next_turn(movie_assistant):
    """The sentiment model re-reads earlier mentions with the messages that follow them; a
    next message that says nothing of the film must not turn "hated" into a like."""
    session = Session(session_id="dislike-stays", catalog="movies")
    movie_assistant.turn(session, "I loved Inception and The Matrix, hated Titanic. "
                                  "Something mind-bending?")
    titanic = next(i for i in session.disliked_ids
                   if movie_assistant.catalog.titles[i] == "Titanic")
    movie_assistant.turn(session, "Something older please, no horror")
    assert titanic in session.disliked_ids and titanic not in session.liked_ids


def test_a_title_naming_a_series_gets_no_verdict_later(movie_assistant):
    """"all the star wars movies in order", "no remakes", "more": the model's re-read of Star
    Wars (1977) with the later messages had made it a dislike ("I set aside Star Wars")."""
    session = Session(session_id="series-title", catalog="movies")
    for text in ("all the star wars movies in order", "no remakes", "more"):
        result = movie_assistant.turn(session, text)
    assert not session.disliked_ids and not session.liked_ids
    assert "I set aside" not in result.reply


def test_a_whole_series_seen_stays_seen_with_the_model(movie_assistant):
    """The sentiment model's merge rebuilds the seen films from the mentions; the films of a
    series said seen as a whole ("all the harry potter movies") stay seen."""
    session = Session(session_id="series-seen", catalog="movies")
    result = movie_assistant.turn(session, "I've watched all the harry potter movies, what next?")
    films = set(movie_assistant.catalog.series_films("harry potter")[1])
    assert films <= set(session.seen_ids)
    assert not {r.item_id for r in result.recommendations} & films


@pytest.mark.parametrize(("text", "name"), [("horror, oldest first please", "movies"),
                                            ("cheapest first", "retail")])
def test_an_order_asked_for_is_not_reranked_by_the_llm(text: str, name: str) -> None:
    """The LLM's phase 2 had re-ranked a list sorted by year and kept the words "Sorted by
    year, oldest first." over films out of order."""
    script = Scripted(COMEDY, PICK_17)
    assistant = make_assistant(make_catalog(name=name), script.model)
    session = Session(session_id="s")
    phase1 = assistant.turn(session, text)
    assert "Sorted by" in phase1.reply and not phase1.refinable
    assert assistant.refine(session, phase1).result is None and script.calls == 0
    years = [assistant.catalog.years[i] for i in shown(phase1)] if "oldest" in text else \
        [assistant.catalog.prices[i] for i in shown(phase1)]
    assert years == sorted(years)
