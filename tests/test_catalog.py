import lzma
import re

import numpy as np
import pytest

from core.catalog import (
    Catalog,
    clean_cast,
    load_catalog,
    load_custom,
    normalize_title,
    split_title_year,
)
from core.errors import DataError


def test_title_helpers():
    assert split_title_year("Headhunter  (2009)") == ("Headhunter", 2009)
    assert split_title_year("The Mummy ") == ("The Mummy", None)
    assert normalize_title("The Lord of the Rings: The Fellowship") == \
        "lord of the rings the fellowship"
    assert normalize_title("Amélie & Co.") == "amelie and co"


def test_movies_catalogue_joins_wikipedia(movies):
    assert len(movies) == 6924
    assert movies.stats["item_coverage"] > 0.6
    assert movies.stats["mention_coverage"] > 0.85
    toy = movies.index_of("75836") if movies.index_of("75836") is not None else None
    matrix = [i for i, t in enumerate(movies.titles) if t == "The Matrix"]
    assert matrix and "Science Fiction" in movies.genres[matrix[0]]
    assert movies.years[matrix[0]] == 1999
    assert toy is None or movies.has(toy)


def test_movie_names_are_shown_as_written_not_url_encoded(movies):
    """ReDial lists 21 names URL-encoded: "Why Him%3F" was shown so, and "why him?" typed
    found nothing."""
    assert not [t for t in movies.titles if re.search(r"%[0-9A-F]{2}", t)]
    assert "Dude, Where's My Car? (2000)" in {movies.display_title(i) for i in range(len(movies))}
    assert '"Crocodile" Dundee' in movies.titles


def test_retail_catalogue_excludes_non_products(retail):
    codes = set(retail.external_ids)
    assert {"POST", "D", "M", "BANK CHARGES", "DOT"}.isdisjoint(codes)
    assert all(c[:5].isdigit() for c in codes)
    assert np.all(retail.prices > 0)
    assert 3000 < len(retail) < 4500
    assert retail.item(0).price is not None


def test_unknown_catalogue_and_missing_files(tmp_path):
    with pytest.raises(DataError, match="unknown catalogue"):
        load_catalog("books", tmp_path)
    with pytest.raises(DataError, match="file not found"):
        load_catalog("movies", tmp_path)


def test_custom_catalogue(tmp_path):
    good = tmp_path / "cat.csv"
    good.write_text("item_id,title,year,price,genres,description\n"
                    "a1,Blue Mug,,4.5,kitchen|mugs,A blue mug\nb2,Red Bag,2020,,bags,\n")
    cat = load_custom(good)
    assert len(cat) == 2 and cat.genres[0] == ("kitchen", "mugs")
    assert cat.item(1).year == 2020 and cat.item(1).price is None
    bad = tmp_path / "bad.csv.xz"
    with lzma.open(bad, "wt") as f:
        f.write("item_id,title,year,price,genres,description\na1,Mug,,x,,\n")
    with pytest.raises(DataError, match=r"bad\.csv\.xz:2: bad year or price"):
        load_custom(bad)
    dup = tmp_path / "dup.csv"
    dup.write_text("item_id,title,year,price,genres,description\na,A,,,,\na,B,,,,\n")
    with pytest.raises(DataError, match="dup.csv:3: duplicate"):
        load_custom(dup)


def test_item_lookup_errors(movies):
    with pytest.raises(KeyError):
        movies.item(10**9)


@pytest.mark.parametrize(("title", "year", "sequels"), [
    # what the extracts say ("It is a sequel to The Matrix (1999)") or the title carries
    ("The Matrix", 1999, {"The Matrix Reloaded (2003)", "The Matrix Revolutions (2003)"}),
    ("Jurassic Park", 1993, {"Jurassic World (2015)", "The Lost World: Jurassic Park (1997)",
                             "Jurassic Park III (2001)"}),
    ("Heat", 1995, set()),
    # "the sequel to the 2000 film Big Momma's House" names another film, not Big
    ("Big", 1988, set()), ("28 Days", 2000, set()),
])
def test_the_sequels_of_a_film(movies, title, year, sequels):
    item = next(i for i, t in enumerate(movies.titles) if t == title and movies.years[i] == year)
    assert {movies.display_title(i) for i in movies.sequels_of(item)} == sequels


def test_a_product_has_no_sequels(retail):
    assert retail.sequels_of(0) == ()


