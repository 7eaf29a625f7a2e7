"""The issue's examples as tests with their right values: title linking that does not invent,
titles not in the catalogue reported back, shopper prices, "after 2010", best sellers, and the
mention-sentiment model trained on a small synthetic set with a known answer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant import title_prior
from assistant.intent import IntentParser
from assistant.linking import TitleLinker
from assistant.orchestrator import carried_filters
from assistant.rules import TOPICS, list_reference, read_message
from assistant.sentiment import MentionContext, MentionSentiment, merge_reading
from assistant.sentiment_train import Example, fit
from core.catalog import FILM_SUBJECTS, Catalog, cast_aliases, directors_from_extract
from core.datasets import shipped_dialogues, shipped_unordered
from core.errors import ArtifactError
from core.settings import LLMSettings, Settings
from core.types import Constraints, HardFilters, Intent, Message, Query, Session
from eval.bench_linking import NOT_IN_CATALOGUE
from retrieval.filters import filter_mask
from tests.conftest import make_assistant, make_catalog


@pytest.fixture(scope="module")
def prior(movies: Catalog, settings: Settings) -> title_prior.TitlePrior:
    """The link prior exactly as the build makes it (train split plain text)."""
    dialogues = shipped_dialogues(settings.data_dir, movies)
    texts = title_prior.plain_texts(dialogues["train"], shipped_unordered(settings.data_dir,
                                                                         movies))
    return title_prior.build(texts, movies)


@pytest.fixture(scope="module")
def linker(movies: Catalog, prior: title_prior.TitlePrior) -> TitleLinker:
    return TitleLinker(movies, prior=prior)


@pytest.fixture(scope="module")
def parser(movies: Catalog, linker: TitleLinker) -> IntentParser:
    return IntentParser(movies, linker, None, LLMSettings(backend="off"))


def shown(catalog: Catalog, ids: list[int]) -> list[str]:
    return [catalog.display_title(i) for i in ids]


def parse(parser: IntentParser, text: str):
    return parser.parse([Message(role="user", text=text)])


def test_link_prior_counts_plain_text(movies: Catalog) -> None:
    counts = title_prior.count_plain(["@111 the one I saw, the one", "inception @222"], movies)
    assert counts["one"] == 2 and counts["inception"] == 1 and "saw" in counts


def test_lower_case_phrases_do_not_become_titles(parser: IntentParser, movies: Catalog) -> None:
    got = parse(parser, "I loved the 2017 version of It, the one with the clown. Get Out was "
                        "great too.")
    assert shown(movies, got.liked_ids) == ["It (2017)", "Get Out (2017)"]
    assert got.not_found == []


@pytest.mark.parametrize(("text", "titles"), [
    # validation dialogues (session 27): a verb in lower case had linked Get Out, Wonder, Creep
    ("I hope you can get out soon. Thank you so much for the movie help", []),
    ("I have young children and don't get out much :)", []),
    ("Hi! I wonder if you know any good funny movies I should see", []),
    ("Those films creep me out.", []),
    ("i want to get out of the house tonight", []),
    ("it will creep you out", []), ("get out of here, that's too scary", []),
    ("i saw creep, it will creep you out", ["Creep"]),
    ("I liked black panther recently and thor: ragnarok  you?",
     ["Black Panther", "Thor: Ragnarok"]),
    # the titles themselves still link in lower case, with a cue or as a subject
    ("i loved get out", ["Get Out"]), ("we watched get out last night", ["Get Out"]),
    ("i am looking forward to black panther", ["Black Panther"]),
    ("did la la land have good reviews?", ["La La Land"]),
    ("thank you logan was great", ["Logan"]),
    # an occasion in a list of occasions is the day (validation: "both at Christmas and Halloween")
    ("We watch scary ones both at Christmas and Halloween", []),
    ("I loved Scream and Halloween", ["Scream", "Halloween"]),
    # "It" after a clause break and before a verb is the film before it
    ("I have seen Rosemary's Baby, It was awesome", ["Rosemary's Baby"]),
    ("Smokey and the Bandit , It was funny", ["Smokey and the Bandit"]),
    ("I loved It, it was scary", ["It"]),
])
def test_a_lower_case_verb_is_no_title(linker: TitleLinker, movies: Catalog, text: str,
                                       titles: list[str]) -> None:
    assert [movies.titles[r.item_id] for r in linker.find_titles(text)] == titles


def test_numeric_title_and_after_year(parser: IntentParser, movies: Catalog) -> None:
    got = parse(parser, "300 is one of my all-time favourites. Anything with big battles from "
                        "after 2010?")
    assert shown(movies, got.liked_ids) == ["300 (2007)"]
    assert got.filters.year_min == 2011
    assert parse(parser, "something under 300 minutes from 2010").liked_ids == []


def test_titles_not_in_catalogue_are_reported_not_replaced(parser: IntentParser) -> None:
    got = parse(parser, "I loved Oppenheimer and Everything Everywhere All at Once. Recommend "
                        "me something.")
    assert got.liked_ids == [] and got.disliked_ids == []
    assert got.not_found == ["Oppenheimer", "Everything Everywhere All at Once"]
    assert parse(parser, "I liked Dune (2021)").not_found == ["Dune (2021)"]


def test_no_links_for_fifty_post_2018_titles(linker: TitleLinker) -> None:
    assert len(NOT_IN_CATALOGUE) >= 50
    linked = {t: [r.text for r in linker.find_titles(f"I really loved {t}, what else?")]
              for t in NOT_IN_CATALOGUE}
    assert {t: v for t, v in linked.items() if v} == {}


def test_typed_titles_still_link(linker: TitleLinker, movies: Catalog) -> None:
    def titles(text: str) -> list[str]:
        return shown(movies, [r.item_id for r in linker.find_titles(text)])
    assert titles("i loved inception and the dark knight") == ["Inception (2010)",
                                                               "The Dark Knight (2008)"]
    assert titles("I loved The Matrx") == ["The Matrix (1999)"]
    assert titles("Have you seen Her? Heat (1995) is great") == ["Her (2013)", "Heat (1995)"]
    assert titles("it was up to me, I love it and the one I saw") == []
    # a digit standing for a letter is a spelling, not a sequel number
    assert titles("a 90s thriller, loved Se7en") == ["Seven (1995)"]
    assert titles("loved John Wick: Chapter 4") == []


@pytest.mark.parametrize(("text", "expected"), [
    # a word capitalised for emphasis or by a run-on sentence is no part of the title
    ("Super old, I know, but I LOVE Happy Gilmore", ["Happy Gilmore (1996)"]),
    ("i LOVED The Proposal", ["The Proposal (2009)"]),
    ("I Liked Lucas when I was a kid.", ["Lucas (1986)"]),
    ("I really like Days of Thunder also And Smokey and the Bandit",
     ["Days of Thunder (1990)", "Smokey and the Bandit (1977)"]),
    ("Some of my favorites are Shutter Island or Taking Lives That movie was really good",
     ["Shutter Island (2010)", "Taking Lives (2004)"]),
    ("AND The Pursuit of Happyness THAT WAS ACTUALLY A GREAT MOVIE.!",
     ["The Pursuit of Happyness (2006)"]),
    # listed after a title: named as a film too, even a common word
    ("I am a big fan of Hellraiser and The Thing", ["Hellraiser (1987)", "The Thing (1982)"]),
    ("something like Forrest Gump and Big", ["Forrest Gump (1994)", "Big (1988)"]),
    # a capitalised word opening the sentence, with a verdict after it
    ("Aliens was great I love the whole series", ["Aliens (1986)"]),
    # titles written one after another with no comma (ReDial's @-mentions read as titles)
    ("Some of my favorites are Step Brothers Billy Madison and Dumb and Dumber",
     ["Step Brothers (2008)", "Billy Madison (1995)", "Dumb and Dumber (1994)"]),
    ("any adam sandler movie like  Waterboys Grown Ups Grown Ups 2",
     ["Waterboys (2001)", "Grown Ups (2010)", "Grown Ups 2 (2013)"]),
    ("Very good like Halloween Or Friday the 13th Part 2",
     ["Halloween (1978)", "Friday the 13th Part 2 (1981)"]),
    ("old school action like Rambo The Spy Who Loved Me",
     ["Rambo (2012)", "The Spy Who Loved Me (1977)"]),
    ("What's Safe House  about then", ["Safe House (2012)"]),
    ("Step Brothers Superbad", ["Step Brothers (2008)", "Superbad (2007)"]),
    ("Heat Casino Goodfellas", ["Heat (1996)", "Casino (1995)", "Goodfellas (1990)"]),
    # every word capitalised: the words alone decide, as in lower case
    ("I Loved Inception And Memento", ["Inception (2010)", "Memento (2000)"]),
    ("I Love Elf And Home Alone", ["Elf (2003)", "Home Alone (1990)"]),
    ("I've seen both of those. I liked Monster-in-Law but Not Silver Linings Playbook",
     ["Monster-in-Law (2005)", "Silver Linings Playbook (2012)"]),
    # the words before a colon name the film
    ("I loved Rogue One", ["Rogue One: A Star Wars Story (2016)"]),
    ("I loved Talladega Nights", ["Talladega Nights: The Ballad of Ricky Bobby (2006)"]),
    # and the words after it, capitalised or three words and more
    ("Loved Infinity War", ["Avengers: Infinity War (2018)"]),
    ("return of the king was even better",
     ["The Lord of the Rings: The Return of the King (2003)"]),
    # and a series' "X and the Y" by its Y (it had linked Doom (2005)), "v" inside a title
    ("I hated Temple of Doom", ["Indiana Jones and the Temple of Doom (1984)"]),
    ("I loved the Last Crusade", ["Indiana Jones and the Last Crusade (1989)"]),
    ("the Goblet of Fire was the best", ["Harry Potter and the Goblet of Fire (2005)"]),
    ("Batman v Superman was terrible", ["Batman v Superman: Dawn of Justice (2016)"]),
    ("a movie about the civil war", []),
    # and what must stay words
    ("I Love Lucy reruns are my favorite", []), ("Perfect, Love It", []),
    ("I Watched It With My Friend Will And We Loved It", []),
    ("I love all of the Jack Ryan movies", []), ("it came back in one piece", []),
    # all capitals: a viewing verb is emphasis, a title is a title
    ("I loved SAW and HOSTEL", ["Saw (2004)", "Hostel (2011)"]),
    # the words of one film are not two films: that film ("The Lost World: Jurassic Park")
    ("I loved Jurassic Park The Lost World", ["The Lost World: Jurassic Park (1997)"]),
    ("Big was great", []), ("Family is great", []), ("Hi, how are you, Good and you?", []),
    ("I liked Titanic and Thanks for the help", ["Titanic (1997)"]),
    ("I watched Love Actually", ["Love Actually (2003)"]),
])
def test_titles_inside_run_on_sentences(linker: TitleLinker, movies: Catalog, text: str,
                                        expected: list[str]) -> None:
    """Validation seekers' sentences whose liked film was not linked (each a kind: see
    README "Title linking")."""
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == expected
    assert reading.unknown == ()  # a film the catalogue holds is never "unknown"


@pytest.mark.parametrize("text", ["I loved Top Gun: Maverick", "I loved Top Gun Maverick"])
def test_a_sequel_subtitle_is_no_second_title(linker: TitleLinker, text: str) -> None:
    reading = linker.read_titles(text)
    assert reading.links == () and reading.unknown == (text.removeprefix("I loved "),)


@pytest.mark.parametrize(("text", "linked", "unknown"), [
    # a later film of a series we hold is no earlier film of it (session 37: each had linked
    # the first film, and "Because you liked Frozen" followed)
    ("I liked frozen 2 and john wick 3", [], ["frozen 2", "john wick 3"]),
    ("creed iii was better", [], ["creed iii"]),
    ("I liked Guardians of the Galaxy Vol. 3", [], ["Guardians of the Galaxy Vol. 3"]),
    ("wonder woman 1984 was bad", [], ["wonder woman 1984"]),
    ("avengers: endgame was amazing", [], ["avengers: endgame"]),
    ("I loved Avengers: Endgame", [], ["Avengers: Endgame"]),
    ("Dune: Part Two was amazing", [], ["Dune: Part Two"]),
    ("i really loved avatar: the way of water", [], ["avatar: the way of water"]),
    ("loved top gun maverick", [], ["top gun maverick"]),
    ("avengers endgame was great", [], ["avengers endgame"]),
    ("the matrix resurrections was meh, I loved the matrix though", ["The Matrix (1999)"],
     ["the matrix resurrections"]),
    ("I really loved Jojo Rabbit", [], ["Jojo Rabbit"]),
    ("I really loved Killers of the Flower Moon", [], ["Killers of the Flower Moon"]),
    ("A Quiet Place Part II was scary", [], ["A Quiet Place Part II"]),  # no Hostel: Part II
    # and what goes on as a sentence still names the film
    ("I saw heat 2 times", ["Heat (1996)"], []),
    ("heat 9/10", ["Heat (1996)"], []),
    ("heat: loved it", ["Heat (1996)"], []),
    ("heat: the best heist movie", ["Heat (1996)"], []),
    ("I liked Heat - great cast", ["Heat (1996)"], []),
    ("I liked alien btw", ["Alien (1979)"], []),
    ("We're going to watch mary poppins tongiht!", ["Mary Poppins (1964)"], []),
    ("I really liked the greatest showman becasue I love musicals",
     ["The Greatest Showman (2017)"], []),
    ("Maybe something more along the lines of Prisoners  with Jake Gillanhall",
     ["Prisoners (2013)"], []),
    ("Some of my favorites are Shutter Island or Taking Lives That movie was really good",
     ["Shutter Island (2010)", "Taking Lives (2004)"], []),
    ("Woah The Silnece of the Lambs I haven't seen that in ages",  # a near-spelling
     ["The Silence of the Lambs (1991)"], []),
    ("john wick 2 was great", ["John Wick: Chapter 2 (2017)"], []),
    ("toy story 1 and 2", ["Toy Story (1995)", "Toy Story 2 (1999)"], []),
    ("I loved heat 1995", ["Heat (1996)"], []),
    # session 38: a series' "and the", "x" / "vs", a title said twice, a Title Case
    # subtitle holding a word of opinion (each had linked the film inside)
    ("I loved Indiana Jones and the Dial of Destiny", [],
     ["Indiana Jones and the Dial of Destiny"]),
    ("I liked Harry Potter and the Cursed Child", [], ["Harry Potter and the Cursed Child"]),
    ("I liked Godzilla x Kong", [], ["Godzilla x Kong"]),
    ("I liked Godzilla vs Kong", [], ["Godzilla vs Kong"]),
    ("I loved Beetlejuice Beetlejuice", [], ["Beetlejuice Beetlejuice"]),
    ("I liked Thor: Love and Thunder", [], ["Thor: Love and Thunder"]),
    # session 39: any title of ours joined to Title Case everyday words, a title ending in
    # "!" that goes on, "The ... Movie" around a title without "The" (each had linked the
    # film inside, "Lost Kingdom" The Last Kingdom too)
    ("I loved Aquaman and the Lost Kingdom", [], ["Aquaman and the Lost Kingdom"]),
    ("I loved Bad Boys for Life", [], ["Bad Boys for Life"]),
    ("I loved Aquaman and the Lost Kingdom and Heat", ["Heat (1996)"],
     ["Aquaman and the Lost Kingdom"]),
    ("I loved Mamma Mia! Here We Go Again", [], ["Mamma Mia! Here We Go Again"]),
    ("I loved Shazam! Fury of the Gods", [], ["Shazam! Fury of the Gods"]),
    ("I loved The Super Mario Bros. Movie", [], ["The Super Mario Bros. Movie"]),
    # a series' "and the" in lower case, over words people hardly ever write
    ("i loved indiana jones and the dial of destiny", [],
     ["indiana jones and the dial of destiny"]),
    ("i love harry potter and the books", ["Harry Potter"], []),
    ("i love harry potter and the daniel radcliffe movies", ["Harry Potter"], []),
    # and a place, a service, a day or a person it was for is none of a title's words
    ("I watched Heat on Netflix", ["Heat (1996)"], []),
    ("I got Jaws for Mom", ["Jaws (1975)"], []),
    ("I watched Titanic in London", ["Titanic (1997)"], []),
    ("I loved Heat for De Niro", ["Heat (1996)"], []),
    ("I loved Airplane! The jokes were great", ["Airplane! (1980)"], []),
    ("I loved The Lego Movie", ["The Lego Movie (2014)"], []),
    # and two films, or a film and what is said of it, stay so
    ("I loved Harry Potter and the Hunger Games", ["Harry Potter", "The Hunger Games (2012)"],
     []),
    ("which is better, Heat vs Casino?", ["Heat (1996)", "Casino (1995)"], []),
    # session 41: two films "vs" opening the message (none, or only the second, had linked);
    # a title with "vs" in it stays one film
    ("Heat vs Casino", ["Heat (1996)", "Casino (1995)"], []),
    ("Alien vs Aliens, which one?", ["Alien (1979)", "Aliens (1986)"], []),
    ("Alien vs. Predator was bad", ["Alien vs. Predator (2004)"], []),
    ("I loved Alien vs Predator", ["Alien vs. Predator (2004)"], []),
    ("Kramer vs. Kramer is a classic", ["Kramer vs. Kramer (1979)"], []),
    ("Monsters vs Aliens was fun", ["Monsters vs. Aliens (2009)"], []),
    ("I liked Percy Jackson and the Lightning Thief",
     ["Percy Jackson & the Olympians: The Lightning Thief (2010)"], []),
    ("I loved Heat: Pacino and De Niro", ["Heat (1996)"], []),  # had been "Heat: Pacino"
    ("I loved Heat - Great Cast", ["Heat (1996)"], []),
    ("Heat: Loved It", ["Heat (1996)"], []),  # no It (2017)
    ("I loved Van Damme films", [], []),  # a person, no unknown film
    ("Movies I love: It, Heat", ["It (2017)", "Heat (1996)"], []),
])
def test_a_title_that_goes_on_is_a_film_we_do_not_hold(linker: TitleLinker, movies: Catalog,
                                                      text: str, linked: list[str],
                                                      unknown: list[str]) -> None:
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == linked
    assert list(reading.unknown) == unknown


def test_later_films_of_our_series_are_not_linked(linker: TitleLinker) -> None:
    """The benchmark's list, as written: none is linked (session 39; three had been)."""
    from eval.bench_linking import NEWER_IN_SERIES

    linked = [t for t in NEWER_IN_SERIES if linker.find_titles(f"I really loved {t}, what else?")]
    assert linked == []


