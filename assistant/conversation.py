"""Follow-up questions in a chat: "the second one", "which of those are from Microsoft?".

A ``Conversation`` remembers which papers the previous answers cited and turns a follow-up into an
ordinary question plus ``within=[paper ids]`` for ``Assistant.ask``; retrieval and answering stay in the
API. Resolution is plain pattern matching on the question, so it is predictable and needs no model.
"""
from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass, field
from typing import Iterator

from .errors import QuestionError
from .query import ALL_PAPERS, EFFECT_WORDS, GREETING, STOPWORDS, content_words
from .schema import Answer

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1,
}
_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|\d{1,2}(?:st|nd|rd|th))"
_NOUN = r"(?:ones?|papers?|results?|items?|entr(?:y|ies)|citations?|sources?|works?|articles?|systems?|studies|study)"
_SET = r"(?:those|these|them|the list|the answer|your answer|the results?|the papers)"
# "the second one", "the 2nd paper", "the first and third ones", "the last one of those".
_ORDINAL_REF = re.compile(
    rf"\bthe\s+(?P<ords>{_ORD}(?:\s*(?:,|and|or|&|vs\.?)\s*(?:the\s+)?{_ORD})*)"
    rf"(?P<noun>\s+{_NOUN})?(?:\s+(?:of|in|from|among)\s+{_SET})?\b", re.I)
# A bare "the first" is a reference only when nothing that could be its noun follows ("the first token" is not).
_BARE_OK = re.compile(
    r"\s*(?:$|[?.!,;:)]|(?:do|does|did|is|was|say|says|about|propose|proposes|present|presents|use|uses|"
    r"claim|claims|report|reports|achieve|achieves|improve|improves|reduce|reduces|mean|means|measure|"
    r"measures|and|or|vs|versus|with|compare|focus|focuses|address|addresses|solve|solves|target|targets)\b)", re.I)
# "the first two", "the top three ones", "the last 2 papers": that many papers from the start (or the end)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
_FIRST_N_REF = re.compile(rf"\bthe\s+(?P<which>first|top|last)\s+(?P<n>two|three|four|five|[2-9])(?:\s+{_NOUN})?\b",
                          re.I)
# "#3", "paper 3", "result no. 2", "[2]".
_NUMBER_REF = re.compile(r"(?<![\w#])#\s?(?P<n1>\d{1,2})\b|\b(?:paper|result|item|entry|source|citation|number|no\.)"
                         r"\s*#?\s*(?P<n2>\d{1,2})\b|\[(?P<n3>\d{1,2})\]", re.I)
# "of those", "among them", "these papers", "the same ones", a bare "those"/"them": the previous answer's papers.
_SET_REF = re.compile(
    rf"\b(?:of|among|from|in)\s+(?:all\s+)?(?:those|these|them)(?:\s+{_NOUN})?\b"
    rf"|\b(?:those|these)\s+{_NOUN}\b|\bthe\s+(?:same\s+)?ones\b|\b(?:those|these|them|they)\b", re.I)
# ...which a bare "they" after the papers a question asks for is not: "do any papers use FPGAs, and what speedups do
# they report?"
_ANTECEDENT = re.compile(r"(?:\b(?:which|what|do\s+any|does\s+any|did\s+any|are\s+there(?:\s+any)?|any)\s+(?!of\b)"
                         r"(?:[\w-]+\s+){0,2}?|^\W*(?:(?:list|show|find|give\s+me)\s+)?(?:all\s+)?(?:the\s+)?)"
                         r"(?:papers|works|studies)\b", re.I)
# a plural noun of the question itself, which a later "them" may stand for ("proposes words ... checks them")
_OWN_PLURAL = re.compile(r"\b(?!(?:papers|works|studies|ones|results|answers|those|these|this|its|was|has|is|as|us|"
                         r"does|yes|always|sometimes|less|across|thus|various|previous)\b)[a-z]{3,}[^s\W]s\b", re.I)
_COMPARED_MOST = 4  # papers "compare them" sets side by side after a list
# References that cannot be anything else: "the second one", "the last ones", "#3".
_UNAMBIGUOUS_REF = re.compile(rf"\bthe\s+{_ORD}\s+ones?\b|(?<![\w#])#\s?\d{{1,2}}\b", re.I)
# "compare the first two", "what do the last three do?": the start or end of a list, and nothing else to search
_FIRST_N_ONLY = re.compile(rf"\bthe\s+(?:first|last)\s+(?:two|three|four|five|[2-9])(?:\s+{_NOUN})?\s*"
                           rf"(?:(?:do|does|say|propose|present)\b\s*)?[?.!]*\s*$", re.I)
NO_PREVIOUS_ANSWER = ("There is no previous answer to refer to yet: ask a question first, then follow up with e.g. "
                      "'what does the second one do?' (in a chat: the app, or `ask` with no question).")
