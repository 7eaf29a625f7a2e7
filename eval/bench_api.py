"""`because bench api`: chat-turn throughput and latency, in process and over loopback HTTP.

In process: p50 / p99 of `Assistant.turn`. Over HTTP: the chat API runs in server processes of
its own (uvicorn, `server.serve:api_app`, `--workers` of them sharing one SQLite session
database), as in production, and one asyncio client (eval/loadgen.py, a light keep-alive
HTTP/1.1 client) drives 16 concurrent sessions against it on 127.0.0.1, reporting turns/s,
p50 / p99 per request and the CPU each side spent per turn. The client shares the machine's
cores with the server, so the numbers are a lower bound. Every session opens with different
popular titles, so no turn repeats an earlier text. Runs with the LLM off, then (unless
--llm off) with the embedded model on fewer turns. Bounded: a fixed number of turns, loopback
only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from core.settings import Settings
from core.types import Session

SCRIPTS = {
    "movies": ["I loved {a} and {b}, hated {c}", "no horror", "something older",
               "more like the second one", "I've seen it"],
    "retail": ["I bought the {a} and the {b}, not the {c}", "something for christmas",
               "cheaper", "more like the second one", "no bags"],
}
POPULAR = 300  # opening messages name titles drawn from the most popular items


class Conversations:
    """Scripted sessions whose opening message names different popular titles each time, so
    every turn's query text is new (a benchmark of repeated texts measures only caches)."""

    def __init__(self, catalog, seed: int = 13):
        order = np.argsort(-catalog.popularity, kind="stable")[:POPULAR]
        self.titles = [catalog.titles[i] for i in order]
        self.script = SCRIPTS[catalog.name]
        self.rng = np.random.default_rng(seed)

    def __len__(self) -> int:
        return len(self.script)

    def message(self, turn: int) -> str:
        """The text of turn `turn` (0-based) of a session; turn 0 draws new titles."""
        if turn % len(self.script) == 0:
            a, b, c = self.rng.choice(len(self.titles), 3, replace=False)
            self.current = [self.script[0].format(a=self.titles[a], b=self.titles[b],
                                                  c=self.titles[c]), *self.script[1:]]
        return self.current[turn % len(self.script)]


def percentiles(ms: list[float]) -> dict[str, float]:
    values = np.asarray(ms, dtype=np.float64)
    return {"p50_ms": round(float(np.percentile(values, 50)), 2),
            "p99_ms": round(float(np.percentile(values, 99)), 2), "n": int(values.size)}


def bench_in_process(assistant, catalog: str, turns: int) -> dict:
    talk = Conversations(assistant.catalog, seed=1)
    assistant.turn(Session(session_id="warm", catalog=catalog), talk.message(0))  # first calls
    talk = Conversations(assistant.catalog)
    times: list[float] = []
    session = Session(session_id="bench", catalog=catalog)
    for n in range(turns):
        if n % len(talk) == 0:
            session = Session(session_id=f"bench{n}", catalog=catalog)
        text = talk.message(n)
        start = time.perf_counter()
        assistant.turn(session, text)
        times.append((time.perf_counter() - start) * 1000.0)
    return percentiles(times)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live children so far (Linux /proc: the
    workers of a multi-process server), 0.0 where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


@contextmanager
def server_process(catalog: str, backend: str, db: Path, threads: int, workers: int = 1,
                   inline: bool = False,
                   start_timeout_s: float = 600.0) -> Iterator[tuple[str, int]]:
    """The API in its own uvicorn process (or `workers` processes) on a free loopback port;
    stopped on exit."""
    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = os.environ | {"BECAUSE_CATALOG": catalog, "BECAUSE_LLM__BACKEND": backend,
                        "BECAUSE_API__SESSION_DB": str(db),
                        "BECAUSE_API__THREADS": str(threads),
                        "BECAUSE_API__WORKERS": str(workers),
                        "BECAUSE_API__INLINE_TURNS": str(inline).lower(),
                        # uvicorn's worker processes leave a harmless note on every stop
                        "PYTHONWARNINGS": "ignore:resource_tracker:UserWarning"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "server.serve:api_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--no-access-log", "--workers", str(workers),
         # clients open their connections before the burst; on a loaded machine the second
         # worker can take longer to start than uvicorn's 5 s idle keep-alive
         "--timeout-keep-alive", "120"], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the API server exited with code {process.returncode}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the API server did not start in time")
            time.sleep(0.25)
        yield url, process.pid
    finally:
        process.send_signal(signal.SIGINT)  # uvicorn's graceful stop, workers included
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