@pytest.mark.parametrize(("text", "expected"), [
    ("I liked Harry Potter and the Deathly Hallows",
     "Harry Potter and the Deathly Hallows – Part 2 (2011)"),
    ("i liked the deathly hallows", "Harry Potter and the Deathly Hallows – Part 2 (2011)"),
    ("I liked The Hunger Games: Mockingjay", "The Hunger Games: Mockingjay – Part 2 (2015)"),
    ("I liked Deathly Hallows part 1", "Harry Potter and the Deathly Hallows – Part 1 (2010)"),
])
def test_a_film_in_parts_named_without_the_part(linker: TitleLinker, movies: Catalog,
                                                text: str, expected: str) -> None:
    """Session 38: said back as unknown (or nothing) though we hold both parts; the better
    known part is linked, the other offered as the alternative."""
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == [expected]
    assert reading.unknown == ()
    if not text.endswith("part 1"):
        assert shown(movies, list(reading.links[0].alternatives)) == [
            expected.replace("Part 2", "Part 1").replace("(2011)", "(2010)").replace(
                "(2015)", "(2014)")]


@pytest.mark.parametrize(("text", "expected"), [
    # the leading words people call a film by (session 39: each had been said back as a
    # film we do not know, and "eternal sunshine" had linked Sunshine (2007))
    ("I loved Eternal Sunshine", ["Eternal Sunshine of the Spotless Mind (2004)"]),
    ("i loved eternal sunshine", ["Eternal Sunshine of the Spotless Mind (2004)"]),
    ("eternal sunshine is my favourite", ["Eternal Sunshine of the Spotless Mind (2004)"]),
    ("i loved three billboards", ["Three Billboards Outside Ebbing, Missouri (2017)"]),
    ("I loved Ferris Bueller", ["Ferris Bueller's Day Off (1986)"]),
    ("I loved Crouching Tiger", ["Crouching Tiger, Hidden Dragon (2000)"]),
    ("I loved Fantastic Beasts", ["Fantastic Beasts and Where to Find Them (2016)"]),
    ("have you seen Close Encounters?", ["Close Encounters of the Third Kind (1977)"]),
    # of everyday words, only in capitals with a verdict beside them
    ("I loved No Country", ["No Country for Old Men (2007)"]),
    ("Good Morning", []), ("i loved my sister", []),
])
def test_a_films_leading_words_name_it(linker: TitleLinker, movies: Catalog, text: str,
                                       expected: list[str]) -> None:
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == expected
    assert reading.unknown == ()


@pytest.mark.parametrize(("text", "expected"), [
    # the one word before a film's colon, a word people hardly ever write otherwise (each had
    # been said back as a film we do not know: "I don't know Dodgeball yet")
    ("I loved Dodgeball", ["DodgeBall: A True Underdog Story (2004)"]),
    ("i loved leon", ["Léon: The Professional (1994)"]),
    ("I loved Amélie and Léon", ["Amélie (2001)", "Léon: The Professional (1994)"]),
    ("have you seen Hachi?", ["Hachi: A Dog's Tale (2009)"]),
    # a first name with no verdict beside it is a person
    ("my friend Leon likes horror", []), ("I watched it with Leon", []),
])
def test_one_word_before_a_films_colon_names_it(linker: TitleLinker, movies: Catalog, text: str,
                                                expected: list[str]) -> None:
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == expected
    assert reading.unknown == ()


@pytest.mark.parametrize(("text", "expected"), [
    # "Saw" opening a sentence before "was" is the film (no past tense opens one so), and
    # after "the first" too; it had been read as nothing and Saw recommended to its hater
    ("Saw was too gory for me", ["Saw (2004)"]), ("Saw was great", ["Saw (2004)"]),
    ("Saw it yesterday, it was great", []), ("Saw Heat yesterday", ["Heat (1996)"]),
    # and before a verb only a subject takes (session 39)
    ("Saw had too many jump scares", ["Saw (2004)"]), ("Up had great animation", ["Up (2009)"]),
])
def test_saw_opening_a_sentence(linker: TitleLinker, movies: Catalog, text: str,
                                expected: list[str]) -> None:
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == expected


def test_word_counts_keep_words_written_twice() -> None:
    words = title_prior.count_words(["@111 was great, it WAS", "Endgame @222 was"])
    assert words == {"was": 3}


def test_without_word_counts_a_title_goes_on_only_by_capitals_and_numbers(
        movies: Catalog) -> None:
    bare = TitleLinker(movies)
    assert bare.read_titles("I liked frozen 2").unknown == ("frozen 2",)
    assert bare.read_titles("I really loved Jojo Rabbit").unknown == ("Jojo Rabbit",)


def movie_turn(movies: Catalog, linker: TitleLinker, text: str):
    """(assistant, session, result) of one phase-1 turn with the build's link prior."""
    assistant = make_assistant(movies)
    assistant.parser.linker = linker
    session = Session(session_id="t", catalog="movies")
    return assistant, session, assistant.turn(session, text)


def test_not_found_reaches_the_reply_and_the_session(movies: Catalog,
                                                     linker: TitleLinker) -> None:
    assistant, session, result = movie_turn(
        movies, linker, "I loved Oppenheimer and Everything Everywhere All at Once.")
    assert "I don't know Oppenheimer or Everything Everywhere All at Once yet" in result.reply
    assert session.not_found == ["Oppenheimer", "Everything Everywhere All at Once"]
    assert session.liked_ids == []
    from server.api import session_view
    assert session_view(assistant, session).not_found == session.not_found


def test_a_later_film_of_a_series_is_said_back_not_liked(movies: Catalog,
                                                        linker: TitleLinker) -> None:
    _, session, result = movie_turn(
        movies, linker, "the matrix resurrections was meh, I loved the matrix though")
    # one film, even in lower case with a plural word ("left them out" had been said)
    assert "I don't know the matrix resurrections yet, so I left it out." in result.reply
    assert shown(movies, session.liked_ids) == ["The Matrix (1999)"]
    _, session, result = movie_turn(movies, linker, "I liked frozen 2")
    assert session.liked_ids == [] and session.not_found == ["frozen 2"]
    assert "Because you liked Frozen" not in " ".join(
        r.explanation for r in result.recommendations)


def test_set_aside_titles_reach_the_reply_and_the_session(movies: Catalog,
                                                          linker: TitleLinker) -> None:
    _, session, result = movie_turn(movies, linker,
                                    "I loved Sicraio, something other than Titanic please")
    assert "based on Sicario (2015)" in result.reply
    assert "I set aside Titanic (1997)." in result.reply
    assert shown(movies, session.disliked_ids) == ["Titanic (1997)"]
    assert shown(movies, session.liked_ids) == ["Sicario (2015)"]
    assert session.disliked_ids[0] not in [r.item_id for r in result.recommendations]


def test_a_title_set_aside_takes_its_namesakes_and_leaves_the_query(movies: Catalog,
                                                                     linker: TitleLinker) -> None:
    assistant, session, _ = movie_turn(movies, linker,
                                       "Can you recommend anything else? Except Titanic")
    assert shown(movies, session.disliked_ids) == ["Titanic (1997)"]
    query = assistant.query_for(session)
    titanics = [i for i, t in enumerate(movies.titles) if t == "Titanic"]
    assert len(titanics) >= 3 and set(titanics) <= set(query.exclude_ids)
    assert "titanic" not in query.text.lower() and "anything else" in query.text


def test_the_served_hybrid_recommends_no_namesake_of_a_title_set_aside(movie_assistant) -> None:
    session = Session(session_id="namesakes", catalog="movies")
    result = movie_assistant.turn(session, "Can you recommend anything else? Except Titanic")
    titles = [movie_assistant.catalog.titles[r.item_id] for r in result.recommendations]
    assert titles and "Titanic" not in titles  # Titanic (2012) came first before


def test_genres_set_aside_keep_out_films_of_unknown_genre(movie_assistant) -> None:
    """Love Actually has no genres in the catalogue and was served to "no romance dramas"."""
    session = Session(session_id="no-romance", catalog="movies")
    movie_assistant.turn(session, "I loved 10 Things I Hate About You and Clueless")
    result = movie_assistant.turn(session, "I hated Titanic, no romance dramas please")
    genres = [movie_assistant.catalog.genres[r.item_id] for r in result.recommendations]
    assert genres and all(g and not {"Romance", "Drama"} & set(g) for g in genres)


@pytest.mark.parametrize("text,cast,excluded", [
    ("anything with Keanu Reeves?", ["Keanu Reeves"], []),
    ("I am looking for movies starring Drew Barrymore.", ["Drew Barrymore"], []),
    ("I love tom hanks movies, something funny", ["Tom Hanks"], []),
    ("Something with Tom Hanks and Meg Ryan", ["Tom Hanks", "Meg Ryan"], []),
    ("Hi, I'm looking for a good action movie that has Paul Walker or Vin Diesel in it",
     ["Paul Walker", "Vin Diesel"], []),
    ("movies starring meryl streep and no musicals", ["Meryl Streep"], []),
    ("nothing with adam sandler please", [], ["Adam Sandler"]),
    ("I can't stand Nicolas Cage", [], ["Nicolas Cage"]),
    ("I hate horror and love Tom Hanks movies", ["Tom Hanks"], []),
    # seen through the app: "we both love Jim Carrey" was not read, and rom-coms came back
    ("something funny to watch with my girlfriend tonight, we both love Jim Carrey",
     ["Jim Carrey"], []),
    ("Yes! I love Ryan Reynolds.", ["Ryan Reynolds"], []),  # validation dialogues
    ("I love Jim Carrey in The Mask", [], []),  # the role, not every film
    # a role in one film is an opinion of the film, not a wish for every film of the actor
    ("I liked Keanu Reeves in The Matrix", [], []),
    ("I want a movie with my kids", [], []),
    # ReDial seekers naming who is in a film they talk about (validation dialogues)
    ("I loved Blended with drew barrymore", [], []),
    ("Is that the movie with Robin Williams?", [], []),
    ("Yes. With Jack Nicholson?", [], []),
    ("Tony Jaa is great.", [], []),
    ("Brad Pitt is in Troy...he is also in Inglourious Basterds", [], []),
])
def test_actors_asked_for_and_set_aside(movies: Catalog, linker: TitleLinker, text: str,
                                        cast: list[str], excluded: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.cast, reading.exclude_cast) == (cast, excluded)


