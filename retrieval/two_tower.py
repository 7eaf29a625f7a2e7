"""Two-tower retrieval model (torch).

Item tower: id embedding + projected frozen text embedding + genre/category bag + year or price
bucket, so an item never seen in training still gets a useful vector from its text and features.
Query tower: context text embedding + pooled item-tower vectors of liked items, of disliked
items (a negative signal) and of the most recent history.
Loss: in-batch sampled softmax with logQ popularity correction and accidental-hit removal;
early stopping on tune-split recall@50.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from scipy import sparse
from torch import nn
from torch.nn import functional as F
from tqdm import tqdm

from core.catalog import Catalog
from core.errors import ArtifactError
from core.samples import Sample
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, known_ids
from retrieval.index import VectorIndex

MAX_POOL = 20  # items pooled per list (most recent kept)
QUERY_CACHE = 512  # single-query vectors kept: retrieval and the ranker share one per turn
YEAR_BUCKETS = np.array([1930, 1950, 1970, 1980, 1990, 2000, 2005, 2010, 2015])
PRICE_BUCKETS = np.array([0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0])


@dataclass
class TwoTowerConfig:
    dim: int = 64
    hidden: int = 256
    temperature: float = 0.07
    lr: float = 2e-3
    weight_decay: float = 1e-5
    batch_size: int = 256
    max_epochs: int = 30
    patience: int = 4
    max_pairs_per_epoch: int = 60_000
    id_dropout: float = 0.3  # drop id embeddings sometimes so text/features carry cold items
    seed: int = 13


def item_features(catalog: Catalog) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(bucket index per item, multi-hot genre matrix, genre vocabulary)."""
    if np.isfinite(catalog.prices).any():
        buckets = np.digitize(np.nan_to_num(catalog.prices, nan=-1.0), PRICE_BUCKETS) + 1
        buckets[~np.isfinite(catalog.prices)] = 0
    else:
        buckets = np.digitize(catalog.years, YEAR_BUCKETS) + 1
        buckets[catalog.years < 0] = 0
    vocab = catalog.genre_vocabulary()
    position = {g: i for i, g in enumerate(vocab)}
    genres = np.zeros((len(catalog), max(len(vocab), 1)), dtype=np.float32)
    for item, gs in enumerate(catalog.genres):
        for g in gs:
            genres[item, position[g]] = 1.0
    return buckets.astype(np.int64), genres, vocab


class TwoTowerModel(nn.Module):
    def __init__(self, n_items: int, text_dim: int, n_genres: int, cfg: TwoTowerConfig):
        super().__init__()
        self.cfg = cfg
        self.item_id = nn.Embedding(n_items, cfg.dim)
        nn.init.zeros_(self.item_id.weight)  # unseen items start at zero: text/features lead
        self.item_text = nn.Linear(text_dim, cfg.dim)
        self.item_genre = nn.Linear(n_genres, cfg.dim, bias=False)
        self.item_bucket = nn.Embedding(len(YEAR_BUCKETS) + 2, cfg.dim)
        self.item_mlp = nn.Sequential(nn.GELU(), nn.Linear(cfg.dim, cfg.dim))
        self.query_text = nn.Linear(text_dim, cfg.hidden)
        self.query_mlp = nn.Sequential(
            nn.Linear(cfg.hidden + 3 * cfg.dim, cfg.hidden), nn.GELU(),
            nn.Linear(cfg.hidden, cfg.dim),
        )

    def items(self, ids: torch.Tensor, text: torch.Tensor, genres: torch.Tensor,
              buckets: torch.Tensor, id_keep: torch.Tensor | None = None) -> torch.Tensor:
        id_vec = self.item_id(ids)
        if id_keep is not None:
            id_vec = id_vec * id_keep.unsqueeze(-1)
        x = id_vec + self.item_text(text) + self.item_genre(genres) + self.item_bucket(buckets)
        return F.normalize(x + self.item_mlp(x), dim=-1)

    @staticmethod
    def pool(item_vectors: torch.Tensor, lists: torch.Tensor) -> torch.Tensor:
        """Mean of item vectors per row of `lists` (padded with -1)."""
        mask = (lists >= 0).float()
        gathered = item_vectors[lists.clamp(min=0)] * mask.unsqueeze(-1)
        return gathered.sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)

    def queries(self, text: torch.Tensor, liked: torch.Tensor, disliked: torch.Tensor,
                recent: torch.Tensor, item_vectors: torch.Tensor) -> torch.Tensor:
        x = torch.cat([
            F.gelu(self.query_text(text)),
            self.pool(item_vectors, liked),
            -self.pool(item_vectors, disliked),
            self.pool(item_vectors, recent),
        ], dim=-1)
        return F.normalize(self.query_mlp(x), dim=-1)


