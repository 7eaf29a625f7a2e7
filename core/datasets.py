"""Interaction data: ReDial dialogues and retail baskets, with the fixed splits.

Splits (documented in data/README.md):
- ReDial: a dialogue's split is decided by sha1("because-rec:" + conversationId) % 100:
  0-14 -> "valid" (the reported evaluation split), 15-24 -> "tune" (early stopping and fusion
  weights), 25-99 -> "train". Deterministic, by conversation, independent of file order.
- Retail: by time. Baskets before RETAIL_TUNE_CUT train the models, the month before
  RETAIL_VALID_CUT tunes them, and each customer's first basket on or after RETAIL_VALID_CUT is
  the validation target (history = everything before the cut).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from core.catalog import Catalog, is_product, open_text, read_retail_lines
from core.errors import DataError

Split = Literal["train", "tune", "valid"]
RETAIL_TUNE_CUT = "2011-10-01"
RETAIL_VALID_CUT = "2011-11-01"

MENTION = re.compile(r"@(\d+)")


@dataclass(frozen=True)
class Utterance:
    """One dialogue message. `text` has each @id replaced by the movie's plain title, as a
    person would type it; `item_ids` are the catalogue ids mentioned, in order."""

    role: Literal["user", "assistant"]  # user = seeker, assistant = recommender
    text: str
    raw_text: str
    item_ids: tuple[int, ...]


@dataclass(frozen=True)
class Dialogue:
    conversation_id: str
    utterances: tuple[Utterance, ...]
    liked_ids: tuple[int, ...]  # seeker's questionnaire: liked = 1
    disliked_ids: tuple[int, ...]  # seeker's questionnaire: liked = 0
    unknown_mentions: int = 0  # @ids not in the catalogue


@dataclass(frozen=True)
class Basket:
    customer_id: str
    invoice: str
    date: str  # ISO, sortable
    item_ids: tuple[int, ...]


@dataclass
class LoadStats:
    rows: int = 0
    skipped: int = 0
    unknown_ids: int = 0
    notes: list[str] = field(default_factory=list)


def redial_split(conversation_id: str) -> Split:
    bucket = int(hashlib.sha1(f"because-rec:{conversation_id}".encode()).hexdigest(), 16) % 100
    if bucket < 15:
        return "valid"
    if bucket < 25:
        return "tune"
    return "train"


def _mention_title(catalog: Catalog, movie_id: str, mentions: dict[str, str]) -> str:
    index = catalog.index_of(movie_id)
    if index is not None:
        return catalog.titles[index]
    name = mentions.get(movie_id, "")
    return re.sub(r"\s*\(\d{4}\)\s*$", "", name).strip() or "a movie"


def parse_dialogue(record: dict, catalog: Catalog) -> Dialogue:
    """One ReDial JSON record -> Dialogue; raises KeyError/TypeError/ValueError on bad shape."""
    seeker = record["initiatorWorkerId"]
    mentions = {str(k): str(v) for k, v in (record.get("movieMentions") or {}).items()}
    utterances = []
    unknown = 0
    for message in record["messages"]:
        raw = str(message["text"])
        ids = []
        for movie_id in MENTION.findall(raw):
            index = catalog.index_of(movie_id)
            if index is None:
                unknown += 1
            elif index not in ids:
                ids.append(index)
        text = MENTION.sub(lambda m: _mention_title(catalog, m.group(1), mentions), raw)
        role = "user" if message["senderWorkerId"] == seeker else "assistant"
        utterances.append(Utterance(role, text, raw, tuple(ids)))
    answers = record.get("initiatorQuestions") or record.get("respondentQuestions") or {}
    liked, disliked = [], []
    if isinstance(answers, dict):
        for movie_id, answer in answers.items():
            index = catalog.index_of(str(movie_id))
            if index is None or not isinstance(answer, dict):
                continue
            if answer.get("liked") == 1:
                liked.append(index)
            elif answer.get("liked") == 0:
                disliked.append(index)
    return Dialogue(str(record["conversationId"]), tuple(utterances), tuple(liked),
                    tuple(disliked), unknown)


def load_dialogues(path: Path, catalog: Catalog, stats: LoadStats | None = None) -> list[Dialogue]:
    """ReDial JSONL (plain or .xz). A malformed line raises DataError naming the line."""
    stats = stats if stats is not None else LoadStats()
    dialogues = []
    with open_text(path) as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                dialogue = parse_dialogue(record, catalog)
            except json.JSONDecodeError as exc:
                raise DataError(f"invalid JSON: {exc.msg}", path=path, line=line_no) from exc
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise DataError(f"not a ReDial dialogue record ({exc!r})", path=path,
                                line=line_no) from exc
            stats.rows += 1
            stats.unknown_ids += dialogue.unknown_mentions
            dialogues.append(dialogue)
    return dialogues


def shipped_dialogues(data_dir: Path, catalog: Catalog) -> dict[Split, list[Dialogue]]:
    """The shipped ReDial dialogues, split into train / tune / valid."""
    out: dict[Split, list[Dialogue]] = {"train": [], "tune": [], "valid": []}
    for dialogue in load_dialogues(Path(data_dir) / "redial" / "train_data.jsonl.xz", catalog):
        out[redial_split(dialogue.conversation_id)].append(dialogue)
    return out


def load_baskets(path: Path, catalog: Catalog, stats: LoadStats | None = None) -> list[Basket]:
    """Customer baskets (one per invoice) from an Online Retail CSV, sorted by date.

    Guest checkouts, cancellations (invoice 'C...'), returns (quantity <= 0) and non-products
    are left out; products not in the catalogue are counted in `stats.unknown_ids`.
    """
    stats = stats if stats is not None else LoadStats()
    items: dict[str, list[int]] = defaultdict(list)
    meta: dict[str, tuple[str, str]] = {}
    for line in read_retail_lines(path):
        stats.rows += 1
        if (not line.customer_id or line.invoice.startswith("C") or line.quantity <= 0
                or not is_product(line)):
            stats.skipped += 1
            continue
        index = catalog.index_of(line.stock_code)
        if index is None:
            stats.unknown_ids += 1
            continue
        if index not in items[line.invoice]:
            items[line.invoice].append(index)
        meta.setdefault(line.invoice, (line.customer_id, line.date))
    baskets = [Basket(meta[inv][0], inv, meta[inv][1], tuple(ids)) for inv, ids in items.items()]
    baskets.sort(key=lambda b: (b.date, b.invoice))
    return baskets


def shipped_baskets(data_dir: Path, catalog: Catalog) -> list[Basket]:
    return load_baskets(Path(data_dir) / "online_retail" / "online_retail.csv.xz", catalog)


def baskets_before(baskets: Iterable[Basket], cut: str) -> list[Basket]:
    return [b for b in baskets if b.date < cut]


def baskets_from(baskets: Iterable[Basket], cut: str, until: str | None = None) -> list[Basket]:
    return [b for b in baskets if b.date >= cut and (until is None or b.date < until)]
