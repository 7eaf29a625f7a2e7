"""Benchmark helpers: the scripted conversations never repeat an opening, and the server's CPU
time is read from /proc."""

import os

from eval.bench_api import SCRIPTS, Conversations, cpu_seconds


def test_every_session_opens_with_new_titles(movies):
    talk = Conversations(movies, seed=3)
    turns = [talk.message(n) for n in range(5 * 40)]
    openings = turns[::5]
    assert len(set(openings)) == len(openings)  # no cached query text to lean on
    assert turns[1:5] == SCRIPTS["movies"][1:]
    assert all(any(t in opening for t in talk.titles) for opening in openings)
    again = Conversations(movies, seed=3)
    assert [again.message(n) for n in range(10)] == turns[:10]  # seeded


def test_cpu_seconds_of_this_process_grows():
    before = cpu_seconds(os.getpid())
    sum(i * i for i in range(2_000_000))
    assert cpu_seconds(os.getpid()) > before
    assert cpu_seconds(2**30) == 0.0  # no such process


def test_load_generator_client_keeps_one_connection_to_uvicorn():
    """The benchmark's light HTTP client against a real uvicorn server: several requests on
    one connection, JSON both ways (non-ASCII too), and errors raised with their status."""
    import asyncio
    import threading
    import time

    import pytest
    import uvicorn
    from fastapi import FastAPI, HTTPException, Request

    from eval.loadgen import HTTPStatusError, KeepAliveClient

    app = FastAPI()
    peers: list[tuple] = []

    @app.post("/echo")
    def echo(body: dict, request: Request) -> dict:
        peers.append(request.client)
        return {"got": body, "n": len(peers)}

    @app.get("/missing")
    def missing() -> dict:
        raise HTTPException(404, "no such thing")

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]

    async def talk() -> list[dict]:
        async with KeepAliveClient(f"http://127.0.0.1:{port}") as client:
            out = [await client.request("POST", "/echo", {"text": f"café {i}"}) for i in range(3)]
            with pytest.raises(HTTPStatusError) as error:
                await client.request("GET", "/missing")
            assert error.value.status == 404
            out.append(await client.request("POST", "/echo", {"after": "error"}))
            return out

    try:
        replies = asyncio.run(talk())
    finally:
        server.should_exit = True
        thread.join(10)
    assert [r["got"] for r in replies] == [{"text": "café 0"}, {"text": "café 1"},
                                           {"text": "café 2"}, {"after": "error"}]
    assert [r["n"] for r in replies] == [1, 2, 3, 4]
    assert len(set(peers)) == 1  # one keep-alive connection carried every request
