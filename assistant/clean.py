"""Text cleaning (HTML, LaTeX, Unicode) and institution-name normalization, by rules that generalize.

Institution grouping over a whole collection lives in :class:`InstitutionIndex`; the per-string rules it
builds on (splitting multi-affiliation strings, stripping departments, abbreviation matching) are here too.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable

CLEAN_VERSION = "3"  # bump when clean_text, line-break mending or the institution rules change what papers look like

# ----------------------------------------------------------------------------------------------------
# Text
# ----------------------------------------------------------------------------------------------------

_SYMBOLS = {
    "times": "×", "sim": "~", "approx": "≈", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠",
    "ne": "≠", "rightarrow": "→", "to": "→", "leftarrow": "←", "Rightarrow": "⇒", "leftrightarrow": "↔",
    "cdot": "·", "pm": "±", "infty": "∞", "top": "⊤", "ll": "≪", "gg": "≫", "in": "∈", "propto": "∝",
    "ldots": "…", "dots": "…", "cdots": "⋯", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ",
    "Delta": "Δ", "epsilon": "ε", "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "ell": "ℓ", "log": "log",
    "exp": "exp", "min": "min", "max": "max", "quad": " ", "qquad": " ", "textasciitilde": "~",
}
_FORMAT = ("textbf|textit|emph|texttt|textsf|textsc|textrm|underline|mathbf|mathrm|mathit|mathsf|mathtt|"
           "mathcal|mathbb|boldsymbol|bm|text|mbox|hbox|operatorname|url|footnote")
_FORMAT_RE = re.compile(r"\\(?:" + _FORMAT + r")\s*\{([^{}]*)\}")
_DROP_RE = re.compile(r"\\(?:cite[pt]?|ref|eqref|label)\*?(?:\[[^\]]*\])?\{[^{}]*\}")
_HREF_RE = re.compile(r"\\href\{[^{}]*\}\{([^{}]*)\}")
_MACRO_RE = re.compile(r"\\([A-Za-z]+)(\{\})?(\\ )?")
# Pandoc's rule for inline math: no space just inside the dollars, and no digit right after the closing
# one, so "costs $5 and $10" stays money while "$26\times$" is math.
# Math holding a LaTeX command ("$\\approx$2") is math whatever follows it.
_MATH_RE = re.compile(r"\$\$(.+?)\$\$|\$(?=\S)([^$]*?\\[A-Za-z][^$]*?)(?<=\S)\$|\$(?=\S)([^$]+?)(?<=\S)\$(?!\d)", re.S)
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")  # category Cc, minus whitespace
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\ud800-\udfff]")
_BREAK_RE = re.compile(r"<br\s*/?>|</?p\s*>", re.I)
_TILDE_RE = re.compile(r"(?<=\S)~(?=\S)")
_SPACE_RE = re.compile(r"\s+")
_SPACE_BEFORE_RE = re.compile(r"\s+([,.;:!?)])|(?<=\()\s+")
_TIMES_RE = re.compile(r"(\d)\s+×(?!\s*\d)")


def clean_text(s: str | None, system_name: str = "") -> str:
    """Plain, NFC, single-spaced text from a string that may hold HTML, LaTeX or junk characters."""
    if not s:
        return ""
    s = _INVISIBLE_RE.sub("", str(s))  # lone surrogates crash tokenizers and Chroma
    for _ in range(3):  # double-escaped entities (&amp;amp;) need more than one pass
        if "&" not in s or not _ENTITY_RE.search(s):
            break
        s = html.unescape(s)
    if "<" in s:
        s = _TAG_RE.sub("", _BREAK_RE.sub(" ", s))
    if "\\" in s or "$" in s:
        s = _clean_latex(s, system_name)
    if "~" in s:
        s = _TILDE_RE.sub(lambda m: _tilde(m, s), s)
    if "--" in s or "`" in s or "''" in s:
        # (a LaTeX "--" is an en dash between numbers and between words: "TTFT--TBT", "Match--Amend--Complete")
        s = re.sub(r"(?<=\w)--(?=\w)", "–", s).replace("---", "—").replace("``", '"').replace("''", '"')
    if "*" in s:  # Markdown emphasis in an abstract ("**XProf**", "*bypass*") is no part of its words
        s = _EMPHASIS_RE.sub(r"\2", s)
    s = _SPACE_RE.sub(" ", _CONTROL_RE.sub("", s)).strip()
    if "×" in s:
        s = _TIMES_RE.sub(r"\1×", s)  # "1.41 ×" speedups read as "1.41×"
    s = _SPACE_BEFORE_RE.sub(r"\1", s)
    return unicodedata.normalize("NFC", s)


_EMPHASIS_RE = re.compile(r"(?<![\w*])(\*\*|\*)(?=[^\s*])([^*\n]+?)(?<=[^\s*])\1(?![\w*])")


def _tilde(m: re.Match, s: str) -> str:
    """A LaTeX ``~`` between words is a non-breaking space; between digits ("5.7~6.5") it means a range."""
    before, after = s[m.start() - 1], s[m.end()] if m.end() < len(s) else ""
    return "~" if before.isdigit() and after.isdigit() else " "


def _clean_latex(s: str, system_name: str) -> str:
    """Drop math delimiters and formatting commands, turn symbols into Unicode, fill unfilled macros."""
    s = s.replace("\\$", "\x03")  # an escaped dollar is money, never a math delimiter
    # Math is converted on its own so "$256\\times$H20" cannot read as one macro "\\timesH".
    s = _MATH_RE.sub(lambda m: _latex_body(m.group(1) or m.group(2) or m.group(3), system_name), s)
    s = re.sub(r"\$(?!\d)", "", _latex_body(s, system_name))  # a stray delimiter; "$5" stays money
    if not system_name:  # "Our method, \\name, is" lost its name: do not leave "method,, is"
        s = re.sub(r"([,;:])(\s*[,;:])+", r"\1", s)
    return s.replace("\x03", "$")


_SYMBOL_RE = re.compile(r"\\(" + "|".join(sorted(map(re.escape, _SYMBOLS), key=len, reverse=True)) + r")(?![A-Za-z])(\s*)")


def _latex_body(s: str, system_name: str) -> str:
    s = re.sub(r"\\([{}])", lambda m: "\x01" if m.group(1) == "{" else "\x02", s)  # escaped braces survive
    s = re.sub(r"\\[,;:]|\\\\", " ", s).replace("\\!", "")
    # Symbols first, while their names still end at a non-letter: once \mathrm{softmax} is unwrapped,
    # "\rightarrow\mathrm{softmax}" would read as one unknown macro "\rightarrowsoftmax".
    s = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group(1)] + (" " if m.group(2) else ""), s)
    for _ in range(5):  # innermost first: \textbf{\underline{i}} needs two rounds
        new = _HREF_RE.sub(r"\1", _DROP_RE.sub("", _FORMAT_RE.sub(r"\1", s)))
        if new == s:
            break
        s = new
    s = re.sub(r"\\([%&_#$])", r"\1", s)
    s = re.sub(r"\^\{([^{}]*)\}", r"^\1", s)
    s = re.sub(r"_\{([^{}]*)\}", r"_\1", s)

    def macro(m: re.Match) -> str:
        name = m.group(1)
        if name in _SYMBOLS:
            return _SYMBOLS[name] + (" " if m.group(3) else "")
        # An unknown bare macro (\sys, \name, \ourtool) is a placeholder for the paper's system name.
        return system_name + (" " if m.group(3) else "")

    s = _MACRO_RE.sub(macro, s)
    return s.replace("{", "").replace("}", "").replace("\x01", "{").replace("\x02", "}")


# a title's name: the part before ':' or a spaced dash ("Kitty: Accurate ...", "ExecuTorch - A Unified ...")
_TITLE_NAME = re.compile(r"\s*([^:：–—]{2,40}?)\s*(?:[:：]|\s[-–—]\s)")


def title_name(title: str) -> str:
    """The name a title opens with before ':' or ' - ' ("ExecuTorch"), else ""."""
    m = _TITLE_NAME.match(title or "")
    return m.group(1).strip() if m else ""


def system_name_from(title: str, abstract: str = "") -> str:
    """The system a paper presents: the title's short prefix before ':' or ' - ', else "we present X"."""
    name = title_name(title)
    if name and len(name.split()) <= 3 and "\\" not in name:
        return name
    m = re.search(r"\b(?:present|propose|introduce|develop|design|build)s?\b(?:[\s,]+[\w-]+){0,4}?[\s,]+"
                  r"([A-Z][\w-]*[A-Z0-9][\w-]*)", abstract or "")
    return m.group(1) if m else ""


