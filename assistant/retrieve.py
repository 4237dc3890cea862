"""Hybrid retrieval to papers: metadata filters, BM25 with glossary expansion and spelling correction,
dense MiniLM search in Chroma, fused per paper; exposed to llama-index as a ``BaseRetriever``."""
from __future__ import annotations

import bisect
import logging
import itertools
import math
import os
import re
import string
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from .chunks import split_sentences
from .clean import WELL_KNOWN, _initials, generic_name, title_name
from .concepts import DESCRIBED, QUALIFIERS, read_concepts
from .countries import asked_places, asked_places_foreign, countries_of, is_place_word
from .crosslingual import FIELD_WORDS, translate_names, translate_records, translate_terms
from .lexical import IZE_FORM, _stem, build_lexical, dictionary_words, english_words, fold_accents, tokenize
from .multilingual import Multilingual, MultilingualUnavailable
from .query import (ABSTRACT_CUES, ACADEMIC, ALL_PAPERS, ASKING_KEYS, COUNT_CUES, count_bounds, DATES_UNRECORDED,
                    at_least_of, as_typed, typed_phrase, CODE_UNRECORDED,
                    EFFECT_WORDS,
                    ENGLISH_STOPWORDS, FOREIGN_STOPWORDS, CODE_CUES, CODE_STATEMENT, CODE_WORDS, LIST_CUES, ONE_PAPER,
                    LOOSE_LIST_OPENING, HOW_TO, SUPERLATIVE, TURKISH_FROM, WHAT_THEY_DO,
                    ONE_SENTENCE, OVERVIEW_CUES, STOPWORDS, Filters, asks_who, ParsedQuestion, asks_code, asks_code_too,
                    asks_themes, asks_hardware_most, gpu_name, GPU_MODEL, record_most, record_mean, comparison_parts,
                    content_words, definition_term, described_sides, foreign_language, is_month, non_latin_share,
                    question_alternatives,
                    READ_LANGUAGES, REQUEST_WORDS, unread_words,
                    question_shape,
                    ranking_of, record_fields, requested_count, singular, split_negated, strip_collection, strip_greeting,
                    sector_of, strip_injection, strip_ranking, strip_unrecorded, superlative_of, unrecorded,
                    unrecorded_note, newest_first, published_bounds, GLOSS_AFTER_TOPIC)
from .schema import Paper
from .store import IndexSnapshot, store_unavailable
from .themes import FEWEST_TO_GROUP, MOST_SAMPLED, Theme, themes

log = logging.getLogger(__name__)

# Chroma binds one SQLite variable per value of a where clause's $in (SQLite allows 32,766) and a long
# list is slow to evaluate, so more allowed papers than this are filtered here, after an unfiltered query.
WHERE_IN_LIMIT = 2000
POST_FILTER_MAX = 20000  # chunks an unfiltered query may return (ids and distances only)
# well-known venues of the field, so that a question naming one the collection does not hold ("NeurIPS 2025 papers
# on KV cache") is told so instead of being answered from the venues it does hold
_OTHER_VENUE = re.compile(r"\b(?P<venue>NeurIPS|NIPS|ICML|ICLR|AAAI|IJCAI|EMNLP|NAACL|CVPR|ICCV|ECCV|KDD|WWW|SIGMOD|"
                          r"VLDB|OSDI|SOSP|NSDI|EuroSys|ASPLOS|ISCA|HPCA|SIGCOMM|PPoPP|"
                          r"MLSys|CAIS|arXiv|TMLR|JMLR)(?:\s*'?(?:19|20)?\d{2})?\b(?!-)")
_PUT_OUT = r"put\s+out|puts\s+out|putting\s+out|released?|releases|shipped"  # ("what did Together AI put out?")
_PUBLISHED_AFTER = re.compile(r"\s+(?:published|presented|publish|present|written|wrote|got|brought|shown|showed|"
                              + _PUT_OUT + r"|"
                              # ("which papers have sjtu authors?": its people, in lower case too)
                              r"authors?|co-?authors?|researchers|people|folks|ppl|affiliations?)\b", re.I)
# a capitalised name after "from" that no record, word or venue matches: an organisation the collection lacks
_UNKNOWN_FROM = re.compile(r"\b(?:come|comes|came|are|is|papers?|work|research)\s+from\s+(?:the\s+)?"
                           r"(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})")
_LONG_MESSAGE_WORDS = 80  # a message longer than this keeps only the statements right before its questions
UNHELD_DENSE = 0.4  # a word no paper writes narrows the topic away only when no chunk matches the question this well
# "together" of a joint paper, not of "putting together slides" nor of Together AI
_TOGETHER = r"(?<!\bput )(?<!\bputting )(?<!\bget )(?<!\bgetting )together(?!\s*\.?\s*ai\b)"
_JOINT = r"both|" + _TOGETHER + r"|jointly|joint"  # what says two authors' or institutions' papers are joint ones
# the kinds of thing a name is said to be ("the Vidur simulator", "the XProf profiler")
SYSTEM_KINDS = frozenset("simulator system framework benchmark library engine profiler compiler scheduler "
                         "accelerator tool model paper".split())
_KIND_NAMED = re.compile(rf"(?<=\bthe )([A-Z][a-z]{{2,}})(?= (?:{'|'.join(sorted(SYSTEM_KINDS))})s?\b)")
# written like systems' names ("our speculative decoding PoC": a proof of concept)
_NO_SYSTEMS = frozenset("phd phds msc bsc mba tldr iirc afaik imho poc pocs mvp wip fyi tbd okr okrs kpi kpis".split())
# what an aside about an institution's names says of them: "(... count too)", "(also fine)"
_ASIDE_WORDS = frozenset("count counts counted too also fine ok okay welcome well campus campuses site sites "
                         "location locations either any both all".split())  # ("HKUST (either campus)")
_VERSION = re.compile(r"\d[\w.-]*")  # "8x7B", "3.1", "405B": a version or size written after a name
_PHRASE_ENDS = "compare|compares|compared|versus|vs|perform|performs|performed|work|works|worked|help|helps"
# the last parts of a compound that say how, not what ("carbon-aware", "LLM-powered")
_SUFFIX_PARTS = frozenset("aware based driven guided conscious sensitive friendly centric oriented powered enabled "
                          "assisted".split())
_CLIPPED_COUNT = 5  # a name is read as a clipped word when a longer word opening with it is written this often
# each term a plain description may stand for, and the others it may be written as ("elastic|autoscaling")
_CONCEPT_ALTS = {alt: key.split("|") for key in DESCRIBED for alt in key.split("|")}
CONCEPT_WEIGHT = 2.0  # a term read from a plain description weighs this many times a word of the question
UNHELD_MOST = 4  # ...of at most this many words no paper writes (more, and the question may be chatter)
TITLE_RECALLED_WORDS, TITLE_RECALLED_SHARE = 4, 0.7  # a question holding this much of a title recalls that paper
# a paper matching a question this well (MiniLM cosine), and scoring this many times the runner-up, is the one it
# describes (of 195 regression questions with a word no paper writes, the unanswerable ones' best led by 1.5x at most)
DESCRIBED_ONE_DENSE, DESCRIBED_ONE_LEAD = 0.5, 1.8
_FEW_PAPERS = 20  # a name at most 1/this of the papers write is a rare one ("Megatron-LM", "ZeRO"; not "GPUs")
_FUNCTION = "|".join(sorted(ENGLISH_STOPWORDS, key=len, reverse=True))  # (words that end a noun phrase)
_MORE_THAN = re.compile(r"\b(?:more|fewer|less)\s+(?:[\w-]+\s+){0,2}(?:papers|publications|works|articles)\b.*\bthan\b|"
                        r"\bhow many (?:more|fewer)\b|\b(?:who|which)\b.*\b(?:more|fewer) (?:papers|publications)\b|"
                        r"\b(?:who|which)(?: one)? (?:has|have|published|wrote|presented) (?:more|fewer)\b", re.I)
_COUNT_WORDS = re.compile(r"\b(?:more|fewer|less|than|between|papers?|publications?|works?|articles?|has|have|had|"
                          r"does|do|did|who|which|one|published|wrote|written|presented|many|how|from|by)\b", re.I)
_COLLAB = re.compile(r"\b(?:which|what|who|whom)\b.*\b(?:collaborat\w*|partner(?:ed|s)?|work(?:s|ed)?|"
                     r"co-?author(?:ed|s)?|co-?wr(?:ote|itten))\s+with\b|"
                     r"\b(?:collaborators|co-?authors|partners)\s+(?:of|does|do|did|has)\b", re.I)
_ASKERS_PURPOSE = re.compile(r"^\W*for (?:my|our|the|a|an) (?:[\w'’-]+ ){0,5}?(?:report|survey|thesis|review|"
                             r"paper|talk|class|course|project|proposal|grant|meeting|presentation|slides|deck|"
                             r"newsletter|blog post|memo)\s*[:,-]", re.I)
_COLLAB_WORDS = re.compile(r"\b(?:collaborat\w*|partner\w*|work(?:s|ed)?|co-?author\w*|co-?wr(?:ote|itten)|with|"
                           r"companies|company|universities|university|institutions?|organi[sz]ations?|labs?)\b", re.I)
_GROUP_NAMED = re.compile(r"\b(?:companies|company|universities|university|institutions?|organi[sz]ations?|labs?|"
                          r"institutes?)\b", re.I)
# a word that can only be a name: a capital after its first letter, or letters and digits ("GriNNdr", "Strem2LLM")
_COINED = re.compile(r"(?<![\w-])(?=[A-Za-z]*[a-z][A-Z]|[A-Za-z]+\d|[A-Z]{2,}[a-z])[A-Za-z][\w-]*[A-Za-z0-9]")
# a name given as an example of what the question asks for, after the cue or before "style"
_EXAMPLE_CUE = re.compile(r"\b(?:like|such as|e\.g\.|in the (?:spirit|style|vein) of|[àa] la|similar to)\s+"
                          r"(?P<after>[^?.;:!()]{1,60})|(?P<before>[^?.;:!(),]{1,60}?)[- ]style\b", re.I)
_EXAMPLE_MOST = 2  # ...written by so many papers at most: a name many write is no example of one topic
_FIGURE_WORD = re.compile(r"\d+(?:\.\d+)?(?:x|×|%)", re.I)  # "by at least 5x": a bar on a figure, no topic word
# how a paper presents a name it gives ("we introduce Zephyr", "a system called DistCA")
_PRESENTS = re.compile(r"\b(?:we\s+(?:introduce|present|propose|build|design|develop|implement|call|name)|called|"
                       r"named|dubbed|termed)", re.I)
_PRESENTED_WORDS = re.compile(r"\s+([\w-]+)(?:\s+([\w-]+))?(?:\s+([\w-]+))?")  # ...the three words after it
# what a paper does, after "does <its name>" ("what does flashlight report")
_PAPER_VERB = re.compile(r"\s+(?:report|propose|do|use|achieve|claim|show|measure|target|stand|mean|evaluate|"
                         r"compare|present|introduce|reach|get|need|support|run|work)\b", re.I)


def _said_as_paper(text: str, surface: str) -> bool:
    """Whether a word is said to be a paper's: "the craft paper", "what does flashlight report"; a topic's words
    only the first way ("how much faster does speculative decoding run on RDUs?" asks of the technique)."""
    m = re.search(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text)
    # (not "what is matrix multiplication", "does beam search improve": a verb must follow "does <name>")
    return bool(m and ((" " not in surface and re.search(r"\b(?:does|did)\s+$", text[:m.start()], re.I)
                        and _PAPER_VERB.match(text, m.end()))
                       or re.match(r"\s+(?:paper|system|framework|work)\b|'s\b", text[m.end():], re.I)
                       # "the Wave Python kernel DSL": capitalised after "the", and a kind of system a few words on
                       or surface[:1].isupper() and re.search(r"\bthe\s+$", text[:m.start()], re.I)
                       and bool(_KIND_AFTER.match(text, m.end()))))


# (the words between begin with a capital: not "the Matrix multiplication engine", a topic's phrase)
_KIND_AFTER = re.compile(rf"(?:\s+[A-Z][\w-]*(?:\s+[\w-]+){{0,2}}?)?\s+"
                         rf"(?i:{'|'.join(sorted(SYSTEM_KINDS | {'dsl'}))})s?\b")


_NAME_ALONE_WORDS = 6  # a paper's name that is an English word names it in lower case only in a question this short
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z0-9]{4,}(?![\w-])")  # a word in lower case, a name mistyped or not
_TWO_NAMES = re.compile(r"(?<![\w-])[A-Z][a-z]+ [A-Z][a-z]+(?![\w-])")  # "Ion Stocia"
# how a question frames its topic, not a part of it: "which papers run on TPUs?" asks for the TPU papers ("run" had
# narrowed them to the 4 of 7 writing it)
_FRAMING_VERBS = frozenset("run runs running ran target targets targeting targeted employ employs employing "
                            "evaluate evaluates evaluated evaluating".split())  # ("evaluated on Google TPUs")
# how a question says a paper uses a system it names, not what the paper is about: "build on, integrate with, or
# benchmark against SGLang"
_USING_WORDS = frozenset("build builds built building integrate integrates integrated integrating integration "
                         "benchmark benchmarks benchmarked benchmarking against compare compares compared comparing "
                         "plug plugs plugged adopt adopts adopted extend extends extended implement implements "
                         "implemented atop leverage leverages leveraged rely relies relying experiments experiment "
                         "results evaluations evaluation tested tests testing report reports reported "
                         "family families series variants".split())  # ("experiments on the Qwen model family")
# a hyphenated word's weight beside its parts, when they are words of their own: "communication-computation" spelt
# so by one paper had outweighed the others on the overlap of communication and computation (0: tune R 0.754 ->
# 0.749; 0.3 and 0.5 change no eval citation)
COMPOUND_WEIGHT = 0.5
# (parts that make a term with the rest, not words of their own: "fine-tuning", "zero-shot", "long-context")
_PREFIXES = frozenset("multi pre post non co sub self cross inter intra semi re de un over under super fine zero few "
                      "low high long short end open real full half".split())


def _of_words(token: str) -> bool:
    """A hyphenated token made of words that stand on their own ("communication-computation"), not one whose part
    is a prefix or a function word ("multi-agent", "mixture-of-agents": the whole is the term)."""
    parts = token.split("-")
    return len(parts) > 1 and all(len(p) >= 4 and p not in STOPWORDS and p not in _PREFIXES for p in parts)


TWO_EDITS_FROM = 8  # letters of the shortest word mended two edits away (shorter ones reach too many words)
MAX_MENDED = 40  # letters of the longest word spelling mends are looked for (research words are far shorter)
# a word at least this share of an acronym's papers write does not narrow them ("models" of "MoE models")
GENERIC_SHARE = 0.6
# a name a cue introduces ("from Nvidea", "by Ion Stoika"): up to three words, checked for misspellings
# "we propose DAS, a distribution-aware ...", "This paper presents TritorX": the name a paper gives its system
_INTRODUCED = re.compile(r"\b(?:[Ww]e|[Tt]his (?:paper|work))\s+(?:propose|present|introduce|develop|design|build|"
                         r"describe)s?\s+(?:(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+){0,6}?,?\s+(?:called|named|dubbed)\s+)?"
                         r"([A-Z][\w-]*)")
# ...a coined word (``_COINED``), or capitals alone from 5 letters ("OPTIKIT"; "DAS", "ADR" or "FCP" are also other
# things' initials, "DAS storage")
_CAPITALS = re.compile(r"[A-Z]{5,}[\w-]*")
# (the name looked ahead at, not consumed: "by people at Togeter AI" has a name after "at" too)
_NAME_AFTER_CUE = re.compile(r"\b(?:from|form|frm|at|by|involving|with authors from|affiliated with)\s+(?:the\s+)?"
                             r"(?=(?P<name>[^\W\d_][\w\-]*(?:\s+[^\W\d_][\w\-]*){0,2}))", re.I)
# a name in brackets after words of a script other than Latin: what they name, glossed
_GLOSSED_BEFORE = re.compile(r"[^\x00-\u024f\s]\s*[(（]\s*$")
# ...or after the asker's own words for a name a cue introduces ("da universidade de edimburgo (university of
# edinburgh)": the words between the cue and the bracket)
_NAMED_BEFORE_GLOSS = re.compile(r"(?:[^\W\d_][\w'’-]*\s+){1,3}[(（]\s*$")
# "univ", "univ." and "uni" (of): a university, as a name's word
_UNIVERSITY_SHORT = re.compile(r"(?<![\w-])(?:univ|uni(?= of\b))(?![\w-])", re.I)
# ...and before a verb of publishing or an owner's papers: "what did nvidea present?", "googel's papers" (the mend
# had been read as a topic word: "nvidia" found one paper writing it)
_NAME_BEFORE_CUE = re.compile(r"(?:\b(?:did|has|have|hav|had|does|do|is|was|with)|(?<![\w/])w/)\s+(?:the\s+)?"
                              r"(?P<name>[^\W\d_][\w\-]*(?:\s+[^\W\d_][\w\-]*)?)"
                              r"(?=\s+(?:published|presented|publish|present|written|wrote|write|submit|submitted)\b"
                              # ("wich papers is ion stocia on")
                              r"|\s+on\s*[?.!]*\s*$"
                              # ("which paprs is ion stocia an autor on": "stocia" had been read as "social"; "wich
                              # paperz hav ion stoika as a co-autor")
                              # ("papers w/ ion stoika as co-author")
                              r"|\s+(?:as\s+(?:an?\s+|the\s+)?|(?:an?|the)\s+)(?:co-?)?"
                              r"(?:author|autor|auther|athor)s?\b)"
                              r"|(?P<owner>[^\W\d_][\w\-]*)(?=['’]s\s+(?:papers?|work|research|publications)\b)"
                              # ...or capitalised words opening the question before its papers ("Seol Natinal
                              # University papers at mlsys 2026?")
                              r"|^\W*(?P<lead>(?-i:[A-Z])[\w\-]*(?:\s+(?-i:[A-Z])[\w\-]*){1,2})"
                              r"(?=\s+(?:papers?|authors?|researchers?)\b)", re.I)
# the kind of document a venue's papers came in, named after the venue ("the arXiv LLM inference digest")
_SOURCE_DATED = re.compile(r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?"
                           r"(?:19|20)\d{2}\s+", re.I)  # ("the February 2026 arXiv digest": its title's date)
_SOURCE_NAMED = re.compile(r"(?:\s+[\w/&-]+){0,3}?\s+(reading[- ]notes|notes|digest|dump|proceedings|listing|"
                           r"export|feed|program(me)?|file|json|collection|corpus|records?)\b", re.I)
_MEMBERS = r"(?:researchers?|people|ppl|employees?|engineers?|scientists?|staff|folks|teams?|members?|colleagues|" \
           r"groups?)"
# what follows an organisation's name typed in lower case without a cue: its papers or its people
_LOWER_NAME_AFTER = re.compile(r"(?:'s|’s)?\s+(?:papers?|publications?|research(?:ers)?|works?\b(?!\s+\w+ion)|"
                               + _MEMBERS + r")\b|(?:'s|’s)\s*[?.!]?\s*$", re.I)


