"""LLM call #2: re-rank the top candidates and explain them, grounded in liked items.

The JSON schema makes the model pick item ids from an enum of the candidate ids and `because`
ids from an enum of the liked ids, so it cannot invent items. A deterministic guard then drops
unknown or duplicate ids, appends missing candidates in ranker order, and replaces a `because`
that is not a liked item by the liked item most similar to the recommendation. An LLM reason
is shown only if the reason checker (assistant/reasons.py) passes it; template explanations
(facts from the data only) stand in otherwise, and whenever the LLM is off or fails.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from pydantic import BaseModel, Field, create_model

from assistant.amounts import price_bounds_said
from assistant.intent import domain
from assistant.llm import LLMError, structured_call
from assistant.reasons import ReasonChecker, is_person
from assistant.words import content_words
from core.catalog import DECADE_WORD, FILM_KINDS, SERIES_TOPIC, Catalog, series_said
from core.settings import LLMSettings
from core.types import Candidates, Message, Query, ReasonCounts, Recommendation
from prompts import load_prompt
from retrieval.cooccurrence import CooccurrenceRetriever

REASON_CHARS = 120  # one sentence; each character is time on a CPU model
PICK_TOKENS = 48  # the most one pick can take: two ids, a full reason, JSON punctuation
PROMPT_MESSAGES = 2  # the newest messages the re-rank prompt shows
PROMPT_MESSAGE_CHARS = 300
DESCRIPTION_CHARS = 240  # a recommendation's short description
COOCCURRENCE_TOP = 50  # "often": among the liked item's strongest co-occurring items
# Cosine of two items' text vectors (MiniLM) from which their texts are called alike: above
# the 99.9th percentile of random pairs (0.44 for The Matrix), below The Matrix Reloaded (0.75).
ALIKE_TEXT = 0.5


@dataclass
class Explained:
    recommendations: list[Recommendation]
    fallbacks: list[str] = field(default_factory=list)
    llm_calls: int = 0
    reasons: ReasonCounts = field(default_factory=ReasonCounts)


def rerank_schema(candidate_ids: list[int], liked_ids: list[int], n: int) -> type[BaseModel]:
    """A pydantic model whose ids are enums of the allowed ids (a JSON-schema enum)."""
    item_type = Literal[tuple(candidate_ids)]  # type: ignore[valid-type]
    fields: dict = {"item_id": (item_type, ...)}
    if liked_ids:  # required: every pick must name the liked item it resembles
        fields["because_id"] = (Literal[tuple(liked_ids)], ...)  # type: ignore[valid-type]
    fields["reason"] = (str, Field(default="", max_length=REASON_CHARS))
    pick = create_model("Pick", **fields)
    return create_model("Rerank", picks=(list[pick], Field(min_length=1, max_length=n)))


# a full stop that ends a sentence: not one after a capital ("U.S.", "J. J. Abrams") nor
# after a title or suffix ("Jr.", "Dr."): descriptions stopped at "...stars as Deputy U.S."
# a full stop after a word, or after a "!" or "?" inside a sentence ("... La Totale!.")
SENTENCE_END = re.compile(r"\b(\w*[a-z0-9)\]\"'!?])\.(?=\s)")
ABBREVIATIONS = frozenset({"jr", "sr", "dr", "mr", "mrs", "ms", "st", "vs", "co", "inc", "no",
                           "vol", "pt", "ft", "mt", "lt", "gen", "col", "sgt", "capt", "prof"})


def short_description(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """Whole sentences up to `limit` characters (one cut sentence if the first is longer)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    ends = [m.end(1) for m in SENTENCE_END.finditer(cut + " ")
            if m.group(1).lower() not in ABBREVIATIONS]
    return cut[: ends[-1] + 1] if ends else cut.rsplit(" ", 1)[0] + "…"


def ordered_reason(times: int, orders: int, last: int) -> str:
    """"You have ordered it before: in 3 of your 12 orders, last in your latest one." `last`:
    the index (oldest first) of the latest order that held it."""
    if orders == 1:
        return "You have ordered it before, in your only order."
    ago = orders - 1 - last
    when = ("in your latest one" if ago == 0 else "in the one before your latest" if ago == 1
            else f"{ago} orders before your latest")
    return f"You have ordered it before: in {times} of your {orders} orders, last {when}."


