"""The index on disk: what gets embedded, incremental updates, atomic swaps, the writer lock, bad input.

Everything runs the real bundled MiniLM and a real embedded Chroma store. Tests that change an index work
on a copy (of the tiny collection where that is enough, of the session's real index otherwise).
"""
from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from assistant import embed, store
from assistant.config import Settings
from assistant.errors import IndexError_, IndexLockedError, SourceError
from assistant.onnx_encoder import OnnxEncoder
from assistant.store import MANIFEST, build_index, index_changed, open_index, writer_lock

from conftest import SOURCES, tiny_papers, write_jsonl

TTFT = "which papers reduce TTFT?"

ENCODERS = (embed.NumpyEncoder, embed.SentenceTransformerEncoder, OnnxEncoder)  # every way to embed


# ----------------------------------------------------------------------------- helpers


def gens(index_dir: Path) -> set[str]:
    return {p.name for p in Path(index_dir).glob("gen-*")}


def manifest_bytes(settings: Settings) -> bytes:
    return (Path(settings.index_dir) / MANIFEST).read_bytes()


def vectors_of(coll, paper_id: str) -> dict[str, bytes]:
    """node id -> the stored float32 vector's bytes, for one paper's chunks."""
    rows = coll.get(where={"paper_id": paper_id}, include=["embeddings"])
    return {i: np.asarray(v, dtype=np.float32).tobytes() for i, v in zip(rows["ids"], rows["embeddings"])}


@pytest.fixture
def record_encodes(monkeypatch):
    """Every text handed to any encoder during the test (the real encoders still run)."""
    seen: list[str] = []
    for cls in ENCODERS:
        real = cls.encode

        def wrapper(self, texts, *a, _real=real, **kw):
            seen.extend(texts)
            return _real(self, texts, *a, **kw)
        monkeypatch.setattr(cls, "encode", wrapper)
    return seen


@pytest.fixture
def no_encoding(monkeypatch):
    """Fail the test if anything is embedded."""
    def refuse(self, texts, *a, **kw):
        raise AssertionError(f"unexpected embedding of {len(texts)} texts")
    for cls in ENCODERS:
        monkeypatch.setattr(cls, "encode", refuse)


@pytest.fixture
def built_tiny(tiny_settings) -> Settings:
    summary = build_index(tiny_settings, progress=False)
    assert (summary.added, summary.papers) == (4, 4)
    return tiny_settings


@pytest.fixture
def real_copy(real_index, tmp_path):
    """A copy of the session's complete real index plus a copy of the bundled sources it was built from."""
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    index_dir = tmp_path / "index"
    shutil.copytree(real_index.index_dir, index_dir)
    settings = Settings.load(index_dir=index_dir, sources=[src])
    return settings, src


def subprocess_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(extra)
    return env


# ----------------------------------------------------------------------------- the real index


def test_real_index_has_the_173_bundled_papers(real_index):
    snap = open_index(real_index)
    assert len(snap.papers) == 173 == len(snap.manifest["papers"])
    assert set(snap.papers) == set(snap.manifest["papers"])
    assert Counter(p.venue for p in snap.papers.values()) == {"MLSys 2026": 135, "arXiv": 31, "CAIS 2026": 7}
    assert snap.manifest["embedding"] == store.expected_build_params(real_index)["embedding"]
    assert snap.manifest["chunking"]["chunk_tokens"] == real_index.chunk_tokens


def test_second_build_embeds_nothing(real_index, no_encoding):
    # (no_encoding fails the test on any call to the encoder; the build's time is measured in benchmarks/)
    before = open_index(real_index).generation
    summary = build_index(real_index, progress=False)
    assert (summary.added, summary.updated, summary.removed) == (0, 0, 0)
    assert summary.unchanged == summary.papers == 173
    assert not summary.rebuilt
    assert open_index(real_index).generation == before



