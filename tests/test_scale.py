"""What keeps the index working at 100k papers, checked in miniature on the bundled collection: reads of
the whole collection are paged (SQLite binds one variable per row), long restrictions are filtered after
the query, and the faster read-side structures give the same answers as the plain scans they replace."""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pytest

from assistant import retrieve, store
from assistant.lexical import _stem, build_lexical, tokenize
from assistant.query import Filters
from assistant.store import build_index, map_coordinates, open_index, paper_vectors

from conftest import tiny_papers, write_jsonl


class CappedCollection:
    """A Chroma collection that refuses any read returning more than ``cap`` rows, as SQLite refuses a
    statement with more than 32,766 variables: an unpaged read of a large index fails the same way."""

    def __init__(self, coll, cap: int) -> None:
        self.coll, self.cap, self.gets = coll, cap, []

    def count(self) -> int:
        return self.coll.count()

    def get(self, **kwargs):
        rows = self.coll.get(**kwargs)
        self.gets.append(kwargs.get("limit"))
        if len(rows["ids"]) > self.cap:
            raise RuntimeError(f"too many SQL variables: one read of {len(rows['ids'])} rows")
        return rows


def reference_vectors(coll, paper_ids: list[str]) -> np.ndarray:
    """The per-paper mean chunk vector, from one read of every row (fine at 173 papers)."""
    rows = coll.get(include=["embeddings", "metadatas"])
    pos = {pid: i for i, pid in enumerate(paper_ids)}
    out = np.zeros((len(paper_ids), 384), dtype=np.float32)
    for vec, meta in zip(rows["embeddings"], rows["metadatas"]):
        out[pos[meta["paper_id"]]] += np.asarray(vec, dtype=np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_paper_vectors_reads_in_pages_and_matches_one_read(real_index):
    snap = open_index(real_index)
    ids = list(snap.papers)
    expected = reference_vectors(snap.collection, ids)
    assert snap.collection.count() > 300
    for page in (7, 64, 1000):
        capped = CappedCollection(snap.collection, cap=page)
        got = paper_vectors(capped, ids, page=page)
        assert all(limit == page for limit in capped.gets)
        assert len(capped.gets) == -(-snap.collection.count() // page)  # every row read once
        np.testing.assert_allclose(got, expected, atol=1e-6)


def test_map_is_the_svd_pca_up_to_sign(real_index):
    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((500, 384)).astype(np.float32) * np.linspace(3, 0.1, 384, dtype=np.float32)
    centered = vecs - vecs.mean(axis=0)
    _, _, vt = np.linalg.svd(centered.astype(np.float64), full_matrices=False)
    axes = vt[:2] * np.sign(vt[:2].sum(axis=1, keepdims=True))
    np.testing.assert_allclose(map_coordinates(vecs, block=64), centered @ axes.T, atol=1e-4)


def test_long_restrictions_are_filtered_after_the_query_with_the_same_scores(real_assistant, monkeypatch):
    search = real_assistant._searcher()
    ids = list(search.by_id)
    vec = search.encoder.encode(["reducing GPU memory when serving large language models"])[0]
    for allowed in (set(ids[::2]), set(ids[:20]), {ids[5]}):
        where_scores, where_spans = search.dense_scores(vec, allowed)  # a where clause listing the papers
        monkeypatch.setattr(retrieve, "WHERE_IN_LIMIT", 0)
        post_scores, post_spans = search.dense_scores(vec, allowed)
        monkeypatch.undo()
        assert post_scores.keys() == where_scores.keys() and set(post_scores) <= allowed
        assert all(abs(post_scores[p] - where_scores[p]) < 1e-6 for p in post_scores)
        assert post_spans == where_spans


def test_a_filtered_question_ranks_the_same_either_way(real_assistant, monkeypatch):
    search = real_assistant._searcher()
    question = "MLSys 2026 papers on quantization of the KV cache"
    before = [(sp.paper.id, round(sp.score, 5)) for sp in search.search(question).ranked]
    monkeypatch.setattr(retrieve, "WHERE_IN_LIMIT", 0)
    after = [(sp.paper.id, round(sp.score, 5)) for sp in search.search(question).ranked]
    assert before and after == before


def scan(search, filters: Filters) -> list[str]:
    """``matching`` as one loop over every paper: what the row indexes must reproduce."""
    inst = set()
    for name in filters.institutions:
        inst |= search.alias_papers.get(name.lower(), set())
    return [p.id for p in search.papers
            if (not filters.venues or p.venue in filters.venues) and (not filters.years or p.year in filters.years)
            and (not filters.authors or any(a in p.authors for a in filters.authors))
            and (not filters.single_author or p.author_count == 1)  # (an unnamed author counts)
            and (not filters.institutions or p.id in inst)]


def test_filter_indexes_match_a_scan_of_every_paper(real_assistant):
    search = real_assistant._searcher()
    papers = search.papers
    venue, year, author = papers[0].venue, papers[0].year, papers[3].authors[0]
    inst = next(i for p in papers for i in p.institutions)
    cases = [Filters(venues=[venue]), Filters(years=[year, 1999]), Filters(authors=[author, "Nobody Here"]),
             Filters(single_author=True), Filters(institutions=[inst]), Filters(venues=["No Such Venue"]),
             Filters(venues=[venue], years=[year], institutions=[inst]), Filters(authors=[author], single_author=True)]
    for filters in cases:
        assert [p.id for p in search.matching(filters)] == scan(search, filters), filters
    assert any(search.matching(f) for f in cases) and not search.matching(cases[5])


def test_lexical_index_equals_a_token_by_token_build(real_assistant):
    search = real_assistant._searcher()
    papers = search.papers
    lex = build_lexical(papers)
    term_ids: dict[str, int] = {}
    weights = {}
    for i, p in enumerate(papers):  # the straightforward build: stem every token, count per stem
        counts: dict[int, int] = defaultdict(int)
        for t in tokenize(f"{p.title} {p.title} {p.abstract} {p.topic}"):
            counts[term_ids.setdefault(_stem(t), len(term_ids))] += 1
        weights[i] = counts
    assert lex.term_ids == term_ids
    df = np.zeros(len(term_ids))
    for counts in weights.values():
        df[list(counts)] += 1
    assert lex.bm25_csc.nnz == int(df.sum())
    idf = np.log(1 + (len(papers) - df + 0.5) / (df + 0.5))
    assert max(abs(lex.idf[t] - idf[j]) for t, j in term_ids.items()) < 1e-5
    lengths = np.array([sum(weights[i].values()) for i in range(len(papers))])
    expected = np.zeros((len(papers), len(term_ids)))
    for i, counts in weights.items():
        for j, tf in counts.items():
            expected[i, j] = idf[j] * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[i] / lengths.mean()))
    np.testing.assert_allclose(lex.bm25_csc.toarray(), expected, rtol=1e-5, atol=1e-6)
    titles = lex.title_terms.toarray()
    for i, p in enumerate(papers[:40]):
        assert {j for j in np.flatnonzero(titles[i])} == {term_ids[_stem(t)] for t in tokenize(p.title)}
    vocab = defaultdict(int)
    for p in papers:
        for t in set(tokenize(f"{p.title} {p.abstract}")):
            if t.isalpha() and len(t) >= 4:
                vocab[t] += 1
    assert lex.vocab == vocab


