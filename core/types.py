"""Core types passed between the stages of one chat turn (see DESIGN.md).

Item ids everywhere are dense catalogue indices (int64, 0..len(catalog)-1); the dataset's own
ids (ReDial movieId, retail StockCode) are kept in `Catalog.external_ids`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

# ---------------------------------------------------------------------------------------------
# Retrieval / ranking values


def _readonly(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Candidates:
    """Scored items, sorted by score descending, with optional per-source score columns.

    `sources[name][i]` is source `name`'s score for `item_ids[i]` (NaN where that source did not
    retrieve the item). `reason` explains an empty result (e.g. a filter that matched nothing).
    """

    item_ids: np.ndarray
    scores: np.ndarray
    sources: Mapping[str, np.ndarray] = field(default_factory=dict)
    reason: str = ""

    def __post_init__(self) -> None:
        ids = _readonly(np.array(self.item_ids, dtype=np.int64).reshape(-1))
        scores = _readonly(np.array(self.scores, dtype=np.float32).reshape(-1))
        if ids.shape != scores.shape:
            raise ValueError(f"item_ids {ids.shape} and scores {scores.shape} differ in length")
        sources = {}
        for name, column in self.sources.items():
            col = _readonly(np.array(column, dtype=np.float32).reshape(-1))
            if col.shape != ids.shape:
                raise ValueError(f"source column {name!r} has {col.shape[0]} rows, not {len(ids)}")
            sources[name] = col
        object.__setattr__(self, "item_ids", ids)
        object.__setattr__(self, "scores", scores)
        object.__setattr__(self, "sources", sources)

    @classmethod
    def empty(cls, reason: str = "") -> Candidates:
        return cls(np.empty(0, np.int64), np.empty(0, np.float32), reason=reason)

    @classmethod
    def from_scores(
        cls,
        item_ids: Iterable[int] | np.ndarray,
        scores: Iterable[float] | np.ndarray,
        sources: Mapping[str, np.ndarray] | None = None,
        reason: str = "",
    ) -> Candidates:
        """Build candidates sorted by score descending (stable: ties keep input order)."""
        ids = np.asarray(list(item_ids) if not isinstance(item_ids, np.ndarray) else item_ids)
        sc = np.asarray(list(scores) if not isinstance(scores, np.ndarray) else scores)
        order = np.argsort(-sc.astype(np.float64), kind="stable")
        cols = {k: np.asarray(v)[order] for k, v in (sources or {}).items()}
        return cls(ids[order], sc[order], cols, reason)

    def __len__(self) -> int:
        return int(self.item_ids.shape[0])

    def item_id_list(self) -> list[int]:
        return [int(i) for i in self.item_ids]

    def _take(self, index: np.ndarray) -> Candidates:
        cols = {k: v[index] for k, v in self.sources.items()}
        return Candidates(self.item_ids[index], self.scores[index], cols, self.reason)

    def top(self, n: int) -> Candidates:
        return self._take(np.arange(min(max(n, 0), len(self))))

    def exclude(self, ids: Iterable[int]) -> Candidates:
        banned = np.fromiter((int(i) for i in ids), dtype=np.int64)
        if banned.size == 0:
            return self
        return self._take(np.flatnonzero(~np.isin(self.item_ids, banned)))

    def rescored(self, scores: np.ndarray) -> Candidates:
        """Same items with new scores, re-sorted; source columns follow their items."""
        return Candidates.from_scores(self.item_ids, scores, self.sources, self.reason)


class HardFilters(BaseModel):
    """Constraints an item must satisfy; None / empty means no constraint."""

    model_config = ConfigDict(frozen=True)

    price_min: float | None = None
    price_max: float | None = None
    year_min: int | None = None
    year_max: int | None = None
    genres: tuple[str, ...] = ()  # item must have at least one of these (genre or category)
    genres_all: bool = False  # ... every one of them: "a horror comedy", "a romantic comedy"
    exclude_genres: tuple[str, ...] = ()  # item must have none of these
    # films for children: an item must also have one of these, whatever genre is asked ("a
    # scary movie for my 8 year old" is Horror and Family or Animated, never Horror alone)
    audience: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()  # item must star at least one of these (movies)
    exclude_cast: tuple[str, ...] = ()  # item must star none of these
    directors: tuple[str, ...] = ()  # item must be directed by at least one of these (movies)
    exclude_directors: tuple[str, ...] = ()  # item must be directed by none of these
    topics: tuple[str, ...] = ()  # item's description lead names one ("Disney", "Christmas")
    exclude_topics: tuple[str, ...] = ()  # item's description lead names none of these
    # retail: none of the person's past orders ("something new"); the assistant applies it as
    # exclusions, since a filter sees no history
    new_only: bool = False
    # retail: what is being shopped for ("lunch bag", "cups and saucers"): a product name must
    # carry every word of one of these phrases; kept until another is named
    subject: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == HardFilters()


@dataclass(frozen=True)
class Query:
    """Everything a retriever or ranker may use; history is always passed in explicitly."""

    text: str = ""
    liked_ids: tuple[int, ...] = ()
    disliked_ids: tuple[int, ...] = ()
    history_ids: tuple[int, ...] = ()  # every item in the context, oldest first
    # times each history item occurred (baskets it was in), aligned with history_ids; empty:
    # once each (a chat session, a dialogue)
    history_counts: tuple[int, ...] = ()
    # the history as ordered events where events hold several items (a customer's baskets,
    # oldest first), for the session model; empty: one event per history id, in order
    history_baskets: tuple[tuple[int, ...], ...] = ()
    exclude_ids: tuple[int, ...] = ()  # never return these (already mentioned / shown / seen)
    filters: HardFilters = field(default_factory=HardFilters)
    # the items a reason may cite as liked; None: liked_ids. A chat's liked_ids also hold the
    # films seen or wanted (context, as every mention is in the training dialogues), which no
    # "Because you liked" may name
    cite_ids: tuple[int, ...] | None = None
    # liked by someone else the person spoke of: (item, who, as a reason says it: "your
    # sister"); citable as theirs ("Because your sister liked Up"), never as the person's
    liked_by: tuple[tuple[int, str], ...] = ()
    # "something similar to the regency cakestand": items of the liked ones' kind (what their
    # text says), not what is bought with them; a hybrid whose weights never saw text (a
    # shop's, tuned on baskets) then serves its text source
    same_kind: bool = False
    # "what goes with the regency cakestand?": what is bought with these items (co-occurrence
    # with them alone), not their kind nor the person's taste; empty: not asked
    together_ids: tuple[int, ...] = ()
    # the text is all there is and says what the items are about ("a movie where a guy
    # relives the same day", "octopus movies": nothing read to filter by): the text source
    # leads even where the weights were tuned on dialogues, whose mix served best sellers
    described: bool = False
    # the list is in the popularity order asked for ("best sellers", "what's new?"): the reason
    # each of its items gives where nothing asked names it ("One of our best sellers of ...")
    popular_reason: str = ""
    # how many of one product the shopper needs ("I need 12 mugs"): a reason prices that many
    units: int = 1

    def citable(self) -> tuple[int, ...]:
        own = self.liked_ids if self.cite_ids is None else self.cite_ids
        return tuple(dict.fromkeys([*own, *(item for item, _ in self.liked_by)]))

    def liker(self, item: int) -> str:
        """Who liked a cited item, as a reason says it: "you", or "your sister"."""
        return dict(self.liked_by).get(item, "you")

    def __post_init__(self) -> None:
        if self.history_counts and len(self.history_counts) != len(self.history_ids):
            raise ValueError(f"history_counts has {len(self.history_counts)} entries for "
                             f"{len(self.history_ids)} history ids")


# ---------------------------------------------------------------------------------------------
# Conversation values

Role = Literal["user", "assistant"]


class Message(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: Role
    text: str


class Constraints(BaseModel):
    """Hard constraints as the intent parser states them (titles, not ids)."""

    price_min: float | None = Field(default=None, ge=0, le=1_000_000)
    price_max: float | None = Field(default=None, ge=0, le=1_000_000)
    year_min: int | None = Field(default=None, ge=1800, le=2100)
    year_max: int | None = Field(default=None, ge=1800, le=2100)
    genres: list[str] = Field(default_factory=list, max_length=8)
    exclude_genres: list[str] = Field(default_factory=list, max_length=8)
    exclude_titles: list[str] = Field(default_factory=list, max_length=10)
    cast: list[str] = Field(default_factory=list, max_length=4)  # actors asked for, full names
    exclude_cast: list[str] = Field(default_factory=list, max_length=4)
    directors: list[str] = Field(default_factory=list, max_length=4)  # full names
    exclude_directors: list[str] = Field(default_factory=list, max_length=4)
    topics: list[str] = Field(default_factory=list, max_length=4)  # studios, holidays
    # up to a span of years set aside one by one ("nothing from 2000 to 2005")
    exclude_topics: list[str] = Field(default_factory=list, max_length=12)


IntentKind = Literal["recommend", "refine", "ask", "chitchat"]


class Intent(BaseModel):
    """The structured reading of the user's latest message; also the LLM's JSON schema.

    Every string and list is bounded so a small model stays inside the schema.
    """

    kind: IntentKind = "recommend"
    liked_titles: list[str] = Field(default_factory=list, max_length=10)
    disliked_titles: list[str] = Field(default_factory=list, max_length=10)
    constraints: Constraints = Field(default_factory=Constraints)
    preference: str = Field(default="", max_length=300)
    search_text: str = Field(default="", max_length=300)


class Recommendation(BaseModel):
    """One recommended item with what a shop front shows, and its grounded reason."""

    item_id: int
    title: str  # "Title (Year)" where the year is known, the same on every route
    score: float
    explanation: str
    because_item_ids: list[int] = Field(default_factory=list)
    because_titles: list[str] = Field(default_factory=list)  # the liked items the reason cites
    reason_source: Literal["template", "llm", "history"] = "template"
    year: int | None = None
    price: float | None = None
    currency: str | None = None  # ISO 4217, set where there is a price
    genres: list[str] = Field(default_factory=list)  # genres (movies) or categories (retail)
    description: str = ""  # short: the first sentences, at most DESCRIPTION_CHARS
    image_url: str | None = None


class ReasonCounts(BaseModel):
    """What became of the LLM's reasons in one reply: kept (passed the checker) or replaced by
    the template reason; `template` counts reasons the LLM never gave."""

    kept: int = 0
    replaced: int = 0
    template: int = 0


Phase = Literal[1, 2]


class TurnResult(BaseModel):
    reply: str
    recommendations: list[Recommendation] = Field(default_factory=list)
    intent: Intent = Field(default_factory=Intent)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    fallbacks: list[str] = Field(default_factory=list)  # stages that fell back, e.g. "llm_intent"
    reasons: ReasonCounts = Field(default_factory=ReasonCounts)
    # 1: the deterministic answer; 2: refined by the LLM (its reading, re-rank and reasons)
    phase: Phase = 1
    refinable: bool = False  # phase 1 only: an LLM is on and a phase 2 will follow
    asked_id: int | None = None  # the item a question was about ("is the first one scary?")
    # the other items the same question was about ("what are the first and third about?")
    asked_more_ids: list[int] = Field(default_factory=list)
    # what this turn did to the constraints said before, in words ("I dropped ..."): phase 2
    # says it again
    changes: list[str] = Field(default_factory=list)

    def item_ids(self) -> list[int]:
        return [r.item_id for r in self.recommendations]


# The Session fields that hold what the person said of single items, each a list of item ids.
ITEM_READINGS = ("liked_ids", "disliked_ids", "seen_ids", "wanted_ids")


class Session(BaseModel):
    """What the assistant knows about one conversation."""

    session_id: str
    catalog: str = "movies"
    messages: list[Message] = Field(default_factory=list)
    liked_ids: list[int] = Field(default_factory=list)
    disliked_ids: list[int] = Field(default_factory=list)
    seen_ids: list[int] = Field(default_factory=list)  # "I've seen it": never recommend again
    # "I haven't seen Moana, I'll check it out": a hint of taste for retrieval, never cited as
    # a film liked, and not offered again
    wanted_ids: list[int] = Field(default_factory=list)
    # of the liked: liked by someone the person spoke of ("my sister loved Up"), item -> who
    # as a reason says it ("your sister"); recommended from like the rest, cited as theirs
    others_liked: dict[int, str] = Field(default_factory=dict)
    # retail: liked items picked for someone shopped for earlier ("now one for my brother"):
    # still picks, no longer what new suggestions are based on
    earlier_picks: list[int] = Field(default_factory=list)
    shown_ids: list[int] = Field(default_factory=list)
    last_shown_ids: list[int] = Field(default_factory=list)  # the latest turn's list, in order
    # the list before it, and what the latest turn picked from it by place or description: "no
    # wait, the first one" changes that pick, in that list
    earlier_shown_ids: list[int] = Field(default_factory=list)
    picked_ids: list[int] = Field(default_factory=list)
    # what the latest turn said of items by pointing, any verdict ("I hated it"): "never mind"
    # takes it back
    pointed_ids: list[int] = Field(default_factory=list)
    # every list shown, oldest first (the latest 50): "the 3rd one from the first list"
    shown_lists: list[list[int]] = Field(default_factory=list)
    filters: HardFilters = Field(default_factory=HardFilters)
    preference: str = ""
    not_found: list[str] = Field(default_factory=list)  # titles written that the catalogue lacks
    moods: list[str] = Field(default_factory=list)  # the latest mood words, matched as text only
    asked_id: int | None = None  # the item the latest turn described: what "I liked it" means
    started_at: int = 0  # "start over": the messages before this index no longer count
    # words of constraints taken back ("forget horror"): kept out of the text query, which
    # reads the last messages and would look for horror still
    unsaid: list[str] = Field(default_factory=list)
    # items taken out of what was understood (the panel, DELETE .../understood): the earlier
    # messages that named them, read again each turn, no longer bring them back; naming one
    # again does
    removed_ids: list[int] = Field(default_factory=list)
    # the word given on an item by pointing at it ("I hated Titanic", then "no wait, I actually
    # loved it"), or on both films of a swap where neither was liked ("not toy story, finding
    # nemo": both set aside), item -> cue: the earlier message that named it, read again each
    # turn, does not overturn it; naming the item again does
    pointed_verdicts: dict[int, str] = Field(default_factory=dict)
    # past orders given when the session was created (retail: baskets of item ids, oldest
    # first): the repeat and neighbour sources read them, and a reason cites them
    purchases: list[list[int]] = Field(default_factory=list)
    # how many a list holds when the person said so ("just give me 2", "show me 10"); None:
    # the configured number
    list_size: int | None = Field(default=None, ge=1, le=10)
    # retail: how many of a pick the person said they would take ("3 of the first one"), so
    # that what the picks come to is said right
    quantities: dict[int, int] = Field(default_factory=dict)
    # retail: how many of one product the shopper said they need ("I need 12 mugs"): reasons
    # price that many, and a pick ("I'll take the second one") takes that many; a product
    # of another kind asked for next, or starting over, forgets it
    units: int | None = Field(default=None, ge=2)
    # retail: the items the latest message asked what goes with ("what goes with the regency
    # cakestand?"); empty when it asked nothing of the kind
    together_ids: list[int] = Field(default_factory=list)
    version: int = 0  # the store's row version when read: saves never overwrite a newer one

    def conversation(self) -> list[Message]:
        """The messages that count: those since the person last started over."""
        return self.messages[self.started_at :]
