"""`because bench intent`: intent P/R/F1 (rules vs rules+LLM) and embedded LLM latency."""

from __future__ import annotations

from eval.intent_eval import main

__all__ = ["main"]
