"""Choosing and starting a backend; one that cannot start says why and yields `off`."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from core.settings import LLMSettings


@dataclass(frozen=True)
class ChatBackend:
    model: BaseChatModel | None
    name: str  # "openai" | "embedded" | "off"
    reason: str = ""  # why this backend was chosen over the one asked for, if it was


def openai_model(settings: LLMSettings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.base_url,
        model=settings.model,
        api_key=settings.api_key,
        timeout=settings.timeout_s,
        max_retries=0,  # structured_call retries once itself, then falls back
        max_tokens=settings.max_tokens,
        temperature=settings.temperature,
    )


def build_chat_model(settings: LLMSettings) -> ChatBackend:
    wanted = settings.backend
    if wanted == "auto":
        wanted = "openai" if settings.base_url else "embedded"
    if wanted == "off":
        return ChatBackend(None, "off", "LLM switched off in settings")
    if wanted == "openai":
        if not settings.base_url:
            return ChatBackend(None, "off", "backend 'openai' needs llm.base_url")
        try:
            return ChatBackend(openai_model(settings), "openai")
        except Exception as exc:  # a misconfigured client must not stop the assistant
            return ChatBackend(None, "off", f"openai backend failed to start: {exc}")
    try:
        from assistant.llm.embedded import EmbeddedChatModel

        return ChatBackend(EmbeddedChatModel.from_settings(settings), "embedded")
    except Exception as exc:  # missing wheel or model file: run without an LLM
        return ChatBackend(None, "off", f"embedded backend failed to start: {exc}")
