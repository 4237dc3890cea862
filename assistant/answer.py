"""Grounded answer composition: every statement is a sentence from a retrieved paper, with its citation.

The shape follows the question: a complete list with a count for metadata questions, one line per paper
for "which papers...", problem/method/result sentences for "what does X do?", the sentence holding the
number for a factual question. When nothing in the collection answers, it says so and cites nothing.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .chunks import split_sentences
from .clean import WELL_KNOWN, institution_aliases, title_name
from .crosslingual import translate_terms
from .query import (ACADEMIC, ALL_PAPERS, CODE_STATEMENT, CODE_WORDS, DATES_UNRECORDED, EFFECT_WORDS, GPU_MODEL,
                    gpu_name, LIST_CUES, MEASURES,
                    ONE_SENTENCE, OVERVIEW_CUES, READ_LANGUAGES, STOPWORDS, STRONG_FACT_CUES, WHAT_THEY_DO,
                    institution_side, as_typed, newest_first, non_latin_share, other_latin_language, singular,
                    states_unrecorded, unread_script, unrecorded_note)
from .retrieve import KEPT_LEAST, SYSTEM_KINDS, Retrieval, ScoredPaper, _edits, _stem, tokenize
from .schema import Answer, Citation, Paper, sources_block
from .themes import FEWEST_TO_GROUP

REFUSAL_HEAD = "The collection does not cover this question:"
REFUSAL_TEXT = REFUSAL_HEAD + " no indexed paper answers it."


@dataclass
class Thresholds:
    """Calibrated on the dev and tune questions (benchmarks/questions, results in benchmarks/RESULTS.md); per
    question kind, never per question, and never on the held-out set."""

    refuse_dense: float = 0.25  # best-chunk cosine below this: nothing in the collection resembles the question
    refuse_dense_known: float = 0.2  # ...but a question whose words are all the collection's own, only below this
    refuse_dense_foreign: float = 0.24  # a question in another language: its best paper's e5 score below this
    short_question_words: int = 8  # for questions this short, words the collection never uses are telling
    refuse_unknown_share: float = 0.34  # ...refuse when this share of them is unknown to the collection
    confident_dense: float = 0.5  # ...unless a chunk matches this well anyway
    # ...(for a short question with words the collection never uses: the eval sets' such unanswerable questions
    # reach 0.31, while "whether models cave in when users pressure them to agree ..." reaches Parrot at 0.49)
    unknown_confident_dense: float = 0.4
    # ...and with any word the collection never uses, when no chunk matches even this well ("which papers cover
    # hallucination detection?" reaches 0.28, "silicon photonics or optical interconnects" 0.33; the eval sets'
    # short answerable questions with such a word reach 0.34 and more)
    unknown_weak_dense: float = 0.33
    list_ratio: float = 0.7  # list answers cite papers scoring at least this fraction of the best one
    alternatives_gap: float = 0.2  # ...of the runner-up, when the question lists alternatives and the best leads by this
    acronym_ratio: float = 0.65  # ...and of the acronym's papers, when other topic words narrow it
    rare_ratio: float = 0.6  # ...and of the papers writing its rare topic word (``Retrieval.rare_word_papers``)
    # a list asked by examples no paper names is refused when no chunk matches it this well (``unknown_examples``)
    example_dense: float = 0.5
    single_margin: float = 0.02  # single-paper answers add a runner-up only when this close
    author_paper_dense: float = 0.15  # an author's one paper, asked for by a description, resembles it this much


_WHOLE_TOPIC = 0.999  # a concept coverage this high holds every concept of the question's topic
_FEW_FILTERED = 40  # filters leaving at most this many papers (a venue of a few): each holding the topic is listed


def _words(paper: Paper) -> set[str]:
    return {singular(t) for t in tokenize(f"{paper.title} {paper.abstract}")}


def _title_name(title: str) -> str:
    """The lower-cased name a title opens with ("kitty" of "Kitty: Accurate ..."), else ""."""
    return title_name(title).lower()


# "What GPU was used in the Kitty paper?": a question for a kind of thing its text may not name at all; the
# answer then says so rather than quote its nearest sentences as if they answered. (What a text names it by.)
_GPU_NAMES = (r"gpus?|graphics processing units?|[abhv]100s?|h200s?|g?b200s?|gb300s?|gh200s?|l40s?|a6000s?|"
              r"mi\d{3}x?|rtx|hopper|blackwell|ampere|grace")
_ASKED_KIND = re.compile(r"^\W*(?:on |in |with )?(?:what|which)\s+(?:kinds? of |types? of )?"
                         r"(gpus?|hardware|accelerators?|datasets?|benchmarks?)\b", re.I)
_KIND_NAMES = {
    "gpu": _GPU_NAMES,
    "hardware": _GPU_NAMES + r"|cpus?|tpus?|fpgas?|asics?|accelerators?|chips?|npus?|rdus?|hardware|devices?|phones?"
                r"|microcontrollers?|wafer|sram|hbm|dram|cluster",
    "accelerator": _GPU_NAMES + r"|tpus?|fpgas?|asics?|accelerators?|npus?|rdus?",
    "dataset": r"datasets?|corpus|corpora|benchmarks?|traces?",
    "benchmark": r"benchmarks?|datasets?|suites?|tasks",
}


# "What are the limitations of Kitty?", "what future work does Stream2LLM suggest?": what an abstract seldom says
_ASKED_OWN = re.compile(r"\b(limitations?|drawbacks?|weakness(?:es)?|shortcomings?|caveats?|future (?:work|research|"
                        r"directions?))\b", re.I)
_OWN_NAMES = {
    # its own, said so: "a limitation of our approach", "we discuss its limitations" (abstracts seldom do)
    "limitation": r"(?:our|this|its) (?:approach|method|system|work|design|paper)(?:'s)? (?:limitations?|drawbacks?|"
                  r"weakness(?:es)?)|(?:limitations?|drawbacks?|caveats?) of (?:our|this|the proposed)|we (?:note|"
                  r"acknowledge|discuss|identify) (?:the |its |some |several )?(?:limitations?|caveats?)",
    "future work": r"future (?:work|research|directions?)|we leave|left for future|we plan to|next steps?|"
                   r"open (?:problems?|questions?)",
}


_NAME_NO = {"limitation": "state no limitation of its own"}
# "What throughput does SHIP reach?": a measure, which a text states as a figure in the sentence naming it
# ("what search latency speedup does Hippocampus report?", "what exact speedup did EAGLE-3 reach?": a word or two
# before it)
_ASKED_MEASURE = re.compile(r"^\W*(?:what|which)\s+(?:is\s+the\s+|are\s+the\s+)?(?:(?:peak|maximum|max|end-to-end|"
                            r"overall|exact|(?!(?:kinds?|types?|sorts?|of)\b)[a-z]+)\s+){0,2}?"
                            r"(throughput|speedups?|latency|accuracy|memory savings?|energy savings?)\b"
                            r"(?!\s+(?:of\s+)?(?:papers?|works?|systems?)\b)", re.I)
# (broad: a sentence with a figure and any of these words is quoted; that a paper gives no figure is said only
# when none has one, so "18.5% speed-up in Time To First Token" counts for latency, "93.6% quality" for accuracy)
# hardware a question asks the work to run on, which few papers name ("on Google TPU pods", "on FPGAs")
_HW_NAME = (r"(?:TPUs?|FPGAs?|NPUs?|IPUs?|Trainium|Inferentia|Gaudi|Ascend|MTIA|"
            # ("on RISC-V vector CPUs", "on a Raspberry Pi", "on SambaNova or Groq hardware")
            r"RISC-V|Raspberry Pis?|Jetsons?|Cerebras|Graphcore|Groq|SambaNova)")
_ON_HARDWARE = re.compile(r"\b(?:on|using|with|targeting)\s+(?:an?\s+)?"
                          r"(?:(?:google|aws|amazon|intel|huawei|meta)(?:['’]s)?\s+)?"
                          rf"({_HW_NAME})\b", re.I)
_HW_NAMES = re.compile(rf"(?<![\w-])({_HW_NAME})(?![\w-])", re.I)
# "11×", "2.1x", "2.35 times higher": the whole number (a lone digit missed "11×")
_TIMES = (r"\d+(?:\.\d+)?\s*(?:×|x(?!\w)|times (?:higher|faster|more|lower|less|better|greater|larger|smaller|"
          r"fewer))")
_FASTER = r"speed-?ups?|faster|speeds? up|" + _TIMES
# each measure's own names, which a "how much" question names it by (in this order: "by how much does BEAM cut
# energy?", "how much memory does Kitty save?"; a speed-up when none is named)...
_MEASURE_OWN = {
    "latency": r"latenc(?:y|ies)|ttft|tpot|time[- ]to[- ]first[- ]token|response time",
    "throughput": r"throughput|goodput",
    "energy saving": r"energy|power",
    "memory saving": r"memory|footprint",
    "accuracy": r"accura(?:cy|te)",
}
# ...and all the words a sentence stating its figure may use
_MEASURE_NAMES = {
    "throughput": _MEASURE_OWN["throughput"] + r"|tokens?/s|tok/s|qps|tps|fps|per second|requests|tokens|samples|"
                  r"frames|images|" + _FASTER,
    # (a time is how fast too: "How quickly can TransferEngine push RL weight updates?" -- "in 1.3 seconds")
    "speedup": _FASTER + r"|seconds?|secs?|ms|milliseconds?|minutes?|mins?|hours?",
    "latency": _MEASURE_OWN["latency"] + r"|tail|p9\d|delay|" + _FASTER,
    "accuracy": _MEASURE_OWN["accuracy"] + r"|quality|precision|recall|f1|error|loss|perplexity|scores?",
    "memory saving": _MEASURE_OWN["memory saving"] + r"|storage|size|smaller|" + _TIMES,
    "energy saving": _MEASURE_OWN["energy saving"] + r"|watts?|joules?",
    "overhead": r"overheads?|slowdown",
}
# "how much faster is SwiftFusion?", "how fast is Echo?", "by how much does BEAM cut energy?", "how much memory
# does Kitty save?": the same measures asked by their size; the measure is the first named (else a speed-up)
# ("up to how many times the throughput ... does HetRL deliver?" asks its figure too)
_BY_HOW = r"^\W*(?:(?:by|up\s+to)\s+)?how\s+"
_TIME_UNITS = r"seconds|secs|minutes|mins|hours|ms|milliseconds|microseconds"
_HOW_MUCH = re.compile(_BY_HOW + rf"(?:much|many\s+times|many\s+(?:{_TIME_UNITS})|fast|quick(?:ly)?|far)\b", re.I)
# "what models does Kitty evaluate on?", "which LLMs did BatchLLM test?": the models a paper's experiments ran, which
# a text names by family or size ("Qwen3, LLaMA3", "a 70B model")
_ASKED_MODELS = re.compile(r"^\W*(?:on |with )?(?:what|which)\s+(?:llms?|(?:language |base |foundation )?models?|"
                           r"model famil(?:y|ies))\s+(?:does|did|do|is|are|was|were)\b.*\b(?:evaluat\w*|test\w*|"
                           r"benchmark\w*|experiment\w*|run|runs|ran|use|uses|used)\b", re.I)
_MODEL_NAMES = (r"llama[-\w.]*|qwen[-\w.]*|gpt-?[\d.o]+\w*|mistral|mixtral|deepseek[-\w]*|gemma[-\w]*|phi-?\d\w*|"
                r"opt-\d+\w*|bert|vicuna|falcon|olmo|gemini|claude|\d+(?:\.\d+)?[bm]|model famil(?:y|ies)")
# "what model size did they test FP8-Flow-MoE on?", "how big were the models?": a size, written "671B-parameter"
_ASKED_SIZE = re.compile(r"^\W*(?:on |with )?(?:what|which)\s+model\s+sizes?\b|"
                         r"^\W*how (?:big|large)\s+(?:(?:a|the|is the|was the|were the|are the)\s+)?models?\b", re.I)
_SIZE_NAMES = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*-?\s*[BMT](?![a-z])|\bparameters?\b|\bparams\b")
# "how many GPUs did AXLearn use?": a count of hardware, which a text gives as a number before its name
_ASKED_COUNT = re.compile(r"^\W*how many\s+(gpus?|nodes?|accelerators?|chips?|tpus?|devices?|machines?|servers?)\b",
                          re.I)


def asked_kind(question: str) -> tuple[str, re.Pattern | None]:
    """The kind of thing ``question`` asks for ("GPU", "limitation") and what a text names it by, else ("", None)."""
    m = _ASKED_KIND.match(question)
    if m:
        kind = singular(m.group(1).lower())
        return ("GPU" if kind == "gpu" else kind), re.compile(rf"\b({_KIND_NAMES[kind]})\b", re.I)
    if _ASKED_SIZE.match(question):
        return "model size", _SIZE_NAMES
    if _ASKED_MODELS.match(question):
        return "model", re.compile(rf"\b({_MODEL_NAMES})\b", re.I)
    m = _ASKED_COUNT.match(question)
    if m:
        unit = singular(m.group(1).lower())
        unit_names = _GPU_NAMES if unit == "gpu" else rf"{unit}s?"
        return (f"number of {unit.upper() if unit in ('gpu', 'tpu') else unit}s",
                re.compile(rf"\b(\d[\d,.]*\s*k?|thousands|hundreds|tens|dozens)\s+(of\s+)?([\w-]+\s+){{0,2}}"
                           rf"({unit_names})\b", re.I))
    m = _ASKED_MEASURE.match(question)
    how_much = _HOW_MUCH.match(question) if not m else None
    if m or how_much:
        kind = singular(m.group(1).lower()) if m else next(
            (kind for kind, names in _MEASURE_OWN.items() if re.search(rf"\b(?:{names})", question, re.I)), "")
        # "how much faster is X?" is a speedup; "how much communication overlap does X achieve?" names its own
        # measure, which the best sentence for the question's words states (it had been narrowed to "speed-up")
        if not kind and re.search(rf"{_BY_HOW}(?:fast|quick|many\s+times|many\s+(?:{_TIME_UNITS}))|\b(?:{_FASTER})",
                                  question, re.I):
            kind = "speedup"
        if kind:
            return f"{kind} figure", _figure_of(kind)
    asks = re.match(r"^\W*(what|which|does|do|did|are|is|any|list|name)\b", question, re.I)
    m = _ASKED_OWN.search(question) if asks else None
    if m:
        kind = "future work" if m.group(1).lower().startswith("future") else "limitation"
        return kind, re.compile(rf"\b({_OWN_NAMES[kind]})\b", re.I)
    return "", None


def _figure_of(kind: str) -> re.Pattern:
    """A sentence stating a figure for measure ``kind``: a number that is not an enumeration's "(1)", and one of
    the measure's words."""
    figure = r"(?=.*(?<![(\d.])\d+(?:\.\d+)?(?![\d)]))"
    return re.compile(rf"^{figure}(?=.*(?<!\w)(?:{_MEASURE_NAMES[kind]}))", re.I | re.S)


