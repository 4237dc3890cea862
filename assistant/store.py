"""The index on disk: Chroma vectors, paper records, glossary and manifest. The only writer under ``index/``.

Layout of ``index_dir``::

    manifest.json        what built the live generation (model, chunking, parsers, a hash per paper)
    .lock                held by the one process that writes
    gen-<stamp>/         one generation: chroma/ (vectors), papers.jsonl, glossary.json, map.json

A build never touches the live generation: it writes a new ``gen-*`` (copying the live vectors for an
incremental update), then swaps ``manifest.json`` with an atomic ``os.replace``. A build killed half
way leaves the previous generation and manifest untouched; its partial directory is removed by the
next writer. Readers follow the manifest and notice a swap on their next question.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import chunks as chunking
from .config import Settings
from .errors import IndexError_, IndexLockedError, SourceError, StoreUnavailableError
from .schema import Paper

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
_ADD_BATCH = 4000  # below Chroma's max batch of 5461
# Chroma binds one SQLite variable per row fetched or per id/value listed, and SQLite allows 32,766:
# reads of the whole collection go in pages of _GET_PAGE rows, id lists in batches of _ID_BATCH.
_GET_PAGE = 4000
_ID_BATCH = 2000
SERVER_WRITER_WAIT = 1800.0  # seconds a second indexer queues behind the first in server mode


@dataclass
class IndexSummary:
    """What ``build_index`` did; ``assistant index --json`` prints these keys."""

    papers: int
    added: int
    updated: int
    removed: int
    unchanged: int
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: bool = False
    reason: str = ""

    def to_dict(self) -> dict:
        return {"papers": self.papers, "added": self.added, "updated": self.updated,
                "removed": self.removed, "unchanged": self.unchanged, "skipped": self.skipped,
                "seconds": round(self.seconds, 3)}


def _write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` so readers see the old or the new file, never half of one."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_manifest(index_dir: Path) -> dict | None:
    """The live manifest, ``None`` if there is no index yet; a corrupted one is a clear error."""
    path = Path(index_dir) / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT \
                or not isinstance(manifest.get("generation"), str) or not isinstance(manifest.get("papers", {}), dict):
            raise ValueError("unknown manifest format")
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise IndexError_(f"The index manifest {path} is corrupted ({exc}). "
                          f"Rebuild it with: {_rebuild(path.parent)}") from exc
    return manifest


# How many neighbours Chroma's HNSW graph explores per query: at least twice the 200 chunks a question fetches
# (PaperSearch.dense_depth). At Chroma's default, 100, a top-200 query of the bundled 351 chunks missed one true
# neighbour in some processes and not in others (the graph is rebuilt at load), so one question listed 125 papers
# searched in one run and 126 in the next; at 400 the 200 nearest were exact in every run.
HNSW_EF_SEARCH = 400
# Collection settings that need no re-embedding when changed: applied to a copy of the live generation.
VECTOR_INDEX = {"ef_search": HNSW_EF_SEARCH}


def expected_build_params(settings: Settings) -> dict:
    """The parameters that, when changed, make every stored vector stale."""
    from . import embed

    return {
        "embedding": {"model": embed.MODEL_NAME, "fingerprint": embed.model_fingerprint(), "dim": embed.DIM},
        "chunking": {"chunk_tokens": int(settings.chunk_tokens),
                     "overlap_sentences": int(settings.chunk_overlap_sentences),
                     "version": chunking.CHUNKER_VERSION},
    }


# ----------------------------------------------------------------------------- Chroma access


def chroma_client(settings: Settings, path: Path | None = None):
    """A Chroma client: ``HttpClient`` when ``chroma_url`` is set, else a ``PersistentClient`` at ``path``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError here
            raise StoreUnavailableError(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({exc}). Start it with: "
                f"chroma run --path index/chroma-server --host {url.hostname or '127.0.0.1'} --port {url.port or 8000}"
            ) from exc
    assert path is not None
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # noqa: BLE001 - chromadb's InternalError from SQLite, or an OSError
        if _read_only(exc):
            where = next((p for p in Path(path).parents if (p / MANIFEST).exists()), Path(path).parent)
            raise IndexError_(_READ_ONLY.format(where=where)) from None
        raise


