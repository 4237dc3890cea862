"""Latency: a warm ``Assistant.ask`` and a cold ``ask`` process, versus llama-index's default stack.

    python benchmarks/bench_latency.py [--index-dir DIR] [--questions FILE] [--repeat 3] [--cold-runs 3]

Warm: every question of the dev set asked once to warm up, then ``--repeat`` more times, each timed
(p50 / p95 by nearest rank, as ``assistant eval`` computes them); the same for a warm llama-index
retriever (top-k) over a Chroma collection built with ``VectorStoreIndex.from_documents``.
Cold: wall time of a fresh process answering "which papers reduce TTFT?" (the ``ask`` entry point) and of a
fresh process that imports chromadb + llama-index + HuggingFaceEmbedding, opens that collection and
retrieves the top 5; one untimed run of each first (so the file cache is warm for both), then
``--cold-runs`` alternating timed runs of each, median reported. Writes the ``latency`` section.
"""
from __future__ import annotations

import json
import re
import sys
import time

from common import (CACHE, MULTILINGUAL_QUESTIONS, TTFT_QUESTION, bench_parser, fmt, log, markdown_table, median, publish, question_texts,
                    ratio, run_timed, section_preamble, timed_passes)

from assistant.config import Settings
from assistant.evaluate import _percentile as percentile  # the same nearest-rank p50/p95 as `assistant eval`
from assistant.store import ensure_index

ASK_CMD = [sys.executable, "-c",
           "from assistant.cli import ask_main; import sys; sys.exit(ask_main(['which papers reduce TTFT?']))"]
LLAMAINDEX_QUERY = """
import json, sys
from assistant.baselines import open_llamaindex
index = open_llamaindex(sys.argv[1])
nodes = index.as_retriever(similarity_top_k=5).retrieve(sys.argv[2])
print(json.dumps([[n.node.metadata["id"], n.node.metadata["title"], round(float(n.score), 4)] for n in nodes]))
"""


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, index_dir="index to query (default: the checkout's index/, built if missing)",
                          questions="questions for the warm runs")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the questions (warm)")
    parser.add_argument("--cold-runs", type=int, default=3, help="timed cold processes of each system")
    args = parser.parse_args(argv)

    preamble = section_preamble()
    settings = Settings.load(index_dir=args.index_dir)
    snapshot = ensure_index(settings, progress=False)
    questions = question_texts(args.questions)
    log(f"index {settings.index_dir}: {len(snapshot.papers)} papers; {len(questions)} questions")

    # Warm assistant first, before torch and llama-index are imported into this process.
    from assistant.api import Assistant

    assistant = Assistant(settings, build_if_missing=False).load()
    warm_ours = timed_passes(assistant.ask, questions, args.repeat, "assistant warm")
    foreign = question_texts(MULTILINGUAL_QUESTIONS)  # read by multilingual-e5 (vectors built in the first pass)
    warm_foreign = timed_passes(assistant.ask, foreign, args.repeat, "assistant warm, other languages")

    from assistant.baselines import build_llamaindex

    store = CACHE / "latency-llamaindex"
    log(f"building the llama-index default collection at {store}")
    start = time.perf_counter()
    index = build_llamaindex(list(snapshot.papers.values()), store)
    build_s = time.perf_counter() - start
    retriever = index.as_retriever(similarity_top_k=settings.k)
    warm_li = timed_passes(retriever.retrieve, questions, args.repeat, "llama-index warm")
    del retriever, index

    env = {"ASSISTANT_INDEX_DIR": str(settings.index_dir)}
    li_cmd = [sys.executable, "-c", LLAMAINDEX_QUERY, str(store), TTFT_QUESTION]
    log("cold processes: one untimed run of each")
    ours_out = run_timed(ASK_CMD, env)["stdout"]
    li_out = run_timed(li_cmd, env)["stdout"]
    cold_ours, cold_li, rss_ours, rss_li = [], [], [], []
    for i in range(args.cold_runs):
        r = run_timed(ASK_CMD, env)
        cold_ours.append(r["wall"])
        rss_ours.append(r["maxrss_mib"])
        r = run_timed(li_cmd, env)
        cold_li.append(r["wall"])
        rss_li.append(r["maxrss_mib"])
        log(f"cold run {i + 1}/{args.cold_runs}: ask {cold_ours[-1]:.2f} s, llama-index {cold_li[-1]:.2f} s")

    ours_cited = list(dict.fromkeys(re.findall(r"\[((?:openreview|arxiv|doi):[^\]\s]+)\]", ours_out)))
    li_top = json.loads(li_out.strip().splitlines()[-1])
    p = lambda xs, q: percentile(xs, q)  # noqa: E731
    rows = [
        ["warm p50 (ms)", f"{p(warm_ours, 50):.1f}", f"{p(warm_li, 50):.1f}", ratio(p(warm_li, 50), p(warm_ours, 50))],
        ["warm p95 (ms)", f"{p(warm_ours, 95):.1f}", f"{p(warm_li, 95):.1f}", ratio(p(warm_li, 95), p(warm_ours, 95))],
        ["warm p50 / p95, questions in other languages (ms)", f"{p(warm_foreign, 50):.1f} / {p(warm_foreign, 95):.1f}",
         "—", "—"],
        [f"cold process wall (s), median of {args.cold_runs}", f"{median(cold_ours):.2f}", f"{median(cold_li):.2f}",
         ratio(median(cold_li), median(cold_ours))],
        ["cold process peak RSS (MiB), median", fmt(median(rss_ours), ".0f"), fmt(median(rss_li), ".0f"),
         ratio(median(rss_li), median(rss_ours))],
    ]
    table = markdown_table(["measure", "assistant", "llama-index default", "llama-index / assistant"], rows)
    runs = (f"cold runs (s): ask {', '.join(f'{x:.2f}' for x in cold_ours)}; "
            f"llama-index {', '.join(f'{x:.2f}' for x in cold_li)}")
    li_list = "\n".join(f"   {i}. [{pid}] {title} ({score})" for i, (pid, title, score) in enumerate(li_top, 1))
    body = f"""## Latency (`bench_latency.py`)

{preamble}
Warm: {len(questions)} dev questions, one untimed pass then {args.repeat} timed passes ({len(warm_ours)} samples
per system). The assistant's figure is a whole `Assistant.ask` (retrieval and answer composition,
k = {settings.k}); llama-index's is `retriever.retrieve` alone (top {settings.k}, no answer), over a collection
built by `VectorStoreIndex.from_documents` in {build_s:.1f} s in this process. Questions in other languages:
the {len(foreign)} of `benchmarks/questions/multilingual.jsonl`, timed the same way (their paper vectors are
built in the untimed pass).
Cold: a fresh Python process answering "{TTFT_QUESTION}" through `ask_main`, versus a fresh
process that imports chromadb + llama-index + HuggingFaceEmbedding, opens that collection and retrieves
the top 5; one untimed run of each first, then alternating timed runs.

{table}

{runs}.

What each cold process returned for "{TTFT_QUESTION}":
- assistant: {len(ours_cited)} papers cited ({', '.join(ours_cited[:5])}{', ...' if len(ours_cited) > 5 else ''})
- llama-index top 5:
{li_list}
"""
    publish(args, "latency", body, shown=table + "\n\n" + runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