# (in a chat, the app's or the terminal's, where to chat is no news)
NO_PREVIOUS_IN_CHAT = ("There is no previous answer in this chat yet: ask a question first, e.g. 'which papers reduce "
                       "TTFT?', then follow up with 'what does the second one do?'.")


# "tell me more", "more details please", "go on", "tell me more about it": more of the one paper just answered
_TELL_MORE = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|so|great|thanks|nice)\W+)*(?:(?:can|could|would) you\s+)?"
                        r"(?:please\s+)?"
                        r"(?:(?:tell|show|give)\s+me\s+more|more\s+(?:details?|info(?:rmation)?)|go\s+on|continue|"
                        r"elaborate|expand(?:\s+on\s+(?:it|this|that))?|say\s+more|details?)"
                        r"(?:\s+(?:about|on)\s+(?:it|this|that)(?:\s+(?:one|paper|work))?)?\W*(?:please)?\W*$", re.I)


_CORRECTION = re.compile(r"^\W*(?:(?:sorry|oops|no|nope|actually|wait|ah|oh)\W+)*(?:i\s+meant|i\s+mean|i\s+was\s+"
                         r"asking\s+about|what\s+i\s+meant\s+was)\s+", re.I)


_REFERENCE_WORDS = ("which", "what", "them", "they", "those", "these", "their", "does", "first", "second", "third",
                    "fourth", "fifth", "last", "one", "ones", "compare", "papers")


def _mend_references(text: str) -> str:
    """``text`` with each word one typo away from a word that points at an earlier answer spelt as that word."""
    from .lexical import dictionary_words  # (loaded on first use, about 0.2 s)
    from .retrieve import _edits  # (loaded by then: a follow-up comes after an answer)

    def mend(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) < 3 or low in _REFERENCE_WORDS or low in STOPWORDS or low in dictionary_words():
            return word  # ("theme" is a word, not "them")
        near = [w for w in _REFERENCE_WORDS if _edits(low, w) == 1]
        return near[0] if len(near) == 1 else word
    return re.sub(r"[A-Za-z]+", mend, text)


# the words of Spanish, French, German, Italian and Portuguese that point at an earlier answer, in English, so that
# "¿cuáles de ellos son de Columbia?", "wer hat das zweite geschrieben?", "¿y de Berkeley?" are follow-ups (they had
# been refused or searched on their own)
_ORDINAL_WORDS = {"first": ("primero", "primera", "premier", "première", "premiere", "erste", "ersten", "primo",
                            "prima", "primeiro", "primeira"),
                  "second": ("segundo", "segunda", "deuxième", "deuxieme", "second", "seconde", "zweite", "zweiten",
                             "secondo", "seconda"),
                  "third": ("tercero", "tercera", "troisième", "troisieme", "dritte", "dritten", "terzo", "terza",
                            "terceiro", "terceira"),
                  "last": ("último", "última", "ultimo", "ultima", "dernier", "dernière", "derniere", "letzte",
                           "letzten")}
_FOREIGN_REFERENCES = [
    (re.compile(r"\b(?:el|la|le|l'|das|der|die|den|il|lo|o|a)\s*(" + "|".join(
        w for words in _ORDINAL_WORDS.values() for w in words) + r")\b", re.I),
     lambda m: f"the {next(k for k, v in _ORDINAL_WORDS.items() if m.group(1).lower() in v)} one"),
    (re.compile(r"\b(?:de\s+(?:ellos|ellas|estos|estas|esos|esas)|d'entre\s+(?:eux|elles)|parmi\s+(?:eux|elles|"
                r"ceux-ci)|davon|von\s+(?:ihnen|diesen)|di\s+(?:loro|questi|queste)|tra\s+(?:loro|questi)|"
                r"de(?:les|las|sses|stes)|entre\s+(?:eles|elas))\b", re.I), lambda m: "of them"),
    (re.compile(r"^\W*(?:cu[aá]les|lesquels|lesquelles|welche|quali|quais)\b", re.I), lambda m: "which"),
    (re.compile(r"^\W*(?:y|und|et|e)\s+(?:de|del|von|vom|di|da|do)\s+", re.I), lambda m: "and from "),
]


def _english_references(text: str) -> str:
    for pattern, english in _FOREIGN_REFERENCES:
        text = pattern.sub(english, text)
    return text


def asks_more(text: str) -> bool:
    """Whether ``text`` asks for more of the last answer and nothing else ("tell me more", "go on")."""
    return bool(_TELL_MORE.match(text))


# a ranking by paper count, and its rows: "Institutions with the most papers (...):", "2. **Meta**: 13 papers"
_RANKING_HEAD = re.compile(r"(Institutions|Companies|Universities|Authors|Venues) with the most papers\b")
_RANKED_ROW = re.compile(r"^\d+\. \*\*(.+?)\*\*: \d+ papers?\b", re.M)