def _sentence_score(sentence: str, terms: dict[str, float], idf: dict[str, float], want_number: bool,
                    toks: set[str] | None = None) -> float:
    toks = {_stem(t) for t in tokenize(sentence)} if toks is None else toks
    score = sum(w * idf.get(t, 1.0) for t, w in terms.items() if t in toks)
    if want_number and re.search(r"\d", sentence):
        score += 2.0 + (1.0 if re.search(r"\d\s*(%|×|x\b|times)", sentence) else 0.0)
    return score


def proper_names(text: str) -> frozenset[str]:
    """The stems of the names a question writes with a capital inside a word or after its first one ("Llama",
    "Qwen", "vLLM"), not all-capital acronyms (a topic's "KV", "MoE" are in every sentence on it anyway)."""
    words = re.findall(r"[A-Za-z][\w.-]*", text)
    return frozenset(_stem(t) for i, w in enumerate(words) if (i > 0 and w[0].isupper() or re.search(r"[a-z][A-Z]", w))
                     and not w.isupper() and not re.fullmatch(r"[A-Z][a-z]?[A-Z]+s?", w) for t in tokenize(w))


def best_sentences(sp: ScoredPaper, sentences: list[str], terms: dict[str, float], idf: dict[str, float],
                   want_number: bool = False, n: int = 1, contribution: bool = False,
                   names: frozenset[str] = frozenset(), need_number: bool = False,
                   context: bool = False, effect: bool = False, counted: str = "") -> list[str]:
    """The ``n`` sentences of a paper that best support the answer (in the paper's order); with
    ``contribution``, preferably one that says what the paper does ("We propose X, ...") over the problem
    it starts from ("The KV cache is a dominant memory bottleneck")."""
    if not sentences:
        return [sp.paper.title]
    lo, hi = sp.best_chunk_sentences
    name = _title_name(sp.paper.title)
    toks = [{_stem(t) for t in tokenize(s)} for s in sentences]
    # "... and by how much?": a sentence stating a figure, on the question's words if one is, when the paper has one
    figures = {i for i, s in enumerate(sentences) if _FIGURE.search(s)} if need_number else set()
    numeric = {i for i in figures if terms.keys() & toks[i]} or figures
    # asked for a number, every sentence of Stream2LLM is about Stream2LLM: the words of its title tell none apart
    # ("the speedup of layered prefill" is not the sentence on chunked prefill's overhead); otherwise a sentence
    # naming it is often the one saying what it does
    if want_number:
        own = {_stem(t) for t in tokenize(sp.paper.title)}
        terms = {t: w for t, w in terms.items() if t not in own} or terms
    topic = {t for t in terms if not EFFECT_WORDS.match(t)}
    # a name the question asks about ("which papers use Llama 3?"): the sentence saying what the paper does is
    # preferred among those naming it, or the quote does not show why the paper is cited
    used = [t for t in names if t in terms and any(t in held for held in toks)] if contribution else []
    key = max(used, key=lambda t: (terms[t] * idf.get(t, 1.0), t)) if used else None
    scored = []
    for i, s in enumerate(sentences):
        bonus = 0.5 if lo <= i <= hi else 0.0
        if numeric and i not in numeric:
            bonus -= 100.0
        if key is not None and key not in toks[i]:
            pass
        elif contribution and _METHOD.search(s):
            bonus += 3.0
        elif contribution and name and len(name) <= 40 and name in s.lower():  # what X does, if no "we propose"
            bonus += 2.0
        # "how many models were evaluated?": the number of them ("We evaluated 22 models"), not a sentence on the
        # question's other words
        # (a number may carry its magnitude: "scales to 30K GPUs"; and "graphics cards" are the papers' GPUs)
        if counted and re.search(rf"\d[\d,.]*[kKmM]?\+?\s+(?:[\w-]+\s+){{0,2}}"
                                 rf"{'(?:gpu|graphics card)' if counted == 'card' else re.escape(counted)}", s, re.I):
            bonus += 3.0
        # where the code is ("The source code of TOKENBLEND is available at https://...") supports no claim but
        # the one a question about its release makes (not "LLMs that write systems code")
        if not _ASKS_RELEASE & terms.keys() and CODE_STATEMENT.search(s):
            bonus -= 5.0  # (its link's words match too: "Consistency_DLM" for "diffusion language models")
        if want_number and _RESULT_VERB.search(s):  # a number the paper achieves, not one of the problem's
            bonus += 0.5
            # ...on the topic asked ("SuperInfer improves TTFT SLO attainment by up to 74.7%", not the problem
            # sentence writing TTFT and its long form)
            if effect and _FIGURE.search(s) and topic & toks[i]:
                bonus += 2.0
        scored.append((_sentence_score(s, terms, idf, want_number, toks[i]) + bonus - 0.01 * i, i))
    picked = sorted(i for _, i in sorted(scored, reverse=True)[:n])
    return _standalone(sentences, picked, context)


def _asked_most(question: str, terms: dict[str, float]) -> dict[str, float]:
    """``terms`` with those of the sentence asking for a fact weighing most, when earlier sentences describe the paper
    ("A colleague mentioned a paper from eBay about a framework that automates model compression ... What GPU
    throughput improvement did they report?": the description had picked OptiKIT's "We present" sentence)."""
    # (or its clause after a dash: "The secure aggregation protocol where a small committee of clients aggregates -
    # what previous best protocol do they beat?")
    # (or after a colon: "Grolar (pipeline-efficient ZeRO data parallelism ...): was its training throughput gain
    # about 5x?")
    parts = [p for p in re.split(r"(?<=[.!?])\s+|\s[-–—]+\s+|(?<=\w|\))\s*:\s+", question.strip()) if p]
    asked = {_stem(t) for t in tokenize(parts[-1])} if len(parts) > 1 and "?" in parts[-1] else set()
    if not asked & terms.keys():
        return terms
    return {t: w if t in asked else w * 0.3 for t, w in terms.items()}


# (the words of a question about code release, but those a question on other things writes too: "LLMs that write
# systems code", "source of the speedup", "shared prefixes")
_ASKS_RELEASE = frozenset(_stem(w) for w in CODE_WORDS) - {_stem(w) for w in (
    "code", "codes", "source", "implementation", "make", "made", "provide", "link", "open", "share", "shared")}
# ("how many PyTorch ATen operators did TritorX ...?": the operators, counted past the words before them)
# (or last: "the kernel uses how many SMs?")
_HOW_MANY = re.compile(r"\bhow many\s+(?:[\w-]+\s+){0,2}?([a-z]{2,}?)s?\b"
                       r"(?=\s+(?:were|was|are|is|did|do|does|\w+ed)\b|\s*\?+\s*$)", re.I)
_HOW_WHY = re.compile(r"^\W*(how|why|in what way)\b", re.I)
_METHOD = re.compile(r"\b(we (propose|present|introduce|design|build|develop)|this (paper|work) (proposes|presents|introduces))\b", re.I)
_RESULT_VERB = re.compile(r"\b(reduc|lower|improv|speed|faster|outperform|achiev|higher|gain|sav|cut)\w*", re.I)
_ASKS_CONTRIBUTION = re.compile(r"\b(propos|introduc|present|develop|design|creat)\w*\b", re.I)
# "what does MoEBlaze propose and how fast is it?": what it proposes, and a figure
_ASKS_BOTH = re.compile(r"\b(propos|introduc|present|do|does)\w*\b.*\band\s+(how|by how|what)\b", re.I)
# "how does Stream2LLM reduce TTFT?": how it does it, then by how much (the figure alone does not say how)
_ASKS_HOW = re.compile(r"^\W*how\s+(?:does|do|did|can|could|is|are|was|were)\b", re.I)
_FIGURE = re.compile(r"\d(\.\d+)?\s*(%|×|x\b|times\b)", re.I)
# "how much does X reduce Y?", "by how much is it faster?": an effect's size, which a % or × figure states
_ASKS_EFFECT_FIGURE = re.compile(r"\bhow much\b.*\b(?:reduc|lower|cut|sav|speed|faster|improv|increas|boost|shrink|"
                                 r"smaller|less|more)|\bby how much\b|"
                                 # "by what factor does LEANN shrink ...?", "what share of the bandwidth do GPUs use?",
                                 # "what follow rate did GPT-4 show?"
                                 r"\b(?:by )?what (?:factor|margin|percentage)\b|\bhow many-?fold\b|"
                                 r"\bwhat (?:[\w-]+ )?(?:share|fraction|proportion|portion|rate)\b|"
                                 # "what TTFT improvement does Stream2LLM report?": its "up to 11× TTFT improvements"
                                 r"\bwhat (?:[\w-]+ ){0,2}(?:improvement|speed-?up|reduction|gain|saving|boost|"
                                 r"increase|decrease|drop|cut|slowdown|overhead) (?:does|did|do|is|was|were|are)\b",
                                 re.I)
_RESULT = re.compile(r"\d(\.\d+)?\s*(%|×|x\b|times)|\b(outperform|achiev|improv|reduc|speed)", re.I)


def describe_sentences(paper: Paper, sentences: list[str], one: bool = False, summary: str = "") -> list[str]:
    """Problem, method and result sentences of a paper, in its own order ("what does X do?"); with ``one``, the
    method sentence alone. A digest's ``summary`` line, which opens its sentences, says what the paper does when
    no sentence says "we propose"."""
    if len(sentences) <= (1 if one else 3):
        return sentences or [paper.title]
    name = _title_name(paper.title)
    method = next((i for i, s in enumerate(sentences) if _METHOD.search(s)), None)
    if method is None and name:
        method = next((i for i, s in enumerate(sentences) if name in s.lower()), None)
    if method is None and summary and summary.startswith(sentences[0]):
        method = 0  # ("summarize S2O in one sentence" had quoted "Attention scales quadratically ...")
    method = 1 if method is None else method
    if one:
        return _standalone(sentences, [method])
    result = next((i for i in range(len(sentences) - 1, method, -1) if _RESULT.search(sentences[i])), None)
    picked = sorted({0 if method > 0 else None, method, result} - {None})
    return _standalone(sentences, picked, context=True)


# "To address these challenges, we propose RAGInfer, ...": quoted without the sentence it answers, the opener
# points at nothing shown; the rest of the sentence says the same on its own
_DANGLING_OPENER = re.compile(r"^To (?:address|tackle|overcome|solve|mitigate|bridge|fill|close|alleviate|resolve|"
                              r"remedy|handle|fix) (?:these|this|such|both|those|the above)\b[^,]{0,60},\s+"
                              r"(?=(?:we|our)\b)", re.I)


# "Kitty addresses these issues by ...": what the issues are is the sentence before, quoted with it (when short);
# not "We present MoEBlaze, a framework that addresses these issues ...", which says what it is on its own
_POINTS_BACK = re.compile(r"^\W*\S+(?: \S+)? (?:address|tackl|solv|overcom|mitigat|resolv)\w* (?:these|this|such|both|"
                          r"the above) (?:issues?|problems?|challenges?|limitations?|gaps?|bottlenecks?)\b", re.I)
_POINTED_AT_MAX = 300  # characters of the sentence quoted before one that points back at it


def _summary_of(sentences, paper_id: str) -> str:
    """A digest paper's summary line (``retrieve.Sentences.summary_of``), or "" of sentences without summaries."""
    return sentences.summary_of(paper_id) if hasattr(sentences, "summary_of") else ""


def _apart(quotes: list[str], sentences: list[str]) -> list[str]:
    """``quotes`` (in the paper's order) with "… " before one the abstract does not write right after the one
    before it: two sentences apart had been quoted as if one followed the other."""
    out: list[str] = []
    for q in quotes:
        if out and not q.startswith("…") and _position(q, sentences) != _position(out[-1], sentences) + 1:
            q = "… " + q
        out.append(q)
    return out


def _position(quote: str, sentences: list[str]) -> int:
    """Where a quote (a sentence, one trimmed of its opener, or two) ends in its paper's sentences."""
    return next((i for i, s in enumerate(sentences) if quote.endswith(s) or s.endswith(quote.lstrip("…"))), 0)


def _standalone(sentences: list[str], picked: list[int], context: bool = False) -> list[str]:
    """The ``picked`` sentences as quoted: one whose opener refers to the sentence before it in the abstract drops
    that opener when that sentence is not quoted just before it, marked as trimmed ("…we propose RAGInfer, ...");
    with ``context`` (an answer about one paper, not a list's line), one that addresses "these issues" is quoted
    after the sentence naming them."""
    out = []
    for i in picked:
        text = sentences[i]
        if i - 1 not in picked and (m := _DANGLING_OPENER.match(text)):
            text = "…" + text[m.end():]
        elif context and i > 0 and i - 1 not in picked and _POINTS_BACK.match(text) \
                and len(sentences[i - 1]) <= _POINTED_AT_MAX:
            text = sentences[i - 1] + " " + text
        elif context and out and i - 1 not in picked and not text.startswith("…"):
            text = "… " + text  # sentences the abstract does not write one after the other are not quoted as if it did
        out.append(text)
    return out


