"""Prompt templates kept as editable markdown files in ``prompts/``, with checked ``{placeholder}``s.

A file may hold a ``## system`` and a ``## user`` section; text above the first of them is documentation
and is not sent. Without sections the whole file is the user message. ``{name}`` is a placeholder,
``{{`` and ``}}`` are literal braces, and any other brace is left as written.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SECTION = re.compile(r"^##[ \t]+(system|user)[ \t]*$", re.I | re.M)


def prompts_dir() -> Path:
    """The prompts folder: ``$ASSISTANT_PROMPTS_DIR`` or ``prompts/`` of this checkout."""
    env = os.environ.get("ASSISTANT_PROMPTS_DIR")
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[1] / "prompts"


def placeholders_in(text: str) -> set[str]:
    """The ``{placeholder}`` names used in ``text`` (escaped ``{{name}}`` is not one)."""
    return {m.group(1) for m in _TOKEN.finditer(text) if m.group(1)}


def _substitute(text: str, values: dict[str, str]) -> str:
    # One pass over the template only: a value that itself contains "{question}" (a paper's text, say)
    # is inserted verbatim and never expanded again.
    def repl(m: re.Match) -> str:
        if m.group(1):
            return str(values[m.group(1)])
        return m.group(0)[0]

    return _TOKEN.sub(repl, text)


@dataclass(frozen=True)
class PromptTemplate:
    """A chat prompt: an optional system message and a user message, both with placeholders."""

    name: str
    system: str
    user: str
    path: Path | None = None

    @property
    def placeholders(self) -> set[str]:
        """Every placeholder the template uses."""
        return placeholders_in(self.system) | placeholders_in(self.user)

    def render(self, **values: object) -> list[dict[str, str]]:
        """Chat messages with every placeholder filled; ConfigError on missing or unknown values."""
        used = self.placeholders
        missing = sorted(used - values.keys())
        unknown = sorted(values.keys() - used)
        if missing or unknown:
            problems = []
            if missing:
                problems.append("missing values for " + ", ".join("{%s}" % n for n in missing))
            if unknown:
                problems.append("unknown placeholders " + ", ".join("{%s}" % n for n in unknown)
                                + " (not in the template)")
            where = f" ({self.path})" if self.path else ""
            raise ConfigError(f"Prompt {self.name!r}{where}: " + "; ".join(problems)
                              + f". The template uses: {', '.join(sorted(used)) or 'no placeholders'}.")
        text_values = {k: str(v) for k, v in values.items()}
        messages = []
        if self.system.strip():
            messages.append({"role": "system", "content": _substitute(self.system, text_values).strip()})
        messages.append({"role": "user", "content": _substitute(self.user, text_values).strip()})
        return messages


def parse_prompt(text: str, name: str = "prompt", path: Path | None = None) -> PromptTemplate:
    """Split a prompt file's text into its ``## system`` and ``## user`` sections."""
    marks = list(_SECTION.finditer(text))
    if not marks:
        return PromptTemplate(name=name, system="", user=text.strip(), path=path)
    sections: dict[str, str] = {}
    for i, m in enumerate(marks):
        role = m.group(1).lower()
        if role in sections:
            raise ConfigError(f"Prompt {name!r} ({path}): the '## {role}' section appears twice.")
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        sections[role] = text[m.end():end].strip()
    if not sections.get("user"):
        raise ConfigError(f"Prompt {name!r} ({path}): the '## user' section is missing or empty.")
    return PromptTemplate(name=name, system=sections.get("system", ""), user=sections["user"], path=path)


def load_prompt(name: str) -> PromptTemplate:
    """Read ``prompts/<name>.md`` (folder overridable by ``ASSISTANT_PROMPTS_DIR``) as a template."""
    if not _NAME.match(name):
        raise ConfigError(f"Invalid prompt name {name!r}: use letters, digits, '-' and '_' only.")
    path = prompts_dir() / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"Prompt file not found: {path} (set ASSISTANT_PROMPTS_DIR to the prompts folder).") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read prompt file {path}: {exc}") from exc
    return parse_prompt(text, name=name, path=path)


__all__ = ["PromptTemplate", "load_prompt", "parse_prompt", "placeholders_in", "prompts_dir"]
