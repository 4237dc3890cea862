"""paper-assistant: questions about research papers, answered with citations.

    from assistant import Assistant
    answer = Assistant().ask("which papers reduce TTFT?")
"""
from .config import Settings
from .errors import (AssistantError, ConfigError, IndexError_, IndexLockedError, LLMError, QuestionError, SourceError,
                     StoreUnavailableError)
from .schema import Answer, Citation, Paper


def __getattr__(name):  # heavy modules load on first use, so `import assistant` stays fast
    if name == "Assistant":
        from .api import Assistant

        return Assistant
    if name in ("build_index", "open_index"):
        from . import store

        return getattr(store, name)
    if name == "Conversation":
        from .conversation import Conversation

        return Conversation
    if name == "load_collection":
        from .sources import load_collection

        return load_collection
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")


__all__ = ["Assistant", "Conversation", "Settings", "Answer", "Citation", "Paper", "build_index", "open_index",
           "load_collection", "AssistantError", "ConfigError", "IndexError_", "IndexLockedError", "LLMError",
           "QuestionError", "SourceError", "StoreUnavailableError"]
