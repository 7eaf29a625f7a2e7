"""The artifact manifest: artifacts/<catalogue>/manifest.json.

It lists each built component with its path, config, library versions and the catalogue's
data hash, plus the "recipe" (settings baked into the models); serving compares both to detect
stale artifacts.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

from core.settings import Settings

MANIFEST = "manifest.json"
LIBRARIES = ("torch", "faiss-cpu", "sentence-transformers", "numpy", "because-rec")


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def read_manifest(out_dir: Path) -> dict | None:
    path = out_dir / MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError:
        return None


def write_manifest(out_dir: Path, manifest: dict) -> None:
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2))


def files_hash(paths: list[Path]) -> str:
    """Hash of the interaction data files a build trained on: new data makes artifacts stale."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()[:16]


# Bumped when a build makes other components or trains them from other data: older artifacts
# are then stale (2: the whole ReDial split, out-of-fold ranker lists, the mention-sentiment
# model and the title link prior; 3: the sentiment model reads the item too; 4: the ALS source,
# score fusion with weights tuned alone, a ranker that reorders only the fused top 20, retail
# queries that carry their baskets for the opt-in GRU4Rec session source; 5: fusion weights
# tuned with the cold floor, the sentiment model's cue feature reading typographic apostrophes;
# 6: the neighbour source (TIFU-KNN) in the fusion and three ranker features for it; 7: a ranker
# that does not read the per-source scores and ranks; 8: out-of-fold two-towers trained for the
# served one's best epoch, item texts in bf16 where the CPU has it, accent-free link prior;
# 9: the learned repeat-purchase model, retail's sources refit through the tune month; 10: the
# link prior's conversation word counts, which a title that goes on is read by).
BUILD_VERSION = 10


def recipe(settings: Settings) -> dict:
    """Settings a build bakes into its models: artifacts built with others are stale."""
    return {"build": BUILD_VERSION, "query_max_tokens": settings.retrieval.query_max_tokens,
            "query_backend": settings.retrieval.query_backend,
            "item_precision": settings.retrieval.item_precision,
            "refit": settings.retrieval.refit}


def is_current(out_dir: Path, data_hash: str, interactions_hash: str,
               settings: Settings) -> bool:
    """Complete, built from this catalogue (`data_hash`), these interaction files and this
    recipe."""
    manifest = read_manifest(out_dir)
    return (bool(manifest) and manifest.get("data_hash") == data_hash
            and manifest.get("interactions_hash") == interactions_hash
            and manifest.get("recipe") == recipe(settings) and bool(manifest.get("complete")))


def is_complete(out_dir: Path) -> bool:
    """A finished build is in place (staleness is checked when the catalogue loads)."""
    manifest = read_manifest(out_dir)
    return bool(manifest and manifest.get("complete"))
