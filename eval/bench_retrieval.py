"""`because bench retrieval`: hybrid latency on the movie catalogue, and FAISS HNSW against
exact search on a synthetic catalogue of random unit vectors (default 1,000,000 x 384, with an
embedding-like spectrum or isotropic).

A benchmark, not a test: it prints medians and p99 and never asserts on time.
"""

from __future__ import annotations

import argparse
import resource
import time

import faiss
import numpy as np
from tqdm import tqdm

from core.settings import Settings
from retrieval.index import STORAGES

ADD_CHUNK = 50_000  # vectors added per step, so a long HNSW build shows progress


def percentiles(seconds: list[float]) -> str:
    ms = np.asarray(seconds) * 1000.0
    return f"p50 {np.percentile(ms, 50):.2f} ms  p99 {np.percentile(ms, 99):.2f} ms"


def rss_gib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def bench_hybrid(settings: Settings, queries: int, threads: int) -> None:
    from assistant.build import ensure_built
    from core.catalog import load_catalog
    from core.training import load_training_data
    from retrieval.build import load_hybrid
    from server.threads import limit_threads

    limit_threads(threads)
    catalog = load_catalog("movies", settings.data_dir)
    hybrid = load_hybrid(catalog, ensure_built("movies", settings), settings)
    samples = load_training_data(catalog, settings.data_dir).tune_samples[:queries]
    k = settings.retrieval.k
    hybrid.retrieve(samples[0].query, k)  # warm-up: first torch/faiss calls allocate
    cold, warm = [], []
    for sample in tqdm(samples, desc="hybrid queries", leave=False, mininterval=5):
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


# Text embeddings are far from isotropic: the covariance of the all-MiniLM-L6-v2 movie item
# embeddings has eigenvalues falling roughly as (rank + 1) ** -SPECTRUM_DECAY. Vectors drawn with
# that spectrum are a fair synthetic stand-in for a large catalogue; isotropic Gaussian vectors
# (every direction equally likely) are the worst case for any ANN index and are run too.
SPECTRUM_DECAY = 1.0
DISTRIBUTIONS = ("embedding-like", "isotropic")


