"""Scale: the same pipeline on a deterministic synthetic collection of 100,000 papers.

    python benchmarks/bench_scale.py [--papers 100000] [--seed 0] [--repeat 2] [--embed-sample 500]
                                     [--rate-backends onnx,sentence-transformers] [--keep] [--no-write]

Embedding 100k abstracts with MiniLM on 2 shared cores takes far longer than the rest of the build, so
the run is split, and the ``scale`` section of RESULTS.md says exactly how:

1. **Collection.** ``benchmarks/.cache/scale/synthetic-<N>-s<seed>.jsonl`` (git-ignored), generated with a
   seeded ``random.Random`` from the bundled collections (``index/sources``): abstracts are 4-9 sentences
   drawn from the real abstracts' sentences (``assistant.chunks.split_sentences``); titles are a system
   name recombined from two real ones plus a real title's rest, or two real title halves joined at their
   connector ("... for ...", "... via ..."); authors from a pool of real names and first/last-name
   recombinations, institutions from the real ones (skewed by their real frequency), venue and year from a
   fixed distribution (arXiv, MLSys 2019-2026, NeurIPS, ICML, ICLR, OSDI, SOSP, EuroSys, ASPLOS, ATC, CAIS).
2. **Embedding shortcut.** Every distinct real sentence and every distinct title fragment is embedded
   once with the real MiniLM encoder (``get_encoder("numpy")``, cached in ``.cache/scale/``). The build
   registers a ``CachedEncoder`` as ``assistant.embed._ENCODERS["cached"]`` and runs the unchanged
   ``build_index`` with ``index_backend="cached"``: a chunk's vector is the L2-normalised mean of the
   cached vectors of its title and its sentences (the chunk text is split again with ``split_sentences``);
   a piece not in the cache is embedded for real on the spot (counted). Everything else (parsing,
   institution grouping, glossary, chunking with the real tokenizer, Chroma, records, map) is the
   library's own code.
3. **Real embedding rate** on a sample of ``--embed-sample`` chunk texts of the synthetic papers, with
   the real encoders, in their own process: chunks/s and word pieces/s, extrapolated to the whole
   collection's chunks.
4. **Queries**, in a fresh process: ``Assistant(settings).load()`` then ~60 questions (the dev set plus
   topical and metadata questions naming real institutions, authors and generated system names), one
   untimed pass, then ``--repeat`` timed passes; nearest-rank p50/p95 as ``assistant eval`` computes them.
   Then the question encodings alone, and ``--repeat`` more passes with BLAS held to one thread.

Peak RSS is ``/usr/bin/time -f %M`` of each worker process. A stack sampler (a thread reading the main
thread's frames every 50 ms) attributes wall time and resident memory to the assistant's functions, so
the report names where the time goes. Progress is printed to stderr.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import re
import shutil
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

from common import (CACHE, DEV_QUESTIONS, ROOT, _git_revision, bench_parser, fmt, log, markdown_table, publish,
                    run_timed, section_preamble)

SCALE = CACHE / "scale"
GEN_VERSION = "2"
SOURCES = ROOT / "index" / "sources"
THIS = Path(__file__).resolve()

# (venue, first year, last year, weight); arXiv papers carry the year but the venue "arXiv"
VENUES = [("arXiv", 2019, 2026, 40), ("MLSys", 2019, 2026, 12), ("NeurIPS", 2019, 2025, 12),
          ("ICML", 2019, 2025, 8), ("ICLR", 2020, 2026, 8), ("OSDI", 2020, 2025, 3), ("SOSP", 2019, 2025, 2),
          ("EuroSys", 2020, 2026, 3), ("ASPLOS", 2020, 2026, 4), ("ATC", 2019, 2025, 2), ("CAIS", 2025, 2026, 2)]
EXTRA_TOPICS = ["LLM Serving", "Compilers", "Distributed Training", "Quantization and Sparsity",
                "Edge and Mobile ML", "Recommendation Systems", "ML for Systems", "Privacy and Security"]
NAME_SUFFIXES = ["", "", "", "", "2", "-X", "++", "Lite", "V2", "-Pro", "3", "Go"]
_CONNECTOR = re.compile(r"\s(for|via|with|in|on|through|using|under|at|to)\s")
_NAME_HEAD = re.compile(r"([A-Z][a-z]+|[A-Z]+(?=[A-Z][a-z])|[A-Z]+|[a-z]+|\d+)(.+)")


# ----------------------------------------------------------------------------- the synthetic collection


def _sources_hash() -> str:
    h = hashlib.sha256(GEN_VERSION.encode())
    for f in sorted(SOURCES.rglob("*")):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def real_material() -> dict:
    """Sentences, title fragments, names and metadata of the bundled collections, in a deterministic order."""
    from assistant.chunks import split_sentences
    from assistant.clean import clean_text
    from assistant.embed import count_tokens
    from assistant.sources import load_collection

    papers = load_collection([SOURCES]).papers

    def whole(s: str) -> bool:  # stays one sentence wherever it is put, and is never cut by the chunker
        return (bool(re.match(r"[\"'(\[]?[A-Z0-9]", s)) and s.endswith((".", "!", "?")) and "$" not in s
                and "\\" not in s and split_sentences(s) == [s]
                and split_sentences(f"First one here. {s} Then more.") == ["First one here.", s, "Then more."]
                and count_tokens(s) <= 100 and clean_text(s) == s)

    sentences = sorted({s for p in papers for s in split_sentences(p.abstract) if whole(s)})
    names, rests = [], []
    for p in papers:
        title = clean_text(p.title)
        m = re.match(r"\s*([^:]{2,40}?)\s*:\s+(.+)", title)
        if m and len(m.group(1).split()) <= 3:
            names.append(m.group(1))
            rests.append(m.group(2))
        else:
            rests.append(title)
    fragments: list[str] = []  # title halves: the part before the connector, and the part after it
    halves = []  # (left fragment, connector, right fragment or -1) of each real rest
    index: dict[str, int] = {}
    for rest in sorted(set(rests)):
        m = _CONNECTOR.search(rest)
        parts = [rest[:m.start()], rest[m.end():]] if m and m.start() > 3 and len(rest) - m.end() > 3 else [rest]
        ids = [index.setdefault(x, len(index)) for x in parts]
        halves.append((ids[0], m.group(1) if len(ids) > 1 else "", ids[1] if len(ids) > 1 else -1))
    fragments = list(index)
    heads, tails = set(), set()
    for n in names:
        m = _NAME_HEAD.match(n.replace(" ", ""))
        if m and m.group(2) and m.group(1)[0].isupper():
            heads.add(m.group(1))
            tails.add(m.group(2))
    authors = sorted({a for p in papers for a in p.authors if len(a.split()) >= 2})
    inst_counts = Counter(i for p in papers for i in p.institutions)
    n_authors = [len(p.authors) for p in papers if 1 <= len(p.authors) <= 12]
    topics = sorted({p.topic for p in papers if p.topic}) + EXTRA_TOPICS
    return {"sentences": sentences, "fragments": fragments, "halves": halves, "name_heads": sorted(heads),
            "name_tails": sorted(tails), "authors": authors, "institutions": sorted(inst_counts.items()),
            "n_authors": n_authors, "topics": topics, "real_papers": len(papers)}


def generate(n: int, seed: int, material: dict) -> tuple[list[dict], dict]:
    """``n`` paper records and facts about them (for the questions); deterministic in ``seed``."""
    from assistant.clean import clean_text

    rng = random.Random(seed)
    sentences, fragments, halves = material["sentences"], material["fragments"], material["halves"]
    # author pool: the real names plus first/last-name recombinations; mildly skewed, so the most
    # prolific author has a few dozen papers and most have a handful
    firsts = sorted({a.split()[0] for a in material["authors"]})
    lasts = sorted({a.split()[-1] for a in material["authors"]})
    pool = list(material["authors"])
    seen = set(pool)
    want = max(len(pool), int(n * 0.4))
    while len(pool) < want:
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
        if name not in seen:
            seen.add(name)
            pool.append(name)
    rng.shuffle(pool)
    author_cw = list(itertools.accumulate(1 / (r + 1000) ** 0.5 for r in range(len(pool))))
    insts = [name for name, _ in material["institutions"]]
    inst_cw = list(itertools.accumulate((c + 1) ** 1.5 for _, c in material["institutions"]))
    venue_choices, venue_w = [], []
    for venue, y0, y1, w in VENUES:
        years = list(range(y0, y1 + 1))
        ys = [1.35 ** (y - 2019) for y in years]
        for y, yw in zip(years, ys):
            venue_choices.append(("arXiv" if venue == "arXiv" else f"{venue} {y}", y))
            venue_w.append(w * yw / sum(ys))
    split_halves = [h for h in halves if h[2] >= 0]
    venue_cw = list(itertools.accumulate(venue_w))
    records, facts = [], {"names": Counter(), "authors": Counter(), "institutions": Counter(), "venues": Counter()}
    for i in range(n):
        left, conn, right = rng.choice(halves)
        if right >= 0 and rng.random() < 0.5:  # recombine: this title's first half, another's second half
            other = rng.choice(split_halves)
            conn, right = other[1], other[2]
        rest = fragments[left] + (f" {conn} {fragments[right]}" if right >= 0 else "")
        name = ""
        if rng.random() < 0.75:
            name = rng.choice(material["name_heads"]) + rng.choice(material["name_tails"]) + rng.choice(NAME_SUFFIXES)
        title = clean_text(f"{name}: {rest}" if name else rest)
        k = rng.randint(4, 9)
        abstract = clean_text(" ".join(rng.sample(sentences, k)))
        n_auth = rng.choice(material["n_authors"])
        authors = list(dict.fromkeys(rng.choices(pool, cum_weights=author_cw, k=n_auth)))
        institutions = list(dict.fromkeys(rng.choices(insts, cum_weights=inst_cw, k=min(len(authors), rng.choice([1, 1, 1, 2, 2, 3])))))
        venue, year = rng.choices(venue_choices, cum_weights=venue_cw)[0]
        topic = rng.choice(material["topics"]) if rng.random() < 0.35 else ""
        records.append({"id": f"syn:{i}", "title": title, "abstract": abstract, "authors": authors,
                        "institutions": institutions, "venue": venue, "year": year, "topic": topic,
                        "url": f"https://example.org/syn/{i}", "_frag": [left, right]})
        if name:
            facts["names"][name] += 1
        facts["authors"].update(authors)
        facts["institutions"].update(institutions)
        facts["venues"][venue] += 1
    return records, facts


def ensure_collection(n: int, seed: int) -> tuple[Path, dict]:
    """The JSONL file (generated once per size, seed and bundled sources) and its facts."""
    key = f"{n}-s{seed}-{_sources_hash()}"
    path = SCALE / f"synthetic-{key}.jsonl"
    meta_path = SCALE / f"synthetic-{key}.meta.json"
    if path.exists() and meta_path.exists():
        log(f"synthetic collection cached: {path.name}")
        return path, json.loads(meta_path.read_text())
    SCALE.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    material = real_material()
    records, facts = generate(n, seed, material)
    frag = path.with_suffix(".titles.json")  # title -> its fragment ids, for the cached encoder
    with open(path.with_suffix(".tmp"), "w", encoding="utf-8") as fh:
        for r in records:
            r = dict(r)
            r.pop("_frag")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(path.with_suffix(".tmp"), path)
    frag.write_text(json.dumps({r["title"]: r["_frag"] for r in records}, ensure_ascii=False))
    meta = {"papers": n, "seed": seed, "seconds": time.perf_counter() - start,
            "bytes": path.stat().st_size, "real_papers": material["real_papers"],
            "sentences": material["sentences"], "fragments": material["fragments"],
            "distinct_titles": len({r["title"] for r in records}),
            "authors_pool": len({a for r in records for a in r["authors"]}),
            "names": facts["names"].most_common(), "authors": facts["authors"].most_common(),
            "institutions": facts["institutions"].most_common(), "venues": facts["venues"].most_common(),
            "titles": [r["title"] for r in records[:200]], "titles_file": frag.name,
            "real_authors": material["authors"]}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False))
    log(f"generated {n} papers in {meta['seconds']:.1f} s ({meta['bytes'] / 2**20:.0f} MiB): {path}")
    return path, meta


def ensure_vectors(meta: dict) -> tuple[Path, dict]:
    """Real MiniLM vectors of every distinct sentence and title fragment (numpy encoder), cached."""
    import numpy as np

    texts = meta["sentences"] + meta["fragments"]
    key = hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:12]
    path = SCALE / f"vectors-{key}.npz"
    info_path = path.with_suffix(".json")
    if path.exists() and info_path.exists():
        log(f"sentence/fragment vectors cached: {path.name}")
        return path, json.loads(info_path.read_text())
    from assistant.embed import count_tokens, get_encoder

    log(f"embedding {len(meta['sentences'])} distinct sentences + {len(meta['fragments'])} title fragments "
        "with the real encoder (numpy)")
    start = time.perf_counter()
    encoder = get_encoder("numpy")
    loaded = time.perf_counter()
    vecs = encoder.encode(texts, batch_size=32)
    done = time.perf_counter()
    np.savez(path, sentences=vecs[:len(meta["sentences"])], fragments=vecs[len(meta["sentences"]):])
    info = {"texts": len(texts), "sentences": len(meta["sentences"]), "fragments": len(meta["fragments"]),
            "load_s": loaded - start, "encode_s": done - loaded, "tokens": sum(count_tokens(t) for t in texts),
            "when": time.strftime("%Y-%m-%d %H:%M"), "load_avg": os.getloadavg()[0]}
    info_path.write_text(json.dumps(info))
    log(f"embedded {len(texts)} texts in {info['encode_s']:.1f} s ({len(texts) / info['encode_s']:.1f}/s)")
    return path, info


# ----------------------------------------------------------------------------- the cached encoder


class CachedEncoder:
    """Chunk vector = L2-normalised mean of the cached real vectors of its title and sentences."""

    name = "cached"

    def __init__(self, vectors: Path, meta: dict, titles_file: Path) -> None:
        import numpy as np

        data = np.load(vectors)
        self.sent_vec = data["sentences"]
        self.frag_vec = data["fragments"]
        self.sent_row = {s: i for i, s in enumerate(meta["sentences"])}
        titles = json.loads(titles_file.read_text(encoding="utf-8"))
        self.heads = {(t if t.endswith((".", "?", "!")) else t + "."): (f[0], f[1]) for t, f in titles.items()}
        self.extra: dict[str, "np.ndarray"] = {}  # pieces embedded for real because the cache missed them
        self.hits = self.misses = self.texts = 0
        self.real_seconds = 0.0
        self.own_seconds = 0.0  # all the time spent in encode(): the shortcut's own cost, not the library's

    def _title(self, frag) -> "np.ndarray":
        v = self.frag_vec[frag[0]] + (self.frag_vec[frag[1]] if frag[1] >= 0 else 0.0)
        return v / max(float((v ** 2).sum()) ** 0.5, 1e-12)

    def encode(self, texts, batch_size: int = 32, progress=None):
        import numpy as np

        from assistant.chunks import split_sentences
        from assistant.embed import DIM, get_encoder

        entered = time.perf_counter()
        plans = []
        missing: list[str] = []
        for text in texts:
            pieces = split_sentences(text)
            acc, head = "", None
            for j, piece in enumerate(pieces):
                acc = piece if j == 0 else f"{acc} {piece}"
                if acc in self.heads:
                    head = j
                    break
            parts: list = []
            if head is None:  # no known title in front: embed the whole text for real
                parts.append(text)
                missing.append(text)
            else:
                parts.append(self.heads[acc])
                for piece in pieces[head + 1:]:
                    parts.append(piece)
                    if piece not in self.sent_row and piece not in self.extra:
                        missing.append(piece)
            plans.append(parts)
        if missing:
            start = time.perf_counter()
            unique = list(dict.fromkeys(missing))
            for s, v in zip(unique, get_encoder("numpy").encode(unique, batch_size=batch_size)):
                self.extra[s] = v
            self.real_seconds += time.perf_counter() - start
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, parts in enumerate(plans):
            acc = np.zeros(DIM, dtype=np.float32)
            for part in parts:
                if isinstance(part, tuple):
                    acc += self._title(part)
                elif part in self.sent_row:
                    acc += self.sent_vec[self.sent_row[part]]
                    self.hits += 1
                else:
                    acc += self.extra[part]
                    self.misses += 1
            out[row] = acc / max(float(np.linalg.norm(acc)), 1e-12)
        self.texts += len(texts)
        if progress is not None:
            progress(len(texts))
        self.own_seconds += time.perf_counter() - entered
        return out


# ----------------------------------------------------------------------------- measuring inside a worker


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _hwm_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class StackSampler(threading.Thread):
    """Every ``interval`` s, note which assistant functions the main thread is in (and the library call
    below them) and the current RSS: where the wall time and the memory go, without changing any code."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.main = threading.main_thread().ident
        self.samples: list[tuple[tuple[str, ...], str, float, float]] = []  # (chain, library frame, weight s, rss)
        self._halt = threading.Event()
        self.pkg = str(ROOT / "assistant") + os.sep
        self.me = str(THIS)

    def run(self) -> None:
        last = time.perf_counter()
        while not self._halt.wait(self.interval):
            now = time.perf_counter()
            frame = sys._current_frames().get(self.main)
            codes = []
            while frame is not None:
                codes.append(frame.f_code)
                frame = frame.f_back
            codes.reverse()
            chain, lib = [], ""
            for code in codes:
                if code.co_filename.startswith(self.pkg):
                    mod = Path(code.co_filename).stem
                    chain.append(f"{mod}.{code.co_qualname}")
                    lib = ""
                elif code.co_filename == self.me and chain:  # the benchmark's cached encoder, under the library
                    chain.append(f"bench.{code.co_qualname}")
                    lib = ""
                elif chain and not lib:
                    f = code.co_filename
                    lib = (f.split("site-packages/", 1)[1].split("/", 1)[0] if "site-packages/" in f
                           else Path(f).stem) + "." + code.co_name
            self.samples.append((tuple(chain), lib, now - last, _rss_mib()))
            last = now

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def report(self, depth: int = 4, top: int = 14) -> list[dict]:
        """Wall seconds, share and peak RSS per assistant call chain (cut to ``depth`` frames)."""
        total = sum(w for _, _, w, _ in self.samples) or 1.0
        agg: dict[tuple, dict] = {}
        for chain, lib, w, rss in self.samples:
            key = chain[:depth] if chain else ("(outside the assistant package)",)
            a = agg.setdefault(key, {"seconds": 0.0, "rss_max": 0.0, "libs": Counter()})
            a["seconds"] += w
            a["rss_max"] = max(a["rss_max"], rss)
            if lib and len(chain) <= depth:
                a["libs"][lib] += w
        rows = sorted(agg.items(), key=lambda kv: -kv[1]["seconds"])[:top]
        return [{"chain": " > ".join(k), "seconds": round(v["seconds"], 2), "share": round(v["seconds"] / total, 3),
                 "rss_max_mib": round(v["rss_max"]), "below": [f"{n} {s:.1f}s" for n, s in v["libs"].most_common(2)]}
                for k, v in rows]