def test_a_title_inside_an_actors_name_is_not_linked(movies: Catalog,
                                                      linker: TitleLinker) -> None:
    # "Keanu" (2016) is a film: inside "keanu reeves" it is the actor, not a liked title
    reading = read_message("anything with keanu reeves", movies, linker)
    assert reading.cast == ["Keanu Reeves"] and reading.mentioned_ids == []
    reading = read_message("I loved Keanu Reeves in The Matrix", movies, linker)
    assert [movies.titles[i] for i in reading.liked_ids] == ["The Matrix"]


@pytest.mark.parametrize("text,cast,excluded,liked", [
    # one word for a well-known actor, where the words around it say a person is meant
    ("any Keanu movies?", ["Keanu Reeves"], [], []),
    ("Any Keanu movies?", ["Keanu Reeves"], [], []),
    ("I love Stallone films", ["Sylvester Stallone"], [], []),
    ("something starring DiCaprio", ["Leonardo DiCaprio"], [], []),
    ("any Hanks movies?", ["Tom Hanks"], [], []),  # Colin Hanks has 6 films to Tom's 42
    ("no Sandler movies please", [], ["Adam Sandler"], []),
    ("I loved The Matrix. Any Keanu movies?", ["Keanu Reeves"], [], ["The Matrix"]),
    # the film Keanu (2016) where nothing says "movies" after it; a word many actors share
    ("I liked Keanu, it was funny", [], [], ["Keanu"]),
    ("any Chris movies?", [], [], []),
    ("I love Rocky movies", [], [], ["Rocky"]),
    ("I liked the Cube movie, anything similar?", [], [], ["Cube"]),  # not Ice Cube
    # lower-case words that are also an actor's name part ("Gay" Harden, Chevy "Chase")
    ("I am looking for gay movies", [], [], []),
    ("any car chase movies?", [], [], []),
])
def test_one_word_for_an_actor(movies: Catalog, linker: TitleLinker, text: str, cast: list[str],
                               excluded: list[str], liked: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.cast, reading.exclude_cast) == (cast, excluded)
    assert [movies.titles[i] for i in reading.liked_ids] == liked
    assert reading.unknown_titles == []


def test_cast_aliases_need_one_dominant_owner() -> None:
    films = {"Tom Hanks": 42, "Colin Hanks": 6, "Will Smith": 29, "Will Ferrell": 28,
             "Jane Doe": 4, "Cedric the Entertainer": 30}
    aliases = cast_aliases(films)
    assert aliases["hanks"] == "Tom Hanks" and aliases["ferrell"] == "Will Ferrell"
    assert "will" not in aliases and "doe" not in aliases and "colin" not in aliases
    assert "the" not in aliases and aliases["cedric"] == "Cedric the Entertainer"


def test_an_actor_the_catalogue_lacks_is_said_back(movies: Catalog,
                                                    linker: TitleLinker) -> None:
    reading = read_message("anything with Timothee Chalamet?", movies, linker)
    assert reading.unknown_titles == ["Timothee Chalamet"] and reading.cast == []
    reading = read_message("movies with Tom Hanks or Florence Pugh", movies, linker)
    assert reading.cast == ["Tom Hanks"] and reading.unknown_titles == ["Florence Pugh"]
    _, _, result = movie_turn(movies, linker, "something starring Florence Pugh")
    assert "I don't know Florence Pugh yet" in result.reply


def test_a_possessive_name_is_the_name(movies: Catalog, linker: TitleLinker) -> None:
    """Session 38: "Stephen King's" was no name (the word "King's"), so he was said back as
    unknown where "Stephen King movies" asks for the films he is credited in."""
    for text in ("I love Stephen King's movies and books", "I love Stephen King movies"):
        reading = read_message(text, movies, linker)
        assert reading.cast == ["Stephen King"] and reading.unknown_titles == []


