"""`because bench llm --base-url URL`: the product's two structured calls against an
OpenAI-compatible server (vLLM on CPU or GPU), through the project's LangChain client.

The requests are the product's own: for each fixed message, the intent call (schema `Intent`)
and the re-rank + explain call over the top candidates phase 1 found (schema `rerank_schema`),
both with `response_format` json_schema, bounded. Reports, per call type, p50 / p99 latency,
time to first token (a streamed copy of each request) and schema validity (the answer parses
and validates, else its failure kind); then throughput (requests/s and p50 latency) at each
concurrency level, the two call types mixed.

The calls can be saved to a JSON-lines file and loaded again (`save_calls`, `load_calls`), so
a server can be benchmarked from a machine that holds no artifacts (a GPU box serving vLLM):
the messages go as LangChain writes them, the re-rank schema as the ids it is rebuilt from.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, messages_from_dict, messages_to_dict
from pydantic import BaseModel

from assistant.explain import rerank_schema
from assistant.llm import LLMError
from assistant.llm.structured import classify_error, parse_structured, response_format
from core.types import Intent


@dataclass(frozen=True)
class Call:
    kind: str  # "intent" | "rerank"
    messages: list[BaseMessage]
    schema: type[BaseModel]
    # rerank: what `rerank_schema` builds its schema from ({"ids", "liked", "n"})
    spec: dict | None = None


@dataclass
class Outcome:
    seconds: float
    ttft: float | None = None
    failure: str = ""  # "" when the answer was schema-valid
    tokens: int = 0  # tokens the server wrote (its usage report)
    content: str = ""  # the answer as written, for reading afterwards


@dataclass
class Stats:
    outcomes: list[Outcome] = field(default_factory=list)

    def line(self) -> str:
        lat = [o.seconds for o in self.outcomes]
        ttft = [o.ttft for o in self.outcomes if o.ttft is not None]
        valid = sum(not o.failure for o in self.outcomes)
        failures = Counter(o.failure for o in self.outcomes if o.failure)
        first = f", time to first token p50 {pct(ttft, 50):.2f} s" if ttft else ""
        tokens = sum(o.tokens for o in self.outcomes)
        return (f"p50 {pct(lat, 50):.2f} s, p99 {pct(lat, 99):.2f} s{first}; {tokens} tokens "
                f"written ({tokens / sum(lat):.1f}/s per request); schema-valid "
                f"{valid}/{len(self.outcomes)}"
                f"{'; failed: ' + str(dict(failures)) if failures else ''}")


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def invoke(model: BaseChatModel, call: Call) -> Outcome:
    """One call as the product makes it (structured_call minus its 4-thread pool, so a load
    of 32 really is 32 at once), timed, and judged by the product's parser."""
    t0 = time.perf_counter()
    tokens, content = 0, ""
    try:
        reply = model.bind(response_format=response_format(call.schema)).invoke(call.messages)
        usage = reply.response_metadata.get("token_usage") or {}
        tokens = int(usage.get("completion_tokens") or 0)
        content = reply.content if isinstance(reply.content, str) else ""
        parse_structured(content, call.schema)
        failure = ""
    except LLMError as exc:
        failure = exc.kind
    except Exception as exc:  # noqa: BLE001 (a benchmark counts every failure, by kind)
        failure = classify_error(exc).kind
    return Outcome(time.perf_counter() - t0, failure=failure, tokens=tokens, content=content)


def first_token_s(model: BaseChatModel, call: Call) -> float | None:
    """Seconds to the first streamed content chunk of the same request (None if none came)."""
    t0 = time.perf_counter()
    try:
        for chunk in model.stream(call.messages,
                                  extra_body={"response_format": response_format(call.schema)}):
            if chunk.content:
                return time.perf_counter() - t0
    except Exception:  # noqa: BLE001 (reported as missing, the call itself is timed apart)
        return None
    return None


def per_kind(model: BaseChatModel, calls: list[Call], n: int) -> dict[str, Stats]:
    """`n` calls of each kind, one at a time, each followed by its streamed copy."""
    stats: dict[str, Stats] = {}
    for kind in dict.fromkeys(c.kind for c in calls):
        own = [c for c in calls if c.kind == kind]
        stats[kind] = Stats()
        for i in range(n):
            call = own[i % len(own)]
            outcome = invoke(model, call)
            outcome.ttft = first_token_s(model, call)
            stats[kind].outcomes.append(outcome)
            print(f"  {kind} {i + 1}/{n}: {outcome.seconds:.2f} s"
                  f"{' ' + outcome.failure if outcome.failure else ''}", flush=True)
    return stats


def at_concurrency(model: BaseChatModel, calls: list[Call], concurrency: int,
                   requests: int) -> tuple[float, float, Stats]:
    """Requests/s and tokens/s with `concurrency` calls in flight, the call types alternating."""
    load = [calls[i % len(calls)] for i in range(requests)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(lambda c: invoke(model, c), load))
    wall = time.perf_counter() - t0
    return requests / wall, sum(o.tokens for o in outcomes) / wall, Stats(outcomes)


def save_calls(path: Path, calls: list[Call]) -> None:
    """One JSON line per call: its kind, its messages and (rerank) its schema's ids."""
    with path.open("w", encoding="utf-8") as f:
        for call in calls:
            f.write(json.dumps({"kind": call.kind, "messages": messages_to_dict(call.messages),
                                "spec": call.spec}) + "\n")


def call_from_json(row: dict) -> Call:
    kind = row["kind"]
    messages = messages_from_dict(row["messages"])
    if kind == "intent":
        return Call(kind, messages, Intent)
    if kind == "rerank":
        spec = row["spec"]
        return Call(kind, messages, rerank_schema(list(spec["ids"]), list(spec["liked"]),
                                                  int(spec["n"])), spec)
    raise ValueError(f"unknown call kind {kind!r}")


def load_calls(path: Path) -> list[Call]:
    """The calls `save_calls` wrote; a malformed line is an error naming the file and line."""
    calls = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            calls.append(call_from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a saved call ({exc})") from exc
    if not calls:
        raise ValueError(f"{path}: no calls in it")
    return calls
