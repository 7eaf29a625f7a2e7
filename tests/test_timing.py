"""Build step timing: each lap is measured from the previous one."""

import time

from core.timing import Laps, describe


def test_each_lap_runs_from_the_previous_one() -> None:
    laps = Laps()
    time.sleep(0.2)
    laps.lap("slow")
    laps.lap("instant")
    assert list(laps.seconds) == ["slow", "instant"]
    assert laps.seconds["slow"] >= 0.2 and laps.seconds["instant"] < laps.seconds["slow"]


def test_describe_writes_whole_seconds_in_order() -> None:
    assert describe({"data": 4.6, "retrieval": 419.5}) == "data 5 s, retrieval 420 s"
