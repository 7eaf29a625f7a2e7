"""The runner on a synthetic catalogue with hand-checkable answers (one label per target)."""

import math

import numpy as np
import pytest

from core.samples import Sample
from core.settings import Settings
from core.training import TrainingData
from core.types import Candidates, Query
from eval.context import EvalContext
from eval.report import COLUMNS, report_dict, write_report
from eval.runner import KS, evaluate_system, label_count, trained_items


class FixedRanking:
    """Returns the same list for every query (minus exclusions)."""

    def __init__(self, name, ranked):
        self.name = name
        self.ranked = ranked

    def retrieve(self, query, k):
        ids = [i for i in self.ranked if i not in query.exclude_ids][:k]
        return Candidates.from_scores(ids, -np.arange(len(ids), dtype=np.float32))


def _sample(sid, history, targets):
    return Sample(sid, Query(history_ids=history, exclude_ids=history), (), targets,
                  tuple(t for t in targets if t not in history), group=sid)


@pytest.fixture
def ctx(synthetic):
    # item 30 never occurs in training: it is the cold item
    training = TrainingData(synthetic, [], [], [(1, 2, 3), (3, 4), (5,)])
    samples = [_sample("a", (1,), (2, 3)), _sample("b", (4,), (30,)), _sample("c", (), (5,))]
    return EvalContext(Settings(), synthetic, "synthetic", "unit", samples, training)


def test_one_label_per_target(ctx):
    # ranks: sample a -> 2 at 1, 3 at 2; sample b -> 30 at 4 (after 2, 3, 5; 1 kept); c -> 5 at 3
    system = FixedRanking("fixed", [2, 3, 5, 30, 1])
    result = evaluate_system(system, ctx, progress=False)
    m = result.metrics
    assert label_count(ctx) == 4
    assert m["recall@1"] == 0.25  # only the label (a, 2) is at rank 1
    assert m["recall@5"] == 1.0
    expected_ndcg = (1 + 1 / math.log2(3) + 1 / math.log2(5) + 1 / math.log2(4)) / 4
    assert math.isclose(m["ndcg@10"], expected_ndcg, rel_tol=1e-9)
    assert math.isclose(m["mrr"], (1 + 1 / 2 + 1 / 4 + 1 / 3) / 4)
    assert m["cold_recall@50"] == 1.0 and m["cold_labels"] == 1.0
    assert math.isclose(m["coverage@10"], 5 / 40)
    assert all(m[f"recall@{k}"] <= m[f"recall@{k2}"] for k, k2 in zip(KS, KS[1:], strict=False))


def test_novel_and_cold_labels_are_separated(synthetic):
    # the context item is a target again: it is excluded, so it is a non-novel, missed label
    training = TrainingData(synthetic, [], [], [(7, 8)])
    ctx = EvalContext(Settings(), synthetic, "synthetic", "unit",
                      [_sample("a", (7,), (7, 8))], training)
    assert trained_items(ctx) == {7, 8}
    m = evaluate_system(FixedRanking("fixed", [8, 7]), ctx, progress=False).metrics
    assert m["recall@10"] == 0.5 and m["novel_recall@10"] == 1.0
    assert m["cold_labels"] == 0.0 and m["cold_recall@50"] == 0.0


def test_report_schema_and_files(ctx, tmp_path):
    results = [evaluate_system(FixedRanking(n, r), ctx, progress=False)
               for n, r in (("good", [2, 3, 5, 30]), ("bad", [10, 11, 12]))]
    report = report_dict(ctx, results)
    assert set(report) == {"protocol", "test_file", "samples", "labels", "unknown_ids", "systems"}
    assert list(report["systems"]) == ["good", "bad"]
    assert set(report["systems"]["good"]) == set(COLUMNS)
    assert report["systems"]["bad"]["recall@100"] == 0.0
    write_report(report, tmp_path, ctx, results)
    md = (tmp_path / "report.md").read_text()
    assert "| good |" in md and "diversity@10" in md
    assert (tmp_path / "recall_at_k.png").read_bytes()[:4] == b"\x89PNG"