# "all of them", "show all", "list all 26", "yes, every one please": the previous list question, all its papers
# (not "list all papers", "all papers", "show all 173 papers": the collection, asked of itself)
_ALL_OF_THEM = re.compile(r"^\W*(?:(?:ok(?:ay)?|yes|please|so|and|then|now)\W+)*(?:(?:(?:show|list|give|tell|see)"
                          r"(?:\s+me)?\s+|ask\s+for\s+)?(?:all|every\s*one|everything)(?:\s+of\s+(?:them|those|these|"
                          r"the\s+papers))?(?:\s+\d+)?(?:\s+(?:of\s+them|ones))?"
                          # "the full list", "list them all", "more", "and the rest?" (had listed sparse attention
                          # papers for "full", or been refused)
                          r"|(?:(?:show|give|see|send)(?:\s+me)?\s+)?(?:the\s+)?(?:full|complete|whole|entire)\s+list"
                          r"|(?:list|show|give)(?:\s+me)?\s+them\s+all|(?:(?:show|give)(?:\s+me)?\s+)?more"
                          r"|(?:(?:show|give|list)(?:\s+me)?\s+)?the\s+(?:rest|others|other\s+ones)(?:\s+of\s+them)?)"
                          r"(?:\s+please)?\W*$", re.I)


# "how many are there?", "how many of them?", "and how many in total?" after a list: its question again, every
# paper of it, whose head says how many (it had been searched as a topic, "there", and refused)
_HOW_MANY_OF_THEM = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|then|now|but)\W+)*how\s+many(?:\s+(?:ones|are|is|"
                               r"were|there|of|them|those|these|in|total|all|altogether|that|they|qualify))*\W*$", re.I)


def _asks_every(text: str) -> bool:
    """"all of them", "more", "how many are there?": the last list question again, every paper of it."""
    return bool(_ALL_OF_THEM.match(text) or _HOW_MANY_OF_THEM.match(text))


def refers_back(text: str) -> bool:
    """The question points at an earlier answer's papers ("what does the second one do?", "#3", "compare the
    first two"), which a question asked on its own has none of."""
    text = text or ""
    if _UNAMBIGUOUS_REF.search(text) or _FIRST_N_ONLY.search(text) or _asks_every(text) or _more_like(text):
        return True
    if GREETING.match(text):  # "how does it work?" first: a question about the assistant, answered with its help
        return False
    # "who wrote it?", "what does this paper do?": a short question of nothing but a paper's particulars
    return bool((_THAT_REF.search(text) or _IT_REF.search(text)) and _only_particulars(text))


def _more_like(text: str) -> re.Match | None:
    """A short request for papers like the previous answer's ("any similar papers?", "more like this"), naming
    nothing else they should be like: the words asking it, else None."""
    m = _MORE_LIKE.search(text)
    if not m or _LIKE_NAMED.search(text) or len(text.split()) > _IT_MAX_WORDS or _COMPARE.search(text):
        return None
    # ("related work on KV cache eviction?", "similar systems for MoE inference?": a topic of its own; not a name,
    # a year or a filter word: "similar papers from Google?", "anything similar in 2026?", "similar work with code?")
    rest = text[:m.start()] + " " + text[m.end():]
    topical = [w for w in content_words(rest) if w not in STOPWORDS and w not in _LIKE_FILLER
               and not w[:1].isdigit() and not _typed(rest, w)[:1].isupper()]
    return None if topical else m


def _typed(text: str, word: str) -> str:
    """``word`` as ``text`` writes it (its case), or ""."""
    m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I)
    return m.group(0) if m else ""


def _only_particulars(text: str) -> bool:
    """A short question asking only what a paper is or has ("who wrote it?", "what are its results?"), no list and
    no topic of its own ("is it possible to run LLMs on phones?" has one)."""
    return (len(text.split()) <= _IT_MAX_WORDS and not _ASKS_LIST.search(text)
            and all(_PAPER_ASPECT.match(w) or EFFECT_WORDS.match(w) for w in content_words(text)))


# "that paper", "this one": the single paper the previous answer was about.
_THAT_REF = re.compile(r"\b(?:that|this)\s+(?:one|paper|system|work|method|approach|study|article)\b", re.I)
# "who wrote it?", "what are its results?": the same paper, in a short question that asks for no list
_IT_REF = re.compile(r"\b(?:it|its)\b", re.I)
_IT_MAX_WORDS = 8
# "what GPUs did they use?", "what are their results?" after one paper's answer: its authors, so the paper
_THEY_REF = re.compile(r"\b(?:they|their)\b", re.I)
# what a short question may ask of "it" besides its effects ("how much faster is it?"): a paper's particulars
_PAPER_ASPECT = re.compile(r"(results?|code|releas\w*|open|source|authors?|wr[io]te|written|speedups?|numbers?|fast|"
                           r"contributions?|problems?|methods?|approach|idea|goal|summary|gpus?|hardware|baselines?|"
                           r"datasets?|evaluat\w*|benchmarks?|venue|published|institutions?|limitations?|works?|"
                           r"about|mean|means|say|says|propose|proposes)$", re.I)
