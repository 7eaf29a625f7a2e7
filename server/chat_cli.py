"""`because chat`: a terminal chat with the assistant (reads lines from stdin)."""

from __future__ import annotations

import argparse
import secrets
import sys

from core.settings import Settings
from core.types import Session, TurnResult


def render(result: TurnResult) -> str:
    lines = [result.reply]
    for n, rec in enumerate(result.recommendations, 1):
        lines.append(f"  {n}. {rec.title} (id {rec.item_id})\n     {rec.explanation}")
    if result.fallbacks:
        lines.append(f"  [fallbacks: {', '.join(result.fallbacks)}]")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from assistant.factory import build_assistant

    p = argparse.ArgumentParser(prog="because chat", description=__doc__)
    p.add_argument("--catalog", default=None, help="movies | retail (default: settings)")
    args = p.parse_args(argv)
    settings = Settings()
    catalog = args.catalog or settings.catalog
    assistant = build_assistant(settings, catalog)
    session = Session(session_id=secrets.token_hex(16), catalog=catalog)
    interactive = sys.stdin.isatty()
    print(assistant.greeting() + "  (empty line or Ctrl-D to quit)")
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line or not line.strip():
            return 0
        text = line.strip()[: settings.api.max_message_chars]
        phase1 = assistant.turn(session, text)
        print(render(phase1), flush=True)
        if phase1.refinable:  # phase 2 (the LLM) follows; a terminal just prints it after
            refinement = assistant.refine(session, phase1)
            if assistant.adopt(session, phase1, refinement):
                print("refined:\n" + render(refinement.result), flush=True)
            elif refinement.fallbacks:
                print(f"  [refinement failed: {', '.join(refinement.fallbacks)}]", flush=True)
