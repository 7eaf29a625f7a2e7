import json

import pytest

from core.datasets import (
    RETAIL_VALID_CUT,
    baskets_before,
    load_baskets,
    load_dialogues,
    load_unordered_dialogues,
    redial_split,
    shipped_dialogues,
    shipped_unordered,
)
from core.errors import DataError
from core.samples import basket_samples, dialogue_samples
from core.training import retail_training_samples


def test_redial_splits_are_disjoint_and_sized(settings, movies):
    splits = shipped_dialogues(settings.data_dir, movies)
    ids = {k: {d.conversation_id for d in v} for k, v in splits.items()}
    assert not ids["train"] & ids["valid"] and not ids["tune"] & ids["valid"]
    total = sum(len(v) for v in ids.values())
    assert total == 5289  # every ordered dialogue of the shipped training split
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
    assert sample.query.history_ids == (0,) and sample.query.history_counts == (1,)
    assert len(retail_training_samples(baskets)) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(header + f"1,{code},X,two,2011-01-01,1.0,42,UK\n")
    with pytest.raises(DataError, match=r"bad\.csv:2: malformed row"):
        load_baskets(bad, retail)


def _unordered(movies, first, second, labels):
    ids = {movies.external_ids[i] for i in first + second}
    return {"conversationId": None, "conversationId_status": "unknown",
            "first_speaker_messages": [f"I loved @{movies.external_ids[i]}" for i in first],
            "second_speaker_messages": [f"Try @{movies.external_ids[i]}" for i in second],
            "mentioned_movie_ids": sorted(ids),
            "liked_labels": [{"title": f"{movies.titles[i]}  ({movies.years[i]})",
                              "respondent_liked": 1, "initiator_liked": answer}
                             for i, answer in labels]}


def test_unordered_dialogues_parse_with_labels_matched_by_title_and_year(tmp_path, movies):
    dated = [i for i in range(len(movies)) if movies.years[i] > 0][:3]
    a, b, c = dated
    path = tmp_path / "u.jsonl"
    path.write_text(json.dumps(_unordered(movies, [a], [b, c], [(a, 1), (b, 0), (c, 2)])) + "\n")
    [dialogue] = load_unordered_dialogues(path, movies)
    assert dialogue.conversation_id is None
    assert dialogue.item_ids == (a, b, c)
    assert dialogue.liked_ids == (a,) and dialogue.disliked_ids == (b,)  # 2: did not say
    assert dialogue.first[0].text == f"I loved {movies.titles[a]}"


def test_malformed_unordered_line_names_file_and_line(tmp_path, movies):
    path = tmp_path / "u.jsonl"
    good = json.dumps(_unordered(movies, [1], [2], []))
    path.write_text(good + "\n" + '{"conversationId": null}\n')
    with pytest.raises(DataError, match=r"u\.jsonl:2: not an unordered ReDial"):
        load_unordered_dialogues(path, movies)
    path.write_text(good + "\n\n[1, 2]\n")
    with pytest.raises(DataError, match=r"u\.jsonl:3: not an unordered ReDial"):
        load_unordered_dialogues(path, movies)


def test_shipped_unordered_dialogues_are_all_training_data(settings, movies):
    unordered = shipped_unordered(settings.data_dir, movies)
    assert len(unordered) == 4717
    ordered = {d.conversation_id for split in shipped_dialogues(settings.data_dir, movies).values()
               for d in split}
    assert not ordered & {d.conversation_id for d in unordered if d.conversation_id}
    liked = sum(len(d.liked_ids) for d in unordered)
    disliked = sum(len(d.disliked_ids) for d in unordered)
    assert liked > 15_000 and disliked > 1_000  # questionnaire labels matched to mentions


def test_retail_histories_count_purchases_newest_last():
    from core.datasets import Basket
    from core.samples import basket_samples

    history = [Basket("c", "1", "2011-01-01", (5, 6)), Basket("c", "2", "2011-02-01", (7, 5)),
               Basket("c", "3", "2011-03-01", (6,))]
    [sample] = basket_samples(history, [Basket("c", "4", "2011-11-02", (5, 8))])
    assert sample.query.history_ids == (7, 5, 6)  # each item at its latest purchase
    assert sample.query.history_counts == (1, 2, 2)
    assert sample.novel_target_ids == (8,)
    samples = retail_training_samples(history)
    assert [(s.query.history_ids, s.query.history_counts) for s in samples] == [
        ((5, 6), (1, 1)), ((6, 7, 5), (1, 1, 2))]
