"""Where E5_SCALE and E5_SHIFT (assistant/multilingual.py) come from: the map that puts multilingual-e5's cosines
on MiniLM's scale, so one set of refusal and list thresholds serves questions in every language.

    python benchmarks/calibrate_multilingual.py [--index-dir DIR]

For every English dev and tune question, both models score the same papers (those of MiniLM's nearest 200
chunks); the map matches the mean and standard deviation of all these e5 scores to MiniLM's. Prints the map,
the correlation of the two models' scores, and the alternative that maps foreign questions' e5 scores onto
MiniLM's scores of their English originals (benchmarks/questions/multilingual.jsonl), which was measured and
not kept: with it, 2 of 10 foreign questions the collection does not cover were answered.
"""
from __future__ import annotations

import json
import sys

import numpy as np
from common import DEV_QUESTIONS, MULTILINGUAL_QUESTIONS, TUNE_QUESTIONS, bench_parser

from assistant import Assistant
from assistant.evaluate import load_questions
from assistant.query import foreign_language


def moments(e5: list[float], mini: list[float]) -> tuple[float, float, float]:
    x, y = np.asarray(e5), np.asarray(mini)
    scale = y.std() / x.std()
    return scale, y.mean() - scale * x.mean(), float(np.corrcoef(x, y)[0, 1])


def main() -> int:
    args = bench_parser(__doc__, index_dir="index to read (default: the project's)").parse_args()
    search = Assistant(**({"index_dir": args.index_dir} if args.index_dir else {}))._searcher()
    ml = search.multilingual
    vecs = ml.vectors(limit=None)
    row = {p.id: i for i, p in enumerate(ml.papers)}
    model = ml._model()

    def pairs(e5_question: str, mini_question: str):
        mini, _ = search.dense_scores(search.encoder.encode([mini_question])[0], None)
        e5 = vecs @ np.asarray(model.query(e5_question), dtype=np.float32).ravel()
        return [float(e5[row[pid]]) for pid in mini], list(mini.values())

    english = [q for f in (DEV_QUESTIONS, TUNE_QUESTIONS) for q in load_questions(f) if not foreign_language(q.question)]
    xs, ys = [], []
    for q in english:
        x, y = pairs(q.question, q.question)
        xs += x
        ys += y
    scale, shift, corr = moments(xs, ys)
    print(f"English questions ({len(english)}): E5_SCALE = {scale:.3f}, E5_SHIFT = {shift:.3f} (correlation {corr:.2f})")

    originals = {q.qid: q.question for f in (DEV_QUESTIONS, TUNE_QUESTIONS) for q in load_questions(f)}
    xs, ys = [], []
    for line in MULTILINGUAL_QUESTIONS.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        source = next((w.strip(" ;(),") for w in q["note"].split() if w.strip(" ;(),") in originals), None)
        if q["gold"] and source:
            x, y = pairs(q["question"], originals[source])
            xs += x
            ys += y
    scale, shift, corr = moments(xs, ys)
    print(f"foreign questions vs their English originals: scale {scale:.3f}, shift {shift:.3f} (correlation {corr:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