# a remake or another version asked for: namesakes of the films named may be listed
REMAKE = re.compile(r"\b(?:remakes?|reboots?|original|versions?|re-?imaginings?)\b", re.I)


def _listed(parts: list[str]) -> str:
    """"a, b and c"."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


class Explainer:
    def __init__(self, catalog: Catalog, chat_model: BaseChatModel | None,
                 settings: LLMSettings, item_vectors: np.ndarray | None = None,
                 cooccurrence: CooccurrenceRetriever | None = None):
        self.catalog = catalog
        self.chat_model = chat_model
        self.settings = settings
        self.item_vectors = item_vectors
        self.cooccurrence = cooccurrence
        self.checker = ReasonChecker(catalog)

    # -- grounding helpers ----------------------------------------------------------------

    def most_similar_liked(self, item: int, liked: list[int]) -> int | None:
        if not liked:
            return None
        if self.item_vectors is not None:
            sims = self.item_vectors[liked] @ self.item_vectors[item]
            return liked[int(np.argmax(sims))]
        genres = set(self.catalog.genres[item])
        return max(liked, key=lambda i: len(genres & set(self.catalog.genres[i])))

    def cooccur(self, liked: int, item: int) -> bool:
        """The co-occurrence source counts `item` among the strongest companions of `liked`
        (mentioned in the same dialogue / bought in the same basket)."""
        row, weights = self.companions(liked)
        at = np.flatnonzero(row == item)
        return at.size > 0 and self._among_strongest(weights, int(at[0]))

    @staticmethod
    def _among_strongest(weights: np.ndarray, at: int) -> bool:
        """The row's entry `at` is within its COOCCURRENCE_TOP by weight (ties by position, as
        a stable sort puts them): counted, not sorted (a reply checks many rows)."""
        w = weights[at]
        ahead = int(np.count_nonzero(weights > w)) + int(np.count_nonzero(weights[:at] == w))
        return ahead < COOCCURRENCE_TOP

    def companions(self, item: int) -> tuple[np.ndarray, np.ndarray]:
        """The items that shared a training session with `item`, and their weights."""
        cooc = self.cooccurrence
        if cooc is None or not 0 <= item < len(cooc.indptr) - 1:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        start, end = int(cooc.indptr[item]), int(cooc.indptr[item + 1])
        return cooc.indices[start:end], cooc.data[start:end]

    def bought_with(self, item: int, anchors: Sequence[int]) -> tuple[int, bool] | None:
        """The first of `anchors` that `item` shared a training session with (a basket,
        a dialogue), and whether it is among that one's strongest companions; None if none."""
        first = None
        for anchor in anchors:
            row, weights = self.companions(anchor)
            at = np.flatnonzero(row == item)
            if at.size == 0:
                continue
            if self._among_strongest(weights, int(at[0])):
                return anchor, True
            first = anchor if first is None else first
        return None if first is None else (first, False)

    def together_reason(self, item: int, anchors: Sequence[int]) -> str | None:
        """"Shoppers often bought it with Regency cakestand 3 tier.": true of the data, or
        None where the item was never bought with any of them."""
        found = self.bought_with(item, anchors)
        if found is None:
            return None
        anchor, often = found
        return (f"Shoppers {'often bought' if often else 'have bought'} it with "
                f"{self.catalog.display_title(anchor)}.")

    def facts(self, item: int, because: int) -> list[str]:
        """What the data shows the two items share, in words; empty if nothing."""
        cat = self.catalog
        retail = cat.name == "retail"
        parts = []
        shared = [g for g in cat.genres[item] if g in set(cat.genres[because])]
        if shared:
            parts.append(f"both are {'/'.join(shared[:3])} {'items' if retail else 'films'}")
        directors = [d for d in cat.directors_of(item) if d in cat.directors_of(because)]
        if directors:
            parts.append(f"both are directed by {' and '.join(directors[:2])}")
        cast = [c for c in cat.cast[item] if c in set(cat.cast[because]) and is_person(c)]
        if cast:
            parts.append(f"both star {' and '.join(cast[:2])}")
        years = int(cat.years[item]), int(cat.years[because])
        if min(years) >= 0 and years[0] // 10 == years[1] // 10:
            parts.append(f"both are from the {years[0] // 10 * 10}s")
        if self.cooccur(because, item):
            parts.append("people who bought it often bought this too" if retail else
                         "people who talked about it often brought this one up too")
        if self.item_vectors is not None and float(
                self.item_vectors[item] @ self.item_vectors[because]) >= ALIKE_TEXT:
            # the gift shop has names only: alike texts are alike names, said so
            described = cat.descriptions[item] and cat.descriptions[because]
            parts.append(f"their {'descriptions' if retail else 'plot summaries'} are alike"
                         if described else "their names are alike")
        return parts

    def template_reason(self, item: int, because: int | None, query: Query) -> str:
        cat = self.catalog
        parts = self.facts(item, because) if because is not None else []
        if because is None or not parts:
            wanted = [g for g in cat.genres[item] if g in query.filters.genres]
            asked = {n.lower() for n in query.filters.cast}
            wanted += [f"stars {n}" for n in cat.cast[item] if n.lower() in asked]
            asked = {n.lower() for n in query.filters.directors}
            wanted += [f"directed by {n}" for n in cat.directors_of(item) if n.lower() in asked]
            wanted += [f"set or made in the {t}" if DECADE_WORD.fullmatch(t) else
                       f"in {series_said(t)}" if SERIES_TOPIC.fullmatch(t) else
                       f"a {t[:-1]}" if t in FILM_KINDS else f"names {t}"
                       for t in query.filters.topics if cat.topic_mask((t,))[item]]
            # the kind of product asked ("a present for my colleague's baby": shopping for baby)
            wanted += [p for p in query.filters.subject if cat.phrase_mask(p)[item]]
            wanted += self.price_said(item, query)
            if wanted:  # "best selling christmas decorations": both said
                return " ".join(filter(None, (f"Matches what you asked for: {', '.join(wanted)}.",
                                              query.popular_reason)))
            if query.popular_reason:  # "what's popular right now?"
                return query.popular_reason
            # the films said to be seen, wanted or asked about steer the list as context:
            # said so, never as liked (probe 2026-12-07: "I've seen Heat" had shown crime
            # films as "a popular pick to start with"; 2026-12-08: "is Heat better than
            # Casino?" as "close to what you described", for the word "better")
            citable = set(query.citable())
            mentioned = [i for i in query.liked_ids if i not in citable and i != item]
            anchor = self.most_similar_liked(item, mentioned)
            if anchor is not None and (shared := self.facts(item, anchor)):
                return (f"Close to {cat.display_title(anchor)}, which you mentioned: "
                        f"{_listed(shared)}.")
            # ("a housewarming gift": the occasion's words were searched, no popularity)
            if content_words(query.text, occasions=True):  # "recommend me something": none
                return "Close to what you described."
            return "A popular pick to start with; tell me what you like to personalise."
        return f"Because {query.liker(because)} liked {cat.display_title(because)}: " \
               f"{_listed(parts)}."

    def price_said(self, item: int, query: Query) -> list[str]:
        """The item's price against the bounds asked ("£4.95, at most £10.00") and for the
        number needed ("£2.55 each, £30.60 for 12"); none where neither was asked or the item
        has no price."""
        bound = price_bounds_said(query.filters.price_min, query.filters.price_max)
        price = self.catalog.item(item).price
        if price is None or not bound and query.units < 2:
            return []
        parts = [f"£{price:.2f} each, £{price * query.units:.2f} for {query.units}"
                 if query.units > 1 else f"£{price:.2f}"]
        return [", ".join([*parts, bound] if bound else parts)]

    def prompt_line(self, item: int) -> str:
        """An item for the LLM: title (year), genres, its director, two of its cast, price."""
        cat = self.catalog
        info = cat.item(item)
        bits = [cat.display_title(item)]
        if info.genres:
            bits.append(", ".join(info.genres[:3]))
        if info.directors:
            bits.append("directed by " + " and ".join(info.directors[:2]))
        people = [c for c in info.cast if is_person(c)][:2]
        if people:
            bits.append("with " + ", ".join(people))
        if info.price is not None:
            bits.append(f"£{info.price:.2f}")
        return "; ".join(bits)

    def recommendation(self, item: int, because: int | None, explanation: str,
                       source: str, score: float) -> Recommendation:
        cat = self.catalog
        info = cat.item(item)
        cited = [because] if because is not None else []
        return Recommendation(
            item_id=item, title=cat.display_title(item), score=float(score),
            explanation=explanation, because_item_ids=cited,
            because_titles=[cat.display_title(i) for i in cited], reason_source=source,
            year=info.year, price=info.price,
            currency=cat.currency if info.price is not None else None,
            genres=list(info.genres), description=short_description(info.description),
            image_url=info.image_url)

    def grounded(self, item: int, because: int | None, reason: str, liked: list[int],
                 query: Query, score: float, counts: ReasonCounts) -> Recommendation:
        """The LLM's reason if the checker passes it, else the template; the cited item is
        always a liked one, and only cited where the data shows a link to it. An item of the
        person's own past orders is cited as that: the truest reason there is."""
        orders = [k for k, basket in enumerate(query.history_baskets) if item in basket]
        if orders:
            counts.template += 1
            return self.recommendation(item, None, ordered_reason(
                len(orders), len(query.history_baskets), orders[-1]), "history", score)
        if query.together_ids and (said := self.together_reason(item, query.together_ids)):
            counts.template += 1  # what was asked: what is bought with them, said so
            return self.recommendation(item, None, said, "template", score)
        # never the item itself: a film listed again ("all the rocky films" lists Rocky) is
        # no reason for itself
        liked = [i for i in liked if i != item]
        if because is not None and because not in liked:
            because = None
        if because is None:
            because = self.most_similar_liked(item, liked)
        reason = reason.strip()
        if reason and because is not None and self.checker.passes(reason, item, because,
                                                                   query.text):
            counts.kept += 1
            # "liked" on retail too: a product picked in chat ("perfect, the first one") was
            # never bought, and the reason must say only what is true
            text = (f"Because {query.liker(because)} liked "
                    f"{self.catalog.display_title(because)}: {reason}")
            return self.recommendation(item, because, text, "llm", score)
        if reason:
            counts.replaced += 1
        else:
            counts.template += 1
        if because is not None and not self.facts(item, because):
            because = None  # nothing in the data links them: say why it was picked instead
        return self.recommendation(item, because, self.template_reason(item, because, query),
                                   "template", score)

    # -- the call -------------------------------------------------------------------------

    def explain(self, query: Query, candidates: Candidates, context: list[Message],
                n: int, attempts: int = 2) -> Explained:
        """Top n, re-ranked and explained with at most `attempts` LLM calls."""
        ids, liked, scores = self.rerank_input(query, candidates, n)
        fallbacks: list[str] = []
        picks: list[tuple[int, int | None, str]] = []
        calls = 0
        if self.chat_model is not None and ids and attempts > 0:
            wanted = min(n, self.settings.rerank_picks)  # the rest keep the ranker's order
            picks, failure, calls = self._ask_llm(query, ids, liked, context, wanted, attempts)
            if failure:
                fallbacks.append(f"llm_rerank:{failure}")
        order = self._guard(ids, picks, n)
        reasons = {item: (because, reason) for item, because, reason in picks}
        counts = ReasonCounts()
        recs = [self.grounded(item, *reasons.get(item, (None, "")), liked, query, scores[item],
                              counts) for item in order]
        return Explained(recs, fallbacks, calls, counts)

    def rerank_input(self, query: Query, candidates: Candidates, n: int
                     ) -> tuple[list[int], list[int], dict[int, float]]:
        """The candidates the LLM re-ranks (the first distinct `rerank_top`, at least n), the
        liked items it may cite, and the candidates' scores (also `bench llm`'s load)."""
        liked = [i for i in dict.fromkeys(query.citable()) if self.catalog.has(i)]
        ids, scores = self.distinct(query, candidates, max(n, self.settings.rerank_top))
        return ids, liked, scores

    def distinct(self, query: Query, candidates: Candidates,
                 k: int) -> tuple[list[int], dict[int, float]]:
        """The first `k` candidates with distinct titles, none titled like an item already
        liked, disliked, seen or shown: the catalogue lists some films twice under two ids
        ("2001: A Space Odyssey (1968)", "Grown Ups" / "Grown-Ups (2010)"), and a person
        should not get the same film twice or the film they just named. The year is not part
        of the name: "Titanic (2012)" for someone who loved Titanic (1997), or "The Notebook"
        twice in one list, reads as the same film again (ReDial's crowd often linked the
        famous film's mentions to a namesake, so co-occurrence puts them side by side)."""
        title = self.catalog.title_key
        # "I liked the old Total Recall, recommend the remake": a namesake asked for
        named = set() if REMAKE.search(query.text) else {
            title(i) for i in query.exclude_ids if self.catalog.has(i)}
        places: dict[str, int] = {}  # title -> its place in ids
        ids: list[int] = []
        scores: dict[int, float] = {}
        popularity = self.catalog.popularity
        for item, score in zip(candidates.item_id_list(), candidates.scores.tolist(),
                               strict=True):
            name = title(item)
            if name in named:
                continue
            if name in places:  # a namesake of one listed: the better known one, in its place
                place = places[name]
                if popularity[item] > popularity[ids[place]]:
                    scores[item] = scores.pop(ids[place])
                    ids[place] = item
                continue
            if len(ids) == k:
                break
            places[name] = len(ids)
            ids.append(item)
            scores[item] = score
        return ids, scores

    def _guard(self, ids: list[int], picks: list[tuple[int, int | None, str]],
               n: int) -> list[int]:
        """LLM order (if re-ranking is on), unknown and duplicate ids dropped, the rest in
        ranker order."""
        allowed = set(ids)
        chosen: list[int] = []
        if self.settings.rerank:
            for item, _, _ in picks:
                if item in allowed and item not in chosen:
                    chosen.append(item)
        chosen += [i for i in ids if i not in chosen]
        return chosen[:n]

    def rerank_request(self, ids: list[int], liked: list[int], context: list[Message],
                       n: int) -> tuple[list[BaseMessage], type[BaseModel]]:
        """The re-rank + explain call's messages and JSON schema (also `bench llm`'s load)."""
        # short lines: every prompt token costs a CPU model time (README, bench llm), and the
        # checker only keeps reasons built from these facts anyway
        candidates = [{"id": i, "item": self.prompt_line(i)} for i in ids]
        liked_json = [{"id": i, "item": self.prompt_line(i)} for i in liked]
        conversation = [{"role": m.role, "text": m.text[:PROMPT_MESSAGE_CHARS]}
                        for m in context[-PROMPT_MESSAGES:]]
        prompt = load_prompt("rerank_explain").template.format_messages(
            domain=domain(self.catalog), conversation=json.dumps(conversation),
            liked=json.dumps(liked_json), candidates=json.dumps(candidates), n=n)
        return prompt, rerank_schema(ids, liked, n)

    def _ask_llm(self, query: Query, ids: list[int], liked: list[int], context: list[Message],
                 n: int, attempts: int) -> tuple[list[tuple[int, int | None, str]], str, int]:
        prompt, schema = self.rerank_request(ids, liked, context, n)
        failure = "error"
        for attempt in range(attempts):  # a retry if allowed, then templates in ranker order
            try:
                result = structured_call(self.chat_model, prompt, schema, self.settings.timeout_s)
                picks = [(int(p.item_id), getattr(p, "because_id", None), p.reason)
                         for p in result.picks]
                return picks, "", attempt + 1
            except LLMError as exc:
                failure = exc.kind
        return [], failure, attempts