@pytest.mark.parametrize("text,unknown", [
    # people the catalogue knows in no role: said back, never read as a title near the name
    ("I love Celine Song's movies and books", ["Celine Song"]),
    ("something directed by Celine Song?", ["Celine Song"]),
    ("any Mr Bean movies?", ["Mr Bean"]),
    ("I love Tom Cruise movies", []),  # in the cast: asked for, not unknown
])
def test_a_person_the_catalogue_lacks_is_said_back(movies: Catalog, linker: TitleLinker,
                                                   text: str, unknown: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert reading.unknown_titles == unknown and reading.liked_ids == []
    assert reading.cast == ([] if unknown else ["Tom Cruise"]) and reading.directors == []


@pytest.mark.parametrize("text,wanted,banned", [
    # directors come from the Wikipedia extracts' "directed by" (the catalogue had none)
    ("any Christopher Nolan movies?", ["Christopher Nolan"], []),
    ("Any Christopher Nolan movies?", ["Christopher Nolan"], []),
    ("can you recommend me some movies that are directed by Steven Spielberg?",
     ["Steven Spielberg"], []),
    ("any Nolan films?", ["Christopher Nolan"], []),  # a surname one director owns
    ("Tarantino movies please", ["Quentin Tarantino"], []),
    # a surname an actor owns, inside another person's name: that person, not the actor
    ("any James Cameron movies?", ["James Cameron"], []),
    # in both roles: the words say which ("Clint Eastwood movies" below stars him)
    ("something directed by Greta Gerwig", ["Greta Gerwig"], []),
    ("a film by Clint Eastwood", ["Clint Eastwood"], []),
    ("nothing by Michael Bay please", [], ["Michael Bay"]),
    # who made a film just named is no request: "Inception, directed by Christopher Nolan"
    ("I loved Inception, directed by Christopher Nolan", [], []),
    ("I loved Lady Bird by Greta Gerwig", [], []),
    ("its by stephen king right?", [], []),  # about a film already talked of (validation)
])
def test_a_director_asked_for_is_read(movies: Catalog, linker: TitleLinker, text: str,
                                      wanted: list[str], banned: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.directors, reading.exclude_directors) == (wanted, banned)
    assert reading.unknown_titles == [] and reading.cast == []


def test_someone_in_both_roles_is_an_actor_unless_the_words_say_director(
        movies: Catalog, linker: TitleLinker) -> None:
    reading = read_message("Clint Eastwood movies please", movies, linker)
    assert reading.cast == ["Clint Eastwood"] and reading.directors == []


def test_directors_come_from_the_extracts(movies: Catalog) -> None:
    nolan = {movies.titles[i] for i in np.flatnonzero(movies.director_mask(("christopher nolan",)))}
    assert {"Inception", "Memento", "The Dark Knight", "Interstellar", "Dunkirk"} <= nolan
    assert "Logan's Run" not in nolan  # "Nolan" in its extract is the novelist
    fargo = directors_from_extract("Fargo is a 1996 crime film written, produced, edited and "
                                   "directed by Joel and Ethan Coen.")
    assert fargo == ("Joel Coen", "Ethan Coen")
    assert directors_from_extract("It stars J. J. Abrams. Directed by nobody.") == ()
    # seen through the app: "not directed by him" after Clint Eastwood still showed these
    assert directors_from_extract(
        "Million Dollar Baby is a 2004 American sports drama film directed, co-produced, scored "
        "by and starring Clint Eastwood from a screenplay written by Paul Haggis") == (
        "Clint Eastwood",)
    assert directors_from_extract("the fourth in the Dirty Harry series, directed, produced by "
                                  "and starring Clint Eastwood and co-starring Sondra Locke") == (
        "Clint Eastwood",)
    assert directors_from_extract("a film co-written, directed, and produced by J. J. Abrams, "
                                  "and starring ...") == ("J. J. Abrams",)
    four = directors_from_extract("co-directed by Allison Anders, Alexandre Rockwell, Robert "
                                  "Rodriguez, and Quentin Tarantino.")
    assert four == ("Allison Anders", "Alexandre Rockwell", "Robert Rodriguez",
                    "Quentin Tarantino")
    assert movies.director_alias("Spielberg") == "Steven Spielberg"
    assert movies.director_alias("Scott") is None  # Ridley and Tony: no one owns it


def test_cast_mask_takes_any_of_the_actors(movies: Catalog) -> None:
    keanu, moss = (set(np.flatnonzero(movies.cast_mask((n,)))) for n in ("keanu reeves",
                                                                          "Carrie-Anne Moss"))
    assert {movies.titles[i] for i in keanu & moss} == {
        "The Matrix", "The Matrix Reloaded", "The Matrix Revolutions"}
    either = movies.cast_mask(("Keanu Reeves", "carrie-anne moss"))
    assert set(np.flatnonzero(either)) == keanu | moss
    assert not movies.cast_mask(("Nobody We Know",)).any()


def test_a_stage_name_is_the_same_person(movies: Catalog) -> None:
    """Credits name one person three ways (The Rock, Dwayne Johnson, Dwayne "The Rock"
    Johnson): each name finds every film ("anything with the Rock?" had found 3 of them)."""
    rock, dwayne = (set(np.flatnonzero(movies.cast_mask((n,)))) for n in ("The Rock",
                                                                           "dwayne johnson"))
    assert rock == dwayne and len(rock) >= 25
    assert {"Moana", "The Rundown", "Be Cool"} <= {movies.titles[i] for i in rock}
    synthetic = make_catalog(4)
    synthetic = replace(synthetic, cast=(("Curtis '50 Cent' Jackson",), ("50 Cent",),
                                         ("Curtis Jackson",), ("Samuel L. Jackson",)))
    assert list(np.flatnonzero(synthetic.cast_mask(("50 cent",)))) == [0, 1, 2]
    assert list(np.flatnonzero(synthetic.cast_mask(("Samuel L. Jackson",)))) == [3]


@pytest.mark.parametrize("text,unsupported", [
    # what the catalogue cannot tell is said back, never dropped in silence
    ("a comedy under 90 minutes please", ["running times"]),
    ("something not too long, maybe an hour and a half", ["running times"]),
    ("no R rated movies, it is for my kids", ["age ratings"]),
    ("Tomb Raider seems a bit violent. Is it R or PG13?", ["age ratings"]),  # validation
    ("anything good on Netflix?", ["streaming services"]),
    ("a movie to watch with my grandma, nothing violent", ["content warnings"]),
    ("I want a scary movie that isn't too gory", ["content warnings"]),
    ("a comedy without too much swearing", ["content warnings"]),
    ("which one is the shortest?", ["running times"]),
    ("Tomb Raider seems a bit violent", []),  # said of a film, not asked
    # told, not asked; and times that are no running time (both from validation dialogues)
    ("We liked the Woody Woodpecker movie on netflix as well", []),
    ("do you have any suggestions? my timer has less than 4 minutes remaining", []),
    ("something under £5", ["prices"]),  # money, not a running time: films have no prices
])
def test_what_the_catalogue_cannot_tell_is_read(movies: Catalog, linker: TitleLinker,
                                                 text: str, unsupported: list[str]) -> None:
    assert read_message(text, movies, linker).unsupported == unsupported


def test_what_the_catalogue_cannot_tell_is_said_back(movies: Catalog,
                                                     linker: TitleLinker) -> None:
    _, _, result = movie_turn(movies, linker, "a comedy under 90 minutes please")
    assert "I don't know the running times of these movies, so I could not use that." \
        in result.reply
    assert result.recommendations and all("Comedy" in movies.genres[r.item_id]
                                           for r in result.recommendations)


@pytest.mark.parametrize("text,moods,set_aside", [
    ("I want something dark and gritty", ["dark", "gritty"], []),
    ("a quirky, thought-provoking indie film", ["quirky", "thought-provoking"], []),
    ("nothing too dark please, I loved The Dark Knight", [], ["dark"]),
    ("I loved The Dark Knight", [], []),  # the title's own word
    ("I really want to see The Dark Tower", [], []),  # and a title the catalogue may lack
    ("a funny movie for tonight", [], []),  # a genre, read as one
    # said of a film, not asked (validation dialogues)
    ("I have! I liked the movie, it was intense", [], []),
    ("I loved The Others it was very atmospheric but I didn't find it scary", [], []),
    ("Yeah - that was a brilliant dark comedy", [], []),
    ("It's not too dark, I think", [], []),
    ("I'm looking for a really dark thriller.", ["dark"], []),  # validation
])
def test_moods_no_field_carries_are_read(movies: Catalog, linker: TitleLinker, text: str,
                                         moods: list[str], set_aside: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.moods, reading.exclude_moods) == (moods, set_aside)


def test_moods_are_said_back_as_matched_by_description(movies: Catalog,
                                                      linker: TitleLinker) -> None:
    from server.api import session_view

    assistant, session, result = movie_turn(movies, linker, "I want something dark and gritty")
    assert ('I have no mood tags, so I matched "dark, gritty" against the movies\' '
            'descriptions.') in result.reply
    assert result.recommendations and session.moods == ["dark", "gritty"]
    assert session_view(assistant, session).moods == ["dark", "gritty"]
    _, session, result = movie_turn(movies, linker, "nothing too dark, maybe a comedy")
    assert "I have no mood tags, so I could not leave out dark movies." in result.reply
    assert session.moods == ["not dark"]


@pytest.mark.parametrize("text,genres,liked", [
    # seen through the app: a horror film came first for a date
    ("hi! i'm looking for a good movie for date night", ["Romance"], []),
    ("I loved Date Night with Steve Carell", [], ["Date Night (2010)"]),  # the film
])
def test_date_night_asks_for_romance(movies: Catalog, linker: TitleLinker, text: str,
                                     genres: list[str], liked: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert reading.genres == genres and shown(movies, reading.liked_ids) == liked


@pytest.mark.parametrize("text,linked,unknown", [
    ("I loved Date Night with Steve Carell", ["Date Night (2010)"], []),
    # the star picks among same-title films (ReDial's own entry for Mann's Heat says 1996)
    ("Something like Heat with Al Pacino", ["Heat (1996)"], []),
    ("Something like The Heat with Sandra Bullock", ["The Heat (2013)"], []),
    ("I liked Jaws by Steven Spielberg", ["Jaws (1975)"], []),
    ("I loved Oppenheimer with Cillian Murphy", [], ["Oppenheimer"]),
    # "with" / "by" inside a title, no person after it: one name
    ("Have you seen Cloudy with a Chance of Meatballs?",
     ["Cloudy with a Chance of Meatballs (2009)"], []),
    ("Stand by Me is great", ["Stand by Me (1986)"], []),
])
def test_a_title_then_its_star_is_two_names(movies: Catalog, linker: TitleLinker, text: str,
                                            linked: list[str], unknown: list[str]) -> None:
    """Seen through the app: "I loved Date Night with Steve Carell" was one unknown title."""
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == linked
    assert list(reading.unknown) == unknown


@pytest.mark.parametrize("text,genres", [
    # seen through the app: "My son is 8" was read as nothing
    ("My son is 8 and loves dinosaurs, anything for him?", ["Family", "Animated"]),
    ("my 8-year-old son loves dinosaurs", ["Family", "Animated"]),
    ("a movie for my 4 yo", ["Family", "Animated"]),
    ("something animated for my 5 year old", ["Animated"]),
    ("something with dinosaurs for my son, he is 6", ["Family", "Animated"]),
    ("she's only 9", ["Family", "Animated"]),
    ("he is 6 feet tall", []),
    ("my son is 25, he likes thrillers", ["Thriller"]),
    ("for my 15 year old", []),
    ("it came out 5 years ago", []),
])
def test_a_child_by_age(movies: Catalog, linker: TitleLinker, text: str,
                        genres: list[str]) -> None:
    assert read_message(text, movies, linker).genres == genres


@pytest.mark.parametrize("text,unknown,excluded", [
    # seen through the app: the film set aside was not said to be unknown
    ("I like movies by Christopher Nolan but not Tenet", ["Tenet"], []),
    ("anything except Barbie", ["Barbie"], []),
    # a genre word set aside is a genre, not an unknown film
    ("anything but Marvel please", [], ["Superhero"]),
    ("nothing from Marvel or DC", [], ["Superhero"]),
])
def test_titles_set_aside_that_the_catalogue_lacks_are_said(
        movies: Catalog, linker: TitleLinker, text: str, unknown: list[str],
        excluded: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.unknown_titles, reading.exclude_genres) == (unknown, excluded)


def test_a_later_range_replaces_the_one_it_contradicts(movies: Catalog,
                                                      linker: TitleLinker) -> None:
    assistant, session, _ = movie_turn(movies, linker, "a western from the 60s")
    assert (session.filters.year_min, session.filters.year_max) == (1960, 1969)
    result = assistant.turn(session, "too old, something from the 90s or later")
    assert (session.filters.year_min, session.filters.year_max) == (1990, None)
    assert result.recommendations and all(movies.years[r.item_id] >= 1990
                                          for r in result.recommendations)
    assistant.turn(session, "before 2000 though")  # no contradiction: both bounds hold
    assert (session.filters.year_min, session.filters.year_max) == (1990, 1999)


def test_nothing_left_says_shown_not_seen(movies: Catalog, linker: TitleLinker) -> None:
    """Seen through the app: after five Clint Eastwood westerns were shown, the reply said
    "You have seen every one of my movies", which the person had not."""
    assistant, session, first = movie_turn(
        movies, linker, "I'm in the mood for a classic western, something with Clint Eastwood")
    matching = int(filter_mask(movies, session.filters).sum())
    assert len(first.recommendations) == matching == 5
    result = assistant.turn(session, "more please")
    assert not result.recommendations
    # "a classic western" with nothing shown yet reads as one from before the last 30 years
    assert result.reply.startswith("I have no more movies matching in Western, starring Clint "
                                   "Eastwood, before 1993: I have shown you all 5 of mine, or "
                                   "you named them.")


def test_him_and_her_are_the_person_last_asked_for(movies: Catalog,
                                                  linker: TitleLinker) -> None:
    """Seen through the app: "anything not directed by him?" after Clint Eastwood westerns
    was not understood at all."""
    assistant, session, _ = movie_turn(
        movies, linker, "I'm in the mood for a classic western, something with Clint Eastwood")
    result = assistant.turn(session, "anything not directed by him?")
    assert session.filters.cast == ("Clint Eastwood",)
    assert session.filters.exclude_directors == ("Clint Eastwood",)
    directed = movies.director_mask(("Clint Eastwood",))
    starring = movies.cast_mask(("Clint Eastwood",))
    assert result.recommendations and all(starring[r.item_id] and not directed[r.item_id]
                                          for r in result.recommendations)
    assert "not directed by Clint Eastwood" in result.reply
    # no one asked for yet: said, not guessed
    _, session, result = movie_turn(movies, linker, "anything not directed by him?")
    assert not session.filters.exclude_directors
    assert 'I could not tell who "him" is, so I did not use it: please name them.' in result.reply


@pytest.mark.parametrize("text,pronouns", [
    ("anything not directed by him?", [("him", "directors", True)]),
    ("more with her please", [("her", "cast", False)]),
    ("nothing with him", [("him", "cast", True)]),
    ("I want one by her", [("her", "directors", False)]),
    ("a movie to watch with her", []),  # company, not a star
    ("I went to see it with him", []),
])
def test_people_referred_to_by_pronouns(movies: Catalog, linker: TitleLinker, text: str,
                                        pronouns: list) -> None:
    assert read_message(text, movies, linker).people_pronouns == pronouns


@pytest.mark.parametrize("text", [
    # seen through the app: described Scary Movie (2000) and set it aside
    "What's a good scary movie that isn't too gory?",
    "any good scary movie?", "I want a really scary movie",
])
def test_a_kind_of_film_with_an_adjective_is_no_title(movies: Catalog, linker: TitleLinker,
                                                     text: str) -> None:
    reading = read_message(text, movies, linker)
    assert reading.mentioned_ids == [] and reading.genres == ["Horror"]
    assert reading.kind != "ask"


def test_not_too_old_and_a_pick_that_ends_the_search(movies: Catalog,
                                                     linker: TitleLinker) -> None:
    """Seen through the app: "Not too old please" was not read (Alien (1979) came third), and
    "thanks, I'll watch the third one" was answered with "I have no more movies ..."."""
    assistant, session, first = movie_turn(
        movies, linker, "Hey, can you suggest a few sci-fi movies like Blade Runner? Not too old "
                        "please")
    newest = int(movies.years.max())
    assert session.filters.year_min == newest - 25
    assert first.recommendations and all(movies.years[r.item_id] >= newest - 25
                                         for r in first.recommendations)
    assert f"from {newest - 25} on" in first.reply
    third = first.recommendations[2]
    result = assistant.turn(session, "thanks, I'll watch the third one")
    assert result.recommendations == []
    assert result.reply.startswith(f"Enjoy {third.title}! Say \"more\"")
    # a question about the pick is still answered
    result = assistant.turn(session, "I'll take the first one, is it any good?")
    assert result.asked_id == first.recommendations[0].item_id


def test_a_genre_toned_down_later_stays_asked_for(movies: Catalog, linker: TitleLinker) -> None:
    """Seen through the app: "romantic comedies" then "not too cheesy" gave "no Comedy"."""
    assistant, session, result = movie_turn(movies, linker,
                                            "she likes romantic comedies but not too cheesy")
    assert set(session.filters.genres) == {"Romance", "Comedy"}
    assert not session.filters.exclude_genres
    assert "I have no mood tags, so I could not leave out cheesy movies." in result.reply
    assert session.moods == ["not cheesy"]
    session = Session(session_id="u", catalog="movies")
    assistant.turn(session, "a romantic comedy please")
    result = assistant.turn(session, "not too cheesy though")
    assert set(session.filters.genres) == {"Romance", "Comedy"}
    assert not session.filters.exclude_genres
    assert "Comedy" not in result.intent.constraints.exclude_genres
    assert "I have no mood tags, so I could not leave out cheesy movies." in result.reply
    assert result.recommendations and all(
        {"Romance", "Comedy"} & set(movies.genres[r.item_id]) for r in result.recommendations)
    session = Session(session_id="h", catalog="movies")
    assistant.turn(session, "a horror movie please")
    result = assistant.turn(session, "not too scary though")  # toned down, not set aside
    assert session.filters.genres == ("Horror",) and not session.filters.exclude_genres
    assert "I have no mood tags, so I could not leave out scary movies." in result.reply
    assistant.turn(session, "actually, no horror")  # set aside outright: it goes
    assert session.filters.exclude_genres == ("Horror",) and session.filters.genres == ()
    session = Session(session_id="c", catalog="movies")
    assistant.turn(session, "a romantic comedy please")
    assistant.turn(session, "actually, no comedies")  # set aside outright: it goes
    assert session.filters.exclude_genres == ("Comedy",) and session.filters.genres == ("Romance",)


@pytest.mark.parametrize("text,topics,set_aside", [
    ("Recommend me a good Christmas movie", ["Christmas"], []),
    ("Can you recommend a good disney movie?", ["Disney"], []),  # validation
    ("what's the best Pixar film?", ["Pixar"], []),
    ("anything good on Disney+?", [], []),  # a streaming service, said back as unknown
    ("not a fan of Disney, any animated films?", [], ["Disney"]),
    ("something dark and gritty, nothing with Disney", [], ["Disney"]),  # through the API
    ("nothing from Pixar please", [], ["Pixar"]),
    ("something like The Nightmare Before Christmas, nothing Christmassy", [], ["Christmas"]),
    ("I loved The Nightmare Before Christmas", [], []),  # the title's own word
    ("Merry Christmas, any good Musicals?", [], []),  # a greeting (validation)
    ("merrryyyyy christmas!", [], []),
])
def test_studios_and_holidays_are_read(movies: Catalog, linker: TitleLinker, text: str,
                                       topics: list[str], set_aside: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.topics, reading.exclude_topics) == (topics, set_aside)
    assert not any(t in ("Disney", "Pixar") for t in reading.unknown_titles)


def test_topic_mask_reads_the_title_and_the_summary_lead(movies: Catalog,
                                                        retail: Catalog) -> None:
    def named(catalog: Catalog, topic: str) -> set[str]:
        return {catalog.display_title(i) for i in np.flatnonzero(catalog.topic_mask((topic,)))}
    assert {"Home Alone (1990)", "Elf (2003)", "A Christmas Carol (2009)"} <= named(
        movies, "christmas")
    assert {"Toy Story (1995)", "Up (2009)"} <= named(movies, "Pixar")
    assert "Frozen (2013)" in named(movies, "Disney")
    assert "Frozen (2010)" not in named(movies, "Disney")  # the horror film of that name
    assert len(named(retail, "Easter")) >= 20 and not movies.topic_mask(("zzqxv",)).any()


def test_a_holiday_asked_for_filters_every_recommendation(movies: Catalog,
                                                          linker: TitleLinker,
                                                          retail: Catalog) -> None:
    _, session, result = movie_turn(movies, linker, "Recommend me a good Christmas movie")
    mask = movies.topic_mask(("Christmas",))
    assert len(result.recommendations) >= 3 and all(mask[r.item_id]
                                                    for r in result.recommendations)
    assert "(naming Christmas in the title or summary)" in result.reply
    assert session.filters.topics == ("Christmas",)
    assert "Matches what you asked for: names Christmas." in {
        r.explanation for r in result.recommendations}
    assistant = make_assistant(retail)
    result = assistant.turn(Session(session_id="e", catalog="retail"), "something for Easter")
    mask = retail.topic_mask(("Easter",))
    assert result.recommendations and all(mask[r.item_id] for r in result.recommendations)


@pytest.mark.parametrize("text,words,categories", [
    ("not mugs", ["mugs"], []),
    ("something for my mum, nothing with cats", ["cats"], []),
    ("not a fan of owls", ["owls"], []),
    ("not a big fan of owls", ["owls"], []),
    ("something else, not a bag", ["bag"], []),  # seen through the app: a bag came first
    ("no, not an apron", ["apron"], []),
    ("no candles or cards please", ["cards"], ["candles"]),  # a category stays a category
    ("no more than £5", [], []),
    ("not too expensive", [], []),
    ("no thanks", [], []),
    # no product word, but the shop's children's things go (probe 25r: "garden things,
    # nothing for kids" had been five children's garden tools)
    ("not for kids", ["childs", "childrens", "children", "kids"], ["children"]),
    ("she already has lots of gloves", ["gloves"], []),
    ("I have a cat, something for cat lovers", [], []),
    # a complaint of the past (seen in a probe: five jumbo bags were shown for it)
    ("i hated the jumbo bag, it broke", ["jumbo bag"], []),
])
def test_product_words_set_aside(retail: Catalog, text: str, words: list[str],
                                 categories: list[str]) -> None:
    reading = read_message(text, retail, TitleLinker(retail))
    assert (reading.exclude_topics, reading.exclude_genres) == (words, categories)


@pytest.mark.parametrize("text,wanted,set_aside,categories", [
    ("Secret Santa, budget 3 quid, something for a coffee lover", ["coffee"], [], []),
    ("she loves owls", ["owls"], [], []),
    ("something for my dad, he's a tea drinker", ["tea"], [], []),
    ("a gift for a dog lover who hates cats", ["dog"], ["cats"], []),
    ("not for cat lovers", [], [], []),
    ("a colleague who likes baking", [], [], ["baking"]),  # a category stays a category
    ("my mum who loves gardening", [], [], ["garden"]),
])
def test_product_words_a_gift_is_asked_for_by(retail: Catalog, text: str, wanted: list[str],
                                              set_aside: list[str],
                                              categories: list[str]) -> None:
    reading = read_message(text, retail, TitleLinker(retail))
    assert (reading.topics, reading.exclude_topics, reading.genres) == (
        wanted, set_aside, categories)


def test_a_new_gift_is_not_held_to_the_last_ones_category(retail: Catalog) -> None:
    """Seen through the app: after a gardening gift for mum, "something for a coffee lover"
    kept the garden category and showed flowery egg warmers."""
    assistant = make_assistant(retail)
    session = Session(session_id="g", catalog="retail")
    assistant.turn(session, "I need a present for my mum who loves gardening, under £10")
    result = assistant.turn(session, "Secret Santa, budget 3 quid, something for a coffee lover")
    coffee = retail.topic_mask(("coffee",))
    assert result.recommendations and all(
        coffee[r.item_id] and retail.prices[r.item_id] <= 3.0 for r in result.recommendations)


def test_a_product_the_shop_has_never_heard_of_is_said(retail: Catalog) -> None:
    """Seen through the app: "do you have anything with unicorns?" was answered with party
    candles and not a word about unicorns; "my daughter's 6th birthday" read no child."""
    reading = read_message("do you have anything with unicorns?", retail, TitleLinker(retail))
    assert reading.unknown_titles == ["unicorns"] and reading.topics == []
    assert read_message("anything with owls?", retail, TitleLinker(retail)).topics == ["owls"]
    assistant = make_assistant(retail)
    session = Session(session_id="u", catalog="retail")
    first = assistant.turn(session, "party supplies for my daughter's 6th birthday")
    assert set(session.filters.genres) >= {"party", "children"}
    assert first.recommendations
    result = assistant.turn(session, "do you have anything with unicorns?")
    # the words still go to the text search: not "left it out" (new-user probe: "he's into
    # cycling" showed bicycle clips under "I don't know cycling yet, so I left it out")
    assert "I don't know unicorns yet, so I could not filter by them." in result.reply


def test_a_product_word_set_aside_leaves_every_recommendation(retail: Catalog) -> None:
    assert "Local cafe mug" in {retail.titles[i] for i in
                                np.flatnonzero(retail.topic_mask(("mugs",)))}  # either number
    assistant = make_assistant(retail)
    session = Session(session_id="m", catalog="retail")
    first = assistant.turn(session, "anything nice for my sister?")
    assert any("bunting" in r.title.lower() for r in first.recommendations)
    result = assistant.turn(session, "not bunting")
    assert "(not naming bunting in the name)" in result.reply
    assert result.recommendations and not any("bunting" in r.title.lower()
                                              for r in result.recommendations)


@pytest.mark.parametrize("text,kind,liked,anchor", [
    ("what's Inception about?", "ask", [], None),
    ("tell me more about the second one", "ask", [], 1),
    ("is the first one scary?", "ask", [], 0),
    ("I loved The Matrix, what's it about?", "ask", ["The Matrix (1999)"], None),
    ("what's something like Inception?", "recommend", ["Inception (2010)"], None),
    ("ok what about Speed? is it any good?", "ask", [], None),
    # seen through the app: each of these was stored as a like of the film asked about
    ("Who directed the first one?", "ask", [], 0),
    ("who's in the second one?", "ask", [], 1),
    ("Who directed Jaws?", "ask", [], None),
])
def test_a_question_about_one_film_likes_nothing(movies: Catalog, linker: TitleLinker,
                                                 text: str, kind: str, liked: list[str],
                                                 anchor: int | None) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.kind, shown(movies, reading.liked_ids), reading.anchor_position) == (
        kind, liked, anchor)
    assert reading.genres == []  # "scary" describes the question, it asks for no horror


def test_a_question_is_answered_and_changes_no_preference(movies: Catalog,
                                                          linker: TitleLinker) -> None:
    assistant, session, first = movie_turn(movies, linker, "I loved The Matrix")
    result = assistant.turn(session, "is the first one scary?")
    asked = first.recommendations[0].item_id
    assert result.asked_id == asked
    # what cannot be answered is said first, then what the film is
    assert result.reply.startswith("I can't say: I don't know the content warnings of any of "
                                   f"my movies. {movies.display_title(asked)} (")
    assert result.item_ids() == first.item_ids()  # the list stays
    assert shown(movies, session.liked_ids) == ["The Matrix (1999)"]
    assert session.filters == HardFilters()
    result = assistant.turn(session, "what's Inception about?")
    inception = movies.index_of(next(e for i, e in enumerate(movies.external_ids)
                                     if movies.display_title(i) == "Inception (2010)"))
    assert result.reply.startswith("Inception (2010) (")
    assert inception not in session.liked_ids
    # a film outside the list asked about leaves the list as it was (session 39: "is it
    # violent?" of a liked film had searched "violent")
    assert inception not in first.item_ids() and result.item_ids() == first.item_ids()
    assert {r.because_titles[0] for r in result.recommendations if r.because_titles} <= {
        "The Matrix (1999)"}


@pytest.mark.parametrize("text,position,count,cue", [
    ("I hated the last one you suggested", -1, 1, "negative"),
    ("I've seen the first two", 0, 2, "seen"),
    ("the last two look boring, I didn't like them", -2, 2, "negative"),
    ("I've seen all of them", 0, 5, "seen"),
    ("more like the second one", 1, 1, "positive"),
    ("I haven't seen the first one", 0, 1, "unseen"),
    # seen through the app: read as liking the first film, or the first two
    ("not the first one", 0, 1, "negative"),
    ("no to the first two", 0, 2, "negative"),
    ("anything but the last one", -1, 1, "negative"),
    # probe 26: a verdict on "it" after the place, in the next clause, had been a like
    ("the 2nd one, hated it", 1, 1, "negative"),
    ("the second one. didnt like it tbh", 1, 1, "negative"),
    ("the 2nd one, not sure i'd like it", 1, 1, "unseen"),
    ("the first one, seen it, loved it", 0, 1, "positive"),
    # the list named after the place is taken out of the words read
    ("the 3rd one from the first list, seen it", 2, 1, "seen"),
    ("the 2nd one from 2 lists ago, hated it", 1, 1, "negative"),
])
def test_what_is_said_of_the_list_shown_is_read(movies: Catalog, linker: TitleLinker,
                                                text: str, position: int, count: int,
                                                cue: str) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.anchor_position, reading.anchor_count, reading.anchor_cue) == (
        position, count, cue)


