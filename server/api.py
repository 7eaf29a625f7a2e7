"""The chat API (FastAPI): sessions, messages, feedback, items, an OpenAI-compatible endpoint,
health and Prometheus metrics. Thin: validate, call the Assistant, render."""

from __future__ import annotations

import os
import random
import secrets
import threading
import time
from collections.abc import Callable
from typing import Literal, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest as prometheus_text
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.orchestrator import FEEDBACK_SIGNALS, Assistant
from assistant.session_store import SessionConflict, SessionStore
from core.settings import Settings
from core.types import Message, Recommendation, Session, TurnResult

SESSION_LOCK_STRIPES = 1024  # a fixed pool: memory does not grow with the number of sessions
SESSION_ATTEMPTS = 8  # reloads when another process saved the same session meanwhile
T = TypeVar("T")


class AssistantRegistry:
    """One Assistant per catalogue, built on first use and shared by every request.

    `turn_slots` bounds how many turns compute at once: more than the cores only adds thread
    switching (each turn is CPU-bound), while waiting requests queue at no cost."""

    def __init__(self, factory: Callable[[str], Assistant], catalogs: tuple[str, ...],
                 concurrent_turns: int | None = None):
        self.factory = factory
        self.catalogs = catalogs
        self._built: dict[str, Assistant] = {}
        self._lock = threading.Lock()
        self._session_locks = [threading.Lock() for _ in range(SESSION_LOCK_STRIPES)]
        self._catalog_locks: dict[str, threading.Lock] = {}
        self.turn_slots = threading.BoundedSemaphore(concurrent_turns or os.cpu_count() or 2)

    def get(self, catalog: str) -> Assistant:
        if catalog not in self.catalogs:
            raise HTTPException(422, f"unknown catalogue {catalog!r}; choose one of "
                                     f"{', '.join(self.catalogs)}")
        with self._lock:  # a per-catalogue lock: building one never blocks the others
            lock = self._catalog_locks.setdefault(catalog, threading.Lock())
        with lock:
            if catalog not in self._built:
                self._built[catalog] = self.factory(catalog)
            return self._built[catalog]

    def loaded(self) -> list[str]:
        return list(self._built)

    def session_lock(self, session_id: str) -> threading.Lock:
        return self._session_locks[hash(session_id) % SESSION_LOCK_STRIPES]

    def update(self, session_id: str, load: Callable[[], tuple[Session, SessionStore]],
               change: Callable[[Session, SessionStore], T]) -> tuple[Session, T]:
        """Load a session, change it and save it (`change` saves). The lock keeps requests of
        this process in order; a save that lost a race with another process raises
        SessionConflict and the change runs again on the newer state."""
        for attempt in range(SESSION_ATTEMPTS):
            with self.session_lock(session_id):
                session, where = load()
                try:
                    return session, change(session, where)
                except SessionConflict:
                    pass
            time.sleep(random.uniform(0.0, 0.001 * 2**attempt))  # jitter: racers fall apart
        raise HTTPException(409, "the session kept changing during this request; try again")

    def take_turn(self, session: Session, text: str, where: SessionStore) -> TurnResult:
        """A turn within the compute slots, saved with its log rows in one transaction."""
        assistant = self.get(session.catalog)
        with self.turn_slots:
            result = assistant.turn(session, text)
        where.save_turn(session, text, result)
        return result


# -- request and response bodies ----------------------------------------------------------

class NewSession(BaseModel):
    catalog: str = "movies"
    session_only: bool = False


class UserMessage(BaseModel):
    text: str


class Feedback(BaseModel):
    item_id: int
    signal: Literal["like", "dislike", "click", "purchase"]


class SessionView(BaseModel):
    session_id: str
    catalog: str
    liked: list[dict]
    disliked: list[dict]
    seen: list[dict]
    constraints: dict
    not_found: list[str] = []  # titles the person wrote that the catalogue does not hold
    messages: list[Message]


class TurnView(BaseModel):
    session_id: str
    reply: str
    recommendations: list[Recommendation]
    intent: dict
    understood: SessionView
    timings_ms: dict[str, float]
    fallbacks: list[str]


class ChatMessage(BaseModel):
    role: str
    content: str | list | None = None


class ChatRequest(BaseModel):
    model: str = "because-rec"
    messages: list[ChatMessage] = Field(min_length=1)
    user: str | None = None  # an existing session id continues that session


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("because_requests_total", "API requests",
                                ["route", "status"], registry=self.registry)
        self.stage = Histogram("because_stage_latency_seconds", "turn stage latency",
                               ["stage"], registry=self.registry,
                               buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
                                        5, 10, 30))
        self.fallbacks = Counter("because_llm_fallbacks_total", "stages that fell back",
                                 ["stage"], registry=self.registry)

    def observe(self, result: TurnResult) -> None:
        for stage, ms in result.timings_ms.items():
            self.stage.labels(stage).observe(ms / 1000.0)
        for fallback in result.fallbacks:
            self.fallbacks.labels(fallback.split(":")[0]).inc()


