"""Compare the embedding backends (onnx, numpy, sentence-transformers) in one run; writes the ``encoders`` section.

1. Cold start: fresh processes, interleaved over ``--rounds``, each timing its imports plus the encoder
   load (``get_encoder``) and its first one-query encode; the onnx backend both with an empty model cache
   (graph built and written) and with a warm one (the usual case).
2. Throughput: one process holds all three encoders and embeds the real index chunks (the bundled
   collections cut by ``chunk_paper`` with chunk_tokens=200, overlap 1) pass after pass, variants
   interleaved; the onnx backend at each of ``--batch-sizes``. Reports word pieces per wall second
   (best pass, median pass) and per CPU second (less sensitive to other load on the machine).
3. Agreement: cosine of each backend's chunk vectors with sentence-transformers'.
4. Warm single-query latency: in each cold-start process, after its first query, the dev questions one
   at a time (a process per backend, so no other library's idle threads compete).

    python benchmarks/bench_encoders.py [--rounds 3] [--passes 2] [--limit N] [--no-write]
"""
from __future__ import annotations

import time

_T0 = time.perf_counter()  # before any import: the worker's cold import+load time starts here

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BACKENDS = ("onnx", "numpy", "sentence-transformers")
QUERY = "which papers reduce TTFT?"


def questions(n: int) -> list[str]:
    rows = (ROOT / "benchmarks" / "questions" / "dev.jsonl").read_text().splitlines()
    return [QUERY, *(json.loads(line)["question"] for line in rows if line.strip())][:n]


def worker_load(backend: str, n_queries: int) -> None:
    """Child process: time imports + encoder load, the first query, then warm queries; print JSON."""
    from assistant.embed import get_encoder

    enc = get_encoder(backend)
    loaded = time.perf_counter()
    enc.encode([QUERY])
    first = time.perf_counter()
    warm = []
    for q in questions(n_queries):
        t = time.perf_counter()
        enc.encode([q])
        warm.append(1000 * (time.perf_counter() - t))
    print(json.dumps({"load_s": loaded - _T0, "first_query_ms": 1000 * (first - loaded), "query_ms": warm}))


def cold_starts(rounds: int, n_queries: int) -> dict[str, dict[str, list[float]]]:
    cases = [("onnx (no cache)", "onnx", True), ("onnx", "onnx", False), ("numpy", "numpy", False),
             ("sentence-transformers", "sentence-transformers", False)]
    out: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-enc-") as tmp:
        warm_cache = Path(tmp) / "warm"
        subprocess.run([sys.executable, __file__, "--worker", "onnx", "--queries", "0"], cwd=ROOT, check=True,
                       capture_output=True, env=dict(os.environ, ASSISTANT_CACHE_DIR=str(warm_cache)))  # fill it
        for r in range(rounds):
            for label, backend, fresh in cases:
                cache = Path(tmp) / f"fresh-{r}" if fresh else warm_cache
                env = dict(os.environ, ASSISTANT_CACHE_DIR=str(cache))
                start = time.perf_counter()
                proc = subprocess.run([sys.executable, __file__, "--worker", backend, "--queries", str(n_queries)],
                                      env=env, cwd=ROOT, capture_output=True, text=True)
                wall = time.perf_counter() - start
                if proc.returncode != 0:
                    raise SystemExit(f"{label} worker failed:\n{proc.stderr[-3000:]}")
                row = json.loads(proc.stdout.strip().splitlines()[-1])
                warm_ms = row.pop("query_ms")
                row["process_s"] = wall - sum(warm_ms) / 1000  # the process without its warm-query loop
                rec = out.setdefault(label, {})
                rec.setdefault("query_ms", []).extend(warm_ms)
                for key, value in row.items():
                    rec.setdefault(key, []).append(value)
                log(f"cold round {r + 1}/{rounds} {label}: load {row['load_s']:.2f} s, process {wall:.2f} s")
    return out


def chunk_texts() -> list[str]:
    from assistant.chunks import chunk_paper
    from assistant.embed import count_tokens_batch
    from assistant.sources import load_collection

    papers = load_collection([ROOT / "index" / "sources"]).papers
    return [c.text for p in papers for c in chunk_paper(p, count_tokens_batch, 200, 1)]  # as the index build


