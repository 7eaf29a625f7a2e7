"""Protocols on real shipped data and on user test files (unknown ids counted, never fatal)."""

import json

import pytest

from core.datasets import RETAIL_VALID_CUT
from eval.protocols import build_context


@pytest.mark.slow
def test_movie_validation_protocol(settings, movies):
    ctx = build_context("movies", settings, catalog=movies)
    assert ctx.protocol == "redial-turn" and ctx.test_file == "validation split"
    assert len(ctx.samples) == 2749  # 816 validation dialogues of the 5,289 ordered ones
    assert all(s.target_ids for s in ctx.samples)
    assert ctx.unknown_ids == 0
    # the evaluated conversations never appear in the training view
    evaluated = {s.group for s in ctx.samples}
    assert not evaluated & set(ctx.training.session_groups)
    assert not evaluated & {s.group for s in ctx.training.tune_samples}


def test_movie_test_file_counts_unknown_ids_and_drops_nothing_known(tmp_path, settings, movies):
    a, b = movies.external_ids[3], movies.external_ids[4]
    dialogue = {"conversationId": "t1", "initiatorWorkerId": 1, "respondentWorkerId": 2,
                "movieMentions": {}, "initiatorQuestions": {}, "respondentQuestions": {},
                "messages": [{"senderWorkerId": 1, "text": f"I liked @{a} and @77777777"},
                             {"senderWorkerId": 2, "text": f"Try @{b}"},
                             {"senderWorkerId": 2, "text": "or @88888888"}]}
    path = tmp_path / "test.jsonl"
    path.write_text(json.dumps(dialogue) + "\n")
    ctx = build_context("movies", settings, path, catalog=movies)
    assert ctx.test_file == str(path)
    assert ctx.unknown_ids == 2
    [sample] = ctx.samples  # the turn mentioning only an unknown movie yields no sample
    assert sample.target_ids == (4,) and sample.query.history_ids == (3,)


@pytest.mark.slow
def test_retail_test_file_uses_all_shipped_history(tmp_path, settings, retail):
    ctx = build_context("retail", settings, catalog=retail)
    assert ctx.protocol == "retail-next-basket" and 1000 < len(ctx.samples) < 1700
    customer = ctx.samples[0].group
    code = retail.external_ids[5]
    header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    rows = [f"900001,{code},X,2,2012-01-05 10:00:00,1.0,{customer},UK",
            f"900001,99999Z,Y,1,2012-01-05 10:00:00,1.0,{customer},UK",
            "900002,99998Z,Z,1,2012-01-06 10:00:00,1.0,99999999,UK"]
    path = tmp_path / "later.csv"
    path.write_text(header + "\n".join(rows) + "\n")
    test_ctx = build_context("retail", settings, path, catalog=retail)
    assert test_ctx.unknown_ids == 2
    [sample] = test_ctx.samples  # the unknown customer has no history
    assert sample.target_ids == (5,) and sample.group == customer
    # the history now includes baskets after the validation cut
    assert len(sample.query.history_ids) >= len(ctx.samples[0].query.history_ids)
    assert RETAIL_VALID_CUT < "2012-01-05"
