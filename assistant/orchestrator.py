"""`Assistant.turn`: the only sequencer of a chat turn (DESIGN.md).

intent -> linking -> session update -> hybrid retrieval -> ranking -> LLM re-rank + explain ->
reply. At most two LLM calls, in that order; any stage that fails falls back and is named in
`TurnResult.fallbacks`, never raised to the user.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from assistant.explain import Explainer
from assistant.intent import IntentParser, ParsedIntent
from assistant.rules import read_message
from core.catalog import Catalog
from core.types import Candidates, HardFilters, Intent, Message, Query, Session, TurnResult
from ranker.base import Ranker
from retrieval.base import Retriever

CANDIDATES = 200
QUERY_USER_MESSAGES = 3
LLM_CALLS_PER_TURN = 2  # intent + re-rank/explain; the explain stage retries only if unspent
FEEDBACK_SIGNALS = ("like", "dislike", "click", "purchase")


@dataclass
class Stages:
    """Per-stage timings in milliseconds."""

    timings: dict[str, float]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round((time.perf_counter() - start) * 1000.0, 3)


class Assistant:
    def __init__(self, catalog: Catalog, parser: IntentParser, retriever: Retriever,
                 ranker: Ranker | None, explainer: Explainer, recommendations: int = 5,
                 llm_backend: str = "off"):
        self.catalog = catalog
        self.parser = parser
        self.retriever = retriever
        self.ranker = ranker
        self.explainer = explainer
        self.recommendations = recommendations
        self.llm_backend = llm_backend
        # the same parser without its LLM: for context messages and when the LLM path breaks
        self.rules_parser = IntentParser(catalog, parser.linker, None, parser.settings)

    # -- session state --------------------------------------------------------------------

    def _parse(self, session: Session, fallbacks: list[str]) -> ParsedIntent:
        try:
            # one attempt: a retry would spend the call the explanations need
            return self.parser.parse(session.messages, attempts=1)
        except Exception as exc:  # the parser must never take a turn down: rules only
            fallbacks.append(f"intent:{type(exc).__name__}")
            text = session.messages[-1].text
            try:
                parsed = self.rules_parser.parse(session.messages)
                # the failed parse may have spent its call: keep the turn within two
                parsed.llm_calls = 1 if self.parser.chat_model is not None else 0
                return parsed
            except Exception:
                reading = read_message("", self.catalog, self.parser.linker)
                return ParsedIntent(intent=Intent(kind=reading.kind, search_text=text[:300]),
                                    llm_calls=1 if self.parser.chat_model is not None else 0)

    def _relative(self, session: Session, parsed: ParsedIntent) -> dict:
        """Constraints relative to what was shown: "older", "newer", "cheaper"."""
        reference = session.last_shown_ids or session.liked_ids
        changes: dict = {}
        years = [int(self.catalog.years[i]) for i in reference if self.catalog.years[i] >= 0]
        prices = [float(self.catalog.prices[i]) for i in reference
                  if np.isfinite(self.catalog.prices[i])]
        if "older" in parsed.relative and years:
            changes["year_max"] = min(years) - 1
            changes["year_min"] = None
        if "newer" in parsed.relative and years:
            changes["year_min"] = max(years) + 1
            changes["year_max"] = None
        if "cheaper" in parsed.relative and prices:
            changes["price_max"] = round(float(np.median(prices)) * 0.8, 2)
            changes["price_min"] = None
        return changes

    def update_session(self, session: Session, parsed: ParsedIntent) -> None:
        liked, disliked = list(session.liked_ids), list(session.disliked_ids)
        for item in parsed.liked_ids:
            if item in disliked:
                disliked.remove(item)
            if item not in liked:
                liked.append(item)
        for item in parsed.disliked_ids:
            if item in liked:
                liked.remove(item)
            if item not in disliked:
                disliked.append(item)
        seen = list(dict.fromkeys(session.seen_ids + parsed.seen_ids))
        if "seen_last" in parsed.relative and session.last_shown_ids:
            seen.append(session.last_shown_ids[0])
        if parsed.anchor_position is not None and session.last_shown_ids:
            position = parsed.anchor_position
            if -len(session.last_shown_ids) <= position < len(session.last_shown_ids):
                anchor = session.last_shown_ids[position]
                liked = [i for i in liked if i != anchor] + [anchor]  # most recent = strongest
        old = session.filters
        new = parsed.filters
        fields = {
            "price_min": new.price_min if new.price_min is not None else old.price_min,
            "price_max": new.price_max if new.price_max is not None else old.price_max,
            "year_min": new.year_min if new.year_min is not None else old.year_min,
            "year_max": new.year_max if new.year_max is not None else old.year_max,
            "genres": new.genres or old.genres,
            "exclude_genres": tuple(dict.fromkeys(old.exclude_genres + new.exclude_genres)),
        }
        fields |= self._relative(session, parsed)
        fields["genres"] = tuple(g for g in fields["genres"] if g not in fields["exclude_genres"])
        session.liked_ids, session.disliked_ids = liked, disliked
        session.seen_ids = list(dict.fromkeys(seen))
        session.filters = HardFilters(**fields)
        if parsed.intent.preference:
            session.preference = parsed.intent.preference
        session.not_found = list(dict.fromkeys(session.not_found + parsed.not_found))[-10:]

    def apply_feedback(self, session: Session, item_id: int, signal: str) -> None:
        if signal not in FEEDBACK_SIGNALS:
            raise ValueError(f"signal must be one of {', '.join(FEEDBACK_SIGNALS)}")
        if not self.catalog.has(item_id):
            raise KeyError(f"unknown item id {item_id}")
        if signal in ("like", "purchase"):
            session.disliked_ids = [i for i in session.disliked_ids if i != item_id]
            if item_id not in session.liked_ids:
                session.liked_ids.append(item_id)
        elif signal == "dislike":
            session.liked_ids = [i for i in session.liked_ids if i != item_id]
            if item_id not in session.disliked_ids:
                session.disliked_ids.append(item_id)
        elif item_id not in session.seen_ids:  # a click: seen, keep it out of new lists
            session.seen_ids.append(item_id)

    def remove_preference(self, session: Session, field: str, value: str | int) -> None:
        """Undo one entry of what the assistant understood (the UI's panel)."""
        if field in ("liked_ids", "disliked_ids", "seen_ids"):
            setattr(session, field, [i for i in getattr(session, field) if i != int(value)])
        elif field in ("genres", "exclude_genres"):
            kept = tuple(g for g in getattr(session.filters, field) if g != value)
            session.filters = session.filters.model_copy(update={field: kept})
        elif field in ("price_min", "price_max", "year_min", "year_max"):
            session.filters = session.filters.model_copy(update={field: None})
        else:
            raise ValueError(f"unknown preference field {field!r}")

    # -- the turn -------------------------------------------------------------------------

    def query_for(self, session: Session) -> Query:
        users = [m.text for m in session.messages if m.role == "user"][-QUERY_USER_MESSAGES:]
        liked = tuple(session.liked_ids)
        return Query(
            text=" ".join(users)[-2000:],
            liked_ids=liked,
            disliked_ids=tuple(session.disliked_ids),
            history_ids=tuple(dict.fromkeys(session.seen_ids + list(liked))),
            exclude_ids=tuple(dict.fromkeys(session.shown_ids + session.seen_ids + list(liked)
                                            + session.disliked_ids)),
            filters=session.filters,
        )

    def observe(self, session: Session, text: str) -> None:
        """Take in an earlier user message (context) without recommending. Rules only, so a
        turn with history still makes at most two LLM calls."""
        session.messages.append(Message(role="user", text=text.strip()))
        self.update_session(session, self.rules_parser.parse(session.messages))

    def turn(self, session: Session, text: str) -> TurnResult:
        stages = Stages({})
        fallbacks: list[str] = []
        text = text.strip()
        session.messages.append(Message(role="user", text=text))
        with stages.stage("intent"):
            parsed = self._parse(session, fallbacks)
            fallbacks += parsed.fallbacks
        with stages.stage("session"):
            self.update_session(session, parsed)
        if parsed.intent.kind == "chitchat" and not session.liked_ids:
            reply = self.greeting()
            session.messages.append(Message(role="assistant", text=reply))
            return TurnResult(reply=reply, intent=parsed.intent, timings_ms=stages.timings,
                              fallbacks=fallbacks)
        query = self.query_for(session)
        with stages.stage("retrieval"):
            try:
                candidates = self.popular(query) if parsed.popular else None
                if candidates is None:
                    candidates = self.retriever.retrieve(query, CANDIDATES)
            except Exception as exc:
                fallbacks.append(f"retrieval:{type(exc).__name__}")
                candidates = None
        if candidates is None or len(candidates) == 0:
            reason = candidates.reason if candidates is not None else "retrieval failed"
            reply = self.nothing_found(session, reason)
            session.messages.append(Message(role="assistant", text=reply))
            return TurnResult(reply=reply, intent=parsed.intent, timings_ms=stages.timings,
                              fallbacks=fallbacks)
        with stages.stage("ranking"):
            if parsed.popular:
                pass  # "best sellers": the popularity order is the answer
            elif self.ranker is None:
                fallbacks.append("ranking:unavailable")
            else:
                try:
                    candidates = self.ranker.score(query, candidates)
                except Exception as exc:
                    fallbacks.append(f"ranking:{type(exc).__name__}")
        with stages.stage("explain"):
            explained = self.explainer.explain(
                query, candidates, session.messages, self.recommendations,
                attempts=LLM_CALLS_PER_TURN - parsed.llm_calls)
            fallbacks += explained.fallbacks
        recs = explained.recommendations
        ids = [r.item_id for r in recs]
        session.shown_ids = list(dict.fromkeys(session.shown_ids + ids))
        session.last_shown_ids = ids
        reply = self.reply_text(session, parsed, len(recs))
        session.messages.append(Message(role="assistant", text=reply))
        return TurnResult(reply=reply, recommendations=recs, intent=parsed.intent,
                          timings_ms=stages.timings, fallbacks=fallbacks)

    def popular(self, query: Query) -> Candidates | None:
        """The popularity source's list ("best sellers", "trending"): purchases in the
        training baskets on retail, mentions on movies; None if the retriever has none."""
        source = getattr(self.retriever, "sources", {}).get("pop")
        return source.retrieve(query, CANDIDATES) if source is not None else None

    # -- words ----------------------------------------------------------------------------

    def noun(self) -> str:
        return "products" if self.catalog.name == "retail" else "movies"

    def greeting(self) -> str:
        return (f"Hi! Tell me a few {self.noun()} you liked (and any you didn't), or what you "
                f"are in the mood for, and I'll suggest some.")

    def describe_filters(self, filters: HardFilters) -> str:
        parts = []
        if filters.genres:
            parts.append("in " + " or ".join(filters.genres))
        if filters.exclude_genres:
            parts.append("no " + ", ".join(filters.exclude_genres))
        if filters.year_min is not None or filters.year_max is not None:
            parts.append(f"from {filters.year_min or '…'} to {filters.year_max or '…'}")
        if filters.price_min is not None:
            parts.append(f"at least £{filters.price_min:g}")
        if filters.price_max is not None:
            parts.append(f"at most £{filters.price_max:g}")
        return ", ".join(parts)

    def nothing_found(self, session: Session, reason: str) -> str:
        constraints = self.describe_filters(session.filters)
        if constraints:
            return (f"I found no {self.noun()} matching {constraints} ({reason}). Try relaxing "
                    "one of those constraints.")
        return f"I could not find anything new to suggest ({reason})."

    def reply_text(self, session: Session, parsed: ParsedIntent, n: int) -> str:
        parts = []
        if parsed.intent.kind == "ask" and parsed.liked_ids:
            item = self.catalog.item(parsed.liked_ids[0])
            about = item.description[:400] or "I have no description of it."
            parts.append(f"{self.catalog.display_title(item.item_id)}: {about}")
        liked = [self.catalog.display_title(i) for i in session.liked_ids[-3:]]
        understood = f" based on {', '.join(liked)}" if liked else ""
        constraints = self.describe_filters(session.filters)
        if constraints:
            understood += f" ({constraints})"
        if parsed.ambiguous:
            understood += f"; I read {', '.join(parsed.ambiguous[:2])} as the best-known title"
        lead = "our most popular " if parsed.popular else ""
        parts.append(f"Here are {n} {lead}{self.noun()} for you{understood}.")
        if parsed.not_found:
            names = " or ".join(parsed.not_found[:3])
            parts.append(f"I don't know {names} yet, so I left "
                         f"{'it' if len(parsed.not_found) == 1 else 'them'} out.")
        return " ".join(parts)