def _coverage(paper: Paper, terms: dict[str, float]) -> float:
    if not terms:
        return 0.0
    toks = {_stem(t) for t in tokenize(f"{paper.title} {paper.abstract} {paper.topic}")}
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in toks) / total


def _citation(sp: ScoredPaper, quote: str) -> Citation:
    p = sp.paper
    return Citation(paper_id=p.id, title=p.title, url=p.url, venue=p.venue, quote=quote, score=round(float(sp.score), 4))


def _asked_as_paper(name: str) -> re.Pattern:
    """A name written as a paper's: "the vAttention paper", "vAttention's paper", "the FlexGen system", "the Vidur
    simulator"."""
    kinds = "|".join(sorted(SYSTEM_KINDS | {"work"}))
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?:['’]s)?\s+(?:{kinds})\b", re.I)


def _quoted_title(r: Retrieval) -> str:
    """The quoted title the question names that no paper carries (``unknown_names`` marks it with quotes), or ""."""
    return next((n.strip("'") for n in r.unknown_names if n.startswith("'")), "")


def _the_authors_one_paper(r: Retrieval, t: Thresholds) -> bool:
    """Whether the question asks which paper an author named wrote, who has one ("Hiroki Matsutani and colleagues had
    cheap low-power boards share precomputed states ... Which paper?": its plain words reach it at 0.20 only)."""
    return bool(r.parsed.filters.authors) and r.candidates == 1 and r.parsed.shape != "list" \
        and r.ranked[0].dense >= t.author_paper_dense


def should_refuse(r: Retrieval, t: Thresholds) -> bool:
    """True when the collection does not answer: nothing resembles the question, the question's own topic
    words never occur in the collection, or it names a system or title that no paper carries."""
    if not r.ranked or r.unheld:  # ("spiking neural networks": no paper writes "spiking")
        return True
    # a list of papers on a topic given by examples no paper names ("S-LoRA / Punica style", "object detectors such as
    # YOLO"), which none matches well: the collection lacks it (the papers nearest its other words, federated LoRA
    # fine-tuning, had been listed); not "speculative decoding methods like Medusa or EAGLE", whose papers match well
    if r.parsed.shape == "list" and r.unknown_examples and max(sp.dense for sp in r.ranked) < t.example_dense:
        return True
    top = r.ranked[0]
    if top.name_match:  # (but a paper named by words of a quoted title no paper has is no answer to it)
        return bool(_quoted_title(r))
    # ("papers about inference" is vague for MiniLM, but every word of it is in the paper; "papers involving
    # Google TPUs" matches weakly, but the collection uses all its words, while "legal document review" does not)
    # the words of a question in another language are unknown to the collection without being off-topic
    unknown = [] if r.multilingual else r.unknown_words
    weak = t.refuse_dense_known if not unknown else t.refuse_dense
    if r.multilingual:
        # a question in another language: whether anything resembles it is the multilingual model's call, unless
        # the terms read from it in English (crosslingual.py) name a specific topic that the best paper holds and
        # few of its words are unread ("哪些论文研究张量并行？" is short, and e5 finds it weak; "如何训练我的狗学会坐下"
        # reads as "training" alone, which many papers hold; "neuronale Netze für die Wettervorhersage" leaves the
        # weather unread)
        words = r.parsed.content_words
        read = r.topic_held and len(r.unknown_words) / max(len(words), 1) < t.refuse_unknown_share
        if max(sp.dense for sp in r.ranked) < t.refuse_dense_foreign and not read:
            return True
    elif top.dense < weak and _coverage(top.paper, r.query_terms) < 1.0 and not r.held_names \
            and not _the_authors_one_paper(r, t) and not r.concept_held and not r.own_word_papers:
        return True
    # a quoted title we do not hold, or "what does X do?" about a system no paper names
    # (or a figure of one: "DeepSpeed-FastGen vs vLLM for LLM serving throughput")
    if _quoted_title(r) or (r.unknown_names and r.parsed.shape in ("describe", "factual") and not r.multilingual):
        return True
    # ...or named beside a word no paper writes ("llama.cpp inference on RISC-V development boards", "music generation
    # models such as MusicGen"): two marks of what the collection lacks; one of them alone was only said, with the
    # papers nearest the rest listed
    # (a word besides the name: "DeepSpeed ZeRO" names DeepSpeed twice over, and the ZeRO papers answer it)
    if r.unknown_names and r.listed_note and 1 <= len(unknown) <= 2 and not r.multilingual:
        named = {part for n in r.unknown_names for part in re.split(r"[-\s]", n.lower())}
        if any(w.lower() not in named for w in unknown):
            return True
    # ...or asked of as a paper ("What speedup does the vAttention paper report over vLLM?")
    if any(_asked_as_paper(n).search(r.parsed.text) for n in r.unknown_names if not n.startswith("'")):
        return True
    words = r.parsed.content_words
    # a topic no paper of the ones asked about names ("quantization papers at CAIS 2026": not one of its papers
    # says quantization, which other papers do): the closest of them do not answer it
    # ...and so does a follow-up asking a topic of the previous answer's papers ("which of them use vLLM?")
    if ((r.parsed.filters or r.within is not None) and words and not unknown and not r.multilingual
            and top.dense < t.confident_dense
            and not any(sp.lexical > 0 or sp.coverage > 0 for sp in r.ranked)):
        return True
    # ...or none of them holds the whole topic, and none resembles it ("Has Meta published anything on speculative
    # decoding?": a Meta paper writes "prefill-decode" and was listed as the nearest)
    # (not when a paper holds some of its words: "what has Meta / FAIR published on training infrastructure?" reaches
    # a FAIR paper on distributed learning at 0.21 only, as the question is mostly its filter)
    if r.parsed.filters and r.listed_note and not r.multilingual and top.dense < t.refuse_dense \
            and not any(sp.coverage > 0 for sp in r.ranked):
        return True
    # ...or writes a rare topic only in passing ("Song Han quantization papers?": StreamDiffusionV2 writes "without
    # TensorRT or quantization", once)
    if r.passing_only and not unknown and not r.multilingual and top.dense < t.confident_dense:
        return True
    if words and len(words) <= t.short_question_words:
        share = len(unknown) / len(words)
        if unknown and top.dense < t.unknown_weak_dense:
            return True
        # (the more of the question the collection never writes, the closer a paper must match: "GNN weather
        # forecasting", two of three words unknown, reaches GriNNder at 0.41)
        return share >= t.refuse_unknown_share and top.dense < (
            t.confident_dense if share >= 0.5 else t.unknown_confident_dense)
    return False


_REDUCING = re.compile(r"\b(?:(?P<less>reduc|lower|cut|decreas|minimi[sz]|shorten)|improv|speed)\w*\s+(?:up\s+)?"
                       r"(?:the\s+|their\s+)?((?:[\w-]+\s*){1,4})", re.I)


def _reduces_acronym(question: str, forms: list[frozenset[str]]) -> bool:
    """Whether the question asks to reduce the acronym's measure, written short or long ("reduce TTFT", "lower the
    time to first token"), or to improve a time ("improve TTFT": not "improve SLO", whose papers name their own
    system in the sentence stating it)."""
    timed = any("time" in form for form in forms)
    for m in _REDUCING.finditer(question):
        said = [_stem(t) for t in tokenize(m.group(2))]
        if (m.group("less") or timed) and any(form <= set(said[:len(form) + 1]) for form in forms):
            return True
    return False


def _states_effect(sentences: list[str], forms: list[frozenset[str]]) -> bool:
    """Whether a sentence writes one of the ``forms`` (stems) with a verb of effect or a figure."""
    for s in sentences:
        if (_RESULT_VERB.search(s) or _FIGURE.search(s)) and any(f <= {_stem(t) for t in tokenize(s)} for f in forms):
            return True
    return False


def _list_choice(r: Retrieval, k: int, t: Thresholds) -> list[ScoredPaper]:
    """The papers a list answer cites: those scoring near the best, at most ``k``."""
    return _list_qualifying(r, k, t)[:k]


def _list_qualifying(r: Retrieval, k: int, t: Thresholds) -> list[ScoredPaper]:
    """The papers that qualify for a list answer, best first: the ``k`` best scoring near the best, and every
    paper using the question's acronym or writing its bare topic twice (which may be more than ``k``)."""
    if r.acronym_papers:
        # the question's acronym names the topic: every paper using it qualifies, best first
        chosen = [sp for sp in r.ranked if sp.paper.id in r.acronym_papers]
        if r.acronym_qualified and chosen:
            # "MoE training": the other word narrows the acronym's papers, and the ranking says how well
            chosen = [sp for sp in chosen if sp.score >= chosen[0].score * t.acronym_ratio]
    else:
        # the bar is set by topical evidence: a paper whose title names the question's words ("Speculative
        # Decoding: ...") gets a name bonus that ranks it first, but must not push the others out
        evidence = sorted((sp.score - (r.name_bonus if sp.name_match else 0.0) for sp in r.ranked[:k]), reverse=True)
        bar = evidence[0] * t.list_ratio
        # "on edge, mobile or embedded devices": the one paper matching every alternative outscores by far
        # those matching one of them, which answer the question as well: they are held to the runner-up's
        # bar, if they name one of the alternatives
        alternatives = r.parsed.alternatives
        wide = alternatives and len(evidence) > 1 and evidence[0] - evidence[1] > t.alternatives_gap
        low = evidence[1] * t.list_ratio if wide else bar
        # (when all of the ``k`` best qualify, so may papers past them: they are counted, so that "50 papers" is not
        # said of 116)
        # (not of papers similar to one: likeness is had by degrees, and how many are alike says nothing)
        pool = r.ranked if len(r.ranked) > k and r.ranked[k - 1].score >= bar and not r.similar else r.ranked[:k]
        chosen = [sp for sp in pool if sp.score >= bar or (sp.score >= low and alternatives & _words(sp.paper))]
        if r.about_papers:
            # a bare topic ("quantization"): the papers writing it twice or more are about it, however far below
            # the best their abstracts rank
            # ...and of two words, the others near the best only if they write both ("constrained decoding" had
            # listed four speculative decoding papers after the one on constrained decoding)
            whole = len(r.parsed.content_words) < 2 or not any(sp.coverage for sp in r.ranked)  # (none computed)
            ids = {sp.paper.id for sp in chosen if whole or sp.coverage >= _WHOLE_TOPIC} | r.about_papers
            chosen = [sp for sp in r.ranked if sp.paper.id in ids]
        elif r.parsed.filters.institutions or r.parsed.filters.authors or r.parsed.filters.countries or (
                r.parsed.filters and r.candidates <= _FEW_FILTERED):
            # of an institution's or an author's few papers, every one holding the whole topic is on it, however
            # far below the best it ranks ("Microsoft's LLM inference speed-up papers": Kitty, on 2-bit KV cache;
            # "At CAIS 2026, which papers are about LLM inference or serving?": Echo, XGrammar-2)
            ids = {sp.paper.id for sp in chosen} | {sp.paper.id for sp in r.ranked[:k] if sp.coverage >= _WHOLE_TOPIC}
            chosen = [sp for sp in r.ranked if sp.paper.id in ids]
    if r.rare_word_papers and chosen and not r.acronym_papers and not r.about_papers:
        # the papers writing the question's rare topic word are held to a lower bar than the rest: LinkedIn's paper,
        # whose one sentence on pruning its model was all of its abstract on the question, had ranked 15th and been cut
        top = r.ranked[0].score
        ids = {sp.paper.id for sp in chosen} | {sp.paper.id for sp in r.ranked
                                                if sp.paper.id in r.rare_word_papers and sp.score >= top * t.rare_ratio}
        chosen = [sp for sp in r.ranked if sp.paper.id in ids]
    if r.example_papers and chosen:
        # "TextGrad / DSPy style": the papers writing the names given as examples are on the topic (the one on TextGrad
        # had ranked seventh, below a pruning paper, and been cut)
        ids = {sp.paper.id for sp in chosen} | r.example_papers
        chosen = [sp for sp in r.ranked if sp.paper.id in ids]
    if r.own_word_papers and r.ranked and r.ranked[0].dense < t.refuse_dense_known:
        # a bare topic only its one or two papers write, which MiniLM barely links to it ("sycophancy benchmark"):
        # they are the answer, not the benchmarks beside Parrot
        chosen = [sp for sp in r.ranked if sp.paper.id in r.own_word_papers]
    if r.within is not None and any(sp.lexical > 0 for sp in chosen):
        # "which of them use vLLM?": of the previous answer's papers, those writing it (not one near it in meaning)
        chosen = [sp for sp in chosen if sp.lexical > 0]
    return chosen


def compose(r: Retrieval, sentences: dict[str, list[str]], idf: dict[str, float], k: int = 10,
            t: Thresholds | None = None) -> Answer:
    """Turn a retrieval into a grounded, cited answer shaped by the question."""
    return _attributed(_compose(r, sentences, idf, k, t), sentences)


DIGEST_MARK = " (the digest's summary, not the paper's abstract)"


def _attributed(answer: Answer, sentences) -> Answer:
    """The answer with each quote of a digest's summary line marked as the digest's words: "…; directly about LLM
    inference optimization" had read as the paper's own."""
    summary_of = getattr(sentences, "summary_of", None)
    if summary_of is None or not answer.citations:
        return answer
    body, sep, tail = answer.text.partition("\n**Sources**")
    for c in answer.citations:
        for sentence in split_sentences(summary_of(c.paper_id)):
            span = _shown_span(sentence, body)
            if span and span + DIGEST_MARK not in body:
                body = body.replace(span, span + DIGEST_MARK, 1)
    # the summary's sentences quoted one after the other are marked once, after the last
    mark = re.escape(DIGEST_MARK)
    joined = re.compile(mark + r"(\s+[^\[\]\n(]+?)" + mark)
    while joined.search(body):
        body = joined.sub(lambda m: m.group(1) + DIGEST_MARK, body)
    answer.text = body + sep + tail
    return answer


def _shown_span(sentence: str, body: str, shortest: int = 30) -> str:
    """The part of ``sentence`` the answer shows: whole, or trimmed at its start or end ("…we propose X")."""
    if sentence in body:
        return sentence
    starts = [m.start() for m in re.finditer(r"(?<=\s)\S", sentence)]
    for i in starts:
        if len(sentence) - i >= shortest and sentence[i:] in body:
            return sentence[i:]
    ends = [m.start() for m in re.finditer(r"\s", sentence)]
    for j in reversed(ends):
        if j >= shortest and sentence[:j] in body:
            return sentence[:j] + ("…" if sentence[:j] + "…" in body else "")
    return ""


def _compose(r: Retrieval, sentences: dict[str, list[str]], idf: dict[str, float], k: int = 10,
             t: Thresholds | None = None) -> Answer:
    t = t or Thresholds()
    k = r.parsed.wanted or k  # "give me 3 papers on ...", "all papers on ..."
    shape = r.parsed.shape
    terms = r.query_terms
    if r.hardware is not None:  # "which GPUs do the papers use most?"
        return _hardware_answer(r, sentences)
    if r.dated is not None:  # "what is the newest paper?": of the papers whose record has a date
        return _dated_answer(r, sentences)
    if r.parsed.only_unrecorded:  # "What was the acceptance rate of MLSys 2026?": no record holds it
        # ("How many citations does HipKittens have?": the paper is there, and cited for nothing it says)
        named = [sp.paper for sp in r.ranked[:1] if sp.name_match]
        held = "".join(f" {title_name(p.title) or p.title} ({p.id}) is in the collection: ask what it does."
                       for p in named)
        return Answer(text=f"{REFUSAL_HEAD} it does not record {r.parsed.unrecorded} "
                           f"(each paper has its title, abstract, authors, institutions, venue and year).{held}",
                      refused=True)
    # (after facts no record holds: "on what date and in which room is the Kitty poster?" asks no field it has)
    if (asked := record_fields_paper(r)) is not None:  # "what is the link to BatchLLM?"
        return _fields_answer(asked, r.parsed.fields, sentences)
    if r.counted:  # "does Meta have more papers than Google?"
        return _counted_answer(r, sentences)
    if r.parsed.ranking and shape == "metadata":  # "which institutions published the most papers?"
        return _ranking_answer(r, r.metadata_matches, sentences)
    if shape == "metadata":
        return _metadata_answer(r, sentences, terms, idf)
    if shape == "define":
        return _definition_answer(r, sentences)
    if shape == "check":  # "Is Stream2LLM from Berkeley?"
        p = r.ranked[0].paper
        what = r.parsed.filters.describe()
        head = f"Yes: **{p.title}** is {what}" if r.check else f"No: **{p.title}** is not {what}"
        citation = _record_citation(p, sentences)
        return Answer(text=f"{head} ({_who(p)}). [{p.id}]\n" + sources_block([citation]), citations=[citation])
    if r.mention:  # "which papers mention Llama 3?" (and "what is cuDNN?", which no paper presents: the k first)
        return _mention_answer(r, sentences, k if shape == "describe" else ALL_PAPERS)
    if r.record_most:  # "what's the paper with the most authors?"
        return _record_most_answer(r, sentences)
    if r.record_mean:  # "what's the average number of authors?"
        return _record_mean_answer(r, sentences)
    if r.code is not None:  # "which papers release their code?"
        return _code_answer(r, sentences)
    if r.themes is not None:  # "what are the main topics at MLSys 2026?"
        return _themes_answer(r, sentences, idf)
    if not r.candidates and r.parsed.filters:  # "MoE papers from 2024": the filters leave no paper to search
        return _no_match(r, r.parsed.filters.describe())
    # "which paper from Meta reports the largest speedup?" compares papers; "the maximum speedup GriNNder
    # reports" asks one paper (named: its own answer below)
    named = any(sp.name_match for sp in r.ranked[:3])
    if (r.parsed.superlative or r.parsed.at_least) and not named:
        pool, topical = _superlative_pool(r, k, t)
        # a topic the collection does not cover is refused as usual ("the largest speedup for cooking pasta"),
        # unless a paper states the measure in a sentence on it ("more than 50% lower latency": the question's
        # words match no paper well, but "cuts token generation latency by over 60%" answers it)
        weak = topical and should_refuse(r, t)
        # a figure on the topic is looked for in every paper searched, not only in those ranked nearest it ("which
        # paper reduces memory the most?": the papers ranked nearest "memory" state cost and token savings, while
        # MoEBlaze states "over 50% memory savings"); a figure on something else, only among those nearest it
        if topical and (pool or weak) and (largest := _largest(r, sentences, r.ranked, on_topic_only=True)):
            return largest
        if pool and not weak and (largest := _largest(r, sentences, pool)):
            return largest
    if not r.compared and should_refuse(r, t):  # (each side of a comparison named its paper)
        return _refusal(r)
    top = r.ranked[0]
    if r.parsed.ranking and top.name_match and sum(sp.name_match for sp in r.ranked) == 1:
        return _record_answer(top.paper, r.parsed.ranking, sentences)  # "How many authors does Stream2LLM have?"
    if r.parsed.ranking:  # "who wrote the most papers on MoE?": the papers on MoE, counted per author
        return _ranking_answer(r, [sp.paper for sp in _list_choice(r, k, t) or [top]], sentences, topical=True)
    qualifying, everyone = 0, []
    if r.parsed.unrecorded == DATES_UNRECORDED and shape in ("describe", "single") and not top.name_match:
        shape = "list"  # "what is the oldest paper on MoE?": the papers on it, the dated ones first (below)
    if shape == "list":
        everyone = _list_qualifying(r, k, t)
        # (a question in another language, by its verbs read in English: "Welche Arbeiten reduzieren die TTFT?")
        # (...and with its typos mended: "which papers redcue TTFT?" had listed 13 papers, 2 only naming TTFT)
        if r.acronym_forms and not r.acronym_qualified and _reduces_acronym(
                translate_terms(r.parsed.text) if r.multilingual else r.parsed.mended or r.parsed.text,
                r.acronym_forms):
            # "which papers reduce TTFT?": those stating an effect on the measure, not the ones naming it as a
            # measure of the problem (BEAM saves energy "under per-request latency targets such as TTFT"); not "speed
            # up MoE", whose papers name their own system in the sentence stating it ("CDLM achieves ...")
            everyone = [sp for sp in everyone if _states_effect(sentences.get(sp.paper.id, []), r.acronym_forms)] \
                or everyone
        # "speculative decoding on Google TPUs", "training LLMs on FPGAs": of the papers on the topic, those naming
        # the hardware; none does, and the collection does not cover it (the topic's GPU papers had been listed)
        hardware = _ON_HARDWARE.search(r.parsed.text)
        if hardware and everyone:
            # (each one the question offers: "on SambaNova or Groq hardware" keeps the papers naming either)
            asked = list(dict.fromkeys(m.group(1) for m in _HW_NAMES.finditer(r.parsed.text, hardware.start(1))))
            named = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(h.rstrip('sS'))}" for h in asked),
                               re.I)  # ("2-TPU", "TPUv5")
            everyone = [sp for sp in everyone if named.search(f"{sp.paper.title} {sp.paper.abstract}")]
            if not everyone:
                listed = ", ".join(f"{sp.paper.title} ({sp.paper.id})" for sp in r.ranked[:3])
                return Answer(text=f"{REFUSAL_HEAD} none of the papers on its topic "
                                   f"mentions {' or '.join(asked)}.\n\nClosest papers (they do **not** answer it): "
                                   f"{listed}", refused=True)
        chosen, qualifying = everyone[:k], len(everyone)
        if len(chosen) == 1 and OVERVIEW_CUES.match(r.parsed.text) and not r.code_too:
            shape = "describe"  # "explain layered prefill": the one paper on it, described, not a list of one
        elif len(chosen) == 1 and _HOW_WHY.match(r.parsed.text) and not LIST_CUES.search(r.parsed.text) \
                and not r.code_too:
            shape = "single"  # "how does DistCA balance compute?": its sentences answering it, not a list of one
    elif r.compared:
        chosen = r.ranked
    else:
        chosen = [sp for sp in r.ranked[:3] if sp.score >= top.score - t.single_margin]
        named = [sp for sp in r.ranked if sp.name_match]
        if len(named) >= 2:  # "what do FaaScale and <a whole title> do?": each paper the question names
            chosen = named[:k]
        elif len(named) == 1 and named[0] is not top:
            # "what GPU does Matrix use?": the paper named, though "GPU" fits Hawkeye's title better
            chosen = named
    chosen = chosen or [top]
    citations: list[Citation] = []
    lines: list[str] = []
    # "who wrote Stream2LLM?": each paper's line says who and where (a list of one: every author too)
    most = 4 if shape == "list" and len(chosen) > 1 else 1000
    who = (lambda p: f" ({_who(p, most=most)})") if r.parsed.asks_who else (lambda p: "")
    if shape == "list" and r.parsed.unrecorded == DATES_UNRECORDED:
        # "what's the newest paper on speculative decoding?": of the papers on it, those whose record has a date
        # (the arXiv digest's) come first, by it; the others record only their year
        dated = [sp for sp in everyone or chosen if sp.paper.extra.get("published")]
        if dated:
            newest = newest_first(r.parsed.text)
            dated.sort(key=lambda sp: sp.paper.extra["published"], reverse=newest)
            chosen = (dated + [sp for sp in chosen if not sp.paper.extra.get("published")])[:max(k, len(dated))]
            r.note = r.note.replace(
                unrecorded_note(DATES_UNRECORDED),
                f"Of these papers, {len(dated)} record{'s' if len(dated) == 1 else ''} a publication date "
                f"(the arXiv digest's), {'newest' if newest else 'oldest'} first; the others record only their year.")
            plain = who
            who = lambda p: plain(p) + (f" ({p.extra['published']})" if p.extra.get("published") else "")  # noqa: E731
    if shape == "list":
        # "which KV cache papers release code?": of the papers on it (all of them, not the best 10), those saying so
        on_topic = (everyone or chosen) if r.code_too else chosen
        head = f"{len(on_topic)} paper{'s' if len(on_topic) != 1 else ''}"
        # "MoE": 16 papers use it; the list shows 10, saying so (not when the question said how many it wants)
        more = qualifying > len(chosen) and not r.code_too
        # ...nor when all were asked for and more qualify than are shown ("how many papers are about LLM
        # inference?" had said "50 papers" of 87), or than the asker's k allows
        capped = more and (r.parsed.wanted == ALL_PAPERS or bool(r.cap))
        if more and (capped or not r.parsed.wanted):
            # (every paper the search kept qualifying: more may, past those it kept)
            kept_all = qualifying >= len(r.ranked) >= KEPT_LEAST and r.candidates > len(r.ranked)
            head = f"The {len(chosen)} best of {'at least ' if kept_all else ''}{qualifying} papers"
        if r.parsed.filters:
            head += f" ({r.parsed.filters.describe()})"
        if capped:
            # (a chat's "all of them" asks for ALL_PAPERS: no k the asker gave)
            by_k = r.cap == len(chosen) and r.cap != ALL_PAPERS
            head += f", as k = {r.cap} asks" if by_k else f"; at most {len(chosen)} are shown"
        elif more and not r.parsed.wanted:
            head += "; ask for all of them to see every one"
        code = {}
        if r.code_too:
            code = {sp.paper.id: x for sp in on_topic for x in sentences.get(sp.paper.id, [])[::-1]
                    if CODE_STATEMENT.search(x)}
            if code:
                one = len(code) == 1
                head = (f"{len(code)} of the {head} on this topic say{'s' if one else ''} in the abstract that "
                        f"{'its' if one else 'their'} code is or will be available {_ABSTRACTS_ONLY}")
                chosen = [sp for sp in on_topic if sp.paper.id in code][:k]
            else:
                head = (f"None of the {head} on this topic says in its abstract that its code is available "
                        f"{_ABSTRACTS_ONLY}; they are")
        lines.append(f"{head}:")
        # "which papers reduce/speed up X" asks for results: prefer the sentence that states the number
        asks_figure = bool(STRONG_FACT_CUES.search(r.parsed.text))  # "which papers ... and by how much?"
        results = asks_figure or bool(EFFECT_WORDS.search(r.parsed.text))
        # (of a short question: in a long one, or one in German, a capital is seldom what it asks about)
        asked_names = proper_names(r.parsed.content) if len(r.parsed.content_words) <= 3 and not r.multilingual \
            else frozenset()
        for sp in chosen:
            quote = best_sentences(sp, sentences.get(sp.paper.id, []), terms, idf, want_number=results,
                                   contribution=not results, names=asked_names, need_number=asks_figure,
                                   effect=results)[0]
            if code.get(sp.paper.id, quote) != quote:
                quote = " ".join(_apart([quote, code[sp.paper.id]], sentences.get(sp.paper.id, [])))
            citations.append(_citation(sp, quote))
            lines.append(f"- **{sp.paper.title}**{who(sp.paper)}: {quote} [{sp.paper.id}]")
    else:
        kind, names = asked_kind(r.parsed.text) if shape in ("single", "factual") else ("", None)
        measure = compared_measure(r.parsed.text) if r.compared else None
        for sp in chosen:
            sents = sentences.get(sp.paper.id, [])
            if names and len(chosen) == 1:  # "What GPU was used in the Kitty paper?"
                naming = [s for s in sents if names.search(s)]
                if naming:  # the sentences that name one are the answer
                    sents = naming
                elif sp.name_match and not names.search(sp.paper.title):  # ...or it names none: said so
                    says = _NAME_NO.get(kind, ("give no " if kind.startswith("number of") or kind.endswith("figure")
                                               else "name no ") + kind)
                    if kind not in _OWN_NAMES:
                        # a figure, a GPU, a model the paper never states: the collection does not answer, and the
                        # paper is the closest, cited for nothing ("How much energy does MorphServe save?" had
                        # quoted its TTFT sentence, a citation of what it was not asked)
                        return _not_stated(sp.paper, says)
                    lines.append(_holds_not(sp.paper, says))
            # ("What speedup does HipKittens report on NVIDIA H100 GPUs?": a figure on a product its text never names,
            # of a paper on AMD's; quoting its speedups had answered a question it does not)
            absent = _products_not_written(r.parsed.text, sp.paper) \
                if shape == "factual" and len(chosen) == 1 and sp.name_match else []
            absent += _bits_not_written(r.parsed.text, sp.paper) \
                if shape in ("factual", "single") and len(chosen) == 1 and sp.name_match else []
            if absent:
                return _not_stated(sp.paper, "do not mention " + " or ".join(f"“{w}”" for w in absent))
            unnamed = _names_not_written(r.parsed.text, sp.paper) if shape == "single" and len(chosen) == 1 else []
            if unnamed:  # "does Stream2LLM use SGLang?": a name its text never writes is said, not quoted around
                lines.append(_holds_not(sp.paper, "do not mention " + " or ".join(f"“{w}”" for w in unnamed)))
            if shape == "abstract":
                quotes = sents or [sp.paper.title]
            elif shape == "describe":  # "summarize Kitty in one sentence": what it does
                quotes = describe_sentences(sp.paper, sents, one=bool(ONE_SENTENCE.search(r.parsed.text)),
                                            summary=_summary_of(sentences, sp.paper.id))
                if r.compared and measure:  # "which is faster, Kitty or InnerQ?": each side's own figure for it
                    stated = [x for x in sents if measure[1].search(x)]
                    if stated and not any(stated[0] in q for q in quotes):
                        quotes = quotes + ["… " + stated[0]]
                    elif not stated:
                        quotes = quotes + [f"_(its abstract gives no {measure[0]} figure)_"]
            else:  # "which paper proposes TokenBlend?": the sentence saying what it proposes, before its results
                proposes = shape == "single" and bool(_ASKS_CONTRIBUTION.search(r.parsed.text))
                how_many = _HOW_MANY.search(r.parsed.text) if shape == "factual" else None
                # ("how much does Kitty reduce KV memory?": the sentence with its "8×", not one of "2-bit memory")
                figure = shape == "factual" and bool(_ASKS_EFFECT_FIGURE.search(r.parsed.text))
                quotes = best_sentences(sp, sents, _asked_most(r.parsed.text, terms) if shape == "factual" else terms,
                                        idf, want_number=shape == "factual",
                                        n=2 if shape == "single" else 1, contribution=proposes, need_number=figure,
                                        context=len(chosen) == 1, counted=how_many.group(1) if how_many else "")
                stated = [x for x in sents if states_unrecorded(r.parsed.unrecorded, x)] \
                    if shape == "factual" and r.parsed.unrecorded else []
                if stated:  # "How many GitHub stars did OpenHands V0 have?": "64k+ stars"
                    quotes = _standalone(sents, [sents.index(stated[0])], len(chosen) == 1)
                elif shape == "factual" and (_ASKS_BOTH.search(r.parsed.text) or _ASKS_HOW.match(r.parsed.text)):
                    # "what does MoEBlaze propose and how fast is it?": what it proposes, then the number
                    said = best_sentences(sp, sents, {}, idf, contribution=True,  # (not the number's words)
                                          context=len(chosen) == 1)
                    if set(said) - set(quotes):  # both, in the paper's order (a quote may hold two sentences)
                        quotes = _apart(sorted(dict.fromkeys(said + quotes), key=lambda x: _position(x, sents)),
                                        sents)
            whole = shape in ("describe", "abstract") or len(quotes) > 1 and shape == "factual"
            citations.append(_citation(sp, " ".join(quotes) if whole else quotes[0]))
            lines.append(("- " if r.compared or len(chosen) > 1 else "") + f"**{sp.paper.title}**{who(sp.paper)}: "
                         + " ".join(quotes)
                         + f" [{sp.paper.id}]")
    if r.compared and measure and len(chosen) > 1:
        lines.append(f"\nEach {measure[0]} figure is the paper's own, against its own baselines: the collection "
                     "holds no measurement of one against the other.")
    text = "\n".join(lines) + "\n" + sources_block(citations)
    return Answer(text=text, citations=citations, refused=False)


