"""`python -m eval` / `because eval`: offline evaluation, and `bench NAME` benchmarks."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import time
from pathlib import Path

from core.errors import BecauseError
from core.settings import Settings
from eval.context import EvalContext
from eval.protocols import build_context
from eval.report import report_dict, text_table, write_report
from eval.runner import evaluate_system
from retrieval.base import Retriever
from server.threads import limit_threads

# Each provider module exposes systems(ctx) -> list[Retriever]; rows appear in this order.
PROVIDERS = ("eval.baselines", "eval.stage_retrieval", "eval.stage_ranker")
# The LLM rows call a model per sample (minutes on a CPU): only with --llm or --llm-base-url.
LLM_PROVIDER = "eval.stage_llm"
# Peer libraries (the [peers] extra): only with --peers.
PEERS_PROVIDER = "eval.peers"
BENCHES = ("eval", "retrieval", "ranker", "api", "intent", "linking", "llm", "gru4rec",
           "plots")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="because eval", description=__doc__)
    p.add_argument("catalog", help="movies | retail")
    p.add_argument("--test", type=Path, help="test file in the original format (plain or .xz)")
    p.add_argument("--out", type=Path, help="write report.json, report.md, recall_at_k.png here")
    p.add_argument("--systems", help="comma-separated system names to run (default: all)")
    p.add_argument("--llm", action="store_true",
                   help="add the LLM re-rank row (embedded model unless --llm-base-url)")
    p.add_argument("--llm-base-url", help="OpenAI-compatible server for the LLM rows")
    p.add_argument("--peers", action="store_true",
                   help="add peer-library rows (implicit ALS and BPR; needs the [peers] extra)")
    p.add_argument("--limit", type=int, help="evaluate only the first N samples (smoke runs)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    return p


def collect_systems(ctx: EvalContext, wanted: set[str] | None,
                    with_llm: bool = False, with_peers: bool = False) -> list[Retriever]:
    found: list[Retriever] = []
    for module_name in PROVIDERS + ((LLM_PROVIDER,) if with_llm else ()) + \
            ((PEERS_PROVIDER,) if with_peers else ()):
        if wanted is not None and wanted <= {s.name for s in found}:
            break  # every requested system is here: later providers need not load their models
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
    with_llm = args.llm or bool(args.llm_base_url)
    systems = collect_systems(ctx, wanted, with_llm=with_llm, with_peers=args.peers)
    if wanted and (missing := wanted - {s.name for s in systems}):
        raise BecauseError(f"unknown system(s): {', '.join(sorted(missing))}")
    limit_threads(settings.api.threads)  # as a serving process runs its turns
    ctx.notes.append(f"p50 ms: one sample at a time on {settings.api.threads} thread(s) as in "
                     "serving, query caches cleared before each system")
    results = []
    for system in systems:
        if (hybrid := ctx.cache.get("hybrid")) is not None:
            # every row pays for its own query encoding, as a new chat turn does; otherwise a
            # row's latency depended on which rows ran before it
            hybrid.clear_query_caches()
        t0 = time.perf_counter()
        results.append(evaluate_system(system, ctx, progress=not args.quiet))
        ctx.notes.append(f"{system.name}: whole protocol in {time.perf_counter() - t0:.1f} s")
    report = report_dict(ctx, results)
    print(text_table(report))
    if with_llm:  # the LLM row's calls, fallbacks by kind, grounding: in the notes
        print("\n".join(f"note: {n}" for n in ctx.notes if "LLM" in n))
    if ctx.dropped_samples:
        print(f"{ctx.dropped_samples} samples dropped: no target in the catalogue")
    print(f"total {time.perf_counter() - started:.1f} s")
    if args.out:
        write_report(report, args.out, ctx, results)
        print(f"report written to {args.out}/report.json, report.md, recall_at_k.png")
    return 0


def run_bench(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHES:
        print(f"usage: python -m eval bench {{{'|'.join(BENCHES)}}} [ARGS]", file=sys.stderr)
        return 2
    module_name = f"eval.bench_{argv[0]}"
    if importlib.util.find_spec(module_name) is None:
        print(f"error: benchmark {argv[0]!r} is not installed ({module_name})", file=sys.stderr)
        return 2
    return int(importlib.import_module(module_name).main(argv[1:]) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "bench":
            return run_bench(argv[1:])
        return run_eval(argv)
    except BecauseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # argparse: usage errors and --help
        return exc.code if isinstance(exc.code, int) else 2