def test_opinions_of_the_list_shown_reach_the_session(movies: Catalog,
                                                      linker: TitleLinker) -> None:
    assistant, session, first = movie_turn(movies, linker, "I loved Die Hard")
    last = first.recommendations[-1].item_id
    second = assistant.turn(session, "I hated the last one you suggested")
    assert last in session.disliked_ids and last not in session.liked_ids
    assert shown(movies, session.liked_ids) == ["Die Hard (1988)"]
    assistant.turn(session, "I've seen the first two")
    assert set(second.item_ids()[:2]) <= set(session.seen_ids)
    assert shown(movies, session.liked_ids) == ["Die Hard (1988)"]


def test_nothing_left_to_show_is_told_apart_from_nothing_matching(movies: Catalog,
                                                                   linker: TitleLinker) -> None:
    assistant, session, first = movie_turn(movies, linker, "something directed by Greta Gerwig")
    assert [r.title for r in first.recommendations] == ["Lady Bird (2017)"]
    result = assistant.turn(session, "I loved Top Gun: Maverick, any more?")
    assert not result.recommendations
    assert result.reply == ("I have no more movies matching directed by Greta Gerwig: I have "
                            "shown you my only one, or you named it. Try relaxing one of those "
                            "constraints. I don't know Top Gun: Maverick yet, so I left it out.")


def test_the_newest_films_are_asked_for_and_the_catalogue_end_is_said(
        movies: Catalog, linker: TitleLinker) -> None:
    assert read_message("recommend something from this year", movies, linker).relative == [
        "newest"]
    _, session, result = movie_turn(movies, linker, "recommend something from this year")
    newest = int(movies.years.max())
    assert f"My newest movies are from {newest}." in result.reply
    assert session.filters.year_min == newest - 1
    assert result.recommendations and all(movies.years[r.item_id] >= newest - 1
                                          for r in result.recommendations)


def test_shoppers_colours_cheapest_and_prices_asked(retail: Catalog) -> None:
    linker = TitleLinker(retail)
    reading = read_message("I want something red for the kitchen", retail, linker)
    assert (reading.genres, reading.topics) == (["kitchen"], ["red"])
    assert read_message("cheapest ones please", retail, linker).relative == ["cheaper"]
    assistant = make_assistant(retail)
    session = Session(session_id="c", catalog="retail")
    first = assistant.turn(session, "do you sell candles?")
    second = first.recommendations[1]
    result = assistant.turn(session, "what about the second one, how much is it?")
    # a shop product has no description to miss: its name, kinds and price, then the list
    assert result.reply.startswith(f"{second.title} ({', '.join(second.genres)}, "
                                   f"£{second.price:.2f}). ")
    result = assistant.turn(session, "something red please")
    assert result.recommendations and all("red" in r.title.lower().split()
                                          for r in result.recommendations)


def test_thanks_after_a_list_gets_an_answer_not_another_list(movies: Catalog,
                                                             linker: TitleLinker) -> None:
    assistant, session, first = movie_turn(movies, linker, "I loved Die Hard")
    for text in ("thanks!", "bye"):
        result = assistant.turn(session, text)
        assert not result.recommendations and result.reply.startswith("Glad to help!")
    assert session.last_shown_ids == first.item_ids()  # "the first one" still means that list
    assert assistant.turn(session, "more").recommendations


@pytest.mark.parametrize("text,lost", [
    ("asdfghjkl", True), ("qwerty uiop", True),
    ("hahaha", False), ("yeah", False), ("Ummmmm.", False),  # validation seekers' chat
    ("I liked Gone Girl", False), ("something for my nan", False),
])
def test_a_message_with_no_known_word_is_said_not_understood(
        movies: Catalog, linker: TitleLinker, text: str, lost: bool) -> None:
    assert read_message(text, movies, linker).not_understood is lost


def test_not_understood_is_said_and_the_list_goes_on(movies: Catalog,
                                                     linker: TitleLinker) -> None:
    assistant, session, _ = movie_turn(movies, linker, "I liked Die Hard")
    result = assistant.turn(session, "asdfghjkl")
    assert result.reply.startswith('I did not understand "asdfghjkl". Here are ')
    assert result.recommendations and "Die Hard (1988)" in result.reply


def test_a_product_picked_in_chat_is_liked_not_bought(retail: Catalog) -> None:
    assistant = make_assistant(retail)
    session = Session(session_id="p", catalog="retail")
    first = assistant.turn(session, "something for the garden")
    result = assistant.turn(session, "perfect, the first one")
    picked = first.recommendations[0]
    assert session.liked_ids == [picked.item_id]
    reasons = [r.explanation for r in result.recommendations]
    assert any(r.startswith(f"Because you liked {picked.title}: ") for r in reasons)
    assert not any("you bought" in r for r in reasons)  # it never was


def test_a_second_catalogue_entry_of_a_film_shown_is_no_new_answer(movies: Catalog,
                                                                    linker: TitleLinker) -> None:
    """ReDial lists some films twice; the second entry of one already shown must not turn
    into "Here are 0 movies" (seen through the API, 2026-12-03)."""
    dumb = [i for i in range(len(movies)) if movies.display_title(i) == "Dumb and Dumber (1994)"]
    assert len(dumb) == 2
    assistant, session, first = movie_turn(
        movies, linker, "something with Jim Carrey from the 90s, a Christmas one")
    assert [r.title for r in first.recommendations] == ["Dumb and Dumber (1994)"]
    result = assistant.turn(session, "asdfghjkl")
    assert not result.recommendations
    assert result.reply.startswith('I did not understand "asdfghjkl". I have no more movies '
                                   "matching starring Jim Carrey")


def test_earlier_constraints_that_match_nothing_with_new_ones_are_dropped_and_said(
        movies: Catalog, linker: TitleLinker) -> None:
    assistant, session, _ = movie_turn(movies, linker,
                                       "What about something with Jim Carrey from the 90s?")
    assert session.filters.cast == ("Jim Carrey",) and session.filters.year_min == 1990
    result = assistant.turn(session, "something animated for my 5 year old")
    assert result.recommendations
    assert all({"Animated", "Family"} & set(movies.genres[r.item_id])
               and 1990 <= movies.years[r.item_id] <= 1999 for r in result.recommendations)
    # the one earlier constraint in the way goes, the one that still fits stays
    assert ("Nothing matched that together with what you asked before, so I dropped what no "
            "longer fits: starring Jim Carrey.") in result.reply
    children = ("Family", "Animated")
    assert session.filters == HardFilters(genres=("Animated",), audience=children,
                                          year_min=1990, year_max=1999)
    # constraints that do match together stay together, and nothing is said; the child stays
    result = assistant.turn(session, "a comedy please")
    assert session.filters == HardFilters(genres=("Comedy",), audience=children, year_min=1990,
                                          year_max=1999)
    assert result.recommendations and "no longer fits" not in result.reply


def test_carried_filters_are_the_unchanged_asked_for_ones() -> None:
    before = HardFilters(cast=("Jim Carrey",), year_min=1990, year_max=1999,
                         exclude_genres=("Horror",))
    after = before.model_copy(update={"genres": ("Animated",)})
    assert carried_filters(before, after) == HardFilters(cast=("Jim Carrey",), year_min=1990,
                                                         year_max=1999)
    assert carried_filters(before, before) is None  # this message changed nothing
    assert carried_filters(HardFilters(), HardFilters(genres=("Animated",))) is None


def test_llm_people_are_merged_only_where_written_and_known(parser: IntentParser) -> None:
    rules = parse(parser, "any Tom Hanks movies? nothing by Steven Spielberg, no Meg Ryan")
    llm = Intent(constraints=Constraints(
        cast=["Meg Ryan", "Tom Hanks", "Keanu Reeves", "Nobody Known"],
        exclude_cast=["meg ryan"], directors=["Steven Spielberg", "Greta Gerwig"]))
    merged = parser._merge(rules, llm)
    # the rules' readings stand; the LLM adds no one the message does not name
    assert merged.intent.constraints.cast == ["Tom Hanks"]
    assert merged.intent.constraints.exclude_cast == ["Meg Ryan"]
    assert merged.intent.constraints.directors == []
    assert merged.intent.constraints.exclude_directors == ["Steven Spielberg"]
    assert merged.filters.cast == ("Tom Hanks",) and merged.moods == rules.moods


