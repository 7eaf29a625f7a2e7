"""One settings tree: env `BECAUSE_...` (nested with `__`) over `because.toml` over defaults.

Built once by app.py or a CLI command and passed down; nothing reads it at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


class LLMSettings(BaseModel):
    backend: Literal["auto", "openai", "embedded", "off"] = "auto"  # auto: openai if base_url
    base_url: str | None = None  # OpenAI-compatible server, e.g. vLLM at http://127.0.0.1:8000/v1
    model: str = "smollm2"
    api_key: str = "EMPTY"
    timeout_s: float = 30.0  # per LLM call; phase 2 makes at most two
    max_tokens: int = 384
    temperature: float = 0.0
    rerank: bool = True  # False: the LLM only explains, the ranker's order stays
    # candidates the LLM re-ranks: on the embedded CPU model each costs prompt time (bench llm)
    rerank_top: int = 8
    # picks the LLM writes (each with a reason: most of a CPU model's time); the rest of the
    # list keeps the ranker's order with template reasons
    rerank_picks: int = Field(default=3, ge=1)
    # embedded backend: llama.cpp threads. One leaves the other core to phase-1 turns, and
    # was faster than two whenever anything else ran (llama.cpp's threads spin-wait on each
    # other, so one descheduled thread stalls the rest; README, bench llm)
    n_threads: int = 1


class RetrievalSettings(BaseModel):
    k: int = 200
    fusion: Literal["rrf", "weighted"] = "weighted"
    hnsw_min_items: int = 50_000  # exact inner product below this catalogue size
    encoder_batch_size: int = 64
    # Query encoder: onnx-int8 (default: about 1.5x faster than fp32, tune-split retrieval as
    # good, README), onnx (fp32) or torch; the ONNX ones fall back to torch if unavailable.
    # Changing it makes the built artifacts stale.
    query_backend: Literal["onnx", "onnx-int8", "torch"] = "onnx-int8"
    # Newest query tokens kept (left truncation), in training and serving; encoding cost grows
    # with them. 64 matched or beat 128 on the tune split (README) at half the cost on long
    # conversations. Changing it makes the built artifacts stale (`because build` again).
    query_max_tokens: int = Field(default=64, ge=8, le=256)
    # Item texts at build time: bf16 autocast (about 2x faster where the CPU has native bf16,
    # AMX or AVX512-BF16; cosine >= 0.9999 to fp32) or fp32; auto picks bf16 only on such a CPU,
    # where it is slower otherwise. Changing it makes the built artifacts stale.
    item_precision: Literal["auto", "fp32", "bf16"] = "auto"
    # After the ranker is trained, refit the interaction sources through the tune month where
    # the split is by time (retail): fitted before it, they are a month staler than needed for
    # every later basket. False keeps the tune month unseen, which `python -m ranker.train`,
    # `python -m eval.ablation` and `python -m retrieval.gru4rec_add` need to judge on it.
    refit: bool = True


class APISettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 7860
    api_keys: list[str] = Field(default_factory=list)  # empty: no key needed
    max_message_chars: int = 4000
    session_db: Path = Path("because.db")
    store_sessions: bool = True  # False: session-only mode, nothing written to disk
    # Threads of the numeric libraries per turn (torch, FAISS, BLAS); concurrent turns give the
    # parallelism (server/threads.py says why one is right).
    threads: int = Field(default=1, ge=1)
    concurrent_turns: int = Field(default=0, ge=0)  # turns computing at once; 0: one per core
    # API server processes. Above 1: the API alone (Gradio's queue lives in one process), the
    # processes sharing the session database (versioned saves keep their updates apart).
    workers: int = Field(default=1, ge=1)
    # Turns on the event loop instead of a worker thread: less CPU per turn, but a turn blocks
    # its process's other requests while it runs. For worker processes with the LLM off or
    # embedded; never with a remote LLM (server/api.py).
    inline_turns: bool = False
    # Phase 2 (LLM) jobs at once per process, on a pool of their own so they never hold up
    # a phase 1; the embedded model runs one generation at a time anyway.
    refine_workers: int = Field(default=1, ge=1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="BECAUSE_", env_nested_delimiter="__", toml_file="because.toml", extra="ignore"
    )

    catalog: str = "movies"
    data_dir: Path = REPO_ROOT / "data"
    artifacts_dir: Path = REPO_ROOT / "artifacts"
    seed: int = 13
    recommendations: int = 5
    llm: LLMSettings = Field(default_factory=LLMSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    api: APISettings = Field(default_factory=APISettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    def artifact_dir(self, catalog: str) -> Path:
        return self.artifacts_dir / catalog
