"""Indexing: ``assistant index --rebuild`` and the no-change re-run, versus llama-index's default build.

    python benchmarks/bench_index.py [--index-dir DIR] [--repeat 3] [--keep]

Builds into a fresh temporary index directory under benchmarks/.cache/ (``ASSISTANT_INDEX_DIR``), so the
checkout's index/ is never touched; ``--index-dir DIR`` builds there instead (DIR is rebuilt!). Each round
runs, as subprocesses, ``assistant index --rebuild --json`` (full build), ``assistant index --json``
(nothing changed) and a script that loads the same papers and calls ``VectorStoreIndex.from_documents``
over a new Chroma store with ``HuggingFaceEmbedding`` on the same MiniLM. Reports the median over
``--repeat`` rounds of process wall time, the in-process build time each reports, papers/s and peak RSS
(``/usr/bin/time -f %M`` of that process), with ratios. Writes the ``index`` section of RESULTS.md.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from common import (CACHE, assistant_cmd, bench_parser, fmt, log, markdown_table, median, publish, ratio, run_timed,
                    section_preamble)

# In-process time starts before the heavy imports on both sides: build_index imports chromadb and the
# embedding library lazily inside its own timer, so the llama-index script times its imports too.
LLAMAINDEX_BUILD = """
import json, sys, time
from assistant.config import Settings
from assistant.sources import load_collection
start = time.perf_counter()
from assistant.baselines import build_llamaindex
papers = load_collection(Settings.load().source_paths).papers
index = build_llamaindex(papers, sys.argv[1])
seconds = time.perf_counter() - start
print(json.dumps({"papers": len(papers), "seconds": seconds, "vectors": index.vector_store._collection.count()}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, index_dir="index directory to build (REBUILT; default: a temporary directory)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument("--keep", action="store_true", help="keep the temporary index and llama-index stores")
    args = parser.parse_args(argv)

    preamble = section_preamble()
    CACHE.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-index-", dir=CACHE))
    index_dir = Path(args.index_dir) if args.index_dir else work / "index"
    env = {"ASSISTANT_INDEX_DIR": str(index_dir)}
    cmd = assistant_cmd()
    log(f"index dir {index_dir}; {args.repeat} rounds")

    full, nochange, li = [], [], []
    try:
        for i in range(args.repeat):
            r = run_timed(cmd + ["index", "--rebuild", "--json"], env)
            r["report"] = json.loads(r["stdout"].strip().splitlines()[-1])
            full.append(r)
            log(f"round {i + 1}: full build {r['wall']:.1f} s wall, {r['report']['seconds']:.1f} s reported")
            r = run_timed(cmd + ["index", "--json"], env)
            r["report"] = json.loads(r["stdout"].strip().splitlines()[-1])
            if r["report"]["added"] or r["report"]["updated"] or r["report"]["removed"]:
                raise RuntimeError(f"the re-run was expected to change nothing: {r['report']}")
            nochange.append(r)
            log(f"round {i + 1}: no-change re-run {r['wall']:.2f} s wall, {r['report']['seconds']:.2f} s reported")
            r = run_timed([sys.executable, "-c", LLAMAINDEX_BUILD, str(work / f"llamaindex-{i}")], env)
            r["report"] = json.loads(r["stdout"].strip().splitlines()[-1])
            li.append(r)
            log(f"round {i + 1}: llama-index build {r['wall']:.1f} s wall, {r['report']['seconds']:.1f} s in-process")

        from assistant.config import Settings
        from assistant.store import open_index

        chunks = open_index(Settings.load(index_dir=index_dir)).collection.count()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    papers = full[0]["report"]["papers"]
    m = lambda runs, key: median([r[key] if key in r else r["report"][key] for r in runs])  # noqa: E731
    ours_wall, ours_in = m(full, "wall"), m(full, "seconds")
    li_wall, li_in = m(li, "wall"), m(li, "seconds")
    nc_wall, nc_in = m(nochange, "wall"), m(nochange, "seconds")
    rows = [
        ["full build, process wall (s)", f"{ours_wall:.1f}", f"{li_wall:.1f}", ratio(li_wall, ours_wall)],
        ["full build, in-process (s)", f"{ours_in:.1f}", f"{li_in:.1f}", ratio(li_in, ours_in)],
        ["papers/s, process wall", f"{papers / ours_wall:.1f}", f"{papers / li_wall:.1f}", ratio(ours_wall, li_wall)],
        ["papers/s, in-process", f"{papers / ours_in:.1f}", f"{papers / li_in:.1f}", ratio(ours_in, li_in)],
        ["full build peak RSS (MiB)", fmt(m(full, "maxrss_mib"), ".0f"), fmt(m(li, "maxrss_mib"), ".0f"),
         ratio(m(li, "maxrss_mib"), m(full, "maxrss_mib"))],
        ["no-change re-run, process wall (s)", f"{nc_wall:.2f}", f"{li_wall:.1f} (full rebuild)", ratio(li_wall, nc_wall)],
        ["no-change re-run, in-process (s)", f"{nc_in:.2f}", f"{li_in:.1f} (full rebuild)", ratio(li_in, nc_in)],
        ["no-change re-run peak RSS (MiB)", fmt(m(nochange, "maxrss_mib"), ".0f"), "—", "—"],
        ["vectors stored", str(chunks), str(li[0]["report"]["vectors"]), "—"],
    ]
    table = markdown_table(["measure", "assistant", "llama-index default", "llama-index / assistant"], rows)
    per_run = lambda runs, key: ", ".join(  # noqa: E731
        f"{r[key] if key in r else r['report'][key]:.2f}" for r in runs)
    runs = (f"per round (s): assistant full wall {per_run(full, 'wall')} / in-process {per_run(full, 'seconds')}; "
            f"no-change wall {per_run(nochange, 'wall')} / in-process {per_run(nochange, 'seconds')}; "
            f"llama-index wall {per_run(li, 'wall')} / in-process {per_run(li, 'seconds')}")
    body = f"""## Indexing (`bench_index.py`)

{preamble}
{papers} papers (the bundled collections), medians of {args.repeat} rounds; each round runs
`assistant index --rebuild --json`, then `assistant index --json` (nothing changed), then llama-index's
default build (`VectorStoreIndex.from_documents`, one `Document` per paper, default `SentenceSplitter`,
Chroma, `HuggingFaceEmbedding` on the same MiniLM) in its own process. Process wall time includes Python
start-up and imports; the in-process figure is what each reports (`seconds` of `--json`; for llama-index,
loading the papers plus `from_documents`) and on both sides includes importing chromadb and the
embedding library, which both import inside the build. Peak RSS is `/usr/bin/time -f %M` of each
process. llama-index's default recipe has no change detection: re-running it re-embeds every paper (and,
with its random node ids, adds the rows again), so its no-change cell is its full build.

{table}

{runs}.
"""
    publish(args, "index", body, shown=table + "\n\n" + runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