def test_a_director_asked_for_filters_every_recommendation(movies: Catalog,
                                                            linker: TitleLinker) -> None:
    assistant, session, result = movie_turn(movies, linker, "any Christopher Nolan movies?")
    assert len(result.recommendations) >= 3 and not session.not_found
    assert all("Christopher Nolan" in movies.directors_of(r.item_id)
               for r in result.recommendations)
    assert "directed by Christopher Nolan" in result.reply
    assert {r.explanation for r in result.recommendations} == {
        "Matches what you asked for: directed by Christopher Nolan."}
    # one film is one: Greta Gerwig directed only Lady Bird here
    _, _, alone = movie_turn(movies, linker, "something directed by Greta Gerwig")
    assert [r.title for r in alone.recommendations] == ["Lady Bird (2017)"]
    assert alone.reply.startswith("Here is 1 movie for you (directed by Greta Gerwig).")
    # an actor asked for next replaces the director: the two together would match nothing
    assistant.turn(session, "ok, any Tom Hanks movies?")
    assert session.filters.cast == ("Tom Hanks",) and session.filters.directors == ()
    result = assistant.turn(session, "and nothing by Steven Spielberg")
    assert session.filters.exclude_directors == ("Steven Spielberg",)
    assert result.recommendations and all(
        "Steven Spielberg" not in movies.directors_of(r.item_id) and
        "Tom Hanks" in movies.cast[r.item_id] for r in result.recommendations)


def test_an_actor_asked_for_filters_every_recommendation(movies: Catalog,
                                                         linker: TitleLinker) -> None:
    assistant, session, result = movie_turn(movies, linker, "anything with Keanu Reeves?")
    assert len(result.recommendations) >= 3
    assert all("Keanu Reeves" in movies.cast[r.item_id] for r in result.recommendations)
    assert "starring Keanu Reeves" in result.reply
    # with nothing liked yet, the reason is the request itself, true by the filter
    assert {r.explanation for r in result.recommendations} == {
        "Matches what you asked for: stars Keanu Reeves."}
    # the actor stays asked for; one set aside in a later message leaves with every film of theirs
    result = assistant.turn(session, "more, but nothing with Carrie-Anne Moss")
    assert session.filters.cast == ("Keanu Reeves",)
    assert session.filters.exclude_cast == ("Carrie-Anne Moss",)
    assert result.recommendations
    for rec in result.recommendations:
        assert "Keanu Reeves" in movies.cast[rec.item_id]
        assert "Carrie-Anne Moss" not in movies.cast[rec.item_id]
    assistant.remove_preference(session, "cast", "Keanu Reeves")
    assert session.filters.cast == ()


@pytest.mark.parametrize("text,limit", [
    ("Secret Santa at work, the limit is £2.50. Something cute for a colleague who likes "
     "baking.", 2.5),
    ("my budget is £10", 10.0),
    ("£4 or less please", 4.0),
    ("something under a fiver", 5.0),
    ("a little thing, max 80p", 0.8),
    ("spend up to £15", 15.0),
    ("something for a tea party, nothing over 3 quid", 3.0),
    ("not more than 2.50 quid", 2.5),
    ("a quid or less", 1.0),
    ("no more than 12 pounds", 12.0),
])
def test_shopper_prices(retail: Catalog, text: str, limit: float) -> None:
    reading = read_message(text, retail, TitleLinker(retail))
    assert (reading.price_max, reading.price_min) == (limit, None)


@pytest.mark.parametrize("text,low,high", [
    ("something from £5 to £10", 5.0, 10.0),
    ("gifts over £20", 20.0, None),
    # "around" a sum: a band of a quarter either side; a count is no sum
    ("I need a birthday present for my mum, she loves gardening, around £10", 7.5, 12.5),
    ("about 20 quid", 15.0, 25.0),
    ("around 10 of them please", None, None),
])
def test_shopper_price_ranges(retail: Catalog, text: str, low: float | None,
                              high: float | None) -> None:
    reading = read_message(text, retail, TitleLinker(retail))
    assert (reading.price_min, reading.price_max) == (low, high)


def test_years_from_to_are_not_prices(movies: Catalog, linker: TitleLinker) -> None:
    reading = read_message("a thriller from 2010 to 2015", movies, linker)
    assert (reading.price_min, reading.price_max) == (None, None)


def test_secret_santa_respects_the_limit(retail: Catalog) -> None:
    assistant = make_assistant(retail)
    session = Session(session_id="ss", catalog="retail")
    result = assistant.turn(session, "Secret Santa at work, the limit is £2.50. Something cute "
                                     "for a colleague who likes baking.")
    assert result.recommendations
    assert all(retail.prices[r.item_id] <= 2.5 for r in result.recommendations)
    assert "at most £2.50" in result.reply
    # the shop's products have names only, no descriptions
    assert 'I have no mood tags, so I matched "cute" against the product names.' in result.reply
    assert all(r.price == round(r.price, 2) for r in result.recommendations)  # no float32 noise


def test_best_sellers_are_the_popular_items(retail: Catalog) -> None:
    assistant = make_assistant(retail)
    session = Session(session_id="bs", catalog="retail")
    result = assistant.turn(session, "What are your best sellers?")
    top = [int(i) for i in np.argsort(-retail.popularity, kind="stable")[:5]]
    assert [r.item_id for r in result.recommendations] == top
    assert result.reply.startswith("Here are our 5 most popular products for you")


@pytest.mark.parametrize("text", [
    # each had been an embedding match on its words, not the best sellers
    "what do people buy the most?", "what sells best?", "what is everyone buying",
    "what are customers buying lately", "crowd favourites please", "what's hot right now",
])
def test_best_sellers_asked_in_other_words(retail: Catalog, text: str) -> None:
    result = make_assistant(retail).turn(Session(session_id="bs2", catalog="retail"), text)
    top = [int(i) for i in np.argsort(-retail.popularity, kind="stable")[:5]]
    assert [r.item_id for r in result.recommendations] == top


def test_best_sellers_are_the_recent_sales(retail: Catalog, settings: Settings) -> None:
    """With dated baskets, "best sellers" are the most bought of the last four weeks of the
    training window, and the reply says which weeks."""
    from core.training import retail_training_data
    from retrieval.hybrid import HybridRetriever
    from retrieval.popularity import PopularityRetriever

    data = retail_training_data(retail, settings.data_dir)
    pop = PopularityRetriever.fit(data)
    assistant = make_assistant(retail)
    assistant.retriever = HybridRetriever(retail, {"pop": pop})
    result = assistant.turn(Session(session_id="recent", catalog="retail"),
                            "What's trending right now?")
    assert [r.item_id for r in result.recommendations] == \
        pop.best_sellers(Query(), 5).item_id_list()
    recent_top = int(np.argmax(pop.recent))
    assert result.recommendations[0].item_id == recent_top
    assert recent_top != int(np.argmax(pop.counts))  # recent sales differ from all-time here
    assert "best sellers of the 4 weeks to 2011-09-30" in result.reply


def _synthetic(n: int, seed: int) -> list[Example]:
    """Dislikes are said with "dull"/"hated", likes with "loved"/"fun", neutrals with "heard"."""
    rng = np.random.default_rng(seed)
    phrases = {0: ["I loved", "so fun was"], 1: ["I hated", "so dull was"],
               2: ["I heard of", "never watched"]}
    out = []
    for i in range(n):
        label = int(rng.choice(3, p=[0.6, 0.2, 0.2]))
        before = str(rng.choice(phrases[label])) + " "
        out.append(Example(MentionContext(before, " ok"), label, f"d{i}", i, True))
    return out


def test_sentiment_model_learns_a_known_answer_and_round_trips(tmp_path: Path) -> None:
    model = fit(_synthetic(4000, 1), _synthetic(400, 2), progress=False)
    test = [MentionContext("I hated ", ""), MentionContext("I loved ", ""),
            MentionContext("I heard of ", "")]
    assert model.read(test) == ["disliked", "liked", "neutral"]
    model.save(tmp_path / "s")
    loaded = MentionSentiment.load(tmp_path / "s")
    assert np.allclose(loaded.probabilities(test), model.probabilities(test))
    assert loaded.read(test) == model.read(test)


def test_sentiment_model_learns_which_items_are_disliked() -> None:
    """The same neutral words ("I saw") about item 7 are nearly always a dislike, about
    item 8 a like: the item feature carries what the words cannot."""
    rng = np.random.default_rng(3)

    def examples(n: int) -> list[Example]:
        out = []
        for i in range(n):
            item = int(rng.choice([7, 8]))
            label = (1 if rng.random() < 0.9 else 0) if item == 7 else 0
            out.append(Example(MentionContext("I saw ", " ok", item=item), label, f"d{i}",
                               item, True))
        return out

    model = fit(examples(3000), examples(300), progress=False)
    assert model.read([MentionContext("I saw ", " ok", item=7),
                       MentionContext("I saw ", " ok", item=8)]) == ["disliked", "liked"]


def test_tune_f1_is_scored_for_the_merged_reading() -> None:
    """A model that cannot tell the mentions apart, and rules that say which ones are
    dislikes: scored for the merged reading, tune F1 is perfect; for the model alone, it
    cannot be."""
    from assistant.sentiment import BUCKETS, LABELS
    from assistant.sentiment_train import score_tune

    tune = [Example(MentionContext("I saw ", " ok", item=i), i % 2, f"d{i}", i, True)
            for i in range(40)]
    rules = ["negative" if e.label == 1 else None for e in tune]

    def model() -> MentionSentiment:
        return MentionSentiment(np.zeros((BUCKETS, len(LABELS)), np.float32),
                                np.array([1.0, 0.0, 0.0], np.float32),
                                {"liked_threshold": 0.1, "disliked_threshold": 0.6})

    merged, alone = model(), model()
    score_tune(merged, tune, rules)
    score_tune(alone, tune)
    assert merged.config["tune_mean_f1"] == 1.0
    assert merged.config["tune_disliked_f1"] == 1.0
    assert alone.config["tune_mean_f1"] < 0.7


def test_sentiment_thresholds_are_fixed_and_saved(tmp_path: Path) -> None:
    """The decision thresholds are the module's constants, not chosen per build (on 46
    disliked tune films they had fallen to 0.15), and travel with the saved model."""
    from assistant.sentiment_train import DISLIKED_THRESHOLD, LIKED_THRESHOLD

    model = fit(_synthetic(2000, 4), _synthetic(200, 5), progress=False)
    assert (model.liked_threshold, model.disliked_threshold) == (LIKED_THRESHOLD,
                                                                  DISLIKED_THRESHOLD)
    assert model.config["tune_loss"] > 0 and "tune_disliked_f1" in model.config
    model.save(tmp_path / "s")
    loaded = MentionSentiment.load(tmp_path / "s")
    assert (loaded.liked_threshold, loaded.disliked_threshold) == (LIKED_THRESHOLD,
                                                                    DISLIKED_THRESHOLD)


def test_missing_sentiment_falls_back_to_rules(movies: Catalog, linker: TitleLinker,
                                              tmp_path: Path) -> None:
    with pytest.raises(ArtifactError):
        MentionSentiment.load(tmp_path)
    parser = IntentParser(movies, linker, None, LLMSettings(backend="off"),
                          sentiment_missing="rules_only")
    got = parse(parser, "I hated Titanic")
    assert shown(movies, got.disliked_ids) == ["Titanic (1997)"]
    assert got.fallbacks == ["sentiment:rules_only"]
    assert parse(parser, "").liked_ids == [] and parse(parser, "x " * 3000).liked_ids == []
    assistant = make_assistant(movies)  # the reply names the fallback too
    assistant.parser = parser
    result = assistant.turn(Session(session_id="nosent", catalog="movies"), "I hated Titanic")
    assert "sentiment:rules_only" in result.fallbacks


