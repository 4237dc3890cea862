"""Gold-question evaluation: load question files, score answers, aggregate per kind, format reports.

Scoring follows the gold questions' README (``benchmarks/README.md`` repeats its rules: recall, precision, MRR,
regex hits, refusals) exactly; see ``score_answer`` for the choices it leaves open.
Pure standard library so ``assistant eval`` and the tests import it without loading models.
"""
from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import ConfigError
from .schema import Answer

KNOWN_KINDS = ("paraphrase", "topical", "factual", "metadata", "unanswerable", "robustness")
METRICS = ("recall", "precision", "mrr", "regex_hit", "refusal_accuracy", "false_refusal")

# An "explicit statement that the collection does not cover it". Only consulted on unanswerable
# questions and only together with ``Answer.refused``, so it can afford to be generous.
REFUSAL_PATTERN = re.compile(
    r"(?:\bnot|n['\u2019]t)\s+(?:covered|cover|in the collection|answer|have|contain|include)"
    r"|\bno (?:relevant |matching )?papers?\b|\bcannot answer\b|\bcan['\u2019]t answer\b"
    r"|\boutside (?:the|this|my) collection\b",
    re.I,
)


@dataclass
class Question:
    """One gold question (one line of a questions ``.jsonl`` file)."""

    qid: str
    kind: str
    question: str
    gold: list[str]
    partial: list[str] = field(default_factory=list)
    answer_regex: str | None = None
    note: str = ""


@dataclass
class QuestionScore:
    """The metrics of one answer; a metric is ``None`` when it does not apply to the question."""

    qid: str
    kind: str
    question: str
    cited: list[str]  # deduplicated, answer order
    gold: list[str]
    partial: list[str]
    recall: float | None
    precision: float | None
    mrr: float | None
    regex_hit: bool | None
    refusal_correct: bool | None  # unanswerable (empty gold) only
    false_refusal: bool | None  # answerable (non-empty gold) only
    latency_ms: float
    reasons: list[str] = field(default_factory=list)  # empty when the answer is fully right

    @property
    def failed(self) -> bool:
        """True when the answer fell short on any applicable metric (or answer_fn raised)."""
        return bool(self.reasons)


def _field_error(path: Path, lineno: int, msg: str) -> ConfigError:
    return ConfigError(f"{path}:{lineno}: {msg}")


def _str_list(path: Path, lineno: int, obj: dict, key: str) -> list[str]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _field_error(path, lineno, f"'{key}' must be a list of non-empty paper id strings, got {value!r}")
    return list(value)