def worker_build(args) -> dict:
    """Build the index of the synthetic collection with ``build_index(settings, rebuild=True)`` and the cached
    encoder; report timings and counts, or, if it raises, the failure (exception, the assistant frames it
    came from, time until then, profile)."""
    import traceback

    rss0 = _rss_mib()
    from assistant import embed
    from assistant.config import Settings
    from assistant.store import build_index, open_index

    meta = json.loads(Path(args.meta).read_text())
    encoder = CachedEncoder(Path(args.vectors), meta, Path(args.meta).parent / meta["titles_file"])
    del meta
    rss_cache = _rss_mib()
    embed._ENCODERS["cached"] = encoder
    settings = Settings.load(index_dir=args.index_dir, sources=[args.jsonl], index_backend="cached")
    sampler = StackSampler()
    sampler.start()
    start = time.perf_counter()
    failure = None
    try:
        summary = build_index(settings, rebuild=True, progress=False).to_dict()
    except Exception as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f"{os.sep}assistant{os.sep}" in f.filename]
        failure = {"error": f"{type(exc).__name__}: {exc}"[:400], "seconds": time.perf_counter() - start,
                   "where": [f"{Path(f.filename).name}:{f.lineno} {f.name}: {f.line}" for f in frames][-3:],
                   "when": time.strftime("%Y-%m-%d %H:%M")}
        summary = None
    seconds = time.perf_counter() - start
    sampler.stop()
    out = {"seconds": seconds, "cache_rss_mib": rss_cache - rss0, "hwm_mib": _hwm_mib(),
           "failure": failure, "summary": summary,
           "encoder": {"texts": encoder.texts, "hits": encoder.hits, "misses": encoder.misses,
                       "real_seconds": encoder.real_seconds, "extra": len(encoder.extra),
                       "own_seconds": encoder.own_seconds},
           "profile": sampler.report(depth=5, top=14)}
    if failure is None:
        out["chunks"] = open_index(settings).collection.count()
    return out


