"""Sentences and chunks: how a paper's text is cut for MiniLM's 256-token window.

A chunk is the paper's title followed by consecutive whole sentences of its abstract, at most
``chunk_tokens`` word pieces in all, so nothing is truncated by the model. Node ids are
deterministic (``<paper id>#<n>``) so re-indexing replaces rows instead of duplicating them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .schema import Paper

CHUNKER_VERSION = "3"  # 3: sentences longer than a chunk are cut at word boundaries

# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote — but not after
# common abbreviations or single initials ("e.g.", "et al.", "Fig.", "J. Smith").
_ABBREV = r"(?<!\be\.g)(?<!\bi\.e)(?<!\bet al)(?<!\bvs)(?<!\bFig)(?<!\bEq)(?<!\bNo)(?<!\bcf)(?<!\b[A-Z])"
# The one-character (?<=[.!?]) goes first: all the lookbehinds test the same position, so their order
# does not change what matches, but most positions fail this cheap check before the nine others run.
_SENT_END = re.compile(r"(?<=[.!?])" + _ABBREV + r"[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split clean prose into sentences, keeping numbers like 1.5× and abbreviations intact."""
    text = text.strip()
    if not text:
        return []
    parts = [p.strip() for p in _SENT_END.split(text)]
    return [p for p in parts if p]


@dataclass
class Chunk:
    """One embedded unit: ``text`` is what MiniLM sees; ``sentences`` index into the paper's sentences."""

    node_id: str
    paper_id: str
    n: int
    text: str
    first_sentence: int
    last_sentence: int


def chunk_paper(paper: Paper, count_many: Callable[[list[str]], list[int]], chunk_tokens: int,
                overlap_sentences: int = 1) -> list[Chunk]:
    """Cut ``paper`` into title-prefixed chunks of whole sentences within ``chunk_tokens`` word pieces.

    ``count_many`` gives the word pieces of each of a list of texts ([CLS]/[SEP] included); it is called
    once for the title and sentences, and once per over-long sentence, because one tokenizer call per
    sentence cost a fifth of a 100k-paper build."""
    title = paper.title.strip()
    sentences = split_sentences(paper.abstract)
    head = title if title.endswith((".", "?", "!")) else title + "."
    if not sentences:
        return [Chunk(f"{paper.id}#0", paper.id, 0, head, 0, -1)]
    head_size, *sizes = count_many([head, *sentences])
    budget = max(chunk_tokens - head_size, 8)
    # Units are whole sentences, except that a sentence longer than the budget (no full stop for
    # hundreds of words) is cut at word boundaries: the model would otherwise silently truncate it.
    units: list[tuple[str, int, int]] = []  # (text, index of its sentence, word pieces)
    for i, (sentence, size) in enumerate(zip(sentences, sizes)):
        size -= 2  # [CLS]/[SEP] counted once per chunk
        if size <= budget:
            units.append((sentence, i, size))
            continue
        words, used = [], 0
        pieces = sentence.split()
        for word, n in zip(pieces, count_many(pieces)):
            n -= 2
            if words and used + n > budget:
                units.append((" ".join(words), i, used))
                words, used = [], 0
            words.append(word)
            used += n
        if words:
            units.append((" ".join(words), i, used))
    chunks: list[Chunk] = []
    start = 0
    while start < len(units):
        end, used = start, 0
        while end < len(units) and (end == start or used + units[end][2] <= budget):
            used += units[end][2]
            end += 1
        body = " ".join(u[0] for u in units[start:end])
        chunks.append(Chunk(f"{paper.id}#{len(chunks)}", paper.id, len(chunks), f"{head} {body}",
                            units[start][1], units[end - 1][1]))
        if end >= len(units):
            break
        start = max(end - overlap_sentences, start + 1)
    return chunks