def _glossing(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` is alone in brackets glossing the words before it: words of a script
    other than Latin, or the asker's own words for a name a cue introduces."""
    if not re.match(r"\s*[)）]", text[end:]):
        return False
    before = text[:start]
    if _GLOSSED_BEFORE.search(before):
        return True
    own = _NAMED_BEFORE_GLOSS.search(before)
    return bool(own and _INST_BEFORE.search(before[:own.start()]))


def _cued_name(text: str, start: int, end: int) -> bool:
    """Whether a cue says the name at ``text[start:end]`` is an organisation's or a person's: "from X", "X's
    papers", or opening "X serving papers"."""
    return bool(_INST_BEFORE.search(text[max(0, start - _CUE_REACH):start]) or _INST_AFTER.match(text[end:])
                or _opens_before_papers(text, start, end))


def _opens_before_papers(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` opens the question before a topic of a word or two and "papers"
    ("Stanford MoE papers", "google speculative decoding papers"), or opens a few keywords typed as into a search
    box ("bytedance mlsys", "stoica speculative decoding": the name no paper writes had been a topic, refused)."""
    return bool(_LEADING.fullmatch(text[:start]) and (_INST_LATER.match(text[end:]) or _keywords_after(text, end)))


def _keywords_after(text: str, end: int) -> bool:
    """Whether ``text`` from ``end`` is one to four keywords and nothing else, no word of a sentence among them."""
    words = re.findall(r"[^\s?!.,;:]+", text[end:])
    return 1 <= len(words) <= _KEYWORDS_MOST and re.fullmatch(r"[\s\w'’.-]*\??\s*", text[end:]) is not None \
        and not any(w.lower() in STOPWORDS or w.lower() in _SENTENCE_WORDS for w in words)


def _named_around(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where an institution's name at ``start``-``end`` goes on in another language: the word for university before
    it ("Universidade de Washington") and the city after it (", em Seattle", "di Londra")."""
    out = []
    if m := _UNIVERSITY_BEFORE.search(text[:start]):
        out.append((m.start(), start))
    if m := _CITY_AFTER.match(text[end:]):
        out.append((end, end + m.end()))
    return out


_UNIVERSITY_BEFORE = re.compile(r"\b(?:universidade|universit[àa]|universidad|universit[ée]|universit[äa]t|universitat|"
                                r"politecnico|instituto|istituto|institut)\s+(?:de|di|da|do|del|della|des|du|der|"
                                r"degli|dos)?\s*$", re.I)
_CITY_AFTER = re.compile(r"\s*,?\s*(?:em|en|in|a|à|di|de|w)\s+(?-i:[A-Z])[\w-]+(?:\s+(?-i:[A-Z])[\w-]+)?"
                         r"(?=\s*(?:[,;?.!)]|$))", re.I)


def _members_after(text: str, end: int) -> int:
    """The length of "researchers", "'s engineers" after an organisation's name at ``end``: who they are, not a
    topic ("What did Amazon researchers publish?" had been refused as a question on "researchers"); or the rest of
    its name, cut short ("Shanghai Jiaotong Univ", "Acme Corp."); or what it is, said aside ("LinkedIn, the
    job-networking site," had made "job-networking site" a topic of its papers, and refused them)."""
    m = re.match(r"(?:'s|’s)?\s+" + _MEMBERS + r"\b|\s+(?:univ|inc|corp|ltd)\b\.?|" + _AFFILIATED + "|" + _ORG_ASIDE,
                 text[end:], re.I)
    return m.end() if m else 0


# what an organisation is, said aside after its name: ", the job-networking site,", " (the Chinese tech giant)"
_ASIDE_KIND = (r"(?:the|an?)\s+(?:[\w-]+\s+){0,3}(?:site|website|company|firm|startup|giant|maker|platform|network|"
               r"lab|laboratory|school|university|institute|corporation|chipmaker|provider|group)"
               r"(?:\s+(?:that|which|who|behind|known\s+for)\b[^,;?.!()]*)?")  # ", the company that makes GPUs?"
_ORG_ASIDE = rf",\s+{_ASIDE_KIND}(?=\s*(?:[,;?.!]|$))|\s*\(\s*{_ASIDE_KIND}\s*\)"  # (", the AI cloud company?")


# Cue phrases around metadata in questions; removed so "which papers come from X" leaves no content.
_META_CUES = re.compile(r"\b(come|comes|coming|came|from|form|frm|at|by|co-?author(s|ed|ing)?|co-?wr(ote|itten|ites?)|"
                        r"authors?|"
                        r"affiliated|affiliation|"
                        r"institutions?|present(ed)?|publish(ed)?|list|single-?author(ed)?|sole|venue|"
                        r"conference|accepted|written|write|wrote|writes|collaborat\w*|collabs?|joint|jointly|"
                        r"released?|shipped|"
                        r"universit(y|ies)|univ|compan(y|ies)|labs?)\b|"
                        # "papers by Stanford researchers", "from people at MIT": who they are, not a topic (but
                        # "Google papers on teams of agents" keeps its teams)
                        r"(?:(?<=\bby\s)|(?<=\bfrom\s))" + _MEMBERS + r"\b|\b" + _MEMBERS +
                        r"(?=\s+(?:at|from|in)\b|\s*[?.!]?\s*$)",
                        re.I)


# a paper named by its id or link: "openreview:FuRo7Ur5Ib" (as Sources print it), openreview.net/forum?id=…,
# arxiv.org/abs/2602.20662v1, doi.org/10.1145/…, dl.acm.org/doi/10.1145/…, a bare arXiv id or DOI
_PAPER_REF = re.compile(
    r"https?://\S+?(?:[?&]id=([\w-]+)|/(?:abs|pdf)/(\d{4}\.\d{4,5}(?:v\d+)?)|/(10\.\d{4,9}/[^\s?#]+))(?=[\s,;)]|$)"
    r"|https?://\S+|\b(?:openreview|arxiv|doi):[^\s,;\]\)]+|\b\d{4}\.\d{4,5}(?:v\d+)?\b"
    r"|\b10\.\d{4,9}/[^\s,;\]\)]+", re.I)
# an id as the Sources list prints them, left in a question when no paper has it
_NAMED_ID = re.compile(r"\b(?:openreview|arxiv|doi):[^\s,;\]\)?!]+", re.I)
_PAPER_REF_HINT = re.compile(r"://|\b(?:openreview|arxiv|doi):|\d{4}\.\d{4}|\b10\.\d{4}", re.I)

# "what techniques does Kitty use?" asks about Kitty's own, not for a list of papers
_ITS_OWN = re.compile(r"^\W*(which|what) (approaches|techniques|methods|tools|ideas|strategies|solutions|frameworks)\s+"
                      r"(does|do|did|is|are|was|were)\b(?!.*\bpapers?\b)", re.I)
_LEADING = re.compile(r"\W*((list|show|find|give me|any|all|the|are there)\s+)*", re.I)
_ACTIVITY = re.compile(r"(?:ing|tion|sion|ment|ance|ence|ysis)$")  # a noun naming an activity: "watermarking"
_KEYWORDS_MOST = 4  # a name opening at most this many keywords is a filter, as in a search box
# words that make keywords a sentence: a name before them is its subject ("meta learns", "google uses")
_SENTENCE_WORDS = frozenset("is are was were has have had does did do uses used use can could should will would "
                            "says said vs versus".split())
_ASKS_WHERE = re.compile(r"\bwhere (?:did|was|is|has|were)\b|\b(?:which|what) (?:venue|conference|source)\b", re.I)
_PAPERS_ALONE = re.compile(r"\W*(?:all\s+)?(?:papers?|publications|works)\W*", re.I)
_BARE = re.compile(r"[\s\W]*")  # nothing but spaces and punctuation around a name that is the whole question
# the kinds of organisation a question names before its examples ("Korean universities (SNU, KAIST, ...)")
_ORG_KINDS = r"universities|companies|labs|institutions|organi[sz]ations|schools"
# a newcomer's word for the LLMs the papers are on, which no paper writes: no topic the collection lacks ("papers
# that test whether chatbots can be tricked into harmful answers" had been refused for "chatbots")
_PLAIN_LLM = frozenset("chatbot chatbots chat-bot chat-bots".split())
_CUE_REACH = 80  # characters before a name that its cue ("affiliated with", "来自") lies within
_HEADED = re.compile(r"\s*(?::|\s[-–—])\s*(?:how many|which|what|list|show|any|all)\b[^?]*\bpapers?\b", re.I)
_INST_LATER = re.compile(r"(\s+[\w\-]+){1,2}\s+(papers?|work|research|publications)\b", re.I)
# (...and "how many papers does NVIDIA have?")
_INST_BEFORE = re.compile(r"(\b(from|form|frm|at|by|of|with|without|affiliated with|involv(e|es|ed|ing)|"
                          r"authors? (at|from)|between|papers (does|do|did)|"
                          # ("von Autoren der Seoul National University", "d'auteurs de l'Université ...")
                          # (German's read in English first: "von authors der ...")
                          r"autoren|auteurs|autores|autori|authors(?=\s+(?:der|dem|den|des)\s)|"
                          r"(?:have|has|had|include|includes|including) both|"
                          # ... and as Spanish, French, German, Italian and Portuguese say "from" ("son de Google"),
                          # or "at" ("affiliés au Georgia Institute of Technology"),
                          # and Chinese ("来自 Google")
                          r"de|del|von|vom|aus|bei|di|della|dal|da|do|des|du|chez|au|aux|à|"
                          # ...Dutch, Indonesian, Vietnamese, Polish, Russian, Ukrainian and Arabic ("van de", "dari",
                          # "từ", "z", "из", "від", "من")
                          r"van|uit|dari|từ|z|ze|из|от|від|з|із|la|"
                          # ("при участии сотрудников Together AI": with its staff)
                          r"сотрудников|сотрудниками|співробітників|співробітниками|"
                          # ("papers from Korean universities (SNU, KAIST, ...)": the examples of the kind named)
                          + _ORG_KINDS + r")|来自|出自|(?<!\w)من|"
                          r"(?<![\w/])w/)\s+"  # ("papers w/ uw madison ppl?": with)
                          # ("von der Technischen Universität", "de l'Université", "dell'Università")
                          r"((?:the|der|dem|den|la|le|el|il|los|las|les)\s+|(?:de|da|ne|a)?ll?['’]\s*)?"
                          # ("affilié à l'université Stanford", "de la Universidad de Tsinghua": the university named)
                          r"((?:universit[eéà]|universidad|universidade|universit[äa]t|universiteit)\s+"
                          r"(?:(?:de|di|do|da|van)\s+)?)?"
                          r"(both\s+|either\s+)?[(（\"“]?$", re.I)
# "papers similar to Stream2LLM", "work related to openreview:FuRo7Ur5Ib": more like a paper the question names
_SIMILAR = re.compile(r"\b(similar to|related to|like|resembling|comparable to|along the lines of|close to|"
                      r"in the same (area|vein|spirit) as)\b", re.I)
# ...whose name follows it, after these words ("similar to the paper on layered prefill", "like what Kitty does"); a
# "like" of one who wants ("I'd like a summary of X") is none
_SIMILAR_FILLER = re.compile(r"\s*(?:what\s+)?(?:(?:the|a|an|that|this)\s+)?(?:(?:paper|work|one|system|approach|"
                             r"method|idea)s?\s+(?:(?:on|about|called|named|of)\s+)?)?", re.I)
_WANTS_LIKE = re.compile(r"(?:\b(?:i|we|you|they|would|should|i'?d|we'?d)|['’]d)\s*$", re.I)
# what a question about one paper may ask besides its name and still ask what the paper does (stems)
# words around a fact asked of a paper that say nothing of which ("so far", "did it receive", "does it get"; "the
# Kitty poster", "the ExecuTorch project": the paper)
_FACT_FILLER = frozenset("far receive received receives get got gets currently now today yet total overall "
                         "openreview poster posters talk talks project projects presentation presentations last "
                         "annual year scheduled schedule slot slots".split())
_ABOUT_A_PAPER = frozenset(_stem(w) for w in """problem problems solve solves solved result results key main
contribution contributions idea ideas goal goals summary summarize overview novelty novel findings finding
achieve achieves achieved do does doing work works purpose point gist core tackle tackles address addresses
""".split())
# a yes-or-no question: "Is Stream2LLM from Berkeley?", "Did Ion Stoica write Stream2LLM?"
_YES_NO = re.compile(r"^\W*(is|was|are|were|does|did|do|has|have)\b", re.I)
# "both quantization and pruning": topics a paper must hold together
_BOTH = re.compile(r"\bboth\s+([\w\- ]+?)\s+and\s+([\w\-]+(?: [\w\-]+)?)"
                   r"(?=\s*(?:[?.!,;:]|$|\b(?:in|for|to|at|on|of)\b))", re.I)
# between the names of a list of institutions: "from Google, Meta and Stanford"
# "which papers mention Llama 3?": a term the papers' text must hold word for word, however written
_MENTION = re.compile(r"\bmention(?:s|ed|ing)?\s+(?:of\s+)?(?:the\s+(?:words?|terms?|phrase|name)\s+)?(?:the\s+|an?\s+)?"
                      r"[\"'“‘]?([^\"'“”‘’?!]+?)[\"'”’]?\s*[?.!]*\s*$", re.I)


def literal_pattern(term: str) -> re.Pattern | None:
    """``term`` however a text writes it: "Llama 3" is also Llama3, LLaMA-3.1 and "Llama 3.1"; "GPU" also GPUs."""
    parts = [re.findall(r"[^\W\d_]+|\d+", part) for part in re.findall(r"[^\W_]+", term)]
    parts = [runs for runs in parts if runs]
    if not parts or len(parts) > 4:
        return None
    if parts[-1][-1].isalpha():  # "GPUs" is also "GPU"
        parts[-1][-1] = singular(parts[-1][-1])
    body = r"[\s\-_./]*".join(r"[\s\-_.]?".join(re.escape(run) for run in runs) for runs in parts)
    end = r"(?!\d)" if parts[-1][-1].isdigit() else r"(?:s|es)?(?![^\W\d_])"
    # a name with a number is also the end of a longer one: FP4 of NVFP4 and MXFP4 (not H100 of "with 100")
    first = parts[0][0]
    start = r"(?<!\d)" if len(first) >= 2 and first.isalpha() and len(parts[0]) > 1 else r"(?<![^\W_])"
    return re.compile(rf"{start}{body}{end}", re.I)


# ("US Department of Energy national laboratories": the department's name had been a topic its labs' papers lack)
_NATIONAL_LABS = re.compile(r"(?:\b(?:the\s+)?(?:(?:U\.S\.|US|U\.S|American)\s+)?(?:DOE|Department\s+of\s+Energy"
                            r"(?:\s+\(DOE\))?)\s+|\b(?:the\s+)?(?:U\.S\.|US|U\.S|American|DOE)\s+)?"
                            r"\bnational\s+lab(?:s|oratory|oratories)?\b"
                            r"(?:,?\s*\(?(?:such as|like|e\.g\.,?|including|incl\.?)\s+[^?.!;)]*\)?)?", re.I)
# (and a name in brackets after one: "MSR (Microsoft Research)", the same organisation's papers however written)
# (and in the languages users most often ask in: "Amazon oder AWS", "Amazon o de AWS", "谷歌和微软")
_FOREIGN_JOIN = r"o|ou|oder|oppure|y|e|et|und|u|或者?|和|及|と|や|또는|및"
_LIST_JOIN = re.compile(r"\s*(,\s*(and|or)?|and|or|&|\+|/|\(|（|" + _FOREIGN_JOIN + r")\s*"
                        r"(the\s+|(?:de|von|di|da|du|des)\s+)?", re.I)
# what rules out the metadata right after it: "not from Amazon", "aren't by Ion Stoica", "non-Google papers"
_NEG_BEFORE = re.compile(r"(?:\b(?:not|never|excluding|without|except(?:\s+for)?|other\s+than|outside(?:\s+of)?|"
                         # (and in the asker's language: "Não confundir com Virginia Tech", not to be confused with it)
                         r"não|nao|nicht|ohne|au[sß]er|sans|sauf|sin|sem|senza|tranne|excepto|salvo)\s+|"
                         r"n[’']t\s+|\bnon-\s*)(?:(?:be|being|come|coming|from|at|by|of|with|affiliated|written|(?:co-?)?authored|"
                         r"presented|published|accepted|appearing|in|on|any|the|papers?|to|confus\w*|confund\w*|"
                         r"confond\w*|verwechs\w*|mixed\s+up|com|con|avec|mit|da|de|do|von|der)\s+)*$", re.I)
# a year the collection does not hold, asked for anyway: "papers from 2025" has no answer, not every answer
_YEAR_CUE = re.compile(r"\b(from|in|of|during|published in)\s+$", re.I)
_USED_FROM = re.compile(r"\b(?:usable|used|useable|accessible|callable|called|invoked|available|run|runs|running|"
                        r"import(?:s|ed|ing)?|load(?:s|ed|ing)?|port(?:s|ed|ing)?|migrat\w*|convert\w*|switch\w*|"
                        r"mov(?:e|es|ed|ing)|transition\w*|away|export\w*|translat\w*|compil\w*|differ\w*|"
                        r"distinct|separate|independent|apart|benefit\w*|derived|inherit\w*)\s+from\s+(?:the\s+)?$",
                        re.I)
# "the first version of OpenHands": a thing made, not its makers' papers
_VERSION_OF = re.compile(r"\b(?:versions?|releases?|editions?|variants?|forks?|ports?|v\d+)\s+of\s+(?:the\s+)?$", re.I)
# a source's heading asked for: "filed under LLM inference", "in the LLM Inference section of the reading notes"
_SECTION_ASKED = (
    re.compile(r"\b(?:filed|listed|grouped|placed|categori[sz]ed|classified|sorted|put|fall|falls|come|comes|appear|"
               r"appears)\s+(?:under|in|into)\s+(?:the\s+)?[\"“'‘]?(?P<name>\w[\w /&-]*?)[\"”'’]?"
               r"(?:\s+(?:section|heading|category|group|track|topic|part)s?\b.*)?\s*[?.!]*\s*$", re.I),
    re.compile(r"\b(?:in|under)\s+the\s+[\"“'‘]?(?P<name>\w[\w /&-]*?)[\"”'’]?\s+"
               r"(?:section|heading|category)\b", re.I))
_LISTED_NEXT = re.compile(r"\s*(?:,|&|,?\s*\b(?:or|and)\b)\s*(?:the\s+)?", re.I)  # the next of a list of names
# "especially anything from Microsoft", "ideally from NVIDIA": a wish for an institution's papers
_PREFERRED_FROM = re.compile(r"\b(?:especially|particularly|ideally|preferably|notably|in particular)\s+"
                             r"(?:(?:anything|something|ones?|those|the ones|papers?|work)\s+)?(?:from|by)\s+[^,;.?!]+",
                             re.I)
# the kinds of thing an organisation makes, named after it: "Qwen models", "AWS instances", "Google Cloud APIs"
_MADE_THINGS = re.compile(r"\s+(?:models?|chips?|accelerators?|hardware|instances?|APIs?|checkpoints?|weights|"
                          r"devices?|phones?|processors?|CPUs?|GPUs?|TPUs?|NPUs?)\b", re.I)
_AFFILIATED = r"[-\s]+(?:affiliated|authored|led)\b"  # "Meta-affiliated papers", "NVIDIA-authored work"
# (past a gloss in brackets: "What did IBM (International Business Machines) researchers publish ...?")
# "Google's own home-made AI chips", "NVIDIA's GPUs": a maker's product, which papers by others are on (not its papers)
_MAKERS_PRODUCT = (r"(?!\s+(?:own\s+|custom\s+|in-house\s+|home[- ]?(?:made|grown)\s+|proprietary\s+|ai\s+|ml\s+|"
                   r"new\s+|newest\s+|latest\s+|tiny\s+|small\s+|compact\s+|\d+-bit\s+|low-precision\s+)*"
                   r"(?:chips?|accelerators?|gpus?|tpus?|processors?|hardware|silicon|(?:number\s+|data\s*)?formats?|"
                   r"data\s*types?|(?:graphics\s+)?cards?)\b)")
_INST_AFTER = re.compile(r"(?:\s*[(（][^()（）]{1,80}[)）])?(" + _AFFILIATED + r"|['’]s" + _MAKERS_PRODUCT + "|"
                         # ("papers where Suh is one of the authors")
                         r"\s+(?:is|was|are|were)\s+(?:one\s+of\s+the|among\s+the|an?|the)\s+(?:co-?)?authors?\b|"
                         # ("which papers list Google DeepMind as an affiliation?")
                         r"\s+as\s+(?:an?\s+|their\s+)?(?:affiliation|institution|employer)s?\b|"
                         # ("which papers have MIT among the institutions?", "UC Berkeley + speculative decoding")
                         r"\s+(?:among|in|one\s+of)\s+(?:the|their|its)\s+"
                         r"(?:affiliations|institutions|organi[sz]ations)\b|"
                         r"\s*\+\s*(?=\w)|"  # (at a word: the outer group ends at a word boundary)
                         r"\s+(papers?|authors?|" + _MEMBERS + r"|partnered|"
                         # ("every paper with a Stanford affiliation")
                         r"affiliations?|"
                         r"present|presented|publish|published|submit|submitted|work|works|working|worked|contribute|"
                         r"got|brought|showed|shown|"  # ("what has ByteDance got at MLSys?")
                         + _PUT_OUT + r"|"
                         r"contributed|write|wrote|writes|collaborated?|collaborations?|collabs?|"
                         r"involved|participated|participates|"  # ("Is LinkedIn involved in any paper?")
                         r"co-?author(ed|s)?|co-?wr(ote|itten|ites?)|have|has|had))\b|"
                         # "Google 的论文", "Google の論文", "Google 의 논문", "서울대학교 소속 저자" (affiliated), "Google 论文"
                         # ...and "上海交通大学参与的论文" (took part in), "서울대 참여 논문"
                         r"[\s)）]*(的|の|의|有哪些|发表|が発表|소속|に所属|に在籍|所属|논문|论文|論文|から|से|에서|参与|參與|参加|참여|참가)|"
                         + TURKISH_FROM, re.I)


class Sentences(Mapping):
    """Paper id -> its abstract's sentences, split on first use and kept: answers read a few papers per
    question, while splitting every abstract up front was 40% of loading 100k papers."""

    def __init__(self, papers: dict[str, Paper]) -> None:
        self._papers = papers
        self._split: dict[str, list[str]] = {}

    def __getitem__(self, paper_id: str) -> list[str]:
        found = self._split.get(paper_id)
        if found is None:
            paper = self._papers[paper_id]  # KeyError for an unknown id
            found = split_sentences(paper.abstract)
            if found and paper.extra.get("abstract_cut"):  # the source stopped mid-sentence: quoted as cut
                found[-1] += "…"
            self._split[paper_id] = found  # one dict store: safe when two threads split the same paper
        return found

    def summary_of(self, paper_id: str) -> str:
        """The line a digest wrote about the paper (in its text, before the abstract), not the authors' words."""
        paper = self._papers.get(paper_id)
        return (paper.extra.get("summary") or "") if paper else ""

    def __iter__(self) -> Iterator[str]:
        return iter(self._papers)

    def __len__(self) -> int:
        return len(self._papers)


@dataclass
class ScoredPaper:
    """A candidate paper with the evidence that ranked it."""

    paper: Paper
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    name_match: bool = False
    best_chunk_sentences: tuple[int, int] = (0, -1)
    coverage: float = 0.0  # idf-weighted share of the question's topic concepts the paper's text holds


# words naming part of an organisation, after its name ("Google Research", "Meta AI"), not a product of it
_ORG_WORDS = frozenset("research labs lab cloud brain deepmind inc corp corporation company team group university "
                       "institute academy papers paper authors researchers".split())
# an acronym written by more than 1/this of the papers does not pick a question's papers beside other words (LLM, in
# two thirds of them: "serverless LLM" had listed nine LLM papers after the one on serverless inference; next is KV,
# in 15%)
_UBIQUITOUS = 3
_OR_REACH = 3  # the words either side of an "or" read as the alternatives it offers
# ...up to a preposition, which starts what they are of
_OR_SIDE_ENDS = frozenset("on for in with of to at by from into using via over across".split())
KEPT_LEAST = 30  # the fewest ranked papers a search keeps (3k for a larger k): a list may be cut there
_STEM_COUNTS_KEPT = 4096  # papers whose stem counts PaperSearch.about_papers keeps
_COMPOUNDS_KEPT = 4096  # English words whose compound in the collection (PaperSearch._compound) is kept
# the MiniLM cosine a word and its compound must reach: "phones"/"smartphones" 0.86, "phone" 0.70; not
# "links"/"downlink" 0.67, "ball"/"football" 0.62, "boards"/"leaderboard" 0.53 (of 17,720 English words the papers
# never write, 3 are read as a compound at this bar: "phones", "phone", "linking")
COMPOUND_SIMILARITY = 0.7
_OWN_WORD_PAPERS = 2  # a word at most this many papers write is a topic of their own ("sycophancy")
# ...an example given of what a question asks about: the names after these cues, or before "style"
_EX_CUE = re.compile(r"(?:\blike|\bsuch as|\be\.g\.?|\bz\.\s?b\.?|\btipo|\bpar exemple|"
                     r"\bpor ejemplo|\bper esempio|\bzum beispiel|みたいな|のような|比如|例如)\s*(?P<seg>[^?.;!()？。]{1,60})|"
                     r"(?P<before>[^?.;!()]{1,40}?)[- ]style\b", re.I)
_EX_JOINS = {"or", "and", "/", ",", "o", "oder", "ou", "y", "und", "e", "&"}  # ...between the names given
_RARE_WORD_MOST = 6  # ...and one at most this many write, which the best paper does, the topic of a list question
_GENERIC_IDF = 0.5  # a word this common (in about three papers of five or more) names no topic ("systems")
RARE_TOPIC_IDF = 2.0  # a topic word this rare (in about one paper in eight or fewer) is said by the papers on it
GLOSSED_DENSE = 0.4  # ...and a question in another language glossing a topic no paper writes, below this
_GLOSS = re.compile(r"[(（]([^()（）]*)[)）]")  # what a question says in brackets
# ...of examples ("such as", "etc." in the asker's language)
_EXAMPLES_MARKED = re.compile(r"など|とか|之类|等等|(?<=\s)등(?=[\s)）,]|$)|"  # (Korean "등", "and such")
                              r"\b(?:e\.g|z\.\s?b|etc|ecc|usw|like|such as|como|wie|comme|tipo|"
                              r"por ejemplo|par exemple|per esempio|por exemplo|zum beispiel)\b", re.I)
_GLOSS_ACRONYM = re.compile(r"[(（]\s*([A-Za-z][\w-]*)\s*[)）]")  # ...when it is one word: "(dLLMs)"
DESCRIBED_SIDE_DENSE = 0.3  # a side of a comparison described in words finds its paper only with a chunk this close


@dataclass
class Retrieval:
    """What retrieval hands to answer composition."""

    parsed: ParsedQuestion
    ranked: list[ScoredPaper]
    candidates: int
    metadata_matches: list[Paper] = field(default_factory=list)  # complete list for metadata questions
    query_terms: dict[str, float] = field(default_factory=dict)
    unknown_words: list[str] = field(default_factory=list)  # content words the collection never uses
    unknown_names: list[str] = field(default_factory=list)  # named systems/titles no paper carries
    acronym_papers: set[str] | None = None  # papers using the question's acronym (short list questions)
    about_papers: set[str] | None = None  # a bare topic ("quantization"): the ranked papers writing it twice or more
    acronym_qualified: bool = False  # ...and the question has topic words besides it ("MoE training")
    acronym_forms: list[frozenset[str]] = field(default_factory=list)  # ...each way it is written, as stems
    name_bonus: float = 0.0  # what a name match added to a paper's score
    multilingual: bool = False  # a question in another language, read by the multilingual encoder
    compared: bool = False  # "compare A and B": ``ranked`` is each one's paper, in the question's order
    definition: tuple[str, list[str]] = ("", [])  # "what is TTFT?": the term and its long forms (glossary)
    check: bool = False  # "Is Stream2LLM from Berkeley?": whether the paper's record says so
    years_held: list[int] = field(default_factory=list)  # the collection's years, when the question asked others
    mention: tuple[str, re.Pattern] | None = None  # "which papers mention Llama 3?": the term, and how it is written
    themes: list[Theme] | None = None  # "what are the main topics?": the papers in groups ([]: too few to group)
    # "which papers release their code?": ``ranked`` holds the papers saying so; ``code`` the papers the
    # question named ("is Kitty's code available?"), [] for none named
    code: list[Paper] | None = None
    hardware: list[tuple[str, list[Paper]]] | None = None  # "which GPUs do the papers use most?": each, its papers
    dated: bool | None = None  # "what is the newest paper?": ``ranked`` are the dated papers, newest first if True
    record_most: tuple[str, bool] | None = None  # "the paper with the most authors": ("authors", fewest?)
    within: int | None = None  # how many papers a follow-up restricted the search to, if it did
    # the papers (id, title) the question names that its filters leave out
    named_elsewhere: list[tuple[str, str]] = field(default_factory=list)
    venues_held: list[str] = field(default_factory=list)  # the collection's venues, when none asked for is one
    record_mean: str | None = None  # "the average number of authors": "authors"; ``ranked`` most first
    authors_cut: int = 0  # ...of which so many records list their first authors only ("et al."), left out
    cap: int | None = None  # the most papers the asker wants cited (an explicit k): a complete list is cut to it
    code_too: bool = False  # "which KV cache papers release code?": of the papers on the topic, those saying so
    topic_held: bool = False  # a question in another language: the best paper holds the topic read (holding)
    note: str = ""  # said before the answer: how the question was read when it could not be taken literally
    listed_note: str = ""  # ...and said of the papers listed, so not before a refusal
    # "which papers use spiking neural networks?": (the word no paper writes, the thing it names) when that word
    # narrows a topic ("spiking" of "neural networks"): no paper is on it, and the rest is not what was asked
    unheld: tuple[str, str] | None = None
    # the rare names the question writes that papers write too ("Megatron-LM", "Llama-3.1-70B"): however weakly the
    # embedding matches the question, the papers writing them may answer it
    held_names: list[str] = field(default_factory=list)
    # "does Meta have more papers than Google?": each named institution or author, how to ask for its papers
    # ("papers from", "papers by"), and its papers
    counted: list[tuple[str, str, list[Paper]]] = field(default_factory=list)
    # "who has Ion Stoica worked with?": the names whose collaborators the ranking counts (left out of it)
    collaborators_of: list[str] = field(default_factory=list)
    similar: bool = False  # "papers similar to Kitty": ranked by likeness to it, which every paper has some of
    # "Song Han quantization papers?": the filters' papers write the question's rare topic only in passing (none is
    # about it: ``about_papers`` found none)
    passing_only: bool = False
    # the best paper writes a term the question described in plain words (concepts.read_concepts)
    concept_held: bool = False
    # the one or two papers writing a word of a bare topic, the best among them ("sycophancy benchmark": Parrot, the
    # one paper on sycophancy, though it never writes "benchmark")
    own_word_papers: set[str] = field(default_factory=set)
    # "TextGrad / DSPy style", "in the spirit of TextGrad": the one or two papers writing a coined name the question
    # gives as an example of its topic, which are on it however loosely the rest of their text matches
    example_papers: set[str] = field(default_factory=set)
    # "S-LoRA / Punica style", "such as YOLO": the names a question gives as examples of its topic, none of which any
    # paper writes (``PaperSearch._unknown_examples``)
    unknown_examples: list[str] = field(default_factory=list)
    # "papers on pruning LLM weights": the papers writing the rarest word of a list question that its best paper writes
    rare_word_papers: set[str] = field(default_factory=set)


class PaperSearch:
    """All read-side state built once per index generation: BM25, vocabulary, alias and author maps."""

    def __init__(self, snapshot: IndexSnapshot, encoder, multilingual_cache: Path | None = None,
                 progress: bool | None = None) -> None:
        self.snapshot = snapshot
        self.encoder = encoder
        self.papers: list[Paper] = list(snapshot.papers.values())
        # e5 vectors of these papers, in this order, cached in ``multilingual_cache``; None: all questions are English
        self.multilingual = Multilingual(multilingual_cache, self.papers, progress) if multilingual_cache else None
        self.by_id = snapshot.papers
        self.row = {p.id: i for i, p in enumerate(self.papers)}
        self._heads: dict[str, dict[str, float]] = {}  # acronym -> the words written after it (``acronym_head``)
        self.sentences = Sentences(snapshot.papers)
        self.chunk_count = snapshot.collection.count()
        self.dense_depth = 200  # chunks fetched from Chroma per question
        self._stem_counts: dict[str, tuple] = {}  # paper id -> its stems' counts and adjacent pairs (about_papers)
        self._span_of: dict[str, tuple[int, int]] = {}  # chunk id -> its sentences, read from Chroma once
        self._paper_vector: dict[str, np.ndarray] = {}  # paper id -> its mean chunk vector, read when grouped
        self._said: dict[str, dict[str, object]] = {"code": {}, "gpus": {}}  # per paper, what its text says, once
        self._places: dict[tuple[tuple[str, ...], str], np.ndarray] = {}  # (countries, side) -> its papers (_placed)
        self._compounds: dict[str, str] = {}  # English word -> the collection's compound of it, or "" (_compound)
        self.lexical_depth = 100  # BM25 candidates added to the dense ones
        self.multilingual_depth = 100  # papers scored by the multilingual encoder for a foreign question
        self.w_lexical = 0.25
        self.w_name = 0.3
        self.w_cover = 0.15
        self.w_minilm_foreign = 0.5  # MiniLM's share of a foreign question's dense score (the rest is e5's)
        self._build_lexical()
        self._build_metadata_maps()
        self.glossary = {k.lower(): v for k, v in snapshot.glossary.items()}

    # -------------------------------------------------------------- lexical index
    def _build_lexical(self) -> None:
        """A sparse papers x terms matrix of BM25 weights (a query reads its terms' columns, at any scale),
        the spelling vocabulary with its deletion index, and the system names of titles."""
        lex = build_lexical(self.papers)
        self.term_ids = lex.term_ids
        self.bm25_csc = lex.bm25_csc  # column access: which papers use a term, and their weights
        self.idf = lex.idf
        self.title_terms = lex.title_terms
        # raw (unstemmed) vocabulary for spelling correction, with a deletion index (SymSpell, distance 1)
        # question words ("papers", "which", "studies") are rarely in abstracts but often mistyped, and a
        # mistyped "papres" hides the question's shape; count 1 so collection words win close calls
        self.vocab = dict(lex.vocab)
        for w in STOPWORDS - FOREIGN_STOPWORDS:  # (a Portuguese "trabalho" is not a mistyped "trabalhos")
            if w.isalpha() and len(w) >= 4 and w not in self.vocab:
                self.vocab[w] = 1
        self.english = english_words()
        self.deletes: dict[str, list[str]] = defaultdict(list)
        for w in self.vocab:
            for i in range(len(w)):
                self.deletes[w[:i] + w[i + 1:]].append(w)
        self.title_names = {}
        self.name_papers: dict[str, list[str]] = defaultdict(list)
        heads: dict[str, list[str]] = defaultdict(list)
        for p in self.papers:
            name = title_name(p.title)
            if name and 3 <= len(name) <= 40 and len(name.split()) <= 4:
                self.title_names[p.id] = name
                self.name_papers[name.lower()].append(p.id)
                # "FarSkip" for "FarSkip-Collectives", "OSWorld" for "OSWorld-Human": a coined word opening a
                # hyphenated name names its paper too, when no other paper's name opens with it
                head = name.split("-")[0]
                coined = re.fullmatch(r"[A-Za-z]*(?:[a-z][A-Z]|[A-Z]{2}[a-z])[A-Za-z]*", head)
                if head != name and len(head) >= 5 and coined:
                    heads[head.lower()].append(p.id)
        for head, ids in heads.items():  # (not a word of English or of several papers: "PLayer", "FlashAttention")
            if len(ids) == 1 and head not in self.name_papers and head not in self.english \
                    and self.vocab.get(head, 0) < 2:
                self.name_papers[head].append(ids[0])
        # a system its abstract introduces under a name the title lacks ("we propose DAS, a ...", "we present
        # TritorX"): that name names the paper too, written as the abstract writes it (so the German "das" does not),
        # when no other paper writes it
        self.introduced: dict[str, str] = {}
        for p in self.papers:
            for name in (m.group(1).rstrip("-") for m in _INTRODUCED.finditer(p.abstract)):
                if (_COINED.fullmatch(name) or _CAPITALS.fullmatch(name)) and name.lower() not in self.name_papers and \
                        int(self._papers_with(name.lower()).sum()) <= 1:
                    self.introduced.setdefault(name, p.id)
        # ...and a coined name of the title past its opening, which the abstract introduces, or that the title gives
        # in brackets or ends with ("... with OptiKIT", "we present OPTIKIT"; "(HyperTinyPW)"): it names the paper
        said = defaultdict(set)
        for name, pid in self.introduced.items():
            said[pid].add(name.lower())
        self.title_coined: dict[str, str] = {}  # lower case -> the paper
        for p in self.papers:
            for name in _COINED.findall(p.title):
                key = name.lower()
                if key in self.name_papers or int(self._papers_with(key).sum()) > 1 or len(name) < 4:
                    continue
                # (or in an opening too long to be a name: "The OpenHands Software Agent SDK: ...")
                if key in said[p.id] or re.search(rf"\({re.escape(name)}\)|\b(?:with|via|using) {re.escape(name)}$",
                                                   p.title) or (p.id not in self.title_names
                                                                and name in title_name(p.title).split()):
                    self.title_coined[key] = p.id
        # a whole title written in the question names its paper, whatever its words ("what do FaaScale and Using
        # Span Queries to Optimize Cache and Attention Locality do?", as a chat's "the last two" is rewritten)
        self.full_titles: dict[str, list[str]] = defaultdict(list)
        for p in self.papers:
            words = _title_words(p.title)
            if len(words) >= 4:
                self.full_titles[" ".join(words)].append(p.id)
        self.longest_title = max((len(t.split()) for t in self.full_titles), default=0)

    def correct(self, word: str, context: list[str] = (), cognates: bool = True, foreign: bool = False) -> str:
        """``word`` mended (``_mended``), unless an English word the dictionary holds would become another word
        ("redo", "churn", "tooling" are no "read", "chunk", "pooling"; "elastically" may still be read "elastic")."""
        if not foreign and word not in self.vocab and (american := _american(word)) and (
                american in self.vocab or american in self.english):
            return american  # ("customised", "prioritise": had been read as "customismed", "priorities")
        mended = self._mended(word, context, cognates, foreign)
        # (but a compound of it, which MiniLM finds close, is read: "phone" is "smartphones" as "phones" was; the
        # singular had stayed a word no paper writes, and "on-device llm phone laptop" was refused)
        # (a plural or a verb's form too, which the dictionary leaves out: "bit flips", "paging adapters", "spotting
        # fakes", "emits" had been read as "flops", "paving", "faces", "exits"; not one of a rare word a dropped first
        # letter makes, "lusters" is "clusters")
        # (but not one letter short of a doubled one, "runing" is "running"; nor a soft "c" spelt "s", "devises")
        if mended != word and not foreign and _stem(mended) != _stem(word) and (
                word in dictionary_words() or any(b in self.english for b in _bases(word))
                or mended[1:] != word and any(b in dictionary_words() for b in _bases(word))) \
                and not (word in self.english and mended == self._compound(word)) \
                and not any(mended == word[:i] + word[i - 1] + word[i:] for i in range(1, len(word))) \
                and not _spelt_by_sound(word, mended):
            return word
        return mended

    def _mended(self, word: str, context: list[str] = (), cognates: bool = True, foreign: bool = False) -> str:
        """Replace a misspelt word (in neither the collection nor MiniLM's English word list) by a collection
        word one edit away: "prunning" -> "pruning", "sparce attention" -> "sparse attention", but "leaking"
        stays. Among candidates: same first letter first (typos rarely hit it: "pruning", not the commoner
        "running"), then the one most papers use together with the question's other words ``context``
        ("sparse", not "space", beside "attention"), then the most frequent. A word with no such neighbour may be
        a word of another language: see ``_cognate``."""
        if "-" in word and all(part.isalpha() for part in word.split("-")) and word not in self.vocab:
            # "vision-language-modelle", "géo-distribué", "retreival-augmented": each part read on its own (an
            # English word as it is: "dynamical-systems" is no "dynamically-systems")
            return "-".join(part if not foreign and (part in self.english or part in dictionary_words())
                            else self.correct(part, context, cognates, foreign) for part in word.split("-"))
        if word in _SHORT_FORMS and (word not in self.vocab or word in self._clipped_names) and not foreign:
            return _SHORT_FORMS[word]  # ("sparse attn long ctx": "attn" had been read as ATen, "perf" as "peer")
        if word in self.vocab or len(word) < 4 or not word.isalpha() or len(word) > MAX_MENDED:
            return word  # (a 2,000-letter "word" cost 5 s of cognate search, and no word is that long)
        if word in self.english:  # an English word the papers never write, unless in a compound ("smartphones")
            return self._compound(word) or word
        if not foreign and (hyphened := self._hyphen_dropped(word)):
            return hyphened  # ("faulttolerant llm servng": the papers write "fault-tolerant"; it had been refused)
        keys = {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
        found: set[str] = set()
        for key in keys:
            found.update(self.deletes.get(key, ()))
            if key in self.vocab:
                found.add(key)
        if len(word) == 4:  # one edit from a 4-letter word reaches too much: keep the first letter at least
            found = {c for c in found if c[0] == word[0]}
        # (nor is a paper's name reached by another first letter: "lidar" is no "TiDAR")
        found = {c for c in found if c[0] == word[0] or c not in self.name_papers}
        if foreign:  # a short foreign word one edit from ours is another word ("hecho" is no "echo", "fasi" no
            # "fast"), unless it has the same letters ("modle", "tokne"), and no paper's name is a foreign word
            # ("lässt" is no "BLASST")
            found = {c for c in found if (len(word) > 5 or sorted(c) == sorted(word)) and c not in self.name_papers}
        # (a shared deletion can be two edits apart, "ppers" and "paper": the nearest in true edits first)
        if len(found) > 1:
            nearest = min(_edits(word, c) for c in found)
            found = {c for c in found if _edits(word, c) == nearest}
        if len(word) < TWO_EDITS_FROM:  # (as two true edits reach other words: "qubit" is no "quite")
            found = {c for c in found if _edits(word, c) <= 1}
        # (a typo rarely hits the first letter, and not with another edit besides: "Pinterest" is no "interests")
        found = {c for c in found if c[0] == word[0] or _edits(word, c) <= 1}
        if not found and not foreign and len(word) >= TWO_EDITS_FROM:
            found = self._two_edits(word)
        if not found and not foreign and len(word) >= TWO_EDITS_FROM and _stem(word) not in self.term_ids \
                and not _in_dictionary(word):  # (the plural of a word: "multipliers" had become "multiplizers")
            # a letter left out of a form the papers never write, of a word they do ("quantizng": "quantizing",
            # whose stem "quantized" and "quantize" share); the form most papers' stem, its first letter kept
            forms = {word[:i] + ch + word[i:] for i in range(1, len(word) + 1) for ch in string.ascii_lowercase}
            stems = {f: _stem(f) for f in forms}
            forms = [f for f in forms if stems[f] in self.term_ids and stems[f] != _stem(word)]
            if forms:
                return max(forms, key=lambda f: (-self.idf.get(stems[f], 0.0), f))
        if not found:
            if not cognates:
                return word
            found = self._cognate(word)
            # in an English question, only a shorter form of the same word ("elastically" -> "elastic"), not
            # another word ("gigabit" -> "gigabyte", "InfiniBand" -> "InfiniteBench")
            return found if foreign or word.startswith(found) or _stem(found) == _stem(word) else word
        others = [m for w in context if w != word and (m := self._papers_with(w)).any()] if len(found) > 1 else []

        def affinity(cand: str) -> float:  # share of the candidate's papers that also use each other word
            mine = self._papers_with(cand)
            n = int(mine.sum())
            return sum(int((mine & rows).sum()) / n for rows in others) if n else 0.0

        # (then the one holding the typo's letters: a swap or a missing letter keeps them all, "papesr" and "paprs"
        # are "papers", not "paper" or "pairs")
        # (then a word questions are made of: "papirs" is "papers" more often than "pairs")
        return max(found, key=lambda c: (c[0] == word[0], -sum((Counter(word) - Counter(c)).values()),
                                         c in _ASKING_WORDS, round(affinity(c), 2), self.vocab[c], c))

    @cached_property
    def _dehyphenated(self) -> dict[str, str]:
        """The stems of the collection's hyphenated words by their letters run together ("faulttoler": "fault-toler");
        read on the first word needing it, not at load."""
        return {t.replace("-", ""): t for t in self.term_ids if "-" in t and all(p.isalpha() for p in t.split("-"))}

    def _hyphen_dropped(self, word: str) -> str:
        """``word`` with the hyphens the papers write it with ("faulttolerant": "fault-tolerant"), else ""."""
        compound = self._dehyphenated.get(_stem(word))
        if compound is None:
            return ""
        parts, at = [], 0
        for part in compound.split("-")[:-1]:  # (the stem's parts are the word's, but for the last one's ending)
            if word[at:at + len(part)] != part:
                return ""
            parts.append(part)
            at += len(part)
        return "-".join(parts + [word[at:]])

    @cached_property
    def _sides(self) -> tuple[np.ndarray, np.ndarray]:
        """Masks of the papers that list a university or institute, and of those that list a company (told by
        name: ``query.ACADEMIC``); read on the first question asking for a side, not at load."""
        academic = np.zeros(len(self.papers), dtype=bool)
        company = np.zeros(len(self.papers), dtype=bool)
        for i, p in enumerate(self.papers):
            for name in filter(None, p.institutions):
                if ACADEMIC.search(name):
                    academic[i] = True
                else:
                    company[i] = True
        return academic, company

    @cached_property
    def sorted_vocab(self) -> list[str]:
        """The spelling vocabulary in order, for prefix lookups; sorted on the first foreign word, not at load."""
        return sorted(self.vocab)

    def _two_edits(self, word: str) -> set[str]:
        """The collection's words a long ``word`` is with two letters left out ("hetrogenous" -> "heterogeneous",
        "paralellism" -> "parallelism"); a scan of the words starting with its letter, only when no word is one
        edit away. (Two edits of any kind reach other words: "virtualization" is no "visualization", "multitask"
        no "multicast", "specinfer" no "superinfer".)"""
        vocab = self.sorted_vocab
        lo, hi = bisect.bisect_left(vocab, word[0]), bisect.bisect_left(vocab, chr(ord(word[0]) + 1))
        return {c for c in vocab[lo:hi] if len(c) == len(word) + 2 and _left_out(word, c)}

    @cached_property
    def _reversed_vocab(self) -> list[str]:
        """The spelling vocabulary spelt backwards, in order, for lookups by ending; sorted on first use."""
        return sorted(w[::-1] for w in self.vocab)

    def _compound(self, word: str) -> str:
        """For an English word the papers never write, the collection's most frequent word that is it (in either
        number) after a word of its own and that MiniLM finds close in meaning: "phones" -> "smartphones", not
        "boards" -> "leaderboard"; else "". Asked once per word (kept for the 4,096 last asked)."""
        if word in self._compounds:
            return self._compounds[word]
        one = singular(word)
        found = []
        for form in {one, one + "s", one + "es"}:
            backwards = form[::-1]
            at = bisect.bisect_left(self._reversed_vocab, backwards)
            while at < len(self._reversed_vocab) and self._reversed_vocab[at].startswith(backwards):
                whole = self._reversed_vocab[at][::-1]
                head = whole[:-len(form)]
                if len(head) >= 4 and (head in self.english or head in self.vocab):
                    found.append(whole)
                at += 1
        best = max(found, key=lambda c: (self.vocab[c], c)) if found else ""
        if best:
            vectors = self.encoder.encode([word, best])
            best = best if float(vectors[0] @ vectors[1]) >= COMPOUND_SIMILARITY else ""
        return _kept(self._compounds, word, best, _COMPOUNDS_KEPT)

    def _cognate(self, word: str) -> str:
        """A long word of another language read as the collection's word with the longest common start
        (at least 5 letters and 60% of it): "automaticamente" -> "automatically", "décodage" -> "decoding",
        "distinctes" -> "distinct". Words with no such start stay as they are."""
        if len(word) < 7:
            return word
        # German and Dutch spell with k what English spells with c: "Kontexten" -> context, "Kommunikation"
        found = self._common_start(word) or ("k" in word and self._common_start(word.replace("k", "c")))
        if found:
            return found
        # a compound ("leistungs|simulatoren", "sprach|modellen"): its longest tail that is, or starts like, a word;
        # both parts long, so that "fore|casting" or "dispos|itivos" are not read as compounds
        for i in range(5, len(word) - 7):
            tail = word[i:]
            found = tail if tail in self.vocab else self._common_start(tail)
            if found:
                return found
        return word

    def _starting_with(self, prefix: str, most: int) -> list[str]:
        """The first ``most`` words the papers write that start with ``prefix``, in order."""
        vocab = self.sorted_vocab
        at = bisect.bisect_left(vocab, prefix)
        return list(itertools.takewhile(lambda w: w.startswith(prefix), itertools.islice(vocab, at, at + most)))

    def _common_start(self, word: str) -> str:
        """The collection's most frequent word sharing the longest start with ``word`` (5+ letters, 60%), or ""."""
        for n in range(len(word) - 1, max(5, math.ceil(0.6 * len(word))) - 1, -1):
            starts = self._starting_with(word[:n], 50)
            if starts:
                return max(starts, key=lambda c: (self.vocab[c], c))
        return ""

    def _papers_with(self, word: str) -> np.ndarray:
        """Mask of the papers that use ``word`` (stemmed), from the BM25 matrix's column."""
        col = self.term_ids.get(_stem(word))
        return self._term_mask(col) if col is not None else np.zeros(len(self.papers), dtype=bool)

    def _term_mask(self, col: int) -> np.ndarray:
        """Mask of the papers that use term ``col``: costs the term's postings, not a sort of them."""
        mask = np.zeros(len(self.papers), dtype=bool)
        mask[self._term_rows(col)] = True
        return mask

    def _term_rows(self, col: int) -> np.ndarray:
        """Rows of the papers that use term ``col``: its postings in the column-major BM25 matrix."""
        return self.bm25_csc.indices[self.bm25_csc.indptr[col]:self.bm25_csc.indptr[col + 1]]

    def bm25(self, terms: dict[str, float]) -> np.ndarray:
        """BM25 scores of every paper for weighted, stemmed ``terms``."""
        cols = [self.term_ids[t] for t in terms if t in self.term_ids]
        if not cols:
            return np.zeros(len(self.papers), dtype=np.float32)
        weights = np.asarray([terms[t] for t in terms if t in self.term_ids], dtype=np.float32)
        return np.asarray(self.bm25_csc[:, cols] @ weights).ravel()  # reads only these terms' postings

    # -------------------------------------------------------------- metadata
    def _build_metadata_maps(self) -> None:
        self.alias_papers: dict[str, set[str]] = defaultdict(set)
        self.alias_canonical: dict[str, str] = {}
        for p in self.papers:
            names = list(p.institutions) + list(p.institution_aliases)
            for name in names:
                key = name.strip().lower()
                # an English function word is no name; German "mit" and "über" are MIT and Uber
                if len(key) >= 2 and key not in ENGLISH_STOPWORDS:
                    self.alias_papers[key].add(p.id)
            for canon in p.institutions:
                self.alias_canonical.setdefault(canon.lower(), canon)
        self.author_papers: dict[str, set[str]] = defaultdict(set)
        self.author_name: dict[str, str] = {}
        for p in self.papers:
            for a in p.authors:
                if len(a.split()) >= 2:
                    self.author_papers[a.lower()].add(p.id)
                    self.author_name[a.lower()] = a
        # a paper named by its id or link ("openreview:FuRo7Ur5Ib", an arXiv URL, "2602.20662"): lower-case keys
        self.id_keys: dict[str, str] = {}
        for p in self.papers:
            for key in (p.id, p.id.split(":", 1)[-1], re.sub(r"v\d+$", "", p.id.split(":", 1)[-1]), p.url):
                if key:
                    self.id_keys.setdefault(key.lower().rstrip("/"), p.id)
        self.venues = sorted({p.venue for p in self.papers if p.venue})
        self.years = {p.year for p in self.papers if p.year}
        # each paper's publication date, when its record gives one (the arXiv digest's), and the dates given, sorted
        self._published = [p.extra.get("published") for p in self.papers]
        self.dates = sorted(d for d in self._published if d)
        self.dated_years = {int(d[:4]) for d in self.dates}
        # rows of the papers with each exact venue, year and author: filters combine boolean masks
        # instead of testing every paper per question
        venue_rows, year_rows, author_rows = defaultdict(list), defaultdict(list), defaultdict(list)
        for i, p in enumerate(self.papers):
            venue_rows[p.venue].append(i)
            year_rows[p.year].append(i)
            for a in set(p.authors):
                author_rows[a].append(i)
        as_arrays = lambda rows: {k: np.asarray(v, dtype=np.int64) for k, v in rows.items()}  # noqa: E731
        self._venue_rows, self._year_rows, self._author_rows = map(as_arrays, (venue_rows, year_rows, author_rows))
        self._institution_counts = np.fromiter((len({i for i in p.institutions if i}) for p in self.papers),
                                               dtype=np.int64, count=len(self.papers))
        self._author_counts = np.fromiter((p.author_count for p in self.papers), dtype=np.int64,
                                          count=len(self.papers))
        self._single_institution = self._institution_counts == 1
        self._authors_cut = np.fromiter((p.authors_cut for p in self.papers), dtype=bool, count=len(self.papers))
        self._single_author = (self._author_counts == 1) & ~self._authors_cut
        self.author_keys = {_name_key(name): full for name, full in self.author_name.items()}
        for key, full in list(self.author_keys.items()):  # "Joseph E. Gonzalez" is also "Joseph Gonzalez"
            self.author_keys.setdefault(_no_initials(key), full)
        self.alias_keys = {_name_key(alias): alias for alias in self.alias_papers if _name_key(alias)}
        for key, alias in list(self.alias_keys.items()):  # "Hong Kong University of Science and Technology" is "The
            if key.startswith("the "):  # ..." (it had been read as "Hong Kong University" and "of Science and ...")
                self.alias_keys.setdefault(key[4:], alias)
            # "Leiden University" is "University of Leiden", and "University Leiden" as other languages order it
            # ("Universiteit Leiden"); "University of Toronto" is "Toronto University"
            place = re.fullmatch(r"(\w+(?: \w+)?) university|university of (\w+(?: \w+)?)", key)
            if place:
                name = place.group(1) or place.group(2)
                for other in (f"{name} university", f"university of {name}", f"university {name}"):
                    self.alias_keys.setdefault(other, alias)
        # ...and by a name well known for it that is no initials of its record's ("University of Maryland" is the
        # CAIS notes' "UMD": it had been read as University of Maryland, Baltimore County, by the words opening it)
        for names in WELL_KNOWN:
            held = next((self.alias_keys[_name_key(n)] for n in names if _name_key(n) in self.alias_keys), None)
            if held is not None:
                for n in names:
                    self.alias_keys.setdefault(_name_key(n), held)
            # (and two of its names records write apart are one institution's papers: the CAIS notes' "MSR" is the
            # MLSys records' Microsoft Research; "CAIS papers from Microsoft Research" had been refused)
            apart = {self.alias_keys[_name_key(n)] for n in names if _name_key(n) in self.alias_keys}
            if len(apart) > 1:
                merged = set().union(*(self.alias_papers[a] for a in apart))
                for a in apart:
                    self.alias_papers[a] = set(merged)
        # a run of the words of institutions' names that is no alias ("Berkeley", "Hong Kong"), and surnames
        # ("Stoica"): what a question may name them by when a cue says it names someone ("from Berkeley")
        self.name_part_institutions: dict[str, set[str]] = defaultdict(set)
        for canon in self.alias_canonical.values():
            words = re.findall(r"[^\W\d_][\w\-]*", canon)
            for n in range(1, min(3, len(words)) + 1):
                for i in range(len(words) - n + 1):
                    run = words[i:i + n]
                    key = _name_key(" ".join(run))
                    if (all(w[0].isupper() for w in run) and not generic_name(" ".join(run))
                            and key not in self.alias_keys and key not in ENGLISH_STOPWORDS):
                        self.name_part_institutions[key].add(canon)
        self._long_keys: dict[tuple[str, ...], str] | None = None  # glossary long forms as stems (acronymized)
        self._closest: dict[str, str | None] = {}  # misspelt names met, and the name each is (closest_name)
        self.surname_authors: dict[str, set[str]] = defaultdict(set)
        for full in self.author_name.values():
            self.surname_authors[_name_key(full).split()[-1]].add(full)

    def _shortened(self, key: str) -> str | None:
        """The one author a first name written short names with a surname ("chris re": Christopher Ré); None if
        none or several."""
        first, _, surname = key.partition(" ")
        if len(first) < 3 or " " in surname or not surname or first in STOPWORDS:  # (not "the Zhang group")
            return None
        found = [full for full in self.surname_authors.get(surname, ())
                 if _name_key(full).split()[0].startswith(first)]
        return found[0] if len(found) == 1 else None

    def closest_name(self, surface: str) -> str | None:
        """The one author, surname or institution a misspelt name is nearest ("Nvidea" -> "NVIDIA", "Ion Stoika"
        -> "Ion Stoica", "Stoika" -> "Stoica"): within one edit (two from nine letters), None if none or several
        are, or if ``surface`` already names one."""
        key = _UNIVERSITY_SHORT.sub("university", _name_key(surface))  # ("wich papers r from univ of toronot")
        if len(key) < 5 or self._names_exactly(key):
            return None
        if surface.strip().isupper() and len(key) <= 5:
            # initials one letter off another's are another organisation's: KAUST is not KAIST (NVIDA is NVIDIA)
            name = self.closest_name(surface.lower())
            return None if name and " " not in name and len(name) == len(key) else name
        if key in self._closest:
            return self._closest[key]
        limit = 1 if len(key) < 9 else 2
        # (a misspelling keeps the name's first or last letter: the edit distance, which costs, is for those)
        near = lambda k: abs(len(k) - len(key)) <= limit and (k[0] == key[0] or k[-1] == key[-1]) \
            and _edits(k, key) <= limit  # noqa: E731
        hits = {full for k, full in self.author_keys.items() if near(k)}
        hits |= {alias for k, alias in self.alias_keys.items() if near(k)}
        if not hits and " " in key:  # "Carnagie Melon Univeristy": a slip in each word (three edits in all)
            words = key.split()
            # ("Carnegy Melon Univ": two slips in a word of seven letters or more)
            alike = lambda k: len(k.split()) == len(words) and all(  # noqa: E731
                a == b or (a[0] == b[0] and len(b) >= 4 and _edits(a, b) <= (1 if len(b) < 7 else 2))
                for a, b in zip(k.split(), words))
            hits |= {alias for k, alias in self.alias_keys.items() if alike(k)}
        if " " not in key:  # a surname alone stays a surname ("by Stoika": every Stoica, as "by Stoica" reads)
            hits |= {next(iter(names)).split()[-1] for k, names in self.surname_authors.items() if near(k)}
            hits |= {k.title() for k in self.name_part_institutions if near(k)}
        if len(hits) > 1 and len({frozenset(self.alias_papers.get(h, ())) for h in hits}) == 1 \
                and all(h in self.alias_papers for h in hits):
            # "Togeter AI": "together.ai" and "togetherai", one institution's names: the one with a canonical name
            hits = {max(sorted(hits), key=lambda h: _name_key(h) in self.alias_canonical)}
        return _kept(self._closest, key, hits.pop() if len(hits) == 1 else None, 2048)

    def _restated(self, rest: str, hits: set[str]) -> str:
        """``rest`` without the filter's institutions named again, however spelt: a parenthesis naming one goes whole
        ("from NVIDIA (nvidea research, nvida corp etc)", "(any IBM lab counts)", "(incluida Google DeepMind)"),
        else the name and the words of an organisation after it ("from Micrsoft or Microsft Reserch"). They had been
        searched for as the topic, and the institution's papers answered with none or a few of them."""
        def names_them(word: str, part: bool = False) -> bool:
            alias = self.alias_keys.get(_name_key(word)) or self.closest_name(word)
            if alias and self.alias_papers.get(alias, set()) & hits:
                return True
            # (in a parenthesis, a word of one of its names: "HKUST authors (including the Guangzhou campus)", whose
            # records write "HKUST(GZ)" and "Hong Kong University of Science and Technology (Guangzhou)")
            key = _name_key(word)
            return part and word[:1].isupper() and any(
                key in k.split() and self.alias_papers[alias] & hits for k, alias in self.alias_keys.items())

        def aside(m: re.Match) -> str:
            # (or what is left of one once its names were read: "(IBM Research / International Business Machines
            # count too)"; or an organisation's initials, "Microsoft Research (any MSR lab)"; or names no paper
            # writes, a campus or city: "UW (University of Washington, Seattle)")
            said = set(content_words(m.group(1))) - _ASIDE_WORDS
            left = [w for w in _WORD_RUN.findall(m.group(1)) if w.lower() in said]
            return " " if any(names_them(w, part=True) or w.isupper() and _name_key(w) in self.alias_keys
                              for w in _WORD_RUN.findall(m.group(1))) or not left or all(
                w[:1].isupper() and _stem(w.lower()) not in self.idf for w in left) else m.group(0)

        rest = re.sub(r"\(([^()]*)\)", aside, rest)
        words = rest.split(" ")
        kept, dropping = [], False
        for w in words:
            bare, mark = w.strip(",.;:?!\"'"), w[len(w.rstrip(",.;:?!")):]  # (the question mark stays)
            if bare and (names_them(bare) or dropping and (bare.lower() in _ORG_WORDS
                                                           or self.correct(bare.lower()) in _ORG_WORDS)):
                dropping = True
                kept += [mark] if mark else []
                continue
            dropping = False
            kept.append(w)
        return " ".join(kept)

    def _after_organisation(self, before: str) -> bool:
        """Whether ``before`` ends with an organisation's name, as the records spell it (in one to three words)."""
        words = re.findall(r"[\w&.-]+", before)[-3:]
        return any(_name_key(" ".join(words[i:])) in self.alias_keys for i in range(len(words)))

    @cached_property
    def _initialled(self) -> dict[str, set[str]]:
        """The organisations two or three capitals are the initials of ("UW": University of Washington, University
        of Wisconsin, Madison), by their canonical names."""
        out: dict[str, set[str]] = defaultdict(set)
        for name in set(self.alias_canonical.values()):
            initials = _initials(name.split(",")[0])
            if 2 <= len(initials) <= 3 and " " in name:
                out[initials].add(name)
        return out

    def canonical(self, alias: str, default: str | None = None) -> str:
        """An alias's canonical name ("together.ai" -> "Together AI"), else ``default`` (the alias itself)."""
        return self.alias_canonical.get(alias) or self.alias_canonical.get(_name_key(alias)) or (
            alias if default is None else default)

    def _names_exactly(self, key: str) -> bool:
        """Whether a name key is an author, surname, institution or a part of an institution's name as written."""
        return key in self.alias_keys or key in self.author_keys or key in self.surname_authors \
            or key in self.name_part_institutions

    def mend_names(self, text: str) -> tuple[str, dict[str, str]]:
        """``text`` with a misspelt name after "from", "at", "by" and the like spelt as the records spell it
        ("papers from Nvidea" had searched for papers mentioning NVIDIA, without the filter), and the mends."""
        mends: dict[str, str] = {}
        cued = sorted([*_NAME_AFTER_CUE.finditer(text), *_NAME_BEFORE_CUE.finditer(text)], key=lambda m: m.start())
        for m in reversed(cued):
            group = next(g for g in ("name", "owner", "lead") if m.group(g))
            words = m.group(group).split()
            first = _name_key(words[0])
            # "by design", "from scratch", "by pruning it": words, not names (but "ion stocia" is Ion Stoica, whole)
            wordy = (first in self.english or _stem(first) in self.idf) and not words[0][:1].isupper()
            for n in range(min(3, len(words)), 0, -1):
                surface = " ".join(words[:n]).strip(",.;:?!")
                if n > 1 and self._names_exactly(_name_key(surface)):
                    break  # "by Sahil Parmar" names its author: "Sahil" alone is not a misspelt "SAIL"
                name = None if wordy and n == 1 else self.closest_name(surface)
                if wordy and name not in self.author_name.values():
                    continue
                if name and name.islower() and surface.istitle():  # (a part of names, as a key: said as typed)
                    name = name.title()
                if name:
                    start = m.start(group)
                    text = text[:start] + name + text[start + len(surface):]
                    mends[surface] = self.canonical(name)
                    break
        return self._mend_coined(text, mends)

    def _mend_coined(self, text: str, mends: dict[str, str]) -> tuple[str, dict[str, str]]:
        """``text`` with a misspelt paper name ("GriNNdr", "Strem2LLM", "DualPth": a word with a capital inside or a
        digit) or author ("Ion Stocia", two capitalised words) spelt as the records spell it, wherever it stands: they
        had been refused, read as another word ("social"), or answered from another paper."""
        # (and a word in lower case that no paper nor English writes: "napspec", "eli5 rocketppa", "how does flashlite
        # work?" had been refused)
        # (not a word mistyped, nor a short one: "trainng", "pretrain", "lidar" are no MTraining, ProTrain, TiDAR)
        coined = {m.start(): m for m in _COINED.finditer(text)}
        # (and in English: "executar" of a Portuguese question is no ExecuTorch)
        for m in _LOWER_WORD.finditer(text) if not foreign_language(text) else ():
            key = m.group(0)
            if m.start() not in coined and (key in self._introduced_lower or (
                    len(key) >= 6 and key not in self.english and _stem(key) not in self.idf
                    and self.correct(key) == key)):
                coined[m.start()] = m
        for _, m in sorted(coined.items(), reverse=True):
            word = m.group(0)
            key = word.lower()
            if key in self._introduced_lower and word != self._introduced_lower[key] and len(key) >= 5:
                # (a name an abstract introduces, in another case: "rocketppa")
                text = text[:m.start()] + self._introduced_lower[key] + text[m.end():]  # (no slip to say)
                continue
            if len(key) == 4 and _COINED.fullmatch(word) and key not in self._written_coined \
                    and (typo := self._coined_slip(word)):
                # ("why does vLMM take so long to boot?": a short name the papers write, one letter slipped, in the
                # same capitals; it had been refused as a system no paper names)
                text = text[:m.start()] + typo + text[m.end():]
                mends[word] = typo
                continue
            if key in self.name_papers or key in self.vocab or key in self.glossary or len(key) < 5 \
                    or key in self._written_coined:  # ("FlashAttention-3": FlashAttention-4's abstract names it)
                continue
            # (a word in lower case, coined by no look, is held closer: one slip, "proponen" is no ProToken)
            lower = not _COINED.fullmatch(word)
            limit = 1 if len(key) < 7 or lower else 2
            # (a digit written otherwise is another version, not a slip: "StreamDiffusionV3" is not StreamDiffusionV2)
            # (in lower case the first letter may be the one missed, "napspec"; a sound spelt otherwise past a long
            # common start, "flashlite", is three edits)
            near = {name: _edits(name, key) for name in self._coined_names
                    if (name[0] == key[0] or lower and name[-1] == key[-1]) and abs(len(name) - len(key)) <= limit + 1
                    and re.sub(r"\D", "", name) == re.sub(r"\D", "", key)}
            near = {name: d for name, d in near.items()
                    if d <= (3 if lower and _common_start(name, key) >= 6 else limit)}
            nearest = [name for name, d in near.items() if d == min(near.values())]
            if len(nearest) == 1:  # (the nearest, if one is: "napspec" is KnapSpec, one edit, not NexSpec, two)
                name = self.title_names[self.name_papers[nearest[0]][0]]
                text = text[:m.start()] + name + text[m.end():]
                mends[word] = name
        for m in reversed(list(_TWO_NAMES.finditer(text))):
            surface = m.group(0)
            if surface in mends.values() or _name_key(surface) in self.author_keys:
                continue
            if any(w.lower() in self.english or w.lower() in self.vocab for w in surface.split()[1:]):
                continue  # ("Which Papers", "Speculative Decoding": words, not a name)
            name = self.closest_name(surface)
            # (the initial already written before it: "G. Edward Suh" had been read "G. G. Edward Suh")
            if name and name.endswith(" " + surface) \
                    and text[:m.start()].rstrip().endswith(name[:-len(surface)].strip()):
                continue
            if name and name in self.author_name.values():
                text = text[:m.start()] + name + text[m.end():]
                mends[surface] = name
        return text, mends

    @cached_property
    def _clipped_names(self) -> set[str]:
        """The one-word names that are also the clipped form of a word the papers write often ("DisAgg": "disagg
        configs" is short for disaggregation): typed in lower case in a longer question, such a name is that word.
        Read on first use, not at load."""
        frequent = [w for w, c in self.vocab.items() if c >= _CLIPPED_COUNT]
        return {key for key in self.name_papers
                if key.isalpha() and any(w.startswith(key) and len(w) > len(key) + 2 for w in frequent)}

    @cached_property
    def _venue_words(self) -> set[str]:
        """The words of the collection's venue names, lower case ("mlsys", "2026", "arxiv", "cais")."""
        return {w.lower() for v in self.venues for w in v.split()}

    @cached_property
    def _introduced_lower(self) -> dict[str, str]:
        """The names abstracts introduce (``introduced``), by their lower case."""
        return {name.lower(): name for name in self.introduced}

    def _coined_slip(self, word: str) -> str:
        """The one coined word the papers write that ``word`` slips a letter of, past its first and with capitals where
        it has them ("vLMM" -> "vLLM", not "VLMs"; "dLLM" is no vLLM), or ""."""
        shape = lambda w: re.sub(r"[a-z]", "a", re.sub(r"[A-Z]", "A", w))  # noqa: E731
        key = word.lower()
        if key in self.glossary or key in self.vocab or key + "s" in self._written_coined:  # ("dLLM": dLLMs)
            return ""
        near = {w for w in self._written_coined_typed if len(w) == len(word) and shape(w) == shape(word)
                and w[0] == word[0] and _edits(w.lower(), key) == 1}
        return near.pop() if len(near) == 1 else ""

    @cached_property
    def _written_coined_typed(self) -> set[str]:
        """Every coined word the papers' titles and abstracts write, as they write it ("vLLM")."""
        return {w for p in self.papers for w in _COINED.findall(f"{p.title} {p.abstract}")}

    @cached_property
    def _written_coined(self) -> set[str]:
        """Every coined word the papers' titles and abstracts write, lower case ("flashattention-3")."""
        return {w.lower() for w in self._written_coined_typed}

    def _named_product(self, word: str, text: str) -> bool:
        """Whether ``text`` names a product by ``word``, which no paper writes: capitalised past a sentence's start
        ("on Intel Gaudi accelerators"), and not a name the papers coin mistyped ("Laura adapters", autocorrected
        LoRA; of a short one, a slip: "AMX" is no "AMD")."""
        slips = 1 if len(word) <= 4 else 2
        if any(a < m.start() < b for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I)
               for a, b in _quoted_spans(text)):
            return False  # (a word of a quoted title: "Summarize '... on Ascend NPUs'")
        if is_place_word(word):  # (nor a country's people: "That Japanese GPU supercomputer from Sakura Internet")
            return False
        return _capitalised_inside(word, text) and not any(
            abs(len(c) - len(word)) <= slips and _edits(word.lower(), c) <= slips for c in self._written_coined)

    @cached_property
    def _coined_names(self) -> list[str]:
        """The papers' short names that are coined words, lower case ("grinnder", "stream2llm")."""
        return [n for n in self.name_papers if " " not in n and self.vocab.get(n, 0) < 2]

    def _phrases(self, text: str, longest: int = 8):
        """Every run of 1..``longest`` words of ``text`` as (normalized key, start, end), longest first."""
        # (a Latin letter with its accent is of the word: "Ré" is "re", as the names' keys fold it, not "r")
        words = [(key, m.start(), m.end()) for m in re.finditer(r"(?:[A-Za-z0-9]|[À-ÖØ-öø-ɏ])+", text)
                 if (key := _name_key(m.group(0)))]
        out = []
        for n in range(min(longest, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                out.append((" ".join(w for w, _, _ in words[i:i + n]), words[i][1], words[i + n - 1][2]))
        return out

    def read_filters(self, text: str) -> tuple[Filters, str, set[str]]:
        """Find institutions, authors and venues the question names, by phrase lookup (cost independent of
        the collection's size); return them, the text without them, and the papers of the institutions."""
        found = Filters()
        foreign = foreign_language(text)  # (read once: the places and the names below ask)
        # a whole title written in the question is its paper's, not a filter's: "... A Security Look at NVIDIA GPU
        # Confidential Computing" is no question about NVIDIA's papers
        titles = [span for span, _ in self._titles_in(text)]  # (kept in the question's text: they are searched)
        spans: list[tuple[int, int]] = []
        free = lambda s, e: not any(a < e and s < b for a, b in spans + titles)  # noqa: E731
        matched_papers: set[str] = set()
        def negated(start: int) -> int | None:
            """Where the words ruling out the metadata at ``start`` begin, if they do."""
            m = _NEG_BEFORE.search(text, 0, start)
            return m.start() if m and m.end() == start else None

        named_at: list[tuple[int, int, str]] = []  # where the authors asked for are named, and who
        inst_at: list[tuple[int, int, bool]] = []  # where institutions are named, and whether ruled out

        def listed_after(start: int) -> bool:
            """Whether ``start`` follows an institution asked for and "or", "and" or a comma: "papers from stanford
            or berkeley" names both (the lower-case "berkeley", with no cue of its own, had been left out)."""
            return any(not ruled and _LISTED_NEXT.fullmatch(text[e:start]) for _, e, ruled in inst_at)
        group_at: dict[int, list[str]] = {}  # the group of institutions named at a start
        placed = asked_places(text) or (asked_places_foreign(text) if foreign else None)
        if placed and free(*placed[2]):  # "papers from Korean universities", "anything from China" (no name's part)
            found.countries, found.country_side = list(placed[0]), placed[1]
            spans.append(placed[2])
        phrases = list(self._phrases(text))
        for key, start, end in phrases:
            if not free(start, end):
                continue
            author = self.author_keys.get(key) or self.author_keys.get(_no_initials(key)) or self._shortened(key) or (
                # ("Kasikci, Baris": a name written surname first, with its comma, or both words capitalised)
                ("," in text[start:end] or all(w[:1].isupper() for w in text[start:end].split()))
                and len(key.split()) == 2 and self.author_keys.get(" ".join(key.split()[::-1])))
            if " " in key and author:
                neg = negated(start)
                if neg is None:
                    named_at.append((start, end, author))
                else:
                    found.not_authors.append(author)
                spans.append((start if neg is None else neg, end))
            elif key in self.alias_keys:
                alias = self.alias_keys[key]
                surface = text[start:end]
                glossed = None
                # (in lower case too right after "from" or "at", "papers from kaist", "from google"; after the other
                # cues only if it is no English word)
                proper = " " in key or any(c.isupper() for c in surface) or bool(
                    re.search(r"\b(?:from|frm|at)\s+(?:the\s+)?$", text[:start], re.I)) or (
                    key not in self.english and bool(_INST_BEFORE.search(text[:start]))) or (
                    # "what has amd published?": a name no English word spells, before a verb of publishing
                    key not in self.english and bool(_PUBLISHED_AFTER.match(text[end:]))) or \
                    self._lower_named(alias, key, text, start, end) or \
                    self._bare_name(alias, key, text, start, end) or \
                    listed_after(start)  # ("amazon" alone had been refused, "Amazon" not)
                # (nor a word of the asker's language in lower case: German "Beiträge mit Autoren von Siemens" is
                # "with", not MIT)
                if proper and surface.islower() and surface in FOREIGN_STOPWORDS and foreign:
                    proper = False
                # An organisation named without a cue ("deploying PyTorch models") is a topic word, not a filter.
                if proper and ((_INST_BEFORE.search(text[:start]) or _INST_AFTER.match(text[end:]))
                               and not self._owns_product(text, start, end)
                               and not self._used_from(alias, key, text, start)
                               or text[:start].lower().endswith("non-")
                               or self._leading_name(alias, key, text, start, end)
                               # ("Not Virginia Tech.", "nicht Virginia Tech": a name ruled out is one)
                               or (" " in key and negated(start) is not None)
                               # "... جامعة محمد بن زايد للذكاء الاصطناعي (MBZUAI)": what the Arabic words name, glossed
                               or _glossing(text, start, end)
                               # "Which papers involve Lawrence Livermore (LLNL)?": a name no record writes, glossed
                               or bool(glossed := self._glossed_name(text, start, end))
                               or self._bare_name(alias, key, text, start, end)
                               or listed_after(start)):
                    neg = negated(start)
                    name = self.canonical(alias, "") or (self._as_named(alias, surface) if surface.islower()
                                                               else surface)
                    if neg is None:
                        # ("UW", as two papers' records write it: it stands for University of Washington and for
                        # University of Wisconsin as well, whose initials it is; either may be meant)
                        # (unless the question says which: "UW (University of Washington, Seattle)")
                        meant = self._initialled.get(surface, set()) if surface.isupper() else set()
                        also = [] if any(n.split(",")[0].lower() in text.lower() for n in meant) else sorted(
                            n for n in meant - {name} if not self.institution_papers(n) <= self.alias_papers[alias])
                        found.institutions += [name, *also]
                        found.institution_groups.append(group_at.setdefault(start, [name, *also]))
                        matched_papers |= self.alias_papers[alias]
                        for other in also:
                            matched_papers |= self.institution_papers(other)
                    else:
                        found.not_institutions.append(name)
                    spans.append((start if neg is None else neg, end + _members_after(text, end)))
                    # (and its long name, glossing it in brackets in lower case: "AMD (advanced micro devices)
                    # affiliated papers" had searched AMD's papers for advanced micro devices, and refused)
                    if own := self._own_gloss(alias, text, end):
                        spans.append(own)
                    # (and the rest of its name in the asker's language, and its city: "Universidade de Washington, em
                    # Seattle" had searched its papers for "universidade" and "Seattle", and refused)
                    spans += _named_around(text, start, end)
                    if glossed:  # (the name glossed is the filter's too, not a topic: "Lawrence Livermore")
                        spans.append(glossed)
                    inst_at.append((start, end, neg is not None))
            elif (part := self._name_part(key, text, start, end, listed=listed_after(start))
                  or self._initials(key, text, start, end)) is not None:
                kind, names = part
                neg = negated(start)
                if kind == "authors":
                    if neg is None:
                        named_at += [(start, end, name) for name in names]
                    else:
                        found.not_authors += names
                elif neg is None:
                    found.institutions += names
                    found.institution_groups.append(group_at.setdefault(start, list(names)))
                    for name in names:
                        matched_papers |= self.institution_papers(name)
                else:
                    found.not_institutions += names
                spans.append((start if neg is None else neg, end + (_members_after(text, end) if kind == "institutions"
                                                                    else 0)))
                if kind == "institutions":
                    spans += _named_around(text, start, end)
                    inst_at.append((start, end, neg is not None))
        # "authors from US national laboratories (such as Argonne, ...)": each institution named a national laboratory,
        # or by the initials the US labs end theirs with (LLNL, ORNL)
        labs = _NATIONAL_LABS.search(text)
        if labs and free(*labs.span()) and negated(labs.start()) is None:
            names = sorted({name for name in map(self.canonical, self.alias_papers)
                            if re.search(r"\bNational Lab", name) or re.fullmatch(r"[A-Z]{1,3}NLs?", name)})
            if names:
                found.institutions += names
                found.institution_groups.append(names)
                for name in names:
                    matched_papers |= self.institution_papers(name)
                spans.append(labs.span())
        # the rest of a list the cue starts: "from Google and Meta", "not from Amazon or Microsoft"
        grew = bool(inst_at)
        while grew:
            grew = False
            for key, start, end in phrases:
                if not free(start, end) or not any(c.isupper() for c in text[start:end]):
                    continue
                joins = [(neg, s0, text[e0:start] if e0 <= start else text[end:s0]) for s0, e0, neg in inst_at]
                joins = [(neg, s0, between) for neg, s0, between in joins if _LIST_JOIN.fullmatch(between)]
                if not joins:
                    continue
                joined = [neg for neg, _, _ in joins]
                # ("Amazon/AWS", "MSR (Microsoft Research)": one organisation written two ways, one group)
                same = next((group_at[s0] for _, s0, between in joins
                             if between.strip() in ("/", "(") and s0 in group_at), None)
                if key in self.alias_keys:
                    alias = self.alias_keys[key]
                    names, papers = [self.alias_canonical.get(alias, text[start:end])], self.alias_papers[alias]
                else:  # "from Stanford and Berkeley": a part of names, the list's cue standing for its own
                    part = self._name_part(key, text, start, end, cued=False) or \
                        self._initials(key, text, start, end, cued=False)
                    if not part or part[0] != "institutions":
                        continue
                    names = part[1]
                    papers = set().union(*(self.institution_papers(name) for name in names))
                if joined[0]:
                    found.not_institutions += names
                else:
                    found.institutions += names
                    if same is not None:
                        same += [n for n in names if n not in same]
                        group_at[start] = same
                    else:
                        found.institution_groups.append(group_at.setdefault(start, list(names)))
                    matched_papers |= papers
                spans.append((start, end))
                inst_at.append((start, end, joined[0]))
                grew = True
        # ...and of authors: "papers by Stoica and Zaharia", "by Ion Stoica or Zaharia" (the second surname had been
        # read as a topic word, and the question refused)
        grew = bool(named_at)
        while grew:
            grew = False
            for key, start, end in phrases:
                authors = self.surname_authors.get(key) if " " not in key else None
                if not authors or not free(start, end) or not text[start:start + 1].isupper() \
                        or any(s0 <= start < e0 for s0, e0, _ in named_at):
                    continue
                if any(_LIST_JOIN.fullmatch(text[e0:start]) for _, e0, _ in named_at if e0 <= start):
                    named_at += [(start, end, name) for name in sorted(authors)]
                    spans.append((start, end))
                    grew = True
        named_at.sort()
        found.authors = list(dict.fromkeys(name for _, _, name in named_at))
        spans_named: dict[tuple[int, int], list[str]] = defaultdict(list)
        for start, end, name in named_at:  # (the authors one name stands for: "Patel", Ameen and Pratyush)
            spans_named[(start, end)].append(name)
        found.author_groups = list(spans_named.values())
        # "co-authored by A and B": their joint papers (a list "by A, B or C" is anyone's)
        # ...and so are "A co-authored with B", "papers A wrote with B", "A and B together"
        found.every_author = any(re.fullmatch(r"\s*(and|&)\s*|\s*(co-?author(ed)?|co-?wr(ote|itten|ite)|"
                                              r"wr(ote|itten|ite)|publish(ed)?|work(ed)?)\s+(together\s+)?with\s*",
                                              text[a_end:b_start], re.I)
                                 for (_, a_end, _), (b_start, _, _) in zip(named_at, named_at[1:])) or \
            (len(found.authors) > 1 and bool(re.search(r"\b(" + _JOINT + r"|co-?sign\w*|"
                                                       # ("co-signés à la fois par A et B", "escritos juntos")
                                                       r"[aà] la fois|ensemble|ambos|ambas|juntos|juntas|entrambi|"
                                                       r"insieme|beide|zusammen|gemeinsam)\b", text, re.I)))
        # "from both Google and Stanford", "Google and Stanford together": their joint papers ("from Google and
        # Meta" is either's, as a list of institutions usually means)
        # ...and so do two named apart, not as one list ("the AMD kernel paper from Stanford": a paper of both)
        named = sorted((a, b) for a, b, ruled in inst_at if not ruled)
        # (not one named as part of the other: "ByteDance authors, including their Seed team")
        linking = rf"\b(and|or|nor|either|both|{_FOREIGN_JOIN}|de|von|di|da|du|des)\b|&"
        apart = any(re.search(r"[^\W\d_]", re.sub(linking, " ", text[e1:s2], flags=re.I))
                    and not re.search(r"\b(?:including|incl|such as|e\.g|like|especially|notably)\b", text[e1:s2], re.I)
                    and not re.match(r"\s*[(（]", text[e1:s2])  # ("UW (University of Washington, Seattle)": restated)
                    # ("Korean universities (SNU, KAIST, ...)": examples of the kind named)
                    and not re.fullmatch(rf"\s*(?:{_ORG_KINDS})\s*[(（]\s*", text[e1:s2], re.I)
                    for (_, e1), (s2, _) in zip(named, named[1:]))
        joint = re.search(r"\b(" + _JOINT + r"|collaborat\w*|collabs?|co-?author\w*|"
                          r"co-?wr(ote|itten|ites?))\b", text, re.I)
        found.every_institution = len(found.institution_groups) > 1 and (apart or bool(joint))
        low = text.lower()
        for venue in self.venues:
            short = venue.split()[0]
            if short.lower() not in low:
                continue
            pattern = (r"(?<!\w)" + re.escape(venue) + r"(?!\w)|(?<!\w)" + re.escape(short)
                       + r"(?:\s*'(\d{2})|(\d{2})|\s*(\d{4}))?(?!\w)")  # "MLSys'25", "MLSys25", "MLSys 2025"
            for m in re.finditer(pattern, text, re.I):
                if free(m.start(), m.end()):
                    neg = negated(m.start())
                    (found.venues if neg is None else found.not_venues).append(venue)
                    # "the CAIS 2026 reading notes", "the arXiv LLM inference digest": the source holding the
                    # venue's papers is named by it, the words before the kind of document included
                    source = _SOURCE_NAMED.match(text, m.end())
                    # ...and the month and year the source's title gives it ("the February 2026 arXiv inference
                    # digest": no year filter, nor a date)
                    dated_title = _SOURCE_DATED.search(text, 0, m.start()) if source else None
                    first = dated_title.start() if dated_title and dated_title.end() == m.start() else m.start()
                    spans.append((first if neg is None else neg, source.end() if source else m.end()))
                    # "MLSys 2027", "CAIS '25": a year of the venue the collection does not hold is asked for
                    # as such (no paper matches, and the answer says which years it holds), not read as this one
                    digits = next((g for g in m.groups() if g), "")
                    asked = int(digits) + (2000 if len(digits) == 2 else 0) if digits else None
                    if asked and neg is None and not venue.endswith(str(asked)) and asked not in found.years:
                        found.years.append(asked)
                    break
        # "arXiv papers published on February 25" (read past the names found: "the February 2026 arXiv digest")
        masked = text
        for a, b in spans:
            masked = masked[:a] + " " * (b - a) + masked[b:]
        dated = published_bounds(masked, self.dated_years)
        if dated and free(*dated[1]):
            found.published = dated[0]
            spans.append(dated[1])
        for m in _UNKNOWN_FROM.finditer(text):  # "papers from Qualcomm": an organisation no record lists
            name = m.group("name")
            keys = _name_key(name).split()
            if not free(m.start("name"), m.end("name")) or negated(m.start()) is not None \
                    or _OTHER_VENUE.fullmatch(name) or self.closest_name(name) is not None:
                continue
            if all(k not in self.english and _stem(k) not in self.idf for k in keys):
                found.institutions.append(name)
                found.institution_groups.append([name])
                spans.append((m.start(), m.end()))
            elif _BARE.fullmatch(text[m.end("name"):]) and not sector_of(text[:m.end("name")])[0] \
                    and any(_stem(k) in self.idf for k in keys):
                # "papers from Groq", "papers from Oracle": no author is from there, though papers write the name
                found.unlisted.append(name)
                spans.append((m.start("name"), m.end("name")))
        for m in _OTHER_VENUE.finditer(text):  # "NeurIPS 2025 papers on KV cache": a venue the collection lacks
            name = m.group("venue")
            if free(m.start(), m.end()) and negated(m.start()) is None and \
                    not any(v.split()[0].lower() == name.lower() for v in self.venues):
                found.venues.append(re.sub(r"\s+", " ", m.group(0)).strip())
                spans.append((m.start(), m.end()))
        alone = re.search(r"\b(a |one |only one |just one )?(single|sole|solo|lone)[- ]author(ed|s)?\b|"
                          r"(?<!least )\b(only |just |a )?(one|1) author\b", text, re.I)  # (not "at least one author")
        if alone:  # "single-author papers", "papers with a single author": the words are the filter, not a topic
            found.single_author = True
            spans.append(alone.span())
        sector, where = sector_of(text)
        if sector and free(*where):  # "papers from both academia and industry"
            found.sector = sector
            spans.append(where)
        one_place = re.search(r"\b(a |one |only one |just one )?single[- ](institution|affiliation|organi[sz]ation)s?"
                              r"\b|"
                              r"\b(only |just )?one (institution|affiliation|organi[sz]ation)\b", text, re.I)
        if one_place:  # "papers from a single institution"
            found.single_institution = True
            spans.append(one_place.span())
        for group, bounds, span in count_bounds(text):  # "papers with more than 10 authors"
            if free(*span):
                if bounds[0] > 1 or bounds[1] is not None:  # ("with at least one author affiliated with AMD": all)
                    setattr(found, "author_count" if group == "authors" else "institution_count", bounds)
                spans.append(span)
                # ...and what the question calls their lists ("papers with huge author lists, more than 30 authors":
                # "huge" and "lists" had been a topic, and refused)
                for m in re.finditer(rf"\b(?:(?:huge|long|big|large|massive|enormous|short|small|tiny)\s+)?"
                                     rf"{group[:-1]}[- ]lists?\b", text, re.I):
                    if free(*m.span()):
                        spans.append(m.span())
        # (a year, not a date or a time of pasted logs: "2026-01-01 12:00:01 INFO ..." had filtered by "2026 or 2026")
        for m in re.finditer(r"(?<![\d:/.-])\b(19|20)\d{2}\b(?![-/:.]\d)", text):
            if free(m.start(), m.end()) and (int(m.group(0)) in self.years or _YEAR_CUE.search(text[:m.start()])):
                if int(m.group(0)) not in found.years:
                    found.years.append(int(m.group(0)))
                spans.append((m.start(), m.end()))
        rest = text
        for s, e in sorted(spans, reverse=True):
            rest = rest[:s] + " " + rest[e:]
        if found:
            rest = _META_CUES.sub(" ", rest)
        found.institutions = list(dict.fromkeys(found.institutions))
        found.institution_groups = [g for i, g in enumerate(found.institution_groups)
                                    if g not in found.institution_groups[:i]]
        found.not_institutions = list(dict.fromkeys(found.not_institutions))
        return found, re.sub(r"\s+", " ", rest).strip(), matched_papers

    def _lower_named(self, alias: str, key: str, text: str, start: int, end: int) -> bool:
        """Whether an organisation typed in lower case with no cue before it is named: before its papers, its people
        or a verb of publishing, when the papers' text uses the word less than their records list it ("kaist
        papers", "stanford researchers", "microsoft's papers", "what did amazon present?"; not "pytorch's compiler",
        "qwen has", "fair work distribution", "threat intel papers")."""
        if re.search(r"\b(?:did|does|do|has|have|had)\s+$", text[:start], re.I) and _PUBLISHED_AFTER.match(text[end:]):
            return True
        prev = re.search(r"([^\W\d_]+)\s+$", text[:start])
        # (or opening the question before a topic of a word or two and "papers": "google speculative decoding papers")
        return (not (prev and prev.group(1).lower() not in STOPWORDS) and bool(_LOWER_NAME_AFTER.match(text[end:]))
                or _opens_before_papers(text, start, end)) \
            and int(self._papers_with(key).sum()) < len(self.alias_papers[alias])

    def _as_named(self, alias: str, typed: str) -> str:
        """An organisation typed in lower case ("kaist", "stanford") as its papers' records write it ("KAIST",
        "Stanford"), else in capitals if short, else capitalised."""
        for pid in sorted(self.alias_papers.get(alias, ())):
            for name in self.by_id[pid].institutions:
                m = re.search(rf"(?<!\w){re.escape(typed)}(?!\w)", name or "", re.I)
                if m:
                    return m.group(0)
        for pid in sorted(self.alias_papers.get(alias, ())):  # ...or as a spelling they list ("Georgia Tech")
            for name in self.by_id[pid].institution_aliases:
                if name.lower() == typed.lower():
                    return name
        if len(typed) <= 5:
            return typed.upper()
        small = {"of", "and", "the", "for", "de", "in", "at"}
        return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(typed.split()))

    def _maker_of(self, word: str, text: str) -> bool:
        """Whether ``word`` is an organisation the records name, written as the maker of what follows it ("Alibaba's
        Qwen model family"): no topic of the question."""
        return bool(self.institution_papers(word) or word in self.name_part_institutions) and bool(
            re.search(rf"(?<![\w-]){re.escape(word)}(?:'s|’s)\s", text, re.I))

    def _owns_product(self, text: str, start: int, end: int) -> bool:
        """Whether the organisation at ``text[start:end]`` is named as the maker of an acronym's thing ("Google's
        TPUs", "le TPU di Google", "the GPUs of NVIDIA"): a topic, the papers on TPUs, not Google's papers."""
        after = re.match(r"\s*(?:'s|’s)\s+([\w-]+)", text[end:])
        # "Google's tensor processing units": the acronym's long form written out is its thing too
        spelt = re.match(r"\s*(?:'s|’s)\s+((?:[\w-]+\s+){1,3}[\w-]+)", text[end:])
        if spelt:  # (the long form right after the possessive, not "Google's papers on TPUs")
            words = spelt.group(1).lower().split()
            short = self.acronymized(words)
            if short and words[0] not in STOPWORDS and short[0] != words[0] and self.long_forms(short[0]):
                return True
        # "in Meta's datacenters", "NVIDIA's Hopper architecture": where or on what the work is done, a topic the
        # papers' text writes, not the organisation's papers ("Meta's papers", "Google's latest work" are)
        owned = re.match(r"\s*(?:'s|’s)\s+([^\W\d_][\w-]*)((?:\s+[\w-]+){0,3})", text[end:])
        thing = owned.group(1).lower() if owned else ""
        # ("Meta's deep-learning framework": a hyphenated word of the papers' words; "Google's JAX": a short name)
        if owned and thing not in STOPWORDS and (thing in self.vocab or "-" in thing and all(
                part in self.vocab or len(part) < 4 for part in thing.split("-"))
                or owned.group(1).isupper() and _stem(thing) in self.term_ids) and \
                not re.match(_MEMBERS + r"\b", owned.group(1), re.I) and \
                not re.search(r"\b(?:papers?|works?|research|publications?|contributions?|studies|articles?|teams?|"
                              r"groups?|labs?|researchers|engineers|people|authors)\b", owned.group(0), re.I):
            return True
        before = re.search(r"([\w-]+)\s+(?:of|de|di|da|do|des|du|del|della|von|vom)\s+(?:the\s+)?$", text[:start], re.I)
        # "which papers involve Google TPUs?" too, but not after "from", "at" or "by" ("papers from Google TPU teams")
        by_org = re.search(r"\b(from|at|by)\s+(the\s+)?$", text[:start], re.I)
        beside = None if by_org else re.match(r"\s+([A-Z][A-Z0-9]+s?)\b", text[end:])
        # ...or its product the papers write ("AWS Trainium", "NVIDIA Hopper"; not "Google Research papers")
        product = None if by_org else re.match(r"\s+([A-Z][a-z][\w-]*)\b", text[end:])
        made = product.group(1).lower() if product else ""
        if made in self.vocab and made not in self.alias_keys and made not in _ORG_WORDS:
            return True
        # ...or a kind of thing it makes ("experiments with Qwen models", "on AWS instances")
        if not by_org and _MADE_THINGS.match(text[end:]):
            return True
        return any(m and bool(self.long_forms(m.group(1))) for m in (after, before, beside))

    def _used_from(self, alias: str, key: str, text: str, start: int) -> bool:
        """"makes learned optimizers usable from PyTorch", "porting kernels from CUDA": a name the papers write in
        their text more often than they list it as an affiliation, after a word of using or moving, is where the
        work is used or comes from, a topic, not the papers of an institution ("papers from PyTorch" are); and so is
        any name after "a version (release, fork, ...) of" ("the first version of OpenHands")."""
        return bool(_VERSION_OF.search(text[:start])) or bool(_USED_FROM.search(text[:start])) and \
            len(self.alias_papers[alias]) < int(self._papers_with(key).sum())

    def _leading_name(self, alias: str, key: str, text: str, start: int, end: int) -> bool:
        """"Stanford MoE papers", "Google TPU papers": a name opening the question before a topic of one or two
        words and "papers" names an institution, if more papers list it than use its name in their text
        ("PyTorch compiler papers" is about PyTorch); and a name heading a question on papers ("Seoul National
        University: how many papers and which ones?", refused before as a topic)."""
        if not (_opens_before_papers(text, start, end)
                or _LEADING.fullmatch(text[:start]) and _HEADED.match(text[end:])):
            return False
        return len(self.alias_papers[alias]) > int(self._papers_with(key).sum())

    def _counted(self, text: str, filters: Filters, read: Filters) -> Retrieval | None:
        """"Does Meta have more papers than Google?", "which has more papers, MIT or Stanford?": each named
        institution (or author) with its papers, when the question names two or more and no topic (None else)."""
        tail = re.search(r"\b(?:than|between)\s+(.+)$|,\s*([^,]+)$", text, re.I)
        head_rest = self.read_filters(text[:tail.start()])[1] if tail else text
        other, tail_rest = self.read_filters("papers from " + next(g for g in tail.groups() if g))[:2] if tail \
            else (Filters(), "")
        groups = read.institution_groups + [g for g in other.institution_groups if g not in read.institution_groups]
        authors = read.authors + [a for a in other.authors if a not in read.authors]
        topic = [w for w in content_words(_COUNT_WORDS.sub(" ", f"{head_rest} {tail_rest}")) if w not in STOPWORDS]
        if topic or (len(groups) < 2 and len(authors) < 2):  # ("more papers on KV cache than NVIDIA": not the totals)
            return None
        base = replace(filters, institutions=[], institution_groups=[], every_institution=False, authors=[],
                       every_author=False)
        sides = ([(" or ".join(g), "papers from", replace(base, institutions=g, institution_groups=[g]))
                  for g in groups] if len(groups) >= 2 else
                 [(a, "papers by", replace(base, authors=[a])) for a in authors])
        return Retrieval(ParsedQuestion(text, "", "metadata", base, []), [], len(self.papers),
                         counted=[(name, asked, self.matching(side)) for name, asked, side in sides])

    def _bare_name(self, alias: str, key: str, text: str, start: int, end: int) -> bool:
        """A question that is only an organisation's name ("Stanford", "CMU?") asks for its papers, if more papers
        list it than use its name in their text (a bare "PyTorch" is the topic)."""
        # (or after "papers" alone, as typed into a search box: "papers tsinghua")
        before = text[:start]
        if not ((_BARE.fullmatch(before) or _PAPERS_ALONE.fullmatch(before)) and _BARE.fullmatch(text[end:])):
            return False
        listed = len(self.alias_papers[alias]) if alias else len(set().union(
            *(self.institution_papers(n) for n in self.name_part_institutions.get(key, ()))))
        return listed > int(self._papers_with(key).sum())

    def _own_gloss(self, alias: str, text: str, end: int) -> tuple[int, int] | None:
        """Where the organisation's other name, alone in brackets right after ``alias`` at ``end``, is written:
        "AMD (advanced micro devices)", "amazon (aws)", misspelt too ("amd (advanced micro devics)"); else None."""
        m = re.match(r"\s*[(（]\s*([^()（）]{1,80}?)\s*[)）]", text[end:])
        other = self.alias_keys.get(_name_key(m.group(1))) if m else None
        if m and other is None and (mended := self.closest_name(m.group(1))):
            other = self.alias_keys.get(_name_key(mended))
        if other is None or not self.alias_papers[other] <= self.alias_papers[alias]:
            return None
        return end + m.start(1), end + m.end()

    def _glossed_name(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Where capitalised words that an organisation's alias right after them, alone in brackets, glosses are
        written ("Lawrence Livermore (LLNL)"), when no paper writes one of them; else None."""
        if not re.match(r"\s*[)）]", text[end:]):
            return None
        # words whose initials the alias is, however they are spelt ("shanghai jow tong univercity?? (SJTU)")
        surface = text[start:end]
        spelt = re.search(rf"((?:[A-Za-z][\w.&-]*\W+){{{len(surface) - 1}}}[A-Za-z][\w.&-]*)\W*[(（]\s*$",
                          text[:start]) if re.fullmatch(r"[A-Z]{2,6}", surface) else None
        if spelt and "".join(w[0] for w in spelt.group(1).split()).lower() == surface.lower():
            return spelt.span(1)
        m = re.search(r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)\s*[(（]\s*$", text[:start])
        if not m:
            return None
        words = m.group(1).split()
        # (not a name the records write, glossed in turn: "MSR (Microsoft Research)" names both; nor an author's,
        # "Yilong Zhao (UC Berkeley)": where the author is)
        if any(_name_key(" ".join(words[i:])) in self.alias_keys or _name_key(" ".join(words[i:])) in self.author_keys
               for i in range(len(words))):
            return None
        return m.span(1) if any(_stem(w.lower()) not in self.idf for w in words) else None

    def _initials(self, key: str, text: str, start: int, end: int,
                  cued: bool = True) -> tuple[str, list[str]] | None:
        """The one organisation three capitals are the initials of, when a cue says the question names one: "papers
        from SNU", "(SNU, KAIST, ...)" (Seoul National University; no record writes "SNU"), and no paper's text nor
        English writes them as a word (not "ICL", in-context learning)."""
        surface = text[start:end]
        if not re.fullmatch(r"[A-Z]{3}", surface) or key in self.vocab or _stem(key) in self.idf or key in self.english:
            return None
        meant = self._initialled.get(surface, set())
        if len(meant) != 1:
            return None
        if cued and not _cued_name(text, start, end):
            return None
        return "institutions", sorted(meant)

    def _name_part(self, key: str, text: str, start: int, end: int,
                   cued: bool = True, listed: bool = False) -> tuple[str, list[str]] | None:
        """The institutions or authors a capitalised part of their names stands for, when a cue before or
        after it says the question names someone: "from Berkeley" (UC Berkeley and Lawrence Berkeley National
        Laboratory), "Hong Kong papers", "papers by Stoica"; not a word the papers' text often uses, nor one
        of a longer name ("the Berkeley Packet Filter"). ``listed``: it follows an institution asked for and "or",
        "and" or a comma, a cue for an institution's part in lower case too ("from stanford or berkeley")."""
        surface = text[start:end]
        before = text[max(0, start - _CUE_REACH):start]  # (the cues end right before it: a 2,000-character question
        # had searched its whole start again for each capitalised word, 0.4 s)
        if not all(w[:1].isupper() for w in surface.split()) and not (
                # "anything from berkeley?": a part of an institution's name in lower case right after "from" or "at"
                # (as a whole name may be: "papers from kaist"), unless many papers write it (checked below)
                key in self.name_part_institutions and (listed or re.search(r"\b(?:from|frm|at)\s+(?:the\s+)?$",
                                                                            before, re.I))
            ) and not (
                # "papers by stoica": a surname in lower case after "by", when no English or paper's word spells it
                key in self.surname_authors and key not in self.english and not self._papers_with(key).any()
                and len(key) >= 4 and (re.search(r"\bby\s+$", before, re.I)
                                       # (ending the phrase: "papers by stoica and zaharia", not "by fan control")
                                       and re.match(r"\s*(?:$|[?.!,;:)]|(?:'s|’s)\b|\s(?:and|or|&|with|at|in|on|from|"
                                                    r"since|about)\b)", text[end:], re.I)
                                       # ...or before "papers": "kasikci papers", "stoica's papers"
                                       or re.match(r"(?:'s|’s)?\s+(?:papers?|publications?)\b", text[end:], re.I)
                                       # ...or opening keywords: "stoica speculative decoding"
                                       or _LEADING.fullmatch(text[:start]) and _keywords_after(text, end))):
            return None
        # part of a longer name: "the Berkeley Packet Filter" (but "Berkeley KV cache papers": a glossary acronym)
        after = re.match(r"[\s-]+([A-Z]\w*)", text[end:])
        if after and not (sum(c.isupper() for c in after.group(1)) > 1 and after.group(1).lower() in self.glossary):
            return None
        # named with a cue: "from Berkeley", "Berkeley's papers", or opening "Berkeley serving papers" (not as the
        # maker of a thing the papers write: "experiments on Alibaba's Qwen model family" had been Alibaba's papers)
        if cued and re.match(r"(?:'s|’s)\s", text[end:]) and self._owns_product(text, start, end):
            return None
        if cued and not (_cued_name(text, start, end) or (listed and key in self.name_part_institutions)
                         or (key in self.name_part_institutions and self._bare_name("", key, text, start, end))):
            return None
        if " " not in key and len(key) >= 3:
            used = self._papers_with(key)
            if int(used.sum()) > max(2, len(self.papers) // 100):
                return None
        insts = self.name_part_institutions.get(key)
        if insts:
            return "institutions", sorted(insts)
        authors = self.surname_authors.get(key) if " " not in key else None
        # "papers by Stoica"; with another cue ("Stoica's papers", "Stoica serving papers") only a surname that
        # no paper's text uses, so a system's name is not read as its namesake's
        if authors and (re.search(r"\bby\s+$", text[:start], re.I)
                        or not self._papers_with(key).any()):
            return "authors", sorted(authors)
        return None

    def ids_in(self, text: str) -> tuple[list[str], str]:
        """Papers the question names by id or link (ids as the Sources list prints them, OpenReview, arXiv
        and DOI links, bare arXiv ids and DOIs), and the question without them."""
        found: list[str] = []

        def take(m: re.Match) -> str:
            for key in [g for g in m.groups() if g] + [m.group(0)]:
                key = key.lower().rstrip("/.,;:)?!")
                pid = self.id_keys.get(key) or self.id_keys.get(re.sub(r"v\d+$", "", key))
                if pid:
                    found.append(pid)
                    return " "
            return m.group(0)

        if not _PAPER_REF_HINT.search(text):  # the common case: no id or link, nothing to look up
            return [], text
        rest = _PAPER_REF.sub(take, text)
        return list(dict.fromkeys(found)), re.sub(r"\s+", " ", rest).strip()

    def ruled_out_metadata(self, excluded: list[str]) -> tuple[Filters, list[str]]:
        """Split the phrases a question rules out ("excluding Amazon", "other than arXiv") into metadata it
        rules out and topics it rules out ("excluding quantization")."""
        ruled, topics = Filters(), []
        for phrase in excluded:
            found, left, _ = self.read_filters("from " + phrase)
            names = found.institutions or found.authors or found.venues
            if names and not content_words(left):
                ruled.not_institutions += found.institutions
                ruled.not_authors += found.authors
                ruled.not_venues += found.venues
            else:
                topics.append(phrase)
        return ruled, topics

    def matching(self, filters: Filters, institution_ids: set[str] | None = None) -> list[Paper]:
        """Every paper that satisfies all ``filters`` (institution by any alias), in collection order."""
        return [self.papers[i] for i in np.flatnonzero(self.filter_mask(filters, institution_ids))]

    def filter_mask(self, filters: Filters, institution_ids: set[str] | None = None) -> np.ndarray:
        """A boolean mask over ``self.papers`` of the papers that satisfy all ``filters``."""
        mask = np.ones(len(self.papers), dtype=bool)
        if filters.venues:
            mask &= self._rows_mask(self._venue_rows, filters.venues)
        if filters.years:
            mask &= self._rows_mask(self._year_rows, filters.years)
        if filters.authors and filters.every_author:
            for group in filters.joint_author_groups():
                mask &= self._rows_mask(self._author_rows, group)
        elif filters.authors:
            mask &= self._rows_mask(self._author_rows, filters.authors)
        if filters.single_author:
            mask &= self._single_author
        if filters.published:  # (a record without a date is not known to be within them)
            first, last = filters.published
            mask &= np.fromiter((d is not None and (first is None or d >= first) and (last is None or d <= last)
                                 for d in self._published), dtype=bool, count=len(self.papers))
        if filters.single_institution:
            mask &= self._single_institution
        if filters.sector:
            academic, company = self._sides
            mask &= {"both": academic & company, "industry only": company & ~academic,
                     "academia only": academic & ~company, "industry": company, "academia": academic}[filters.sector]
        for bounds, counts, cut in ((filters.author_count, self._author_counts, self._authors_cut),
                                    (filters.institution_count, self._institution_counts, None)):
            if bounds:  # (a record listing none is not one listing few: CAIS's notes name no authors)
                lo, hi = bounds
                if cut is not None:  # "A, B, C et al.": at least 4 authors, how many more unknown
                    counts = counts + cut
                    mask &= ~cut | (hi is None)
                mask &= counts >= max(lo, 1)
                if hi is not None:
                    mask &= counts <= hi
        if filters.countries:
            mask &= self._placed(tuple(filters.countries), filters.country_side)
        for name in filters.not_institutions:
            mask &= ~self.ids_mask(self.institution_papers(name))
        if filters.not_venues:
            mask &= ~self._rows_mask(self._venue_rows, filters.not_venues)
        if filters.not_authors:
            mask &= ~self._rows_mask(self._author_rows, filters.not_authors)
        if filters.institutions and filters.every_institution:
            for group in filters.joint_groups():
                mask &= self.ids_mask(set().union(*map(self.institution_papers, group)))
        elif filters.institutions:
            inst_ids = institution_ids
            if inst_ids is None:
                inst_ids = set().union(*map(self.institution_papers, filters.institutions))
            mask &= self.ids_mask(inst_ids)
        return mask

    def _placed(self, countries: tuple[str, ...], side: str) -> np.ndarray:
        """A mask of the papers with an institution in one of ``countries`` (of the ``side`` asked: "academic",
        "company" or ""), by its names in the record; read on the first question asking, kept per question kind."""
        key = (countries, side)
        if key not in self._places:
            wanted = set(countries)
            placed = self._name_places
            def fits(name: str) -> bool:
                return bool(wanted & placed[name]) and (not side or bool(ACADEMIC.search(name)) == (side == "academic"))
            self._places[key] = np.fromiter((any(fits(n) for n in self._record_names(p)) for p in self.papers),
                                            dtype=bool, count=len(self.papers))
        return self._places[key]

    @staticmethod
    def _record_names(p: Paper) -> list[str]:
        """The institution names a paper's record gives: canonical, and as its source writes them ("MIT")."""
        return [n for n in [*p.institutions, *(p.extra.get("affiliations") or ())] if n]

    @cached_property
    def _name_places(self) -> dict[str, frozenset[str]]:
        """Each institution name of the records -> the countries it places it in (countries.py), read once: on the
        first question asking papers from a country, not at load."""
        return {n: frozenset(countries_of(n)) for p in self.papers for n in self._record_names(p)}

    def institution_papers(self, name: str) -> set[str]:
        """The papers of the institution called ``name`` (any alias; spelt as a source spells it, or with other
        case, commas and spaces: the name a question used is kept for display)."""
        found = self.alias_papers.get(name.lower())
        if found is None:
            alias = self.alias_keys.get(_name_key(name))
            found = self.alias_papers.get(alias, set()) if alias else set()
        return found

    def _rows_mask(self, rows: dict[object, np.ndarray], keys: Iterable) -> np.ndarray:
        """A boolean mask over ``self.papers`` of the rows listed under any of ``keys``."""
        mask = np.zeros(len(self.papers), dtype=bool)
        for key in keys:
            found = rows.get(key)
            if found is not None:
                mask[found] = True
        return mask

    def ids_mask(self, paper_ids: Iterable[str]) -> np.ndarray:
        """A boolean mask over ``self.papers`` of ``paper_ids`` (ids not in the index are ignored)."""
        mask = np.zeros(len(self.papers), dtype=bool)
        mask[[self.row[pid] for pid in paper_ids if pid in self.row]] = True
        return mask

    # -------------------------------------------------------------- query terms
    def expand(self, words: list[str], names: Collection[str] = (), foreign: bool = False) -> dict[str, float]:
        """Stemmed query terms with weights: corrected spellings (not of the ``names`` the question writes as
        names), glossary long forms and acronyms."""
        terms: dict[str, float] = {}

        def add(tok: str, w: float) -> None:
            s = _stem(tok)
            if s in STOPWORDS or len(s) < 2:
                return
            terms[s] = max(terms.get(s, 0.0), w)

        for word in words:
            joined = self._joined(word)  # "all-reduce" where the papers write "AllReduce" (and never "all-reduce")
            if joined:
                add(joined, 1.0)
            else:
                for tok in tokenize(word):
                    # (a hyphenated word of words is mostly its parts; a name stays whole)
                    add(tok if word in names else self.correct(tok, foreign=foreign),
                        COMPOUND_WEIGHT if word not in names and _of_words(tok) else 1.0)
            for long in self.glossary.get(word.lower(), [])[:2]:
                for tok in tokenize(long):
                    add(tok, 0.6)
        for a, b in zip(words, words[1:]):
            # "flash attention" where papers write "FlashAttention" (and "all reduce", "AllReduce"): the one word too
            joined = self._joined(f"{a}-{b}") if "-" not in a + b and a not in names and b not in names else ""
            if joined:
                add(joined, 1.0)
        low = " ".join(words).lower()
        for acro, longs in self.glossary.items():
            if any(long and long.lower() in low for long in longs):
                add(acro, 0.8)
        return terms

    @cached_property
    def _ambiguous(self) -> set[str]:
        """The glossary's acronyms standing for different things (DP: data parallelism, differential privacy)."""
        return {acro for acro, longs in self.glossary.items()
                if len({frozenset(_stem(t) for t in re.findall(r"[a-z0-9]+", long.lower()) if t not in STOPWORDS)
                        for long in longs}) > 1}

    def _joined(self, word: str) -> str:
        """A hyphenated word as the papers write it, in one, when they never hyphenate it ("all-reduce" ->
        "allreduce"), or "": its parts ("reduce") are then no concept of their own."""
        if "-" not in word:
            return ""
        joined = word.lower().replace("-", "")
        return joined if _stem(joined) in self.term_ids and _stem(word.lower()) not in self.term_ids else ""

    def long_forms(self, word: str) -> list[str]:
        """The glossary's long forms of an acronym, in the plural too ("TPUs": tensor processing unit), unless a
        third of the papers use it ("LLMs"): a long form that tells no paper apart only moved the ranking."""
        key = word.lower()
        if key in self.glossary:
            return self.glossary[key]
        one = key[:-1] if key.endswith("s") else ""
        if one not in self.glossary:
            return []
        using = int((self._papers_with(one) | self._papers_with(key)).sum())
        return self.glossary[one] if using <= len(self.papers) // 3 else []

    def dense_text(self, text: str, words: list[str]) -> str:
        """What MiniLM embeds: the question, with acronyms it does not know spelled out from the glossary, and
        with its question mark (a question typed without one moved every similarity, and near ties with them)."""
        if _QUESTION_OPENING.match(text) and not text.rstrip().endswith("?"):
            text = text.rstrip(" .!") + "?"
        extra = [long for w in words for long in self.long_forms(w)[:1]]
        return text + (" (" + "; ".join(extra) + ")" if extra else "")

    # -------------------------------------------------------------- search
    def search(self, question: str, filters: Filters | None = None, k: int = 10,
               within: list[str] | None = None, everywhere: bool = False, focused: bool = True) -> Retrieval:
        """Rank papers for ``question`` under ``filters`` (merged with filters read from the question); with
        ``everywhere``, the filters are read but rank the whole collection (what a filtered refusal says exists);
        ``focused``: a long message is read by its question (``focus``), else whole."""
        mends: dict[str, str] = {}
        given = self.given_filters(filters, mends) if filters else None
        r = self._search(question, given, k, within, everywhere, focused)
        if mends:  # "--author 'Ion Stoika'": the mend is said, as it is when the question names them
            r.note = f"{_read_as(mends)} {r.note}" if r.note else _read_as(mends)
        r.within = len(set(within)) if within is not None else None  # a follow-up's papers, for "none of them"
        asked = r.parsed.filters.venues if r.parsed and r.parsed.filters else []
        if asked and not set(asked) & set(self.venues):
            r.venues_held = list(self.venues)  # "--venue NeurIPS", "NeurIPS papers": the answer says which there are
        return r

    def unspaced(self, text: str) -> str:
        """A question typed without spaces, split into words the papers or English write, the fewest there can be
        ("HOWMANYATENOPERATORSDIDTRITORX..." -> "HOW MANY ATEN OPERATORS DID TRITORX ...", "paperswithauthorsfrom
        linkedin": both had been refused); a run no such words make up is left as it is."""
        def split(run: str) -> str:
            low = run.lower()
            # (nor a name written in camel case: "FasterTransformer", "FlashAttention")
            if low in self.vocab or low in self.english or re.match(r"[A-Z][a-z]+[A-Z]", run):
                return run
            # fewest[i]: the fewest words making up low[:i], and where the last begins
            fewest: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(low)
            for end in range(1, len(low) + 1):
                for start in range(max(0, end - MAX_MENDED), end):
                    piece = low[start:end]
                    if fewest[start] is not None and self._spaced_word(piece) and (
                            fewest[end] is None or fewest[start][0] + 1 < fewest[end][0]):
                        fewest[end] = (fewest[start][0] + 1, start)
            if fewest[-1] is None:
                return run
            ends, end = [], len(low)
            while end:
                ends.append(end)
                end = fewest[end][1]
            starts = [0] + sorted(ends)[:-1]
            return " ".join(run[a:b] for a, b in zip(starts, sorted(ends)))
        return _UNSPACED.sub(lambda m: split(m.group(0)), text)

    def _spaced_word(self, piece: str) -> bool:
        """Whether ``piece`` is a word a question typed without spaces is split into."""
        if len(piece) <= 3:
            return piece in _SHORT_WORDS
        return piece in self.vocab or piece in self.english or piece in ENGLISH_STOPWORDS

    def unshout(self, text: str) -> str:
        """A question typed in capitals, in lower case but for its acronyms ("PAPERS ON KV CACHE FOR GPUS" ->
        "papers on KV cache for GPUs"): every capitalised word had been read as a name, which is not mended. A
        question in another language ends with its question mark."""
        letters = [c for c in text if c.isalpha()]
        wide = non_latin_share(text) > 0.5  # Chinese, Japanese, Korean: a full-width mark, and no spaces to count
        if foreign_language(text) and (wide or len(text.split()) >= 3) and not re.search(r"[?？.!。]\s*$", text):
            text = text.rstrip() + ("？" if wide else "?")  # (both models read the mark: without it they moved)
        if len(text.split()) < 4 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            return text

        def word(m: re.Match) -> str:
            w = m.group(0)
            low = w.lower()
            if low in self.glossary:
                return w
            if low.endswith("s") and low[:-1] in self.glossary:
                return w[:-1] + "s"
            return low
        return _WORD_RUN.sub(word, text)

    @staticmethod
    def refers_to_topic(question: str) -> bool:
        """Whether ``question`` asks about what statements before it describe ("Which papers work on that?")."""
        return bool(_REFERS_TO_TOPIC.search(question))

    def asked_alone(self, text: str) -> str:
        """The metadata question that follows a statement of the asker's own setting, read without it, its "he" or
        "she" the one author the setting names and its "from there" the one institution ("I'm applying to grad school
        at Michigan and hoping to work with Baris Kasikci. Which papers here is he an author on?": "Which papers here
        is Baris Kasikci an author on?";
        "I'm thinking of grad school in Toronto - which papers here have University of Toronto people on them?");
        "" when the message is no such setting and question, or the question names no venue, author or
        institution. (Read only after a refusal: the setting's words had been searched as a topic of the papers.)"""
        asked = self.focus(text, only_asked=True)
        if asked == text or not asked.strip():
            parts = _DASHED.split(text)
            asked = parts[-1] if len(parts) > 1 and _QUESTION_OPENING.match(parts[-1]) else ""
        setting = text[:text.rfind(asked)] if asked else ""
        if not asked or not _OWN_SETTING.match(setting):
            return ""
        said = self.read_filters(setting)[0]
        authors, places = said.authors, said.institutions
        if len(authors) == 1:
            asked = _PERSON_PRONOUN.sub(lambda m: authors[0] + ("'s" if m.group(0).lower() in ("his", "her") else ""),
                                        asked, count=1)
        # ...and "there", the one institution it names ("I'm thinking about grad school at the University of
        # Toronto. Which of these papers have authors from there?")
        if len(places) == 1:
            asked = _PLACE_PRONOUN.sub(lambda m: f"{m.group(1)} {places[0]}", asked, count=1)
        return asked if self.read_filters(asked)[0] else ""

    def focus(self, text: str, only_asked: bool = False) -> str:
        """The question in a rambling message: its question sentences, and the others only when most of their
        words are the papers' own ("... LLM decode is limited by memory bandwidth ...") or they name a venue, an
        author, an institution or a paper ("I'm looking at CAIS 2026."), not chatter ("my cat keeps walking across
        the keyboard", "I need this for my thesis"). An English message of one sentence, or with no question
        sentence, is kept whole, unless it is long and ends asking: what precedes its last question word is then
        read as a statement. ``only_asked``: its question sentences alone."""
        if foreign_language(text):
            return text
        quoted = _CODE_QUESTION.search(text) if "```" in text or '"""' in text or "'''" in text else None
        if quoted:  # a question pasted as a string in code ('query = """which papers do constrained decoding?"""'): the
            return quoted.group("q")  # code around it ("TODO", "standup", "results = search(...)") had been searched
        # (in a fenced block too: '```json {"role": "user", "q": "On a Meta Quest Pro, ...?"} ```' had been refused)
        fenced = re.fullmatch(r"\s*```[\w-]*\s*(\{.*\})\s*```\s*", text, re.S)
        body = fenced.group(1) if fenced else text
        asked = _json_question(body) if body.lstrip().startswith("{") else None
        if asked:  # a request pasted as JSON: its "query" ({"request_id": "a91f-22", "user": {...}, "query": "..."})
            return asked
        pieces = [p for p in _SENTENCE_BREAK.split(text) if p and p.strip()]
        # (read again for its questions alone, what says more of a question after its "?" is part of it: "hw desgin
        # w/ llms?? like genrating verilog/HDL code or predicitng power perf area" had been refused on "hw design llms";
        # its head says whether it asks. Not on the first reading: the examples had cost "kv cahce quantisation
        # papers?? like squeezing the stored keys/valuse down to 2-4 bits" half its papers)
        heads: list[str] = []
        joined: list[str] = []
        for p in pieces:
            if joined and only_asked and _GOES_ON.match(p) and re.search(r"\?\s*$", joined[-1]):
                joined[-1] = joined[-1].rstrip() + " " + p.strip()
            else:
                heads.append(p)
                joined.append(p)
        pieces = joined
        cut = False
        if len(pieces) < 2 and len(text.split()) > _LONG_MESSAGE_WORDS:
            # a long run of words with no sentence break before the question ("lorem ipsum dolor ... which papers use
            # speculative decoding?", paragraphs whose breaks were lost) had been searched whole, and refused
            ends_asking = re.search(r"\?\s*$", text)
            last = [m.start() for m in _ASKED_FROM.finditer(text)][-1:] if ends_asking else []
            if last and last[0] > 0:
                pieces, cut = [text[:last[0]], text[last[0]:]], True
        if len(pieces) < 2:
            return text
        # (not a "?" inside an aside: "it's with IBM Research (their AI infrastructure group I think? the ...)")
        # (or after a dash: "... and only escalate when it's unsure - looking for papers on that" had been dropped)
        asks = [bool(p.rstrip().endswith("?") and p.count("(") <= p.count(")") or _QUESTION_OPENING.match(p)
                     or LIST_CUES.match(p) or any(_WANTS_PAPERS.match(c) for c in _DASHED.split(p)))
                for p in (heads if not cut else pieces)]
        if cut:  # (the run before the question asks nothing, whatever word opens it)
            asks[0] = False
        if not any(asks):
            return text
        if only_asked:
            return " ".join(p.strip() for p, asked in zip(pieces, asks) if asked)

        def research(piece: str) -> bool:  # most of its words are the papers' own
            words = content_words(piece)
            return bool(words) and sum(_stem(w) in self.idf for w in words) / len(words) >= _OUR_WORDS_SHARE

        def names(piece: str) -> bool:  # it names a venue, an author, an institution or a paper
            return bool(self.read_filters(piece)[0]) or bool(self.named_papers(piece))

        # (in a long message whose questions have a topic of their own, only the statement right before a question
        # is read with it: pages of a thesis pasted before "Which papers reduce TTFT?" had been searched with it,
        # and the question refused; a statement naming a venue, an institution or an author is always read)
        questions = " ".join(p for p, asked in zip(pieces, asks) if asked)
        topical = [w for w in content_words(questions) if _stem(w) in self.idf and w not in STOPWORDS]
        # (a question asking for "that paper" with few words of its own has the topic the statements describe; not
        # "... reduce TTFT in LLM serving, and does that work apply to chunked prefill?")
        long = len(text.split()) > _LONG_MESSAGE_WORDS and len(topical) >= 2 and not (
            _REFERS_BACK.search(questions) and len(topical) <= 3)
        # (after the last question, only a statement naming a venue, institution or author: "...? I need it for a lit
        # review, thanks!" had made "lit" a topic no paper writes, and the question a refusal)
        last_ask = max(i for i, asked in enumerate(asks) if asked)
        # (and the statement right before a question asking about "this trick", "such models": it says what they
        # are, in words that need not be the papers' own ("let a fast helper guess the next several words ... Which
        # papers work on this guess-and-check trick?" had been read as "guess-and-check trick" alone, and refused)
        # (a question asking about "that approach" after several statements: the one right before it says which, and
        # the setting before that is no topic: "We serve a 70B model on H100s ... We're looking at draft-then-verify
        # schemes ... Which papers improve or evaluate that approach?" had listed the papers on serving 70B models)
        pointed = [i for i in range(1, len(asks)) if asks[i] and not asks[i - 1]
                   and _REFERS_TO_TOPIC.search(pieces[i]) and research(pieces[i - 1])]
        kept = [p.strip() for i, (p, asked) in enumerate(zip(pieces, asks))
                if asked or names(p) or (research(p) and i < last_ask and (not pointed or i + 1 in pointed)
                                         and (not long or (i + 1 < len(asks) and asks[i + 1])))
                or (not long and i + 1 < len(asks) and asks[i + 1] and _REFERS_TO_TOPIC.search(pieces[i + 1]))
                # ("... slips past alignment? I remember a system that answers this by breadth-first sampling ...":
                # the paper asked for, described after the question)
                or (not long and _REMEMBERED.match(p))
                # (and, right after the last, a short list of the papers' words: the things it asks about, "llm
                # inferance on hardware that isnt a gpu?? fpgas, custom chips etc" had been read without its examples)
                # (each a thing of its own, which few papers write: not "tensor parallelism papers? training or
                # inference", which says where, and had cut a paper on tensor parallelism for serving)
                or (i == last_ask + 1 and len(p.split()) <= _TRAILING_THINGS and research(p) and _THINGS.fullmatch(p)
                    and all(any(self._papers_with(singular(w)).sum() * _FEW_PAPERS_SHARE <= len(self.papers)
                                for w in content_words(item)) for item in _ITEMS.split(p) if content_words(item)))]
        return " ".join(kept) or text

    def given_filters(self, filters: Filters, mends: dict[str, str] | None = None) -> Filters:
        """Explicit filters (``--venue mlsys``, ``--author "ion stoica"``, ``--author Stoica``) as the records
        spell them, read as the question's words are; a name the collection does not know is kept as given."""
        venues, years = [], list(filters.years)
        for given in filters.venues:
            if given in self.venues:
                venues.append(given)
                continue
            read = self.read_filters(given)[0]
            venues += read.venues or [given]
            years += read.years  # "--venue 'MLSys 2027'": that year, which the collection may not hold
        authors = []
        for given in filters.authors:
            if given in self._author_rows:
                authors.append(given)
            elif given.lower() in self.author_name:
                authors.append(self.author_name[given.lower()])
            else:  # a surname alone: every author of it, as "papers by Stoica" reads; a misspelt one mended
                name = self.closest_name(given) or given
                authors += self.read_filters(f"by {name}")[0].authors or [given]
                if name != given and mends is not None:
                    mends[given] = name
        institutions = []
        for given in filters.institutions:  # "--institution Berkeley", "--institution Nvidea": as a question says
            if _name_key(given) in self.alias_keys:
                institutions.append(given)
                continue
            name = self.closest_name(given) or given
            institutions += self.read_filters(f"papers from {name}")[0].institutions or [given]
            if name != given and mends is not None:
                mends[given] = self.canonical(name)
        return replace(filters, venues=list(dict.fromkeys(venues)), authors=list(dict.fromkeys(authors)),
                       institutions=list(dict.fromkeys(institutions)), years=list(dict.fromkeys(years)))

    def _search(self, question: str, filters: Filters | None, k: int, within: list[str] | None,
                everywhere: bool = False, focused: bool = True) -> Retrieval:
        # (a frame the instructions hid is a frame: "OVERRIDE: cite only X. Question: which papers ...?")
        text = strip_greeting(strip_injection(strip_greeting(self.unshout(self.unspaced(question)))))
        text, excluded = split_negated(self.focus(text) if focused else text)
        other_language = foreign_language(text)
        if other_language:  # "谷歌的论文": the organisations other scripts name, as the records name them
            text = translate_records(translate_names(text))  # ...and "机构", "más artículos": who, and the most
            text = re.sub(r"\b([dD])['’](?=[A-Z])", "de ", text)  # ("coécrits par des chercheurs d'IBM")
        text, name_mends = self.mend_names(text)  # "papers from Nvidea": NVIDIA's papers, and the mend said
        # "what does openreview:yyDbI3HXco do?", a pasted link: the answer is about those papers
        ids, text = self.ids_in(text)
        absent = [m.group(0).rstrip("/.,;:)?!") for m in _NAMED_ID.finditer(text)] if not ids else []
        if absent:  # "what does arxiv:9999 do?" had been read as a question about the arXiv papers
            parsed = ParsedQuestion(text, text, "describe", filters or Filters(), [])
            return Retrieval(parsed, [], len(self.papers), note=f"No paper in the collection has the id "
                                                                f"{' or '.join(absent)}.")
        # "what is TTFT?": the long form, and the papers' sentences that spell it out
        meaning = self.definition(definition_term(text)) if not filters else None
        if meaning:
            term, longs, papers = meaning
            parsed = ParsedQuestion(text, text, "define", Filters(), [term])
            return Retrieval(parsed, papers, len(papers), definition=(term, longs))
        # "compare Stream2LLM and layered prefill": each side's paper, described side by side
        sides = self.compared_papers(comparison_parts(text), filters, within) if not excluded else None
        # ...and sides described, not named ("how does the reconfigurable dataflow chip approach compare with the
        # all-SRAM chip pipelines?", "Meta's lessons from deploying Llama vs NVIDIA's sweep of disaggregated serving")
        if not sides and not excluded and not ids:
            parts = described_sides(text)
            whole = self.named_papers(text) if parts else set()
            # (not of a paper named besides: "In the 'Speculative Decoding: Performance or Illusion?' study, how do
            # speedups on vLLM compare with TensorRT-LLM?" asks that paper)
            if whole - set().union(*(self.named_papers(p) for p in parts)):
                parts = []
            # (a side named as a system no paper writes, "compare Kitty against KIVI": nothing to set beside it)
            # (a name the question writes as a system's is refused as before: "DeepSpeed-FastGen vs vLLM")
            absent = next((name for part in parts if (name := self._unwritten_side(part))), None) \
                if parts and not self.unknown_names(text, whole) else None
            if absent:
                parsed = ParsedQuestion(text, text, "describe", filters or Filters(), [])
                return Retrieval(parsed, [], len(self.papers),
                                 note=f"No paper in the collection mentions “{absent}”, so it cannot be compared.")
            sides = self.compared_papers(parts, filters, within) or self.described_papers(parts, filters, within)
        if sides:
            parsed = ParsedQuestion(text, text, "describe", filters or Filters(), content_words(text))
            return Retrieval(parsed, sides, len(sides), compared=True,
                             note=f"{len(sides)} papers side by side, each in its own words.")
        # "papers similar to Stream2LLM": the others that its own title and abstract find
        seeds = list(dict.fromkeys(ids + self._similar_named(text))) if _SIMILAR.search(text) else []
        if ids and not seeds:
            within = [pid for pid in within if pid in ids] if within is not None else ids
        if seeds:
            text = _SIMILAR.sub(" ", text)
            for name in filter(None, (self.title_names.get(pid) for pid in seeds)):
                text = re.sub(re.escape(name), " ", text, flags=re.I)
        # "Google (DeepMind counts)": what the name takes in, said aside; not a narrower name, nor a topic "counts"
        text = _TAKES_IN.sub(" ", text)
        text = _INCLUDING.sub(lambda m: " " if self._after_organisation(text[:m.start()]) else m.group(0), text)
        read, rest, inst_hits = self.read_filters(text)
        # "Where did ReviveMoE appear (MLSys, CAIS, or elsewhere)?": the venues offered are the answer's options, not
        # a filter (it had been said to be at neither)
        if read.venues and _ASKS_WHERE.search(text) and len(set(ids) | self.named_papers(text)) == 1:
            read = replace(read, venues=[])
        # ...and so is an author's institution said beside the name ("papers co-authored by Yilong Zhao (UC Berkeley)"
        # had been refused, as if asking for papers on "UC Berkeley")
        author_hits = set().union(*(self.author_papers.get(a.lower(), set()) for a in read.authors))
        if inst_hits or author_hits:  # "papers from NVIDIA (nvidea research, nvida corp etc)": the filter again
            rest = self._restated(rest, inst_hits | author_hits)
        if excluded:
            ruled, excluded = self.ruled_out_metadata(excluded)
            read.not_institutions += ruled.not_institutions
            read.not_authors += ruled.not_authors
            read.not_venues += ruled.not_venues
        overridden = _overridden(filters or Filters(), read)
        filters = _merge(filters or Filters(), read)
        # "Is Stream2LLM from Berkeley?", "Did Ion Stoica write Stream2LLM?": yes or no, from the paper's record
        # (not when it asks a fact no record holds: "Did XProf win a best paper award at MLSys 2026?" had been told
        # "Yes: XProf is at MLSys 2026")
        if _YES_NO.match(text) and (read.institutions or read.authors or read.venues or read.years) \
                and not unrecorded(text, content_words(rest), self.alias_keys)[0]:
            asked = set(ids) | self.named_papers(text)
            if len(asked) == 1:
                paper = self.by_id[asked.pop()]
                holds = bool(self.filter_mask(read, inst_hits)[self.row[paper.id]])
                return Retrieval(ParsedQuestion(text, rest, "check", read, []), [ScoredPaper(paper, 1.0)], 1,
                                 check=holds)
        # "does Meta have more papers than Google?", "how many more papers does NVIDIA have than Google?": counts
        counted = self._counted(text, filters, read) if _MORE_THAN.search(text) else None
        if counted:  # "does Meta have more papers than Google?": each side's papers, counted
            return counted
        wanted, rest = requested_count(rest)
        if not wanted and (wanted := requested_count(text)[0]):
            # "the complete list of MoE papers from Meta": the filters took "list" out of ``rest``, not "complete"
            rest = re.sub(r"\b(?:complete|full|exhaustive|entire)\b", " ", rest, flags=re.I)
        if wanted:
            k = max(k, wanted)
        if seeds:  # the seeds' words are the topic, with whatever else the question asks
            rest = " ".join([rest] + [f"{self.by_id[pid].title}. {self.by_id[pid].abstract}" for pid in seeds])
        rest = strip_collection(rest)
        # (what the asker needs it for, before the question: "For our MIT collaboration report: which papers involve
        # MIT?", "For my thesis survey: list every paper on ..." asks nothing of a report or a survey)
        rest = _ASKERS_PURPOSE.sub(" ", rest)
        ranking, top = ranking_of(text)
        if ranking:  # "which institutions have the most papers on MoE?": the topic is what remains
            rest = strip_ranking(rest)
        # "which companies did Tsinghua collaborate with?", "who has Ion Stoica worked with?": the others on their
        # papers, ranked (the papers themselves had been listed)
        collaborators: list[str] = []
        if (not ranking and _COLLAB.search(text)
                and (_GROUP_NAMED.search(text) or re.search(r"\bwho(m)?\b", text, re.I))
                and not re.search(r"\bpapers?\b", text, re.I) and len(read.institution_groups) + len(read.authors) == 1
                and not [w for w in content_words(_COLLAB_WORDS.sub(" ", rest)) if w not in STOPWORDS]):
            named = read.institutions if read.institutions and (not read.authors or _GROUP_NAMED.search(text)) \
                else []
            # ("which labs did Ion Stoica work with?": the institutions on his papers, not his co-authors)
            ranking, top = ("institutions", 10) if named or _GROUP_NAMED.search(text) else ("authors", 10)
            collaborators = list(named or read.authors)
            for name in named:  # ...and the names its papers give it ("Tsinghua" is "Tsinghua University")
                own = self.institution_papers(name)
                collaborators += sorted({n for pid in own for n in self.by_id[pid].institutions
                                         if self.institution_papers(n) == own
                                         or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", n, re.I)} - set(named))
            rest = _COLLAB_WORDS.sub(" ", rest)
        what, only = unrecorded(text, content_words(rest), self.alias_keys)
        if what and not only:  # "the most cited paper on KV cache": search for KV cache
            rest = strip_unrecorded(rest)
        rest = _MORE_OUT_OF.sub(" ", rest)
        described: set[str] = set()
        concepts_read: list[str] = []
        superlative, at_least = superlative_of(text), at_least_of(text)
        if other_language:  # "请求调度", "poids": the research terms of other languages, in English
            rest = translate_terms(rest)
        elif not (superlative or at_least):
            # "the prompt-processing phase": the term the papers use for what the question describes (prefill); not
            # in a comparison of figures, whose topic words say which figures are on it
            rest, described, concepts_read = read_concepts(rest)
        raw = content_words(rest)
        if other_language and filters.institutions:
            # (a name written twice, in the script and glossed: "カリフォルニア大学バークレー校（UC Berkeley）" read
            # as UC Berkeley left "Berkeley" as a topic no paper of it writes, and was refused)
            named_words = {w.lower() for name in filters.institutions for w in re.findall(r"[\w-]+", name)}
            # ...and so does a name the records write it by ("カーネギーメロン大学（CMU）": Carnegie Mellon), or a campus
            # of it ("HKUST ..., den Standort Guangzhou eingeschlossen"): a record of its papers' that only they list
            mine = set().union(*(self.institution_papers(name) for name in filters.institutions))
            for pid in mine:
                for record in filter(None, self.by_id[pid].institutions):
                    if self.institution_papers(record) <= mine:
                        named_words |= {w.lower() for w in re.findall(r"[\w-]+", record)}
            raw = [w for w in raw if w.lower() not in named_words]
        in_other = bool(other_language)
        context = [self.correct(w, foreign=in_other) for w in raw]  # the other words, mended once without context
        # (a name is not mended: "InfiniBand", "vLLM", "CUDA" are written as their makers write them)
        names = {w for w in raw if _written_as_name(w, text)}
        # (and an acronym in the plural whose singular no paper writes: "MCUs" had been mended to "must"; "FPGAs" is
        # read as the papers' "FPGA")
        names |= {w for w in raw if w[:-1] not in self.vocab and _plural_acronym(w, text)}
        fixes = {w: c for w in raw if w not in names and (c := self.correct(w, context, foreign=in_other)) != w}
        words = [w for w in (fixes.get(w, w) for w in raw)
                 if w not in STOPWORDS and not self._slipped_function(w, text)]
        if other_language and (filters.institutions or filters.authors or filters.countries):
            # of an institution's or an author's papers, a word of the asker's language the lexicon does not read
            # asks nothing of their topics ("Busco todos los artículos en los que aparece Ion Stoica", "Quels papiers
            # impliquent des chercheurs d'IBM ?", "... Universidade de Washington, em Seattle?" had been refused)
            words = [w for w in words if not self._unknown_word(w) or w in self.english or _in_dictionary(w)]
        if filters.countries:  # (nor a place's word read apart: "latinoamericanas" had been "latino american")
            words = [w for w in words if not is_place_word(w)]
        if at_least:  # ("by at least 5x": the bar on a figure, no word of the topic)
            words = [w for w in words if not _FIGURE_WORD.fullmatch(w)] or words
        if asks_who(text):  # "which institutions work on MoE?": the topic is MoE; who is what a line shows
            framed = _WHO_WORDS | (_WORK_ON if re.search(r"\bwork(s|ing|ed)? on\b", text, re.I) else frozenset())
            words = [w for w in words if w not in framed] or words
        # "which KV cache papers release code?": the topic is KV cache, and the answer keeps the papers saying so
        code_too = asks_code_too(text) and not asks_code(text, words)
        # (a list of them, however asked: "which MoE paper has its code on GitHub?"; the words of code go from a
        # question on stars too, "how many GitHub stars does LEANN's repository have?", which asks nothing of code)
        if code_too or what in CODE_UNRECORDED:
            words = [w for w in words if w not in CODE_WORDS]
            rest = " ".join(w for w in rest.split() if w.lower().strip("?,.!") not in CODE_WORDS)
        code_too = code_too and what not in CODE_UNRECORDED
        # the shape is read from the same mended words (a word of ``rest`` is not corrected a second way)
        # (a function word is kept: "Existe pesquisa sobre ...?" is read as "existing" no more)
        # (nor a word of the request: "pointers for ..." had been read "point for ...", and asked for no list)
        # (and a word before its punctuation: "dllm inferrence speedup papres?" had asked for no papers)
        def shape_word(m: re.Match) -> str:
            w = m.group(2)
            if w.isalpha() and w.lower() not in STOPWORDS and w.lower() not in REQUEST_WORDS:
                w = fixes.get(w.lower()) or self.correct(w.lower(), foreign=in_other)
            return m.group(1) + w + m.group(3)

        shaped = " ".join(re.sub(r"^(\W*)(.*?)([?!.,;:)]*)$", shape_word, w, flags=re.S) for w in text.split())
        shape = "metadata" if ranking and not words else question_shape(shaped, words, filters)
        # "what problems do the CAIS papers address?", "main contributions of the Amazon papers": each of them,
        # by the sentence saying what it does (no topic to search for)
        describe_each = bool(filters) and bool(words) and all(_stem(w) in _ABOUT_A_PAPER for w in words) \
            and not ids and not ranking
        # ...and "what do they propose?" of the previous answer's papers (it had been refused: "None of the 10 papers
        # asked about mentions “”")
        describe_each = describe_each or (within is not None and not words and not filters and not ranking
                                          and bool(WHAT_THEY_DO.search(text)))
        if describe_each:
            shape = "metadata"
        if code_too and shape in ("single", "describe", "factual"):
            shape = "list"
        if ids and not seeds and (not words or shape == "single"):  # the papers named are the answer
            shape = "describe" if len(ids) == 1 else "list"
        if seeds or (wanted and wanted > 1 and shape in ("single", "describe")):  # ("compare the two systems ...")
            shape = "list"
        # (the alternatives offered, read with their spelling mended: "recmomendation systems or ... models")
        offered = question_alternatives(_WORD_RUN.sub(lambda m: fixes.get(m.group(0).lower(), m.group(0)), rest))
        parsed = ParsedQuestion(text, rest, shape, filters, words, offered, what, only,
                                ranking, top, superlative, wanted, at_least)
        parsed.fields = record_fields(text)
        parsed.describe_each = describe_each
        parsed.mended = shaped
        if shape == "list" and not wanted and COUNT_CUES.search(text):  # "how many papers are on X?": all of them
            parsed.wanted = ALL_PAPERS
            k = max(k, ALL_PAPERS)
        from_question = read.institutions and filters.institutions == read.institutions

        def allowed(filters: Filters) -> np.ndarray | None:
            mask = self.filter_mask(filters, inst_hits if from_question else None) if filters and not everywhere \
                else None
            if within is not None:
                inside = self.ids_mask(within)
                mask = inside if mask is None else mask & inside
            return mask

        mask = allowed(filters)
        # "which is the most cited paper on KV cache?": the papers on KV cache, and what the answer cannot say
        unsaid = unrecorded_note(what) if what and not only else ""
        note = unsaid
        if filters.author_count:
            # "papers with 3 authors": "A, B, C et al." has at least 4, how many is unknown
            lo, hi = filters.author_count
            least = self._author_counts + 1
            unknown = self._authors_cut & (least <= hi if hi is not None else least < max(lo, 1))
            others = allowed(replace(filters, author_count=None))
            cut = int((unknown if others is None else unknown & others).sum())
            if cut:
                note = _also(note, f"{cut} records list only their first authors (“et al.”): how many they have is "
                                   "not known, so they are left out.")
        # "papres on prunning ...": the typos mended are said, as a search engine says what it searched for (not a
        # word read by its start, "elastically" as "elastic", nor another form of the same stem)
        typos = {w: c for w, c in fixes.items() if not other_language and not _another_form(w, c)
                 and self.correct(w, context, cognates=False) == c and not re.search(rf"\b{w.upper()}\b", text)}
        typos = {**name_mends, **typos}
        if typos:
            note = _also(note, _read_as(typos))
        preferred = _PREFERRED_FROM.search(text) if read.institutions and not overridden else None
        if preferred:
            # "which papers reduce TTFT, especially anything from Microsoft?": a wish read as a filter, and said
            note = _also(note, f"Read “{preferred.group(0).strip(' ,;')}” as a filter: only papers "
                               f"{read.describe()} are listed (ask without it for all of them).")
        unread = unread_words(text)
        if unread:  # "какие статьи о KV cache?": the Russian words have no part in the search: said
            shown = ", ".join(f"“{w}”" for w in unread[:4]) + (", …" if len(unread) > 4 else "")
            note = _also(note, f"Words in a script the assistant does not read were left out: {shown} (it reads "
                               f"questions in {READ_LANGUAGES}).")
        if overridden:  # "papers from Amazon" asked with --institution Google: the option is followed, and said
            note = _also(note, "Filtered as the options given say (" + "; ".join(
                f"{field} {', '.join(mine)}" for field, mine, _ in overridden) + "), not as the question does (" +
                "; ".join(", ".join(theirs) for _, _, theirs in overridden) + ").")
        if filters.every_institution and mask is not None and not mask.any():
            either = "either" if len(filters.institutions) == 2 else "any of them"
            note = _also(note, f"No paper in the collection is {filters.describe()}; these are from {either}.")
            filters.every_institution = False
            mask = allowed(filters)
        if filters.every_author and mask is not None and not mask.any():
            # no joint paper: say so, and answer with the papers of any of them
            note = _also(note, f"No paper in the collection is {filters.describe()} together; "
                               "these are by any of them.")
            filters.every_author = False
            mask = allowed(filters)
        if filters.published:  # only the arXiv digest's records carry a date: said, with the dates they give
            dates = self.dates
            undated = len(self.papers) - len(dates)
            said = (f"Only {len(dates)} papers record a publication date (from {dates[0]} to {dates[-1]}); the other "
                    f"{undated} record only their year.") if dates and undated else \
                "No paper records a publication date, only its year." if not dates else ""
            note = _also(note, said) if said else note
        both = _BOTH.search(rest)
        if both and not seeds:  # "papers that use both quantization and pruning": each side's concepts
            sides = [[self.correct(w, foreign=in_other) for w in content_words(g)] for g in both.groups()]
            held = [self.holding(side) for side in sides if side]
            if len(held) == 2 and all(h is not None for h in held):
                joint = held[0] & held[1] if mask is None else mask & held[0] & held[1]
                if joint.any():
                    mask = joint
                else:
                    note = _also(note, f"No paper in the collection is about both {both.group(1)} and {both.group(2)}; "
                                       "these are about either.")
        restricted = mask is not None  # filters or ``within``; otherwise no per-paper work at all
        pool_rows = np.flatnonzero(mask) if restricted else None
        pool = [self.papers[i] for i in pool_rows] if restricted else self.papers
        if within is not None:  # "what do they propose?": the papers in the order the previous answer listed them,
            # which "the first two" then counts in (it had been the collection's order)
            at = {pid: i for i, pid in enumerate(dict.fromkeys(within))}
            pool = sorted(pool, key=lambda p: at.get(p.id, len(at)))
        # "papers from 2024": the answer says which years the collection holds
        held = sorted(self.years) if filters.years and not set(filters.years) & self.years else []
        # "Which CAIS 2026 papers are filed under LLM inference?", "... fall under the LLM Inference section of the
        # reading notes?": the papers its source files under that heading (the two of the four writing "LLM inference"
        # had been listed); a heading no source has is a topic, searched as one
        section = next((m for pattern in _SECTION_ASKED if (m := pattern.search(text))), None) \
            if not seeds and not ranking and not ids else None
        heading = " ".join(section.group("name").split()).lower() if section else ""
        filed = [p for p in pool if p.topic and p.topic.lower() == heading] if heading else []
        if filed:
            parsed.shape = "metadata"
            venues = " and ".join(dict.fromkeys(p.venue for p in filed))
            note = _also(note, f"The {venues} source files {'these' if len(filed) > 1 else 'this'} under "
                               f"“{filed[0].topic}”:")
            return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in filed], len(pool), metadata_matches=filed, note=note,
                             years_held=held)
        if excluded and not words and not seeds and not ranking:
            # "MLSys papers not about LLMs" asks nothing else: every paper whose title does not name it
            ruled_out = self.concepts(excluded)
            pool = [p for p in pool if not any(c <= self.title_stems(p.title) for c in ruled_out)]
            parsed.shape = "metadata"
            note = _also(note, f"Judged by their titles: those not naming {' or '.join(excluded)}.")
        # "what is the newest paper?": the papers whose record has a date (the arXiv digest's), by it
        if only and what == DATES_UNRECORDED and (dated := [p for p in pool if p.extra.get("published")]):
            newest = newest_first(text)
            dated.sort(key=lambda p: (p.extra["published"], p.id), reverse=newest)
            parsed.shape = "record"
            return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in dated], len(pool), dated=newest, note=note)
        if only and what == DATES_UNRECORDED and (filters.authors or filters.institutions):
            # "what has Ion Stoica published recently?": no paper of his has a date beyond the year: all of them
            # (a venue's newest paper stays unanswered: all 135 of MLSys 2026 would not say which)
            parsed.only_unrecorded, parsed.shape = False, "metadata"
            note = _also(note, f"The collection does not record {what}: these are all the papers {filters.describe()}.")
        # "which GPUs do the papers use most?": each GPU the papers' text names, with the papers naming it
        if asks_hardware_most(text, words) and not seeds and not ids:
            note = note.replace(unsaid, "", 1).strip()  # "the most popular GPUs" asks no influence of papers
            named: dict[str, list[Paper]] = {}
            for p in pool:
                for model in self.gpus_named(p):
                    named.setdefault(model, []).append(p)
            parsed.shape = "record"
            gpus = sorted(named.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            naming = {p.id: p for _, ps in gpus for p in ps}
            return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in naming.values()], len(pool), hardware=gpus,
                             note=note, years_held=held)
        # "what's the paper with the most authors?": the pool by the length of its records' lists
        most = record_most(text, words) if not seeds and not ids else None
        # "what's the average number of authors?": the same sizes, summarised
        mean = record_mean(text, words) if not seeds and not ids and not most else None
        if most or mean:
            group, fewest = most or (mean, False)
            counts = self._author_counts if group == "authors" else self._institution_counts
            size = {p.id: int(counts[self.row[p.id]]) for p in pool}
            cut = [p for p in pool if p.authors_cut] if group == "authors" else []
            size.update((p.id, 0) for p in cut)  # a list cut with "et al." says too little to rank or average
            if cut:  # (said first: of the arXiv digest's 31 papers, 25 are cut)
                note = _also(note, f"{len(cut)} of these {len(pool)} records list only their first authors "
                                   "(“et al.”): how many authors they have is not recorded, so they are left out.")
            ordered = sorted((p for p in pool if size[p.id]),
                             key=lambda p: (size[p.id] if fewest else -size[p.id], p.id))
            parsed.shape = "record"
            return Retrieval(parsed, [ScoredPaper(p, float(size[p.id])) for p in ordered], len(pool),
                             record_most=most, record_mean=mean, authors_cut=len(cut), note=note, years_held=held)
        # "what are the main topics at MLSys 2026?": the papers in groups, each named by its titles' words
        if asks_themes(shaped, words) and not seeds and not ranking and not ids and not self.named_papers(text):
            grouped = self.grouped(parsed, pool, note)
            grouped.years_held = held
            return grouped
        # "which papers release their code?", "is Kitty's code available?": what the abstracts say of code
        # (not "how many GitHub stars does LEANN have?", a fact its record does not hold: said below)
        if CODE_CUES.search(text) and not seeds and not ranking and parsed.unrecorded not in CODE_UNRECORDED:
            asked = set(ids) | self.named_papers(text)
            # (a paper named and described by its title's words: "optimize_anything, the unified text optimization
            # paper")
            own = set().union(*(self.title_stems(" ".join([self.by_id[pid].title, *self.by_id[pid].institutions,
                                                           *(self.by_id[pid].extra.get("affiliations") or ())]))
                                 for pid in asked))  # (and by where it is from: "the Berkeley/MIT ... paper")
            if asks_code(text, [w for w in words if _stem(w) not in own]):
                scope = [p for p in pool if p.id in asked] if asked else pool
                found = [p for p in scope if self.says_code(p)]
                return Retrieval(parsed, [ScoredPaper(p, 1.0, name_match=bool(asked)) for p in found], len(scope),
                                 code=scope if asked else [], note=note, years_held=held)
        # "which papers mention Llama 3?": every paper whose title or abstract has it, word for word
        asked = _MENTION.search(rest) if shape == "list" and not seeds and not ranking else None
        term = asked.group(1).strip() if asked else ""
        if not term and shape == "describe" and not seeds and not ids and (term := self._only_mentioned(text, words)):
            # "what is cuDNN?", "what does SGLang do?": no paper presents it; the papers writing it say what it is to
            # them (the nearest paper had been described as if it answered)
            note = _also(note, f"No paper in the collection presents {term} itself.")
        if read.unlisted and not words:  # "papers from Groq": no record lists it; the papers writing it, said so
            term = read.unlisted[0]
            note = _also(note, f"No paper in the collection lists {term} among its authors' institutions; "
                               f"these mention {term}:")
        literal = literal_pattern(term) if term else None
        if literal:
            times = {p.id: self._mentions(p, literal) for p in pool}
            found = sorted((p for p in pool if times[p.id]), key=lambda p: -times[p.id])  # most mentions first
            if found:
                return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in found], len(pool), mention=(term, literal),
                                 note=note)
            note = _also(note, f"No paper{' ' + filters.describe() if filters else ''} has “{term}” in its title or "
                               "abstract.")
        if parsed.shape == "metadata":
            return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in pool], len(pool), metadata_matches=pool, note=note,
                             collaborators_of=collaborators,
                             years_held=held)
        pool_ids = {p.id for p in pool} if restricted else None
        terms = self.expand(words, names, in_other)
        # the term a plain description stands for weighs as much as the several words describing it ("sending the easy
        # questions to a small cheap model": routing; its words had ranked a paper on easy and hard questions first)
        for term in concepts_read:
            for st in {_stem(w) for w in tokenize(term)} & terms.keys():
                terms[st] *= CONCEPT_WEIGHT
        lexical = self.bm25(terms)
        if restricted:
            lexical = np.where(mask, lexical, 0.0)
        # MiniLM reads the question with its spelling mended ("inferance" costs it a lot of similarity)
        dense_in = rest or text
        if fixes:
            dense_in = _WORD_RUN.sub(lambda m: fixes.get(m.group(0).lower(), m.group(0)), dense_in)
        # a seed paper is already embedded: the mean of its chunks' vectors (no 100 ms encoding of an abstract)
        qvec = self.seed_vector(seeds) if seeds else None
        if qvec is None:
            qvec = self.encoder.encode([self.dense_text(dense_in, words)])[0]
        dense, chunk_of = self.dense_scores(qvec, pool_ids)
        foreign = self.foreign_scores(text, pool_rows) if other_language else None
        if foreign is not None:
            # the multilingual model reads the question as asked, MiniLM the research terms read from it in English
            # ("quantification" -> "quantization", "并行" -> "parallelism"); each sees what the other misses, so
            # their scores are averaged (MiniLM still picks each paper's best chunk for the quote)
            low = min(dense.values()) if dense else 0.0
            dense = {pid: (1 - self.w_minilm_foreign) * v + self.w_minilm_foreign * dense.get(pid, low)
                     for pid, v in foreign.items()}
        named = (self.named_papers(text) | set(ids)) - set(seeds)
        if parsed.unrecorded and len(named) == 1 and not seeds:
            # "How many citations does HipKittens have?": nothing but the unrecorded fact of the paper named is asked
            # (its name, and the words of its title that describe it before "paper": "the Kitty KV-cache quantization
            # paper"; not "how does Kitty quantize the KV cache?", which asks more)
            pid = next(iter(named))
            name = self.title_names.get(pid, "")
            title = self.title_stems(self.by_id[pid].title)
            # ("RaidServe, the resilient tensor-parallel serving paper": what it is, said beside it, in words of its
            # title or abstract; a title too long to give a name is the name: "The OpenHands Software Agent SDK")
            said = re.search(rf"{re.escape(name)}((?:,?[\s-]+[\w-]+){{0,6}}?)\s+(?:paper|work|article|poster|talk)\b",
                             text, re.I) \
                if name else None
            own = title | self.title_stems(self.by_id[pid].abstract)
            # (and in brackets after its name: "the FlexScale (RaggedShard FSDP) code")
            aside = re.search(rf"{re.escape(name)}\s*\(([^)]{{1,60}})\)", text, re.I) if name else None
            mine = (self.title_stems(name) or title) | {
                st for part in (said, aside) if part for st in self.title_stems(part.group(1)) if st in own}
            # (and the name its abstract or the rest of its title gives it: "OptiKIT")
            mine |= {_stem(n.lower()) for n, q in [*self.introduced.items(), *self.title_coined.items()] if q == pid}
            # ...or the kind of thing it is, said after it ("the XProf profiler", "the Kitty system")
            kind = re.search(rf"{re.escape(name)}\s+([\w-]+)", text, re.I) if name else None
            if kind and (_stem(kind.group(1).lower()) in title or singular(kind.group(1).lower()) in SYSTEM_KINDS):
                mine |= {_stem(kind.group(1).lower())}
            # (nor a word no paper writes, which asks nothing any record could hold: "the optimize_anything / GEPA
            # code" is optimize_anything's, whose record holds no licence)
            asked = [w for w in words if not all(_stem(part) in mine for part in w.split("-"))
                     and _stem(w) not in _ABOUT_A_PAPER and w not in _FACT_FILLER and _stem(w) in self.idf]
            if not asked or unrecorded(text, asked, self.alias_keys)[1]:
                parsed.only_unrecorded = True
                note = ""
        if len(named) == 1 and ABSTRACT_CUES.search(text) and not seeds:
            parsed.shape = "abstract"
        elif len(named) == 1 and parsed.shape in ("list", "describe") and not seeds and (
                not LIST_CUES.search(text) or _ITS_OWN.match(text)):
            # a short question about one paper: what it does ("What problem does Stream2LLM solve?"), or the
            # sentences on what else it asks ("Does Kitty use 2-bit quantization?", "Which GPU does X target?")
            own = self.title_stems(self.title_names.get(next(iter(named)), ""))
            asked = [w for w in words if _stem(w) not in own and _stem(w) not in _ABOUT_A_PAPER]
            parsed.shape = "single" if asked and not (OVERVIEW_CUES.match(text) or ONE_SENTENCE.search(text)) \
                else "describe"
            if parsed.shape == "single" and any(EFFECT_WORDS.match(w) for w in asked):
                parsed.shape = "factual"  # "Does Stream2LLM reduce TTFT?": the sentence with the number
        # ("papers on mixture of experts" is "papers on MoE": the long form typed finds the papers the acronym does)
        # (one long form, offered as no alternative: "sequence parallelism or context parallelism" is either)
        # (each word once: "連合学習（federated learning）" reads the gloss and the Japanese as the same two words, and
        # "FL" twice had been no acronym)
        unique = list(dict.fromkeys(words))
        # (of the topic a gloss after "i.e." explains, not of the gloss: "diffusion language models, i.e. text
        # generated by iterative unmasking/denoising instead of strictly left-to-right decoding" had listed two of six
        # dLLM papers)
        head = GLOSS_AFTER_TOPIC.sub(" ", text)
        if head != text:
            unique = [w for w in unique if re.search(rf"(?<![\w-]){re.escape(w)}", head, re.I)] or unique
        short = self.acronymized(unique) if not parsed.alternatives else unique
        if sum(w not in unique for w in short) > 1:
            short = unique
        # (an acronym the question glosses a long form with is that one thing, either way spelt: "diffusion language
        # models (dLLMs)" had been read as DLM and dLLM both, the 3 of 6 papers writing both)
        glossing = {singular(m.group(1).lower()) for m in _GLOSS_ACRONYM.finditer(text)}
        offered = set(parsed.alternatives)
        for before, after in zip(short, short[1:]):
            if singular(after) in glossing and before not in unique:
                offered |= {singular(before), singular(after)}
        acronym_papers = self.acronym_papers(short, offered, " ".join(words).lower()) \
            if parsed.shape == "list" and len(short) <= 4 else None
        qualified = bool(acronym_papers) and bool(self.qualifiers(short, acronym_papers))
        # (a list asked for in plain words that describe one acronym's concept is on it, as "which papers reduce TTFT?"
        # is: "the first word takes ages to show up" had listed 4 of the 13 papers on TTFT, the question's other words
        # scattering the ranking)
        if acronym_papers is None and parsed.shape == "list":
            alone = next((term for term in concepts_read if term in DESCRIBED and self.long_forms(term)), None)
            acronym_papers = self.acronym_papers([alone]) or None if alone else None
        # the acronym picks the papers and the ranking narrows them, without concept coverage: "KV cache
        # eviction" papers that never say "eviction" are still about it
        # (a seed paper's abstract is scored as a whole: counting its hundred concepts would cost more than it says)
        concepts = [] if acronym_papers or seeds else self.topic_concepts(words, parsed.alternatives)
        # (every paper using the acronym is a candidate: "mixture of experts" had missed ReviveMoE, which "MoE" finds)
        ranked = self._fuse(lexical, dense, chunk_of, named, pool_ids, concepts, also=acronym_papers or ())
        if seeds:
            ranked = [sp for sp in ranked if sp.paper.id not in seeds]
            titles = "; ".join(self.by_id[pid].title for pid in seeds)
            found = "its title and abstract (it is not listed itself)" if len(seeds) == 1 else \
                "their titles and abstracts (they are not listed themselves)"
            note = _also(note, f"Papers similar to {titles}, found by {found}.")
        if excluded:  # "... not about LLMs": a paper whose title names a ruled-out topic does not answer
            ruled_out = self.concepts(excluded)
            # ...and of "other than by KV cache compression", a title naming the KV cache ("KV Cache Resizing"),
            # unless the question asks about it
            asked = {_stem(w) for w in words}
            for phrase in excluded:
                said = [w for w in re.findall(r"[A-Za-z0-9]+", phrase) if w.lower() not in STOPWORDS]
                # (of three words: not "large language model quantization", whose rest names most papers)
                head = self.title_stems(" ".join(said[:-1])) if len(said) == 3 else set()
                if head and not head & asked:
                    ruled_out.append(head)
            ranked = [sp for sp in ranked if not any(c <= self.title_stems(sp.paper.title) for c in ruled_out)] or ranked
        # (alternatives of how it is used are none of what: "build on, integrate with, or benchmark against SGLang")
        products = self._product_names(text, named) if parsed.shape == "list" and not seeds \
            and not parsed.alternatives - _USING_WORDS else []
        held_names = self._held_names(text, words)
        # ("which papers report results on Llama-3.1-70B?": the papers writing it, "Llama 3.1 70B")
        products += [n for n in held_names if parsed.shape == "list" and not seeds and not parsed.alternatives
                     and n.lower() not in {p.lower() for p in products}]
        for name in products:
            # "which papers on KV cache use vLLM?": a software name the papers write (none's own) is what a paper
            # listed must write (9 of the 10 listed had never named vLLM)
            literal = literal_pattern(name)
            ranked = [sp for sp in ranked if literal and self._mentions(sp.paper, literal)] or ranked
        # (of as many ranked papers whatever k, so that "all of them" lists as many as the 10 best said there are)
        about = self.about_papers(words, ranked[:max(k, ALL_PAPERS) * 3]) \
            if parsed.shape == "list" and not acronym_papers and not seeds and not parsed.alternatives else None
        # "which papers use vLLM?": every one writing it (FlexiCache had been cut); so "which papers build on,
        # integrate with, or benchmark against SGLang?" (5 of its 8 had been listed)
        # (and the kind of thing it is: "Qwen models")
        if products and all(w in _USING_WORDS or w in _FRAMING_VERBS or w in {p.lower() for p in products}
                            or _MADE_THINGS.fullmatch(" " + w) or self._maker_of(w, text) for w in words):
            about = {sp.paper.id for sp in ranked}
            # (the papers writing the name answer, however weakly the rest matches: "experiments on Alibaba's Qwen
            # model family" had been refused, its best cosine 0.08)
            held_names = held_names + [p for p in products if p not in held_names]
        # ("largest" in "which paper has the largest energy savings?", "fastest" in "which attention kernel is
        # fastest?" are how the question compares, not its topic)
        comparing = {m.group(1).lower() for m in SUPERLATIVE.finditer(text)} | {"fastest", "quickest"}
        # (nor is a word of a description read as the papers' term: "electricity" of "use less electricity")
        unknown = [w for w in words if self._unknown_word(w) and w.lower() not in comparing | described
                   and w.lower() not in _PLAIN_LLM]
        # (nor the maker the records name, of a thing the papers write: "Alibaba's Qwen model family" is Qwen's)
        unknown = [w for w in unknown if not self._maker_of(w, text)]
        # (nor a word the question explains by examples the papers write: "cryptography, e.g. homomorphic encryption,
        # secret sharing or zero-knowledge proofs" had been refused for "cryptography")
        unknown = [w for w in unknown if not self._exemplified(w, text)]
        # (nor a word the question glosses in brackets with words the papers write: "la confidentialite differentielle
        # (differential privacy)", French typed without its accents and read as English, had been refused)
        unknown = [w for w in unknown if not self._glossed_by_known(w, text)]
        if unknown and re.search(r"\bor\b", rest, re.I):
            unknown = self._unknown_besides_alternatives(rest, unknown)
        unknown_names = self.unknown_names(text, named)
        # a question in another language: whether the best paper holds the topic its words were read as in English
        # ("张量并行": tensor and parallelism), one part of it specific to few papers (not "训练", training alone)
        # (not a word most papers write: "systèmes de recommandation" had been refused, FreeScale never writing
        # "system")
        best = self.holding(self._specific([w for w in words if w not in unknown]),
                            np.array([self.row[ranked[0].paper.id]]),
                            specific_idf=2.0) if foreign is not None and ranked else None
        topic_held = best is not None and bool(best[0])
        # "explain KV cache quantization" names no paper: the papers on it; so does "what did MLSys 2026 have
        # on quantization?", which names a venue (an institution, an author) and a topic, and no one paper
        # "how did researchers evaluate Kitty?", "is there anything about limitations in the SHIP paper?": of the
        # paper named, not a list of one
        if parsed.shape == "list" and named and (LOOSE_LIST_OPENING.match(text) or HOW_TO.match(text)):
            parsed.shape = "single"
        if parsed.shape == "describe" and not named and not unknown_names and (
                OVERVIEW_CUES.match(text) or (read and words and not ONE_PAPER.search(text))):
            parsed.shape = "list"
        # "who works on KV cache compression at NVIDIA?": no NVIDIA paper holds the whole topic; its papers that hold
        # part of it are listed, said to be the nearest, not as if they were on it
        # ...and so is a short topic no paper holds whole ("is there a paper on LoRA serving?": the one LoRA paper is
        # on federated fine-tuning)
        listed_note = ""
        if (words and parsed.shape == "list" and not both and not seeds and not named and not parsed.superlative
                and not parsed.at_least
                and ((filters and restricted and len(pool_rows)) or (not restricted and len(words) <= 3))):
            # (unfiltered, only a topic the question writes as one phrase after "on", "about" or at its start: not
            # one read from mended words, nor a verb's "looked at straggler detection")
            topic = typed_phrase(text, words, self.glossary)
            if not filters and topic and not re.search(rf"(?:^\W*|\b(?:on|about|regarding|into)\s+){re.escape(topic)}",
                                                       text, re.I):
                topic = ""
            topic = topic or (" ".join(as_typed(text, words, self.glossary)) if filters else "")
            whole = self.holding(words, pool_rows, fewest=2) if topic else None
            if whole is not None and not whole.any():
                listed_note = (f"No paper{' ' + filters.describe() if filters else ''} mentions all of “{topic}”: "
                               "those below mention part of it.")
        # "which papers use quantum computers to train neural networks?": a word of a short question that no paper
        # writes at all is said, so that the papers on the rest of it are not read as answering it
        # ("reduce" is no topic; nor is a size said loosely, "the giant model", a kind of model)
        missing = list(dict.fromkeys(w for w in unknown if not EFFECT_WORDS.match(w) and w not in _LOOSE_SIZE))
        unread = missing  # (the question sentences of a longer message are read for them below)
        if described:  # (a question read by what it describes: "a cheap guesser proposes words", not "words")
            # ...but the topic it asks papers on is still the topic ("Which papers do carbon-aware scheduling ... to
            # follow low-carbon grid electricity?": "electricity" read as energy had listed the scheduling papers)
            missing = [w for w in missing if _asked_on(w, text, loose=False) and not _VERB_FORM.search(w)]
        unheld = None
        # a concept described whose term no paper writes ("the step that chops my text into little word pieces" is
        # tokenization): not in the collection, however well the description's words match (decoding papers had been
        # quoted)
        unwritten = [term for term in concepts_read
                     if all(self._unknown_word(w) for alt in _CONCEPT_ALTS.get(term, [term]) for w in tokenize(alt))]
        if unwritten and not filters and not named and not seeds:
            unheld = (unwritten[0], unwritten[0])
        # (of a long question too when the topic asked "work on" is one: "any work on carbon-aware scheduling that
        # shifts training jobs across regions ... based on grid carbon intensity?" had listed scheduling papers)
        if (not listed_note and parsed.shape in ("list", "single", "factual") and foreign is None and 1 <= len(missing)
                <= UNHELD_MOST and (len(words) - len(missing) < 8
                                   or any(_asks_work_on(w, text)
                                          or _asked_on(w, text, loose=False) and not _VERB_FORM.search(w)
                                          for w in missing))
                and not named and not seeds):
            said = " or ".join(f"“{w}”" for w in as_typed(text, missing))  # ("Whisper" as the question writes it)
            below = "those below match" if parsed.shape == "list" else "the paper below matches"  # ("which paper")
            # (of more, a note names chatter: "giving", "easier"; of a figure asked, the verb asking it: "claim")
            if len(missing) <= 2 and len(words) <= 8 and parsed.shape != "factual":
                listed_note = f"No paper mentions {said}: {below} the rest of the question."
            # ...but a word narrowing the very thing asked ("spiking neural networks", "quantum computers"), not one
            # beside it ("TTFT for chatbots"), leaves nothing of it in the collection
            # (and the more of the words naming it no paper writes, the surer: "spiking neuromorphic chips such as
            # Intel Loihi", "Intel Gaudi (Habana) accelerators", said by a word that is no record's name)
            # ("funded by NSF": no funding record; "What speedups ... for Mixtral 8x7B?": a figure of a model no paper
            # names, by its size or version, unless a name the question calls it by is said first, as below; not
            # "first-year PhD student here: how much faster is ...?")
            unheld = self._unheld(text, missing, ranked, as_products=not what, head=not filters) \
                if parsed.shape != "factual" or (
                not unknown_names and any(re.search(r"\d", w) for w in missing)) else None
            # (a quantity asked of a thing no paper writes: "How much water do the data centers ... use for cooling?")
            counted = next((w for w in missing if re.search(rf"\bhow (?:much|many)\s+{re.escape(w)}\b", text, re.I)),
                           None) if parsed.shape == "factual" and unheld is None else None
            if counted:
                unheld = (as_typed(text, [counted])[0],) * 2
            # every alternative the question offers is a word no paper writes ("diffusion models for audio or music
            # generation"): what it asks of is not in the collection, however well the rest matches
            offered = sorted(parsed.alternatives, key=lambda w: text.lower().find(w))
            # (the plural folded: "silicon photonics or optical interconnects" offers "photonic")
            if unheld is None and len(offered) >= 2 and set(offered) <= {singular(w) for w in missing} | set(missing) \
                    and not filters:
                typed = as_typed(text, [o if o in missing else next(w for w in missing if singular(w) == o)
                                        for o in offered])
                unheld = ("” or “".join(typed), " or ".join(typed))
        # ...and of a few keywords, the last one when it names an activity, which the words before it qualify ("llm
        # output watermarking", "pretraining data deduplication": the papers on LLM outputs and on pretraining data
        # had been listed); not a thing beside the others ("on-device llm phone laptop")
        # ...or the first, which narrows all the others ("spiking neural network accelerator": the accelerator papers
        # had been listed); in English, not a name of something the others are used with
        keywords = bool(missing) and _keywords_after(text, 0) and parsed.shape == "list" and foreign is None \
            and not named and not seeds
        last = missing[-1] if keywords and _ACTIVITY.search(missing[-1]) \
            and re.search(rf"(?<![\w-]){re.escape(missing[-1])}\W*$", text, re.I) else ""
        first = missing[0] if keywords and (missing[0] in self.english or missing[0] in dictionary_words()) \
            and re.match(rf"\W*{re.escape(missing[0])}(?![\w-])", text, re.I) else ""
        for word in (last, first):  # (a verb's form may open it, as a modifier does: "spiking")
            typed = as_typed(text, [word])[0] if unheld is None and word else ""
            if typed.islower() and (word == first or not self._verb_form(word)):
                unheld, listed_note = (typed, text.strip(" ?!.")), ""
        # ...and of a question after statements of the asker's own setting, by its question alone ("We run a
        # call-center transcription service ... Are there papers on accent adaptation for speech recognition?": the
        # setting's many words had hidden the topic asked, and the papers nearest the setting had been listed)
        if unheld is None and not listed_note and parsed.shape in ("list", "single") and foreign is None \
                and not named and not seeds and not filters and unread:
            asked = self.focus(text, only_asked=True)
            said = [w for w in unread if asked != text and _typed_at(w, asked)]
            if 1 <= len(said) <= UNHELD_MOST and len(content_words(asked)) - len(said) < 8:
                # (searched by itself, so that how well the papers match it is the question's, not the setting's:
                # "... Are there papers on distributing quantum circuit simulation across GPUs?")
                alone = self._search(asked, None, k, within, focused=False).unheld
                # (not of a question pointing back at the setting: "this kind of bulk offline job", "in that
                # fuse-everything style" are what the statements describe; unless the word is the topic asked papers
                # on, "Which papers propose watermarking generated text that survives such edits?")
                if alone and (not _POINTS_BACK.search(asked) or _asked_on(alone[0], asked, loose=False)):
                    unheld = alone
        # a method or system named as the very subject of the question, that no paper writes ("In Medusa, how are the
        # heads trained ...?", "walk me through how GPTQ uses the inverse Hessian"): its paper is not in the collection,
        # however long the question and however well its other words match (the nearest papers had been quoted)
        # (a name said as a system's, "vAttention", is refused as one: ``unknown_names``)
        # ...and a system's name no paper carries, the subject of a question for one paper ("What did FlashAttention-2
        # change compared to the first FlashAttention?" had quoted FlashAttention-4)
        subjects = as_typed(text, missing) if not listed_note and not unknown_names else \
            [n for n in unknown_names if not n.startswith("'")] if parsed.shape == "single" else []
        if unheld is None and foreign is None and not named and not seeds and not filters:
            subject = next((w for w in subjects if _SUBJECT_NAME.fullmatch(w)
                            and re.search(_AS_SUBJECT.format(re.escape(w)), text, re.I)), None)
            if subject:
                unheld, listed_note = (subject, subject), ""
        # a question in another language glossing its topic in English words no paper writes ("Welche Paper behandeln
        # maschinelles Lernen auf Quantencomputern (quantum machine learning)?"), none of them matching it well: the
        # gloss says what is asked, and the collection lacks it (its papers on machine learning had been listed)
        if unheld is None and foreign is not None and ranked and max(sp.dense for sp in ranked) < GLOSSED_DENSE:
            # (not examples in brackets, "（JSONスキーマなど）", JSON schemas and such: the topic is what they are of)
            glosses = [(g, [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]+", g)]) for g in _GLOSS.findall(text)
                       if not _EXAMPLES_MARKED.search(g)]
            glossed = {w for _, said in glosses for w in said}
            # (a gloss is English when its other words are, or when the question's own script is not Latin:
            # "(photonic computing)", "（watermarking）"; the words of such a gloss need not be MiniLM's)
            # (or a single word of its own, "(watermarking)", glossing the words before it)
            wide = non_latin_share(text) > 0.5
            # (not one in the asker's language beside English terms: "(catene di pensiero lunghissime, beam search)",
            # whose "lunghissime", very long, had refused it)
            own_words = lambda said: any(v in FOREIGN_STOPWORDS for v in said)  # noqa: E731 (the asker's language)
            english = {w for g, said in glosses
                       if wide or (any(_stem(v) in self.idf and v in self.english for v in said)
                                   and not own_words(said))
                       or re.fullmatch(r"\s*[A-Za-z][a-z-]{5,}\s*", g)
                       for w in said}
            # (not a name of the records: "Dans le papier Echo (Stanford, CAIS 2026), ..." names its institution)
            # (of a gloss read as English: "(uno pequeño y barato o uno grande)" had been refused for "grande")
            mixed = {w for _, said in glosses if own_words(said) for w in said}
            word = next((w for w in unknown if w in glossed and len(w) >= 4
                         and (w in english or w in self.english and w not in mixed)
                         and w not in FOREIGN_STOPWORDS and not self.institution_papers(w)), None)
            if word:
                unheld = (word, word)
        # ...and one whose words read in English name a field of its own that no paper writes ("ordinateurs quantiques",
        # "蛋白质结构预测"): its LLM or deep-learning papers had been listed for quantum computing or protein structure
        if unheld is None and foreign is not None:
            field_word = next((w for w in unknown if w in FIELD_WORDS), None)
            if field_word:
                unheld = (field_word, field_word)
        # a title half remembered names its paper, whatever word of it no paper writes ("enough is enough: rank aware
        # early stopping for ANN search" is "When Enough is Enough: Rank-Aware Early Termination for Vector Search";
        # it had been refused for "ANN")
        if unheld is not None and ranked and foreign is None:
            asked = {_stem(w) for w in words if w not in STOPWORDS}
            held = asked & self.title_stems(ranked[0].paper.title)
            if len(held) >= TITLE_RECALLED_WORDS and len(held) >= TITLE_RECALLED_SHARE * len(asked):
                unheld = None
            # ...and so does a description one paper matches well and far better than any other: its word no paper
            # writes is the asker's own ("handing that work to another device on my home network" is Privatar's
            # secure offloading; it had been refused for "home")
            elif len(ranked) > 1 and ranked[0].dense >= DESCRIBED_ONE_DENSE \
                    and ranked[0].score >= DESCRIBED_ONE_LEAD * ranked[1].score:
                unheld = None
        # (a comparison of stated numbers reads every candidate: "more than 10x speedup" asks for all of them)
        keep = len(ranked) if parsed.superlative or parsed.at_least else max(k * 3, KEPT_LEAST)
        # (every paper using the question's acronym stays a candidate, however low it ranks: "papers on LoRA"
        # had lost the one writing only "low-rank adaptation")
        kept = ranked[:keep] + [sp for sp in ranked[keep:] if (acronym_papers and sp.paper.id in acronym_papers)
                                or (about and sp.paper.id in about)]
        if parsed.superlative or parsed.at_least:
            # "which paper reports the largest speedup?" compares every paper (of the filters), not only those
            # the search found near its words: UMAP's "74× faster" had been missed (it never writes "speedup")
            kept_ids = {sp.paper.id for sp in kept}
            kept += [ScoredPaper(p, 0.0) for p in pool if p.id not in kept_ids]
        # (the best paper writing a term the question described in plain words: "the very first word takes ages to
        # show up" is TTFT, which Stream2LLM is on, however loosely MiniLM links the two)
        top_row = np.array([self.row[ranked[0].paper.id]]) if ranked else None
        concept_held = top_row is not None and any(
            (held := self.holding(term.split(), top_row)) is not None and bool(held[0]) for term in concepts_read
            if term not in unwritten and term not in QUALIFIERS)
        return Retrieval(parsed, kept, len(pool), query_terms=terms, concept_held=concept_held,
                         example_papers=self._example_papers(text) if parsed.shape == "list" and not seeds
                         and not named else set(),
                         unknown_examples=self._unknown_examples(text, foreign is not None)
                         if parsed.shape == "list" else [],
                         rare_word_papers=self._rare_word_papers(ranked[0].paper, words)
                         if ranked and parsed.shape == "list" else set(),
                         own_word_papers=self._own_word_papers(ranked[0].paper, words)
                         if ranked and not unknown and len(words) <= 2 else set(),
                         unknown_words=unknown, unknown_names=unknown_names,
                         acronym_papers=acronym_papers, acronym_qualified=qualified, about_papers=about,
                         passing_only=bool(filters) and about is not None and not about and 1 <= len(words) <= 2
                         and all(self.idf.get(_stem(w), 0.0) >= RARE_TOPIC_IDF for w in words),
                         acronym_forms=self.acronym_forms(short) if acronym_papers else [], name_bonus=self.w_name,
                         multilingual=foreign is not None, note=note, years_held=held, code_too=code_too,
                         topic_held=topic_held, listed_note=listed_note, unheld=unheld, similar=bool(seeds),
                         held_names=held_names,
                         named_elsewhere=[(pid, self.papers[self.row[pid]].title) for pid in
                                          sorted(named - {p.id for p in pool})] if named and restricted and filters
                         else [])

    def _example_papers(self, text: str) -> set[str]:
        """The papers writing a coined name that ``text`` gives as an example ("like X", "such as X", "in the spirit
        of X", "X-style"), when one or two papers write it and none is named by it."""
        out: set[str] = set()
        for cue in _EXAMPLE_CUE.finditer(text):
            for m in _COINED.finditer(cue.group("after") or cue.group("before")):
                key = m.group(0).lower()
                if key not in self._written_coined or key in self.name_papers:
                    continue
                rows = self._spelling_rows(m.group(0), key, _EXAMPLE_MOST)
                if rows and len(rows) <= _EXAMPLE_MOST:
                    out |= {self.papers[i].id for i in rows}
        return out

    def _unknown_examples(self, text: str, foreign: bool) -> list[str]:
        """The names ``text`` gives as examples (after "like", "such as", "e.g.", "tipo", or before "style"), if no
        paper writes any of them: "S-LoRA / Punica style" -> ["Punica", "S-LoRA"]. A name is capitalised, or has a
        capital inside (in another language, whose nouns may be capitalised: "LoRA", not "Straggler-Erkennung"); not
        a version or a figure ("GPT-4", "100milion"). Else []."""
        for m in _EX_CUE.finditer(text):
            toks = re.findall(r"[\w][\w.+-]*[\w+]|[\w/,&]", m.group("seg") or m.group("before"))
            if m.group("before"):
                toks = toks[::-1]
            names = []
            for w in toks:
                if w.lower() in _EX_JOINS:
                    continue
                inner = bool(re.search(r"(?<!-)[A-Z]", w[1:]))
                if w == "I" or re.search(r"\d", w) \
                        or not (w[:1].isalpha() and (inner or (not foreign and w[:1].isupper()))):
                    break
                names.append(w)
            if names and all(w.lower() not in self._written_coined and (self._unknown_word(w.lower()) or "-" in w)
                             and not self._papers_with(w.lower()).any() for w in names):
                return names
        return []

    def _specific(self, words: list[str]) -> list[str]:
        """``words`` without those most papers write ("systems" of "recommendation systems"), unless all are."""
        return [w for w in words if self.idf.get(_stem(w.lower()), 1.0) >= _GENERIC_IDF] or words

    def _glossed_by_known(self, word: str, text: str) -> bool:
        """Whether ``word`` is followed in ``text`` by a gloss in brackets all of whose words the papers write."""
        m = re.search(rf"(?<![\w-]){re.escape(word)}\s*[(（]([^()（）]+)[)）]", text, re.I)
        said = content_words(m.group(1)) if m else []
        return bool(said) and all(_stem(w.lower()) in self.idf for w in said)

    def _rare_word_papers(self, paper: Paper, words: list[str]) -> set[str]:
        """The papers writing the rarest word of ``words`` that ``paper`` (the best) writes, if at most
        ``_RARE_WORD_MOST`` papers do: the question's topic, which a paper writing it once may hold however far below
        the best the rest of its text ranks ("papers on pruning LLM weights": LinkedIn's paper prunes its model by
        40%, in one sentence of an abstract on job search)."""
        row = self.row[paper.id]
        # (not a figure, which qualifies the topic: "2-bit" of "KV cache quantization (2-bit or 4-bit KV)" had listed a
        # paper on sub-2-bit weights)
        masks = [m for w in words if not re.search(r"\d", w)
                 and (m := self._papers_with(w))[row] and 2 <= m.sum() <= _RARE_WORD_MOST]
        return {self.papers[i].id for i in np.flatnonzero(min(masks, key=np.sum))} if masks else set()

    def _own_word_papers(self, paper: Paper, words: list[str]) -> set[str]:
        """The papers writing the word of ``words`` that ``paper`` is one of the at most ``_OWN_WORD_PAPERS``
        writing (the question names their topic), if there is one; else none."""
        row = self.row[paper.id]
        mask = next((m for w in words if (m := self._papers_with(w))[row] and m.sum() <= _OWN_WORD_PAPERS), None)
        return set() if mask is None else {self.papers[i].id for i in np.flatnonzero(mask)}

    def about_papers(self, words: list[str], ranked: list[ScoredPaper]) -> set[str] | None:
        """For a question that is a bare topic of one or two words ("quantization", "federated learning papers"),
        the ``ranked`` papers about it: whose title and abstract write each of its words at least twice (a title
        counts twice), or its two words as one phrase ("... into federated learning offers ..."); a paper naming
        one word once in passing is not about it. None for other questions."""
        if not 1 <= len(words) <= 2 or any(EFFECT_WORDS.match(w) for w in words):
            return None
        stems = [_stem(w.lower()) for w in words]
        if any(self.idf.get(st, 0.0) <= 0.0 for st in stems):  # a word no paper writes, or every paper
            return None
        # (a word most papers write is no part of it to look for twice: "recommendation systems" had left out FreeScale,
        # on recommendation models, which writes "systems" once)
        said = [_stem(w.lower()) for w in self._specific(words)]
        found = set()
        for sp in ranked:
            counts, pairs = self._stem_counts.get(sp.paper.id) or self._count_stems(sp.paper)
            # (a short text, a digest's summary or a reading note, says in one mention what an abstract says in two)
            least = 1 if sum(counts.values()) < _SHORT_TEXT_STEMS else 2
            # (or the heading its source lists it under says so: the CAIS notes' "### LLM Inference" holds Echo,
            # whose one-line note never writes "inference")
            if all(counts[st] >= least for st in said) or (len(stems) == 2 and tuple(stems) in pairs) \
                    or (sp.paper.topic and set(stems) <= {_stem(t) for t in tokenize(sp.paper.topic)}):
                found.add(sp.paper.id)
        return found

    def _count_stems(self, paper: Paper) -> tuple[Counter, set[tuple[str, str]]]:
        """A paper's stems with their counts (the title twice) and its pairs of adjacent stems, counted on first
        use and kept for the papers bare topics meet most (bounded, for a long-lived server at scale)."""
        stems = [_stem(t) for t in tokenize(f"{paper.title}. {paper.title}. {paper.abstract}")]
        return _kept(self._stem_counts, paper.id, (Counter(stems), set(zip(stems, stems[1:]))), _STEM_COUNTS_KEPT)

    def definition(self, term: str, most: int = 3) -> tuple[str, list[str], list[ScoredPaper]] | None:
        """For an acronym of the glossary ("TTFT", "LLMs"), its long forms and up to ``most`` papers with a
        sentence holding both, that sentence as each one's span ("time-to-first-token (TTFT)" first); None for a
        term the glossary lacks or a paper's own name ("what is Kitty?" is a question about that paper)."""
        key = term.lower()
        if key not in self.glossary and key.endswith("s") and key[:-1] in self.glossary:
            key, term = key[:-1], term[:-1]
        longs = self.glossary.get(key)
        if not longs or self.named_papers(term):
            return None
        col = self.term_ids.get(_stem(key))
        acronym = re.compile(rf"(?<![\w-]){re.escape(key)}s?(?![\w-])", re.I)
        found: list[tuple[int, ScoredPaper]] = []
        for i in (self._term_rows(col).tolist() if col is not None else []):
            paper = self.papers[i]
            for j, sentence in enumerate(self.sentences[paper.id]):
                low = sentence.lower()
                if acronym.search(sentence) and any(long.lower() in low for long in longs):
                    spelled = any(f"{long.lower()} ({key}" in low for long in longs)  # "time-to-first-token (TTFT)"
                    found.append((0 if spelled else 1, ScoredPaper(paper, 1.0, best_chunk_sentences=(j, j))))
                    break
        found.sort(key=lambda f: f[0])  # stable: the collection's order within each kind
        return term, longs, [sp for _, sp in found[:most]]

    def compared_papers(self, parts: list[str], filters: Filters | None,
                        within: list[str] | None) -> list[ScoredPaper] | None:
        """The paper each side of a comparison names, or None when it is not a comparison of papers: each side
        names a paper (its system name, id or link) or holds two or more words of its title ("layered prefill"),
        at least one side by name ("the difference between prefill and decode" compares no papers)."""
        picks: list[ScoredPaper] = []
        by_name = False
        for part in parts:
            named = self.named_papers(part) | set(self.ids_in(part)[0])
            only = self._only_writer(part)
            found = [ScoredPaper(self.by_id[only], 1.0, name_match=True)] if only else \
                self.search(part, filters, k=3, within=within).ranked
            if not found:
                return None
            top = found[0]
            stems = self.title_stems(part)
            if top.paper.id in named or only:
                by_name = True
            elif not (len(stems) >= 2 and stems <= self.title_stems(top.paper.title)):
                return None
            picks.append(top)
        if not by_name or len({sp.paper.id for sp in picks}) < len(picks):
            return None
        return picks

    def _unwritten_side(self, part: str) -> str | None:
        """The name a side of a comparison opens with, when it is a system's ("KIVI", "SpecServe", "Mooncake's") that
        no paper, name or record writes; else None."""
        m = re.match(r"\W*(?:the\s+)?([A-Za-z][\w.-]*?)(?:['’]s)?(?=\s|$|[,.;:?!])", part)
        word = m.group(1) if m else ""
        name_like = bool(re.fullmatch(r"[A-Z]{3,}|[A-Za-z]*[a-z][A-Z][\w-]*|[A-Z][a-z]+[A-Z][\w-]*|"
                                      r"[A-Za-z]+-?\d[\w.-]*", word))
        if not name_like or word.lower() in self.vocab or _stem(word.lower()) in self.idf \
                or word.lower() in self._venue_words \
                or word.lower() in self.english or self.named_papers(word) or _name_key(word) in self.alias_keys \
                or self._only_writer(word) or self.closest_name(word):
            return None
        return word

    def described_papers(self, parts: list[str], filters: Filters | None,
                         within: list[str] | None) -> list[ScoredPaper] | None:
        """The paper each side of a comparison describes, in two words or more, best (each side searched alone: the
        whole question had answered with the one paper it matched best); None unless each side finds a paper of its
        own that resembles it."""
        if not 2 <= len(parts) <= 3:
            return None
        picks = []
        for part in parts:
            # (a side may name its paper: "MTraining or the core-attention-disaggregation system DistCA", "DAS")
            named = self.named_papers(part) or {self._only_writer(part)} - {None}
            if len(named) == 1:
                pid = named.pop()
                if (filters and not self.filter_mask(filters)[self.row[pid]]) or (within is not None
                                                                                 and pid not in within):
                    return None  # (a paper the filters leave out: said to be elsewhere, not compared)
                picks.append(ScoredPaper(self.by_id[pid], 1.0, name_match=True))
                continue
            if len(content_words(part)) < 2:
                return None
            r = self.search(part, filters, k=3, within=within)
            if not r.ranked or r.unheld or r.unknown_names or r.ranked[0].dense < DESCRIBED_SIDE_DENSE:
                return None
            picks.append(r.ranked[0])
        return picks if len({sp.paper.id for sp in picks}) == len(picks) else None

    def _only_writer(self, part: str) -> str | None:
        """The one paper writing a side of a comparison that is a capitalised name ("compare DAS and NexSpec": DAS
        is introduced in an abstract, too short a name to name its paper outside a comparison), else None."""
        part = part.strip()
        if not (re.fullmatch(r"[A-Z]{2,}[A-Za-z0-9-]*", part) or _COINED.fullmatch(part)):  # (not "Hopper")
            return None
        writers = np.flatnonzero(self._papers_with(part.lower()))
        return self.papers[writers[0]].id if len(writers) == 1 else None

    @staticmethod
    def _unknown_besides_alternatives(rest: str, unknown: list[str]) -> list[str]:
        """The unknown words that tell the question is off the collection's topics: "edge devices or mobile
        phones" is answered by the papers on edge devices however unknown "phones" is, so unknown words do not
        count when one of the alternatives the question offers is all words the collection uses."""
        # (only the words next to the "or": "train or run neural networks on spiking neuromorphic chips" offers
        # "train" and "run", which excuse no unknown word three words past them)
        # ("vector search / ANN indexes"; "1 or 1.58 bits", a figure whole)
        tokens = re.findall(r"[\w'-]+(?:\.\d+)*", rest.lower().replace("/", " or "))
        ors = [i for i, t in enumerate(tokens) if t == "or"]
        near = lambda lo, hi: set(content_words(" ".join(tokens[max(lo, 0):hi]))) | {  # noqa: E731
            t for t in tokens[max(lo, 0):hi] if re.fullmatch(r"\d+(?:\.\d+)?", t)}  # (a figure of one digit too)
        excused = set()
        for i in ors:
            # (each side ends at a preposition: "training or inference on quantum computers" offers no "quantum")
            lo = next((j + 1 for j in range(i - 1, max(i - _OR_REACH, 0) - 1, -1) if tokens[j] in _OR_SIDE_ENDS),
                      i - _OR_REACH)
            hi = next((j for j in range(i + 1, min(i + 1 + _OR_REACH, len(tokens))) if tokens[j] in _OR_SIDE_ENDS),
                      i + 1 + _OR_REACH)
            before, after = near(lo, i), near(i + 1, hi)
            for side, other in ((before, after), (after, before)):
                if other and not other & set(unknown):
                    excused |= side & set(unknown)
        # (a word written twice is the topic of both: "compiling circuits for quantum computers or running ML on
        # quantum hardware")
        return [w for w in unknown if w not in excused or tokens.count(w) > 1]

    def foreign_scores(self, text: str, rows: np.ndarray | None) -> dict[str, float] | None:
        """For a question in another language (the caller tells, ``query.foreign_language``), the multilingual
        encoder's calibrated scores of the nearest papers (in place of MiniLM's, which reads only English); None
        when the multilingual model cannot be used here (then the question is read as English, as before)."""
        if self.multilingual is None:
            return None
        if rows is not None and not len(rows):
            return {}
        try:
            return self.multilingual.scores(text, rows, self.multilingual_depth)
        except MultilingualUnavailable as exc:
            log.warning("question read as English: %s", exc)
            return None

    def acronymized(self, words: list[str]) -> list[str]:
        """``words`` with a glossary long form written out ("mixture", "of", "experts", or "mixture-of-experts")
        replaced by its acronym ("moe"), when the acronym tells papers apart (see ``long_forms``)."""
        if self._long_keys is None:
            keys: dict[tuple[str, ...], str] = {}
            for acronym, longs in self.glossary.items():
                for long in longs:
                    key = tuple(_stem(t) for t in re.findall(r"[a-z0-9]+", long.lower()) if t not in STOPWORDS)
                    if len(key) >= 2:
                        keys.setdefault(key, acronym)
            self._long_keys = keys
        parts = [(w, _stem(t)) for w in words for t in re.split(r"-", w.lower()) if t and t not in STOPWORDS]
        stems = [st for _, st in parts]
        out, i = [], 0
        while i < len(parts):
            for n in range(min(5, len(parts) - i), 1, -1):
                acronym = self._long_keys.get(tuple(stems[i:i + n]))
                # (not one of two topics sharing a word: "sequence parallelism, context parallelism" is both)
                others = stems[:i] + stems[i + n:]
                if acronym and self.long_forms(acronym) and not set(stems[i:i + n]) & set(others):
                    out.append(acronym)
                    i += n
                    break
            else:
                if not out or out[-1] != parts[i][0]:
                    out.append(parts[i][0])
                i += 1
        return out if len(out) < len(words) or any(w not in words for w in out) else words

    def _spellings(self, acronym: str, longs: list[str]) -> list[str]:
        """How an acronym is written: itself, in the other number ("TPUs" finds the papers writing "TPU", "TPU"
        those writing "TPUs"), and its first three long forms."""
        key = acronym.lower()
        return [acronym, key[:-1] if key not in self.glossary else key + "s"] + longs[:3]

    def acronym_forms(self, words: list[str]) -> list[frozenset[str]]:
        """The ways the glossary acronyms among ``words`` are written, each as the stems a sentence holds: "TTFT" ->
        {ttft}, {ttfts}, {time-to-first-token}, {time, first, token}."""
        out = []
        for w in words:
            longs = self.long_forms(w)
            for form in self._spellings(w, longs) if longs else []:
                out.append(frozenset(_stem(t) for t in tokenize(form) if t not in STOPWORDS))
                if "-" in form:
                    out.append(frozenset(_stem(t) for t in re.split(r"[\s-]+", form.lower()) if t not in STOPWORDS))
        return [f for f in out if f]

    def _unknown_word(self, word: str) -> bool:
        """Whether the collection never writes ``word``: nor any part of it, or, of a compound, its last part of
        three letters or more, which says what it is ("text-to-SQL": no paper writes SQL, though every one writes
        "text"; not "ROCm-based", "finance-domain", whose last parts are the collection's)."""
        if _stem(word) in self.idf:
            # (unless the stem drops the "-ize" that makes it another word, which no paper writes: "tokenization",
            # "tokenizer" are no "tokens")
            derived = IZE_FORM.fullmatch(word.lower())
            return bool(derived) and len(_stem(word)) <= len(derived.group(1)) and not any(
                self._starting_with(derived.group(1) + "i" + z, 1) for z in "sz")
        # a model's version no paper writes, in any spelling, though they write the model: "Llama-3.1-405B"
        versioned = re.fullmatch(r"([a-z]{3,})[-.]?(\d[\w.-]*)", word.lower())
        if versioned and re.search(r"[-.]", word) and self._papers_with(versioned.group(1)).any() \
                and self._spelt_by(word, versioned.group(1), 0) == 0:
            return True
        parts = [t for t in tokenize(word) if t != word.lower()]
        if not any(_stem(t) in self.idf for t in parts):
            return True
        last = parts[-1] if "-" in word and parts else ""
        # (of "carbon-aware", "blockchain-based", the first part says what it is: "aware" is said of anything; not a
        # product's name, "ROCm-based kernels", which papers on AMD's kernels answer without naming it)
        if last in _SUFFIX_PARTS and len(parts) == 2 and parts[0] in self.english:
            return _stem(parts[0]) not in self.idf
        return len(last) >= 3 and last.isalpha() and last not in STOPWORDS and _stem(last) not in self.idf

    def _form_rows(self, form: str) -> set[int]:
        """The rows of the papers writing ``form`` (an acronym, or every word of a long form)."""
        toks = [_stem(t) for t in tokenize(form) if "-" not in t or t == form.lower()]
        whole = _stem(form.lower()) if re.fullmatch(r"[\w-]+", form) else None
        group = [whole] if whole in self.term_ids else toks
        cols = [self.term_ids.get(t) for t in group]
        if not group or None in cols:
            return set()
        return set.intersection(*(set(self._term_rows(c).tolist()) for c in cols))

    def acronym_papers(self, words: list[str], offered: Collection[str] = (), spelt: str = "") -> set[str] | None:
        """Papers that use a glossary acronym of a short question, or its long form ("TTFT" or
        "time-to-first-token"): for "which papers reduce TTFT?" the acronym is the whole topic. Two acronyms are
        both held ("MoE KV cache"), unless ``offered`` as alternatives ("ML / LLM workloads": either). An acronym of
        several things whose one long form is ``spelt`` (the question, lower case) stands for that one.
        Looked up in the BM25 matrix's columns, so the cost does not grow with the collection."""
        hits: set[str] | None = None
        either: set[str] | None = None
        for w in words:
            longs = self.long_forms(w)
            if not longs:
                continue
            rows: set[int] = set()
            key = w.lower()
            for form in self._spellings(w, longs):
                rows |= self._form_rows(form)
            if len(words) > 1 and len(rows) * _UBIQUITOUS > len(self.papers) and singular(key) not in offered:
                continue  # "serverless LLM": LLM, in 116 of 173 papers, is the collection's subject, not the topic
            mine = [long for long in longs if long.lower() in spelt]
            if key in self._ambiguous and mine:
                # "differential privacy": the papers writing it, and those writing DP with a word of it rather than
                # of another of its long forms (not "DP-TP parallelism switching", whose DP is data parallelism)
                others = [long for long in longs if long not in mine]
                mine_words = {w for long in mine for w in long.lower().split()}
                their_words = {w for o in others for w in o.lower().split()}
                own, theirs = mine_words - their_words, their_words - mine_words
                rows_own = set().union(*(self._form_rows(w) for w in own))
                rows_theirs = set().union(*(self._form_rows(w) for w in theirs))
                spelt_rows = set().union(*(self._form_rows(long) for long in mine))
                rows = spelt_rows | {i for i in rows - set().union(*(self._form_rows(o) for o in others))
                                     if i in rows_own or i not in rows_theirs}
            found_ids = {self.papers[i].id for i in rows}
            if singular(w.lower()) in offered:
                either = found_ids if either is None else either | found_ids
            else:
                hits = found_ids if hits is None else hits & found_ids
        return either if hits is None else hits if either is None else hits & either

    def concepts(self, phrases: list[str]) -> list[set[str]]:
        """Each phrase as the set of stems a title must hold to name it, and again with an acronym spelt out:
        ["LLMs"] -> [{llm}, {larg, languag, model}]."""
        out = []
        for phrase in phrases:
            stems = self.title_stems(phrase)
            out.append(stems)
            for acro in stems & self.glossary.keys():
                for long in self.glossary[acro][:3]:
                    out.append((stems - {acro}) | self.title_stems(long))
        return [c for c in out if c]

    def title_stems(self, text: str) -> set[str]:
        """Stems of a title's (or phrase's) topic words, plurals of acronyms folded ("LLMs" -> "llm")."""
        toks = {_stem(t) for t in tokenize(text)} - STOPWORDS
        return {t[:-1] if t.endswith("s") and t[:-1] in self.glossary else t for t in toks}

    def qualifiers(self, words: list[str], papers: set[str] | None = None) -> list[str]:
        """The words of a question besides its glossary acronyms, their long forms and effect words:
        "training" in "MoE training", nothing in "which papers reduce TTFT?". ``papers``: the acronyms' papers, when
        the caller has them (``acronym_papers(words)``)."""
        covered = {_stem(t) for w in words for long in self.long_forms(w)[:3] for t in tokenize(long)}
        # "KV cache": the word the papers write after the acronym is the acronym's own term, not a narrowing
        covered |= {_stem(b) for a, b in zip(words, words[1:]) if a.lower() in self.glossary
                    and self.acronym_head(a).get(_stem(b), 0.0) >= 0.5}
        # (nor an organisation's name: "Google TPUs" asks for the papers using "TPU", as the topic concepts read it)
        rest = [w for w in words if not self.long_forms(w) and _stem(w) not in covered
                and not EFFECT_WORDS.match(w) and w.lower() not in self.alias_keys
                and w.lower() not in _FRAMING_VERBS
                and _stem(w) in self.idf]  # (nor one no paper writes, which narrows none: "for my thesis survey")
        # ...nor a word most of the acronym's papers write ("MoE models": MoE papers are about models)
        acronyms = [w for w in words if self.long_forms(w)]
        if rest and acronyms:
            rows = np.zeros(len(self.papers), dtype=bool)
            for pid in (papers if papers is not None else self.acronym_papers(acronyms)) or ():
                rows[self.row[pid]] = True
            if rows.any():
                rest = [w for w in rest if (self._papers_with(w) & rows).sum() < GENERIC_SHARE * rows.sum()]
        return rest

    def acronym_head(self, acronym: str) -> dict[str, float]:
        """The words the papers write right after a glossary acronym, each with the share of the acronym's papers
        writing it ("KV": {"cache": 0.96, ...}); counted once per acronym, over the papers using it only."""
        key = acronym.lower()
        if key not in self._heads:
            after = re.compile(rf"\b{re.escape(key)}s?\b(?:[\s-]+([a-z]+))?", re.I)
            using, counts = 0, defaultdict(int)
            for i in np.flatnonzero(self._papers_with(key) | self._papers_with(key + "s")):
                p = self.papers[i]
                found = after.findall(f"{p.title}. {p.abstract}")
                if found:
                    using += 1
                    for stem in {_stem(w.lower()) for w in found if w}:
                        counts[stem] += 1
            self._heads[key] = {w: n / using for w, n in counts.items()}
        return self._heads[key]

    def topic_concepts(self, words: list[str], offered: set[str],
                       fewest: int = 2) -> list[tuple[list[list[int]], float]]:
        """The question's topic concepts as (alternative term-column groups, idf weight); a paper holds a concept
        when it has every column of one group. A hyphenated word is its whole or all its parts, an acronym also
        its glossary long form, and the words ``offered`` as alternatives ("energy or power") are one concept.
        Effect words ("faster", "cheaper") are what the question asks of the topic, not the topic."""
        out: list[tuple[list[list[int]], float]] = []
        either = None  # where the concept of the offered alternatives is
        for w in words:
            # an organisation's name ("Google TPUs") is the papers' metadata more often than their text
            if EFFECT_WORDS.match(w) or w.lower() in self.alias_keys:
                continue
            whole, *parts = [_stem(t) for t in tokenize(w)] or [""]
            parts = [s for s in parts if s not in STOPWORDS and len(s) >= 2]  # "time-to-first-token": not "to"
            forms = [[whole], parts] + [[s for s in (_stem(t) for t in tokenize(long) if "-" not in t)
                                         if s not in STOPWORDS] for long in self.glossary.get(w.lower(), [])[:2]]
            if self._joined(w):
                forms = [[_stem(self._joined(w))]]
            groups = [[self.term_ids[s] for s in f] for f in forms if f and all(s in self.term_ids for s in f)]
            weight = max(self.idf.get(s, 0.0) for s in [whole] + parts)
            if not groups or weight <= 0:
                continue
            if {singular(t) for t in tokenize(w)} & offered:
                if either is not None:
                    held, least = out[either]
                    out[either] = (held + groups, min(least, weight))
                    continue
                either = len(out)
            out.append((groups, weight))
        return out if len(out) >= fewest else []  # one concept: every candidate holds it or BM25 already says so

    def holding(self, words: list[str], rows: np.ndarray | None = None, fewest: int = 1,
                specific_idf: float = 0.0) -> np.ndarray | None:
        """A mask of the papers (of ``rows``, indices into ``papers``; default all) whose text holds every concept
        of ``words`` ("KV cache": both words, or its glossary form), or None when the words have fewer than
        ``fewest`` concepts the collection knows, or none used by as few papers as ``specific_idf`` asks ("tensor",
        "quantization", "federated" at 2.0; not "training", "model", "inference")."""
        concepts = self.topic_concepts(words, set(), fewest=1)
        if len(concepts) < max(fewest, 1) or max(weight for _, weight in concepts) < specific_idf:
            return None
        rows = np.arange(len(self.papers)) if rows is None else rows
        return self.coverage(concepts, rows) >= 1.0 - 1e-6

    def coverage(self, concepts: list[tuple[list[list[int]], float]], rows: np.ndarray) -> np.ndarray:
        """For each of ``rows``, the idf-weighted share of ``concepts`` the paper holds (from BM25 postings)."""
        held = np.zeros(len(rows), dtype=np.float32)
        total = sum(w for _, w in concepts)
        for groups, weight in concepts:
            has = np.zeros(len(rows), dtype=bool)
            for cols in groups:
                every = np.ones(len(rows), dtype=bool)
                for c in cols:
                    every &= self._term_mask(c)[rows]
                has |= every
            held += weight * has
        return held / total if total > 0 else held

    def unknown_names(self, text: str, named: set[str]) -> list[str]:
        """System-like names in the question (MegaScale-Infer, 'Quoted Title') that no paper carries; of a question
        naming a paper, only a quoted title (the words of "'SpecServe: Adaptive Speculative Decoding for ...'" had
        named "Speculative Decoding: Performance or Illusion?", which was described as if it were SpecServe)."""
        names = [] if named else re.findall(r"\b[A-Za-z]*[a-z][A-Z][\w-]*|\b[A-Z][A-Za-z]*-[A-Z][\w-]*|"
                                            r"\b[A-Z]{2,}[a-z]+[\w-]*", text)
        if not named:  # ...and a capitalised word no dictionary holds said to be a system ("the Vidur simulator")
            names += [w for w in _KIND_NAMED.findall(text) if w.lower() not in self.english
                      and w.lower() not in dictionary_words()]
        # a quote mark that opens or closes a quotation, not the apostrophe of "I've ... that's"
        # (not a string of pasted code, 'query = "energy-efficient LLM inference ..."': a search, not a title; it had
        # made an answered question a refusal)
        # (nor a label for a kind of work, "the 'LLM as optimizer' thing": it had been refused as a title)
        quoted = [m.group(1) for m in re.finditer(r"(?<![\w=(])(?<![=(]\s)['\"“‘]([^'\"”’]{8,})['\"”’](?!\w)", text)
                  if not _LABEL_AFTER.match(text, m.end())]
        # (not a degree or an abbreviation of chat: "first-year PhD student")
        # (nor an organisation the records name: "a paper from eBay about ..." had been refused as naming no system)
        # (nor a venue's: "the knapsack-based method in the arXiv digest" had been refused as naming no "arXiv")
        # (nor an author's surname: "the Hammar paper on using RL for cyber defense" had been refused as naming none)
        # (nor an acronym marked virtual or the like, or in the plural, a kind of thing: "a guest's vCPUs", "from tiny
        # MCUs up to SoCs with NPUs" had been refused as naming no system called "vCPUs", "MCUs")
        out = [n for n in names if _stem(n.lower()) not in self.idf and n.lower() not in _NO_SYSTEMS
               and not re.fullmatch(r"[a-z]?[A-Z]{2,5}s", n) and not re.fullmatch(r"[a-z][A-Z]{2,5}", n)
               and _name_key(n) not in self.alias_keys and n.lower() not in self._venue_words
               and _name_key(n) not in self.surname_authors]
        for q in quoted:  # a quoted title must be (nearly) one of ours
            if not re.search(r"[A-Z]", q) or len(q.split()) < 3:
                continue
            # (a saying quoted, "people keep saying 'just use ML'", is no title: a title opens with a capital, or
            # most of its words do)
            if not q[:1].isupper() and sum(w[:1].isupper() for w in q.split()) * 2 < len(q.split()):
                continue
            qt = {_stem(t) for t in tokenize(q)}
            # the most of these stems one title uses: a sum over their title-term columns, not a title scan
            cols = [self.term_ids[t] for t in qt if t in self.term_ids]
            most = float(self.title_terms[:, cols].sum(axis=1).max()) if cols and self.papers else 0.0
            best = most / max(len(qt), 1)
            if best < 0.8:
                out.append("'" + q + "'")
        return out

    def _slipped_function(self, word: str, text: str) -> bool:
        """Whether a short ``word`` no paper and no dictionary writes, typed in lower case, is a function word with
        a letter slipped ("wich paprs hav authrs frm ...": "hav" had been the topic, and the question refused; not
        "BPE", "Lite")."""
        if not 3 <= len(word) <= 4 or not word.isalpha() or word in self.vocab or word in self.english \
                or _stem(word) in self.idf or word in self.glossary or not self._unknown_word(word):
            return False
        typed = _typed_at(word, text)
        if not typed or not typed.group(0).islower():
            return False
        letters = string.ascii_lowercase
        near = {word[:i] + word[i + 1:] for i in range(len(word))} \
            | {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters} \
            | {word[:i] + c + word[i + 1:] for i in range(len(word)) for c in letters}
        return bool(near & ENGLISH_STOPWORDS)

    def _verb_form(self, word: str) -> bool:
        """Whether ``word`` says how or is a verb whose other forms the papers write ("blazingly", "stretching" is
        not: no paper writes "stretch"; "watermarking" neither)."""
        return word.endswith("ing") and any(c in self.vocab or _stem(c) in self.idf
                                            for c in (word[:-3], word[:-3] + "e", word[:-4])) or word.endswith("ly")

    def _unheld(self, text: str, missing: list[str], ranked: list[ScoredPaper],
                as_products: bool = True, head: bool = True) -> tuple[str, str] | None:
        """(the word no paper writes, the thing it names) when a ``missing`` word narrows the very thing asked
        ("spiking neural networks", "quantum computers") or is a product named, not one beside it ("TTFT for
        chatbots"); None else. The more of the words naming it no paper writes, the surer ("spiking neuromorphic
        chips such as Intel Loihi", "Intel Gaudi (Habana) accelerators"); said by a word that is no record's name."""
        recorded = {w for w in missing if self.institution_papers(w)}
        # (the word the topic asked "work on" opens first: "work on carbon-aware scheduling ... grid carbon intensity")
        order = [w for w in sorted(missing, key=lambda w: (w in recorded, not _asked_on(w, text)))
                 if not is_month(w)]  # (not "February 30")
        phrases = {}
        for w in order:
            # (the noun phrase it opens, to a function word or a verb comparing: "the Cerebras wafer-scale engine
            # compare to GPUs")
            m = re.search(rf"(?<![\w-]){re.escape(w)}((?:[\s()]+(?!(?:{_FUNCTION}|{_PHRASE_ENDS})\b)\w[\w-]*)+)",
                          text, re.I)
            typed = as_typed(text, [w])[0]  # ("Mixtral" as the question writes it)
            phrases[w] = (typed, _closed(f"{typed} {m.group(1).strip()}" if m else typed),
                          content_words(m.group(1)) if m else [])
        for w in order:
            typed, thing, after = phrases[w]
            # the very topic asked for, right after what asks for papers on it ("papers on watermarking LLM outputs",
            # "which papers propose watermarking ...?"): however well the rest matches, it is about something else
            # (not a verb whose other forms the papers write, nor a word saying how: "blazingly fast attention kernels")
            verb = self._verb_form(w)
            # (of all the papers: those of a venue or an institution asked for are listed, the word said missing)
            # (a name is read below: "papers using DeepSpeed ZeRO" are those on ZeRO, said to lack DeepSpeed)
            if head and not verb and typed.islower() and _asked_on(w, text):
                return typed, thing
            # ...or the very verb asked of them, which no dictionary holds either ("Which papers upcycle a dense
            # checkpoint into an MoE?"; not "Which papers shrink ...?", an English verb the papers happen not to write)
            if head and typed.islower() and w not in self.english and w not in dictionary_words() \
                    and re.search(rf"^\W*(?:which|what) papers\s+{re.escape(w)}\b", text, re.I):
                return typed, thing
            # (a topic the collection holds well behind it is only qualified: "blazingly fast attention kernels")
            # (a word no paper writes either may stand in it: "spiking neuromorphic chips"; so may a compound of
            # the papers' words, "wafer-scale")
            # (not the maker of a thing few papers name: "DeepSpeed ZeRO", whose ZeRO they write; not "GPUs")
            if after and all(_stem(x) in self.idf or x in missing or "-" in x and not self._unknown_word(x)
                             for x in after) \
                    and any(_stem(x) in self.idf for x in after) and ranked \
                    and (ranked[0].dense < UNHELD_DENSE or self._named_product(w, text)) \
                    and not any(x in self._written_coined
                                and self._papers_with(x).sum() <= len(self.papers) // _FEW_PAPERS for x in after):
                return typed, thing
        # ...or ending it ("a paper on adapting streaming speech recognition to accents": recognition), when no word
        # above says the thing ("papers on compiling circuits for quantum computers": quantum)
        for w in order:
            typed = phrases[w][0]
            if head and not self._verb_form(w) and typed.islower() and (phrase := _asked_head(w, text)):
                return typed, phrase
        # ...or naming the field of the models (systems, tasks) the topic is asked for: "speculative decoding for
        # Whisper-style speech recognition models" asks for none of the papers on speculative decoding for LLMs
        for w in order:
            typed = phrases[w][0]
            field = re.search(rf"\b(?:for|to|on|in)\s+((?:[\w-]+\s+){{0,3}}?{re.escape(typed)}(?:\s+[\w-]+){{0,2}}?\s+"
                              rf"(?:models?|systems?|tasks?|workloads?|applications?|pipelines?))\b", text)
            if head and not self._verb_form(w) and typed.islower() and field:
                return typed, field.group(1)
        # ...and (unless ``as_products`` is false) a product named, with nothing the papers write after it, is the thing
        # itself ("on a Jetson Orin", "compare against DistServe or Splitwise", "on Mixtral 8x7B"; not an example,
        # "like Argonne or Lawrence Livermore", nor a version, said as such: "Llama-3.1-405B")
        example = re.search(r"\b(?:like|such as|e\.g\.?|including)\s", text, re.I)
        products = [w for w in order if as_products and self._named_product(w, text) and not re.search(r"\d", w)
                    and not (example and text.lower().find(w, example.end()) >= 0)
                    and not self._names_exactly(_name_key(w))  # (nor a record's name, "Lawrence" of Livermore)
                    and not re.search(rf"\b(?:my|our|your|his|her|their)\s+{re.escape(w)}\b", text, re.I)]  # ("my PhD")
        for w in products:
            typed, thing, after = phrases[w]
            if all(x in missing or _VERSION.fullmatch(x) for x in after):
                # ("DistServe or Splitwise", "Graphcore IPUs or Tenstorrent chips": each product offered)
                offered = [x for x in products if x != w
                           and re.search(rf"{re.escape(thing)}\s*(?:or|/|,)\s*{re.escape(phrases[x][0])}\b", text)]
                return ("” or “".join([typed, *(phrases[x][0] for x in offered)]),
                        " or ".join([thing, *(phrases[x][1] for x in offered)]))
        return None

    def _exemplified(self, word: str, text: str) -> bool:
        """Whether ``text`` follows ``word`` with examples ("e.g.", "such as", "like"), two of whose words the papers
        write."""
        m = re.search(rf"(?<![\w-]){re.escape(word)}\w*\s*[,(]?\s*(?:e\.g\.?|such as|like|including)\s+([^?;)]+)",
                      text, re.I)
        said = [w for w in content_words(m.group(1)) if w not in STOPWORDS] if m else []
        return sum(not self._unknown_word(w) and _stem(w) in self.idf for w in said) >= 2

    def _held_names(self, text: str, words: list[str]) -> list[str]:
        """The names among ``words`` that few papers write (a 20th of them at most), as typed: a version or size
        ("Llama-3.1-70B") or a name of two cases joined ("Megatron-LM")."""
        out = []
        for w in as_typed(text, words):
            # (beginning with a letter: not "3D", "2-bit")
            if not (re.search(r"\d", w) and w[:1].isalpha() or re.fullmatch(r"[A-Z][a-z]+-[A-Z]{2,}", w)):
                continue
            most = len(self.papers) // _FEW_PAPERS
            writing = self._spelt_by(w, re.split(r"[-.\s\d]", w.lower())[0] or w.lower(), most)
            if writing and writing <= most:
                out.append(w)
        return out

    def _spelt_by(self, name: str, base: str, most: int) -> int | None:
        """How many of the papers writing ``base`` write ``name``, in any spelling ("Llama 3.1 70B" for
        "Llama-3.1-70B"), counted up to ``most`` + 1 (at scale, a common name is not read through); None when no
        pattern spells it (``literal_pattern``)."""
        rows = self._spelling_rows(name, base, most)
        return None if rows is None else len(rows)

    def _spelling_rows(self, name: str, base: str, most: int) -> list[int] | None:
        """The rows of the papers ``_spelt_by`` counts: at most ``most`` + 1 of them; None when no pattern spells
        ``name``."""
        literal = literal_pattern(name)
        if literal is None:
            return None
        rows = np.flatnonzero(self._papers_with(base))
        return list(itertools.islice((i for i in rows if self._mentions(self.papers[i], literal)), most + 1))

    def _mentions(self, p: Paper, literal: re.Pattern) -> int:
        """How many of a paper's title and sentences write ``literal``."""
        return sum(1 for x in [p.title, *self.sentences[p.id]] if literal.search(x))

    def _product_names(self, text: str, named: set[str]) -> list[str]:
        """The coined names a question writes that papers write but none is named by ("vLLM", "SGLang"), as typed."""
        out = []
        for m in _COINED.finditer(text):
            key = m.group(0).lower()
            # (not an acronym in the plural, "GPUs", nor a word of a venue's or institution's name, "MLSys")
            # (nor where code is kept: "which MoE paper has its code on GitHub?" had listed the one paper writing
            # GitHub, a profiler, as the MoE paper)
            # (nor an acronym of the glossary in the plural: "dLLMs" is diffusion LLMs, not a product to write)
            if key in self._written_coined and key not in self.name_papers and key not in self.glossary \
                    and not (key.endswith("s") and key[:-1] in self.glossary) \
                    and not re.fullmatch(r"[A-Z]{2,}s", m.group(0)) and m.group(0) not in self.introduced \
                    and key not in self._record_words and key not in CODE_WORDS and not named:
                out.append(m.group(0))
        # ...and the capitalised names of no English word the papers write ("Qwen models", "Triton"), past the start
        quoted = _quoted_spans(text)
        for m in re.finditer(r"(?<=[\w,;:)] )[A-Z][a-z]{2,}\b", text):
            key = m.group(0).lower()
            # (not a name of the records, "Meta", "Stoica", unless a thing it makes follows: "Qwen models"; nor an
            # example in brackets, "chip design (RTL, Verilog)", nor a word of a quoted title)
            before = text[:m.start()]
            if before.count("(") > before.count(")") or re.search(r"\b(?:like|such as|e\.g\.?|including)\s+$", before) \
                    or any(a < m.start() < b for a, b in quoted):
                continue
            recorded = bool(self.institution_papers(key)) or key in self.surname_authors
            if key in self.vocab and key not in self.english and key not in self.name_papers \
                    and key not in self.glossary and m.group(0) not in self.introduced and not named \
                    and m.group(0) not in out and (not recorded or _MADE_THINGS.match(text[m.end():])):
                out.append(m.group(0))
        return out

    @cached_property
    def _record_words(self) -> set[str]:
        """The words of the records' venues and institutions, lower case ("mlsys", "nvidia")."""
        return {w.lower() for p in self.papers for field in [p.venue, *p.institutions]
                for w in re.findall(r"[\w-]+", field)}

    def _only_mentioned(self, text: str, words: list[str]) -> str:
        """The name a question asks about alone ("what is cuDNN?") when papers write it and none is named so (not a
        paper's own name, nor an ordinary word), as typed; else ""."""
        if len(words) != 1:
            return ""
        m = _typed_at(words[0], text)
        key = words[0].lower()
        if not m or not re.search(r"[A-Z\d]", m.group(0)) or key in self.english or key in self.name_papers \
                or m.group(0) in self.introduced or self.named_papers(text):
            return ""
        if key not in self._written_coined and key not in self.vocab:
            return ""
        # (a paper presenting it by that name, which no title carries: "we introduce Zephyr", "a system called
        # DistCA", is described as usual)
        return "" if key in self._presented else m.group(0)

    @cached_property
    def _presented(self) -> set[str]:
        """The words, lower case, up to three after a paper's sentence presents something ("we introduce Zephyr",
        "a system called DistCA"): read once, not every sentence again for each question."""
        out: set[str] = set()
        for p in self.papers:
            for x in self.sentences[p.id]:
                for m in _PRESENTS.finditer(x):
                    after = _PRESENTED_WORDS.match(x, m.end())
                    if after:
                        out.update(w.lower() for w in after.groups() if w)
        return out

    def named_papers(self, text: str) -> set[str]:
        """Papers whose system name (the title before ':') the question mentions, by n-gram lookup.

        A name that is also an ordinary word of the collection (PROMPTS, WAVE, Matrix) or made of such words
        ("Speculative Decoding") must match with its own capitalisation, so "optimize prompts" does not pull in
        the PROMPTS paper."""
        raw = re.findall(_WORD, text)
        found: set[str] = {pid for _, ids in self._titles_in(text) for pid in ids}
        # (an English word in a longer question is that word: "so tensors ship faster" is no question about SHIP)
        worded = len(raw) > _NAME_ALONE_WORDS
        for n in range(1, 5):
            for i in range(len(raw) - n + 1):
                surface = " ".join(raw[i:i + n])
                for pid in self.name_papers.get(surface.lower(), ()):
                    name = self.title_names[pid]
                    # (a name of ordinary words, "Speculative Decoding: ...", too: lower-case, it is the topic)
                    ordinary = all(self.vocab.get(w, 0) >= 2 or (worded and w in self.english)
                                   for w in name.lower().split())
                    if ordinary and surface != name and not (worded and _said_as_paper(text, surface)):
                        continue
                    # (nor a part of another paper's title the question writes whole: "the distribution-aware
                    # speculative decoding paper" is "... Distribution-Aware Speculative Decoding for RL Training")
                    if ordinary and i and self._titled_elsewhere(f"{raw[i - 1]} {surface}", pid):
                        continue
                    if worded and surface.islower() and surface in self._clipped_names \
                            and not _said_as_paper(text, surface):  # ("parallelism / disagg configs")
                        continue
                    found.add(pid)
                if surface in self.introduced:
                    found.add(self.introduced[surface])
                if n == 1 and surface.lower() in self.title_coined:
                    found.add(self.title_coined[surface.lower()])
        return found

    def _titled_elsewhere(self, phrase: str, pid: str) -> bool:
        """Whether a paper other than ``pid`` has ``phrase`` in its title (read only for a name of ordinary words
        said as a paper's, which few questions have)."""
        phrase = phrase.lower()
        return any(phrase in p.title.lower() for p in self.papers if p.id != pid)

    def _similar_named(self, text: str) -> list[str]:
        """The papers a cue of likeness names, right after it or before "-like": "papers similar to Stream2LLM",
        "work like the Kitty paper", "Stream2LLM-like systems". A name elsewhere is what the question asks about:
        "How much cheaper is AccelOpt, like 2x or 10x?" had listed the papers similar to AccelOpt."""
        found: set[str] = set()
        for m in _SIMILAR.finditer(text):
            if m.group(1).lower() == "like" and _WANTS_LIKE.search(text[:m.start()]):
                continue
            if m.group(1).lower() == "like" and text[:m.start()].endswith("-"):
                words = re.findall(r"\S+", text[:m.start() - 1])[-4:]
                found |= next((got for k in range(1, len(words) + 1)
                               if (got := self.named_papers(" ".join(words[-k:])))), set())
                continue
            at = _SIMILAR_FILLER.match(text, m.end()).end()
            ends = [w.end() for w in re.finditer(r"\S+", text[at:])][:12]
            for k, end in enumerate(ends):
                got = self.named_papers(text[at:at + end])
                if got:  # (a name starting there, not one further on)
                    found |= got - (self.named_papers(text[at + ends[0]:at + end]) if k else set())
                    break
        return sorted(found)

    def _titles_in(self, text: str) -> list[tuple[tuple[int, int], list[str]]]:
        """The whole titles ``text`` writes (4 words or more, any case): each one's span and its papers."""
        words = list(re.finditer(_WORD, text))
        lowered = [m.group(0).lower() for m in words]
        out = []
        for n in range(min(self.longest_title, len(words)), 3, -1):
            for i in range(len(words) - n + 1):
                ids = self.full_titles.get(" ".join(lowered[i:i + n]))
                if ids:
                    out.append(((words[i].start(), words[i + n - 1].end()), ids))
        return out

    def _unavailable(self, exc: Exception) -> Exception:
        """A question failed because the vector store stopped answering; the next one retries."""
        return store_unavailable((self.snapshot.manifest.get("store") or {}).get("url"), exc, retry=True)

    def says_code(self, p: Paper) -> bool:
        """Whether the paper's abstract says its code is or will be available, or its record links it (the CAIS
        notes' "[Code](https://github.com/...)"); read once per paper."""
        said = self._said["code"]
        if p.id not in said:
            said[p.id] = bool(p.extra.get("code_url")) or any(CODE_STATEMENT.search(x) for x in self.sentences[p.id])
        return bool(said[p.id])

    def gpus_named(self, p: Paper) -> list[str]:
        """The GPU models and architectures the paper's title and abstract name, in order (read once per paper)."""
        said = self._said["gpus"]
        if p.id not in said:
            said[p.id] = list(dict.fromkeys(gpu_name(m.group(1)) for x in [p.title, *self.sentences[p.id]]
                                            for m in GPU_MODEL.finditer(x)))
        return said[p.id]

    def grouped(self, parsed: ParsedQuestion, pool: list[Paper], note: str) -> Retrieval:
        """The ``pool`` in themes (a larger one from an even sample); too few papers are listed one by one."""
        parsed.shape = "themes"
        if len(pool) < FEWEST_TO_GROUP:
            return Retrieval(parsed, [ScoredPaper(p, 1.0) for p in pool], len(pool), themes=[], note=note)
        sample = pool[::math.ceil(len(pool) / MOST_SAMPLED)]
        if len(sample) < len(pool):
            note = _also(note, f"Grouped from an even sample of {len(sample)} of the {len(pool)} papers.")
        vectors = self.paper_vectors([p.id for p in sample])
        held = [p for p in sample if p.id in vectors]
        groups = themes(held, np.stack([vectors[p.id] for p in held])) if len(held) >= FEWEST_TO_GROUP else []
        ranked = [ScoredPaper(p, 1.0) for g in groups for p in g.papers] or [ScoredPaper(p, 1.0) for p in held]
        return Retrieval(parsed, ranked, len(pool), themes=groups, note=note)

    def paper_vectors(self, paper_ids: list[str], batch: int = 500) -> dict[str, np.ndarray]:
        """Each paper's normalized mean chunk vector, read from the store once per paper."""
        cache = self._paper_vector
        missing = [pid for pid in paper_ids if pid not in cache]
        for start in range(0, len(missing), batch):
            part = missing[start:start + batch]
            try:
                rows = self.snapshot.collection.get(where={"paper_id": {"$in": part}},
                                                    include=["embeddings", "metadatas"])
            except Exception as exc:  # a Chroma server that went away: say so
                raise self._unavailable(exc) from exc
            sums: dict[str, np.ndarray] = {}
            for vec, meta in zip(rows.get("embeddings") if rows.get("embeddings") is not None else [],
                                 rows.get("metadatas") or []):
                pid = (meta or {}).get("paper_id")
                if pid:
                    sums[pid] = sums.get(pid, 0.0) + np.asarray(vec, dtype=np.float32)
            for pid, total in sums.items():
                cache[pid] = total / max(float(np.linalg.norm(total)), 1e-12)
        return {pid: cache[pid] for pid in paper_ids if pid in cache}

    def seed_vector(self, paper_ids: list[str]) -> np.ndarray | None:
        """The normalized mean of the stored chunk vectors of ``paper_ids`` (None if the store has none)."""
        try:
            rows = self.snapshot.collection.get(where={"paper_id": {"$in": list(paper_ids)}}, include=["embeddings"])
        except Exception as exc:  # a Chroma server that went away: say so
            raise self._unavailable(exc) from exc
        vecs = rows.get("embeddings")
        if vecs is None or len(vecs) == 0:
            return None
        mean = np.asarray(vecs, dtype=np.float32).mean(axis=0)
        return mean / max(float(np.linalg.norm(mean)), 1e-12)

    def dense_scores(self, vec: np.ndarray, restrict: Collection[str] | None):
        """Max cosine similarity per paper over its chunks (Chroma, cosine space) and the best chunk's span."""
        if restrict is not None and not restrict:
            return {}, {}
        n = min(self.chunk_count, self.dense_depth)
        if restrict is not None and len(restrict) > WHERE_IN_LIMIT:
            return self._dense_post_filtered(vec, restrict, n)
        where = {"paper_id": {"$in": sorted(restrict)}} if restrict else None
        # ids and distances only: reading 200 chunks' metadata was two thirds of a warm question
        res = self._query(vec, n, where, ["distances"])
        best: dict[str, tuple[float, str]] = {}
        for chunk_id, dist in zip(res["ids"][0], res["distances"][0]):
            pid = chunk_id.rsplit("#", 1)[0]  # node ids are "<paper id>#<n>" (chunks.chunk_paper)
            sim = 1.0 - float(dist)
            if sim > best.get(pid, (-1.0, ""))[0]:
                best[pid] = (sim, chunk_id)
        return self._with_spans(best)

    def _with_spans(self, best: dict[str, tuple[float, str]]):
        """Scores and best-chunk sentence spans from {paper: (similarity, best chunk id)}. A chunk's span is
        read from Chroma once, then kept: a long-lived process soon holds those of the chunks it meets."""
        missing = [cid for _, cid in best.values() if cid not in self._span_of]
        if missing:
            try:
                got = self.snapshot.collection.get(ids=missing, include=["metadatas"])
            except Exception as exc:
                raise self._unavailable(exc) from exc
            for cid, m in zip(got["ids"], got["metadatas"]):
                self._span_of[cid] = (int(m.get("first_sentence", 0)), int(m.get("last_sentence", -1)))
        return ({pid: sim for pid, (sim, _) in best.items()},
                {pid: self._span_of.get(cid, (0, -1)) for pid, (_, cid) in best.items()})

    def _dense_post_filtered(self, vec: np.ndarray, restrict: Collection[str], depth: int):
        """``dense_scores`` for a restriction too long for a where clause: the nearest chunks of the whole
        collection, ids and distances only (reading metadata is what makes a deep query slow), kept when
        their paper is allowed until ``depth`` are; then the span of each paper's best chunk only."""
        allowed = restrict if isinstance(restrict, (set, frozenset)) else set(restrict)
        limit = min(self.chunk_count, POST_FILTER_MAX)
        # the allowed papers hold about this share of the chunks: ask for twice the expected need
        want = min(limit, max(depth, math.ceil(2 * depth * len(self.papers) / len(allowed))))
        while True:
            res = self._query(vec, want, None, ["distances"])
            best: dict[str, tuple[float, str]] = {}
            kept = 0
            for chunk_id, dist in zip(res["ids"][0], res["distances"][0]):
                pid = chunk_id.rsplit("#", 1)[0]  # node ids are "<paper id>#<n>" (chunks.chunk_paper)
                if pid not in allowed:
                    continue
                sim = 1.0 - float(dist)
                if sim > best.get(pid, (-1.0, ""))[0]:
                    best[pid] = (sim, chunk_id)
                kept += 1
                if kept >= depth:
                    break
            if kept >= depth or want >= limit:
                break
            want = min(limit, want * 4)
        return self._with_spans(best) if best else ({}, {})

    def _query(self, vec: np.ndarray, n: int, where: dict | None, include: list[str]) -> dict:
        try:
            return self.snapshot.collection.query(query_embeddings=[vec.tolist()], n_results=max(n, 1),
                                                  where=where, include=include)
        except Exception as exc:  # a Chroma server that went away: say so; the next question retries
            raise self._unavailable(exc) from exc

    def _fuse(self, lexical: np.ndarray, dense: dict[str, float], chunk_of, named: set[str],
              pool: set[str] | None, concepts=(), also: Collection[str] = ()) -> list[ScoredPaper]:
        """Score the union of dense and lexical candidates: cosine + scaled BM25 + the share of the question's
        concepts the paper holds + a bonus for a named system. BM25 sums its terms, so a paper using the
        common words of "pruning LLM weights" many times outranks one on pruning; coverage weighs what is held."""
        top_lex = float(lexical.max()) if len(lexical) else 0.0
        if top_lex <= 0:
            lex_top = []
        elif len(lexical) > 4 * self.lexical_depth:  # only the set is used: no need to sort 100k scores
            lex_top = np.argpartition(-lexical, self.lexical_depth)[: self.lexical_depth]
        else:
            lex_top = np.argsort(-lexical)[: self.lexical_depth]
        candidates = set(dense) | {self.papers[i].id for i in lex_top if lexical[i] > 0} | named | set(also)
        if pool is not None:
            candidates &= pool
        floor = (min(dense.values()) if dense else 0.0) - 0.05
        order = sorted(candidates)
        rows = np.fromiter((self.row[pid] for pid in order), dtype=np.int64, count=len(order))
        cover = self.coverage(list(concepts), rows) if concepts else np.zeros(len(rows), dtype=np.float32)
        out = []
        for pid, i, cov in zip(order, rows.tolist(), cover.tolist()):
            d = dense.get(pid, floor)
            lx = float(lexical[i]) / top_lex if top_lex > 0 else 0.0
            hit = pid in named
            score = d + self.w_lexical * lx + self.w_cover * cov + (self.w_name if hit else 0.0)
            out.append(ScoredPaper(self.papers[i], score, d, lx, hit, chunk_of.get(pid, (0, -1)), cov))
        out.sort(key=lambda sp: (-sp.score, sp.paper.id))
        return out


# the words of a who or where question that ask for the papers' records, not a topic
_WHO_WORDS = frozenset("""who whom whose author authors coauthors co-authors wrote written institution institutions
affiliation affiliations university universities company companies lab labs organization organizations organisation
organisations researcher researchers people group groups team teams""".split())
_WORK_ON = frozenset("work works working worked".split())


_SHORT_TEXT_STEMS = 100  # a paper's title (twice) and abstract this short in all: a summary, not an abstract


def _kept(memo: dict, key, value, most: int):
    """``value``, kept under ``key`` in a memo of at most ``most`` entries (emptied when full: a long-lived server
    keeps what recent questions met)."""
    if len(memo) >= most:
        memo.clear()
    memo[key] = value
    return value


def _spelt_by_sound(word: str, other: str) -> bool:
    """Whether ``word`` is ``other`` with a soft "c" written "s" ("devises": "devices")."""
    diff = [i for i, (a, b) in enumerate(zip(word, other)) if a != b]
    return len(word) == len(other) and len(diff) == 1 and (word[diff[0]], other[diff[0]]) == ("s", "c") \
        and word[diff[0] + 1:diff[0] + 2] in ("e", "i")


def _singulars(word: str) -> list[str]:
    """The words ``word`` may be the plural of ("flips": "flip"; "studies": "studie", "studi", "study")."""
    if not word.endswith("s"):
        return []
    return [word[:-1]] + ([word[:-2]] if word.endswith("es") else []) + (
        [word[:-3] + "y"] if word.endswith("ies") else [])


def _bases(word: str) -> list[str]:
    """The words ``word`` may be a plural or a verb's form of ("flips": "flip"; "paging": "page")."""
    out = _singulars(word)
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) >= len(ending) + 3:
            base = word[:-len(ending)]  # (not one doubling its last letter: "traning" is no form of "tran")
            out += [base + "e"] + ([base] if not re.search(r"[^aeiou][aeiou][^aeiouwxy]$", base) else [])
    return out


def _in_dictionary(word: str) -> bool:
    """Whether the dictionary holds ``word`` or, for a plural, its singular (its list has "multiplier" and no
    plurals)."""
    words = dictionary_words()
    return word in words or any(one in words for one in _singulars(word))


def _american(word: str) -> str:
    """The American spelling of a British "-ise" word ("customised" -> "customized"), else ""."""
    m = re.fullmatch(r"(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)", word)
    return f"{m.group(1)}iz{m.group(2)}" if m else ""


def _left_out(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with some of its letters left out, in order."""
    letters = iter(long)
    return all(c in letters for c in short)


def _common_start(a: str, b: str) -> int:
    """How many letters ``a`` and ``b`` open with alike."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _edits(a: str, b: str) -> int:
    """Edits between two words: insertions, deletions, substitutions and swaps of neighbours (optimal string
    alignment)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[len(b)]


_WORD_RUN = re.compile(r"[^\W\d_]+")  # a run of letters, as spelling is mended


def _asked_on(word: str, text: str, loose: bool = True) -> bool:
    """Whether ``word`` opens the topic asked for, right after what asks for papers on it ("papers on watermarking
    LLM outputs", "which papers propose watermarking ...?"); not ``loose``, after "anything" or "stuff", which
    chatter says too ("weird stuff on rare VM shapes")."""
    # (where: "Is there a paper here on watermarking LLM output?"; a light verb: "Any paper on doing fuzzy
    # deduplication ...?")
    # (or a form's field: "topic: protein structure prediction ...")
    return bool(re.search(rf"{_asking_on(loose)}(?:the\s+)?{_LIGHT_VERB}{re.escape(word)}\b|"
                          rf"\bpapers?\s+(?:that\s+)?(?:propose|study|use|do)\s+{re.escape(word)}\b|"
                          rf"\btopics?\s*[:=]\s*(?:the\s+)?{re.escape(word)}\b", text, re.I))


def _asked_head(word: str, text: str) -> str:
    """The noun phrase of the topic asked papers on, when ``word`` ends it, the thing the words before it qualify
    ("Is there a paper on adapting streaming speech recognition to accents ...?": "adapting streaming speech
    recognition"); else ""."""
    m = re.search(rf"{_asking_on(loose=False)}((?:(?!(?:{_FUNCTION})\b)[\w-]+\s+){{1,3}}{re.escape(word)})"
                  rf"(?=\s+(?:{_FUNCTION})\b|\s*[?.!,;:]|\s*$)", text, re.I)
    return m.group(1) if m else ""


def _asking_on(loose: bool) -> str:
    """The words asking for papers on a topic, up to it ("papers on", "a paper here about", "research regarding");
    ``loose``: "anything on", "stuff about" too."""
    asking = "papers?|works?|research|studies" + ("|anything|stuff" if loose else "")
    return rf"\b(?:{asking})\s+{_HERE}(?:on|about|regarding)\s+"


_HERE = r"(?:(?:here|in here|in (?:the|this|your) collection)\s+)?"  # "a paper here on ..."
# "a paper on doing fuzzy deduplication", "work on making tokenization faster"
_LIGHT_VERB = r"(?:(?:doing|using|applying|performing|making|speeding up|accelerating|improving|optimi[sz]ing)\s+)?"


_VERB_FORM = re.compile(r"(?:ing|ed|ly)$")  # a word asked "work on" that is no noun: "work on sending each query"


def _asks_work_on(word: str, text: str) -> bool:
    """Whether a sentence of ``text`` opens asking for work on ``word``, a noun ("Is there any work on carbon-aware
    scheduling ...?"; not "work on sending ...", nor chatter's "weird stuff on rare VM shapes")."""
    return not _VERB_FORM.search(word) and bool(re.search(
        rf"(?:^|[.?!]\s+)\W*(?:(?:is|are) there (?:any )?|any |looking for )?(?:work|papers|research|studies)\s+"
        rf"(?:on|about|regarding)\s+(?:the\s+)?{re.escape(word)}\b", text, re.I))


_UNSPACED = re.compile(r"(?<![\w/.:@-])[A-Za-z]{16,}(?![\w/.@-])")  # a run of letters this long: words typed unspaced
_SHORT_WORDS = frozenset(w for w in ENGLISH_STOPWORDS | {"llm", "llms", "gpu", "gpus", "moe", "kv", "rag", "tpu", "cpu"}
                         if len(w) <= 3)
_ASKING_WORDS = frozenset("papers paper works work which what research studies articles".split())
# where a message's sentences (or a chatty clause and its question: "..., sorry if this is messy, but which ...")
# part
# (not after an initial or an abbreviation: "Joseph E. Gonzalez", "et al.", "vs.")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\b[A-Za-z]\.)(?<!\bal\.)(?<!\bvs\.)(?<!\bFig\.)(?<!\bDr\.)(?<!\bMr\.)"
                             r"(?<!\bMs\.)(?<!\bSt\.)(?<!\bProf\.)\s+(?=[A-Z¿¡\"'(]|"
                             # (a question typed in lower case opens a sentence too: "my cat is asleep. which ...")
                             r"(?:which|what|who|how|where|when|why|is there|are there|any|do|does|can|could|"
                             r"show|list|find|give|tell|ok|okay|anyway|btw)\b)|"
                             # (after a question mark, whatever follows: "...models? ok bye")
                             r"(?<=\?)\s+(?=\S)|"
                             r"(?i:,?\s+but\s+(?=(?:which|what|who|how|is there|are there|any|do|does|can|could|"
                             r"papers?|show|list|find|give|tell)\b))")
# the field's words as people shorten them in chat ("sparse attn long ctx", "power perf area"): read whole when the
# papers never write the short form itself
_SHORT_FORMS = {"attn": "attention", "ctx": "context", "perf": "performance", "mem": "memory", "seq": "sequence",
                "comm": "communication", "comms": "communication", "arch": "architecture", "impl": "implementation",
                "config": "configuration", "configs": "configurations", "params": "parameters", "param": "parameter",
                "infra": "infrastructure", "eval": "evaluation", "evals": "evaluations", "disagg": "disaggregation",
                "ckpt": "checkpoint", "ckpts": "checkpoints", "reqs": "requests", "cfgs": "configurations",
                "docs": "documents", "recsys": "recommendation"}
# what goes on saying a question after its "?": examples, or what it means in particular
_GOES_ON = re.compile(r"\s*(?:like|e\.g\.?|eg|esp\.?|especially|such as|for example|for instance|i\.e\.?|including|"
                      r"specifically|particularly|in particular|mainly|mostly)(?![\w-])", re.I)
# the share of a sentence's words the papers use, for it to be kept beside the question: chatter 0.17-0.33,
# "LLM decode is limited by memory bandwidth ..." 0.73 (t-robust-07's sentences)
_OUR_WORDS_SHARE = 0.5
_TRAILING_THINGS = 8  # the most words of the things listed after a question, read with it
_FEW_PAPERS_SHARE = 10  # ...each of which a word at most 1/this of the papers write says
_ITEMS = re.compile(r",|/|\bor\b|\band\b|\betc\b", re.I)
# ...a list of them, two words each at most: "fpgas, custom chips etc"
_THINGS = re.compile(r"\s*[\w-]+(?:\s+[\w-]+)?(?:\s*(?:,|/|\bor\b|\band\b)\s*[\w-]+(?:\s+[\w-]+)?)+"
                     r"(?:,?\s*(?:etc|and so on|\.\.\.|…))?\W*", re.I)
_ASKED_FROM = re.compile(r"\b(?:which|what|who|how|are there|is there|does any|do any|can you|could you|list|"
                         r"show me)\b", re.I)


def _json_question(text: str) -> str | None:
    """The question of a request pasted as a JSON object: the string under its "query" (or "question", "prompt",
    ...) key, at any depth; None if the text is no JSON object or holds none."""
    import json

    try:
        obj = json.loads(text)
    except ValueError:
        return None
    found: list[str] = []
    filters: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(inner, str) and str(key).lower() in ASKING_KEYS and inner.strip():
                    found.append(inner.strip())
                # ({"filters": {"author": "G. Edward Suh"}, "instruction": "list every paper with this author"}: the
                # filter said as a question says it)
                if isinstance(inner, str) and inner.strip() and str(key).lower() in _JSON_FILTERS:
                    filters.append(f"{_JSON_FILTERS[str(key).lower()]} {inner.strip()}")
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(obj)
    return " ".join([max(found, key=len)] + filters) if found else None


_JSON_FILTERS = {"author": "by", "authors": "by", "institution": "from", "affiliation": "from", "org": "from",
                 "organization": "from", "venue": "at", "conference": "at"}


# "what has Google got on squeezing more out of their TPUs?": what the papers do with TPUs, in a figure of speech
_MORE_OUT_OF = re.compile(r"\b(?:squeez|wring|extract|get)\w* (?:more|the most|every bit|the last drop)"
                          r"(?: (?:juice|mileage|value))? out of\b", re.I)
# "the 'LLM as optimizer' thing": a label in quotes, not a title (``unknown_names``)
_LABEL_AFTER = re.compile(r"[\s-]*(?:thing|things|stuff|idea|ideas|approach|approaches|trick|tricks|paradigm|style|"
                          r"pattern|setup|line of work|kind of|type of|family|crowd|school)\b", re.I)
# "Google (DeepMind counts)": what a name takes in, said aside
_TAKES_IN = re.compile(r"\s*\((?:incl(?:uding|\.)?\s+)?[\w&.' -]{2,40}?\s+(?:counts?|included|too|as well|also counts?|"
                       r"(?:is|are) fine|ok)\)", re.I)
# ("字节跳动（包括字节的 Seed 团队）": ByteDance, including its Seed team, had been the Seed team alone; after an
# organisation's name only: "training LLMs (incl RL post-training)" is the topic)
_INCLUDING = re.compile(r"\s*[(（](?:including|incl\.?|包括|包含|inkl\.?|incluindo|incluyendo|y también)\s*[^)）]{1,40}[)）]",
                        re.I)
# sizes said loosely, no kind of thing: "the giant model"
_LOOSE_SIZE = frozenset("giant giants gigantic enormous humongous ginormous beefy chonky jumbo mega monster monstrous "
                        "behemoth teeny tiny-ish itsy puny big bigger biggest huge huger hugest".split())
# a name as a name is written ("Medusa", "GPTQ", "vLLM"), and where a question makes it its subject: "In Medusa,",
# "how does GPTQ", "walk me through how GPTQ", "GPTQ's", "the Medusa paper"
_SUBJECT_NAME = re.compile(r"[A-Z][A-Za-z\d-]*|[a-z]+[A-Z][\w-]*")
_AS_SUBJECT = (r"(?:^|[.?!]\s+)in\s+{0}\s*,|\b(?:how|what)\s+(?:does|do|did|is|are|was|were|can)\s+{0}\b|"
               r"\bwalk\s+me\s+through\s+(?:how\s+)?{0}\b|(?<![\w-]){0}['’]s\b|"
               r"\bthe\s+{0}\s+(?:paper|method|approach)\b")
# a dash between clauses ("... when it's unsure - looking for papers on that")
_DASHED = re.compile(r"\s[-–—]+\s+")
# a message opening on the asker's own setting ("I'm applying to ...", "We run ...", "My advisor ...")
_OWN_SETTING = re.compile(r"^\W*(?:i|i'?m|i am|i'?ve|i'?d|we|we'?re|we are|we'?ve|my|our)\b", re.I)
_PLACE_PRONOUN = re.compile(r"\b(from|at|in) (?:there|that (?:university|school|lab|company|place|institution))\b",
                            re.I)
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|his|her)\b", re.I)
# "Looking for papers where AI generates kernels.", "I'd like work on X": a request, as a question is
_WANTS_PAPERS = re.compile(r"^\W*(?:(?:i'?m|i am|we'?re|we are)\s+)?(?:looking|searching)\s+for\s+(?:any\s+)?"
                           r"(?:papers|work|research|studies)\b|^\W*(?:i|we)\s*(?:want|need|'d like|would like)\s+"
                           # ("I'd like every paper on that idea")
                           r"(?:(?:every|all(?: the)?|any|some)\s+)?(?:papers?|work|research|studies)\b", re.I)
_CODE_QUESTION = re.compile(r"(\"\"\"|'''|[\"'])\s*(?P<q>(?:which|what|who|how|are there|is there|any|list|show|find)\b"
                            r"(?:(?!\1).)*?)\s*\1", re.I | re.S)
# ("... there's a paper that benchmarked n-gram, EAGLE and MTP inside vLLM ... which one is that?")
_REMEMBERED = re.compile(r"^\W*(?:(?:i|we) (?:(?:vaguely|think i|think we) )?(?:remember|recall|saw|read|heard of)\b"
                         r"[^.?!]{0,40}|there(?:'s|’s| is| was) (?:this |that )?(?:an? |one )?)"
                         r"\b(?:system|paper|work|method|tool|approach|framework|one)\b", re.I)
_REFERS_TO_TOPIC = re.compile(r"\b(?:this|that|these|those|such)(?: kind of| sort of| type of)? (?:[\w-]+ ){0,2}"
                              r"(?:tricks?|ideas?|approach(?:es)?|techniques?|methods?|setups?|problems?|things?|"
                              r"models?|systems?|designs?|steps?|stages?|situations?|scenarios?|issues?|"
                              r"bottlenecks?|challenges?|limitations?|constraints?|tasks?|jobs?)\b|"
                              # ("Which papers study or build this kind of phase splitting?")
                              r"\b(?:this|that|these|those) (?:kinds?|sorts?|types?) of\b|"
                              # ("I've got a mix of older and newer graphics cards ... papers about using such a mixed
                              # bunch together?": the bunch is the one the statement describes)
                              r"\bsuch an? (?!lot\b)[\w-]+|"
                              # ("... the big model just checks them. Which papers work on that?", "Which papers fix
                              # that unevenness?": what the statement before describes)
                              r"\b(?:on|about|into|do|does|doing|with)\s+(?:that|this|it|these|those)\s*[?.!]*\s*$|"
                              # ("... train a big language model across a mix like that?")
                              r"\b(?:a|an|one)\s+(?:[\w-]+\s+){1,4}like (?:that|this)\s*[?.!]*\s*$|"
                              # ("... only a few of them wake up for each word. How do people run those efficiently?")
                              r"\b(?:run|running|serve|serving|deploy|deploying|train|training|speed up|speeding up)"
                              r"\s+(?:those|these|them)\b|"
                              r"\b(?:fix|fixes|fixing|solve|solves|solving|handle|handles|handling|address|addresses|"
                              r"addressing|tackle|tackles|tackling|avoid|avoids|avoiding|deal with|deals with|"
                              r"dealing with)\s+(?:that|this|these|those)\s+[\w-]+", re.I)
_POINTS_BACK = re.compile(r"\b(?:this|these|those|such|that (?:kind|sort|type)|in that|(?:like|of) that)\b", re.I)
_REFERS_BACK = re.compile(r"\b(?:that|this|such an?|the same) (?:paper|work|system|study|article|one)\b", re.I)
_QUESTION_OPENING = re.compile(r"^\W*(?:which|what|who|whom|whose|where|when|why|how|is|are|was|were|do|does|did|can|"
                               r"could|has|have|any)\b", re.I)
_WORD = r"[\w][\w\-\.+]*[\w+]|[\w]"  # a word as ``named_papers`` reads it ("FlashAttention-4", "C++")


def _title_words(title: str) -> list[str]:
    """A title's words as ``named_papers`` reads a question's, lower-cased: "Stream2LLM: Overlap ..." ->
    ["stream2llm", "overlap", ...]."""
    return [w.lower() for w in re.findall(_WORD, title)]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes: 'a title', "a title", “a title”."""
    return [q.span() for q in re.finditer(r"(?<!\w)'[^']+'(?!\w)|\"[^\"]+\"|“[^”]+”", text)]


def _closed(phrase: str) -> str:
    """``phrase`` with a bracket it opens closed: "Snapdragon NPU (Hexagon" -> "Snapdragon NPU (Hexagon)"."""
    return phrase + ")" * max(phrase.count("(") - phrase.count(")"), 0)


def _capitalised_inside(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` capitalised past a sentence's start, as a product is named ("on Intel Gaudi
    accelerators"): however well the rest matches, the thing asked is that one."""
    m = _typed_at(word, text)
    # (an acronym is a name wherever it stands: "tokenization (BPE tokenizers)")
    return bool(m) and m.group(0)[0].isupper() and (
        len(m.group(0)) > 1 and m.group(0).isupper() or not re.search(r"(?:^|[.!?:]\s*|[\"'“(]\s*)$", text[:m.start()]))


def _typed_at(word: str, text: str) -> re.Match | None:
    """Where ``text`` writes ``word`` as a whole word, in any case (its first place), or None."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I)


def _written_as_name(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` as a name: with a capital inside it ("InfiniBand") or all in capitals."""
    m = _typed_at(word, text)
    return bool(m) and (bool(re.search(r"[a-z][A-Z]", m.group(0))) or len(m.group(0)) > 1 and m.group(0).isupper())


def _plural_acronym(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` as an acronym in the plural ("MCUs", "FPGAs")."""
    m = _typed_at(word, text)
    return bool(m) and bool(re.fullmatch(r"[A-Z]{2,}s", m.group(0)))


def _another_form(word: str, other: str) -> bool:
    """Whether two words differ only in their ending, as forms of one word do ("classifiers", "classifies";
    "fpgas", "fpga"), or as British and American spellings ("optimising", "optimizing"), not as a typo does
    ("inferance", "inference")."""
    if word.replace("s", "z") == other.replace("s", "z"):
        return True
    shared = len(os.path.commonprefix([word, other]))
    return shared >= min(len(word), len(other)) - 3 and (_stem(word) == _stem(other) or shared >= len(other) - 1
                                                         and shared >= len(word) - 1)


def _read_as(mends: dict[str, str]) -> str:
    """How typed words were read: "Read “papres” as “papers”, “Nvidea” as “NVIDIA”."."""
    return "Read " + ", ".join(f"“{typed}” as “{read}”" for typed, read in mends.items()) + "."


def _also(note: str, more: str) -> str:
    """A note on how the question was read, with one more sentence."""
    return f"{note} {more}" if note else more


def _name_key(name: str) -> str:
    """A name's lookup key: lower-case words and digits only, accents folded ("UC, Berkeley" -> "uc berkeley",
    "Christopher Ré" -> "christopher re")."""
    return " ".join(re.findall(r"[a-z0-9]+", fold_accents(name).lower()))


def _no_initials(key: str) -> str:
    """A normalized name without its middle initials ("joseph e gonzalez" -> "joseph gonzalez"); the name
    itself when that would leave fewer than two words."""
    words = key.split()
    kept = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]] if len(words) > 2 else words
    return " ".join(kept)


def _overridden(given: Filters, read: Filters) -> list[tuple[str, list[str], list[str]]]:
    """The filters a question names that an option given replaces: (option, its values, the question's)."""
    out = []
    for field, option in (("venues", "venue"), ("institutions", "institution"), ("authors", "author"),
                          ("years", "year")):
        mine, theirs = getattr(given, field), getattr(read, field)
        if mine and theirs and set(map(str, mine)) != set(map(str, theirs)):
            out.append((option, [str(v) for v in mine], [str(v) for v in theirs]))
    return out


def _merge(given: Filters, read: Filters) -> Filters:
    return Filters(
        venues=given.venues or read.venues,
        institutions=given.institutions or read.institutions,
        authors=given.authors or read.authors,
        years=given.years or read.years,
        single_author=given.single_author or read.single_author,
        single_institution=given.single_institution or read.single_institution,
        sector=given.sector or read.sector,
        author_count=given.author_count or read.author_count,
        institution_count=given.institution_count or read.institution_count,
        published=given.published or read.published,
        every_author=read.every_author if not given.authors else given.every_author,
        every_institution=read.every_institution if not given.institutions else given.every_institution,
        institution_groups=read.institution_groups if not given.institutions else given.institution_groups,
        author_groups=read.author_groups if not given.authors else given.author_groups,
        not_venues=given.not_venues or read.not_venues,
        not_institutions=given.not_institutions or read.not_institutions,
        not_authors=given.not_authors or read.not_authors,
        countries=given.countries or read.countries,
        country_side=given.country_side if given.countries else read.country_side,
    )
