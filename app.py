"""because-rec: `python app.py` serves the chat UI and the chat API on 127.0.0.1:7860.

Artifacts missing on a fresh machine are built first (a few minutes, with progress bars).
Configuration: environment BECAUSE_... over because.toml over defaults (see README).
"""

from server.serve import create_app, main

__all__ = ["create_app", "main"]

if __name__ == "__main__":
    raise SystemExit(main())
