"""One structured LLM call: a JSON schema in, a validated pydantic object out, or LLMError."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from pydantic import BaseModel, ValidationError

_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm")


class LLMError(Exception):
    """The LLM failed: kind is timeout | connection | context_length | length (cut off at
    max_tokens) | http | invalid_json | schema | empty | error."""

    def __init__(self, kind: str, detail: str = ""):
        self.kind = kind
        super().__init__(f"LLM {kind}: {detail}"[:500])


# The most characters a string the schema leaves unbounded may take on the wire (a title, a
# genre): a small model under a grammar otherwise repeats until max_tokens and the JSON is cut.
STRING_CHARS = 120


def bounded_schema(schema: dict) -> dict:
    """A copy of a JSON schema in which every string is bounded (`maxLength` added where it has
    neither a bound nor an enum); ValueError on an array without `maxItems`, which a grammar
    cannot end on its own."""
    if isinstance(schema, list):
        return [bounded_schema(s) for s in schema]  # type: ignore[return-value]
    if not isinstance(schema, dict):
        return schema
    out = {k: bounded_schema(v) for k, v in schema.items()}
    kind = out.get("type")
    if kind == "array" and "maxItems" not in out:
        raise ValueError(f"unbounded array in an LLM schema: {out.get('title', out)}")
    if kind == "string" and not {"maxLength", "enum", "const"} & out.keys():
        out["maxLength"] = STRING_CHARS
    return out


def response_format(schema: type[BaseModel]) -> dict:
    """OpenAI `response_format` of type json_schema (vLLM structured outputs: xgrammar), with
    every array and string bounded."""
    return {"type": "json_schema",
            "json_schema": {"name": schema.__name__,
                            "schema": bounded_schema(schema.model_json_schema()),
                            "strict": True}}


def classify_error(exc: Exception) -> LLMError:
    name = type(exc).__name__.lower()
    text = str(exc)
    if "timeout" in name or "timed out" in text.lower():
        return LLMError("timeout", text)
    if "connection" in name or "connect" in text.lower():
        return LLMError("connection", text)
    if "context length" in text.lower():  # the prompt does not fit the server's model
        return LLMError("context_length", text)
    if "lengthfinishreason" in name:  # the openai client's parse: cut off at max_tokens
        return LLMError("length", "the answer was cut off at max_tokens")
    if "status" in name or "server" in name or "api" in name:
        return LLMError("http", text)
    return LLMError("error", f"{type(exc).__name__}: {text}")


def parse_structured(content: str, schema: type[BaseModel]) -> BaseModel:
    if not content or not content.strip():
        raise LLMError("empty", "the model returned no text")
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise LLMError("invalid_json", f"{exc.msg}: {content[:200]!r}") from exc
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise LLMError("schema", str(exc)[:300]) from exc


def structured_call(model: BaseChatModel, messages: list[BaseMessage],
                    schema: type[BaseModel], timeout_s: float) -> BaseModel:
    """Ask for JSON that matches `schema` (vLLM structured outputs / llama.cpp grammar)."""
    bound = model.bind(response_format=response_format(schema))
    future = _POOL.submit(bound.invoke, messages)
    try:
        reply = future.result(timeout=timeout_s)
    except FutureTimeout as exc:
        raise LLMError("timeout", f"no answer within {timeout_s:.0f} s") from exc
    except LLMError:
        raise
    except Exception as exc:
        raise classify_error(exc) from exc
    content = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
    return parse_structured(content, schema)
