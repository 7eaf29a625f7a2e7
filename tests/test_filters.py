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