def _before_colon(paper: Paper, otherwise: str) -> str:
    """What a paper's title says before its colon ("Kitty"), else ``otherwise``."""
    return paper.title.split(":")[0] if ":" in paper.title else otherwise


def _not_stated(paper: Paper, says: str) -> Answer:
    """The refusal of a question asking one paper for what its title and abstract never state."""
    name = _before_colon(paper, "the paper")
    return Answer(text=f"{REFUSAL_HEAD} the title and abstract of {name}, all the collection holds of it, {says}."
                       f"\n\nClosest paper (it does **not** answer it): {paper.title} ({paper.id})",
                  citations=[], refused=True)


def _holds_not(paper: Paper, says: str) -> str:
    """The line before a paper's nearest sentences when its text lacks what the question asks ("... name no GPU")."""
    name = _before_colon(paper, "this paper")
    return f"The title and abstract of {name}, all the collection holds of it, {says}; its sentences nearest the " \
           "question:\n"


_YES_NO = re.compile(r"^\W*(?:does|do|did|is|are|was|were|can|could|has|have)\b", re.I)
# a name as a name is written: two capitals or a digit ("SGLang", "FP8", "H100", "vLLM")
_WRITTEN_NAME = re.compile(r"(?<![\w-])(?=[\w.+-]*(?:[A-Z][\w.+-]*[A-Z]|\d))[A-Za-z][\w.+-]*[A-Za-z0-9+](?![\w-])")


