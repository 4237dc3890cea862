"""Hybrid retrieval to papers: metadata filters, BM25 with glossary expansion and spelling correction,
dense MiniLM search in Chroma, fused per paper; exposed to llama-index as a ``BaseRetriever``."""
from __future__ import annotations

import math
import re
import unicodedata
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


_INST_BEFORE = re.compile(r"\b(from|at|by|of|with|affiliated with|authors? (at|from))\s+(the\s+)?$", re.I)
_INST_AFTER = re.compile(r"('s|’s|\s+(papers?|authors?|researchers?|present|presented|publish|published|submit|"
                         r"submitted|work|contribute|contributed))\b", re.I)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; hyphenated words also yield their parts (time-to-first-token -> time, to...)."""
    out: list[str] = []
    if not text.isascii():  # "décodage" -> "decodage", not the fragments "d" + "codage"
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for tok in _TOKEN.findall(text.lower()):
        out.append(tok)
        if "-" in tok:
            out.extend(t for t in tok.split("-") if t)
    return out


_STEMMER = None


def _stem(word: str) -> str:
    """Snowball English stem (quantize, quantized, quantization -> quantiz), cached per word."""
    global _STEMMER
    if _STEMMER is None:
        import Stemmer

        _STEMMER = Stemmer.Stemmer("english")
        _STEMMER.maxCacheSize = 100000
    return _STEMMER.stemWord(word)


def _english_words() -> frozenset[str]:
    """Whole words of MiniLM's uncased WordPiece vocabulary: a dictionary that ships with the model."""
    from .embed import model_dir

    try:
        words = (model_dir() / "vocab.txt").read_text(encoding="utf-8").split()
    except OSError:
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and len(w) >= 4)


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
    unknown_words: list[str] = field(default_factory=list)  # content words the collection never uses
    unknown_names: list[str] = field(default_factory=list)  # named systems/titles no paper carries
    acronym_papers: set[str] | None = None  # papers using the question's acronym (short list questions)
    name_bonus: float = 0.0  # what a name match added to a paper's score


