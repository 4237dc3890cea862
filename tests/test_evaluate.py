"""Evaluation metrics on hand-made answers whose scores are known."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.evaluate import (
    KNOWN_KINDS,
    REFUSAL_PATTERN,
    Question,
    Report,
    compare_json,
    compare_table,
    load_questions,
    run_eval,
    score_answer,
    summarize,
)
from assistant.schema import Answer, Citation

DEV = Path(__file__).resolve().parents[1] / "benchmarks" / "questions" / "dev.jsonl"
KIND_KEYS = {"n", "recall", "precision", "mrr", "regex_hit", "refusal_accuracy", "false_refusal"}


def cite(*ids: str) -> list[Citation]:
    return [Citation(paper_id=i, title=i, url="", venue="", quote="", score=1.0) for i in ids]


def ans(*ids: str, text: str = "answer", refused: bool = False) -> Answer:
    return Answer(text=text, citations=cite(*ids), refused=refused)


def q(qid: str = "q1", kind: str = "topical", gold=("a", "b"), partial=("c",), regex=None) -> Question:
    return Question(qid, kind, f"question {qid}?", list(gold), list(partial), regex, "")


UNANS = dict(kind="unanswerable", gold=(), partial=())


# ---- score_answer ---------------------------------------------------------------------------------

def test_recall_precision_mrr():
    s = score_answer(q(), ans("x", "b", "c"), 10.0)
    assert s.recall == 0.5
    assert s.precision == pytest.approx(2 / 3)
    assert s.mrr == 0.5
    assert s.regex_hit is None and s.refusal_correct is None and s.false_refusal is False
    assert s.failed and "missed gold" in s.reasons and "cited non-gold" in s.reasons


def test_perfect_answer_is_not_a_failure():
    s = score_answer(q(), ans("a", "c", "b"), 1.0)
    assert (s.recall, s.precision, s.mrr) == (1.0, 1.0, 1.0)
    assert not s.failed


def test_duplicate_citations_count_once():
    s = score_answer(q(), ans("x", "x", "a", "a", "b"), 1.0)
    assert s.cited == ["x", "a", "b"]
    assert s.recall == 1.0
    assert s.precision == pytest.approx(2 / 3)
    assert s.mrr == 0.5  # rank among distinct papers, not among citation entries


def test_nothing_cited_on_answerable():
    s = score_answer(q(), ans(), 1.0)
    assert s.recall == 0.0 and s.mrr == 0.0 and s.precision is None
    assert s.false_refusal is False  # no citations alone is not a refusal


def test_correct_refusal():
    s = score_answer(q(**UNANS), ans(text="The collection does not cover this.", refused=True), 1.0)
    assert s.refusal_correct is True
    assert s.recall is None and s.mrr is None and s.precision is None and s.false_refusal is None
    assert not s.failed


def test_unanswerable_with_citations_is_wrong():
    s = score_answer(q(**UNANS), ans("a", text="The collection does not cover this.", refused=True), 1.0)
    assert s.refusal_correct is False
    assert s.precision == 0.0
    assert s.failed


def test_refusal_needs_flag_and_statement():
    assert score_answer(q(**UNANS), ans(text="The collection does not cover this."), 1.0).refusal_correct is False
    assert score_answer(q(**UNANS), ans(text="Here is something.", refused=True), 1.0).refusal_correct is False


@pytest.mark.parametrize("text", [
    "The collection does not cover this.", "No paper in the collection discusses that.",
    "I cannot answer this from these papers.", "This topic is not covered by the papers.",
    "I don't have papers on that.", "The collection doesn\u2019t cover it.", "I can't answer that.",
])
def test_refusal_pattern_matches(text):
    assert REFUSAL_PATTERN.search(text)


def test_false_refusal_on_answerable():
    s = score_answer(q(), ans(text="The collection does not cover this.", refused=True), 1.0)
    assert s.false_refusal is True
    assert "false refusal" in s.reasons


def test_regex_hit_and_miss():
    regex = r"(?<![\d.])18\.5\s*\\?%"
    fq = q(kind="factual", gold=("a",), partial=(), regex=regex)
    assert score_answer(fq, ans("a", text="It improves by 18.5% [a]."), 1.0).regex_hit is True
    assert score_answer(fq, ans("a", text="It improves by 18.5 \\% [a]."), 1.0).regex_hit is True
    miss = score_answer(fq, ans("a", text="It improves by 118.5% [a]."), 1.0)
    assert miss.regex_hit is False and "regex miss" in miss.reasons
    case = q(kind="factual", gold=("a",), partial=(), regex=r"(one|1|a)\s*billion")
    assert score_answer(case, ans("a", text="About One Billion tokens"), 1.0).regex_hit is True


def test_dev_file_regexes():
    by_id = {x.qid: x for x in load_questions(DEV)}
    fq = by_id["d-fact-02"]
    assert score_answer(fq, ans(*fq.gold, text="a gain of 18.5%"), 1.0).regex_hit is True
    assert score_answer(fq, ans(*fq.gold, text="a gain of 118.5%"), 1.0).regex_hit is False
    assert score_answer(by_id["d-fact-01"], ans(text="9.78x faster"), 1.0).regex_hit is True
    assert score_answer(by_id["d-fact-01"], ans(text="19.78x faster"), 1.0).regex_hit is False


# ---- summarize / Report ---------------------------------------------------------------------------

def _scores():
    return [
        score_answer(q("t1"), ans("x", "b", "c"), 10.0),  # R .5 P 2/3 MRR .5
        score_answer(q("t2"), ans("a", "b"), 20.0),  # R 1 P 1 MRR 1
        score_answer(q("f1", "factual", ("a",), (), r"42"), ans("a", text="42"), 30.0),  # hit
        score_answer(q("f2", "factual", ("a",), (), r"42"), ans(text="41", refused=True), 40.0),  # miss, false ref
        score_answer(q("u1", **UNANS), ans(text="The collection does not cover this.", refused=True), 50.0),
        score_answer(q("u2", **UNANS), ans("z", text="Paper z says..."), 60.0),
        score_answer(q("w1", "weird", ("a",), ()), ans("a"), 70.0),
    ]


def test_summarize_per_kind_and_micro_overall():
    r = summarize(_scores())
    assert list(r.kinds) == ["topical", "factual", "unanswerable", "weird"]
    t = r.kinds["topical"]
    assert t["n"] == 2 and t["recall"] == 0.75 and t["precision"] == pytest.approx(5 / 6) and t["mrr"] == 0.75
    assert t["regex_hit"] is None and t["refusal_accuracy"] is None and t["false_refusal"] == 0.0
    f = r.kinds["factual"]
    assert f["regex_hit"] == 0.5 and f["recall"] == 0.5 and f["precision"] == 1.0 and f["false_refusal"] == 0.5
    u = r.kinds["unanswerable"]
    assert u["refusal_accuracy"] == 0.5 and u["recall"] is None and u["mrr"] is None and u["false_refusal"] is None
    assert u["precision"] == 0.0  # u2 cited something outside gold ∪ partial
    o = r.overall
    assert o["n"] == 7
    assert o["recall"] == pytest.approx((0.5 + 1 + 1 + 0 + 1) / 5)  # micro, not mean of kind means
    assert o["precision"] == pytest.approx((2 / 3 + 1 + 1 + 0 + 1) / 5)
    assert o["mrr"] == pytest.approx((0.5 + 1 + 1 + 0 + 1) / 5)
    assert o["regex_hit"] == 0.5 and o["refusal_accuracy"] == 0.5 and o["false_refusal"] == pytest.approx(1 / 5)
    assert r.unknown_kinds == ["weird"]


def test_failures_list():
    r = summarize(_scores())
    by = {f["qid"]: f for f in r.failures}
    assert set(by) == {"t1", "f2", "u2"}
    assert by["t1"]["missing"] == ["a"] and by["t1"]["extra"] == ["x"] and by["t1"]["cited"] == ["x", "b", "c"]
    assert "regex miss" in by["f2"]["reason"] and "false refusal" in by["f2"]["reason"]
    assert by["u2"]["extra"] == ["z"]
    assert set(by["t1"]) == {"qid", "kind", "question", "cited", "gold", "partial", "missing", "extra", "reason"}


def test_latency_percentiles_nearest_rank():
    r = summarize(_scores())
    assert r.latency_ms == {"p50": 40.0, "p95": 70.0}
    lat = [score_answer(q(f"q{i}"), ans("a", "b"), float(i)) for i in range(1, 101)]
    assert summarize(lat).latency_ms == {"p50": 50.0, "p95": 95.0}


def test_empty_summary():
    r = summarize([])
    assert r.overall["n"] == 0 and r.overall["recall"] is None and r.latency_ms == {"p50": None, "p95": None}
    assert r.kinds == {} and r.failures == []
    r.to_table()


def test_to_json_keys_and_rounding():
    data = summarize(_scores()).to_json()
    assert set(data) == {"overall", "kinds", "latency_ms", "failures"}
    assert set(data["overall"]) == KIND_KEYS
    assert all(set(v) == KIND_KEYS for v in data["kinds"].values())
    assert set(data["latency_ms"]) == {"p50", "p95"}
    assert data["kinds"]["topical"]["precision"] == 0.8333
    json.dumps(data)  # serializable


def test_to_table():
    text = summarize(_scores()).to_table()
    for word in ("topical", "factual", "unanswerable", "weird *", "overall", "—", "p50 40 ms", "t1", "missing=a"):
        assert word in text


# ---- run_eval ---------------------------------------------------------------------------------------

def test_run_eval_records_errors_and_continues():
    qs = [q("ok1", gold=("a",), partial=()), q("bad", gold=("a",), partial=()), q("ok2", **UNANS)]
    calls: list[tuple[int, int]] = []

    def answer_fn(text: str) -> Answer:
        if "bad" in text:
            raise RuntimeError("boom")
        if "ok2" in text:
            return ans(text="No paper in the collection covers this.", refused=True)
        return ans("a")

    r = run_eval(qs, answer_fn, progress=lambda i, n: calls.append((i, n)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert [f["qid"] for f in r.failures] == ["bad"]
    assert r.failures[0]["reason"].startswith("error: boom")
    assert r.overall["n"] == 3 and r.overall["recall"] == 0.5 and r.overall["refusal_accuracy"] == 1.0
    assert r.overall["false_refusal"] == 0.0  # the error is scored as refused=False
    assert r.latency_ms["p50"] is not None and r.latency_ms["p50"] >= 0


# ---- load_questions ---------------------------------------------------------------------------------

def test_load_dev_file():
    qs = load_questions(DEV)
    assert len(qs) == 35
    assert {x.kind for x in qs} == set(KNOWN_KINDS)
    assert all(not x.gold for x in qs if x.kind == "unanswerable")
    assert all(x.answer_regex for x in qs if x.kind == "factual")


def _write(tmp_path, lines: list[str]) -> Path:
    p = tmp_path / "qs.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _line(**kw) -> str:
    base = {"qid": "x1", "kind": "topical", "question": "q?", "gold": ["a"], "partial": [], "answer_regex": None,
            "note": ""}
    base.update(kw)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def test_load_unknown_kind_and_optional_fields(tmp_path):
    p = _write(tmp_path, [_line(kind="novel"), "", json.dumps({"qid": "x2", "kind": "topical", "question": "q",
                                                                "gold": ["b"]})])
    qs = load_questions(p)
    assert [x.kind for x in qs] == ["novel", "topical"]
    assert qs[1].partial == [] and qs[1].answer_regex is None and qs[1].note == ""


@pytest.mark.parametrize("lines,line_no,words", [
    (["{not json"], 1, "not valid JSON"),
    ([_line(), _line(qid="x2", question=...)], 2, "missing field 'question'"),
    ([_line(), _line()], 2, "duplicate qid 'x1'"),
    ([_line(gold="a")], 1, "'gold' must be a list"),
    ([_line(answer_regex="(unclosed")], 1, "not a valid Python regex"),
    ([_line(kind="unanswerable")], 1, "empty 'gold'"),
    (["[1, 2]"], 1, "JSON object"),
])
def test_load_errors_name_file_and_line(tmp_path, lines, line_no, words):
    p = _write(tmp_path, lines)
    with pytest.raises(ConfigError) as err:
        load_questions(p)
    assert f"{p}:{line_no}:" in str(err.value)
    assert words in str(err.value)


def test_load_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="nope.jsonl"):
        load_questions(tmp_path / "nope.jsonl")


# ---- comparison -------------------------------------------------------------------------------------

def test_compare_table_and_json():
    a, b = summarize(_scores()), summarize(_scores()[:2])
    table = compare_table({"bm25": a, "hybrid": b})
    lines = table.splitlines()
    assert lines[0] == "| metric | bm25 | hybrid |"
    assert all(line.count("|") == 4 for line in lines)
    assert "| topical recall | 0.750 | 0.750 |" in lines
    assert "| factual regex hit | 0.500 | — |" in lines
    assert "| unanswerable refusal acc | 0.500 | — |" in lines
    assert not any(line.startswith("| unanswerable precision") for line in lines)
    assert any(line.startswith("| latency p95") for line in lines)
    data = compare_json({"bm25": a, "hybrid": b})
    assert list(data) == ["bm25", "hybrid"] and data["bm25"] == a.to_json()
    assert isinstance(a, Report)


def test_quality_benchmark_per_kind_f1_and_leader():
    import importlib
    import sys

    sys.path.insert(0, str(DEV.parents[1]))  # benchmarks/ (its scripts import their common module)
    try:
        bench = importlib.import_module("bench_quality")
    finally:
        sys.path.pop(0)
    questions = [q("t1"), q("u1", **UNANS)]
    # an answer citing one gold paper (recall 1/2, precision 1) and a top-k one citing both among 8 (1, 2/8)
    refusal = ans(refused=True, text="The collection does not cover this.")
    precise = summarize([score_answer(questions[0], ans("a"), 1.0), score_answer(questions[1], refusal, 1.0)])
    wide = summarize([score_answer(questions[0], ans("a", "b", *"defghi"), 1.0),
                      score_answer(questions[1], ans("x"), 1.0)])
    assert bench.f1(precise.kinds["topical"]) == pytest.approx(2 * 0.5 * 1.0 / 1.5)
    assert bench.f1(wide.kinds["topical"]) == pytest.approx(2 * 1.0 * 0.25 / 1.25)
    assert bench.f1(precise.kinds["unanswerable"]) is None
    lines = bench.per_kind_summary({"default": precise, "bm25": wide}).splitlines()
    assert lines[0] == "| kind | n | default | bm25 | leads (F1) |"
    assert "| topical | 1 | 0.50 / 1.00 (0.67) | 1.00 / 0.25 (0.40) | default |" in lines
    assert "| unanswerable | 1 | refusal acc 1.00 | refusal acc 0.00 | default |" in lines
