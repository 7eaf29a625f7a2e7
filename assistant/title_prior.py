"""The title link prior: how often each catalogue title's words are ordinary conversation.

ReDial writes every movie as `@id`, so the rest of a training message is plain text: "the one",
"it" and "up" occur there thousands of times, "inception" a dozen. Counting each title key
(normalised, as TitleLinker keys it) in that plain text, against the catalogue's mention counts,
says how much a lower-case or cue-less phrase must be doubted. Every plain word is counted too:
a word people hardly ever write in conversation ("endgame", "resurrections") that goes on after a
title makes it a longer title ("avengers endgame"), a film we do not hold rather than the one
inside it. Built from the train split only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.catalog import Catalog, normalize_title
from core.datasets import Dialogue, UnorderedDialogue
from core.errors import ArtifactError

FILE = "plain_counts.json"
WORDS_FILE = "words.json"
MENTION = re.compile(r"@\d+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
KEPT_WORD_USES = 2  # words written once are not kept (typos, names: half the vocabulary)


@dataclass(frozen=True)
class TitlePrior:
    """`plain`: title key -> uses as plain words; `words`: lower-case word -> uses in plain
    text (those used at least KEPT_WORD_USES times)."""

    plain: dict[str, int]
    words: dict[str, int]


def build(texts: list[str], catalog: Catalog) -> TitlePrior:
    return TitlePrior(count_plain(texts, catalog), count_words(texts))


def plain_texts(dialogues: Iterable[Dialogue],
                unordered: Iterable[UnorderedDialogue]) -> list[str]:
    """Every message's raw text (with `@id` mentions still in place)."""
    texts = [u.raw_text for d in dialogues for u in d.utterances]
    texts += [u.raw_text for d in unordered for u in d.first + d.second]
    return texts


def count_plain(texts: Iterable[str], catalog: Catalog) -> dict[str, int]:
    """Title key -> occurrences as plain words (outside `@id` mentions) in `texts`."""
    keys = {normalize_title(t) for t in catalog.titles} - {""}
    # every leading run of a key's words: a phrase is extended only while it can still become
    # a key (counting every n-gram up to the longest title took 100 s on the train split)
    prefixes = {" ".join(k.split()[:n]) for k in keys for n in range(1, len(k.split()) + 1)}
    counts: Counter[str] = Counter()
    for text in texts:
        for part in MENTION.split(text):
            # normalise word by word so "the" inside a phrase stays (only a leading one drops)
            tokens = normalize_title(f"x {part}").split()[1:]
            for start, first in enumerate(tokens):
                if first in keys:
                    counts[first] += 1
                if first in ("the", "a", "an"):
                    continue  # the same key without its article is counted once already
                phrase = first
                for token in tokens[start + 1:]:
                    if phrase not in prefixes:
                        break
                    phrase = f"{phrase} {token}"
                    if phrase in keys:
                        counts[phrase] += 1
    return dict(counts)


def count_words(texts: Iterable[str]) -> dict[str, int]:
    """Lower-case word -> uses outside `@id` mentions in `texts`, kept from KEPT_WORD_USES."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.lower().replace("’", "'") for w in WORD.findall(MENTION.sub(" ", text)))
    return {w: n for w, n in counts.items() if n >= KEPT_WORD_USES}


def save(prior: TitlePrior, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / FILE).write_text(json.dumps(prior.plain, sort_keys=True))
    (directory / WORDS_FILE).write_text(json.dumps(prior.words, sort_keys=True))


def load(directory: Path) -> TitlePrior:
    return TitlePrior(_load_counts(directory / FILE), _load_counts(directory / WORDS_FILE))


def _load_counts(path: Path) -> dict[str, int]:
    if not path.is_file():
        raise ArtifactError(f"missing {path}: run `because build movies`")
    counts = json.loads(path.read_text())
    if not isinstance(counts, dict):
        raise ArtifactError(f"{path} is not a JSON object of counts")
    return {str(k): int(v) for k, v in counts.items()}
