"""The records that flow through the pipeline: papers in, answers with citations out."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field


@dataclass
class Paper:
    """One paper of a collection, cleaned and normalized by its source's parser."""

    id: str  # "openreview:<forum>", "arxiv:<id>", "doi:<doi>", or a user collection's own id
    title: str
    abstract: str = ""  # the best text the source has (see sources.py per format)
    authors: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)  # canonical names (clean.canonical_institution)
    institution_aliases: list[str] = field(default_factory=list)  # raw spellings seen, for matching
    venue: str = ""  # "MLSys 2026", "CAIS 2026", "arXiv", ...
    year: int | None = None
    topic: str = ""  # section / topic where the source has one
    url: str = ""
    source: str = ""  # file name the record came from
    extra: dict = field(default_factory=dict)  # format-specific leftovers (summary line, published date...)

    @property
    def author_count(self) -> int:
        """Authors the record lists, named or not: SHIP's lists 11, one of them named (the MLSys dump leaves some
        names empty); a name listed twice counts once."""
        return max(len({a for a in self.authors if a}), self.extra.get("authors_listed", 0))

    @property
    def authors_cut(self) -> bool:
        """The record lists the first authors only, then "et al." (the arXiv digest): how many there are is unknown."""
        return bool(self.extra.get("authors_truncated"))

    def content_hash(self) -> str:
        """Hash of what goes into Chroma (embedded text and filter fields): a change means re-embedding.

        Authors, institutions and their aliases are not in it: aliases are derived from the whole
        collection, so adding one paper may change them for others without changing their vectors."""
        data = {"id": self.id, "title": self.title, "abstract": self.abstract, "venue": self.venue,
                "year": self.year}
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]

    def record_hash(self) -> str:
        """Hash of the whole record as shown (metadata included), source file excluded."""
        data = asdict(self)
        data.pop("source", None)
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Paper":
        return cls(**data)


@dataclass
class Citation:
    """A paper an answer relies on, with the sentence from it that supports the answer."""

    paper_id: str
    title: str
    url: str
    venue: str
    quote: str
    score: float


def sources_block(citations: list[Citation]) -> str:
    """The **Sources** list ending an answer: number, id, title, venue and link of each paper (what a record lacks
    is left out: a paper with no venue or link had ended "—  — ")."""
    lines = ["", "**Sources**"]
    for i, c in enumerate(citations, 1):
        lines.append(f"{i}. [{c.paper_id}] " + " — ".join(part for part in (c.title, c.venue, c.url) if part))
    return "\n".join(lines)


@dataclass
class Answer:
    """What ``Assistant.ask`` returns; ``--json`` prints exactly these fields."""

    text: str  # markdown, citations inline as [paper_id]
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def cited_ids(self) -> list[str]:
        return [c.paper_id for c in self.citations]

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "citations": [asdict(c) for c in self.citations],
            "refused": self.refused,
            "timings_ms": self.timings_ms,
        }