@pytest.mark.parametrize("text", ["time-to-first-token and KV-cache", "no hyphen here", "a--b -x y-", ""])
def test_tokenize_fast_path_keeps_the_hyphen_parts(text):
    slow: list[str] = []
    for tok in re.findall(r"[a-z0-9]+(?:[-.][a-z0-9]+)*", text.lower()):
        slow.append(tok)
        if "-" in tok:
            slow.extend(t for t in tok.split("-") if t)
    assert tokenize(text) == slow


def test_removing_papers_deletes_their_chunks_in_batches(tiny_settings, tiny_sources, monkeypatch):
    build_index(tiny_settings, progress=False)
    write_jsonl(tiny_sources / "tiny.jsonl", tiny_papers()[:1])
    calls = []
    real_open = store.open_collection

    def spy_open(*args, **kwargs):
        coll = real_open(*args, **kwargs)
        real_delete = coll.delete
        coll.delete = lambda **kw: calls.append(kw["where"]["paper_id"]["$in"]) or real_delete(**kw)
        return coll

    monkeypatch.setattr(store, "_ID_BATCH", 2)
    monkeypatch.setattr(store, "open_collection", spy_open)
    summary = build_index(tiny_settings, progress=False)
    assert summary.removed == 3
    assert sorted(map(len, calls)) == [1, 2] and sorted(sum(calls, [])) == ["t:2", "t:3", "t:4"]
    monkeypatch.undo()
    rows = open_index(tiny_settings).collection.get(include=["metadatas"])
    assert {m["paper_id"] for m in rows["metadatas"]} == {"t:1"}