def _names_not_written(question: str, paper: Paper) -> list[str]:
    """The names a yes/no question about ``paper`` asks of it ("does Stream2LLM use SGLang?": SGLang) that its
    title and abstract never write; [] for other questions."""
    own = _title_name(paper.title)
    # (of a paper the question names: "is there a paper on DAS storage arrays?" is a search, not asked of GriNNder)
    if not _YES_NO.match(question) or not own or not re.search(rf"(?<![\w-]){re.escape(own)}(?![\w-])", question,
                                                               re.I):
        return []
    # (nor a name of its record: "... the optimize_anything paper from CAIS 2026" is where it appeared)
    text = _record_text(paper)
    return [w for w in dict.fromkeys(_WRITTEN_NAME.findall(question))
            if w.lower() != own and w.lower() not in text and not re.fullmatch(r"\d+", w)]


# a product's name as versions and models are written: letters and digits ("H100", "FP8", "Green500"), or a capital
# after a small letter ("xDiT", "vLLM"); not a percentile ("p90")
# ("Mistral-7B", "Mixtral-8x7B": a model's size written in; "TensorRT-LLM", "vLLM": capitals inside)
_PRODUCT = re.compile(r"(?<![\w@-])(?!p\d{2}\b)(?=[A-Za-z-]*\d|[a-z]+[A-Z]|[A-Z][a-z]+[A-Z])[A-Za-z][A-Za-z\d]*"
                      r"[A-Za-z\d](?:-[A-Za-z\d]+)*(?![\w@-])")
# "3-bit keys", "8 bits": a bit width, which a text writes as "3-bit", "3 bits" or "3bit"
_BITS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*bits?\b", re.I)
# (and as a text may write it: "8b-quantized models")
_BITS_WRITTEN = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*(?:bits?\b|b(?=[- ]?quant))", re.I)


def _bits_not_written(question: str, paper: Paper) -> list[str]:
    """The bit widths a question about ``paper`` states that its text never writes ("Why did the Kitty authors settle
    on 3-bit keys ...?" of a paper on 2-bit keys: a premise the collection does not hold)."""
    held = {m.group(1) for m in _BITS_WRITTEN.finditer(_record_text(paper))}
    return [f"{n}-bit" for n in dict.fromkeys(m.group(1) for m in _BITS.finditer(question)) if n not in held]


def _record_text(paper: Paper) -> str:
    """A paper's title, abstract, venue and institutions, lower case: all the collection writes of it."""
    return f"{paper.title} {paper.abstract} {paper.venue} {' '.join(paper.institutions)} "\
           f"{' '.join(paper.extra.get('affiliations') or ())}".lower()  # (as its source writes them: "MIT")


def _products_not_written(question: str, paper: Paper) -> list[str]:
    """The products a question for a figure of ``paper`` names that its title, abstract and record never write,
    nor anything spelt nearly so (a misspelt name of its own: "TritonX" for "TritorX")."""
    own = _title_name(paper.title)
    text = _record_text(paper)
    words = set(re.findall(r"[\w.+-]+", text))
    # (a product's letters, digits and hyphens lie inside one of ``words`` wherever ``text`` writes it)
    # (of a compound, its head, if the paper writes it: "AllReduce-RMSNorm", "ZeRO-style" are its words; not a
    # generic part: "TensorRT-LLM" is not BatchLLM's for its "LLM")
    return [w for w in dict.fromkeys(_PRODUCT.findall(question)) if w.lower() != own
            and not any(x == w.lower() or len(w) > 4 and _edits(w.lower(), x) <= 2 for x in words)
            and w.lower() not in text
            and not ("-" in w and len(head := w.split("-")[0]) > 2 and head.lower() in words)]


# "which is faster, Kitty or InnerQ?": the measure a comparison asks about, as a sentence stating its figure names it
# ("which profiler claims the smaller runtime overhead?": an overhead, not a memory saving for its "smaller")
_COMPARED_MEASURES = (("overhead", r"overheads?|slowdown"), ("speedup", r"faster|quicker|speed|speedups?"),
                      ("latency", r"latency|ttft|tpot|time[- ]to[- ]first[- ]token|lower latency"),
                      ("throughput", r"throughput"), ("memory saving", r"memory|smaller|footprint"),
                      ("energy saving", r"energy|power|efficient"), ("accuracy", r"accura\w*|better quality"))


def compared_measure(question: str) -> tuple[str, re.Pattern] | None:
    """The measure a comparison asks about ("which is faster?": speedup), with the pattern of a sentence stating
    a figure for it; None when it asks for none ("compare Kitty and InnerQ")."""
    for kind, words in _COMPARED_MEASURES:
        if re.search(rf"\b(?:{words})\b", question, re.I):
            # (faster is lower latency too: layered prefill's "lowering TTFT by up to 70%" had been "no figure")
            return kind, _figure_of("latency" if kind == "speedup" else kind)
    return None


_ABSTRACTS_ONLY = "(the collection holds each paper's title and abstract, not its full text)"


def _scope(r: Retrieval) -> str:
    """The papers a question asked about, as an answer says it: "at MLSys 2026", "in the collection"."""
    if r.within is not None and not r.parsed.filters:  # "which ones have code?" of the last answer's 9 papers
        return f"of the {r.within} asked about" if r.within != 1 else "asked about"
    return r.parsed.filters.describe() if r.parsed.filters else "in the collection"


