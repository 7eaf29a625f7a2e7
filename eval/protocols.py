"""Evaluation protocols: which samples a catalogue is judged on.

- movies: ReDial turn level on the validation split, or on every dialogue of a --test file
  (e.g. the official ReDial test split).
- retail: next basket; history = shipped baskets before the validation cut (or all shipped
  baskets with --test), targets = each customer's first basket after it (or in the test file).
"""

from __future__ import annotations

from pathlib import Path

from core.catalog import Catalog, load_catalog
from core.datasets import (
    RETAIL_VALID_CUT,
    LoadStats,
    baskets_before,
    baskets_from,
    load_baskets,
    load_dialogues,
    shipped_baskets,
    shipped_dialogues,
)
from core.samples import Sample, basket_samples, redial_samples
from core.settings import Settings
from core.training import load_training_data, training_data_through_tune
from eval.context import EvalContext


def _keep_with_targets(samples: list[Sample]) -> tuple[list[Sample], int]:
    kept = [s for s in samples if s.target_ids]
    return kept, len(samples) - len(kept)


def movie_samples(catalog: Catalog, settings: Settings, test: Path | None,
                  stats: LoadStats) -> list[Sample]:
    if test is None:
        return redial_samples(shipped_dialogues(settings.data_dir, catalog)["valid"])
    return redial_samples(load_dialogues(test, catalog, stats))


def retail_samples(catalog: Catalog, settings: Settings, test: Path | None,
                   stats: LoadStats) -> list[Sample]:
    shipped = shipped_baskets(settings.data_dir, catalog)
    if test is None:
        return basket_samples(baskets_before(shipped, RETAIL_VALID_CUT),
                              baskets_from(shipped, RETAIL_VALID_CUT))
    return basket_samples(shipped, load_baskets(test, catalog, stats))


def build_context(catalog_name: str, settings: Settings, test: Path | None = None,
                  catalog: Catalog | None = None) -> EvalContext:
    catalog = catalog or load_catalog(catalog_name, settings.data_dir)
    stats = LoadStats()
    if catalog.name == "retail":
        samples, protocol = retail_samples(catalog, settings, test, stats), "retail-next-basket"
    else:
        samples, protocol = movie_samples(catalog, settings, test, stats), "redial-turn"
    samples, dropped = _keep_with_targets(samples)
    fitted = (training_data_through_tune(catalog, settings.data_dir)
              if settings.retrieval.refit else None)
    notes = [] if fitted is None else [
        f"the served interaction sources were refit through {max(fitted.session_dates)[:10]} "
        "(the tune month included): cold labels are items never in that data"]
    return EvalContext(
        settings=settings,
        catalog=catalog,
        protocol=protocol,
        test_file=str(test) if test else "validation split",
        samples=samples,
        training=load_training_data(catalog, settings.data_dir),
        fitted=fitted,
        notes=notes,
        unknown_ids=stats.unknown_ids,
        dropped_samples=dropped,
    )
