"""`python -m eval` / `because eval`: offline evaluation, and `bench NAME` benchmarks."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from assistant.errors import BecauseError
from assistant.settings import Settings
from eval.context import EvalContext
from eval.protocols import build_context
from eval.report import report_dict, text_table, write_report
from eval.runner import evaluate_system
from retrieval.base import Retriever

# Each provider module exposes systems(ctx) -> list[Retriever]; rows appear in this order.
PROVIDERS: tuple[str, ...] = ("eval.baselines",)
BENCHES = ("eval", "retrieval", "ranker", "api", "intent")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="because eval", description=__doc__)
    p.add_argument("catalog", help="movies | retail")
    p.add_argument("--test", type=Path, help="test file in the original format (plain or .xz)")
    p.add_argument("--out", type=Path, help="write report.json, report.md, recall_at_k.png here")
    p.add_argument("--systems", help="comma-separated system names to run (default: all)")
    p.add_argument("--llm-base-url", help="OpenAI-compatible server for the LLM rows")
    p.add_argument("--limit", type=int, help="evaluate only the first N samples (smoke runs)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    return p


def collect_systems(ctx: EvalContext, wanted: set[str] | None) -> list[Retriever]:
    found: list[Retriever] = []
    for module_name in PROVIDERS:
        module = importlib.import_module(module_name)
        for system in module.systems(ctx):
            if wanted is None or system.name in wanted:
                found.append(system)
    return found


def run_eval(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    overrides = {"llm": {"base_url": args.llm_base_url, "backend": "openai"}} \
        if args.llm_base_url else {}
    settings = Settings(**overrides)
    started = time.perf_counter()
    ctx = build_context(args.catalog, settings, args.test)
    if args.limit:
        ctx.samples = ctx.samples[: args.limit]
        ctx.notes.append(f"limited to the first {args.limit} samples")
    wanted = set(args.systems.split(",")) if args.systems else None
    systems = collect_systems(ctx, wanted)
    if wanted and (missing := wanted - {s.name for s in systems}):
        raise BecauseError(f"unknown system(s): {', '.join(sorted(missing))}")
    results = []
    for system in systems:
        t0 = time.perf_counter()
        results.append(evaluate_system(system, ctx, progress=not args.quiet))
        ctx.notes.append(f"{system.name}: whole protocol in {time.perf_counter() - t0:.1f} s")
    report = report_dict(ctx, results)
    print(text_table(report))
    print(f"total {time.perf_counter() - started:.1f} s")
    if args.out:
        write_report(report, args.out)
        print(f"report written to {args.out}/report.json, report.md, recall_at_k.png")
    return 0


def run_bench(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHES:
        print(f"usage: because bench {{{'|'.join(BENCHES)}}} [ARGS]", file=sys.stderr)
        return 2
    module = importlib.import_module(f"eval.bench_{argv[0]}")
    return int(module.main(argv[1:]) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "bench":
            return run_bench(argv[1:])
        return run_eval(argv)
    except BecauseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
