"""`python -m retrieval.gru4rec_add CATALOG`: train GRU4Rec into an existing build.

Everything else stays as built, so the hybrid with and without the session source differ by
that source alone (the weight it gets is chosen on tune, the others kept), and the build is
marked current. The default build leaves the session model out (see `fit_hybrid`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from core.catalog import load_catalog
from core.errors import ArtifactError
from core.manifest import read_manifest, recipe, write_manifest
from core.settings import Settings
from core.training import TrainingData, load_training_data
from retrieval.build import gru4rec_entry, join_gru4rec, load_hybrid, require_tune_unseen
from retrieval.gru4rec import GRU4Rec
from retrieval.hybrid import HybridRetriever


def add_gru4rec(data: TrainingData, out_dir: Path, settings: Settings,
                progress: bool = True, model_dir: Path | None = None) -> dict:
    """Train GRU4Rec into the build in `out_dir` and mark the build current."""
    manifest = read_manifest(out_dir)
    if not manifest or not manifest.get("complete"):
        raise ArtifactError(f"no complete build in {out_dir}: run `because build "
                            f"{data.catalog.name}`")
    require_tune_unseen(out_dir, data.catalog.name, "the session model's weight")
    directory = out_dir / "retrieval"
    hybrid = load_hybrid(data.catalog, out_dir, settings)
    item_text = hybrid.sources["text"].index.vectors
    hybrid.sources.pop("gru4rec", None)
    trained = GRU4Rec.load(data.catalog, model_dir, item_text) if model_dir else None
    report = join_gru4rec(hybrid, data, item_text, settings, progress, True, trained=trained)
    hybrid.sources["gru4rec"].save(directory)
    hybrid.save_config(directory)
    components = [c for c in manifest["components"] if c["component"] != "gru4rec"]
    for component in components:
        if component["component"] == "hybrid":
            component["config"] = HybridRetriever.load_config(directory)
    manifest["components"] = [*components, gru4rec_entry(hybrid, report)]
    manifest["recipe"] = recipe(settings)
    write_manifest(out_dir, manifest)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m retrieval.gru4rec_add", description=__doc__)
    parser.add_argument("catalog", help="movies | retail")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--model", type=Path,
                        help="a GRU4Rec saved by GRU4Rec.save, trained on the same train split "
                             "(skips training; the weight is still chosen on tune)")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    settings = Settings()
    catalog = load_catalog(args.catalog, settings.data_dir)
    data = load_training_data(catalog, settings.data_dir)
    report = add_gru4rec(data, settings.artifact_dir(catalog.name), settings,
                         progress=not args.quiet, model_dir=args.model)
    print(json.dumps({k: v for k, v in report.items() if k != "history"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
