"""The chat API (FastAPI): sessions, messages, feedback, items, an OpenAI-compatible endpoint,
health and Prometheus metrics. Thin: validate, call the Assistant, render."""

from __future__ import annotations

import json
import os
import random
import re
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Literal, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest as prometheus_text
from pydantic import BaseModel, Field, StrictBool, StrictInt
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.orchestrator import FEEDBACK_SIGNALS, Assistant
from assistant.session_store import SessionConflict, SessionStore
from assistant.words import visible
from core.catalog import Catalog
from core.settings import Settings
from core.types import (
    ITEM_READINGS,
    Message,
    ReasonCounts,
    Recommendation,
    Session,
    TurnResult,
)
from server.refinements import Refinements, RefineOutcome, wait_limit_s

SESSION_LOCK_STRIPES = 1024  # a fixed pool: memory does not grow with the number of sessions
SESSION_ATTEMPTS = 8  # reloads when another process saved the same session meanwhile
# a request waits this long for a catalogue another thread is loading (seconds) or building
# (minutes, on the first run), then answers 503
BUILD_WAIT_S = 20.0
BUILD_RETRY_S = 30  # the Retry-After of that 503
T = TypeVar("T")


class AssistantRegistry:
    """One Assistant per catalogue, built on first use and shared by every request.

    `turn_slots` bounds how many turns compute at once: more than the cores only adds thread
    switching (each turn is CPU-bound), while waiting requests queue at no cost."""

    def __init__(self, factory: Callable[[str], Assistant], catalogs: tuple[str, ...],
                 concurrent_turns: int | None = None, refine_workers: int = 1):
        self.factory = factory
        self.catalogs = catalogs
        self.metrics = Metrics()
        self.refinements = Refinements(refine_workers)
        self._built: dict[str, Assistant] = {}
        self._lock = threading.Lock()
        self._session_locks = [threading.Lock() for _ in range(SESSION_LOCK_STRIPES)]
        self._catalog_locks: dict[str, threading.Lock] = {}
        self.turn_slots = threading.BoundedSemaphore(concurrent_turns or os.cpu_count() or 2)
        self.build_wait_s = BUILD_WAIT_S

    def get(self, catalog: str, timeout: float | None = None) -> Assistant:
        """The catalogue's Assistant, built here if no one has; `timeout`: how long to wait
        while another thread builds it (the first run's background build takes minutes),
        then a 503 that says so, rather than a request that hangs."""
        if catalog not in self.catalogs:
            raise HTTPException(422, f"unknown catalogue {catalog!r}; choose one of "
                                     f"{', '.join(self.catalogs)}")
        if catalog in self._built:
            return self._built[catalog]
        with self._lock:  # a per-catalogue lock: building one never blocks the others
            lock = self._catalog_locks.setdefault(catalog, threading.Lock())
        if not lock.acquire(timeout=-1 if timeout is None else timeout):
            raise HTTPException(503, f"the {catalog} catalogue is still being built (the first "
                                     "run takes a few minutes); try again shortly",
                                headers={"Retry-After": str(BUILD_RETRY_S)})
        try:
            if catalog not in self._built:
                self._built[catalog] = self.factory(catalog)
            return self._built[catalog]
        finally:
            lock.release()

    def for_request(self, catalog: str) -> Assistant:
        """`get` for an API request: a 503 after `build_wait_s` rather than a hang."""
        return self.get(catalog, timeout=self.build_wait_s)

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
        """Phase 1 of a turn within the compute slots, saved with its log rows in one
        transaction."""
        assistant = self.get(session.catalog)
        with self.turn_slots:
            result = assistant.turn(session, text)
        where.save_turn(session, text, result)
        return result

    def start_refinement(self, session: Session, phase1: TurnResult, owner: str,
                         loader: Callable[[], tuple[Session, SessionStore]] | None) -> str | None:
        """Start phase 2 of the turn that left `session` as it is; returns the turn id to
        fetch it by, or None when there is no phase 2 (LLM off, nothing shown). With
        `loader`, the refinement is adopted into the stored session; without (a stateless
        call), it only comes back to the caller."""
        if not phase1.refinable:
            return None
        turn_id = secrets.token_hex(8)
        snapshot = session.model_copy(deep=True)
        self.refinements.start(Refinements.key(session.session_id, turn_id), owner,
                               lambda given_up: self.refine(snapshot, phase1, loader, given_up))
        return turn_id

    def refine(self, snapshot: Session, phase1: TurnResult,
               loader: Callable[[], tuple[Session, SessionStore]] | None,
               given_up: threading.Event | None = None) -> RefineOutcome:
        """Phase 2 (off the request path): skipped if a newer turn came first; the LLM
        works on the snapshot without holding the session, and its result is adopted with a
        versioned save only while phase 1 is still the session's latest turn and nobody was
        told it failed (`given_up`: a stream that stopped waiting said so)."""
        assistant = self.get(snapshot.catalog)
        try:
            if loader is not None and not assistant.is_latest(loader()[0], phase1):
                return self._counted(RefineOutcome("stale"))
            refinement = assistant.refine(snapshot, phase1)
        except HTTPException:  # the session was deleted meanwhile
            return self._counted(RefineOutcome("stale"))
        except Exception as exc:  # phase 2 must never take phase 1 down
            return self._counted(RefineOutcome("failed", fallbacks=[
                f"refine:{type(exc).__name__}"]))
        if refinement.result is None:
            return self._counted(RefineOutcome("failed", fallbacks=refinement.fallbacks))
        if loader is None:
            assistant.adopt(snapshot, phase1, refinement)
            return self._counted(RefineOutcome("refined", refinement.result, snapshot,
                                               refinement.fallbacks))

        def adopt(current: Session, where: SessionStore) -> bool:
            if given_up is not None and given_up.is_set():
                return False  # the client heard "failed": phase 1 stands, as it was told
            adopted = assistant.adopt(current, phase1, refinement)
            if adopted:
                where.save(current)
            return adopted

        try:
            session, adopted = self.update(snapshot.session_id, loader, adopt)
        except HTTPException:  # deleted, or it kept changing: the newer state wins
            return self._counted(RefineOutcome("stale"))
        if not adopted:
            return self._counted(RefineOutcome("stale"))
        return self._counted(RefineOutcome("refined", refinement.result, session,
                                           refinement.fallbacks))

    def _counted(self, outcome: RefineOutcome) -> RefineOutcome:
        self.metrics.observe_refinement(outcome)
        return outcome


