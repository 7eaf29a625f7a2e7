"""`python -m eval bench eval [movies|retail] [--test FILE] [--repeat N]`: times the whole
evaluation protocol for the two baselines (fit on the training view, then every sample).

Prints the median wall time of N runs (default 3) and the per-query p50 / p99 latency of each
baseline. A benchmark, never a timed test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from core.settings import Settings
from eval.baselines import systems as baseline_systems
from eval.protocols import build_context
from eval.runner import evaluate_system


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="because eval bench eval", description=__doc__)
    p.add_argument("catalog", nargs="?", default="movies", help="movies | retail")
    p.add_argument("--test", type=Path, help="test file (e.g. the official ReDial test split)")
    p.add_argument("--repeat", type=int, default=3, help="timed runs (median reported)")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    settings = Settings()
    t0 = time.perf_counter()
    ctx = build_context(args.catalog, settings, args.test)
    load_s = time.perf_counter() - t0
    print(f"{ctx.protocol} on {ctx.test_file}: {len(ctx.samples)} samples; "
          f"data loading {load_s:.2f} s (not part of the protocol time)")
    walls: list[float] = []
    p50s: dict[str, list[float]] = {}
    p99s: dict[str, list[float]] = {}
    for run in range(max(1, args.repeat)):
        start = time.perf_counter()
        for system in baseline_systems(ctx):  # fitting is part of the protocol
            metrics = evaluate_system(system, ctx, progress=False).metrics
            p50s.setdefault(system.name, []).append(metrics["latency_ms_p50"])
            p99s.setdefault(system.name, []).append(metrics["latency_ms_p99"])
        walls.append(time.perf_counter() - start)
        print(f"run {run + 1}: {walls[-1]:.2f} s")
    print(f"whole protocol, both baselines (fit + {len(ctx.samples)} queries each): "
          f"median {statistics.median(walls):.2f} s over {len(walls)} runs")
    for name in p50s:
        print(f"{name:>6}: per-query p50 {statistics.median(p50s[name]):.3f} ms, "
              f"p99 {statistics.median(p99s[name]):.3f} ms (medians over runs)")
    return 0
