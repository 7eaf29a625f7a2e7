"""What an evaluated system may see: the catalogue, the training view, the artifacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.catalog import Catalog
from core.samples import Sample
from core.settings import Settings
from core.training import TrainingData


@dataclass
class EvalContext:
    settings: Settings
    catalog: Catalog
    protocol: str  # "redial-turn" | "retail-next-basket"
    test_file: str  # "validation split" or the --test path
    samples: list[Sample]
    training: TrainingData
    # the data the served interaction sources were last fitted on, where the build refit them
    # through the tune split (retail); None: `training`
    fitted: TrainingData | None = None
    unknown_ids: int = 0
    dropped_samples: int = 0
    notes: list[str] = field(default_factory=list)
    cache: dict[str, object] = field(default_factory=dict)  # loaded models shared by providers

    @property
    def served_training(self) -> TrainingData:
        """What the served sources learned from: cold labels and the baselines and peers that
        stand beside them are counted against it."""
        return self.fitted or self.training

    @property
    def artifact_dir(self) -> Path:
        return self.settings.artifact_dir(self.catalog.name)