# -- request and response bodies ----------------------------------------------------------

MAX_ORDERS = 500
ITEM_ID = re.compile(r"-?[0-9]{1,12}")  # ASCII digits only: "²", "٣" and 5,000 digits are no id
INVALID_JSON = "the request body is not valid JSON (UTF-8)"
# /v1/chat/completions: the messages one request may carry, and the earlier user messages a
# stateless call reads as context (each costs a parse: a 4,000-character one about 1.7 s)
MAX_CHAT_MESSAGES = 100
CONTEXT_USER_MESSAGES = 10
MAX_ORDER_ITEMS = 500


class NewSession(BaseModel):
    catalog: str = "movies"
    session_only: StrictBool = False
    # retail: the customer's past orders, oldest first, each a list of item ids
    purchases: list[list[StrictInt]] = Field(default_factory=list, max_length=MAX_ORDERS)


class UserMessage(BaseModel):
    text: str
    # true (or, when not given, Accept: text/event-stream): server-sent events per phase
    stream: StrictBool | None = None


class Feedback(BaseModel):
    item_id: StrictInt  # `true` or "524" are refused, not read as ids 1 and 524
    signal: Literal["like", "dislike", "click", "purchase"]


class SessionView(BaseModel):
    session_id: str
    catalog: str
    liked: list[dict]
    disliked: list[dict]
    seen: list[dict]
    constraints: dict
    wanted: list[dict] = []  # not seen yet, taken up ("will check it out"): a hint, not a like
    not_found: list[str] = []  # titles the person wrote that the catalogue does not hold
    moods: list[str] = []  # the latest message's mood words, matched against descriptions only
    orders: int = 0  # past orders given at session start
    # retail: the products the latest message asked what goes with ("what goes with it?")
    together: list[dict] = []
    messages: list[Message]


