"""GRU4Rec session model (Hidasi et al., ICLR 2016; Hidasi & Karatzoglou, CIKM 2018): the
network, and its serving source.

A GRU reads a session one event at a time; an event is one item (a dialogue's mention, a click)
or a basket (its items' input vectors averaged). The hidden state scores every item through
the item output vectors: score(i) = h . out(i) + bias(i). Item vectors are an id embedding plus
a projection of the item's text embedding (GRU4RecCS spirit): an item without interactions has
a zero id part and is still scored through its text. Serving runs the GRU cell in numpy, one
event per step, so a session that grows by one click costs one step (the state of the session
so far is kept in a small LRU cache keyed by a hash of its events); training lives in
retrieval/gru4rec_train.py.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from core.catalog import Catalog
from core.errors import ArtifactError
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, known_ids, top_allowed

LOSSES = ("ce", "bpr-max", "top1-max")
STATE_CACHE = 1024  # session states kept (a chat adds one event per turn: one step, not all)
MAX_EVENT_ITEMS = 64  # items averaged per event (a few invoices have hundreds of lines)


@dataclass
class GRU4RecConfig:
    dim: int = 96  # embedding and hidden size
    loss: str = "ce"
    n_negatives: int = 1024  # shared negatives per mini-batch, drawn by popularity ** alpha
    alpha: float = 0.75
    batch_size: int = 64  # sessions followed in parallel
    lr: float = 3e-3
    dropout_input: float = 0.1
    dropout_hidden: float = 0.1
    bpreg: float = 1.0  # BPR-max score regularisation
    logq: bool = True  # cross-entropy: subtract log sampling probability (sampled softmax)
    tied: bool = False  # output item vectors = input item vectors
    max_targets: int = 32  # targets per event (a next basket), sampled anew each epoch
    max_epochs: int = 12
    patience: int = 3  # tune recall is noisy from epoch to epoch
    seed: int = 13

    def __post_init__(self) -> None:
        if self.loss not in LOSSES:
            raise ValueError(f"unknown loss {self.loss!r}; one of {LOSSES}")


class GRU4RecNet(nn.Module):
    def __init__(self, n_items: int, item_text: np.ndarray, cfg: GRU4RecConfig):
        super().__init__()
        self.cfg = cfg
        d = cfg.dim
        # the frozen text embeddings come from the text index: not part of the saved state
        self.register_buffer("text", torch.from_numpy(item_text.astype(np.float32)),
                             persistent=False)
        self.in_id = nn.Embedding(n_items, d)
        nn.init.zeros_(self.in_id.weight)  # items never trained keep a zero id part: text leads
        self.in_text = nn.Linear(item_text.shape[1], d, bias=False)
        self.cell = nn.GRUCell(d, d)
        if not cfg.tied:
            self.out_id = nn.Embedding(n_items, d)
            nn.init.zeros_(self.out_id.weight)
            self.out_text = nn.Linear(item_text.shape[1], d, bias=False)
        self.out_bias = nn.Embedding(n_items, 1)
        nn.init.zeros_(self.out_bias.weight)
        self.drop_in = nn.Dropout(cfg.dropout_input)
        self.drop_hidden = nn.Dropout(cfg.dropout_hidden)

    def input_vectors(self) -> torch.Tensor:
        return self.in_id.weight + self.in_text(self.text)

    def output_vectors(self) -> torch.Tensor:
        if self.cfg.tied:
            return self.input_vectors()
        return self.out_id.weight + self.out_text(self.text)

    def step(self, inputs: torch.Tensor, events: torch.Tensor,
             hidden: torch.Tensor) -> torch.Tensor:
        """Next hidden states; `events` (batch, width) item ids padded with -1."""
        mask = (events >= 0).float().unsqueeze(-1)
        x = (inputs[events.clamp(min=0)] * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.cell(self.drop_in(x), hidden)


@dataclass
class ServingWeights:
    """Everything serving needs, as float32 arrays (no torch on the serving path)."""

    w_ih: np.ndarray  # (3d, d), rows r, z, n as in torch.nn.GRUCell
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray
    inputs: np.ndarray  # (n_items, d)
    outputs: np.ndarray  # (n_items, d)
    bias: np.ndarray  # (n_items,)

    @classmethod
    def from_net(cls, net: GRU4RecNet) -> ServingWeights:
        with torch.no_grad():
            def arr(t: torch.Tensor) -> np.ndarray:
                return np.ascontiguousarray(t.detach().cpu().numpy().astype(np.float32))
            return cls(arr(net.cell.weight_ih), arr(net.cell.weight_hh), arr(net.cell.bias_ih),
                       arr(net.cell.bias_hh), arr(net.input_vectors()),
                       arr(net.output_vectors()), arr(net.out_bias.weight[:, 0]))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def gru_step(w: ServingWeights, x: np.ndarray, h: np.ndarray) -> np.ndarray:
    """One torch.nn.GRUCell step in numpy: O(d^2), whatever the session length."""
    d = h.shape[-1]
    gi = w.w_ih @ x + w.b_ih
    gh = w.w_hh @ h + w.b_hh
    r = sigmoid(gi[:d] + gh[:d])
    z = sigmoid(gi[d:2 * d] + gh[d:2 * d])
    n = np.tanh(gi[2 * d:] + r * gh[2 * d:])
    return ((1.0 - z) * n + z * h).astype(np.float32)


def query_events(catalog: Catalog, query: Query) -> list[tuple[int, ...]]:
    """The session as events: the query's baskets where it has them, else one per history id
    (a dialogue's mentions, a chat's items) in order; unknown ids dropped."""
    if query.history_baskets:
        events = [known_ids(catalog, b) for b in query.history_baskets]
    else:
        events = [(i,) for i in known_ids(catalog, query.history_ids or query.liked_ids)]
    return [e for e in events if e]


def _key(events: Sequence[tuple[int, ...]]) -> bytes:
    return hashlib.blake2b(repr(tuple(events)).encode(), digest_size=16).digest()


class GRU4Rec:
    """Serving source: advance the hidden state one event at a time, score through the item
    output vectors, top-k through the hybrid's filters."""

    name = "gru4rec"

    def __init__(self, catalog: Catalog, net: GRU4RecNet):
        self.catalog = catalog
        self.net = net.eval()
        self.cfg = net.cfg
        self.weights = ServingWeights.from_net(self.net)
        self._states: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def initial_state(self) -> np.ndarray:
        return np.zeros(self.cfg.dim, np.float32)

    def advance(self, hidden: np.ndarray, event: Sequence[int]) -> np.ndarray:
        ids = np.asarray(event[-MAX_EVENT_ITEMS:], dtype=np.int64)
        return gru_step(self.weights, self.weights.inputs[ids].mean(axis=0), hidden)

    def scores(self, hidden: np.ndarray) -> np.ndarray:
        return self.weights.outputs @ hidden + self.weights.bias

    def clear_cache(self) -> None:
        with self._lock:
            self._states.clear()

    def state(self, events: Sequence[tuple[int, ...]]) -> np.ndarray:
        """The hidden state after `events`; one step when the session minus its last event is
        cached (a chat turn), else every event (a cold cache)."""
        key = _key(events)
        with self._lock:
            if (hit := self._states.get(key)) is not None:
                self._states.move_to_end(key)
                return hit
            previous = self._states.get(_key(events[:-1])) if events else None
        if previous is not None:
            hidden = self.advance(previous, events[-1])
        else:
            hidden = self.initial_state()
            for event in events:
                hidden = self.advance(hidden, event)
        with self._lock:
            self._states[key] = hidden
            while len(self._states) > STATE_CACHE:
                self._states.popitem(last=False)
        return hidden

    def retrieve(self, query: Query, k: int) -> Candidates:
        events = query_events(self.catalog, query)
        if not events:
            return Candidates.empty("no known items in the session to continue")
        allowed = allowed_mask(self.catalog, query)
        if not allowed.any():
            return Candidates.empty("no item satisfies the filters")
        ids, top = top_allowed(self.scores(self.state(events)), allowed, k)
        return Candidates(ids, top, {self.name: top})

    # -- persistence ----------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        torch.save(self.net.state_dict(), directory / "gru4rec.pt")
        meta = {"config": asdict(self.cfg), "n_items": len(self.catalog),
                "text_dim": int(self.net.text.shape[1])}
        (directory / "gru4rec.json").write_text(json.dumps(meta, indent=2))

    @classmethod
    def load(cls, catalog: Catalog, directory: Path, item_text: np.ndarray) -> GRU4Rec:
        path = directory / "gru4rec.pt"
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {catalog.name}`")
        meta = json.loads((directory / "gru4rec.json").read_text())
        if meta["n_items"] != len(catalog) or meta["text_dim"] != item_text.shape[1]:
            raise ArtifactError(f"{path} is stale: run `because build {catalog.name} --force`")
        net = GRU4RecNet(meta["n_items"], item_text, GRU4RecConfig(**meta["config"]))
        net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        return cls(catalog, net)
