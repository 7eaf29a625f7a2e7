"""`because build movies|retail`: build every artifact a catalogue needs, with a manifest
(core/manifest.py), and `ensure_built`, which serving and evaluation call before loading."""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from assistant import title_prior
from assistant.linking import TitleLinker
from assistant.sentiment_train import build_sentiment
from core.catalog import Catalog, load_catalog
from core.datasets import interaction_files, shipped_dialogues, shipped_unordered
from core.errors import ArtifactError
from core.manifest import (
    MANIFEST,
    files_hash,
    is_complete,
    is_current,
    library_versions,
    read_manifest,
    recipe,
    write_manifest,
)
from core.settings import Settings
from core.timing import Laps, describe
from core.training import load_training_data, training_data_through_tune
from ranker.train import build_ranker
from retrieval.build import build_retrieval, refit_retrieval


def is_built(name: str, settings: Settings) -> bool:
    """A finished build of this catalogue is in place (staleness is checked on load)."""
    return is_complete(settings.artifact_dir(name))


def current(catalog: Catalog, settings: Settings) -> bool:
    """The catalogue's artifacts are complete and built from this catalogue, its interaction
    data and the current recipe."""
    return is_current(settings.artifact_dir(catalog.name), catalog.fingerprint(),
                      files_hash(interaction_files(catalog.name, settings.data_dir)), settings)


def build_catalog(name: str, settings: Settings, progress: bool = True) -> Path:
    catalog = load_catalog(name, settings.data_dir)
    out_dir = settings.artifact_dir(catalog.name)
    if out_dir.exists():
        (out_dir / MANIFEST).unlink(missing_ok=True)  # incomplete until this build finishes
        shutil.rmtree(out_dir / "retrieval", ignore_errors=True)
        shutil.rmtree(out_dir / "ranker", ignore_errors=True)
        shutil.rmtree(out_dir / "sentiment", ignore_errors=True)
        shutil.rmtree(out_dir / "linking", ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    laps = Laps()
    data = load_training_data(catalog, settings.data_dir)
    laps.lap("data")
    hybrid, entries = build_retrieval(data, out_dir, settings, progress=progress)
    laps.lap("retrieval")
    entries += build_ranker(data, hybrid, out_dir, settings, progress=progress)
    laps.lap("ranker")
    through_tune = training_data_through_tune(catalog, settings.data_dir)
    if settings.retrieval.refit and through_tune is not None:
        entries.append(refit_retrieval(hybrid, through_tune, out_dir))
        laps.lap("refit")
    if catalog.name == "movies":
        entries += build_understanding(catalog, settings, out_dir, progress=progress)
        laps.lap("understanding")
    inside = next((e.get("step_seconds", {}) for e in entries if e["component"] == "hybrid"), {})
    # where a build's minutes go: the budget is 10 minutes for movies on 2 cores
    print(f"{catalog.name} build steps: {describe(laps.seconds)}; retrieval: {describe(inside)}")
    manifest = {
        "catalog": catalog.name,
        "data_hash": catalog.fingerprint(),
        "interactions_hash": files_hash(interaction_files(catalog.name, settings.data_dir)),
        "recipe": recipe(settings),
        "items": len(catalog),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": round(time.perf_counter() - started, 1),
        "step_seconds": laps.seconds,
        "libraries": library_versions(),
        "components": entries,
        "complete": True,
    }
    write_manifest(out_dir, manifest)
    return out_dir


def build_understanding(catalog: Catalog, settings: Settings, out_dir: Path,
                        progress: bool = True) -> list[dict]:
    """The conversation's own models, from the ReDial train split: the title link prior and
    the mention-sentiment model (tune split for its early stopping and thresholds)."""
    started = time.perf_counter()
    dialogues = shipped_dialogues(settings.data_dir, catalog)
    unordered = shipped_unordered(settings.data_dir, catalog)
    prior = title_prior.build(title_prior.plain_texts(dialogues["train"], unordered), catalog)
    title_prior.save(prior, out_dir / "linking")
    prior_seconds = round(time.perf_counter() - started, 1)
    print(f"title link prior: {len(prior.plain)} title phrases counted in plain text, "
          f"{len(prior.words)} conversation words, {prior_seconds} s")
    # the unordered dialogues lower the tune score (their seeker side is a guess): left out
    sentiment = build_sentiment(catalog, dialogues["train"], dialogues["tune"], [], out_dir,
                                progress=progress,
                                linker=TitleLinker(catalog, prior=prior))
    return [{"component": "title_prior", "path": "linking",
             "config": {"phrases": len(prior.plain), "words": len(prior.words),
                        "source": "train split plain text"},
             "seconds": prior_seconds}, sentiment]


def ensure_built(name: str, settings: Settings, progress: bool = True) -> Path:
    """The artifact folder for a catalogue, built first if missing or stale."""
    catalog = load_catalog(name, settings.data_dir)
    out_dir = settings.artifact_dir(catalog.name)
    if current(catalog, settings):
        return out_dir
    print(f"building artifacts for {catalog.name!r} in {out_dir} (first run takes a few minutes)")
    return build_catalog(name, settings, progress)


def require_built(name: str, settings: Settings) -> Path:
    """The artifact folder, or an ArtifactError saying how to build it (read-only serving)."""
    catalog = load_catalog(name, settings.data_dir)
    out_dir = settings.artifact_dir(catalog.name)
    if not current(catalog, settings):
        raise ArtifactError(f"artifacts in {out_dir} are missing or stale: run "
                            f"`because build {name}`")
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="because build", description=__doc__)
    parser.add_argument("catalog", help="movies | retail | path/to/catalogue.csv")
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.force:
        out_dir = build_catalog(args.catalog, settings)
    else:
        out_dir = ensure_built(args.catalog, settings)
    manifest = read_manifest(out_dir) or {}
    print(f"artifacts ready in {out_dir} ({len(manifest.get('components', []))} components, "
          f"built in {manifest.get('build_seconds', '?')} s)")
    return 0