class TurnView(BaseModel):
    session_id: str
    reply: str
    recommendations: list[Recommendation]
    intent: dict
    understood: SessionView
    timings_ms: dict[str, float]
    fallbacks: list[str]
    reasons: ReasonCounts
    phase: int  # 1: the deterministic answer; 2: refined by the LLM
    turn_id: str | None = None  # names this turn's phase 2, if one follows
    refinement: str | None = None  # GET it for phase 2 (waits up to ?wait= seconds)


class RefinementView(BaseModel):
    """GET .../refinement: `refined` carries phase 2 in `turn`; `failed` (phase 1 stands,
    `fallbacks` says why), `stale` (a newer turn came first) and `pending` (not ready within
    the wait) carry none."""

    status: Literal["refined", "failed", "stale", "pending"]
    turn: TurnView | None = None
    fallbacks: list[str] = Field(default_factory=list)


class ChatMessage(BaseModel):
    role: str
    content: str | list | None = None


class ChatRequest(BaseModel):
    """OpenAI's chat request; fields we do not use (temperature, tools, ...) are ignored."""

    model: str = "because-rec"
    messages: list[ChatMessage] = Field(min_length=1)
    user: str | None = None  # an existing session id continues that session
    stream: StrictBool = False
    n: StrictInt | None = None


