"""Fit, save and load the hybrid retriever and its sources for one catalogue."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

from core.catalog import Catalog
from core.errors import ArtifactError
from core.samples import Sample
from core.settings import Settings
from core.timing import Laps
from core.training import TrainingData
from retrieval.als import ALSRetriever
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.dense import DenseTextRetriever
from retrieval.encoder import DIM, TextEncoder
from retrieval.gru4rec import GRU4Rec, GRU4RecConfig
from retrieval.gru4rec_train import fit_gru4rec
from retrieval.hybrid import HybridRetriever
from retrieval.index import VectorIndex
from retrieval.lexical import lexical_source
from retrieval.neighbours import NeighbourRetriever
from retrieval.popularity import PopularityRetriever
from retrieval.repeat import RepeatRetriever
from retrieval.repeat_model import FEATURES
from retrieval.two_tower import TwoTower, TwoTowerConfig

# Fusion weights are tuned on at most this many tune samples (seeded): all of today's (1,753
# movies, 1,004 retail), as fewer make the weights a draw (500 of them: recall@10 0.2530 on
# validation against 0.2565 with all, 2026-12-02).
TUNE_SAMPLES = 2000


def query_texts(encoder: TextEncoder, samples: list[Sample], cache_dir: Path | None,
                progress: bool) -> np.ndarray:
    """Embeddings of the samples' query texts (zeros for empty texts).

    A per-text cache (text hash -> vector) in `cache_dir` lets out-of-fold subsets and rebuilds
    reuse earlier encodings."""
    texts = [s.query.text for s in samples]
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    path = cache_dir / f"query_embeddings-{encoder.query_key}.npz" if cache_dir else None
    known: dict[str, np.ndarray] = {}
    if path is not None and path.is_file():
        with np.load(path, allow_pickle=False) as cached:
            known = dict(zip(cached["keys"].tolist(), cached["vectors"], strict=True))
    missing = list(dict.fromkeys(k for k, t in zip(keys, texts, strict=True)
                                 if t.strip() and k not in known))
    if missing:
        by_key = dict(zip(keys, texts, strict=True))
        # the serving path itself, so training sees exactly what a chat turn computes
        vectors = encoder.embed_many([by_key[k] for k in missing], progress=progress)
        known.update(zip(missing, vectors, strict=True))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.asarray(list(known)), vectors=np.stack(list(known.values())))
    for row, (key, text) in enumerate(zip(keys, texts, strict=True)):
        if text.strip():
            out[row] = known[key]
    encoder.prime(texts, out)  # later retrieval over these samples hits the query cache
    return out


def fit_hybrid(data: TrainingData, settings: Settings, encoder: TextEncoder | None = None,
               cache_dir: Path | None = None, progress: bool = True,
               tune_fusion: bool = True,
               gru4rec_grid: Sequence[GRU4RecConfig] | None = (),
               two_tower_epochs: int | None = None
               ) -> tuple[HybridRetriever, dict]:
    """Fit every source on `data` (train part), early-stop and tune fusion on its tune part.
    `two_tower_epochs`: train the two-tower this many epochs at most, without early stopping
    (the ranker's out-of-fold hybrids take the served model's best epoch).
    `gru4rec_grid`: the session model's configurations to try (None: the default grid; empty,
    the default: no session model. It is opt-in, `python -m retrieval.gru4rec_add`: on
    validation it added 0.0025 recall@10 on movies, within noise, trailed ALS by half on retail,
    and its grid adds minutes to a build)."""
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    catalog = data.catalog
    encoder = encoder or TextEncoder.from_settings(settings)
    started = time.perf_counter()
    laps = Laps()
    item_text = encoder.encode_items(catalog.texts(), cache_dir, progress=progress)
    text_index = VectorIndex.build(item_text, hnsw_min_items=settings.retrieval.hnsw_min_items)
    laps.lap("item texts")
    train_text = query_texts(encoder, data.train_samples, cache_dir, progress)
    tune_text = query_texts(encoder, data.tune_samples, cache_dir, progress)
    laps.lap("query texts")
    two_tower, tt_report = TwoTower.fit(catalog, item_text, data.train_samples, train_text,
                                        data.tune_samples, tune_text,
                                        two_tower_config(settings, two_tower_epochs), encoder,
                                        progress)
    laps.lap("two-tower")
    sources = {
        "text": DenseTextRetriever(catalog, encoder, text_index),
        "two_tower": two_tower,
        "cooc": CooccurrenceRetriever.fit(data),
        "als": ALSRetriever.fit(data),
        "pop": PopularityRetriever.fit(data),
        "repeat": RepeatRetriever.fit(data),
        "neighbours": NeighbourRetriever.fit(data),
    }
    hybrid = HybridRetriever(catalog, sources, fusion=settings.retrieval.fusion,
                             cold=sources["pop"].counts <= 0, lexical=lexical_source(catalog))
    report: dict = {"two_tower": tt_report}
    laps.lap("other sources")
    if tune_fusion and data.tune_samples:
        report["fusion"] = hybrid.tune(tune_samples(data, settings), progress=progress)
        laps.lap("fusion weights")
    # The session model joins after the others are tuned and only its own weight is chosen
    if gru4rec_grid is None or gru4rec_grid:
        report["gru4rec"] = join_gru4rec(hybrid, data, item_text, settings, progress,
                                         tune_fusion and bool(data.tune_samples), gru4rec_grid)
        laps.lap("gru4rec")
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["step_seconds"] = laps.seconds
    return hybrid, report


def two_tower_config(settings: Settings, epochs: int | None) -> TwoTowerConfig:
    if epochs is None:
        return TwoTowerConfig(seed=settings.seed)
    return TwoTowerConfig(seed=settings.seed, max_epochs=epochs, patience=epochs)


def tune_samples(data: TrainingData, settings: Settings) -> list[Sample]:
    rng = np.random.default_rng(settings.seed)
    pick = rng.permutation(len(data.tune_samples))[:TUNE_SAMPLES]
    return [data.tune_samples[i] for i in sorted(pick)]


def join_gru4rec(hybrid: HybridRetriever, data: TrainingData, item_text: np.ndarray,
                 settings: Settings, progress: bool, tune_weight: bool,
                 grid: Sequence[GRU4RecConfig] | None = None,
                 trained: GRU4Rec | None = None) -> dict:
    """Train GRU4Rec (grid on tune; or take `trained`, a model trained on the same data) and
    add it to the hybrid with its weight chosen on tune, every other weight kept."""
    if trained is not None:
        model, report = trained, {"config": asdict(trained.cfg), "trained": "given"}
    else:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # small GRU steps: one thread beats two on a shared machine
        try:
            model, report = fit_gru4rec(data, item_text, grid, seed=settings.seed,
                                        progress=progress)
        finally:
            torch.set_num_threads(threads)
    hybrid.sources["gru4rec"] = model
    hybrid.weights["gru4rec"] = 0.0
    if tune_weight:
        report["fusion"] = hybrid.tune_weight("gru4rec", tune_samples(data, settings),
                                              progress=progress)
    return report


def gru4rec_entry(hybrid: HybridRetriever, report: dict) -> dict:
    return {"component": "gru4rec", "path": "retrieval/gru4rec.pt",
            "config": {**report["config"], "fusion_weight": hybrid.weights["gru4rec"]},
            "metrics": {k: v for k, v in report.items() if k not in ("config", "history")}}


REFIT_FILE = "refit.json"


def refit_retrieval(hybrid: HybridRetriever, data: TrainingData, out_dir: Path) -> dict:
    """Refit the interaction sources (co-occurrence, ALS, popularity, repeat, neighbours) on
    `data` with the settings and fusion weights chosen on the tune split, save the hybrid, and
    record it. Run after the ranker is trained: its tune lists must come from sources that never
    saw the tune month. The text index, two-tower and GRU4Rec stay as trained. Validation
    R@20 0.1543 -> 0.1562 on retail (2026-12-03, README)."""
    started = time.perf_counter()
    refit_sources(hybrid, data)
    directory = out_dir / "retrieval"
    save_hybrid(hybrid, directory)
    record = {"through": max(data.session_dates)[:10] if data.session_dates else None,
              "sessions": len(data.sessions), "train_samples": len(data.train_samples),
              "sources": ["cooc", "als", "pop", "repeat", "neighbours"],
              "seconds": round(time.perf_counter() - started, 1)}
    (directory / REFIT_FILE).write_text(json.dumps(record, indent=2))
    return {"component": "refit", "path": f"retrieval/{REFIT_FILE}", "config": record,
            "seconds": record["seconds"]}


def refit_sources(hybrid: HybridRetriever, data: TrainingData) -> None:
    """Refit the hybrid's interaction sources on `data` in place, each with its chosen
    settings (no tune split needed); items that gained interactions are no longer cold."""
    sources = hybrid.sources
    sources["cooc"] = CooccurrenceRetriever.fit(data, sources["cooc"].config)
    sources["als"] = ALSRetriever.fit(data, sources["als"].config)
    sources["pop"] = PopularityRetriever.fit(data)
    sources["repeat"] = RepeatRetriever.fit(data)
    sources["neighbours"] = NeighbourRetriever.fit(data, sources["neighbours"].config)
    hybrid.cold = sources["pop"].counts <= 0


def refit_record(out_dir: Path) -> dict | None:
    """What the build refit after tuning, or None. An unreadable record still says a refit
    happened: the tune month counts as seen."""
    path = out_dir / "retrieval" / REFIT_FILE
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return {"through": "an unknown date (unreadable refit.json)"}
    return record if isinstance(record, dict) else {"through": "an unknown date"}


def require_tune_unseen(out_dir: Path, catalog_name: str, what: str) -> None:
    """ArtifactError where the served sources were refit through the tune split: lists made
    from them would judge `what` on data the sources saw."""
    record = refit_record(out_dir)
    if record is not None:
        raise ArtifactError(
            f"the {catalog_name} sources in {out_dir} were refit through {record.get('through')} "
            f"(the tune split included), so their tune lists cannot judge {what}: build it "
            f"with the tune month unseen first, `BECAUSE_RETRIEVAL__REFIT=false because build "
            f"{catalog_name} --force`")


def save_hybrid(hybrid: HybridRetriever, directory: Path) -> None:
    sources = hybrid.sources
    sources["text"].index.save(directory, "text_index")
    sources["two_tower"].save(directory)
    sources["cooc"].save(directory)
    sources["als"].save(directory)
    sources["pop"].save(directory)
    sources["repeat"].save(directory)
    sources["neighbours"].save(directory)
    if "gru4rec" in sources:
        sources["gru4rec"].save(directory)
    hybrid.save_config(directory)


def build_retrieval(data: TrainingData, out_dir: Path, settings: Settings,
                    encoder: TextEncoder | None = None,
                    progress: bool = True) -> tuple[HybridRetriever, list[dict]]:
    directory = out_dir / "retrieval"
    hybrid, report = fit_hybrid(data, settings, encoder, cache_dir=out_dir / "cache",
                                progress=progress)
    save_hybrid(hybrid, directory)
    (directory / "training_report.json").write_text(json.dumps(report, indent=2))
    entries = [
        {"component": "text_index", "path": "retrieval/text_index.faiss",
         "config": {"model": "all-MiniLM-L6-v2", "kind": hybrid.sources["text"].index.kind,
                    "item_precision": hybrid.sources["text"].encoder.item_precision}},
        {"component": "two_tower", "path": "retrieval/two_tower.pt",
         "config": json.loads((directory / "two_tower.json").read_text())["config"],
         "metrics": {"best_tune_recall@50": report["two_tower"]["best_tune_recall@50"]}},
        {"component": "cooccurrence", "path": "retrieval/cooccurrence.npz", "config": {}},
        {"component": "als", "path": "retrieval/als_items.npy",
         "config": asdict(hybrid.sources["als"].config),
         "metrics": hybrid.sources["als"].tune_results},
        {"component": "popularity", "path": "retrieval/popularity.npy", "config": {}},
        {"component": "repeat", "path": "retrieval/repeat.json",
         "config": {"decay": hybrid.sources["repeat"].decay,
                    "model": repeat_model_entry(hybrid.sources["repeat"].model)}},
        {"component": "neighbours", "path": "retrieval/neighbours.npz",
         "config": asdict(hybrid.sources["neighbours"].config),
         "metrics": hybrid.sources["neighbours"].tune_results},
        {"component": "hybrid", "path": "retrieval/hybrid.json",
         "config": HybridRetriever.load_config(directory), "metrics": report.get("fusion", {}),
         "seconds": report["seconds"], "step_seconds": report["step_seconds"]},
    ]
    if "gru4rec" in report:
        entries.append(gru4rec_entry(hybrid, report["gru4rec"]))
    return hybrid, entries


def repeat_model_entry(model) -> dict | None:
    """The learned repeat model's weights by feature (None: counts and recency order)."""
    if model is None:
        return None
    return {"kind": "logistic regression", "bias": round(model.bias, 4),
            "weights": {n: round(float(w), 4) for n, w in zip(FEATURES, model.weights,
                                                               strict=True)}}