def test_dense_search_finds_the_true_nearest_chunks_and_an_older_index_is_brought_up_to_it(real_copy, no_encoding):
    settings, _ = real_copy
    snap = open_index(settings)
    assert snap.collection.configuration["hnsw"]["ef_search"] == store.HNSW_EF_SEARCH
    # a question's 200 nearest chunks are the true 200 nearest (by brute force over every stored vector); at
    # Chroma's default breadth one was missed in some processes, so one question said "125 papers searched" in
    # one run and 126 in the next
    stored = snap.collection.get(include=["embeddings"])
    vectors, ids = np.asarray(stored["embeddings"], dtype=np.float32), np.array(stored["ids"])
    depth = min(200, len(ids))
    rng = np.random.default_rng(0)
    for row in rng.choice(len(ids), 20, replace=False):
        query = vectors[row] + rng.normal(0, 0.05, vectors.shape[1]).astype(np.float32)
        query /= np.linalg.norm(query)
        nearest = set(ids[np.argsort(-(vectors @ query))[:depth]])
        found = snap.collection.query(query_embeddings=[query.tolist()], n_results=depth, include=["distances"])
        assert set(found["ids"][0]) == nearest
    # an index built before this setting (Chroma's default breadth, none in its manifest) is brought up to it on
    # first use, by a copy of its generation: nothing is embedded again (no_encoding)
    snap.collection.modify(configuration={"hnsw": {"ef_search": 100}})
    manifest = json.loads(manifest_bytes(settings))
    del manifest["vector_index"]
    (Path(settings.index_dir) / MANIFEST).write_text(json.dumps(manifest))
    updated = store.ensure_index(settings, progress=False)
    assert updated.generation != snap.generation and updated.manifest["vector_index"] == store.VECTOR_INDEX
    assert updated.collection.configuration["hnsw"]["ef_search"] == store.HNSW_EF_SEARCH
    assert updated.collection.count() == snap.collection.count() and set(updated.papers) == set(snap.papers)


def test_an_index_read_by_an_older_parser_is_brought_up_to_date_without_embedding(real_copy, no_encoding):
    # records read by an older version of a parser (the MLSys one did not count unnamed authors) are read again
    # on first use, not kept until the user thinks of running `assistant index`; nothing is embedded (no_encoding)
    settings, _ = real_copy
    snap = open_index(settings)
    ship = "openreview:IZaXDwDtL1"  # lists 11 authors, one of them named
    assert snap.papers[ship].author_count == 11
    manifest = json.loads(manifest_bytes(settings))
    manifest["parsers"]["miniconf-json"] = "1"
    manifest["records_hash"] = "as the older parser read them"
    records = next(Path(settings.index_dir).glob(f"**/{snap.generation}/papers.jsonl"))
    text = records.read_text()  # the records as the older parser wrote them: no count of unnamed authors
    assert '"authors_listed": 11' in text
    records.write_text(text.replace('"authors_listed": 11', '"authors_listed_old": 11'))
    (Path(settings.index_dir) / MANIFEST).write_text(json.dumps(manifest))
    assert open_index(settings).papers[ship].author_count == 1 and store._parsers_changed(manifest)
    updated = store.ensure_index(settings, progress=False)
    assert updated.generation != snap.generation
    assert updated.manifest["parsers"]["miniconf-json"] == store_parser_version("miniconf-json")
    assert updated.papers[ship].author_count == 11 and updated.collection.count() == snap.collection.count()
    assert not store._parsers_changed(updated.manifest)


def store_parser_version(name: str) -> str:
    from assistant.sources import PARSERS

    return PARSERS[name].version


def test_every_paper_has_chunks_with_node_ids_within_the_model_window(real_index):
    snap = open_index(real_index)
    rows = snap.collection.get(include=["documents", "metadatas"])
    by_paper: dict[str, list[int]] = {}
    for node_id, doc, meta in zip(rows["ids"], rows["documents"], rows["metadatas"]):
        pid, n = node_id.rsplit("#", 1)
        assert pid == meta["paper_id"] and int(n) == meta["n"], node_id
        by_paper.setdefault(pid, []).append(int(n))
        tokens = embed.count_tokens(doc)
        assert tokens <= embed.MAX_TOKENS, f"{node_id} has {tokens} word pieces"
        assert tokens <= real_index.chunk_tokens + 2
        assert doc.startswith(snap.papers[pid].title[:30])
    assert set(by_paper) == set(snap.papers)  # one or more chunks for every paper, none for others
    assert all(sorted(ns) == list(range(len(ns))) for ns in by_paper.values())
    assert len(rows["ids"]) == len(set(rows["ids"])) >= 173


