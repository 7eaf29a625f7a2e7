"""Hybrid retrieval: run every source, fuse their lists, honour filters and exclusions.

Fusion is reciprocal rank fusion or a weighted sum of per-list min-max normalised scores; the
weights are tuned on the tune split (never on validation). Each source's score and rank stay on
the result as columns "<source>" and "<source>_rank" (NaN where it did not retrieve the item),
which the ranker uses as features.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from tqdm import tqdm

from core.catalog import Catalog
from core.samples import Sample
from core.types import Candidates, Query
from retrieval.base import Retriever
from retrieval.filters import allowed_mask, known_ids
from retrieval.fusion import COLD_FLOOR_START, FusionTable, cold_floor, content_places, contribution

WEIGHT_GRID = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)
# A request in words where the weights never saw one (see `words_only`): the text source
# decides, popularity at this weight only breaks near-ties among its matches
WORDS_ONLY_WEIGHTS = {"text": 1.0, "pop": 0.25}
# ... and where the lexical source joins (film summaries), with popularity as a factor of up
# to 1 + WORDS_POPULARITY on what the words matched: chosen on 49 plot descriptions written by
# hand and checked on 30 more (`python -m eval bench plots`, 2026-12-07)
WORDS_LEXICAL_WEIGHTS = {"text": 0.5, "lexical": 1.0}
WORDS_POPULARITY = 1.0
SAME_KIND_WEIGHTS = {"text": 1.0, "cooc": 1.0, "pop": 0.25}


class HybridRetriever:
    name = "hybrid"

    def __init__(self, catalog: Catalog, sources: Mapping[str, Retriever],
                 weights: Mapping[str, float] | None = None, fusion: str = "weighted",
                 per_source_k: int = 300, cold: np.ndarray | None = None,
                 cold_start: int = COLD_FLOOR_START, text_tuned: bool = True,
                 lexical: Retriever | None = None):
        """`cold`: a mask over the catalogue of the items without training interactions; a
        cold item then never ranks below its place in the content sources' consensus order,
        nor above `cold_start` on the floor's account (`cold_floor`). `text_tuned`: the
        weights were tuned on samples that carry text (movies' dialogues, not retail's
        baskets). `lexical`: a source used only where words lead (`words_only`), outside the
        tuned mix: its weight was never measured on the dialogue histories the mix is tuned
        on."""
        if fusion not in ("weighted", "rrf"):
            raise ValueError(f"unknown fusion {fusion!r}")
        if cold is not None and cold.shape != (len(catalog),):
            raise ValueError("the cold mask must have one entry per catalogue item")
        self.catalog = catalog
        self.sources = dict(sources)
        self.weights = {name: 1.0 for name in self.sources} | dict(weights or {})
        self.fusion = fusion
        self.per_source_k = per_source_k
        self.cold = cold
        self.cold_start = cold_start
        self.text_tuned = text_tuned
        self.lexical = lexical

    def without(self, source: str) -> HybridRetriever:
        """The same hybrid (shared sources, the other weights as tuned) minus one source: its
        ablation row ("hybrid-without-<source>")."""
        ablated = HybridRetriever(self.catalog,
                                  {n: s for n, s in self.sources.items() if n != source},
                                  self.weights, self.fusion, self.per_source_k, self.cold,
                                  self.cold_start, self.text_tuned, self.lexical)
        ablated.name = f"hybrid-without-{source}"
        return ablated

    def source_lists(self, query: Query, k: int | None = None) -> dict[str, Candidates]:
        k = k or self.per_source_k
        return {name: source.retrieve(query, k) for name, source in self.sources.items()}

    def fuse(self, lists: Mapping[str, Candidates], k: int,
             weights: Mapping[str, float] | None = None, fusion: str | None = None) -> Candidates:
        weights = weights or self.weights
        fusion = fusion or self.fusion
        active = {n: c for n, c in lists.items() if len(c) and weights.get(n, 0.0) > 0}
        if not active:
            reasons = "; ".join(f"{n}: {c.reason}" for n, c in lists.items() if c.reason)
            return Candidates.empty(reasons or "no source returned an item")
        pool = [c.item_ids for c in active.values()]
        if self.cold is not None:  # cold items of the content lists join at their content place
            cold_ids, cold_places = content_places(lists, fusion)
            keep = self.cold[cold_ids]
            cold_ids, cold_places = cold_ids[keep], cold_places[keep]
            pool.append(cold_ids)
        ids = np.unique(np.concatenate(pool))  # sorted
        fused = np.zeros(len(ids), dtype=np.float64)
        columns: dict[str, np.ndarray] = {}
        for name, cands in lists.items():
            score_col = np.full(len(ids), np.nan, dtype=np.float32)
            rank_col = np.full(len(ids), np.nan, dtype=np.float32)
            rows = np.searchsorted(ids, cands.item_ids)
            hit = ids[np.minimum(rows, len(ids) - 1)] == cands.item_ids
            score_col[rows[hit]] = cands.scores[hit]
            rank_col[rows[hit]] = np.arange(1, len(cands) + 1)[hit]
            columns[name], columns[f"{name}_rank"] = score_col, rank_col
            if name in active:
                fused[rows[hit]] += weights[name] * contribution(cands, fusion)[hit]
        if self.cold is not None and len(cold_ids):
            places = np.full(len(ids), -1, dtype=np.int64)
            places[np.searchsorted(ids, cold_ids)] = cold_places
            fused = cold_floor(fused, places, self.cold_start)
        return Candidates.from_scores(ids, fused.astype(np.float32), columns).top(k)

    def clear_query_caches(self) -> None:
        """Forget cached query vectors of every source (the text encoder, the two-tower), so
        the next queries cost what a new chat turn costs."""
        for source in self.sources.values():
            for part in (source, getattr(source, "encoder", None)):
                if hasattr(part, "clear_cache"):
                    part.clear_cache()

    def retrieve(self, query: Query, k: int) -> Candidates:
        allowed = allowed_mask(self.catalog, query)
        if not allowed.any():
            return Candidates.empty("no item satisfies the filters")
        if query.together_ids and "cooc" in self.sources and len(
                together := self.bought_with(query, max(k, self.per_source_k))):
            return self.fuse({"cooc": together}, k, {"cooc": 1.0}, "weighted")
        lists = self.source_lists(query, max(k, self.per_source_k))
        known = known_ids(self.catalog, query.liked_ids + query.history_ids)
        if not query.text.strip() and not known and "pop" in lists:
            # nothing to personalise on: popularity prior
            return self.fuse({"pop": lists["pop"]}, k, {"pop": 1.0}, "weighted")
        if query.same_kind and not self.text_tuned and known and "text" in lists:
            return self.fuse({n: c for n, c in lists.items() if n in SAME_KIND_WEIGHTS}, k,
                             SAME_KIND_WEIGHTS, "weighted")
        if self.words_only(query, known) and "text" in lists:
            return self.words_led(query, lists, k)
        return self.fuse(lists, k)

    def words_led(self, query: Query, lists: Mapping[str, Candidates], k: int) -> Candidates:
        """The words decide (`words_only`). With a lexical source (film summaries) the text
        and lexical lists are fused and popularity scales what they matched: added as a list
        of its own, it had put Black Panther and It under "a film about chess", where one
        summary names chess. Without one (product names), popularity only breaks near-ties."""
        if self.lexical is None:
            return self.fuse({n: c for n, c in lists.items() if n in WORDS_ONLY_WEIGHTS}, k,
                             WORDS_ONLY_WEIGHTS, "weighted")
        led = {"text": lists["text"],
               "lexical": self.lexical.retrieve(query, max(k, self.per_source_k))}
        fused = self.fuse(led, max(k, self.per_source_k), WORDS_LEXICAL_WEIGHTS, "weighted")
        counts = getattr(self.sources.get("pop"), "counts", None)
        if counts is None or not len(fused):
            return fused.top(k)
        scale = np.log1p(max(float(np.max(counts)), 0.0))  # the best seller's prior
        prior = np.log1p(np.maximum(np.asarray(counts, dtype=np.float64)[fused.item_ids], 0.0))
        factor = 1.0 + WORDS_POPULARITY * (prior / scale if scale > 0 else 0.0)
        return Candidates.from_scores(fused.item_ids, (fused.scores * factor).astype(np.float32),
                                      dict(fused.sources)).top(k)

    def bought_with(self, query: Query, k: int) -> Candidates:
        """What the co-occurrence source finds with `query.together_ids` alone ("what goes
        with the regency cakestand?"), never those themselves, nor from the rest of the
        person's history or their taste; empty where those items never shared a session
        with an allowed item (the request is then served as any other)."""
        anchor = replace(query, liked_ids=query.together_ids, history_ids=query.together_ids,
                         history_counts=(), history_baskets=(),
                         exclude_ids=(*query.exclude_ids, *query.together_ids))
        return self.sources["cooc"].retrieve(anchor, k)

    def words_only(self, query: Query, known: Sequence[int]) -> bool:
        """A request in words alone ("a present for my mum, she loves gardening") where the
        weights were tuned on histories alone: retail's tuned mix then served the same best
        sellers to every such request (its two-tower reads no text it was trained on); or
        where nothing but the words describes what is wanted (`Query.described`)."""
        return bool(query.text.strip()) and not known and (query.described or
                                                          not self.text_tuned)

    # -- tuning ---------------------------------------------------------------------------

    def tune(self, samples: Sequence[Sample], k: int = 50, passes: int = 2,
             progress: bool = True) -> dict[str, float]:
        """Coordinate ascent over source weights maximising tune-split recall@k; source lists
        are computed once and re-fused cheaply. The fusion rule is configured, not tuned: the
        tune split picked rank fusion on one build and score fusion on the next, and with the same
        sources and tune samples rank fusion lost 0.012 recall@10 on validation (2026-12-02)."""
        table = self.fusion_table(samples, "tune fusion", progress)
        self.text_tuned = any(s.query.text.strip() for s in samples)
        weights = {n: 1.0 for n in self.sources}
        best = table.recall(weights, k)
        for _, name in itertools.product(range(passes), self.sources):
            for value in WEIGHT_GRID:
                trial = weights | {name: value}
                if not any(trial.values()):
                    continue
                result = table.recall(trial, k)
                if result > best + 1e-9:
                    best, weights = result, trial
        self.weights = weights
        return {"fusion": self.fusion, f"tune_recall@{k}": best, **weights}

    def tune_weight(self, name: str, samples: Sequence[Sample], k: int = 50,
                    progress: bool = True) -> dict[str, float]:
        """Choose one source's weight on the tune samples (WEIGHT_GRID, 0 included), every
        other weight and the fusion rule kept as tuned: a source added later cannot re-tune
        the others (a full re-tune with a new source once cost validation recall)."""
        table = self.fusion_table(samples, f"tune {name} weight", progress)
        scores = {value: table.recall(self.weights | {name: value}, k) for value in WEIGHT_GRID}
        # ties go to the smaller weight: the source must earn its place
        best = max(WEIGHT_GRID, key=lambda v: (scores[v], -v))
        self.weights = self.weights | {name: best}
        return {"weight": best, f"tune_recall@{k}": scores[best],
                **{f"tune_recall@{k} at {v}": scores[v] for v in WEIGHT_GRID}}

    def fusion_table(self, samples: Sequence[Sample], desc: str = "fusion lists",
                     progress: bool = False) -> FusionTable:
        """The samples' source lists, computed once, laid out to be re-fused cheaply."""
        lists = [self.source_lists(s.query) for s in
                 tqdm(samples, desc=desc, disable=not progress, leave=False)]
        return FusionTable(list(self.sources), [s.target_ids for s in samples], lists,
                           self.fusion, self.cold, self.cold_start)

    def save_config(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        config = {"sources": list(self.sources), "weights": self.weights,
                  "fusion": self.fusion, "per_source_k": self.per_source_k,
                  "text_tuned": self.text_tuned,
                  "data_hash": self.catalog.fingerprint()}  # load_hybrid detects staleness
        (directory / "hybrid.json").write_text(json.dumps(config, indent=2))

    @staticmethod
    def load_config(directory: Path) -> dict:
        return json.loads((directory / "hybrid.json").read_text())
