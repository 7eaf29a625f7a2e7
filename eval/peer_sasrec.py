"""The sequential peer row (`because eval CATALOG --peers`): RePlay's SASRec (Kang & McAuley,
ICDM 2018; `replay-rec[torch]`, Sber AI Lab) on the same sessions as our GRU4Rec.

The model is RePlay's own (`replay.nn.sequential.SasRec.from_params`: item embeddings tied to
the output, learned positions, causal self-attention blocks, full cross-entropy over the
catalogue); this module feeds it. Each training session is the item sequence GRU4Rec reads
(a customer's baskets in date order, a basket's lines in order; a dialogue's mentions), cut
into windows of the last MAX_LEN + 1 items; every position predicts the next item. Epochs stop
early on the tune split's recall@20 through the serving path, as GRU4Rec's do. A query's
sequence is its baskets' items in order (or its history ids); the last position's state scores
the catalogue, and the same filters and top-k as our sources apply.

RePlay's Lightning trainer is not used: its data pipeline wants polars / parquet datasets, and
a plain Adam loop over the same tensors is the model's training step without the plumbing.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import torch
from tqdm import tqdm

from core.catalog import Catalog
from core.samples import Sample
from core.training import TrainingData
from core.types import Candidates, Query
from retrieval.filters import allowed_mask, known_ids, top_allowed
from retrieval.gru4rec_train import event_sequences, tune_recall, tune_subset

MAX_LEN = 50
DIM = 64
EPOCHS = 30
PATIENCE = 3
# retail tune recall@20: batch 128 (17 updates an epoch) 0.0722 still rising at the 30-epoch
# cap, 16 0.0722 at epoch 8, 32 0.0746 at epoch 22: the peer gets the batch its tune split prefers
BATCH = 32
LR = 1e-3
SEED = 13


def item_sequences(data: TrainingData) -> list[list[int]]:
    """GRU4Rec's training sessions with each event's items laid out in order."""
    return [[i for event in session for i in event] for session in event_sequences(data)]


def windows(sequences: Sequence[Sequence[int]], max_len: int) -> list[list[int]]:
    """Every sequence cut from its end into pieces of at most max_len + 1 items (inputs and the
    next item of each), so long histories train on all of their steps."""
    out = []
    for seq in sequences:
        end = len(seq)
        while end >= 2:
            out.append(list(seq[max(0, end - max_len - 1) : end]))
            end -= max_len
    return out


def left_padded(rows: Sequence[Sequence[int]], width: int, pad: int) -> torch.Tensor:
    out = torch.full((len(rows), width), pad, dtype=torch.long)
    for r, row in enumerate(rows):
        kept = list(row)[-width:]  # the latest items of a longer history
        if kept:
            out[r, width - len(kept) :] = torch.as_tensor(kept, dtype=torch.long)
    return out


def make_model(n_items: int, max_len: int = MAX_LEN, dim: int = DIM):
    from replay.data import FeatureHint, FeatureSource, FeatureType
    from replay.data.nn import TensorFeatureInfo, TensorFeatureSource, TensorSchema
    from replay.nn.sequential import SasRec

    schema = TensorSchema([TensorFeatureInfo(
        "item_id", is_seq=True, feature_type=FeatureType.CATEGORICAL, embedding_dim=dim,
        padding_value=n_items, cardinality=n_items, feature_hint=FeatureHint.ITEM_ID,
        feature_sources=[TensorFeatureSource(FeatureSource.INTERACTIONS, "item_id")])])
    return SasRec.from_params(schema, embedding_dim=dim, num_heads=2, num_blocks=2,
                              max_sequence_length=max_len, dropout=0.2)


class SasRecPeer:
    """A trained RePlay SASRec as an evaluated system."""

    name = "replay-sasrec"

    def __init__(self, catalog: Catalog, model, seconds: float = 0.0, epochs: int = 0,
                 max_len: int = MAX_LEN):
        self.catalog = catalog
        self.model = model
        self.seconds = seconds
        self.epochs = epochs
        self.max_len = max_len

    def extra_metrics(self) -> dict[str, float]:
        return {"train_seconds": round(self.seconds, 1), "epochs": float(self.epochs)}

    def scores(self, sequences: Sequence[Sequence[int]]) -> np.ndarray:
        """Catalogue scores after each sequence (rows), from the last position's state."""
        pad = len(self.catalog)
        x = left_padded(sequences, self.max_len, pad)
        self.model.eval()
        with torch.no_grad():
            logits = self.model(feature_tensors={"item_id": x}, padding_mask=x != pad)["logits"]
        return logits[:, :pad].float().numpy()

    def retrieve(self, query: Query, k: int) -> Candidates:
        events = [i for basket in query.history_baskets for i in basket] \
            if query.history_baskets else list(query.history_ids or query.liked_ids)
        history = known_ids(self.catalog, events)
        if not history:
            return Candidates.empty("no known items in the session")
        ids, scores = top_allowed(self.scores([history])[0], allowed_mask(self.catalog, query), k)
        return Candidates(ids, scores, {self.name: scores})


def train(catalog: Catalog, sequences: Sequence[Sequence[int]], tune: Sequence[Sample],
          epochs: int = EPOCHS, seed: int = SEED, max_len: int = MAX_LEN,
          dim: int = DIM, batch_size: int = BATCH, progress: bool = True) -> SasRecPeer:
    """Adam on RePlay's SASRec loss; the epoch with the best tune recall@20 is kept (all
    epochs when there is no tune sample)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    pad = len(catalog)
    model = make_model(pad, max_len, dim)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    rows = windows(sequences, max_len)
    peer = SasRecPeer(catalog, model, max_len=max_len)
    best, best_state, best_epoch, waited = -1.0, None, 0, 0
    started = time.perf_counter()
    bar = tqdm(range(1, epochs + 1), desc=f"replay-sasrec {catalog.name}", leave=False,
               disable=not progress)
    for epoch in bar:
        model.train()
        order = rng.permutation(len(rows))
        for start in range(0, len(rows), batch_size):
            batch = [rows[i] for i in order[start : start + batch_size]]
            x = left_padded([r[:-1] for r in batch], max_len, pad)
            y = left_padded([r[1:] for r in batch], max_len, pad)
            out = model(feature_tensors={"item_id": x}, padding_mask=x != pad,
                        positive_labels=y.unsqueeze(-1), negative_labels=None,
                        target_padding_mask=(y != pad).unsqueeze(-1))
            optimizer.zero_grad()
            out["loss"].backward()
            optimizer.step()
        if not tune:
            best_epoch = epoch
            continue
        recall = tune_recall(peer, tune)
        bar.set_postfix(tune_r20=f"{recall:.4f}")
        if recall > best:
            best, best_epoch, waited = recall, epoch, 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            waited += 1
            if waited >= PATIENCE:
                break
    if best_state is not None:
        model.load_state_dict(best_state)
    peer.seconds, peer.epochs = time.perf_counter() - started, best_epoch
    return peer


def system(data: TrainingData, seed: int = SEED) -> SasRecPeer:
    return train(data.catalog, item_sequences(data), tune_subset(data.tune_samples, seed),
                 seed=seed)
