"""Server modes: a Chroma server versus the embedded store, and the web app's throughput under load.

    python benchmarks/bench_server.py [--index-dir DIR] [--repeat 2] [--seconds 20] [--clients 1,4,16]

(a) Warm ``Assistant.ask`` over the dev questions (one untimed pass, then ``--repeat`` timed passes; p50 / p95
by nearest rank) on the embedded store (``--index-dir``, default benchmarks/.cache/index, built if missing)
versus the same papers indexed through a Chroma server this script starts on 127.0.0.1
(``tests/chroma_server.py``; ``build_index(Settings.load(index_dir=<tmp>, chroma_url=server.url))``), both
in this process, in one run, with the ratio.
(b) Sustained questions/s against ONE ``assistant serve`` subprocess over the embedded store: for each
level of ``--clients``, that many threads, each with its own ``gradio_client.Client``, ask the dev questions
in turn (each thread starting at a different one) for ``--seconds``; a thread starts no question after the
deadline. Completed answers / elapsed seconds, client-side latency p50 / p95, and errors (expected zero).
Writes the ``server`` section.
"""
from __future__ import annotations

import shutil
import sys
import threading
import time

from bench_app import AppServer, default_index_dir, make_client
from common import (CACHE, ROOT, bench_parser, log, markdown_table, publish, question_texts, ratio, section_preamble,
                    timed_passes)

from assistant.config import Settings
from assistant.evaluate import _percentile as percentile

sys.path.insert(0, str(ROOT / "tests"))


