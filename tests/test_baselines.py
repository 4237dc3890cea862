"""The retrieval baselines of assistant/baselines.py over the real index of the bundled papers."""
from __future__ import annotations

import dataclasses

import pytest

from assistant.baselines import BASELINES, make_baseline, rrf, Hit
from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.schema import Answer
from assistant.store import open_index

# Every system must fill all k slots on the first two; on the others BM25 may match fewer than k papers
# (stop words only match none), which is fewer citations, never an error.
FULL = ["which papers reduce TTFT?", "compressing the KV cache for long-context LLM inference"]
QUESTIONS = FULL + ["¿Qué artículos tratan de entrenar redes neuronales de grafos?", "the of and"]


@pytest.fixture(scope="module")
def papers(real_index):
    return open_index(real_index).papers


def check_answers(answer_fn, papers: dict, k: int) -> None:
    """Every answer cites at most k distinct real papers, in rank order, and never refuses."""
    for question in QUESTIONS:
        answer = answer_fn(question)
        assert isinstance(answer, Answer)
        assert answer.refused is False
        ids = answer.cited_ids
        assert len(ids) <= k
        assert len(set(ids)) == len(ids), f"duplicate citations for {question!r}: {ids}"
        assert set(ids) <= set(papers), f"unknown paper ids for {question!r}: {set(ids) - set(papers)}"
        scores = [c.score for c in answer.citations]
        assert scores == sorted(scores, reverse=True), f"not in rank order for {question!r}: {scores}"
        for c in answer.citations:
            assert c.quote and c.title == papers[c.paper_id].title
            assert f"[{c.paper_id}]" in answer.text
        if question in FULL:
            assert len(ids) == k, f"{question!r} cited {len(ids)} papers, expected k={k}"


@pytest.mark.parametrize("name", ["bm25", "dense", "hybrid-rrf"])
def test_baseline_cites_at_most_k_real_papers(name, real_index, papers):
    check_answers(make_baseline(name, real_index), papers, real_index.k)
    small = dataclasses.replace(real_index, k=3)
    check_answers(make_baseline(name, small), papers, 3)


@pytest.mark.slow
def test_llamaindex_default_cites_at_most_k_real_papers(real_index, papers, tmp_path):
    answer_fn = make_baseline("llamaindex-default", dataclasses.replace(real_index, k=5), workdir=tmp_path / "li")
    check_answers(answer_fn, papers, 5)
    assert (tmp_path / "li" / "chroma").is_dir()  # its store stays out of the index directory
    assert not any("llamaindex" in p.name for p in real_index.index_dir.rglob("*"))


def test_bm25_ranks_a_paper_first_for_its_title(real_index, papers):
    answer_fn = make_baseline("bm25", real_index)
    by_venue: dict[str, list] = {}
    for paper in papers.values():
        by_venue.setdefault(paper.venue, []).append(paper)
    assert len(by_venue) >= 3
    for venue, group in by_venue.items():
        for paper in group[:3]:
            assert answer_fn(paper.title).cited_ids[0] == paper.id, f"{venue}: {paper.title!r}"


def test_unknown_baseline_is_a_config_error_listing_the_names(tmp_path):
    settings = Settings.load(index_dir=tmp_path / "no-index")
    with pytest.raises(ConfigError) as err:
        make_baseline("bm52", settings)
    for name in BASELINES:
        assert name in str(err.value)


def test_rrf_sums_reciprocal_ranks_and_breaks_ties_by_id():
    dense = [Hit("a", 0.9, "chunk a"), Hit("b", 0.8, "chunk b")]
    lexical = [Hit("b", 7.0, "first b"), Hit("c", 5.0, "first c"), Hit("a", 1.0, "first a")]
    fused = rrf([dense, lexical], k=60)
    assert [h.paper_id for h in fused] == ["b", "a", "c"]
    assert fused[0].score == pytest.approx(1 / 62 + 1 / 61)
    assert fused[0].quote == "chunk b"  # the first ranking that has a paper gives its quote
    tie = rrf([[Hit("y", 1, "")], [Hit("x", 1, "")]])
    assert [h.paper_id for h in tie] == ["x", "y"]


def test_the_llamaindex_baseline_without_its_extra_says_how_to_install_it(monkeypatch):
    # without the test extras it had ended in a ModuleNotFoundError traceback ("llama_index.embeddings")
    import builtins

    from assistant.baselines import llamaindex_embedding

    real_import = builtins.__import__

    def without_hf(name, *args, **kwargs):
        if name.startswith("llama_index.embeddings"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_hf)
    with pytest.raises(ConfigError, match=r"pip install -e '\.\[test\]'"):
        llamaindex_embedding()
