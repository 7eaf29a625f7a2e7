"""Emoji read as the words they stand for: "Titanic 🤮" is a dislike (it had read as a like,
a bare title being one), "🧟 movies" asks for zombie films, "I ❤️ Heat" likes Heat; and a
request whose words were all there was to go by is answered from the descriptions, as the reply
says ("🐙 movies" had shown best sellers under "I matched its words against the movies'
descriptions")."""

from __future__ import annotations

import pytest

from assistant.emoji import emoji_words
from assistant.orchestrator import Stages
from core.catalog import Catalog
from core.types import Message, Session
from tests.conftest import make_assistant


@pytest.mark.parametrize(("text", "movies", "retail"), [
    ("Titanic 🤮", "Titanic, hated it.", "Titanic, hated it."),
    ("Titanic 🤮 never again.", "Titanic, hated it. never again.",
     "Titanic, hated it. never again."),
    ("Titanic ❤️ anything like it?", "Titanic, loved it. anything like it?",
     "Titanic, loved it. anything like it?"),
    ("Superbad 😂😂", "Superbad, loved it.", "Superbad, loved it."),
    ("Heat👍", "Heat, loved it.", "Heat, loved it."),
    ("I ❤️ Heat", "I love Heat", "I love Heat"),
    ("👎 Titanic", "hate Titanic", "hate Titanic"),
    ("🧟 movies", "zombie movies", "zombie movies"),
    ("🧟\u200d♀️ movies", "zombie movies", "zombie movies"),  # a joined, gendered emoji
    ("something 😂", "something funny", "something funny"),  # asked for, not a verdict
    ("a ❤️ mug", "a romantic mug", "a heart mug"),
    ("🎄 decorations", "Christmas decorations", "christmas decorations"),
    ("a 🎁 for mum", "a for mum", "a gift for mum"),
    ("🐙 movies", "octopus movies", "octopus movies"),  # its Unicode name
    ("🇫🇷 movies", "French movies", "French movies"),  # a flag: its country (had been dropped)
    ("a 🇬🇧 mug", "a British mug", "a British mug"),
    ("something with 🦈", "something with shark", "something with shark"),
    ("👍", "love it", "love it"), ("🙏", "thanks", "thanks"),
    ("🍿", "recommend something", "popcorn"),  # films themselves, not Popcorn (1991)
    ("🍿 tonight?", "tonight?", "popcorn tonight?"),
    ("thanks 🙏", "thanks", "thanks"),  # a face or a hand after words: decoration
    ("✔ done ➡", "done", "done"),  # marks and arrows name nothing
    ("Titanic 🤮. Heat 👍", "Titanic, hated it. Heat, loved it.",
     "Titanic, hated it. Heat, loved it."),
    ("no emoji here", "no emoji here", "no emoji here"),
    # the faces people type
    ("Titanic :(", "Titanic, hated it.", "Titanic, hated it."),
    ("Titanic -_-", "Titanic, hated it.", "Titanic, hated it."),
    ("Heat :)", "Heat, loved it.", "Heat, loved it."),
    ("http://example.com", "http://example.com", "http://example.com"),  # no face
    # after thanks, or a request: friendliness, no verdict on anything (", loved it." had
    # asked for a new list after "thanks")
    ("thanks 👍", "thanks", "thanks"), ("ok 👍 more please", "ok more please", "ok more please"),
    ("a comedy please 👍", "a comedy please", "a comedy please"),
    ("Have you seen Heat? :)", "Have you seen Heat?", "Have you seen Heat?"),
    # typed faces are tone in ReDial's dialogues: never a verb, nor a verdict on a clause
    # that says something itself ("Not Frozen :)" had liked Frozen, "Nick of Time sounds
    # good :/" disliked it)
    (":) Well thanks", "Well thanks", "Well thanks"),
    ("So definitely something scary. Not Frozen :)", "So definitely something scary. Not Frozen",
     "So definitely something scary. Not Frozen"),
    ("Nick of Time sounds good :/", "Nick of Time sounds good", "Nick of Time sounds good"),
    ("Hi :)", "Hi", "Hi"),
    ("I loved Heat! 😂", "I loved Heat!", "I loved Heat!"),  # no comedies asked for
    ("I'm looking for something fun :)", "I'm looking for something fun",
     "I'm looking for something fun"),
])
def test_emoji_are_written_as_the_words_they_stand_for(text: str, movies: str,
                                                        retail: str) -> None:
    assert emoji_words(text, "movies") == movies
    assert emoji_words(text, "retail") == retail


