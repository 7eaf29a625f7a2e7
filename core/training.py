"""The training view of a catalogue's interactions: what every trainable component fits on.

Only the "train" part is used for fitting, "tune" for early stopping and weight tuning; the
validation split never appears here (see core/datasets.py for the split policy).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from core.catalog import Catalog
from core.datasets import (
    RETAIL_TUNE_CUT,
    RETAIL_VALID_CUT,
    Basket,
    baskets_before,
    baskets_from,
    interleaved,
    shipped_baskets,
    shipped_dialogues,
    shipped_unordered,
)
from core.samples import Sample, add_basket, basket_samples, next_basket_sample, redial_samples


@dataclass(frozen=True)
class TrainingData:
    catalog: Catalog
    train_samples: list[Sample]
    tune_samples: list[Sample]
    sessions: list[tuple[int, ...]]  # train item sequences: a dialogue's mentions or a basket
    session_groups: list[str] = field(default_factory=list)  # conversation / customer per session
    # Groups whose samples come from reconstructed dialogues (the unordered ones, interleaved):
    # good for fitting retrievers, kept out of the ranker's lists, which must look like serving.
    approximate_groups: frozenset[str] = frozenset()
    # ISO date of each session where the interactions have one (retail baskets), else empty
    session_dates: list[str] = field(default_factory=list)

    def subset(self, groups: set[str]) -> TrainingData:
        """The train part restricted to some groups (for out-of-fold models); tune unchanged.
        Sessions of no train sample (the unordered dialogues) are kept in every subset."""
        sample_groups = {s.group for s in self.train_samples}
        keep = [i for i, g in enumerate(self.session_groups)
                if g in groups or g not in sample_groups]
        return TrainingData(self.catalog, [s for s in self.train_samples if s.group in groups],
                            self.tune_samples, [self.sessions[i] for i in keep],
                            [self.session_groups[i] for i in keep], self.approximate_groups,
                            [self.session_dates[i] for i in keep] if self.session_dates else [])


def retail_training_samples(baskets: list[Basket]) -> list[Sample]:
    """Every basket after a customer's first: predict it from all their earlier items."""
    history: dict[str, dict[int, int]] = defaultdict(dict)
    past: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    samples = []
    for basket in sorted(baskets, key=lambda b: (b.date, b.invoice)):
        items = history[basket.customer_id]
        if items:
            samples.append(next_basket_sample(items, basket, tuple(past[basket.customer_id])))
        add_basket(items, basket)
        past[basket.customer_id].append(basket.item_ids)
    return samples


def movie_training_data(catalog: Catalog, data_dir: Path) -> TrainingData:
    """Turn-level samples from the ordered dialogues' train part and from the unordered
    dialogues with their two speakers interleaved by relative position (an approximation, so
    only for training: tune and valid samples are ordered dialogues only); sessions
    (co-mentions, popularity) from all of them."""
    splits = shipped_dialogues(data_dir, catalog)
    approximate = [interleaved(d, f"unordered:{d.conversation_id or line}")
                   for line, d in enumerate(shipped_unordered(data_dir, catalog), start=1)]
    train = splits["train"] + approximate
    sessions, groups = [], []
    for dialogue in train:
        mentioned: list[int] = []
        for utterance in dialogue.utterances:
            mentioned.extend(i for i in utterance.item_ids if i not in mentioned)
        if mentioned:
            sessions.append(tuple(mentioned))
            groups.append(dialogue.conversation_id)
    return TrainingData(catalog, redial_samples(train), redial_samples(splits["tune"]),
                        sessions, groups, frozenset(d.conversation_id for d in approximate))


def retail_training_data(catalog: Catalog, data_dir: Path,
                         through_tune: bool = False) -> TrainingData:
    """Baskets before the tune cut train, the tune month's first baskets tune; `through_tune`:
    every basket before the validation cut trains and nothing tunes (the final refit)."""
    baskets = shipped_baskets(data_dir, catalog)
    if through_tune:
        train, tune = baskets_before(baskets, RETAIL_VALID_CUT), []
    else:
        train = baskets_before(baskets, RETAIL_TUNE_CUT)
        tune = basket_samples(train, baskets_from(baskets, RETAIL_TUNE_CUT, RETAIL_VALID_CUT))
    return TrainingData(catalog, retail_training_samples(train), tune,
                        [b.item_ids for b in train], [b.customer_id for b in train],
                        session_dates=[b.date for b in train])


def training_data_through_tune(catalog: Catalog, data_dir: Path) -> TrainingData | None:
    """The train and tune parts together, for refitting the interaction sources once tuning
    is done, where the split is by time (retail): models fitted before the tune month are a
    month staler than they need be for every later basket. None where the tune split is a
    random share of dialogues (movies): nothing goes stale there."""
    if catalog.name != "retail":
        return None
    return retail_training_data(catalog, data_dir, through_tune=True)


def load_training_data(catalog: Catalog, data_dir: Path) -> TrainingData:
    if catalog.name == "retail":
        return retail_training_data(catalog, data_dir)
    return movie_training_data(catalog, data_dir)