def _pad(lists: list[tuple[int, ...]], width: int = MAX_POOL) -> np.ndarray:
    out = np.full((len(lists), width), -1, dtype=np.int64)
    for row, items in enumerate(lists):
        items = items[-width:]
        out[row, : len(items)] = items
    return out


@dataclass
class QueryBatch:
    text: np.ndarray  # (n, text_dim)
    liked: np.ndarray
    disliked: np.ndarray
    recent: np.ndarray


def query_inputs(queries: list[Query], text_vectors: np.ndarray, catalog: Catalog) -> QueryBatch:
    return QueryBatch(
        text=text_vectors.astype(np.float32),
        liked=_pad([known_ids(catalog, q.liked_ids) for q in queries]),
        disliked=_pad([known_ids(catalog, q.disliked_ids) for q in queries]),
        recent=_pad([known_ids(catalog, q.history_ids)[-3:] for q in queries], 3),
    )


class TwoTower:
    """Trainer + serving wrapper around TwoTowerModel and a FAISS index of item vectors."""

    name = "two_tower"

    def __init__(self, catalog: Catalog, model: TwoTowerModel, item_text: np.ndarray,
                 text_encoder=None, best_epoch: int | None = None):
        """`best_epoch`: the epoch whose weights training kept (None: not known)."""
        self.catalog = catalog
        self.model = model.eval()
        self.best_epoch = best_epoch
        self.item_text = item_text.astype(np.float32)
        self.buckets, self.genres, _ = item_features(catalog)
        self.encoder = text_encoder  # anything with encode_query(text) -> np.ndarray
        self.item_vectors = self._all_items()
        self.index = VectorIndex.build(self.item_vectors)
        self._queries: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    # -- serving --------------------------------------------------------------------------

    def _all_items(self) -> np.ndarray:
        with torch.no_grad():
            ids = torch.arange(len(self.catalog))
            return self.model.items(ids, torch.from_numpy(self.item_text),
                                    torch.from_numpy(self.genres),
                                    torch.from_numpy(self.buckets)).numpy()

    def query_vectors(self, queries: list[Query], text_vectors: np.ndarray) -> np.ndarray:
        batch = query_inputs(queries, text_vectors, self.catalog)
        with torch.no_grad():
            return self.model.queries(
                torch.from_numpy(batch.text), torch.from_numpy(batch.liked),
                torch.from_numpy(batch.disliked), torch.from_numpy(batch.recent),
                torch.from_numpy(self.item_vectors),
            ).numpy()

    def _text_vector(self, query: Query) -> np.ndarray:
        dim = self.item_text.shape[1]
        if self.encoder is None or not query.text.strip():
            return np.zeros((1, dim), dtype=np.float32)
        return self.encoder.encode_query(query.text).reshape(1, -1)

    def clear_cache(self) -> None:
        with self._lock:
            self._queries.clear()

    def query_vector(self, query: Query) -> np.ndarray:
        """The query tower's vector for one query, cached (the ranker asks for it again)."""
        key = (query.text, query.liked_ids, query.disliked_ids, query.history_ids)
        with self._lock:
            vector = self._queries.get(key)
            if vector is not None:
                self._queries.move_to_end(key)
                return vector
        vector = self.query_vectors([query], self._text_vector(query))[0]
        with self._lock:
            self._queries[key] = vector
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector

    def retrieve(self, query: Query, k: int) -> Candidates:
        items = known_ids(self.catalog, query.liked_ids + query.history_ids)
        if not query.text.strip() and not items:
            return Candidates.empty("no text and no known items to build a query from")
        allowed = allowed_mask(self.catalog, query)
        if not allowed.any():
            return Candidates.empty("no item satisfies the filters")
        vector = self.query_vector(query)
        ids, scores = self.index.search(vector, k, allowed)
        return Candidates(ids, scores, {self.name: scores})

    # -- persistence ----------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        torch.save(self.model.state_dict(), directory / "two_tower.pt")
        config = {"config": asdict(self.model.cfg), "best_epoch": self.best_epoch,
                  "n_items": len(self.catalog),
                  "text_dim": int(self.item_text.shape[1]), "n_genres": int(self.genres.shape[1])}
        (directory / "two_tower.json").write_text(json.dumps(config, indent=2))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path, item_text: np.ndarray,
             text_encoder=None) -> TwoTower:
        path = directory / "two_tower.pt"
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        meta = json.loads((directory / "two_tower.json").read_text())
        if meta["n_items"] != len(catalog):
            raise ArtifactError(f"{path} is stale: run `because build {catalog.name} --force`")
        model = TwoTowerModel(meta["n_items"], meta["text_dim"], meta["n_genres"],
                              TwoTowerConfig(**meta["config"]))
        model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        return cls(catalog, model, item_text, text_encoder, meta.get("best_epoch"))

    # -- training -------------------------------------------------------------------------

    @classmethod
    def fit(cls, catalog: Catalog, item_text: np.ndarray, train: list[Sample],
            train_text: np.ndarray, tune: list[Sample], tune_text: np.ndarray,
            cfg: TwoTowerConfig | None = None, text_encoder=None,
            progress: bool = True) -> tuple[TwoTower, dict]:
        cfg = cfg or TwoTowerConfig()
        torch.manual_seed(cfg.seed)
        rng = np.random.default_rng(cfg.seed)
        buckets, genres, _ = item_features(catalog)
        model = TwoTowerModel(len(catalog), item_text.shape[1], genres.shape[1], cfg)
        optimiser = torch.optim.AdamW(model.parameters(), lr=cfg.lr,
                                      weight_decay=cfg.weight_decay)
        pairs = np.asarray([(s, t) for s, sample in enumerate(train)
                            for t in sample.target_ids], dtype=np.int64)
        if pairs.size == 0:
            raise ValueError("two-tower training needs samples with targets")
        counts = np.bincount(pairs[:, 1], minlength=len(catalog)).astype(np.float64)
        log_q = torch.from_numpy(np.log((counts + 1.0) / (counts.sum() + len(catalog))))
        # sample x item target matrix, for accidental-hit masking
        target_matrix = sparse.csr_matrix(
            (np.ones(len(pairs), dtype=bool), (pairs[:, 0], pairs[:, 1])),
            shape=(len(train), len(catalog)))
        inputs = query_inputs([s.query for s in train], train_text, catalog)
        t_item_text = torch.from_numpy(item_text.astype(np.float32))
        t_genres, t_buckets = torch.from_numpy(genres), torch.from_numpy(buckets)
        all_ids = torch.arange(len(catalog))

        best, best_state, best_epoch, bad, history = -1.0, None, None, 0, []
        started = time.perf_counter()
        epochs = tqdm(range(cfg.max_epochs), desc=f"two-tower {catalog.name}",
                      disable=not progress)
        for epoch in epochs:
            model.train()
            order = rng.permutation(len(pairs))[: cfg.max_pairs_per_epoch]
            for start in range(0, len(order), cfg.batch_size):
                batch = pairs[order[start : start + cfg.batch_size]]
                rows, items = batch[:, 0], batch[:, 1]
                keep = torch.from_numpy((rng.random(len(catalog)) > cfg.id_dropout)
                                        .astype(np.float32))
                # Item vectors for the whole catalogue feed the pooled liked/history inputs.
                item_vecs = model.items(all_ids, t_item_text, t_genres, t_buckets, keep)
                q = model.queries(torch.from_numpy(inputs.text[rows]),
                                  torch.from_numpy(inputs.liked[rows]),
                                  torch.from_numpy(inputs.disliked[rows]),
                                  torch.from_numpy(inputs.recent[rows]), item_vecs)
                t_items = torch.from_numpy(items)
                logits = q @ item_vecs[t_items].T / cfg.temperature - log_q[t_items].unsqueeze(0)
                # Accidental hits: another row's positive that is also a target of this row.
                hit = target_matrix[rows][:, items].toarray()
                np.fill_diagonal(hit, False)
                logits = logits.masked_fill(torch.from_numpy(hit), float("-inf"))
                loss = F.cross_entropy(logits, torch.arange(len(batch)))
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
            model.eval()
            trained = cls(catalog, model, item_text, text_encoder)
            recall = trained.recall_at(tune, tune_text, 50)
            history.append({"epoch": epoch + 1, "loss": loss.item(), "tune_recall@50": recall})
            epochs.set_postfix(loss=f"{loss.item():.3f}", tune_r50=f"{recall:.4f}")
            if recall > best:
                best, best_epoch, bad = recall, epoch + 1, 0
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
            else:
                bad += 1
                if bad >= cfg.patience:
                    break
        if best_state is not None:
            model.load_state_dict(best_state)
        report = {"best_tune_recall@50": best, "best_epoch": best_epoch, "epochs": len(history),
                  "seconds": round(time.perf_counter() - started, 1), "history": history}
        return cls(catalog, model, item_text, text_encoder, best_epoch), report

    def recall_at(self, samples: list[Sample], text_vectors: np.ndarray, k: int) -> float:
        """Full-catalogue recall@k over labels, context items excluded (as in evaluation)."""
        if not samples:
            return 0.0
        vectors = self.query_vectors([s.query for s in samples], text_vectors)
        scores = vectors @ self.item_vectors.T
        k = min(k, scores.shape[1])
        hits = labels = 0
        for row, sample in enumerate(samples):
            excluded = list(known_ids(self.catalog, sample.query.exclude_ids))
            scores[row, excluded] = -np.inf
            top = set(np.argpartition(-scores[row], k - 1)[:k].tolist())
            hits += sum(t in top for t in sample.target_ids)
            labels += len(sample.target_ids)
        return hits / max(labels, 1)
