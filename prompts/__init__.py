"""Prompt templates as plain text files with a version line, and a tiny loader.

A file holds `version: N` on its first line, then a system part and a user part separated by a
line `### user`. Rendering goes through LangChain's ChatPromptTemplate; every user- or
catalogue-provided value is passed in as quoted JSON data, never spliced in as instructions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate

PROMPT_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    template: ChatPromptTemplate


@lru_cache(maxsize=16)
def load_prompt(name: str) -> Prompt:
    path = PROMPT_DIR / f"{name}.txt"
    if not path.is_file():
        raise FileNotFoundError(f"no prompt template {path}")
    first, _, body = path.read_text(encoding="utf-8").partition("\n")
    if not first.startswith("version:"):
        raise ValueError(f"{path}: the first line must be 'version: N'")
    system, sep, user = body.partition("\n### user\n")
    if not sep:
        raise ValueError(f"{path}: missing the '### user' separator line")
    template = ChatPromptTemplate.from_messages([("system", system.strip()),
                                                 ("human", user.strip())])
    return Prompt(name, first.split(":", 1)[1].strip(), template)
