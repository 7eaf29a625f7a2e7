"""`because bench api`: chat-turn throughput and latency, in process and over loopback HTTP.

In process: p50 / p99 of `Assistant.turn`. Over HTTP: 16 concurrent sessions (threads with
their own httpx client) against the FastAPI app served by uvicorn on 127.0.0.1, reporting
turns/s and p50 / p99 per request. Runs with the LLM off, then (unless --llm off) with the
embedded model on fewer turns. Bounded: a fixed number of turns, loopback only.
"""

from __future__ import annotations

import argparse
import json
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from assistant.loopback import serve_in_thread
from assistant.settings import Settings
from assistant.types import Session

SCRIPTS = {
    "movies": ["I loved Inception and The Matrix, hated Titanic", "no horror",
               "something older", "more like the second one", "I've seen it"],
    "retail": ["I bought the white hanging heart t-light holder", "something for christmas",
               "cheaper", "more like the second one", "no bags"],
}


def percentiles(ms: list[float]) -> dict[str, float]:
    values = np.asarray(ms, dtype=np.float64)
    return {"p50_ms": round(float(np.percentile(values, 50)), 2),
            "p99_ms": round(float(np.percentile(values, 99)), 2), "n": int(values.size)}


def bench_in_process(assistant, catalog: str, turns: int) -> dict:
    script = SCRIPTS[catalog]
    assistant.turn(Session(session_id="warm", catalog=catalog), script[0])  # warm caches
    times: list[float] = []
    session = Session(session_id="bench", catalog=catalog)
    for n in range(turns):
        if n % len(script) == 0:
            session = Session(session_id=f"bench{n}", catalog=catalog)
        start = time.perf_counter()
        assistant.turn(session, script[n % len(script)])
        times.append((time.perf_counter() - start) * 1000.0)
    return percentiles(times)


def bench_http(app, catalog: str, turns: int, concurrency: int) -> dict:
    import httpx

    script = SCRIPTS[catalog]
    per_worker = max(turns // concurrency, 1)

    def worker(_: int) -> list[float]:
        times: list[float] = []
        with httpx.Client(base_url=url, timeout=600) as client:
            sid = ""
            for n in range(per_worker):
                if n % len(script) == 0:
                    sid = client.post("/v1/sessions", json={"catalog": catalog}).json()[
                        "session_id"]
                start = time.perf_counter()
                response = client.post(f"/v1/sessions/{sid}/messages",
                                       json={"text": script[n % len(script)]})
                times.append((time.perf_counter() - start) * 1000.0)
                response.raise_for_status()
        return times

    with serve_in_thread(app) as url:
        with httpx.Client(base_url=url, timeout=600) as warm:
            sid = warm.post("/v1/sessions", json={"catalog": catalog}).json()["session_id"]
            warm.post(f"/v1/sessions/{sid}/messages", json={"text": script[0]})
        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(worker, range(concurrency)))
        elapsed = time.perf_counter() - start
    times = [t for r in results for t in r]
    return {"turns_per_s": round(len(times) / elapsed, 1), "concurrency": concurrency,
            **percentiles(times)}


def run(settings: Settings, catalog: str, backend: str, turns: int, http_turns: int,
        concurrency: int, db: Path) -> dict:
    from assistant.api import AssistantRegistry, create_api
    from assistant.factory import build_assistant
    from assistant.session_store import SQLiteSessionStore

    settings = settings.model_copy(update={
        "llm": settings.llm.model_copy(update={"backend": backend})})
    assistant = build_assistant(settings, catalog)
    result = {"llm": assistant.llm_backend, "catalog": catalog,
              "in_process": bench_in_process(assistant, catalog, turns)}
    app = create_api(AssistantRegistry(lambda name: assistant, (catalog,)),
                     SQLiteSessionStore(db), settings)
    result["http"] = bench_http(app, catalog, http_turns, concurrency)
    return result


def main(argv: list[str] | None = None) -> int:
    import torch

    p = argparse.ArgumentParser(prog="because bench api", description=__doc__)
    p.add_argument("--catalog", default="movies", choices=sorted(SCRIPTS))
    p.add_argument("--turns", type=int, default=200, help="in-process turns (LLM off)")
    p.add_argument("--http-turns", type=int, default=640, help="HTTP turns (LLM off)")
    p.add_argument("--llm-turns", type=int, default=32, help="turns with the embedded LLM")
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--llm", choices=("off", "both"), default="both")
    p.add_argument("--threads", type=int, default=2, help="torch threads")
    p.add_argument("--json", type=Path, help="also write the results here")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    settings = Settings()
    db = Path(f"/tmp/because-bench-{secrets.token_hex(4)}.db")
    runs = [("off", args.turns, args.http_turns)]
    if args.llm == "both":
        runs.append(("embedded", max(args.llm_turns // 4, 4), args.llm_turns))
    results = []
    try:
        for backend, turns, http_turns in runs:  # print each as it lands: the LLM run is long
            r = run(settings, args.catalog, backend, turns, http_turns, args.concurrency, db)
            results.append(r)
            ip, http = r["in_process"], r["http"]
            print(f"{r['catalog']} llm={r['llm']}: in-process turn p50 {ip['p50_ms']} ms, "
                  f"p99 {ip['p99_ms']} ms (n={ip['n']}); HTTP x{http['concurrency']}: "
                  f"{http['turns_per_s']} turns/s, p50 {http['p50_ms']} ms, "
                  f"p99 {http['p99_ms']} ms (n={http['n']})", flush=True)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
