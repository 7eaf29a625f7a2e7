"""Feature-group ablation of the neural ranker: retrain with each group removed and report
nDCG@10 / recall@10 on the validation split (a report only: nothing is tuned on it).

    python -m eval.ablation movies [--folds 0]

Training lists are those of the build (cached); validation lists are the hybrid's candidates
for every validation sample, so a target the hybrid missed counts as a miss, exactly as in
`because eval`.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

import numpy as np
import torch

from assistant.build import ensure_built
from core.catalog import load_catalog
from core.errors import ArtifactError
from core.settings import Settings
from core.training import load_training_data
from eval.metrics import ndcg_at_k, recall_at_k, target_ranks
from eval.protocols import build_context
from ranker.features import FEATURE_NAMES, GROUPS
from ranker.lists import CandidateList, candidate_lists, hybrid_key, load_lists, save_lists
from ranker.model import POPULARITY, CrossNetwork, RankerConfig, served_scores
from ranker.train import (
    DEFAULT_FOLDS,
    fit_network,
    training_lists,
    untrained_ranker,
)
from retrieval.build import load_hybrid, require_tune_unseen


def valid_lists(hybrid, settings: Settings, out_dir, cfg: RankerConfig) -> list[CandidateList]:
    ctx = build_context(hybrid.catalog.name, settings, catalog=hybrid.catalog)
    key = hybrid_key(hybrid, "valid", len(ctx.samples), [n for _, n in FEATURE_NAMES])
    path = out_dir / "cache" / "ranker_valid_lists.npz"
    if (cached := load_lists(path, key)) is not None:
        return cached
    lists = candidate_lists(hybrid, untrained_ranker(hybrid, cfg), ctx.samples,
                            desc="validation lists", keep_misses=True)
    save_lists(path, lists, key)
    return lists


def metrics(lists: list[CandidateList], network: CrossNetwork | None) -> dict[str, float]:
    """nDCG@10 / recall@10 over labels of the order serving shows (the top RERANK_DEPTH
    reordered, cold items in place); network None keeps the hybrid's fused order."""
    ranks = []
    with torch.no_grad():
        for c in lists:
            order = np.arange(len(c.item_ids))
            if network is not None and len(order):
                scores = served_scores(network(torch.from_numpy(c.features)).numpy(),
                                       c.features[:, POPULARITY] <= 0)
                order = np.argsort(-scores, kind="stable")
            ranks.append(target_ranks(c.item_ids[order][:100].tolist(), c.target_ids.tolist()))
    flat = np.concatenate(ranks)
    return {"ndcg@10": ndcg_at_k(flat, 10), "recall@10": recall_at_k(flat, 10)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.ablation", description=__doc__)
    parser.add_argument("catalog")
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    args = parser.parse_args(argv)
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    settings = Settings()
    catalog = load_catalog(args.catalog, settings.data_dir)
    out_dir = ensure_built(catalog.name, settings)
    try:
        require_tune_unseen(out_dir, catalog.name, "the ablation's rankers")
    except ArtifactError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    hybrid = load_hybrid(catalog, out_dir, settings)
    cfg = RankerConfig(seed=settings.seed)
    data = load_training_data(catalog, settings.data_dir)
    train, held = training_lists(data, hybrid, out_dir, settings, folds=args.folds, cfg=cfg)
    valid = valid_lists(hybrid, settings, out_dir, cfg)
    rows = [("hybrid (fused order)", metrics(valid, None))]
    # the build's ranker first, then every feature group the build keeps dropped on top of it,
    # then every group the build drops added back
    built = "as built" + (f" (without {', '.join(cfg.dropped_groups)})"
                          if cfg.dropped_groups else "")
    runs = [(built, cfg.dropped_groups)]
    runs += [(f"without {g}", [*cfg.dropped_groups, g]) for g in GROUPS
             if g not in cfg.dropped_groups]
    runs += [(f"with {g}", [d for d in cfg.dropped_groups if d != g])
             for g in cfg.dropped_groups]
    for name, dropped in runs:
        run = dataclasses.replace(cfg, dropped_groups=dropped)
        network, _ = fit_network(train, held, run, progress=False)
        rows.append((name, metrics(valid, network)))
        print(f"  {rows[-1][0]}: {rows[-1][1]}", flush=True)
    full = rows[1][1]
    print(f"\n{catalog.name}: {len(valid)} validation samples, {len(train)} training lists\n")
    print("| ranker | nDCG@10 | recall@10 | ΔnDCG@10 vs as built |")
    print("|---|---|---|---|")
    for name, m in rows:
        print(f"| {name} | {m['ndcg@10']:.4f} | {m['recall@10']:.4f} | "
              f"{m['ndcg@10'] - full['ndcg@10']:+.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