def unescape_markdown(s: str) -> str:
    """``optimize\\_anything`` -> ``optimize_anything``: Markdown backslash escapes removed."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", s)


# ----------------------------------------------------------------------------------------------------
# Institutions: words and abbreviations
# ----------------------------------------------------------------------------------------------------

_STOP = {"of", "the", "and", "at", "for", "in", "on", "de", "la", "le", "du", "des", "der", "di", "da",
         "a", "an", "to"}
_CORP = {"inc", "corp", "corporation", "co", "ltd", "llc", "limited", "gmbh", "plc"}
# Words an organisation's name may carry or drop without becoming another organisation.
_ORG_SUFFIX = _CORP | {"research", "lab", "labs", "laboratory", "laboratories", "group", "ai", "platforms",
                       "technologies", "systems", "foundation", "university", "institute", "college",
                       "school"}
_ZERO = _STOP | _ORG_SUFFIX
# Words that alone never name an institution ("Research", "State University", "Technology").
_GENERIC = _ZERO | {"science", "sciences", "technology", "engineering", "state", "national", "center",
                    "centre", "department", "arts", "applied", "academy", "polytechnic", "computer",
                    "informatics", "information", "and"}
_KEYWORD_RE = re.compile(r"\b(universit\w*|univ|institut\w*|college|school|academy|laborator\w*|labs?|"
                         r"center|centre|polytechnic|hospital|foundation|research|inc|corp\w*|ltd|llc)\b",
                         re.I)
_KIND_RE = re.compile(r"\b(universit\w*|institut\w*|college|school)\b", re.I)
_DEPT_RE = re.compile(r"\b(department|dept|school of|faculty of|college of|division of|graduate school|"
                      r"eecs|cse|ece)\b", re.I)
_CORP_TAIL_RE = re.compile(r"[\s,]+(inc|corp|corporation|co|ltd|llc|limited|gmbh|plc)\.?$", re.I)


@lru_cache(maxsize=8192)
def _tokens(name: str) -> tuple[str, ...]:
    """Lower-case ASCII word tokens of a name (accents folded, '&' read as 'and')."""
    folded = name.replace("&", " and ")
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return tuple(re.findall(r"[a-z0-9]+", folded.casefold()))


@lru_cache(maxsize=8192)
def institution_key(name: str) -> str:
    """Spelling-insensitive key: 'Shanghai Jiaotong University' == 'Shanghai Jiao Tong University'."""
    return "".join(t for t in _tokens(name) if t not in _STOP and t not in _CORP)


def _align(short: str, words: tuple[str, ...], zero: set[str], starts: set[int] | None = None) -> bool:
    """Can ``short`` be spelled by prefixes of at least two of ``words``, in order?

    Only ``zero`` words may give nothing, and a leading "University"/"Institute" must give something.
    ``starts``: positions of ``short`` where a piece may begin (capitals, word starts), so "Uber" is
    not "U(C) Ber(keley)"; a whole stop word ("UofT") may begin anywhere.
    """
    memo: dict[tuple[int, int, int], bool] = {}
    need = [sum(w not in zero for w in words[j:]) for j in range(len(words) + 1)]  # words that must give

    def go(i: int, j: int, pieces: int) -> bool:
        if j == len(words):
            return i == len(short) and pieces >= 2
        if need[j] > len(short) - i:
            return False
        if (i, j, pieces) not in memo:
            w = words[j]
            ok = (w in _STOP or (w in zero and i > 0)) and go(i, j + 1, pieces)
            if not ok and (starts is None or i in starts or (w in _STOP and short.startswith(w, i))):
                ok = any(short.startswith(w[:k], i) and go(i + k, j + 1, min(pieces + 1, 2))
                         for k in range(len(w), 0, -1))
            memo[(i, j, pieces)] = ok
        return memo[(i, j, pieces)]

    return go(0, 0, 0)


@lru_cache(maxsize=8192)
def _piece_starts(short: str) -> set[int]:
    """Letter positions (in the lower-cased, punctuation-free spelling) where a new piece may begin."""
    starts, pos, prev = set(), 0, " "
    for c in unicodedata.normalize("NFKD", short):
        if c.isalnum() and c.isascii():
            if not prev.isalnum() or c.isupper() or c.isdigit():
                starts.add(pos)
            pos += 1
        prev = c
    return starts


@lru_cache(maxsize=8192)
def _shape(name: str) -> tuple[str, tuple[str, ...], frozenset[str], int]:
    """(letters, words, word initials, number of words that must contribute) of a name, cached."""
    words = _tokens(name)
    return "".join(words), words, frozenset(w[0] for w in words), sum(w not in _ZERO for w in words)


@lru_cache(maxsize=65536)
def abbreviates(short: str, long: str) -> bool:
    """True if ``short`` abbreviates ``long`` from word prefixes (KAIST, UofT, Georgia Tech, HP Labs)."""
    s = _shape(short)[0]
    joined, words, initials, must = _shape(long)
    if not s or len(s) >= len(joined) or s[0] not in initials or must > len(s):
        return False
    letters = iter(joined)
    if not all(c in letters for c in s):  # not even a subsequence: skip the search
        return False
    return _align(s, words, _ZERO, _piece_starts(short))


def _truncates(short: str, long: str) -> bool:
    """'Meta' vs 'Meta Platforms', 'Stanford' vs 'Stanford University': same words plus generic suffixes."""
    s, lt = _tokens(short), _tokens(long)
    return len(s) < len(lt) and lt[: len(s)] == s and all(t in _ZERO for t in lt[len(s):])


def _acronym_like(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,9}", s.strip())) and sum(c.isupper() for c in s) >= 2


def generic_name(s: str) -> bool:
    """True when every word of ``s`` is one that alone never names an institution ("State University")."""
    return all(t in _GENERIC for t in _tokens(s))


# ----------------------------------------------------------------------------------------------------
# Institutions: one affiliation string -> institution names
# ----------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _prepare(raw: str) -> str:
    return clean_text(raw).strip(" ,;-")


def _split_and(part: str) -> list[str]:
    """Split 'University of Washington and NVIDIA' but not 'Institute of Science and Technology'."""
    pieces = re.split(r"\s+(?:and|&)\s+", part)
    if len(pieces) == 1:
        return pieces
    out = [pieces[0]]
    bare = lambda x: re.sub(r"\(.*?\)|,.*", "", x)  # noqa: E731 - "Technology (Guangzhou)" is generic
    for piece in pieces[1:]:
        # Only split when both sides name something on their own (not "Technology", "State University").
        if generic_name(bare(out[-1])) or generic_name(bare(piece)) or not piece[:1].isupper():
            out[-1] = f"{out[-1]} and {piece}"
        else:
            out.append(piece)
    return out


def _split(raw: str, known: set[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Institution names in one affiliation string, plus pairs that name the same place (acronym + name).

    ``known`` holds keys of names that appear standalone in the collection: "Nvidia, CMU" is two
    institutions because CMU stands alone elsewhere, "Institute of Software, CAS" is one.
    """
    names: list[str] = []
    same: list[tuple[str, str]] = []
    for segment in re.split(r"\s*[;/]\s*", _prepare(raw)):
        parts = [p.strip() for p in re.split(r",|\s[-–]\s", segment)]
        parts = [re.sub(r"^(?:and|&)\s+", "", p) for p in parts if p.strip()]
        keep = [p for p in parts if not _DEPT_RE.search(p) and not generic_name(p)] or parts[:1]
        merged: list[str] = []
        for p in (piece for part in keep for piece in _split_and(part)):
            qualifier = (merged and _KEYWORD_RE.search(merged[-1]) and not _KEYWORD_RE.search(p)
                         and institution_key(p) not in known and not _acronym_like(p))
            if qualifier:  # "University of California, Berkeley": a campus or city, not a new place
                merged[-1] = f"{merged[-1]}, {p}"
            else:
                merged.append(p)
        for piece in merged:
            m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", piece)
            inner = m.group(2).strip() if m else ""
            if m and institution_key(inner) in known:  # "Meta (FAIR)", "PyTorch (Meta)"
                names += [m.group(1), inner]
            elif m and _acronym_like(inner) and len(inner) >= 3:  # "... Systems (MPI-SWS)"
                names += [m.group(1), inner]
                same.append((inner, m.group(1)))
            else:
                names.append(piece)
        for a in merged:  # "CMU, Carnegie Mellon University", "ETHZ - ETH Zurich"
            same += [(a, b) for b in merged if a is not b and abbreviates(a, b)]
    out, seen = [], set()
    for n in (canonical_name(n) for n in names):
        k = institution_key(n)
        if k and k not in seen and not generic_name(n):
            seen.add(k)
            out.append(n)
    return out, [(canonical_name(a), canonical_name(b)) for a, b in same]