class PaperSearch:
    """All read-side state built once per index generation: BM25, vocabulary, alias and author maps."""

    def __init__(self, snapshot: IndexSnapshot, encoder) -> None:
        self.snapshot = snapshot
        self.encoder = encoder
        self.papers: list[Paper] = list(snapshot.papers.values())
        self.by_id = snapshot.papers
        self.row = {p.id: i for i, p in enumerate(self.papers)}
        self.sentences = {p.id: split_sentences(p.abstract) for p in self.papers}
        self.chunk_count = snapshot.collection.count()
        self.dense_depth = 200  # chunks fetched from Chroma per question
        self.lexical_depth = 100  # BM25 candidates added to the dense ones
        self.w_lexical = 0.25
        self.w_name = 0.3
        self._build_lexical()
        self._build_metadata_maps()
        self.glossary = {k.lower(): v for k, v in snapshot.glossary.items()}

    # -------------------------------------------------------------- lexical index
    def _doc_tokens(self, p: Paper) -> list[str]:
        return [_stem(t) for t in tokenize(f"{p.title} {p.title} {p.abstract} {p.topic}")]

    def _build_lexical(self, k1: float = 1.2, b: float = 0.75) -> None:
        """A sparse papers x terms matrix of BM25 weights: a query is one sparse mat-vec, at any scale."""
        from scipy.sparse import csr_matrix

        vocab_ids: dict[str, int] = {}
        rows, cols, tfs, lengths = [], [], [], []
        for i, p in enumerate(self.papers):
            toks = self._doc_tokens(p)
            lengths.append(len(toks))
            counts: dict[int, int] = defaultdict(int)
            for t in toks:
                counts[vocab_ids.setdefault(t, len(vocab_ids))] += 1
            rows.extend([i] * len(counts))
            cols.extend(counts.keys())
            tfs.extend(counts.values())
        n = len(self.papers)
        tf = np.asarray(tfs, dtype=np.float32)
        row = np.asarray(rows, dtype=np.int64)
        col = np.asarray(cols, dtype=np.int64)
        df = np.bincount(col, minlength=len(vocab_ids)).astype(np.float32)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        dl = np.asarray(lengths, dtype=np.float32)
        avgdl = float(dl.mean()) if n else 1.0
        weight = idf[col] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl[row] / avgdl))
        self.term_ids = vocab_ids
        self.bm25_matrix = csr_matrix((weight, (row, col)), shape=(n, len(vocab_ids)))
        self.bm25_csc = self.bm25_matrix.tocsc()  # column access: which papers use a term
        self.idf = {t: float(idf[j]) for t, j in vocab_ids.items()}
        # raw (unstemmed) vocabulary for spelling correction, with a deletion index (SymSpell, distance 1)
        vocab: dict[str, int] = defaultdict(int)
        for p in self.papers:
            for t in set(tokenize(f"{p.title} {p.abstract}")):
                if t.isalpha() and len(t) >= 4:
                    vocab[t] += 1
        # question words ("papers", "which", "studies") are rarely in abstracts but often mistyped, and a
        # mistyped "papres" hides the question's shape; count 1 so collection words win close calls
        for w in STOPWORDS:
            if w.isalpha() and len(w) >= 4 and w not in vocab:
                vocab[w] = 1
        self.vocab = vocab
        self.english = _english_words()
        self.deletes: dict[str, list[str]] = defaultdict(list)
        for w in vocab:
            for i in range(len(w)):
                self.deletes[w[:i] + w[i + 1:]].append(w)
        self.title_names = {}
        self.name_papers: dict[str, list[str]] = defaultdict(list)
        for p in self.papers:
            name = re.split(r"[:：]", p.title, 1)[0].strip() if ":" in p.title else ""
            if name and 3 <= len(name) <= 40 and len(name.split()) <= 4:
                self.title_names[p.id] = name
                self.name_papers[name.lower()].append(p.id)

    def correct(self, word: str, context: list[str] = ()) -> str:
        """Replace a misspelt word (in neither the collection nor MiniLM's English word list) by a collection
        word one edit away: "prunning" -> "pruning", "sparce attention" -> "sparse attention", but "leaking"
        stays. Among candidates: same first letter first (typos rarely hit it: "pruning", not the commoner
        "running"), then the one most papers use together with the question's other words ``context``
        ("sparse", not "space", beside "attention"), then the most frequent."""
        if word in self.vocab or len(word) < 4 or not word.isalpha() or word in self.english:
            return word
        keys = {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
        found: set[str] = set()
        for key in keys:
            found.update(self.deletes.get(key, ()))
            if key in self.vocab:
                found.add(key)
        if len(word) == 4:  # one edit from a 4-letter word reaches too much: keep the first letter at least
            found = {c for c in found if c[0] == word[0]}
        if not found:
            return word
        others = [m for w in context if w != word and (m := self._papers_with(w)).any()] if len(found) > 1 else []

        def affinity(cand: str) -> float:  # share of the candidate's papers that also use each other word
            mine = self._papers_with(cand)
            n = int(mine.sum())
            return sum(int((mine & rows).sum()) / n for rows in others) if n else 0.0

        return max(found, key=lambda c: (c[0] == word[0], round(affinity(c), 2), self.vocab[c], c))

    def _papers_with(self, word: str) -> np.ndarray:
        """Mask of the papers that use ``word`` (stemmed), from the BM25 matrix's column."""
        mask = np.zeros(len(self.papers), dtype=bool)
        col = self.term_ids.get(_stem(word))
        if col is not None:
            mask[self.bm25_csc.indices[self.bm25_csc.indptr[col]:self.bm25_csc.indptr[col + 1]]] = True
        return mask

    def bm25(self, terms: dict[str, float]) -> np.ndarray:
        """BM25 scores of every paper for weighted, stemmed ``terms``."""
        cols = [self.term_ids[t] for t in terms if t in self.term_ids]
        if not cols:
            return np.zeros(len(self.papers), dtype=np.float32)
        weights = np.asarray([terms[t] for t in terms if t in self.term_ids], dtype=np.float32)
        return np.asarray(self.bm25_matrix[:, cols] @ weights).ravel()

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
        self.years = {p.year for p in self.papers if p.year}
        norm = lambda name: " ".join(re.findall(r"[a-z0-9]+", name.lower()))  # noqa: E731
        self.author_keys = {norm(name): full for name, full in self.author_name.items()}
        self.alias_keys = {norm(alias): alias for alias in self.alias_papers if norm(alias)}

    def _phrases(self, text: str, longest: int = 8):
        """Every run of 1..``longest`` words of ``text`` as (normalized key, start, end), longest first."""
        words = [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9]+", text)]
        out = []
        for n in range(min(longest, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                out.append((" ".join(w for w, _, _ in words[i:i + n]), words[i][1], words[i + n - 1][2]))
        return out

    def read_filters(self, text: str) -> tuple[Filters, str, set[str]]:
        """Find institutions, authors and venues the question names, by phrase lookup (cost independent of
        the collection's size); return them, the text without them, and the papers of the institutions."""
        found = Filters()
        spans: list[tuple[int, int]] = []
        free = lambda s, e: not any(a < e and s < b for a, b in spans)  # noqa: E731
        matched_papers: set[str] = set()
        for key, start, end in self._phrases(text):
            if not free(start, end):
                continue
            if " " in key and key in self.author_keys:
                found.authors.append(self.author_keys[key])
                spans.append((start, end))
            elif key in self.alias_keys:
                alias = self.alias_keys[key]
                surface = text[start:end]
                proper = " " in key or any(c.isupper() for c in surface)
                # An organisation named without a cue ("deploying PyTorch models") is a topic word, not a filter.
                if proper and (_INST_BEFORE.search(text[:start]) or _INST_AFTER.match(text[end:])):
                    found.institutions.append(self.alias_canonical.get(alias, surface))
                    matched_papers |= self.alias_papers[alias]
                    spans.append((start, end))
        low = text.lower()
        for venue in self.venues:
            short = venue.split()[0]
            if short.lower() not in low:
                continue
            pattern = r"(?<!\w)" + re.escape(venue) + r"(?!\w)|(?<!\w)" + re.escape(short) + r"(?:\s*'?\d{2,4})?(?!\w)"
            for m in re.finditer(pattern, text, re.I):
                if free(m.start(), m.end()):
                    found.venues.append(venue)
                    spans.append((m.start(), m.end()))
                    break
        if re.search(r"single[- ]author(ed)?|sole[- ]author|one author|only one author", text, re.I):
            found.single_author = True
            spans.append((0, 0))
        for m in re.finditer(r"\b(19|20)\d{2}\b", text):
            if free(m.start(), m.end()) and int(m.group(0)) in self.years:
                found.years.append(int(m.group(0)))
                spans.append((m.start(), m.end()))
        rest = text
        for s, e in sorted(spans, reverse=True):
            rest = rest[:s] + " " + rest[e:]
        if found:
            rest = _META_CUES.sub(" ", rest)
        found.institutions = list(dict.fromkeys(found.institutions))
        return found, re.sub(r"\s+", " ", rest).strip(), matched_papers

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
        read, rest, inst_hits = self.read_filters(text)
        filters = _merge(filters or Filters(), read)
        raw = content_words(rest)
        context = [self.correct(w) for w in raw]  # the other words, mended once without context
        fixes = {w: c for w in raw if (c := self.correct(w, context)) != w}
        words = [w for w in (fixes.get(w, w) for w in raw) if w not in STOPWORDS]
        shaped = " ".join(self.correct(w.lower()) if w.isalpha() else w for w in text.split())
        parsed = ParsedQuestion(text, rest, question_shape(shaped, words, filters), filters, words)
        from_question = read.institutions and filters.institutions == read.institutions
        pool = self.matching(filters, inst_hits if from_question else None) if filters else self.papers
        if within is not None:
            keep = set(within)
            pool = [p for p in pool if p.id in keep]
        restricted = bool(filters) or within is not None
        if parsed.shape == "metadata":
            return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in pool], len(pool), metadata_matches=pool)
        pool_ids = {p.id for p in pool}
        terms = self.expand(words)
        lexical = self.bm25(terms)
        if restricted:
            mask = np.zeros(len(self.papers), dtype=bool)
            mask[[self.row[pid] for pid in pool_ids]] = True
            lexical = np.where(mask, lexical, 0.0)
        restrict = sorted(pool_ids) if restricted else None
        # MiniLM reads the question with its spelling mended ("inferance" costs it a lot of similarity)
        dense_in = rest or text
        if fixes:
            dense_in = re.sub(r"[^\W\d_]+", lambda m: fixes.get(m.group(0).lower(), m.group(0)), dense_in)
        qvec = self.encoder.encode([self.dense_text(dense_in, words)])[0]
        dense, chunk_of = self.dense_scores(qvec, restrict)
        named = self.named_papers(text)
        ranked = self._fuse(lexical, dense, chunk_of, named, pool_ids if restricted else None)
        acronym_papers = self.acronym_papers(words) if parsed.shape == "list" and len(words) <= 4 else None
        unknown = [w for w in words if _stem(w) not in self.idf and not any(_stem(t) in self.idf for t in tokenize(w))]
        return Retrieval(parsed, ranked[: max(k * 3, 30)], len(pool), query_terms=terms,
                         unknown_words=unknown, unknown_names=self.unknown_names(text, named),
                         acronym_papers=acronym_papers, name_bonus=self.w_name)

    def acronym_papers(self, words: list[str]) -> set[str] | None:
        """Papers that use a glossary acronym of a short question, or its long form ("TTFT" or
        "time-to-first-token"): for "which papers reduce TTFT?" the acronym is the whole topic.
        Looked up in the BM25 matrix's columns, so the cost does not grow with the collection."""
        hits: set[str] | None = None
        for w in words:
            longs = self.glossary.get(w.lower())
            if not longs:
                continue
            rows: set[int] = set()
            for form in [w] + longs[:3]:
                toks = [_stem(t) for t in tokenize(form) if "-" not in t or t == form.lower()]
                whole = _stem(form.lower()) if re.fullmatch(r"[\w-]+", form) else None
                groups = [[whole]] if whole in self.term_ids else [toks]
                for group in groups:
                    cols = [self.term_ids.get(t) for t in group]
                    if not group or None in cols:
                        continue
                    present = None
                    for c in cols:
                        found = set(self.bm25_csc[:, c].nonzero()[0].tolist())
                        present = found if present is None else present & found
                    rows |= present or set()
            found_ids = {self.papers[i].id for i in rows}
            hits = found_ids if hits is None else hits & found_ids
        return hits

    def unknown_names(self, text: str, named: set[str]) -> list[str]:
        """System-like names in the question (MegaScale-Infer, 'Quoted Title') that no paper carries."""
        if named:
            return []
        names = re.findall(r"\b[A-Za-z]*[a-z][A-Z][\w-]*|\b[A-Z][A-Za-z]*-[A-Z][\w-]*|\b[A-Z]{2,}[a-z]+[\w-]*", text)
        quoted = re.findall(r"['\"“‘]([^'\"”’]{8,})['\"”’]", text)
        out = [n for n in names if _stem(n.lower()) not in self.idf]
        for q in quoted:  # a quoted title must be (nearly) one of ours
            if not re.search(r"[A-Z]", q) or len(q.split()) < 3:
                continue
            qt = {_stem(t) for t in tokenize(q)}
            best = max((len(qt & {_stem(t) for t in tokenize(p.title)}) / max(len(qt), 1) for p in self.papers), default=0)
            if best < 0.8:
                out.append("'" + q + "'")
        return out

    def named_papers(self, text: str) -> set[str]:
        """Papers whose system name (the title before ':') the question mentions, by n-gram lookup.

        A name that is also an ordinary word of the collection (PROMPTS, WAVE, Matrix) must match with its
        own capitalisation, so "optimize prompts" does not pull in the PROMPTS paper."""
        raw = re.findall(r"[\w][\w\-\.+]*[\w+]|[\w]", text)
        found: set[str] = set()
        for n in range(1, 5):
            for i in range(len(raw) - n + 1):
                surface = " ".join(raw[i:i + n])
                for pid in self.name_papers.get(surface.lower(), ()):
                    name = self.title_names[pid]
                    if name.lower() in self.vocab and self.vocab[name.lower()] >= 2 and surface != name:
                        continue
                    found.add(pid)
        return found

    def dense_scores(self, vec: np.ndarray, restrict: list[str] | None):
        """Max cosine similarity per paper over its chunks (Chroma, cosine space) and the best chunk's span."""
        if restrict is not None and not restrict:
            return {}, {}
        coll = self.snapshot.collection
        n = min(self.chunk_count, self.dense_depth)
        where = {"paper_id": {"$in": restrict}} if restrict else None
        try:
            res = coll.query(query_embeddings=[vec.tolist()], n_results=max(n, 1), where=where,
                             include=["metadatas", "distances"])
        except Exception as exc:  # a Chroma server that went away: say so; the next question retries
            from .errors import StoreUnavailableError

            raise StoreUnavailableError(f"The vector store did not answer ({type(exc).__name__}: {exc}). "
                                        "If you use a Chroma server, check that it is running; "
                                        "the next question will try again.") from exc
        scores: dict[str, float] = {}
        spans: dict[str, tuple[int, int]] = {}
        for meta, dist in zip(res["metadatas"][0], res["distances"][0]):
            pid = meta["paper_id"]
            sim = 1.0 - float(dist)
            if sim > scores.get(pid, -1.0):
                scores[pid] = sim
                spans[pid] = (int(meta.get("first_sentence", 0)), int(meta.get("last_sentence", -1)))
        return scores, spans

    def _fuse(self, lexical: np.ndarray, dense: dict[str, float], chunk_of, named: set[str],
              pool: set[str] | None) -> list[ScoredPaper]:
        """Score the union of dense and lexical candidates: cosine + scaled BM25 + a bonus for a named system."""
        top_lex = float(lexical.max()) if len(lexical) else 0.0
        lex_top = np.argsort(-lexical)[: self.lexical_depth] if top_lex > 0 else []
        candidates = set(dense) | {self.papers[i].id for i in lex_top if lexical[i] > 0} | named
        if pool is not None:
            candidates &= pool
        floor = (min(dense.values()) if dense else 0.0) - 0.05
        out = []
        for pid in candidates:
            i = self.row[pid]
            d = dense.get(pid, floor)
            lx = float(lexical[i]) / top_lex if top_lex > 0 else 0.0
            hit = pid in named
            score = d + self.w_lexical * lx + (self.w_name if hit else 0.0)
            out.append(ScoredPaper(self.papers[i], score, d, lx, hit, chunk_of.get(pid, (0, -1))))
        out.sort(key=lambda sp: (-sp.score, sp.paper.id))
        return out


def _merge(given: Filters, read: Filters) -> Filters:
    return Filters(
        venues=given.venues or read.venues,
        institutions=given.institutions or read.institutions,
        authors=given.authors or read.authors,
        years=given.years or read.years,
        single_author=given.single_author or read.single_author,
    )
