"""LLM backends behind one LangChain chat-model interface, and one structured-call helper.

- openai:   langchain_openai.ChatOpenAI against any OpenAI-compatible server (vLLM in
            production), JSON-schema structured outputs through `response_format`.
- embedded: SmolLM2-135M-Instruct in process through llama.cpp (cyllama), with the JSON schema
            compiled to a GBNF grammar.
- off:      no model; callers use rules and templates.
"""

from assistant.llm.backends import ChatBackend, build_chat_model
from assistant.llm.structured import LLMError, structured_call

__all__ = ["ChatBackend", "LLMError", "build_chat_model", "structured_call"]
