"""Hard filters: an item the catalogue knows nothing about fails a filter it cannot vouch for."""

from dataclasses import replace

import numpy as np

from core.types import HardFilters
from retrieval.filters import filter_mask
from tests.conftest import make_catalog


def test_unknown_genres_fail_a_genre_exclusion_but_not_other_filters():
    base = make_catalog(8)  # genres in blocks of two: Horror, Comedy, Drama, Western
    genres = list(base.genres)
    genres[3] = ()  # a Comedy whose genres the catalogue does not know
    catalog = replace(base, genres=tuple(genres))
    assert np.flatnonzero(filter_mask(catalog, HardFilters(exclude_genres=("Horror",)))).tolist() \
        == [2, 4, 5, 6, 7]
    assert np.flatnonzero(filter_mask(catalog, HardFilters(genres=("Comedy",)))).tolist() == [2]
    assert filter_mask(catalog, HardFilters(year_min=1950)).all()  # no genre filter: all stay
    assert catalog.genres_known().tolist() == [True] * 3 + [False] + [True] * 4


def test_directors_filter_by_any_of_them_and_exclude_every_film_of_theirs():
    directors = ((), ("Ann Lee",), ("Bo Kim", "Ann Lee"), ("Bo Kim",), (), (), (), ())
    catalog = replace(make_catalog(8), directors=directors)
    wanted = filter_mask(catalog, HardFilters(directors=("ann lee",)))
    assert np.flatnonzero(wanted).tolist() == [1, 2]  # any case, co-directed films too
    either = filter_mask(catalog, HardFilters(directors=("Ann Lee", "Bo Kim")))
    assert np.flatnonzero(either).tolist() == [1, 2, 3]
    # an unknown director is no film's: set aside, nothing goes
    banned = filter_mask(catalog, HardFilters(exclude_directors=("Bo Kim", "Nobody")))
    assert np.flatnonzero(banned).tolist() == [0, 1, 4, 5, 6, 7]
    assert catalog.directors_of(2) == ("Bo Kim", "Ann Lee")
    assert make_catalog(2).directors_of(1) == ()  # a catalogue without directors (retail)


def test_a_slasher_is_horror_whether_or_not_it_is_tagged_so(movies):
    """Seen through the app: "no horror" showed Halloween and A Nightmare on Elm Street, which
    ReDial's genres tag Slasher (and Supernatural) but not Horror."""
    halloween = next(i for i in range(len(movies))
                     if movies.display_title(i) == "Halloween (1978)")
    assert "Horror" not in movies.genres[halloween] and "Slasher" in movies.genres[halloween]
    assert not filter_mask(movies, HardFilters(exclude_genres=("Horror",)))[halloween]
    assert filter_mask(movies, HardFilters(genres=("Horror",)))[halloween]
    assert filter_mask(movies, HardFilters(genres=("Slasher",)))[halloween]
    comedy = filter_mask(movies, HardFilters(genres=("Comedy",)))  # no subgenres: as before
    assert comedy.sum() == sum("Comedy" in g for g in movies.genres)