@pytest.mark.parametrize(("names", "cast"), [
    (["Tim Allen", "Tom Hanks", "(voices)"], ("Tim Allen", "Tom Hanks")),
    (["Art D'Alessandro", "Sandra Thrift", "(writers)", "Bailee Madison"], ("Bailee Madison",)),
    (["Michael Robert Johnson (Screenplay)", "Kit Harington"], ("Kit Harington",)),
    (["writer)", "Ryan Gosling", "Emma Stone"], ("Ryan Gosling", "Emma Stone")),
    (["Steve McQueen", "Paul Burke (actor)"], ("Steve McQueen", "Paul Burke")),
    (["Eliot (Coco) Sumner"], ("Eliot (Coco) Sumner",)),
    (["(interviews)"], ()),
])
def test_cast_lists_lose_their_notes(names, cast):
    assert clean_cast(names) == cast


def test_a_starring_note_is_no_actor(movies):
    """"La La Land stars writer), Ryan Gosling, ..." (probe 26): Wikipedia's notes were cast."""
    cast = movies.cast[movies.titles.index("La La Land")]
    assert cast[:2] == ("Ryan Gosling", "Emma Stone")
    assert not any(n.startswith("(") or n.count("(") != n.count(")") for c in movies.cast
                   for n in c)


def test_a_year_is_a_topic_word_of_its_films(movies: Catalog) -> None:
    """"not from 2017" leaves out every film made that year, whatever its summary says."""
    made = movies.years == 2017
    held = movies.topic_mask(("2017",))
    assert made.sum() > 0 and bool(held[made].all())


def test_series_films_by_name(movies) -> None:
    """A series as the leads name it ("the fifteenth entry in the James Bond series"), as titles
    continue it ("Toy Story 3"), written with "&" or "and"; namesakes of its first film
    ("Rocky (2013)") and a word alone ("the") are none."""
    def titles(name: str) -> set[str]:
        return {movies.display_title(i) for i in movies.series_films(name)[1]}

    assert {"Skyfall (2012)", "GoldenEye (1995)", "Moonraker (1979)"} <= titles("james bond")
    assert {"Toy Story (1995)", "Toy Story 2 (1999)", "Toy Story 3 (2010)"} <= titles("Toy Story")
    assert titles("the fast and furious") == titles("Fast & Furious")
    assert "Fast Five (2011)" in titles("fast and furious")
    assert "Rocky (1976)" in titles("rocky") and "Rocky (2013)" not in titles("rocky")
    assert "Aliens (1986)" in titles("alien")  # its extract: the sequel to the 1979 film
    # a title that only continues the name joins with a person in common, or if well known
    assert "Alien 3 (1992)" in titles("alien") and "Alien 51 (2004)" not in titles("alien")
    assert "Batman: Revenge (2003)" not in titles("batman")  # a fan film
    assert "Star Wars: Episode VIII – The Last Jedi (2017)" in titles("star wars")  # no cast
    # "in The Matrix film series": the article and the noun in capitals too
    assert "The Matrix Revolutions (2003)" in titles("the matrix")
    assert titles("the") == titles("horror") == titles("christmas") == set()
    # "the fourth installment of Warner Bros.' initial Batman film series", "reboots the Batman
    # film series"; later films by the film each follows ("the sequel to Batman Begins")
    assert {"Batman Forever (1995)", "Batman & Robin (1997)", "Batman Begins (2005)",
            "The Dark Knight Rises (2012)"} <= titles("batman")
    # the film a sequel follows ("a prequel to the 1981 film Raiders of the Lost Ark"); a
    # record of the name and no year stands for the series, no film
    assert "Raiders of the Lost Ark (1981)" in titles("indiana jones")
    assert "Indiana Jones" not in titles("indiana jones") | titles("harry potter")
    assert "Spaceballs (1987)" not in titles("star wars")  # "a parody of the ... trilogy"
    assert "Puss in Boots (2011)" not in titles("shrek")  # "a spin-off of the Shrek series"
    # a film whose extract says what precedes it ("It is preceded by The Bourne Identity")
    assert "The Bourne Supremacy (2004)" in titles("bourne")
    # "a sequel to the 2010 film Red" is no sequel of "2010 (1984)"
    assert "2010 (1984)" not in titles("red") and "Red 2 (2013)" in titles("red")
    assert titles("bond") == titles("james bond") and movies.series_alias("Bond")
    assert not movies.series_alias("impossible") and not movies.series_alias("wars")
    assert movies.series_films("james bond")[0] == "James Bond"
    mask = movies.topic_mask(("James Bond series",))
    assert {movies.display_title(i) for i in mask.nonzero()[0]} == titles("james bond")
