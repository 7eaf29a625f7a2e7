"""`because bench retrieval`: hybrid latency on the movie catalogue, and FAISS HNSW against
exact search on a synthetic catalogue of random unit vectors (default 1,000,000 x 384).

A benchmark, not a test: it prints medians and p99 and never asserts on time.
"""

from __future__ import annotations

import argparse
import resource
import time

import faiss
import numpy as np
from tqdm import tqdm

from assistant.settings import Settings

ADD_CHUNK = 50_000  # vectors added per step, so a long HNSW build shows progress


def percentiles(seconds: list[float]) -> str:
    ms = np.asarray(seconds) * 1000.0
    return f"p50 {np.percentile(ms, 50):.2f} ms  p99 {np.percentile(ms, 99):.2f} ms"


def rss_gib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def bench_hybrid(settings: Settings, queries: int, threads: int) -> None:
    import torch

    from assistant.build import ensure_built
    from assistant.catalog import load_catalog
    from assistant.training import load_training_data
    from retrieval.build import load_hybrid

    torch.set_num_threads(threads)
    catalog = load_catalog("movies", settings.data_dir)
    hybrid = load_hybrid(catalog, ensure_built("movies", settings), settings)
    samples = load_training_data(catalog, settings.data_dir).tune_samples[:queries]
    k = settings.retrieval.k
    hybrid.retrieve(samples[0].query, k)  # warm-up: first torch/faiss calls allocate
    cold, warm = [], []
    for sample in tqdm(samples, desc="hybrid queries", leave=False):
        t0 = time.perf_counter()
        hybrid.retrieve(sample.query, k)  # a new text: includes encoding the query
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        hybrid.retrieve(sample.query, k)  # same text again: query embedding cached
        warm.append(time.perf_counter() - t0)
    print(f"hybrid retrieve k={k}, movies ({len(catalog)} items), {len(samples)} tune queries, "
          f"{threads} threads")
    print(f"  new query text (encoder included): {percentiles(cold)}")
    print(f"  cached query embedding:            {percentiles(warm)}")


def bench_ann(n: int, dim: int, queries: int, m: int, ef_construction: int,
              ef_search: tuple[int, ...], seed: int) -> None:
    rng = np.random.default_rng(seed)
    print(f"synthetic catalogue: {n:,} x {dim} random unit vectors, {queries} queries")
    vectors = np.empty((n, dim), dtype=np.float32)
    for start in tqdm(range(0, n, ADD_CHUNK), desc="generate", leave=False):
        block = rng.standard_normal((min(ADD_CHUNK, n - start), dim), dtype=np.float32)
        vectors[start:start + len(block)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    # queries near real items (an item plus noise), as a liked-item query would be
    picks = rng.choice(n, queries, replace=False)
    noise = rng.standard_normal((queries, dim), dtype=np.float32) * 0.05
    qs = vectors[picks] + noise
    qs /= np.linalg.norm(qs, axis=1, keepdims=True)

    flat = faiss.IndexFlatIP(dim)
    flat.add(vectors)
    t0 = time.perf_counter()
    _, truth = flat.search(qs, 100)
    print(f"exact ground truth for {queries} queries (batched): {time.perf_counter() - t0:.1f} s")
    exact_times = []
    for q in qs[: min(queries, 50)]:
        t0 = time.perf_counter()
        flat.search(q.reshape(1, -1), 100)
        exact_times.append(time.perf_counter() - t0)
    print(f"exact (IndexFlatIP) single query: {percentiles(exact_times)}")

    before = rss_gib()
    hnsw = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = ef_construction
    t0 = time.perf_counter()
    for start in tqdm(range(0, n, ADD_CHUNK), desc=f"HNSW M={m} build"):
        hnsw.add(vectors[start:start + ADD_CHUNK])
    build = time.perf_counter() - t0
    graph_mib = n * m * 2 * 4 / 2**20  # level-0 links dominate: 2M int32 neighbours per item
    print(f"HNSW build: {build:.1f} s with {faiss.omp_get_max_threads()} threads; memory: "
          f"vectors {vectors.nbytes / 2**30:.2f} GiB + graph ~{graph_mib / 1024:.2f} GiB "
          f"(peak RSS grew {rss_gib() - before:.2f} GiB, now {rss_gib():.2f} GiB)")
    for ef in ef_search:
        hnsw.hnsw.efSearch = max(ef, 100)
        times, hits = [], 0
        for row, q in enumerate(qs):
            t0 = time.perf_counter()
            _, found = hnsw.search(q.reshape(1, -1), 100)
            times.append(time.perf_counter() - t0)
            hits += len(set(found[0].tolist()) & set(truth[row].tolist()))
        print(f"  HNSW efSearch={hnsw.hnsw.efSearch}: single query {percentiles(times)}, "
              f"recall@100 vs exact {hits / (100 * len(qs)):.4f}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="because bench retrieval", description=__doc__)
    p.add_argument("--n", type=int, default=1_000_000, help="synthetic catalogue size")
    p.add_argument("--dim", type=int, default=384)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--m", type=int, default=32, help="HNSW links per node")
    p.add_argument("--ef-construction", type=int, default=80)
    p.add_argument("--ef-search", default="128,256,512", help="comma-separated efSearch values")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--skip-hybrid", action="store_true")
    p.add_argument("--skip-ann", action="store_true")
    args = p.parse_args(argv)
    faiss.omp_set_num_threads(args.threads)
    settings = Settings()
    if not args.skip_hybrid:
        bench_hybrid(settings, args.queries, args.threads)
    if not args.skip_ann:
        bench_ann(args.n, args.dim, args.queries, args.m, args.ef_construction,
                  tuple(int(e) for e in args.ef_search.split(",")), settings.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
