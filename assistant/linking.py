"""Linking titles to catalogue ids: normalised exact match, then fuzzy, then embeddings.

Ambiguous titles ("Heat", "The Mummy") are resolved by a year written next to them, else by
popularity, and reported as alternatives.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from core.catalog import Catalog, normalize_title

FUZZY_THRESHOLD = 90.0
EMBEDDING_THRESHOLD = 0.82
MAX_NGRAM = 10
MIN_LOWER_POP = 5  # mentions a lower-case one-word title needs to count as a title
AMBIGUOUS_POPULARITY = 0.5  # a namesake this well known (vs the chosen) makes a title ambiguous
# Single words that are also titles but far more often just words in a sentence.
COMMON_WORDS = frozenset("""
a i it up us we he she her him me my you they them this that those these there here what
when where who why how all any some one two ten go run love like liked hate saw seen see
movie movies film films good great best bad new old big little more less yes no ok okay
hi hello thanks thank sure well so too very really also just now then time day night home
life man men woman women girl boy kids family friends war star stars heat fun funny scary
action drama comedy horror thriller romance crime mystery fantasy animated western musical
sports spy superhero something anything nothing everything gift gifts bag bags mug light
red blue green pink white black loved hated enjoyed watched watch recommend maybe
please sorry fan fans favorite favourite kind type sort genre genres one ones
show shows series watching cool nice awesome amazing wow
""".split())


@dataclass(frozen=True)
class LinkResult:
    text: str
    item_id: int | None
    confidence: float
    method: str  # exact | fuzzy | embedding | none
    alternatives: tuple[int, ...] = field(default_factory=tuple)

    @property
    def ambiguous(self) -> bool:
        return len(self.alternatives) > 0


_YEAR = re.compile(r"\(?\b(19\d\d|20\d\d)\b\)?\s*$")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*|[&]")


class TitleLinker:
    """Titles to ids. Embedding fallback: pass `item_embeddings` (rows L2-normalised, one per
    item) with `encode` (texts -> normalised rows), or an `encoder` object that has
    `encode_queries` (and, if it carries them, `item_embeddings`)."""

    def __init__(self, catalog: Catalog, item_embeddings: np.ndarray | object | None = None,
                 encode: Callable[[list[str]], np.ndarray] | None = None, *,
                 encoder: object | None = None):
        self.catalog = catalog
        if item_embeddings is not None and not isinstance(item_embeddings, np.ndarray):
            encoder, item_embeddings = item_embeddings, None  # TitleLinker(catalog, encoder)
        if encoder is not None:
            encode = encode or getattr(encoder, "encode_queries", None)
            if item_embeddings is None:
                item_embeddings = getattr(encoder, "item_embeddings", None)
        self.item_embeddings = item_embeddings
        self.encode = encode
        by_title: dict[str, list[int]] = defaultdict(list)
        for item, title in enumerate(catalog.titles):
            key = normalize_title(title)
            if key:
                by_title[key].append(item)
        popularity = catalog.popularity
        self.by_title = {k: sorted(v, key=lambda i: -popularity[i]) for k, v in by_title.items()}
        self.keys = list(self.by_title)

    def _choose(self, ids: list[int], year: int | None) -> tuple[int, tuple[int, ...]]:
        """The item meant, and the real alternatives: other films of that name that are
        nearly as well known (a duplicate entry of the same film, or an obscure namesake,
        is no ambiguity a person would notice)."""
        cat = self.catalog
        if year is not None:
            same = [i for i in ids if abs(int(cat.years[i]) - year) <= 1]
            if same:  # the closest year wins; popularity (the list order) breaks ties
                best = min(same, key=lambda i: abs(int(cat.years[i]) - year))
                return best, ()  # the year says which one
        chosen = ids[0]
        shown = cat.display_title(chosen)
        floor = AMBIGUOUS_POPULARITY * float(cat.popularity[chosen])
        return chosen, tuple(i for i in ids[1:] if cat.display_title(i) != shown
                             and float(cat.popularity[i]) >= floor)

    def link(self, title: str) -> LinkResult:
        text = title.strip()
        year = None
        match = _YEAR.search(text)
        if match and len(text) > len(match.group(0)):
            year = int(match.group(1))
            text = text[: match.start()].strip()
        key = normalize_title(text)
        if not key:
            return LinkResult(title, None, 0.0, "none")
        if key in self.by_title:
            item, alternatives = self._choose(self.by_title[key], year)
            return LinkResult(title, item, 1.0, "exact", alternatives)
        if len(key) >= 4:
            best = process.extractOne(key, self.keys, scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_THRESHOLD)
            if best is not None:
                item, alternatives = self._choose(self.by_title[best[0]], year)
                return LinkResult(title, item, best[1] / 100.0, "fuzzy", alternatives)
        if self.item_embeddings is not None and self.encode is not None and len(key) >= 4:
            vector = self.encode([text])[0]
            scores = self.item_embeddings @ vector
            item = int(np.argmax(scores))
            if scores[item] >= EMBEDDING_THRESHOLD:
                return LinkResult(title, item, float(scores[item]), "embedding")
        return LinkResult(title, None, 0.0, "none")

    def find_titles(self, text: str) -> list[LinkResult]:
        """Catalogue titles written inside free text, longest match first, no overlaps."""
        words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
        used = [False] * len(words)
        found: list[tuple[int, LinkResult]] = []
        for n in range(min(MAX_NGRAM, len(words)), 0, -1):
            for start in range(len(words) - n + 1):
                if any(used[start : start + n]):
                    continue
                span = text[words[start][1] : words[start + n - 1][2]]
                key = normalize_title(span)
                if key not in self.by_title:
                    continue
                marked = self._marked(text, words[start][1], words[start + n - 1][2])
                if not marked and not self._plausible(span, n):
                    continue
                if n == 1 and not marked and not span[:1].isupper() and max(
                        self.catalog.popularity[i] for i in self.by_title[key]) < MIN_LOWER_POP:
                    continue  # a lower-case single word is a title only if a known one
                year = self._year_after(text, words[start + n - 1][2])
                item, alternatives = self._choose(self.by_title[key], year)
                found.append((start, LinkResult(span, item, 1.0, "exact", alternatives)))
                for i in range(start, start + n):
                    used[i] = True
        return [r for _, r in sorted(found, key=lambda x: x[0])]

    @staticmethod
    def _marked(text: str, start: int, end: int) -> bool:
        """Quoted ("Up") or followed by a year (Heat (1995)): clearly meant as a title."""
        quoted = start > 0 and end < len(text) and text[start - 1] in "\"'“‘" and \
            text[end] in "\"'”’"
        return quoted or (text[start:start + 1].isupper() and
                          re.match(r"\s*\((?:19|20)\d\d\)", text[end:]) is not None)

    @staticmethod
    def _year_after(text: str, end: int) -> int | None:
        match = re.match(r"\s*\((\d{4})\)", text[end:])
        return int(match.group(1)) if match else None

    @staticmethod
    def _plausible(span: str, n: int) -> bool:
        """Reject spans that are more likely ordinary words than a title."""
        words = span.split()
        lowered = [w.lower().strip("'’") for w in words]
        if all(w in COMMON_WORDS for w in lowered):
            # "the matrix" is fine, "I love it" is not: only capitalised spans of common words
            return n >= 2 and all(w[:1].isupper() for w in words if w.lower() not in
                                  ("of", "the", "a", "an", "and", "in", "to"))
        if n == 1:
            return len(lowered[0]) >= 4 or words[0][:1].isupper()
        return True
