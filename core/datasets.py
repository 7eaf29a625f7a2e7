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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from core.catalog import (
    Catalog,
    is_product,
    normalize_title,
    open_text,
    read_retail_lines,
    split_title_year,
)
from core.errors import DataError

Split = Literal["train", "tune", "valid"]
RETAIL_TUNE_CUT = "2011-10-01"
RETAIL_VALID_CUT = "2011-11-01"

REDIAL_ORDERED = "redial/train_data.jsonl.xz"
REDIAL_UNORDERED = "redial/train_unordered.jsonl.xz"
RETAIL_FILE = "online_retail/online_retail.csv.xz"
MENTION = re.compile(r"@(\d+)")
T = TypeVar("T")


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
class UnorderedDialogue:
    """A training dialogue whose interleaving was lost: each speaker's messages are in order, but
    not who spoke when, so it yields no turn-level samples. `first` is usually the seeker's side
    (not always); labels come from both questionnaires, the seeker's (initiator) answers."""

    conversation_id: str | None  # None where the public copy lost it
    first: tuple[Utterance, ...]  # role "user": the first speaker, usually the seeker
    second: tuple[Utterance, ...]  # role "assistant"
    item_ids: tuple[int, ...]  # catalogue ids mentioned, first speaker's messages first
    liked_ids: tuple[int, ...]  # initiator_liked = 1
    disliked_ids: tuple[int, ...]  # initiator_liked = 0
    unknown_mentions: int = 0


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


def parse_utterance(raw: str, role: Literal["user", "assistant"], catalog: Catalog,
                    mentions: dict[str, str]) -> tuple[Utterance, int]:
    """A message with @ids -> (Utterance, count of @ids not in the catalogue)."""
    ids: list[int] = []
    unknown = 0
    for movie_id in MENTION.findall(raw):
        index = catalog.index_of(movie_id)
        if index is None:
            unknown += 1
        elif index not in ids:
            ids.append(index)
    text = MENTION.sub(lambda m: _mention_title(catalog, m.group(1), mentions), raw)
    return Utterance(role, text, raw, tuple(ids)), unknown


def parse_dialogue(record: dict, catalog: Catalog) -> Dialogue:
    """One ReDial JSON record -> Dialogue; raises KeyError/TypeError/ValueError on bad shape."""
    seeker = record["initiatorWorkerId"]
    mentions = {str(k): str(v) for k, v in (record.get("movieMentions") or {}).items()}
    utterances = []
    unknown = 0
    for message in record["messages"]:
        role = "user" if message["senderWorkerId"] == seeker else "assistant"
        utterance, missing = parse_utterance(str(message["text"]), role, catalog, mentions)
        utterances.append(utterance)
        unknown += missing
    answers = record.get("initiatorQuestions") or record.get("respondentQuestions") or {}
    liked, disliked = _seeker_labels(
        (catalog.index_of(str(movie_id)), answer.get("liked"))
        for movie_id, answer in (answers.items() if isinstance(answers, dict) else ())
        if isinstance(answer, dict))
    return Dialogue(str(record["conversationId"]), tuple(utterances), liked, disliked, unknown)


def _seeker_labels(pairs: Iterable[tuple[int | None, object]]) -> tuple[tuple[int, ...],
                                                                        tuple[int, ...]]:
    """(catalogue index, liked answer) pairs -> (liked ids, disliked ids); 2 / None: not said."""
    liked: list[int] = []
    disliked: list[int] = []
    for index, answer in pairs:
        if index is None:
            continue
        if answer == 1 and index not in liked:
            liked.append(index)
        elif answer == 0 and index not in disliked:
            disliked.append(index)
    return tuple(liked), tuple(disliked)


def parse_unordered(record: dict, catalog: Catalog) -> UnorderedDialogue:
    """One record of train_unordered.jsonl -> UnorderedDialogue; KeyError/TypeError/ValueError
    on a bad shape. Questionnaire labels name films by "Title (Year)": they are matched to the
    dialogue's mentioned ids by normalised title and year."""
    first, second, unknown = [], [], 0
    for side, role, out in (("first_speaker_messages", "user", first),
                            ("second_speaker_messages", "assistant", second)):
        messages = record[side]
        if not isinstance(messages, list):
            raise TypeError(f"{side} is not a list")
        for raw in messages:
            utterance, missing = parse_utterance(str(raw), role, catalog, {})
            out.append(utterance)
            unknown += missing
    item_ids: list[int] = []
    for utterance in first + second:
        item_ids.extend(i for i in utterance.item_ids if i not in item_ids)
    for movie_id in record.get("mentioned_movie_ids") or []:
        index = catalog.index_of(str(movie_id))
        if index is not None and index not in item_ids:
            item_ids.append(index)
    by_title = {(normalize_title(catalog.titles[i]), int(catalog.years[i])): i for i in item_ids}
    answers = []
    for label in record.get("liked_labels") or []:
        title, year = split_title_year(" ".join(str(label["title"]).split()))
        index = by_title.get((normalize_title(title), year if year is not None else -1))
        answers.append((index, label.get("initiator_liked")))
    liked, disliked = _seeker_labels(answers)
    conversation_id = record.get("conversationId")
    return UnorderedDialogue(None if conversation_id is None else str(conversation_id),
                             tuple(first), tuple(second), tuple(item_ids), liked, disliked,
                             unknown)


