"""Shared fixtures: the real shipped catalogues (loaded once) and a small synthetic one."""

from __future__ import annotations

import numpy as np
import pytest

from core.catalog import Catalog, load_catalog
from core.settings import Settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def movies(settings: Settings) -> Catalog:
    return load_catalog("movies", settings.data_dir)


@pytest.fixture(scope="session")
def retail(settings: Settings) -> Catalog:
    return load_catalog("retail", settings.data_dir)


def make_catalog(n: int = 40, name: str = "synthetic") -> Catalog:
    """Items in four genre blocks of n/4; odd items are 'cheap', years rise with the id."""
    genres = ("Horror", "Comedy", "Drama", "Western")
    block = max(n // 4, 1)
    return Catalog(
        name=name,
        external_ids=tuple(f"x{i}" for i in range(n)),
        titles=tuple(f"Item {i}" for i in range(n)),
        years=np.asarray([1950 + i for i in range(n)], dtype=np.int32),
        prices=np.asarray([5.0 if i % 2 else 20.0 for i in range(n)], dtype=np.float32),
        genres=tuple((genres[min(i // block, 3)],) for i in range(n)),
        cast=tuple(() for _ in range(n)),
        descriptions=tuple(f"a {genres[min(i // block, 3)].lower()} item" for i in range(n)),
        popularity=np.arange(n, dtype=np.float32),
    )


@pytest.fixture
def synthetic() -> Catalog:
    return make_catalog()


@pytest.fixture(scope="session")
def off_settings(settings: Settings) -> Settings:
    """Settings with the LLM off: rules and templates, fast and deterministic."""
    return settings.model_copy(update={"llm": settings.llm.model_copy(update={"backend": "off"})})


@pytest.fixture(scope="session")
def movie_assistant(off_settings: Settings):
    """The real movie Assistant (artifacts built first if missing), LLM off."""
    from assistant.factory import build_assistant

    return build_assistant(off_settings, "movies")


def make_assistant(catalog: Catalog, chat_model=None):
    """A small real Assistant over a catalogue: popularity retrieval, no ranker, LLM off
    (or `chat_model`, a LangChain chat model, for phase 2)."""
    from assistant.explain import Explainer
    from assistant.intent import IntentParser
    from assistant.linking import TitleLinker
    from assistant.orchestrator import Assistant
    from core.settings import LLMSettings
    from retrieval.hybrid import HybridRetriever
    from retrieval.popularity import PopularityRetriever

    llm = LLMSettings(backend="off", timeout_s=10)
    pop = PopularityRetriever(catalog, np.asarray(catalog.popularity, dtype=np.float32))
    return Assistant(catalog, IntentParser(catalog, TitleLinker(catalog), chat_model, llm),
                     HybridRetriever(catalog, {"pop": pop}), None,
                     Explainer(catalog, chat_model, llm), recommendations=5)




def api_settings(settings: Settings, **api) -> Settings:
    return settings.model_copy(update={"api": settings.api.model_copy(update=api)})
