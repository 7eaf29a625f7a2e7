"""Hard filters and exclusions as boolean masks over the catalogue."""

from __future__ import annotations

import numpy as np

from core.catalog import Catalog
from core.types import HardFilters, Query


def filter_mask(catalog: Catalog, filters: HardFilters) -> np.ndarray:
    """True for items that satisfy every hard filter. Unknown year/price fail a bound on it,
    unknown genres a genre exclusion."""
    mask = np.ones(len(catalog), dtype=bool)
    if filters.price_min is not None:
        mask &= np.nan_to_num(catalog.prices, nan=-np.inf) >= filters.price_min
    if filters.price_max is not None:
        mask &= np.nan_to_num(catalog.prices, nan=np.inf) <= filters.price_max
    if filters.year_min is not None:
        mask &= catalog.years >= filters.year_min
    if filters.year_max is not None:
        mask &= (catalog.years >= 0) & (catalog.years <= filters.year_max)
    if filters.genres and filters.genres_all:
        for genre in filters.genres:
            mask &= catalog.genre_mask((genre,))
    elif filters.genres:
        mask &= catalog.genre_mask(filters.genres)
    if filters.audience:  # a child's list: never an adult film of those genres
        mask &= catalog.genre_mask(filters.audience) & ~catalog.adult_mask()
    if filters.exclude_genres:
        # an item of unknown genre cannot be vouched for ("no romance" once served Love
        # Actually, which has no genres here): it fails the exclusion as an unknown year fails
        # a bound
        mask &= ~catalog.genre_mask(filters.exclude_genres) & catalog.genres_known()
        mask &= ~catalog.category_word_mask(filters.exclude_genres)  # "jewellery box"
    if filters.cast:
        mask &= catalog.cast_mask(filters.cast)
    if filters.exclude_cast:
        mask &= ~catalog.cast_mask(filters.exclude_cast)
    if filters.directors:
        mask &= catalog.director_mask(filters.directors)
    if filters.exclude_directors:
        mask &= ~catalog.director_mask(filters.exclude_directors)
    if filters.topics:
        mask &= catalog.topic_mask(filters.topics)
    if filters.exclude_topics:  # "nothing with birds": birdhouses too
        mask &= ~catalog.topic_mask(filters.exclude_topics)
        mask &= ~catalog.opened_mask(filters.exclude_topics)
    if filters.subject:  # any phrase, every word of it: "lunch bag" is no shopper bag
        wanted = np.zeros(len(catalog), dtype=bool)
        for phrase in filters.subject:
            wanted |= catalog.phrase_mask(phrase)
        mask &= wanted
    return mask


def allowed_mask(catalog: Catalog, query: Query) -> np.ndarray:
    """Filters plus exclusions (excluded and disliked ids); unknown ids are ignored."""
    mask = filter_mask(catalog, query.filters)
    n = len(catalog)
    banned = [i for i in (*query.exclude_ids, *query.disliked_ids) if 0 <= i < n]
    mask[np.asarray(banned, dtype=np.int64)] = False
    return mask


def known_ids(catalog: Catalog, ids: tuple[int, ...]) -> tuple[int, ...]:
    """Drop ids outside the catalogue (a query may carry stale or foreign ids)."""
    n = len(catalog)
    return tuple(int(i) for i in ids if 0 <= int(i) < n)


def top_allowed(scores: np.ndarray, allowed: np.ndarray, k: int,
                require_positive: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Ids and scores of the k best allowed items, best first (ties by lower id)."""
    valid = allowed & np.isfinite(scores)
    if require_positive:
        valid &= scores > 0
    ids = np.flatnonzero(valid)
    if ids.size == 0 or k <= 0:
        return np.empty(0, np.int64), np.empty(0, np.float32)
    sub = scores[ids]
    if ids.size > k:
        part = np.argpartition(-sub, k - 1)[:k]
        ids, sub = ids[part], sub[part]
    order = np.lexsort((ids, -sub))
    return ids[order].astype(np.int64), sub[order].astype(np.float32)
