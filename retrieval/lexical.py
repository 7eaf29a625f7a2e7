"""Lexical source: BM25 over each item's words (title, genres, cast and summary), for requests
made of words alone ("the movie where a guy relives the same day").

A summary's plot words are rare and exact ("relive", "iceberg", "ogre"), where the dense
encoder reads a 100-word summary as one blend led by its title and cast: on 49 plot
descriptions written by hand the dense source found the film in its top 5 for 24 %, BM25 for
67 % (2026-12-07, see `eval bench plots`).
"""

from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp

from core.catalog import Catalog
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, top_allowed

# Okapi BM25's usual constants
K1 = 1.2
B = 0.75
# words that carry no plot: the request's frame ("what's the movie where a guy ...") and
# English function words
STOP_WORDS = frozenset("""
a an the of and or to in on at by for with from into onto over under about after before
during than then there here when where what which who whom whose why how that this these
those is are was were be been being am do does did has have had having it its it's he she
they them their his her him hers we us our you your i me my mine not no but so if as just
very really also too some any all one ones thing things something anything someone somebody
guy guys man men woman women kid kids person people movie movies film films flick flicks
called named remember think know looking find want like can could
would should will gets get got goes go
""".split())
WORD = re.compile(r"[a-z0-9]+")
# short forms people type for the words summaries spell out ("a tv show" is the summary's
# "television show")
SPELLED_OUT = {"tv": "television", "ww2": "world war ii", "wwii": "world war ii",
               "ww1": "world war i", "wwi": "world war i", "nyc": "new york city",
               "sci": "science", "scifi": "science fiction"}
# suffixes taken off a word, longest first, leaving at least MIN_STEM letters: "relives",
# "reliving" and "relive" meet at "reliv"
SUFFIXES = ("ing", "ies", "ed", "es", "s", "e", "y")
MIN_STEM = 3


def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to meet "relives" with "relive", never a
    dictionary."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The stems of `text`'s words, short forms spelled out, stop words left out."""
    words = [part for w in WORD.findall(text.lower()) for part in SPELLED_OUT.get(w, w).split()]
    return [stem(w) for w in words if w not in STOP_WORDS and len(w) > 1]


class LexicalRetriever:
    name = "lexical"

    def __init__(self, catalog: Catalog, weights: sp.csc_matrix, vocabulary: dict[str, int]):
        """`weights`: items x terms, each entry the term's BM25 weight in the item's text."""
        if weights.shape != (len(catalog), len(vocabulary)):
            raise ValueError("the BM25 weights must have one row per item, one column per term")
        self.catalog = catalog
        self.weights = weights
        self.vocabulary = vocabulary

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> LexicalRetriever:
        """BM25 weights over `catalog.item_text` (well under a second for 7,000 summaries)."""
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for item in range(len(catalog)):
            for term in terms(catalog.item_text(item)):
                rows.append(item)
                cols.append(vocabulary.setdefault(term, len(vocabulary)))
        counts = sp.csr_matrix((np.ones(len(rows)), (rows, cols)),
                               shape=(len(catalog), len(vocabulary)))
        counts.sum_duplicates()
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        mean_length = float(lengths.mean()) if len(lengths) else 1.0
        held = np.bincount(counts.indices, minlength=len(vocabulary))
        idf = np.log1p((len(catalog) - held + 0.5) / (held + 0.5))
        tf = counts.tocoo()
        saturated = tf.data * (K1 + 1) / (
            tf.data + K1 * (1 - B + B * lengths[tf.row] / max(mean_length, 1e-9)))
        weights = sp.csc_matrix((saturated * idf[tf.col], (tf.row, tf.col)), shape=counts.shape)
        return cls(catalog, weights, vocabulary)

    def scores(self, text: str) -> np.ndarray:
        """Every item's BM25 score for `text` (each distinct term counted once)."""
        columns = sorted({self.vocabulary[t] for t in terms(text) if t in self.vocabulary})
        if not columns:
            return np.zeros(len(self.catalog))
        return np.asarray(self.weights[:, columns].sum(axis=1)).ravel()

    def retrieve(self, query: Query, k: int) -> Candidates:
        if not query.text.strip():
            return Candidates.empty("no words to match")
        allowed = allowed_mask(self.catalog, query)
        if not allowed.any():
            return Candidates.empty("no item satisfies the filters")
        ids, scores = top_allowed(self.scores(query.text), allowed, k, require_positive=True)
        if not len(ids):
            return Candidates.empty("no item's text holds a word of the request")
        return Candidates(ids, scores, {self.name: scores})

def lexical_source(catalog: Catalog) -> LexicalRetriever | None:
    """The lexical source for a catalogue whose items carry summaries (films); None for one of
    names alone (products), which the dense encoder reads whole."""
    if not any(catalog.descriptions):
        return None
    return LexicalRetriever.from_catalog(catalog)
