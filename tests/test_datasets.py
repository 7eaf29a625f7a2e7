import json

import pytest

from core.datasets import (
    RETAIL_VALID_CUT,
    baskets_before,
    load_baskets,
    load_dialogues,
    redial_split,
    shipped_dialogues,
)
from core.errors import DataError
from core.samples import basket_samples, dialogue_samples
from core.training import retail_training_samples


def test_redial_splits_are_disjoint_and_sized(settings, movies):
    splits = shipped_dialogues(settings.data_dir, movies)
    ids = {k: {d.conversation_id for d in v} for k, v in splits.items()}
    assert not ids["train"] & ids["valid"] and not ids["tune"] & ids["valid"]
    total = sum(len(v) for v in ids.values())
    assert total == 2270
    assert 0.12 < len(ids["valid"]) / total < 0.18
    assert 0.07 < len(ids["tune"]) / total < 0.13
    assert all(redial_split(c) == "valid" for c in ids["valid"])


def _dialogue(movies, mentions):
    a, b = (movies.external_ids[i] for i in mentions)
    return {"conversationId": "c1", "initiatorWorkerId": 1, "respondentWorkerId": 2,
            "movieMentions": {a: "A", b: "B"},
            "initiatorQuestions": {a: {"liked": 1}, b: {"liked": 0}},
            "messages": [{"senderWorkerId": 1, "text": f"I loved @{a}"},
                         {"senderWorkerId": 2, "text": f"Try @{b} or @999999999"}]}


def test_dialogue_parsing_and_samples(tmp_path, movies):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(_dialogue(movies, (10, 20))) + "\n")
    [dialogue] = load_dialogues(path, movies)
    assert dialogue.liked_ids == (10,) and dialogue.disliked_ids == (20,)
    assert dialogue.unknown_mentions == 1
    assert dialogue.utterances[0].text == f"I loved {movies.titles[10]}"
    [sample] = dialogue_samples(dialogue)
    assert sample.target_ids == (20,) and sample.query.exclude_ids == (10,)
    assert sample.query.liked_ids == (10,)


def test_malformed_jsonl_names_file_and_line(tmp_path, movies):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(_dialogue(movies, (1, 2))) + "\n{not json\n")
    with pytest.raises(DataError, match=r"bad\.jsonl:2: invalid JSON"):
        load_dialogues(path, movies)
    path.write_text('{"conversationId": 1}\n')
    with pytest.raises(DataError, match=r"bad\.jsonl:1: not a ReDial"):
        load_dialogues(path, movies)


def test_baskets_skip_cancellations_and_guests(tmp_path, retail):
    code = retail.external_ids[0]
    other = retail.external_ids[1]
    header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    rows = [f"1,{code},X,2,2011-01-01 10:00:00,1.0,42,UK",
            f"C2,{code},X,-2,2011-01-02 10:00:00,1.0,42,UK",
            f"3,{other},Y,1,2011-01-03 10:00:00,1.0,,UK",
            "4,POST,POSTAGE,1,2011-01-04 10:00:00,18.0,42,UK",
            f"5,{other},Y,1,2011-12-05 10:00:00,1.0,42,UK",
            "6,99999Z,NEW,1,2011-12-05 10:00:00,1.0,42,UK"]
    path = tmp_path / "orders.csv"
    path.write_text(header + "\n".join(rows) + "\n")
    from core.datasets import LoadStats
    stats = LoadStats()
    baskets = load_baskets(path, retail, stats)
    assert [b.invoice for b in baskets] == ["1", "5"]
    assert stats.unknown_ids == 1
    [sample] = basket_samples(baskets_before(baskets, RETAIL_VALID_CUT),
                              [b for b in baskets if b.date >= RETAIL_VALID_CUT])
    assert sample.target_ids == (1,) and sample.novel_target_ids == (1,)
    assert len(retail_training_samples(baskets)) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(header + f"1,{code},X,two,2011-01-01,1.0,42,UK\n")
    with pytest.raises(DataError, match=r"bad\.csv:2: malformed row"):
        load_baskets(bad, retail)