def throughput(texts: list[str], tokens: int, args) -> tuple[dict, dict]:
    """Warm tokens/s (wall and CPU) per variant, passes interleaved, and each backend's vectors."""
    from assistant.embed import get_encoder

    encoders = {b: get_encoder(b) for b in BACKENDS}
    log(f"{len(texts)} chunks, {tokens} word pieces")
    for enc in encoders.values():  # warm-up: first-call allocations and lazy initialisation
        enc.encode(texts[:8], batch_size=8)
    variants = [(f"onnx bs={bs}", "onnx", int(bs)) for bs in args.batch_sizes.split(",")]
    variants += [(f"{b} bs={args.batch_size}", b, args.batch_size) for b in ("numpy", "sentence-transformers")]
    speed: dict[str, list[tuple[float, float]]] = {}
    vectors = {}
    for p in range(args.passes):
        for label, backend, bs in variants:
            time.sleep(0.3)  # let other thread pools go idle
            w, c = time.perf_counter(), time.process_time()
            vectors[backend] = encoders[backend].encode(texts, batch_size=bs)
            w, c = time.perf_counter() - w, time.process_time() - c
            speed.setdefault(label, []).append((tokens / w, tokens / c))
            log(f"pass {p + 1}/{args.passes} {label}: {tokens / w:.0f} tokens/s ({w:.1f} s)")
    return speed, vectors


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=3, help="cold-start rounds per backend")
    ap.add_argument("--passes", type=int, default=2, help="throughput passes per variant")
    ap.add_argument("--batch-sizes", default="8,16,32,64", help="onnx batch sizes to try")
    ap.add_argument("--batch-size", type=int, default=32, help="batch size for numpy and sentence-transformers")
    ap.add_argument("--limit", type=int, default=0, help="embed a seeded random sample of this many chunks")
    ap.add_argument("--queries", type=int, default=20, help="warm queries per cold-start process")
    ap.add_argument("--no-write", action="store_true", help="print the results without touching RESULTS.md")
    args = ap.parse_args()
    if args.worker:
        return worker_load(args.worker, args.queries)

    import numpy as np

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from common import markdown_table, publish, section_preamble  # not in workers: their cold start is being timed

    preamble = section_preamble()
    cold = cold_starts(args.rounds, args.queries) if args.rounds else {}

    texts = chunk_texts()
    if args.limit and args.limit < len(texts):
        texts = random.Random(0).sample(texts, args.limit)
    from tokenizers import Tokenizer

    from assistant.embed import MAX_TOKENS, model_dir

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_padding()  # tokenizer.json pads and truncates at 128; the encoders use MiniLM's 256
    tok.enable_truncation(MAX_TOKENS)
    tokens = sum(len(e.ids) for e in tok.encode_batch(texts))
    speed: dict[str, list[tuple[float, float]]] = {}
    vectors: dict[str, np.ndarray] = {}
    if args.passes:
        speed, vectors = throughput(texts, tokens, args)

    med = statistics.median
    out = [f"{len(texts)} chunks of the bundled collections ({tokens} word pieces), {os.cpu_count()} CPUs."]
    if cold:
        out += [f"\n### Cold start (fresh process, median of {args.rounds})\n", markdown_table(
            ["backend", "imports + load s", "first query ms", "whole process s"],
            [[label, f"{med(r['load_s']):.2f}", f"{med(r['first_query_ms']):.0f}", f"{med(r['process_s']):.2f}"]
             for label, r in cold.items()])]
    if speed:
        out += [f"\n### Throughput (warm, {args.passes} passes each, interleaved)\n", markdown_table(
            ["variant", "tokens/s best", "tokens/s median", "tokens per CPU-s best"],
            [[label, f"{max(r[0] for r in rows):.0f}", f"{med(r[0] for r in rows):.0f}", f"{max(r[1] for r in rows):.0f}"]
             for label, rows in speed.items()])]
    if vectors:
        ref = vectors["sentence-transformers"]
        out.append("\n### Agreement with sentence-transformers (cosine over all chunks)\n")
        for b in ("onnx", "numpy"):
            cos = (vectors[b] * ref).sum(1)
            out.append(f"- {b}: min {cos.min():.6f}, mean {cos.mean():.7f}")
    if cold and args.queries:
        out += [f"\n### Warm single-query latency ({args.queries} questions x {args.rounds} processes)\n",
                markdown_table(["backend", "median ms", "p90 ms"],
                               [[label, f"{med(r['query_ms']):.1f}", f"{float(np.percentile(r['query_ms'], 90)):.1f}"]
                                for label, r in cold.items()])]
    shown = "\n".join(out)
    body = f"""## Embedding backends (`bench_encoders.py`)

{preamble}
Why both indexing and questions run on ONNX Runtime (`index_backend` and `query_backend` default to
`"onnx"`): the same MiniLM weights, three ways, in one run.

{shown}
"""
    publish(args, "encoders", body, shown=shown)


if __name__ == "__main__":
    main()