_ASKS_LIST = re.compile(r"\b(?:papers|works|articles|studies|which|list|any)\b", re.I)
# ...though "which company is it from?", "which GPUs does it use?" ask a particular of the paper (the first had been
# searched on its own, and answered with a Google paper)
_WHICH_OF_IT = re.compile(r"^\W*(?:which|what)\s+(?:company|companies|institutions?|universit(?:y|ies)|labs?|"
                          r"organi[sz]ations?|venue|conference|year|gpus?|hardware|models?|datasets?|benchmarks?|"
                          r"baselines?|frameworks?|language)\b(?!\s+(?:papers?|works?)\b)", re.I)
# "where are the authors from?", "who are the authors?": of the one paper just answered
_THE_AUTHORS = re.compile(r"\bthe\s+(?:authors?|team|researchers)\b", re.I)

# "which ones have code?": a question about the previous answer's papers, asked of them
# ...and "which one is from Amazon?", "any from Amazon?" (both had listed all of Amazon's papers)
_WHICH_ONES = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|then|now|also)\W+)*(which|what)\s+ones?\b"
                         r"|^\W*(?:(?:and|so|ok(?:ay)?|then|now|also)\W+)*(any)(?:\s+ones?|\s+papers?)?"
                         r"(?=\s+(?:from|by|at|in|with|using|use)\b)", re.I)
# "compare them", "how do the two differ?" after two answers about one paper each: those two papers
_COMPARE = re.compile(r"\b(compar\w*|differ\w*|vs\.?|versus|better|faster|contrast)\b", re.I)
# "which is faster?", "which one is better?": asks nothing else, so it is asked of the last answer's papers
_WHICH_IS = re.compile(r"^\W*which(?:\s+one)?\s+(?:is|was|has|gets|does|did|uses?|needs?)\s+(?:the\s+)?"
                       r"(?:more|less|fewer|most|least|\w+er|\w+est)\b", re.I)
_WHICH_IS_MAX_WORDS = 6
_PAIR_REF = re.compile(r"\b(?:them|they|those|these|both(?: of them)?|the two(?: papers| systems| methods)?)\b",
                       re.I)

# "any similar papers?", "more like this", "related work?" after an answer about one paper: papers like it
_MORE_LIKE = re.compile(r"\b(?:similar|related|comparable)\s+(?:papers?|ones?|works?|systems?|approach\w*)\b|"
                        r"\b(?:anything|any\w*|others?|more|papers?|works?)\s+(?:similar|related|like\s+(?:it|this|"
                        r"that)(?:\s+one)?)\b|^\W*(?:similar|related)(?:\s+ones)?\W*$", re.I)
# ...unless it names what they are like: "papers similar to InnerQ", "any papers related to speculative decoding?"
_LIKE_NAMED = re.compile(r"\b(?:similar|related|comparable|close)\s+(?:to|with)\s+(?!(?:it|this|that|these|those|"
                         r"them)\b)|\blike\s+(?!(?:it|this|that|these|those|them)\b)\w", re.I)
# "papers similar to the first one": a reference that says what the papers searched for are like
_LIKE_BEFORE = re.compile(r"\b(?:(?:similar|related|comparable|close)\s+(?:to|with)|like)\s+(?:the\s+)?$", re.I)
_LIKE_FILLER = {"similar", "related", "comparable", "papers", "paper", "work", "works", "ones", "systems", "approaches",
                "more", "others", "show", "please", "find", "list", "give", "see", "other", "recent", "recently",
                "newer", "older", "code", "techniques", "methods", "ideas", "academia", "industry", "companies",
                "universities", "academic", "published"}
_SIMILAR_SEEDS = 3  # "any similar papers?" after a comparison: like all of its papers; after a longer list: say which

# "and from Meta?", "what about in 2026?", "only the arXiv ones" after a list: the same question, narrowed
_NARROWS = re.compile(r"^\W*(?:(?:and|but|ok(?:ay)?|so|now)\W+)*(?:what|how)\s+about\b|"
                      r"^\W*(?:(?:and|but|ok(?:ay)?|so|now)\W+)*(?:only|just|and)\b", re.I)
_NARROW_OPENING = re.compile(r"(?:from|by|in|at|of|after|before|since|during|with|without|not|those|these|the|only|"
                             r"published|papers|ones)\b", re.I)
# a list answer, of one paper too ("1 paper: ..."), under a note or not
_LIST_HEAD = re.compile(r"(?m)^(?:\d+|The \d+ best of \d+) papers?\b")
_NARROW_FILLER = {"ones", "one", "only", "just", "please", "show", "list", "those", "these", "them"}

_MAX_REMEMBERED = 50  # a chat's memory of cited papers stays small whatever the answers cite


def _it_named(text: str, name: str) -> str:
    """``text`` with "it" as ``name`` and "its" as ``name``'s: "who wrote it?" -> "who wrote Kitty?"."""
    return _IT_REF.sub(lambda m: f"{name}'s" if m.group(0).lower() == "its" else name, text)


