"""What keeps the index working at 100k papers, checked in miniature on the bundled collection: reads of
the whole collection are paged and id lists batched (SQLite binds one variable per row or id)."""
from __future__ import annotations

import numpy as np

from assistant import store
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
