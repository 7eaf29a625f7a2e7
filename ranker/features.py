"""Features for each (query, candidate) pair, vectorised over a candidate list.

Groups (an ablation drops one group at a time):
- sources: each retrieval source's score, 1/rank and presence; the fused score and position
- popularity: log training popularity
- text: similarity of the query text to the item text
- liked: max / mean similarity to liked items and to disliked items (text and two-tower space)
- genre: overlap of the item's genres with requested genres and with the liked items' genres
- constraints: fit to year / price constraints; distance to the liked items' years and prices
- history: the item is already in the user's history (repeat purchase)
- two_tower: the two-tower query-item score for every candidate
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.catalog import Catalog
from core.types import Candidates, Query
from retrieval.filters import known_ids

SOURCES = ("text", "two_tower", "cooc", "als", "pop", "repeat", "neighbours")


@dataclass(frozen=True)
class FeatureContext:
    """Read-only item-side state the features need, taken from the built hybrid retriever."""

    catalog: Catalog
    item_text: np.ndarray  # (n_items, 384) normalised text embeddings
    item_tower: np.ndarray  # (n_items, d) normalised two-tower item vectors
    popularity: np.ndarray  # training counts
    genre_matrix: np.ndarray  # (n_items, n_genres) multi-hot
    genre_index: dict[str, int]

    @classmethod
    def from_hybrid(cls, hybrid) -> FeatureContext:
        catalog = hybrid.catalog
        vocab = catalog.genre_vocabulary()
        index = {g.lower(): i for i, g in enumerate(vocab)}
        genres = np.zeros((len(catalog), max(len(vocab), 1)), dtype=np.float32)
        for item, gs in enumerate(catalog.genres):
            for g in gs:
                genres[item, index[g.lower()]] = 1.0
        return cls(catalog, hybrid.sources["text"].index.vectors,
                   hybrid.sources["two_tower"].item_vectors,
                   hybrid.sources["pop"].counts, genres, index)


def feature_names() -> list[tuple[str, str]]:
    """(group, name) for every column, in order."""
    names = []
    for s in SOURCES:
        names += [("sources", f"{s}_score"), ("sources", f"{s}_inv_rank"),
                  ("sources", f"{s}_present")]
    names += [("sources", "fused_score"), ("sources", "fused_inv_position")]
    names += [("popularity", "log_popularity")]
    names += [("text", "query_text_sim")]
    names += [("liked", n) for n in ("liked_max_text", "liked_mean_text", "liked_max_tower",
                                     "disliked_max_text", "disliked_max_tower", "has_liked")]
    names += [("genre", n) for n in ("wanted_genre_match", "liked_genre_jaccard",
                                     "liked_genre_share")]
    names += [("constraints", n) for n in ("year_fit", "price_fit", "year_distance",
                                           "log_price_ratio")]
    names += [("history", "in_history")]
    names += [("two_tower", "tower_score")]
    return names


FEATURE_NAMES = feature_names()
GROUPS = tuple(dict.fromkeys(g for g, _ in FEATURE_NAMES))


def _max_mean(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if sims.shape[1] == 0:
        zeros = np.zeros(sims.shape[0], dtype=np.float32)
        return zeros, zeros
    return sims.max(axis=1), sims.mean(axis=1)


def compute_features(ctx: FeatureContext, query: Query, candidates: Candidates,
                     query_text_vector: np.ndarray | None,
                     query_tower_vector: np.ndarray | None) -> np.ndarray:
    """(n_candidates, n_features) float32 matrix, finite everywhere."""
    ids = candidates.item_ids
    n = len(ids)
    cols: list[np.ndarray] = []
    for s in SOURCES:
        score = candidates.sources.get(s, np.full(n, np.nan, np.float32))
        rank = candidates.sources.get(f"{s}_rank", np.full(n, np.nan, np.float32))
        present = np.isfinite(score)
        cols += [np.where(present, score, 0.0), np.where(np.isfinite(rank), 1.0 / rank, 0.0),
                 present.astype(np.float32)]
    cols += [candidates.scores, 1.0 / np.arange(1, n + 1)]
    cols.append(np.log1p(ctx.popularity[ids]))
    text = ctx.item_text[ids]
    if query_text_vector is not None and np.any(query_text_vector):
        cols.append(text @ query_text_vector)
    else:
        cols.append(np.zeros(n, np.float32))
    liked = list(known_ids(ctx.catalog, query.liked_ids))[-20:]
    disliked = list(known_ids(ctx.catalog, query.disliked_ids))[-20:]
    liked_max, liked_mean = _max_mean(text @ ctx.item_text[liked].T)
    tower = ctx.item_tower[ids]
    liked_tower, _ = _max_mean(tower @ ctx.item_tower[liked].T)
    disliked_max, _ = _max_mean(text @ ctx.item_text[disliked].T)
    disliked_tower, _ = _max_mean(tower @ ctx.item_tower[disliked].T)
    cols += [liked_max, liked_mean, liked_tower, disliked_max, disliked_tower,
             np.full(n, float(bool(liked)), np.float32)]
    item_genres = ctx.genre_matrix[ids]
    wanted = [ctx.genre_index[g.lower()] for g in query.filters.genres
              if g.lower() in ctx.genre_index]
    cols.append(item_genres[:, wanted].max(axis=1) if wanted else np.zeros(n, np.float32))
    liked_genres = ctx.genre_matrix[liked].sum(axis=0) if liked else np.zeros(
        ctx.genre_matrix.shape[1], np.float32)
    liked_set = (liked_genres > 0).astype(np.float32)
    inter = item_genres @ liked_set
    union = np.maximum(item_genres.sum(axis=1) + liked_set.sum() - inter, 1.0)
    cols += [inter / union, (item_genres @ liked_genres) / max(len(liked), 1)]
    years = ctx.catalog.years[ids].astype(np.float32)
    prices = ctx.catalog.prices[ids].astype(np.float32)
    f = query.filters
    year_ok = np.ones(n, bool)
    if f.year_min is not None:
        year_ok &= years >= f.year_min
    if f.year_max is not None:
        year_ok &= (years >= 0) & (years <= f.year_max)
    price_ok = np.ones(n, bool)
    if f.price_min is not None:
        price_ok &= np.nan_to_num(prices, nan=-1.0) >= f.price_min
    if f.price_max is not None:
        price_ok &= np.nan_to_num(prices, nan=np.inf) <= f.price_max
    liked_years = ctx.catalog.years[liked] if liked else np.empty(0)
    liked_years = liked_years[liked_years >= 0]
    year_dist = (np.abs(years - liked_years.mean()) / 20.0 if liked_years.size
                 else np.zeros(n, np.float32))
    year_dist = np.where(years >= 0, year_dist, 1.0)
    liked_prices = ctx.catalog.prices[liked] if liked else np.empty(0)
    liked_prices = liked_prices[np.isfinite(liked_prices)]
    if liked_prices.size:
        ratio = np.log(np.nan_to_num(prices, nan=1.0) / max(float(np.median(liked_prices)), 1e-3))
    else:
        ratio = np.zeros(n, np.float32)
    cols += [year_ok.astype(np.float32), price_ok.astype(np.float32), year_dist, ratio]
    history = np.asarray(known_ids(ctx.catalog, query.history_ids), dtype=np.int64)
    cols.append(np.isin(ids, history).astype(np.float32))
    if query_tower_vector is not None:
        cols.append(tower @ query_tower_vector)
    else:
        cols.append(np.zeros(n, np.float32))
    matrix = np.stack([np.asarray(c, dtype=np.float32).reshape(n) for c in cols], axis=1)
    return np.nan_to_num(matrix, nan=0.0, posinf=0.0, neginf=0.0)
