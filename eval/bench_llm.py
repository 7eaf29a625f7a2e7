"""`because bench llm`: the two phases of a chat turn with a real LLM backend.

Each message opens a new movie session: phase 1 (`Assistant.turn`, no LLM) is timed in
milliseconds, phase 2 (`Assistant.refine`: the LLM's reading when the rules are not confident,
then its re-rank and reasons) in seconds. Reports p50 / p99 of both, how many phase 2s called
the intent model, the tokens the embedded model read (and reused from its cache) and wrote,
the reasons kept by the checker, and the fallbacks. Targets (issue 12): phase 1 <= 100 ms p50,
embedded phase 2 <= 5 s p50 on 2 cores. The messages are fixed, half with titles the rules
read confidently and half without, so runs compare.

With `--base-url URL` (an OpenAI-compatible server: vLLM on CPU or GPU) it benchmarks the
server instead (eval/llm_load.py): the product's intent and re-rank calls for these messages,
p50 / p99 and time to first token per call type, schema validity over `--calls` of each, and
requests/s at each `--concurrency` level; `--turns` runs the per-turn phases against it too.
`--save-calls FILE` writes those calls (it needs the movie artifacts, no LLM), and
`--calls-file FILE --base-url URL` sends them from a machine without artifacts (a GPU box).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import numpy as np

from core.settings import Settings
from core.types import Intent, Session

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
    parser.add_argument("--calls", type=int, default=20,
                        help="--base-url: calls of each type, one at a time")
    parser.add_argument("--concurrency", default="1,8,32",
                        help="--base-url: concurrency levels for throughput")
    parser.add_argument("--requests", type=int,
                        help="--base-url: requests per concurrency level (default 2x, >= 8)")
    parser.add_argument("--turns", action="store_true",
                        help="--base-url: also time whole phase-2 turns against the server")
    parser.add_argument("--save-calls", metavar="FILE",
                        help="write the product's calls for these messages (JSON lines) and "
                             "stop: needs the movie artifacts, no LLM")
    parser.add_argument("--calls-file", metavar="FILE",
                        help="--base-url: send the calls saved with --save-calls instead of "
                             "building them (no artifacts needed)")
    parser.add_argument("--answers", metavar="FILE",
                        help="--base-url: write the one-at-a-time answers (JSON lines)")
    args = parser.parse_args(argv)
    if args.base_url:
        args.backend = "openai"
    if args.calls_file and not args.base_url:
        parser.error("--calls-file needs --base-url")

    from assistant.llm import build_chat_model
    from server.threads import limit_threads

    settings = Settings()
    llm = {"backend": args.backend}
    if args.base_url:
        llm["base_url"] = args.base_url
    for key, value in (("rerank_top", args.rerank_top), ("n_threads", args.threads),
                       ("max_tokens", args.max_tokens)):
        if value is not None:
            llm[key] = value
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update=llm)})
    if not args.calls_file:  # loaded calls only send HTTP: nothing numeric to cap (or import)
        limit_threads(settings.api.threads)
    if args.save_calls:
        return save_product_calls(settings, args)
    t0 = time.perf_counter()
    backend = build_chat_model(settings.llm)
    if backend.model is None:
        print(f"no LLM: {backend.reason}")
        return 2
    if args.calls_file:
        from eval.llm_load import load_calls

        try:
            calls = load_calls(Path(args.calls_file))
        except (OSError, ValueError) as exc:
            print(f"cannot read the calls: {exc}")
            return 2
        server_bench(backend.model, calls, args, settings.llm.max_tokens)
        return 0
    from assistant.factory import build_assistant  # the artifacts' stack: FAISS, torch, ...

    assistant = build_assistant(settings, "movies", backend)
    if args.base_url:
        server_bench(backend.model, product_calls(assistant, args.messages), args,
                     settings.llm.max_tokens)
        if not args.turns:
            return 0
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


def save_product_calls(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.factory import build_assistant
    from assistant.llm.backends import ChatBackend
    from eval.llm_load import save_calls

    assistant = build_assistant(settings, "movies", ChatBackend(None, "off", "saving calls"))
    calls = product_calls(assistant, args.messages)
    save_calls(Path(args.save_calls), calls)
    print(f"{len(calls)} calls for {args.messages} messages written to {args.save_calls} "
          f"(max_tokens {settings.llm.max_tokens} is the client's: pass --max-tokens to change)")
    return 0


def product_calls(assistant, count: int) -> list:
    """The intent and re-rank calls phase 2 makes for the first `count` fixed messages (as
    `Assistant.refine` builds them, with the rules' reading standing)."""
    from assistant.orchestrator import Stages
    from core.types import Message
    from eval.llm_load import Call

    n = assistant.explainer.settings.rerank_picks
    calls: list[Call] = []
    for i, text in enumerate(MESSAGES[:count]):
        session = Session(session_id=f"load-{i}", catalog="movies")
        phase1 = assistant.turn(session, text)
        said = [Message(role="user", text=text)]  # the context phase 2 sees: this message
        calls.append(Call("intent", assistant.parser.intent_prompt(said), Intent))
        query, candidates = assistant.fresh_candidates(session.model_copy(deep=True), phase1,
                                                       Stages({}), [])
        if candidates is None or len(candidates) == 0:
            continue
        ids, liked, _ = assistant.explainer.rerank_input(query, candidates,
                                                         assistant.recommendations)
        wanted = min(assistant.recommendations, n)
        prompt, schema = assistant.explainer.rerank_request(ids, liked, said, wanted)
        calls.append(Call("rerank", prompt, schema, {"ids": ids, "liked": liked, "n": wanted}))
    return calls


def server_bench(model, calls: list, args: argparse.Namespace, max_tokens: int) -> None:
    """The product's structured calls against the server at --base-url (eval/llm_load.py)."""
    import json

    from eval.llm_load import at_concurrency, per_kind

    picks = {c.spec["n"] for c in calls if c.spec} or {"-"}
    print(f"server {args.base_url}: {args.calls} calls of each type, one at a time "
          f"(max_tokens {max_tokens}, re-rank picks {'/'.join(map(str, sorted(picks)))} of "
          f"{max((len(c.spec['ids']) for c in calls if c.spec), default=0)})")
    answers = []
    for kind, stats in per_kind(model, calls, args.calls).items():
        print(f"{kind:>7}: {stats.line()}")
        answers += [{"kind": kind, "seconds": round(o.seconds, 4), "failure": o.failure,
                     "content": o.content} for o in stats.outcomes]
    for level in (int(c) for c in args.concurrency.split(",") if c.strip()):
        requests = args.requests or max(8, 2 * level)
        rate, tokens, stats = at_concurrency(model, calls, level, requests)
        print(f"concurrency {level:>3}: {rate:.2f} requests/s, {tokens:.1f} tokens/s over "
              f"{requests} ({stats.line()})", flush=True)
    if args.answers:
        Path(args.answers).write_text("".join(json.dumps(a) + "\n" for a in answers))
        print(f"{len(answers)} answers written to {args.answers}")
