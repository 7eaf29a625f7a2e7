"""The neural ranker: a small DCN-v2 style cross network over per-candidate features."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from core.errors import ArtifactError
from core.types import Candidates, Query
from ranker.features import FEATURE_NAMES, FeatureContext, compute_features


@dataclass
class RankerConfig:
    n_features: int = len(FEATURE_NAMES)
    hidden: int = 64
    cross_layers: int = 2
    # Feature groups the network does not see. The per-source scores and ranks are dropped: the
    # out-of-fold training lists come from hybrids fitted on half the data, whose sources score
    # on another scale than the served hybrid's, and a network that read them did worse on the
    # served hybrid's tune lists (movies: +0.6 % nDCG@10 over the fused order with them, +2.0 to
    # +2.8 % over three seeds without). The fused position still enters as the prior.
    dropped_groups: list[str] = field(default_factory=lambda: ["sources"])
    lr: float = 3e-3
    weight_decay: float = 1e-4
    max_epochs: int = 40
    patience: int = 5
    batch_lists: int = 32
    seed: int = 13


PRIOR = [n for _, n in FEATURE_NAMES].index("fused_inv_position")


class CrossNetwork(nn.Module):
    """x_{l+1} = x_0 * (W x_l + b) + x_l (DCN-v2), in parallel with an MLP; standardised input.

    The output is a learned correction on top of the retriever's own order: a prior
    -prior_weight * log(fused position) plus the network head, whose weights start at zero. An
    untrained network therefore reproduces the fused order, and early stopping (which also
    scores the untrained state) can only keep a model that beat that order on held-out lists.
    """

    def __init__(self, cfg: RankerConfig):
        super().__init__()
        d = cfg.n_features
        self.register_buffer("mean", torch.zeros(d))
        self.register_buffer("std", torch.ones(d))
        self.register_buffer("mask", torch.ones(d))  # 0 for features of dropped groups
        self.cross = nn.ModuleList(nn.Linear(d, d) for _ in range(cfg.cross_layers))
        self.mlp = nn.Sequential(nn.Linear(d, cfg.hidden), nn.ReLU(),
                                 nn.Linear(cfg.hidden, cfg.hidden), nn.ReLU())
        self.head = nn.Linear(d + cfg.hidden, 1)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)
        self.prior_weight = nn.Parameter(torch.tensor(1.0))

    def keeps_fused_order(self) -> bool:
        """The untrained state (early stopping kept it): the output is the prior alone."""
        return (not self.head.weight.any() and not self.head.bias.any()
                and float(self.prior_weight.detach()) > 0)

    def prior_scores(self, n: int) -> np.ndarray:
        """What `forward` returns for n candidates when the head is zero, computed directly."""
        inverse = torch.from_numpy(1.0 / np.arange(1, n + 1, dtype=np.float32))
        with torch.no_grad():
            return (self.prior_weight * torch.log(inverse.clamp(min=1e-6))).numpy()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x0 = (x - self.mean) / self.std * self.mask
        xl = x0
        for layer in self.cross:
            xl = x0 * layer(xl) + xl
        prior = torch.log(x[..., PRIOR].clamp(min=1e-6))  # = -log(fused position)
        head = self.head(torch.cat([xl, self.mlp(x0)], dim=-1)).squeeze(-1)
        return self.prior_weight * prior + head


# The ranker reorders the fused top RERANK_DEPTH; below it the fused order stands, so recall at
# that depth (retail's headline recall@20) is the fused order's by construction: a ranker chosen
# on October's lists once lost 0.0017 recall@20 to the fused order on November's.
RERANK_DEPTH = 20
POPULARITY = [n for _, n in FEATURE_NAMES].index("log_popularity")


def keep_in_place(scores: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """New scores for candidates in fused order: the others take the ranker's order among
    themselves, `fixed` positions keep theirs."""
    if not fixed.any() or fixed.all():
        return scores
    free = np.flatnonzero(~fixed)
    free_order = iter(free[np.argsort(-scores[free], kind="stable")])
    final = [p if fixed[p] else next(free_order) for p in range(len(scores))]
    values = np.sort(scores)[::-1] - np.arange(len(scores), dtype=np.float32) * 1e-4
    out = np.empty_like(scores)
    out[np.asarray(final)] = values.astype(scores.dtype)
    return out


def served_scores(scores: np.ndarray, cold: np.ndarray) -> np.ndarray:
    """The network's scores for a fused list as serving applies them: only warm candidates in
    the top RERANK_DEPTH move. Cold items (no training interactions) keep their fused
    positions: the ranker learned from interaction features a cold item lacks, so it would only
    push it down (on retail it took cold recall@50 from 0.021 to 0.001)."""
    return keep_in_place(scores, cold | (np.arange(len(scores)) >= RERANK_DEPTH))


class NeuralRanker:
    """Ranker protocol: same items in, same items out, new scores (sorted)."""

    def __init__(self, ctx: FeatureContext, network: CrossNetwork, cfg: RankerConfig,
                 text_encoder=None, two_tower=None):
        self.ctx = ctx
        self.network = network.eval()
        self.cfg = cfg
        # a build whose ranker never beat the fused order: scoring it would change nothing
        self.keeps_fused_order = network.keeps_fused_order()
        self.encoder = text_encoder  # encode_query(text) -> vector, or None
        self.two_tower = two_tower  # query_vector(query) -> vector, or None

    def query_vectors(self, query: Query) -> tuple[np.ndarray | None, np.ndarray | None]:
        text_vec = None
        if self.encoder is not None and query.text.strip():
            text_vec = self.encoder.encode_query(query.text)
        tower_vec = self.two_tower.query_vector(query) if self.two_tower is not None else None
        return text_vec, tower_vec

    def features(self, query: Query, candidates: Candidates) -> np.ndarray:
        text_vec, tower_vec = self.query_vectors(query)
        return compute_features(self.ctx, query, candidates, text_vec, tower_vec)

    def score_matrix(self, features: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return self.network(torch.from_numpy(features)).numpy().astype(np.float32)

    def score(self, query: Query, candidates: Candidates) -> Candidates:
        if len(candidates) == 0:
            return candidates
        if self.keeps_fused_order:  # the same scores as the network, without its work
            return candidates.rescored(self.network.prior_scores(len(candidates)))
        scores = self.score_matrix(self.features(query, candidates))
        cold = self.ctx.popularity[candidates.item_ids] <= 0
        return candidates.rescored(served_scores(scores, cold))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        torch.save(self.network.state_dict(), directory / "ranker.pt")
        (directory / "ranker.json").write_text(json.dumps(
            {"config": asdict(self.cfg), "features": [n for _, n in FEATURE_NAMES]}, indent=2))

    @classmethod
    def load(cls, ctx: FeatureContext, directory: Path, text_encoder=None,
             two_tower=None) -> NeuralRanker:
        path = directory / "ranker.pt"
        if not path.is_file():
            raise ArtifactError(f"missing {path}: run `because build {ctx.catalog.name}`")
        meta = json.loads((directory / "ranker.json").read_text())
        if meta["features"] != [n for _, n in FEATURE_NAMES]:
            raise ArtifactError(f"{path} was built with other features: run `because build "
                                f"{ctx.catalog.name} --force`")
        cfg = RankerConfig(**meta["config"])
        network = CrossNetwork(cfg)
        state = torch.load(path, map_location="cpu", weights_only=True)
        if set(state) != set(network.state_dict()):
            raise ArtifactError(f"{path} comes from another ranker version: run `because build "
                                f"{ctx.catalog.name} --force`")
        network.load_state_dict(state)
        return cls(ctx, network, cfg, text_encoder, two_tower)


def load_ranker(hybrid, out_dir: Path) -> NeuralRanker:
    """The saved ranker for a loaded hybrid retriever (sharing its encoder and two-tower)."""
    return NeuralRanker.load(FeatureContext.from_hybrid(hybrid), out_dir / "ranker",
                             hybrid.sources["text"].encoder, hybrid.sources["two_tower"])
