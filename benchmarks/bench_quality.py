"""Answer quality: the assistant versus every retrieval baseline on the gold questions, in one process.

    python benchmarks/bench_quality.py [QUESTIONS.jsonl ...] [--index-dir DIR] [--systems default,bm25,...]

Default questions: the gold dev set (``benchmarks/questions/dev.jsonl``, a copy of ../shared/eval/dev.jsonl),
the tuning set (``benchmarks/questions/tune.jsonl``: 40 topical and robustness questions) and the held-out set
(``benchmarks/questions/heldout.jsonl``: 24 questions). Tune and held-out were labelled from the sources alone
by sessions that never saw the assistant's code or answers; thresholds are tuned on dev and tune, never on
held-out, so held-out shows whether that tuning generalises. The multilingual set
(``benchmarks/questions/multilingual.jsonl``: 42 questions) holds dev and tune questions translated into Spanish,
French, German, Italian, Portuguese, Chinese, Japanese and Korean, gold copied from the English originals, plus
foreign questions the collection does not cover; it is tuning data, like dev and tune. All systems answer the same questions over the
same index with ``assistant.evaluate.run_eval``, so the scores are exactly what ``assistant eval`` (and
``assistant eval --baseline NAME``) report. Each system is loaded once and answers every file. Writes the
``quality`` section of RESULTS.md and the per-question reports to benchmarks/.cache/quality-<file>.json.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from common import (CACHE, DEV_QUESTIONS, HELDOUT_QUESTIONS, MULTILINGUAL_QUESTIONS, ROOT, TUNE_QUESTIONS, bench_parser, log,
                    markdown_table, publish, section_preamble)

from assistant.baselines import BASELINES, make_baseline
from assistant.cli import make_answerer
from assistant.config import Settings
from assistant.evaluate import compare_json, compare_table, load_questions, run_eval
from assistant.store import ensure_index

SYSTEMS = ("default", *BASELINES)


def f1(stats: dict | None) -> float | None:
    """Harmonic mean of a kind's citation recall and precision: one figure that an answer citing its top k
    papers regardless (recall up, precision down) and one citing too little (the reverse) cannot both game."""
    if not stats or stats["recall"] is None:
        return None
    r, p = stats["recall"], stats["precision"] or 0.0
    return 2 * r * p / (r + p) if r + p else 0.0


def per_kind_summary(reports: dict) -> str:
    """One row per question kind: recall / precision (F1) of each system and which system leads on F1;
    refusal accuracy where nothing is gold."""
    kinds: list[str] = []
    for report in reports.values():
        kinds += [k for k in report.kinds if k not in kinds]
    fmt = lambda v: "—" if v is None else f"{v:.2f}"  # noqa: E731
    rows = []
    for kind in kinds + ["overall"]:
        stats = [r.overall if kind == "overall" else r.kinds.get(kind) for r in reports.values()]
        n = next((s["n"] for s in stats if s), 0)
        label = f"**{kind}**" if kind == "overall" else kind
        if not any(s and s["recall"] is not None for s in stats):  # unanswerable: nothing to recall
            cells = [f"refusal acc {fmt(s['refusal_accuracy'])}" if s else "—" for s in stats]
            scores = [s["refusal_accuracy"] if s else None for s in stats]
        else:
            cells = [f"{fmt(s['recall'])} / {fmt(s['precision'])} ({fmt(f1(s))})" if s else "—" for s in stats]
            scores = [f1(s) for s in stats]
        known = [(v, name) for v, name in zip(scores, reports) if v is not None]
        best = max(v for v, _ in known) if known else None
        leaders = [name for v, name in known if best is not None and v >= best - 1e-9]
        rows.append([label, str(n)] + cells + [", ".join(leaders) if leaders else "—"])
    return markdown_table(["kind", "n", *reports, "leads (F1)"], rows, align_left=1)


def show_progress(done: int, total: int) -> None:
    """A counter on one terminal line; nothing when stderr is a file (the summary line follows anyway)."""
    if sys.stderr.isatty():
        print(f"\r  {done}/{total} questions", end="" if done < total else "\n", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, index_dir="index to evaluate on (default: the checkout's index/, built if missing)")
    parser.add_argument("questions", nargs="*", default=[str(DEV_QUESTIONS), str(TUNE_QUESTIONS), str(HELDOUT_QUESTIONS),
                                                     str(MULTILINGUAL_QUESTIONS)],
                        help="gold question files (.jsonl); default: the dev, tune, held-out and multilingual sets")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated subset of {','.join(SYSTEMS)}")
    args = parser.parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        parser.error(f"unknown systems {unknown}; choose from {', '.join(SYSTEMS)}")

    preamble = section_preamble()  # before the run: the load average of a quiet start is the telling one
    files = {q: load_questions(q) for q in args.questions}
    settings = Settings.load(index_dir=args.index_dir)
    log(f"{sum(map(len, files.values()))} questions from {', '.join(files)}; index {settings.index_dir}")
    snapshot = ensure_index(settings, progress=False)
    log(f"index generation {snapshot.generation}: {len(snapshot.papers)} papers, {snapshot.collection.count()} chunks")

    reports: dict[str, dict] = {q: {} for q in files}
    load_seconds = {}
    for name in systems:
        log(f"{name}: loading")
        start = time.perf_counter()
        if name == "default":
            answer_fn = make_answerer("default", settings)
        else:
            answer_fn = make_baseline(name, settings, workdir=CACHE / "quality-llamaindex")
        load_seconds[name] = time.perf_counter() - start
        log(f"{name}: loaded in {load_seconds[name]:.1f} s; answering")
        for qfile, questions in files.items():
            report = reports[qfile][name] = run_eval(questions, answer_fn, progress=show_progress)
            log(f"{name} on {Path(qfile).name}: recall {report.overall['recall']:.3f}  precision "
                f"{report.overall['precision'] or 0:.3f}  MRR {report.overall['mrr']:.3f}  "
                f"p50 {report.latency_ms['p50']:.0f} ms")
        del answer_fn

    CACHE.mkdir(exist_ok=True)
    parts, shown = [], []
    for qfile, by_system in reports.items():
        (CACHE / f"quality-{Path(qfile).stem}.json").write_text(
            json.dumps(compare_json(by_system), indent=1, ensure_ascii=False))
        try:
            qpath = Path(qfile).resolve().relative_to(ROOT)
        except ValueError:
            qpath = Path(qfile)
        table, kinds = compare_table(by_system), per_kind_summary(by_system)
        shown.append(f"{qpath}\n\n{table}\n\n{kinds}")
        parts.append(f"""### {len(files[qfile])} questions from `{qpath}`

{table}

Per kind, citation recall / precision (F1, their harmonic mean; refusal accuracy for unanswerable):

{kinds}
""")
    loads = ", ".join(f"{name} {sec:.1f} s" for name, sec in load_seconds.items())
    body = f"""## Answer quality (`bench_quality.py`)

{preamble}
One process, the same index ({len(snapshot.papers)} papers, {snapshot.collection.count()} chunks), k = {settings.k}.
`default` is the assistant's grounded answerer (`assistant eval`); the others are
`assistant eval --baseline NAME`: they always cite their top k papers and never refuse, so their precision
is low and their refusal accuracy 0 by construction: compare recall and MRR for ranking, and F1 (recall and
precision together, as a user reads an answer) for answers. Latency is one warm
call in this process (see the latency section for a careful one). The answerer's thresholds are tuned on
the dev and tune questions; the tune and held-out questions were labelled from the sources by sessions that
never saw the assistant's code or answers, and the held-out ones were not used to tune anything.

{chr(10).join(parts)}
Loading (index, model, llama-index build for `llamaindex-default`): {loads}.
Per-question results: `benchmarks/.cache/quality-<file>.json` (not committed).
"""
    publish(args, "quality", body, shown="\n\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