def interleaved(dialogue: UnorderedDialogue, conversation_id: str) -> Dialogue:
    """An approximate ordered Dialogue: the two speakers' messages merged by relative position
    (message i of n at i / n, the second speaker half a step later), the first speaker as the
    seeker. Used for training samples only, never for tuning or evaluation."""
    first, second = dialogue.first, dialogue.second
    keyed = [(i / len(first), 0, u) for i, u in enumerate(first)]
    keyed += [((j + 0.5) / len(second), 1, u) for j, u in enumerate(second)]
    keyed.sort(key=lambda k: (k[0], k[1]))
    return Dialogue(conversation_id, tuple(u for _, _, u in keyed), dialogue.liked_ids,
                    dialogue.disliked_ids, dialogue.unknown_mentions)


def _read_jsonl(path: Path, parse: Callable[[dict], T], what: str,
                stats: LoadStats) -> list[T]:
    """Parse every non-empty line; a malformed one raises DataError naming file and line."""
    out = []
    with open_text(path) as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise TypeError("a line must hold one JSON object")
                out.append(parse(record))
            except json.JSONDecodeError as exc:
                raise DataError(f"invalid JSON: {exc.msg}", path=path, line=line_no) from exc
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise DataError(f"not {what} record ({exc!r})", path=path,
                                line=line_no) from exc
            stats.rows += 1
            stats.unknown_ids += out[-1].unknown_mentions
    return out


def load_dialogues(path: Path, catalog: Catalog, stats: LoadStats | None = None) -> list[Dialogue]:
    """ReDial JSONL (plain or .xz). A malformed line raises DataError naming the line."""
    return _read_jsonl(path, lambda r: parse_dialogue(r, catalog), "a ReDial dialogue",
                       stats if stats is not None else LoadStats())


def load_unordered_dialogues(path: Path, catalog: Catalog,
                             stats: LoadStats | None = None) -> list[UnorderedDialogue]:
    """train_unordered.jsonl (plain or .xz); a malformed line raises DataError naming it."""
    return _read_jsonl(path, lambda r: parse_unordered(r, catalog), "an unordered ReDial dialogue",
                       stats if stats is not None else LoadStats())


def shipped_dialogues(data_dir: Path, catalog: Catalog) -> dict[Split, list[Dialogue]]:
    """The shipped ordered ReDial dialogues, split into train / tune / valid."""
    out: dict[Split, list[Dialogue]] = {"train": [], "tune": [], "valid": []}
    for dialogue in load_dialogues(Path(data_dir) / REDIAL_ORDERED, catalog):
        out[redial_split(dialogue.conversation_id)].append(dialogue)
    return out


def shipped_unordered(data_dir: Path, catalog: Catalog) -> list[UnorderedDialogue]:
    """The shipped unordered dialogues: all training data (none is in any of our splits'
    tune or valid parts, nor in the official test split), used where order is not needed."""
    return load_unordered_dialogues(Path(data_dir) / REDIAL_UNORDERED, catalog)


def interaction_files(catalog_name: str, data_dir: Path) -> list[Path]:
    """The files a catalogue's models are trained on (their hash goes into the manifest)."""
    if catalog_name == "movies":
        return [Path(data_dir) / REDIAL_ORDERED, Path(data_dir) / REDIAL_UNORDERED]
    if catalog_name == "retail":
        return [Path(data_dir) / RETAIL_FILE]
    return []


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
    return load_baskets(Path(data_dir) / RETAIL_FILE, catalog)


def baskets_before(baskets: Iterable[Basket], cut: str) -> list[Basket]:
    return [b for b in baskets if b.date < cut]


def baskets_from(baskets: Iterable[Basket], cut: str, until: str | None = None) -> list[Basket]:
    return [b for b in baskets if b.date >= cut and (until is None or b.date < until)]
