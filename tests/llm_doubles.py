"""A stand-in LLM for tests of the two-phase turn: the one part a test cannot run for real and
fast. It answers every structured call with JSON that fits the schema it is sent (as a
grammar-constrained model does), and can be held at a gate so a test decides when phase 2 ends.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr


class SchemaModel(BaseChatModel):
    """Intent calls: `intent` (JSON). Re-rank calls: the candidates in reverse order (so a
    refined list visibly differs from the ranker's), each citing the first liked item with
    `reason`. `garbage` answers every call with text that is not JSON."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    intent: str = '{"kind": "recommend"}'
    reason: str = ""
    garbage: bool = False
    _gate: threading.Event = PrivateAttr(default_factory=threading.Event)
    _calls: list[str] = PrivateAttr(default_factory=list)

    def model_post_init(self, context: Any) -> None:
        self._gate.set()  # open unless a test closes it

    def hold(self) -> None:
        self._gate.clear()

    def release(self) -> None:
        self._gate.set()

    @property
    def calls(self) -> list[str]:
        return self._calls

    @property
    def _llm_type(self) -> str:
        return "test-schema-model"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        self._gate.wait(timeout=120)
        schema = ((kwargs.get("response_format") or {}).get("json_schema") or {}).get(
            "schema", {})
        kind = "rerank" if "picks" in schema.get("properties", {}) else "intent"
        self._calls.append(kind)
        if self.garbage:
            text = "1.1.1.1.1.1.1.1"
        elif kind == "intent":
            text = self.intent
        else:
            pick = schema["$defs"]["Pick"]["properties"]
            ids = pick["item_id"].get("enum", [pick["item_id"].get("const")])
            because = pick.get("because_id", {})
            liked = because.get("enum", [because["const"]] if "const" in because else [])
            picks = [{"item_id": i, "reason": self.reason} | (
                {"because_id": liked[0]} if liked else {}) for i in reversed(ids)]
            text = json.dumps({"picks": picks[:schema["properties"]["picks"].get(
                "maxItems", len(picks))]})
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
