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
    unknown_ids: int = 0
    dropped_samples: int = 0
    notes: list[str] = field(default_factory=list)
    cache: dict[str, object] = field(default_factory=dict)  # loaded models shared by providers

    @property
    def artifact_dir(self) -> Path:
        return self.settings.artifact_dir(self.catalog.name)
