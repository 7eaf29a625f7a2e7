"""The reason checker: an LLM's reason is shown only if it is true to the catalogue.

A small model writes fluent nonsense ("Because you liked Alien (1979): The Fifth Element",
"1.1.1.1.1"), and the JSON schema only guarantees which ids it cites. A reason passes when:
- it is text, not a bare title, a copy of an item's listing from the prompt, or a degenerate
  string (repeats, digits, a word or two);
- it is about the cited liked item: it names that item, or something of its metadata (a genre or
  a cast member or director), or compares the two ("both", "like", "similar", ...);
- every film, person and genre it names belongs to the recommended item or the cited liked item.
Anything else falls back to the template reason, which states only what the data shows.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from core.catalog import Catalog, normalize_title

MIN_WORDS = 4  # "Great movie" says nothing
MAX_TOKEN_SHARE = 0.4  # one token repeated over this share of the text is a loop
# a reason that copies this many words in a row from the person's messages restates the
# request: seen from SmolLM2 on vLLM, "1. Funny movies like Superbad, nothing from before 2000"
# for Blazing Saddles (1974). A true reason may reuse a word or two of theirs, not a phrase.
ECHO_WORDS = 5
COMPARISONS = re.compile(r"\b(both|like|likes|similar|same|also|too|as well|share[sd]?|"
                         r"just as|reminiscent|echo(?:es)?|resembl\w*)\b", re.I)
# A run of capitalised words (with the small words that sit inside titles and names): the
# spans where a film or a person can be named.
NAME_SPAN = re.compile(r"[A-Z0-9][\w'’.\-:]*(?:\s+(?:(?:of|the|a|an|and|in|on|to|at|for|de|"
                       r"la|le|von|van|&)\s+)*[A-Z0-9][\w'’.\-:]*)*")
WORD = re.compile(r"[A-Za-z]{2,}")
LISTING = re.compile(r"\((?:1[89]|20)\d\d\)\s*[;,]")  # "Title (1999);": a prompt line copied
EVERYDAY_GENRES = frozenset({
    "short", "silent", "independent", "performance", "political", "historical", "legal",
    "family", "teen", "dance", "sport", "sports", "spy", "suspense", "disaster", "satire",
    "live action", "found footage", "biography", "noir", "erotic",
    # retail categories
    "party", "garden", "children", "vintage", "accessories", "storage", "lighting", "kitchen",
    "hearts", "cards and wrap", "home decor", "candles", "bags", "baking", "clocks",
    "bathroom", "stationery", "jewellery", "toys and games", "christmas", "retrospot"})


class ReasonChecker:
    """Checks reasons against one catalogue; the indexes are built on first use."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    @cached_property
    def titles(self) -> frozenset[str]:
        return frozenset(k for k in (normalize_title(t) for t in self.catalog.titles) if k)

    @cached_property
    def people(self) -> frozenset[str]:
        return frozenset(p.lower() for i in range(len(self.catalog)) for p in self.credits(i)
                         if is_person(p))

    def credits(self, item: int) -> tuple[str, ...]:
        """The people a claim about an item may name: its cast and its directors."""
        return self.catalog.cast[item] + self.catalog.directors_of(item)

    @cached_property
    def genres(self) -> dict[str, str]:
        """lower-case genre (and its plural / lower-case spelling) -> the catalogue's genre."""
        out = {}
        for genre in self.catalog.genre_vocabulary():
            out[genre.lower()] = genre
            out[genre.lower() + "s"] = genre
        return out

    # -- the check ------------------------------------------------------------------------

    def passes(self, reason: str, item: int, because: int, said: str = "") -> bool:
        return not self.problems(reason, item, because, said)

    def problems(self, reason: str, item: int, because: int, said: str = "") -> list[str]:
        """Why `reason` (for recommending `item` because of the liked `because`, asked for
        with `said`) must not be shown; empty if it may."""
        text = reason.strip()
        if normalize_title(text) in self.titles:
            return ["bare title"]
        if self.degenerate(text):
            return ["degenerate"]
        if self.echoes(text, said):
            return ["repeats the request"]
        if text.count(";") >= 2 or LISTING.search(text):
            return ["copies an item listing"]  # "2001 (1968); Science Fiction; with ..."
        cat = self.catalog
        pair_titles = {normalize_title(cat.titles[i]) for i in (item, because)}
        pair_people = {p.lower() for i in (item, because) for p in self.credits(i)}
        pair_genres = {g.lower() for i in (item, because) for g in cat.genres[i]}
        problems = []
        for span in self.name_spans(text):
            key = normalize_title(span)
            if key in self.titles and key not in pair_titles and not self._inside(
                    key, pair_titles) and key.lower() not in self.genres:
                problems.append(f"names another film: {span}")
            elif span.lower() in self.people and span.lower() not in pair_people:
                problems.append(f"names someone not in either film: {span}")
        for genre in self.genres_named(text):
            if genre.lower() not in pair_genres:
                problems.append(f"genre not of either item: {genre}")
        if not self.about(text, because):
            problems.append("not about the liked item")
        return problems

    @staticmethod
    def echoes(text: str, said: str) -> bool:
        """Whether the reason copies ECHO_WORDS words in a row from what the person said."""
        def runs(words: list[str]) -> set[tuple[str, ...]]:
            return {tuple(words[i:i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)}

        mine = runs([w.lower() for w in WORD.findall(text)])
        return bool(mine & runs([w.lower() for w in WORD.findall(said)]))

    @staticmethod
    def degenerate(text: str) -> bool:
        words = WORD.findall(text)
        if len(words) < MIN_WORDS:
            return True
        letters = sum(c.isalpha() for c in text)
        if letters < 0.6 * len(text.replace(" ", "")):
            return True  # mostly digits and punctuation: "1.1.1.1.1"
        counts = Counter(w.lower() for w in words)
        return counts.most_common(1)[0][1] > max(2, MAX_TOKEN_SHARE * len(words))

    def about(self, text: str, because: int) -> bool:
        cat = self.catalog
        lowered = text.lower()
        title = normalize_title(cat.titles[because])
        if title and re.search(rf"\b{re.escape(title)}\b", normalize_title(text)):
            return True
        if any(p.lower() in lowered for p in self.credits(because) if len(p) > 3):
            return True
        if any(re.search(rf"\b{re.escape(g.lower())}", lowered) for g in cat.genres[because]):
            return True
        return COMPARISONS.search(text) is not None

    @staticmethod
    def name_spans(text: str) -> list[str]:
        """Capitalised runs, without a capital that only starts a sentence ("Both ...")."""
        spans = []
        for match in NAME_SPAN.finditer(text):
            span = match.group(0).strip(" .:-")
            sentence_start = _sentence_start(text, match.start())
            words = span.split()
            if sentence_start and len(words) == 1:
                continue  # "Both", "It", "This": an ordinary word that starts a sentence
            spans.append(span)
            if sentence_start and len(words) > 1:
                spans.append(" ".join(words[1:]))  # "Both Keanu Reeves" names Keanu Reeves
        return spans

    def genres_named(self, text: str) -> list[str]:
        """Genres the text names. A genre that is also an everyday word ("short", "family")
        counts only when capitalised inside a sentence, as a genre is written."""
        lowered = text.lower()
        found = []
        for word, genre in self.genres.items():
            if len(word) <= 3:
                continue
            if genre.lower() in EVERYDAY_GENRES:
                hit = any(not _sentence_start(text, m.start()) for m in
                          re.finditer(rf"\b{re.escape(word.capitalize())}\b", text))
            else:
                hit = re.search(rf"\b{re.escape(word)}\b", lowered) is not None
            if hit:
                found.append(genre)
        return list(dict.fromkeys(found))

    @staticmethod
    def _inside(key: str, titles: set[str]) -> bool:
        """Part of one of the pair's titles ("Matrix" in "The Matrix Reloaded")."""
        return any(key and re.search(rf"\b{re.escape(key)}\b", t) for t in titles)


def is_person(name: str) -> bool:
    """Cast lists hold markers too: "(voices)", "voices of"."""
    return bool(name) and not name.startswith("(") and name.lower() != "voices of"


def _sentence_start(text: str, start: int) -> bool:
    return start == 0 or text[:start].rstrip().endswith((".", "!", "?", ":"))