@lru_cache(maxsize=8192)
def canonical_name(name: str) -> str:
    """One institution name tidied: no corporate suffix, '&' spelled 'and', whitespace collapsed."""
    s = _prepare(name)
    s = _CORP_TAIL_RE.sub("", s).strip(" ,")
    return re.sub(r"\s+&\s+", " and ", s)


def split_affiliations(raw: str, known: set[str] | None = None) -> list[str]:
    """Institution names in one affiliation string ('UW & Anyscale' -> ['UW', 'Anyscale'])."""
    return _split(raw, known or set())[0]


def canonical_institution(name: str) -> str:
    """Clean name of an affiliation ('Department of CS, University of Washington' -> 'University of
    Washington'); several institutions in one string come back joined by '; '."""
    return "; ".join(split_affiliations(name))


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-/]+", re.sub(r"[(),.]", " ", name)) if w]
    return "".join(w[0].upper() for w in words if w.casefold() not in _STOP and w != "&" and w[0].isalnum())


# names of institutions that are no initials of their full names ("UMD" is no "UM"), or that records write either way:
# each group is one institution, whichever of its names a record writes (a question may write another)
WELL_KNOWN: tuple[tuple[str, ...], ...] = (
    ("UMD", "University of Maryland", "University of Maryland, College Park", "UMD College Park"),
    ("UIUC", "University of Illinois Urbana-Champaign", "University of Illinois at Urbana-Champaign"),
    ("UMass", "UMass Amherst", "University of Massachusetts", "University of Massachusetts, Amherst"),
    ("UNC", "UNC Chapel Hill", "University of North Carolina", "University of North Carolina at Chapel Hill"),
    ("USC", "University of Southern California"),
    ("UofT", "UToronto", "University of Toronto"),
    ("UT Austin", "UT-Austin", "The University of Texas at Austin", "University of Texas at Austin"),
    ("UChicago", "The University of Chicago", "University of Chicago"),
    ("UVA", "UVa", "University of Virginia"),
    ("UW-Madison", "UW Madison", "University of Wisconsin, Madison", "University of Wisconsin-Madison"),
    ("UPenn", "Penn", "University of Pennsylvania"),
    ("NCSU", "NC State", "North Carolina State University"),
    ("SNU", "Seoul National University"),
    ("SJTU", "Shanghai Jiao Tong University", "Shanghai Jiaotong University"),
    ("CUHK", "The Chinese University of Hong Kong", "Chinese University of Hong Kong"),
    ("MSR", "Microsoft Research"),
    ("MPI-SWS", "Max Planck Institute for Software Systems"),
    ("TUM", "Technical University of Munich", "TU Munich", "TU München"),
    ("EPFL", "EPF Lausanne", "École Polytechnique Fédérale de Lausanne", "Ecole Polytechnique Federale de Lausanne"),
    ("ETHZ", "ETH Zurich", "ETH Zürich"),
    ("LLNL", "Lawrence Livermore National Laboratory", "Lawrence Livermore National Lab"),
    ("LBNL", "Berkeley Lab", "Lawrence Berkeley National Laboratory", "Lawrence Berkeley National Lab"),
    ("ANL", "Argonne", "Argonne National Laboratory", "Argonne National Lab"),
    ("Georgia Tech", "GaTech", "Georgia Institute of Technology"),
    ("UCF", "University of Central Florida"),
)


