"""The lexical side of retrieval: word tokens, Snowball stems, and the BM25 and title-term matrices that
``PaperSearch`` builds once per index generation (in one pass over the papers, with array columns rather
than Python lists of ints, so 100k papers load in seconds and a fraction of the memory)."""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .schema import Paper

_TOKEN = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")


def fold_accents(text: str) -> str:
    """"décodage" -> "decodage": accented words stay whole for ASCII word patterns (not "d" + "codage")."""
    if text.isascii():
        return text
    # (only a Latin letter's marks: "が" stays "が", not "か", and Korean syllables are put back together)
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(c) and out and (out[-1] < "\u0250" or "\u1e00" <= out[-1] <= "\u1eff"):
            continue
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; hyphenated words also yield their parts (time-to-first-token -> time, to...)."""
    low = fold_accents(text).lower()
    toks = _TOKEN.findall(low)
    if "-" not in low:  # most texts: no token to split, so skip the per-token loop
        return toks
    out: list[str] = []
    for tok in toks:
        out.append(tok)
        if "-" in tok:
            out.extend(t for t in tok.split("-") if t)
    return out


_STEMMER = None


def _stemmer():
    global _STEMMER
    if _STEMMER is None:
        import Stemmer

        _STEMMER = Stemmer.Stemmer("english")
        _STEMMER.maxCacheSize = 100000
    return _STEMMER


# a word made from another with "-ize" ("tokenization", "tokenizer": "token"), the other its first group
IZE_FORM = re.compile(r"([a-z]{3,}?)i[sz](?:e|es|ed|ing|ers?|ations?)")


def _stem(word: str) -> str:
    """Snowball English stem (quantize, quantized, quantization -> quantiz), cached per word."""
    return _stemmer().stemWord(word)


def english_words() -> frozenset[str]:
    """Whole words of MiniLM's uncased WordPiece vocabulary: a dictionary that ships with the model."""
    from .embed import model_dir

    try:
        words = (model_dir() / "vocab.txt").read_text(encoding="utf-8").split()
    except OSError:
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and len(w) >= 4)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Webster's Second International word list (the ``english-words`` package, public domain, 234,450 words):
    what spelling mends must leave alone ("redo", "churn", "tooling" are words, not typos of "read", "chunk",
    "pooling"). Loaded on the first word neither the papers nor MiniLM's list know (about 0.2 s)."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # (an install without it mends as before)
        return frozenset()
    return frozenset(get_english_words_set(["web2"], lower=True, alpha=True))


@dataclass
class LexicalIndex:
    """BM25 weights (papers x stems, column-sliced per query), IDF, title terms and the spelling vocabulary."""

    term_ids: dict[str, int]  # stem -> column
    bm25_csc: object  # scipy csc_matrix of BM25 weights: a query reads only its terms' columns
    idf: dict[str, float]
    title_terms: object  # scipy csc_matrix, 1 where a paper's title uses a stem: quoted-title lookups
    vocab: defaultdict  # raw word (alphabetic, >= 4 letters) -> papers using it in title or abstract


def build_lexical(papers: list[Paper], k1: float = 1.2, b: float = 0.75) -> LexicalIndex:
    """Index ``papers`` (title twice, abstract, topic) for BM25; one tokenize per field, one stem per word."""
    from scipy.sparse import coo_matrix

    stemmer = _stemmer()
    col_of: dict[str, int] = {}  # raw token -> its stem's column: each distinct word is stemmed once
    term_ids: dict[str, int] = {}
    cols, tfs, title_cols = array("q"), array("f"), array("q")
    n = len(papers)
    distinct = np.zeros(n, dtype=np.int64)
    in_title = np.zeros(n, dtype=np.int64)
    lengths = np.zeros(n, dtype=np.float32)
    word_papers: Counter = Counter()
    for i, p in enumerate(papers):
        title, abstract = tokenize(p.title), tokenize(p.abstract)
        toks = title + title + abstract + tokenize(p.topic)
        counts = Counter(toks)
        new = [t for t in counts if t not in col_of]
        if new:  # in first-seen order, so stems get the same column ids as a token-by-token pass
            for tok, stem in zip(new, stemmer.stemWords(new)):
                col_of[tok] = term_ids.setdefault(stem, len(term_ids))
        cols.extend(map(col_of.__getitem__, counts))
        tfs.extend(counts.values())
        distinct[i], lengths[i] = len(counts), len(toks)
        title_set = set(title)
        title_cols.extend(map(col_of.__getitem__, title_set))
        in_title[i] = len(title_set)
        word_papers.update(set(title + abstract))
    shape = (n, len(term_ids))
    # words sharing a stem (quantize, quantized) are summed into one term frequency by the conversion
    tf_matrix = coo_matrix((np.frombuffer(tfs, dtype=np.float32), (np.repeat(np.arange(n), distinct),
                                                                  np.frombuffer(cols, dtype=np.int64))),
                           shape=shape).tocsr()
    tf_matrix.sum_duplicates()
    row = np.repeat(np.arange(n), np.diff(tf_matrix.indptr))
    col, tf = tf_matrix.indices, tf_matrix.data
    df = np.bincount(col, minlength=len(term_ids)).astype(np.float32)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    avgdl = float(lengths.mean()) if n else 1.0
    tf_matrix.data = idf[col] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[row] / avgdl))
    titles = coo_matrix((np.ones(len(title_cols), dtype=np.float32),
                         (np.repeat(np.arange(n), in_title), np.frombuffer(title_cols, dtype=np.int64))),
                        shape=shape).tocsc()
    titles.sum_duplicates()
    titles.data[:] = 1.0  # presence, even when two title words share a stem
    vocab: defaultdict = defaultdict(int)
    vocab.update((w, c) for w, c in word_papers.items() if w.isalpha() and len(w) >= 4)
    return LexicalIndex(term_ids, tf_matrix.tocsc(), {t: float(idf[j]) for t, j in term_ids.items()}, titles, vocab)