def chat(assistant, catalog: str, *messages: str):
    session = Session(session_id="e", catalog=catalog)
    for message in messages:
        result = assistant.turn(session, message)
    return session, result


def titles(catalog: Catalog, ids: list[int]) -> list[str]:
    return [catalog.display_title(i) for i in ids]


@pytest.fixture(scope="module")
def films(movies: Catalog):
    return make_assistant(movies)


def test_an_emoji_verdict_reads_as_the_words_would(films, movies: Catalog) -> None:
    session, result = chat(films, "movies", "Titanic 🤮")
    assert titles(movies, session.disliked_ids) == ["Titanic (1997)"]
    assert session.liked_ids == []
    assert "I set aside Titanic (1997)" in result.reply
    # the conversation keeps the person's own words
    assert session.messages[0].text == "Titanic 🤮"
    session, _ = chat(films, "movies", "I ❤️ Heat")
    assert titles(movies, session.liked_ids) == ["Heat (1996)"]
    session, _ = chat(films, "movies", "Superbad 👍 and Titanic 👎")
    assert titles(movies, session.liked_ids) == ["Superbad (2007)"]
    assert titles(movies, session.disliked_ids) == ["Titanic (1997)"]


def test_an_emoji_kind_filters_as_its_word_does(films, movies: Catalog) -> None:
    session, result = chat(films, "movies", "🧟 movies")
    assert session.filters.topics == ("zombie",)
    assert "naming zombie" in result.reply
    session, _ = chat(films, "movies", "something 😂")
    assert session.filters.genres == ("Comedy",)
    # an earlier message's emoji still read at the next turn
    session, _ = chat(films, "movies", "I ❤️ Heat", "😂 ones please")
    assert titles(movies, session.liked_ids) == ["Heat (1996)"]
    assert session.filters.genres == ("Comedy",)


def test_an_emoji_in_the_gift_shop(retail: Catalog) -> None:
    session, result = chat(make_assistant(retail), "retail", "🦉 stuff")
    assert session.filters.subject == ("owl",)
    assert all("owl" in r.title.lower() for r in result.recommendations)


def test_words_alone_are_matched_against_the_descriptions(movie_assistant) -> None:
    """The built movie assistant, whose weights were tuned on dialogues: with nothing read to
    filter by and nothing liked, the text source leads, as the reply says."""
    _, result = chat(movie_assistant, "movies", "🐙 movies")
    assert 'I found nothing in "octopus movies" I can filter by' in result.reply
    assert "Octopussy (1983)" in [r.title for r in result.recommendations][:3]
    _, result = chat(movie_assistant, "movies", "octopus movies")
    assert "Octopussy (1983)" in [r.title for r in result.recommendations][:3]


def test_thanks_with_an_emoji_is_still_thanks(films) -> None:
    session, _ = chat(films, "movies", "something funny")
    shown = list(session.last_shown_ids)
    result = films.turn(session, "thanks 👍")
    assert not result.recommendations and session.liked_ids == []
    assert session.last_shown_ids == shown


def test_phase_two_matches_the_words_as_phase_one_did(movie_assistant) -> None:
    """Phase 2 ranks what phase 1 would: "octopus movies" read nothing, so its candidates
    come from the descriptions too (they had come from the tuned mix: best sellers)."""
    session = Session(session_id="p2", catalog="movies")
    phase1 = movie_assistant.turn(session, "octopus movies")
    parsed = movie_assistant.rules_parser.parse([Message(role="user", text="octopus movies")])
    query, candidates = movie_assistant.fresh_candidates(session.model_copy(deep=True), phase1,
                                                         Stages({}), [], parsed)
    assert query.described
    titles = [movie_assistant.catalog.display_title(i) for i in candidates.item_id_list()]
    assert "Octopussy (1983)" in titles[:3]