def synthetic_vectors(rng: np.random.Generator, n: int, dim: int, distribution: str,
                      desc: str = "generate") -> np.ndarray:
    """n unit vectors: isotropic, or with an embedding-like decaying spectrum in a random basis."""
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution must be one of {DISTRIBUTIONS}")
    basis_rng = np.random.default_rng(12345)  # the same basis for items and queries
    scale = (np.arange(1, dim + 1, dtype=np.float32) ** (-SPECTRUM_DECAY / 2.0)
             if distribution == "embedding-like" else np.ones(dim, np.float32))
    basis, _ = np.linalg.qr(basis_rng.standard_normal((dim, dim)))
    basis = basis.astype(np.float32)
    out = np.empty((n, dim), dtype=np.float32)
    for start in tqdm(range(0, n, ADD_CHUNK), desc=desc, leave=False):
        block = rng.standard_normal((min(ADD_CHUNK, n - start), dim), dtype=np.float32)
        block = (block * scale) @ basis
        out[start:start + len(block)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def single_queries(search, qs: np.ndarray, truth: np.ndarray, label: str) -> None:
    """One query at a time (as a chat turn asks): latency percentiles and recall@100.
    `search(query) -> ids` of the 100 best."""
    times, hits = [], 0
    for row, q in enumerate(qs):
        t0 = time.perf_counter()
        found = search(q)
        times.append(time.perf_counter() - t0)
        hits += len(set(np.asarray(found).tolist()) & set(truth[row].tolist()))
    print(f"  {label}: single query {percentiles(times)}, recall@100 vs exact "
          f"{hits / (100 * len(qs)):.4f}", flush=True)


def bench_ann(n: int, dim: int, queries: int, m: int, ef_construction: int,
              ef_search: tuple[int, ...], seed: int, distribution: str, ivf_nlist: int = 0,
              ivf_nprobe: tuple[int, ...] = (), storage: str = "sq8") -> None:
    from retrieval.index import RERANK, VectorIndex

    rng = np.random.default_rng(seed)
    print(f"synthetic catalogue: {n:,} x {dim} random unit vectors ({distribution}), "
          f"{queries} held-out queries from the same distribution")
    vectors = synthetic_vectors(rng, n, dim, distribution)
    qs = synthetic_vectors(rng, queries, dim, distribution, desc="queries")

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
    del flat

    before = rss_gib()
    t0 = time.perf_counter()  # the product's index (retrieval/index.py), as a build makes it
    index = VectorIndex.build(vectors, hnsw_min_items=0, hnsw_m=m,
                              ef_construction=ef_construction, storage=storage, progress=True)
    build = time.perf_counter() - t0
    graph_mib = n * m * 2 * 4 / 2**20  # level-0 links dominate: 2M int32 neighbours per item
    codes = f" + SQ8 codes {n * dim / 2**30:.2f} GiB" if storage == "sq8" else ""
    rerank = f", exact re-rank of the best {RERANK * 100}" if storage == "sq8" else ""
    print(f"{index.kind} M={m} efConstruction={ef_construction} build: {build:.1f} s with "
          f"{faiss.omp_get_max_threads()} threads; memory: float vectors "
          f"{vectors.nbytes / 2**30:.2f} GiB{codes} + graph ~{graph_mib / 1024:.2f} GiB (peak "
          f"RSS grew {rss_gib() - before:.2f} GiB, now {rss_gib():.2f} GiB)")
    for ef in ef_search:
        index.index.hnsw.efSearch = ef
        single_queries(lambda q: index.search(q, 100)[0], qs, truth,
                       f"{index.kind} efSearch={ef}{rerank}")
    index = None  # free the graph before the IVF build
    if ivf_nlist:
        bench_ivf(vectors, qs, truth, ivf_nlist, ivf_nprobe, rng)


def bench_ivf(vectors: np.ndarray, qs: np.ndarray, truth: np.ndarray, nlist: int,
              nprobes: tuple[int, ...], rng: np.random.Generator) -> None:
    """IVF-Flat: k-means cells, search the nprobe nearest cells exactly."""
    n, dim = vectors.shape
    train = vectors[rng.choice(n, min(n, 50 * nlist), replace=False)]
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    t0 = time.perf_counter()
    ivf.train(train)
    trained = time.perf_counter() - t0
    for start in tqdm(range(0, n, ADD_CHUNK), desc=f"IVF nlist={nlist} add"):
        ivf.add(vectors[start:start + ADD_CHUNK])
    print(f"IVF-Flat nlist={nlist}: train {trained:.1f} s on {len(train):,} vectors, total build "
          f"{time.perf_counter() - t0:.1f} s")
    for nprobe in nprobes:
        ivf.nprobe = nprobe
        single_queries(lambda q: ivf.search(q.reshape(1, -1), 100)[1][0], qs, truth,
                       f"IVF nprobe={nprobe}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="because bench retrieval", description=__doc__)
    p.add_argument("--n", type=int, default=1_000_000, help="synthetic catalogue size")
    p.add_argument("--dim", type=int, default=384)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--m", type=int, default=32, help="HNSW links per node")
    p.add_argument("--ef-construction", type=int, default=128)
    p.add_argument("--ef-search", default="512,768,1024", help="comma-separated efSearch values")
    p.add_argument("--storage", choices=STORAGES, default="sq8",
                   help="HNSW over SQ8 codes with an exact re-rank (the product's), or over "
                        "float vectors")
    p.add_argument("--distribution", choices=DISTRIBUTIONS, default="embedding-like")
    p.add_argument("--ivf-nlist", type=int, default=0, help="also IVF-Flat with this many cells")
    p.add_argument("--ivf-nprobe", default="16,32,64,128", help="comma-separated nprobe values")
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
                  tuple(int(e) for e in args.ef_search.split(",")), settings.seed,
                  args.distribution, args.ivf_nlist,
                  tuple(int(e) for e in args.ivf_nprobe.split(",")), args.storage)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
