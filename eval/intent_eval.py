"""Intent extraction accuracy on ReDial VALIDATION dialogues (or a `--test` file in the original
ReDial format), and embedded-backend latency.

Labelled set: for each dialogue (never a train or tune one: the mention-sentiment model trains and
tunes on those), the seeker's questionnaire answers (liked = 1 / 0) for
the movies the seeker mentioned themself. The parser reads the seeker's messages one by one in
context, with `@id` mentions replaced by plain titles (Utterance.text), as a user would type
them, and its liked / disliked ids are accumulated over the dialogue (a later reading of the
same item wins); both sides are counted by film, so a link to either of two ReDial ids of one
film is the film (`same_film`; the by-id scores are printed too). Precision / recall / F1 are
micro-averaged over dialogues, for rules alone and
for rules + LLM (the LLM on a seeded subset, because the CPU model takes seconds per call).

A benchmark too: p50 latency of the embedded backend for intent (LLM call #1) and for
re-rank + explain (LLM call #2 over rerank_top candidates), and the p50 / p99 time of one
intent parse with the LLM off (rules + title linking + the mention-sentiment model).

Rows: the rules alone (cue words decide sentiment) and rules + the trained mention-sentiment
model, both with the title link prior of the build (artifacts/movies/linking).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from assistant.explain import Explainer
from assistant.factory import load_understanding
from assistant.intent import IntentParser
from assistant.linking import TitleLinker
from assistant.llm import build_chat_model
from core.catalog import Catalog, load_catalog, normalize_title
from core.datasets import Dialogue, load_dialogues, shipped_dialogues
from core.settings import LLMSettings, Settings
from core.types import Candidates, Message, Query


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[int], gold: set[int]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def gold_labels(dialogue: Dialogue) -> tuple[set[int], set[int]]:
    mentioned = {i for u in dialogue.utterances if u.role == "user" for i in u.item_ids}
    return set(dialogue.liked_ids) & mentioned, set(dialogue.disliked_ids) & mentioned


def same_film(catalog: Catalog) -> dict[int, int]:
    """Each item's film, as its first item of the same title and year: ReDial lists some films
    under two ids (80 such pairs in the movie catalogue, Jurassic Park (1993) among them), and
    a reading of either is the film the person named."""
    first: dict[tuple[str, int], int] = {}
    return {i: first.setdefault((normalize_title(title), int(year)), i)
            for i, (title, year) in enumerate(zip(catalog.titles, catalog.years, strict=True))}


def labelled(dialogues: list[Dialogue]) -> list[Dialogue]:
    return [d for d in dialogues if any(gold_labels(d))]


def predict(parser: IntentParser, dialogue: Dialogue,
            latencies: list[float] | None = None) -> tuple[set[int], set[int], int, set[int]]:
    """Accumulated liked / disliked ids over the seeker's messages, fallbacks counted, and the
    films read as wanted (not seen, taken up) at some message and never read as liked or
    disliked in the dialogue."""
    history: list[Message] = []
    opinion: dict[int, bool] = {}
    wanted: set[int] = set()
    fallbacks = 0
    for utterance in dialogue.utterances:
        history.append(Message(role=utterance.role, text=utterance.text[:2000] or " "))
        if utterance.role != "user":
            continue
        started = time.perf_counter()
        parsed = parser.parse(history)
        if latencies is not None and parser.chat_model is not None:
            latencies.append(time.perf_counter() - started)
        fallbacks += len(parsed.fallbacks)
        for item in parsed.liked_ids:
            opinion[item] = True
        for item in parsed.disliked_ids:
            opinion[item] = False
        wanted.update(parsed.wanted_ids)
    liked = {i for i, v in opinion.items() if v}
    return liked, {i for i, v in opinion.items() if not v}, fallbacks, wanted - set(opinion)


def evaluate(parser: IntentParser, dialogues: list[Dialogue], label: str,
             latencies: list[float] | None = None) -> dict:
    liked, disliked, taken_up = Counts(), Counts(), Counts()
    by_id = {"liked": Counts(), "disliked": Counts()}
    film = same_film(parser.catalog)
    fallbacks = 0
    for dialogue in tqdm(dialogues, desc=label, leave=False):
        got_liked, got_disliked, failed, got_wanted = predict(parser, dialogue, latencies)
        gold_liked, gold_disliked = gold_labels(dialogue)
        by_id["liked"].add(got_liked, gold_liked)
        by_id["disliked"].add(got_disliked, gold_disliked)
        films = [{film.get(i, i) for i in ids} for ids in
                 (got_liked, got_disliked, got_wanted, gold_liked, gold_disliked)]
        got_liked, got_disliked, got_wanted, gold_liked, gold_disliked = films
        liked.add(got_liked, gold_liked)
        disliked.add(got_disliked, gold_disliked)
        taken_up.add(got_liked | got_wanted, gold_liked)
        fallbacks += failed
    # the questionnaire's "liked" also marks a suggestion the seeker took up unseen ("haven't
    # seen it, will check it out"), which the assistant reads as wanted, never as liked
    return {"system": label, "dialogues": len(dialogues), "liked": liked.scores(),
            "disliked": disliked.scores(), "liked_or_wanted": taken_up.scores(),
            "by_id": {key: counts.scores() for key, counts in by_id.items()},
            "llm_fallbacks": fallbacks}


def rerank_latency(catalog: Catalog, backend_model, settings: LLMSettings,
                   dialogues: list[Dialogue], runs: int) -> list[float]:
    """LLM call #2 over the top `rerank_top` popular unseen items, liked items from the
    dialogue's questionnaire; timing per explain() call."""
    explainer = Explainer(catalog, backend_model, settings)
    popular = np.argsort(-catalog.popularity)
    seconds = []
    for dialogue in dialogues[:runs]:
        liked = tuple(dialogue.liked_ids[:3])
        ids = [int(i) for i in popular[: settings.rerank_top + 3] if i not in liked]
        ids = ids[: settings.rerank_top]
        candidates = Candidates.from_scores(ids, np.linspace(1, 0, len(ids), dtype=np.float32))
        context = [Message(role=u.role, text=u.text or " ") for u in dialogue.utterances[:4]]
        started = time.perf_counter()
        explainer.explain(Query(text=context[-1].text, liked_ids=liked), candidates, context, 5)
        seconds.append(time.perf_counter() - started)
    return seconds


