"""Readings that lean on the conversation, each found by trying the assistant as a person
would (2026-12-04, LLM off): constraints taken back in plain words, "it" for the film just
described, a director's surname alone, "from 2015" as that year, and a message in another
language said back. Each kind is tested with the example that failed and its right value."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from assistant.amounts import units_wanted, without_prices
from assistant.language import foreign_language
from assistant.lifetime import birth_said, birth_stated, life_said, life_years
from assistant.orchestrator import CLASSIC_YEARS, Assistant
from assistant.release import Release, apply_release, release_spans, taken_back
from assistant.rules import read_message
from core.catalog import Catalog, retail_categories
from core.types import Candidates, HardFilters, Session
from retrieval.filters import filter_mask
from tests.conftest import make_assistant


def talk(assistant: Assistant, catalog: str, *messages: str):
    """(session, the last turn's result) after each message in turn."""
    session = Session(session_id="c", catalog=catalog)
    result = None
    for text in messages:
        result = assistant.turn(session, text)
    return session, result


@pytest.fixture(scope="module")
def film_assistant(movies: Catalog) -> Assistant:
    return make_assistant(movies)


@pytest.fixture(scope="module")
def shop_assistant(retail: Catalog) -> Assistant:
    return make_assistant(retail)


# -- constraints taken back -------------------------------------------------------------------

@pytest.mark.parametrize(("first", "then", "held", "left"), [
    # the issue's kind: plain words did nothing, only the UI's panel could remove them
    ("Tom Hanks movies", "forget Tom Hanks", {"cast": ("Tom Hanks",)}, {}),
    ("horror from the 80s", "any year is fine",
     {"genres": ("Horror",), "year_min": 1980, "year_max": 1989}, {"genres": ("Horror",)}),
    ("no horror", "horror is ok now", {"exclude_genres": ("Horror",)}, {}),
    ("no Adam Sandler please", "I don't mind Adam Sandler",
     {"exclude_cast": ("Adam Sandler",)}, {}),
    ("comedies please", "any genre is fine", {"genres": ("Comedy",)}, {}),
    ("Tom Hanks movies from the 80s", "forget about the year and Tom Hanks",
     {"cast": ("Tom Hanks",), "year_min": 1980, "year_max": 1989}, {}),
    # a new constraint in the same message stays
    ("a comedy from the 90s", "forget the 90s, something from 2005 on",
     {"genres": ("Comedy",), "year_min": 1990, "year_max": 1999},
     {"genres": ("Comedy",), "year_min": 2005}),
])
def test_constraints_taken_back_in_words(film_assistant: Assistant, first: str, then: str,
                                         held: dict, left: dict) -> None:
    session, _ = talk(film_assistant, "movies", first)
    assert session.filters == HardFilters(**held)
    result = film_assistant.turn(session, then)
    assert session.filters == HardFilters(**left)
    assert "As you asked, I dropped: " in result.reply
    assert result.changes and result.changes[0] in result.reply  # phase 2 says it again


def test_taking_back_asks_for_nothing_it_names(movies: Catalog, film_assistant: Assistant
                                               ) -> None:
    """"forget Tom Hanks" had asked for him again; "horror is ok now" lifts the set-aside
    without asking for horror only."""
    linker = film_assistant.parser.linker
    reading = read_message("forget Tom Hanks", movies, linker)
    assert reading.cast == [] and reading.release.values == ("Tom Hanks",)
    reading = read_message("horror is ok now", movies, linker)
    assert reading.genres == [] and reading.release.allowed == ("Horror",)
    reading = read_message("forget the 80s", movies, linker)
    assert (reading.year_min, reading.year_max) == (None, None)
    assert reading.release.fields == ("year",)
    # ordinary messages take nothing back
    for text in ("I loved Inception", "a horror movie please", "is it any good?",
                 "comedy is fine", "I'd like something from the 90s"):
        assert not read_message(text, movies, linker).release, text


def test_taken_back_on_the_gift_shop(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "gifts under £5")
    assert session.filters.price_max == 5
    result = shop_assistant.turn(session, "the price doesn't matter")
    assert session.filters.price_max is None and "at most £5.00" in result.reply
    session, _ = talk(shop_assistant, "retail", "no mugs please")
    assert session.filters.exclude_topics == ("mugs",)
    result = shop_assistant.turn(session, "mugs are fine now")
    assert session.filters.exclude_topics == ()
    mugs = [i for i, t in enumerate(shop_assistant.catalog.titles) if "mug" in t.lower()]
    assert mugs and filter_mask(shop_assistant.catalog, session.filters)[mugs].all()
    assert "not naming mugs" in result.reply  # said back as dropped


def test_a_new_ask_lifts_an_old_set_aside(film_assistant: Assistant) -> None:
    """"no horror", then "a horror movie please": the ask had been filtered out by the old
    set-aside, so neither held."""
    session, result = talk(film_assistant, "movies", "no horror", "a horror movie please")
    assert session.filters == HardFilters(genres=("Horror",))
    assert "(in Horror)" in result.reply


@pytest.mark.parametrize(("first", "then"), [
    # "budget" also reads "cheaper": it had set a new maximum of £1.68 as the old one went
    ("something under £10", "forget the budget"), ("something under £10", "no budget actually"),
    ("something under £10", "money is no object"), ("candles please", "any category is fine"),
    ("under £2", "actually money's no object"),
])
def test_shoppers_take_constraints_back(shop_assistant: Assistant, first: str, then: str
                                        ) -> None:
    session, _ = talk(shop_assistant, "retail", first)
    assert not session.filters.is_empty()
    result = shop_assistant.turn(session, then)
    assert session.filters.is_empty() and "As you asked, I dropped: " in result.reply


def test_apply_release_removes_only_what_it_names() -> None:
    held = HardFilters(genres=("Comedy",), exclude_genres=("Horror",), cast=("Tom Hanks",),
                       year_min=1980, year_max=1989, price_max=5.0)
    assert apply_release(held, Release()) == held
    lifted = apply_release(held, Release(allowed=("Horror", "Comedy")))
    assert lifted.exclude_genres == () and lifted.genres == ("Comedy",)  # asks stay asked
    cleared = apply_release(held, Release(fields=("year",), values=("Tom Hanks",)))
    assert cleared == HardFilters(genres=("Comedy",), exclude_genres=("Horror",), price_max=5.0)
    assert taken_back(held, cleared) == HardFilters(cast=("Tom Hanks",), year_min=1980,
                                                    year_max=1989)
    assert release_spans("I loved Inception") == []


# -- "it" is the film just described ----------------------------------------------------------

@pytest.mark.parametrize(("reply", "where"), [
    ("I liked it", "liked_ids"), ("hated it, something else", "disliked_ids"),
    ("I've seen it", "seen_ids")])
def test_it_after_a_question_is_the_film_described(movies: Catalog, film_assistant: Assistant,
                                                   reply: str, where: str) -> None:
    session, first = talk(film_assistant, "movies", "what's Inception about?")
    inception = first.asked_id
    assert movies.titles[inception] == "Inception" and session.liked_ids == []
    film_assistant.turn(session, reply)
    assert getattr(session, where) == [inception]
    # "I've seen it" used to mark the first film of the list seen instead
    assert not set(first.item_ids()) & set(session.seen_ids)


@pytest.mark.parametrize("reply", ["sounds good, I'll check it out", "my kids loved it",
                                   "I haven't seen it, sounds fun", "I'd love to see it"])
def test_interest_in_it_is_no_like(film_assistant: Assistant, reply: str) -> None:
    """Only praise of something watched likes it: a reason would say "Because you liked"."""
    session, _ = talk(film_assistant, "movies", "what's Inception about?", reply)
    assert session.liked_ids == [] and session.disliked_ids == []


def test_it_is_the_only_item_shown(movies: Catalog, film_assistant: Assistant) -> None:
    session = Session(session_id="one", catalog="movies", last_shown_ids=[7])
    film_assistant.turn(session, "I loved it")
    assert session.liked_ids == [7]


def test_it_that_nothing_names_is_said_back(film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "comedies please", "I liked it")
    assert session.liked_ids == []
    assert 'I could not tell which of the movies "it" is' in result.reply
    # a title named the message before: the re-read has it, nothing to say
    _, result = talk(film_assistant, "movies", "I watched Heat yesterday", "loved it")
    assert "could not tell" not in result.reply
    _, result = talk(film_assistant, "movies", "I'd like it to be funny")
    assert "could not tell" not in result.reply


# -- a director's or actor's name alone -------------------------------------------------------

@pytest.mark.parametrize(("text", "field", "name"), [
    ("I love Tarantino", "directors", "Quentin Tarantino"),  # was "I don't know Tarantino"
    ("Spielberg but not Jurassic Park", "directors", "Steven Spielberg"),  # was nothing
    ("Nolan please", "directors", "Christopher Nolan"),
    ("Tom Hanks please", "cast", "Tom Hanks"),
])
def test_a_name_alone_asks_for_the_person(movies: Catalog, film_assistant: Assistant,
                                          text: str, field: str, name: str) -> None:
    reading = read_message(text, movies, film_assistant.parser.linker)
    assert getattr(reading, field) == [name] and reading.unknown_titles == []


@pytest.mark.parametrize("text", ["Thank you. Night!", "Keanu was fun", "I loved Hitchcock"])
def test_a_word_of_titles_is_no_name_alone(movies: Catalog, film_assistant: Assistant,
                                           text: str) -> None:
    """"Night" stands alone for M. Night Shyamalan only if no title used the word: 70 do."""
    reading = read_message(text, movies, film_assistant.parser.linker)
    assert reading.cast == [] and reading.directors == []


def test_a_name_alone_keeps_its_set_aside_title(movies: Catalog,
                                                film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "Spielberg but not Jurassic Park")
    assert [movies.titles[i] for i in session.disliked_ids] == ["Jurassic Park"]
    assert result.item_ids() and all("Steven Spielberg" in movies.directors[i]
                                     for i in result.item_ids())
    # a film of that name stays a film: "I loved Keanu" is Keanu (2016)
    reading = read_message("I loved Keanu", movies, film_assistant.parser.linker)
    assert reading.cast == [] and [movies.titles[i] for i in reading.liked_ids] == ["Keanu"]


# -- years ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "years"), [
    ("something from 2015", (2015, 2015)),  # was 2015 on
    ("a comedy from 2005 on", (2005, None)), ("from 2010 onwards please", (2010, None)),
    ("movies from 1999 or later", (1999, None)), ("since 2015", (2015, None)),
    ("from 2015 to 2017", (2015, 2017)), ("nothing from before 2000", (2000, None)),
])
def test_from_a_year_is_that_year(movies: Catalog, film_assistant: Assistant, text: str,
                                  years: tuple) -> None:
    reading = read_message(text, movies, film_assistant.parser.linker)
    assert (reading.year_min, reading.year_max) == years


# -- another language -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("je voudrais un film d'horreur", "French"), ("Quiero una película de acción", "Spanish"),
    ("Ich möchte einen lustigen Film sehen", "German"), ("vorrei un film divertente", "Italian"),
    ("quero um filme de terror", "Portuguese"), ("ik wil een leuke film", "Dutch"),
    # English with foreign names and titles in it
    ("Robert De Niro movies", None), ("I loved La La Land and Amélie", None),
    ("Something like El Camino", None), ("Hola! any good movies?", None),
    ("I like Les Misérables and Die Hard", None), ("Das Boot is a classic", None),
    ("gracias", None), ("I do as well.", None), ("um, no idea", None),
])
def test_another_language_is_recognised(text: str, language: str | None) -> None:
    assert foreign_language(text) == language


def test_another_language_is_said_back(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "je voudrais un film d'horreur")
    assert result.reply.startswith('I only understand English so far, and "je voudrais un '
                                   "film d'horreur\" looks like French")
    assert len(result.recommendations) == 5  # still an answer


def test_service_charges_are_never_offered(retail: Catalog, shop_assistant: Assistant) -> None:
    """"cheaper please" on the gift shop offered "Packing charge" (a service line under a
    product code, kept in the data so item ids stay put)."""
    services = retail.not_for_sale()
    assert sorted(retail.titles[i] for i in services) == ["Next day carriage", "Packing charge"]
    session = Session(session_id="s", catalog="retail")
    assert set(services) <= set(shop_assistant.query_for(session).exclude_ids)


# -- from a second new-user probe (2026-12-04 evening) ----------------------------------------

@pytest.mark.parametrize(("text", "held"), [
    ("not a war movie", {"exclude_genres": ("War",)}),  # had asked for War
    ("I want a comedy, not a romance", {"genres": ("Comedy",), "exclude_genres": ("Romance",)}),
    ("I love Steven Spielberg but not Jurassic Park", {"directors": ("Steven Spielberg",)}),
])
def test_negations_and_names_in_one_message(film_assistant: Assistant, text: str,
                                            held: dict) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)
    assert "I don't know" not in result.reply  # "I don't know Steven Spielberg yet" had been said


def test_set_aside_because_seen_is_seen(movies: Catalog, film_assistant: Assistant) -> None:
    """"not Pulp Fiction, I've seen it" and "not the last one, seen it" disliked the film."""
    session, _ = talk(film_assistant, "movies", "not Pulp Fiction, I've seen it")
    assert [movies.titles[i] for i in session.seen_ids] == ["Pulp Fiction"]
    assert session.disliked_ids == []
    session, first = talk(film_assistant, "movies", "Alien")
    film_assistant.turn(session, "not the last one, seen it")
    assert session.seen_ids == [first.item_ids()[-1]] and session.disliked_ids == []


def test_shoppers_prices_in_pounds_and_needs(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "cake tins over 5 pounds")
    assert session.filters.price_min == 5
    session, _ = talk(shop_assistant, "retail", "notebooks",
                      "actually I don't need stationery, show me kitchen stuff")
    assert session.filters.genres == ("kitchen",)
    assert session.filters.exclude_genres == ("stationery",)
    session, result = talk(shop_assistant, "retail", "red retrospot stuff",
                           "I already have that one")
    assert session.seen_ids and "could not tell" not in result.reply  # it said so, then did it
    owned = shop_assistant.catalog.display_title(session.seen_ids[0])
    assert f"I won't show {owned} again." in result.reply  # not "you have seen"


@pytest.mark.parametrize(("text", "held"), [
    ("i hated la la land and loved whiplash", None),  # Whiplash had been disliked
    ("clint eastwood westerns", {"genres": ("Western",), "cast": ("Clint Eastwood",)}),
    ("i want a jim carrey comedy", {"genres": ("Comedy",), "cast": ("Jim Carrey",)}),
    ("something starring dicaprio", {"cast": ("Leonardo DiCaprio",)}),
    ("anything by hitchcock?", {"directors": ("Alfred Hitchcock",)}),
    ("No Nolan please", {"exclude_directors": ("Christopher Nolan",)}),
    # lower-case words that are also names of people ask for nobody
    ("blood and gore movies", {}), ("no gore please", {}),
])
def test_names_as_people_write_them(movies: Catalog, film_assistant: Assistant, text: str,
                                    held: dict | None) -> None:
    session, _ = talk(film_assistant, "movies", text)
    if held is None:
        assert [movies.titles[i] for i in session.liked_ids] == ["Whiplash"]
        assert [movies.titles[i] for i in session.disliked_ids] == ["La La Land"]
    else:
        assert session.filters == HardFilters(**held)


def test_it_is_the_title_named_just_before(movies: Catalog, film_assistant: Assistant) -> None:
    """"I liked Titanic", then "no wait, I actually hated it": Titanic stayed liked."""
    session, _ = talk(film_assistant, "movies", "I liked Titanic", "no wait, I actually hated it")
    assert session.liked_ids == []
    assert [movies.titles[i] for i in session.disliked_ids] == ["Titanic"]


@pytest.mark.parametrize("restart", ["start over", "let's start again", "forget what I said",
                                     "reset please"])
def test_starting_over_forgets_what_was_said(film_assistant: Assistant, restart: str) -> None:
    """"start over" had kept every like and constraint ("based on Inception" followed)."""
    session, _ = talk(film_assistant, "movies", "I loved Inception", "comedies from the 90s please")
    result = film_assistant.turn(session, f"{restart}, something romantic")
    assert session.liked_ids == [] and session.filters == HardFilters(genres=("Romance",))
    assert ("Starting over: I forgot what you told me before (1 liked; in Comedy, from 1990 to "
            "1999).") in result.reply
    later = film_assistant.turn(session, "something newer")  # earlier messages stay forgotten
    assert session.liked_ids == [] and "Inception" not in later.reply
    # an earlier message of a stateless call starts over too
    fresh = Session(session_id="o", catalog="movies")
    film_assistant.observe(fresh, "I loved Inception")
    film_assistant.observe(fresh, restart)
    assert fresh.liked_ids == []


def test_forgetting_one_title_is_no_restart(film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "I loved Inception and The Matrix",
                           "forget what I said about Inception")
    assert len(session.liked_ids) == 1 and "Starting over" not in result.reply


@pytest.mark.parametrize(("first", "then", "now", "said"), [
    ("I liked Titanic", "no, I meant the 2012 one", "Titanic (2012)",
     "I switched Titanic (1997) to"),
    ("I loved Jumanji", "no, the original", "Jumanji (1995)", "I switched Jumanji (2017) to"),
    ("Beauty and the Beast", "the animated one, not the remake", "Beauty and the Beast (1992)",
     "I switched Beauty and the Beast (2017) to"),
    ("I loved It", "the new one, 2017", "It (2017)", "That is the one I had: It (2017)."),
])
def test_which_version_was_meant(movies: Catalog, film_assistant: Assistant, first: str,
                                 then: str, now: str, said: str) -> None:
    """Corrections of the version had changed nothing ("the animated one" set a genre)."""
    session, _ = talk(film_assistant, "movies", first)
    before = session.liked_ids[0]
    result = film_assistant.turn(session, then)
    assert [movies.display_title(i) for i in session.liked_ids] == [now]
    assert said in result.reply and session.filters.is_empty()
    if movies.display_title(before) != now:  # the version not meant is not offered back
        assert before not in result.item_ids()


def test_a_version_of_nothing_named_is_said_back(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "the 1995 one")
    assert "I could not tell which movie you meant another version of" in result.reply


def test_a_question_about_it(movies: Catalog, film_assistant: Assistant) -> None:
    """"who directed it?" and "tell me more about it" had answered with another list."""
    session, first = talk(film_assistant, "movies", "what's Inception about?")
    result = film_assistant.turn(session, "who directed it?")
    assert result.asked_id == first.asked_id and "Christopher Nolan" in result.reply
    assert session.liked_ids == []  # a question is no like
    session, result = talk(film_assistant, "movies", "comedies please", "is it any good?")
    assert result.asked_id is None and 'could not tell which of the movies "it" is' in result.reply


@pytest.mark.parametrize(("first", "then", "years"), [
    ("movies from 1995 to 2005", "widen it to 2010", (1995, 2010)),  # was ignored
    ("comedies", "movies not older than 10 years", None),  # the catalogue's last 10 years
])
def test_year_refinements(movies: Catalog, film_assistant: Assistant, first: str, then: str,
                          years: tuple | None) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    newest = int(movies.years.max())
    expected = years or (newest - 9, None)
    assert (session.filters.year_min, session.filters.year_max) == expected


@pytest.mark.parametrize(("text", "what"), [
    ("something in colour", "colours"), ("a movie for adults", "age ratings"),
    ("something in English", "languages"), ("tamer please", "content warnings"),
    # new-user probe 2026-12-06: these had said nothing, or "nothing I can filter by"
    ("a thanksgiving movie, nothing with swearing", "content warnings"),
    ("war films, not too graphic", "content warnings"),
    # new-user probe 2026-12-07: a language with a genre noun, or after "in", had gone unsaid
    ("french comedies", "languages"), ("a movie in spanish", "languages"),
    ("korean-language thrillers", "languages"), ("something in japanese with subtitles",
                                                 "languages"),
    # ... and a film's standing ("greatest films ever made" had matched The Greatest Game Ever
    # Played by its words)
    ("best movies of all time", "review scores"), ("greatest films ever made", "review scores"),
    # session 39: its words had matched Only the Strong and The Female Brain
    ("a movie with a strong female lead", "lead characters"),
    ("female-led action movies", "lead characters"),
    ("movies directed by women", "directors' genders"),
    ("I like horror but not jump scares", "content warnings"),
])
def test_what_the_catalogue_cannot_tell_is_admitted(film_assistant: Assistant, text: str,
                                                    what: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert f"I don't know the {what} of these movies, so I could not use that." in result.reply


def test_a_place_named_by_a_language_is_no_language(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "a film set in french polynesia")
    assert "languages" not in result.reply


def test_a_title_with_greatest_in_it_is_no_question_of_standing(film_assistant: Assistant
                                                                 ) -> None:
    session, result = talk(film_assistant, "movies", "I loved The Greatest Showman")
    assert "review scores" not in result.reply and len(session.liked_ids) == 1


# -- what a shopper is shopping for -----------------------------------------------------------

@pytest.mark.parametrize(("messages", "subject", "word"), [
    # the product type was lost a turn later: red shopper and peg bags, a glass caddy
    (("lunch bag for school", "not the skull one", "red please"), ("lunch bag",), "lunch bag"),
    (("show me cushions", "the first one is nice"), ("cushions",), "cushion"),
    (("tea for dad", "not a teapot"), ("tea",), "tea"),
    (("baby", "for a boy"), ("baby",), "baby"),  # "for a boy" says who, not what
    (("cake tins over 5 pounds",), ("cake tins",), "cake tin"),
])
def test_what_is_shopped_for_is_kept(retail: Catalog, shop_assistant: Assistant,
                                     messages: tuple, subject: tuple, word: str) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert session.filters.subject == subject
    assert f"shopping for {subject[0]}" in result.reply
    assert result.item_ids() and all(
        all(w in retail.titles[i].lower() for w in word.split()) for i in result.item_ids())


@pytest.mark.parametrize("text", [
    "I need a present for a 5 year old", "gift for my mum who loves gardening",
    "Secret Santa at work, the limit is £2.50. Something cute for a colleague who likes baking.",
    "no candles please", "something red for the kitchen", "what are your best sellers?"])
def test_no_subject_where_none_is_named(retail: Catalog, shop_assistant: Assistant,
                                        text: str) -> None:
    assert read_message(text, retail, shop_assistant.parser.linker).subject == []


def test_a_subject_is_said_and_removable(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "cups and saucers")
    assert session.filters.subject == ("cups", "saucers")  # either
    shop_assistant.remove_preference(session, "subject", "cups")
    assert session.filters.subject == ("saucers",)
    result = shop_assistant.turn(session, "a teapot")  # a new subject replaces the old
    assert session.filters.subject == ("teapot",) and "shopping for teapot" in result.reply


# -- from the review and the third probe (2026-12-04 evening) --------------------------------

@pytest.mark.parametrize(("text", "held"), [
    ("dramas with Tom Hanks", {"genres": ("Drama",), "cast": ("Tom Hanks",)}),  # actor lost
    ("I'm not in the mood for a romance", {"exclude_genres": ("Romance",)}),  # had asked for it
    ("a 2015 sci-fi film", {"genres": ("Science Fiction",), "year_min": 2015, "year_max": 2015}),
    ("a film from 1999 or 2000", {"year_min": 1999, "year_max": 2000}),
    ("from 2010 up to 2015", {"year_min": 2010, "year_max": 2015}),  # was 2010 to 2010
    ("I want a 2015 movie", {"year_min": 2015, "year_max": 2015}),  # had been a version switch
    ("No Gore please", {}), ("gore", {}),  # no Gore Verbinski
])
def test_constraints_in_ordinary_phrasing(film_assistant: Assistant, text: str,
                                          held: dict) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)
    assert "I did not understand" not in result.reply


@pytest.mark.parametrize("text", ["thrillers", "rom-coms"])
def test_a_genre_alone_is_understood(film_assistant: Assistant, text: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert "I did not understand" not in result.reply and result.recommendations


@pytest.mark.parametrize(("before", "text", "restarts"), [
    ("I liked Inception", "start over", True),
    ("I liked Inception", "forget everything I said", True),
    ("I liked Inception", "I want to start over my life, give me something inspiring", False),
    ("I liked Inception", "please don't reset my likes", False),
    ("I liked Inception", "forget everything I said about horror", False),
    ("I liked Inception", "I loved Starting Over", False),  # a title, not a restart
])
def test_what_starts_over(film_assistant: Assistant, before: str, text: str,
                          restarts: bool) -> None:
    session, result = talk(film_assistant, "movies", before, text)
    assert ("Starting over" in result.reply) == restarts
    assert bool(session.liked_ids) != restarts


def test_forget_what_i_said_with_a_verdict_is_a_correction(movies: Catalog,
                                                           film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I liked Titanic",
                      "forget what I said, I actually hated it")
    assert [movies.titles[i] for i in session.disliked_ids] == ["Titanic"]


@pytest.mark.parametrize(("first", "then", "now"), [
    ("I loved The Lion King", "not the old one, the new one", "The Lion King (2019)"),
    ("I loved Titanic", "the original", "Titanic (1997)"),  # the best-known older: no change
])
def test_version_words_after_not(movies: Catalog, film_assistant: Assistant, first: str,
                                 then: str, now: str) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    assert [movies.display_title(i) for i in session.liked_ids] == [now]


def test_a_negative_about_something_else_is_no_dislike(film_assistant: Assistant) -> None:
    """"I don't want it too long" after a question disliked the film asked about."""
    session, _ = talk(film_assistant, "movies", "what's Inception about?",
                      "hmm I don't want it too long, something funny")
    assert session.disliked_ids == []


def test_it_stays_the_film_talked_about(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "what's Inception about?", "I liked it")
    result = film_assistant.turn(session, "who directed it?")
    assert movies.titles[result.asked_id] == "Inception"


def test_taken_back_words_leave_the_text_query(film_assistant: Assistant) -> None:
    """"forget Tom Hanks" as a first message showed Forrest Gump and Cast Away: his name stayed
    in the text the description search reads."""
    session, _ = talk(film_assistant, "movies", "Tom Hanks movies", "forget Tom Hanks")
    assert "hanks" not in film_assistant.query_for(session).text.lower()
    film_assistant.turn(session, "Tom Hanks movies again please")  # asked again: read again
    assert "hanks" in film_assistant.query_for(session).text.lower()


@pytest.mark.parametrize(("messages", "subject"), [
    (("shopping for candles",), ()), (("I'm shopping for my wife",), ()),
    (("a mug", "the colour doesn't matter"), ("mug",)),
    (("lunch bag", "red please", "forget the lunch bag"), ()),
    (("lunch bag", "I don't need a lunch bag anymore"), ()),
    (("lunch bag", "show me something else entirely"), ()),
    (("I'd like some drop earrings",), None),  # "drop" takes nothing back here
])
def test_subjects_from_ordinary_shopper_words(shop_assistant: Assistant, messages: tuple,
                                              subject: tuple | None) -> None:
    session, _ = talk(shop_assistant, "retail", *messages)
    if subject is None:
        assert not session.filters.subject or "drop" not in " ".join(session.filters.subject)
    else:
        assert session.filters.subject == subject


def test_english_with_foreign_titles_is_english() -> None:
    assert foreign_language("El Laberinto del Fauno was great") is None
    assert foreign_language("I loved La Haine and Les Intouchables") is None


@pytest.mark.parametrize("text", ["a movie for a long flight", "I want something by the sea",
                                  "something like Grant would star in",
                                  # new-user probe 2026-12-06: an adjective makes them nouns
                                  "long flight, need something to pass time",
                                  "a movie about big cars"])
def test_ordinary_words_are_no_titles(film_assistant: Assistant, text: str) -> None:
    """They liked Flight (2009), By the Sea (2015) and Giant (1956) ("Grant" one edit away)."""
    session, _ = talk(film_assistant, "movies", text)
    assert session.liked_ids == []


@pytest.mark.parametrize(("text", "title"), [
    ("we watched frozen last night", "Frozen"), ("i want a movie like frozen", "Frozen"),
    ("i loved into the wild", "Into the Wild"), ("I liked The Matrx", "The Matrix")])
def test_titles_with_a_cue_still_link(movies: Catalog, film_assistant: Assistant, text: str,
                                      title: str) -> None:
    reading = read_message(text, movies, film_assistant.parser.linker)
    assert [movies.titles[i] for i in reading.mentioned_ids] == [title]


@pytest.mark.parametrize(("first", "then", "years"), [
    ("movies after 2010", "widen it to 2000", (2000, None)),  # was "before 2001"
    ("from 1995 to 2005", "widen it to 2010", (1995, 2010)),
    ("sci-fi from 2015", "I don't mind older ones", (None, 2015)),  # was "before 2015"
    ("comedies from the 90s", "newer ones are fine too", (1990, None)),
    ("no romance", "actually romance is fine", (None, None)),
])
def test_widening_what_was_asked(film_assistant: Assistant, first: str, then: str,
                                 years: tuple) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    assert (session.filters.year_min, session.filters.year_max) == years
    assert session.filters.exclude_genres == () and "Romance" not in session.filters.genres


@pytest.mark.parametrize(("first", "question", "answer"), [
    ("what's Inception about?", "who directed it?",
     "Inception (2010) was directed by Christopher Nolan."),
    ("tell me about The Matrix", "who is in it?", "The Matrix (1999) stars Keanu Reeves"),
])
def test_a_question_gets_its_answer_first(film_assistant: Assistant, first: str,
                                          question: str, answer: str) -> None:
    """"who directed it?" repeated the whole summary; "who is in it?" named no actor."""
    _, result = talk(film_assistant, "movies", first, question)
    assert result.reply.startswith(answer)


def test_starting_fresh_and_its_words_leave_the_search(shop_assistant: Assistant,
                                                      film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "Tom Hanks dramas", "let's start fresh")
    assert session.filters.is_empty() and "Starting over" in result.reply
    session, _ = talk(shop_assistant, "retail", "christmas decorations under 5 pounds",
                      "start over")
    assert "start" not in shop_assistant.query_for(session).text.lower()  # "easter egg hunt
    # start post" had come first: the words "start over" were the search
    session, _ = talk(shop_assistant, "retail", "mugs", "start over", "show me something")
    assert shop_assistant.query_for(session).text == ""  # (a message after it had kept them)


def test_removed_in_the_panel_leaves_the_search(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "lunch bag for school")
    shop_assistant.remove_preference(session, "subject", "lunch bag")
    text = shop_assistant.query_for(session).text.lower()
    assert "lunch" not in text and "bag" not in text


def test_a_director_with_initials_keeps_the_surname(movies: Catalog,
                                                    film_assistant: Assistant) -> None:
    """"M. Night Shyamalan" was read from the extracts as "M. Night": "a film by M. Night
    Shyamalan" found no one and "Night!" stood for him."""
    assert movies.director_name("M. Night Shyamalan") == "M. Night Shyamalan"
    session, _ = talk(film_assistant, "movies", "a film by M. Night Shyamalan")
    assert session.filters.directors == ("M. Night Shyamalan",)


@pytest.mark.parametrize(("text", "held"), [
    ("something starring De Niro", {"cast": ("Robert De Niro",)}),  # "I don't know De Niro"
    ("any Van Damme movies?", {"cast": ("Jean-Claude Van Damme",)}),
    ("no De Niro please", {"exclude_cast": ("Robert De Niro",)}),
])
def test_surnames_with_a_particle(film_assistant: Assistant, text: str, held: dict) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held) and "I don't know" not in result.reply


# -- from a fourth probe (personas, 2026-12-04 evening) ---------------------------------------

@pytest.mark.parametrize(("text", "title"), [
    ("no star wars please", "Star Wars"), ("no shrek", "Shrek"),
    ("skip the notebook", "The Notebook")])  # each had been liked, and its sequels offered
def test_no_before_a_title_sets_it_aside(movies: Catalog, film_assistant: Assistant,
                                         text: str, title: str) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.liked_ids == []
    assert [movies.titles[i] for i in session.disliked_ids][:1] == [title]


@pytest.mark.parametrize(("text", "seen"), [
    ("seen inception", ["Inception"]), ("we've seen frozen", ["Frozen"]),
    ("seen vertigo, psycho, rear window", ["Vertigo", "Psycho", "Rear Window"]),
])
def test_seen_is_no_like(movies: Catalog, film_assistant: Assistant, text: str,
                         seen: list[str]) -> None:
    """"seen inception" was followed by "Because you liked Inception"."""
    session, _ = talk(film_assistant, "movies", text)
    assert session.liked_ids == [] and [movies.titles[i] for i in session.seen_ids] == seen


def test_this_one_but_not_the_remake(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "blade runner but not the remake")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Blade Runner (1982)"]


@pytest.mark.parametrize(("text", "held"), [
    ("mug under a pound", {"price_max": 1.0, "subject": ("mug",)}),
    ("mug for £2-£4", {"price_min": 2.0, "price_max": 4.0, "subject": ("mug",)}),
    ("now a gift for my boss, can spend more like £30", {"price_max": 30.0}),  # "can": no subject
    ("nothing christmassy actually, its a leaving gift", {"exclude_genres": ("christmas",)}),
    ("the 50s christmas one", {"genres": ("christmas",)}),  # products have no years
    ("actually back to my sister, anything pink?", {"topics": ("pink",)}),
])
def test_shoppers_budgets_and_occasions(shop_assistant: Assistant, text: str,
                                        held: dict) -> None:
    session, _ = talk(shop_assistant, "retail", text)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize("text", ["what are you?", "are you chatgpt", "how do you pick movies"])
def test_questions_about_the_assistant_are_answered(film_assistant: Assistant,
                                                    text: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert result.reply.startswith("I'm because-rec, a recommender") and not result.recommendations


def test_a_thing_the_catalogue_cannot_tell_is_said_once(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "something less violent")
    assert "content warnings or content warnings" not in result.reply


def test_a_gift_for_someone_new_drops_the_last_ones_constraints(shop_assistant: Assistant
                                                                ) -> None:
    """The garden topic carried to the colleague, and £5 to the nephew (0 results)."""
    session, _ = talk(shop_assistant, "retail",
                      "a present for my mum, she loves gardening, around £15")
    assert session.filters.genres == ("garden",)
    result = shop_assistant.turn(session, "now something for a colleague, under £5")
    assert session.filters == HardFilters(price_max=5.0)
    assert "A gift for someone new, so I dropped what you asked for the last one: in garden" \
        in result.reply
    shop_assistant.turn(session, "and now a gift for my nephew, he loves dinosaurs")
    assert session.filters.price_max is None
    session, result = talk(shop_assistant, "retail", "something for my brother")
    assert "someone new" not in result.reply  # nothing to drop, nothing said


@pytest.mark.parametrize(("text", "held"), [
    ("no nolan please", {"exclude_directors": ("Christopher Nolan",)}),
    ("nothing with stallone", {"exclude_cast": ("Sylvester Stallone",)}),
    ("no war please", {"exclude_genres": ("War",)})])
def test_lower_case_names_set_aside(film_assistant: Assistant, text: str, held: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)


# -- a film not seen, taken up ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "wanted"), [
    ("I haven't seen Moana yet, will check it out", ["Moana (2016)"]),
    ("Never seen Creep I'll try that one.  thanks for the advice.", ["Creep (2014)"]),
    ("I have not seen Logan . I will be sure to check it out.", ["Logan (2017)"]),
    # said of every title of the list
    ("I've never seen Snatched or Bad Moms they sound funny. I would love to watch them.",
     ["Snatched (2017)", "Bad Moms (2016)"]),
    ("I haven't seen Rudy or Cinderella Man, so I think I will look for those!",
     ["Rudy (1993)", "Cinderella Man (2005)"]),
    # taken up before the title: a film to watch, not one liked
    ("Thanks!! and I will check out Groundhog Day", ["Groundhog Day (1993)"]),
    ("I need to see Hacksaw Ridge", ["Hacksaw Ridge (2016)"]),
])
def test_a_film_not_seen_and_taken_up_is_wanted_not_liked(movies: Catalog,
                                                           film_assistant: Assistant, text: str,
                                                           wanted: list[str]) -> None:
    """Validation seekers' words for a suggestion they took up: the questionnaires call these
    liked, and the parser read nothing. Now a hint for retrieval that no reason cites."""
    session, result = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.wanted_ids] == wanted
    assert session.liked_ids == [] and session.disliked_ids == []
    assert f"I noted that you want to see {' and '.join(wanted)}." in result.reply
    query = film_assistant.query_for(session)
    # context, as every mention is in the training dialogues; never offered back nor cited
    assert set(session.wanted_ids) <= set(query.history_ids) & set(query.liked_ids)
    assert set(session.wanted_ids) <= set(query.exclude_ids)
    assert query.citable() == ()


def test_reasons_cite_the_film_liked_never_the_one_wanted(movies: Catalog,
                                                          film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies",
                           "I loved Toy Story. I haven't seen Moana, will check it out")
    toy_story, moana = session.liked_ids, session.wanted_ids
    assert [movies.display_title(i) for i in moana] == ["Moana (2016)"] and len(toy_story) == 1
    cited = {i for r in result.recommendations for i in r.because_item_ids}
    assert cited == set(toy_story)  # cited, and only the film liked


@pytest.mark.parametrize(("text", "disliked"), [
    ("I have never seen Star Wars, never will", ["Star Wars (1977)"]),
    ("Haven't seen Avatar and I won't", ["Avatar (2009)"]),
    ("I haven't seen Titanic and I don't want to", ["Titanic (1997)"]),
    # no taking up, no refusal: nothing
    ("I have not seen Interstellar", []),
    ("I haven't seen Saw, I hate horror", []),
    ("I haven't seen Coco, won't it be too sad?", []),
])
def test_a_film_not_seen_and_refused_is_set_aside(movies: Catalog, film_assistant: Assistant,
                                                  text: str, disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert session.wanted_ids == []


@pytest.mark.parametrize("text", ["I'd like to watch Inception again", "I love to watch Inception",
                                  "I want to see something like Inception"])
def test_watching_a_film_again_or_one_like_it_is_a_like(movies: Catalog,
                                                        film_assistant: Assistant,
                                                        text: str) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == ["Inception (2010)"]
    assert session.wanted_ids == []


def test_wanted_until_seen_and_liked_or_taken_back(movies: Catalog,
                                                  film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I haven't seen Moana yet, will check it out",
                      "I watched Moana last night, loved it")
    assert session.wanted_ids == [] and movies.display_title(session.liked_ids[0]) == \
        "Moana (2016)"
    session, _ = talk(film_assistant, "movies", "I haven't seen Moana yet, will check it out")
    film_assistant.remove_preference(session, "wanted_ids", session.wanted_ids[0])
    assert session.wanted_ids == []
    session, _ = talk(film_assistant, "movies", "I haven't seen Moana yet, will check it out",
                      "let's start over")
    assert session.wanted_ids == []


@pytest.mark.parametrize(("second", "liked", "wanted"), [
    ("thanks, I'll watch the third one", [], [2]),  # a pick of a film not seen: no like
    ("I'd like to watch the third one", [], [2]),  # "like to": no like, nor "more like"
    ("the first one looks good", [], [0]),
    ("more like the second one", [], [1]),  # what to be like: not seen, never cited
    ("the second one", [], [1]),  # a pick
    ("the second one?", [], []),  # a question about it
    ("what year is the first one from?", [], []),
    ("I loved the second one", [1], []),
    ("I haven't seen the first one", [], []),
])
def test_a_film_of_the_list_taken_up_is_wanted(film_assistant: Assistant, second: str,
                                               liked: list[int], wanted: list[int]) -> None:
    """"I'll watch the third one" had become a like, and reasons then cited a film the person
    had not seen."""
    session, _ = talk(film_assistant, "movies", "something funny")
    shown = list(session.last_shown_ids)
    film_assistant.turn(session, second)
    assert session.liked_ids == [shown[i] for i in liked]
    assert session.wanted_ids == [shown[i] for i in wanted]


@pytest.mark.parametrize(("second", "liked", "disliked", "seen", "wanted"), [
    # the kind: several places in one message had read one place, or none
    ("seen 1 and 3", [], [], [0, 2], []),
    ("seen the first and the third one", [], [], [0, 2], []),
    ("loved the 1st and 3rd", [0, 2], [], [], []),
    ("the first and the third", [], [], [], [0, 2]),  # a pick of two
    ("the first two look good, hated the last one", [], [4], [], [0, 1]),
    ("loved the first one, hated the second one", [0], [1], [], []),
    ("I loved the first two and the last one", [0, 1, 4], [], [], []),
    # trying the app: a list's comma had joined the next clause's place into the list
    ("seen 1 and 3, the second looks good", [], [], [0, 2], [1]),
    ("seen the first, the second and the fourth", [], [], [0, 1, 3], []),
    # "seen those" after the places is said of all of them (seen in a probe: both "wanted")
    ("the 3rd and 5th ones, seen those", [], [], [2, 4], []),
    ("hated the 2nd and 4th, seen them", [], [1, 3], [], []),
    # a refusal in other words (seen in a probe: read as a like)
    ("the second one isnt a movie i like", [], [1], [], []),
    ("the third one wasn't for me", [], [2], [], []),
    # seen and a verdict, or seen by someone else (probe24b: the dislike had been lost; "he's
    # seen it" had been a like, cited as "Because you liked")
    ("the 2nd one, seen it, hated it", [], [1], [], []),
    ("the first one, he's seen it", [], [], [0], []),
])
def test_several_places_in_one_message(film_assistant: Assistant, second: str, liked: list[int],
                                       disliked: list[int], seen: list[int],
                                       wanted: list[int]) -> None:
    session, _ = talk(film_assistant, "movies", "something funny")
    shown = list(session.last_shown_ids)
    film_assistant.turn(session, second)
    assert (session.liked_ids, session.disliked_ids, session.seen_ids, session.wanted_ids) == \
        tuple([shown[i] for i in places] for places in (liked, disliked, seen, wanted))


def test_first_and_last_time_points_at_no_place(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "something funny",
                      "I loved it, the first and last time I trust a comedy though")
    assert (session.liked_ids, session.wanted_ids, session.seen_ids) == ([], [], [])


def test_it_taken_up_is_wanted_and_said(movies: Catalog, film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "what's Inception about?",
                           "sounds great, I'll check it out")
    assert [movies.display_title(i) for i in session.wanted_ids] == ["Inception (2010)"]
    assert session.liked_ids == []
    assert "I noted that you want to see Inception (2010)." in result.reply


def test_a_pick_of_a_product_stays_a_like(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "a mug for my sister")
    shown = list(session.last_shown_ids)
    shop_assistant.turn(session, "thanks, I'll take the second one")
    assert session.liked_ids == [shown[1]] and session.wanted_ids == []


# -- found by a new-user probe of "wanted" (2026-12-04 night) ----------------------------------

@pytest.mark.parametrize(("text", "disliked"), [
    # refusing to watch a film sets it aside; it had been a like
    ("I won't watch Moana", ["Moana (2016)"]),
    ("I'm not going to watch Moana", ["Moana (2016)"]),
    ("Moana? I'd rather not", ["Moana (2016)"]),
    ("Avatar? no thanks", ["Avatar (2009)"]),
    ("I have no intention of watching Avatar", ["Avatar (2009)"]),
    ("I'll never watch Titanic", ["Titanic (1997)"]),
    ("I haven't seen Frozen and I don't plan to", ["Frozen (2013)"]),
])
def test_refusing_a_film_sets_it_aside(movies: Catalog, film_assistant: Assistant, text: str,
                                       disliked: list[str]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert session.liked_ids == [] and session.wanted_ids == []
    assert not set(session.disliked_ids) & {r.item_id for r in result.recommendations}


def test_refusing_a_genre_sets_it_aside(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I won't watch anything scary")
    assert session.filters == HardFilters(exclude_genres=("Horror",))  # had asked for Horror


@pytest.mark.parametrize(("text", "wanted"), [
    ("I've been meaning to watch Jaws", ["Jaws (1975)"]),
    ("Jaws is on my watchlist", ["Jaws (1975)"]),
    ("adding Jaws to my list", ["Jaws (1975)"]),
    ("Jaws sounds interesting", ["Jaws (1975)"]),
    ("I'm excited to see Jaws this weekend", ["Jaws (1975)"]),
    ("I've heard good things about Prometheus", ["Prometheus (2012)"]),
    ("I'll go with Prometheus", ["Prometheus (2012)"]),
    ("I want to see Red Sparrow . Have you seen it?", ["Red Sparrow (2018)"]),
    ("I haven't seen Rudy but Titanic sounds good", ["Titanic (1997)"]),
    # doubt, sarcasm, a question, someone else's wish: no want, and no like either
    ("I haven't seen Moana, not sure I'll check it out", []),
    ("I doubt I'll check out Moana", []),
    ("yeah right, I'll totally watch Prometheus", []),
    ("should I check out Aliens?", []),
    ("my kids want to see Frozen", []),
    ("my husband wants to see Titanic", []),
    ("my friend said I should check out Jaws, but I don't like shark movies", []),
])
def test_interest_as_people_word_it(movies: Catalog, film_assistant: Assistant, text: str,
                                    wanted: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.wanted_ids] == wanted
    assert session.liked_ids == []


def test_seen_and_loved_is_a_like_not_a_want(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies",
                      "I'll check out Prometheus, I saw it years ago and loved it")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Prometheus (2012)"]
    assert session.wanted_ids == []


@pytest.mark.parametrize(("then", "liked", "disliked"), [
    ("just watched it, loved it", ["Moana (2016)"], []),
    ("I watched it, hated it", [], ["Moana (2016)"]),
])
def test_a_verdict_on_a_wanted_film_after_watching_it(movies: Catalog, film_assistant: Assistant,
                                                      then: str, liked: list[str],
                                                      disliked: list[str]) -> None:
    """"it" is the film named before; "watched it" had marked it (and the list's first film)
    seen and dropped "loved"."""
    session, _ = talk(film_assistant, "movies", "I haven't seen Moana, will check it out", then)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert session.wanted_ids == [] and session.seen_ids == []


def test_a_pick_from_the_list_is_what_it_means_next(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "something scary")
    first = session.last_shown_ids[0]
    film_assistant.turn(session, "I'll check out the first one")
    film_assistant.turn(session, "I watched it, it was great")
    assert session.liked_ids == [first] and session.wanted_ids == []


def test_a_wanted_film_seen_after_all_is_seen(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I haven't seen Moana, will check it out",
                      "actually I have seen Moana")
    assert [movies.display_title(i) for i in session.seen_ids] == ["Moana (2016)"]
    assert session.wanted_ids == []


# -- found by a second probe and a code review (2026-12-04 night) -----------------------------

@pytest.mark.parametrize(("messages", "seen"), [
    (("i watched the exorcist",), ["The Exorcist (1973)"]),
    # a film seen stays seen when the next message says nothing of it (it became a like)
    (("we've seen moana and coco already", "more"), ["Moana (2016)", "Coco (2017)"]),
])
def test_seen_stays_seen_and_is_never_cited(movies: Catalog, film_assistant: Assistant,
                                            messages: tuple[str, ...], seen: list[str]) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.seen_ids] == seen
    assert session.liked_ids == []
    assert not any(r.because_item_ids for r in result.recommendations)
    assert set(session.seen_ids) <= set(film_assistant.query_for(session).liked_ids)  # context


def test_a_verdict_on_it_that_says_no_film_is_asked_back(film_assistant: Assistant) -> None:
    """"just watched it, loved it" after a list of five had marked the first film seen."""
    session, result = talk(film_assistant, "movies", "a comedy", "just watched it, loved it")
    assert session.seen_ids == [] and session.liked_ids == []
    assert 'I could not tell which of the movies "it" is' in result.reply


@pytest.mark.parametrize("question", ["whats the fourth one about", "what's the fourth one about"])
def test_a_question_typed_without_an_apostrophe(film_assistant: Assistant, question: str) -> None:
    session, result = talk(film_assistant, "movies", "a thriller")
    fourth = session.last_shown_ids[3]
    result = film_assistant.turn(session, question)
    assert session.liked_ids == [] and result.asked_id == fourth


@pytest.mark.parametrize(("text", "noted"), [
    ("I've seen vertigo, psycho, rear window and jaws",
     "I noted that you have seen Vertigo (1958), Psycho (1960), Rear Window (1954) and 1 more."),
])
def test_what_was_recorded_is_said(film_assistant: Assistant, text: str, noted: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert noted in result.reply


def test_a_film_of_the_list_set_aside_is_said(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "a thriller")
    second = session.last_shown_ids[1]
    result = film_assistant.turn(session, "I hated the second one")
    assert f"I set aside {movies.display_title(second)}." in result.reply


@pytest.mark.parametrize(("text", "wanted", "disliked", "liked"), [
    # a refusal or a want is read in its own part of the message
    ("I haven't seen Moana, will check it out, but I won't watch Frozen", ["Moana (2016)"],
     ["Frozen (2013)"], []),
    ("I'll check out Coco. I won't watch Frozen though", ["Coco (2017)"], ["Frozen (2013)"], []),
    # "you should watch Frozen" recommends it to the assistant
    ("I haven't seen Moana, you should watch Frozen", [], [], ["Frozen (2013)"]),
    ("I haven't seen Moana. What else would you recommend? I might try something else", [], [],
     []),
])
def test_each_part_of_the_message_speaks_of_its_film(movies: Catalog, film_assistant: Assistant,
                                                     text: str, wanted: list[str],
                                                     disliked: list[str],
                                                     liked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    titles = [[movies.display_title(i) for i in ids]
              for ids in (session.wanted_ids, session.disliked_ids, session.liked_ids)]
    assert titles == [wanted, disliked, liked]


@pytest.mark.parametrize(("text", "held"), [
    ("I've never seen a horror movie, show me a good one", {"genres": ("Horror",)}),
    ("I haven't seen Moana but I will check it out. I don't want to see anything scary",
     {"exclude_genres": ("Horror",)}),
])
def test_never_seen_a_genre_is_no_refusal_of_it(film_assistant: Assistant, text: str,
                                                held: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)


def test_a_want_lifts_an_earlier_refusal(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I won't watch Moana",
                      "ok fine, I'll check out Moana")
    assert session.disliked_ids == []
    assert [movies.display_title(i) for i in session.wanted_ids] == ["Moana (2016)"]


def test_a_click_on_a_wanted_film_makes_it_seen(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I haven't seen Moana, will check it out")
    moana = session.wanted_ids[0]
    film_assistant.apply_feedback(session, moana, "click")
    assert session.wanted_ids == [] and session.seen_ids == [moana]


def test_a_product_that_looks_cute_stays_a_like(shop_assistant: Assistant) -> None:
    session, result = talk(shop_assistant, "retail", "Party bunting looks cute")
    assert session.liked_ids and session.wanted_ids == []
    assert "want to see" not in result.reply


def test_starting_over_says_every_kind_it_forgot(film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "I LOVE Happy Gilmore",
                           "I haven't seen Moana, will check it out", "I won't watch Titanic",
                           "start over")
    assert "I forgot what you told me before (1 liked, 1 wanted, 1 set aside)." in result.reply
    assert (session.liked_ids, session.wanted_ids, session.disliked_ids) == ([], [], [])


def test_a_film_set_aside_takes_its_parts_with_it(movies: Catalog,
                                                 film_assistant: Assistant) -> None:
    """"I hated Kill Bill" was answered "I set aside Kill Bill." beside Kill Bill: Volume 1."""
    session, _ = talk(film_assistant, "movies", "something violent, i hated kill bill though")
    parts = [i for i, t in enumerate(movies.titles) if t.startswith("Kill Bill:")]
    assert parts and set(parts) <= set(film_assistant.query_for(session).exclude_ids)
    assert not set(parts) & set(session.disliked_ids)  # set aside, not said to be disliked


@pytest.mark.parametrize(("text", "liked"), [
    # a short clause of praise after "I saw X" points back at X (a regression probe found
    # these read as seen once "I saw X" became a viewing)
    ("I saw Heat, great film", ["Heat (1996)"]),
    ("I saw Heat with my dad. Great film.", ["Heat (1996)"]),
    ("I saw Heat, 10/10", ["Heat (1996)"]),
    ("I watched Titanic, what a film", ["Titanic (1997)"]),
    ("I watched The Matrix again, still holds up", ["The Matrix (1999)"]),
    # "on my list of favourites" is praise, not a watchlist
    ("Alien is on my list of all-time favourites", ["Alien (1979)"]),
    # someone else's praise is not the person's
    ("I watched Frozen with my daughter, she loved it", []),
])
def test_praise_after_a_viewing_is_a_like(movies: Catalog, film_assistant: Assistant,
                                          text: str, liked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert session.wanted_ids == []


# -- found by a new-user probe (2026-12-05) ------------------------------------------------------

@pytest.mark.parametrize(("text", "set_aside"), [
    # "can't do / couldn't watch horror" had asked for horror only
    ("I can't do horror movies", ("Horror",)),
    ("I couldn't watch horror movies, too scary", ("Horror",)),
    ("I cannot handle horror", ("Horror",)),
    ("I don't watch westerns, any comedies?", ("Western",)),
])
def test_not_being_able_to_watch_a_genre_sets_it_aside(film_assistant: Assistant, text: str,
                                                       set_aside: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters.exclude_genres == set_aside
    assert not set(set_aside) & set(session.filters.genres)
    assert f"no {set_aside[0]}" in result.reply


def test_a_film_one_could_not_sit_through_is_disliked(movies: Catalog,
                                                      film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I couldn't sit through Titanic")
    assert [movies.display_title(i) for i in session.disliked_ids] == ["Titanic (1997)"]


@pytest.mark.parametrize(("text", "asked"), [
    # asking whether a film is worth it had read it as a like and recommended "based on" it
    ("would you recommend Alien?", "Alien (1979)"),
    ("Should I watch Alien?", "Alien (1979)"),
    ("do you think I'd like Alien?", "Alien (1979)"),
    ("would my kids like Frozen?", "Frozen (2013)"),
])
def test_asking_whether_a_film_is_worth_it_is_no_like(movies: Catalog, film_assistant: Assistant,
                                                      text: str, asked: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.liked_ids == [] and session.wanted_ids == []
    assert result.reply.startswith(asked)  # answered with what the film is


@pytest.mark.parametrize(("text", "liked"), [
    # more films like it, or a like beside the question, still read as a like
    ("would you recommend something like Alien?", ["Alien (1979)"]),
    ("I loved Alien, would you recommend Aliens?", ["Alien (1979)"]),
    ("Would you recommend Alien? I loved Aliens", ["Aliens (1986)"]),
])
def test_a_question_beside_a_like_keeps_the_like(movies: Catalog, film_assistant: Assistant,
                                                 text: str, liked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked


@pytest.mark.parametrize("then", ["something like Moana", "more like Moana please",
                                  "anything similar to Moana?"])
def test_more_like_a_wanted_film_keeps_it_unseen(movies: Catalog, film_assistant: Assistant,
                                                 then: str) -> None:
    """"I want to see Moana", then "something like Moana" had made Moana a like, cited in the
    reasons as "Because you liked Moana"."""
    session, result = talk(film_assistant, "movies", "I want to see Moana", then)
    assert [movies.display_title(i) for i in session.wanted_ids] == ["Moana (2016)"]
    assert session.liked_ids == []
    assert "like Moana (2016)" in result.reply and "based on Moana" not in result.reply
    assert all(session.wanted_ids[0] not in r.because_item_ids for r in result.recommendations)


def test_more_like_a_film_never_named_before_is_a_like(movies: Catalog,
                                                       film_assistant: Assistant) -> None:
    for text in ("something like Moana", "something similar to Heat"):
        session, _ = talk(film_assistant, "movies", text)
        assert len(session.liked_ids) == 1, text
    session, _ = talk(film_assistant, "movies", "I want to see Moana",
                      "something like Moana, I loved it")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Moana (2016)"]


@pytest.mark.parametrize(("messages", "cast"), [
    # a follow-up that only adds someone had been read as pointing at a film, and dropped
    (("action movies", "with Denzel Washington"), ("Denzel Washington",)),
    (("ideally with Tom Hanks",), ("Tom Hanks",)),
    # a question pointing at a film with someone in it asks for no one
    (("Yes. With Jack Nicholson?",), ()),
])
def test_with_someone_alone_asks_for_them(film_assistant: Assistant, messages: tuple[str, ...],
                                          cast: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters.cast == cast
    if cast:
        assert f"starring {cast[0]}" in result.reply


def test_a_question_about_a_film_of_the_list_is_answered(movies: Catalog,
                                                         film_assistant: Assistant) -> None:
    """"the second one?" and "what year is the first one from?" had made the film a like and
    answered with a new list "based on" it."""
    for question, at in (("the second one?", 1), ("what year is the first one from?", 0)):
        session, _ = talk(film_assistant, "movies", "something funny")
        shown = list(session.last_shown_ids)
        result = film_assistant.turn(session, question)
        assert result.reply.startswith(movies.display_title(shown[at])), question
        assert session.liked_ids == [] and session.wanted_ids == []


def test_more_like_a_film_of_the_list_says_so_without_citing_it(movies: Catalog,
                                                                film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I liked Heat")
    anchor = session.last_shown_ids[1]
    result = film_assistant.turn(session, "more like the second one")
    assert f"like {movies.display_title(anchor)}" in result.reply
    assert "want to see" not in result.reply
    assert all(anchor not in r.because_item_ids for r in result.recommendations)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # a verdict after the title, in words the rules did not know, had left the film a like
    ("Loved Alien but Alien 3 was garbage", ["Alien (1979)"], ["Alien 3 (1992)"]),
    ("Loved Alien. Alien 3 was garbage", ["Alien (1979)"], ["Alien 3 (1992)"]),
    ("Dunkirk? never again", [], ["Dunkirk (2017)"]),
    ("The Dark Knight was good, The Dark Knight Rises was not", ["The Dark Knight (2008)"],
     ["The Dark Knight Rises (2012)"]),
    # someone else's like, then the person's own dislike of "it"
    ("my wife loves The Notebook, i cant stand it", [], ["The Notebook (2004)"]),
    ("everyone loves Avatar but i found it boring", [], ["Avatar (2009)"]),
    ("I loved Heat but my wife didn't like it", ["Heat (1996)"], []),
    # a set-aside written as "that isn't" (never a correction "that isn't X")
    ("something directed by Christopher Nolan that isn't Inception", [], ["Inception (2010)"]),
    ("that isnt Inception", ["Inception (2010)"], []),
    # praise in words the rules did not know had let the model read a dislike beside another
    ("Goodfellas is a masterpiece. Scarface not so much", ["Goodfellas (1990)"],
     ["Scarface (1983)"]),
    # a dislike denied is no dislike
    ("I don't hate Titanic", ["Titanic (1997)"], []),
    ("I didnt hate Titanic, it was ok actually", ["Titanic (1997)"], []),
    # someone else's verdict, then the person's own the other way
    ("my girlfriend hated the conjuring but i loved it", ["The Conjuring (2013)"], []),
    ("my friends said interstellar was boring but i loved it", ["Interstellar (2014)"], []),
    ("my wife hates the notebook, i kinda liked it", ["The Notebook (2004)"], []),
    ("everyone loves the godfather but i found it slow", [], ["The Godfather (1972)"]),
    ("my husband liked the revenant but i didnt", [], ["The Revenant (2015)"]),
    ("I loved Heat but my wife didn't", ["Heat (1996)"], []),
    # a verdict word inside a question about the film is no verdict of the person's
    ("is the conjuring too scary for a 12 year old?", [], []),
    ("is there a sequel to the incredibles", [], []),
    ("I hated Alien, is Aliens any better?", [], ["Alien (1979)"]),
    ("is it weird that I loved Titanic?", ["Titanic (1997)"], []),
    # a dislike word denied (a regression probe)
    ("Interstellar wasn't dull at all, great film", ["Interstellar (2014)"], []),
    ("The Godfather is not tedious, it's a masterpiece", ["The Godfather (1972)"], []),
    ("Inception was dull", [], ["Inception (2010)"]),
    ("Titanic was not boring at all", ["Titanic (1997)"], []),
    ("Titanic was boring", [], ["Titanic (1997)"]),
])
def test_verdicts_in_more_words(movies: Catalog, film_assistant: Assistant, text: str,
                                liked: list[str], disliked: list[str]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    cited = {i for r in result.recommendations for i in r.because_item_ids}
    assert cited <= set(session.liked_ids)


@pytest.mark.parametrize(("text", "liked", "others"), [
    ("My sister loved Up, what should I watch?", ["Up (2009)"], {"Up (2009)": "your sister"}),
    ("my wife's favourite is The Notebook", ["The Notebook (2004)"],
     {"The Notebook (2004)": "your wife"}),
    ("They really liked Toy Story and Cars", ["Toy Story (1995)", "Cars (2006)"],
     {"Toy Story (1995)": "they", "Cars (2006)": "they"}),
    ("I like sappy movies like The Notebook and he likes action movies like Heat",
     ["The Notebook (2004)", "Heat (1996)"], {"Heat (1996)": "they"}),
    ("my husband and I loved Up", ["Up (2009)"], {}),
    ("I loved Up and so did my sister", ["Up (2009)"], {}),
    # nobody else liked it: "Because your husband liked Heat" had said what nobody said
    ("my husband never liked Heat but i loved it", ["Heat (1996)"], {}),
])
def test_someone_elses_like_is_recommended_from_and_cited_as_theirs(
        movies: Catalog, film_assistant: Assistant, text: str, liked: list[str],
        others: dict[str, str]) -> None:
    """"My sister loved Up" is a like to recommend from (ReDial's questionnaires count it as
    the person's) but "Because you liked Up" would say what the person never said."""
    session, result = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert {movies.display_title(i): who for i, who in session.others_liked.items()} == others
    for rec in result.recommendations:
        for item in rec.because_item_ids:
            who = session.others_liked.get(item, "you")
            assert rec.explanation.startswith(
                f"Because {who} liked {movies.display_title(item)}: ")


def test_someone_elses_like_becomes_the_persons_when_they_say_so(
        movies: Catalog, film_assistant: Assistant) -> None:
    session, first = talk(film_assistant, "movies", "my kids love Frozen")
    frozen = movies.display_title(session.liked_ids[0])
    assert session.others_liked == {session.liked_ids[0]: "your kids"}
    assert any(f"Because your kids liked {frozen}" in r.explanation
               for r in first.recommendations)
    assert not any(f"Because you liked {frozen}" in r.explanation
                   for r in first.recommendations)
    result = film_assistant.turn(session, "I loved Frozen too")
    assert session.others_liked == {}
    assert any(f"Because you liked {frozen}" in r.explanation for r in result.recommendations)


def test_a_roman_numeral_is_never_misspelt(movies: Catalog, film_assistant: Assistant) -> None:
    """"Rocky II" (not in the catalogue) had become Rocky IV, a film the person never named."""
    session, result = talk(film_assistant, "movies", "loved Rocky, Rocky II, and Creed")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Rocky (1976)",
                                                                    "Creed (2015)"]
    assert "Rocky II" in result.reply  # said back as not known


@pytest.mark.parametrize(("text", "genres", "set_aside"), [
    # the films of both set aside (the comedies left are the same ones)
    ("comedy but not romantic comedy", ("Comedy",), ("Romance+Comedy",)),
    ("comedy but not rom coms", ("Comedy",), ("Romance+Comedy",)),
    ("romantic comedies please", ("Comedy", "Romance"), ()),
    ("westerns are boring", (), ("Western",)),
    ("musicals suck, any thrillers?", ("Thriller",), ("Musical",)),
    ("horror movies are my favorite", ("Horror",), ()),
])
def test_a_genre_set_aside_in_a_compound_or_by_a_verdict(film_assistant: Assistant, text: str,
                                                         genres: tuple[str, ...],
                                                         set_aside: tuple[str, ...]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert set(session.filters.genres) == set(genres)
    assert session.filters.exclude_genres == set_aside


@pytest.mark.parametrize(("text", "never"), [
    # set-asides leaked where a name spells the word another way
    ("no polka dots please", ("polka",)),  # "polkadot", "polka tray"
    ("birthday card for my nan, nothing with retrospot", ("retrospot", "retro spot")),
    # a category set aside leaked its items given another category ("jewellery box": storage;
    # "t-lights scented": christmas; "candleholder": one word)
    ("i dont want jewellery or candles", ("jewellery", "candle", "t-light")),
])
def test_a_product_set_aside_in_any_spelling(retail: Catalog, shop_assistant: Assistant,
                                             text: str, never: tuple[str, ...]) -> None:
    session, result = talk(shop_assistant, "retail", text)
    allowed = filter_mask(retail, session.filters)
    named = [i for i, title in enumerate(retail.titles)
             if any(word in title.lower() for word in never)]
    assert named and not allowed[named].any()
    assert not any(word in r.title.lower() for r in result.recommendations for word in never)
    assert allowed.sum() > 100  # the rest of the shop is still there


def test_a_category_word_leaves_a_film_catalogue_alone(movies: Catalog) -> None:
    assert not movies.category_word_mask(("Horror",)).any()  # films have genres of their own


@pytest.mark.parametrize(("text", "cast", "directors"), [
    # a known surname by the words around it
    ("movies with De Niro", ("Robert De Niro",), ()),  # had been "I don't know De Niro yet"
    ("with Pacino", ("Al Pacino",), ()),
    ("only ones with Al Pacino", ("Al Pacino",), ()),
    ("spielberg films", (), ("Steven Spielberg",)),
    ("a Scorsese film", (), ("Martin Scorsese",)),
    ("a Tom Hanks movie", ("Tom Hanks",), ()),
    # someone in both roles is in the one the catalogue has more films of
    ("quentin tarantino films except pulp fiction", (), ("Quentin Tarantino",)),
    ("Woody Allen films", (), ("Woody Allen",)),
    ("Clint Eastwood movies", ("Clint Eastwood",), ()),
    # a kind of film with someone, wherever it stands
    ("my dad likes westerns with Clint Eastwood", ("Clint Eastwood",), ()),
    # everyday words stay words
    ("blood and gore movies", (), ()),
])
def test_people_asked_for_in_more_ways(film_assistant: Assistant, text: str,
                                       cast: tuple[str, ...], directors: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert (session.filters.cast, session.filters.directors) == (cast, directors)
    assert "don't know" not in result.reply


@pytest.mark.parametrize(("messages", "filters", "said"), [
    # asked for in words no filter had read: now read, and said back
    (("something recent",), {"year_min": 2017}, "from 2017 on"),
    (("classic movies",), {"year_max": 1992}, "before 1993"),
    (("anime please",), {"genres": ("Animated",)}, "in Animated"),
    (("something for my son, he gets scared easily",), {"exclude_genres": ("Horror",)},
     "no Horror"),
    (("comedies", "but funnier"), {"genres": ("Comedy",)}, "in Comedy"),
    # what no catalogue field holds is said so
    (("oscar winners",), {}, "I don't know the awards of these movies"),
    (("best picture winners",), {}, "I don't know the awards of these movies"),
    (("french films",), {}, "I don't know the languages of these movies"),
    # "I want to cry" had matched titles with "cry" in them (Cry-Baby, Cry Wolf)
    (("I want to cry",), {"genres": ("Drama",)}, "in Drama"),
    (("I need a good cry",), {"genres": ("Drama",)}, "in Drama"),
    (("horror", "not as violent"), {"genres": ("Horror",)}, "content warnings"),
])
def test_what_was_asked_is_read_or_said_to_be_unread(film_assistant: Assistant,
                                                     messages: tuple[str, ...], filters: dict,
                                                     said: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**filters)
    assert said in result.reply


def test_too_old_asks_for_newer_than_the_list(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "action movies")
    newest = max(int(movies.years[i]) for i in session.last_shown_ids)
    film_assistant.turn(session, "these are all too old")
    assert session.filters.year_min == newest + 1


@pytest.mark.parametrize(("said", "bound"), [("something newer", "year_min"),
                                             ("something older", "year_max"),
                                             ("classics please", "year_max"),
                                             ("recent movies only", "year_min")])
def test_newer_or_older_than_most_of_the_list(movies: Catalog, film_assistant: Assistant,
                                               said: str, bound: str) -> None:
    """Newer than most of what was shown, not than its newest: "i liked Jaws", then "something
    newer" had asked for the catalogue's last year only, past a 2017 film in the list.
    "Classics" are older than every one shown, "recent" films are the catalogue's last five
    years, whatever was shown."""
    session, _ = talk(film_assistant, "movies", "i liked Jaws")
    years = sorted(int(movies.years[i]) for i in session.last_shown_ids)
    film_assistant.turn(session, said)
    middle = years[len(years) // 2]
    expected = {"something newer": middle + 1, "something older": middle - 1,
                "classics please": years[0] - 1,
                "recent movies only": int(movies.years.max()) - 5}[said]
    assert getattr(session.filters, bound) == expected


@pytest.mark.parametrize("text", ["what's playing at the drive-in",
                                  "something like a rainy sunday"])
def test_words_nothing_was_read_from_are_said_back(film_assistant: Assistant, text: str) -> None:
    """"oscar winners" and "but funnier" had been answered as if understood."""
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters() and session.liked_ids == []
    assert f'I found nothing in "{text}" I can filter by' in result.reply


@pytest.mark.parametrize("text", ["recommend me something", "any good movies?", "I loved Heat",
                                  "hi", "horror please"])
def test_a_plain_request_or_a_reading_is_not_called_unread(film_assistant: Assistant,
                                                           text: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert "I found nothing in" not in result.reply


@pytest.mark.parametrize(("then", "seen", "disliked"), [
    # the whole list seen: each film of it, not only the first
    ("none of these, I've seen them", 5, 0),
    ("seen them all, more please", 5, 0),
    # "none of these" alone says nothing of them; with a verdict it sets them aside
    ("none of these", 0, 0),
    ("none of these, they look awful", 0, 5),
])
def test_the_whole_list_seen_or_set_aside(film_assistant: Assistant, then: str, seen: int,
                                          disliked: int) -> None:
    session, _ = talk(film_assistant, "movies", "action movies")
    shown = list(session.last_shown_ids)
    result = film_assistant.turn(session, then)
    assert session.seen_ids == shown[:seen] and session.disliked_ids == shown[:disliked]
    assert session.liked_ids == [] and session.wanted_ids == []
    assert not set(shown) & {r.item_id for r in result.recommendations}


@pytest.mark.parametrize(("text", "liked", "wanted", "disliked"), [
    ("I wouldn't mind seeing Dunkirk", [], ["Dunkirk (2017)"], []),
    ("neither Titanic nor Avatar did anything for me", [], [],
     ["Titanic (1997)", "Avatar (2009)"]),
    ("neither Titanic nor Avatar was any good", [], [], ["Titanic (1997)", "Avatar (2009)"]),
    ("Titanic and Avatar were great", ["Titanic (1997)", "Avatar (2009)"], [], []),
    # a numbered sequel as people type it ("I don't know The Godfather 2" before)
    ("The Godfather 2 was great", ["The Godfather Part II (1974)"], [], []),
    ("I loved godfather part 2", ["The Godfather Part II (1974)"], [], []),
])
def test_more_ways_of_saying_it(movies: Catalog, film_assistant: Assistant, text: str,
                                liked: list[str], wanted: list[str], disliked: list[str]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.wanted_ids] == wanted
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert "don't know" not in result.reply


@pytest.mark.parametrize(("text", "genres", "together"), [
    # one kind of film in two genre words had been either genre ("a horror comedy" gave It)
    ("a horror comedy", {"Horror", "Comedy"}, True),
    ("action-comedy please", {"Action", "Comedy"}, True),
    ("romantic comedy", {"Romance", "Comedy"}, True),
    ("a sci-fi thriller", {"Science Fiction", "Thriller"}, True),
    # a list is either, and so is a pair too few films are both of
    ("horror or comedy", {"Horror", "Comedy"}, False),
    ("rom coms or thrillers", {"Romance", "Comedy", "Thriller"}, False),
    ("horror western", {"Horror", "Western"}, False),
    # who the film is for is no genre of it (HardFilters.audience); fewer than 10 children's
    # films are both, so either will do
    ("a scary comedy for my 10 year old", {"Horror", "Comedy"}, False),
])
def test_genres_asked_for_as_one_kind(movies: Catalog, film_assistant: Assistant, text: str,
                                      genres: set[str], together: bool) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert set(session.filters.genres) == genres
    assert session.filters.genres_all is together
    joined = (" and " if together else " or ").join(session.filters.genres)
    assert f"in {joined}" in result.reply
    if together:
        allowed = filter_mask(movies, session.filters)
        assert allowed.sum() >= 10
        for genre in genres:
            assert movies.genre_mask((genre,))[allowed].all()
        film_assistant.turn(session, "any genre is fine")
        assert session.filters == HardFilters()


@pytest.mark.parametrize(("text", "years"), [
    ("something from the late 90s", (1995, 1999)),
    ("early 2000s comedies", (2000, 2004)),
    ("mid-80s horror", (1983, 1987)),
    ("late 80s or early 90s action", (1985, 1994)),
    ("90s movies", (1990, 1999)),
])
def test_part_of_a_decade(film_assistant: Assistant, text: str, years: tuple[int, int]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert (session.filters.year_min, session.filters.year_max) == years


# -- a regression probe of the above (2026-12-05) -----------------------------------------------

@pytest.mark.parametrize(("text", "filters"), [
    # recency or age said not to be wanted asks for neither (had asked for the opposite)
    ("nothing recent", {}),
    ("not classic", {}),
    ("a modern classic", {}),
    # "kids" is family or animated films, never both at once (had become "Family and Animated")
    ("a movie for kids", {"genres": ("Family", "Animated"), "audience": ("Family", "Animated")}),
    # and a genre asked with it is one of those films, not any film of that genre
    ("kids comedy", {"genres": ("Comedy",), "audience": ("Family", "Animated")}),
])
def test_probe_readings_of_age_and_kids(film_assistant: Assistant, text: str,
                                        filters: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**filters)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("the trash talk in Goodfellas is great", ["Goodfellas (1990)"], []),
    ("Citizen Kane is a masterpiece but boring", [], ["Citizen Kane (1941)"]),
    ("I loved Inception but it was too long", ["Inception (2010)"], []),
])
def test_probe_verdicts(movies: Catalog, film_assistant: Assistant, text: str, liked: list[str],
                        disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("then", "liked", "disliked", "wanted"), [
    ("have you seen them all?", 0, 0, 0),  # had liked the whole list
    ("none of these are bad", 0, 0, 0),  # had set the whole list aside
    ("all of them", 0, 0, 0),
    ("I liked all of them", 5, 0, 0),
    ("all of them look good", 0, 0, 5),
])
def test_probe_the_whole_list(film_assistant: Assistant, then: str, liked: int, disliked: int,
                              wanted: int) -> None:
    session, _ = talk(film_assistant, "movies", "a thriller")
    shown = list(session.last_shown_ids)
    film_assistant.turn(session, then)
    assert session.liked_ids == shown[:liked] and session.disliked_ids == shown[:disliked]
    assert session.wanted_ids == shown[:wanted]


def test_probe_a_question_about_two_films(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "would you recommend Alien or Aliens?")
    assert session.liked_ids == []


@pytest.mark.parametrize(("catalog", "text"), [
    # something was read, or the request is plain: no "I found nothing in ..."
    ("movies", "start over"),
    ("movies", "let's start over"),
    ("movies", "I haven't seen Star Wars"),
    ("movies", "I don't hate it"),
    ("retail", "a gift for my mum"),
    ("retail", "a housewarming present"),
    ("retail", "something for a new baby"),
])
def test_probe_no_false_nothing_read(film_assistant: Assistant, shop_assistant: Assistant,
                                     catalog: str, text: str) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    _, result = talk(assistant, catalog, text)
    assert "I found nothing in" not in result.reply


def test_probe_words_joined_only_into_a_real_name_word(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "no red retro stuff")
    assert "redretro" not in session.filters.exclude_topics


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("I liked neither Twilight nor Fifty Shades of Grey", [],
     ["Twilight (2008)", "Fifty Shades of Grey (2015)"]),
    ("I never get tired of Alien", ["Alien (1979)"], []),  # had been a dislike
    ("I'm tired of Alien", [], ["Alien (1979)"]),
])
def test_probe_still_broken_verdicts(movies: Catalog, film_assistant: Assistant, text: str,
                                     liked: list[str], disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("text", "filters"), [
    ("I don't hate musicals", {}),  # had set musicals aside: neither asked nor set aside
    ("I'm fed up with horror", {"exclude_genres": ("Horror",)}),  # had liked Fed Up (2014)
    ("I never get tired of westerns", {"genres": ("Western",)}),
])
def test_probe_still_broken_genres(film_assistant: Assistant, text: str, filters: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**filters) and session.liked_ids == []


@pytest.mark.parametrize(("text", "exclude_topics", "exclude_genres"), [
    ("I can't stand polka dots", ("polkadot", "polkadots", "polka"), ()),  # had shopped for a stand
    ("no jewelry", (), ("jewellery",)),
    ("I don't want anything with skulls", ("skulls",), ()),  # had asked for skulls
])
def test_probe_still_broken_gift_set_asides(shop_assistant: Assistant, text: str,
                                            exclude_topics: tuple[str, ...],
                                            exclude_genres: tuple[str, ...]) -> None:
    session, _ = talk(shop_assistant, "retail", text)
    assert session.filters.exclude_topics == exclude_topics
    assert session.filters.exclude_genres == exclude_genres
    assert session.filters.topics == () and session.filters.subject == ()


@pytest.mark.parametrize(("first", "then", "genres"), [
    ("a scary movie for my 8 year old", None, ("Horror",)),
    ("an action movie for the kids", None, ("Action",)),
    ("a movie for my 7 year old", "something scary", ("Horror",)),
])
def test_a_film_for_a_child_is_a_childrens_film_of_the_genre_asked(
        movies: Catalog, film_assistant: Assistant, first: str, then: str | None,
        genres: tuple[str, ...]) -> None:
    """"A scary movie for my 8 year old" had asked for Horror or Family or Animated, and
    listed adult horror films for a child."""
    session, result = talk(film_assistant, "movies", *[m for m in (first, then) if m])
    assert session.filters.genres == genres
    assert session.filters.audience == ("Family", "Animated")
    assert result.recommendations
    for rec in result.recommendations:
        kinds = set(movies.genres[rec.item_id])
        assert kinds & {"Family", "Animated"} and kinds & set(genres)
    assert "for children (Family or Animated)" in result.reply
    # taken back as any constraint is
    result = film_assistant.turn(session, "forget the kids, it's for me")
    assert session.filters.audience == () and session.filters.genres == genres
    assert "I dropped: for children" in result.reply


@pytest.mark.parametrize(("text", "filters"), [
    # no film for a child: Family set aside, no children's filter
    ("show me animated movies that arent for kids",
     {"genres": ("Animated",), "exclude_genres": ("Family",)}),
    # neither children's genre unless asked (Coco is Animated and Fantasy, no Family)
    ("a movie not for kids", {"exclude_genres": ("Family", "Animated")}),
    ("nothing for kids please, something adult", {"exclude_genres": ("Family", "Animated")}),
    # the child the person once was is no child to choose for
    ("back to the future 2 was my favourite as a kid", {}),
    ("i used to love Home Alone when i was little", {}),
    # ages written in more ways
    ("taking my niece (7) to watch something", {"genres": ("Family", "Animated"),
                                                 "audience": ("Family", "Animated")}),
    ("a comedy for my niece who is 7", {"genres": ("Comedy",),
                                        "audience": ("Family", "Animated")}),
])
def test_who_a_film_is_for_in_more_words(film_assistant: Assistant, text: str,
                                         filters: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**filters)


@pytest.mark.parametrize(("text", "others"), [
    ("my toddler loves Cars", {"Cars (2006)": "your toddler"}),
    ("my 5 year old liked Jurassic Park", {"Jurassic Park (1993)": "your 5 year old"}),
    ("my niece who is 7 liked Coco", {"Coco (2017)": "your niece"}),
])
def test_a_childs_like_is_the_childs(movies: Catalog, film_assistant: Assistant, text: str,
                                     others: dict[str, str]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert {movies.display_title(i): who for i, who in session.others_liked.items()} == others
    assert not any(r.explanation.startswith("Because you liked") for r in result.recommendations)


@pytest.mark.parametrize(("messages", "low", "high"), [
    # a budget raised: had become "at most £1.00" (read as "cheaper" than the list shown)
    (("candles under £5", "raise the budget to £8"), None, 8.0),
    (("candles under £5", "budget is now £8"), None, 8.0),
    (("summat for the kitchen, nowt over a fiver",), None, 5.0),  # had been "at least £5"
    (("wedding present, budget 10 to 15 pounds",), 10.0, 15.0),  # had been "at most £10"
    (("3 to 5 quid",), 3.0, 5.0),
    (("candles 5-10£",), 5.0, 10.0),
    (("less then 4 pound",), None, 4.0),
    (("candles under £2", "money no object"), None, None),
])
def test_shoppers_budgets_in_more_words(shop_assistant: Assistant, messages: tuple[str, ...],
                                       low: float | None, high: float | None) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert (session.filters.price_min, session.filters.price_max) == (low, high)
    prices = [r.price for r in result.recommendations]
    assert all((low is None or p >= low) and (high is None or p <= high) for p in prices)


def test_cheap_with_nothing_shown_is_the_cheapest_quarter(retail: Catalog,
                                                          shop_assistant: Assistant) -> None:
    quarter = round(float(np.nanquantile(retail.prices, 0.25)), 2)
    session, result = talk(shop_assistant, "retail", "cheap candles")
    assert session.filters.price_max == quarter and session.filters.genres == ("candles",)
    assert f"at most £{quarter:.2f}" in result.reply
    session, _ = talk(shop_assistant, "retail", "nothing cheap please")
    assert session.filters.price_max is None


def test_something_different_without_past_orders_drops_the_kind(
        shop_assistant: Assistant) -> None:
    """"none you have ordered before" was said to a shopper with no orders, and more mugs
    followed "not another mug, something different"."""
    session, result = talk(shop_assistant, "retail", "a mug",
                           "not another mug, something different")
    assert not session.filters.new_only and session.filters.subject == ()
    assert "ordered before" not in result.reply
    assert "I dropped: shopping for mug" in result.reply
    assert all("MUG" not in r.title.upper() for r in result.recommendations)


@pytest.mark.parametrize(("text", "said", "not_said"), [
    # read, so never "I did not understand"
    ("doormats", "shopping for doormats", "I did not understand"),
    ("whats popular", "most popular", "I did not understand"),
    # products have names only: never "their descriptions"
    # ("baby shower gift", then "leaving present" were the example until session 41 read
    # them as baby things and an occasion)
    ("something for a hiker", "against the product names", "descriptions"),
])
def test_what_the_shop_says_it_read(shop_assistant: Assistant, text: str, said: str,
                                   not_said: str) -> None:
    _, result = talk(shop_assistant, "retail", text)
    assert said in result.reply and not_said not in result.reply


@pytest.mark.parametrize(("first", "then", "position", "liked"), [
    # a place in the list written as shoppers write it (had been read as nothing, or as the
    # product word "number")
    ("cushion covers", "any more like number 2?", 1, True),
    ("candles", "number 3 is lovely", 2, True),
    ("candles", "I like #2", 1, True),
    ("candles", "2nd one pls", 1, True),
    ("candles", "love the third, more like it", 2, True),
    ("notebooks", "the 3rd one looks nice, anything similar?", 2, True),
    ("candles", "i dont like the first one", 0, False),
])
def test_a_place_in_the_list_in_more_words(shop_assistant: Assistant, first: str, then: str,
                                           position: int, liked: bool) -> None:
    session, _ = talk(shop_assistant, "retail", first)
    shown = list(session.last_shown_ids)
    result = shop_assistant.turn(session, then)
    assert (shown[position] in session.liked_ids) is liked
    assert (shown[position] in session.disliked_ids) is not liked
    assert "number" not in session.filters.subject
    assert not {"first", "number"} & set(session.filters.exclude_topics)
    assert result.recommendations


@pytest.mark.parametrize(("messages", "filters"), [
    # set-asides in more words
    (("disney movies but not the animated ones",),
     {"exclude_genres": ("Animated",), "topics": ("Disney",)}),
    (("big fan of pixar, not so much dreamworks",),
     {"topics": ("Pixar",), "exclude_topics": ("DreamWorks",)}),
    (("horror, not so much comedy",), {"genres": ("Horror",), "exclude_genres": ("Comedy",)}),
    # a person liked by name, lower case
    (("i love spielberg",), {"directors": ("Steven Spielberg",)}),
    (("i like kubrick",), {"directors": ("Stanley Kubrick",)}),
    (("i really like nolan's stuff",), {"directors": ("Christopher Nolan",)}),
    (("anything with stallone",), {"cast": ("Sylvester Stallone",)}),
    (("i want a denzel movie",), {"cast": ("Denzel Washington",)}),  # had been no filter
    # another actor instead, without "with": the old one had stayed
    (("sci-fi with tom hanks", "matt damon instead"),
     {"genres": ("Science Fiction",), "cast": ("Matt Damon",)}),
    (("movies with meryl streep", "how about julia roberts"), {"cast": ("Julia Roberts",)}),
    (("action with tom cruise", "ok make it keanu reeves"),
     {"genres": ("Action",), "cast": ("Keanu Reeves",)}),
    (("action with tom cruise", "switch to keanu reeves"),  # had liked Switch (2013)
     {"genres": ("Action",), "cast": ("Keanu Reeves",)}),
    # someone else's favourite actor, a surname's particle written apart: had been no filter
    (("comedies", "my husband likes adam sandler"),
     {"genres": ("Comedy",), "cast": ("Adam Sandler",)}),
    (("action", "he loves jason statham"), {"genres": ("Action",), "cast": ("Jason Statham",)}),
    (("films with leonardo di caprio",), {"cast": ("Leonardo DiCaprio",)}),
    (("i want a scary movie",), {"genres": ("Horror",)}),
    # genre words as typed
    (("horor movies from the 90's",),
     {"genres": ("Horror",), "year_min": 1990, "year_max": 1999}),
    (("a good thriler",), {"genres": ("Thriller",)}),
])
def test_constraints_in_more_words(film_assistant: Assistant, messages: tuple[str, ...],
                                   filters: dict) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**filters)


def test_remove_a_film_from_the_likes(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "liked the matrix and titanic",
                      "remove titanic from my likes")
    assert [movies.display_title(i) for i in session.liked_ids] == ["The Matrix (1999)"]


@pytest.mark.parametrize(("then", "liked"), [
    ("no not that one, aliens the sequel", ["Aliens (1986)"]),
    ("no, I meant Aliens", ["Aliens (1986)"]),
    ("I meant Aliens", ["Aliens (1986)"]),
    # "I mean" alone is a filler as often: nothing taken back
    ("I mean Aliens was good too", ["Alien (1979)", "Aliens (1986)"]),
])
def test_a_title_corrected_replaces_the_one_before(movies: Catalog, film_assistant: Assistant,
                                                   then: str, liked: list[str]) -> None:
    session, result = talk(film_assistant, "movies", "i liked alien", then)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    if len(liked) == 1:
        assert "I took Alien (1979) back: you meant Aliens (1986)." in result.reply


@pytest.mark.parametrize(("first", "then", "liked", "disliked", "seen"), [
    # the title meant takes the verdict of the one it replaces (it had become a like)
    ("hated Jaws", "wait no, i meant Alien", [], ["Alien (1979)"], []),
    ("seen jaws", "sorry i meant alien", [], [], ["Alien (1979)"]),
    # a verdict of its own wins
    ("hated Jaws", "no I meant Alien, it was great", ["Alien (1979)"], [], []),
])
def test_a_title_corrected_keeps_the_verdict_said_of_it(
        movies: Catalog, film_assistant: Assistant, first: str, then: str, liked: list[str],
        disliked: list[str], seen: list[str]) -> None:
    session, result = talk(film_assistant, "movies", first, then)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert [movies.display_title(i) for i in session.seen_ids] == seen
    assert "I took Jaws (1975) back: you meant Alien (1979)." in result.reply


def test_a_list_of_sequel_numbers_shares_its_verdict(movies: Catalog,
                                                      film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "seen toy story 1, 2 and 3")
    assert [movies.display_title(i) for i in session.seen_ids] == [
        "Toy Story (1995)", "Toy Story 2 (1999)", "Toy Story 3 (2010)"]
    assert session.liked_ids == []
    session, result = talk(film_assistant, "movies", "die hard 2 and 3 were great")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Die Hard 2 (1990)"]
    assert "I don't know die hard 3 yet" in result.reply


def test_a_version_asked_for_is_no_request_unread(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "I loved Heat", "no I mean the 1995 one")
    assert "I switched Heat (1996) to Heat (1995)." in result.reply
    assert "I found nothing" not in result.reply


@pytest.mark.parametrize(("text", "filters"), [
    ("my wife loves musicals, i hate them. we both like comedies",
     {"genres": ("Comedy",), "exclude_genres": ("Musical",)}),
    ("horror, but i hate them when they are gory", {"genres": ("Horror",)}),
])
def test_a_genre_set_aside_by_a_pronoun_after_it(film_assistant: Assistant, text: str,
                                                 filters: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**filters)


@pytest.mark.parametrize(("text", "relative"), [
    ("something from the last few years", "newer"),
    ("something old hollywood", "older"),
])
def test_relative_years_in_more_words(film_assistant: Assistant, text: str,
                                      relative: str) -> None:
    session, _ = talk(film_assistant, "movies", text)
    newest = film_assistant.newest_year()
    if relative == "newer":
        assert session.filters.year_min == newest - 5 and session.filters.year_max is None
    else:
        assert session.filters.year_max == newest - 30 and session.filters.year_min is None


@pytest.mark.parametrize(("text", "years"), [
    # a decade and one year bound: the decade gives the side the year left open
    ("2000s but not after 2005", (2000, 2005)),
    ("90s movies after 1995", (1996, 1999)),
    ("something from the 80s, before 1985", (1980, 1984)),
    ("after 2010", (2011, None)),
])
def test_a_decade_with_a_year_bound(film_assistant: Assistant, text: str,
                                    years: tuple[int | None, int | None]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert (session.filters.year_min, session.filters.year_max) == years


# -- a regression probe of the second session's readings (2026-12-05) ---------------------------

@pytest.mark.parametrize(("messages", "others"), [
    # the person liked it too: no one else's like
    (("my brother really liked The Dark Knight and so did I",), {}),
    (("me and my brother loved Rocky",), {}),
    (("my brother loved Gladiator, me too",), {}),
    (("my sister loved Up", "I loved it too"), {}),
    (("the kids liked Shrek",), {"Shrek (2001)": "the kids"}),
])
def test_a_like_shared_with_the_person_is_theirs(movies: Catalog, film_assistant: Assistant,
                                                 messages: tuple[str, ...],
                                                 others: dict[str, str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert {movies.display_title(i): who for i, who in session.others_liked.items()} == others


def test_the_days_are_no_film(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "something to cheer me up, it's been a tedious week")
    assert "could not tell" not in result.reply


@pytest.mark.parametrize(("messages", "genres", "excluded"), [
    (("the kids liked Shrek", "give me something for me though, I love thrillers"),
     ("Thriller",), ()),
    # said of grown-ups only (not of "me"): no children's film either
    (("the kids are asleep, something scary for me",), ("Horror",), ("Family", "Animated")),
    (("a scary movie for my 8 year old", "something for adults now"), ("Horror",),
     ("Family", "Animated")),
    # an age stated that is a grown-up's (seen in a probe: Coco, Toy Story, Bambi for a dad of 70)
    (("watching with my dad, he's 70",), (), ("Family", "Animated")),
    (("animated movies for adults",), ("Animated",), ("Family",)),
    # a child named beside a grown-up keeps the children's films
    (("something for my 8 year old and my 40 year old husband",), ("Family", "Animated"), ()),
    # an age beside a genre says nothing more (had added "no Family or Animated" to thrillers)
    (("a movie for my mum, she's 50 and loves thrillers",), ("Thriller",), ()),
    # a children's genre asked before stays asked (regression probe: "Animated" had gone),
    # unless the same message takes it back
    (("animated", "for adults"), ("Animated",), ("Family",)),
    (("animated movies for kids", "forget the kids part, for adults"), (),
     ("Family", "Animated")),
])
def test_a_film_for_the_grown_ups_drops_the_children(film_assistant: Assistant,
                                                     messages: tuple[str, ...],
                                                     genres: tuple[str, ...],
                                                     excluded: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters.genres == genres and session.filters.exclude_genres == excluded
    children = excluded == () and "Family" in genres  # the child named keeps them
    assert session.filters.audience == (genres if children else ())
    shown = [set(film_assistant.catalog.genres[r.item_id]) for r in result.recommendations]
    assert shown and not any(s & set(excluded) for s in shown)


@pytest.mark.parametrize(("text", "said"), [
    # the product named and a category guessed from words that leave nothing (with the rest
    # of what was asked: never "no product is both" where a price or set-aside was the cause)
    ("easter stuff for the kids",
     "Nothing matched easter in children or toys and games with the rest of what you asked"),
    ("a clock for my kitchen under £5",
     "Nothing matched clock in kitchen with the rest of what you asked"),
])
def test_a_category_gives_way_to_the_product_named(shop_assistant: Assistant, text: str,
                                                   said: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.genres == ()
    assert said in result.reply and "so I left the category out." in result.reply
    assert len(result.recommendations) == 5


@pytest.mark.parametrize(("text", "shown"), [
    ("a mug for my kitchen", 5),
    # a few products that are both are shown, not products of either (a regression probe)
    ("a sign for the garden", 2), ("christmas doormat", 2),
])
def test_a_category_that_fits_the_product_stays(shop_assistant: Assistant, text: str,
                                                shown: int) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.genres and "left the category" not in result.reply
    assert len(result.recommendations) == shown


@pytest.mark.parametrize(("text", "subject", "genres"), [
    # two category words that name products together are one thing shopped for
    ("party bags", ("party bags",), ()),
    ("christmas candles", ("christmas candles",), ()),
    ("kitchen clock", ("kitchen clock",), ()),  # a singular category word too
    ("kitchen stuff", (), ("kitchen",)),
])
def test_two_category_words_that_name_products_together(retail: Catalog,
                                                        shop_assistant: Assistant, text: str,
                                                        subject: tuple[str, ...],
                                                        genres: tuple[str, ...]) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.subject == subject and session.filters.genres == genres
    for phrase in subject:
        assert all(retail.phrase_mask(phrase)[r.item_id] for r in result.recommendations)


@pytest.mark.parametrize(("messages", "subject"), [
    # a word of what is shopped for set aside later leaves the rest of it
    (("christmas candles", "not christmas"), ("candles",)),
    (("vintage bags", "no vintage"), ("bags",)),
])
def test_a_word_of_the_product_set_aside_later(shop_assistant: Assistant,
                                               messages: tuple[str, ...],
                                               subject: tuple[str, ...]) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert session.filters.subject == subject and result.recommendations


def test_the_kids_genres_go_with_the_children(film_assistant: Assistant) -> None:
    """"As you asked, I dropped: for children" had been said while the children's genres
    that came with "kids" stayed, and the same films were shown."""
    session, result = talk(film_assistant, "movies", "my kids love Frozen",
                           "something for me and my wife now")
    assert session.filters.genres == () and session.filters.audience == ()
    assert "I dropped: in Family or Animated" in result.reply


@pytest.mark.parametrize("between", [
    ("something scary",),
    # a title only asked about in between is never the one taken back (seen in the app)
    ("is the conjuring too scary for a 12 year old?", "the kids are asleep, something for me"),
])
def test_a_correction_reaches_back_to_the_title_it_corrects(
        movies: Catalog, film_assistant: Assistant, between: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", "I loved Alien", *between,
                           "no, I meant Aliens")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Aliens (1986)"]
    assert "I took Alien (1979) back: you meant Aliens (1986)." in result.reply


# -- from a fifth probe (2026-12-05) ------------------------------------------------------------

@pytest.mark.parametrize(("messages", "held", "said"), [
    # "nothing with her ..." sets aside something of her films, not her: she had been set aside
    (["something with sandra bullock, nothing with her in space tho"],
     {"cast": ("Sandra Bullock",), "exclude_genres": ("Science Fiction",)}, ""),
    (["tom cruise movies but nothing with him running lol"], {"cast": ("Tom Cruise",)},
     "I don't know the scenes of these movies"),
    (["tom hanks movies", "nothing with him please"], {"exclude_cast": ("Tom Hanks",)}, ""),
])
def test_a_qualified_pronoun_keeps_the_person(film_assistant: Assistant, messages: list[str],
                                              held: dict, said: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)
    assert said in result.reply


@pytest.mark.parametrize(("messages", "wanted"), [
    # a film named with no word of liking, then said not to be seen: no like ("Because you
    # liked The Prestige" had been said of a film the person had not watched)
    (["my friend recommended the prestige, havent watched it yet"], []),
    (["a friend told me to watch arrival, not seen it yet"], []),
    # a like taken back by "I haven't seen it" ("heard it's good" takes it up)
    (["loved the conjuring", "actually i havent seen it"], []),
    (["loved the conjuring", "actually i havent seen it, i just heard its good"],
     ["The Conjuring (2013)"]),
])
def test_not_seen_after_the_title_is_no_like(movies: Catalog, film_assistant: Assistant,
                                             messages: list[str], wanted: list[str]) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.liked_ids == []
    assert [movies.display_title(i) for i in session.wanted_ids] == wanted
    assert all("Because you liked" not in r.explanation for r in result.recommendations)


def test_a_like_kept_when_not_seen_in_years(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I loved Inception, haven't seen it in years")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Inception (2010)"]


@pytest.mark.parametrize(("text", "held"), [
    # a name after a year, a genre or a fan's words had been dropped without a word
    ("a movie from before 2000 with keanu reeves", {"year_max": 1999, "cast": ("Keanu Reeves",)}),
    ("my dad loves westerns and clint eastwood",
     {"genres": ("Western",), "cast": ("Clint Eastwood",)}),
    ("big fan of christopher nolan", {"directors": ("Christopher Nolan",)}),
    ("im a huge tarantino fan", {"directors": ("Quentin Tarantino",)}),
    ("not a big tarantino fan", {"exclude_directors": ("Quentin Tarantino",)}),
    ("something with leo dicaprio", {"cast": ("Leonardo DiCaprio",)}),  # a short given name
    ("anything w/ margot robbie", {"cast": ("Margot Robbie",)}),
    # a year opened on its own; "not too old" had won over it (from 1997 on)
    ("something not too old, maybe 2010 onwards", {"year_min": 2010}),
    ("comedies 2015+", {"year_min": 2015, "genres": ("Comedy",)}),
])
def test_people_and_years_as_people_write_them(film_assistant: Assistant, text: str,
                                               held: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize(("messages", "held"), [
    # a thing set aside that film summaries name: it had been searched for instead
    (["horror but nothing with clowns"], {"genres": ("Horror",), "exclude_topics": ("clowns",)}),
    (["sci fi pls", "not interested in anything with aliens tho"],
     {"genres": ("Science Fiction",), "exclude_topics": ("alien",)}),  # the subject, once
    (["no movies with sad endings"], {"exclude_genres": ("Drama",)}),  # had asked for dramas
    (["anything but adam sandler lol"], {"exclude_cast": ("Adam Sandler",)}),
    (["comedies except adam sandler ones"],
     {"genres": ("Comedy",), "exclude_cast": ("Adam Sandler",)}),
    # "or" after a set-aside sets the next aside too (a thing, a genre or a person)
    (["nothing with clowns or tom hanks"],
     {"exclude_topics": ("clowns",), "exclude_cast": ("Tom Hanks",)}),
    (["not tom cruise or tom hanks"], {"exclude_cast": ("Tom Cruise", "Tom Hanks")}),
    # a genre added to the one before, not put in its place
    (["i'd like a documentary", "or a musical, either is fine"],
     {"genres": ("Documentary", "Musical")}),
    (["something scary", "and funny"], {"genres": ("Horror", "Comedy"), "genres_all": True}),
    (["something scary", "funny"], {"genres": ("Comedy",)}),  # a new wish replaces
    # probe 26: "no zombie movies" had been searched for (Zombieland first)
    (["horror but no zombie movies"], {"genres": ("Horror",), "exclude_topics": ("zombie",)}),
    (["no shark movies"], {"exclude_topics": ("shark",)}),
    (["no christmas movies"], {"exclude_topics": ("Christmas",)}),  # once, as the holiday
    (["no new movies"], {}),  # how, not what
    # a studio or a subject used up, or set aside as people write it: its films had come
    (["seen every Pixar film, something else"], {"exclude_topics": ("Pixar",)}),
    (["I've watched all the zombie movies, what else have you got?"],
     {"exclude_topics": ("zombie",)}),
    (["something besides Disney"], {"exclude_topics": ("Disney",)}),
])
def test_set_asides_and_added_genres(film_assistant: Assistant, messages: list[str],
                                     held: dict) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize("text", ["no zombie movies", "horror but no zombie movies"])
def test_words_of_a_thing_set_aside_are_not_searched(movies: Catalog, film_assistant: Assistant,
                                                     text: str) -> None:
    """The words set aside leave the text query: they had brought zombie films first."""
    session, result = talk(film_assistant, "movies", text)
    assert "zombie" not in film_assistant.query_for(session).text.lower()
    assert result.recommendations
    assert not movies.topic_mask(("zombie",))[[r.item_id for r in result.recommendations]].any()


def test_clowns_left_out_and_said(movies: Catalog, film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "horror but nothing with clowns")
    assert "not naming clowns in the title or summary" in result.reply
    assert result.recommendations
    assert not movies.topic_mask(("clowns",))[[r.item_id for r in result.recommendations]].any()


@pytest.mark.parametrize(("text", "liked"), [
    ("whats better, alien or aliens?", []),  # both had become likes
    ("is interstellar better than inception?", []),
    ("I loved Alien, is Aliens better?", ["Alien (1979)"]),
])
def test_films_compared_in_a_question_are_no_likes(movies: Catalog, film_assistant: Assistant,
                                                   text: str, liked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked


@pytest.mark.parametrize(("text", "held"), [
    # words product names happen to carry had become what was shopped for
    ("home decor under £4", {"genres": ("home decor",), "price_max": 4.0}),  # had been "home"
    ("only candles then", {"genres": ("candles",)}),  # had been "only"
    ("how long does delivery take", {}),  # had been "long"
    ("shabby chic storage baskets", {"genres": ("storage",), "subject": ("baskets",)}),
    # someone else's dislike of a kind had become the kind asked for
    ("she doesnt like earrings, jewellery for my mum",
     {"genres": ("jewellery",), "exclude_topics": ("earrings",)}),
])
def test_shop_words_that_are_not_what_is_shopped_for(shop_assistant: Assistant, text: str,
                                                     held: dict) -> None:
    session, _ = talk(shop_assistant, "retail", text)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize(("messages", "said"), [
    (["do you deliver to ireland?"], "I can't tell you about delivery options: I know only"),
    (["can i pay with paypal?"], "I can't tell you about payment options"),
    (["where is my order?"], "I can't tell you about order tracking"),
    (["candles", "is the first one in stock"], "I don't know the stock levels"),
])
def test_what_the_shop_cannot_tell_is_said(shop_assistant: Assistant, messages: list[str],
                                           said: str) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert said in result.reply
    assert session.liked_ids == []  # "is the first one in stock" had made it a like


def test_products_compared_are_no_likes(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "photo frames", "compare the first and second")
    assert session.liked_ids == []


@pytest.mark.parametrize(("text", "low", "high", "said"), [
    # a ceiling with "about" had been a band around it (£18.75 to £31.25)
    ("mirrors, not more than about £25", None, 25.0, ""),
    ("mirrors up to about 20", None, 20.0, ""),  # had read no bound at all
    ("candles ‹£3", None, 3.0, ""),
    ("candles for three pounds fifty", None, 3.5, ""),
    ("candles around £3", 2.25, 3.75, ""),  # "around" alone stays a band
    # a total for several: each at most its share, said back
    ("i need 6 of something nice for my bridesmaids, up to £40 altogether", None, 6.67,
     "£40.00 in all for 6 is £6.67 each"),
    ("secret santa gifts for 12 people, £30 total", None, 2.5, "£30.00 in all for 12"),
    # the counts added up, a band shared too (had been £22.50 to £18.75: nothing matched)
    ("teacher gifts, 2 teachers and 4 teaching assistants, about 30 quid total", 3.75, 6.25,
     "About £30.00 in all for 6 is £5.00 each"),
    ("12 candles, no more than £15 in total", None, 1.25, "£15.00 in all for 12"),
    ("something for 4 grandkids, £20 altogether", None, 5.0, "£20.00 in all for 4"),
    # a ceiling on spending with a negation in front (had been a floor of £15)
    ("i dont want to spend more than 15 quid on my mum", None, 15.0, ""),
    ("i can't spend more than £10", None, 10.0, ""),
    ("i dont want to spend more than about 15 pounds", None, 15.0, "at most £15.00"),
    ("nothing under £5", 5.0, None, ""),
    # a sum after a comma ends the message (had been ignored)
    ("something for a man who has everything, 30 quid", None, 30.0, ""),
    # what is counted: things bought before people, never a sum or what someone has
    ("i need 30 quid total for 3 gifts", None, 10.0, "£30.00 in all for 3"),
    ("£25 overall for my mum who has 4 cats", None, 25.0, ""),
    ("£40 in total for 2 presents for my 2 nephews", None, 20.0, "£40.00 in all for 2"),
    ("£60 total for my 2 sons and their 2 wives", None, 15.0, "£60.00 in all for 4"),
    ("mugs under $6", None, 6.0, "My prices are in pounds"),  # never silently
])
def test_sums_as_shoppers_write_them(shop_assistant: Assistant, text: str, low: float | None,
                                     high: float | None, said: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert (session.filters.price_min, session.filters.price_max) == (low, high)
    assert said in result.reply


@pytest.mark.parametrize(("messages", "side"), [
    # everyday words for a budget (seen in a probe: "found nothing I can filter by"); "not too
    # expensive" is the catalogue's median whatever was shown (below the list's own median it
    # had left two Christmas decorations)
    (["mugs, not too expensive"], "median"), (["something affordable"], "median"),
    (["christmas decorations", "not too expensive"], "median"),
    (["a luxury gift for my boss"], "dear"), (["something pricey"], "dear"),
])
def test_budget_words_bound_the_price(retail: Catalog, shop_assistant: Assistant,
                                      messages: list[str], side: str) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    prices = [float(retail.prices[r.item_id]) for r in result.recommendations]
    bound = float(np.nanmedian(retail.prices) if side == "median" else
                  np.nanquantile(retail.prices, 0.75))
    if side == "median":
        assert session.filters.price_max == round(bound, 2) and max(prices) <= bound + 0.01
    else:
        assert session.filters.price_min == round(bound, 2) and min(prices) >= bound - 0.01
    assert len(prices) == 5


@pytest.mark.parametrize("text", ["is it expensive?", "too expensive", "how pricey is it"])
def test_price_questions_and_complaints_ask_for_no_dearer_things(
        shop_assistant: Assistant, text: str) -> None:
    session, _ = talk(shop_assistant, "retail", "candles", text)
    assert session.filters.price_min is None


def test_cheaper_than_the_item_named(retail: Catalog, shop_assistant: Assistant) -> None:
    """"cheaper" had been measured against the cheapest quarter of the shop (at most
    £1.02), not the £12.75 cakestand the shopper named."""
    session, _ = talk(shop_assistant, "retail",
                      "i liked the regency cakestand 3 tier, something similar but cheaper")
    named = float(retail.prices[session.liked_ids[0]])
    assert session.filters.price_max == round(named * 0.8, 2)


@pytest.mark.parametrize(("messages", "held"), [
    # taken back in words the shop had not read
    (["blue kitchen stuff under £4", "forget the colour"],
     {"genres": ("kitchen",), "price_max": 4.0}),
    (["red mugs", "any colour is fine"], {"subject": ("mugs",)}),
    (["doormats under £8", "no limit on price"], {"subject": ("doormats",)}),
    (["candles under £5", "under £3", "actually back to £5"],
     {"genres": ("candles",), "price_max": 5.0}),
])
def test_shop_constraints_taken_back(shop_assistant: Assistant, messages: list[str],
                                     held: dict) -> None:
    session, _ = talk(shop_assistant, "retail", *messages)
    assert session.filters == HardFilters(**held)


def test_a_correction_with_a_verdict(movies: Catalog, film_assistant: Assistant) -> None:
    """Inception had stayed liked: taken back by the correction, then named again with no
    verdict read ("confusing")."""
    session, _ = talk(film_assistant, "movies", "i liked inception",
                      "wait no, i meant interstellar, inception was confusing")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Interstellar (2014)"]
    assert [movies.display_title(i) for i in session.disliked_ids] == ["Inception (2010)"]


@pytest.mark.parametrize(("messages", "held"), [
    # a person taken back by one word of the name had been kept
    (["a thriller with denzel washington", "ok forget denzel"], {"genres": ("Thriller",)}),
    (["nothing with jack nicholson", "actually nvm jack is fine"], {}),
])
def test_a_person_taken_back_by_one_name(film_assistant: Assistant, messages: list[str],
                                         held: dict) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)


def test_a_liked_film_only_set_aside_stays_liked(movies: Catalog,
                                                 film_assistant: Assistant) -> None:
    """"something else by him but not fight club" had turned a like into a dislike."""
    session, result = talk(film_assistant, "movies",
                           "i liked seven and fight club, anything by fincher?",
                           "something else by him but not fight club")
    assert [movies.titles[i] for i in session.liked_ids] == ["Seven", "Fight Club"]
    assert session.disliked_ids == []
    assert all(movies.titles[r.item_id] != "Fight Club" for r in result.recommendations)
    assert "I set aside" not in result.reply  # it is still liked: nothing was set aside


def test_all_of_them_except_one(film_assistant: Assistant) -> None:
    """"seen them all except the last one" had marked all five seen and the last disliked."""
    session, _ = talk(film_assistant, "movies", "show me westerns")
    shown = list(session.last_shown_ids)
    film_assistant.turn(session, "seen them all except the last one")
    assert session.seen_ids == shown[:4] and session.disliked_ids == []


@pytest.mark.parametrize(("messages", "held"), [
    # the regression probe's kinds (2026-12-05): "in it" sets the person aside, as before
    (["julia roberts movies", "nothing with her in it"], {"exclude_cast": ("Julia Roberts",)}),
    (["keanu reeves movies", "no movies with him in them"], {"exclude_cast": ("Keanu Reeves",)}),
    (["tom hanks movies", "nothing with him in a war"],
     {"cast": ("Tom Hanks",), "exclude_genres": ("War",)}),
    (["tom hanks movies", "i dont want anything with him in it"],
     {"exclude_cast": ("Tom Hanks",)}),
    (["not interested in anything with adam sandler"], {"exclude_cast": ("Adam Sandler",)}),
    (["sci fi w/ tom cruise"], {"genres": ("Science Fiction",), "cast": ("Tom Cruise",)}),
    (["nothing with clowns or spiders"], {"exclude_topics": ("clowns", "spiders")}),
    (["horror, but not with ghosts"], {"genres": ("Horror",), "exclude_topics": ("ghost",)}),
])
def test_people_and_things_set_aside_second_round(film_assistant: Assistant,
                                                  messages: list[str], held: dict) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)


def test_him_with_no_one_named_is_asked(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "nothing with him in it")
    assert "I could not tell who \"him\" is" in result.reply


@pytest.mark.parametrize(("messages", "liked", "wanted"), [
    (["Jaws or Alien?"], [], []),
    (["havent watched Inception yet but I want to"], [], ["Inception (2010)"]),
])
def test_a_choice_asked_and_a_wish_said_last(movies: Catalog, film_assistant: Assistant,
                                            messages: list[str], liked: list[str],
                                            wanted: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.wanted_ids] == wanted


def test_numbers_that_open_the_message(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "something funny")
    shown = list(session.last_shown_ids)
    film_assistant.turn(session, "1 and 3 look good")
    assert session.wanted_ids == [shown[0], shown[2]] and session.liked_ids == []


@pytest.mark.parametrize(("messages", "held"), [
    (["candles, 2 for £5"], {"genres": ("candles",), "price_max": 2.5}),
    (["candles, £20 for 4"], {"genres": ("candles",), "price_max": 5.0}),
    (["candles, £5 each"], {"genres": ("candles",), "price_max": 5.0}),
    (["up to 20 items"], {}),  # had been at most £20
    (["blue mugs", "no colour preference"], {"subject": ("mugs",)}),
    (["mugs under £5", "no limit"], {"subject": ("mugs",)}),
    (["she doesnt like candles"], {"exclude_genres": ("candles",)}),  # had been asked for
])
def test_shop_sums_and_take_backs_second_round(shop_assistant: Assistant, messages: list[str],
                                               held: dict) -> None:
    session, _ = talk(shop_assistant, "retail", *messages)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize(("text", "held"), [
    # two words describing one film ask for both at once; two kinds named, either
    ("something funny and scary", {"genres": ("Horror", "Comedy"), "genres_all": True}),
    ("comedies and horror films", {"genres": ("Comedy", "Horror")}),
])
def test_describing_words_ask_for_one_film(film_assistant: Assistant, text: str,
                                           held: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)


def test_places_that_look_bad_are_set_aside(film_assistant: Assistant) -> None:
    """The second regression probe: "1 and 3 look bad" had become two likes."""
    session, _ = talk(film_assistant, "movies", "something funny")
    shown = list(session.last_shown_ids)
    film_assistant.turn(session, "1 and 3 look bad")
    assert session.disliked_ids == [shown[0], shown[2]] and session.liked_ids == []


@pytest.mark.parametrize(("catalog", "messages", "held"), [
    # "no limit on colour" had dropped the budget too
    ("retail", ["blue mugs under £5", "no limit on colour"],
     {"subject": ("mugs",), "price_max": 5.0}),
    # "scenes" is no thing a summary names: no filter on it
    ("movies", ["julia roberts movies", "no scenes with her singing"],
     {"cast": ("Julia Roberts",)}),
])
def test_second_regression_probe(film_assistant: Assistant, shop_assistant: Assistant,
                                 catalog: str, messages: list[str], held: dict) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, _ = talk(assistant, catalog, *messages)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize(("catalog", "first", "question"), [
    ("movies", "something funny", "which is better, the first or the second?"),
    ("retail", "mugs", "which is cheaper, the first or the second"),  # had liked both, £1 cap
])
def test_places_compared_in_a_question(film_assistant: Assistant, shop_assistant: Assistant,
                                       catalog: str, first: str, question: str) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, _ = talk(assistant, catalog, first, question)
    assert (session.liked_ids, session.wanted_ids, session.disliked_ids) == ([], [], [])
    assert session.filters.price_max is None


def test_what_fits_was_all_shown_keeps_the_kind(shop_assistant: Assistant) -> None:
    """"teapots", then "not red": the teapots that are not red had all been shown, and the
    shop had dropped "teapots" and shown other things; now it says they were all shown."""
    session, result = talk(shop_assistant, "retail", "teapots", "not red")
    assert session.filters == HardFilters(subject=("teapots",), exclude_topics=("red",))
    # shown again, as only they fit (2026-12-06; it had said "I have shown you all 4")
    assert "Only these, shown before, fit." in result.reply and len(result.recommendations) == 4
    assert not any("red" in r.title.lower().split() for r in result.recommendations)


def test_a_recipient_is_said_not_used_once(shop_assistant: Assistant) -> None:
    """"a present for my dad" had been passed over without a word."""
    session, result = talk(shop_assistant, "retail", "a present for my dad")
    assert "I can't tell which suit your dad" in result.reply
    result = shop_assistant.turn(session, "something cheaper for my dad")
    assert "can't tell which suit" not in result.reply  # said once
    _, result = talk(shop_assistant, "retail", "a toy for my kids")
    assert "can't tell which suit" not in result.reply  # children have categories


# -- from a sixth probe (2026-12-05) ------------------------------------------------------------

@pytest.mark.parametrize(("text", "held"), [
    # a genre said not to be wanted had become the genre asked for
    ("i'm not really into horror", {"exclude_genres": ("Horror",)}),
    ("i'd rather avoid anything scary", {"exclude_genres": ("Horror",)}),
    ("comedy is not really my jam", {"exclude_genres": ("Comedy",)}),
    ("i never liked war movies", {"exclude_genres": ("War",)}),
    ("i'm so over superhero movies", {"exclude_genres": ("Superhero",)}),
    ("horror isn't really my thing", {"exclude_genres": ("Horror",)}),
    # praise of a film, no request for films before it
    ("Jaws is a classic", {}),
    ("i want a classic", {"year_max": 1992}),
])
def test_genres_set_aside_and_praise_in_more_words(movies: Catalog, film_assistant: Assistant,
                                                   text: str, held: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)
    assert "The Thing (1982)" not in [movies.display_title(i) for i in session.liked_ids]


@pytest.mark.parametrize(("text", "disliked", "liked"), [
    ("Frozen was trash", ["Frozen (2013)"], []),
    ("Interstellar was a snoozefest", ["Interstellar (2014)"], []),
    ("Titanic was mid", ["Titanic (1997)"], []),
    ("the notebook made me gag", ["The Notebook (2004)"], []),
    ("wow Twilight, what a masterpiece /s", ["Twilight (2008)"], []),
    ("everyone loved Avatar except me", ["Avatar (2009)"], []),
    ("Inception? never heard of it", [], []),  # not seen: no verdict
    # a dislike said as "never liked", "skip", "none of", "so nothing like that" (had been likes)
    ("honestly never liked star wars", ["Star Wars (1977)"], []),
    ("i liked Scarface but none of the godfather movies",
     ["The Godfather (1972)", "The Godfather Part II (1974)", "The Godfather Part III (1990)"],
     ["Scarface (1983)"]),
    ("i liked alien, skip the newer prometheus stuff", ["Prometheus (2012)"], ["Alien (1979)"]),
    ("my friends made me watch the conjuring last weekend and i couldnt sleep for days lol, "
     "so nothing like that", ["The Conjuring (2013)"], []),
    ("i never liked horror until i saw get out", [], ["Get Out (2017)"]),
    ("i have never loved a movie more than Jaws", [], ["Jaws (1975)"]),
    # disgust right after the film, a like taken back at the end (had been likes)
    ("Grease? ugh", ["Grease (1978)"], []), ("Titanic, ugh. so boring", ["Titanic (1997)"], []),
    ("i loved Avatar. not.", ["Avatar (2009)"], []), ("i loved Avatar jk", ["Avatar (2009)"], []),
    ("ugh i love Titanic so much", [], ["Titanic (1997)"]),
    ("Alien is a classic, Prometheus not so much", ["Prometheus (2012)"], ["Alien (1979)"]),
])
def test_slang_and_sarcasm_of_a_film(movies: Catalog, film_assistant: Assistant, text: str,
                                     disliked: list[str], liked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert [movies.display_title(i) for i in session.liked_ids] == liked


@pytest.mark.parametrize(("text", "held", "said"), [
    # products have no years: time words had become "from -2 on"
    ("I bought her a mug last year", {"subject": ("mug",)}, "shopping for mug)"),
    ("she's 30 this year", {}, ""),
    ("we got the doormat last christmas", {"subject": ("doormat",)}, ""),  # no christmas theme
    # a kind of product she has enough of is set aside, not shopped for
    ("she's sick of mugs", {"exclude_topics": ("mugs",)}, "not naming mugs"),
    ("I don't need another doormat", {"exclude_topics": ("doormat",)}, ""),
    ("my mum already has too many cushions", {"exclude_topics": ("cushions",)}, ""),
    # two words names hold together are set aside together, not every "tea" or "cake" thing
    ("my mum has loads of tea towels, something else", {"exclude_topics": ("tea towels",)}, ""),
    ("no more cake stands please, she has three",
     {"exclude_topics": ("cakestands", "cake stands")}, ""),
    # "other than", "besides": mugs had been shopped for
    ("gifts besides mugs", {"exclude_topics": ("mugs",)}, "not naming mugs"),
    ("anything other than candles", {"exclude_genres": ("candles",)}, "no candles"),
])
def test_shop_time_words_and_things_had_enough_of(shop_assistant: Assistant, text: str,
                                                  held: dict, said: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters == HardFilters(**held)
    assert said in result.reply and "-2" not in result.reply
    if held.get("exclude_topics"):
        names = [r.title.lower() for r in result.recommendations]
        assert names and not any(all(w.rstrip("s") in n for w in topic.split())
                                 for topic in held["exclude_topics"] for n in names)


@pytest.mark.parametrize(("text", "liked", "wanted", "disliked"), [
    # a cue said before a list holds for every title of it, one said after "all" of it too
    ("i want to see casablanca and vertigo", [], ["Casablanca (1942)", "Vertigo (1958)"], []),
    ("i still need to watch the godfather and goodfellas", [],
     ["The Godfather (1972)", "Goodfellas (1990)"], []),
    ("didnt like grease, or titanic", [], [], ["Grease (1978)", "Titanic (1997)"]),
    ("grease, titanic and the notebook: hated all three", [], [],
     ["Grease (1978)", "Titanic (1997)", "The Notebook (2004)"]),
    ("already seen jaws, alien and the thing, all great",
     ["Jaws (1975)", "Alien (1979)", "The Thing (1982)"], [], []),
    ("on my watchlist: the godfather, taxi driver", [],
     ["The Godfather (1972)", "Taxi Driver (1976)"], []),
    # a verdict of its own is kept
    ("hated jaws and loved alien", ["Alien (1979)"], [], ["Jaws (1975)"]),
])
def test_a_list_of_films_shares_its_cue(movies: Catalog, film_assistant: Assistant, text: str,
                                        liked: list[str], wanted: list[str],
                                        disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.wanted_ids] == wanted
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("messages", "held", "said"), [
    # a genre another person loves, the person not: set aside, and "it" is the genre
    (["my dad loves westerns, i dont really"], {"exclude_genres": ("Western",)}, ""),
    (["my boyfriend loves horror but i hate it"], {"exclude_genres": ("Horror",)}, ""),
    # a person asked for beside a decade or "flicks"
    (["90s movies with tom hanks"], {"year_min": 1990, "year_max": 1999, "cast": ("Tom Hanks",)},
     ""),
    (["action flicks with bruce willis"], {"genres": ("Action",), "cast": ("Bruce Willis",)}, ""),
    (["schwarzenegger action flicks"],
     {"genres": ("Action",), "cast": ("Arnold Schwarzenegger",)}, ""),
    # surnames listed together are read together; one the catalogue lacks is said, not a film
    (["tarantino or scorsese, whatever"],
     {"directors": ("Quentin Tarantino", "Martin Scorsese")}, ""),
    (["i like kubrick and tarantino"], {"directors": ("Stanley Kubrick", "Quentin Tarantino")},
     ""),
    (["tarantino please"], {"directors": ("Quentin Tarantino",)}, ""),
    (["something by spielberg or lucas"], {"directors": ("Steven Spielberg",)},
     "I don't know lucas yet"),
    # the person after a decade, "the X ones", "with X too", a surname with its particle (seen
    # in a probe: each person dropped without a word)
    (["comedy from the 80s with bill murray"],
     {"genres": ("Comedy",), "year_min": 1980, "year_max": 1989, "cast": ("Bill Murray",)}, ""),
    (["westerns", "clint eastwood ones"], {"genres": ("Western",), "cast": ("Clint Eastwood",)},
     ""),
    (["westerns", "the clint ones"], {"genres": ("Western",), "cast": ("Clint Eastwood",)}, ""),
    (["comedies", "the ones with jim carrey"], {"genres": ("Comedy",), "cast": ("Jim Carrey",)},
     ""),
    (["crime movies", "with pacino too"], {"genres": ("Crime",), "cast": ("Al Pacino",)}, ""),
    (["anything with de niro"], {"cast": ("Robert De Niro",)}, ""),
])
def test_people_and_genres_in_more_words(film_assistant: Assistant, messages: list[str],
                                         held: dict, said: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)
    assert session.liked_ids == []
    assert said in result.reply and "could not tell which" not in result.reply


@pytest.mark.parametrize(("messages", "liked", "disliked"), [
    (["I loved Alien", "actually i didn't like it that much"], [], ["Alien (1979)"]),
    # "gf" is someone else: the dislike was hers
    (["my gf hated Titanic but i loved it"], ["Titanic (1997)"], []),
])
def test_verdicts_over_turns_and_of_others(movies: Catalog, film_assistant: Assistant,
                                            messages: list[str], liked: list[str],
                                            disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("messages", "held", "said"), [
    # sums as shoppers write them, each a limit said back
    (["£5"], {"price_max": 5.0}, "at most £5.00"),
    (["got a fiver to spend"], {"price_max": 5.0}, "at most £5.00"),
    (["a couple of quid"], {"price_max": 2.0}, "at most £2.00"),
    (["£3ish"], {"price_min": 2.25, "price_max": 3.75}, "£2.25 to £3.75"),
    (["candles three pounds"], {"genres": ("candles",), "price_max": 3.0}, "at most £3.00"),
    (["£30 for everything, I need 10 things"], {"price_max": 3.0},
     "£30.00 in all for 10 is £3.00 each"),
    # "make" is the verb: candles stay what is shopped for
    (["candles under £3", "actually make that under £5"],
     {"genres": ("candles",), "price_max": 5.0}, "at most £5.00"),
    (["clocks", "make it blue"], {"genres": ("clocks",), "topics": ("blue",)}, "naming blue"),
])
def test_shop_sums_and_verbs_in_more_words(shop_assistant: Assistant, messages: list[str],
                                           held: dict, said: str) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert session.filters == HardFilters(**held)
    assert said in result.reply and "I found nothing in" not in result.reply


@pytest.mark.parametrize("text", ["thanks thats all", "that's all, thank you", "no thanks, bye",
                                  "thats enough thanks"])  # (probe24b: a new search)
def test_closing_words_are_small_talk(shop_assistant: Assistant, text: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert result.recommendations == [] and session.filters == HardFilters()


@pytest.mark.parametrize(("then", "liked", "disliked", "said"), [
    # an item of the list pointed at by words of its name: that item, no colour filter
    ("i love the pink one", ["Alarm clock bakelike pink"], [],
     "based on Alarm clock bakelike pink"),
    ("the pink one please, how much is it?", [], [], "Alarm clock bakelike pink (clocks, £3.75)"),
    ("how much is the green one?", [], [], "Alarm clock bakelike green (clocks, £3.75)"),
    ("not the red one", [], ["Alarm clock bakelike red"], "I set aside Alarm clock bakelike red"),
])
def test_a_listed_item_pointed_at_by_its_name(retail: Catalog, shop_assistant: Assistant,
                                             then: str, liked: list[str], disliked: list[str],
                                             said: str) -> None:
    session, result = talk(shop_assistant, "retail", "alarm clocks", then)
    assert [retail.titles[i] for i in session.liked_ids] == liked
    assert [retail.titles[i] for i in session.disliked_ids] == disliked
    assert session.filters == HardFilters(genres=("clocks",), subject=("alarm",))
    assert said in result.reply and "could not tell which" not in result.reply


@pytest.mark.parametrize(("text", "disliked", "seen", "said"), [
    # a question typed without its mark is still a question: no verdict
    ("is titanic worth watching or is it overrated", [], [], "Titanic (1997) (Historical"),
    # "tho" between the title and "seen it": seen, not disliked
    ("not the wolf of wall street tho, seen it", [], ["The Wolf of Wall Street (2013)"],
     "you have seen The Wolf of Wall Street (2013)"),
])
def test_questions_and_seen_in_more_words(movies: Catalog, film_assistant: Assistant, text: str,
                                          disliked: list[str], seen: list[str],
                                          said: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.liked_ids == []
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert [movies.display_title(i) for i in session.seen_ids] == seen
    assert said in result.reply


@pytest.mark.parametrize(("name", "categories"), [
    # a word that only describes a product of another kind gives no category of its own
    ("Ring of roses birthday card", ("cards and wrap", "party")),
    ("Brocade ring purse", ("accessories",)),
    ("Gold flower cushion cover", ("home decor",)),
    ("Decorative rose bathroom bottle", ("bathroom", "kitchen")),  # a room, not a look
    ("Silver heart ring", ("hearts", "jewellery")),
    ("Fairy lights", ("lighting",)),
])
def test_shop_categories_follow_what_a_product_is(name: str, categories: tuple[str, ...]) -> None:
    assert retail_categories(name) == categories


@pytest.mark.parametrize("text", ["spaceboy lunch bag", "my daughter loved the spaceboy lunch bag"])
def test_a_product_named_in_its_own_words_shops_for_its_kind(
        retail: Catalog, shop_assistant: Assistant, text: str) -> None:
    """One product holds all three words ("Lunch bag spaceboy design"): the phrase had been
    dropped as an occasion, and the reply said it found nothing to filter by."""
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.subject == ("lunch bag",)
    assert "Lunch bag spaceboy design" in [retail.titles[i] for i in result.item_ids()]
    assert "I found nothing in" not in result.reply


# -- the regression probe of the sixth probe's fixes (2026-12-05): each kept right ---------------

@pytest.mark.parametrize(("messages", "liked", "disliked", "wanted"), [
    (["i loved jaws and alien but hated all the sequels"], ["Jaws (1975)", "Alien (1979)"], [],
     []),
    (["loved grease and titanic, my wife hated both"], ["Grease (1978)", "Titanic (1997)"], [],
     []),
    (["didn't like grease, titanic though was amazing"], ["Titanic (1997)"], ["Grease (1978)"],
     []),
    (["nobody liked grease except me"], ["Grease (1978)"], [], []),
    (["sharknado is trash but i love it"], ["Sharknado"], [], []),
    (["avatar was overhyped but i still loved it"], ["Avatar (2009)"], [], []),
    (["back to the future is mid 80s, loved it"], ["Back to the Future (1985)"], [], []),
    (["alien", "i love sci-fi but i hated it"], [], ["Alien (1979)"], []),
    (["titanic is cringe but a masterpiece"], ["Titanic (1997)"], [], []),
    (["avatar was too expensive to see in imax but i loved it"], ["Avatar (2009)"], [], []),
])
def test_probe_fixes_keep_stated_verdicts(movies: Catalog, film_assistant: Assistant,
                                          messages: list[str], liked: list[str],
                                          disliked: list[str], wanted: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert [movies.display_title(i) for i in session.wanted_ids] == wanted


@pytest.mark.parametrize(("catalog", "messages", "held"), [
    ("movies", ["never been into horror but my kids want one"],
     {"genres": ("Horror",), "audience": ("Family", "Animated")}),
    ("movies", ["i never liked horror until i saw get out"], {"genres": ("Horror",)}),
    ("movies", ["horror isn't my wife's thing but i love it"], {"genres": ("Horror",)}),
    ("movies", ["what's a classic i should see"], {"year_max": 1992}),
    ("movies", ["no horror, the kids are up until 10"],
     {"genres": ("Family", "Animated"), "exclude_genres": ("Horror",),
      "audience": ("Family", "Animated")}),
    ("movies", ["i don't like horror but my wife likes it"], {"exclude_genres": ("Horror",)}),
    ("movies", ["i never liked horror as a kid but love it now"], {"genres": ("Horror",)}),
    ("movies", ["no horror or maybe tom hanks"], {"exclude_genres": ("Horror",)}),
    ("retail", ["over £10"], {"price_min": 10.0}),
    ("retail", ["minimum £10"], {"price_min": 10.0}),
    ("retail", ["candles £10+"], {"genres": ("candles",), "price_min": 10.0}),
    ("retail", ["mugs please, no retrospot mugs"],
     {"subject": ("mugs",), "exclude_genres": ("retrospot",),
      "exclude_topics": ("retrospot", "retrospot mugs")}),
])
def test_probe_fixes_keep_requests(film_assistant: Assistant, shop_assistant: Assistant,
                                   catalog: str, messages: list[str], held: dict) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, _ = talk(assistant, catalog, *messages)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize(("then", "liked", "disliked"), [
    ("the london one is ugly", [], ["London bus coffee mug"]),
    ("my sister already has the london one", [], ["London bus coffee mug"]),
    # no verdict said: no like (a remark the rules do not know is no praise)
    ("the london one is too big", [], []),
    ("not sure about the london one", [], []),
    # a pick is a like; "already has" said of another one is not said of it
    ("i'll take the london one", ["London bus coffee mug"], []),
    ("the london one please, she already has the tea one", ["London bus coffee mug"], []),
])
def test_a_listed_item_named_with_a_remark(retail: Catalog, shop_assistant: Assistant,
                                           then: str, liked: list[str],
                                           disliked: list[str]) -> None:
    session, _ = talk(shop_assistant, "retail", "mugs", then)
    assert [retail.titles[i] for i in session.liked_ids] == liked
    assert [retail.titles[i] for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("catalog", "first", "then", "disliked"), [
    # the whole list refused: each set aside, said back
    ("retail", "mugs", "I don't like any of these", 5),
    ("movies", "something funny", "i don't like any of these", 5),
    # a question about them refuses nothing
    ("retail", "mugs", "are any of these red?", 0),
])
def test_any_of_the_list(film_assistant: Assistant, shop_assistant: Assistant, catalog: str,
                         first: str, then: str, disliked: int) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, first_result = talk(assistant, catalog, first)
    result = assistant.turn(session, then)
    assert session.disliked_ids == (first_result.item_ids() if disliked else [])
    assert ("I set aside" in result.reply) == bool(disliked)


@pytest.mark.parametrize("then", ["what size is it?", "do you have this in a bigger size?",
                                  # session 41: more cushions, the size unsaid
                                  "too small, something bigger", "do you have a smaller one?",
                                  "bigger ones please"])
def test_sizes_are_said_unknown(shop_assistant: Assistant, then: str) -> None:
    session, result = talk(shop_assistant, "retail", "cushions", then)
    assert "I don't know the sizes and materials of these products" in result.reply
    assert "size" not in " ".join(session.filters.subject)


@pytest.mark.parametrize(("catalog", "message", "opening"), [
    # what the catalogue holds, asked, is said of the whole before the best known (session 39:
    # only a list had come back)
    ("retail", "hi, what do you sell?", "I have {n:,} products; the largest categories are "),
    ("retail", "what products do you have?", "I have {n:,} products; the largest categories"),
    ("movies", "what movies do you have?", "I know {n:,} movies from "),
    ("movies", "what kind of films do you know?", "I know {n:,} movies from "),
    # a question of some of it is no question of the whole
    ("retail", "what do you have in red?", None),
    ("movies", "what movies do you have with Tom Hanks?", None),
])
def test_what_the_catalogue_holds_is_said(film_assistant: Assistant, shop_assistant: Assistant,
                                          movies: Catalog, retail: Catalog, catalog: str,
                                          message: str, opening: str | None) -> None:
    assistant, items = (film_assistant, movies) if catalog == "movies" else (shop_assistant,
                                                                              retail)
    _, result = talk(assistant, catalog, message)
    assert result.recommendations
    if opening is None:
        assert "the largest" not in result.reply
    else:
        assert result.reply.startswith(opening.format(n=len(items)))


@pytest.mark.parametrize(("catalog", "message", "lesser"), [
    # the lesser known asked for: the usual order less the best-known tenth, said so (session
    # 39: the words had been searched: The Hidden, Hidden Figures, This Film Is Not Yet Rated)
    ("movies", "give me a hidden gem", True), ("movies", "underrated movies", True),
    ("movies", "an underrated thriller like Heat", True),
    ("retail", "something less well known", True),
    ("movies", "Heat is underrated", False),  # a verdict, no request
])
def test_the_lesser_known_leave_out_the_best_known(movie_assistant: Assistant,
                                                   shop_assistant: Assistant, catalog: str,
                                                   message: str, lesser: bool) -> None:
    assistant = movie_assistant if catalog == "movies" else shop_assistant
    items = assistant.catalog
    known = set(np.argsort(-items.popularity, kind="stable")[: len(items) // 10].tolist())
    _, result = talk(assistant, catalog, message)
    assert len(result.recommendations) == 5
    assert ("so these leave out the" in result.reply) == lesser
    if lesser:
        assert not known & set(result.item_ids())
        assert not any(re.search(r"hidden|rated", r.title, re.I) for r in result.recommendations)


@pytest.mark.parametrize("message", ["hey! looking for a movie to watch tonight",
                                     "looking for something to watch"])
def test_a_bare_request_searches_no_words(movie_assistant: Assistant, message: str) -> None:
    """Session 39: "looking" and "tonight" had been searched (Take Me Home Tonight, Day
    Watch, The Watch) and the reply said it found nothing to filter by."""
    _, result = talk(movie_assistant, "movies", message)
    assert "I found nothing in" not in result.reply
    assert not any(re.search(r"tonight|watch", r.title, re.I) for r in result.recommendations)


@pytest.mark.parametrize("messages", [["show me bags", "the third one", "is it big?"],
                                      ["mugs", "is the first one small?"]])
def test_a_products_size_asked_is_said_unknown(shop_assistant: Assistant,
                                              messages: list[str]) -> None:
    """Session 39: the product had only been described."""
    _, result = talk(shop_assistant, "retail", *messages)
    assert result.reply.startswith(
        "I can't say: I don't know the sizes and materials of any of my products.")


# -- from two multi-turn probes (2026-12-05): a place of the list is a like only when said ------

@pytest.mark.parametrize(("then", "liked", "disliked"), [
    ("the first one is ugly", [], [0]),
    ("not keen on the second one", [], [1]),
    ("he wouldn't like the second one", [], [1]),
    ("the second one is too girly for him", [], [1]),
    ("he already has the first one", [], [0]),
    ("what's the second one like?", [], []),
    ("is the first one good?", [], []),
    ("the first one is nice", [0], []),
    ("the first one", [0], []),
    ("i'll take the first one", [0], []),
    ("I love the second one, is it in stock?", [1], []),
    # a pick for the person it is bought for, or in words the rules hold no list of
    ("she'd love the third one", [2], []),
    ("I'd like the first one", [0], []),
    ("the first one is handy", [0], []),
    ("ooh the fourth", [3], []),
    ("the first one looks nice, what else do you have like it?", [0], []),
    ("the second one is too big", [], []),  # a remark on its size, no verdict
    # a pick or praise anywhere in the message keeps it, question or hearsay beside it
    ("can I get the second one?", [1], []),
    ("I'll have the first one, is it in stock?", [0], []),
    ("I've heard great things about the second one, I'll take it", [1], []),
    ("as I said, the first one", [0], []),
    ("the second one says home sweet home, love it", [1], []),
    ("heard the third one is great", [], []),
    # a complaint, a doubt or a question without its mark is no like (new-user probe,
    # 2026-12-05: each had become a like, then cited); praise with "too" stays one
    ("the 4th one is too touristy for her", [], [3]),
    ("the third is a bit naff", [], [2]),
    ("the second one is wrong colour", [], [1]),
    ("the second one isn't great", [], [1]),
    ("not sure about the first one", [], []),
    ("how big is the first one", [], []),
    ("the first one is too cute", [0], []),
    ("the second one isn't too big, I'll take it", [1], []),
])
def test_a_shop_place_with_a_remark(shop_assistant: Assistant, then: str, liked: list[int],
                                    disliked: list[int]) -> None:
    session, first = talk(shop_assistant, "retail", "mugs")
    shown = first.item_ids()
    shop_assistant.turn(session, then)
    assert session.liked_ids == [shown[k] for k in liked]
    assert session.disliked_ids == [shown[k] for k in disliked]


@pytest.mark.parametrize(("then", "liked", "wanted", "seen", "disliked"), [
    # hearsay or a question is no like of the person's (one for whom it is watched still picks:
    # "I think my wife would like the second one" stays a like, as ReDial's seekers mean it)
    ("I think my wife would like the second one", [1], [], [], []),
    ("my brother recommended the first one", [], [], [], []),
    ("the first one is amazing", [0], [], [], []),
    ("I'd go with the second", [1], [], [], []),
    ("the second one, definitely", [1], [], [], []),
    ("heard the third one is great", [], [], [], []),
    ("the second one, is it funny?", [], [], [], []),
    ("I already saw the first one", [], [], [0], []),
    ("seen the first one, loved it", [0], [], [], []),
    ("none of these look good", [], [], [], []),
    ("the third one, not the second", [], [2], [], []),  # which is meant, no dislike
    ("loved the first one", [0], [], [], []),
    ("the third one looks good", [], [2], [], []),
])
def test_a_film_place_with_a_remark(film_assistant: Assistant, then: str, liked: list[int],
                                    wanted: list[int], seen: list[int],
                                    disliked: list[int]) -> None:
    session, first = talk(film_assistant, "movies", "a drama")
    shown = first.item_ids()
    film_assistant.turn(session, then)
    assert session.liked_ids == [shown[k] for k in liked]
    assert session.wanted_ids == [shown[k] for k in wanted]
    assert session.seen_ids == [shown[k] for k in seen]
    assert session.disliked_ids == [shown[k] for k in disliked]


def test_a_question_about_a_place_changes_no_filter(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "a comedy", "the third one, is it ok for kids?")
    assert session.filters == HardFilters(genres=("Comedy",))
    assert session.liked_ids == []


@pytest.mark.parametrize(("messages", "held"), [
    # "budget" alone asks for nothing cheaper
    (["mugs under £5", "the budget is fine, show me more"],
     {"subject": ("mugs",), "price_max": 5.0}),
    (["doormats", "my budget is flexible"], {"subject": ("doormats",)}),
    (["mugs", "budget's tight"], {"subject": ("mugs",), "price_max": 1.0}),  # cheaper ones
    # a higher sum said to be fine raises the limit
    (["cushion covers under £5", "£8 is fine"], {"subject": ("cushion covers",), "price_max": 8.0}),
    (["cushion covers under £5", "ok, up to £8 is fine then"],
     {"subject": ("cushion covers",), "price_max": 8.0}),
    # a gift for someone else, however it is said, drops the last gift's constraints
    (["garden stuff for my mum under £10", "no, for my dad instead"], {}),
    (["garden stuff for my mum under £10", "what about my brother?"], {}),
    (["garden stuff for my mum under £10", "actually it's for my dad, not my mum"], {}),
    (["garden stuff for my mum under £10", "great. I also need something for my nephew"], {}),
])
def test_shop_budgets_and_recipients_over_turns(shop_assistant: Assistant, messages: list[str],
                                                held: dict) -> None:
    session, _ = talk(shop_assistant, "retail", *messages)
    assert session.filters == HardFilters(**held)


def test_it_after_a_pick_is_the_pick(retail: Catalog, shop_assistant: Assistant) -> None:
    """"the last one", then "how much is it?": it had asked which one "it" is, and with every
    match shown it answered nothing but that nothing more was left."""
    session, first = talk(shop_assistant, "retail", "alarm clocks")
    last = first.item_ids()[-1]
    shop_assistant.turn(session, "the last one")
    result = shop_assistant.turn(session, "how much is it?")
    assert f"{retail.titles[last]} (clocks, £" in result.reply
    assert "could not tell which" not in result.reply


@pytest.mark.parametrize(("messages", "held", "said"), [
    (["something with Tom Hanks", "actually with Meg Ryan instead"], {"cast": ("Meg Ryan",)},
     "starring Meg Ryan"),
    (["something with Tom Hanks", "how about with Meg Ryan"], {"cast": ("Meg Ryan",)}, ""),
    (["something from not too long ago"], {"year_min": 2017}, "from 2017 on"),  # no run time
    # when, not what (a film this fixture links: its linker reads "heat" as a word, and a
    # word seen that is no film of the list is not understood)
    (["I watched Inception not too long ago, more like that"], {}, ""),
    (["jaws and alien are classics, but hated all the remakes"], {}, ""),  # praise, no years
    (["I like thrillers and mysteries"], {"genres": ("Thriller", "Mystery")}, ""),
    # ReDial lists Jurassic Park twice: "the 1993 one" is the one held, no switch to itself
    (["jurassic park", "no wait, I meant the 1993 one"], {},
     "That is the one I had: Jurassic Park (1993)."),
])
def test_film_follow_ups_in_more_words(film_assistant: Assistant, messages: list[str],
                                       held: dict, said: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)
    assert said in result.reply and "I found nothing in" not in result.reply
    assert "running times" not in result.reply


# -- "why X?": the reason its card gives, never a like (new-user probe, 2026-12-05) --------------

def test_why_an_item_was_suggested(movies: Catalog, film_assistant: Assistant) -> None:
    session, first = talk(film_assistant, "movies", "i liked Jaws")
    shown = movies.display_title(first.item_ids()[1])
    result = film_assistant.turn(session, f"why {shown}?")
    assert result.reply.startswith(f"Why {shown}? ")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Jaws (1975)"]


@pytest.mark.parametrize(("then", "said"), [
    ("why Jaws 2?", "I have not suggested Jaws 2 (1978)."),
    ("how is Jaws 2 similar?", "I have not suggested Jaws 2 (1978)."),
    ("why did you recommend Jaws 2?", "I have not suggested Jaws 2 (1978)."),  # no "I'm a bot"
    ("why Jaws?", "You told me you liked Jaws (1975); I did not suggest it."),
    # why not, how come: a question, not a set-aside (they had set Jaws 2 aside) nor a like
    ("why not Jaws 2?", "I have not suggested Jaws 2 (1978)."),
    ("how come no Jaws 2?", "I have not suggested Jaws 2 (1978)."),
    ("how come you didn't suggest Jaws 2?", "I have not suggested Jaws 2 (1978)."),
    ("why didn't you include Jaws 2", "I have not suggested Jaws 2 (1978)."),
    ("Jaws 2? why?", "I have not suggested Jaws 2 (1978)."),
])
def test_why_of_an_item_not_suggested(movies: Catalog, film_assistant: Assistant, then: str,
                                      said: str) -> None:
    session, _ = talk(film_assistant, "movies", "i liked Jaws")
    assert film_assistant.turn(session, then).reply.startswith(said)
    assert [movies.display_title(i) for i in session.liked_ids] == ["Jaws (1975)"]
    assert session.disliked_ids == []


def test_a_child_who_already_saw_a_film(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "something for my 7 year old who loves Frozen",
                      "she already saw moana")
    assert [movies.display_title(i) for i in session.seen_ids] == ["Moana (2016)"]
    assert [movies.display_title(i) for i in session.liked_ids] == ["Frozen (2013)"]


# -- the gift shop: taking up what was shown, and words that are no product (new-user probe,
# 2026-12-05: each had started a new search, "no more products" or a subject of "little") -----

def test_a_quantity_of_the_item_picked(retail: Catalog, shop_assistant: Assistant) -> None:
    session, first = talk(shop_assistant, "retail", "candles", "the first one")
    picked = session.liked_ids[0]
    filters = session.filters
    result = shop_assistant.turn(session, "ill take 6")
    price = float(retail.prices[picked])
    assert result.reply.startswith(f"6 x {retail.display_title(picked)} at £{price:.2f} each "
                                   f"is £{price * 6:.2f}.")
    assert "can't take orders" in result.reply and not result.recommendations
    assert session.filters == filters  # nothing else read into it


@pytest.mark.parametrize(("take", "counts"), [
    # how many of places in the list (seen in a probe: "total price?" then said one lantern's
    # price for three)
    ("i'll take 3 of the first one", {0: 3}),
    ("i'll take 2 of the second and 1 of the third", {1: 2, 2: 1}),
])
def test_quantities_of_places_and_their_total(retail: Catalog, shop_assistant: Assistant,
                                              take: str, counts: dict[int, int]) -> None:
    session, first = talk(shop_assistant, "retail", "candles")
    shown = first.item_ids()
    result = shop_assistant.turn(session, take)
    assert not result.recommendations and "can't take orders" in result.reply
    for place, n in counts.items():
        assert f"{n} x {retail.display_title(shown[place])}" in result.reply
    assert set(session.liked_ids) == {shown[p] for p in counts}
    total = sum(float(retail.prices[shown[p]]) * n for p, n in counts.items())
    result = shop_assistant.turn(session, "total price?")
    assert f"that comes to £{total:.2f}." in result.reply


@pytest.mark.parametrize(("then", "said"), [
    ("yes perfect i'll take 4", "Which one would you like 4 of?"),  # nothing picked yet
    ("yes thats great", "Glad to help!"), ("lol perfect", "Glad to help!"),
])
def test_taking_up_the_list(shop_assistant: Assistant, then: str, said: str) -> None:
    session, _ = talk(shop_assistant, "retail", "candles")
    result = shop_assistant.turn(session, then)
    assert result.reply.startswith(said) and not result.recommendations
    assert session.filters.genres == ("candles",)


@pytest.mark.parametrize(("text", "not_said"), [
    ("a gift for my dad who's into DIY", "ttt"),  # a blanked title had been said back
    ("just a little something for my neighbour", "shopping for little"),
    ("my flatmate is moving out, something cute", "shopping for out"),
])
def test_words_that_are_no_product(shop_assistant: Assistant, text: str, not_said: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert not_said not in result.reply.lower() and not session.filters.subject


@pytest.mark.parametrize(("text", "held", "said"), [
    # an age is no decade of films (had been "from 1980 to 1989")
    ("watching with my grandparents tonight, theyre in their 80s", {}, ""),
    ("my mum is in her early 60s, something from the 80s",
     {"year_min": 1980, "year_max": 1989}, "from 1980 to 1989"),
    # "short" is a length the catalogue does not know, not the "Short" genre
    ("something short and light for a weeknight", {}, "I don't know the running times"),
    ("long story short, i want a comedy", {"genres": ("Comedy",)}, ""),
    ("any good short films", {"genres": ("Short",)}, ""),
    # probe 26: a comparison of length had been dropped without a word
    ("like titanic but shorter", {}, "I don't know the running times"),
    ("something a bit shorter", {}, "I don't know the running times"),
    # probe 2026-12-07: a feature's length is no short film (had been "in Short": 12 Monkeys),
    # and a length wished for in other words is said back as unknown (had gone unsaid)
    ("short movies under 90 minutes", {}, "I don't know the running times"),
    ("short films, an hour and a half at most", {}, "I don't know the running times"),
    ("a western that isn't too long", {"genres": ("Western",)},
     "I don't know the running times"),
    ("a short comedy please", {"genres": ("Comedy",)}, "I don't know the running times"),
])
def test_ages_and_lengths_are_no_filters(film_assistant: Assistant, text: str, held: dict,
                                         said: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)
    assert said in result.reply


@pytest.mark.parametrize(("messages", "held", "said"), [
    # a person named by their role in a film (new-user probe 2026-12-07: each had shown films
    # like the last one liked, by anyone)
    (("I loved Memento, more from that director please",),
     {"directors": ("Christopher Nolan",)}, "directed by Christopher Nolan"),
    (("anything else by the director of Inception?",), {"directors": ("Christopher Nolan",)},
     "directed by Christopher Nolan"),
    # the film the last reply answered about
    (("what's Jaws about?", "any other films by the same director?"),
     {"directors": ("Steven Spielberg",)}, "directed by Steven Spielberg"),
    (("I loved Inception", "what else did that director make?"),
     {"directors": ("Christopher Nolan",)}, "directed by Christopher Nolan"),
    (("I loved Titanic", "nothing from that director though"),
     {"exclude_directors": ("James Cameron",)}, "not directed by James Cameron"),
    (("I loved The Godfather", "something with the same lead actor"),
     {"cast": ("Marlon Brando",)}, "starring Marlon Brando"),
    # no film to go by: said, not guessed
    (("more from that director",), {}, 'I could not tell who "that director" is'),
    # a question about the film asks for no one's films
    (("who is the director of Jaws?",), {}, "Steven Spielberg"),
    (("I loved Titanic", "I really dislike that actor though"),
     {"exclude_cast": ("Leonardo DiCaprio",)}, "without Leonardo DiCaprio"),
    # said of a film, not asked (ReDial's seekers write it of the film just recommended);
    # "star" the verb
    (("I loved Inception", "Interstellar is by the same director, right?"), {}, ""),
    (("any comedies that star women?",), {"genres": ("Comedy",)}, "in Comedy"),
])
def test_a_person_named_by_their_role_in_a_film(film_assistant: Assistant,
                                                messages: tuple[str, ...], held: dict,
                                                said: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)
    assert said in result.reply


@pytest.mark.parametrize(("text", "held", "said"), [
    # what a documentary is about is its subject (probe 2026-12-07: "about space" had asked for
    # Science Fiction beside it, and The Martian led the list)
    ("any good documentaries about space?", {"genres": ("Documentary",), "topics": ("space",)},
     "naming space in the title or summary"),
    ("documentaries about food", {"genres": ("Documentary",), "topics": ("food",)},
     "naming food"),
    # several words stay words to match, the genre alone filters
    ("a documentary about the war in vietnam", {"genres": ("Documentary",)}, "in Documentary"),
])
def test_what_a_documentary_is_about(film_assistant: Assistant, text: str, held: dict,
                                     said: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)
    assert said in result.reply and "Science Fiction" not in result.reply


@pytest.mark.parametrize(("text", "held", "decade"), [
    # when the story is set, not when the film came out (had been "from 1920 to 1929": silent
    # films for someone after Chicago or The Great Gatsby)
    ("something set in the 1920s", {"topics": ("1920s",)}, "1920s"),
    ("a movie that takes place during the 60s, from the 90s",
     {"topics": ("1960s",), "year_min": 1990, "year_max": 1999}, "1960s"),
    ("how about the 80s", {"year_min": 1980, "year_max": 1989}, ""),  # the films' decade
    # regression probe 2026-12-06: a decade joined to the setting is a setting too (had been
    # "set or made in the 1950s" and released 1960-69: one film)
    ("set in the 50s or 60s", {"topics": ("1950s", "1960s")}, ""),
])
def test_the_decade_a_story_is_set_in(film_assistant: Assistant, text: str, held: dict,
                                      decade: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)
    assert result.recommendations
    catalog = film_assistant.catalog
    for rec in result.recommendations:  # said in its summary, or made then
        assert decade in catalog.descriptions[rec.item_id] or \
            f"{catalog.years[rec.item_id] // 10 * 10}s" == decade
    assert not decade or f"set or made in the {decade}" in result.reply
    assert len(result.recommendations) == 5  # "a war film set in the 40s" had found none


@pytest.mark.parametrize(("text", "set_aside", "kept"), [
    # the later films of a series set aside (new-user probe 2026-12-05: recommended first)
    ("the matrix was great but the sequels sucked",
     {"The Matrix Reloaded (2003)", "The Matrix Revolutions (2003)"}, "The Matrix (1999)"),
    ("i liked Scarface but none of the godfather movies",
     {"The Godfather (1972)", "The Godfather Part II (1974)", "The Godfather Part III (1990)"},
     "Scarface (1983)"),
])
def test_the_sequels_set_aside(movies: Catalog, film_assistant: Assistant, text: str,
                               set_aside: set[str], kept: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert {movies.display_title(i) for i in session.disliked_ids} == set_aside
    assert [movies.display_title(i) for i in session.liked_ids] == [kept]
    assert not set_aside & {movies.display_title(r.item_id) for r in result.recommendations}



# -- a regression probe of the fixes above (2026-12-05, 2,142 conversations base vs head): the
# readings a first version of them broke, each with its right value ---------------------------

@pytest.mark.parametrize(("messages", "liked", "disliked"), [
    (["how are you, i loved Jaws"], ["Jaws (1975)"], []),  # no "why was it suggested"
    (["why not something like Heat"], ["Heat (1996)"], []),
    (["why is Titanic so sad, i loved it"], ["Titanic (1997)"], []),
    (["why would i want Jaws, i hated it"], [], ["Jaws (1975)"]),
    (["seen Jaws and Alien, they were both boring"], [], ["Jaws (1975)", "Alien (1979)"]),
    (["my favourite is Apollo 13 of course"], ["Apollo 13 (1995)"], []),  # no count "of"
    (["Jaws is the best and nothing like it has been made since"], ["Jaws (1975)"], []),
    (["Jaws. ugh i love it so much"], ["Jaws (1975)"], []),
    (["Jaws? yikes that was scary but brilliant"], ["Jaws (1975)"], []),
    (["skipping dinner to watch Heat tonight, what else is like it"], ["Heat (1996)"], []),
    (["never enjoyed a film like i enjoyed Jaws"], ["Jaws (1975)"], []),
    # a second check of the fixes: praise of a series is no set-aside of it, and a complaint
    # about what is suggested is no like
    (["none of the Alien films are bad"], ["Alien (1979)"], []),
    (["why do you keep suggesting Jaws?"], [], []),
])
def test_third_regression_probe_films(movies: Catalog, film_assistant: Assistant,
                                      messages: list[str], liked: list[str],
                                      disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("text", "seen"), [
    ("we watched Frozen at home and Coco at the cinema", ["Frozen (2013)", "Coco (2017)"]),
    ("i've seen enough", []),
])
def test_words_beside_titles_that_are_no_titles(movies: Catalog, film_assistant: Assistant,
                                                text: str, seen: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.display_title(i) for i in session.seen_ids] == seen


@pytest.mark.parametrize(("then", "liked"), [
    ("I'll take the second one too please", [1]), ("the first one is too tempting", [0]),
    ("the second one is too stunning", [1]), ("the first one is perfect isn't it", [0]),
    ("sorry wrong one i meant the third", [2]), ("how cute is the first one!", [0]),
])
def test_third_regression_probe_shop_places(shop_assistant: Assistant, then: str,
                                            liked: list[int]) -> None:
    session, first = talk(shop_assistant, "retail", "mugs")
    shown = first.item_ids()
    shop_assistant.turn(session, then)
    assert session.liked_ids == [shown[k] for k in liked] and session.disliked_ids == []


@pytest.mark.parametrize(("then", "said"), [
    # questions about the shop, not its products: said unknown, never searched for as words
    # ("do you have a shop i can visit" had shown a "Flower shop design mug")
    ("are they microwave safe", "I don't know the care instructions of these products"),
    ("do you have a shop i can visit", "I can't tell you about shops and opening hours"),
    ("whats your returns policy", "I can't tell you about return terms"),
    ("can you gift wrap it", "I can't tell you about gift wrapping options"),
    ("are these made in the uk", "I don't know the makers of these products"),
    # (it had said back "ttttttttttttts")
    ("do you have any discount codes", "I can't tell you about discounts"),
])
def test_questions_about_the_shop(shop_assistant: Assistant, then: str, said: str) -> None:
    session, _ = talk(shop_assistant, "retail", "mugs")
    result = shop_assistant.turn(session, then)
    assert said in result.reply
    assert "ttt" not in result.reply.lower()
    assert session.filters == HardFilters(subject=("mugs",))


@pytest.mark.parametrize(("text", "subject", "said"), [
    # a gift card is a product of its own, which the shop does not sell (probe 2026-12-07: it had
    # shopped for greeting cards, "shopping for cards")
    ("do you sell gift cards?", (), "I don't know gift cards yet, so I could not filter by them."),
    ("do you have gift certificates?", (), "I don't know gift certificates yet"),
    # greeting cards are cards
    ("birthday cards please", ("cards",), "shopping for cards"),
])
def test_a_gift_card_is_no_greeting_card(shop_assistant: Assistant, text: str,
                                         subject: tuple[str, ...], said: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.subject == subject
    assert said in result.reply


def test_a_shop_question_when_every_match_was_shown(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "tea cosy", "more", "more")
    result = shop_assistant.turn(session, "do you deliver to ireland")
    assert result.reply.startswith("I have no more products matching shopping for tea cosy")
    assert "I don't know the delivery options of these products" in result.reply  # had gone


@pytest.mark.parametrize(("text", "cast"), [
    # an actor named with a kind of film, or after "what else": asked for (new-user probe
    # 2026-12-05: each dropped the actor without a word)
    ("tom cruise action", ("Tom Cruise",)), ("Stallone action", ("Sylvester Stallone",)),
    ("What else is there with Al Pacino", ("Al Pacino",)),
    ("i loved Keanu Reeves action scenes", ()),  # a remark on a film's scenes asks no one
])
def test_an_actor_with_a_kind_of_film(film_assistant: Assistant, text: str,
                                      cast: tuple[str, ...]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters.cast == cast


def test_what_the_picks_come_to(retail: Catalog, shop_assistant: Assistant) -> None:
    """"how much for both", "what have i picked so far": the picks and their sum, no new list
    (new-user probe 2026-12-05: "matched its words against the product names")."""
    session, _ = talk(shop_assistant, "retail", "mugs", "the first one", "and the third")
    picked = list(session.liked_ids)
    for then in ("how much for both", "what have i picked so far"):
        result = shop_assistant.turn(session, then)
        total = sum(float(retail.prices[i]) for i in picked)
        assert f"One of each comes to £{total:.2f}." in result.reply
        assert all(retail.display_title(i) in result.reply for i in picked)
        assert not result.recommendations


def test_what_places_of_the_list_come_to(retail: Catalog, shop_assistant: Assistant) -> None:
    session, first = talk(shop_assistant, "retail", "mugs")
    result = shop_assistant.turn(session, "how much are the first and second together")
    total = sum(float(retail.prices[i]) for i in first.item_ids()[:2])
    assert f"One of each comes to £{total:.2f}." in result.reply and session.liked_ids == []


@pytest.mark.parametrize(("messages", "held"), [
    # a change of mind followed (new-user probe 2026-12-05: the set-aside had held, or the
    # old subject had)
    (["a mug for my dad", "nah he's got too many mugs, what else", "ok a mug it is then"],
     {"subject": ("mug",)}),
    (["owl stuff for my sister", "actually she's gone off owls, she's into foxes now"],
     {"exclude_topics": ("owls",)}),
])
def test_a_shopper_changes_their_mind(shop_assistant: Assistant, messages: list[str],
                                      held: dict) -> None:
    session, _ = talk(shop_assistant, "retail", *messages)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize(("messages", "said"), [
    # a question about a film shown that the catalogue cannot answer: said first, before
    # what the film is (new-user probe 2026-12-05: only the description had come back)
    (["i loved Gravity", "how long is it"], "running times"),
    (["movies like La La Land", "is it on netflix?"], "streaming services"),
    (["family comedies", "is the first one ok for a 6 year old?"], "age ratings"),
    (["family comedies", "the last one, whats it rated?"], "age ratings"),
    (["thrillers from the 90s", "is the first one too gory for my wife"], "content warnings"),
    # the multi-turn probe: only the description had come back
    (["family comedies", "ok the first one, is it scary?"], "content warnings"),
    (["thrillers", "is the third one too long?"], "running times"),
])
def test_a_question_about_a_film_the_catalogue_cannot_answer(
        film_assistant: Assistant, messages: list[str], said: str) -> None:
    _, result = talk(film_assistant, "movies", *messages)
    assert result.reply.startswith(f"I can't say: I don't know the {said} of any of my movies.")


# -- a multi-turn new-user probe (2026-12-05, sixth session): series, "why not X?" ------------

def test_none_of_a_films_sequels_keeps_the_film(movies: Catalog, film_assistant: Assistant) -> None:
    """"none of the Alien sequels" had set Alien itself aside, the film just liked."""
    session, _ = talk(film_assistant, "movies", "i loved Alien", "none of the Alien sequels")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Alien (1979)"]
    assert "Aliens (1986)" in {movies.display_title(i) for i in session.disliked_ids}
    assert "Alien (1979)" not in {movies.display_title(i) for i in session.disliked_ids}


@pytest.mark.parametrize(("messages", "series"), [
    # "not Star Wars" had shown Return of the Jedi next, "no more Indiana Jones" the Crystal Skull
    (("Harrison Ford movies", "not Star Wars"), "Star Wars"),
    (("i liked Raiders of the Lost Ark", "no more Indiana Jones please"), "Indiana Jones"),
    (("scary movies but not the saw franchise",), "Saw"),  # lower case: the series, not a verb
    # "nothing from the saw series" had liked Saw, "no more saw movies" read no film
    (("nothing from the saw series",), "Saw"), (("no more saw movies",), "Saw"),
    (("nothing from the Alien series",), "Alien"), (("anything but the saw movies",), "Saw"),
])
def test_a_film_set_aside_takes_its_series_along(movies: Catalog, film_assistant: Assistant,
                                                 messages: tuple[str, ...], series: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    named = next(i for i in session.disliked_ids if movies.titles[i] == series)
    later = set(movies.sequels_of(named))
    assert later and not later & set(result.item_ids())


def test_why_of_a_picked_item_gives_its_reason(retail: Catalog,
                                                shop_assistant: Assistant) -> None:
    """"mugs", "the second one", "why that one?" had answered "You told me you liked ...; I did
    not suggest it" of the item the shop had shown second."""
    session, first = talk(shop_assistant, "retail", "mugs")
    picked = retail.display_title(first.item_ids()[1])
    shop_assistant.turn(session, "the second one")
    result = shop_assistant.turn(session, "why that one?")
    assert result.reply.startswith(f"Why {picked}? ")
    assert "I did not suggest" not in result.reply


def test_an_unclear_pointer_is_quoted_as_written(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "horror movies", "why that one")
    assert 'I could not tell which of the movies "that one" is' in result.reply


@pytest.mark.parametrize(("catalog", "first_message"), [("movies", "i liked Jaws"),
                                                        ("retail", "a clock")])
def test_a_question_about_a_shown_item_keeps_the_list(
        catalog: str, first_message: str, film_assistant: Assistant,
        shop_assistant: Assistant) -> None:
    """"tell me about the second", then "and the third?" had answered about the third of a new
    list shown with the first answer, not the list the person was going through."""
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, first = talk(assistant, catalog, first_message)
    second = assistant.turn(session, "tell me about the second one")
    assert second.asked_id == first.item_ids()[1]
    assert second.item_ids() == first.item_ids()
    third = assistant.turn(session, "and the third?")
    assert third.asked_id == first.item_ids()[2]
    liked = assistant.turn(session, "i liked the fourth one")  # a verdict: a new list
    assert set(liked.item_ids()).isdisjoint(first.item_ids())


@pytest.mark.parametrize(("then", "filters"), [
    ("more by him", {"directors": ("Steven Spielberg",)}),
    ("nothing by him", {"exclude_directors": ("Steven Spielberg",)}),
])
def test_him_is_the_person_the_last_answer_named(film_assistant: Assistant, then: str,
                                                 filters: dict) -> None:
    """"who directed it?" answered "... directed by Steven Spielberg"; "more by him" had been
    "I could not tell who "him" is"."""
    session, answer = talk(film_assistant, "movies", "i liked Jaws", "who directed it?")
    assert "directed by Steven Spielberg" in answer.reply
    result = film_assistant.turn(session, then)
    assert session.filters == HardFilters(**filters)
    assert "could not tell who" not in result.reply


def test_him_stays_unclear_among_several_stars(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "i liked Titanic", "who's in it?")
    result = film_assistant.turn(session, "more with her")
    assert 'I could not tell who "her" is' in result.reply and session.filters == HardFilters()


def test_a_quantity_after_a_question_is_of_the_pick(retail: Catalog,
                                                    shop_assistant: Assistant) -> None:
    """"the second one", a question, then "i'll take 2" had asked "Which one would you like 2
    of?" with one item picked."""
    session, first = talk(shop_assistant, "retail", "candles")
    picked = first.item_ids()[1]
    shop_assistant.turn(session, "the second one")
    shop_assistant.turn(session, "any in red?")
    result = shop_assistant.turn(session, "ok i'll take 2")
    assert result.reply.startswith(f"2 x {retail.display_title(picked)}")


@pytest.mark.parametrize("then", ["she already has that", "he's already got one",
                                  "she has got that already"])
def test_a_gift_already_owned_is_set_aside(shop_assistant: Assistant, then: str) -> None:
    session, first = talk(shop_assistant, "retail", "mugs")
    picked = first.item_ids()[0]
    shop_assistant.turn(session, "the first one")
    assert session.liked_ids == [picked]
    result = shop_assistant.turn(session, then)
    assert session.liked_ids == [] and picked in session.disliked_ids
    assert picked not in result.item_ids()


def test_a_new_recipients_list_is_not_based_on_the_last_ones_pick(
        retail: Catalog, shop_assistant: Assistant) -> None:
    """The brother's football list had been "based on" the sister's cat sign."""
    session, first = talk(shop_assistant, "retail", "mugs for my sister")
    pick = retail.display_title(first.item_ids()[0])
    shop_assistant.turn(session, "the first one")
    result = shop_assistant.turn(session, "now something for my dad, he likes cars")
    assert "based on" not in result.reply and "A gift for someone new" in result.reply
    assert pick in shop_assistant.turn(session, "what have i picked so far?").reply


@pytest.mark.parametrize(("product", "age"), [("lunch box for my son", "he's 8"),
                                              ("water bottle for my daughter", "she's 10")])
def test_a_childs_age_after_the_product_keeps_the_product(shop_assistant: Assistant,
                                                          product: str, age: str) -> None:
    """"he's 8" had dropped the lunch box for the children's categories (nothing has both)."""
    session, first = talk(shop_assistant, "retail", product)
    subject = session.filters.subject
    result = shop_assistant.turn(session, age)
    assert session.filters.subject == subject and session.filters.genres == ()
    assert "so I left the category out" in result.reply and result.recommendations


def test_a_category_asked_for_instead_still_replaces_the_product(
        shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "notebooks", "actually show me toys")
    assert session.filters.genres == ("toys and games",) and session.filters.subject == ()


# -- a regression probe of the fixes above (2026-12-05, sixth session: 1,730 conversations, base
# 94c02fe vs head 14b5065): the readings a first version of them broke, each with its right value

@pytest.mark.parametrize(("messages", "liked", "disliked"), [
    (["Jaws for sure, loved it"], ["Jaws (1975)"], []),  # a title is no verb unless it is one
    (["Frozen for my daughter"], ["Frozen (2013)"], []),
    (["Titanic it is"], ["Titanic (1997)"], []),
    (["the best fight in The Matrix"], ["The Matrix (1999)"], []),  # "in" is no place left
    (["i fell asleep in The Godfather"], [], ["The Godfather (1972)"]),
    (["how come you never suggest Jaws? i love it"], ["Jaws (1975)"], []),  # the verdict is said
    (["why don't you suggest something like Jaws"], ["Jaws (1975)"], []),  # a request
    (["how come no one talks about Jaws? best film ever"], ["Jaws (1975)"], []),
])
def test_sixth_regression_probe_films(movies: Catalog, film_assistant: Assistant,
                                      messages: list[str], liked: list[str],
                                      disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked


def test_a_series_record_liked_is_not_set_aside_with_its_later_films(
        movies: Catalog, film_assistant: Assistant) -> None:
    """"i loved the first harry potter but the later ones got too dark" had set aside every
    Harry Potter film: the record of no year stands for all of them, and its first stays.
    "The first Harry Potter" is now its first film (the record had been linked), and every
    later one goes (only the one its extract calls its sequel had)."""
    session, _ = talk(film_assistant, "movies",
                      "i loved the first Harry Potter but the later ones got too dark")
    assert [movies.titles[i] for i in session.liked_ids] == [
        "Harry Potter and the Philosopher's Stone"]
    aside = {movies.display_title(i) for i in session.disliked_ids}
    assert {"Harry Potter and the Chamber of Secrets (2002)",
            "Harry Potter and the Deathly Hallows – Part 2 (2011)"} <= aside
    assert not any(t.startswith("Harry Potter and the Philosopher") for t in aside)
    session, _ = talk(film_assistant, "movies",  # the record liked: its first film stays
                      "i loved Harry Potter but the later ones got too dark")
    aside = {movies.display_title(i) for i in session.disliked_ids}
    assert "Harry Potter and the Chamber of Secrets (2002)" in aside
    assert not any(t.startswith("Harry Potter and the Philosopher") for t in aside)


def test_big_franchise_movies_are_a_kind_of_film(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "not the big franchise movies, something indie")
    assert session.liked_ids == [] and session.disliked_ids == []


def test_never_stops_loving_is_a_like(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "my sister never stops loving Frozen")
    assert {movies.display_title(i): who for i, who in session.others_liked.items()} == \
        {"Frozen (2013)": "your sister"}


@pytest.mark.parametrize(("messages", "liked", "asked"), [
    (["i loved The Godfather", "what about part 2?"], ["The Godfather (1972)"],
     "The Godfather Part II (1974)"),
    (["i loved Toy Story", "loved the sequel too"], ["Toy Story (1995)", "Toy Story 2 (1999)"],
     None),
    (["i loved Toy Story", "part three was the best"], ["Toy Story (1995)", "Toy Story 3 (2010)"],
     None),
])
def test_part_2_is_the_later_film_of_the_one_spoken_of(
        movies: Catalog, film_assistant: Assistant, messages: list[str], liked: list[str],
        asked: str | None) -> None:
    """"i loved the godfather", then "what about part 2?" had read no film at all."""
    session, result = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    if asked is not None:
        assert movies.display_title(result.asked_id) == asked
    # the conversation keeps the person's own words
    assert [m.text for m in session.messages if m.role == "user"] == messages


@pytest.mark.parametrize(("first_mark", "then", "field"), [
    ("seen the first", "and the third", "seen_ids"),  # had become a film wanted, of a new list
    ("hated the first", "the third too", "disliked_ids"),
])
def test_places_marked_one_after_another_keep_their_list(
        film_assistant: Assistant, first_mark: str, then: str, field: str) -> None:
    """Marking places of a list one message after another: the place alone says what the
    message before said, and the other items keep their places, so "the third" is still the
    third the person saw."""
    session, shown = talk(film_assistant, "movies", "thrillers")
    listed = shown.item_ids()
    after = film_assistant.turn(session, first_mark)
    assert after.item_ids()[1:] == listed[1:] and after.item_ids()[0] not in listed
    film_assistant.turn(session, then)
    assert getattr(session, field) == [listed[0], listed[2]]
    assert session.wanted_ids == []


def test_a_like_of_a_place_brings_a_new_list(film_assistant: Assistant) -> None:
    session, shown = talk(film_assistant, "movies", "thrillers")
    result = film_assistant.turn(session, "loved the second")
    assert set(result.item_ids()).isdisjoint(shown.item_ids())


def test_the_first_one_i_mentioned_is_the_persons_own(movies: Catalog,
                                                      film_assistant: Assistant) -> None:
    """"more like the first one i mentioned" had wanted the first recommendation shown."""
    session, _ = talk(film_assistant, "movies", "i loved The Godfather", "and Goodfellas",
                      "more like the first one i mentioned")
    assert session.wanted_ids == [] and session.seen_ids == []
    assert [movies.display_title(i) for i in session.liked_ids] == ["The Godfather (1972)",
                                                                    "Goodfellas (1990)"]
    assert film_assistant.own_place_named(session, "the last one i said") == "Goodfellas"


def test_a_name_read_with_its_particle_apart_is_no_unknown_film(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "i like Danny De Vito")
    assert "I don't know" not in result.reply


def test_the_cheapest_of_the_list_is_asked_about_or_picked(retail: Catalog,
                                                          shop_assistant: Assistant) -> None:
    """"which one is cheapest?" had been matched as words; "the cheapest one" had capped the
    price at a quarter below the list's median instead of picking it."""
    session, shown = talk(shop_assistant, "retail", "mugs")
    prices = [float(retail.prices[i]) for i in shown.item_ids()]
    cheapest = shown.item_ids()[prices.index(min(prices))]
    dearest = shown.item_ids()[prices.index(max(prices))]
    assert shop_assistant.turn(session, "which one is cheapest?").asked_id == cheapest
    assert shop_assistant.turn(session, "which is the most expensive?").asked_id == dearest
    assert session.liked_ids == [] and session.filters.price_max is None
    shop_assistant.turn(session, "i'll take the cheapest one")
    assert session.liked_ids == [cheapest] and session.filters.price_max is None


@pytest.mark.parametrize("said", ["the cheapest one", "cheapest one"])
def test_the_cheapest_one_alone_names_it(retail: Catalog, shop_assistant: Assistant,
                                         said: str) -> None:
    """New-user probe 2026-12-06: "teapots", then "the cheapest one" took it as a pick and
    said no more teapots were left; "cheapest one" capped the price and dropped the teapots."""
    session, shown = talk(shop_assistant, "retail", "teapots")
    prices = [float(retail.prices[i]) for i in shown.item_ids()]
    cheapest = shown.item_ids()[prices.index(min(prices))]
    result = shop_assistant.turn(session, said)
    assert result.asked_id == cheapest and session.liked_ids == []
    assert result.reply.startswith(retail.display_title(cheapest))
    assert session.filters.subject == ("teapots",) and session.filters.price_max is None


# -- a second regression probe (2026-12-05, sixth session, base 94c02fe vs head dcefcb3): what
# the later fixes broke, each with its right value ---------------------------------------------

def test_a_why_question_then_praise_likes_the_film(movies: Catalog,
                                                   film_assistant: Assistant) -> None:
    """"how come no goodfellas? i love it" had set Goodfellas aside (the "no" of the question)."""
    session, _ = talk(film_assistant, "movies", "how come no Goodfellas? i love it")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Goodfellas (1990)"]
    assert session.disliked_ids == []


@pytest.mark.parametrize("text", ["we watch in the room with my kids",
                                  "a thriller set in the room next door"])
def test_a_place_one_is_in_is_no_title(film_assistant: Assistant, text: str) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.liked_ids == [] and session.disliked_ids == []


def test_something_similar_for_a_new_recipient_keeps_the_pick(
        retail: Catalog, shop_assistant: Assistant) -> None:
    session, first = talk(shop_assistant, "retail", "mugs for my sister")
    pick = retail.display_title(first.item_ids()[0])
    shop_assistant.turn(session, "the first one")
    result = shop_assistant.turn(session, "now for my brother, something similar")
    assert f"based on {pick}" in result.reply


def test_a_quantity_is_never_of_an_item_only_named(shop_assistant: Assistant) -> None:
    """"jumbo bag red retrospot", "do you have it in pink", "i'll take 10": the red bag was
    named, never picked from a list; which one is asked."""
    _, result = talk(shop_assistant, "retail", "Jumbo bag red retrospot",
                     "do you have it in pink", "i'll take 10")
    assert result.reply.startswith("Which one would you like 10 of?")


def test_him_after_who_directed_is_never_a_star_of_the_description(
        film_assistant: Assistant) -> None:
    """"more with him" after "Jaws was directed by Steven Spielberg" had asked for Roy
    Scheider, whom the description after the answer names."""
    session, _ = talk(film_assistant, "movies", "i liked Jaws", "who directed it?",
                      "more with him")
    assert session.filters.cast == ()


@pytest.mark.parametrize("text", ["stocking fillers", "something for her stocking"])
def test_stocking_fillers_are_small_gifts(retail: Catalog, shop_assistant: Assistant,
                                          text: str) -> None:
    """"stocking fillers" had found polyester cushion filler pads, "something for her stocking"
    the stockings themselves."""
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.price_max is not None and session.filters.subject == ()
    names = " ".join(retail.titles[i].lower() for i in result.item_ids())
    assert "filler" not in names and "stocking" not in names


def test_a_christmas_stocking_is_still_a_stocking(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "a christmas stocking")
    assert "stocking" in session.filters.subject


@pytest.mark.parametrize(("text", "subject", "genres"), [
    ("jewellery box", ("jewellery box",), ()),  # had been 1 box in the jewellery category
    ("kitchen scales", ("kitchen scales",), ()),
    ("garden sign", ("sign",), ("garden",)),  # the category holds more of them
])
def test_a_category_word_before_the_product_may_be_its_name(
        shop_assistant: Assistant, text: str, subject: tuple, genres: tuple) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.subject == subject and session.filters.genres == genres
    assert len(result.recommendations) >= 2


# -- a third regression probe (2026-12-05, sixth session, base dcefcb3 vs head 1106490) -------

@pytest.mark.parametrize("text", ["Jaws was really scary, more like it",
                                  "Alien was so scary i loved it"])
def test_a_film_said_to_be_scary_is_no_question(film_assistant: Assistant, text: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert "content warnings" not in result.reply


@pytest.mark.parametrize(("text", "said"), [("is Titanic too long?", "running times"),
                                            ("is The Shining scary?", "content warnings")])
def test_a_question_naming_the_film_is_said_unknown(film_assistant: Assistant, text: str,
                                                    said: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert result.reply.startswith(f"I can't say: I don't know the {said} of any of my movies.")


def test_him_after_a_director_with_an_initial(film_assistant: Assistant) -> None:
    """"M. Night Shyamalan": the answer is not cut at its first full stop."""
    session, _ = talk(film_assistant, "movies", "i liked The Sixth Sense", "who directed it?",
                      "more by him")
    assert session.filters.directors == ("M. Night Shyamalan",)


@pytest.mark.parametrize(("messages", "liked"), [
    # no Rocky III in the catalogue: never Creed (2015), the next film by year
    (["i loved Rocky", "part three was the best"], ["Rocky (1976)"]),
])
def test_part_n_is_a_film_numbered_so(movies: Catalog, film_assistant: Assistant,
                                      messages: list[str], liked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert [movies.display_title(i) for i in session.liked_ids] == liked


def test_the_sequel_is_never_an_obscure_namesake(movies: Catalog,
                                                  film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "i loved Alien", "what about the sequel?")
    assert movies.display_title(result.asked_id) == "Aliens (1986)"


def test_a_place_after_a_question_about_it_is_a_pick(shop_assistant: Assistant) -> None:
    """"what's the third one?", then "the third one" had inherited the question and picked
    nothing."""
    session, first = talk(shop_assistant, "retail", "mugs", "what's the third one?",
                          "the third one")
    assert len(session.liked_ids) == 1


@pytest.mark.parametrize(("text", "said"), [
    ("the cheapest candles you've got", "Sorted by price, cheapest first."),  # an order
    ("the cheapest one in red", "at most £"),  # a bound
])
def test_the_cheapest_with_more_words_is_a_search(shop_assistant: Assistant, text: str,
                                                  said: str) -> None:
    session, result = talk(shop_assistant, "retail", "mugs", text)
    assert session.liked_ids == [] and said in result.reply


def test_nothing_similar_for_a_new_recipient_drops_the_pick(
        retail: Catalog, shop_assistant: Assistant) -> None:
    session, first = talk(shop_assistant, "retail", "mugs for my sister")
    shop_assistant.turn(session, "the first one")
    result = shop_assistant.turn(session, "now for my brother, nothing similar")
    assert "based on" not in result.reply


# -- a new-user probe (2026-12-05, seventh session): something different ---------------------

@pytest.mark.parametrize("asked", ["something completely different",
                                   "ok something different please", "let's mix it up"])
def test_something_different_leaves_the_kind_of_film(movies: Catalog, film_assistant: Assistant,
                                                     asked: str) -> None:
    """"comedy", then "something completely different" had shown five more comedies."""
    session, result = talk(film_assistant, "movies", "comedy", asked)
    assert session.filters.genres == () and "Comedy" in session.filters.exclude_genres
    assert result.item_ids() and not any("Comedy" in movies.genres[i] for i in result.item_ids())


@pytest.mark.parametrize("said", ["Toy Story 3 seen", "Toy Story 3 watched already",
                                  "Toy Story 3 i've watched"])
def test_a_title_then_seen_is_seen_not_liked(movies: Catalog, film_assistant: Assistant,
                                            said: str) -> None:
    """"men in black seen", "toy story 3 seen" had stored a like, and the reasons read "Because
    you liked Men in Black"."""
    session, result = talk(film_assistant, "movies", said)
    assert [movies.display_title(i) for i in session.seen_ids] == ["Toy Story 3 (2010)"]
    assert session.liked_ids == [] and "Because you liked" not in " ".join(
        r.explanation for r in result.recommendations)


def test_less_of_one_genre_more_of_another(film_assistant: Assistant) -> None:
    """"less comedy more horror" had set both aside (the first genre read left a gap)."""
    session, _ = talk(film_assistant, "movies", "zombie movies", "less comedy more horror")
    assert session.filters.genres == ("Horror",) and session.filters.exclude_genres == ("Comedy",)


@pytest.mark.parametrize(("messages", "excluded"), [
    # "too scary" had asked for horror; a question about it asks nothing
    (("horror", "too scary, something my gf would watch"), ("Horror",)),
    (("comedy", "is the first one too scary?"), ()),
])
def test_too_much_of_a_genre_sets_it_aside(film_assistant: Assistant, messages: tuple[str, ...],
                                           excluded: tuple[str, ...]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert session.filters.exclude_genres == excluded
    assert not set(excluded) & set(session.filters.genres)


@pytest.mark.parametrize(("messages", "genres", "excluded"), [
    # "or romance" after a dislike had asked for romance
    (("i dont like comedies", "or romance"), (), ("Comedy", "Romance")),
    (("i hate westerns", "nor war films"), (), ("Western", "War")),
    (("horror", "or comedy"), ("Horror", "Comedy"), ()),  # after a wish, either
    (("no horror", "or maybe a comedy?"), ("Comedy",), ("Horror",)),  # offered, not refused
])
def test_or_goes_on_with_the_message_before(film_assistant: Assistant, messages: tuple[str, ...],
                                            genres: tuple[str, ...],
                                            excluded: tuple[str, ...]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert (session.filters.genres, session.filters.exclude_genres) == (genres, excluded)


def test_or_after_an_actor_set_aside_sets_the_next_aside(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "comedies but nothing with Adam Sandler",
                      "or Ben Stiller")
    assert session.filters.exclude_cast == ("Adam Sandler", "Ben Stiller")
    assert session.filters.cast == ()


@pytest.mark.parametrize(("messages", "year"), [
    # a year alone replaces the one asked before ("what about 2018" had kept 2019)
    (("good movies from 2019?", "what about 2018"), 2018),
    (("something funny from 2015", "what about 2012 instead"), 2012),
    (("movies from 2016", "2017"), 2017),
])
def test_a_year_alone_replaces_the_year(film_assistant: Assistant, messages: tuple[str, ...],
                                        year: int) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert (session.filters.year_min, session.filters.year_max) == (year, year)


@pytest.mark.parametrize("said", ["seen rocketman", "watched oppenheimer already"])
def test_something_else_seen_marks_nothing_of_the_list(film_assistant: Assistant,
                                                       said: str) -> None:
    """"seen rocketman" (no film of ours) had marked the first film shown as seen."""
    session, _ = talk(film_assistant, "movies", "comedies", said)
    assert session.seen_ids == []


def test_them_after_a_title_is_the_title_not_the_list(movies: Catalog,
                                                      film_assistant: Assistant) -> None:
    """"not Fast & Furious, he's seen them all" had marked all five films shown as seen."""
    session, _ = talk(film_assistant, "movies", "comedies",
                      "not Fast & Furious, he's seen them all")
    assert session.seen_ids == []
    assert "Fast & Furious (2009)" in {movies.display_title(i) for i in session.disliked_ids}


@pytest.mark.parametrize(("asked", "pick"), [("which is the newest", max),
                                              ("which one is the oldest?", min)])
def test_the_newest_of_the_list_is_asked_about(movies: Catalog, film_assistant: Assistant,
                                               asked: str, pick) -> None:
    """"which is the newest" had shown a new list led by a 1993 film."""
    session, first = talk(film_assistant, "movies", "movies with Tom Hanks")
    shown = first.item_ids()
    result = film_assistant.turn(session, asked)
    assert result.asked_id == pick(shown, key=lambda i: int(movies.years[i]))
    assert session.liked_ids == []


@pytest.mark.parametrize(("messages", "excluded"), [
    # "again" after the name had read nothing
    (("thrillers", "not fincher again please"), {"exclude_directors": ("David Fincher",)}),
    (("thrillers", "no nolan this time"), {"exclude_directors": ("Christopher Nolan",)}),
])
def test_plain_exclusions_are_read(film_assistant: Assistant, messages: tuple[str, ...],
                                   excluded: dict) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert all(getattr(session.filters, k) == v for k, v in excluded.items())


@pytest.mark.parametrize("taken_back", ["not Troy actually, that was bad", "not Troy actually"])
def test_a_like_taken_back_by_a_refusal(movies: Catalog, film_assistant: Assistant,
                                        taken_back: str) -> None:
    """"not troy actually, that was bad" had kept Troy liked (a set-aside of a liked film is
    only "never show it", unless the message takes the like back)."""
    session, _ = talk(film_assistant, "movies", "Gladiator, Braveheart, Troy - loved them all",
                      taken_back)
    assert "Troy (2004)" in {movies.display_title(i) for i in session.disliked_ids}
    assert "Troy (2004)" not in {movies.display_title(i) for i in session.liked_ids}


def test_a_set_aside_of_a_liked_film_alone_keeps_the_like(movies: Catalog,
                                                          film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "i loved Fight Club",
                      "more by David Fincher but not Fight Club")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Fight Club (1999)"]


def test_the_last_word_of_an_earlier_message_holds(movies: Catalog,
                                                   film_assistant: Assistant) -> None:
    """"movies like Harry Potter but not Harry Potter", then "for a 9 year old" had turned
    the film set aside into a like."""
    session, _ = talk(film_assistant, "movies", "movies like Harry Potter but not Harry Potter",
                      "for a 9 year old")
    assert session.liked_ids == []


@pytest.mark.parametrize("asked", ["why is the first one on the list",
                                   "why is the second one there?"])
def test_why_is_it_on_the_list(film_assistant: Assistant, asked: str) -> None:
    """"why is the first one on the list" had liked the film and shown a new list."""
    session, first = talk(film_assistant, "movies", "something light for a sunday")
    result = film_assistant.turn(session, asked)
    assert result.asked_id in first.item_ids() and session.liked_ids == []
    assert result.reply.startswith("Why ")


def test_is_a_film_on_the_list(movies: Catalog, film_assistant: Assistant) -> None:
    """"Step Brothers? is it on the list?" had liked it."""
    session, result = talk(film_assistant, "movies", "comedies", "is Titanic on the list?")
    assert session.liked_ids == [] and "I have not suggested Titanic (1997)" in result.reply


# -- the regression probe of this session's readings: each worse kind, kept right ------------

@pytest.mark.parametrize(("messages", "genres", "excluded"), [
    # an "or" that offers is no refusal
    (("no horror please", "or a thriller would be good"), ("Thriller",), ("Horror",)),
    (("no comedies", "or dramas instead?"), ("Drama",), ("Comedy",)),
    (("i hate westerns", "or actually a western could work"), ("Western",), ()),
    (("no horror please", "or a thriller please"), ("Thriller",), ("Horror",)),
    (("no comedies", "or something with action"), ("Action",), ("Comedy",)),
    # a lower-case genre after "not" is the genre ("not war please" had set aside War (2007))
    (("something for the weekend", "not war please"), (), ("War",)),
    # a capitalised genre after "no" is the genre, not The Comedy (2012) or War (2007)
    (("not Comedy tonight",), (), ("Comedy",)), (("no War films",), (), ("War",)),
    # "too funny" is praise; "something different" for a child keeps the child's films
    (("comedies", "that last one was too funny lol, more like it"), ("Comedy",), ()),
    (("kids movie for my 6 year old", "something different"), ("Family", "Animated"), ()),
])
def test_the_new_readings_stay_in_their_lane(film_assistant: Assistant,
                                             messages: tuple[str, ...], genres: tuple[str, ...],
                                             excluded: tuple[str, ...]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert (session.filters.genres, session.filters.exclude_genres) == (genres, excluded)
    assert session.disliked_ids == []


@pytest.mark.parametrize(("first", "asked"), [("horror", "show me the latest"),
                                              ("movies with Tom Hanks", "what's the latest one")])
def test_show_me_the_latest_asks_for_new_films(film_assistant: Assistant, first: str,
                                               asked: str) -> None:
    """"horror", then "show me the latest" had picked the newest film of the list as a like;
    "what's the latest one" of an actor's films is his latest, not the list's."""
    session, result = talk(film_assistant, "movies", first, asked)
    assert session.liked_ids == [] and result.asked_id is None
    assert session.filters.year_min is not None


@pytest.mark.parametrize("asked", ["seen everything you listed", "seen your suggestions already"])
def test_everything_listed_seen_marks_the_list(film_assistant: Assistant, asked: str) -> None:
    session, first = talk(film_assistant, "movies", "comedies")
    film_assistant.turn(session, asked)
    assert set(first.item_ids()) <= set(session.seen_ids)


def test_too_many_films_watched_marks_none_of_the_list(film_assistant: Assistant) -> None:
    """"i've watched too many rom coms lately" had said "you have seen" the first film shown."""
    session, _ = talk(film_assistant, "movies", "romcoms",
                      "i've watched too many rom coms lately, something different")
    assert session.seen_ids == []
    assert session.filters.exclude_genres == ("Romance+Comedy",)  # romcoms, not every comedy


@pytest.mark.parametrize("asked", ["do you have nothing for the garden?",
                                   "is there nothing for the kitchen under 2 pounds?",
                                   "is there nothing for the kitchen",
                                   "you have nothing for the bathroom"])
def test_nothing_for_a_category_asked_is_no_refusal(shop_assistant: Assistant,
                                                    asked: str) -> None:
    session, _ = talk(shop_assistant, "retail", asked)
    assert session.filters.exclude_genres == ()


@pytest.mark.parametrize(("messages", "size"), [
    # how many a list holds, said by the person, kept for the next lists
    (("suggest 3 movies only, something light", "more like the first one"), 3),
    (("comedies", "fewer, just give me 2"), 2), (("show me 10 movies",), 10),
    (("comedies", "ok stop, just the best one"), 1), (("top 3 horror movies",), 3),
    (("i saw 3 movies this week",), 5), (("give me 5 pounds worth",), 5),  # no list size
    (("give me 2 comedies",), 2), (("suggest 3 scary ones please",), 3),
    (("give me 3 thrillers from the 90s",), 3),  # a decade among the words (had shown 5)
    (("show me 4 comedies from the 80s please",), 4),
])
def test_the_list_holds_as_many_as_asked(film_assistant: Assistant, messages: tuple[str, ...],
                                         size: int) -> None:
    """"suggest 3 movies only", "just give me 2" had shown five each time."""
    _, result = talk(film_assistant, "movies", *messages)
    assert len(result.recommendations) == size


def test_a_smaller_list_asked_for_is_the_top_of_the_list_shown(
        film_assistant: Assistant) -> None:
    """Seen through the app: "I loved Heat", then "just give me 2" showed two films not in
    the list (it asked for a new list of two); "show me 7" then keeps those two first, and
    "2 more" asks for new ones."""
    session, first = talk(film_assistant, "movies", "comedies")
    shown = first.item_ids()
    cut = film_assistant.turn(session, "just give me 2")
    assert cut.item_ids() == shown[:2]
    grown = film_assistant.turn(session, "show me 7")
    assert grown.item_ids()[:2] == shown[:2] and len(grown.item_ids()) == 7
    more = film_assistant.turn(session, "give me 2 more")
    assert len(more.item_ids()) == 2 and not set(more.item_ids()) & set(grown.item_ids())


# -- a new-user probe (2026-12-06, 185 conversations): a product asked for by name ------------

@pytest.mark.parametrize("asked", [
    "do you have the spaceboy lunch box?", "i'm looking for the spaceboy lunch box",
    "Spaceboy lunch box", "have you got the spaceboy lunch box"])
def test_a_product_asked_for_by_name_is_shown_with_its_price_not_liked(
        retail: Catalog, shop_assistant: Assistant, asked: str) -> None:
    """It had been taken as a like: five other lunch boxes "Because you liked Spaceboy lunch
    box", and never the product or its price."""
    box = next(i for i, t in enumerate(retail.titles) if t == "Spaceboy lunch box")
    session, result = talk(shop_assistant, "retail", asked)
    assert result.asked_id == box and session.liked_ids == []
    price = f"£{retail.prices[box]:.2f}"
    assert result.reply.startswith(f"Spaceboy lunch box (kitchen, storage, {price}).")
    taken = shop_assistant.turn(session, "i'll take it")
    assert taken.reply.startswith("Enjoy Spaceboy lunch box!") and not taken.recommendations


@pytest.mark.parametrize("said", [
    "i love the spaceboy lunch box, more like it", "something like the spaceboy lunch box",
    "I bought the spaceboy lunch box last year, something else",
    "my son loves the spaceboy lunch box"])
def test_a_product_liked_or_owned_is_still_a_like(retail: Catalog, shop_assistant: Assistant,
                                                  said: str) -> None:
    box = next(i for i, t in enumerate(retail.titles) if t == "Spaceboy lunch box")
    session, result = talk(shop_assistant, "retail", said)
    assert session.liked_ids == [box] and result.asked_id is None


def test_taking_it_with_a_list_on_screen_asks_which(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "cake stands")
    result = shop_assistant.turn(session, "i'll take it")
    assert result.reply.startswith("Which one would you like?") and not session.liked_ids


@pytest.mark.parametrize(("first", "then", "held"), [
    # one person swapped for another: the first set aside had taken the second with it
    ("westerns with clint eastwood", "actually not clint, john wayne",
     {"genres": ("Western",), "cast": ("John Wayne",), "exclude_cast": ("Clint Eastwood",)}),
    ("movies by spielberg", "not spielberg, kubrick",
     {"directors": ("Stanley Kubrick",), "exclude_directors": ("Steven Spielberg",)}),
    ("comedies with adam sandler", "instead of sandler, ben stiller",
     {"genres": ("Comedy",), "cast": ("Ben Stiller",), "exclude_cast": ("Adam Sandler",)}),
    # the one wanted named first, or a correction: had been ignored
    ("something with tom hanks", "sorry, tom hardy not tom hanks",
     {"cast": ("Tom Hardy",), "exclude_cast": ("Tom Hanks",)}),
    ("movies with meryl streep", "julia roberts instead of meryl streep",
     {"cast": ("Julia Roberts",), "exclude_cast": ("Meryl Streep",)}),
    ("something with tom hanks", "no, I meant tom hardy", {"cast": ("Tom Hardy",)}),
    ("I like leo films", "no not that leo, leonardo dicaprio", {"cast": ("Leonardo DiCaprio",)}),
    ("kubrick films", "no, make it spielberg", {"directors": ("Steven Spielberg",)}),
    # a list set aside stays a list
    ("comedies", "no adam sandler, ben stiller or will ferrell",
     {"genres": ("Comedy",), "exclude_cast": ("Adam Sandler", "Ben Stiller", "Will Ferrell")}),
])
def test_a_person_swapped_for_another(film_assistant: Assistant, first: str, then: str,
                                      held: dict) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    assert session.filters == HardFilters(**held)


@pytest.mark.parametrize(("first", "question", "asked"), [
    # a question over the list on screen had become a filter replacing the one asked before
    ("comedies", "is any of them animated?", {"genres": ("Animated",)}),
    ("comedies from the 90s", "are any of these romantic?", {"genres": ("Romance",)}),
    ("action movies", "are any of these from the 80s?", {"year_min": 1980, "year_max": 1989}),
    ("thrillers", "do any of them star tom cruise?", {"cast": ("Tom Cruise",)}),
    ("thrillers", "which one has brad pitt", {"cast": ("Brad Pitt",)}),
    ("I loved The Shining", "which is the funniest", {"genres": ("Comedy",)}),
])
def test_a_question_over_the_list_is_answered_from_it(
        movies: Catalog, film_assistant: Assistant, first: str, question: str,
        asked: dict) -> None:
    session, shown = talk(film_assistant, "movies", first)
    filters, liked = session.filters, list(session.liked_ids)
    result = film_assistant.turn(session, question)
    mask = filter_mask(movies, HardFilters(**asked))
    hits = [movies.display_title(i) for i in shown.item_ids() if mask[i]]
    assert session.liked_ids == liked
    if not hits and result.recommendations:
        # none of the list fits: the list's request and the question's, both, in a new list
        assert result.reply.startswith("None of the 5 movies I showed you matches")
        both = filter_mask(movies, filters) & mask
        assert all(both[r.item_id] for r in result.recommendations)
        assert not set(r.item_id for r in result.recommendations) & set(shown.item_ids())
        return
    assert not result.recommendations and session.last_shown_ids == shown.item_ids()
    assert session.filters == filters
    if hits:
        assert all(t in result.reply for t in hits)
    else:  # "which is the funniest" chooses among these: no new list
        assert result.reply.startswith("None of the 5 movies I showed you matches")
    others = [movies.display_title(i) for i in shown.item_ids() if not mask[i]]
    assert len(hits) == len(shown.item_ids()) or not any(t in result.reply for t in others)


@pytest.mark.parametrize(("first", "question", "held", "said"), [
    # none of the list fits the question: it narrows what was asked rather than replacing it
    # (seen in a probe: "bags", then "which ones are for children" showed aprons and cards)
    ("bags", "which ones are for children",
     {"genres": ("bags",), "audience": ("children",)}, "(in bags, for children)"),
    ("bags", "which are for children",
     {"genres": ("bags",), "audience": ("children",)}, "(in bags, for children)"),
    ("bags", "are any of them vintage?", {"genres": ("bags", "vintage"), "genres_all": True},
     "None of the 5 products I showed you matches (in vintage). Here are 5 products"),
])
def test_a_question_over_a_shop_list_that_none_fits_narrows_it(
        shop_assistant: Assistant, first: str, question: str, held: dict, said: str) -> None:
    session, shown = talk(shop_assistant, "retail", first, question)
    assert session.filters == HardFilters(**held) and said in shown.reply
    fits = filter_mask(shop_assistant.catalog, session.filters)
    assert shown.recommendations and all(fits[r.item_id] for r in shown.recommendations)


@pytest.mark.parametrize(("first", "then", "years"), [
    # a year or decade corrected: the old one had stayed
    ("a 70s horror", "sorry I said 70s, meant 90s", (1990, 1999)),
    ("horror from 2005", "I meant 2015", (2015, 2015)),
    ("horror from 2010", "sorry, 2012", (2012, 2012)),
    ("horror from 2010", "no, make it 2012", (2012, 2012)),
])
def test_a_year_corrected(film_assistant: Assistant, first: str, then: str,
                          years: tuple[int, int]) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    assert (session.filters.year_min, session.filters.year_max) == years
    assert session.filters.genres == ("Horror",)


@pytest.mark.parametrize(("first", "then", "word"), [
    # the words read as a genre stayed in the search text once the genre was taken back:
    # "forget the horror, something funny instead" gave Scary Movie and Shaun of the Dead
    ("scary movies", "forget the horror, something funny instead", "scary"),
    ("kids movies", "forget the kids, something for me", "kids"),
    ("comedies", "drop the comedy filter", "comedies"),
])
def test_a_genre_taken_back_leaves_the_search_text(film_assistant: Assistant, first: str,
                                                    then: str, word: str) -> None:
    session, _ = talk(film_assistant, "movies", first)
    assert word in film_assistant.query_for(session).text.lower()
    film_assistant.turn(session, then)
    assert word not in film_assistant.query_for(session).text.lower()


# -- a regression probe of the fixes above (2026-12-06, 402 conversations base c9ecfbe vs head
# 29dae62): the readings a first version of them broke, each with its right value ------------

@pytest.mark.parametrize("then", ["give me 3 different ones", "show me 3 you haven't shown me",
                                  "give me 3 shorter ones", "give me 3 more"])
def test_a_number_with_more_words_asks_for_new_items(film_assistant: Assistant,
                                                     then: str) -> None:
    session, first = talk(film_assistant, "movies", "comedies")
    result = film_assistant.turn(session, then)
    assert len(result.item_ids()) == 3 and not set(result.item_ids()) & set(first.item_ids())


@pytest.mark.parametrize("text", ["give me 3 idiots", "recommend one flew over the cuckoo's nest"])
def test_a_number_of_a_title_is_no_list_size(film_assistant: Assistant, text: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert len(result.recommendations) == 5


def test_a_product_size_is_no_list_size(shop_assistant: Assistant) -> None:
    _, result = talk(shop_assistant, "retail", "show me 2 tier cake stands")
    assert len(result.recommendations) == 5


@pytest.mark.parametrize(("text", "held"), [
    # two set aside, not a swap
    ("no tom cruise, nicole kidman", {"exclude_cast": ("Tom Cruise", "Nicole Kidman")}),
    ("i hate adam sandler, jim carrey", {"exclude_cast": ("Adam Sandler", "Jim Carrey")}),
    ("without brad pitt, angelina jolie",
     {"exclude_cast": ("Brad Pitt", "Angelina Jolie")}),
    # a negated credit sets aside
    ("something that doesn't star adam sandler", {"exclude_cast": ("Adam Sandler",)}),
    ("anything that doesn't feature jim carrey", {"exclude_cast": ("Jim Carrey",)}),
    # "I mean" as a filler asks for no one
    ("i mean brad pitt is overrated", {}),
    # "no" and a year leaves the year out, never asks for it
    ("no 2012", {"exclude_topics": ("2012",)}), ("no 2015 films", {"exclude_topics": ("2015",)}),
])
def test_names_and_years_set_aside_stay_set_aside(film_assistant: Assistant, text: str,
                                                  held: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held)


def test_a_question_over_the_list_with_a_request_asks_for_both(film_assistant: Assistant
                                                               ) -> None:
    session, _ = talk(film_assistant, "movies", "comedies")
    result = film_assistant.turn(session, "are any of them animated? i want something animated")
    assert result.recommendations and "Animated" in session.filters.genres


def test_a_superlative_over_the_list_says_it_cannot_rank(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "horror movies")
    result = film_assistant.turn(session, "which is the scariest")
    assert "I can't tell which of them is the most so." in result.reply


def test_taking_it_with_another_request_asks_for_that_too(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "do you have the spaceboy lunch box?")
    result = shop_assistant.turn(session, "i'll take it, do you have matching lunch bags?")
    assert result.recommendations


@pytest.mark.parametrize(("catalog", "asked", "name"), [
    # "more like it" after a question about one item: that item, as "like X" (the words alone
    # had been searched: the product asked about was lost)
    ("retail", "do you have the spaceboy lunch box?", "Spaceboy lunch box"),
    ("movies", "what is Toy Story 3 about?", "Toy Story 3"),
])
def test_more_like_it_after_a_question_is_like_that_item(
        film_assistant: Assistant, shop_assistant: Assistant, catalog: str, asked: str,
        name: str) -> None:
    assistant = shop_assistant if catalog == "retail" else film_assistant
    session, first = talk(assistant, catalog, asked)
    result = assistant.turn(session, "more like it")
    assert [assistant.catalog.titles[i] for i in session.wanted_ids] == [name]
    assert f"like {assistant.catalog.display_title(first.asked_id)}" in result.reply


@pytest.mark.parametrize("then", ["anything similar?", "what else goes with it?",
                                  "something similar please"])
def test_similar_after_a_question_is_like_that_product(shop_assistant: Assistant,
                                                       then: str) -> None:
    session, first = talk(shop_assistant, "retail", "do you have the spaceboy lunch box?")
    result = shop_assistant.turn(session, then)
    assert session.wanted_ids == [first.asked_id] and result.recommendations


def test_a_question_over_the_list_with_show_me_asks_for_a_list(film_assistant: Assistant
                                                               ) -> None:
    session, _ = talk(film_assistant, "movies", "comedies")
    result = film_assistant.turn(session, "which ones are from the 90s, show me more of those")
    assert result.recommendations and session.filters.year_min == 1990


def test_a_listed_film_set_aside_by_name_is_replaced_in_place(movies: Catalog,
                                                              film_assistant: Assistant) -> None:
    """New-user probe 2026-12-06: "christmas movie for the family", then "not home alone"
    showed one film: the other four still fitted but had been shown."""
    session, first = talk(film_assistant, "movies", "comedies")
    shown = first.item_ids()
    named = movies.titles[shown[1]]
    result = film_assistant.turn(session, f"I hated {named}")
    assert shown[1] in session.disliked_ids
    assert [i for k, i in enumerate(result.item_ids()) if k != 1] == \
        [i for k, i in enumerate(shown) if k != 1]
    assert result.item_ids()[1] not in shown


@pytest.mark.parametrize("back", ["back to the mugs", "switch to the mugs"])
def test_back_to_an_earlier_product(shop_assistant: Assistant, back: str) -> None:
    """New-user probe 2026-12-06: "mugs", "plates", then "back to the mugs" stayed on plates
    ("to the" had been read as where a thing goes: "add it to the basket")."""
    session, _ = talk(shop_assistant, "retail", "mugs", "plates", back)
    assert session.filters.subject == ("mugs",)


# -- a second regression probe (2026-12-06, 252 new conversations, base c9ecfbe vs head
# 99c0313): what the fixes above still broke ---------------------------------------------------

@pytest.mark.parametrize(("text", "held"), [
    ("a western set in the 1800s", {"genres": ("Western",)}),  # no summary dates a century
    ("comedies but not adam sandler, jim carrey",
     {"genres": ("Comedy",), "exclude_cast": ("Adam Sandler", "Jim Carrey")}),
    ("i didn't have a problem with tom hanks, show me more of his", {"cast": ("Tom Hanks",)}),
])
def test_second_probe_readings(film_assistant: Assistant, text: str, held: dict) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(**held) and len(result.recommendations) == 5


@pytest.mark.parametrize(("text", "size"), [("show me one with a dog", 5),
                                            ("no graphic novel adaptations please", 5)])
def test_second_probe_no_size_no_warning(film_assistant: Assistant, text: str,
                                         size: int) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert len(result.recommendations) == size and "content warnings" not in result.reply


@pytest.mark.parametrize("then", ["i'll have it", "ok i'll take that", "i'll buy this one"])
def test_a_product_asked_about_is_picked_in_other_words(shop_assistant: Assistant,
                                                        then: str) -> None:
    session, first = talk(shop_assistant, "retail", "do you have the spaceboy lunch box?")
    result = shop_assistant.turn(session, then)
    assert session.liked_ids == [first.asked_id] and result.reply.startswith("Enjoy ")


def test_a_shopper_asks_for_n_more(shop_assistant: Assistant) -> None:
    session, first = talk(shop_assistant, "retail", "candles")
    result = shop_assistant.turn(session, "show me 2 more")
    assert len(result.recommendations) == 2
    assert not set(result.item_ids()) & set(first.item_ids())


def test_a_shop_list_is_not_judged_for_kids_by_its_categories(shop_assistant: Assistant
                                                              ) -> None:
    """"lunch boxes", then "which one is for kids" had answered "None ... matches": lunch
    boxes are kitchen items by category, whatever their names say."""
    session, _ = talk(shop_assistant, "retail", "lunch boxes")
    result = shop_assistant.turn(session, "which one is for kids")
    assert not result.reply.startswith("None of the")


@pytest.mark.parametrize(("messages", "subject", "word"), [
    # new-user probe 2026-12-06: a refinement had replaced the thing shopped for ("3 tier"
    # showed cake tins); "polka dot" is "polkadot" in the names
    (("cake stand", "3 tier"), ("cake stand tier",), "tier"),
    (("mugs", "coffee"), ("mugs coffee",), "coffee"),
    (("polka dot lunch bag",), ("lunch bag",), "lunch bag"),
    (("door mat",), ("doormat",), "doormat"),
    # a switch or the thing named again replaces it
    (("mugs", "plates"), ("plates",), "plate"),
    (("a clock", "alarm clock"), ("alarm clock",), "alarm"),
    (("mugs", "how about tea towels"), ("tea towels",), "towel"),
])
def test_a_refinement_narrows_what_is_shopped_for(shop_assistant: Assistant,
                                                  messages: tuple[str, ...],
                                                  subject: tuple[str, ...], word: str) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert session.filters.subject == subject
    assert result.recommendations and all(word in r.title.lower()
                                          for r in result.recommendations)


def test_a_narrowing_only_a_shown_item_fits_shows_it_again(shop_assistant: Assistant) -> None:
    """"lunch bag", "not the red one", "the apple one": the apple lunch bag of the first list
    had ended in "I have no more products"."""
    session, _ = talk(shop_assistant, "retail", "lunch bag", "more", "more")
    apple = next(i for i, t in enumerate(shop_assistant.catalog.titles)
                 if t == "Lunch bag apple design")
    # the one lunch bag named for apples, shown already, but not in the list on screen (there
    # "the apple one" picks it)
    assert apple in session.shown_ids and apple not in session.last_shown_ids
    result = shop_assistant.turn(session, "the apple one")
    assert result.item_ids() == [apple] and "shown before" in result.reply


@pytest.mark.parametrize(("messages", "topics"), [
    # new-user probe 2026-12-06: "polka dot" was never a filter (the names say "polkadot")
    (("lunch bag", "polka dot"), ("polkadot",)), (("retro spot mugs",), ("retrospot",)),
])
def test_a_pattern_written_apart_filters_as_the_names_write_it(
        shop_assistant: Assistant, messages: tuple[str, ...], topics: tuple[str, ...]) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert session.filters.topics == topics and result.recommendations
    assert all(topics[0] in r.title.lower() for r in result.recommendations)


@pytest.mark.parametrize(("liked", "then"), [
    # a film liked, then "more like it": still liked, and the reasons still cite it (seen in a
    # probe: it had moved to "wanted" and every reason read "Close to what you described")
    ("shawshank redemtion", "more like it"),
    ("godfather 2 was the best", "others like it"),
])
def test_more_like_a_liked_film_keeps_the_like(movies: Catalog, film_assistant: Assistant,
                                               liked: str, then: str) -> None:
    session, _ = talk(film_assistant, "movies", liked)
    before = list(session.liked_ids)
    result = film_assistant.turn(session, then)
    assert session.liked_ids == before and session.wanted_ids == []
    assert f"based on {movies.display_title(before[0])}" in result.reply


@pytest.mark.parametrize(("messages", "held"), [
    # everyday words for a genre (seen in a probe: "about sport" found the 1-film "Sport"
    # genre, "true stories" and "biopics" found nothing to filter by)
    (["about sport"], {"genres": ("Sports",)}),
    (["true stories"], {"genres": ("Biography",)}),
    (["biopics"], {"genres": ("Biography",)}),
    # a word set aside, allowed again (had stayed set aside without a word)
    (["a sci fi with no aliens", "fine, aliens are ok"], {"genres": ("Science Fiction",)}),
    # another kind liked "too" is either (probe24b: it had replaced War)
    (["war films", "he likes westerns too"], {"genres": ("War", "Western")}),
])
def test_genre_words_and_words_allowed_again(film_assistant: Assistant, messages: list[str],
                                             held: dict) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held) and len(result.recommendations) == 5


@pytest.mark.parametrize(("messages", "dearest"), [
    # an order by price (seen in a probe: "sort by price" gave a new unsorted list, "cheapest
    # first" a bound and no order)
    (["candles", "cheapest first"], False),
    (["mugs", "sort by price"], False),
    (["the most expensive candle"], True),
    (["candles", "sort them by price high to low"], True),
])
def test_a_list_sorted_by_price(retail: Catalog, shop_assistant: Assistant,
                                messages: list[str], dearest: bool) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    prices = [float(retail.prices[r.item_id]) for r in result.recommendations]
    assert len(prices) == 5 and prices == sorted(prices, reverse=dearest)
    assert ("dearest first." if dearest else "cheapest first.") in result.reply
    assert (session.filters.price_min, session.filters.price_max) == (None, None)
    fits = filter_mask(retail, session.filters)
    assert all(fits[r.item_id] for r in result.recommendations)


def test_a_question_over_a_childs_list_keeps_the_children(film_assistant: Assistant) -> None:
    """A child's genres stay either-or when a question narrows them (regression probe: "is any
    of them scary" had asked for films Family and Animated and Horror at once)."""
    session, result = talk(film_assistant, "movies", "good movies for a 10 year old",
                           "is any of them scary")
    assert session.filters.genres == ("Horror",) and not session.filters.genres_all
    assert session.filters.audience == ("Family", "Animated")


@pytest.mark.parametrize(("text", "subject"), [
    # a word the names write as two (seen in a probe: "I did not understand 'lunchbox'")
    ("lunchbox", "lunch box"), ("jumbobag", "jumbo bag"),
    # a phrase few names hold whole still shops for the kind it ends in (had been no subject:
    # "enamel mugs", then "cheaper" brought coffee containers)
    ("enamel mugs", "mugs"),
    # "tea lights" are the names' t-lights, candles (had been read as lighting)
    ("tea lights", "lights"),
])
def test_what_is_shopped_for_as_shoppers_spell_it(retail: Catalog, shop_assistant: Assistant,
                                                  text: str, subject: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.subject == (subject,) and "did not understand" not in result.reply
    fits = retail.phrase_mask(subject.removesuffix("s"))
    assert result.recommendations and all(fits[r.item_id] for r in result.recommendations)


def test_a_category_set_aside_takes_its_theme_with_it(retail: Catalog) -> None:
    """"not christmas" had still shown reindeer decorations and a Santa card: the names of a
    category's theme go with it (and only with it: "I love London" is no heart)."""
    gone = filter_mask(retail, HardFilters(exclude_genres=("christmas",)))
    names = [retail.titles[i].lower() for i in range(len(retail)) if gone[i]]
    assert not any(w in n.split() for n in names for w in ("reindeer", "santa", "snowman"))
    kept = filter_mask(retail, HardFilters(exclude_genres=("hearts",)))
    assert any(kept[i] and "love london" in retail.titles[i].lower() for i in range(len(retail)))


def test_tea_lights_are_written_as_the_names_write_them(retail: Catalog) -> None:
    from assistant.shopping import joined_spellings
    said = joined_spellings("6 tea lights please", retail)
    assert said == "6 t lights   please" and len(said) == len("6 tea lights please")



@pytest.mark.parametrize("then", ["seen those too", "watched them already"])
def test_seen_them_is_the_whole_list(film_assistant: Assistant, then: str) -> None:
    """"seen those too" had marked only the list's first film seen (probe24)."""
    session, first = talk(film_assistant, "movies", "thrillers")
    film_assistant.turn(session, then)
    assert session.seen_ids == first.item_ids()


@pytest.mark.parametrize("asked", ["how much for 10", "what would 10 cost",
                                   "10 of them, how much?"])
def test_the_price_of_a_number_of_the_pick_is_asked_not_taken(
        retail: Catalog, shop_assistant: Assistant, asked: str) -> None:
    """A question of the price of 10 of the item picked had been searched as words (probe24b);
    it is answered, and "total" still counts one (nothing was taken)."""
    session, first = talk(shop_assistant, "retail", "mugs", "the 2nd one")
    picked = session.liked_ids[0]
    price = float(retail.prices[picked])
    result = shop_assistant.turn(session, asked)
    assert result.reply.startswith(f"10 x {retail.display_title(picked)} at £{price:.2f} each "
                                   f"is £{price * 10:.2f}.") and not result.recommendations
    assert session.quantities == {}


@pytest.mark.parametrize(("catalog", "first", "question", "key"), [
    # two places compared (probe24b: a third item had been described as the answer)
    ("retail", "lanterns", "which is cheaper, the first or the second", "price"),
    ("retail", "lanterns", "which one is more expensive, the 1st or the 3rd?", "price"),
    ("movies", "comedies", "which is older, the first or the fifth?", "year"),
])
def test_places_compared(film_assistant: Assistant, shop_assistant: Assistant, catalog: str,
                         first: str, question: str, key: str) -> None:
    assistant = shop_assistant if catalog == "retail" else film_assistant
    session, shown = talk(assistant, catalog, first)
    places = [0, 1] if "second" in question else [0, 2] if "3rd" in question else [0, 4]
    items = [shown.item_ids()[p] for p in places]
    values = [float((assistant.catalog.prices if key == "price" else assistant.catalog.years)[i])
              for i in items]
    result = assistant.turn(session, question)
    lowest = "cheaper" in question or "older" in question
    best = items[int(np.argmin(values) if lowest else np.argmax(values))]
    assert values[0] != values[1] and not result.recommendations
    assert result.reply.startswith(assistant.catalog.display_title(best))
    assert session.last_shown_ids == shown.item_ids()



def test_a_film_for_someone_new_starts_afresh(movies: Catalog, film_assistant: Assistant) -> None:
    """"now something for my mum" had kept citing the films liked so far (probe24b): they are
    no basis any more, and the reply says so; named again, one is."""
    session, _ = talk(film_assistant, "movies", "movies like die hard")
    result = film_assistant.turn(session, "now something for my mum, she likes comedy")
    assert result.reply == "Here are 5 movies for you (in Comedy). For someone new, I no " \
        "longer start from Die Hard (1988)."  # (a string once joined letter by letter)
    assert session.filters.genres == ("Comedy",)
    assert not any("Die Hard" in r.explanation for r in result.recommendations)
    result = film_assistant.turn(session, "she loved die hard too")
    assert "based on Die Hard (1988)" in result.reply



@pytest.mark.parametrize("asked", ["how much", "how much is it", "price?"])
def test_the_price_of_the_pick_when_the_list_ran_out(retail: Catalog, shop_assistant: Assistant,
                                                     asked: str) -> None:
    """"the spaceboy one", then "how much": the price alone (probe24b: "how much" had been
    searched as words, and "how much is it" had added "I have no more products")."""
    session, _ = talk(shop_assistant, "retail", "lunch boxes", "the spaceboy one")
    picked = session.liked_ids[-1]
    result = shop_assistant.turn(session, asked)
    assert f"£{float(retail.prices[picked]):.2f}" in result.reply
    assert "no more products" not in result.reply and "nothing in" not in result.reply



def test_old_ones_are_older_films(film_assistant: Assistant) -> None:
    """"westerns", then "old ones" had matched Old Yeller and No Country for Old Men by their
    words (probe24b): old films, whatever the list shown (older than every one of it had left
    three John Wayne westerns, then none; than most of it, "before 2010")."""
    session, first = talk(film_assistant, "movies", "westerns")
    result = film_assistant.turn(session, "old ones")
    limit = film_assistant.newest_year() - CLASSIC_YEARS
    assert session.filters.year_max == limit and session.filters.genres == ("Western",)
    assert result.recommendations and all(
        0 <= int(film_assistant.catalog.years[r.item_id]) <= limit
        for r in result.recommendations)


def test_what_was_shown_and_still_fits_comes_back_not_a_relaxation(
        retail: Catalog, shop_assistant: Assistant) -> None:
    """"cushion covers", "blue ones", "not stripes": the blue covers shown before fit, so they
    come back; it had said "Nothing matched ..." and dropped blue (probe24b)."""
    session, _ = talk(shop_assistant, "retail", "cushion covers", "blue ones")
    result = shop_assistant.turn(session, "not stripes")
    assert session.filters.topics == ("blue",) and "Nothing matched" not in result.reply
    assert result.recommendations and all(
        "blue" in r.title.lower() and "stripe" not in r.title.lower()
        for r in result.recommendations)


def test_a_bare_quantity_and_its_total(retail: Catalog, shop_assistant: Assistant) -> None:
    """"the 2nd one how much", "4 of them", "whats that in total" (probe24b: a new search each)."""
    session, first = talk(shop_assistant, "retail", "cushion covers", "the 2nd one how much")
    asked = first.item_ids()[1]
    price = float(retail.prices[asked])
    result = shop_assistant.turn(session, "4 of them")
    assert result.reply.startswith(f"4 x {retail.display_title(asked)} at £{price:.2f} each")
    result = shop_assistant.turn(session, "whats that in total")
    assert f"that comes to £{price * 4:.2f}." in result.reply


def test_something_else_leaves_a_narrow_product(shop_assistant: Assistant) -> None:
    """"knitting", then "something else" had ended in "I have no more products matching
    shopping for knitting" (probe24b): another kind of thing, and said."""
    session, _ = talk(shop_assistant, "retail", "knitting")
    result = shop_assistant.turn(session, "something else")
    assert session.filters.subject == () and result.recommendations
    assert "As you asked, I dropped: shopping for knitting." in result.reply


@pytest.mark.parametrize(("messages", "kind"), [
    # "no sequels" had been dropped without a word (John Wick: Chapter 2 was third)
    (("action movies, no sequels",), "sequels"),
    (("something funny, nothing that's a sequel please",), "sequels"),
    (("comedies", "no sequels"), "sequels"),
    (("horror but no remakes",), "remakes"),
    (("a thriller, not a remake",), "remakes"),
    # "no prequels" had been a word to match, "or remakes" dropped (probe 2026-12-06)
    (("sci-fi movies, no prequels or remakes",), "prequels"),
    (("sci-fi movies, no prequels or remakes",), "remakes"),
    (("horror movies but no sequels, prequels or reboots",), "remakes"),
    (("star wars movies but not the prequels",), "prequels"),
    (("horror, not a remake or a prequel",), "prequels"),
    (("horror movies but no sequels prequels or remakes",), "prequels"),
])
def test_a_kind_of_film_set_aside(movies: Catalog, film_assistant: Assistant,
                                  messages: tuple[str, ...], kind: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    # said back as set: "no sequels", "no prequels or remakes", "no sequels, prequels or
    # remakes"
    assert kind in session.filters.exclude_topics and re.search(
        rf"\bno (?:\w+, |\w+ or )*{kind}\b", result.reply)
    kinds = movies.kind_mask(kind)
    assert result.recommendations and not any(kinds[r.item_id] for r in result.recommendations)


def test_the_kinds_of_film_the_catalogue_knows(movies: Catalog) -> None:
    """Sequels by their lead or a numbered title, remakes by their lead; the nth film of a
    shared universe is no sequel."""
    sequels, remakes = movies.kind_mask("sequels"), movies.kind_mask("remakes")
    title = {f"{movies.titles[i]} ({movies.years[i]})": i for i in range(len(movies))}
    for name in ("Toy Story 3 (2010)", "Aliens (1986)", "Thor: Ragnarok (2017)",
                 "John Wick: Chapter 2 (2017)", "Rocky IV (1985)"):
        assert sequels[title[name]], name
    # a number in a title is no sequel without an earlier film of that name (regression probe)
    for name in ("Toy Story (1995)", "Alien (1979)", "Black Panther (2018)", "Die Hard (1988)",
                 "District 9 (2009)", "Apollo 13 (1995)", "Big Hero 6 (2014)",
                 # ... nor a number the films of that name cannot reach (session 25's note)
                 "Super 8 (2011)", "Chicago 10 (2007)"):
        assert not sequels[title[name]], name
    for name in ("Scary Movie 5 (2013)", "Final Destination 5 (2011)"):
        assert sequels[title[name]], name
    assert remakes[title["The Departed (2006)"]] and not remakes[title["Inception (2010)"]]
    assert 300 < int(sequels.sum()) < 1000 and 50 < int(remakes.sum()) < 400
    # prequels by their lead, and a film that follows one ("The sequel to The Phantom Menace")
    prequels = movies.kind_mask("prequels")
    for name in ("Star Wars: Episode I – The Phantom Menace (1999)",
                 "Star Wars: Episode II – Attack of the Clones (2002)",
                 "Indiana Jones and the Temple of Doom (1984)", "Monsters University (2013)",
                 "Alien: Covenant (2017)"):  # "the second entry in the Alien prequel series"
        assert prequels[title[name]], name
    # never a film whose lead names another film as a prequel ("followed by a prequel, ...")
    for name in ("Star Wars (1977)", "Missing in Action (1984)", "Insidious: Chapter 2 (2013)",
                 "Raiders of the Lost Ark (1981)"):
        assert not prequels[title[name]], name
    assert 20 < int(prequels.sum()) < 100


def test_sequels_allowed_again(film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "comedies", "no sequels",
                           "sequels are fine actually")
    assert "sequels" not in session.filters.exclude_topics
    assert "I dropped: no sequels" in result.reply


def test_a_film_s_own_sequels_stay_its_own(movies: Catalog, film_assistant: Assistant) -> None:
    """"I loved Alien, but not the sequels" sets aside Alien's later films, not every
    sequel."""
    session, _ = talk(film_assistant, "movies", "i loved alien, but not the sequels")
    assert "sequels" not in session.filters.exclude_topics
    assert "Aliens" in {movies.titles[i] for i in session.disliked_ids}


@pytest.mark.parametrize(("messages", "series", "gone"), [
    # "enough harry potter" had been read as liking Harry Potter
    (("fantasy", "enough harry potter"), "harry potter", "Harry Potter and the Goblet of Fire"),
    # "no more batman" had set aside Batman (1989) and its sequels, then shown Batman Begins
    (("i loved the dark knight", "no more batman please"), "batman", "Batman Begins"),
    # the films before the one linked go too (The Fast and the Furious (2001) had been second)
    (("action", "no more fast and furious"), "fast furious", "The Fast and the Furious"),
    (("superhero movies", "i'm sick of the batman movies"), "batman", "Batman Begins"),
])
def test_a_series_set_aside(movies: Catalog, film_assistant: Assistant,
                            messages: tuple[str, ...], series: str, gone: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    # the series' words, or the series by its name ("no more batman please", "Fast & Furious")
    assert series in session.filters.exclude_topics or any(
        t.endswith(" series") and set(series.split()) <= set(t.lower().replace("&", " ").split())
        for t in session.filters.exclude_topics)
    assert not any(movies.topic_mask((w,))[i] for i in session.liked_ids
                   for w in series.split() if i not in session.disliked_ids) or \
        session.liked_ids  # a film liked before stays liked ("the dark knight")
    shown = [movies.titles[r.item_id] for r in result.recommendations]
    assert shown and gone not in shown and not any(series.split()[-1] in t.lower()
                                                   for t in shown)


def test_a_common_word_is_no_series(movies: Catalog, film_assistant: Assistant) -> None:
    """"no more star wars" names a series; a word films name by the dozen ("star wars" in
    67 leads) is no filter, only the films linked are set aside."""
    session, _ = talk(film_assistant, "movies", "no more star wars")
    assert "star wars" not in session.filters.exclude_topics
    assert "Return of the Jedi" in {movies.titles[i] for i in session.disliked_ids}


@pytest.mark.parametrize(("text", "first", "count"), [
    # had been a like of the series record and a list with Narnia and The Hobbit
    ("all the harry potter movies in order", "Harry Potter and the Philosopher's Stone", 7),
    ("all the rocky films", "Rocky", 5),
    ("i want to watch the toy story movies in order", "Toy Story", 4),
    ("what order should i watch the star wars movies", "Star Wars", 9),
])
def test_a_series_listed_in_order(movies: Catalog, film_assistant: Assistant, text: str,
                                  first: str, count: int) -> None:
    _, result = talk(film_assistant, "movies", text)
    recs = result.recommendations
    years = [int(movies.years[r.item_id]) for r in recs]
    assert len(recs) == count and years == sorted(years) and min(years) > 0
    assert movies.titles[recs[0].item_id] == first
    assert "in order of release" in result.reply
    # never a reason citing the film itself ("Because you liked Rocky (1976)" on Rocky)
    assert all(r.item_id not in r.because_item_ids for r in recs)


@pytest.mark.parametrize(("text", "series"), [
    # "james bond movies" had been read as nothing and matched words ("Jason Bourne", "Die
    # Hard"); "fast and furious movies" had liked Fast & Furious (2009) and cited it in every
    # reason; "any good rocky movies?" had brought Black Panther and Die Hard
    ("james bond movies", "James Bond"), ("any good rocky movies?", "Rocky"),
    ("fast and furious movies", "Fast & Furious"), ("I want a james bond film", "James Bond"),
    ("star wars movies please", "Star Wars"), ("the alien movies", "Alien"),
    ("do you have any star wars movies?", "Star Wars"),  # had been War films
    ("can you help me find a Star Trek movie", "Star Trek"),
    ("what about the rambo ones?", "Rambo"),  # had described Rambo (2012) alone
    # a hero's name alone (new-user probe 2026-12-06): "bond movies" had matched words
    ("bond movies", "James Bond"), ("I want a bond film from the 90s", "James Bond"),
])
def test_a_series_asked_for_by_name(movies: Catalog, film_assistant: Assistant, text: str,
                                    series: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    films = set(movies.series_films(series)[1])
    assert session.filters.topics == (f"{series} series",) and not session.filters.genres
    assert result.recommendations and {r.item_id for r in result.recommendations} <= films
    assert f"in the {series} series" in result.reply and result.asked_id is None
    assert not session.liked_ids and not any(r.because_item_ids for r in result.recommendations)


def test_a_series_name_is_no_ambiguous_title(movies: Catalog, film_assistant: Assistant) -> None:
    """"all the batman movies" lists the series; it had added "I read batman as the best-known
    title", a note about the film Batman (1989) nobody asked about. A film named alone still
    gets the note."""
    _, result = talk(film_assistant, "movies", "all the batman movies")
    shown = {movies.display_title(r.item_id) for r in result.recommendations}
    assert {"Batman Forever (1995)", "Batman Begins (2005)"} <= shown
    assert "best-known title" not in result.reply
    _, result = talk(film_assistant, "movies", "I liked batman. more like that")
    assert "I read batman as the best-known title" in result.reply


def test_a_series_listed_whole_keeps_the_constraints(movies: Catalog,
                                                     film_assistant: Assistant) -> None:
    """"all the james bond movies from the 90s" had listed all ten films under a heading saying
    "from 1990 to 1999"; a constraint right after a whole listing lists it again under it, and
    the next turn goes past the series."""
    _, result = talk(film_assistant, "movies", "all the james bond movies from the 90s")
    assert result.recommendations and all(
        1990 <= movies.years[r.item_id] <= 1999 for r in result.recommendations)
    assert "that fit" in result.reply
    prequels = movies.kind_mask("prequels")
    session, result = talk(film_assistant, "movies", "all the star wars movies in order")
    assert "that fit" not in result.reply and any(prequels[i] for i in session.last_shown_ids)
    result = film_assistant.turn(session, "no prequels")
    shown = [r.item_id for r in result.recommendations]
    years = [int(movies.years[i]) for i in shown]
    assert shown and years == sorted(years) and not any(prequels[i] for i in shown)
    assert "Star Wars (1977)" in {movies.display_title(i) for i in shown}
    result = film_assistant.turn(session, "more")
    assert not session.disliked_ids and "so these go past it" in result.reply
    # one film of the list fits the new constraint: that one, the series kept (it had been
    # dropped: "Nothing matched that together with what you asked before")
    session, result = talk(film_assistant, "movies", "all the indiana jones movies", "no sequels")
    assert [movies.display_title(r.item_id) for r in result.recommendations] == [
        "Raiders of the Lost Ark (1981)"] and "The 1 film of the series I know that fits" in \
        result.reply and session.filters.topics == ("Indiana Jones series",)
    # a constraint no film of the series meets goes past it, as before
    session, result = talk(film_assistant, "movies", "all the star wars movies in order",
                           "comedies")
    assert not session.filters.topics and result.recommendations and "I dropped" in result.reply
    # "only the daniel craig ones" had been no person ("the daniel craig ones" was)
    session, result = talk(film_assistant, "movies", "all the james bond movies",
                           "only the daniel craig ones")
    assert session.filters.cast == ("Daniel Craig",)
    assert {movies.display_title(r.item_id) for r in result.recommendations} >= {
        "Casino Royale (2006)", "Skyfall (2012)"}
    assert all("Daniel Craig" in movies.cast[r.item_id] for r in result.recommendations)


@pytest.mark.parametrize(("text", "person", "series"), [
    # the person after "<series> movies with" had been dropped (read as said of a title)
    ("james bond movies with pierce brosnan", {"cast": ("Pierce Brosnan",)}, "James Bond"),
    ("all the james bond movies with daniel craig", {"cast": ("Daniel Craig",)}, "James Bond"),
    ("star wars movies with harrison ford", {"cast": ("Harrison Ford",)}, "Star Wars"),
    # "directed" after the series had lost both
    ("batman movies directed by christopher nolan", {"directors": ("Christopher Nolan",)},
     "Batman"),
])
def test_a_series_with_a_person(movies: Catalog, film_assistant: Assistant, text: str,
                                person: dict, series: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters == HardFilters(topics=(f"{series} series",), **person)
    films = set(movies.series_films(series)[1])
    assert result.recommendations and {r.item_id for r in result.recommendations} <= films


@pytest.mark.parametrize("text", ["spy movies but not bond", "spy movies, not james bond",
                                  "spy movies. no more james bond please"])
def test_a_series_set_aside_by_its_name_alone(movies: Catalog, film_assistant: Assistant,
                                             text: str) -> None:
    """A series named with no "movies" after it, set aside: Casino Royale and Skyfall had
    still been shown (a record "James Bond (2015)" was all it set aside)."""
    session, result = talk(film_assistant, "movies", text)
    bond = set(movies.series_films("james bond")[1])
    assert "James Bond series" in session.filters.exclude_topics
    assert result.recommendations and not {r.item_id for r in result.recommendations} & bond
    # never a bond between people, nor a film of the name ("but not Jurassic Park": the film)
    session, _ = talk(film_assistant, "movies", "a drama, there is no bond between them")
    assert not session.filters.exclude_topics


def test_a_kind_of_a_series(movies: Catalog, film_assistant: Assistant) -> None:
    """"the star wars prequels" had liked Star Wars (1977) (and cited it: an invented like);
    "I hate the star wars prequels" had set it aside; "only the prequels" after a whole
    listing had gone past the series; "horror sequels only" had matched words."""
    prequels = movies.kind_mask("prequels")
    series = set(movies.series_films("star wars")[1])
    session, result = talk(film_assistant, "movies", "the star wars prequels")
    assert session.filters.topics == ("Star Wars series prequels",) and not session.liked_ids
    assert result.recommendations and all(
        r.item_id in series and prequels[r.item_id] for r in result.recommendations)
    assert "(in the Star Wars series' prequels)" in result.reply
    session, _ = talk(film_assistant, "movies", "I hate the star wars prequels, recommend sci-fi")
    assert session.disliked_ids and all(prequels[i] for i in session.disliked_ids)
    assert "Star Wars (1977)" not in {movies.display_title(i) for i in session.disliked_ids}
    session, result = talk(film_assistant, "movies", "all the star wars movies in order",
                           "only the prequels")
    years = [int(movies.years[r.item_id]) for r in result.recommendations]
    assert len(years) == 3 and years == sorted(years) and all(
        prequels[r.item_id] for r in result.recommendations)
    session, result = talk(film_assistant, "movies", "horror sequels only")
    sequels = movies.kind_mask("sequels")
    assert session.filters.topics == ("sequels",) and "only sequels" in result.reply
    assert result.recommendations and all(sequels[r.item_id] for r in result.recommendations)


def test_a_whole_series_seen_is_seen(movies: Catalog, film_assistant: Assistant) -> None:
    """"I have seen all the indiana jones movies, anything similar?" had listed the three films
    seen, "in order of release"."""
    session, result = talk(film_assistant, "movies",
                           "I have seen all the indiana jones movies, anything similar?")
    films = set(movies.series_films("indiana jones")[1])
    assert films <= set(session.seen_ids) and "in order of release" not in result.reply
    assert result.recommendations and not {r.item_id for r in result.recommendations} & films
    # said as a whole, not as a list of five titles and "2 more"
    assert "I noted that you have seen every film of the Indiana Jones series I know." in \
        result.reply


def test_a_long_series_listed_whole_says_how_many_it_shows(movies: Catalog,
                                                           film_assistant: Assistant) -> None:
    """"all the james bond movies" showed 10 of its films as "The 10 films of the series I
    know"; namesakes count once, as the list shows them ("all the planet of the apes movies"
    had said 5 films over a list of 4)."""
    _, result = talk(film_assistant, "movies", "all the james bond movies")
    total = len({movies.title_key(i) for i in movies.series_films("james bond")[1]
                 if movies.years[i] > 0})
    assert len(result.recommendations) == 10 < total
    assert f"The first 10 of the {total} films of the series I know" in result.reply
    _, result = talk(film_assistant, "movies", "all the planet of the apes movies")
    assert f"The {len(result.recommendations)} films of the series I know" in result.reply


def test_a_series_with_a_film_listed_twice_goes_on_past_it(film_assistant: Assistant) -> None:
    """ReDial holds Star Wars (1977) twice; the second id, a namesake of a film shown, had kept
    "something else" at "I have no more movies matching in the Star Wars series"."""
    session, result = talk(film_assistant, "movies", "all the star wars movies in order",
                           "something else")
    assert result.recommendations and "so these go past it" in result.reply
    assert not session.filters.topics
    # nor does the record standing for the series come next ("Indiana Jones", no year)
    _, result = talk(film_assistant, "movies", "indiana jones movies", "something else")
    assert "so these go past it" in result.reply
    assert "Indiana Jones" not in [r.title for r in result.recommendations]


def test_a_bond_between_friends_is_no_series(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "movies about a bond between friends")
    assert not session.filters.topics
    # a person's name ending in the word is the person (it had found no film "starring Ward
    # Bond, in the James Bond series")
    session, result = talk(film_assistant, "movies", "Ward Bond movies")
    assert session.filters.cast == ("Ward Bond",) and not session.filters.topics
    assert result.recommendations


def test_a_series_said_with_its_article(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "the lord of the rings movies")
    assert "(in the Lord of the Rings series)" in result.reply  # not "the The Lord ..."


@pytest.mark.parametrize("then", ["more please", "something else"])
def test_a_series_shown_whole_goes_on_past_it(movies: Catalog, film_assistant: Assistant,
                                              then: str) -> None:
    """Regression round 28: once every film of a short series was shown, the next turn had
    ended in "I have no more movies matching in the Rocky series" and an empty list."""
    session, first = talk(film_assistant, "movies", "spider-man movies")
    assert {r.item_id for r in first.recommendations} == set(
        movies.series_films("Spider-Man")[1])
    result = film_assistant.turn(session, then)
    assert result.recommendations and session.filters.topics == ()
    assert "every film of the Spider-Man series I know" in result.reply


@pytest.mark.parametrize("then", ["no wait, the rocky films", "sorry, I meant the rocky movies",
                                  "actually, rocky movies"])
def test_a_series_corrected_to_another(movies: Catalog, film_assistant: Assistant,
                                       then: str) -> None:
    """A fresh-clone check: "no wait, the rocky films" had liked Rocky (1976), cited it in
    every reason and kept the James Bond series."""
    session, result = talk(film_assistant, "movies", "james bond movies", then)
    assert session.filters.topics == ("Rocky series",) and not session.liked_ids
    assert {r.item_id for r in result.recommendations} <= set(movies.series_films("Rocky")[1])


def test_a_series_with_a_person_set_aside(movies: Catalog, film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "james bond films but not the daniel craig ones")
    recs = result.recommendations
    assert recs and {r.item_id for r in recs} <= set(movies.series_films("James Bond")[1])
    assert not any("Daniel Craig" in movies.cast[r.item_id] for r in recs)


@pytest.mark.parametrize(("text", "read"), [
    ("alien movies", {"topics": ("alien",)}),  # films about aliens, not only the series
    ("halloween movies", {"topics": ("Halloween",)}),  # the holiday, not the slasher series
    ("tom cruise movies", {"cast": ("Tom Cruise",)}), ("horror movies", {"genres": ("Horror",)}),
])
def test_no_series_where_the_words_say_another_thing(film_assistant: Assistant, text: str,
                                                     read: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert {k: v for k, v in session.filters.model_dump().items()
            if k in ("topics", "cast", "genres") and v} == read


@pytest.mark.parametrize(("messages", "topics", "exclude_topics"), [
    (("james bond movies", "forget james bond"), (), ()),
    # its films set aside: it goes too, and the series is set aside (its films had been)
    (("star wars movies", "no more star wars"), (), ("Star Wars series",)),
    (("no james bond movies",), (), ("James Bond series",)),
    (("action movies, but no james bond films",), (), ("James Bond series",)),
    (("james bond movies", "none of the star wars movies either"), ("James Bond series",),
     ("Star Wars series",)),
])
def test_a_series_taken_back_or_set_aside(movies: Catalog, film_assistant: Assistant,
                                          messages: tuple[str, ...], topics: tuple,
                                          exclude_topics: tuple) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters.topics == topics
    assert session.filters.exclude_topics == exclude_topics
    banned = {i for t in exclude_topics for i in movies.series_films(t[: -len(" series")])[1]}
    assert result.recommendations and not banned & {r.item_id for r in result.recommendations}


@pytest.mark.parametrize("text", [
    # seeker messages of the training dialogues read as a series asked for while the rules
    # were written: a question, a statement, a verdict after it, a title's own word
    "Did you see any of the Kung Fu Panda movies?",
    "which The Avengers movie was your favorite?",
    "For some reason the Saw movies all freak me out, I won't watch them",
    "I have all of the Star Wars films on iTunes",
    "we have all of Toy Story series on my dvr",
    "he also does all the The Avengers movies",
    "Some of my favorites are The Hangover series and Deadpool!",
    "I am looking for something similar to the Star Wars franchise.",
    "do you know any good haunted house movies?",  # a kind of film ("A Haunted House" 1, 2)
    "I know, dragon ball super movies",
    "The Lego Batman Movie was really funny!",
])
def test_no_series_asked_in_what_is_said_of_one(film_assistant: Assistant, text: str) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert not [t for t in session.filters.topics if t.endswith(" series")]


def test_a_series_praised_is_a_like_not_a_request(movies: Catalog,
                                                  film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I loved the Star Wars movies")
    assert not session.filters.topics
    assert "Star Wars" in {movies.titles[i] for i in session.liked_ids}


def test_a_series_named_alone_listed_whole(movies: Catalog, film_assistant: Assistant) -> None:
    """No film of the message is linked ("james bond"), yet "all the ... movies" lists the
    series in order, each film once."""
    _, result = talk(film_assistant, "movies", "all the james bond movies")
    recs = result.recommendations
    years = [int(movies.years[r.item_id]) for r in recs]
    assert len(recs) == 10 and years == sorted(years) and "in order of release" in result.reply
    assert {movies.titles[r.item_id] for r in recs} >= {"You Only Live Twice", "Moonraker"}


def test_a_liked_series_is_no_listing(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "i love the godfather movies")
    assert "in order of release" not in result.reply


@pytest.mark.parametrize(("text", "newest"), [
    ("comedies sorted oldest first", False), ("horror, newest first", True),
    ("dramas in chronological order", False),
])
def test_films_sorted_by_year(movies: Catalog, film_assistant: Assistant, text: str,
                              newest: bool) -> None:
    session, result = talk(film_assistant, "movies", text)
    years = [int(movies.years[r.item_id]) for r in result.recommendations]
    assert len(years) == 5 and years == sorted(years, reverse=newest)
    assert ("newest first." if newest else "oldest first.") in result.reply
    assert session.filters.year_min is None and session.filters.year_max is None


@pytest.mark.parametrize("messages", [
    # probe 25: Sausage Party and Eight Crazy Nights (Animated, Comedy, Erotic) had been in
    # lists for children whenever a liked adult comedy pulled them up
    ("movies like bad moms for my kids",), ("kids movie like superbad",),
    ("movies like the hangover", "for my 10 year old"),
    ("cartoons for my 8 year old", "funny ones", "from the 2010s", "more"),
])
def test_no_adult_film_in_a_list_for_children(movies: Catalog, film_assistant: Assistant,
                                             messages: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters.audience and result.recommendations
    adult = movies.adult_mask()
    assert not any(adult[r.item_id] for r in result.recommendations)
    title = {movies.titles[i]: i for i in range(len(movies))}
    assert adult[title["Sausage Party"]] and not adult[title["Toy Story"]]


@pytest.mark.parametrize(("first", "then", "gone"), [
    # probe 25r: each had shopped for the very thing turned down ("Only this one, shown
    # before, fits: Gin and tonic mug")
    ("mugs", "not the one that says gin", "gin"),
    ("doormats", "not the one that says welcome please", "welcome"),
    ("cake stands", "i dont like the one with roses", "roses"),
    ("doorstops", "none of those babushka ones", "babushka"),
    ("clocks", "red instead of ivory", "ivory"),
    ("clocks", "the red one instead of the ivory one", "ivory"),
])
def test_a_product_turned_down_by_what_it_says(retail: Catalog, shop_assistant: Assistant,
                                               first: str, then: str, gone: str) -> None:
    session, result = talk(shop_assistant, "retail", first, then)
    names = [retail.titles[r.item_id].lower() for r in result.recommendations]
    assert names and not any(gone.rstrip("s") in n for n in names)
    assert gone not in " ".join(session.filters.subject + session.filters.topics)
    assert session.filters.subject or session.filters.genres  # what was shopped for stays


def place_named(text: str) -> int:
    """The list place a message names: "the first one" 0, "the 2nd" 1, "the 3rd one" 2."""
    return next(k for k, word in enumerate(("first", "2nd", "3rd")) if word in text)


@pytest.mark.parametrize(("first", "then", "liked", "disliked"), [
    # probe 25: hedged verdicts had been stored as their opposite
    ("movies like heat", "i dont think i liked the 2nd", False, True),
    ("movies like heat", "i wouldnt say i loved the first one", False, True),
    ("movies like titanic", "not sure id like the 2nd", False, False),
    ("movies like inception", "idk about the 2nd", False, False),
    ("movies like inception", "the 3rd one wasnt terrible", True, False),
    ("movies like inception", "i wouldnt say i hated the first one", True, False),
    ("movies like inception", "the 2nd one? hard pass", False, True),
])
def test_a_hedged_verdict_on_a_place(film_assistant: Assistant, first: str, then: str,
                                     liked: bool, disliked: bool) -> None:
    session, _ = talk(film_assistant, "movies", first)
    place = place_named(then)
    item = session.last_shown_ids[place]
    film_assistant.turn(session, then)
    assert (item in session.liked_ids, item in session.disliked_ids) == (liked, disliked)


@pytest.mark.parametrize(("text", "title"), [
    ("movies like the godfather || scarface? nope", "Scarface"),
    ("movies like inception || looper? nah", "Looper"),
])
def test_a_title_refused_in_one_word(movies: Catalog, film_assistant: Assistant, text: str,
                                     title: str) -> None:
    session, _ = talk(film_assistant, "movies", *text.split(" || "))
    assert title in {movies.titles[i] for i in session.disliked_ids}
    assert title not in {movies.titles[i] for i in session.liked_ids}


@pytest.mark.parametrize(("first", "then", "disliked"), [
    # probe 25: another's like had been stored as the person's, over their own word
    ("movies like inception", "my wife loved the 2nd one, i didnt", True),
    ("movies like the godfather", "my husband liked the 3rd one, i hated it", True),
    ("movies like the dark knight", "my son loved the first one, i thought it was boring", True),
    ("movies like the godfather", "my dad loves the first one, not my thing though", True),
    ("movies like inception", "my wife loved the 2nd one", False),
])
def test_another_s_like_of_a_place_is_not_the_person_s(film_assistant: Assistant, first: str,
                                                       then: str, disliked: bool) -> None:
    session, _ = talk(film_assistant, "movies", first)
    place = place_named(then)
    item = session.last_shown_ids[place]
    film_assistant.turn(session, then)
    assert item not in session.liked_ids and (item in session.disliked_ids) == disliked


def test_a_like_shared_with_another_is_the_person_s(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "movies like inception")
    item = session.last_shown_ids[1]
    film_assistant.turn(session, "my wife and i loved the 2nd one")
    assert item in session.liked_ids


@pytest.mark.parametrize(("first", "then", "was", "meant"), [
    # probe 25: the film meant had been set aside and the one taken back stayed liked
    ("movies like alien", "not alien, aliens", "Alien", "Aliens"),
    ("toy story", "not toy story, finding nemo", "Toy Story", "Finding Nemo"),
    ("i loved jaws", "no sorry, not jaws, jurassic park", "Jaws", "Jurassic Park"),
    ("i liked heat", "sorry not heat, collateral", "Heat", "Collateral"),
])
def test_one_title_swapped_for_another(movies: Catalog, film_assistant: Assistant, first: str,
                                       then: str, was: str, meant: str) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    assert [movies.titles[i] for i in session.liked_ids] == [meant]
    assert session.disliked_ids == []


@pytest.mark.parametrize(("first", "then"), [
    # regression probe 25: two films shown, turned down together, had been a swap (the second
    # a like cited in every reason)
    ("movies like alien", "not prometheus, alien covenant"),
    ("movies like inception", "not looper, source code"),
])
def test_two_films_shown_turned_down_are_no_swap(movies: Catalog, film_assistant: Assistant,
                                                 first: str, then: str) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    assert len(session.liked_ids) == 1 and len(session.disliked_ids) == 2


def test_a_film_disliked_is_no_swap(movies: Catalog, film_assistant: Assistant) -> None:
    """Regression probe 25b: "i hated titanic", then "not titanic, avatar" had liked Avatar."""
    session, _ = talk(film_assistant, "movies", "i hated titanic", "not titanic, avatar")
    assert session.liked_ids == [] and len(session.disliked_ids) == 2


def test_a_series_then_newest_first(movies: Catalog, film_assistant: Assistant) -> None:
    """Regression probe 25b: "Sorted by year, newest first" over an unsorted list."""
    _, result = talk(film_assistant, "movies", "star wars movies in order", "newest first")
    years = [int(movies.years[r.item_id]) for r in result.recommendations]
    assert years == sorted(years, reverse=True) and "newest first" in result.reply


def test_titles_set_aside_in_a_list_are_no_swap(movies: Catalog,
                                                film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "not titanic, the notebook or avatar")
    assert len(session.disliked_ids) == 3 and session.liked_ids == []


@pytest.mark.parametrize(("text", "cap"), [
    # probe 25r: a group's sum said in passing had set no limit ("I found nothing ... I can
    # filter by")
    ("something for a leaving do at work, we all chipped in £25", 25.0),
    ("leaving present, £25 from everyone", 25.0),
    ("leaving present, we have £25", 25.0),
    ("i need presents for my 2 nieces, £10 between them", 5.0),
    ("i have £15 to spend on 4 people", 3.75),
])
def test_a_budget_said_in_passing(shop_assistant: Assistant, text: str, cap: float) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.price_max == cap and result.recommendations


def test_a_budget_stretched(shop_assistant: Assistant) -> None:
    session, _ = talk(shop_assistant, "retail", "gifts under £5", "ok i can stretch to 8")
    assert session.filters.price_max == 8.0


@pytest.mark.parametrize("text", ["we have 2 kids and a dog", "i have 3 cats, something for a "
                                  "cat lover"])
def test_a_count_is_no_budget(shop_assistant: Assistant, text: str) -> None:
    session, _ = talk(shop_assistant, "retail", text)
    assert session.filters.price_max is None


@pytest.mark.parametrize(("text", "never"), [
    # probe 25r: a loss had been read as the thing to shop for (dog toys for a friend whose
    # dog died)
    ("sympathy gift for a friend who lost her dog", "dog"),
    ("my friend's dog died, something to cheer her up", "dog"),
    ("gift for a friend whose cat died", "cat"),
    ("something for my mate who just broke his leg", "leg"),
])
def test_a_loss_is_no_product(retail: Catalog, shop_assistant: Assistant, text: str,
                              never: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    words = [set(retail.titles[r.item_id].lower().split()) for r in result.recommendations]
    assert result.recommendations and not any(never in w or never + "s" in w for w in words)
    assert never not in " ".join(session.filters.subject + session.filters.topics)


def test_gift_is_no_product_word(retail: Catalog, shop_assistant: Assistant) -> None:
    """"gifts under £5" had shown four packs of gift tags; asked for by name they come; beside
    other words "gift" still finds ("baby shower gift": baby gift sets, regression probe)."""
    _, result = talk(shop_assistant, "retail", "gifts under £5")
    assert not any("gift" in retail.titles[r.item_id].lower() for r in result.recommendations)
    _, result = talk(shop_assistant, "retail", "gift tags please")
    assert all("tag" in retail.titles[r.item_id].lower() for r in result.recommendations)
    _, result = talk(shop_assistant, "retail", "baby gift")
    assert any("gift" in retail.titles[r.item_id].lower() for r in result.recommendations)


@pytest.mark.parametrize(("text", "subject"), [
    # regression probe 25b: a thing lost may be what is shopped for again
    ("i lost my keys, something to keep them in", "keys"),
    ("i lost my purse, need a new one", "purse"),
])
def test_a_lost_thing_is_still_shopped_for(shop_assistant: Assistant, text: str,
                                           subject: str) -> None:
    session, _ = talk(shop_assistant, "retail", text)
    assert subject in " ".join(session.filters.subject)


@pytest.mark.parametrize("text", [
    # regression probe 25b: "present" ends in -nt and had been read as "not for kids"
    "present for my kids teacher, end of term", "a pendant for my kids", "not just for kids"])
def test_no_children_set_aside_unsaid(shop_assistant: Assistant, text: str) -> None:
    session, _ = talk(shop_assistant, "retail", text)
    assert "children" not in session.filters.exclude_genres


@pytest.mark.parametrize(("text", "gone"), [
    ("garden things, nothing for kids", ("child", "kids")),
    ("stationery but no pencils and no notebooks", ("pencil", "notebook")),
    ("gift ideas, no wrapping paper", ("wrap",)),
    ("nothing with birds", ("bird",)),
    ("lunch bags || not the one with the skull", ("skull",)),
])
def test_things_set_aside_as_shoppers_say_them(retail: Catalog, shop_assistant: Assistant,
                                               text: str, gone: tuple[str, ...]) -> None:
    _, result = talk(shop_assistant, "retail", *text.split(" || "))
    names = [retail.titles[r.item_id].lower() for r in result.recommendations]
    assert names and not any(word in name for name in names for word in gone), names


@pytest.mark.parametrize(("text", "decade"), [
    # probe 25: a decade left out had been dropped without a word
    ("no 80s movies", 1980), ("horror but not from the 2010s", 2010),
    ("no 80s or 90s movies", 1990),  # both (regression probe: only the 80s had gone)
    ("nothing from the nineties please", 1990),
])
def test_a_decade_left_out(movies: Catalog, film_assistant: Assistant, text: str,
                           decade: int) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert f"{decade}s" in session.filters.exclude_topics
    assert "not set or made in the " in result.reply and f"{decade}s" in result.reply
    years = [int(movies.years[r.item_id]) for r in result.recommendations]
    assert years and not any(decade <= y <= decade + 9 for y in years)


def test_a_decade_bound_is_no_decade_left_out(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "nothing after the 90s")
    assert session.filters.year_max == 1999 and not session.filters.exclude_topics


@pytest.mark.parametrize(("text", "unknown"), [
    # probe 25: each had been matched as words, without a word said
    ("imdb 8+ thrillers", "review scores"), ("at least 7 stars", "review scores"),
    ("something critically acclaimed", "review scores"), ("british comedies", "countries"),
    ("pg-13 action", "age ratings"),
])
def test_what_films_are_not_known_by_is_said(film_assistant: Assistant, text: str,
                                             unknown: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert f"I don't know the {unknown} of these movies" in result.reply


@pytest.mark.parametrize(("first", "then", "question"), [
    # probe 25r: a question about a place, without its "?", had been stored as a pick
    ("mugs", "the 2nd one, when would it arrive", "delivery options"),
    ("mugs", "the 2nd one, is it made in the uk", "makers"),
    ("lanterns", "the 1st one, does it come with a bulb", None),
])
def test_a_question_about_a_place_is_no_pick(shop_assistant: Assistant, first: str,
                                             then: str, question: str | None) -> None:
    session, _ = talk(shop_assistant, "retail", first)
    result = shop_assistant.turn(session, then)
    assert session.liked_ids == [] and result.asked_id is not None
    if question:
        assert f"I don't know the {question}" in result.reply


@pytest.mark.parametrize(("first", "then", "place"), [
    # probe 25r: a changed pick had been added to the first and read in the new list
    ("mugs", "no wait, the first one", 0),
    ("lunch bags", "sorry i meant the 4th", 3),
])
def test_a_pick_changed_at_once(retail: Catalog, shop_assistant: Assistant, first: str,
                                then: str, place: int) -> None:
    session, shown = talk(shop_assistant, "retail", first)
    listed = shown.item_ids()
    shop_assistant.turn(session, "the 2nd one")
    assert session.liked_ids == [listed[1]]
    result = shop_assistant.turn(session, then)
    assert session.liked_ids == [listed[place]]
    assert f"I took back {retail.display_title(listed[1])}." in result.reply


@pytest.mark.parametrize("said", ["i prefer the {} one", "actually the {} one instead"])
def test_a_pick_by_description_with_a_word_around_it(retail: Catalog, shop_assistant: Assistant,
                                                     said: str) -> None:
    """"i prefer the woodland one" had brought a new page and picked nothing."""
    session, shown = talk(shop_assistant, "retail", "lunch bags")
    names = [set(retail.titles[i].lower().split()) for i in shown.item_ids()]
    word, item = next((w, i) for i, ws in zip(shown.item_ids(), names, strict=True)
                      for w in sorted(ws) if w.isalpha() and len(w) > 3
                      and sum(w in other for other in names) == 1)
    shop_assistant.turn(session, said.format(word))
    assert session.liked_ids == [item]


@pytest.mark.parametrize(("text", "title"), [
    # probe 25: had described Star Wars (1977), "the first film", as the newest
    ("what's the newest star wars movie", "Star Wars: Episode VIII – The Last Jedi"),
    ("what is the latest toy story", "Toy Story 4"),
])
def test_a_series_asked_by_its_place_in_time(movies: Catalog, film_assistant: Assistant,
                                             text: str, title: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert result.asked_id is not None and movies.titles[result.asked_id] == title


def test_fillers_are_not_the_thing_they_fill(retail: Catalog, shop_assistant: Assistant) -> None:
    """"party bag fillers" had shown the party bags themselves."""
    session, result = talk(shop_assistant, "retail",
                           "party bag fillers for 10 kids, under 50p each")
    assert session.filters.price_max == 0.5 and not session.filters.subject
    assert result.recommendations and not any(
        "party bag" in retail.titles[r.item_id].lower() for r in result.recommendations)


def test_a_thing_named_answers_a_word_asked_before(shop_assistant: Assistant) -> None:
    """Regression probe 25b: "a dad who likes tea", then "a teapot" kept "tea" as a word of
    the name and showed one teapot of the shop's five."""
    session, result = talk(shop_assistant, "retail", "a gift for my dad who likes tea",
                           "a teapot")
    assert session.filters.topics == () and session.filters.subject
    assert len(result.recommendations) > 1


@pytest.mark.parametrize(("lists", "then", "list_at", "place", "reading"), [
    # probe 25: a place in an earlier list had been read in the list shown last, and "seen it"
    # beside it as a like
    (("thrillers", "more"), "the 3rd one from the first list, seen it", 0, 2, "seen_ids"),
    (("romcoms", "dramas"), "i liked the first one from the previous list", 0, 0, "liked_ids"),
    (("westerns", "more", "more"), "the 2nd one from 2 lists ago, hated it", 0, 1,
     "disliked_ids"),
    (("musicals", "more"), "the 4th one from the list before that is great", 0, 3,
     "liked_ids"),
    (("comedies", "more", "more"), "i loved the second one from the 2nd list", 1, 1,
     "liked_ids"),
])
def test_a_place_in_an_earlier_list(film_assistant: Assistant, lists: tuple[str, ...],
                                    then: str, list_at: int, place: int, reading: str) -> None:
    session, _ = talk(film_assistant, "movies", lists[0])
    shown = [list(session.last_shown_ids)]
    for message in lists[1:]:
        film_assistant.turn(session, message)
        shown.append(list(session.last_shown_ids))
    assert session.shown_lists == shown
    film_assistant.turn(session, then)
    meant = shown[list_at][place]
    assert getattr(session, reading) == [meant]
    assert shown[-1][place] not in session.liked_ids + session.disliked_ids + session.seen_ids


def test_a_question_about_the_very_first_film_shown(movies: Catalog,
                                                    film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "musicals", "more", "more")
    result = film_assistant.turn(session, "the very first one you showed, who is in it")
    asked = session.shown_lists[0][0]
    assert result.asked_id == asked and session.liked_ids == []
    assert result.reply.startswith(f"{movies.display_title(asked)} stars")


def test_a_list_never_shown_is_said(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "comedies", "more")
    shown = list(session.last_shown_ids)
    result = film_assistant.turn(session, "the 2nd one from 3 lists ago")
    assert result.reply.startswith("I have shown you only 2 lists so far")
    assert session.liked_ids == [] and session.last_shown_ids == shown


def test_seen_before_is_no_earlier_list(film_assistant: Assistant) -> None:
    """"seen it before" says when it was seen, not which list: the list shown last."""
    session, _ = talk(film_assistant, "movies", "comedies", "more")
    meant = session.last_shown_ids[1]
    film_assistant.turn(session, "the 2nd one, seen it before")
    assert session.seen_ids == [meant]


@pytest.mark.parametrize(("lists", "then", "list_at", "place"), [
    # probe 25: "what was the second one ..." had been a like of the second film shown last
    (("westerns", "more"), "what was the second one you showed me before", 0, 1),
    (("westerns",), "what was the name of the third one", 0, 2),
    (("thrillers", "more", "more"), "what was the 4th one from the first list", 0, 3),
])
def test_which_film_a_place_was_is_answered(movies: Catalog, film_assistant: Assistant,
                                            lists: tuple[str, ...], then: str, list_at: int,
                                            place: int) -> None:
    session, _ = talk(film_assistant, "movies", *lists)
    asked = session.shown_lists[list_at][place]
    result = film_assistant.turn(session, then)
    assert result.asked_id == asked and session.liked_ids == []
    assert result.reply.startswith(movies.display_title(asked))



@pytest.mark.parametrize(("text", "moods", "genres"), [
    # probe 26: a comparison ("darker than X") had asked for nothing but X
    ("something darker than the dark knight", ["dark"], ()),
    ("something scarier than insidious", [], ("Horror",)),
    ("funnier than superbad please", [], ("Comedy",)),
])
def test_a_comparison_asks_for_its_quality(movies: Catalog, film_assistant: Assistant,
                                           text: str, moods: list[str],
                                           genres: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.moods == moods and session.filters.genres == genres
    assert result.recommendations and len(session.liked_ids) == 1


@pytest.mark.parametrize(("then", "reading"), [
    # probe 25: what the children thought of a film had switched the lists to children's films
    ("my kids loved the 2nd one but i didnt", "disliked_ids"),
    ("my kids loved the 2nd one", None),
    ("the second one... my kids hated it", None),  # theirs: no like, no dislike
])
def test_what_the_children_thought_asks_for_no_childrens_film(
        film_assistant: Assistant, then: str, reading: str | None) -> None:
    session, _ = talk(film_assistant, "movies", "comedies")
    meant = session.last_shown_ids[1]
    film_assistant.turn(session, then)
    assert session.filters.genres == ("Comedy",) and session.filters.audience == ()
    assert meant not in session.liked_ids
    if reading:
        assert getattr(session, reading) == [meant]


@pytest.mark.parametrize(("text", "genre"), [
    # probe 25: the genre another person hates, said as "it" or "them", had been asked for
    ("i like horror, my wife hates it, something we both enjoy", "Horror"),
    ("i like westerns, my husband cant stand them, something for both of us", "Western"),
    ("my husband loves war films but i find them boring", "War"),
])
def test_a_genre_disliked_as_it_is_set_aside(movies: Catalog, film_assistant: Assistant,
                                             text: str, genre: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters.exclude_genres == (genre,) and genre not in session.filters.genres
    assert result.recommendations
    assert not any(genre in movies.genres[r.item_id] for r in result.recommendations)


@pytest.mark.parametrize(("text", "genres"), [
    ("horror movies but my wife hates it when they're gory", ("Horror",)),
    # regression round 26: someone else's dislike, with the film not for both of them
    ("i love sci-fi, my dad doesnt like it but hes not watching", ("Science Fiction",)),
    ("romcoms, my husband hates them but i love them", ("Romance", "Comedy")),
    ("i like thrillers, my wife hates that i watch them", ("Thriller",)),
    ("i love war films but i find them boring sometimes", ("War",)),
])
def test_a_dislike_of_it_that_keeps_the_genre(film_assistant: Assistant, text: str,
                                              genres: tuple[str, ...]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters.genres == genres and session.filters.exclude_genres == ()



@pytest.mark.parametrize("text", ["a movie for my kids who loved toy story",
                                  "movies for kids that liked frozen"])
def test_a_film_for_children_who_liked_one(film_assistant: Assistant, text: str) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert session.filters.audience and len(session.liked_ids) == 1


def test_a_list_word_with_no_place_is_no_question(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "horror")
    result = film_assistant.turn(session, "the second round please")
    assert not result.reply.startswith("I have shown you")


@pytest.mark.parametrize(("text", "genres"), [
    # probe 26: "no romcoms" had set aside every comedy and every romance
    ("no romcoms", ()),
    ("comedies but no romantic comedies", ("Comedy",)),
])
def test_no_romcoms_sets_aside_the_films_of_both(movies: Catalog, film_assistant: Assistant,
                                                 text: str, genres: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert session.filters.exclude_genres == ("Romance+Comedy",)
    assert session.filters.genres == genres
    assert "no Romance and Comedy together" in result.reply
    both = movies.genre_mask(("Romance",)) & movies.genre_mask(("Comedy",))
    shown = [r.item_id for r in result.recommendations]
    assert shown and not both[shown].any()
    assert movies.genre_mask(("Romance+Comedy",)).sum() == both.sum() > 0


def test_a_romcom_set_aside_is_taken_back_by_its_name(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "no romcoms")
    film_assistant.remove_preference(session, "exclude_genres", "romance+comedy")
    assert session.filters.exclude_genres == ()


def test_a_place_in_an_earlier_list_on_the_shop(shop_assistant: Assistant) -> None:
    """Regression round 26: "list" had been shopped for ("Pantry magnetic shopping list")."""
    session, _ = talk(shop_assistant, "retail", "candles")
    first = list(session.last_shown_ids)
    shop_assistant.turn(session, "mugs")
    shop_assistant.turn(session, "the 2nd one from the first list")
    assert session.liked_ids == [first[1]] and session.filters.subject == ("mugs",)


@pytest.mark.parametrize("then", ["the second set looks nice", "how much is the 2nd set"])
def test_a_set_on_the_shop_is_no_list(shop_assistant: Assistant, then: str) -> None:
    session, _ = talk(shop_assistant, "retail", "candles")
    assert not shop_assistant.turn(session, then).reply.startswith("I have shown you")


def test_asking_of_an_earlier_list_keeps_the_list_shown(film_assistant: Assistant) -> None:
    """Regression round 26: the answer had brought a new list, and "the 3rd one" next
    pointed into it."""
    session, _ = talk(film_assistant, "movies", "movies like heat", "more")
    shown = list(session.last_shown_ids)
    result = film_assistant.turn(session, "the very first one you showed, who is in it")
    assert result.asked_id == session.shown_lists[0][0] and session.last_shown_ids == shown


@pytest.mark.parametrize(("lists", "then", "place", "reading"), [
    # regression round 26: a year ("from before 1990"), "the previous list" with one list
    # shown, and "you showed" after a place name no earlier list
    (("horror", "comedy"), "anything from before 1990 like the 2nd one", 1, "liked_ids"),
    (("horror",), "i liked the 2nd one from the previous list", 1, "liked_ids"),
    (("comedies",), "the last one you showed, seen it", -1, "seen_ids"),
    (("horror",), "the 2nd one, i don't think i'd like it", 1, None),
])
def test_places_in_the_list_shown_last(film_assistant: Assistant, lists: tuple[str, ...],
                                       then: str, place: int, reading: str | None) -> None:
    session, _ = talk(film_assistant, "movies", *lists)
    meant = session.last_shown_ids[place]
    film_assistant.turn(session, then)
    if reading:
        assert meant in getattr(session, reading)
    else:
        assert meant not in session.liked_ids + session.disliked_ids



def test_all_of_an_earlier_list_seen(film_assistant: Assistant) -> None:
    """Regression round 26: "seen all of the first list" had marked one film."""
    session, _ = talk(film_assistant, "movies", "horror", "comedy")
    first = session.shown_lists[0]
    film_assistant.turn(session, "seen all of the first list")
    assert session.seen_ids == first


@pytest.mark.parametrize(("messages", "liked", "disliked"), [
    # audit 26: films cited as liked that the person never said they liked
    (["I've seen Step Brothers", "I loved You've Got Mail"], ["You've Got Mail"], []),
    (["I never saw Mrs. Doubtfire"], [], []),
    (["everyone says Dirty Dancing is great but I haven't watched it"], [], []),
    (["I heard alien is good"], [], []),
    (["my friend recommended Scarface, is it good?"], [], []),
    (["my friend recommended scarface and i loved it"], ["Scarface"], []),
    (["Independence Day bored me to tears"], [], ["Independence Day"]),
    (["I walked out of The Exorcist"], [], ["The Exorcist"]),
])
def test_only_what_the_person_liked_is_liked(movies: Catalog, film_assistant: Assistant,
                                             messages: list[str], liked: list[str],
                                             disliked: list[str]) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert [movies.titles[i] for i in session.liked_ids] == liked
    assert [movies.titles[i] for i in session.disliked_ids] == disliked
    cited = {t for r in result.recommendations for t in r.because_titles}
    assert cited <= {movies.display_title(i) for i in session.liked_ids}


def test_another_persons_favourite_is_cited_as_theirs(film_assistant: Assistant) -> None:
    """Audit 26: "Fight Club is my mom's favourite" had been cited as the person's like."""
    session, result = talk(film_assistant, "movies", "Fight Club is my mom's favourite")
    assert list(session.others_liked.values()) == ["your mom"]
    assert all(r.explanation.startswith("Because your mom liked") for r in result.recommendations
               if r.because_titles)


def test_anothers_like_goes_on_after_but(film_assistant: Assistant) -> None:
    """Audit 26: "... but loves The Sixth Sense" had been cited as the person's like."""
    session, _ = talk(film_assistant, "movies",
                      "my daughter hates Pineapple Express but loves The Sixth Sense")
    assert list(session.others_liked.values()) == ["your daughter"]


@pytest.mark.parametrize("then", ["no sorry, Titanic", "sorry, titanic", "no, Titanic"])
def test_a_title_alone_after_no_corrects_the_one_before(movies: Catalog,
                                                        film_assistant: Assistant,
                                                        then: str) -> None:
    """Audit 26: "I loved Jurassic Park", then "no sorry, Titanic" had kept both liked."""
    session, result = talk(film_assistant, "movies", "I loved Jurassic Park", then)
    assert [movies.titles[i] for i in session.liked_ids] == ["Titanic"]
    assert "I took Jurassic Park (1993) back" in result.reply


# -- session 27 (2026-12-06): taking back, denials, the meant title first ---------------------

@pytest.mark.parametrize(("first", "then", "liked", "disliked", "taken"), [
    # the title meant first, then the one taken back: both had stayed liked
    ("I loved The Matrix", "wait i meant matrix reloaded not the matrix",
     ["The Matrix Reloaded"], [], "The Matrix (1999)"),
    ("i liked alien", "sorry I meant Aliens, not Alien", ["Aliens"], [], "Alien (1979)"),
    # the verdict goes with it: "hated" was said of the film meant
    ("I hated Caddyshack", "I meant La La Land not Caddyshack", [], ["La La Land"],
     "Caddyshack (1980)"),
])
def test_the_title_meant_then_the_one_taken_back(movies: Catalog, film_assistant: Assistant,
                                                 first: str, then: str, liked: list[str],
                                                 disliked: list[str], taken: str) -> None:
    session, result = talk(film_assistant, "movies", first, then)
    assert [movies.titles[i] for i in session.liked_ids] == liked
    assert [movies.titles[i] for i in session.disliked_ids] == disliked
    assert f"I took {taken} back: you meant" in result.reply
    assert "I forgot what you said of" not in result.reply  # said once, as the correction


@pytest.mark.parametrize(("message", "liked", "disliked"), [
    ("something like Heat not Collateral", ["Heat"], ["Collateral"]),
    # regression round 27: with no word of correction, a first message is no swap (both had
    # been set aside)
    ("Heat not Collateral", ["Heat"], ["Collateral"]),
    ("The Notebook, not Titanic", ["The Notebook"], ["Titanic"]),
])
def test_a_like_then_not_is_no_swap(movies: Catalog, movie_assistant: Assistant, message: str,
                                    liked: list[str], disliked: list[str]) -> None:
    """A like and a film set aside, no correction (the real assistant: its title prior links
    "Heat" opening a message)."""
    session, _ = talk(movie_assistant, "movies", message)
    assert [movies.titles[i] for i in session.liked_ids] == liked
    assert [movies.titles[i] for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("first", "then", "liked", "disliked"), [
    # a verdict given by pointing had been overturned at the next turn, when the message that
    # named the film was read again
    ("I hated Titanic", "no wait, I actually loved it", ["Titanic"], []),
    ("I loved Titanic", "no wait, I actually hated it", [], ["Titanic"]),
    ("I loved Men in Black", "actually I didn't", [], ["Men in Black"]),
    ("I hated Men in Black", "actually I did like it", ["Men in Black"], []),
])
def test_a_verdict_changed_by_pointing_holds(movies: Catalog, film_assistant: Assistant,
                                             first: str, then: str, liked: list[str],
                                             disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", first, then)
    for _ in range(2):  # and on the turns after it
        assert [movies.titles[i] for i in session.liked_ids] == liked
        assert [movies.titles[i] for i in session.disliked_ids] == disliked
        film_assistant.turn(session, "something else")


def test_naming_the_film_again_overrules_the_pointed_verdict(movies: Catalog,
                                                             film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I loved Men in Black", "actually I didn't",
                      "I loved Men in Black after all", "more")
    assert [movies.titles[i] for i in session.liked_ids] == ["Men in Black"]
    assert session.disliked_ids == []


@pytest.mark.parametrize("then", ["jk", "scratch that", "forget that", "just kidding",
                                  "lol jk", "I take it back", "never mind"])
def test_the_message_before_taken_back_whole(movies: Catalog, film_assistant: Assistant,
                                             then: str) -> None:
    """"I loved Men in Black and Heat", then "jk" had kept both likes (and said "I did not
    understand")."""
    session, result = talk(film_assistant, "movies", "I loved Men in Black and Heat", then)
    assert session.liked_ids == [] and session.disliked_ids == []
    assert "I forgot what you said of Men in Black (1997) and Heat (1996)." in result.reply
    assert "did not understand" not in result.reply
    film_assistant.turn(session, "something funny")  # read again, still taken back
    assert session.liked_ids == []


def test_taking_back_with_nothing_before_says_so(film_assistant: Assistant,
                                                shop_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "hi", "never mind")
    assert "I could not tell what to take back" in result.reply and "Titanic" in result.reply
    assert "matched its words" not in result.reply
    _, result = talk(shop_assistant, "retail", "hello", "never mind")
    assert '"forget mugs"' in result.reply and "Titanic" not in result.reply


@pytest.mark.parametrize(("catalog", "messages", "dropped"), [
    # what the message before asked for or set aside had stayed ("scratch that" was ignored)
    ("movies", ["comedies from the 90s", "scratch that"], "in Comedy, from 1990 to 1999"),
    ("movies", ["movies with Tom Hanks", "never mind"], "starring Tom Hanks"),
    ("movies", ["action movies", "nothing from 2017", "forget that"], "not from 2017"),
    ("retail", ["gift for my sister under 10 pounds", "scratch that"], "at most £10.00"),
    # regression round 27b: only what the message added goes, not what it repeated
    ("movies", ["comedies", "comedies from the 90s", "scratch that"], "from 1990 to 1999"),
    ("retail", ["mugs", "blue mugs", "scratch that"], "naming blue in the name"),
    # "jk" itself is no search ("Letter "j" bling key ring" had come first)
    ("retail", ["a mug for my dad", "jk"], "shopping for mug"),
])
def test_the_constraints_of_the_message_before_taken_back(film_assistant: Assistant,
                                                          shop_assistant: Assistant,
                                                          catalog: str, messages: list[str],
                                                          dropped: str) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, result = talk(assistant, catalog, *messages)
    assert f"As you asked, I dropped: {dropped}." in result.reply
    first = talk(assistant, catalog, messages[0])[0].filters
    # only the message before: what the first asked for stays when a third follows
    assert session.filters == (first if len(messages) == 3 else HardFilters())
    assert not any(r.title.lower().startswith('letter "') for r in result.recommendations)


@pytest.mark.parametrize(("messages", "held", "dropped"), [
    # what the message taken back had replaced had stayed gone: "action", "actually horror",
    # "scratch that" left no genre at all
    (["action please", "actually horror", "scratch that"], {"genres": ("Action",)}, "in Horror"),
    (["tom hanks movies", "actually tom cruise", "never mind"], {"cast": ("Tom Hanks",)},
     "starring Tom Cruise"),
    (["something from the 90s", "no, the 2000s", "jk"], {"year_min": 1990, "year_max": 1999},
     "from 2000 to 2009"),
])
def test_taking_back_brings_back_what_it_replaced(film_assistant: Assistant,
                                                  messages: list[str], held: dict,
                                                  dropped: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)
    assert f"As you asked, I dropped: {dropped}." in result.reply
    assert "could not tell" not in result.reply


def test_a_title_and_a_constraint_taken_back_together(movies: Catalog,
                                                      film_assistant: Assistant) -> None:
    """"I loved Inception, something from the 90s", "scratch that" had forgotten Inception
    and kept the 90s."""
    session, result = talk(film_assistant, "movies", "I loved Inception, something from the 90s",
                           "scratch that")
    assert session.liked_ids == [] and session.filters == HardFilters()
    assert "from 1990 to 1999" in result.reply and "Inception (2010)" in result.reply


@pytest.mark.parametrize("messages", [
    # "never mind" had said it could not tell what to take back, and kept the like
    ["what's Inception about?", "I loved it", "never mind"],
    ["thrillers", "the second one", "never mind"],  # a pick by place
    ["tell me about Jaws", "I hated it", "never mind"],  # a dislike (regression round 28)
    ["what's Jaws about?", "I've seen it", "scratch that"],
])
def test_a_verdict_by_pointing_taken_back(movies: Catalog, film_assistant: Assistant,
                                          messages: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", *messages[:-1])
    said = ("liked_ids", "wanted_ids", "disliked_ids", "seen_ids")
    pointed = [i for name in said for i in getattr(session, name)]
    assert len(pointed) == 1
    result = film_assistant.turn(session, messages[-1])
    assert not any(getattr(session, name) for name in said)
    assert f"I forgot what you said of {movies.display_title(pointed[0])}." in result.reply
    film_assistant.turn(session, "something else")  # read again, still taken back
    assert not any(getattr(session, name) for name in said)


@pytest.mark.parametrize(("messages", "left"), [
    # "actually I don't" had asked which film "it" is and kept the comedies
    (["comedies please", "actually I don't"], HardFilters()),
    (["comedies please", "I changed my mind"], HardFilters()),
    (["horror", "comedies please", "actually I don't want that"], HardFilters(genres=("Horror",))),
])
def test_a_request_taken_back_in_other_words(film_assistant: Assistant, messages: list[str],
                                             left: HardFilters) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == left and "As you asked, I dropped: in Comedy." in result.reply
    assert '"it"' not in result.reply


@pytest.mark.parametrize(("messages", "held"), [
    # "I no longer like him" had been read as nothing and kept asking for him
    (["adam sandler movies", "I no longer like him"], {"exclude_cast": ("Adam Sandler",)}),
    (["I used to love Adam Sandler", "I don't like him anymore"],
     {"exclude_cast": ("Adam Sandler",)}),
    (["nolan movies", "actually I can't stand him"],
     {"exclude_directors": ("Christopher Nolan",)}),
])
def test_a_person_disliked_by_a_pronoun(film_assistant: Assistant, messages: list[str],
                                        held: dict) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters == HardFilters(**held)
    assert "I found nothing" not in result.reply


def test_a_title_repeated_then_taken_back_stays(movies: Catalog,
                                                film_assistant: Assistant) -> None:
    """Regression round 27b: "I loved Heat", "I loved Heat and Collateral", "scratch that" had
    forgotten Heat too."""
    session, result = talk(film_assistant, "movies", "I loved Heat", "I loved Heat and Collateral",
                           "scratch that")
    assert [movies.titles[i] for i in session.liked_ids] == ["Heat"]
    assert "I forgot what you said of Collateral (2004)." in result.reply


@pytest.mark.parametrize(("messages", "genres", "excluded"), [
    (["i no longer like horror"], (), ("Horror",)),
    (["I love horror", "i no longer like horror"], (), ("Horror",)),
    (["i'm no longer into westerns, something else"], (), ("Western",)),
])
def test_a_taste_that_changed_sets_the_genre_aside(film_assistant: Assistant, messages: list[str],
                                                   genres: tuple, excluded: tuple) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert session.filters.genres == genres and session.filters.exclude_genres == excluded


def test_a_film_no_longer_liked(movies: Catalog, film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies", "I loved Titanic", "I no longer like Titanic")
    assert session.liked_ids == []
    assert [movies.titles[i] for i in session.disliked_ids] == ["Titanic"]


@pytest.mark.parametrize(("message", "excluded"), [
    ("a thriller with no serial killers", ("serial killers",)),
    ("a thriller, nothing about serial killers please", ("serial killers",)),
    # not things: a genre word, an adjective, chat
    ("a war movie, nothing about world war 2", ()),
    ("comedy, no thanks man", ()),
])
def test_two_words_set_aside_as_one_thing(movies: Catalog, movie_assistant: Assistant,
                                          message: str, excluded: tuple) -> None:
    """The real assistant: its title prior keeps "killers" from linking the film Killers."""
    session, result = talk(movie_assistant, "movies", message)
    assert session.filters.exclude_topics == excluded
    if excluded:
        assert "not naming serial killers in the title or summary" in result.reply
        held = movies.topic_mask(excluded)
        assert not any(held[r.item_id] for r in result.recommendations)


def test_a_pick_forgotten_by_its_place(shop_assistant: Assistant) -> None:
    """"forget the 2nd one" had kept the pick (read as picking it again)."""
    session, _ = talk(shop_assistant, "retail", "tea towels")
    second = session.last_shown_ids[1]
    shop_assistant.turn(session, "I'll take the 2nd one")
    assert second in session.liked_ids
    result = shop_assistant.turn(session, "forget the 2nd one")
    assert second not in session.liked_ids and session.picked_ids == []
    assert "I forgot what you said of" in result.reply


def test_a_like_forgotten_by_its_place_after_a_new_list(film_assistant: Assistant) -> None:
    """The new list's second film had nothing said of it: the like at that place in the list
    before is the one taken back."""
    session, _ = talk(film_assistant, "movies", "comedies")
    second = session.last_shown_ids[1]
    film_assistant.turn(session, "I loved the second one")
    assert session.liked_ids == [second] and session.last_shown_ids[1] != second
    film_assistant.turn(session, "forget the second one")
    film_assistant.turn(session, "more")
    assert session.liked_ids == []


@pytest.mark.parametrize(("then", "both"), [
    ("the first one, no wait, the third one", False),
    ("the first one. sorry, i meant the third one", False),
    # regression round 27: a place added or praised after "actually" replaces nothing
    ("i like the first one. actually the third one too", True),
    ("I loved the first one, actually the third one was better", True),
])
def test_a_place_corrected_in_the_same_message(shop_assistant: Assistant, then: str,
                                               both: bool) -> None:
    session, _ = talk(shop_assistant, "retail", "tea towels")
    first, third = session.last_shown_ids[0], session.last_shown_ids[2]
    shop_assistant.turn(session, then)
    assert third in session.liked_ids and (first in session.liked_ids) == both


@pytest.mark.parametrize(("messages", "excluded", "said"), [
    # a single year set aside had been read as nothing, and its films were shown
    (["comedies", "not from 2017"], ("2017",), "not from 2017"),
    (["horror movies, but not from 2017"], ("2017",), "not from 2017"),
    (["no 2016 or 2017 movies please"], ("2016", "2017"), "not from 2016 or 2017"),
    # a span left out is each of its years, no longer a span asked for
    (["nothing from 2000 to 2005"], tuple(str(y) for y in range(2000, 2006)),
     "not from 2000 to 2005"),
    (["comedies, not between 1990 and 1992"], ("1990", "1991", "1992"),
     "not from 1990 to 1992"),
    # bounds stay bounds
    (["nothing after 2010"], (), "before 2011"),
    (["comedies not before 2010"], (), "from 2010 on"),
])
def test_a_single_year_set_aside(movies: Catalog, film_assistant: Assistant,
                                 messages: list[str], excluded: tuple, said: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert session.filters.exclude_topics == excluded and said in result.reply
    years = {int(movies.years[r.item_id]) for r in result.recommendations}
    assert not years & {int(y) for y in excluded}


@pytest.mark.parametrize(("text", "span"), [
    # had been read as nothing ("I found nothing ... I can filter by") and its films shown
    ("nothing from 1980 to 2005", ("1980", "2005")),
    ("comedies but not between 1950 and 1999", ("1950", "1999")),
])
def test_a_long_span_set_aside_is_said_back(film_assistant: Assistant, text: str,
                                            span: tuple[str, str]) -> None:
    session, result = talk(film_assistant, "movies", text)
    low, high = span
    assert f'{low} to {high} is not left out: say "before {low}" or "after {high}"' in \
        result.reply
    assert "I found nothing" not in result.reply and session.filters.exclude_topics == ()


@pytest.mark.parametrize("then", ["any year is fine", "ok 2017 is fine too"])
def test_a_year_set_aside_taken_back(film_assistant: Assistant, then: str) -> None:
    session, result = talk(film_assistant, "movies", "comedies, not from 2017", then)
    assert session.filters.exclude_topics == () and "I dropped: not from 2017" in result.reply


@pytest.mark.parametrize(("message", "title"), [
    # regression round 27: "nothing with harry potter" had liked it
    ("nothing with harry potter please, something magical", "Harry Potter"),
    ("something with Tom Hanks, nothing with Forrest Gump though", "Forrest Gump"),
])
def test_nothing_with_a_title_sets_it_aside(movies: Catalog, movie_assistant: Assistant,
                                            message: str, title: str) -> None:
    session, result = talk(movie_assistant, "movies", message)
    assert session.liked_ids == []
    assert title in [movies.titles[i] for i in session.disliked_ids]
    assert all(title not in r.title for r in result.recommendations)


@pytest.mark.parametrize(("message", "person"), [
    # regression round 27: "no longer a fan of adam sandler" had asked for him, "i no longer
    # like tom cruise" read nothing
    ("no longer a fan of adam sandler", "Adam Sandler"),
    ("i no longer like tom cruise", "Tom Cruise"),
    ("i'm no longer into jim carrey movies", "Jim Carrey"),
])
def test_a_person_no_longer_liked_is_set_aside(movies: Catalog, film_assistant: Assistant,
                                               message: str, person: str) -> None:
    session, result = talk(film_assistant, "movies", message)
    assert session.filters.exclude_cast == (person,) and session.filters.cast == ()
    assert not any(person in movies.cast[r.item_id] for r in result.recommendations)


@pytest.mark.parametrize(("before", "text", "shown", "said"), [
    # each had been read as nothing and answered with a third list, "I found nothing in ...
    # I can filter by"
    (("thrillers", "something else"), "show me the first list again", 0, "the first list"),
    (("thrillers", "something else"), "can I see the previous list again?", 0,
     "before that one"),
    (("thrillers", "something else"), "what did you recommend before?", 0, "before that one"),
    (("thrillers", "something else"), "go back to the list before", 0, "before that one"),
    (("thrillers", "something else", "more"), "what were the first ones you showed me?", 0,
     "the first list"),
    (("thrillers", "something else"), "show me those again", 1, "the last list"),
])
def test_an_earlier_list_shown_again(film_assistant: Assistant, before: tuple[str, ...],
                                     text: str, shown: int, said: str) -> None:
    session, _ = talk(film_assistant, "movies", *before)
    lists = [list(ids) for ids in session.shown_lists]
    result = film_assistant.turn(session, text)
    assert [r.item_id for r in result.recommendations] == lists[shown]
    assert said in result.reply and "I found nothing" not in result.reply
    # the places of the next message are in the list shown again
    picked = film_assistant.turn(session, "the second one")
    assert lists[shown][1] in set(session.wanted_ids) | set(session.liked_ids), picked.reply


def test_an_earlier_list_shown_again_says_none_of_todays_constraints(
        film_assistant: Assistant) -> None:
    """Regression round 28: the first list (action) had been headed "(in Horror)"; after one
    list, "what did you recommend before?" had called it "the list before that one"."""
    session, _ = talk(film_assistant, "movies", "action please", "horror")
    result = film_assistant.turn(session, "show me the first list again")
    assert "Horror" not in result.reply and "the first list I showed you, again" in result.reply
    session, _ = talk(film_assistant, "movies", "thrillers")
    result = film_assistant.turn(session, "what did you recommend before?")
    assert "This is the last list I showed you, again." in result.reply


@pytest.mark.parametrize("text", ["back to the list, more", "go back to the list, something else"])
def test_more_of_a_list_is_not_it_again(film_assistant: Assistant, text: str) -> None:
    session, _ = talk(film_assistant, "movies", "thrillers", "something else")
    shown = list(session.last_shown_ids)
    result = film_assistant.turn(session, text)
    assert not {r.item_id for r in result.recommendations} & set(shown)
    assert "again." not in result.reply


def test_an_earlier_list_never_shown(film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "what did you recommend before?")
    assert "I have not shown you that list" in result.reply and result.recommendations


@pytest.mark.parametrize("text", ["show me those movies", "show me the first movie again",
                                  "tell me about the first one"])
def test_no_list_asked_again(film_assistant: Assistant, text: str) -> None:
    session, _ = talk(film_assistant, "movies", "thrillers", "something else")
    result = film_assistant.turn(session, text)
    assert "I showed you, again" not in result.reply


# -- session 30 (2026-12-06): a film's title that names a series, set aside ------------------

@pytest.mark.parametrize(("text", "series"), [
    ("anything except star wars please", "star wars"),  # had set aside Star Wars (1977) alone
    ("no batman", "batman"),
    ("something without star wars", "star wars"),  # had liked Star Wars (1977)
    ("I like sci-fi, anything but star wars", "star wars"),
    ("skip toy story", "toy story"),
    ("anything but the godfather", "godfather"),  # "the" is the title's own
    # each name of a list refused ("Superman (1978)" alone had been set aside)
    ("superhero but no batman or superman", "superman"),
    ("no toy story or shrek", "shrek"),
    # the regression round's: other words of refusal, a name with "and", a verdict word
    ("exclude harry potter and star wars", "star wars"),  # had liked both
    ("i'm sick of star wars", "star wars"),
    ("something different, not star wars", "star wars"),
    ("Spielberg, not Jurassic Park", "jurassic park"),  # only "but not" keeps the film
    ("action movie, no fast and furious pls", "fast & furious"),
    ("i like action but no transformers or fast and furious", "transformers"),
])
def test_a_title_that_names_a_series_sets_the_series_aside(
        movies: Catalog, film_assistant: Assistant, text: str, series: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    spelling, films = movies.series_films(series)
    assert len(films) >= 3 and f"{spelling} series" in session.filters.exclude_topics
    assert not session.liked_ids
    assert result.recommendations and not {r.item_id for r in result.recommendations} & set(films)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    # the film out of what was named, or its verdict's film: no series
    ("Spielberg but not Jurassic Park", [], ["Jurassic Park (1993)"]),
    ("nothing scary except jaws", ["Jaws (1975)"], []),  # an exception to a refusal
    ("a movie without a dull moment like die hard", ["Die Hard (1988)"], []),  # had disliked
    ("I loved Toy Story but not Toy Story 2", ["Toy Story (1995)"], ["Toy Story 2 (1999)"]),
    ("I liked them all except Star Wars", [], ["Star Wars (1977)"]),
    ("not toy story, finding nemo", [], ["Toy Story (1995)", "Finding Nemo (2003)"]),
    # a title "without" is set aside, unless the person could not do without it
    ("recommend something without titanic", [], ["Titanic (1997)"]),
    ("the third Matrix was weak", [], ["The Matrix Revolutions (2003)"]),  # had been a like
    ("I can't imagine my childhood without Toy Story", ["Toy Story (1995)"], []),
    # the exception to a dislike is liked, and no series goes ("hated them except die hard"
    # had set Die Hard and its series aside)
    ("I hated them all except Die Hard", ["Die Hard (1988)"], []),
])
def test_a_title_set_aside_as_a_film(movies: Catalog, film_assistant: Assistant, text: str,
                                     liked: list[str], disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert not session.filters.exclude_topics
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked


@pytest.mark.parametrize("messages", [
    # a title swapped for another sets no series aside (the regression round's finds)
    ("i loved jaws", "no sorry, not jaws, jurassic park"),
    ("the hobbit", "not the hobbit, lord of the rings"),
    ("the matrix", "wait i meant matrix reloaded not the matrix"),
])
def test_a_swap_sets_no_series_aside(film_assistant: Assistant,
                                     messages: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert not session.filters.exclude_topics and "series" not in result.reply


def test_a_list_of_series_set_aside_is_said_as_a_list(film_assistant: Assistant) -> None:
    session, result = talk(film_assistant, "movies", "no batman, superman or thor")
    assert session.filters.exclude_topics == ("Batman series", "Superman series",
                                              "Thor series")
    assert "(not in the Batman series, the Superman series or the Thor series)" in result.reply
    assert "I set aside Batman (1989), Superman (1978) and Thor (2011)." in result.reply
    session, _ = talk(film_assistant, "movies", "no batman, comedies please")  # no list
    assert session.filters.exclude_topics == ("Batman series",)


@pytest.mark.parametrize("then", ["not home alone", "no home alone movies"])
def test_a_series_set_aside_keeps_the_rest_of_the_list(movies: Catalog,
                                                       film_assistant: Assistant,
                                                       then: str) -> None:
    """The list shown keeps its places when a film of it goes with its series ("no home alone
    movies" had left one film: the rest had been shown)."""
    session, first = talk(film_assistant, "movies", "christmas movie for the family")
    shown = [r.item_id for r in first.recommendations]
    place = [movies.titles[i] for i in shown].index("Home Alone")
    result = film_assistant.turn(session, then)
    now = [r.item_id for r in result.recommendations]
    assert len(now) == len(shown) and movies.titles[now[place]] != "Home Alone"
    assert now[:place] + now[place + 1 :] == shown[:place] + shown[place + 1 :]
    assert session.filters.exclude_topics == ("Home Alone series",)


@pytest.mark.parametrize(("text", "series", "gone"), [
    # a place set aside in the message asking for a series is its film in release order (it
    # had pointed at nothing, or at the list shown before)
    ("indiana jones movies but not the last one", "indiana jones",
     ["Indiana Jones and the Kingdom of the Crystal Skull"]),
    ("star wars movies, not the first one", "star wars", ["Star Wars"]),  # its sequels stay
    # the mention model had read the title that named the series as no verdict again
    ("jurassic park movies but not the first one", "jurassic park", ["Jurassic Park"]),
    ("all the harry potter movies except the first two", "harry potter",
     ["Harry Potter and the Philosopher's Stone", "Harry Potter and the Chamber of Secrets"]),
])
def test_a_place_set_aside_of_the_series_asked(movies: Catalog, film_assistant: Assistant,
                                               text: str, series: str,
                                               gone: list[str]) -> None:
    session, result = talk(film_assistant, "movies", "thrillers", text)
    assert [movies.titles[i] for i in session.disliked_ids] == gone
    films = set(movies.series_films(series)[1])
    shown = {r.item_id for r in result.recommendations}
    assert shown and shown <= films and not {movies.titles[i] for i in shown} & set(gone)
    assert len(shown) == len(movies.release_order(films)) - len(gone) or len(shown) == 5
    if text.startswith("all the"):
        assert "The 5 films of the series I know that fit, in order of release." in result.reply


def test_no_and_a_title_is_no_correction(movies: Catalog, film_assistant: Assistant) -> None:
    """"no batman" after a title had taken that title back ("you meant Batman"); "no, avatar"
    still corrects."""
    session, result = talk(film_assistant, "movies", "I loved Titanic", "no avatar")
    assert [movies.display_title(i) for i in session.liked_ids] == ["Titanic (1997)"]
    assert "took" not in result.reply and "Avatar (2009)" in {
        movies.display_title(i) for i in session.disliked_ids}
    for then in ("no, avatar", "not that, avatar"):  # "not that" had liked both
        session, result = talk(film_assistant, "movies", "I loved Titanic", then)
        assert [movies.display_title(i) for i in session.liked_ids] == ["Avatar (2009)"]
        assert "I took Titanic (1997) back: you meant Avatar (2009)." in result.reply


def test_a_swap_of_two_films_stays_set_aside(movies: Catalog,
                                             movie_assistant: Assistant) -> None:
    """"not toy story, finding nemo" (neither liked before) sets both aside; the next message
    had read it again, through the mention model, as a swap and liked Finding Nemo ("based on
    Finding Nemo")."""
    session, result = talk(movie_assistant, "movies", "not toy story, finding nemo",
                           "I like sci-fi")
    assert session.liked_ids == [] and [movies.display_title(i) for i in session.disliked_ids] \
        == ["Toy Story (1995)", "Finding Nemo (2003)"]
    assert "based on" not in result.reply
    session, _ = talk(movie_assistant, "movies", "not toy story, finding nemo", "I like sci-fi",
                      "toy story was great actually")  # naming it again says anew
    assert [movies.display_title(i) for i in session.liked_ids] == ["Toy Story (1995)"]


def test_a_series_set_aside_is_said_once(film_assistant: Assistant) -> None:
    """"no more star wars please" had said "I set aside The Last Jedi, The Force Awakens, The
    Empire Strikes Back and 5 more. I set aside Star Wars (1977).\""""
    _, result = talk(film_assistant, "movies", "no more star wars please")
    assert "(not in the Star Wars series)" in result.reply and "more." not in result.reply
    assert result.reply.count("I set aside") == 1


@pytest.mark.parametrize(("then", "liked", "disliked", "seen"), [
    # the verdict of a plural pronoun says more than the viewing ("seen those, hated them" had
    # noted both as seen), and alone it is read ("hated those" had been nothing)
    ("seen those, hated them", [], ["The Matrix Reloaded", "The Matrix Revolutions"], []),
    ("hated those", [], ["The Matrix Reloaded", "The Matrix Revolutions"], []),
    ("seen them, loved them both", ["The Matrix Reloaded", "The Matrix Revolutions"], [], []),
    ("seen those", [], [], ["The Matrix Reloaded", "The Matrix Revolutions"]),
    ("I love those kinds of movies", [], [], []),  # no verdict of the list
    ("hated them tbh", [], ["The Matrix Reloaded", "The Matrix Revolutions"], []),
])
def test_a_verdict_of_the_list_as_them(movies: Catalog, film_assistant: Assistant, then: str,
                                       liked: list[str], disliked: list[str],
                                       seen: list[str]) -> None:
    session, result = talk(film_assistant, "movies", "the matrix sequels")
    assert sorted(movies.titles[r.item_id] for r in result.recommendations) == [
        "The Matrix Reloaded", "The Matrix Revolutions"]
    film_assistant.turn(session, then)
    assert sorted(movies.titles[i] for i in session.liked_ids) == liked
    assert sorted(movies.titles[i] for i in session.disliked_ids) == disliked
    assert sorted(movies.titles[i] for i in session.seen_ids) == seen


@pytest.mark.parametrize(("first", "then"), [
    ("I loved Alien and Aliens", "I hated them actually"),  # it had been nothing
    # a first version of the plural verdict had set aside the five films shown
    ("i watched alien and aliens", "hated them"),
])
def test_them_of_the_films_named_before(movies: Catalog, film_assistant: Assistant,
                                        first: str, then: str) -> None:
    """A verdict of "them" right after a message naming films is of those films; after one
    naming none ("thrillers", then "hated them tbh") it is of the list shown."""
    session, result = talk(film_assistant, "movies", first, then, "comedies")
    assert session.liked_ids == [] and sorted(movies.titles[i] for i in session.disliked_ids) \
        == ["Alien", "Aliens"]


@pytest.mark.parametrize(("text", "read"), [
    # a genre asked as a question, then refused: it had been asked for
    ("horror? I hate them", {"exclude_genres": ("Horror",)}),
    ("horror? no thanks", {"exclude_genres": ("Horror",)}),
    ("westerns? hard pass", {"exclude_genres": ("Western",)}),
    ("romcoms? ugh, no", {"exclude_genres": ("Romance+Comedy",)}),
    # never a refusal of something else after it, nor a yes
    ("any good horror? no gore though", {"genres": ("Horror",)}),
    ("horror? no problem", {"genres": ("Horror",)}),
])
def test_a_genre_asked_then_refused(film_assistant: Assistant, text: str, read: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert {k: v for k, v in session.filters.model_dump().items()
            if k in ("genres", "exclude_genres") and v} == read


@pytest.mark.parametrize(("messages", "read"), [
    # the shop's words too: "mugs? no thanks" had shopped for mugs in the garden
    (("mugs? no thanks, something for the garden",),
     {"genres": ("garden",), "exclude_topics": ("mugs",)}),
    (("a gift for my mum", "kitchen stuff? no, she has loads"), {"exclude_genres": ("kitchen",)}),
    (("mugs? yes please",), {"subject": ("mugs",)}),
])
def test_a_product_asked_then_refused(shop_assistant: Assistant, messages: tuple[str, ...],
                                      read: dict) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    assert {k: v for k, v in session.filters.model_dump().items()
            if k in ("genres", "exclude_genres", "exclude_topics", "subject") and v} == read
    if "exclude_topics" in read:
        assert result.recommendations and not any(
            "mug" in r.title.lower() for r in result.recommendations)


def test_the_latest_of_a_series_is_a_film_not_a_date(movies: Catalog,
                                                     film_assistant: Assistant) -> None:
    """"the latest batman" names The Dark Knight Rises; it had also asked for films from
    2017 on ("latest" read as recent)."""
    session, _ = talk(film_assistant, "movies", "the latest batman")
    assert [movies.display_title(i) for i in session.liked_ids] == [
        "The Dark Knight Rises (2012)"]
    assert session.filters.year_min is None
    session, _ = talk(film_assistant, "movies", "something recent")
    assert session.filters.year_min is not None


@pytest.mark.parametrize(("text", "gone"), [
    # a place after the one film named that names a series: its films, not the list shown
    # (the last film shown had been set aside, and the name disliked)
    ("harry potter except the last one", ["Harry Potter and the Deathly Hallows – Part 2"]),
    ("pirates of the caribbean but not the last two",
     ["Pirates of the Caribbean: On Stranger Tides",
      "Pirates of the Caribbean: Dead Men Tell No Tales"]),
])
def test_a_place_after_a_series_named_by_a_title(movie_assistant: Assistant, movies: Catalog,
                                                 text: str, gone: list[str]) -> None:
    session, first = talk(movie_assistant, "movies", "thrillers")
    movie_assistant.turn(session, text)
    assert sorted(movies.titles[i] for i in session.disliked_ids) == sorted(gone)
    assert not {r.item_id for r in first.recommendations} & set(session.disliked_ids)


@pytest.mark.parametrize(("text", "read"), [
    # "done with" a genre sets it aside (it had asked for it); denied, it asks
    ("I'm done with horror", {"exclude_genres": ("Horror",)}),
    ("i'm not done with horror yet", {"genres": ("Horror",)}),
])
def test_done_with_a_genre(film_assistant: Assistant, text: str, read: dict) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert {k: v for k, v in session.filters.model_dump().items()
            if k in ("genres", "exclude_genres") and v} == read


@pytest.mark.parametrize("messages", [
    ("why no star wars?",),  # a question about what is missing: no series set aside
    ("harry potter movies", "why no harry potter?"),
    ("i'm not sick of star wars",),  # no dislike either
])
def test_no_refusal_in_a_question_or_a_denial(movies: Catalog, film_assistant: Assistant,
                                              messages: tuple[str, ...]) -> None:
    session, _ = talk(film_assistant, "movies", *messages)
    assert not session.filters.exclude_topics and not session.disliked_ids


@pytest.mark.parametrize("then", ["which one is the best of these?", "which should I watch first?",
                                  "which one would you pick?", "what's your top pick?"])
def test_asked_to_choose_from_the_list_the_first_is_named(movies: Catalog,
                                                          film_assistant: Assistant,
                                                          then: str) -> None:
    """"I liked Heat", then "which one is the best of these?" had shown a new list: the list
    on screen stays, and its first film is named as the pick."""
    session, first = talk(film_assistant, "movies", "I liked Heat")
    shown = [r.item_id for r in first.recommendations]
    result = film_assistant.turn(session, then)
    assert result.reply == (f"Of the {len(shown)} movies I showed you, I'd start with "
                            f"{movies.display_title(shown[0])}, the one I ranked first for what "
                            f"you told me.")
    assert session.last_shown_ids == shown
    assert [movies.display_title(i) for i in session.liked_ids] == ["Heat (1996)"]


@pytest.mark.parametrize("then", ["which one is the funniest?", "which one is the best horror?"])
def test_a_question_naming_a_kind_is_no_pick(film_assistant: Assistant, then: str) -> None:
    session, _ = talk(film_assistant, "movies", "comedies")
    assert "I'd start with" not in film_assistant.turn(session, then).reply


def test_a_product_named_in_english_order_is_the_product(retail: Catalog,
                                                         shop_assistant: Assistant) -> None:
    """"I loved the red retrospot lunch bag" had read no product: it asked for lunch bags in
    red retrospot and showed the one the person already loved, alone."""
    session, result = talk(shop_assistant, "retail", "I loved the red retrospot lunch bag")
    assert [retail.titles[i] for i in session.liked_ids] == ["Lunch bag red retrospot"]
    assert len(result.recommendations) == 5
    assert "Lunch bag red retrospot" not in [r.title for r in result.recommendations]


@pytest.mark.parametrize(("text", "dearest"), [
    # a price superlative is an order over every match: "what's your cheapest item?" had
    # capped the price at the cheapest quarter, and "the most expensive thing you sell" had
    # sorted the 200 retrieved candidates, none of them the shop's dearest
    ("what's your cheapest item?", False),
    ("what's the most expensive thing you sell?", True),
    ("show me your cheapest candles", False),
    ("cheapest mug you have", False),
    # a superlative said alone (session 39: "the most expensive?" had been a bound, "at least
    # £4.13", and "candles, the cheapest?" the cheapest quarter)
    ("the most expensive?", True), ("candles, the cheapest?", False),
])
def test_a_price_superlative_orders_every_match(retail: Catalog, shop_assistant: Assistant,
                                                text: str, dearest: bool) -> None:
    session, result = talk(shop_assistant, "retail", text)
    fits = filter_mask(retail, session.filters)
    fits[retail.not_for_sale()] = False
    prices = retail.prices[fits]
    best = float(np.nanmax(prices) if dearest else np.nanmin(prices))
    shown = [float(retail.prices[r.item_id]) for r in result.recommendations]
    assert len(shown) == 5 and shown == sorted(shown, reverse=dearest)
    assert shown[0] == pytest.approx(best)
    assert (session.filters.price_min, session.filters.price_max) == (None, None)
    assert ("dearest first." if dearest else "cheapest first.") in result.reply


def test_a_price_order_of_words_matched_keeps_their_matches(shop_assistant: Assistant) -> None:
    """"cute things" are matched against the names (no filter holds them): sorted by price
    they stay the cute things found, not the shop's cheapest pencils."""
    _, ordered = talk(shop_assistant, "retail", "cute things", "cheapest first")
    _, every = talk(shop_assistant, "retail", "what's your cheapest item?")
    assert [r.item_id for r in ordered.recommendations] != [
        r.item_id for r in every.recommendations]


def _for_children(catalog: Catalog, item: int) -> bool:
    words = set(re.findall(r"[a-z]+", catalog.titles[item].lower()))
    return "children" in catalog.genres[item] or bool(
        words & {"childs", "childrens", "children", "kids", "child"})


@pytest.mark.parametrize("messages", [
    # "Childs garden trowel pink" had been a birthday present for a mum
    ["I need a birthday present for my mum, she loves gardening, under £10"],
    ["I need a birthday present for my mum, she loves gardening, under £10", "something cheaper"],
    ["a gift for my dad", "something for the garden"],
    ["a gift for my co-worker"],
    # said without "my" or of teenagers: "stocking fillers for teenagers under £3" had put
    # "Children's spaceboy mug" first
    ["stocking fillers for teenagers under £3"],
    ["a present for mum"],
])
def test_a_grown_ups_gift_puts_childrens_things_last(retail: Catalog, shop_assistant: Assistant,
                                                     messages: list[str]) -> None:
    session, result = talk(shop_assistant, "retail", *messages)
    fits = filter_mask(retail, session.filters)
    grown = [i for i in np.flatnonzero(fits) if not _for_children(retail, int(i))]
    assert len(grown) >= 5  # enough grown-up things fit: none of the children's is shown
    assert len(result.recommendations) == 5
    assert not any(_for_children(retail, r.item_id) for r in result.recommendations)
    assert ("those made for children come last" in result.reply) == (len(messages) == 1)


@pytest.mark.parametrize(("message", "text"), [
    # a recipient no product name addresses leaves the text search: "a gift for a friend"
    # had matched "Feltcraft 6 flower friends" and 'Letter "a" bling key ring'
    ("a gift for a friend", ""),
    ("something for my boss under £10", ""),
    ("a mug for my colleague", "a mug"),
    ("a present for my mum", "for my mum"),  # "Toast its - best mum" is for her
])
def test_who_a_gift_is_for_is_no_product_word(shop_assistant: Assistant, message: str,
                                              text: str) -> None:
    session, _ = talk(shop_assistant, "retail", message)
    assert " ".join(shop_assistant.query_for(session).text.split()) == text


def test_a_childs_gift_keeps_childrens_things(retail: Catalog, shop_assistant: Assistant) -> None:
    _, result = talk(shop_assistant, "retail", "gift for my niece, she is 6")
    assert any(_for_children(retail, r.item_id) for r in result.recommendations)
    assert "come last" not in result.reply
    _, result = talk(shop_assistant, "retail", "a gift for my colleague's baby")
    assert "your colleague" not in result.reply  # the gift is the baby's


def test_a_gift_puts_what_it_comes_in_last(retail: Catalog, shop_assistant: Assistant) -> None:
    """"a birthday gift for my sister" had shown five birthday cards: what a gift comes in
    (cards, wrap, gift bags, tags) goes after the gifts, unless cards are what is asked for."""
    def ids(*names: str) -> list[int]:
        return [retail.titles.index(n) for n in names]

    fetched = ids("Card wedding day", "Wrap wedding day", "Set of 6 t-lights wedding cake",
                  "Romantic images gift wrap set", "Travel card wallet vintage ticket",
                  "Gift bag birthday", "Wooden happy birthday garland", "Stars gift tape")
    candidates = Candidates(item_ids=np.array(fetched), scores=np.linspace(1, 0.5, 8))
    ordered = shop_assistant.trimmings_last(candidates).item_id_list()
    assert [retail.titles[i] for i in ordered] == [
        "Set of 6 t-lights wedding cake", "Travel card wallet vintage ticket",
        "Wooden happy birthday garland", "Card wedding day", "Wrap wedding day",
        "Romantic images gift wrap set", "Gift bag birthday", "Stars gift tape"]
    session, _ = talk(shop_assistant, "retail", "a birthday gift for my sister")
    assert shop_assistant.gift_asked(session)
    shop_assistant.turn(session, "cheaper please")  # still the gift
    assert shop_assistant.gift_asked(session)
    shop_assistant.turn(session, "and a card to go with it")  # a card asked for by name
    assert not shop_assistant.gift_asked(session)
    session, _ = talk(shop_assistant, "retail", "candles")  # no gift said
    assert not shop_assistant.gift_asked(session)


@pytest.mark.parametrize(("messages", "same_kind"), [
    (["something similar to the regency cakestand 3 tier but cheaper"], True),
    (["I love the regency cakestand 3 tier", "anything similar?"], True),
    (["I love the regency cakestand 3 tier", "more like this one"], True),
    (["I love the regency cakestand 3 tier"], False),
    (["I'd like a teapot"], False),
    (["mugs for my sister", "nothing similar please"], False),
])
def test_a_request_for_the_same_kind_is_passed_on(shop_assistant: Assistant,
                                                  messages: list[str], same_kind: bool) -> None:
    """The query says when the person asks for items like one they named (retrieval then
    serves its kind, not what is bought with it: the cakestand had brought teacups)."""
    session, _ = talk(shop_assistant, "retail", *messages)
    assert shop_assistant.query_for(session).same_kind == same_kind


def test_anything_similar_after_a_like_is_read(shop_assistant: Assistant) -> None:
    """"anything similar?" after a product liked had been said back as words nothing was
    read from; with nothing named before it still is."""
    _, result = talk(shop_assistant, "retail", "I love the regency cakestand 3 tier",
                     "anything similar?")
    assert "I found nothing in" not in result.reply
    assert "based on Regency cakestand 3 tier" in result.reply
    _, result = talk(shop_assistant, "retail", "anything similar?")
    assert "I found nothing in" in result.reply


@pytest.mark.parametrize("text", ["do you deliver to france?", "can I pay with paypal?",
                                  "what's your return policy?", "where is my order?"])
def test_a_question_to_the_shop_is_no_search(shop_assistant: Assistant, text: str) -> None:
    """"do you deliver to france?" had matched its words against the names (French storage
    jars; "paypal" a gift voucher): a message that only asks of the shop leaves the text
    query, which falls back to the best sellers; a product named with it still counts."""
    session, result = talk(shop_assistant, "retail", text)
    assert shop_assistant.query_for(session).text == ""
    assert result.reply.startswith("I can't tell you about ")
    session, _ = talk(shop_assistant, "retail", "do you deliver french storage jars to france?")
    assert "french" in shop_assistant.query_for(session).text.lower()


@pytest.mark.parametrize(("catalog", "text"), [
    # "should" and "suggestions" had been read as words to match ("I found nothing in ...")
    ("movies", "what should I watch tonight?"), ("movies", "any suggestions?"),
    ("retail", "any suggestions?"), ("retail", "hi, what should I buy?"),
])
def test_a_plain_ask_is_no_words_to_match(film_assistant: Assistant, shop_assistant: Assistant,
                                          catalog: str, text: str) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, result = talk(assistant, catalog, text)
    assert "I found nothing in" not in result.reply and len(result.recommendations) == 5
    if catalog == "retail":  # the shop's text source had matched "suggestions" (a wrap)
        assert assistant.query_for(session).text == ""


def test_a_goodbye_is_answered_as_one(film_assistant: Assistant) -> None:
    """"thanks, bye" as a first message had been greeted ("Hi! Tell me a few movies ...")."""
    _, result = talk(film_assistant, "movies", "thanks, bye")
    assert result.reply == "Bye! Come back whenever you want movies suggested."
    assert not result.recommendations
    _, result = talk(film_assistant, "movies", "horror movies", "good night")
    assert result.reply.startswith("Glad to help! Bye!") and not result.recommendations
    _, result = talk(film_assistant, "movies", "hi")
    assert result.reply.startswith("Hi!")


# -- probe 2026-12-07 (session 36): a film's cast asked, "other than", occasions, life years --

@pytest.mark.parametrize(("text", "title", "star"), [
    ("who was that actor in Heat?", "Heat", "Al Pacino"),  # had liked Heat and shown films
    ("who played the lead in Heat?", "Heat", "Al Pacino"),
    ("which actress was in Titanic", "Titanic", "Kate Winslet"),
    ("who starred in Heat", "Heat", "Al Pacino"),
])
def test_a_question_about_a_films_cast_is_answered(movie_assistant: Assistant, movies: Catalog,
                                                   text: str, title: str, star: str) -> None:
    session, result = talk(movie_assistant, "movies", text)
    assert re.match(rf"{title} \(\d{{4}}\) stars [^.]*{star}", result.reply)
    assert not [i for i in session.liked_ids if movies.titles[i] == title]


@pytest.mark.parametrize(("text", "title", "liked"), [
    ("who directed Jaws? I loved it", "Jaws", True),  # the verdict had been dropped
    ("who played the lead in Heat? great movie", "Heat", True),
    ("who directed Jaws? my wife loved it", "Jaws", False),  # hers
    ("who directed Jaws? is it scary?", "Jaws", False),
    ("who directed Jaws? is it any good?", "Jaws", False),  # a question, no praise
])
def test_a_verdict_after_a_question_about_a_film_is_kept(
        movie_assistant: Assistant, movies: Catalog, text: str, title: str, liked: bool) -> None:
    session, result = talk(movie_assistant, "movies", text)
    assert bool([i for i in session.liked_ids if movies.titles[i] == title]) == liked
    assert re.search(rf"\b{title} \(\d{{4}}\) (?:was directed by|stars) ", result.reply)


@pytest.mark.parametrize(("text", "set_aside"), [
    ("other than Heat, I loved Casino", False),  # Heat had been set aside as a dislike
    ("apart from Heat, I really enjoyed Casino", False),
    ("other than Heat, I loved them all", True),  # Heat the exception
    ("something other than Heat, I loved Casino", True),  # asked without it
])
def test_other_than_before_a_like_is_no_set_aside(film_assistant: Assistant, movies: Catalog,
                                                  text: str, set_aside: bool) -> None:
    session, _ = talk(film_assistant, "movies", text)
    heat = [i for i in session.disliked_ids if movies.titles[i] == "Heat"]
    assert bool(heat) == set_aside
    if "Casino" in text:
        assert "Casino" in [movies.titles[i] for i in session.liked_ids]


@pytest.mark.parametrize(("text", "occasion"), [
    ("a good movie for a rainy sunday", "rainy sunday"),  # had shown Sunday and Rain Man
    ("a movie for a long flight", "long flight"),  # Flight, Flight of the Navigator
    ("something for friday night", "friday night"),
    ("a film to watch on a lazy sunday afternoon", "lazy sunday afternoon"),
])
def test_an_occasion_is_said_back_not_matched(film_assistant: Assistant, movies: Catalog,
                                              text: str, occasion: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert f"I can't tell which movies suit \"{occasion}\"" in result.reply
    assert "I found nothing in" not in result.reply
    query = film_assistant.query_for(session)
    assert not query.described and not re.search(r"sunday|flight|friday", query.text, re.I)


@pytest.mark.parametrize(("text", "held"), [
    ("a movie for date night", {"genres": ("Romance",)}),  # a kind of film, read as before
    ("a road trip movie", {"topics": ("road trip",)}),  # what the film is about
])
def test_a_kind_of_film_is_no_occasion(film_assistant: Assistant, text: str,
                                       held: dict) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert "can't tell which movies suit" not in result.reply
    for field, value in held.items():
        assert getattr(session.filters, field) == value


@pytest.fixture
def dated_assistant(movies: Catalog) -> Assistant:
    assistant = make_assistant(movies)
    assistant.today = lambda: date(2026, 12, 7)
    return assistant


@pytest.mark.parametrize(("messages", "years", "said"), [
    # "before I was born" had been matched as words: Still/Born, Born to Be Wild
    (["a movie from before I was born, I'm 25"], (None, 2000),
     "From your age I counted 2001 as the year you were born."),
    (["something from the year I was born, 1990"], (1990, 1990), None),  # the year unread
    (["I was born in 1985. What was good when I was a teenager?"], (1998, 2004), None),
    (["a movie older than me, I'm 40 years old"], (None, 1985), "counted 1986"),
    (["something from before I was born"], (None, None),
     "I don't know when you were born, so I could not tell which years you mean"),
    (["something from before I was born", "I'm 30"], (None, 1995), "counted 1996"),
    (["I loved The Goonies when I was a kid"], (None, None), None),  # a memory, no request
])
def test_years_of_the_persons_life(dated_assistant: Assistant, messages: list[str],
                                   years: tuple, said: str | None) -> None:
    session, result = talk(dated_assistant, "movies", *messages)
    assert (session.filters.year_min, session.filters.year_max) == years
    assert "I found nothing in" not in result.reply
    if said:
        assert said in result.reply
    else:
        assert "born" not in result.reply


@pytest.mark.parametrize(("text", "born"), [
    ("I'm 25", 2001), ("im 30 years old", 1996), ("I am a 40 year old", 1986),
    ("I just turned 18", 2008), ("I was born in 1990", 1990), ("1985, the year I was born", 1985),
    ("I'm 5 minutes into it", None), ("I'm 2 episodes in", None), ("I'm in", None),
])
def test_a_birth_year_from_what_is_said(text: str, born: int | None) -> None:
    assert birth_said(text, 2026) == born
    assert birth_stated(text) == (born is not None)


def test_life_spans_count_from_the_birth_year() -> None:
    assert life_years("before", 2001) == (None, 2000)
    assert life_years("since", 2001) == (2001, None)
    assert life_years("teen", 1985) == (1998, 2004)
    assert life_said("movies from when I was a little kid") == "kid"
    assert life_said("I loved Jaws when I was a kid") is None


@pytest.mark.parametrize(("text", "asked"), [
    ("something for my dad", "I don't know what your dad likes: tell me a film he loved"),
    ("what would my wife enjoy?", "I don't know what your wife likes: tell me a film she loved"),
    ("a film to watch with my grandparents",  # had matched "watch" and "grandparents"
     "I don't know what your grandparents like: tell me a film they loved"),
    ("a movie my mom would like", "I don't know what your mom likes"),
    ("a comedy for my dad", None),  # something of their taste is said
    ("something for my kids", None),  # an audience
    ("my wife loves Mamma Mia, something for her", None),
])
def test_who_a_film_is_for_is_asked_about(film_assistant: Assistant, text: str,
                                          asked: str | None) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert "I found nothing in" not in result.reply
    if asked:
        assert asked in result.reply
        assert not re.search(r"wife|grandparents|dad|mom", film_assistant.query_for(
            session).text, re.I)
    else:
        assert "I don't know what your" not in result.reply


@pytest.mark.parametrize(("text", "show"), [
    ("I liked Friends, the TV show", "Friends (the TV show)"),  # had liked Friends (1993)
    ("the show Friends was great", "Friends (the TV show)"),
    ("I loved the Star Wars series", None),  # films
    ("I loved The Truman Show", None),
    ("I watched Jaws on TV last night, loved it", None),
])
def test_a_tv_show_is_no_film_of_the_same_name(film_assistant: Assistant, movies: Catalog,
                                               text: str, show: str | None) -> None:
    session, result = talk(film_assistant, "movies", text)
    if show:
        assert f"I don't know {show} yet" in result.reply and not session.liked_ids
    else:
        assert "TV show" not in result.reply and session.liked_ids


@pytest.mark.parametrize("text", [
    "what's good for a secret santa?",  # Santa cards and place settings had come first
    "a secret santa gift for a colleague", "Secret Santa at work, the limit is £5",
])
def test_a_secret_santa_is_what_the_gift_is_for(shop_assistant: Assistant, text: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert "santa" not in shop_assistant.query_for(session).text.lower()
    assert "I found nothing in" not in result.reply
    assert shop_assistant.gift_asked(session)
    _, result = talk(shop_assistant, "retail", "santa decorations")  # Santa asked for by name
    assert "santa" in shop_assistant.query_for(_).text.lower()


@pytest.mark.parametrize(("text", "held"), [
    # what the film should do to the person had been matched as words (You Laugh, Edge of
    # Tomorrow, Scary Movie 3)
    ("i want something that will make me laugh", {"genres": ("Comedy",)}),
    ("a movie that will keep me on the edge of my seat", {"genres": ("Thriller",)}),
    ("scare me", {"genres": ("Horror",)}),
    ("nothing that will scare me", {"exclude_genres": ("Horror",)}),  # had asked for horror
    ("something that won't make me cry", {"exclude_genres": ("Drama",)}),
    ("a comedy that won't scare me", {"genres": ("Comedy",), "exclude_genres": ("Horror",)}),
])
def test_what_a_film_should_do_is_a_genre(film_assistant: Assistant, text: str,
                                          held: dict) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert "I found nothing in" not in result.reply
    for field in ("genres", "exclude_genres"):
        assert getattr(session.filters, field) == held.get(field, ())


@pytest.mark.parametrize(("text", "unknown", "matched"), [
    # said back as unknown, where their words had been matched against titles and summaries
    ("what is the highest rated movie you have?", "review scores", "Rated"),  # Not Yet Rated
    ("what's the highest-rated film on your list", "review scores", "Rated"),
    ("best rated thriller", "review scores", "Rated"),
    ("something with a happy ending", "endings", "ending"),  # Not Another Happy Ending
    ("something with a twist ending", "endings", "ending|twist"),
    ("a movie with a good plot twist", "endings", "twist"),
])
def test_what_is_asked_and_unknown_is_said(film_assistant: Assistant, text: str, unknown: str,
                                           matched: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert f"I don't know the {unknown} of these movies, so I could not use that." in result.reply
    assert "I found nothing in" not in result.reply
    assert not [r for r in result.recommendations if re.search(matched, r.title, re.I)]


def test_more_humour_is_comedy_and_heavy_a_mood(film_assistant: Assistant) -> None:
    session, _ = talk(film_assistant, "movies",
                      "can you recommend something similar to John Wick but with more humor")
    assert session.filters.genres == ("Comedy",)  # "more humor" had been no reading
    _, result = talk(film_assistant, "movies", "not in the mood for anything heavy")
    assert "I have no mood tags, so I could not leave out heavy movies." in result.reply
    assert "I found nothing in" not in result.reply  # In the Mood for Love had come first


@pytest.mark.parametrize(("text", "seen", "liked"), [
    # a viewing just finished is seen, no like (it had liked Inception)
    ("just finished watching Inception", ["Inception"], []),
    ("just finished watching Inception, amazing", ["Inception"], ["Inception"]),
    # the trilogy is every film of the series (only The Godfather had been seen; Part II shown)
    ("i just finished watching the godfather trilogy",
     ["The Godfather", "The Godfather Part II", "The Godfather Part III"], []),
    ("I've seen the godfather trilogy, loved it",
     ["The Godfather", "The Godfather Part II", "The Godfather Part III"], ["The Godfather"]),
])
def test_a_film_or_series_just_watched_is_seen(film_assistant: Assistant, movies: Catalog,
                                               text: str, seen: list[str],
                                               liked: list[str]) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert set(seen) <= {movies.titles[i] for i in session.seen_ids + session.liked_ids}
    assert [movies.titles[i] for i in session.liked_ids] == liked
    assert not {movies.titles[i] for i in result.item_ids()} & set(seen)


@pytest.mark.parametrize(("text", "liked", "disliked"), [
    ("everyone loved La La Land but not me", [], ["La La Land"]),  # had been the person's like
    ("my friends loved La La Land, not me", [], ["La La Land"]),
    ("my wife loved Titanic, me not so much", [], ["Titanic"]),
    ("everyone loved La La Land, me too", ["La La Land"], []),
])
def test_others_like_but_not_me_is_the_persons_dislike(film_assistant: Assistant,
                                                       movies: Catalog, text: str,
                                                       liked: list[str],
                                                       disliked: list[str]) -> None:
    session, _ = talk(film_assistant, "movies", text)
    assert [movies.titles[i] for i in session.liked_ids] == liked
    assert [movies.titles[i] for i in session.disliked_ids] == disliked


@pytest.mark.parametrize(("catalog", "text"), [
    # an open request had matched its words: "Don't Breathe", "Whatever Works", "The Choice"
    ("movies", "I don't know what I want"), ("movies", "surprise me"),
    ("movies", "whatever you think"), ("movies", "dealer's choice"), ("movies", "you pick"),
    ("retail", "I don't know what to get her"), ("retail", "something for him"),
])
def test_an_open_request_is_no_words_to_match(film_assistant: Assistant,
                                              shop_assistant: Assistant, catalog: str,
                                              text: str) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, result = talk(assistant, catalog, text)
    assert "I found nothing in" not in result.reply and len(result.recommendations) == 5
    assert not assistant.query_for(session).described
    if catalog == "retail":  # "her" had brought "Metal sign her dinner is served"
        assert assistant.query_for(session).text == ""


def test_not_cheesy_sets_no_comedy_aside(film_assistant: Assistant) -> None:
    """"a Christmas movie that isn't cheesy" had set every comedy aside (Elf, Home Alone)."""
    session, result = talk(film_assistant, "movies", "a Christmas movie that isn't cheesy")
    assert session.filters.exclude_genres == ()
    assert "I have no mood tags, so I could not leave out cheesy movies." in result.reply
    session, _ = talk(film_assistant, "movies", "no sad movies")  # unchanged: no dramas
    assert session.filters.exclude_genres == ("Drama",)


@pytest.mark.parametrize(("text", "unknown", "word"), [
    ("something in black and white", "colours", "black"),  # Black (2015) had been shown
    ("a movie on netflix", "streaming services", "netflix"),  # had matched words
    ("something short I can watch in my lunch break", "running times", "short"),
])
def test_what_no_field_holds_is_no_text_query(film_assistant: Assistant, text: str,
                                              unknown: str, word: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert f"I don't know the {unknown} of these movies" in result.reply
    assert "I found nothing in" not in result.reply
    assert word not in film_assistant.query_for(session).text.lower()


@pytest.mark.parametrize("text", [
    "I love Christopher Nolan films, but I've seen them all",  # his films had been listed again
    "seen everything by Christopher Nolan",
])
def test_a_persons_films_all_seen_are_not_shown(film_assistant: Assistant, movies: Catalog,
                                                text: str) -> None:
    session, result = talk(film_assistant, "movies", text)
    nolan = set(np.flatnonzero(movies.director_mask(("Christopher Nolan",))).tolist())
    assert len(nolan) >= 8 and nolan <= set(session.seen_ids)
    assert session.filters.directors == () and not nolan & set(result.item_ids())


@pytest.mark.parametrize(("catalog", "text"), [
    # a title said to be unknown is "left out": its words had still been searched (Friends
    # (1993) shown under "I don't know Friends (the TV show)"), and the chat words left over
    # ("I loved the new", "do you sell") had been searched instead
    ("movies", "the show Friends was great"), ("movies", "I loved the new Top Gun"),
    ("retail", "do you sell gift cards?"),
])
def test_an_unknown_title_is_no_text_query(film_assistant: Assistant, shop_assistant: Assistant,
                                           catalog: str, text: str) -> None:
    assistant = film_assistant if catalog == "movies" else shop_assistant
    session, result = talk(assistant, catalog, text)
    assert "I don't know " in result.reply and session.not_found
    assert assistant.query_for(session).text == ""
    # what is said next is searched as ever ("something like Heat" alone is a verdict now,
    # with no words to search: `rules.verdict_clauses`)
    session, _ = talk(assistant, catalog, text, "something like Heat, a heist film"
                      if catalog == "movies" else "and mugs")
    assert assistant.query_for(session).text.strip()


@pytest.mark.parametrize(("message", "liked", "disliked"), [
    # a dislike denied is a like: both had been set aside ("I just prefer" read no like, and
    # the mention model reads "didn't like" when the words deny it)
    ("it's not that I didn't like Jaws, I just prefer Alien", ["Jaws", "Alien"], []),
    ("it's not that I didn't like Jaws", ["Jaws"], []),
    ("It's not that I hated Jaws, it's just long", ["Jaws"], []),
    # a preference said against another film is a like (Alien had been set aside too)
    ("I didn't like Jaws but I prefer Alien", ["Alien"], ["Jaws"]),
    ("I didn't like Jaws, I'd rather watch Alien", ["Alien"], ["Jaws"]),
    ("I prefer not to watch Jaws", [], ["Jaws"]),  # had liked Jaws
    ("I didn't like Jaws", [], ["Jaws"]),
    # "but hated" opens a verdict on the words after it: not Batman and Superman set aside
    ("i loved the dark knight rises but hated batman v superman", ["The Dark Knight Rises"],
     ["Batman v Superman: Dawn of Justice"]),
    # of two films compared, the one preferred is liked and the other only seen (session 39:
    # both had been liked, and "Because you liked Iron Man 3" followed)
    ("Iron Man 2 was better than Iron Man 3", ["Iron Man 2"], []),
    ("I liked Iron Man 2 more than Iron Man 3", ["Iron Man 2"], []),
    ("Iron Man 3 was worse than Iron Man 2", ["Iron Man 2"], []),
    ("I preferred Heat to Casino", ["Heat"], []),
    ("I liked Heat less than Casino", ["Casino"], []),
    ("I like Heat more than Casino but both are great", ["Heat", "Casino"], []),
])
def test_preferences_and_denied_dislikes(movies: Catalog, movie_assistant: Assistant, message: str,
                                         liked: list[str], disliked: list[str]) -> None:
    session, _ = talk(movie_assistant, "movies", message)
    assert [movies.titles[i] for i in session.liked_ids] == liked
    assert [movies.titles[i] for i in session.disliked_ids] == disliked


def test_the_longest_movie_asks_for_running_times(film_assistant: Assistant) -> None:
    _, result = talk(film_assistant, "movies", "what's the longest movie you have?")
    assert "I don't know the running times of these movies" in result.reply
    assert "Longest" not in " ".join(r.title for r in result.recommendations)
    session, _ = talk(film_assistant, "movies", "I loved The Longest Yard")
    assert "The Longest Yard" in [film_assistant.catalog.titles[i] for i in session.liked_ids]


@pytest.mark.parametrize(("message", "unknown"), [
    # a verdict on words nothing else read, each name with a word people hardly ever write in
    # conversation: films we do not hold (their words had been searched: Forks Over Knives)
    ("I enjoyed knives out and parasite", ["knives out", "parasite"]),
    ("I hated barbie", ["barbie"]),
    # pastimes, aspects and kinds stay words
    ("I enjoy long walks", []), ("I love animals", []), ("I liked the acting", []),
    ("I like movies with dogs", []),
])
def test_a_verdict_on_words_we_cannot_read_names_unknown_films(
        movie_assistant: Assistant, message: str, unknown: list[str]) -> None:
    session, result = talk(movie_assistant, "movies", message)
    assert session.not_found == unknown
    assert session.liked_ids == [] and session.disliked_ids == []
    if unknown:
        assert f"I don't know {' or '.join(unknown)} yet" in result.reply
        assert movie_assistant.query_for(session).text == ""
    else:
        assert "I found nothing in" in result.reply


@pytest.mark.parametrize(("message", "cast", "directors"), [
    # a favourite person said so is asked for (the words had been searched)
    ("My favourite actor is Tom Hanks", ("Tom Hanks",), ()),
    ("Tom Hanks is my favourite actor", ("Tom Hanks",), ()),
    ("my favorite director is Christopher Nolan", (), ("Christopher Nolan",)),
])
def test_a_favourite_person_is_asked_for(film_assistant: Assistant, message: str,
                                         cast: tuple[str, ...],
                                         directors: tuple[str, ...]) -> None:
    session, result = talk(film_assistant, "movies", message)
    assert session.filters.cast == cast and session.filters.directors == directors
    assert "I found nothing in" not in result.reply


@pytest.mark.parametrize(("message", "liked"), [
    # the article dropped names the famous film, not an obscure namesake without one
    # (Godfather (1991), 29 mentions against The Godfather's 158)
    ("I loved Godfather", "The Godfather (1972)"),
    ("I loved Heat", "Heat (1996)"),  # not The Heat (2013): both are talked about
])
def test_an_article_dropped_names_the_famous_film(movies: Catalog, movie_assistant: Assistant,
                                                 message: str, liked: str) -> None:
    session, _ = talk(movie_assistant, "movies", message)
    assert [movies.display_title(i) for i in session.liked_ids] == [liked]


def test_a_verdict_on_unknown_words_is_judged_by_its_own_message(
        movie_assistant: Assistant, movies: Catalog) -> None:
    """The likes of earlier messages are read into the turn's reading too: the rule must look
    at the message alone (in a conversation it had searched the words silently)."""
    session, result = talk(movie_assistant, "movies", "I loved the matrix",
                           "I enjoyed knives out and parasite")
    assert session.not_found == ["knives out", "parasite"]
    assert "I don't know knives out or parasite yet" in result.reply
    assert [movies.display_title(i) for i in session.liked_ids] == ["The Matrix (1999)"]


def test_a_title_set_aside_is_no_search_for_its_words(movie_assistant: Assistant,
                                                      movies: Catalog) -> None:
    """Session 38: "the deathly hallows" (not the catalogue's title as written) stayed in the
    text query, and the text source brought horror films for "deathly"."""
    session, _ = talk(movie_assistant, "movies", "I hated the deathly hallows")
    assert [movies.display_title(i) for i in session.disliked_ids] == [
        "Harry Potter and the Deathly Hallows – Part 2 (2011)"]
    assert "deathly" not in movie_assistant.query_for(session).text.lower()


def test_something_similar_to_an_unknown_film_searches_no_words(
        movie_assistant: Assistant) -> None:
    """"I loved Oppenheimer, something similar?": "loved ... similar" had been searched and
    brought romances (Love Actually first)."""
    session, result = talk(movie_assistant, "movies", "I loved Oppenheimer, something similar?")
    assert session.not_found == ["Oppenheimer"]
    assert movie_assistant.query_for(session).text == ""
    assert "I don't know Oppenheimer yet" in result.reply


@pytest.mark.parametrize(("message", "cast", "directors", "order"), [
    # a person's films by date: all of them in order ("the newest film with Tom Hanks" had
    # dropped him, "Tom Hanks's" was an unknown film, "Spielberg's first movie" searched words)
    ("the newest film with Tom Hanks", ("Tom Hanks",), (), "newest"),
    ("Tom Hanks' newest movie", ("Tom Hanks",), (), "newest"),
    ("Tom Hanks's latest film", ("Tom Hanks",), (), "newest"),
    ("what was Spielberg's first movie?", (), ("Steven Spielberg",), "oldest"),
    ("the oldest Clint Eastwood western", ("Clint Eastwood",), (), "oldest"),
    # and a person with a superlative keeps the person
    ("the shortest film with Tom Hanks", ("Tom Hanks",), (), None),
    ("I love Tom Hanks's movies", ("Tom Hanks",), (), None),
])
def test_a_persons_films_in_order(movies: Catalog, film_assistant: Assistant, message: str,
                                  cast: tuple[str, ...], directors: tuple[str, ...],
                                  order: str | None) -> None:
    session, result = talk(film_assistant, "movies", message)
    assert session.filters.cast == cast and session.filters.directors == directors
    assert "I don't know" not in result.reply or "running times" in result.reply
    years = [movies.years[i] for i in result.item_ids()]
    if order is None:
        return
    assert f"Sorted by year, {order} first." in result.reply
    credited = [i for i in range(len(movies)) if movies.years[i] > 0 and (
        set(cast) & set(movies.cast[i]) or set(directors) & set(movies.directors_of(i)))]
    best = (max if order == "newest" else min)(int(movies.years[i]) for i in credited)
    assert years[0] == best  # the person's newest (oldest) film of all, not of the best ten
    assert years == sorted(years, reverse=order == "newest")


@pytest.mark.parametrize("message", [
    "is Heat on netflix?", "where can I stream Heat?", "comedies on hulu",
    "Is Heat streaming anywhere?"])
def test_where_a_film_streams_is_said_unknown(film_assistant: Assistant, message: str) -> None:
    """Session 38: Heat was described (or liked) with nothing said of the streaming."""
    session, result = talk(film_assistant, "movies", message)
    assert "I don't know the streaming services" in result.reply
    assert session.liked_ids == []


@pytest.mark.parametrize(("message", "liked", "disliked"), [
    # a run of a series by its place (it had liked The Godfather alone, and Part III was
    # recommended)
    ("I liked the first two Godfather movies but not the third",
     ["The Godfather (1972)", "The Godfather Part II (1974)"], ["The Godfather Part III (1990)"]),
    ("I loved the first two toy story movies", ["Toy Story (1995)", "Toy Story 2 (1999)"], []),
    ("the last 2 star wars movies were bad", [],
     ["Star Wars: The Force Awakens (2015)", "Star Wars: Episode VIII – The Last Jedi (2017)"]),
    ("I loved the first two good movies you showed", [], []),  # no series named
])
def test_a_run_of_a_series_by_its_place(movies: Catalog, movie_assistant: Assistant,
                                        message: str, liked: list[str],
                                        disliked: list[str]) -> None:
    session, result = talk(movie_assistant, "movies", message)
    assert [movies.display_title(i) for i in session.liked_ids] == liked
    assert [movies.display_title(i) for i in session.disliked_ids] == disliked
    assert not set(session.disliked_ids) & set(result.item_ids())


@pytest.mark.parametrize(("message", "unknown"), [
    # a question of one film we do not hold says so (its words had been searched: "who
    # directed Parasite?" brought Slither and Contagion)
    ("who directed Parasite?", "Parasite"), ("what is Oppenheimer about?", "Oppenheimer"),
    ("is Barbie any good?", "Barbie"), ("have you seen Jojo Rabbit?", "Jojo Rabbit"),
    ("tell me about Everything Everywhere All at Once", "Everything Everywhere All at Once"),
])
def test_a_question_of_a_film_we_do_not_hold_says_so(movie_assistant: Assistant, message: str,
                                                     unknown: str) -> None:
    session, result = talk(movie_assistant, "movies", message)
    assert session.not_found == [unknown]
    assert f"I don't know {unknown} yet" in result.reply
    assert "I found nothing in" not in result.reply


@pytest.mark.parametrize("message", ["what is Christmas about?", "is Tom Hanks any good?",
                                     "Is Heat any good?", "is Disney good?"])
def test_a_question_of_what_we_know_names_no_unknown_film(movie_assistant: Assistant,
                                                          message: str) -> None:
    session, _ = talk(movie_assistant, "movies", message)
    assert session.not_found == []


@pytest.mark.parametrize(("question", "places"), [
    # a question of several places, or of the whole list, answers each (only the first had
    # been described; "what are they about?" had searched its words)
    ("tell me about the first two", [0, 1]),
    ("what are the first and third about?", [0, 2]),
    ("tell me about all of them", [0, 1, 2, 3, 4]),
    ("what are they about?", [0, 1, 2, 3, 4]),
    ("what are they?", [0, 1, 2, 3, 4]),  # session 39: it had shown a new list
    ("describe them", [0, 1, 2, 3, 4]),
    ("what is the second one about?", [1]), ("the second one, tell me more", [1]),
])
def test_a_question_of_several_places_answers_each(film_assistant: Assistant, movies: Catalog,
                                                   question: str, places: list[int]) -> None:
    session, shown = talk(film_assistant, "movies", "I loved Heat")
    result = film_assistant.turn(session, question)
    titles = [movies.display_title(shown.item_ids()[p]) for p in places]
    assert all(title in result.reply for title in titles)
    assert [result.asked_id, *result.asked_more_ids] == [shown.item_ids()[p] for p in places]
    assert result.item_ids() == shown.item_ids()  # the list stays
    assert "I found nothing in" not in result.reply


@pytest.mark.parametrize("message", ["I hated the ending of Inception",
                                     "I disliked the plot of Inception"])
def test_a_verdict_on_part_of_a_film_searches_no_words(movie_assistant: Assistant,
                                                       message: str) -> None:
    """Session 39: its words had been searched ("the ending": horror films; "the plot":
    Memento and Shutter Island, films like the one disliked)."""
    _, plain = talk(movie_assistant, "movies", "I hated Inception")
    _, result = talk(movie_assistant, "movies", message)
    assert result.item_ids() == plain.item_ids()


def test_a_comparison_asked_reads_no_viewing(film_assistant: Assistant) -> None:
    """Session 39: "Is Inception better than Interstellar?" had noted Interstellar seen."""
    session, _ = talk(film_assistant, "movies", "Is Inception better than Interstellar?")
    assert (session.liked_ids, session.seen_ids, session.disliked_ids) == ([], [], [])


@pytest.mark.parametrize(("messages", "field", "name"), [
    # a person's best or most popular films: the person is the filter (session 39: the name
    # had been dropped, the words searched, or the film liked before described)
    (["the most popular Tom Hanks movies"], "cast", "Tom Hanks"),
    (["What's Tom Hanks' best film?"], "cast", "Tom Hanks"),
    (["whats Tom Hanks best movie"], "cast", "Tom Hanks"),
    (["I loved Cast Away. What's Tom Hanks' best film?"], "cast", "Tom Hanks"),
    (["what's Spielberg's best film"], "directors", "Steven Spielberg"),
])
def test_a_persons_best_films_are_theirs(movies: Catalog, film_assistant: Assistant,
                                         messages: list[str], field: str, name: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert getattr(session.filters, field) == (name,)
    assert result.asked_id is None and result.recommendations
    people = movies.cast if field == "cast" else movies.directors
    assert all(name in people[i] for i in result.item_ids())


@pytest.mark.parametrize(("question", "what"), [
    ("is it violent?", "content warnings"), ("how long is Casino?", "running times")])
def test_a_question_of_a_film_outside_the_list_keeps_the_list(
        movies: Catalog, film_assistant: Assistant, question: str, what: str) -> None:
    """Session 39: "is it violent?" of the film liked had searched "violent" for a new list,
    and said "so I could not use that" of a question."""
    session, shown = talk(film_assistant, "movies", "I loved Heat")
    result = film_assistant.turn(session, question)
    asked = result.asked_id
    assert asked is not None and asked not in shown.item_ids()
    assert result.reply.startswith(f"I can't say: I don't know the {what} of any of my movies. "
                                   f"{movies.display_title(asked)} (")
    assert result.item_ids() == shown.item_ids()


def test_a_film_taken_up_and_asked_about_is_wanted(film_assistant: Assistant) -> None:
    """"the second one sounds good, tell me more": described, and noted as wanted (a
    question about a place had dropped what the words said of it)."""
    session, shown = talk(film_assistant, "movies", "I loved Heat")
    result = film_assistant.turn(session, "the second one sounds good, tell me more")
    assert session.wanted_ids == [shown.item_ids()[1]] and result.asked_id == shown.item_ids()[1]
    session, shown = talk(film_assistant, "movies", "I loved Heat")
    film_assistant.turn(session, "is the first one scary?")
    assert session.wanted_ids == [] and shown.item_ids()[0] not in session.liked_ids


@pytest.mark.parametrize(("message", "director", "series"), [
    # "every" and one noun is the whole of a person's films or a series (his films had been
    # listed again; only the Harry Potter record had been marked seen)
    ("I've seen every Tarantino movie", "Quentin Tarantino", ""),
    ("I've watched every Harry Potter movie", "", "Harry Potter"),
    ("I've seen every single Harry Potter film", "", "Harry Potter"),
])
def test_every_film_of_a_person_or_series_seen(movies: Catalog, movie_assistant: Assistant,
                                               message: str, director: str,
                                               series: str) -> None:
    session, result = talk(movie_assistant, "movies", message)
    films = {int(i) for i in np.flatnonzero(movies.director_mask((director,)))} if director \
        else set(movies.series_films(series)[1])
    assert films and films <= set(session.seen_ids)
    assert not films & set(result.item_ids())
    assert session.filters.directors == ()


@pytest.mark.parametrize("message", ["I loved every Tarantino movie", "I loved Tarantino movies"])
def test_a_past_love_of_a_persons_films_asks_for_them(film_assistant: Assistant,
                                                      message: str) -> None:
    session, _ = talk(film_assistant, "movies", message)
    assert session.filters.directors == ("Quentin Tarantino",)


def test_a_film_found_too_gory_is_set_aside(movies: Catalog, movie_assistant: Assistant) -> None:
    """"Saw was too gory for me" had recommended Saw first."""
    session, result = talk(movie_assistant, "movies", "Saw was too gory for me")
    assert [movies.display_title(i) for i in session.disliked_ids] == ["Saw (2004)"]
    assert not set(session.disliked_ids) & set(result.item_ids())


def test_add_a_quantity_and_ask_my_total(retail: Catalog, shop_assistant: Assistant) -> None:
    """"add 3 of those" and "what's my total?" (probe 2026-12-07: each had started a new
    search, "what's my total?" matched as words)."""
    session, _ = talk(shop_assistant, "retail", "show me candles", "the cheapest one please")
    picked = session.asked_id
    price = float(retail.prices[picked])
    result = shop_assistant.turn(session, "add 3 of those")
    assert result.reply.startswith(f"3 x {retail.display_title(picked)} at £{price:.2f} each "
                                   f"is £{price * 3:.2f}.")
    result = shop_assistant.turn(session, "what's my total?")
    assert f"£{price * 3:.2f}" in result.reply and not result.recommendations
    # more of it adds to the number taken (session 39: "add 2 more" had searched its words)
    result = shop_assistant.turn(session, "add 2 more")
    assert result.reply.startswith(f"5 x {retail.display_title(picked)} at £{price:.2f} each "
                                   f"is £{price * 5:.2f}.")


def test_more_of_nothing_picked_asks_which(shop_assistant: Assistant) -> None:
    _, result = talk(shop_assistant, "retail", "show me candles", "add 2 more")
    assert result.reply.startswith("Which one would you like 2 more of?")
    assert not result.recommendations


def test_a_shops_list_asked_what_they_are_names_each(retail: Catalog,
                                                     shop_assistant: Assistant) -> None:
    """Session 39: "what are they?" had shown another list of lunch bags."""
    session, shown = talk(shop_assistant, "retail", "lunch bags")
    result = shop_assistant.turn(session, "what are they?")
    assert result.item_ids() == shown.item_ids()
    assert all(f"{retail.display_title(i)} (" in result.reply for i in shown.item_ids())
    assert f"£{float(retail.prices[shown.item_ids()[0]]):.2f}" in result.reply


def test_money_spent_on_someone_names_who_it_is_for(retail: Catalog,
                                                   shop_assistant: Assistant) -> None:
    """Session 39: "on my mum" had not said who it is for, and a child's breakfast set came
    first."""
    _, result = talk(shop_assistant, "retail",
                     "I want to spend between 5 and 10 pounds on my mum")
    assert "can't tell which suit your mum" in result.reply
    assert "children" not in retail.genres[result.item_ids()[0]]


def test_a_gift_for_the_office_is_no_office_product(retail: Catalog,
                                                   shop_assistant: Assistant) -> None:
    """Session 39: "mugs for the office" had shown office mug warmers first."""
    _, result = talk(shop_assistant, "retail", "mugs for the office")
    assert "can't tell which suit the office" in result.reply
    assert result.recommendations and not any(
        "office" in r.title.lower() for r in result.recommendations)


@pytest.mark.parametrize(("text", "left"), [
    # a sum read as a price is no words to search (probe 2026-12-07: "under a tenner" had shown
    # "Set 10 cards", "10 quid" "Christmas lights 10 santas", each "close to what you described")
    ("something under a tenner", "something"),
    ("gifts under 10 quid", "gifts"),
    ("under 5 pounds please", "please"),
    ("anything below £5 for my sister", "anything for my sister"),
    ("mugs between £2 and £4", "mugs"),
    ("around 20 quid for a vase", "for a vase"),
    ("candles 50p", "candles"),
    # the words before a sum that ends the message stay; a count is no sum
    ("candles £2", "candles"),
    ("3 mugs please", "3 mugs please"),
])
def test_prices_are_no_words_to_search(text: str, left: str) -> None:
    assert " ".join(without_prices(text).split()) == left


def test_a_price_asked_alone_is_the_reason(shop_assistant: Assistant) -> None:
    """"something under a tenner": the best sellers within it, each with its price against
    the bound asked (they had been text matches "close to what you described")."""
    session, result = talk(shop_assistant, "retail", "something under a tenner")
    assert shop_assistant.query_for(session).text.strip() == ""
    assert result.recommendations
    for rec in result.recommendations:
        assert rec.price is not None and rec.price <= 10.0
        assert rec.explanation == f"Matches what you asked for: £{rec.price:.2f}, at most £10.00."
    _, result = talk(shop_assistant, "retail", "candles under £3")
    assert all(r.explanation.startswith("Matches what you asked for: candles, £") and
               r.explanation.endswith(", at most £3.00.") for r in result.recommendations)


def test_baby_things_go_last_for_an_older_child(retail: Catalog) -> None:
    """"a gift for a 5 year old boy" had listed baby gift sets first; a child past babyhood
    gets them last, a baby keeps them (here baby things are made the best sellers)."""
    babies = retail.topic_mask(("baby",))
    assert babies.sum() >= 5
    shop = make_assistant(replace(retail, popularity=np.where(
        babies, 1e6, retail.popularity).astype(np.float32)))
    for text in ("a gift for a 5 year old boy", "a present for my son, he is 8"):
        _, result = talk(shop, "retail", text)
        assert result.recommendations
        assert not any("baby" in r.title.lower() for r in result.recommendations), text
    _, result = talk(shop, "retail", "a gift for a 1 year old boy")
    assert all("baby" in r.title.lower() for r in result.recommendations)


@pytest.mark.parametrize(("messages", "answer"), [
    # a question of the film just named, in words no field holds (probe 2026-12-07: a new
    # list, the question passed over, or "I don't know the studios of these movies")
    (("I loved Heat", "what language is it in?"),
     "I can't say: I don't know the languages of any of my movies. Heat (1996)"),
    (("I loved Heat", "which studio made it?"),
     "I can't say: I don't know the studios of any of my movies. Heat (1996)"),
    (("which studio made Inception?",),
     "I can't say: I don't know the studios of any of my movies. Inception (2010)"),
])
def test_a_question_of_a_film_no_field_answers(film_assistant: Assistant, messages: tuple,
                                              answer: str) -> None:
    session, result = talk(film_assistant, "movies", *messages)
    assert result.reply.startswith(answer)
    assert result.intent.kind == "ask"


@pytest.mark.parametrize(("text", "said"), [
    # chat words only: nothing to search ("bored" had searched Day Watch and The Watch)
    ("What should I watch tonight? I'm bored", None),
    ("help me pick a movie", None),
    # being easily scared is read (horror set aside), no words to search ("wimp" had been)
    ("I'm a total wimp, something for tonight", None),
    # a studio we cannot tell is said so (it had gone unsaid)
    ("A24 movies please", "I don't know the studios of these movies, so I could not use that."),
])
def test_chat_and_studios_search_no_words(film_assistant: Assistant, text: str,
                                          said: str | None) -> None:
    session, result = talk(film_assistant, "movies", text)
    assert film_assistant.query_for(session).text.strip() == ""
    assert "I found nothing in" not in result.reply
    assert said is None or said in result.reply


def test_the_sequel_asked_alone_is_a_question(film_assistant: Assistant, movies: Catalog) -> None:
    """"I loved Toy Story", then "the sequel?" asks about Toy Story 2 (it had been read as
    "Toy Story 2?", a like); "I loved the sequel too" likes it."""
    session, result = talk(film_assistant, "movies", "I loved Toy Story", "the sequel?")
    toy_story_2 = movies.titles.index("Toy Story 2")
    assert result.intent.kind == "ask" and result.asked_id == toy_story_2
    assert toy_story_2 not in session.liked_ids
    assert result.reply.startswith("Toy Story 2 (1999)")
    session, _ = talk(film_assistant, "movies", "I loved Toy Story", "I loved the sequel too")
    assert toy_story_2 in session.liked_ids


def test_a_popularity_order_is_the_reason(shop_assistant: Assistant,
                                          film_assistant: Assistant) -> None:
    """"what's popular right now?" had given every best seller "Close to what you described"
    (its words were searched too); each now says what it is, with what else was asked."""
    session, result = talk(shop_assistant, "retail", "what's popular right now?")
    assert shop_assistant.query_for(session).text.strip() == ""
    # (this shop's popularity source counts all orders: no period of weeks to name)
    assert result.reply == "Here are our 5 most popular products for you."
    assert result.recommendations and all(
        r.explanation == "One of our most popular products." for r in result.recommendations)
    _, result = talk(shop_assistant, "retail", "best selling christmas decorations")
    assert result.recommendations and all(
        r.explanation.startswith("Matches what you asked for: christmas") and
        r.explanation.endswith(". One of our most popular products.")
        for r in result.recommendations)
    _, result = talk(film_assistant, "movies", "what are the most popular movies?")
    assert all(r.explanation == "One of our most popular movies."
               for r in result.recommendations)


@pytest.mark.parametrize(("text", "said"), [
    # the last noun of "my child's teacher" is who the gift is for (probe 2026-12-07: "child's
    # teacher" had been searched, children's garden tools shown)
    ("a thank you gift for my child's teacher", "your child's teacher"),
    ("something for my wife's mum", "your wife's mum"),
])
def test_a_recipient_named_through_another(shop_assistant: Assistant, text: str,
                                           said: str) -> None:
    session, result = talk(shop_assistant, "retail", text)
    assert f"so I can't tell which suit {said}" in result.reply
    assert "child" not in shop_assistant.query_for(session).text
    assert not any("child" in r.title.lower() for r in result.recommendations)


def test_the_product_asked_for_is_in_the_reason(shop_assistant: Assistant) -> None:
    """"a present for my colleague's baby" shops for baby things: each said "A popular pick to
    start with"; the kind of product asked is now what each matches."""
    session, result = talk(shop_assistant, "retail", "a present for my colleague's baby")
    assert session.filters.subject == ("baby",)
    assert result.recommendations and all(
        r.explanation == "Matches what you asked for: baby." for r in result.recommendations)


@pytest.mark.parametrize("text, asked", [
    ("what is Jaws about?", ["Jaws (1975)"]),
    ("is Heat better than Casino?", ["Heat (1996)", "Casino (1995)", "The Heat (2013)"]),
])
def test_films_asked_about_are_what_the_list_is_close_to(
        movie_assistant: Assistant, movies: Catalog, text: str, asked: list[str]) -> None:
    """Session 41: the list after "what is Jaws about?" was popular picks, and after "is Heat
    better than Casino?" what the words matched (The Heat (2013) for "Heat"); now films close
    to those asked about, said to be close to a film mentioned, never liked."""
    session, result = talk(movie_assistant, "movies", text)
    assert session.liked_ids == []
    shown = [movies.display_title(r.item_id) for r in result.recommendations]
    assert shown and not set(shown) & set(asked)
    reasons = [r.explanation for r in result.recommendations]
    assert not any("Because you liked" in r for r in reasons)
    assert any(f"Close to {a}, which you mentioned" in r for r in reasons for a in asked)


def test_films_newer_than_one_named_are_close_to_it(movie_assistant: Assistant,
                                                    movies: Catalog) -> None:
    session, result = talk(movie_assistant, "movies", "anything newer than Inception?")
    assert session.liked_ids == [] and session.filters.year_min == 2011
    assert "from 2011 on" in result.reply
    assert all(movies.years[r.item_id] >= 2011 for r in result.recommendations)
    assert "Close to Inception (2010), which you mentioned" in \
        result.recommendations[0].explanation


def test_a_directors_films_after_one_of_theirs(movie_assistant: Assistant,
                                               movies: Catalog) -> None:
    _, result = talk(movie_assistant, "movies",
                     "what did Christopher Nolan direct after Interstellar?")
    assert [movies.display_title(r.item_id) for r in result.recommendations] == [
        "Dunkirk (2017)"]


@pytest.mark.parametrize("text, name", [
    ("movies like the office", "the office"),
    ("something like breaking bad", "breaking bad"),
    ("can you recommend something like the good place?", "the good place"),
])
def test_films_like_a_name_we_do_not_hold_are_said_back(
        movie_assistant: Assistant, text: str, name: str) -> None:
    """Session 41: "movies like the office" said nothing of "the office" (popular picks
    followed as if nothing had been asked)."""
    session, result = talk(movie_assistant, "movies", text)
    assert session.not_found == [name]
    assert f"I don't know {name} yet" in result.reply


@pytest.mark.parametrize("text", ["something like a comedy", "movies like that",
                                  "something like the matrix", "shows like friends"])
def test_films_like_a_kind_a_pronoun_or_a_title_held_are_no_unknown_name(
        movie_assistant: Assistant, text: str) -> None:
    session, _ = talk(movie_assistant, "movies", text)
    assert session.not_found == []


@pytest.mark.parametrize("text, units", [
    ("I need 12 mugs", 12), ("20 party bags please", 20), ("need 40", 40),
    ("twelve paper cups", 12), ("I want 20 party bags under £1 each", 20),
    # no units of one product: a pack's size, different things, people, what someone has
    ("a set of 6 mugs", 0), ("3 gift ideas", 0), ("2 presents for my 2 nephews", 0),
    ("for 12 people", 0), ("a mug for my mum who has 4 cats", 0),
    ("I need 12 mugs and 12 plates", 0),
])
def test_units_of_one_product_as_shoppers_write_them(text: str, units: int) -> None:
    assert units_wanted(text) == units


def test_a_number_needed_prices_each_and_a_pick_takes_that_many(
        shop_assistant: Assistant, retail: Catalog) -> None:
    """Session 41: "I need 12 mugs" had listed mugs with nothing said of the 12, and a pick
    after it was one mug."""
    session, result = talk(shop_assistant, "retail", "I need 12 mugs")
    assert "Each price is also given for 12." in result.reply
    for rec in result.recommendations:
        price = float(retail.prices[rec.item_id])
        assert f"£{price:.2f} each, £{price * 12:.2f} for 12" in rec.explanation
    listed = session.last_shown_ids
    result = shop_assistant.turn(session, "I'll take the second one")
    price = float(retail.prices[listed[1]])
    assert session.quantities == {listed[1]: 12}
    assert result.reply.startswith(
        f"12 x {retail.display_title(listed[1])} at £{price:.2f} each is £{price * 12:.2f}.")


def test_a_number_needed_holds_for_that_product_only(shop_assistant: Assistant) -> None:
    session, result = talk(shop_assistant, "retail", "I need 12 mugs", "cheaper ones")
    assert session.units == 12 and "for 12" in result.recommendations[0].explanation
    result = shop_assistant.turn(session, "now a card for my mum")
    assert session.units is None
    assert not any("for 12" in r.explanation for r in result.recommendations)


@pytest.mark.parametrize("text, first, second", [
    ("which is better, the Godfather or Goodfellas?", "The Godfather (1972)", "Goodfellas (1990)"),
    ("what's the difference between Alien and Aliens?", "Alien (1979)", "Aliens (1986)"),
    ("Alien vs Aliens, which one?", "Alien (1979)", "Aliens (1986)"),
    ("compare Heat and Casino", "Heat (1996)", "Casino (1995)"),
])
def test_films_compared_are_each_described_and_none_liked(
        movie_assistant: Assistant, text: str, first: str, second: str) -> None:
    """Session 41: "which is better, the Godfather or Goodfellas?" had been answered with a
    list alone, "what's the difference between Alien and Aliens?" had liked both and
    described Alien only."""
    session, result = talk(movie_assistant, "movies", text)
    assert session.liked_ids == []
    assert result.reply.startswith(
        f"I can't weigh movies against each other, but here is each: {first} (")
    assert f" {second} (" in result.reply
    assert result.reply.count("I can't weigh") == 1


@pytest.mark.parametrize("text, said", [
    ("what year did Titanic come out?", "Titanic (1997) came out in 1997. "),
    ("when was Jaws released?", "Jaws (1975) came out in 1975. "),
])
def test_the_year_asked_is_answered_first(movie_assistant: Assistant, text: str,
                                          said: str) -> None:
    _, result = talk(movie_assistant, "movies", text)
    assert result.reply.startswith(said)


@pytest.mark.parametrize("text, brand", [
    ("I've watched all the Marvel movies", "Marvel"),
    ("I've seen all the pixar movies", "Pixar"),
])
def test_a_brand_seen_whole_is_seen_not_listed_back(movie_assistant: Assistant,
                                                    movies: Catalog, text: str,
                                                    brand: str) -> None:
    """Session 41: "I've watched all the Marvel movies" had listed The Avengers, Black
    Panther, Thor: Ragnarok back, "I've seen all the pixar movies" Up and Toy Story."""
    session, result = talk(movie_assistant, "movies", text)
    named = set(np.flatnonzero(movies.topic_mask((brand,))).tolist())
    assert named and named <= set(session.seen_ids)
    assert result.recommendations and not named & set(result.item_ids())
    assert brand not in session.filters.topics


def test_a_brand_not_seen_whole_is_asked_for(movie_assistant: Assistant) -> None:
    session, _ = talk(movie_assistant, "movies", "I haven't seen all the pixar movies")
    assert session.seen_ids == [] and session.filters.topics == ("Pixar",)


@pytest.mark.parametrize("text", ["something for a new baby", "a gift for a newborn",
                                  "something for a baby shower", "a gift for my baby niece",
                                  "a christening gift"])
def test_a_baby_shopped_for_is_things_named_for_babies(shop_assistant: Assistant,
                                                       retail: Catalog, text: str) -> None:
    """Session 41: these had read nothing (popular picks; "Summer fun design shower cap"
    first for "baby shower"), where "a present for my colleague's baby" read baby things."""
    session, result = talk(shop_assistant, "retail", text)
    assert session.filters.subject == ("baby",)
    assert result.recommendations and all(
        "baby" in retail.titles[r.item_id].lower() for r in result.recommendations)


@pytest.mark.parametrize("text, occasion", [
    ("housewarming gift", "housewarming"), ("retirement gift", "retirement"),
    ("leaving present", "leaving"), ("something for secret santa, under £3", "secret santa"),
])
def test_a_gift_occasion_no_name_holds_is_said(shop_assistant: Assistant, text: str,
                                               occasion: str) -> None:
    """Session 41: "housewarming gift" showed doormats, each "a popular pick to start with",
    and said nothing of the housewarming."""
    _, result = talk(shop_assistant, "retail", text)
    assert f'I can\'t tell which products suit "{occasion}": my products have names only.' \
        in result.reply
    assert not any("A popular pick" in r.explanation for r in result.recommendations)


def test_a_gift_occasion_the_names_hold_filters_them(shop_assistant: Assistant,
                                                     retail: Catalog) -> None:
    _, result = talk(shop_assistant, "retail", "wedding gift")
    assert "I can't tell which products suit" not in result.reply
    assert all("wedding" in retail.titles[r.item_id].lower() for r in result.recommendations)


def test_more_like_a_film_asked_about_is_close_to_it(movie_assistant: Assistant) -> None:
    """Session 41: "what is Jaws about?", then "more like that" had given popular picks (the
    film asked about steers only its own turn's list)."""
    session, result = talk(movie_assistant, "movies", "what is Jaws about?", "more like that")
    assert "like Jaws (1975)" in result.reply and session.liked_ids == []
    assert result.recommendations and all(
        "Close to Jaws (1975), which you mentioned" in r.explanation
        for r in result.recommendations)


def test_the_number_needed_prices_what_the_list_comes_to(shop_assistant: Assistant,
                                                         retail: Catalog) -> None:
    session, result = talk(shop_assistant, "retail", "20 party bags please",
                           "how much for all of them?")
    total = sum(20 * float(retail.prices[i]) for i in session.last_shown_ids)
    assert f"In the numbers you said, that comes to £{total:.2f}." in result.reply
    assert result.reply.startswith(f"These: 20 x {retail.display_title(session.last_shown_ids[0])}")
