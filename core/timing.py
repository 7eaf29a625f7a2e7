"""Wall-clock seconds per named step of a long job (a build), for its report and manifest."""

from __future__ import annotations

import time


class Laps:
    """Each `lap(name)` records the seconds since the previous lap (or since creation)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> float:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._last, 1)
        self._last = now
        return self.seconds[name]


def describe(seconds: dict[str, float]) -> str:
    """"data 5 s, retrieval 420 s": one line for a build's output."""
    return ", ".join(f"{name} {value:.0f} s" for name, value in seconds.items())
