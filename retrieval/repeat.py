"""Repeat source: the person's own history, most often bought first, then most recent.

Next-basket data is dominated by repeat purchases: a customer's frequent and recent items are
the strongest single signal for their next basket ("A Next Basket Recommendation Reality
Check", Li et al., TOIS 2023), and co-occurrence cannot score an item with itself.
score(i) = count(i) + RECENCY * decay ** age(i), age 0 for the newest history item: the count
(baskets the item was in; 1 each where the query has no counts, as in a chat) orders first, and
recency, worth less than one purchase, breaks ties. On the tune month this order beat recency
alone (README). The decay does not change the order, only the shape of the scores under
weighted fusion (whose weights are tuned on the tune split); RRF uses ranks.

Where the queries carry baskets (retail customers) and the build learned a repeat model
(retrieval/repeat_model.py), the model's purchase probabilities order the items instead: alone
it took validation recall@20 from 0.1444 to 0.1567 (README). A chat, without baskets, keeps the
count and recency order.

Where the history is excluded from predictions (a movie already mentioned in the dialogue), the
source returns nothing and its fusion weight does not matter.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from core.catalog import Catalog
from core.errors import ArtifactError
from core.training import TrainingData
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, top_allowed
from retrieval.popularity import PopularityRetriever
from retrieval.repeat_model import RepeatModel

DEFAULT_DECAY = 0.9
CONFIG_FILE = "repeat.json"


RECENCY = 0.5  # the newest item's recency bonus: under one purchase, so counts order first


def recency_scores(history: Sequence[int], decay: float, n_items: int) -> np.ndarray:
    """Dense scores: decay ** age for each distinct history item (newest = age 0), else 0."""
    scores = np.zeros(n_items, np.float32)
    newest_first = list(dict.fromkeys(reversed(history)))
    if newest_first:
        ids = np.asarray(newest_first, dtype=np.int64)
        scores[ids] = decay ** np.arange(ids.size, dtype=np.float64)
    return scores


def repeat_scores(history: Sequence[int], counts: Sequence[int], decay: float,
                  n_items: int) -> np.ndarray:
    """Dense scores: purchase count + RECENCY * recency; `counts` aligned with `history`."""
    scores = RECENCY * recency_scores(history, decay, n_items)
    np.add.at(scores, np.asarray(history, dtype=np.int64), np.asarray(counts, dtype=np.float32))
    return scores


class RepeatRetriever:
    name = "repeat"

    def __init__(self, catalog: Catalog, decay: float = DEFAULT_DECAY,
                 model: RepeatModel | None = None):
        if not 0.0 < decay <= 1.0:
            raise ValueError(f"decay must be in (0, 1], got {decay}")
        self.catalog = catalog
        self.decay = decay
        self.model = model

    @classmethod
    def fit(cls, data: TrainingData) -> RepeatRetriever:
        """The history arrives with each query; where training samples carry baskets, a repeat
        model learns which of a customer's items come back."""
        pop = PopularityRetriever.fit(data)
        recent = pop.recent if pop.recent is not None else np.zeros_like(pop.counts)
        return cls(data.catalog, model=RepeatModel.fit(data, pop.counts, recent))

    def retrieve(self, query: Query, k: int) -> Candidates:
        n = len(self.catalog)
        counts = query.history_counts or (1,) * len(query.history_ids)
        pairs = [(int(i), c) for i, c in zip(query.history_ids, counts, strict=True)
                 if 0 <= int(i) < n]
        if not pairs:
            return Candidates.empty("no known items in the history to repeat")
        history = [i for i, _ in pairs]
        if self.model is not None and query.history_baskets:
            scores = np.zeros(n, np.float32)
            items, probability = self.model.scores(query)
            scores[items] = probability
        else:
            scores = repeat_scores(history, [c for _, c in pairs], self.decay, n)
        ids, top = top_allowed(scores, allowed_mask(self.catalog, query), k,
                               require_positive=True)
        if ids.size == 0:
            return Candidates.empty("every history item is excluded or filtered out")
        return Candidates(ids, top, {self.name: top})

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / CONFIG_FILE).write_text(json.dumps({"decay": self.decay}, indent=2))
        if self.model is not None:
            self.model.save(directory)

    @classmethod
    def load(cls, catalog: Catalog, directory: Path) -> RepeatRetriever:
        path = directory / CONFIG_FILE
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name} --force`")
        try:
            decay = float(json.loads(path.read_text())["decay"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ArtifactError(f"{path} is unreadable ({exc}): run `because build "
                                f"{catalog.name} --force`") from exc
        return cls(catalog, decay, RepeatModel.load(catalog, directory))