class RequestCounter:
    """Counts requests by route and status. A plain ASGI middleware: Starlette's
    BaseHTTPMiddleware would wrap every response in extra tasks and streams."""

    def __init__(self, app, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = ["500"]

        async def send_and_note(message) -> None:
            if message["type"] == "http.response.start":
                status[0] = str(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")
            self.metrics.requests.labels(getattr(route, "path", "other"), status[0]).inc()


def session_view(assistant: Assistant, session: Session) -> SessionView:
    cat = assistant.catalog

    def items(ids: list[int]) -> list[dict]:
        return [{"item_id": i, "title": cat.display_title(i)} for i in ids if cat.has(i)]

    return SessionView(
        session_id=session.session_id, catalog=session.catalog,
        liked=items(session.liked_ids), disliked=items(session.disliked_ids),
        seen=items(session.seen_ids),
        constraints=session.filters.model_dump(exclude_defaults=True),
        not_found=session.not_found, messages=session.messages[-20:])


def item_view(assistant: Assistant, item_id: int) -> dict:
    item = assistant.catalog.item(item_id)
    return {"item_id": item.item_id, "external_id": item.external_id, "title": item.title,
            "year": item.year, "price": item.price, "genres": list(item.genres),
            "cast": list(item.cast[:8]), "description": item.description,
            "catalog": assistant.catalog.name}


def render_recommendations(recs: list[Recommendation]) -> str:
    return "\n".join(f"{n}. {r.title} — {r.explanation}" for n, r in enumerate(recs, 1))


# -- the app --------------------------------------------------------------------------------

def create_api(registry: AssistantRegistry, store: SessionStore, settings: Settings,
               memory_store: SessionStore | None = None) -> FastAPI:
    app = FastAPI(title="because-rec chat API", version="0.1.0",
                  description="Conversational recommendations with grounded explanations.")
    metrics = Metrics()
    max_chars = settings.api.max_message_chars
    stores = {"persistent": store, "memory": memory_store or store}

    @app.exception_handler(RequestValidationError)
    async def invalid_body(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") in ("json_invalid", "value_error.jsondecode") for e in errors):
            return JSONResponse({"detail": "the request body is not valid JSON (UTF-8)"}, 400)
        if any(tuple(e.get("loc", ())) == ("body",) for e in errors):
            return JSONResponse({"detail": "the request body must be a JSON object "
                                           "(Content-Type: application/json)"}, 422)
        fields = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                           for e in errors)
        return JSONResponse({"detail": f"invalid request: {fields}"}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        if exc.status_code == 400 and detail == "There was an error parsing the body":
            detail = "the request body is not valid JSON in UTF-8"
        return JSONResponse({"detail": detail}, exc.status_code, headers=exc.headers)


    def owner(request: Request) -> str:
        keys = settings.api.api_keys
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        if keys and token not in keys:
            raise HTTPException(401, "missing or invalid API key (Authorization: Bearer KEY)")
        return token or "anonymous"

    def load(session_id: str, who: str) -> tuple[Session, SessionStore]:
        for kind in ("persistent", "memory"):
            found = stores[kind].get(session_id)
            if found is not None and found[1] == who:
                return found[0], stores[kind]
        raise HTTPException(404, f"unknown session {session_id!r}")

    async def compute(fn: Callable[..., T], *args) -> T:
        """A turn: on a worker thread (the event loop keeps serving while it computes, and a
        turn waiting on a remote LLM blocks nobody), or inline on the event loop
        (`api.inline_turns`: no thread hand-offs or GIL contention, about a fifth less CPU
        per turn; for worker processes whose turns are CPU-bound, i.e. the LLM off or
        embedded)."""
        if settings.api.inline_turns:
            return fn(*args)
        return await run_in_threadpool(fn, *args)

    def check_text(text: str) -> str:
        if not text or not text.strip():
            raise HTTPException(422, "the message is empty: say what you are looking for")
        if len(text) > max_chars:
            raise HTTPException(413, f"the message has {len(text)} characters; the limit is "
                                     f"{max_chars}")
        return text

    def run_turn(session_id: str, text: str,
                 loader: Callable[[], tuple[Session, SessionStore]]) -> tuple[Session,
                                                                              TurnResult]:
        session, result = registry.update(
            session_id, loader, lambda session, where: registry.take_turn(session, text, where))
        metrics.observe(result)
        return session, result

    @app.post("/v1/sessions", status_code=201)
    def create_session(body: NewSession | None = None, who: str = Depends(owner)) -> dict:
        body = body or NewSession()
        registry.get(body.catalog)  # validates the catalogue name (and warms it)
        session = Session(session_id=secrets.token_hex(16), catalog=body.catalog)
        stores["memory" if body.session_only else "persistent"].create(session, who)
        return {"session_id": session.session_id, "catalog": session.catalog}

    @app.get("/v1/sessions/{session_id}")
    def get_session(session_id: str, who: str = Depends(owner)) -> SessionView:
        session, _ = load(session_id, who)
        return session_view(registry.get(session.catalog), session)

    @app.post("/v1/sessions/{session_id}/messages", response_model=TurnView)
    async def post_message(session_id: str, body: UserMessage,
                           who: str = Depends(owner)) -> Response:
        text = check_text(body.text)
        session, result = await compute(run_turn, session_id, text,
                                        lambda: load(session_id, who))
        view = TurnView(session_id=session_id, reply=result.reply,
                        recommendations=result.recommendations,
                        intent=result.intent.model_dump(),
                        understood=session_view(registry.get(session.catalog), session),
                        timings_ms=result.timings_ms, fallbacks=result.fallbacks)
        # built from typed parts already: serialise once instead of validating it again
        return Response(view.model_dump_json(), media_type="application/json")

    @app.post("/v1/sessions/{session_id}/feedback")
    def post_feedback(session_id: str, body: Feedback, who: str = Depends(owner)) -> dict:
        session, where = load(session_id, who)
        assistant = registry.get(session.catalog)
        if not assistant.catalog.has(body.item_id):
            raise HTTPException(422, f"unknown item id {body.item_id} in catalogue "
                                     f"{session.catalog!r}")
        def apply(session: Session, where: SessionStore) -> None:
            assistant.apply_feedback(session, body.item_id, body.signal)
            where.save_feedback(session, body.item_id, body.signal)  # stored before the reply

        session, _ = registry.update(session_id, lambda: load(session_id, who), apply)
        return {"ok": True, "understood": session_view(assistant, session).model_dump()}

    @app.delete("/v1/sessions/{session_id}")
    def delete_session(session_id: str, who: str = Depends(owner)) -> dict:
        _, where = load(session_id, who)
        where.forget(session_id)
        return {"deleted": session_id}

    @app.get("/v1/items/{item_id}")
    def get_item(item_id: int, catalog: str = "movies") -> dict:
        assistant = registry.get(catalog)
        if not assistant.catalog.has(item_id):
            raise HTTPException(404, f"unknown item id {item_id} in catalogue {catalog!r}")
        return item_view(assistant, item_id)

    @app.post("/v1/chat/completions")
    async def chat_completions(body: ChatRequest, request: Request,
                               who: str = Depends(owner)) -> dict:
        """OpenAI-compatible. The session is `user` or the X-Session-Id header (an id from POST
        /v1/sessions, same key); without one, earlier user messages are context and nothing
        is stored. Structured recommendations are in the top-level `because` field."""
        return await compute(complete, body, request.headers.get("x-session-id"), who)

    def complete(body: ChatRequest, header_session: str | None, who: str) -> dict:
        texts = [(m.role, m.content if isinstance(m.content, str) else "")
                 for m in body.messages]
        users = [t for role, t in texts if role == "user"]
        if not users:
            raise HTTPException(422, "messages must contain a user message")
        text = check_text(users[-1])
        catalog = body.model if body.model in registry.catalogs else "movies"
        wanted = body.user or header_session
        found = None
        for kind in ("persistent", "memory"):
            hit = stores[kind].get(wanted) if wanted else None
            if hit is not None and hit[1] == who:
                found = (hit[0], stores[kind])
                break
        stateless = found is None
        if found is not None:
            session, where = found
            loader = lambda: load(session.session_id, who)  # noqa: E731
        else:  # stateless call: earlier user messages become context, nothing is kept
            session = Session(session_id=secrets.token_hex(16), catalog=catalog)
            where = stores["memory"]
            where.create(session, who)
            assistant = registry.get(catalog)
            for earlier in users[:-1]:
                assistant.observe(session, earlier[:max_chars])
            loader = lambda: (session, where)  # noqa: E731
        try:
            session, result = run_turn(session.session_id, text, loader)
        finally:
            if stateless:
                where.forget(session.session_id)
        content = result.reply
        if result.recommendations:
            content += "\n\n" + render_recommendations(result.recommendations)
        return {
            "id": f"chatcmpl-{secrets.token_hex(8)}", "object": "chat.completion",
            "created": int(time.time()), "model": body.model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "because": {"session_id": None if stateless else session.session_id,
                        "recommendations": [r.model_dump() for r in result.recommendations],
                        "intent": result.intent.model_dump()},
        }

    @app.get("/healthz")
    def healthz() -> dict:
        loaded = {name: registry.get(name).llm_backend for name in registry.loaded()}
        return {"status": "ok", "catalogs": list(registry.catalogs), "loaded": loaded,
                "pid": os.getpid()}

    @app.get("/metrics")
    def prometheus() -> Response:
        return Response(prometheus_text(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(RequestCounter, metrics=metrics)
    app.state.registry = registry
    app.state.store = store
    app.state.signals = FEEDBACK_SIGNALS
    return app
