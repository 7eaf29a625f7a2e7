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
