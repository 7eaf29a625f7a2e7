"""Evaluation output: a table on stdout, report.json, report.md and a recall@k plot."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from eval.context import EvalContext
from eval.runner import KS, SystemResult, label_count

COLUMNS = ("recall@1", "recall@5", "recall@10", "recall@20", "recall@50", "recall@100",
           "ndcg@10", "mrr", "novel_recall@10", "cold_recall@50", "coverage@10",
           "latency_ms_p50")


EXTRA_COLUMNS = ("diversity@10", "novelty@10", "latency_ms_p99")  # report.md only
# Rows that report them (the LLM rows, eval/stage_llm.py) add these to their report.json entry:
# share of cited reasons citing only liked items, share of the LLM's reasons the checker kept,
# LLM calls that fell back, and the LLM's seconds per sample.
LLM_COLUMNS = ("grounding", "reasons_kept", "fallbacks", "llm_calls", "llm_s_p50")


def report_dict(ctx: EvalContext, results: Sequence[SystemResult]) -> dict:
    """report.json, with exactly the documented keys."""
    return {
        "protocol": ctx.protocol,
        "test_file": ctx.test_file,
        "samples": len(ctx.samples),
        "labels": label_count(ctx),
        "unknown_ids": ctx.unknown_ids,
        "systems": {r.name: {c: round(r.metrics[c], 4) for c in COLUMNS + LLM_COLUMNS
                             if c in r.metrics} for r in results},
    }


def markdown_table(report: dict, extra: dict[str, dict[str, float]] | None = None) -> str:
    """The report's systems as a markdown table; `extra` adds per-system columns."""
    extra = extra or {}
    extra_cols = sorted({c for m in extra.values() for c in m})
    cols = (*COLUMNS, *extra_cols)
    head = "| system | " + " | ".join(cols) + " |"
    sep = "|---" * (len(cols) + 1) + "|"
    rows = []
    for name, m in report["systems"].items():
        values = {**m, **extra.get(name, {})}
        cells = [f"{values[c]:.2f}" if c.startswith("latency") else f"{values.get(c, 0.0):.4f}"
                 for c in cols]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join([head, sep, *rows])


def text_table(report: dict) -> str:
    short = {"recall@1": "R@1", "recall@5": "R@5", "recall@10": "R@10", "recall@20": "R@20",
             "recall@50": "R@50", "recall@100": "R@100",
             "ndcg@10": "nDCG@10", "mrr": "MRR", "novel_recall@10": "novelR@10",
             "cold_recall@50": "coldR@50", "coverage@10": "cov@10", "latency_ms_p50": "p50 ms"}
    width = max([len(n) for n in report["systems"]] + [6])
    lines = [f"{report['protocol']} on {report['test_file']}: {report['samples']} samples, "
             f"{report['labels']} labels, {report['unknown_ids']} unknown ids",
             f"{'system':<{width}}  " + "  ".join(f"{c:>9}" for c in short.values())]
    for name, m in report["systems"].items():
        lines.append(f"{name:<{width}}  " + "  ".join(f"{m[c]:>9.4f}" for c in short))
    return "\n".join(lines)


def plot_recall(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, m in report["systems"].items():
        ax.plot(KS, [m[f"recall@{k}"] for k in KS], marker="o", label=name)
    ax.set_xscale("log")
    ax.set_xticks(KS, [str(k) for k in KS])
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k")
    ax.set_title(f"{report['protocol']} ({report['test_file']}, {report['labels']} labels)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_report(report: dict, out: Path, ctx: EvalContext | None = None,
                 results: Sequence[SystemResult] = ()) -> None:
    """report.json, report.md (with the run's notes and extra metrics) and recall_at_k.png."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    extra = {r.name: {c: r.metrics[c] for c in EXTRA_COLUMNS if c in r.metrics}
             for r in results}
    catalog = ctx.catalog.name if ctx else ""
    dropped = ctx.dropped_samples if ctx else 0
    md = [f"# {report['protocol']}: {catalog} on {report['test_file']}", "",
          f"{report['samples']} samples, {report['labels']} labels (one per target), "
          f"{report['unknown_ids']} unknown ids, {dropped} samples dropped (no target in the "
          "catalogue). Full-catalogue ranking, k = 100 retrieved.", "",
          markdown_table(report, extra), "", "![recall@k](recall_at_k.png)", ""]
    md += [f"- {note}" for note in (ctx.notes if ctx else [])]
    (out / "report.md").write_text("\n".join(md) + "\n")
    plot_recall(report, out / "recall_at_k.png")