def load_questions(path: str | Path) -> list[Question]:
    """Read and validate a gold questions .jsonl file; raise ConfigError naming file:line on any problem."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"Cannot read questions file {path}: {exc}") from exc
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue  # tolerate blank lines (trailing newline, visual grouping)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _field_error(path, lineno, f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(obj, dict):
            raise _field_error(path, lineno, "expected a JSON object with qid, kind, question, gold")
        for key in ("qid", "kind", "question", "gold"):
            if key not in obj:
                raise _field_error(path, lineno, f"missing field '{key}'")
        for key in ("qid", "kind", "question"):
            if not isinstance(obj[key], str) or not obj[key].strip():
                raise _field_error(path, lineno, f"'{key}' must be a non-empty string, got {obj[key]!r}")
        qid = obj["qid"]
        if qid in seen:
            raise _field_error(path, lineno, f"duplicate qid '{qid}' (first on line {seen[qid]})")
        seen[qid] = lineno
        gold, partial = _str_list(path, lineno, obj, "gold"), _str_list(path, lineno, obj, "partial")
        if obj["kind"] == "unanswerable" and gold:
            raise _field_error(path, lineno, "an 'unanswerable' question must have empty 'gold'")
        regex = obj.get("answer_regex")
        if regex is not None:
            if not isinstance(regex, str) or not regex:
                raise _field_error(path, lineno, f"'answer_regex' must be a string or null, got {regex!r}")
            try:
                re.compile(regex, re.I)
            except re.error as exc:
                raise _field_error(path, lineno, f"'answer_regex' is not a valid Python regex: {exc}") from exc
        note = obj.get("note") or ""
        questions.append(Question(qid, obj["kind"], obj["question"], gold, partial, regex, str(note)))
    return questions


def score_answer(q: Question, ans: Answer, latency_ms: float) -> QuestionScore:
    """Score one answer per the gold README.

    Cited ids are deduplicated keeping first occurrence, so citing a paper twice counts once and MRR ranks
    distinct papers. Unanswerable means empty gold: correct iff zero citations, ``ans.refused`` and the text
    matches ``REFUSAL_PATTERN``. On answerable questions a false refusal is exactly ``ans.refused is True``
    (an answer that merely cites nothing is scored by recall, not counted as a refusal).
    """
    cited = list(dict.fromkeys(ans.cited_ids))
    gold, ok = set(q.gold), set(q.gold) | set(q.partial)
    recall = mrr = precision = None
    regex_hit = refusal_correct = false_refusal = None
    reasons: list[str] = []
    if q.gold:
        recall = len(gold.intersection(cited)) / len(gold)
        first = next((i for i, pid in enumerate(cited, 1) if pid in gold), None)
        mrr = 1.0 / first if first else 0.0
        false_refusal = bool(ans.refused)
        if recall < 1:
            reasons.append("missed gold")
        if false_refusal:
            reasons.append("false refusal")
    else:
        explicit = bool(ans.refused) and bool(REFUSAL_PATTERN.search(ans.text or ""))
        refusal_correct = not cited and explicit
        if cited:
            reasons.append("cited papers on an unanswerable question")
        elif not explicit:
            reasons.append("no explicit refusal" if not ans.refused else "refused without saying the collection does not cover it")
    if cited:
        precision = sum(pid in ok for pid in cited) / len(cited)
        if precision < 1 and q.gold:  # on unanswerable questions the reason above already says it
            reasons.append("cited non-gold")
    if q.answer_regex is not None:
        regex_hit = bool(re.search(q.answer_regex, ans.text or "", re.I))
        if not regex_hit:
            reasons.append("regex miss")
    return QuestionScore(q.qid, q.kind, q.question, cited, list(q.gold), list(q.partial), recall, precision,
                         mrr, regex_hit, refusal_correct, false_refusal, float(latency_ms), reasons)


def _mean(values: list) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def _percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def _aggregate(scores: list[QuestionScore]) -> dict:
    out: dict = {"n": len(scores)}
    out["recall"] = _mean([s.recall for s in scores])
    out["precision"] = _mean([s.precision for s in scores])
    out["mrr"] = _mean([s.mrr for s in scores])
    out["regex_hit"] = _mean([s.regex_hit for s in scores])
    out["refusal_accuracy"] = _mean([s.refusal_correct for s in scores])
    out["false_refusal"] = _mean([s.false_refusal for s in scores])
    return out


def _round(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value


@dataclass
class Report:
    """Aggregated metrics: per kind, micro-averaged overall, latency percentiles and the failed questions."""

    overall: dict
    kinds: dict[str, dict]
    latency_ms: dict
    failures: list[dict]
    scores: list[QuestionScore] = field(default_factory=list)

    @property
    def unknown_kinds(self) -> list[str]:
        """Kinds in the questions that the gold README does not define (reported, never rejected)."""
        return [k for k in self.kinds if k not in KNOWN_KINDS]

    def to_json(self) -> dict:
        """A JSON-ready dict with exactly the keys overall, kinds, latency_ms, failures (floats to 4 places)."""
        return {
            "overall": _round(self.overall),
            "kinds": {k: _round(v) for k, v in self.kinds.items()},
            "latency_ms": _round(self.latency_ms),
            "failures": [dict(f) for f in self.failures],
        }

    def to_table(self) -> str:
        """A fixed-width text table of kinds x metrics, then latency, then one compact line per failure."""
        heads = ["kind", "n", "recall", "prec", "mrr", "regex", "refusal", "false_ref"]
        rows = [[k + (" *" if k not in KNOWN_KINDS else ""), str(v["n"])] + [_fmt(v[m]) for m in METRICS]
                for k, v in self.kinds.items()]
        rows.append(["overall", str(self.overall["n"])] + [_fmt(self.overall[m]) for m in METRICS])
        widths = [max(len(r[i]) for r in rows + [heads]) for i in range(len(heads))]
        line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
        out = [line(heads), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
        if self.unknown_kinds:
            out.append(f"* kind not one of {', '.join(sorted(KNOWN_KINDS))}: scored, but its own row only")
        out.append(f"latency p50 {_fmt_ms(self.latency_ms['p50'])}  p95 {_fmt_ms(self.latency_ms['p95'])}")
        out.append(f"failures: {len(self.failures)}")
        for f in self.failures:
            extra = f"  missing={','.join(f['missing'])}" if f["missing"] else ""
            extra += f"  extra={','.join(f['extra'])}" if f["extra"] else ""
            out.append(f"  {f['qid']}: {f['reason']}{extra}")
        return "\n".join(out)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _fmt_ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def _failure(s: QuestionScore) -> dict:
    ok = set(s.gold) | set(s.partial)
    return {
        "qid": s.qid, "kind": s.kind, "question": s.question, "cited": list(s.cited), "gold": list(s.gold),
        "partial": list(s.partial), "missing": [g for g in s.gold if g not in s.cited],
        "extra": [c for c in s.cited if c not in ok], "reason": "; ".join(s.reasons),
    }


def summarize(scores: list[QuestionScore]) -> Report:
    """Aggregate per kind (README kinds first, then unknown kinds in order of appearance) and overall."""
    by_kind: dict[str, list[QuestionScore]] = {}
    for s in scores:
        by_kind.setdefault(s.kind, []).append(s)
    order = [k for k in KNOWN_KINDS if k in by_kind] + [k for k in by_kind if k not in KNOWN_KINDS]
    latencies = [s.latency_ms for s in scores]
    return Report(
        overall=_aggregate(scores),  # micro average: every applicable question weighs the same
        kinds={k: _aggregate(by_kind[k]) for k in order},
        latency_ms={"p50": _percentile(latencies, 50), "p95": _percentile(latencies, 95)},
        failures=[_failure(s) for s in scores if s.failed],
        scores=list(scores),
    )


def run_eval(questions: list[Question], answer_fn: Callable[[str], Answer], *,
             progress: Callable[[int, int], None] | None = None) -> Report:
    """Ask every question, time each call, score and summarize; progress(done, total) after each question."""
    scores: list[QuestionScore] = []
    for i, q in enumerate(questions, 1):
        start = time.perf_counter()
        error = None
        try:
            ans = answer_fn(q.question)
        except Exception as exc:  # one broken question must not cost the whole run
            error = f"error: {exc}" if str(exc) else f"error: {type(exc).__name__}"
            ans = Answer(text="", citations=[], refused=False)
        latency = (time.perf_counter() - start) * 1000.0
        score = score_answer(q, ans, latency)
        if error:
            score.reasons.insert(0, error)
        scores.append(score)
        if progress is not None:
            progress(i, len(questions))
    return summarize(scores)


def _compare_rows(reports: dict[str, Report]) -> list[tuple[str, list[str]]]:
    kinds: list[str] = []
    for r in reports.values():
        kinds += [k for k in r.kinds if k not in kinds]
    labels = {"recall": "recall", "precision": "precision", "regex_hit": "regex hit", "refusal_accuracy": "refusal acc"}
    rows = [("questions", [str(r.overall["n"]) for r in reports.values()])]
    for kind in kinds:
        stats = [r.kinds.get(kind) for r in reports.values()]
        # Show only metrics that apply to the kind somewhere; precision on unanswerable is noise (always 0).
        has_gold = any(s and s["recall"] is not None for s in stats)
        for metric in ("recall", "precision", "regex_hit", "refusal_accuracy"):
            if metric == "precision" and not has_gold:
                continue
            if any(s and s[metric] is not None for s in stats):
                rows.append((f"{kind} {labels[metric]}", [_fmt(s[metric]) if s else "—" for s in stats]))
    for metric, label in (("recall", "recall"), ("precision", "precision"), ("mrr", "MRR"),
                          ("refusal_accuracy", "refusal acc"), ("false_refusal", "false refusal")):
        rows.append((f"**overall {label}**", [_fmt(r.overall[metric]) for r in reports.values()]))
    for p in ("p50", "p95"):
        rows.append((f"latency {p}", [_fmt_ms(r.latency_ms[p]) for r in reports.values()]))
    return rows


def compare_table(reports: dict[str, Report]) -> str:
    """A markdown table for RESULTS.md: one column per system, one row per (kind, metric), then overall."""
    names = list(reports)
    out = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    out += ["| " + label + " | " + " | ".join(cells) + " |" for label, cells in _compare_rows(reports)]
    return "\n".join(out)


def compare_json(reports: dict[str, Report]) -> dict:
    """Every system's full ``to_json()`` keyed by system name, in the given order."""
    return {name: report.to_json() for name, report in reports.items()}