def _code_answer(r: Retrieval, sentences, most: int = ALL_PAPERS) -> Answer:
    """The papers whose abstract says their code is (or will be) available, each quoted where it says so; a
    paper asked about by name that says nothing of its code is said to."""
    code_sentence = lambda p: next((x for x in sentences.get(p.id, []) if CODE_STATEMENT.search(x)), None)  # noqa: E731
    stating = lambda p: code_sentence(p) or p.title  # noqa: E731
    linked = lambda p: p.extra.get("code_url") and code_sentence(p) is None  # noqa: E731
    if r.code:  # "is Kitty's code available?": each paper named, from its own abstract
        said = {sp.paper.id for sp in r.ranked}
        lines, citations = [], []
        for p in r.code:
            if linked(p):  # (its record's link, which no sentence of it states)
                citations.append(_record_citation(p, sentences))
                lines.append(f"**{p.title}** links its code in the {p.venue} record: {p.extra['code_url']} [{p.id}]")
            elif p.id in said:
                citations.append(_citation(ScoredPaper(p, 1.0, name_match=True), stating(p)))
                lines.append(f"**{p.title}** says: {citations[-1].quote} [{p.id}]")
            else:
                citations.append(_record_citation(p, sentences))
                lines.append(f"The abstract of **{p.title}** says nothing of its code {_ABSTRACTS_ONLY}. [{p.id}]")
        return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)
    scope = _scope(r)
    n = len(r.ranked)
    if not n:
        if r.years_held or (not r.candidates and r.parsed.filters):
            return _no_match(r, scope)
        return Answer(text=f"{REFUSAL_HEAD} no paper {scope} says in its abstract that its code is available "
                           f"{_ABSTRACTS_ONLY}.", refused=True)
    said_how = f"in the abstract, or link{'s' if n == 1 else ''} in the record," \
        if any(linked(sp.paper) for sp in r.ranked) else "in the abstract"
    head = (f"{n} paper{'s' if n != 1 else ''} {scope} say{'s' if n == 1 else ''} {said_how} that "
            f"{'its' if n == 1 else 'their'} code is or will be available {_ABSTRACTS_ONLY}")
    head += f"; the first {most}:" if n > most else ":"
    lines, citations = [head], []
    for sp in r.ranked[:most]:
        if linked(sp.paper):
            citations.append(_record_citation(sp.paper, sentences))
            lines.append(f"- **{sp.paper.title}**: its record links its code, {sp.paper.extra['code_url']} "
                         f"[{sp.paper.id}]")
            continue
        citations.append(_citation(sp, stating(sp.paper)))
        lines.append(f"- **{sp.paper.title}**: {citations[-1].quote} [{sp.paper.id}]")
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def _themes_answer(r: Retrieval, sentences, idf: dict[str, float], shown: int = 3) -> Answer:
    """The papers' topics: each group's name, size and its most typical papers, each cited with the sentence
    saying what it does; too few papers to group are each given in one line."""
    scope = _scope(r)
    n = r.candidates
    if not r.ranked:
        return _no_match(r, scope)
    quote = lambda p, words: best_sentences(  # noqa: E731
        ScoredPaper(p, 1.0), sentences.get(p.id, []), {_stem(t): 1.0 for w in words for t in tokenize(w)}, idf,
        contribution=True)[0]
    citations: list[Citation] = []
    if not r.themes:
        lines = [f"The {n} paper{'s' if n != 1 else ''} {scope}, too few to group by topic, each in one line:"]
        for sp in r.ranked:
            citations.append(_citation(sp, quote(sp.paper, [])))
            lines.append(f"- **{sp.paper.title}**: {citations[-1].quote} [{sp.paper.id}]")
        return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)
    grouped = sum(len(th.papers) for th in r.themes)
    lines = [f"The {grouped} papers {scope} fall into {len(r.themes)} groups by the similarity of their titles and "
             "abstracts; each group is named by the words its titles use more than the others' do, and shown by "
             f"its {shown} most typical papers:"]
    for i, th in enumerate(r.themes, 1):
        cites = []
        for p in th.papers[:shown]:
            citations.append(_citation(ScoredPaper(p, 1.0), quote(p, th.words)))
            cites.append(f"{p.title.split(':')[0].strip() if ':' in p.title else p.title} [{p.id}]")
        lines.append(f"{i}. **{', '.join(th.words)}** — {len(th.papers)} paper{'s' if len(th.papers) != 1 else ''}: "
                     + "; ".join(cites))
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def _mention_answer(r: Retrieval, sentences, most: int = ALL_PAPERS) -> Answer:
    """Every paper whose title or abstract has the term asked for, each quoted where it does."""
    term, literal = r.mention
    papers = [sp.paper for sp in r.ranked]
    n = len(papers)
    head = f"{n} paper{'s' if n != 1 else ''} {r.parsed.filters.describe() + ' ' if r.parsed.filters else ''}" \
           f"mention{'s' if n == 1 else ''} “{term}”"
    head += f" (the first {most} shown):" if n > most else ":"
    lines, citations = [head], []
    for p in papers[:most]:
        quote = next((x for x in sentences.get(p.id, []) if literal.search(x)), p.title)
        citations.append(_citation(ScoredPaper(p, 1.0), quote))
        lines.append(f"- **{p.title}**: {quote} [{p.id}]")
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def _definition_answer(r: Retrieval, sentences) -> Answer:
    """ "What is TTFT?": the long form (the collection's glossary), then papers' own sentences using both."""
    term, longs = r.definition
    text = f"**{term}** stands for {' or '.join(longs)}"
    text += " (which one depends on the paper)." if len(longs) > 1 else "."
    citations = []
    lines = []
    for sp in r.ranked:
        quote = sentences.get(sp.paper.id, [])[sp.best_chunk_sentences[0]]
        citations.append(_citation(sp, quote))
        lines.append(f"- **{sp.paper.title}**: {quote} [{sp.paper.id}]")
    if lines:
        text += " As the papers use it:\n" + "\n".join(lines) + "\n" + sources_block(citations)
    return Answer(text=text, citations=citations)


def _metadata_answer(r: Retrieval, sentences, terms, idf) -> Answer:
    papers = r.metadata_matches
    what = r.parsed.filters.describe()
    if not papers:
        return _no_match(r, what)
    # (of the previous answer's papers, "what do they propose?": "the 10 papers asked about")
    scope = what or ("asked about" if r.within is not None else "in the collection")
    head = f"{len(papers)} paper{'s' if len(papers) != 1 else ''} {scope}"
    venues = Counter(p.venue for p in papers)
    if len(venues) > 1:  # "how many papers are there?": the count per venue first
        head += " (" + ", ".join(f"{n} {v or 'unknown venue'}" for v, n in venues.most_common()) + ")"
    if r.cap and len(papers) > r.cap:  # the count stays whole; the papers cited are the first k asked for
        head += f"; the first {r.cap}, as k = {r.cap} asks"
        papers = papers[:r.cap]
    lines = [head + ":"]
    citations = []
    wanted = {w.lower() for w in r.parsed.filters.institutions}
    most = 50 if len(papers) == 1 else 4  # (one paper: all of its authors, as "who wrote Kitty?" shows them)
    who = lambda p: _who(p, wanted, most=most, asked=tuple(r.parsed.filters.authors))  # noqa: E731
    does = bool(WHAT_THEY_DO.search(r.parsed.text)) or r.parsed.describe_each
    for p in papers:
        if does:  # "what do the LinkedIn papers do?": who, and the sentence saying what each does
            quote = describe_sentences(p, sentences.get(p.id, []), one=True, summary=_summary_of(sentences, p.id))[0]
            citations.append(_citation(ScoredPaper(p, 1.0), quote))
            lines.append(f"- **{p.title}** ({who(p)}): {quote} [{p.id}]")
            continue
        lines.append(f"- **{p.title}** ({who(p)}) [{p.id}]")
        citations.append(_record_citation(p, sentences))
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


SUPERLATIVE_WORDS = frozenset("largest highest biggest greatest most best maximum max strongest fastest quickest "
                              "report reports reported state states stated has have achieve achieves".split())
# the words of a "largest speedup" question that name the comparison, not its topic (words and their stems)
_MEASURE_WORDS = SUPERLATIVE_WORDS | {_stem(w) for w in ("speedup", "speed", "throughput", "reduction", "saving",
                                                         "compression", "improvement", "gain")}


def _topic_words(r: Retrieval) -> list[str]:
    """The words of a "largest speedup" question beyond the measure ("cost" of "which paper reduces cost the
    most?")."""
    # ("more than 10x speedup": 10x is the bar; "reduces" the measure's verb)
    return [w for w in r.parsed.content_words if _stem(w) not in _MEASURE_WORDS and w not in _MEASURE_WORDS
            and not EFFECT_WORDS.match(w) and not re.fullmatch(r"\d+(\.\d+)?(x|%)?", w)]


def _superlative_pool(r: Retrieval, k: int, t: Thresholds) -> tuple[list[ScoredPaper], bool]:
    """The papers a "largest speedup" question compares: those answering its topic ("which MoE paper..."), or
    every paper searched when it names none beyond the measure (its filters still apply); and whether it names a
    topic. None for a question that describes one paper at length ("which system reaches the highest throughput
    by ..."): it asks for that paper, not for a comparison."""
    topic = _topic_words(r)
    if len(topic) > 3:
        return [], True
    return ((_list_choice(r, k, t) or r.ranked[:1]) if topic and r.ranked else r.ranked), bool(topic)


_JOINING = re.compile(r",|;|\band\b|\bor\b|\bwhile\b|\bwith\b|\bwhereas\b", re.I)
_NO_MEASURE_AFTER = re.compile(r"\s*(?:over|than|against|compared|vs\.?|versus|relative|respectively|on|in|for|at|"
                               r"across|with|when|under)\b|\s*(?:[,.;:)]|$)", re.I)
# (a model, or devices in the plural: "2× GPU throughput" is a throughput figure)
_DEVICE_COUNT = re.compile(r"\s*(?:NVIDIA\s+|AMD\s+)?(?:[A-Z]{1,3}\d{2,4}[A-Z]?\b|GPUs\b|TPUs\b|nodes\b|devices\b|"
                           r"cores\b|chips\b|servers\b|machines\b)")
_BUILD_FIGURE = re.compile(r"\W{0,3}(?:\w+\W+){0,2}?(?:compil\w*|build|development|engineering|coding)\b", re.I)


def _measured(sentence: str, number: str, context: str, before: int = 60,
              after: int = 25) -> list[tuple[float, str]]:
    """The numbers of ``sentence`` stated as the measure, each with the words around it: its word near them
    ("reducing serving costs by 15%-61%", "2.4× faster"), not another figure of the sentence ("outperforms ... by
    up to 157%, or reducing costs by 15%-61%": 61, not 157)."""
    out = []
    prev_end, prev_start = 0, 0
    for m in re.finditer(number, sentence, re.I):
        # words before a number belong to it back to the previous number ("energy by 67.5% with 93.6% quality":
        # 93.6 is no energy figure), or with it when the two are a range ("15%-61%", "20-30×"); what follows the
        # previous number up to a joining word is that number's ("1.48× higher throughput and 15.14× larger batch
        # size": 15.14 is no throughput figure)
        ranged = prev_end and re.fullmatch(r"\s*(?:-|–|—|to|~)\s*", sentence[prev_end:m.start()])
        start = prev_start if ranged else max(prev_end, m.start() - before)
        if prev_end and not ranged and not _NO_MEASURE_AFTER.match(sentence, m.end()):
            # (unless it has no words of its own: "1.3× speedup over cuDNN and 2.4× over Triton" is a speedup too)
            joins = list(_JOINING.finditer(sentence, prev_end, m.start()))
            start = max(start, joins[-1].end()) if joins else start
        near = sentence[start:m.end() + after]
        # (not a figure of how the system is built: "20-30× faster compile times" is no speedup of the system; nor
        # a count of devices: "on an 8×H100 DGX system")
        if re.search(context, near, re.I) and not _BUILD_FIGURE.match(sentence, m.end()) \
                and not _DEVICE_COUNT.match(sentence, m.end()):
            out.append((float(m.group(1)), near))
        prev_end, prev_start = m.end(), start
    return out


def _largest(r: Retrieval, sentences, pool: list[ScoredPaper], shown: int = 3,
             on_topic_only: bool = False) -> Answer | None:
    """The papers stating the largest of the measure the question asks ("the largest speedup"), compared by
    the number in the sentence that states it; None when no paper searched states one (with ``on_topic_only``,
    in a sentence holding a word of the question's topic, of a paper writing all of them)."""
    measure, bar = r.parsed.at_least or (r.parsed.superlative, None)
    number, context = MEASURES[measure]
    # a sentence stating the measure of the question's topic ("reducing serving costs by 15%-61%" for "reduces
    # cost the most"), when any paper has one, outranks a figure on something else ("KV cache transfer by 95%")
    said = _topic_words(r)
    topic = {_stem(w) for w in said}
    found, on_topic = [], []
    for sp in pool:
        if on_topic_only and not topic <= {_stem(w) for w in _words(sp.paper)}:
            continue  # ("the quickest vector index": not "update vectors ... 1.9× faster" of a paper on no index)
        best = best_on = None
        # (a paper whose title names the topic states its figures: "SpecDiff-2: ... Faster Speculative Decoding",
        # "up to 5.5× average speed-up over standard decoding")
        # (a phrase of two words or more, as a technique is named: not "memory" of any title writing it)
        titled = len(said) >= 2 and " ".join(said).lower() in " ".join(tokenize(sp.paper.title))
        for s in sentences.get(sp.paper.id, []):
            if re.search(context, s, re.I):
                measured = _measured(s, number, context)
                values = [v for v, _ in measured]
                if values and (best is None or max(values) > best[0]):
                    best = (max(values), s)
                # ...near a word of the topic too ("latency by over 60%", not "KV accesses by up to 99%")
                on = [v for v, near in measured
                      if titled or topic & {_stem(t) for t in tokenize(near)}] if topic else []
                if on and (best_on is None or max(on) > best_on[0]):
                    best_on = (max(on), s)
        if best:
            found.append((best[0], best[1], sp))
        if best_on:
            on_topic.append((best_on[0], best_on[1], sp))
    on = f" on {' '.join(as_typed(r.parsed.text, said))}" if on_topic else ""
    found = on_topic or ([] if on_topic_only else found)
    if on_topic_only and not found:
        return None
    unit = "%" if "%" in number else "×"
    what = r.parsed.filters.describe()
    searched = (f"the {len(pool)} papers searched" if len(pool) != 1 else "the one paper searched") + \
        (f" {what}" if what else "")
    a_measure = ("an " if measure[0] in "aeiou" else "a ") + measure
    if bar is not None:  # "more than 10x speedup": every paper stating one at least that large
        stating = len(found)
        found = [f for f in found if f[0] > bar or (f[0] == bar and "least" in r.parsed.text.lower())]
        if not found:
            return Answer(text=f"{REFUSAL_HEAD} none of {searched} states {a_measure} above {bar:g}{unit} "
                               f"({stating} state one).", refused=True)
        shown = len(found)
        head = (f"{len(found)} of {searched} state{'s' if len(found) == 1 else ''} {a_measure} above "
                f"{bar:g}{unit} (each against its own baseline):")
    elif not found:
        return None
    else:
        head = (f"The largest {measure} stated by {searched} ({len(found)} state{'s' if len(found) == 1 else ''} "
                f"one{on}, each against its own baseline):")
    found.sort(key=lambda f: (-f[0], f[2].paper.id))
    lines = [head]
    citations = []
    for value, quote, sp in found[:shown]:
        lines.append(f"- **{sp.paper.title}** ({value:g}{unit}): {quote} [{sp.paper.id}]")
        citations.append(_citation(sp, quote))
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def _hardware_answer(r: Retrieval, sentences) -> Answer:
    """The GPUs the papers' titles and abstracts name, most named first, each with the papers naming it (each
    paper cited once, quoted where it first names one)."""
    scope = _scope(r)
    if not r.hardware:
        if not r.candidates:
            return _no_match(r, scope)
        return Answer(text=f"{REFUSAL_HEAD} none of the {r.candidates} papers {scope} names a GPU model in its title "
                           "or abstract.", refused=True)
    naming = len(r.ranked)
    lines = [f"GPUs named in the titles and abstracts of the {r.candidates} papers {scope} ({naming} name one; a paper "
             "counts once for each GPU it names):"]
    citations = {}
    for i, (gpu, papers) in enumerate(r.hardware, 1):
        for p in papers:
            if p.id not in citations:
                quote = next((x for x in [*sentences.get(p.id, []), p.title]
                              if any(gpu_name(m.group(1)) == gpu for m in GPU_MODEL.finditer(x))),
                             p.title)
                citations[p.id] = _citation(ScoredPaper(p, 1.0), quote)
        n = len(papers)
        lines.append(f"{i}. **{gpu}**: {n} paper{'s' if n != 1 else ''} " + " ".join(f"[{p.id}]" for p in papers))
    cited = list(citations.values())
    return Answer(text="\n".join(lines) + "\n" + sources_block(cited), citations=cited)