def refs_named(text: str, names: list[str]) -> str:
    """A follow-up about papers given by name (the API's ``within``), read as the chat reads one: "it" of one
    paper, "them" of two in a comparison ("compare them" -> "compare Kitty and InnerQ")."""
    if len(names) == 1 and _IT_REF.search(text):
        return _it_named(text, names[0])
    if len(names) == 2 and _COMPARE.search(text) and _PAIR_REF.search(text):
        return _PAIR_REF.sub(" and ".join(names), text, count=1)
    return text


@dataclass
class Followup:
    """How a question was read: the text to search for and the papers it is restricted to."""

    question: str  # the rewritten question (unchanged for a fresh question)
    within: list[str] | None = None  # paper ids the answer must come from; None = the whole collection
    kind: str = "fresh"  # "fresh" | "ordinal" (named papers of the last answer) | "set" (all of them)
    referenced: list[str] = field(default_factory=list)  # the paper ids the question pointed at
    k: int | None = None  # how many papers to cite, when the follow-up asks for more ("all of them")
    narrowed: bool = False  # the last list question again, with a filter ("and from Meta?"); not a new base


def short_name(title: str) -> str:
    """The name a paper goes by: the system name before ':' when there is a short one, else the title."""
    head, sep, _ = title.partition(":")
    head = head.strip()
    if sep and head and len(head.split()) <= 4 and len(head) <= 40:
        return head
    return title.strip()


def _ordinal_index(word: str) -> int:
    word = word.lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    return int(re.match(r"\d+", word).group(0))