def _manifest_hash(out_dir: Path) -> str | None:
    try:
        return json.loads((out_dir / "manifest.json").read_text()).get("data_hash")
    except (OSError, json.JSONDecodeError):
        return None


def load_hybrid(catalog: Catalog, out_dir: Path, settings: Settings,
                encoder: TextEncoder | None = None) -> HybridRetriever:
    """The saved hybrid; ArtifactError (saying what to run) when missing or stale."""
    directory = out_dir / "retrieval"
    if not (directory / "hybrid.json").is_file():
        raise ArtifactError(f"no retrieval artifacts in {out_dir}: run `because build "
                            f"{catalog.name}`")
    config = HybridRetriever.load_config(directory)
    stored = config.get("data_hash") or _manifest_hash(out_dir)
    if stored is not None and stored != catalog.fingerprint():
        raise ArtifactError(f"retrieval artifacts in {out_dir} were built from another version "
                            f"of the {catalog.name} catalogue: run `because build "
                            f"{catalog.name} --force`")
    encoder = encoder or TextEncoder.from_settings(settings)
    text_index = VectorIndex.load(directory, "text_index")
    if len(text_index) != len(catalog):
        raise ArtifactError(f"{directory} is stale: run `because build {catalog.name} --force`")
    sources = {
        "text": DenseTextRetriever(catalog, encoder, text_index),
        "two_tower": TwoTower.load(catalog, directory, text_index.vectors, encoder),
        "cooc": CooccurrenceRetriever.load(catalog, directory),
        "als": ALSRetriever.load(catalog, directory),
        "pop": PopularityRetriever.load(catalog, directory),
        "repeat": RepeatRetriever.load(catalog, directory),
        "neighbours": NeighbourRetriever.load(catalog, directory),
    }
    if "gru4rec" in config["sources"]:
        sources["gru4rec"] = GRU4Rec.load(catalog, directory, text_index.vectors)
    return HybridRetriever(catalog, sources, config["weights"], config["fusion"],
                           config["per_source_k"], cold=sources["pop"].counts <= 0,
                           text_tuned=config.get("text_tuned", True),  # older files: as before
                           lexical=lexical_source(catalog))