def check_unicode(text: str, where: str = "the message") -> None:
    """A lone surrogate ("\\ud83d" escaped in the JSON) is valid JSON but no character: refused
    as invalid UTF-8 rather than failing deep inside the turn."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise HTTPException(400, f"{INVALID_JSON}: {where} holds a lone surrogate "
                                 f"({text[exc.start]!r}), which is no character") from exc


def message_text(message: ChatMessage) -> str:
    """A message's text: a string, or its text parts joined (OpenAI content parts). Other
    part types are refused (400) rather than silently dropped."""
    content = message.content
    if content is None or isinstance(content, str):
        return content or ""
    texts = []
    for part in content:
        kind = part.get("type") if isinstance(part, dict) else type(part).__name__
        if kind != "text":
            raise HTTPException(400, f"content parts of type {kind!r} are not supported: "
                                     "send text parts ({\"type\": \"text\", \"text\": ...})")
        if not isinstance(part.get("text"), str):
            raise HTTPException(400, "a text part's \"text\" must be a string")
        texts.append(part["text"])
    return "\n".join(texts)


def sse(event: str, data: str) -> str:
    return f"event: {event}\ndata: {data}\n\n"


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

        self.phase2 = Counter("because_phase2_total", "phase 2 outcomes (refined, failed, "
                              "stale)", ["outcome"], registry=self.registry)
        self.reasons = Counter("because_llm_reasons_total", "LLM reasons shown (kept) or "
                               "replaced by the template (replaced)", ["outcome"],
                               registry=self.registry)

    def observe(self, result: TurnResult) -> None:
        phase = "" if result.phase == 1 else "phase2_"
        for stage, ms in result.timings_ms.items():
            self.stage.labels(phase + stage).observe(ms / 1000.0)
        for fallback in result.fallbacks:
            self.fallbacks.labels(fallback.split(":")[0]).inc()

    def observe_refinement(self, outcome: RefineOutcome) -> None:
        self.phase2.labels(outcome.status).inc()
        if outcome.result is not None:
            self.observe(outcome.result)
            self.reasons.labels("kept").inc(outcome.result.reasons.kept)
            self.reasons.labels("replaced").inc(outcome.result.reasons.replaced)
        else:
            for fallback in outcome.fallbacks:
                self.fallbacks.labels(fallback.split(":")[0]).inc()


MAX_BODY_BYTES = 4 * 1024 * 1024  # 100 messages of 4,000 escaped characters, 500 orders of 500


class BodyLimit:
    """Answers 413 before reading a body whose Content-Length is over MAX_BODY_BYTES (a 20 MB
    body had been parsed whole before any limit was checked)."""

    def __init__(self, app, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers") or []).get(b"content-length", b"0")
            if length.isdigit() and int(length) > self.limit:
                body = json.dumps({"detail": f"the request body has {int(length)} bytes; the "
                                             f"limit is {self.limit}"}).encode()
                await send({"type": "http.response.start", "status": 413,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


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


def check_purchases(catalog: Catalog, orders: list[list[int]]) -> None:
    """422 naming what is wrong with past orders given at session start."""
    if not orders:
        return
    if catalog.name != "retail":
        raise HTTPException(422, f"purchases are past orders of products: the {catalog.name!r} "
                                 "catalogue does not take them")
    for n, order in enumerate(orders, 1):
        if not order:
            raise HTTPException(422, f"order {n} of purchases is empty")
        if len(order) > MAX_ORDER_ITEMS:
            raise HTTPException(422, f"order {n} of purchases has {len(order)} items; the limit "
                                     f"is {MAX_ORDER_ITEMS}")
        unknown = [i for i in order if not catalog.has(i)]
        if unknown:
            raise HTTPException(422, f"order {n} of purchases has unknown item ids "
                                     f"{unknown[:5]} in catalogue 'retail'")


def session_view(assistant: Assistant, session: Session) -> SessionView:
    cat = assistant.catalog

    def items(ids: list[int]) -> list[dict]:
        return [{"item_id": i, "title": cat.display_title(i)} for i in ids if cat.has(i)]

    return SessionView(
        session_id=session.session_id, catalog=session.catalog,
        # a like of someone else's ("my sister loved Up"): who, as "your sister"; else null
        liked=[{**item, "liked_by": session.others_liked.get(item["item_id"])}
               for item in items(session.liked_ids)],
        disliked=items(session.disliked_ids),
        seen=items(session.seen_ids), wanted=items(session.wanted_ids),
        constraints=session.filters.model_dump(exclude_defaults=True),
        not_found=session.not_found, moods=session.moods, orders=len(session.purchases),
        together=items(session.together_ids), messages=session.messages[-20:])


def item_view(assistant: Assistant, item_id: int) -> dict:
    item = assistant.catalog.item(item_id)
    cat = assistant.catalog
    return {"item_id": item.item_id, "external_id": item.external_id,
            "title": cat.display_title(item.item_id),  # as in recommendations
            "year": item.year, "price": item.price,
            "currency": cat.currency if item.price is not None else None,
            "genres": list(item.genres), "cast": list(item.cast[:8]),
            "directors": list(item.directors),
            "description": item.description, "image_url": item.image_url,
            "catalog": cat.name}


def render_recommendations(recs: list[Recommendation]) -> str:
    return "\n".join(f"{n}. {r.title} — {r.explanation}" for n, r in enumerate(recs, 1))


def completion_text(result: TurnResult) -> str:
    if not result.recommendations:
        return result.reply
    return result.reply + "\n\n" + render_recommendations(result.recommendations)


# -- the app --------------------------------------------------------------------------------

def create_api(registry: AssistantRegistry, store: SessionStore, settings: Settings,
               memory_store: SessionStore | None = None) -> FastAPI:
    app = FastAPI(title="because-rec chat API", version="0.1.0",
                  description="Conversational recommendations with grounded explanations.")
    metrics = registry.metrics
    max_chars = settings.api.max_message_chars
    phase2_wait_s = wait_limit_s(settings.llm.timeout_s)
    stores = {"persistent": store, "memory": memory_store or store}

    @app.exception_handler(RequestValidationError)
    async def invalid_body(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") in ("json_invalid", "value_error.jsondecode") for e in errors):
            return JSONResponse({"detail": INVALID_JSON}, 400)
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
            detail = INVALID_JSON
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
        raise HTTPException(404, f"unknown session {session_id[:64]!r}")  # never echoed whole

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
        check_unicode(text)
        if not text or not visible(text).strip():  # "\u200b\u200b" says nothing
            raise HTTPException(422, "the message is empty: say what you are looking for")
        if len(visible(text)) > max_chars:  # what shows is what counts
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

    def turn_view(session: Session, result: TurnResult, turn_id: str | None) -> TurnView:
        sid = session.session_id
        return TurnView(
            session_id=sid, reply=result.reply, recommendations=result.recommendations,
            intent=result.intent.model_dump(),
            understood=session_view(registry.for_request(session.catalog),
                                    session),
            timings_ms=result.timings_ms, fallbacks=result.fallbacks, reasons=result.reasons,
            phase=result.phase, turn_id=turn_id,
            refinement=f"/v1/sessions/{sid}/turns/{turn_id}/refinement" if turn_id else None)

    def refinement_view(outcome: RefineOutcome | None, turn_id: str) -> RefinementView:
        if outcome is None:
            return RefinementView(status="pending")
        if outcome.result is None or outcome.session is None:
            return RefinementView(status=outcome.status, fallbacks=outcome.fallbacks)
        return RefinementView(status="refined", fallbacks=outcome.fallbacks,
                              turn=turn_view(outcome.session, outcome.result, turn_id))

    async def phase2(session_id: str, turn_id: str | None, who: str) -> RefineOutcome | None:
        """Phase 2 of a turn, waited for within the LLM's time; None when there is none."""
        if turn_id is None:
            return None
        future = registry.refinements.get(Refinements.key(session_id, turn_id), who)
        if future is None:
            return None
        found = await Refinements.wait(future, phase2_wait_s)
        if found is None:  # told "failed" now, so it must not be adopted later
            registry.refinements.give_up(Refinements.key(session_id, turn_id))
        return found or RefineOutcome("failed", fallbacks=["phase2:timeout"])

    def wants_stream(request: Request, asked: bool | None) -> bool:
        """`stream` as given; the Accept header decides only when the body does not say."""
        return asked if asked is not None else \
            "text/event-stream" in request.headers.get("accept", "")

    @app.post("/v1/sessions", status_code=201)
    def create_session(body: NewSession | None = None, who: str = Depends(owner)) -> dict:
        body = body or NewSession()
        # validates the catalogue name (and warms it)
        assistant = registry.for_request(body.catalog)
        check_purchases(assistant.catalog, body.purchases)
        session = Session(session_id=secrets.token_hex(16), catalog=body.catalog,
                          purchases=body.purchases)
        stores["memory" if body.session_only else "persistent"].create(session, who)
        return {"session_id": session.session_id, "catalog": session.catalog}

    @app.get("/v1/sessions/{session_id}")
    def get_session(session_id: str, who: str = Depends(owner)) -> SessionView:
        session, _ = load(session_id, who)
        return session_view(registry.for_request(session.catalog), session)

    @app.post("/v1/sessions/{session_id}/messages", response_model=TurnView)
    async def post_message(session_id: str, body: UserMessage, request: Request,
                           who: str = Depends(owner)) -> Response:
        """Phase 1 at once. With `stream` (or Accept: text/event-stream) the answer is a
        stream of server-sent events: `phase1`, then `phase2` (a TurnView) or
        `phase2_failed` ({"turn_id", "status", "fallbacks"}) when an LLM is on, and `done`
        ({"turn_id"}) last. Without, the `refinement` URL fetches phase 2."""
        text = check_text(body.text)
        loader = lambda: load(session_id, who)  # noqa: E731
        session, result = await compute(run_turn, session_id, text, loader)
        turn_id = registry.start_refinement(session, result, who, loader)
        # built from typed parts already: serialise once instead of validating it again
        first = turn_view(session, result, turn_id).model_dump_json()
        if not wants_stream(request, body.stream):
            return Response(first, media_type="application/json")

        async def events() -> AsyncIterator[str]:
            yield sse("phase1", first)
            outcome = await phase2(session_id, turn_id, who)
            if outcome is not None:
                view = refinement_view(outcome, turn_id or "")
                if view.turn is not None:
                    yield sse("phase2", view.turn.model_dump_json())
                else:
                    yield sse("phase2_failed", json.dumps({"turn_id": turn_id,
                                                           "status": view.status,
                                                           "fallbacks": view.fallbacks}))
            # always last, phase 2 or none (LLM off): a client knows the stream is whole
            yield sse("done", json.dumps({"turn_id": turn_id}))

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    @app.get("/v1/sessions/{session_id}/turns/{turn_id}/refinement")
    async def get_refinement(session_id: str, turn_id: str, wait: float = 30.0,
                             who: str = Depends(owner)) -> Response:
        """Phase 2 of a turn, waiting up to `wait` seconds (0-60) for it: 200 when it is
        done (refined, failed or stale), 202 {"status": "pending"} if not yet."""
        if not 0 <= wait <= 60:
            raise HTTPException(422, "wait must be between 0 and 60 seconds")
        future = registry.refinements.get(Refinements.key(session_id, turn_id), who)
        if future is None:
            raise HTTPException(404, f"no refinement {turn_id!r} for session {session_id!r} "
                                     "(unknown, expired, or served by another process)")
        outcome = await Refinements.wait(future, wait)
        view = refinement_view(outcome, turn_id)
        return Response(view.model_dump_json(), status_code=202 if outcome is None else 200,
                        media_type="application/json")

    @app.post("/v1/sessions/{session_id}/feedback")
    def post_feedback(session_id: str, body: Feedback, who: str = Depends(owner)) -> dict:
        session, where = load(session_id, who)
        assistant = registry.for_request(session.catalog)
        if not assistant.catalog.has(body.item_id):
            raise HTTPException(422, f"unknown item id {body.item_id} in catalogue "
                                     f"{session.catalog!r}")
        def apply(session: Session, where: SessionStore) -> None:
            assistant.apply_feedback(session, body.item_id, body.signal)
            where.save_feedback(session, body.item_id, body.signal)  # stored before the reply

        session, _ = registry.update(session_id, lambda: load(session_id, who), apply)
        return {"ok": True, "understood": session_view(assistant, session).model_dump()}

    @app.delete("/v1/sessions/{session_id}/understood/{field}")
    def forget(session_id: str, field: str, value: str = "", who: str = Depends(owner)) -> dict:
        """Undo one entry of what the assistant understood, as the UI's panel does: a liked,
        disliked, seen or wanted item (`value`: its id), one genre, person, topic or subject
        (`value`: it), a bound (price_min ... year_max) or new_only (no value)."""
        session, where = load(session_id, who)
        assistant = registry.for_request(session.catalog)
        if field in ITEM_READINGS and not ITEM_ID.fullmatch(value):
            raise HTTPException(422, f"{field} needs value=<item id>")

        def apply(current: Session, store: SessionStore) -> None:
            try:
                assistant.remove_preference(current, field, value)
            except LookupError as exc:  # nothing of that name held: nothing changed
                raise HTTPException(404, str(exc)) from exc
            except ValueError as exc:
                raise HTTPException(422, str(exc)) from exc
            store.save(current)

        session, _ = registry.update(session_id, lambda: load(session_id, who), apply)
        return {"ok": True, "understood": session_view(assistant, session).model_dump()}

    @app.delete("/v1/sessions/{session_id}")
    def delete_session(session_id: str, who: str = Depends(owner)) -> dict:
        _, where = load(session_id, who)
        where.forget(session_id)
        registry.refinements.forget_session(session_id)  # its phase 2 answers go too
        return {"deleted": session_id}

    @app.get("/v1/items/{item_id}")
    def get_item(item_id: str, catalog: str = "movies", who: str = Depends(owner)) -> dict:
        assistant = registry.for_request(catalog)
        if not ITEM_ID.fullmatch(item_id):  # "1.0", "+524", " 524" are no ids, never converted
            raise HTTPException(422, f"an item id is its digits, not {item_id[:20]!r}")
        if not assistant.catalog.has(item_id := int(item_id)):
            raise HTTPException(404, f"unknown item id {item_id} in catalogue {catalog!r}")
        return item_view(assistant, item_id)

    @app.post("/v1/chat/completions")
    async def chat_completions(body: ChatRequest, request: Request,
                               who: str = Depends(owner)) -> Response:
        """OpenAI-compatible. The session is `user` or the X-Session-Id header (an id from POST
        /v1/sessions, same key); without one, earlier user messages are context and nothing
        is stored. Structured recommendations are in the top-level `because` field. With
        `stream`, `chat.completion.chunk` events: phase 1's text at once, phase 2's refined
        list appended when it comes, then `data: [DONE]`."""
        if body.n is not None and body.n != 1:
            raise HTTPException(400, f"n={body.n} is not supported: one choice per request")
        if len(body.messages) > MAX_CHAT_MESSAGES:
            raise HTTPException(413, f"{len(body.messages)} messages; the limit is "
                                     f"{MAX_CHAT_MESSAGES} (a stored session keeps the history: "
                                     "send its id as user or X-Session-Id)")
        texts = [(m.role, message_text(m)) for m in body.messages]
        for n, (role, text) in enumerate(texts, 1):
            check_unicode(text, f"message {n}")
            # system and assistant messages steer nothing and are not read: any length
            if role == "user" and len(text) > max_chars:
                raise HTTPException(413, f"message {n} has {len(text)} characters; the limit is "
                                         f"{max_chars}")
        check_unicode(body.user or "", "user")
        check_unicode(body.model, "model")  # echoed in the answer, which cannot encode it
        for n, message in enumerate(body.messages, 1):
            check_unicode(message.role, f"the role of message {n}")
        users = [t for role, t in texts if role == "user"]
        if not users:
            raise HTTPException(422, "messages must contain a user message")
        check_text(users[-1])
        header = request.headers.get("x-session-id")
        if header:  # named explicitly: a session that is not there is an error, not a new one
            load(header, who)
        session, result, stateless, turn_id = await compute(
            complete, body, users, request.headers.get("x-session-id"), who)
        completion_id = f"chatcmpl-{secrets.token_hex(8)}"
        created = int(time.time())
        because = because_field(session, result, stateless, turn_id)
        if not body.stream:
            return JSONResponse({
                "id": completion_id, "object": "chat.completion", "created": created,
                "model": body.model,
                "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                             "message": {"role": "assistant",
                                         "content": completion_text(result)}}],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                "because": because})

        def chunk(delta: dict, finish: str | None = None, extra: dict | None = None) -> str:
            data = {"id": completion_id, "object": "chat.completion.chunk",
                    "created": created, "model": body.model,
                    "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                 "finish_reason": finish}]}
            return f"data: {json.dumps(data | (extra or {}))}\n\n"

        async def chunks() -> AsyncIterator[str]:
            yield chunk({"role": "assistant", "content": ""})
            yield chunk({"content": completion_text(result)}, extra={"because": because})
            outcome = await phase2(session.session_id, turn_id, who)
            if outcome is not None and outcome.result is not None:
                refined = outcome.result
                yield chunk({"content": "\n\nRefined by the language model:\n"
                             + completion_text(refined)},
                            extra={"because": because_field(outcome.session or session,
                                                            refined, stateless, turn_id)})
            yield chunk({}, finish="stop")
            yield "data: [DONE]\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})

    def because_field(session: Session, result: TurnResult, stateless: bool,
                      turn_id: str | None) -> dict:
        refinement = (f"/v1/sessions/{session.session_id}/turns/{turn_id}/refinement"
                      if turn_id and not stateless else None)
        return {"session_id": None if stateless else session.session_id,
                "recommendations": [r.model_dump() for r in result.recommendations],
                "intent": result.intent.model_dump(), "phase": result.phase,
                "reasons": result.reasons.model_dump(), "fallbacks": result.fallbacks,
                "refinement": refinement}

    def complete(body: ChatRequest, users: list[str], header_session: str | None,
                 who: str) -> tuple[Session, TurnResult, bool, str | None]:
        """Phase 1 of the turn, and its phase 2 started: stored sessions adopt it; a
        stateless call gets it only on a stream (nobody could fetch it otherwise)."""
        catalog = body.model if body.model in registry.catalogs else "movies"
        # the header names the session on purpose; `user` may be an end user's name too
        wanted = header_session or body.user
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
            assistant = registry.for_request(catalog)
            for earlier in users[:-1][-CONTEXT_USER_MESSAGES:]:
                if earlier.strip():
                    assistant.observe(session, earlier)
            loader = lambda: (session, where)  # noqa: E731
        try:
            session, result = run_turn(session.session_id, users[-1], loader)
        finally:
            if stateless:
                where.forget(session.session_id)
        turn_id = None
        if not stateless or body.stream:
            turn_id = registry.start_refinement(session, result, who,
                                                None if stateless else loader)
        return session, result, stateless, turn_id

    @app.api_route("/healthz", methods=["GET", "HEAD"])  # load balancers check with HEAD
    def healthz() -> dict:
        loaded = {name: registry.get(name).llm_backend for name in registry.loaded()}
        return {"status": "ok", "catalogs": list(registry.catalogs), "loaded": loaded,
                "pid": os.getpid()}

    @app.get("/metrics")
    def prometheus() -> Response:
        return Response(prometheus_text(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(RequestCounter, metrics=metrics)
    app.add_middleware(BodyLimit)  # outermost: refused before anything reads the body
    app.state.registry = registry
    app.state.store = store
    app.state.signals = FEEDBACK_SIGNALS
    return app