def test_intent_benchmark_scores_a_redial_test_file(settings: Settings, movies: Catalog,
                                                    tmp_path: Path, capsys,
                                                    movie_assistant) -> None:
    """`movie_assistant`: the benchmark reads the built link prior and sentiment model."""
    import json
    import lzma

    from core.datasets import REDIAL_ORDERED, load_dialogues
    from eval.intent_eval import labelled, main

    with lzma.open(settings.data_dir / REDIAL_ORDERED, "rt", encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(12)]
    path = tmp_path / "test.jsonl"
    path.write_text("".join(lines))
    assert main(["--test", str(path), "--llm-dialogues", "0", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["source"] == "test file test.jsonl"
    assert result["labelled_dialogues"] == len(labelled(load_dialogues(path, movies))) > 0
    assert result["rows"][0]["liked"]["recall"] > 0.5  # real dialogues: most likes are found
    assert result["intent_ms_llm_off"]["parses"] > 0


def test_the_intent_benchmark_counts_a_film_listed_twice_once(movies: Catalog) -> None:
    """ReDial lists Jurassic Park (1993) under two ids: a link to either is the film; films of
    one title and different years stay apart."""
    from eval.intent_eval import same_film

    film = same_film(movies)
    twins = [i for i, t in enumerate(movies.titles)
             if t == "Jurassic Park" and movies.years[i] == 1993]
    assert len(twins) == 2 and film[twins[0]] == film[twins[1]] == min(twins)
    ghostbusters = {film[i] for i, t in enumerate(movies.titles) if t == "Ghostbusters"}
    assert len(ghostbusters) == 2  # the 1984 film and the 2016 remake
    assert sum(film[i] == i for i in film) == len(movies) - 81  # 80 pairs, one triple


def test_linking_benchmark_runs_and_links_no_unknown_title(capsys, movie_assistant) -> None:
    """`movie_assistant`: the benchmark reads the built link prior."""
    from eval.bench_linking import main

    assert main(["--limit", "40"]) == 0
    out = capsys.readouterr().out
    assert "40 validation seeker messages" in out
    assert "linked to something: 0" in out


def test_phase_one_reads_with_the_trained_sentiment_model(movies: Catalog,
                                                         linker: TitleLinker) -> None:
    """The deterministic phase must use the same linker and sentiment model as the LLM path
    (a merge once left phase 1 reading with bare rules)."""
    from assistant.intent import IntentParser
    from assistant.sentiment import MentionSentiment
    from core.settings import LLMSettings

    assistant = make_assistant(movies)
    marker = object.__new__(MentionSentiment)
    assistant.parser = IntentParser(movies, linker, None, LLMSettings(backend="off"), marker)
    assert assistant.rules_parser.sentiment is marker
    assert assistant.rules_parser.linker is linker
    assert assistant.rules_parser.chat_model is None


@pytest.mark.parametrize("text,liked,disliked", [
    # titles set aside, and every title listed right after ("other than X and Y")
    ("Can you recommend films other than Bride Wars and The Ex?", [],
     ["Bride Wars (2009)", "The Ex (2006)"]),
    ("a Richard Gere film that is NOT Pretty Woman or An Officer and a Gentleman", [],
     ["Pretty Woman (1990)", "An Officer and a Gentleman (1982)"]),
    ("The sequels were good except for Tremors 5: Bloodlines", [],
     ["Tremors 5: Bloodlines (2015)"]),
    ("Mrs. Doubtfire was awesome, not interested in The Cobbler.", ["Mrs. Doubtfire (1993)"],
     ["The Cobbler (2014)"]),
    ("I loved Titanic, not Avatar, and Inception", ["Titanic (1997)", "Inception (2010)"],
     ["Avatar (2009)"]),
    # "seen X but not Y": Y is set aside as not seen, not disliked
    ("Ive seen Wall Street but not Hidden Figures, what is it about?", [], []),
    # a stated contrast: liked in words beside a title disliked in words
    ("King Kong was great though I didn't like Kong: Skull Island", ["King Kong (2005)"],
     ["Kong: Skull Island (2017)"]),
    # dislikes as people word them
    ("Split wasnt very good to me", [], ["Split (2017)"]),
    ("Paranormal Activity isn't really my type of horror", [], ["Paranormal Activity (2007)"]),
    ("no as much of a fan of Alien: Covenant", [], ["Alien: Covenant (2017)"]),
    # not seen: no opinion either way
    ("I haven't seen Inception yet, but I loved Interstellar", ["Interstellar (2014)"], []),
    ("I've never watched The Godfather", [], []),
    ("I have not seen Interstellar, but not Avatar please", [], ["Avatar (2009)"]),
    # a title that is also a verb, right after a like verb
    ("i do not like Saw", [], ["Saw (2004)"]),
    ("Yes I liked Saw", ["Saw (2004)"], []),
    # cue words and commas inside a title are the title's, not the person's
    ("OH, and I loved 10 Things I Hate About You", ["10 Things I Hate About You (1999)"], []),
    ("I hated 10 Things I Hate About You", [], ["10 Things I Hate About You (1999)"]),
    ("Not Another Teen Movie was great", ["Not Another Teen Movie (2001)"], []),
    ("I loved Kill Bill but hated I Love You, Man", ["Kill Bill"], ["I Love You, Man (2009)"]),
])
def test_set_aside_unseen_and_verb_titles(parser: IntentParser, movies: Catalog, text: str,
                                          liked: list[str], disliked: list[str]) -> None:
    got = parse(parser, text)
    assert (shown(movies, got.liked_ids), shown(movies, got.disliked_ids)) == (liked, disliked)


def test_earlier_cues_hold_when_a_later_message_re_reads_them(movies: Catalog,
                                                             linker: TitleLinker) -> None:
    """A model that reads every mention as liked re-reads earlier messages after "something
    older": a title not seen stays no like, a title set aside stays a dislike."""
    from assistant.sentiment import BUCKETS, LABELS

    always_liked = MentionSentiment(np.zeros((BUCKETS, len(LABELS)), np.float32),
                                    np.array([5.0, 0.0, 0.0], np.float32),
                                    {"liked_threshold": 0.5, "disliked_threshold": 0.5})
    parser = IntentParser(movies, linker, None, LLMSettings(backend="off"), always_liked)
    history = [Message(role="user", text="I loved Inception."),
               Message(role="assistant", text="Here are 5 movies."),
               Message(role="user", text="I have not seen Interstellar, but not Avatar please"),
               Message(role="assistant", text="Here are 5 movies."),
               Message(role="user", text="something older, before 1990")]
    got = parser.parse(history)
    assert "Interstellar (2014)" not in shown(movies, got.liked_ids)
    assert shown(movies, got.disliked_ids) == ["Avatar (2009)"]
    # someone else's viewing and a question about a film are no like, a turn later either
    for said in ("my son has seen Ready Player One", "what's Ready Player One about?"):
        got = parser.parse([Message(role="user", text=said),
                            Message(role="assistant", text="Here are 5 movies."),
                            Message(role="user", text="something else please")])
        assert got.liked_ids == [], said


@pytest.mark.parametrize(("first", "correction", "disliked"), [
    ("hated Jaws", "wait no, i meant Alien", ["Alien (1979)"]),
    ("I loved Jaws", "no, I meant Alien", []),
])
def test_a_correction_holds_when_a_later_message_re_reads_it(
        movies: Catalog, linker: TitleLinker, first: str, correction: str,
        disliked: list[str]) -> None:
    """Seen through the API: "hated Jaws", "wait no, i meant Alien", then another message
    re-read Jaws as disliked again and Alien as liked (the model reads every mention as
    liked here, as it often does)."""
    from assistant.sentiment import BUCKETS, LABELS

    always_liked = MentionSentiment(np.zeros((BUCKETS, len(LABELS)), np.float32),
                                    np.array([5.0, 0.0, 0.0], np.float32),
                                    {"liked_threshold": 0.5, "disliked_threshold": 0.5})
    parser = IntentParser(movies, linker, None, LLMSettings(backend="off"), always_liked)
    history = [Message(role="user", text=first), Message(role="assistant", text="Here."),
               Message(role="user", text=correction), Message(role="assistant", text="Here."),
               Message(role="user", text="something from the 90s")]
    got = parser.parse(history)
    assert "Jaws (1975)" not in shown(movies, got.liked_ids + got.disliked_ids)
    assert shown(movies, got.disliked_ids) == disliked
    assert shown(movies, got.liked_ids) == ([] if disliked else ["Alien (1979)"])


def test_a_title_set_aside_is_said_once_not_every_turn(movies: Catalog,
                                                        linker: TitleLinker) -> None:
    """The trained reading re-reads earlier messages, so the earlier dislike is in every later
    reading; the reply names only what the latest message set aside."""
    from assistant.sentiment import BUCKETS, LABELS

    always_liked = MentionSentiment(np.zeros((BUCKETS, len(LABELS)), np.float32),
                                    np.array([5.0, 0.0, 0.0], np.float32),
                                    {"liked_threshold": 0.5, "disliked_threshold": 0.5})
    assistant = make_assistant(movies)
    assistant.parser.linker, assistant.parser.sentiment = linker, always_liked
    session = Session(session_id="t", catalog="movies")
    first = assistant.turn(session, "I loved Sicario, something other than Titanic please")
    assert "I set aside Titanic (1997)." in first.reply
    later = assistant.turn(session, "something older please")
    assert "Titanic (1997)" in shown(movies, assistant.rules_parser.parse(
        session.messages).disliked_ids)  # the reading still holds it...
    assert "set aside" not in later.reply  # ...and the reply said it once
    assert shown(movies, session.disliked_ids) == ["Titanic (1997)"]
    assert "I set aside Avatar (2009)." in assistant.turn(session, "not Avatar though").reply


def test_trained_reading_keeps_set_aside_and_unseen_titles(movies: Catalog,
                                                          linker: TitleLinker) -> None:
    """A sentiment model that reads every mention as liked cannot turn a title the person set
    aside into a like, nor one they have not seen; one that reads every mention as disliked
    cannot turn the liked side of a stated contrast into a dislike."""
    from assistant.sentiment import BUCKETS, LABELS

    always_liked = MentionSentiment(np.zeros((BUCKETS, len(LABELS)), np.float32),
                                    np.array([5.0, 0.0, 0.0], np.float32),
                                    {"liked_threshold": 0.5, "disliked_threshold": 0.5})
    parser = IntentParser(movies, linker, None, LLMSettings(backend="off"), always_liked)
    got = parse(parser, "I loved Inception, other than that not Titanic. Haven't seen Avatar.")
    assert shown(movies, got.liked_ids) == ["Inception (2010)"]
    assert shown(movies, got.disliked_ids) == ["Titanic (1997)"]
    always_disliked = MentionSentiment(always_liked.weights, np.array([0.0, 5.0, 0.0],
                                                                      np.float32),
                                       always_liked.config)
    parser = IntentParser(movies, linker, None, LLMSettings(backend="off"), always_disliked)
    got = parse(parser, "King Kong was great though I didn't like Kong: Skull Island")
    assert shown(movies, got.liked_ids) == ["King Kong (2005)"]


def test_a_question_about_the_list_is_not_about_an_earlier_like(movie_assistant) -> None:
    """With the real assistant (the sentiment model re-reads earlier messages), "the second
    one" is the second film shown, not Toy Story liked a message before (seen through the
    API: the answer described Toy Story)."""
    from core.types import Session

    session = Session(session_id="asked-list", catalog="movies")
    first = movie_assistant.turn(session, "I loved Toy Story, something for my kids")
    result = movie_assistant.turn(session, "what is the second one about?")
    second = first.recommendations[1].item_id
    assert result.asked_id == second
    assert result.reply.startswith(f"{movie_assistant.catalog.display_title(second)} (")


def test_something_more_expensive_raises_the_floor(retail: Catalog) -> None:
    """Seen through the app: "something more expensive" kept "(at most £5.00)" and showed
    cheaper products."""
    assistant = make_assistant(retail)
    session = Session(session_id="p", catalog="retail")
    first = assistant.turn(session, "a mug under £5")
    shown = [r.price for r in first.recommendations]
    result = assistant.turn(session, "something more expensive")
    floor = round(float(np.median(shown)) * 1.25, 2)
    assert (session.filters.price_min, session.filters.price_max) == (floor, None)
    assert result.recommendations and all(r.price >= floor for r in result.recommendations)
    assert f"at least £{floor:.2f}" in result.reply


def test_forget_takes_an_opinion_back(movies: Catalog, linker: TitleLinker) -> None:
    """Found by an integrator's probe: "forget Inception" and "never mind Inception" each
    added Inception to the likes."""
    assistant, session, _ = movie_turn(movies, linker, "I loved Inception and Heat")
    assert len(session.liked_ids) == 2 and "Inception (2010)" in shown(movies, session.liked_ids)
    result = assistant.turn(session, "forget Inception")
    assert "I forgot what you said of Inception (2010)." in result.reply
    # not offered back either (in the app it came first: its words stay in the text query)
    alone, fresh_session, result = movie_turn(movies, linker, "forget Inception")
    forgotten = alone.parser.parse(fresh_session.messages).forget_ids
    assert forgotten and set(forgotten) <= set(alone.query_for(fresh_session).exclude_ids)
    assert not set(forgotten) & set(result.item_ids())
    assert [movies.display_title(i)[:9] for i in session.liked_ids] == ["Heat (199"]
    later = assistant.turn(session, "something older")
    assert "Inception" not in " ".join(movies.titles[i] for i in session.liked_ids)
    assert "I forgot" not in later.reply  # said once
    fresh = read_message("never mind Inception, I loved Alien", movies, linker)
    assert shown(movies, fresh.liked_ids) == ["Alien (1979)"] and fresh.forget_ids


def test_a_long_run_of_capitals_is_read_without_failing(linker: TitleLinker) -> None:
    """A run of 497 capitalised words had raised RecursionError out of the turn."""
    reading = linker.read_titles("i liked " + "Heat " * 497)
    assert reading.links == ()  # one capitalised run: no title earns a link inside it


@pytest.mark.parametrize(("rule", "label", "final"), [
    # a film only said to be seen stays seen whatever the model reads ("I have seen all of the
    # Rocky movies" had become a dislike)
    ("seen", "disliked", "seen"), ("seen_by_other", "liked", "seen"),
    ("negative", "liked", "disliked"), ("unseen", "disliked", "disliked"),
    ("unseen", "liked", "neutral"), ("wanted", "liked", "wanted"), (None, "disliked", "disliked"),
    # a title that named a series asked for ("all the star wars movies", then "no remakes",
    # "more" had re-read Star Wars (1977) as disliked): no verdict either way
    ("series", "disliked", "neutral"), ("series", "liked", "neutral"),
])
def test_the_rules_cue_and_the_models_label_merge(rule: str | None, label: str,
                                                  final: str) -> None:
    assert merge_reading(rule, label) == final


@pytest.mark.parametrize(("text", "ref", "rest"), [
    ("the 3rd one from the first list", ("first", 0), "the 3rd one"),
    ("the 2nd one from 2 lists ago", ("back", 2), "the 2nd one"),
    ("what was the second one you showed me before", ("before", 1), "what was the second one"),
    ("the 4th one from the previous list", ("before", 1), "the 4th one"),
    ("the first one in the list before that", ("before", 1), "the first one"),
    ("the second one from the last list", ("back", 0), "the second one"),
    ("the very first one you showed", ("first", 0), "the first one"),
    ("number 2 from the 2nd list", ("first", 1), "number 2"),
    ("the 2nd one, seen it before", None, "the 2nd one, seen it before"),
    # regression round 26: years, and a list that goes without saying
    ("anything from before 1990 like the 2nd one", None,
     "anything from before 1990 like the 2nd one"),
    ("films from earlier than 2000 like the 2nd one", None,
     "films from earlier than 2000 like the 2nd one"),
    ("the last one you showed, seen it", None, "the last one, seen it"),
    ("seen all of the first list", ("first", 0), "seen all of them"),
])
def test_which_list_a_place_is_in(text: str, ref: tuple[str, int] | None, rest: str) -> None:
    assert list_reference(text) == (ref, rest)


@pytest.mark.parametrize(("text", "genres", "topics"), [
    # a hobby is the shop's category for it: "a present for my husband who likes cooking" had
    # matched the two names with "cooking" in them, and with a price found nothing at all
    ("a present for my husband who likes cooking", ["kitchen"], []),
    ("i'm looking for a present for my husband who likes cooking, around £15", ["kitchen"], []),
    ("she loves cooking and gardening", ["kitchen", "garden"], []),
    ("a gift for a chef", ["kitchen"], []),
    # before another word it is part of a product's name
    ("cooking set", [], []),
])
def test_a_shoppers_hobby_is_its_category(retail: Catalog, text: str, genres: list[str],
                                          topics: list[str]) -> None:
    reading = read_message(text, retail, TitleLinker(retail))
    assert sorted(reading.genres) == sorted(genres) and reading.topics == topics


@pytest.mark.parametrize(("text", "topics", "banned", "genres"), [
    # a film's subject: "heist films" had been matched as words (The Matrix, Black Panther)
    ("heist films", ["heist"], [], []),
    ("I'm in the mood for a heist movie", ["heist"], [], []),
    ("a movie about a heist", ["heist"], [], []),
    ("something with vampires", ["vampire"], [], []),
    ("serial killer thrillers", ["serial killers"], [], ["Thriller"]),
    ("no vampire movies please", [], ["vampire"], []),
    # "road trip comedies" had liked Road Trip (2000)
    ("road trip comedies", ["road trip"], [], ["Comedy"]),
    ("kung fu movies", [], [], ["Martial Arts"]),
    # "a good zombie movie" had brought It (2017) and Jigsaw: matched as words
    ("recommend me a good zombie movie", ["zombie"], [], []),
    ("rob zombie movies", [], [], []),  # his name, not the films' subject
    # said of something else, no subject
    ("the prison scene in Shawshank was great", [], [], []),
    ("my teen son wants a comedy", [], [], ["Comedy", "Teen"]),
])
def test_a_films_subject_is_a_topic(movies: Catalog, text: str, topics: list[str],
                                    banned: list[str], genres: list[str]) -> None:
    reading = read_message(text, movies, TitleLinker(movies))
    assert (reading.topics, reading.exclude_topics) == (topics, banned)
    assert sorted(reading.genres) == sorted(genres) and reading.liked_ids == []


def test_heist_films_are_the_heist_films(movies: Catalog) -> None:
    assistant = make_assistant(movies)
    session = Session(session_id="h", catalog="movies")
    result = assistant.turn(session, "heist films")
    heists = movies.topic_mask(("heist",))
    assert len(result.recommendations) == 5
    assert all(heists[r.item_id] for r in result.recommendations)
    assert "naming heist in the title or summary" in result.reply
    assert {"Ocean's Eleven (2001)", "The Italian Job (2003)"} <= {
        movies.display_title(int(i)) for i in np.flatnonzero(heists)}


def test_a_subject_is_never_found_inside_a_name(movies: Catalog) -> None:
    """Zombie films are those whose summary says "zombie" in its own words: never Rob
    Zombie's films ("a 2007 slasher film written and directed by Rob Zombie"); a name asked
    for ("Disney") is found as written."""
    zombies = {movies.display_title(int(i)) for i in np.flatnonzero(
        movies.topic_mask(("zombie",)))}
    assert {"Zombieland (2009)", "Shaun of the Dead (2004)", "Dawn of the Dead (1978)",
            "Pride and Prejudice and Zombies (2016)"} <= zombies
    assert not {"Halloween (2007)", "House of 1000 Corpses (2003)",
                "The Devil's Rejects (2005)"} & zombies
    assert movies.topic_mask(("Disney",))[movies.titles.index("Toy Story 2")]
    rules = {topic for pattern, topic in TOPICS["movies"] if topic.islower()}
    assert rules == set(FILM_SUBJECTS)  # every subject the rules read is matched as one
    dinosaurs = movies.topic_mask(("dinosaur",))  # its summary, past the lead, says so
    assert dinosaurs[movies.titles.index("Jurassic Park")]


def test_films_based_on_a_book_are_the_ones_their_summary_says_are(movies: Catalog) -> None:
    """"a movie based on a book" had matched the words ("The Book of Henry"): the summaries
    say which films are adapted from a novel or a book."""
    books = movies.topic_mask(("based on a book",))
    index = {movies.display_title(i): i for i in range(len(movies))}
    assert all(books[index[t]] for t in ("Die Hard (1988)", "The Notebook (2004)", "It (2017)"))
    assert not any(books[index[t]] for t in ("Black Panther (2018)", "Inception (2010)"))
    assistant = make_assistant(movies)
    session = Session(session_id="b", catalog="movies")
    result = assistant.turn(session, "horror movies based on a novel")
    assert session.filters == HardFilters(genres=("Horror",), topics=("based on a book",))
    assert "(in Horror, based on a book)" in result.reply
    assert all(books[r.item_id] for r in result.recommendations)
    session = Session(session_id="n", catalog="movies")
    result = assistant.turn(session, "something not based on a book")
    assert "(not based on a book)" in result.reply
    assert result.recommendations and not any(books[r.item_id] for r in result.recommendations)
    session = Session(session_id="a", catalog="movies")
    assistant.turn(session, "a book about movies")
    assert session.filters == HardFilters()


def test_a_films_subject_is_taken_back_and_toned_down(movies: Catalog) -> None:
    """"forget the heist thing" had kept "naming heist"; "vampire movies but not too scary"
    had found nothing (every vampire film but Twilight is Horror): set aside only by degree
    and leaving fewer than three films, the genre becomes a mood the reply says it cannot
    leave out."""
    assistant = make_assistant(movies)
    session = Session(session_id="t", catalog="movies")
    assistant.turn(session, "heist films")
    assert session.filters.topics == ("heist",)
    result = assistant.turn(session, "forget the heist thing")
    assert session.filters.topics == () and "I dropped: naming heist" in result.reply
    session = Session(session_id="v", catalog="movies")
    result = assistant.turn(session, "vampire movies but not too scary")
    assert session.filters == HardFilters(topics=("vampire",))
    assert len(result.recommendations) == 5
    assert "I have no mood tags, so I could not leave out scary movies." in result.reply
    session = Session(session_id="c", catalog="movies")
    assistant.turn(session, "a comedy, not too scary")  # comedies without horror exist
    assert session.filters.exclude_genres == ("Horror",)


@pytest.mark.parametrize(("text", "linked", "unknown"), [
    # a film we do not hold, opening the sentence with a verdict after it (probe 2026-12-07:
    # passed over, where "I think Tenet was not so good" was said back)
    ("Tenet was not so good", [], ["Tenet"]),
    ("Inception? Loved it. Tenet? Not so much.", ["Inception (2010)"], ["Tenet"]),
    # ... and its last word no misspelt title of ours (it had linked End Game, The Thing)
    ("Avengers: Endgame was great, what else?", [], ["Avengers: Endgame"]),
    ("Poor Things was great", [], ["Poor Things"]),
    # a misspelt title of ours opening the sentence is ours
    ("Prestie is amazing", ["The Prestige (2006)"], []),
    ("Loved Inceptoin", ["Inception (2010)"], []),
    # common words opening a sentence name no film
    ("Honestly was great", [], []),
    ("Everything was great, thanks", [], []),
    ("Seriously? I loved it", [], []),
])
def test_titles_opening_a_sentence(linker: TitleLinker, movies: Catalog, text: str,
                                   linked: list[str], unknown: list[str]) -> None:
    reading = linker.read_titles(text)
    assert shown(movies, [r.item_id for r in reading.links]) == linked
    assert list(reading.unknown) == unknown


def test_titles_not_held_opening_a_message_are_not_linked(linker: TitleLinker) -> None:
    """The benchmark's post-2018 films, opening the message: none is linked (five had been,
    to a title inside them or one a letter away)."""
    linked = [t for t in NOT_IN_CATALOGUE if linker.find_titles(f"{t} was great, what else?")]
    assert linked == []


@pytest.mark.parametrize(("text", "liked", "seen"), [
    # praise a viewing goes on to is a like (probe 2026-12-07: read as seen only)
    ("I watched Interstellar last night and it blew my mind", ["Interstellar (2014)"], []),
    ("I have seen Heat and it was so good", ["Heat (1996)"], []),
    ("I've seen Alien, a must see", ["Alien (1979)"], []),
    ("I saw Up, it was beautiful", ["Up (2009)"], []),
    # a thank-you or a request after a film is no praise of it (each had been a like)
    ("What is Heat about? Great, thanks", [], []),
    ("who directed Jaws? awesome thanks", [], []),
    ("I've seen Heat. Something fun please", [], ["Heat (1996)"]),
    # guards: praise of "it" with thanks, a verdict sentence, a question, someone else's
    ("who directed Jaws? loved it, thanks", ["Jaws (1975)"], []),
    ("I've seen Heat. Great movie.", ["Heat (1996)"], []),
    ("I watched Heat, was it any good?", [], []),
    ("My wife has seen Heat and says it's really good", [], ["Heat (1996)"]),
    ("I haven't seen Heat but it looks really good", [], []),
])
def test_praise_after_a_viewing_and_thanks_after_a_question(movies: Catalog, linker: TitleLinker,
                                                            text: str, liked: list[str],
                                                            seen: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert shown(movies, reading.liked_ids) == liked
    assert shown(movies, reading.seen_ids) == seen


@pytest.mark.parametrize(("text", "genres"), [
    # a fun film asked for is read as a comedy and said back (it had been passed over)
    ("something fun please", ["Comedy"]),
    ("a fun movie for tonight", ["Comedy"]),
    ("anything fun?", ["Comedy"]),
    # told of a film, or no film at all: nothing asked
    ("Heat was fun", []),
    ("have fun!", []),
])
def test_a_fun_film_asked_for(movies: Catalog, linker: TitleLinker, text: str,
                              genres: list[str]) -> None:
    assert read_message(text, movies, linker).genres == genres


def test_a_verdict_alone_is_no_description(movie_assistant) -> None:
    """"I fell asleep during 2001: A Space Odyssey" had searched "fell asleep" and shown horror
    films "close to what you described"; "I haven't seen Moana but I'll check it out" had
    searched "check out"; films only seen or wanted steer the list as context, and the reasons
    say so without calling them liked."""
    for text in ("I fell asleep during 2001: A Space Odyssey",
                 "I couldn't get through The Revenant"):
        result = movie_assistant.turn(Session(session_id="v", catalog="movies"), text)
        assert result.recommendations
        assert not any(r.explanation == "Close to what you described."
                       for r in result.recommendations)
    for text, film in (("I've seen Heat", "Heat (1996)"),
                       ("I haven't seen Moana but I'll check it out", "Moana (2016)")):
        result = movie_assistant.turn(Session(session_id="s", catalog="movies"), text)
        reasons = [r.explanation for r in result.recommendations]
        assert reasons[0].startswith(f"Close to {film}, which you mentioned: both ")
        assert not any("liked" in reason for reason in reasons)
        assert all(not r.because_item_ids for r in result.recommendations)


@pytest.mark.parametrize(("text", "cast", "directors"), [
    # a person's films asked for by a question (probe 2026-12-07: the name passed over and
    # the words searched)
    ("which films is Tom Hanks in?", ["Tom Hanks"], []),
    ("which movies does Tom Hanks star in?", ["Tom Hanks"], []),
    ("what is DiCaprio in?", ["Leonardo DiCaprio"], []),
    ("what else is Keanu Reeves in?", ["Keanu Reeves"], []),
    ("what has Spielberg directed?", [], ["Steven Spielberg"]),
    ("which movies did Nolan direct?", [], ["Christopher Nolan"]),
    ("what else did Tarantino make?", [], ["Quentin Tarantino"]),
    # a person's style is their films (the name had been passed over)
    ("I love Wes Anderson's style", [], ["Wes Anderson"]),
    ("I love Tarantino's style", [], ["Quentin Tarantino"]),
    # someone in both roles, asked in one ("has" before a name had read his acting)
    ("what has Clint Eastwood directed?", [], ["Clint Eastwood"]),
    ("what has Clint Eastwood been in?", ["Clint Eastwood"], []),
    # no question for their films
    ("what is Tom Hanks doing now?", [], []),
])
def test_a_persons_films_asked_by_a_question(movies: Catalog, linker: TitleLinker, text: str,
                                            cast: list[str], directors: list[str]) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.cast, reading.directors) == (cast, directors)


@pytest.mark.parametrize(("text", "unknown"), [
    # a year written with a title, after our newest film's, is a film we do not hold
    # ("napoleon (2023)" had linked Napoleon Dynamite)
    ("I really loved napoleon (2023), what else?", ["napoleon (2023)"]),
    ("i loved napoleon from 2023", ["napoleon (2023)"]),
])
def test_a_year_after_our_newest_is_a_film_we_do_not_hold(linker: TitleLinker, text: str,
                                                          unknown: list[str]) -> None:
    reading = linker.read_titles(text)
    assert reading.links == () and list(reading.unknown) == unknown
    assert linker.find_titles("I loved It (2017)")  # a year of ours still chooses


@pytest.mark.parametrize(("text", "genres", "exclude", "toned"), [
    # horror asked by someone easily scared: horror, toned down as "nothing too scary" is
    # (probe 2026-12-07: "horror movies but I scare easily" had set every horror film aside,
    # "I like horror but I'm a wimp" had shown Saw and The Exorcist with nothing said)
    ("I like horror but I'm a wimp", ["Horror"], [], True),
    ("horror movies but I scare easily", ["Horror"], [], True),
    ("I like horror but nothing too scary", ["Horror"], [], True),
    # no horror asked: set aside, as before
    ("I'm a wimp, nothing scary", [], ["Horror"], False),
    ("my son gets scared easily", [], ["Horror"], False),
])
def test_horror_for_someone_easily_scared(movies: Catalog, linker: TitleLinker, text: str,
                                          genres: list[str], exclude: list[str],
                                          toned: bool) -> None:
    reading = read_message(text, movies, linker)
    assert (reading.genres, reading.exclude_genres) == (genres, exclude)
    assert ("scary" in reading.exclude_moods) == toned
