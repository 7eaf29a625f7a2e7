"""`because bench llm`: the two phases of a chat turn with a real LLM backend.

Each message opens a new movie session: phase 1 (`Assistant.turn`, no LLM) is timed in
milliseconds, phase 2 (`Assistant.refine`: the LLM's reading when the rules are not confident,
then its re-rank and reasons) in seconds. Reports p50 / p99 of both, how many phase 2s called
the intent model, the tokens the embedded model read (and reused from its cache) and wrote,
the reasons kept by the checker, and the fallbacks. Targets (issue 12): phase 1 <= 100 ms p50,
embedded phase 2 <= 5 s p50 on 2 cores. The messages are fixed, half with titles the rules
read confidently and half without, so runs compare.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

import numpy as np

from core.settings import Settings
from core.types import Session

MESSAGES = (
    "I loved Alien and Aliens. Anything with a strong heroine?",
    "We liked Toy Story and Finding Nemo",
    "I loved Inception and The Matrix, hated Titanic. Something mind-bending?",
    "Funny movies like Superbad, nothing from before 2000",
    "Scary movies like Get Out, but no slashers",
    "I really enjoyed The Godfather and Goodfellas",
    "something to watch with my kids tonight",
    "I want a sad film that makes me cry",
    "a feel-good movie for a rainy sunday",
    "something like a heist with a clever twist",
    "an old black and white classic",
    "a romantic comedy for date night",
)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="because bench llm", description=__doc__)
    parser.add_argument("--backend", default="embedded", help="embedded | openai")
    parser.add_argument("--base-url", help="OpenAI-compatible server (backend openai)")
    parser.add_argument("--messages", type=int, default=len(MESSAGES))
    parser.add_argument("--repeat", type=int, default=1, help="passes over the messages")
    parser.add_argument("--rerank-top", type=int, help="candidates the LLM sees")
    parser.add_argument("--threads", type=int, help="llama.cpp threads (embedded)")
    parser.add_argument("--max-tokens", type=int, help="most tokens one LLM call writes")
    args = parser.parse_args(argv)

    from assistant.factory import build_assistant
    from assistant.llm import build_chat_model
    from server.threads import limit_threads

    settings = Settings()
    limit_threads(settings.api.threads)
    llm = {"backend": args.backend}
    if args.base_url:
        llm["base_url"] = args.base_url
    for key, value in (("rerank_top", args.rerank_top), ("n_threads", args.threads),
                       ("max_tokens", args.max_tokens)):
        if value is not None:
            llm[key] = value
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update=llm)})
    t0 = time.perf_counter()
    backend = build_chat_model(settings.llm)
    if backend.model is None:
        print(f"no LLM: {backend.reason}")
        return 2
    assistant = build_assistant(settings, "movies", backend)
    print(f"{backend.name} backend ready in {time.perf_counter() - t0:.1f} s; rerank_top "
          f"{settings.llm.rerank_top}, max_tokens {settings.llm.max_tokens}, threads "
          f"{settings.llm.n_threads}")
    messages = list(MESSAGES[: args.messages]) * args.repeat
    phase1_ms, phase2_s, phase2_cpu_s, intent_s, rerank_s = [], [], [], [], []
    intents = kept = replaced = 0
    fallbacks: Counter[str] = Counter()
    before = dict(getattr(backend.model, "stats", {}))
    for n, text in enumerate(messages):
        session = Session(session_id=f"bench-{n}", catalog="movies")
        t1 = time.perf_counter()
        phase1 = assistant.turn(session, text)
        # CPU time of the whole process (the LLM runs on helper threads): on a machine shared
        # with other work, what phase 2 would take on an otherwise idle core
        t2, cpu = time.perf_counter(), time.process_time()
        refinement = assistant.refine(session, phase1)
        t3 = time.perf_counter()
        phase1_ms.append((t2 - t1) * 1e3)
        phase2_s.append(t3 - t2)
        phase2_cpu_s.append(time.process_time() - cpu)
        fallbacks.update(f for f in refinement.fallbacks if f.startswith(("llm", "intent")))
        result = refinement.result
        timings = result.timings_ms if result else {}
        # the intent call ran if it gave a reading or failed (it is skipped when confident)
        if refinement.reading is not None or any(f.startswith(("llm_intent", "intent:"))
                                                 for f in refinement.fallbacks):
            intents += 1
            intent_s.append(timings.get("intent", float("nan")) / 1e3)
        rerank_s.append(timings.get("explain", float("nan")) / 1e3)
        if result:
            kept += result.reasons.kept
            replaced += result.reasons.replaced
        print(f"  {t3 - t2:5.1f} s  phase 1 {phase1_ms[-1]:5.1f} ms  {text[:60]!r}"
              f"{'  (failed: ' + ', '.join(refinement.fallbacks) + ')' if not result else ''}",
              flush=True)
    print(f"phase 1 (no LLM): p50 {pct(phase1_ms, 50):.1f} ms, p99 {pct(phase1_ms, 99):.1f} ms")
    print(f"phase 2 CPU time (what it takes on an otherwise idle core): p50 "
          f"{pct(phase2_cpu_s, 50):.2f} s, p99 {pct(phase2_cpu_s, 99):.2f} s")
    print(f"phase 2 ({backend.name}): p50 {pct(phase2_s, 50):.2f} s, p99 {pct(phase2_s, 99):.2f} s"
          f" over {len(messages)} turns; intent call in {intents} "
          f"(p50 {pct([x for x in intent_s if x == x], 50):.2f} s), re-rank + reasons p50 "
          f"{pct([x for x in rerank_s if x == x], 50):.2f} s")
    after = dict(getattr(backend.model, "stats", {}))
    if after:
        delta = {k: after[k] - before.get(k, 0) for k in after}
        print(f"embedded tokens: read {delta['prompt_tokens']} ({delta['reused_tokens']} from "
              f"the cache), written {delta['generated_tokens']}")
    total = kept + replaced
    print(f"LLM reasons kept by the checker: {kept}/{total}"
          f"{f' ({kept / total:.0%})' if total else ''}; fallbacks: "
          f"{dict(fallbacks) or 'none'}")
    return 0
