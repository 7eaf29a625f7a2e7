"""Building an Assistant for a catalogue from settings: every component made once, passed in."""

from __future__ import annotations

from pathlib import Path

from assistant import title_prior
from assistant.build import ensure_built, require_built
from assistant.explain import Explainer
from assistant.intent import IntentParser
from assistant.linking import TitleLinker
from assistant.llm import ChatBackend, build_chat_model
from assistant.orchestrator import Assistant
from assistant.sentiment import MentionSentiment
from core.catalog import FILM_KINDS, load_catalog
from core.errors import ArtifactError
from core.settings import Settings
from ranker.model import load_ranker
from retrieval.build import load_hybrid
from retrieval.encoder import TextEncoder


def build_assistant(settings: Settings, catalog_name: str, backend: ChatBackend | None = None,
                    encoder: TextEncoder | None = None, build_missing: bool = True) -> Assistant:
    catalog = load_catalog(catalog_name, settings.data_dir)
    catalog.index_words()  # here, not in the first person's turn
    if catalog.name == "movies":  # and the kinds ("no sequels" had built them in its turn)
        for kind in FILM_KINDS:
            catalog.kind_mask(kind)
    out_dir = (ensure_built if build_missing else require_built)(catalog_name, settings)
    encoder = encoder or TextEncoder.from_settings(settings)
    hybrid = load_hybrid(catalog, out_dir, settings, encoder)
    try:
        ranker = load_ranker(hybrid, out_dir)
    except (ArtifactError, OSError, ValueError, KeyError) as exc:  # serve on fused retrieval
        print(f"ranker unavailable for {catalog_name!r} ({exc}); serving the fused retrieval order")
        ranker = None
    backend = backend or build_chat_model(settings.llm)
    item_text = hybrid.sources["text"].index.vectors
    prior, sentiment, missing = load_understanding(catalog_name, out_dir)
    linker = TitleLinker(catalog, item_text, encoder.encode_queries, prior=prior)
    parser = IntentParser(catalog, linker, backend.model, settings.llm, sentiment, missing)
    explainer = Explainer(catalog, backend.model, settings.llm, item_text,
                          hybrid.sources.get("cooc"))
    return Assistant(catalog, parser, hybrid, ranker, explainer, settings.recommendations,
                     backend.name)


def load_understanding(catalog_name: str, out_dir: Path
                       ) -> tuple[title_prior.TitlePrior | None, MentionSentiment | None,
                                  str]:
    """The title link prior and the mention-sentiment model (movies only: they learn from
    ReDial), and why they are missing if they are: the rules then read alone."""
    if catalog_name != "movies":
        return None, None, ""
    try:
        return title_prior.load(out_dir / "linking"), MentionSentiment.load(
            out_dir / "sentiment"), ""
    except (ArtifactError, OSError, ValueError) as exc:
        print(f"mention understanding unavailable for {catalog_name!r} ({exc}); rules only")
        return None, None, "rules_only"