def test_a_sentence_longer_than_a_chunk_is_cut_not_truncated(tiny_sources, tmp_path):
    long_sentence = " ".join(f"term{i} improves latency" for i in range(100))  # ~450 word pieces, no full stop
    rows = tiny_papers()[:1] + [{"id": "t:long", "title": "Run-On Abstracts", "abstract":
                                 f"Short opening sentence. {long_sentence}. A closing remark."}]
    write_jsonl(tiny_sources / "tiny.jsonl", rows)
    settings = Settings.load(index_dir=tmp_path / "index", sources=[tiny_sources], index_backend="numpy")
    build_index(settings, progress=False)
    got = open_index(settings).collection.get(where={"paper_id": "t:long"}, include=["documents", "metadatas"])
    assert len(got["ids"]) >= 3
    for doc in got["documents"]:
        assert embed.count_tokens(doc) <= settings.chunk_tokens
    text = " ".join(got["documents"])
    assert all(f"term{i} " in text for i in range(100))  # nothing is lost to truncation
    assert {m["first_sentence"] for m in got["metadatas"]} <= {0, 1, 2}


# ----------------------------------------------------------------------------- incremental updates


def test_editing_one_real_abstract_re_embeds_only_that_paper(real_copy, record_encodes):
    settings, src = real_copy
    old = open_index(settings)
    path = src / "mlsys2026-papers.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    forums = Counter(r.get("paper_url") for r in data["results"])
    rec = next(r for r in data["results"][5:] if forums[r.get("paper_url")] == 1 and r.get("abstract"))
    edited_id = "openreview:" + rec["paper_url"].split("id=")[1]
    assert edited_id in old.papers
    rec["abstract"] += " We also release a sharded checkpoint converter named QuokkaShard."
    path.write_text(json.dumps(data), encoding="utf-8")
    other = next(pid for pid in old.papers if pid.startswith("arxiv:"))
    other_before = vectors_of(old.collection, other)

    summary = build_index(settings, progress=False)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 1, 0, 172)
    assert not summary.rebuilt
    new = open_index(settings)
    assert new.generation != old.generation
    changed = {pid for pid, h in new.manifest["papers"].items() if old.manifest["papers"][pid] != h}
    assert changed == {edited_id}
    assert record_encodes and all(t.startswith(new.papers[edited_id].title[:40]) for t in record_encodes)
    assert any("QuokkaShard" in d for d in new.collection.get(where={"paper_id": edited_id},
                                                              include=["documents"])["documents"])
    assert vectors_of(new.collection, other) == other_before  # byte-identical, copied not re-embedded
    assert new.collection.count() >= old.collection.count()
    assert "QuokkaShard" in new.papers[edited_id].abstract


