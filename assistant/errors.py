"""The error tree: every failure a user can act on is one of these, with a message that says what to do."""


class AssistantError(Exception):
    """Base class; the CLI prints ``Error: <message>`` and exits 1, the app shows the message."""


class ConfigError(AssistantError):
    """A setting, option or environment variable is invalid."""


class SourceError(AssistantError):
    """A source collection file cannot be read or parsed; names the file, the record and what was expected."""


class IndexError_(AssistantError):
    """The index is missing, corrupted, built by another model, or locked by another writer."""


class IndexLockedError(IndexError_):
    """Another process is writing the index."""


class QuestionError(AssistantError):
    """The question is empty or unusable after cleaning."""


class LLMError(AssistantError):
    """The configured LLM server is unreachable, failed, timed out or returned garbage."""


class StoreUnavailableError(AssistantError):
    """The Chroma server cannot be reached."""