def _tidy(text: str) -> str:
    """Collapse the gaps left by removed phrases (no space before punctuation, none doubled)."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([?.!,;:])", r"\1", text)
    return text.strip(" ,;")


class Conversation:
    """One chat session: answers questions and resolves follow-ups against the previous answers."""

    def __init__(self, assistant) -> None:
        self.assistant = assistant
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget the previous answers: the next question starts a fresh chat."""
        self._list: list[tuple[str, str]] = []  # (paper id, title) of the last answer that was not a drill-down
        self._last: list[tuple[str, str]] = []  # (paper id, title) cited by the very last answer
        self._singles: list[tuple[str, str]] = []  # the papers of the latest answers that cited one paper each
        self.last_answer: Answer | None = None
        self._last_question: tuple[str, list[str] | None] | None = None  # the last list question, and its papers
        self.turns = 0

    def __deepcopy__(self, memo) -> "Conversation":
        # gr.State deep-copies its value per session: copy the chat memory, share the (thread-safe) Assistant.
        new = Conversation.__new__(Conversation)
        new.assistant = self.assistant
        new._lock = threading.Lock()
        new._list = list(self._list)
        new._last = list(self._last)
        new._singles = list(self._singles)
        new.last_answer = copy.deepcopy(self.last_answer, memo)
        new._last_question = copy.deepcopy(self._last_question, memo)
        new.turns = self.turns
        return new

    @property
    def cited_ids(self) -> list[str]:
        """Paper ids that follow-ups such as "those" or "the second one" refer to."""
        return [pid for pid, _ in self._list]

    # ------------------------------------------------------------------ resolving
    def resolve(self, question: str) -> Followup:
        """Read ``question`` against the previous answers: which papers it points at, and what to search for."""
        text = question or ""
        # "sorry, I meant sparse attention": a new question, the last one's words dropped (it had been refused, and
        # "I meant ..." read "meant" as a topic word)
        text = _CORRECTION.sub("", text, count=1) or text
        # "whcih of thme are from KAIST?", "wat does the secnd one do?": a misspelt reference word, mended when it
        # makes the question a follow-up (it had been searched as typed, and answered with unrelated papers)
        if self._list and not (refers_back(text) or self._set_ref(text) or _WHICH_ONES.match(text)):
            mended = _mend_references(_english_references(text))
            if mended != text and (refers_back(mended) or self._set_ref(mended) or _WHICH_ONES.match(mended)
                                   or self._last_question and self._narrowing(mended)):
                text = mended
        papers = self._list
        if _asks_every(text) and self._last_question:
            # "all of them", as a list cut at its best 10 says to ask: the same question, every paper of it
            asked, within = self._last_question
            return Followup(asked, within, "fresh" if within is None else "set", k=ALL_PAPERS)
        if self._last_question and (said := self._narrowing(text)):
            # "and from Meta?" after "papers on quantization": Meta's papers on it (all 13 Meta papers had been
            # listed; "what about in 2026?" had listed the whole collection)
            asked, within = self._last_question
            return Followup(self._narrowed(asked, said), within, "fresh" if within is None else "set", narrowed=True)
        if not papers:
            if refers_back(text) or asks_more(text):  # better said plainly than answered with a refusal
                raise QuestionError(NO_PREVIOUS_IN_CHAT)
            return Followup(text)
        refs: list[tuple[int, int, list[int]]] = []  # (start, end, 1-based positions, -1 = last)
        for m in _ORDINAL_REF.finditer(text):
            if not m.group("noun") and m.end() == m.end("ords") and not _BARE_OK.match(text, m.end()):
                continue  # "the first token", "the last layer": ordinary words, not a reference
            ords = re.findall(_ORD, m.group("ords"), re.I)
            refs.append((m.start(), m.end(), [_ordinal_index(w) for w in ords]))
        for m in _FIRST_N_REF.finditer(text):  # "compare the first two", "the top three": the first n
            n = _COUNTS.get(m.group("n").lower()) or int(m.group("n"))
            last = m.group("which").lower() == "last"
            # (more than the list holds: the first number past its end, which _ordinal says is not in it)
            refs.append((m.start(), m.end(), [len(papers) - n + 1 + i if last else i + 1 for i in range(n)]
                         if not last or n <= len(papers) else [n]))
        for m in _NUMBER_REF.finditer(text):
            if any(s <= m.start() < e for s, e, _ in refs):
                continue
            refs.append((m.start(), m.end(), [int(m.group("n1") or m.group("n2") or m.group("n3"))]))
        if refs:
            ranked = self._ranked_rows()
            positions = [i for _, _, found in refs for i in found]
            if ranked and len(positions) == 1 and 1 <= positions[0] <= len(ranked[1]):
                # "tell me more about the second one" after "which institutions published the most papers?": the
                # second institution's papers (it had been the second paper cited, RagInfer, not Meta)
                cue, names = ranked
                return Followup(f"papers {cue} {names[positions[0] - 1]}", None, "fresh")
            return self._ordinal(text, sorted(refs), papers)
        if m := _more_like(text):
            # (by their ids: a title without a short name is still found)
            seeds = [pid for pid, _ in self._last or self._list]
            if len(seeds) > _SIMILAR_SEEDS:  # like which of ten? (a mix of all of them is like none)
                raise QuestionError(f"“Similar” could mean like any of the {len(seeds)} papers of the last answer: "
                                    "say which, e.g. “papers similar to the first one”.")
            # ("anything similar in 2026?", "similar papers from Google?": like them, and the filter too)
            also = re.sub(r"^(?:(?:to|with)\s+(?:it|this|that|these|those|them)(?:\s+ones?)?|papers?|works?)\b", "",
                          _tidy(text[m.end():]), flags=re.I).strip(" ?.!")
            return Followup(_tidy(f"papers similar to {' and '.join(seeds)} {also}"), None, "fresh", seeds)
        if asks_more(text):
            if len(self._last) == 1:
                # "tell me more" after one paper's answer: its whole abstract, not the same three sentences again (a
                # bare "tell me more" had been searched as a question of its own and refused)
                pid, title = self._last[0]
                return Followup(f"the abstract of {short_name(title)}", [pid], "ordinal", [pid])
            if not self._last:
                raise QuestionError(NO_PREVIOUS_IN_CHAT)
            # ...of a list, of which paper? (it had been refused)
            raise QuestionError(f"“{_tidy(text).strip(' ?.!')}” could be about any of the {len(self._last)} papers of "
                                "the last answer: say which, e.g. “tell me more about the first one”.")
        if len(self._last) == 1 and _THAT_REF.search(text):
            pid, title = self._last[0]
            rewritten = _tidy(_THAT_REF.sub(short_name(title), text, count=1))
            return Followup(rewritten, [pid], "ordinal", [pid])
        if len(self._last) == 1 and _THE_AUTHORS.search(text) and len(text.split()) <= _IT_MAX_WORDS \
                and not _ASKS_LIST.search(text):
            # "where are the authors from?" after one paper's answer: its authors (it had been refused)
            pid, title = self._last[0]
            rewritten = _tidy(_THE_AUTHORS.sub(lambda m: f"{m.group(0)} of {short_name(title)}", text, count=1))
            return Followup(rewritten, [pid], "ordinal", [pid])
        if (len(self._last) == 1 and len(text.split()) <= _IT_MAX_WORDS
                and (_IT_REF.search(text) or _THEY_REF.search(text) and _only_particulars(text))
                and (not _ASKS_LIST.search(text) or _WHICH_OF_IT.search(text))):
            # (...and "what GPUs did they use?" of its authors: it had been searched in the paper for "GPUs")
            pid, title = self._last[0]
            name = short_name(title)
            rewritten = _tidy(_it_named(text, name) if _IT_REF.search(text) else _THEY_REF.sub(
                lambda m: f"{name}'s" if m.group(0).lower() == "their" else name, text))
            if _COMPARE.search(text):  # "how does it compare to InnerQ?": the other paper is searched for too
                return Followup(rewritten, None, "ordinal", [pid])
            return Followup(rewritten, [pid], "ordinal", [pid])
        pointer = _THAT_REF.search(text) or _IT_REF.search(text)
        if len(self._last) > 1 and pointer and _only_particulars(text):
            # "who wrote it?" after a list: any of its papers; said, not searched for as a question of its own
            one = "the first one's" if pointer.group(0).lower() == "its" else "the first one"
            example = _tidy(text[:pointer.start()] + one + text[pointer.end():])
            raise QuestionError(f"“{pointer.group(0)}” could be any of the {len(self._last)} papers of the last "
                                f"answer: say which, e.g. “{example}”.")
        if len(self._list) <= 1 and len(self._singles) >= 2 and _COMPARE.search(text) and _PAIR_REF.search(text):
            # "what is Kitty?", "and InnerQ?", "compare them": the two papers just asked about, one at a time
            pair = self._singles[-2:]
            names = " and ".join(short_name(title) for _, title in pair)
            ids = [pid for pid, _ in pair]
            return Followup(_tidy(_PAIR_REF.sub(names, text, count=1)), ids, "ordinal", ids)
        if len(self._last) >= 2 and _WHICH_IS.match(text) and len(text.split()) <= _WHICH_IS_MAX_WORDS:
            # "compare Kitty and InnerQ", then "which is faster?": of the papers just compared, named, so that it
            # is their comparison ("which is faster, Kitty or InnerQ?"), not a topic none of them writes
            ids = [pid for pid, _ in self._last]
            if len(ids) == 2:
                names = " or ".join(short_name(title) for _, title in self._last)
                return Followup(f"{text.strip().rstrip('?.!').strip()}, {names}?", ids, "set", ids)
            return Followup(text, ids, "set", ids)
        if _WHICH_ONES.match(text):  # "which ones have code?": which of the previous answer's papers
            ids = [pid for pid, _ in papers]
            return Followup(_WHICH_ONES.sub(lambda m: f"{m.group(1) or 'which'} papers", text, count=1), ids, "set",
                            ids)
        if self._set_ref(text):
            rewritten = _tidy(_SET_REF.sub(" ", text))
            if not re.search(r"\w", rewritten):
                rewritten = text  # nothing but the reference ("those?"): keep the words the user typed
            # ("which of them has the most authors?": which paper, not "which has the most authors?", a ranking of
            # authors by their papers)
            rewritten = re.sub(r"^(\W*which)(?=\s+(?:has|is|was|uses)\b)", r"\1 paper", rewritten, count=1,
                               flags=re.I)
            ids = [pid for pid, _ in papers]
            pair = _PAIR_REF.search(text) if _COMPARE.search(text) else None
            if pair and len(ids) >= 2:
                # "compare them" after a list: side by side if a few ("compare" alone had been an error)
                if len(ids) > _COMPARED_MOST:
                    raise QuestionError(f"“{pair.group(0)}” are the {len(ids)} papers of the last answer: say "
                                        "which to compare, e.g. “compare the first two”.")
                names = [short_name(title) for _, title in papers]
                said = ", ".join(names[:-1]) + " and " + names[-1]
                return Followup(_tidy(_PAIR_REF.sub(said, text, count=1)), ids, "ordinal", ids)
            return Followup(rewritten, ids, "set", ids)
        return Followup(text)

    def _narrowing(self, text: str) -> str:
        """What a short follow-up opening with "and", "what about" or "only" says to narrow the last list question
        to ("from Meta", "in 2026", "the arXiv ones"), when it says nothing else; else ""."""
        m = _NARROWS.match(text)
        searcher = getattr(self.assistant, "_searcher", None)
        if not m or searcher is None or len(text.split()) > _IT_MAX_WORDS:
            return ""
        tail = text[m.end():].strip(" ?.!")
        # ("what about Google?": a bare name after it is where the papers are from; "and from Nvidea?": NVIDIA)
        said = searcher().mend_names(tail if _NARROW_OPENING.match(tail) else f"from {tail}")[0]
        read, rest, _ = searcher().read_filters(said)
        if read and not [w for w in content_words(rest) if w not in STOPWORDS and w not in _NARROW_FILLER]:
            return said
        return ""

    def _narrowed(self, asked: str, said: str) -> str:
        """The last list question narrowed by ``said``; a filter of the same kind it had goes ("papers from Meta",
        then "what about Google?": Google's papers, not those of both)."""
        search = self.assistant._searcher()
        before, rest, _ = search.read_filters(asked)
        new, _, _ = search.read_filters(said)
        # (where the papers are from is one kind, named or as a side: "not from industry", then "what about Google?")
        kinds = (("institutions", "sector"), ("authors",), ("venues",), ("years", "published"))
        if any(any(getattr(before, k, None) for k in kind) and any(getattr(new, k, None) for k in kind)
               for kind in kinds):
            asked = rest  # (the question without its filters: "papers from Meta" -> "papers")
        return _tidy(f"{asked.rstrip(' ?.!')} {said}")

    @staticmethod
    def _set_ref(text: str) -> bool:
        """Whether ``text`` points at the previous answer's papers: not with a bare "they" whose papers the question
        names before it ("which papers work on KV cache compression and what do they propose?" had been asked of
        the previous answer's MoE papers)."""
        for m in _SET_REF.finditer(text):
            bare = m.group(0).lower() in ("they", "them", "those", "these")
            named = _ANTECEDENT.search(text, 0, m.start())
            # (in a clause after them: "which works do they build on?" asks the previous papers' references)
            if bare and named and re.search(r"[,;?]|\band\b|\bbut\b", text[named.end():m.start()], re.I):
                continue
            # ("a cheap guesser proposes words, the big model checks them": the words the question names just before,
            # in a question of its own)
            if bare and m.group(0).lower() == "them" and _OWN_PLURAL.search(text, 0, m.start()) \
                    and len(re.findall(r"\w+", text)) > 6:
                continue
            return True
        return False

    def _ordinal(self, text: str, refs: list[tuple[int, int, list[int]]], papers: list[tuple[str, str]]) -> Followup:
        """Replace each reference with the paper's name, so retrieval and the answer's shape see the paper."""
        ids: list[str] = []
        out, pos, like = [], 0, False
        for start, end, positions in refs:
            names, seeds = [], []
            for n in positions:
                if n == 0 or n > len(papers):
                    raise QuestionError(f"The previous answer cited {len(papers)} paper"
                                        f"{'s' if len(papers) != 1 else ''}; there is no paper number {n} in it.")
                pid, title = papers[n - 1] if n > 0 else papers[-1]
                if pid not in ids:
                    ids.append(pid)
                names.append(short_name(title))
                seeds.append(pid)
            out.append(text[pos:start])
            # "papers similar to the first one": the others like it, found in the whole collection (by id: a title
            # without a short name is still found); restricted to the paper itself, they had been none
            seeded = bool(_LIKE_BEFORE.search(text[:start]))
            like = like or seeded
            out.append(" and ".join(dict.fromkeys(seeds if seeded else names)))
            pos = end
        out.append(text[pos:])
        return Followup(_tidy("".join(out)), None if like else ids, "fresh" if like else "ordinal", ids)

    # ------------------------------------------------------------------ asking
    def ask(self, question: str, **filters) -> Answer:
        """Answer ``question``, reading follow-ups against this chat's previous answers (filters still apply)."""
        answer = None
        for item in self.ask_stream(question, **filters):
            answer = item
        assert isinstance(answer, Answer)
        return answer

    def ask_stream(self, question: str, **filters) -> Iterator[str | Answer]:
        """Like ``ask`` but yields the answer text in growing pieces, then the final ``Answer``."""
        if filters.get("within") is not None:
            followup = Followup(question, list(filters.pop("within")), "set")  # the caller chose the papers
        else:
            filters.pop("within", None)
            with self._lock:
                followup = self.resolve(question)
        answer = None
        if followup.k and not filters.get("k"):
            filters["k"] = followup.k
        for item in self.assistant.ask_stream(followup.question, within=followup.within, **filters):
            if isinstance(item, Answer):
                answer = item
            else:
                yield item
        assert answer is not None
        self._remember(answer, followup)
        yield answer

    def _ranked_rows(self) -> tuple[str, list[str]] | None:
        """When the last answer ranked institutions, authors or venues by their papers: the cue that asks for one's
        papers ("from", "by", "at") and the names, in the answer's order; None otherwise."""
        answer = self.last_answer
        head = _RANKING_HEAD.match(answer.text) if answer is not None else None
        if not head:
            return None
        names = _RANKED_ROW.findall(answer.text)
        cue = {"authors": "by", "venues": "at"}.get(head.group(1).lower(), "from")
        return (cue, names) if names else None

    def _remember(self, answer: Answer, followup: Followup) -> None:
        """Keep what the next follow-up can point at; an answer that cites nothing changes nothing."""
        cited = [(c.paper_id, c.title) for c in answer.citations][:_MAX_REMEMBERED]
        with self._lock:
            self.last_answer = answer
            self.turns += 1
            if not cited:
                return
            if not followup.narrowed:  # ("and from Google?" next narrows the same question)
                if followup.kind == "ordinal":  # ("compare the first two" of a list: "and from NVIDIA?" after it
                    pass  # still narrows that list's question; it had listed all of NVIDIA's papers)
                elif _COMPARE.search(followup.question):
                    # ("compare Kitty and InnerQ": no list to narrow; "which one is faster?" of a list's two papers
                    # keeps the list's question, for "and from NVIDIA?" next: it had listed all of NVIDIA's papers)
                    if followup.within is None:
                        self._last_question = None
                elif len(cited) > 1 or _LIST_HEAD.search("\n".join(answer.text.splitlines()[:4])):
                    self._last_question = (followup.question, followup.within)
                elif followup.kind == "fresh":  # ("what is Kitty?": nothing to narrow; an older list is stale)
                    self._last_question = None
            self._last = cited
            if len(cited) == 1 and cited[0] not in self._singles[-1:]:
                self._singles = (self._singles + cited)[-2:]
            elif len(cited) > 1:
                self._singles = []  # a list answer in between: "them" now means its papers
            # A drill-down into one paper keeps the list it came from: "the third one" still means the list's.
            if followup.kind != "ordinal":
                self._list = cited