def test_deleting_a_paper_removes_it(built_tiny, tiny_sources, record_encodes, capsys):
    from assistant.cli import main

    write_jsonl(tiny_sources / "tiny.jsonl", [p for p in tiny_papers() if p["id"] != "t:3"])
    summary = build_index(built_tiny, progress=False)
    assert (summary.papers, summary.added, summary.updated, summary.removed, summary.unchanged) == (3, 0, 0, 1, 3)
    assert record_encodes == []
    snap = open_index(built_tiny)
    assert snap.collection.get(where={"paper_id": "t:3"})["ids"] == []
    assert {m["paper_id"] for m in snap.collection.get(include=["metadatas"])["metadatas"]} == {"t:1", "t:2", "t:4"}
    assert "t:3" not in snap.manifest["papers"]
    capsys.readouterr()
    assert main(["papers", "--json", "--index-dir", str(built_tiny.index_dir)]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["t:1", "t:2", "t:4"]


def test_adding_a_paper_embeds_only_it(built_tiny, tiny_sources, record_encodes):
    old = open_index(built_tiny)
    before = {pid: vectors_of(old.collection, pid) for pid in ("t:1", "t:2", "t:3", "t:4")}
    new_paper = {"id": "t:5", "title": "SpecDecode: Speculative Decoding for Small Drafts",
                 "abstract": "Speculative decoding drafts tokens with a small model and verifies them in one pass."}
    write_jsonl(tiny_sources / "tiny.jsonl", tiny_papers() + [new_paper])
    summary = build_index(built_tiny, progress=False)
    assert (summary.papers, summary.added, summary.updated, summary.removed, summary.unchanged) == (5, 1, 0, 0, 4)
    assert record_encodes and all(t.startswith("SpecDecode") for t in record_encodes)
    snap = open_index(built_tiny)
    assert "t:5" in snap.papers and snap.collection.get(where={"paper_id": "t:5"})["ids"] == ["t:5#0"]
    assert {pid: vectors_of(snap.collection, pid) for pid in before} == before


def test_changed_chunk_size_rebuilds_everything_with_a_reason(built_tiny, record_encodes):
    small = Settings.load(index_dir=built_tiny.index_dir, sources=built_tiny.sources, index_backend="numpy",
                          chunk_tokens=40)
    summary = build_index(small, progress=False)
    assert summary.rebuilt and "chunking" in summary.reason
    assert (summary.added, summary.papers) == (4, 4)
    assert len(record_encodes) >= 4
    snap = open_index(small)
    assert snap.manifest["chunking"]["chunk_tokens"] == 40
    docs = snap.collection.get(include=["documents"])["documents"]
    assert len(docs) > 4 and all(embed.count_tokens(d) <= 40 for d in docs)


def test_index_from_another_embedding_model_is_refused_then_rebuilt(built_tiny):
    path = Path(built_tiny.index_dir) / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["embedding"]["fingerprint"] = "0123456789abcdef"
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexError_, match=re.escape("assistant index --rebuild")):
        open_index(built_tiny)
    summary = build_index(built_tiny, progress=False)
    assert summary.rebuilt and "embedding model" in summary.reason and summary.added == 4
    assert open_index(built_tiny).manifest["embedding"]["fingerprint"] == embed.model_fingerprint()


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": 1}', '{"format": 1, "generation": 3, "papers": []}'])
def test_corrupted_manifest_is_a_clear_error_and_a_build_repairs_it(built_tiny, content):
    (Path(built_tiny.index_dir) / MANIFEST).write_text(content)
    with pytest.raises(IndexError_, match="assistant index --rebuild"):
        open_index(built_tiny)
    summary = build_index(built_tiny, progress=False)
    assert summary.reason == "the manifest was corrupted" and summary.added == 4
    assert len(open_index(built_tiny).papers) == 4


# ----------------------------------------------------------------------------- atomic rebuilds