def worker_rate(args) -> dict:
    """The real encoders' rate on chunk texts of the synthetic papers (chunked exactly as the build does)."""
    from assistant import chunks as chunking
    from assistant.config import Settings
    from assistant.embed import count_tokens, count_tokens_batch, get_encoder
    from assistant.schema import Paper

    settings = Settings.load()
    rng = random.Random(args.seed + 1)
    lines = Path(args.jsonl).read_text(encoding="utf-8").splitlines()
    sample_papers = [json.loads(lines[i]) for i in rng.sample(range(len(lines)), min(len(lines), args.embed_sample))]
    texts: list[str] = []
    n_papers = 0
    for rec in sample_papers:
        p = Paper(**rec)
        texts += [c.text for c in chunking.chunk_paper(p, count_tokens_batch, settings.chunk_tokens,
                                                       settings.chunk_overlap_sentences)]
        n_papers += 1
        if len(texts) >= args.embed_sample:
            break
    texts = texts[:args.embed_sample]
    tokens = sum(min(count_tokens(t), 256) for t in texts)
    out = {"texts": len(texts), "papers": n_papers, "tokens": tokens, "chunks_per_paper": len(texts) / n_papers,
           "batch_size": settings.embed_batch_size, "backends": {}}
    for backend in args.rate_backends.split(","):
        start = time.perf_counter()
        enc = get_encoder(backend)
        enc.encode(texts[:16], batch_size=settings.embed_batch_size)  # warm-up
        loaded = time.perf_counter()
        enc.encode(texts, batch_size=settings.embed_batch_size)
        seconds = time.perf_counter() - loaded
        out["backends"][backend] = {"load_s": loaded - start, "seconds": seconds,
                                    "chunks_per_s": len(texts) / seconds, "tokens_per_s": tokens / seconds}
        log(f"rate {backend}: {len(texts) / seconds:.1f} chunks/s, {tokens / seconds:.0f} word pieces/s")
    return out


