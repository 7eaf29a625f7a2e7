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
- source_shape: each source's score relative to the list's best score of that source and its
  percentile among the candidates that source found, and the fused score relative to the top
  one: scale-free, so out-of-fold and served lists agree where the raw scores do not
- text_match: what the query text names of the item: the share of its title's words in the
  text, one of its genres asked for in words ("something scary"), one of its cast or its
  director named
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from core.catalog import Catalog, normalize_title
from core.types import Candidates, Query
from retrieval.filters import known_ids

SOURCES = ("text", "two_tower", "cooc", "als", "pop", "repeat", "neighbours")
# sources whose list-relative scores the ranker reads (movies, issue #15: +0.8 point nDCG@10
# over 8 seeds, paired, against the ranker without them)
SHAPE_SOURCES = ("two_tower", "cooc", "als", "text", "neighbours", "pop")


@dataclass(frozen=True)
class FeatureContext:
    """Read-only item-side state the features need, taken from the built hybrid retriever."""

    catalog: Catalog
    item_text: np.ndarray  # (n_items, 384) normalised text embeddings
    item_tower: np.ndarray  # (n_items, d) normalised two-tower item vectors
    popularity: np.ndarray  # training counts
    genre_matrix: np.ndarray  # (n_items, n_genres) multi-hot
    genre_index: dict[str, int]
    # each item's title words (`title_words`), for what the query text names of it
    titles: tuple[frozenset[str], ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.titles:
            object.__setattr__(self, "titles", tuple(map(title_words, self.catalog.titles)))

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
    names += [("source_shape", f"{s}_{k}") for s in SHAPE_SOURCES for k in ("ratio", "pct")]
    names += [("source_shape", "fused_ratio")]
    names += [("text_match", n) for n in ("title_in_text", "genre_in_text", "cast_in_text",
                                          "director_in_text")]
    return names


FEATURE_NAMES = feature_names()
GROUPS = tuple(dict.fromkeys(g for g, _ in FEATURE_NAMES))


def _max_mean(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if sims.shape[1] == 0:
        zeros = np.zeros(sims.shape[0], dtype=np.float32)
        return zeros, zeros
    return sims.max(axis=1), sims.mean(axis=1)


def _source_shape(candidates: Candidates) -> list[np.ndarray]:
    """Per source: score / the list's best score of that source (0 where the best is not
    positive) and 1 - rank / n among the candidates it found (0 where it found none of them);
    then the fused score / the top fused score."""
    n = len(candidates.item_ids)
    cols: list[np.ndarray] = []
    for s in SHAPE_SOURCES:
        score = candidates.sources.get(s, np.full(n, np.nan, np.float32))
        present = np.isfinite(score)
        ratio = np.zeros(n, np.float32)
        pct = np.zeros(n, np.float32)
        if present.any():
            vals = score[present]
            if vals.max() > 0:
                ratio[present] = vals / vals.max()
            order = np.argsort(np.argsort(-vals, kind="stable"), kind="stable")
            pct[present] = 1.0 - order / len(vals)
        cols += [ratio, pct]
    fused = candidates.scores
    cols.append(fused / fused[0] if n and fused[0] > 0 else np.zeros(n, np.float32))
    return cols


_WORD = re.compile(r"[a-z0-9]+")
_TITLE_STOP = frozenset("the a an of and in on to part chapter vol volume episode movie film ii "
                        "iii iv v vi vii viii ix x".split())
# words that ask for a genre, as ReDial seekers write them (lower-cased genre names of the movie
# catalogue; the assistant's own genre reading is a layer above the ranker)
_GENRE_WORDS = {
    "action": "action", "adventure": "adventure", "adventures": "adventure",
    "animated": "animated", "animation": "animated", "cartoon": "animated",
    "cartoons": "animated", "pixar": "animated", "disney": "animated", "anime": "animated",
    "comedy": "comedy", "comedies": "comedy", "funny": "comedy", "hilarious": "comedy",
    "laugh": "comedy", "crime": "crime", "gangster": "crime", "documentary": "documentary",
    "documentaries": "documentary", "drama": "drama", "dramas": "drama", "family": "family",
    "kids": "family", "children": "family", "fantasy": "fantasy", "horror": "horror",
    "scary": "horror", "creepy": "horror", "musical": "musical", "musicals": "musical",
    "mystery": "mystery", "mysteries": "mystery", "romance": "romance", "romantic": "romance",
    "romcom": "romance", "scifi": "science fiction", "sci": "science fiction",
    "space": "science fiction", "aliens": "science fiction", "superhero": "superhero",
    "superheroes": "superhero", "marvel": "superhero", "dc": "superhero",
    "thriller": "thriller", "thrillers": "thriller", "suspense": "suspense",
    "suspenseful": "suspense", "war": "war", "western": "western", "westerns": "western",
    "teen": "teen", "sports": "sports", "sport": "sport", "spy": "spy", "slasher": "slasher",
    "supernatural": "supernatural", "historical": "historical", "biography": "biography",
    "biopic": "biography", "martial": "martial arts", "kung": "martial arts",
    "zombie": "horror", "zombies": "horror", "ghost": "supernatural", "ghosts": "supernatural",
}


def title_words(title: str) -> frozenset[str]:
    """The words of a title that name it ("Toy Story 3" -> toy, story): no article, no small
    number."""
    words = _WORD.findall(normalize_title(title))
    return frozenset(w for w in words if w not in _TITLE_STOP and
                     not (w.isdigit() and len(w) < 3))


def _text_match(ctx: FeatureContext, query: Query, ids: np.ndarray) -> list[np.ndarray]:
    """Share of the title's words in the query text; a genre of it asked for in words; one
    of its cast or its director named."""
    n = len(ids)
    catalog = ctx.catalog
    words = _WORD.findall(query.text.lower().replace("sci-fi", "scifi"))
    said = set(words)
    in_text = np.array([len(ctx.titles[i] & said) / max(len(ctx.titles[i]), 1) for i in ids],
                       dtype=np.float32)
    asked = [ctx.genre_index[g] for g in {_GENRE_WORDS[w] for w in said if w in _GENRE_WORDS}
             if g in ctx.genre_index]
    genre = ctx.genre_matrix[ids][:, asked].max(axis=1) if asked else np.zeros(n, np.float32)
    phrases = [" ".join(words[i:i + k]) for k in (2, 3) for i in range(len(words) - k + 1)]
    cast = [p for p in phrases if catalog.cast_name(p)] + [
        a for w in said if (a := catalog.cast_alias(w))]
    directors = [p for p in phrases if catalog.director_name(p)] + [
        a for w in said if (a := catalog.director_alias(w))]
    return [in_text, genre,
            catalog.cast_mask(cast)[ids] if cast else np.zeros(n, np.float32),
            catalog.director_mask(directors)[ids] if directors else np.zeros(n, np.float32)]


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
    cols += _source_shape(candidates)
    cols += _text_match(ctx, query, ids)
    matrix = np.stack([np.asarray(c, dtype=np.float32).reshape(n) for c in cols], axis=1)
    return np.nan_to_num(matrix, nan=0.0, posinf=0.0, neginf=0.0)