def parse_times(parser: IntentParser, dialogues: list[Dialogue]) -> list[float]:
    """Seconds per parse of each seeker message in its context (LLM off)."""
    seconds = []
    for dialogue in dialogues:
        history: list[Message] = []
        for utterance in dialogue.utterances:
            history.append(Message(role=utterance.role, text=utterance.text[:2000] or " "))
            if utterance.role == "user":
                started = time.perf_counter()
                parser.parse(history)
                seconds.append(time.perf_counter() - started)
    return seconds


def p50_ms(seconds: list[float]) -> float | None:
    return round(float(np.percentile(np.asarray(seconds) * 1000, 50)), 1) if seconds else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="because bench intent", description=__doc__)
    p.add_argument("--dialogues", type=int, default=0,
                   help="score a seeded sample of this many dialogues (default: all)")
    p.add_argument("--test", type=Path, help="ReDial test file (JSONL, plain or .xz) instead of "
                   "the validation split")
    p.add_argument("--llm-dialogues", type=int, default=30, help="rules+LLM subset (seeded)")
    p.add_argument("--rerank-runs", type=int, default=10)
    p.add_argument("--llm-base-url", help="OpenAI-compatible server instead of embedded")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    args = p.parse_args(argv)
    settings = Settings()
    catalog = load_catalog("movies", settings.data_dir)
    if args.test is not None:
        source = f"test file {args.test.name}"
        pool = labelled(load_dialogues(args.test, catalog))
    else:
        source = "validation split"
        pool = labelled(shipped_dialogues(settings.data_dir, catalog)["valid"])
    rng = random.Random(args.seed)
    sample = rng.sample(pool, args.dialogues) if 0 < args.dialogues < len(pool) else pool
    llm_sample = sample[: args.llm_dialogues]
    prior, sentiment, missing = load_understanding("movies", settings.artifact_dir("movies"))
    linker = TitleLinker(catalog, prior=prior)
    off = LLMSettings(backend="off")
    rows = [evaluate(IntentParser(catalog, linker, None, off), sample,
                     f"rules ({len(sample)} {source} dialogues)")]
    result: dict = {"source": source, "labelled_dialogues": len(pool), "rows": rows}
    if missing:
        result["note"] = ("no title prior / sentiment model in the artifacts (run `because "
                          "build movies`): rules with the common-word list only")
    model_parser = IntentParser(catalog, linker, None, off, sentiment)
    if sentiment is not None:
        rows.append(evaluate(model_parser, sample, "rules + mention-sentiment model"))
    per_message = parse_times(model_parser, sample)
    result["intent_ms_llm_off"] = {"p50": p50_ms(per_message),
                                   "p99": round(float(np.percentile(per_message, 99)) * 1000, 2),
                                   "parses": len(per_message)}
    if args.llm_dialogues > 0:
        llm_settings = LLMSettings(backend="openai" if args.llm_base_url else "embedded",
                                   base_url=args.llm_base_url, timeout_s=60)
        backend = build_chat_model(llm_settings)
        result["backend"] = backend.name
        if backend.model is None:
            result["llm_note"] = f"LLM rows skipped: {backend.reason}"
        else:
            rows.append(evaluate(IntentParser(catalog, linker, None, off), llm_sample,
                                 f"rules (same {len(llm_sample)}-dialogue subset)"))
            intent_s: list[float] = []
            rows.append(evaluate(IntentParser(catalog, linker, backend.model, llm_settings),
                                 llm_sample, f"rules+LLM {backend.name} "
                                 f"({len(llm_sample)}-dialogue seeded subset)", intent_s))
            rerank_s = rerank_latency(catalog, backend.model, llm_settings, llm_sample,
                                      args.rerank_runs)
            result["latency_ms"] = {"intent_p50": p50_ms(intent_s), "intent_calls": len(intent_s),
                                    "rerank_explain_p50": p50_ms(rerank_s),
                                    "rerank_explain_calls": len(rerank_s),
                                    "rerank_top": llm_settings.rerank_top}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"labelled dialogues ({source}): {len(pool)}")
    print(f"{'system':55s} {'liked P/R/F1':>20s} {'disliked P/R/F1':>20s} "
          f"{'liked|wanted P/R/F1':>20s} fallbacks")
    for row in rows:
        fmt = "{precision:.3f}/{recall:.3f}/{f1:.3f}"
        print(f"{row['system']:55s} {fmt.format(**row['liked']):>20s} "
              f"{fmt.format(**row['disliked']):>20s} "
              f"{fmt.format(**row['liked_or_wanted']):>20s} {row['llm_fallbacks']}")
    print("scored by film (an item listed twice by ReDial counts once); by ReDial id: " +
          "; ".join(f"{row['system']}: liked F1 {row['by_id']['liked']['f1']:.3f}, disliked F1 "
                    f"{row['by_id']['disliked']['f1']:.3f}" for row in rows))
    for key in ("note", "llm_note"):
        if key in result:
            print(result[key])
    lat = result["intent_ms_llm_off"]
    print(f"intent parse, LLM off: p50 {lat['p50']} ms, p99 {lat['p99']} ms "
          f"({lat['parses']} seeker messages)")
    if "latency_ms" in result:
        lat = result["latency_ms"]
        print(f"{result['backend']} latency p50: intent {lat['intent_p50']} ms "
              f"({lat['intent_calls']} parses), re-rank+explain {lat['rerank_explain_p50']} ms "
              f"({lat['rerank_explain_calls']} calls, top {lat['rerank_top']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
