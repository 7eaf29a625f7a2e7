"""The final refit: interaction sources refit through the tune month, and what guards it."""

import json

import pytest

from core.datasets import RETAIL_TUNE_CUT, RETAIL_VALID_CUT, Basket
from core.errors import ArtifactError
from core.training import TrainingData, retail_training_samples, training_data_through_tune
from core.types import Query
from retrieval.als import ALSConfig, ALSRetriever
from retrieval.build import REFIT_FILE, refit_sources, require_tune_unseen
from retrieval.cooccurrence import CooccurrenceRetriever
from retrieval.hybrid import HybridRetriever
from retrieval.neighbours import NeighbourConfig, NeighbourRetriever
from retrieval.popularity import PopularityRetriever
from retrieval.repeat import RepeatRetriever
from tests.conftest import make_catalog

NEW, PARTNER = 30, 31  # first sold in the tune month, always with its partner


def dated(baskets: list[Basket]) -> TrainingData:
    return TrainingData(make_catalog(40), retail_training_samples(baskets), [],
                        [b.item_ids for b in baskets], [b.customer_id for b in baskets],
                        session_dates=[b.date for b in baskets])


def test_refit_sources_learn_the_tune_month_with_their_chosen_settings():
    before = [Basket(f"c{c}", f"{c}-{t}", f"2011-0{t + 1}-10", (1, 2, 3 + c % 5))
              for c in range(30) for t in range(3)]
    october = [Basket(f"c{c}", f"{c}-oct", "2011-10-12", (NEW, PARTNER)) for c in range(12)]
    early, through = dated(before), dated(before + october)
    als = ALSConfig(factors=8, sweeps=3)
    neighbours = NeighbourConfig(alpha=0.5, k=5)
    sources = {"cooc": CooccurrenceRetriever.fit(early), "als": ALSRetriever.fit(early, als),
               "pop": PopularityRetriever.fit(early), "repeat": RepeatRetriever.fit(early),
               "neighbours": NeighbourRetriever.fit(early, neighbours)}
    hybrid = HybridRetriever(early.catalog, sources, cold=sources["pop"].counts <= 0)
    assert hybrid.cold[NEW] and NEW not in sources["cooc"].retrieve(
        Query(history_ids=(PARTNER,)), 5).item_id_list()
    refit_sources(hybrid, through)
    assert not hybrid.cold[NEW] and hybrid.cold[39]
    assert hybrid.sources["cooc"].retrieve(Query(history_ids=(PARTNER,)), 5).item_id_list()[0] \
        == NEW
    assert hybrid.sources["pop"].counts[NEW] == 12
    assert hybrid.sources["pop"].period.endswith("2011-10-12")  # October's best sellers now
    assert hybrid.sources["als"].config == als
    assert hybrid.sources["neighbours"].config == neighbours
    assert hybrid.sources["cooc"].config == sources["cooc"].config


def test_the_retail_refit_data_runs_to_the_validation_cut(retail, settings, movies):
    data = training_data_through_tune(retail, settings.data_dir)
    assert data.tune_samples == []
    assert max(data.session_dates) < RETAIL_VALID_CUT
    assert max(data.session_dates) >= RETAIL_TUNE_CUT  # October is in
    assert training_data_through_tune(movies, settings.data_dir) is None


def test_a_refit_build_refuses_to_judge_a_ranker_on_its_tune_lists(tmp_path, monkeypatch, capsys):
    require_tune_unseen(tmp_path, "retail", "a retrained ranker")  # nothing refit: fine
    (tmp_path / "retrieval").mkdir()
    (tmp_path / "retrieval" / REFIT_FILE).write_text(json.dumps({"through": "2011-10-31"}))
    with pytest.raises(ArtifactError, match="refit through 2011-10-31"):
        require_tune_unseen(tmp_path, "retail", "a retrained ranker")
    (tmp_path / "retrieval" / REFIT_FILE).write_text("{not json")
    with pytest.raises(ArtifactError, match="unreadable refit.json"):
        require_tune_unseen(tmp_path, "retail", "a retrained ranker")
    from ranker.train import main

    monkeypatch.setenv("BECAUSE_ARTIFACTS_DIR", str(tmp_path.parent))
    artifacts = tmp_path.parent / "retail"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "retrieval").mkdir(exist_ok=True)
    (artifacts / "retrieval" / REFIT_FILE).write_text(json.dumps({"through": "2011-10-31"}))
    assert main(["retail"]) == 2
    assert "BECAUSE_RETRIEVAL__REFIT=false because build retail --force" in capsys.readouterr().err


def test_the_evaluation_counts_cold_labels_against_the_refit_data(settings):
    """Items first sold in October are warm for the refit sources, so the evaluation no longer
    counts them as cold; with the refit off it does."""
    from eval.protocols import build_context
    from eval.runner import trained_items

    refit = build_context("retail", settings)
    before_october = {i for s in refit.training.sessions for i in s}
    october_only = trained_items(refit) - before_october
    assert refit.served_training is refit.fitted and len(october_only) >= 50
    assert any("refit through 2011-10-31" in note for note in refit.notes)
    unseen = settings.model_copy(update={"retrieval": settings.retrieval.model_copy(
        update={"refit": False})})
    plain = build_context("retail", unseen)
    assert plain.fitted is None and not (trained_items(plain) & october_only)