def _dated_answer(r: Retrieval, sentences, shown: int = 5) -> Answer:
    """The newest (or oldest) of the papers whose record has a publication date, the others said to have none."""
    papers = [sp.paper for sp in r.ranked]
    cut = papers[min(shown, len(papers)) - 1].extra["published"]
    top = [p for p in papers if (p.extra["published"] >= cut if r.dated else p.extra["published"] <= cut)]
    where = ", ".join(sorted({p.venue for p in papers if p.venue}))
    undated = r.candidates - len(papers)
    # (of the previous answer's papers: "the 31 papers asked about", not "the 31 papers of the 31 asked about")
    scope = "asked about" if r.within is not None and not r.parsed.filters else _scope(r)
    which = "newest" if r.dated else "oldest"
    head = (f"Only {len(papers)} of the {r.candidates} papers {scope} record a publication date ({where}); "
            f"{undated} record only their year. The {which} of them:" if undated else
            f"The {which} of the {len(papers)} papers {scope}, by the publication date their records give:")
    lines = [head]
    citations = []
    for p in top:
        citations.append(_record_citation(p, sentences))
        lines.append(f"- **{p.title}** — {p.extra['published']} ({p.venue}) [{p.id}]")
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def _record_most_answer(r: Retrieval, sentences, shown: int = 5) -> Answer:
    """The papers whose records list the most (or fewest) authors or institutions, ties at the cut included."""
    group, fewest = r.record_most
    scope = _scope(r)
    if not r.ranked:
        return _none_listed(r, group, scope)
    cut = r.ranked[min(shown, len(r.ranked)) - 1].score
    top = [sp for sp in r.ranked if (sp.score <= cut if fewest else sp.score >= cut)][:ALL_PAPERS]
    lines = [f"The papers {scope} with the {'fewest' if fewest else 'most'} {group} ({r.candidates} searched"
             f"{_unlisted(r, len(r.ranked))}):"]
    citations = []
    for i, sp in enumerate(top, 1):
        n = int(sp.score)
        citations.append(_record_citation(sp.paper, sentences))
        lines.append(f"{i}. **{sp.paper.title}** — {n} {group if n != 1 else group[:-1]}{_unnamed(sp.paper, n, group)}"
                     f" [{sp.paper.id}]")
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def _unlisted(r: Retrieval, n: int) -> str:
    """ "; 7 list none; 25 list only the first": the papers searched that are not counted (no author listed, or
    only the first ones, "et al.")."""
    unlisted = r.candidates - n - r.authors_cut
    return (f"; {unlisted} list{'s' if unlisted == 1 else ''} none" if unlisted else "") + (
        f"; {r.authors_cut} list only the first" if r.authors_cut else "")


def _unnamed(p: Paper, n: int, group: str) -> str:
    """ "(35 named)": a record listing authors without their names (the MLSys dump leaves some empty)."""
    named = len(set(p.authors)) if group == "authors" else n
    return f" ({named} named)" if named < n else ""


def _none_listed(r: Retrieval, group: str, scope: str) -> Answer:
    """No record of the papers asked about lists ``group``: none matches the filters, or (CAIS lists no authors)
    those that do name none."""
    if not r.candidates:
        return _no_match(r, scope)
    n = r.candidates
    return Answer(text=f"{REFUSAL_HEAD} {'none of the ' + str(n) + ' papers' if n > 1 else 'the one paper'} {scope} "
                       f"list{'s' if n == 1 else ''} {'its' if n == 1 else 'their'} {group} in the collection.",
                  refused=True)


def _record_mean_answer(r: Retrieval, sentences) -> Answer:
    """How many authors (institutions) the records list on average, with the median and the range, citing the
    papers at either end of it."""
    group = r.record_mean
    scope = _scope(r)
    if not r.ranked:
        return _none_listed(r, group, scope)
    sizes = [int(sp.score) for sp in r.ranked]
    n = len(sizes)
    none = _unlisted(r, n)
    most, fewest = r.ranked[0], r.ranked[-1]
    count = lambda sp: (f"{int(sp.score)} {group if int(sp.score) != 1 else group[:-1]}"  # noqa: E731
                        f"{_unnamed(sp.paper, int(sp.score), group)}")
    text = (f"The papers {scope} list **{statistics.mean(sizes):.1f} {group}** on average "
            f"(median {statistics.median(sizes):g}), over the "
            f"{n} whose record lists them{none}. The most: **{most.paper.title}** — {count(most)} [{most.paper.id}]")
    ends = [most]
    if fewest.paper.id != most.paper.id:
        text += f"; the fewest: **{fewest.paper.title}** — {count(fewest)} [{fewest.paper.id}]"
        ends.append(fewest)
    citations = [_record_citation(sp.paper, sentences) for sp in ends]
    return Answer(text=text + ".\n" + sources_block(citations), citations=citations)


def _record_answer(p: Paper, group: str, sentences) -> Answer:
    """How many authors, institutions or venues one paper's record lists, and which."""
    names = {"authors": p.authors, "institutions": p.institutions, "venues": [p.venue]}.get(group) or []
    names = [n for n in names if n]
    # (the record may list authors without their names: SHIP lists 11, one named; it had been said to list 1)
    n = p.author_count if group == "authors" else len(names)
    word = group if n != 1 else group[:-1]
    unnamed = f" ({len(names)} named)" if n > len(names) else ""
    text = (f"**{p.title}** lists its first {n} authors only, then “et al.”: {'; '.join(names)}. How many it has "
            f"is not recorded. [{p.id}]" if group == "authors" and p.authors_cut and names
            else f"**{p.title}** lists {n} {word}{unnamed}: {'; '.join(names)}. [{p.id}]" if names
            else f"The record of **{p.title}** lists {n} {word}, none of them named. [{p.id}]" if n
            else f"The record of **{p.title}** lists no {group}. [{p.id}]")
    citation = _record_citation(p, sentences)
    return Answer(text=text + "\n" + sources_block([citation]), citations=[citation])


RANKED_SHOWN = 10  # papers cited for each institution, author or venue of a ranking


def _ranking_answer(r: Retrieval, papers: list[Paper], sentences, topical: bool = False) -> Answer:
    """Institutions, authors or venues by their number of ``papers``, each with the papers it counts;
    institutions asked for as universities or as companies are told apart by their names."""
    group, top = r.parsed.ranking, r.parsed.top
    if not papers:
        return _no_match(r, r.parsed.filters.describe())
    # "which universities have the most papers?": universities and institutes, told from companies by name
    kind = institution_side(r.parsed.text) if group == "institutions" else ""

    left_out = {n.lower() for n in r.collaborators_of}  # "who has Ion Stoica worked with?": not Ion Stoica

    # a lab counts for the organisation it belongs to as well, when other records list that organisation: Google
    # DeepMind's papers are Google's, FAIR MSL's Meta's, as "papers from Google" finds them (the ranking had said
    # Google 8, the filter 11)
    listed = {n for p in papers for n in p.institutions if n} if group == "institutions" else set()

    def of(p: Paper) -> list[str]:
        return p.institutions + [a for a in p.institution_aliases if a in listed]

    def names(p: Paper) -> list[str]:
        if kind:
            return [n for n in of(p) if n and bool(ACADEMIC.search(n)) == (kind == "universities")
                    and n.lower() not in left_out]
        return [n for n in (of(p) if group == "institutions" else p.authors if group == "authors"
                            else [p.venue]) if n and n.lower() not in left_out]

    members: dict[str, list[Paper]] = {}
    for p in papers:
        for name in dict.fromkeys(names(p)):
            members.setdefault(name, []).append(p)
    ranked = sorted(members.items(), key=lambda item: (-len(item[1]), item[0].lower()))
    what = r.parsed.filters.describe()
    scope = (f"among the {len(papers)} papers answering the question" if topical else
             f"{len(papers)} paper{'s' if len(papers) != 1 else ''} {what or 'in the collection'}")
    if topical and what:
        scope += f" ({what})"
    label = {"universities": ("universities and institutes", "university or institute"),
             "companies": ("companies", "company")}.get(kind, (group, group[:-1]))
    if ranked:
        scope += f", {len(ranked)} {label[0] if len(ranked) != 1 else label[1]} in all"
    if not ranked:  # "top authors at CAIS 2026": its reading notes name institutions only
        return Answer(text=f"{REFUSAL_HEAD} no record lists the {label[0]} of these papers ({scope}).", refused=True)
    head = f"{label[0].capitalize()} with the most papers ({scope}"
    if left_out:
        whose = r.parsed.filters.describe()[len("from "):] if r.parsed.filters.institutions else \
            " and ".join(r.collaborators_of)
        head = (f"{label[0].capitalize()} on the papers of {whose}, by their number "
                f"of joint papers ({scope}")
    if kind:  # (the records do not say which is which)
        head += "; told from " + ("companies" if kind == "universities" else "universities and institutes") + \
                " by their names (University, Institute, College, Tech, …)"
    if group != "venues":
        head += f"; a paper counts once for each of its {label[0]}"
        if any(len(of(p)) > len(p.institutions) for p in papers):  # (Google DeepMind's papers are Google's too)
            head += ", and a lab's for its organisation too"
    unnamed = sum(1 for p in papers if not names(p))
    if unnamed and group != "venues":
        head += f"; {unnamed} list{'s' if unnamed == 1 else ''} no {'other ' if left_out else ''}{label[1]}"
    if len(ranked[0][1]) == 1 and len(ranked) > 1:
        head += f"; none has more than one, so the first {min(top, len(ranked))} by name"
    lines = [head + "):"]
    shown = ranked[:top]
    if len(ranked) > top:  # a tie at the cut is said, not silently broken
        tied = sum(1 for _, ps in ranked[top:] if len(ps) == len(shown[-1][1]))
        more = f"{tied} more with {len(shown[-1][1])} paper{'s' if len(shown[-1][1]) != 1 else ''}" if tied else ""
    else:
        more = ""
    cited: dict[str, Paper] = {}
    for i, (name, ps) in enumerate(shown, 1):
        # (a group of 135 papers, "MLSys 2026", cites the first few and says how to list them all)
        rest = len(ps) - RANKED_SHOWN
        ask = {"venues": f"{name} papers", "authors": f"papers by {name}"}.get(group, f"papers from {name}")
        lines.append(f"{i}. **{name}**: {len(ps)} paper{'s' if len(ps) != 1 else ''} "
                     + " ".join(f"[{p.id}]" for p in ps[:RANKED_SHOWN])
                     + (f" and {rest} more (ask “{ask}” for all of them)" if rest > 0 else ""))
        cited.update((p.id, p) for p in ps[:RANKED_SHOWN])
    if more:
        lines.append(f"({more}.)")
    citations = [_record_citation(p, sentences) for p in cited.values()]
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def _counted_answer(r: Retrieval, sentences) -> Answer:
    """Two (or more) institutions or authors by their numbers of papers, each with its papers cited."""
    ranked = sorted(r.counted, key=lambda side: -len(side[2]))
    scope = r.parsed.filters.describe() if r.parsed.filters else ""
    plural = lambda n: f"{n} paper{'s' if n != 1 else ''}"  # noqa: E731
    (first, _, most), (second, _, next_most) = ranked[0], ranked[1]
    if len(most) == len(next_most):
        head = f"{' and '.join(name for name, _, _ in ranked)} have as many papers: {len(most)} each."
    else:
        head = (f"{first} has more papers than {second}: {len(most)} against {len(next_most)} "
                f"({len(most) - len(next_most)} more).")
    lines = [head + (f" (Counted {scope}.)" if scope else "")]
    cited: dict[str, Paper] = {}
    for name, by, papers in ranked:
        rest = len(papers) - RANKED_SHOWN
        lines.append(f"- **{name}**: {plural(len(papers))} " + " ".join(f"[{p.id}]" for p in papers[:RANKED_SHOWN])
                     + (f" and {rest} more (ask “{by} {name}” for all of them)" if rest > 0 else ""))
        cited.update((p.id, p) for p in papers[:RANKED_SHOWN])
    citations = [_record_citation(p, sentences) for p in cited.values()]
    return Answer(text="\n".join(lines) + "\n" + sources_block(citations), citations=citations)


def record_fields_paper(r: Retrieval) -> Paper | None:
    """The one paper a question names and asks the link, venue or date of ("when was Kitty published?"), if it
    does ("who wrote Kitty?" alone is answered with what it does, as other questions about it are)."""
    if not set(r.parsed.fields) - {"authors"} or r.parsed.shape == "list":
        return None
    by_name = [sp for sp in r.ranked if sp.name_match]
    return by_name[0].paper if len(by_name) == 1 and by_name[0] is r.ranked[0] else None