def load_level(url: str, questions: list[str], clients: int, seconds: float) -> dict:
    """``clients`` threads, each its own Client, cycling over ``questions`` until ``seconds`` have passed."""
    made = [make_client(url) for _ in range(clients)]  # connected before the clock starts
    lat: list[float] = []
    errors: list[str] = []
    done = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)
    deadline = [0.0]

    def worker(i: int) -> None:
        client = made[i]
        n = i * max(1, len(questions) // clients)
        barrier.wait()
        while time.monotonic() < deadline[0]:
            q = questions[n % len(questions)]
            n += 1
            start = time.perf_counter()
            try:
                result = client.submit(q, api_name="/ask").result(timeout=120)
                answer = result[0] if isinstance(result, (tuple, list)) else result
                if not answer:
                    raise ValueError("empty answer")
            except Exception as exc:  # counted, reported
                with lock:
                    errors.append(f"{q[:60]!r}: {type(exc).__name__}: {str(exc)[:200]}")
                continue
            with lock:
                lat.append((time.perf_counter() - start) * 1000)
                done[0] += 1

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    start = time.perf_counter()
    deadline[0] = time.monotonic() + seconds
    barrier.wait()
    for t in threads:
        t.join(timeout=seconds + 150)
    elapsed = time.perf_counter() - start
    for c in made:
        try:
            c.close()
        except Exception:
            pass
    return {"clients": clients, "done": done[0], "elapsed": elapsed, "qps": done[0] / elapsed,
            "p50": percentile(lat, 50) if lat else None, "p95": percentile(lat, 95) if lat else None,
            "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, index_dir="embedded index (default: benchmarks/.cache/index, built if missing)",
                          questions="questions to ask")
    parser.add_argument("--repeat", type=int, default=2, help="timed passes over the questions in (a)")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of each load level in (b)")
    parser.add_argument("--clients", default="1,4,16", help="concurrent clients per load level in (b)")
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.clients.split(",") if x.strip()]

    preamble = section_preamble()
    index_dir = default_index_dir(args.index_dir)
    questions = question_texts(args.questions)
    log(f"index {index_dir}; {len(questions)} questions")

    # (a) embedded store vs Chroma server, both warm in this process.
    from assistant.api import Assistant
    from assistant.store import build_index
    from chroma_server import ChromaServer

    embedded = Assistant(Settings.load(index_dir=str(index_dir)), build_if_missing=False).load()
    emb_ms = timed_passes(embedded.ask, questions, args.repeat, "embedded")
    emb_papers = len(embedded.papers)
    del embedded

    work = CACHE / "server-bench"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    server = ChromaServer(work / "chroma-data").start()
    try:
        log(f"Chroma server on {server.url}; indexing into it")
        srv_settings = Settings.load(index_dir=str(work / "index"), chroma_url=server.url,
                                     sources=[str(p) for p in Settings.load(index_dir=str(index_dir)).source_paths])
        start = time.perf_counter()
        summary = build_index(srv_settings, progress=False)
        build_s = time.perf_counter() - start
        log(f"server index built in {build_s:.1f} s")
        remote = Assistant(srv_settings, build_if_missing=False).load()
        srv_ms = timed_passes(remote.ask, questions, args.repeat, "chroma server")
        srv_papers = len(remote.papers)
        del remote
    finally:
        server.stop()
    summary_d = summary.to_dict() if hasattr(summary, "to_dict") else {}
    chunks = summary_d.get("chunks") or summary_d.get("n_chunks")

    p = percentile
    rows_a = [["warm p50 (ms)", f"{p(emb_ms, 50):.1f}", f"{p(srv_ms, 50):.1f}", ratio(p(srv_ms, 50), p(emb_ms, 50))],
              ["warm p95 (ms)", f"{p(emb_ms, 95):.1f}", f"{p(srv_ms, 95):.1f}", ratio(p(srv_ms, 95), p(emb_ms, 95))],
              ["papers", emb_papers, srv_papers, ""]]
    table_a = markdown_table(["measure", "embedded store", "Chroma server", "server / embedded"], rows_a)
    print(table_a)

    # (b) one `assistant serve` process (embedded store), 1 / 4 / 16 concurrent clients.
    results = []
    with AppServer(index_dir, name="server") as app:
        warm = make_client(app.url)
        for q in questions[:3]:
            warm.submit(q, api_name="/ask").result(timeout=120)
        warm.close()
        for n in levels:
            log(f"load: {n} client(s) for {args.seconds:.0f} s")
            r = load_level(app.url, questions, n, args.seconds)
            log(f"load: {n} client(s): {r['done']} answers in {r['elapsed']:.1f} s = {r['qps']:.2f}/s, "
                f"{len(r['errors'])} errors")
            results.append(r)
        serve_cmd = " ".join(["assistant"] + app.cmd[app.cmd.index("serve"):])
    fmt_ms = lambda v: "—" if v is None else f"{v:.0f}"  # noqa: E731
    rows_b = [[r["clients"], r["done"], f"{r['elapsed']:.1f}", f"{r['qps']:.2f}", fmt_ms(r["p50"]), fmt_ms(r["p95"]),
               len(r["errors"])] for r in results]
    table_b = markdown_table(["clients", "answers", "elapsed (s)", "questions/s", "latency p50 (ms)",
                              "latency p95 (ms)", "errors"], rows_b)
    print("\n" + table_b)
    all_errors = [e for r in results for e in r["errors"]]
    errors_md = ("No request failed." if not all_errors else
                 f"**{len(all_errors)} requests failed**; the first ones:\n\n"
                 + "\n".join(f"- {e}" for e in all_errors[:10]))

    body = f"""## Server modes (`bench_server.py`)

{preamble}
**(a) Embedded store versus a Chroma server.** Warm `Assistant.ask` in this process: {len(questions)} dev
questions, one untimed pass then {args.repeat} timed passes ({len(emb_ms)} samples per store), p50 / p95 by
nearest rank. "Embedded" is the index at `{index_dir.relative_to(ROOT) if index_dir.is_relative_to(ROOT) else index_dir}`;
"Chroma server" is the same sources indexed by `build_index(Settings.load(index_dir=<tmp>, chroma_url=...))` into a `chroma run` process on 127.0.0.1 started by the script
(build {build_s:.1f} s{f", {chunks} chunks" if chunks else ""}), queried over HTTP on loopback.

{table_a}

**(b) Throughput of one `{serve_cmd}` process** (embedded store; the app computes at most
4 answers at once, `default_concurrency_limit`, and queues the rest). For each level, that many threads, each
with its own `gradio_client.Client` (connected before the clock starts), ask the dev questions in turn for
{args.seconds:.0f} s (no question started after that; the elapsed time includes the last answers). Latency
is per request, client-side, submit to final result.

{table_b}

{errors_md}
"""
    publish(args, "server", body)  # the tables were printed as they were measured
    return 0 if not all_errors else 1


if __name__ == "__main__":
    sys.exit(main())
