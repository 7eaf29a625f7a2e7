"""Serving: the FastAPI chat API with the Gradio UI mounted at /, on one uvicorn server."""

from __future__ import annotations

import argparse
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import FastAPI

from assistant.build import ensure_built
from core.catalog import CATALOG_NAMES
from core.settings import Settings

if TYPE_CHECKING:
    from assistant.orchestrator import Assistant

SERVED_CATALOGS = CATALOG_NAMES


def create_app(settings: Settings, catalogs: tuple[str, ...] = SERVED_CATALOGS,
               build_missing: bool = True, with_ui: bool = True,
               factory: Callable[[str], Assistant] | None = None) -> FastAPI:
    """The API (and UI) app. Assistants are built per catalogue on first use by `factory`
    (default: from settings and artifacts), so one process serves every catalogue."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no network calls home
    import gradio as gr

    from assistant.factory import build_assistant
    from assistant.llm import build_chat_model
    from assistant.session_store import MemorySessionStore, open_store
    from retrieval.encoder import TextEncoder
    from server.api import AssistantRegistry, create_api
    from server.ui import CSS, create_ui

    store = open_store(settings.api.session_db, settings.api.store_sessions)
    if factory is None:
        encoder = TextEncoder.from_settings(settings)
        backend = build_chat_model(settings.llm)
        if backend.reason and settings.llm.backend != "off":
            print(f"LLM: {backend.reason}; continuing with rules and templates")

        def factory(name: str) -> Assistant:
            return build_assistant(settings, name, backend, encoder, build_missing)

    registry = AssistantRegistry(factory, catalogs, settings.api.concurrent_turns or None,
                                 settings.api.refine_workers)
    app = create_api(registry, store, settings, MemorySessionStore())
    if with_ui:
        app = gr.mount_gradio_app(app, create_ui(registry, store, settings), path="/",
                                  css=CSS)
    return app


def api_app() -> FastAPI:
    """The chat API alone, from settings (`uvicorn --factory server.serve:api_app`): one
    worker process of a multi-process server, and what the API benchmark runs. Serves every
    catalogue whose artifacts are built (each loads on first use); builds nothing itself, so
    worker processes never race on the artifact folder."""
    from server.threads import limit_threads

    settings = Settings()
    limit_threads(settings.api.threads)
    if settings.api.workers > 1 and not settings.api.concurrent_turns:  # share out the cores
        turns = max(1, (os.cpu_count() or 2) // settings.api.workers)
        settings = settings.model_copy(update={
            "api": settings.api.model_copy(update={"concurrent_turns": turns})})
    return create_app(settings, built_catalogs(settings), build_missing=False, with_ui=False)


def built_catalogs(settings: Settings) -> tuple[str, ...]:
    from assistant.build import is_built

    built = tuple(name for name in SERVED_CATALOGS if is_built(name, settings))
    return built or (settings.catalog,)  # none built: requests say to run `because build`


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="because serve", description=__doc__)
    p.add_argument("--host", help="default: settings api.host (127.0.0.1)")
    p.add_argument("--port", type=int, help="default: settings api.port (7860)")
    p.add_argument("--workers", type=int,
                   help="API processes (default: settings api.workers, 1); above 1 serves the "
                        "API without the UI")
    return p


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    from server.threads import limit_threads

    args = parser().parse_args(argv)
    settings = Settings()
    ensure_built(settings.catalog, settings)  # the default catalogue first, with progress bars
    host = args.host or settings.api.host
    port = args.port or settings.api.port
    workers = args.workers or settings.api.workers
    if workers > 1:
        for name in SERVED_CATALOGS:  # workers only load: build everything here, once
            ensure_built(name, settings)
        print(f"because-rec: chat API on http://{host}:{port}/v1 ({workers} processes, no UI), "
              f"API docs on http://{host}:{port}/docs")
        os.environ["BECAUSE_API__WORKERS"] = str(workers)  # the workers read settings anew
        uvicorn.run("server.serve:api_app", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
        return 0
    limit_threads(settings.api.threads)  # serving: one per concurrent turn
    app = create_app(settings)
    registry = app.state.registry
    registry.get(settings.catalog)  # warm it before serving
    others = [name for name in registry.catalogs if name != settings.catalog]
    # The other catalogues build in the background; the UI's switch waits for them if needed.
    threading.Thread(target=lambda: [registry.get(name) for name in others], daemon=True,
                     name="warm-catalogues").start()
    print(f"because-rec: chat UI on http://{host}:{port}/ , API docs on http://{host}:{port}/docs")
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
