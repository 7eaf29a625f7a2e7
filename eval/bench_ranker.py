"""`because bench ranker`: latency of scoring one query's candidate list with the neural ranker.

Candidates come from the built hybrid retriever on tune-split queries (the query text is already
encoded by retrieval, as in serving), and only the ranker's work is timed: features + network +
re-sort (also when the build kept the fused order and a chat turn skips that work). Target:
p50 < 5 ms for 200 candidates on 2 cores.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from assistant.build import ensure_built
from core.catalog import load_catalog
from core.settings import Settings
from core.training import load_training_data
from ranker.lists import LIST_K
from ranker.model import load_ranker
from retrieval.build import load_hybrid


def percentiles(ms: list[float]) -> str:
    return f"p50 {np.median(ms):.2f} ms, p99 {np.percentile(ms, 99):.2f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="because bench ranker", description=__doc__)
    parser.add_argument("--catalog", default="movies")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=LIST_K, help="candidates per query")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    settings = Settings()
    out_dir = ensure_built(args.catalog, settings)
    catalog = load_catalog(args.catalog, settings.data_dir)
    hybrid = load_hybrid(catalog, out_dir, settings)
    ranker = load_ranker(hybrid, out_dir)
    samples = load_training_data(catalog, settings.data_dir).tune_samples[: args.queries]
    work = []
    for sample in samples:  # retrieval (and its query encoding) happens outside the timing
        cands = hybrid.retrieve(sample.query, args.k)
        if len(cands):
            work.append((sample.query, cands))
    for query, cands in work[:10]:  # warm-up
        ranker.score(query, cands)
    total, feats, net = [], [], []
    for query, cands in work:
        t0 = time.perf_counter()
        x = ranker.features(query, cands)
        t1 = time.perf_counter()
        scores = ranker.score_matrix(x)
        cands.rescored(scores)
        t2 = time.perf_counter()
        feats.append((t1 - t0) * 1e3)
        net.append((t2 - t1) * 1e3)
        total.append((t2 - t0) * 1e3)
    sizes = [len(c) for _, c in work]
    print(f"ranker on {args.catalog}: {len(work)} queries, {np.mean(sizes):.0f} candidates "
          f"each, {args.threads} torch threads")
    print(f"  score (features + network + sort): {percentiles(total)}")
    print(f"  features only:                     {percentiles(feats)}")
    print(f"  network + sort only:               {percentiles(net)}")
    print(f"  target p50 < 5 ms: {'met' if np.median(total) < 5.0 else 'NOT met'}")
    if ranker.keeps_fused_order:
        print("  this build's ranker kept the fused order (no epoch beat it), so a chat turn "
              "skips this work")
    return 0
