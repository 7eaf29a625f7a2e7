"""Errors the user can act on; the CLI and API print them without a traceback."""

from __future__ import annotations

from pathlib import Path


class BecauseError(Exception):
    """Base class for errors with a message meant for the user."""


class DataError(BecauseError):
    """A data file is missing or malformed; names the file and, where known, the line."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class ArtifactError(BecauseError):
    """A built artifact is missing or stale; the message says to run `because build`."""