async def drive(url: str, catalog_items, turns: int, concurrency: int,
                seconds: float | None = None) -> tuple[list[float], float]:
    """`concurrency` sessions at once, each on its own keep-alive connection, each talking
    through scripted conversations: `turns` in all, or with `seconds`, as many as fit in that
    time. A fixed time keeps every connection busy to the end (as wrk does); a fixed count
    ends with a drain in which some server processes idle while others finish their
    connections' turns, which understates throughput."""
    from eval.loadgen import KeepAliveClient

    catalog = catalog_items.name
    per_session = max(turns // concurrency, 1) if seconds is None else 10**9
    deadline = time.perf_counter() + seconds if seconds is not None else float("inf")

    async def session(index: int) -> list[float]:
        talk = Conversations(catalog_items, seed=100 + index)
        times, sid = [], ""
        async with KeepAliveClient(url) as client:
            for n in range(per_session):
                if time.perf_counter() >= deadline:
                    break
                if n % len(talk) == 0:
                    created = await client.request("POST", "/v1/sessions", {"catalog": catalog})
                    sid = created["session_id"]
                text = talk.message(n)
                start = time.perf_counter()
                await client.request("POST", f"/v1/sessions/{sid}/messages", {"text": text})
                times.append((time.perf_counter() - start) * 1000.0)
        return times

    start = time.perf_counter()
    results = await asyncio.gather(*(session(i) for i in range(concurrency)))
    elapsed = time.perf_counter() - start
    return [t for r in results for t in r], elapsed


def warm_up(url: str, catalog_items, workers: int = 1) -> None:
    """The first request loads the catalogue and models in a server process: keep it out of
    timing. Fresh connections until every worker has answered a turn (or a bound is hit)."""
    import httpx

    pids: set[int] = set()
    for _ in range(40 * workers):  # a process still starting leaves connections to the others
        with httpx.Client(base_url=url, timeout=600) as client:
            created = client.post("/v1/sessions", json={"catalog": catalog_items.name})
            client.post(f"/v1/sessions/{created.json()['session_id']}/messages",
                        json={"text": Conversations(catalog_items, seed=1).message(0)})
            pids.add(client.get("/healthz").json().get("pid", 0))
        if len(pids) >= workers:
            break
        time.sleep(0.25)


def bench_http(catalog_items, backend: str, turns: int, concurrency: int, db: Path,
               threads: int, workers: int = 1, inline: bool = False,
               seconds: float | None = None) -> dict:
    with server_process(catalog_items.name, backend, db, threads, workers,
                        inline) as (url, pid):
        warm_up(url, catalog_items, workers)
        server_before, client_before = cpu_seconds(pid), time.process_time()
        times, elapsed = asyncio.run(drive(url, catalog_items, turns, concurrency, seconds))
        server_cpu = cpu_seconds(pid) - server_before
        client_cpu = time.process_time() - client_before
    n = len(times)  # per chat turn; session creations are included in the CPU time
    return {"turns_per_s": round(len(times) / elapsed, 1), "concurrency": concurrency,
            "server_threads": threads, "server_workers": workers, "inline_turns": inline,
            "server_cpu_ms_per_turn": round(server_cpu * 1000.0 / n, 2),
            "client_cpu_ms_per_turn": round(client_cpu * 1000.0 / n, 2), **percentiles(times)}


def run(settings: Settings, catalog: str, backend: str, turns: int, http_turns: int,
        concurrency: int, db: Path, server_threads: int, workers: int = 1,
        inline: bool = False, http_seconds: float | None = None) -> dict:
    from assistant.build import ensure_built
    from assistant.factory import build_assistant

    settings = settings.model_copy(update={
        "llm": settings.llm.model_copy(update={"backend": backend})})
    ensure_built(catalog, settings)  # the server process only loads
    assistant = build_assistant(settings, catalog)
    result = {"llm": assistant.llm_backend, "catalog": catalog,
              "in_process": bench_in_process(assistant, catalog, turns)}
    del assistant  # the server process loads its own
    result["http"] = bench_http(load_catalog_items(settings, catalog), backend, http_turns,
                                concurrency, db, server_threads, workers, inline,
                                http_seconds)
    return result


def load_catalog_items(settings: Settings, catalog: str):
    from core.catalog import load_catalog

    return load_catalog(catalog, settings.data_dir)


def main(argv: list[str] | None = None) -> int:
    from server.threads import limit_threads

    p = argparse.ArgumentParser(prog="because bench api", description=__doc__)
    p.add_argument("--catalog", default="movies", choices=sorted(SCRIPTS))
    p.add_argument("--turns", type=int, default=200, help="in-process turns (LLM off)")
    p.add_argument("--http-seconds", type=float, default=10.0,
                   help="seconds of HTTP load, LLM off (every connection busy throughout)")
    p.add_argument("--llm-turns", type=int, default=32, help="turns with the embedded LLM")
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--llm", choices=("off", "both"), default="both")
    p.add_argument("--threads", type=int, default=1,
                   help="torch / FAISS / BLAS threads, in process and in the API server")
    p.add_argument("--workers", type=int, default=1, help="API server processes")
    p.add_argument("--inline-turns", action="store_true",
                   help="turns on each server process's event loop (settings api.inline_turns)")
    p.add_argument("--json", type=Path, help="also write the results here")
    args = p.parse_args(argv)
    limit_threads(args.threads)
    settings = Settings()
    db = Path(f"/tmp/because-bench-{secrets.token_hex(4)}.db")
    runs = [("off", args.turns, 0, args.http_seconds)]
    if args.llm == "both":  # turns of seconds each: a count, not a duration
        runs.append(("embedded", max(args.llm_turns // 4, 4), args.llm_turns, None))
    results = []
    try:
        for backend, turns, http_turns, seconds in runs:  # print each as it lands
            r = run(settings, args.catalog, backend, turns, http_turns, args.concurrency, db,
                    args.threads, args.workers, args.inline_turns, seconds)
            results.append(r)
            ip, http = r["in_process"], r["http"]
            print(f"{r['catalog']} llm={r['llm']}: in-process turn p50 {ip['p50_ms']} ms, "
                  f"p99 {ip['p99_ms']} ms (n={ip['n']}); HTTP x{http['concurrency']} "
                  f"({http['server_workers']} server processes"
                  f"{', turns inline' if http['inline_turns'] else ''}): "
                  f"{http['turns_per_s']} turns/s, p50 {http['p50_ms']} ms, "
                  f"p99 {http['p99_ms']} ms (n={http['n']}); CPU per turn: server "
                  f"{http['server_cpu_ms_per_turn']} ms, client {http['client_cpu_ms_per_turn']} "
                  "ms", flush=True)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
