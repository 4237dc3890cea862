"""Hybrid retrieval to papers: metadata filters, BM25 with glossary expansion and spelling correction,
dense MiniLM search in Chroma, fused per paper; exposed to llama-index as a ``BaseRetriever``."""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .chunks import split_sentences
from .query import Filters, ParsedQuestion, STOPWORDS, content_words, question_shape, strip_injection
from .schema import Paper
from .store import IndexSnapshot

_TOKEN = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
# Cue phrases around metadata in questions; removed so "which papers come from X" leaves no content.
_META_CUES = re.compile(r"\b(come|comes|coming|came|from|at|by|authors?|co-?authored|affiliated|affiliation|"
                        r"institutions?|present(ed)?|publish(ed)?|list|single-?author(ed)?|sole|venue|"
                        r"conference|accepted|written)\b", re.I)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; hyphenated words also yield their parts (time-to-first-token -> time, to...)."""
    out: list[str] = []
    for tok in _TOKEN.findall(text.lower()):
        out.append(tok)
        if "-" in tok:
            out.extend(t for t in tok.split("-") if t)
    return out


def _stem(word: str) -> str:
    """A light English stemmer: enough to join plural and verb forms for BM25 and spelling lookup."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


@dataclass
class ScoredPaper:
    """A candidate paper with the evidence that ranked it."""

    paper: Paper
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    name_match: bool = False
    best_chunk_sentences: tuple[int, int] = (0, -1)


@dataclass
class Retrieval:
    """What retrieval hands to answer composition."""

    parsed: ParsedQuestion
    ranked: list[ScoredPaper]
    candidates: int
    metadata_matches: list[Paper] = field(default_factory=list)  # complete list for metadata questions
    query_terms: dict[str, float] = field(default_factory=dict)