def _fields_answer(p: Paper, fields: tuple[str, ...], sentences) -> Answer:
    """The authors, link, venue or date of one named paper, as its record gives them."""
    lines = [f"**{p.title}** [{p.id}]"]
    for field_name in fields:
        if field_name == "authors":
            cut = f" et al. (its record lists the first {len(p.authors)} only)" if p.authors_cut and p.authors else ""
            lines.append(f"- Authors: {', '.join(p.authors) or 'its record lists none'}{cut}")
            if p.institutions:
                lines.append(f"- Institutions: {'; '.join(p.institutions)}")
        elif field_name == "link":
            lines.append(f"- Link: {p.url}" if p.url else "- Link: its record holds none")
        elif field_name == "venue":
            lines.append(f"- Venue: {p.venue}" + (" (a preprint, not a conference paper)" if p.venue == "arXiv" else ""))
        elif (date := (p.extra or {}).get("published")):
            lines.append(f"- Published: {date} ({p.venue})")
        else:
            lines.append(f"- Year: {p.year} ({p.venue}); its record holds the year, not a date" if p.year
                         else f"- Date: its record holds none ({p.venue})")
    citation = _record_citation(p, sentences)
    return Answer(text="\n".join(lines) + "\n" + sources_block([citation]), citations=[citation])


def _record_citation(p: Paper, sentences) -> Citation:
    """A paper cited for its record (metadata lists, counts): quoted by its first sentence, else its title."""
    sents = sentences.get(p.id, [])
    return _citation(ScoredPaper(p, 1.0), sents[0] if sents else p.title)


def _who(p: Paper, first: set[str] = frozenset(), most: int = 4, asked: tuple[str, ...] = ()) -> str:
    """Authors, institutions (those in ``first`` first) and venue of a paper, for an answer line (``most`` of each:
    a list's line stays short; "who wrote Kitty?" is answered in full). An author ``asked`` for is shown where the
    list is cut ("Yilong Zhao, …, Ion Stoica et al."): the line says why the paper is listed."""
    shown = p.authors[:most]
    later = [a for a in p.authors[most:] if a in asked]
    who = ", ".join(shown + (["…"] + later if later else [])) + \
        (" et al." if len(p.authors) > most + len(later) or p.authors_cut else "")
    if not p.authors and p.author_count:  # HyperTinyPW's one author has no name in the dump
        who = f"its record leaves the author{'s' if p.author_count > 1 else ''} unnamed"
    elif not p.authors and most > 4:  # "who wrote XGrammar-2?": the CAIS notes name institutions only; said so
        who = "its record names no authors" + (", only institutions" if p.institutions else "")
    inst = "; ".join(sorted(p.institutions, key=lambda name: not _names_one_of(name, first))[:most])
    return " — ".join(x for x in (who, inst, p.venue) if x)


def _names_one_of(name: str, wanted: set[str]) -> bool:
    """Whether institution ``name`` is one the question asked for (lower-case ``wanted``): by that name, an alias
    ("MIT"), or as a part of it ("Google" of "Google DeepMind"), so that the line shows why the paper is listed."""
    if not wanted:
        return False
    low = name.lower()
    # (...or the organisation of a lab asked for: "Microsoft" of "Microsoft Research", whose papers it lists)
    # (...or a name well known for it: the CAIS notes' "MSR" of "Microsoft Research")
    return any(low == w or re.search(rf"\b{re.escape(w)}\b", low) or re.match(rf"{re.escape(low)}\b", w)
               for w in wanted) or bool(wanted & {a.lower() for a in institution_aliases(name)}) \
        or any(low in group and wanted & group for group in _WELL_KNOWN_LOWER)


_WELL_KNOWN_LOWER = [frozenset(n.lower() for n in names) for names in WELL_KNOWN]


def _no_match(r: Retrieval, what: str) -> Answer:
    """No paper passes the filters: of the collection, or of the papers a follow-up asks about ("which of those
    are from Berkeley?"), which the collection's other papers may well match."""
    if r.within is not None:
        n = r.within
        return Answer(text=f"None of the {n} papers asked about matches ({what})." if n != 1 else
                      f"The paper asked about does not match ({what}).", refused=True)
    years_held = r.years_held
    held = (f" It holds papers from {' and '.join(map(str, years_held))}{' only' if len(years_held) == 1 else ''}."
            if years_held else "")
    if r.venues_held:  # "--venue NeurIPS"
        held += f" Its venues are {', '.join(r.venues_held[:-1])} and {r.venues_held[-1]}." \
            if len(r.venues_held) > 1 else f" Its venue is {r.venues_held[0]}."
    return Answer(text=f"No paper in the collection matches ({what}). The collection does not cover this.{held}",
                  refused=True)


def _any_english(words: list[str]) -> bool:
    from .lexical import IZE_FORM, dictionary_words  # (loaded on first use, about 0.2 s)

    known = dictionary_words()
    # (or a word the dictionary's word makes with "-ize": "tokenization", "tokenizer" are no typos)
    derived = [IZE_FORM.fullmatch(w.lower()) for w in words]
    return any(w.lower() in known or w.lower().rstrip("s") in known for w in words) \
        or any(m and m.group(1) in known for m in derived)


def _refusal(r: Retrieval) -> Answer:
    near = [sp.paper for sp in r.ranked[:3]]
    text = REFUSAL_TEXT
    if r.within is not None:  # "which of them use vLLM?": none of the previous answer's papers says so
        n, topic = r.within, " ".join(as_typed(r.parsed.text, r.parsed.content_words))
        text = (f"None of the {n} papers asked about mentions “{topic}”; other papers of the collection may "
                "(ask again without pointing at the previous answer)." if n != 1 else
                f"The paper asked about does not mention “{topic}”.")
    elif r.parsed.filters and r.candidates:  # "papers from Microsoft about MoE": none of its papers answers
        what = r.parsed.filters.describe()
        text = (f"{_none_of_filter(r)}: the collection does not cover it "
                f"({r.candidates} paper{'s' if r.candidates != 1 else ''} {what} searched).")
        if r.named_elsewhere:  # "what does RagInfer do?" with Google as the filter: RagInfer is there, elsewhere
            named = "; ".join(f"{title_name(t) or t} ({pid})" for pid, t in r.named_elsewhere)
            text = (f"The paper the question names is in the collection, but not {what}: {named}. Ask without the "
                    f"filter to hear about it." if len(r.named_elsewhere) == 1 else
                    f"The papers the question names are in the collection, but not {what}: {named}. Ask without "
                    f"the filter to hear about them.")
    # (a title the collection lacks before a word of it no paper writes: "Summarize 'Quantum Gravity Accelerators for
    # Sourdough Baking'." had been told the collection does not cover "Quantum Gravity Accelerators")
    elif title := _quoted_title(r):  # "Is there a paper called 'Attention Is All ...'?"
        text = f"{REFUSAL_HEAD} no paper in it is titled “{title}”, or nearly so."
    elif r.unheld:  # "which papers use spiking neural networks?"
        word, thing = r.unheld
        text = f"No paper mentions “{word}”: the collection does not cover {thing}."
    elif r.unknown_names and r.parsed.shape in ("describe", "factual", "single") and not r.multilingual:
        # "what does the FlexGen paper do?", "What speedup does the vAttention paper report?": said by its name (the
        # one asked of as a paper, not "instead of PagedAttention")
        asked = [n for n in r.unknown_names if _asked_as_paper(n).search(r.parsed.text)] or r.unknown_names[:1]
        text = f"{REFUSAL_HEAD} no paper in it is called “{asked[0]}” (or has that name in its title or abstract)."
    elif names := [w for w in as_typed(r.parsed.text, r.unknown_words) if re.search(r"\d", w)] \
            if not r.multilingual else []:  # "Does any paper report results for Llama-3.1-405B?": said by its name
        text = f"No paper mentions {' or '.join(f'“{w}”' for w in names)}, in any spelling: the collection does not " \
               "cover this question."
    elif r.parsed.unrecorded:  # "which papers are funded by NSF?": neither the funding nor the rest is held
        text = f"{REFUSAL_HEAD} it does not record {r.parsed.unrecorded}, and no indexed paper answers the rest of it."
    words = r.parsed.content_words
    typed = as_typed(r.parsed.text, words)
    # "asdkjh qwpoei": no word any paper or dictionary writes, none written as a name ("FlexGen" may be a system the
    # collection lacks, its closest papers a help); the closest papers would be noise
    if (r.within is None and not r.multilingual and not r.parsed.filters and words and r.parsed.text.isascii()
            and set(words) <= set(r.unknown_words) and all(t.islower() for t in typed) and not _any_english(words)
            and not other_latin_language(r.parsed.text)):
        said = ", ".join(f"“{w}”" for w in typed[:4]) + (", …" if len(words) > 4 else "")
        return Answer(text=f"{REFUSAL_HEAD} none of its words ({said}) is one the papers or an English dictionary "
                           "use. Check the spelling, or ask about a topic, a paper or an author.", refused=True)
    script = unread_script(r.parsed.text)
    if script:  # a Russian question: not "the collection does not cover it", which nothing here could tell
        text = (f"I can't answer this question in the {script} script: asking in one of the languages above may "
                "find papers.")
    elif other_latin_language(r.parsed.text):  # "Hangi makaleler ...?": read by the multilingual model alone
        script = "its language"
        text = (f"I can't read this question's language well enough to answer it: I read {READ_LANGUAGES}, and "
                "asking in one of them may find papers.")
    # mostly letters outside the Latin script, read as English (the multilingual model is off)
    elif non_latin_share(r.parsed.text) > 0.5 and not r.multilingual:
        text += (" The question does not seem to be in English, and the assistant's embedding model reads "
                 "English only: asking in English may find papers.")
    if near:
        unsure = "found by meaning alone, they may not answer it" if script else "they do **not** answer it"
        text += f"\n\nClosest papers ({unsure}): " + "; ".join(f"{p.title} ({p.id})" for p in near)
    return Answer(text=text, citations=[], refused=True)


def _none_of_filter(r: Retrieval) -> str:
    """How a refusal says that none of the filter's papers answers ("No paper from Google answers this question")."""
    return f"No paper {r.parsed.filters.describe()} answers this question"


def left_out_by_filter(r: Retrieval, answer: Answer) -> bool:
    """Whether ``answer`` is the refusal saying no paper of the question's filters is on its topic (not one of
    the record refusals a filter also takes: "the average number of authors at CAIS 2026", "which GPUs ...")."""
    return (answer.refused and r.within is None and bool(r.parsed.filters) and bool(r.candidates)
            and not r.named_elsewhere and answer.text.startswith(f"{_none_of_filter(r)}: the collection does not"))


def elsewhere_refusal(r: Retrieval, found: Answer, papers: dict[str, Paper], shown: int = 3) -> Answer:
    """A filtered question's refusal, when the whole collection answers it ("papers from Google about speculative
    decoding", "is layered prefill from Google?"): not "the collection does not cover it", which is untrue, but
    which papers would answer it without the filter, and whose they are."""
    what = r.parsed.filters.describe()
    n = len(found.citations)

    def line(c: Citation) -> str:
        who = papers[c.paper_id].institutions if c.paper_id in papers else []
        return f"{c.title} ({c.paper_id}{', ' + ', '.join(who[:2]) if who else ''}{', …' if len(who) > 2 else ''})"

    listed = "; ".join(line(c) for c in found.citations[:shown]) + (f"; and {n - shown} more" if n > shown else "")
    text = (f"{_none_of_filter(r)} ({r.candidates} paper{'s' if r.candidates != 1 else ''} {what} searched). "
            f"Without the filter, the answer would cite {n} paper{'s, none' if n != 1 else ', not'} {what}: {listed}. "
            f"Ask without the filter to see {'them' if n != 1 else 'it'}.")
    return Answer(text=text, citations=[], refused=True)


def example_questions(papers: list[Paper]) -> list[str]:
    """Example questions drawn from the collection itself, so each one has an answer."""
    text = " ".join(f"{p.title} {p.abstract}" for p in papers)
    out = ["which papers reduce TTFT?" if re.search(r"\bTTFT\b", text) else "which papers reduce inference latency?",
           "what does the second one do?"]  # a follow-up: the chat remembers the previous answer
    venues = Counter(p.venue for p in papers if p.venue)
    if venues:
        venue = venues.most_common(1)[0][0]
        insts = Counter(i for p in papers if p.venue == venue for i in p.institutions)
        ranked = sorted(insts.items(), key=lambda kv: (bool(ACADEMIC.search(kv[0])), -kv[1], kv[0]))
        if ranked:
            out.append(f"what did {ranked[0][0]} present at {venue}?")
        if venues[venue] >= FEWEST_TO_GROUP:  # enough papers to group by topic
            out.append(f"what are the main topics at {venue}?")
    names = Counter(p.title.split(":")[0].strip() for p in papers if ":" in p.title)
    for p in sorted(papers, key=lambda p: (p.venue != (venues.most_common(1)[0][0] if venues else ""), p.title)):
        name = p.title.split(":")[0].strip() if ":" in p.title else ""
        # A coined single-word system name ("AccelOpt", "Stream2LLM") finds exactly its paper.
        if (re.fullmatch(r"[A-Z][A-Za-z0-9\-]{3,15}", name) and sum(c.isupper() for c in name) >= 2
                and any(c.islower() for c in name) and names[name] == 1):
            out.append(f"what does {name} do?")
            break
    if sum(bool(p.institutions) for p in papers) > 1:  # counted per institution, each count cited
        out.append("which institutions published the most papers?")
    return out


def help_answer(papers: list[Paper], question: str = "") -> Answer:
    """What the assistant answers, for a greeting or "what can you do?": the collection and example questions."""
    venues = Counter(p.venue for p in papers if p.venue)
    where = " (" + ", ".join(f"{n} {v}" for v, n in venues.most_common()) + ")" if venues else ""
    if re.match(r"\W*thank", question, re.I):
        return Answer(text=f"You're welcome. Ask me anything else about the {len(papers)} papers indexed here{where}.")
    examples = [q for q in example_questions(papers) if "second one" not in q]  # a follow-up needs an answer first
    text = (f"I answer questions about the {len(papers)} papers indexed here{where}: what a paper does, which "
            "papers work on a topic, the numbers they report, and who wrote them. Every statement cites the "
            "paper it comes from. For example:\n" + "\n".join(f"- {q}" for q in examples))
    return Answer(text=text)