def institution_aliases(name: str) -> list[str]:
    """Spellings a person may use for one institution name: itself, its acronym(s), its short form."""
    name = canonical_name(name)
    out = [name]
    base, _, qualifier = re.sub(r",\s*|\s+at\s+", "\0", name, count=1).partition("\0")
    significant = [t for t in _tokens(base) if t not in _STOP]
    plain = not any(w.isupper() for w in re.findall(r"[A-Za-z]{2,}", name))  # "NTU ECLab" has one already
    if plain and not qualifier and (len(significant) >= 3 or (len(significant) == 2 and _KEYWORD_RE.search(base))):
        out.append(_initials(base))  # "Carnegie Mellon University" -> CMU
    if plain and qualifier and "," not in qualifier and len(significant) >= 2:
        out += [f"{_initials(base)} {qualifier}", _initials(base) + _initials(qualifier)]  # UC Berkeley, UCB
    first = name.split()[0] if " " in name else ""
    if re.fullmatch(r"[A-Z]{2,6}", first):  # "ETH Zurich" -> ETH, "IBM Research" -> IBM
        out.append(first)
    m = (re.fullmatch(r"(?:The\s+)?([\w\- ]+?)\s+(?:University|Institute|College)", base)  # Tsinghua
         or re.fullmatch(r"(?:The\s+)?University of ([\w\-]+)", name))  # "University of Toronto" -> Toronto
    if m and not set(_tokens(m.group(1))) & _STOP:
        out.append(m.group(1))
    return list(dict.fromkeys(a for a in out if len(a) >= 3 and not generic_name(a)))