class PaperSearch:
    """All read-side state built once per index generation: BM25, vocabulary, alias and author maps."""

    def __init__(self, snapshot: IndexSnapshot, encoder) -> None:
        self.snapshot = snapshot
        self.encoder = encoder
        self.papers: list[Paper] = list(snapshot.papers.values())
        self.by_id = snapshot.papers
        self.sentences = {p.id: split_sentences(p.abstract) for p in self.papers}
        self._build_lexical()
        self._build_metadata_maps()
        self.glossary = {k.lower(): v for k, v in snapshot.glossary.items()}

    # -------------------------------------------------------------- lexical index
    def _doc_tokens(self, p: Paper) -> list[str]:
        return [_stem(t) for t in tokenize(f"{p.title} {p.title} {p.abstract} {p.topic}")]

    def _build_lexical(self) -> None:
        self.doc_tf: list[dict[str, int]] = []
        df: dict[str, int] = defaultdict(int)
        lengths = []
        for p in self.papers:
            toks = self._doc_tokens(p)
            tf: dict[str, int] = defaultdict(int)
            for t in toks:
                tf[t] += 1
            self.doc_tf.append(tf)
            lengths.append(len(toks))
            for t in tf:
                df[t] += 1
        n = len(self.papers)
        self.avgdl = (sum(lengths) / n) if n else 1.0
        self.doc_len = lengths
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, tf in enumerate(self.doc_tf):
            for t in tf:
                self.postings[t].append(i)
        # raw (unstemmed) vocabulary for spelling correction, with deletion index (SymSpell, distance 1)
        vocab: dict[str, int] = defaultdict(int)
        for p in self.papers:
            for t in set(tokenize(f"{p.title} {p.abstract}")):
                if t.isalpha() and len(t) >= 4:
                    vocab[t] += 1
        self.vocab = vocab
        self.deletes: dict[str, list[str]] = defaultdict(list)
        for w in vocab:
            for i in range(len(w)):
                self.deletes[w[:i] + w[i + 1:]].append(w)
        self.title_names = {}
        for p in self.papers:
            name = re.split(r"[:：]", p.title, 1)[0].strip() if ":" in p.title else ""
            if name and len(name) <= 40 and len(name.split()) <= 4:
                self.title_names[p.id] = name

    def correct(self, word: str) -> str:
        """Replace an out-of-vocabulary word by the most frequent collection word one edit away."""
        if word in self.vocab or len(word) < 5 or not word.isalpha() or _stem(word) in self.idf:
            return word
        keys = {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
        found: dict[str, int] = {}
        for key in keys:
            for cand in self.deletes.get(key, ()):
                found[cand] = self.vocab[cand]
            if key in self.vocab:
                found[key] = self.vocab[key]
        if not found:
            return word
        return max(found.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def bm25(self, terms: dict[str, float], allowed: set[int] | None = None, k1: float = 1.2,
             b: float = 0.75) -> np.ndarray:
        """BM25 scores of every paper for weighted ``terms`` (already stemmed)."""
        scores = np.zeros(len(self.papers), dtype=np.float32)
        for term, weight in terms.items():
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i in self.postings[term]:
                if allowed is not None and i not in allowed:
                    continue
                tf = self.doc_tf[i][term]
                denom = tf + k1 * (1 - b + b * self.doc_len[i] / self.avgdl)
                scores[i] += weight * idf * tf * (k1 + 1) / denom
        return scores

    # -------------------------------------------------------------- metadata
    def _build_metadata_maps(self) -> None:
        self.alias_papers: dict[str, set[str]] = defaultdict(set)
        self.alias_canonical: dict[str, str] = {}
        for p in self.papers:
            names = list(p.institutions) + list(p.institution_aliases)
            for name in names:
                key = name.strip().lower()
                if len(key) >= 2 and key not in STOPWORDS:
                    self.alias_papers[key].add(p.id)
            for canon in p.institutions:
                self.alias_canonical.setdefault(canon.lower(), canon)
        self.author_papers: dict[str, set[str]] = defaultdict(set)
        self.author_name: dict[str, str] = {}
        for p in self.papers:
            for a in p.authors:
                if len(a.split()) >= 2:
                    self.author_papers[a.lower()].add(p.id)
                    self.author_name[a.lower()] = a
        self.venues = sorted({p.venue for p in self.papers if p.venue})

    def read_filters(self, text: str) -> tuple[Filters, str]:
        """Find institutions, authors and venues the question names; return them and the text without them."""
        found = Filters()
        spans: list[tuple[int, int]] = []
        low = text.lower()

        def take(pattern: str, flags=re.I):
            for m in re.finditer(pattern, text, flags):
                if any(s < m.end() and m.start() < e for s, e in spans):
                    continue
                spans.append((m.start(), m.end()))
                return m
            return None

        for name in sorted(self.author_name, key=len, reverse=True):
            if name in low and take(r"(?<!\w)" + re.escape(name) + r"(?!\w)"):
                found.authors.append(self.author_name[name])
        for venue in self.venues:
            short = venue.split()[0]
            pattern = r"(?<!\w)" + re.escape(venue) + r"(?!\w)|(?<!\w)" + re.escape(short) + r"(?:\s*'?\d{2,4})?(?!\w)"
            if short.lower() in low and take(pattern):
                found.venues.append(venue)
        matched_papers: set[str] = set()
        for alias in sorted(self.alias_papers, key=len, reverse=True):
            if alias not in low:
                continue
            m = take(r"(?<!\w)" + re.escape(alias) + r"(?!\w)")
            if m is None:
                continue
            surface = m.group(0)
            if " " not in alias and not any(c.isupper() for c in surface):
                spans.remove((m.start(), m.end()))  # a lower-case common word, not a proper name
                continue
            found.institutions.append(self.alias_canonical.get(alias, surface))
            matched_papers |= self.alias_papers[alias]
        self._institution_hits = matched_papers
        if re.search(r"single[- ]author(ed)?|sole[- ]author|one author|only one author", text, re.I):
            found.single_author = True
            spans.append((0, 0))
        for m in re.finditer(r"\b(19|20)\d{2}\b", text):
            if not any(s <= m.start() < e for s, e in spans) and any(p.year == int(m.group(0)) for p in self.papers):
                found.years.append(int(m.group(0)))
                spans.append((m.start(), m.end()))
        rest = text
        for s, e in sorted(spans, reverse=True):
            rest = rest[:s] + " " + rest[e:]
        if found:
            rest = _META_CUES.sub(" ", rest)
        found.institutions = list(dict.fromkeys(found.institutions))
        return found, re.sub(r"\s+", " ", rest).strip()

    def matching(self, filters: Filters, institution_ids: set[str] | None = None) -> list[Paper]:
        """Every paper that satisfies all ``filters`` (institution by any alias)."""
        out = []
        inst_ids = institution_ids
        if filters.institutions and inst_ids is None:
            inst_ids = set()
            for name in filters.institutions:
                inst_ids |= self.alias_papers.get(name.lower(), set())
        for p in self.papers:
            if filters.venues and p.venue not in filters.venues:
                continue
            if filters.years and p.year not in filters.years:
                continue
            if filters.authors and not any(a in p.authors for a in filters.authors):
                continue
            if filters.single_author and len([a for a in p.authors if a]) != 1:
                continue
            if filters.institutions and p.id not in inst_ids:
                continue
            out.append(p)
        return out

    # -------------------------------------------------------------- query terms
    def expand(self, words: list[str]) -> dict[str, float]:
        """Stemmed query terms with weights: corrected spellings, glossary long forms and acronyms."""
        terms: dict[str, float] = {}

        def add(tok: str, w: float) -> None:
            s = _stem(tok)
            if s in STOPWORDS or len(s) < 2:
                return
            terms[s] = max(terms.get(s, 0.0), w)

        for word in words:
            for tok in tokenize(word):
                add(self.correct(tok), 1.0)
            for long in self.glossary.get(word.lower(), [])[:2]:
                for tok in tokenize(long):
                    add(tok, 0.6)
        low = " ".join(words).lower()
        for acro, longs in self.glossary.items():
            if any(long and long.lower() in low for long in longs):
                add(acro, 0.8)
        return terms

    def dense_text(self, text: str, words: list[str]) -> str:
        """What MiniLM embeds: the question, with acronyms it does not know spelled out from the glossary."""
        extra = [long for w in words for long in self.glossary.get(w.lower(), [])[:1]]
        return text + (" (" + "; ".join(extra) + ")" if extra else "")

    # -------------------------------------------------------------- search
    def search(self, question: str, filters: Filters | None = None, k: int = 10,
               within: list[str] | None = None) -> Retrieval:
        """Rank papers for ``question`` under ``filters`` (merged with filters read from the question)."""
        text = strip_injection(question)
        read, rest = self.read_filters(text)
        inst_hits = self._institution_hits
        filters = _merge(filters or Filters(), read)
        words = content_words(rest)
        parsed = ParsedQuestion(text, rest, question_shape(text, words, filters), filters, words)
        from_question = read.institutions and filters.institutions == read.institutions
        pool = self.matching(filters, inst_hits if from_question else None) if filters else self.papers
        if within is not None:
            keep = set(within)
            pool = [p for p in pool if p.id in keep]
        restricted = bool(filters) or within is not None
        if parsed.shape == "metadata":
            return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in pool], len(pool), metadata_matches=pool)
        pool_ids = {p.id for p in pool}
        allowed = {i for i, p in enumerate(self.papers) if p.id in pool_ids} if restricted else None
        terms = self.expand(words)
        lexical = self.bm25(terms, allowed)
        dense, chunk_of = self.dense_scores(self.dense_text(rest or text, words), sorted(pool_ids) if restricted else None)
        ranked = self._fuse(parsed, terms, lexical, dense, chunk_of, allowed)
        return Retrieval(parsed, ranked[: max(k * 3, 30)], len(pool), query_terms=terms)

    def dense_scores(self, text: str, restrict: list[str] | None) -> tuple[dict[str, float], dict[str, tuple[int, int]]]:
        """Max cosine similarity per paper over its chunks (Chroma, cosine space), with the best chunk's span."""
        vec = self.encoder.encode([text])[0]
        coll = self.snapshot.collection
        n = min(coll.count(), 80)
        where = {"paper_id": {"$in": restrict}} if restrict else None
        if restrict is not None and not restrict:
            return {}, {}
        res = coll.query(query_embeddings=[vec.tolist()], n_results=n, where=where,
                         include=["metadatas", "distances"])
        scores: dict[str, float] = {}
        spans: dict[str, tuple[int, int]] = {}
        for meta, dist in zip(res["metadatas"][0], res["distances"][0]):
            pid = meta["paper_id"]
            sim = 1.0 - float(dist)
            if sim > scores.get(pid, -1.0):
                scores[pid] = sim
                spans[pid] = (int(meta.get("first_sentence", 0)), int(meta.get("last_sentence", -1)))
        return scores, spans

    def _fuse(self, parsed, terms, lexical, dense, chunk_of, allowed) -> list[ScoredPaper]:
        floor = min(dense.values()) if dense else 0.0
        top_lex = float(lexical.max()) if len(lexical) else 0.0
        qlow = parsed.text.lower()
        out = []
        for i, p in enumerate(self.papers):
            if allowed is not None and i not in allowed:
                continue
            d = dense.get(p.id, floor - 0.05)
            lx = float(lexical[i]) / top_lex if top_lex > 0 else 0.0
            name = self.title_names.get(p.id, "")
            name_match = bool(name) and len(name) >= 3 and re.search(
                r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", qlow) is not None
            score = d + 0.25 * lx + (0.3 if name_match else 0.0)
            out.append(ScoredPaper(p, score, d, lx, name_match, chunk_of.get(p.id, (0, -1))))
        out.sort(key=lambda s: s.score, reverse=True)
        return out


def _merge(given: Filters, read: Filters) -> Filters:
    return Filters(
        venues=given.venues or read.venues,
        institutions=given.institutions or read.institutions,
        authors=given.authors or read.authors,
        years=given.years or read.years,
        single_author=given.single_author or read.single_author,
    )
