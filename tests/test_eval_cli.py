import json

import pytest

from eval.cli import main
from eval.report import COLUMNS


def _dialogue_line(movies, cid, a, b, c):
    ea, eb, ec = (movies.external_ids[i] for i in (a, b, c))
    return json.dumps({
        "conversationId": cid, "initiatorWorkerId": 1, "respondentWorkerId": 2,
        "movieMentions": {}, "initiatorQuestions": {}, "respondentQuestions": {},
        "messages": [{"senderWorkerId": 1, "text": f"I liked @{ea} and @{eb}"},
                     {"senderWorkerId": 2, "text": f"Then see @{ec}"},
                     {"senderWorkerId": 2, "text": "unknown @123456789 too"}]})


def test_eval_on_a_test_file_writes_the_report(tmp_path, movies, capsys):
    test = tmp_path / "test.jsonl"
    test.write_text("\n".join(_dialogue_line(movies, str(i), i, i + 1, i + 2)
                              for i in range(5)) + "\n")
    out = tmp_path / "out"
    assert main(["movies", "--test", str(test), "--out", str(out), "--quiet",
                 "--systems", "pop,cooc"]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["protocol"] == "redial-turn" and report["samples"] == 5
    assert report["labels"] == 5 and report["unknown_ids"] == 5
    assert set(report["systems"]) == {"pop", "cooc"}
    assert set(report["systems"]["pop"]) == set(COLUMNS)
    assert (out / "recall_at_k.png").stat().st_size > 1000
    assert "| pop |" in (out / "report.md").read_text()
    assert "redial-turn" in capsys.readouterr().out


def test_bad_input_is_a_clear_error(tmp_path, capsys, monkeypatch):
    import eval.cli

    monkeypatch.setattr(eval.cli, "PROVIDERS", ("eval.baselines",))  # no artifacts needed
    assert main(["books"]) == 2
    assert "unknown catalogue" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    assert main(["movies", "--test", str(bad)]) == 2
    assert "bad.jsonl:1: invalid JSON" in capsys.readouterr().err
    assert main(["movies", "--test", str(tmp_path / "missing.jsonl")]) == 2
    assert "file not found" in capsys.readouterr().err
    assert main(["movies", "--systems", "nope", "--limit", "3", "--quiet"]) == 2
    assert "unknown system" in capsys.readouterr().err


def test_limit_runs_the_first_samples(monkeypatch, tmp_path, capsys):
    import eval.cli

    monkeypatch.setattr(eval.cli, "PROVIDERS", ("eval.baselines",))
    assert main(["movies", "--limit", "20", "--quiet", "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["samples"] == 20 and set(report["systems"]) == {"pop", "cooc"}
    assert "limited to the first 20 samples" in (tmp_path / "report.md").read_text()


def test_requested_systems_stop_provider_loading(monkeypatch, capsys):
    import eval.cli

    # a provider after the baselines that would fail if it were loaded
    monkeypatch.setattr(eval.cli, "PROVIDERS", ("eval.baselines", "eval.no_such_provider"))
    assert main(["movies", "--limit", "5", "--quiet", "--systems", "cooc"]) == 0
    assert "no_such_provider" not in capsys.readouterr().err


def test_usage_errors_and_benchmarks_exit_2(capsys):
    assert main([]) == 2
    assert main(["movies", "--limit", "x"]) == 2
    assert main(["bench"]) == 2
    assert main(["bench", "nope"]) == 2
    assert "usage" in capsys.readouterr().err


@pytest.mark.slow
def test_bench_eval_prints_median_and_latencies(capsys):
    assert main(["bench", "eval", "movies", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "median" in out and "per-query p50" in out and "cooc" in out
