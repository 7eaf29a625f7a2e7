"""`because bench gru4rec`: the session model's serving step, p50 / p99 in milliseconds.

One step = advance the hidden state by one event (numpy GRU cell), score every item through
the output vectors, take the top k: what a click or a chat turn costs with the session's state
cached. Measured on the built model at today's catalogue, then with a synthetic output matrix
of `--items` rows (the same hidden size): exact scoring, and with `--ann` through the
product's VectorIndex (HNSW over SQ8 codes; item vectors with their bias as one more
dimension, the query [h, 1]).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from assistant.build import ensure_built
from core.catalog import load_catalog
from core.settings import Settings
from core.training import load_training_data
from retrieval.build import load_hybrid
from retrieval.filters import top_allowed
from retrieval.gru4rec import query_events
from retrieval.index import VectorIndex
from server.threads import limit_threads


def percentiles(ms: list[float]) -> str:
    return f"p50 {np.median(ms):.3f} ms / p99 {np.percentile(ms, 99):.3f} ms (n={len(ms)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="because bench gru4rec", description=__doc__)
    parser.add_argument("--catalog", default="retail")
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--k", type=int, default=100)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--ann", action="store_true", help="also through the HNSW index")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    limit_threads(args.threads)
    settings = Settings()
    catalog = load_catalog(args.catalog, settings.data_dir)
    hybrid = load_hybrid(catalog, ensure_built(args.catalog, settings), settings)
    model = hybrid.sources["gru4rec"]
    samples = load_training_data(catalog, settings.data_dir).tune_samples
    events = [e for s in samples for e in query_events(catalog, s.query)][: args.steps]
    allowed = np.ones(len(catalog), dtype=bool)
    hidden, steps = model.initial_state(), []
    for event in events:
        t0 = time.perf_counter()
        hidden = model.advance(hidden, event)
        top_allowed(model.scores(hidden), allowed, args.k)
        steps.append((time.perf_counter() - t0) * 1e3)
    print(f"{args.catalog}: {len(catalog)} items, d={model.cfg.dim}, step + score + top "
          f"{args.k}: {percentiles(steps)}")

    rng = np.random.default_rng(0)
    dim = model.cfg.dim
    outputs = rng.normal(size=(args.items, dim)).astype(np.float32) / np.sqrt(dim)
    bias = rng.normal(scale=0.1, size=args.items).astype(np.float32)
    big_allowed = np.ones(args.items, dtype=bool)
    exact = []
    for event in events[:300]:
        t0 = time.perf_counter()
        hidden = model.advance(hidden, event)
        top_allowed(outputs @ hidden + bias, big_allowed, args.k)
        exact.append((time.perf_counter() - t0) * 1e3)
    print(f"{args.items} synthetic items, exact scoring: {percentiles(exact)}")
    if args.ann:
        t0 = time.perf_counter()
        index = VectorIndex.build(np.hstack([outputs, bias[:, None]]), hnsw_min_items=1)
        print(f"HNSW build {time.perf_counter() - t0:.0f} s")
        ann = []
        for event in events[:1000]:
            t0 = time.perf_counter()
            hidden = model.advance(hidden, event)
            index.search(np.append(hidden, 1.0).astype(np.float32), args.k)
            ann.append((time.perf_counter() - t0) * 1e3)
        print(f"{args.items} synthetic items, HNSW: {percentiles(ann)}")
    return 0