# ----------------------------------------------------------------------------------------------------
# Institutions: grouping over a collection
# ----------------------------------------------------------------------------------------------------

class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class InstitutionIndex:
    """Groups a collection's institution spellings into organisations and finds them in questions.

    Two spellings are one organisation when their keys match (case, spaces, accents, 'The', '&'), one is a
    one-character typo of the other, one is the other plus a campus ("…, Charlottesville"), one is the other
    plus generic words ("IBM Research", "Meta Platforms"), or one abbreviates the other (KAIST, Georgia
    Tech) and no other organisation. "Google DeepMind" is a sub-organisation of Google: asking for Google
    also finds it. Meta/Facebook-style renamings cannot be derived by rule and stay apart.
    """

    def __init__(self, raw_names: Iterable[str], vocabulary: Iterable[str] = ()) -> None:
        counts = Counter(r for r in raw_names if r and r.strip())
        standalone = {institution_key(n) for r in counts for n in split_affiliations(r)
                      if not re.search(r"[,;/()]|\s(?:-|–|&|and)\s", _prepare(r))}
        self._vocabulary = {w.casefold() for w in vocabulary}
        self._raw_keys: dict[str, list[str]] = {}
        spell: dict[str, Counter] = defaultdict(Counter)
        uf = _UnionFind()
        for raw, n in counts.items():
            names, same = _split(raw, standalone)
            self._raw_keys[raw] = [institution_key(x) for x in names]
            for x in names:
                spell[institution_key(x)][x] += n
                uf.find(institution_key(x))
            for a, b in same:
                if institution_key(a) in spell and institution_key(b) in spell:
                    uf.union(institution_key(a), institution_key(b))
        self._spell = spell
        self._union_by_rules(uf)
        self._finish(uf)

    @classmethod
    def from_papers(cls, papers: Iterable) -> "InstitutionIndex":
        """Index over papers' raw affiliations (``extra['affiliations']``, else ``institutions``)."""
        papers = list(papers)
        raws = [r for p in papers for r in (p.extra.get("affiliations") or p.institutions)]
        words = {w for p in papers for w in re.findall(r"[a-z0-9]+", f"{p.title} {p.abstract}".lower())}
        return cls(raws, words)

    def _union_by_rules(self, uf: _UnionFind) -> None:
        keys = set(self._spell)
        spellings = [(k, s) for k in self._spell for s in self._spell[k]]
        for k in keys:  # one dropped character: "TogtherAI", "singaore"
            if len(k) >= 9:
                for i in range(len(k)):
                    if k[:i] + k[i + 1:] in keys:
                        uf.union(k, k[:i] + k[i + 1:])
        for k, s in spellings:
            m = re.match(r"(.+?)\s*[,(]", s)  # campus / city qualifier of a place that exists alone
            if m and institution_key(m.group(1)) in keys:
                uf.union(k, institution_key(m.group(1)))
            toks = list(_tokens(s))
            while len(toks) > 1 and toks[-1] in _ZERO:  # "IBM Research" ~ "IBM", "Stanford University"
                toks.pop()
                if "".join(t for t in toks if t not in _STOP and t not in _CORP) in keys:
                    uf.union(k, "".join(t for t in toks if t not in _STOP and t not in _CORP))
        # Abbreviations join only when they fit exactly one organisation ("UW" fits two: left alone).
        longs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for k, s in spellings:
            toks = _tokens(s)
            if len(toks) >= 2:
                for t in toks:
                    longs[t[0]].append((k, s))
                    if t not in _STOP:
                        break
        joins = []
        for k, s in spellings:
            letters = "".join(_tokens(s))
            targets = {uf.find(k2) for k2, s2 in longs.get(letters[:1], ())
                       if uf.find(k2) != uf.find(k) and abbreviates(s, s2)}
            if len(targets) == 1:
                joins.append((k, targets.pop()))
        for a, b in joins:
            uf.union(a, b)
        # Sub-organisations: "Google DeepMind" starts with an organisation; if the rest ("DeepMind")
        # is one too, it is that one.
        self._parent_links: list[tuple[str, str]] = []
        for k, s in spellings:
            words = s.split()
            for i in range(len(words) - 1, 0, -1):
                head, rest = " ".join(words[:i]).rstrip(","), " ".join(words[i:])
                hk = institution_key(head)
                if hk in keys and uf.find(hk) != uf.find(k) and not generic_name(head):
                    if institution_key(rest) in keys and not generic_name(rest):
                        uf.union(k, institution_key(rest))
                    self._parent_links.append((k, hk))
                    break

    def _finish(self, uf: _UnionFind) -> None:
        members: dict[str, list[str]] = defaultdict(list)
        for k in self._spell:
            members[uf.find(k)].append(k)
        self._root = {k: uf.find(k) for k in self._spell}
        self._display: dict[str, str] = {}
        self._aliases: dict[str, list[str]] = {}
        single_raw: dict[str, list[str]] = defaultdict(list)  # raw spellings naming exactly one place
        for raw, rks in self._raw_keys.items():
            if len(rks) == 1:
                single_raw[self._root[rks[0]]].append(_prepare(raw))
        for root, ks in members.items():
            total = {k: sum(self._spell[k].values()) for k in ks}
            best = {k: max(self._spell[k].items(), key=lambda kv: (kv[1], not kv[0].islower(),
                                                                       kv[0] != kv[0].upper(), len(kv[0])))[0]
                    for k in ks}
            short = {k for k in ks if any(abbreviates(best[k], best[o]) for o in ks if o != k)}
            qualified = {k for k in ks if re.search(r"[,(]", best[k])}
            # "Microsoft" names the company better than "Microsoft Research"; "Stanford University" is
            # the full name of "Stanford".
            base = {k for k in ks if any(_truncates(best[k], best[o]) and not _KIND_RE.search(best[o]) for o in ks)}
            top = max(ks, key=lambda k: (k not in short, k not in qualified, total[k], k in base, len(k)))
            self._display[root] = best[top]
            aliases = [best[top]]
            for k in sorted(ks, key=lambda k: -total[k]):
                for s, _ in self._spell[k].most_common():
                    # A derived alias that is a word of the papers themselves ("ICL" = in-context
                    # learning, "MRI") would make questions about that topic look like institution filters.
                    # Three-letter initials (UCB = upper confidence bound, IMU) collide too often to be
                    # derived; they count only when a source spells them ("ETH" in "ETH Zurich").
                    derived = institution_aliases(s)[1:] if k not in short else []
                    aliases += [s] + [a for a in derived if a.casefold() not in self._vocabulary
                                      and (a in s.split() or not re.fullmatch(r"[A-Z]{1,3}", a))]
            aliases += single_raw.get(root, [])
            seen: set[str] = set()
            self._aliases[root] = [a for a in aliases if not (a.casefold() in seen or seen.add(a.casefold()))]
        self._children: dict[str, set[str]] = defaultdict(set)
        for child, parent in self._parent_links:
            if uf.find(child) != uf.find(parent):
                self._children[uf.find(parent)].add(uf.find(child))
        self._patterns: tuple[re.Pattern | None, re.Pattern | None, dict[str, set[str]]] | None = None

    # -- queries -------------------------------------------------------------------------------------

    def groups(self) -> dict[str, list[str]]:
        """Canonical display name -> every alias of that organisation."""
        return {self._display[r]: list(a) for r, a in self._aliases.items()}

    def canonical(self, raw: str) -> list[str]:
        """Canonical names of the organisations in one raw affiliation string."""
        keys = self._raw_keys.get(raw) or [institution_key(n) for n in split_affiliations(raw)]
        roots = [self._root[k] for k in keys if k in self._root]
        return list(dict.fromkeys(self._display[r] for r in roots))

    def _ancestors(self, root: str) -> list[str]:
        found, todo = [], [root]
        while todo:
            r = todo.pop()
            for parent, kids in self._children.items():
                if r in kids and parent not in found and parent != root:
                    found.append(parent)
                    todo.append(parent)
        return found

    def _descendants(self, root: str) -> list[str]:
        found, todo = [], [root]
        while todo:
            for kid in sorted(self._children.get(todo.pop(), ())):
                if kid not in found and kid != root:
                    found.append(kid)
                    todo.append(kid)
        return found

    def annotate(self, paper) -> None:
        """Set ``paper.institutions`` to canonical names and ``institution_aliases`` to all their aliases."""
        raws = paper.extra.get("affiliations") or paper.institutions
        roots = [self._root[k] for raw in raws
                 for k in (self._raw_keys.get(raw) or [institution_key(n) for n in split_affiliations(raw)])
                 if k in self._root]
        roots = list(dict.fromkeys(roots))
        paper.institutions = [self._display[r] for r in roots]
        aliases = [a for r in roots for g in [r, *self._ancestors(r)] for a in self._aliases[g]]
        paper.institution_aliases = list(dict.fromkeys(aliases))

    def _compile(self) -> tuple[re.Pattern | None, re.Pattern | None, dict[str, set[str]]]:
        owners: dict[str, set[str]] = defaultdict(set)
        original: dict[str, str] = {}
        for root, aliases in self._aliases.items():
            for a in aliases:
                owners[_spaced(a)].add(root)
                original.setdefault(_spaced(a), a)
        loose, strict = [], []
        for folded, a in original.items():
            body = r"[\s,]+".join(re.escape(t) for t in folded.split(" ") if t)
            # A one-word alias that is also an ordinary word of the collection ("FAIR" vs "a fair
            # comparison"), or only two letters, must match with its own capitalisation.
            if " " not in folded and (len(a) <= 2 or folded in self._vocabulary):
                strict.append(r"[\s,]+".join(re.escape(t) for t in a.replace(",", " ").split()))
            else:
                loose.append(body)
        bound = r"(?<![\w-])(?:{})(?![\w-])"
        by_len = lambda xs: sorted(xs, key=len, reverse=True)  # noqa: E731 - the longest alias wins
        return (re.compile(bound.format("|".join(by_len(loose))), re.I) if loose else None,
                re.compile(bound.format("|".join(by_len(strict)))) if strict else None, owners)

    def match_institution(self, text: str) -> list[str]:
        """Canonical institutions a question names (with their sub-organisations), in order of mention."""
        if self._patterns is None:
            self._patterns = self._compile()
        loose, strict, owners = self._patterns
        text = clean_text(text)
        spans = sorted((m.span() for p in (loose, strict) if p for m in p.finditer(text)),
                       key=lambda span: (span[0], span[0] - span[1]))
        out: list[str] = []
        end = -1
        for start, stop in spans:
            if start < end:  # overlaps a longer, earlier mention ("Microsoft Research Asia")
                continue
            end = stop
            roots = owners.get(_spaced(text[start:stop]), set())
            # An organisation before its sub-organisations ("MIT" names both MIT and MIT CSAIL).
            for root in sorted(roots, key=lambda r: (bool(set(self._ancestors(r)) & roots), self._display[r])):
                out += [self._display[r] for r in [root, *self._descendants(root)]]
        return list(dict.fromkeys(out))


def _spaced(alias: str) -> str:
    """Case- and comma-insensitive form of an alias ('UC, Berkeley' and 'uc berkeley' are one)."""
    return " ".join(alias.replace(",", " ").split()).casefold()
