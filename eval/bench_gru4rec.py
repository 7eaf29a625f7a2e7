"""`because bench gru4rec`: the session model's serving step, p50 / p99 in milliseconds.

One step = advance the hidden state by one event (numpy GRU cell), score every item through
the output vectors, take the top k: what a click or a chat turn costs with the session's state
cached. Measured on the built model at today's catalogue, then with a synthetic output matrix
of `--items` rows drawn like the trained ones (a Gaussian with their mean and covariance, biases
resampled from theirs): exact scoring, and with `--ann` through the product's VectorIndex (HNSW
over SQ8 codes; item vectors with their bias as one more dimension, the query [h, 1]), with its
recall@k against the exact top k.
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

EXACT_STEPS = 300  # the exact 1M-item top k is also the ANN's ground truth


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

    outputs, bias = like_trained(model.weights.outputs, model.weights.bias, args.items,
                                 np.random.default_rng(0))
    big_allowed = np.ones(args.items, dtype=bool)
    exact, truth, hidden = [], [], model.initial_state()
    for event in events[:EXACT_STEPS]:
        t0 = time.perf_counter()
        hidden = model.advance(hidden, event)
        truth.append(top_allowed(outputs @ hidden + bias, big_allowed, args.k)[0])
        exact.append((time.perf_counter() - t0) * 1e3)
    print(f"{args.items} synthetic items, exact scoring: {percentiles(exact)}")
    if args.ann:
        t0 = time.perf_counter()
        index = VectorIndex.build(np.hstack([outputs, bias[:, None]]), hnsw_min_items=1,
                                  progress=True)
        print(f"HNSW build {time.perf_counter() - t0:.0f} s")
        ann, hits, hidden = [], 0, model.initial_state()
        for row, event in enumerate(events[:EXACT_STEPS]):
            t0 = time.perf_counter()
            hidden = model.advance(hidden, event)
            found, _ = index.search(np.append(hidden, 1.0).astype(np.float32), args.k)
            ann.append((time.perf_counter() - t0) * 1e3)
            hits += len(np.intersect1d(found, truth[row]))
        print(f"{args.items} synthetic items, HNSW: {percentiles(ann)}, "
              f"recall@{args.k} against exact {hits / (len(truth) * args.k):.3f}")
    return 0


def like_trained(outputs: np.ndarray, bias: np.ndarray, n: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n synthetic output vectors with the trained ones' mean and covariance, and biases
    resampled from the trained biases: learned item vectors are far from isotropic, and an
    isotropic stand-in would time (and build) the index on a much harder problem."""
    mean = outputs.mean(axis=0)
    cov = np.cov(outputs, rowvar=False) + 1e-6 * np.eye(outputs.shape[1])
    root = np.linalg.cholesky(cov).astype(np.float32)
    synthetic = rng.standard_normal((n, outputs.shape[1]), dtype=np.float32) @ root.T + mean
    return synthetic.astype(np.float32), rng.choice(bias, size=n).astype(np.float32)