def test_killed_rebuild_leaves_the_previous_index_answering(real_copy):
    settings, src = real_copy
    index_dir = Path(settings.index_dir)
    live = open_index(settings).generation
    before_gens, before_manifest = gens(index_dir), manifest_bytes(settings)
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", "--rebuild", str(src)],
                            env=subprocess_env(ASSISTANT_INDEX_DIR=str(index_dir)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        partial, deadline = None, time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            new = gens(index_dir) - before_gens
            if new and (index_dir / next(iter(new)) / "chroma").exists():
                partial = next(iter(new))
                time.sleep(1.5)  # let the embedding run a little
                break
            time.sleep(0.05)
        assert partial, f"no new generation appeared: {proc.poll()} {proc.stderr.read1(4000) if proc.poll() is not None else ''}"
        assert proc.poll() is None, "the rebuild finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert manifest_bytes(settings) == before_manifest
    assert (index_dir / partial).is_dir()  # left behind by the killed writer

    snap = open_index(settings)
    assert snap.generation == live and len(snap.papers) == 173
    from assistant import Assistant

    answer = Assistant(settings, build_if_missing=False).ask(TTFT)
    assert not answer.refused and answer.citations
    assert {c.paper_id for c in answer.citations} <= set(snap.papers)

    summary = build_index(settings, progress=False)  # the next writer cleans up
    assert (summary.added, summary.updated, summary.removed) == (0, 0, 0)
    assert not (index_dir / partial).exists()
    assert gens(index_dir) == before_gens and open_index(settings).generation == live


def _synthetic_papers(n: int) -> list[dict]:
    topics = ["KV cache", "prefill", "decoding", "GNN training", "compilers", "quantization", "schedulers"]
    return [{"id": f"s:{i}", "title": f"System {i}", "abstract": f"It speeds up {topics[i % len(topics)]}."}
            for i in range(n)]


def test_exception_mid_build_keeps_the_old_index(tmp_path, monkeypatch):
    src = tmp_path / "sources"
    src.mkdir()
    write_jsonl(src / "many.jsonl", _synthetic_papers(3))
    # embed_batch_size 8: build_index embeds in steps of 64 texts, so 77 new papers are two steps (64 + 13)
    settings = Settings.load(index_dir=tmp_path / "index", sources=[src], index_backend="numpy", embed_batch_size=8)
    build_index(settings, progress=False)
    live, before_gens, before_manifest = open_index(settings).generation, gens(settings.index_dir), manifest_bytes(settings)
    write_jsonl(src / "many.jsonl", _synthetic_papers(80))

    calls = []
    real = embed.NumpyEncoder.encode

    def flaky(self, texts, *a, **kw):
        calls.append(len(texts))
        if len(calls) > 1:
            raise RuntimeError("encoder crashed")
        return real(self, texts, *a, **kw)
    monkeypatch.setattr(embed.NumpyEncoder, "encode", flaky)
    with pytest.raises(RuntimeError, match="encoder crashed"):
        build_index(settings, progress=False)
    assert calls == [64, 13]  # the first step was embedded and added before the crash
    assert manifest_bytes(settings) == before_manifest
    assert gens(settings.index_dir) == before_gens
    assert not list(Path(settings.index_dir).glob(".*.tmp"))
    snap = open_index(settings)
    assert snap.generation == live and snap.collection.count() == 3 and len(snap.papers) == 3
    with pytest.raises(RuntimeError):  # a full rebuild fails the same way
        build_index(settings, rebuild=True, progress=False)
    assert manifest_bytes(settings) == before_manifest and gens(settings.index_dir) == before_gens


def test_full_disk_while_writing_papers_keeps_the_old_index(built_tiny, tiny_sources, monkeypatch):
    import builtins

    before_gens, before_manifest = gens(built_tiny.index_dir), manifest_bytes(built_tiny)
    write_jsonl(tiny_sources / "tiny.jsonl", tiny_papers() + [{"id": "t:9", "title": "A New Paper"}])

    class FullDisk:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    def fake_open(file, mode="r", *a, **kw):
        fh = builtins.open(file, mode, *a, **kw)
        return FullDisk(fh) if Path(file).name == "papers.jsonl" and "w" in mode else fh
    monkeypatch.setattr(store, "open", fake_open, raising=False)
    with pytest.raises(IndexError_) as err:
        build_index(built_tiny, progress=False)
    assert isinstance(err.value.__cause__, OSError) and err.value.__cause__.errno == errno.ENOSPC
    assert "No space left on device" in str(err.value) and "previous index is unchanged" in str(err.value)
    assert manifest_bytes(built_tiny) == before_manifest
    assert gens(built_tiny.index_dir) == before_gens
    assert len(open_index(built_tiny).papers) == 4
    monkeypatch.undo()
    assert build_index(built_tiny, progress=False).added == 1


# ----------------------------------------------------------------------------- the writer lock


def test_second_writer_fails_clearly_while_another_process_holds_the_lock(built_tiny, tiny_sources):
    index_dir = Path(built_tiny.index_dir)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from assistant.store import writer_lock\n"
         "with writer_lock(Path(sys.argv[1])):\n    print('locked', flush=True); sys.stdin.read()\n",
         str(index_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=subprocess_env(), text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        write_jsonl(tiny_sources / "tiny.jsonl", tiny_papers()[:3])
        before = manifest_bytes(built_tiny)
        with pytest.raises(IndexLockedError) as err:
            build_index(built_tiny, progress=False)
        msg = str(err.value)
        assert f"pid {holder.pid}" in msg and str(index_dir) in msg and "try again" in msg
        with pytest.raises(IndexLockedError):
            with writer_lock(index_dir):
                pass
        assert manifest_bytes(built_tiny) == before
    finally:
        holder.stdin.close()
        holder.wait(30)
    assert holder.returncode == 0
    assert build_index(built_tiny, progress=False).removed == 1  # free again once the holder exits


# ----------------------------------------------------------------------------- bad input


BAD_SOURCES = {
    "missing-title": ("tiny.jsonl", lambda: "".join(json.dumps(r) + "\n" for r in tiny_papers()[:2])
                      + json.dumps({"id": "t:3", "abstract": "no title here"}) + "\n",
                      r"tiny\.jsonl line 3: missing 'title'"),
    "not-utf8": ("latin.jsonl", lambda: json.dumps({"id": "x:1", "title": "Caf\u00e9"}, ensure_ascii=False).encode("latin-1"),
                 r"latin\.jsonl line 1: not UTF-8 text \(byte offset \d+"),
    "wrong-shape": ("shape.json", lambda: json.dumps({"papers": [{"id": "x:1"}]}),
                    r"shape\.json: valid JSON but not a recognised shape"),
    "record-list": ("records.json", lambda: json.dumps([{"id": "x:1", "title": "Fine"}, {"id": "x:2"}]),
                    r"records\.json \[1\]: missing 'title'"),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_bad_source_fails_naming_the_place_and_leaves_the_index_alone(built_tiny, tiny_sources, case, no_encoding):
    name, content, pattern = BAD_SOURCES[case]
    data = content()
    (tiny_sources / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    before_gens, before_manifest = gens(built_tiny.index_dir), manifest_bytes(built_tiny)
    with pytest.raises(SourceError, match=pattern):
        build_index(built_tiny, progress=False)
    assert manifest_bytes(built_tiny) == before_manifest
    assert gens(built_tiny.index_dir) == before_gens
    assert len(open_index(built_tiny).papers) == 4


def test_skip_bad_indexes_the_rest_and_names_the_bad_record(built_tiny, tiny_sources):
    name, content, pattern = BAD_SOURCES["missing-title"]
    (tiny_sources / name).write_text(content(), encoding="utf-8")
    (tiny_sources / "latin.jsonl").write_bytes(BAD_SOURCES["not-utf8"][1]())
    summary = build_index(built_tiny, skip_bad=True, progress=False)
    assert (summary.papers, summary.removed, summary.unchanged) == (2, 2, 2)
    assert any(re.search(pattern, s) for s in summary.skipped), summary.skipped
    assert any(s.startswith("latin.jsonl line 1: not UTF-8") for s in summary.skipped), summary.skipped
    assert set(open_index(built_tiny).papers) == {"t:1", "t:2"}


# ----------------------------------------------------------------------------- readers


def test_open_assistant_answers_from_the_new_generation_after_a_rebuild(built_tiny, tiny_sources):
    from assistant import Assistant

    assistant = Assistant(built_tiny, build_if_missing=False).load()
    first = assistant.ask("which papers compress the KV cache?")
    assert "t:2" in first.cited_ids
    snapshot = assistant._searcher().snapshot
    assert not index_changed(built_tiny, snapshot)

    write_jsonl(tiny_sources / "tiny.jsonl", tiny_papers() + [{
        "id": "t:7", "title": "HoloCache: Holographic KV Cache Compression",
        "abstract": "HoloCache compresses the KV cache with holographic reduced representations, "
                    "cutting KV cache memory by 8x."}])
    build_index(built_tiny, progress=False)
    assert index_changed(built_tiny, snapshot)
    after = assistant.ask("which papers compress the KV cache?")
    assert "t:7" in after.cited_ids
    assert assistant._searcher().snapshot.generation == open_index(built_tiny).generation != snapshot.generation


def test_metadata_only_change_updates_records_without_embedding(tiny_settings, tiny_sources, monkeypatch):
    """A changed author list is shown at once, but no vector is recomputed for it."""
    from assistant import embed
    from assistant.store import build_index, load_papers_from_index

    build_index(tiny_settings, progress=False)
    rows = tiny_papers()
    rows[1]["authors"] = ["Grace Hopper", "Katherine Johnson"]
    write_jsonl(tiny_sources / "tiny.jsonl", rows)

    def no_embedding(*args, **kwargs):
        raise AssertionError("a metadata-only change must not embed anything")

    for cls in ENCODERS:
        monkeypatch.setattr(cls, "encode", no_embedding)
    summary = build_index(tiny_settings, progress=False)
    assert (summary.added, summary.updated, summary.removed) == (0, 0, 0)
    paper = {p.id: p for p in load_papers_from_index(tiny_settings)}["t:2"]
    assert paper.authors == ["Grace Hopper", "Katherine Johnson"]