_READ_ONLY = ("The index at {where} is on a read-only disk or folder, and its store (Chroma's SQLite file) must be "
              "writable even to be read: copy the index somewhere writable and point --index-dir (or "
              "ASSISTANT_INDEX_DIR) at the copy.")


def _read_only(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk or folder cannot be written (a read-only mount, a locked-down folder)."""
    return (isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)) or \
        "readonly database" in str(exc) or "read-only file system" in str(exc).lower()


def collection_name(settings: Settings, generation: str) -> str:
    """Embedded stores keep one collection per generation directory; a server keeps one per generation."""
    return f"{settings.collection}-{generation}" if settings.chroma_url else settings.collection


def open_collection(settings: Settings, generation: str, create: bool = False):
    """The Chroma collection of ``generation`` (cosine distance; embeddings are always passed in)."""
    client = chroma_client(settings, Path(settings.index_dir) / generation / "chroma")
    name = collection_name(settings, generation)
    if create:
        coll = client.get_or_create_collection(name, configuration={"hnsw": {"space": "cosine", **VECTOR_INDEX}},
                                               embedding_function=None)
        # (a generation copied from an older one keeps the settings it was created with)
        if any((coll.configuration.get("hnsw") or {}).get(key) != value for key, value in VECTOR_INDEX.items()):
            coll.modify(configuration={"hnsw": VECTOR_INDEX})
        return coll
    try:
        return client.get_collection(name, embedding_function=None)
    except Exception as exc:
        if settings.chroma_url and not _is_not_found(exc):  # the server went away after the client connected
            raise store_unavailable(settings.chroma_url, exc) from exc
        raise IndexError_(f"The index generation {generation} has no vector collection ({exc}). "
                          f"Rebuild it with: {_rebuild(settings.index_dir)}") from exc


def store_unavailable(url: str | None, exc: Exception, retry: bool = False) -> StoreUnavailableError:
    """The one message for a vector store that stopped answering, naming the Chroma server if there is one."""
    where = f"The Chroma server at {url}" if url else "The vector store"
    advice = "check that it is running" if url else "if you use a Chroma server, check that it is running"
    return StoreUnavailableError(f"{where} did not answer ({type(exc).__name__}: {exc}); {advice}"
                                 + ("; the next question will try again." if retry else "."))


def _is_not_found(exc: Exception) -> bool:
    """Chroma's "collection does not exist" (NotFoundError in 1.x, ValueError in older clients)."""
    try:
        from chromadb.errors import NotFoundError
    except ImportError:  # pragma: no cover - older chromadb
        NotFoundError = ()  # noqa: N806
    return isinstance(exc, NotFoundError) or "does not exist" in str(exc)


# ----------------------------------------------------------------------------- the lock


@contextmanager
def writer_lock(index_dir: Path, wait: float = 0) -> Iterator[None]:
    """Hold the index's single-writer lock; fail naming the holder if it is not free within ``wait`` s.

    Embedded stores refuse a second writer at once; with a Chroma server, writers queue (``wait`` > 0)
    because the server, not this process, owns the vectors."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(index_dir / ".lock"))
    owner = index_dir / ".lock.owner"
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if wait and owner.exists():
            print(f"Waiting for the other indexer ({owner.read_text().strip()}) to finish...", file=sys.stderr)
        lock.acquire(timeout=wait)
    except Timeout:  # (before OSError: filelock's Timeout is a TimeoutError, an OSError)
        who = owner.read_text().strip() if owner.exists() else "another process"
        raise IndexLockedError(f"The index at {index_dir} is being written by {who}; "
                               "wait for it to finish and try again.") from None
    except OSError as exc:
        if _read_only(exc):
            raise IndexError_(_READ_ONLY.format(where=index_dir).replace(" even to be read", "")) from None
        raise
    try:
        owner.write_text(f"pid {os.getpid()}")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


# ----------------------------------------------------------------------------- building


def build_index(settings: Settings, rebuild: bool = False, skip_bad: bool = False,
                progress: bool | None = None) -> IndexSummary:
    """Parse the sources and bring the index up to date: embed only new or changed papers, atomically."""
    from .sources import load_collection

    started = time.perf_counter()
    index_dir = Path(settings.index_dir)
    _refuse_a_file(index_dir)
    paths = index_sources(settings)
    collection = load_collection(paths, skip_bad=skip_bad)  # bad input fails here, index untouched
    if not collection.papers:  # an empty folder or a header-only file had emptied the index, with exit 0
        raise SourceError(f"No papers found in {', '.join(str(p) for p in paths)}: nothing to index (any index "
                          "there is left as it is).")
    papers = {p.id: p for p in collection.papers}
    hashes = {pid: p.content_hash() for pid, p in papers.items()}
    params = expected_build_params(settings)

    with writer_lock(index_dir, wait=SERVER_WRITER_WAIT if settings.chroma_url else 0):
        try:
            old = read_manifest(index_dir)
        except IndexError_:
            old, reason = None, "the manifest was corrupted"
        else:
            reason = ""
        if old is not None and not rebuild:
            if old.get("embedding") != params["embedding"]:
                reason = "the embedding model changed"
            elif old.get("chunking") != params["chunking"]:
                reason = "the chunking parameters changed"
            elif settings.chroma_url and old.get("store", {}).get("mode") != "server" \
                    or not settings.chroma_url and old.get("store", {}).get("mode") == "server":
                reason = "the store mode changed"
        if settings.chroma_url and old is not None and not rebuild and not reason:
            # The manifest alone cannot say "up to date" for a server store: the server must be reachable
            # (else StoreUnavailableError names its URL) and still hold the live generation's vectors.
            try:
                open_collection(settings, old["generation"])
            except StoreUnavailableError:
                raise
            except IndexError_:
                reason = "the Chroma server does not have the index's collection"
        full = rebuild or old is None or bool(reason)
        old_hashes = {} if full else old["papers"]
        added = [pid for pid in papers if pid not in old_hashes]
        updated = [pid for pid in papers if pid in old_hashes and old_hashes[pid] != hashes[pid]]
        removed = [pid for pid in old_hashes if pid not in papers]
        unchanged = len(papers) - len(added) - len(updated)
        summary = IndexSummary(len(papers), len(added), len(updated), len(removed), unchanged,
                               collection.skipped, rebuilt=full and old is not None,
                               reason=reason or ("--rebuild" if rebuild else ""))
        records = _hash(sorted(p.record_hash() for p in papers.values()))
        if not full and not (added or updated or removed) and old.get("glossary_hash") == _hash(collection.glossary) \
                and old.get("records_hash") == records and old.get("vector_index") == VECTOR_INDEX:
            # Nothing to embed, but still remove what a killed build left behind (and record where the sources
            # now are: a file added again from its new place had kept its old one)
            recorded = _recorded(paths, index_dir)
            if old.get("source_paths") != recorded:
                _write_atomic(index_dir / MANIFEST, json.dumps({**old, "source_paths": recorded}, indent=1,
                                                               sort_keys=True))
            _collect_garbage(settings, keep={old["generation"], old.get("previous")} - {None})
            summary.seconds = time.perf_counter() - started
            return summary

        generation = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        gen_dir = index_dir / generation
        _collect_garbage(settings, keep={old["generation"]} if old else set())
        try:
            gen_dir.mkdir(parents=True)
            if not full:
                _copy_generation(settings, old["generation"], generation)
            coll = open_collection(settings, generation, create=True)
            stale = removed + updated
            for start in range(0, len(stale), _ID_BATCH):
                coll.delete(where={"paper_id": {"$in": stale[start:start + _ID_BATCH]}})
            _embed_and_add(settings, coll, [papers[pid] for pid in added + updated], progress)
            _write_records(gen_dir, collection, papers)
            _write_map(gen_dir, coll, list(papers))
            manifest = {
                "format": MANIFEST_FORMAT,
                "generation": generation,
                "previous": old["generation"] if old else None,  # kept for readers still holding it
                "store": {"mode": "server" if settings.chroma_url else "embedded",
                          "collection": collection_name(settings, generation),
                          "url": settings.chroma_url or None},
                **params,
                "vector_index": VECTOR_INDEX,  # applied without re-embedding when it changes (open_collection)
                "parsers": collection.parser_versions,
                "sources": collection.sources,
                # the files and folders indexed, so that a plain update reads them all again (not only index/sources)
                "source_paths": _recorded(paths, index_dir),
                "papers": hashes,
                "glossary_hash": _hash(collection.glossary),
                "records_hash": records,  # metadata-only changes make a new generation without embedding
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            _write_atomic(index_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
        except BaseException as exc:
            _drop_generation(settings, generation)  # Ctrl-C, full disk, bad data: the old index stays live
            if isinstance(exc, OSError):  # full disk, permissions: a clear error, not a traceback
                raise IndexError_(f"Could not write the index at {index_dir} ({exc}); "
                                  "the previous index is unchanged.") from exc
            raise
        _collect_garbage(settings, keep={generation} | ({old["generation"]} if old else set()))
    summary.seconds = time.perf_counter() - started
    return summary


def _hash(obj) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:16]


def _embed_and_add(settings: Settings, coll, papers: list[Paper], progress: bool | None) -> None:
    """Chunk and embed ``papers`` and add them to ``coll`` with explicit embeddings, in windows of chunks."""
    if not papers:
        return
    import numpy as np
    from tqdm import tqdm

    from .embed import DIM, count_tokens_batch, get_encoder

    # Untruncated counts (the encoder's tokenizer truncates at 256, which hid over-long sentences).
    nodes = [c for p in papers for c in chunking.chunk_paper(p, count_tokens_batch, settings.chunk_tokens,
                                                             settings.chunk_overlap_sentences)]
    # a few chunks (an edited paper) with the question encoder: no bulk encoder to load for them
    encoder = get_encoder(settings.index_backend if len(nodes) > 16 else settings.query_backend)
    bar = tqdm(total=len(nodes), desc="Embedding chunks", unit="chunk", file=sys.stderr,
               disable=(not sys.stderr.isatty()) if progress is None else not progress)
    by_id = {p.id: p for p in papers}
    step = max(settings.embed_batch_size * 8, 64)  # texts per encoder call: how often the bar moves
    try:
        # Windows of _ADD_BATCH chunks: Chroma pays per add() call, so each window is one call, in paper
        # order; inside a window the encoder sees the texts by length, so its batches carry little padding.
        for w in range(0, len(nodes), _ADD_BATCH):
            window = nodes[w:w + _ADD_BATCH]
            order = sorted(range(len(window)), key=lambda i: len(window[i].text))
            vectors = np.zeros((len(window), DIM), dtype=np.float32)
            for start in range(0, len(order), step):
                idx = order[start:start + step]
                vectors[idx] = encoder.encode([window[i].text for i in idx], batch_size=settings.embed_batch_size)
                bar.update(len(idx))
            coll.add(ids=[n.node_id for n in window], embeddings=vectors.tolist(),
                     documents=[n.text for n in window],
                     metadatas=[_chunk_metadata(n, by_id[n.paper_id]) for n in window])
    finally:
        bar.close()


def _chunk_metadata(node: chunking.Chunk, paper: Paper) -> dict:
    """Short filterable fields only; long metadata lives in papers.jsonl, not in Chroma or the embedding."""
    meta = {"paper_id": paper.id, "n": node.n, "first_sentence": node.first_sentence,
            "last_sentence": node.last_sentence, "venue": paper.venue or ""}
    if paper.year:
        meta["year"] = int(paper.year)
    return meta


def _write_records(gen_dir: Path, collection, papers: dict[str, Paper]) -> None:
    """Paper records, glossary and the 2-D paper map beside the vectors of this generation."""
    with open(gen_dir / "papers.jsonl", "w", encoding="utf-8") as fh:
        for paper in papers.values():
            fh.write(json.dumps(paper.to_dict(), ensure_ascii=False) + "\n")
    (gen_dir / "glossary.json").write_text(json.dumps(collection.glossary, indent=1, ensure_ascii=False))


def paper_vectors(coll, paper_ids: list[str], page: int = _GET_PAGE) -> "np.ndarray":
    """One unit vector per paper: the normalised mean of its chunk vectors (rows in ``paper_ids`` order)."""
    import numpy as np

    from .embed import DIM

    pos = {pid: i for i, pid in enumerate(paper_ids)}
    out: np.ndarray | None = None
    total = coll.count()
    for offset in range(0, total, page):  # one get of every row fails past ~32k chunks (see _GET_PAGE)
        rows = coll.get(include=["embeddings", "metadatas"], limit=page, offset=offset)
        if not len(rows["ids"]):
            break
        vecs = np.asarray(rows["embeddings"], dtype=np.float32)
        if out is None:
            out = np.zeros((len(paper_ids), vecs.shape[1]), dtype=np.float32)
        idx = np.fromiter((pos.get(m["paper_id"], -1) for m in rows["metadatas"]), dtype=np.int64, count=len(vecs))
        keep = idx >= 0
        np.add.at(out, idx[keep], vecs[keep])  # adds row by row, so a paper's chunks in one page all count
    if out is None:
        out = np.zeros((len(paper_ids), DIM), dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def map_coordinates(vecs: "np.ndarray", block: int = 8192) -> "np.ndarray":
    """The papers' coordinates on their top-2 principal axes (PCA), as a (papers x 2) array.

    The axes are the top eigenvectors of the 384x384 covariance, accumulated in float64 blocks: the
    same axes as an SVD of the centred (papers x 384) matrix, without holding that matrix's factors
    (hundreds of MiB at 100k papers). Eigenvectors are defined up to sign, so the sign is fixed."""
    import numpy as np

    mean = vecs.mean(axis=0, dtype=np.float64)
    cov = np.zeros((vecs.shape[1], vecs.shape[1]))
    for start in range(0, len(vecs), block):
        part = vecs[start:start + block].astype(np.float64) - mean
        cov += part.T @ part
    _, eigvecs = np.linalg.eigh(cov)  # eigenvalues ascending: the last two columns are the top axes
    axes = eigvecs[:, ::-1][:, :2].T
    axes *= np.sign(axes.sum(axis=1, keepdims=True) + 1e-12)
    xy = np.empty((len(vecs), 2))
    for start in range(0, len(vecs), block):
        xy[start:start + block] = (vecs[start:start + block].astype(np.float64) - mean) @ axes.T
    return xy


def _write_map(gen_dir: Path, coll, paper_ids: list[str]) -> None:
    """A 2-D map of the papers (PCA of their vectors), computed once per build for the web app."""
    if not paper_ids:
        (gen_dir / "map.json").write_text("{}")
        return
    xy = map_coordinates(paper_vectors(coll, paper_ids))
    coords = {pid: [round(float(x), 4), round(float(y), 4)] for pid, (x, y) in zip(paper_ids, xy)}
    (gen_dir / "map.json").write_text(json.dumps(coords))


def _copy_generation(settings: Settings, src: str, dst: str) -> None:
    """Start ``dst`` from ``src``'s vectors so an incremental update never writes the live generation."""
    index_dir = Path(settings.index_dir)
    if settings.chroma_url:
        source = open_collection(settings, src)
        target = open_collection(settings, dst, create=True)
        total = source.count()
        for offset in range(0, total, _ADD_BATCH):
            rows = source.get(include=["embeddings", "documents", "metadatas"], limit=_ADD_BATCH, offset=offset)
            if rows["ids"]:
                target.add(ids=rows["ids"], embeddings=rows["embeddings"], documents=rows["documents"],
                           metadatas=rows["metadatas"])
    else:
        shutil.copytree(index_dir / src / "chroma", index_dir / dst / "chroma")


def _drop_generation(settings: Settings, generation: str) -> None:
    """Remove a generation's directory (and its server collection); never raises."""
    if settings.chroma_url:
        try:
            chroma_client(settings).delete_collection(collection_name(settings, generation))
        except Exception:
            pass
    shutil.rmtree(Path(settings.index_dir) / generation, ignore_errors=True)


def _collect_garbage(settings: Settings, keep: set[str]) -> None:
    """Delete generations other than ``keep`` (the live one and the one before it, which readers may hold)."""
    index_dir = Path(settings.index_dir)
    for path in index_dir.glob("gen-*"):
        if path.is_dir() and path.name not in keep:
            _drop_generation(settings, path.name)
    for tmp in index_dir.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- reading


@dataclass
class IndexSnapshot:
    """One generation as readers see it: its manifest, paper records, glossary and Chroma collection."""

    manifest: dict
    papers: dict[str, Paper]
    gen_dir: Path
    glossary: dict[str, list[str]]
    collection: object
    mtime_ns: int

    @property
    def generation(self) -> str:
        return self.manifest["generation"]


def _rebuild(index_dir, again: bool = True) -> str:
    """The command that builds the index at ``index_dir`` (its directory named unless it is the default one, so
    that following the advice for "--index-dir DIR" does not rebuild another index)."""
    from .config import _default_index_dir

    command = "assistant index" + (" --rebuild" if again else "")
    try:
        default = Path(index_dir).resolve() == _default_index_dir().resolve()
    except OSError:
        default = False
    return command if default else f"{command} --index-dir {index_dir}"


def open_index(settings: Settings) -> IndexSnapshot:
    """Open the live generation for reading; a missing, stale or foreign index is a clear error."""
    index_dir = Path(settings.index_dir)
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexError_(f"No index at {index_dir}. Build it with: {_rebuild(index_dir, again=False)}")
    params = expected_build_params(settings)
    if manifest.get("embedding") != params["embedding"]:
        raise IndexError_(f"The index at {index_dir} was built with another embedding model "
                          f"({manifest.get('embedding', {}).get('model')}). Rebuild it with: {_rebuild(index_dir)}")
    mode, url = manifest.get("store", {}).get("mode", "embedded"), manifest.get("store", {}).get("url")
    if mode == "server" and not settings.chroma_url:
        raise IndexError_(f"The index at {index_dir} keeps its vectors on the Chroma server at {url}: "
                          f"set ASSISTANT_CHROMA_URL={url} (or pass --chroma-url {url}), "
                          "or build an embedded index with: assistant index --rebuild")
    if mode != "server" and settings.chroma_url:
        raise IndexError_(f"The index at {index_dir} is an embedded store, not one on the Chroma server at "
                          f"{settings.chroma_url}: unset ASSISTANT_CHROMA_URL, or move it to the server with: "
                          f"assistant index --rebuild --chroma-url {settings.chroma_url}")
    gen_dir = index_dir / manifest["generation"]
    try:
        mtime = (index_dir / MANIFEST).stat().st_mtime_ns
        papers = {}
        with open(gen_dir / "papers.jsonl", encoding="utf-8") as fh:
            for line in fh:
                paper = Paper.from_dict(json.loads(line))
                papers[paper.id] = paper
        glossary = json.loads((gen_dir / "glossary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise IndexError_(f"The index at {index_dir} is damaged ({exc}). "
                          f"Rebuild it with: {_rebuild(index_dir)}") from exc
    coll = open_collection(settings, manifest["generation"])
    return IndexSnapshot(manifest, papers, gen_dir, glossary, coll, mtime)


def load_map(snapshot: IndexSnapshot) -> dict[str, list[float]]:
    """The 2-D paper map stored with this generation ({paper id: [x, y]})."""
    try:
        return json.loads((snapshot.gen_dir / "map.json").read_text())
    except (OSError, ValueError):
        return {}


def index_changed(settings: Settings, snapshot: IndexSnapshot) -> bool:
    """True when a writer has swapped in a new generation since ``snapshot`` was opened (one stat call)."""
    try:
        return (Path(settings.index_dir) / MANIFEST).stat().st_mtime_ns != snapshot.mtime_ns
    except OSError:
        return True


FIRST_BUILD_WAIT = 900  # seconds a question waits for another process's first build of the index


def _recorded(paths: list[Path], index_dir: Path) -> list[str]:
    """Source paths as the manifest keeps them: inside the index directory relative to it (the index moves with
    its own sources/ folder), elsewhere absolute."""
    out = []
    for p in paths:
        full = Path(p).resolve()
        try:
            out.append(str(full.relative_to(Path(index_dir).resolve())))
        except ValueError:
            out.append(str(full))
    return list(dict.fromkeys(out))


def recorded_sources(index_dir: Path) -> list[Path] | None:
    """The source files and folders the index at ``index_dir`` was built from (None if it records none: an index
    built before they were recorded, an unreadable manifest, or no index). A recorded path that no longer exists
    is an error naming it: its papers would otherwise be removed without a word."""
    try:
        manifest = read_manifest(Path(index_dir))
    except IndexError_:
        return None
    recorded = (manifest or {}).get("source_paths")
    if not recorded:
        return None
    paths = [p if p.is_absolute() else Path(index_dir) / p for p in map(Path, recorded)]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        kept = " ".join(str(p) for p in paths if p.exists())
        raise SourceError(f"The index was built from {', '.join(missing)}, which no longer exist"
                          f"{'s' if len(missing) == 1 else ''}: put {'it' if len(missing) == 1 else 'them'} back, "
                          f"or index without {'it' if len(missing) == 1 else 'them'}: assistant index --only {kept}"
                          f"{' --index-dir ' + str(index_dir) if kept else ''}")
    return paths


def index_sources(settings: Settings) -> list[Path]:
    """What to index: the sources given (settings, ``ASSISTANT_SOURCES``), else those the index was built from
    ("assistant index my-papers.jsonl" added a file: an update or a first-use refresh reads it again, where it had
    been dropped for index/sources alone), else the default."""
    if settings.sources:
        return list(settings.sources)
    return recorded_sources(Path(settings.index_dir)) or settings.source_paths


def ensure_index(settings: Settings, progress: bool | None = None) -> IndexSnapshot:
    """Open the index, building it first if there is none yet (first use of ``ask`` or the app), or bringing an
    older embedded one's search settings up to date (a copy of it, nothing re-embedded: about a second)."""
    manifest = read_manifest(Path(settings.index_dir))
    if manifest is None:
        _check_new_index_dir(Path(settings.index_dir))
        if progress is not False:
            print(f"Building the index at {settings.index_dir} (first use)...", file=sys.stderr)
        try:
            build_index(settings, progress=progress)
        except IndexLockedError:
            # another process is building this first index (a second `ask` at once had failed): wait for it
            with writer_lock(Path(settings.index_dir), wait=FIRST_BUILD_WAIT):
                pass
            if read_manifest(Path(settings.index_dir)) is None:  # it failed or was stopped: build it here
                build_index(settings, progress=progress)
    elif manifest.get("vector_index") != VECTOR_INDEX or _parsers_changed(manifest):
        if settings.chroma_url:  # a copy through the server may be long: not on a question's path
            log.warning("the index predates the current search settings or source readers; "
                        "update it with: assistant index")
        else:
            try:
                build_index(settings, progress=progress)
            except IndexError_ as exc:  # another writer, a read-only disk: search the index as it is
                log.info("index search settings not updated: %s", exc)
            except SourceError as exc:  # a source moved away: said, and the index searched as it is
                log.warning("Warning: the index was not brought up to date: %s", exc)
    return open_index(settings)


_INDEX_ENTRIES = re.compile(r"^(sources|multilingual|manifest\.json.*|\.lock|gen-.*|\..*)$")


def _refuse_a_file(index_dir: Path) -> None:
    """An index directory that is a file ("--index-dir /etc/passwd" ended in a FileExistsError traceback)."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexError_(f"{index_dir} is a file, not an index directory: give a new or empty directory "
                          "(or an index built by `assistant index`).")


def _check_new_index_dir(index_dir: Path) -> None:
    """Refuse to build a first index where one cannot or should not go: a file ("--index-dir /etc/passwd" ended
    in a FileExistsError traceback), or a folder of other files (the index would be written among them)."""
    _refuse_a_file(index_dir)
    if not index_dir.exists() and not index_dir.parent.exists():  # a mistyped path: not a 20 s build in new folders
        raise IndexError_(f"{index_dir} does not exist, nor does its folder {index_dir.parent}: check the path, or "
                          f"build an index there on purpose with: assistant index --index-dir {index_dir}")
    if index_dir.is_dir():
        others = sorted(p.name for p in index_dir.iterdir() if not _INDEX_ENTRIES.match(p.name))
        if others:
            shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
            raise IndexError_(f"{index_dir} holds no index but other files ({shown}): give a new or empty directory "
                              f"for the index, or build one there on purpose with: assistant index --index-dir "
                              f"{index_dir}")


def _parsers_changed(manifest: dict) -> bool:
    """Whether this code reads the index's sources differently than the code that built it did (a parser's or
    the cleaner's version moved): its records are then brought up to date, re-embedding only changed text."""
    from .clean import CLEAN_VERSION
    from .sources import PARSERS

    built = manifest.get("parsers") or {}
    now = {name: (CLEAN_VERSION if name == "clean" else PARSERS[name].version if name in PARSERS else None)
           for name in built}
    return built != now


def load_papers_from_index(settings: Settings) -> list[Paper]:
    """The indexed papers, in collection order."""
    return list(open_index(settings).papers.values())
