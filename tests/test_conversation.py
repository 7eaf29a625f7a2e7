"""Readings that lean on the conversation, each found by trying the assistant as a person
would (2026-12-04, LLM off): constraints taken back in plain words, "it" for the film just
described, a director's surname alone, "from 2015" as that year, and a message in another
language said back. Each kind is tested with the example that failed and its right value."""

from __future__ import annotations

import pytest

from assistant.language import foreign_language
from assistant.orchestrator import Assistant
from assistant.release import Release, apply_release, release_spans, taken_back
from assistant.rules import read_message
from core.catalog import Catalog
from core.types import HardFilters, Session
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
    # the kind: plain words did nothing, only the UI's panel could remove them
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
])
def test_what_the_catalogue_cannot_tell_is_admitted(film_assistant: Assistant, text: str,
                                                    what: str) -> None:
    _, result = talk(film_assistant, "movies", text)
    assert f"I don't know the {what} of these movies, so I could not use that." in result.reply


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
                                  "something like Grant would star in"])
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