def scale_questions(meta: dict) -> list[tuple[str, str]]:
    """(kind, question): the dev questions plus topical and metadata ones about the synthetic collection."""
    dev = [("dev-" + json.loads(line)["kind"], json.loads(line)["question"])
           for line in DEV_QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = [n for n, c in meta["names"] if c == 1 and re.fullmatch(r"[A-Za-z]+", n)][:3]
    insts = meta["institutions"]
    big, mid, small = insts[0][0], insts[len(insts) // 4][0], insts[-3][0]
    real_authors = set(meta["real_authors"])
    authors = [a for a, _ in meta["authors"] if a in real_authors]
    a1, a2, a3 = authors[0], authors[len(authors) // 3], authors[len(authors) // 2]
    title = next(t.split(": ", 1)[-1] for t in meta["titles"] if len(t.split(": ", 1)[-1].split()) >= 5)
    extra = [
        ("topic", "which papers reduce TTFT?"),
        ("topic", "papers on KV cache compression for long-context inference"),
        ("topic", "How can speculative decoding speed up LLM serving?"),
        ("topic", "which systems disaggregate prefill and decode onto separate GPUs?"),
        ("topic", "FP8 training recipes for mixture-of-experts models"),
        ("topic", "load balancing for sparse mixture-of-experts"),
        ("topic", "privacy-preserving federated fine-tuning of language models"),
        ("topic", "What is the throughput improvement of KV-cache offloading to CPU memory?"),
        ("typo", "prunning large langauge modles for edge devices"),
        ("refusal", "papers on protein folding with cryo-EM microscopy"),
        ("name", f"what does {names[0]} do?"),
        ("name", f"what does {names[1]} do?"),
        ("name", f"How much faster is {names[2]}?"),
        ("quoted-title", f'Is there a paper titled "{title}"?'),
        ("institution", f"papers from {big}"),
        ("institution", f"which papers come from {mid}?"),
        ("institution", f"papers from {small}"),
        ("institution+topic", f"papers from {big} on attention kernels"),
        ("author", f"papers by {a1}"),
        ("author", f"papers by {a2}"),
        ("author+topic", f"What has {a3} published on LLM serving?"),
        ("venue+topic", "MLSys 2024 papers about compilers"),
        ("venue+year+topic", "arXiv papers from 2025 on diffusion model inference"),
        ("venue", "NeurIPS 2023 papers"),
        ("venue+topic", "arXiv papers on speculative decoding"),
        ("single-author", "single-author papers at CAIS 2026"),
    ]
    return dev + extra


def worker_query(args) -> dict:
    """Load the assistant over the synthetic index, then time warm questions."""
    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.evaluate import _percentile

    meta = json.loads(Path(args.meta).read_text())
    questions = scale_questions(meta)
    del meta
    settings = Settings.load(index_dir=args.index_dir, sources=[args.jsonl])
    sampler = StackSampler()
    sampler.start()
    start = time.perf_counter()
    assistant = Assistant(settings, build_if_missing=False).load()
    load_s = time.perf_counter() - start
    sampler.stop()
    load_profile = sampler.report(depth=4, top=10)
    rss_loaded, hwm_loaded = _rss_mib(), _hwm_mib()
    log(f"query worker: loaded in {load_s:.1f} s, RSS {rss_loaded:.0f} MiB; warm-up pass over {len(questions)} questions")
    first, info, errors = [], [], []
    for kind, q in questions:
        t = time.perf_counter()
        try:
            ans = assistant.ask(q)
        except Exception as exc:  # a library failure at this scale: reported, and the question left out
            import traceback

            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f"{os.sep}assistant{os.sep}" in f.filename]
            errors.append({"kind": kind, "question": q, "error": f"{type(exc).__name__}: {exc}"[:300],
                           "where": [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames][-2:],
                           "ms": (time.perf_counter() - t) * 1000})
            log(f"query worker: FAILED {q!r}: {errors[-1]['error'][:150]}")
            continue
        first.append((time.perf_counter() - t) * 1000)
        info.append({"kind": kind, "question": q, "cited": len(ans.citations), "refused": ans.refused,
                     "chars": len(ans.text)})
    failed = {e["question"] for e in errors}
    questions = [(kind, q) for kind, q in questions if q not in failed]
    sampler = StackSampler(interval=0.01)
    sampler.start()
    times = defaultdict(list)
    parts = defaultdict(list)
    for r in range(args.repeat):
        for i, (kind, q) in enumerate(questions):
            t = time.perf_counter()
            ans = assistant.ask(q)
            times[i].append((time.perf_counter() - t) * 1000)
            parts[i].append(ans.timings_ms)
        log(f"query worker: timed pass {r + 1}/{args.repeat} done")
    sampler.stop()
    samples = [ms for i in times for ms in times[i]]
    # The question's MiniLM forward pass on its own (size-independent), and whole asks with BLAS held to
    # one thread: on a shared machine, OpenBLAS's second thread waits for a core and the pass slows down.
    encoder = assistant._search.encoder
    encode_ms = []
    for _, q in questions:
        t = time.perf_counter()
        encoder.encode([q])
        encode_ms.append((time.perf_counter() - t) * 1000)
    one_thread, encode_1t = [], []
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        with threadpool_limits(limits=1, user_api="blas"):
            for _, q in questions:
                t = time.perf_counter()
                encoder.encode([q])
                encode_1t.append((time.perf_counter() - t) * 1000)
            for r in range(args.repeat):
                for _, q in questions:
                    t = time.perf_counter()
                    assistant.ask(q)
                    one_thread.append((time.perf_counter() - t) * 1000)
        log("query worker: BLAS-one-thread passes done")
    pct = lambda xs, p: _percentile(xs, p) if xs else None  # noqa: E731
    per_q = []
    for i, (kind, q) in enumerate(questions):
        ts = sorted(times[i])
        per_q.append({**info[i], "first_ms": first[i], "median_ms": ts[len(ts) // 2],
                      "retrieve_ms": sorted(p["retrieve"] for p in parts[i])[len(ts) // 2],
                      "compose_ms": sorted(p["compose"] for p in parts[i])[len(ts) // 2]})
    return {"load_s": load_s, "rss_loaded_mib": rss_loaded, "hwm_loaded_mib": hwm_loaded, "hwm_mib": _hwm_mib(),
            "papers": len(assistant.papers), "errors": errors, "p50": _percentile(samples, 50), "p95": _percentile(samples, 95),
            "max": max(samples), "n": len(samples), "questions": per_q, "load_profile": load_profile,
            "encode": {"p50": pct(encode_ms, 50), "p95": pct(encode_ms, 95)},
            "encode_1t": {"p50": pct(encode_1t, 50), "p95": pct(encode_1t, 95)},
            "one_thread": {"p50": pct(one_thread, 50), "p95": pct(one_thread, 95), "n": len(one_thread),
                           "max": max(one_thread) if one_thread else None},
            "query_profile": sampler.report(depth=5, top=12)}


def run_worker(mode: str, extra: list[str]) -> dict:
    r = run_timed([sys.executable, str(THIS), "--worker", mode, *extra])
    result = json.loads(r["stdout"].strip().splitlines()[-1])
    result["wall"], result["maxrss_mib"] = r["wall"], r["maxrss_mib"]
    return result


# ----------------------------------------------------------------------------- reporting


def disk_usage(path: Path) -> dict:
    """Bytes on disk (``du``: allocated blocks) of the index and of its parts."""
    def du(p: Path) -> int:
        if p.is_file():
            return p.stat().st_blocks * 512
        return sum(f.stat().st_blocks * 512 for f in p.rglob("*") if f.is_file())
    out = {"total": du(path)}
    gen = next(path.glob("gen-*"), None)
    if gen:
        for part in ("chroma", "papers.jsonl", "map.json", "glossary.json"):
            if (gen / part).exists():
                out[part] = du(gen / part)
        chroma = gen / "chroma"
        if (chroma / "chroma.sqlite3").exists():
            out["chroma.sqlite3"] = du(chroma / "chroma.sqlite3")
            out["hnsw"] = out["chroma"] - out["chroma.sqlite3"]
    return out


def profile_table(rows: list[dict], limit: int = 8) -> str:
    body = [[f"`{r['chain']}`", f"{r['seconds']:.1f}", f"{100 * r['share']:.0f}%", str(r["rss_max_mib"]),
             ", ".join(r["below"]) or "—"] for r in rows[:limit]]
    return markdown_table(["call chain (assistant frames)", "s", "share", "peak RSS in it (MiB)",
                           "library call below"], body)


def report(args, preamble, meta, vec_info, rate, build, size, query) -> str:
    from assistant.config import Settings

    n = build["summary"]["papers"]
    how = "`build_index(settings, rebuild=True)`"
    chunks = build["chunks"]
    b = build
    net = b["seconds"] - b["encoder"]["own_seconds"]  # build_index minus the benchmark encoder's own time
    mib = lambda x: f"{x / 2**20:,.0f}"  # noqa: E731
    rate_rows = []
    for backend, r in rate["backends"].items():
        full_s = chunks / r["chunks_per_s"]
        rate_rows.append([backend, f"{r['chunks_per_s']:.1f}", f"{r['tokens_per_s']:,.0f}", f"{r['load_s']:.1f}",
                          f"{full_s / 60:,.0f} min", f"{(full_s + net) / 60:,.0f} min"])
    rate_table = markdown_table(["encoder", "chunks/s", "word pieces/s", "load + warm-up (s)",
                                 f"embedding all {chunks:,} chunks", "full real build (estimate)"], rate_rows)
    p95_ok = query["p95"] is not None and query["p95"] <= 300
    peak = max(x for x in (b["maxrss_mib"], query["maxrss_mib"]) if x is not None)
    rows = [
        ["papers / chunks indexed", f"{n:,} / {chunks:,}", ""],
        [f"build, in-process ({how}, cached encoder)", f"{b['seconds']:.0f} s", f"{n / b['seconds']:.0f} papers/s"],
        ["build, in-process, without the shortcut encoder's own time", f"{net:.0f} s",
         f"{n / net:.0f} papers/s ({b['encoder']['own_seconds']:.0f} s were spent in `CachedEncoder.encode`)"],
        ["build, process wall", f"{b['wall']:.0f} s", f"{n / b['wall']:.0f} papers/s"],
        ["build peak RSS", f"{fmt(b['maxrss_mib'], ',.0f')} MiB", f"of which the benchmark's vector cache ~{b['cache_rss_mib']:.0f} MiB"],
        ["index size on disk (du)", f"{mib(size['total'])} MiB",
         f"Chroma {mib(size.get('chroma', 0))} (sqlite {mib(size.get('chroma.sqlite3', 0))}, HNSW "
         f"{mib(size.get('hnsw', 0))}), papers.jsonl {mib(size.get('papers.jsonl', 0))}, "
         f"map.json {mib(size.get('map.json', 0))}; source JSONL {mib(meta['bytes'])}"],
        ["Assistant load (`Assistant(settings).load()`)", f"{query['load_s']:.1f} s",
         f"RSS after load {query['rss_loaded_mib']:,.0f} MiB"],
        ["query process peak RSS", f"{fmt(query['maxrss_mib'], ',.0f')} MiB", "target ≤ 4096 MiB: "
         + ("met" if peak <= 4096 else "**missed**") + f" (highest of build and query: {peak:,.0f} MiB)"],
        ["warm query p50", f"{query['p50']:.0f} ms", f"{query['n']} timed asks ({len(query['questions'])} questions × {args.repeat})"],
        ["warm query p95", f"{query['p95']:.0f} ms", "target ≤ 300 ms: " + ("met" if p95_ok else "**missed**")
         + f"; max {query['max']:.0f} ms"],
        [f"question encoding alone (MiniLM on {Settings().query_backend}, 1 text) p50 / p95", f"{fmt(query['encode']['p50'], '.0f')} / "
         f"{fmt(query['encode']['p95'], '.0f')} ms", "size-independent; included in every ask above"],
        ["same, BLAS limited to 1 thread (threadpoolctl) p50 / p95", f"{fmt(query['encode_1t']['p50'], '.0f')} / "
         f"{fmt(query['encode_1t']['p95'], '.0f')} ms", "NumPy/SciPy's BLAS held to 1 thread (ONNX Runtime keeps its own threads)"],
        ["warm query p50 / p95 with BLAS limited to 1 thread", f"{fmt(query['one_thread']['p50'], '.0f')} / "
         f"{fmt(query['one_thread']['p95'], '.0f')} ms", f"{query['one_thread']['n']} timed asks, same questions; "
         f"max {fmt(query['one_thread']['max'], '.0f')} ms"],
    ]
    main_table = markdown_table(["measure", "value", "notes"], rows)
    errors = query.get("errors") or []
    error_text = ""
    if errors:
        error_text = ("**Questions that failed at this size** (left out of the latency figures):\n\n"
                      + "\n".join(f"- \"{e['question']}\" ({e['kind']}): `{e['error'][:200]}` from "
                                   + "; ".join(f"`{w}`" for w in e["where"]) for e in errors) + "\n\n")
    slow = sorted(query["questions"], key=lambda q: -q["median_ms"])[:10]
    slow_table = markdown_table(
        ["question (kind)", "median ms", "retrieve ms", "compose ms", "cited", "answer chars"],
        [[f"{q['question'][:70]}{'…' if len(q['question']) > 70 else ''} ({q['kind']})", f"{q['median_ms']:.0f}",
          f"{q['retrieve_ms']:.0f}", f"{q['compose_ms']:.0f}", str(q["cited"]), f"{q['chars']:,}"] for q in slow])
    by_kind = defaultdict(list)
    for q in query["questions"]:
        by_kind[q["kind"].split("-")[0] if q["kind"].startswith("dev") else q["kind"]].append(q["median_ms"])
    kinds = ", ".join(f"{k} {sorted(v)[len(v) // 2]:.0f}" for k, v in sorted(by_kind.items()))
    enc = b["encoder"]
    top_inst = meta["institutions"][0]
    return f"""## Scale: {n:,} synthetic papers (`bench_scale.py`)

{preamble}
**How the run is split.** Embedding {n:,} abstracts for real on these 2 shared cores would take hours, so:
(1) the collection `benchmarks/.cache/scale/synthetic-{n}-s{args.seed}-*.jsonl` ({mib(meta['bytes'])} MiB, JSON Lines,
seed {args.seed}) is generated from the {meta['real_papers']} bundled papers: abstracts are 4-9 of their
{len(meta['sentences']):,} distinct whole sentences, titles recombine real system names and real title halves
({meta['distinct_titles']:,} distinct), {meta['authors_pool']:,} distinct authors (real names and first/last
recombinations), real institutions skewed by real frequency (the most frequent, {top_inst[0]}, on {top_inst[1]:,}
papers), {len(meta['venues'])} venue strings (arXiv, MLSys 2019-2026, NeurIPS, ICML, ICLR, OSDI, SOSP, EuroSys,
ASPLOS, ATC, CAIS); (2) the {vec_info['sentences']:,} sentences and {vec_info['fragments']} title fragments were
embedded once with the real MiniLM (numpy encoder: {vec_info['encode_s']:.0f} s, {vec_info['texts'] / vec_info['encode_s']:.1f}
texts/s, load average {vec_info['load_avg']:.1f}, on {vec_info['when']}; not part of the build time below), and the
build ({how}) ran with `index_backend="cached"`: a `CachedEncoder` registered
in `assistant.embed._ENCODERS` returns for each chunk the L2-normalised mean of the cached vectors of its
title and sentences (re-split with `split_sentences`; {enc['hits']:,} sentence hits, {enc['misses']:,} pieces
embedded for real on a miss, {enc['real_seconds']:.1f} s). Parsing, institution grouping, glossary mining, chunking
with the real tokenizer, Chroma writes, records and the 2-D map are the library's own code, in a worker
process; (3) the real encoders' rate was measured on {rate['texts']} chunk texts of {rate['papers']} synthetic papers
({rate['tokens']:,} word pieces, batch {rate['batch_size']}, after a warm-up batch) and extrapolated to all {chunks:,}
chunks; (4) queries ran in a fresh process that loaded the index with `Assistant(settings).load()` and
encoded every question for real (MiniLM on `query_backend` = {Settings().query_backend}), one untimed pass then {args.repeat} timed passes, then the
question encodings alone, then {args.repeat} more timed passes with BLAS held to one thread (`threadpoolctl`).
Synthetic text reuses ~{len(meta['sentences']):,} sentences, so each BM25 term is in far more papers than
in a real 100k collection (posting lists longer, vocabulary smaller): lexical costs are, if anything,
overstated; the dense vectors are means of real vectors, so they are smoother than real chunk vectors.

{main_table}

{error_text}Real embedding rate (extrapolated; `assistant index` uses `index_backend` = onnx by default):

{rate_table}

Median warm latency by question kind (ms): {kinds}.

Slowest questions (median of the timed passes; retrieve/compose from `Answer.timings_ms`):

{slow_table}

Where the build's time and memory go (stack samples every 50 ms of the build worker's main thread):

{profile_table(b['profile'])}

Where `Assistant.load()` goes:

{profile_table(query['load_profile'], 6)}

Where the timed questions' time goes (samples every 10 ms):

{profile_table(query['query_profile'], 10)}
"""


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, index_dir=argparse.SUPPRESS,
                          no_write="print the report without touching RESULTS.md")
    parser.add_argument("--papers", type=int, default=100_000, help="synthetic papers to generate and index")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generator")
    parser.add_argument("--repeat", type=int, default=2, help="timed passes over the questions")
    parser.add_argument("--embed-sample", type=int, default=500, help="chunk texts for the real embedding rate")
    parser.add_argument("--rate-backends", default="onnx,sentence-transformers",
                        help="encoders whose rate is measured, comma-separated (onnx, numpy, sentence-transformers)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic index afterwards")
    parser.add_argument("--worker", choices=["build", "query", "rate"], help=argparse.SUPPRESS)
    parser.add_argument("--jsonl", help=argparse.SUPPRESS)
    parser.add_argument("--meta", help=argparse.SUPPRESS)
    parser.add_argument("--vectors", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        result = {"build": worker_build, "query": worker_query, "rate": worker_rate}[args.worker](args)
        print(json.dumps(result))
        return 0

    started = time.perf_counter()
    preamble = section_preamble()
    jsonl, meta = ensure_collection(args.papers, args.seed)
    meta_path = jsonl.with_suffix(".meta.json")
    vectors, vec_info = ensure_vectors(meta)
    index_dir = SCALE / f"index-{args.papers}"
    shutil.rmtree(index_dir, ignore_errors=True)
    common = ["--jsonl", str(jsonl), "--meta", str(meta_path), "--index-dir", str(index_dir), "--seed", str(args.seed)]
    try:
        log(f"building the index of {args.papers:,} papers at {index_dir} (worker process)")
        build = run_worker("build", common + ["--vectors", str(vectors)])
        if build["failure"]:
            failure_file = SCALE / f"library-failure-{args.papers}.json"
            failure = {k: build[k] for k in ("failure", "seconds", "wall", "maxrss_mib", "profile")}
            failure_file.write_text(json.dumps({**failure, "revision": _git_revision()}, indent=1))
            raise SystemExit(f"build_index failed after {build['seconds']:.0f} s: {build['failure']['error'][:300]} "
                             f"(details in {failure_file})")
        log(f"built {build['chunks']:,} chunks in {build['seconds']:.0f} s in-process ({build['wall']:.0f} s wall), "
            f"peak RSS {fmt(build['maxrss_mib'], '.0f')} MiB")
        size = disk_usage(index_dir)
        log(f"index size {size['total'] / 2**20:.0f} MiB")
        log("query worker: loading the assistant")
        query = run_worker("query", common + ["--repeat", str(args.repeat)])
        log(f"warm p50 {query['p50']:.0f} ms, p95 {query['p95']:.0f} ms; peak RSS {fmt(query['maxrss_mib'], '.0f')} MiB")
        log(f"real embedding rate on {args.embed_sample} chunk texts ({args.rate_backends})")
        rate = run_worker("rate", common + ["--embed-sample", str(args.embed_sample),
                                            "--rate-backends", args.rate_backends])
    finally:
        if not args.keep:
            shutil.rmtree(index_dir, ignore_errors=True)
    raw = SCALE / f"result-{args.papers}.json"
    raw.write_text(json.dumps({"build": build, "size": size, "query": query, "rate": rate, "vectors": vec_info},
                              indent=1))
    body = report(args, preamble, meta, vec_info, rate, build, size, query)
    body += f"\nWhole script: {(time.perf_counter() - started) / 60:.1f} min; raw figures in `.cache/scale/{raw.name}`.\n"
    publish(args, "scale", body, shown=body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
