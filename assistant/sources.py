"""Source collections -> papers: one parser per format, chosen by content; duplicates collapsed.

``load_collection(paths)`` is the entry point. Adding a format means adding a parser to ``PARSERS``.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import parse_qs, urljoin, urlparse

from .clean import (CLEAN_VERSION, InstitutionIndex, _align, clean_text, system_name_from,
                    unescape_markdown)
from .errors import SourceError
from .schema import Paper


@dataclass
class Collection:
    """Every paper of the given sources, plus what the index manifest needs to know about them."""

    papers: list[Paper]
    skipped: list[str] = field(default_factory=list)  # one line per record or file left out (skip_bad)
    glossary: dict[str, list[str]] = field(default_factory=dict)  # "TTFT" -> ["time-to-first-token"]
    parser_versions: dict[str, str] = field(default_factory=dict)  # parser name -> version
    sources: dict[str, str] = field(default_factory=dict)  # file name -> sha256 of its bytes
    institutions: InstitutionIndex | None = field(default=None, repr=False, compare=False)


@dataclass
class ParseResult:
    """What a parser found in one file."""

    papers: list[Paper] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    glossary: dict[str, list[str]] = field(default_factory=dict)


class BadRecord(Exception):
    """One record is unusable; ``load_collection`` raises it as SourceError or skips it (skip_bad)."""


@dataclass(frozen=True)
class Parser:
    """A source format: how to recognise it from content and how to turn it into papers."""

    name: str
    version: str
    description: str  # shown when a file's format cannot be detected
    extensions: tuple[str, ...]  # only a tie-break between parsers that both accept the content
    sniff: Callable[[str], bool]
    parse: Callable[[Path, str, bool], ParseResult]
    user_ids: bool = False  # ids come from the user: a duplicate is an error, not a repeat to collapse


def _bad(result: ParseResult, skip_bad: bool, message: str) -> None:
    if not skip_bad:
        raise SourceError(message)
    result.skipped.append(message)


@lru_cache(maxsize=4)
def _json(text: str) -> object:
    return json.loads(text)


def _json_or_none(text: str) -> object:
    if text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        return _json(text)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------
# miniconf JSON (conference sites' API dumps: MLSys, ICLR, NeurIPS ...)
# ---------------------------------------------------------------------------------------------------

def _venue_from_group(url: str) -> tuple[str, int | None]:
    """'https://openreview.net/group?id=MLSys.org/2026/Conference' -> ('MLSys 2026', 2026)."""
    group = (parse_qs(urlparse(url or "").query).get("id") or [""])[0]
    parts = [p for p in group.split("/") if p]
    year_at = next((i for i, p in enumerate(parts) if re.fullmatch(r"(19|20)\d\d", p)), None)
    if year_at is None or year_at == 0:
        return "", None
    names = [re.sub(r"\.(org|cc|com|net|io|info)$", "", p) for p in parts[:year_at]]
    names = [n for n, p in zip(names, parts) if "." not in p] or names  # "aclweb.org/ACL" -> ACL
    return f"{names[-1]} {parts[year_at]}", int(parts[year_at])


def _venue_from_filename(path: Path) -> tuple[str, int | None]:
    m = re.search(r"([A-Za-z]+)[-_ ]?((?:19|20)\d\d)", path.stem)
    if not m:
        return path.stem, None
    name = m.group(1).upper() if m.group(1).islower() else m.group(1)
    return f"{name} {m.group(2)}", int(m.group(2))


def _sniff_miniconf(text: str) -> bool:
    data = _json_or_none(text)
    results = data.get("results") if isinstance(data, dict) else None
    return isinstance(results, list) and (not results or any(isinstance(r, dict) and ("name" in r or "title" in r)
                                                             for r in results[:5]))


def _parse_miniconf(path: Path, text: str, skip_bad: bool) -> ParseResult:
    data = _json(text)
    out = ParseResult()
    fallback = (str(data["venue"]), None) if isinstance(data.get("venue"), str) else _venue_from_filename(path)
    for i, rec in enumerate(data["results"]):
        where = f"{path.name} results[{i}]"
        try:
            out.papers.append(_miniconf_paper(rec, where, path, fallback))
        except BadRecord as exc:
            _bad(out, skip_bad, str(exc))
    return out


def _miniconf_paper(rec: object, where: str, path: Path, fallback: tuple[str, int | None]) -> Paper:
    if not isinstance(rec, dict):
        raise BadRecord(f"{where}: expected an object with 'name', 'abstract', 'authors'")
    title = rec.get("name") or rec.get("title")
    if not isinstance(title, str) or not title.strip():
        raise BadRecord(f"{where}.name: missing paper title (expected a non-empty string)")
    authors_raw = rec.get("authors") or []
    if not isinstance(authors_raw, list):
        raise BadRecord(f"{where}.authors: expected a list of {{fullname, institution}} objects")
    authors, institutions = [], []
    for j, a in enumerate(authors_raw):
        name, inst = (a.get("fullname") or a.get("name"), a.get("institution")) if isinstance(a, dict) else (a, None)
        if not isinstance(name, (str, type(None))) or not isinstance(inst, (str, type(None))):
            raise BadRecord(f"{where}.authors[{j}]: expected an object with string 'fullname' and 'institution'")
        if name and name.strip():  # the dumps carry anonymous placeholder authors with empty names
            authors.append(clean_text(name))
        if inst and inst.strip() and inst.strip() not in institutions:
            institutions.append(inst.strip())
    forum = (parse_qs(urlparse(rec.get("paper_url") or "").query).get("id") or [""])[0]
    if forum:
        pid, url = f"openreview:{forum}", f"https://openreview.net/forum?id={forum}"
    elif rec.get("uid") or rec.get("id"):
        pid, url = f"miniconf:{rec.get('uid') or rec.get('id')}", _miniconf_page(rec)
    else:
        raise BadRecord(f"{where}: no 'paper_url', 'uid' or 'id' to identify the paper")
    venue, year = _venue_from_group(rec.get("sourceurl") or "")
    if not venue:
        venue, year = fallback
        m = re.search(r"/virtual/((?:19|20)\d\d)/", rec.get("virtualsite_url") or "")
        year = year or (int(m.group(1)) if m else None)
    abstract = rec.get("abstract") or ""
    extra = {k: rec[k] for k in ("decision", "eventtype", "session") if isinstance(rec.get(k), str) and rec[k]}
    if rec.get("keywords"):
        extra["keywords"] = rec["keywords"]
    if rec.get("paper_pdf_url"):
        extra["pdf_url"] = rec["paper_pdf_url"]
    if len(authors_raw) > len(authors):  # placeholders are authors too: SHIP lists 11, one of them named
        extra["authors_listed"] = len(authors_raw)
    return Paper(id=pid, title=clean_text(title), abstract=clean_text(abstract, system_name_from(title, abstract)),
                 authors=authors, institutions=institutions, venue=venue, year=year,
                 topic=clean_text(rec.get("topic") or "") if isinstance(rec.get("topic"), str) else "",
                 url=url, source=path.name, extra=extra)


def _miniconf_page(rec: dict) -> str:
    """The paper's page on the conference site; relative links take the host of the record's API urls."""
    page = rec.get("virtualsite_url") or rec.get("url") or ""
    if not page or urlparse(page).scheme:
        return page
    hosts = [a.get("url") for a in rec.get("authors") or [] if isinstance(a, dict) and a.get("url")]
    host = urlparse(hosts[0]).netloc if hosts else ""
    return urljoin(f"https://{host}/", page) if host else page


# ---------------------------------------------------------------------------------------------------
# arXiv digest Markdown
# ---------------------------------------------------------------------------------------------------

_ARXIV_LINK = re.compile(r"\[arXiv\]\((https?://arxiv\.org/abs/([^)\s]+))\)")


def _sniff_digest(text: str) -> bool:
    return bool(re.search(r"^### ", text, re.M) and _ARXIV_LINK.search(text))


_SHORT_WORDS = frozenset("""a an the of to in on and or for by is are as at be it its we our can not but with via per
has was all any new two one how why use low high few may his her six ten key""".split())


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    from .lexical import english_words

    return english_words()


def _complete_sentences(cut: str) -> tuple[str, bool]:
    """An abstract cut at ~200 characters ('...'): its complete sentences, else the fragment; and whether
    what is kept is a fragment (it is then quoted with an ellipsis, see ``retrieve.Sentences``)."""
    stopped = re.search(r"(\.\.\.|…)\s*$", cut.strip())
    cut = re.sub(r"\s*(\.\.\.|…)\s*$", "", cut.strip())
    ends = [m.end() for m in re.finditer(r"[.!?][\"')\]]?(?=\s+[A-Z])", cut)]
    if ends:
        return cut[: ends[-1]], False
    last = re.search(r"[^\W\d_]+$", cut)
    whole = last and (not last.group(0).islower() or last.group(0) in _SHORT_WORDS
                      or (len(last.group(0)) >= 4 and last.group(0) in _words()))
    if stopped and " " in cut and last and not whole:
        cut = re.sub(r"[\s,;:(\[-]*\S+$", "", cut)  # stopped mid-word ("the dynamic computatio..."): the words before
    if stopped:  # ...nor on a word that leads on ("their substantial computational an...": "an" may be "and" cut)
        cut = re.sub(r"(?:[\s,;:(\[-]+(?:a|an|the|of|to|in|on|and|or|for|by|as|at|with|via|per|its|our|their|is|"
                     r"are|that|which|from|into|than|while|but|up|such|like|including|between|among|e\.g\.,?|"
                     r"i\.e\.,?))+$", "", cut, flags=re.I)
        if cut.count("(") > cut.count(")"):  # ("(e.g., selecting the best trace or...": the words before it)
            cut = cut[:cut.rfind("(")].rstrip(" ,;:-")
    return cut, bool(cut) and not cut.endswith((".", "!", "?"))


def _parse_digest(path: Path, text: str, skip_bad: bool) -> ParseResult:
    out = ParseResult()
    h1 = re.search(r"^# (.+)$", text, re.M)
    topic = clean_text(unescape_markdown(h1.group(1))) if h1 else ""
    line = 1
    for block in re.split(r"^---[ \t]*$", text, flags=re.M):
        start, line = line, line + block.count("\n")
        title = re.search(r"^### (.+)$", block, re.M)
        link = _ARXIV_LINK.search(block)
        if not title and not link:
            continue  # the digest's header or footer
        where = f"{path.name} line {start + block[: title.start() if title else 0].count(chr(10))}"
        if not title or not link:
            _bad(out, skip_bad, f"{where}: expected '### Title' and an [arXiv](https://arxiv.org/abs/...) link")
            continue
        rel = re.search(r"^\*\*Relevance:\s*(\d+)/100(?:\s*\|\s*Hype:\s*(\d+)/100)?\*\*\s*[—–-]+\s*(.+)$",
                        block, re.M)
        authors = re.search(r"^\*Authors:\s*(.+?)\*\s*$", block, re.M)
        published = re.search(r"^\*Published:\s*(\d{4})-(\d\d)-(\d\d)\*", block, re.M)
        quote = " ".join(q.strip() for q in re.findall(r"^>\s?(.*)$", block, re.M))
        summary = clean_text(unescape_markdown(rel.group(3))) if rel else ""
        names = [a.strip() for a in (authors.group(1) if authors else "").split(",")]
        truncated = bool(names and re.search(r"\bet al\.?$", names[-1]))
        if truncated:
            names[-1] = re.sub(r"\s*\bet al\.?$", "", names[-1])
        title_text = clean_text(unescape_markdown(title.group(1)))
        kept, fragment = _complete_sentences(quote)
        cut = clean_text(kept, system_name_from(title_text))
        extra: dict = {"summary": summary, "authors_truncated": truncated}
        if fragment:  # no sentence of the cut abstract is whole: its last words are quoted as cut, not as a sentence
            extra["abstract_cut"] = True
        if published:
            extra["published"] = "-".join(published.groups())
        if rel:
            extra["relevance"] = int(rel.group(1))
        out.papers.append(Paper(
            id=f"arxiv:{link.group(2)}", title=title_text, abstract=" ".join(x for x in (summary, cut) if x),
            authors=[clean_text(n) for n in names if n], venue="arXiv",
            year=int(published.group(1)) if published else None, topic=topic, url=link.group(1),
            source=path.name, extra=extra))
    return out


# ---------------------------------------------------------------------------------------------------
# Reading-notes Markdown (GitBook pages: ### section, * Title [[Paper](link)], indented details)
# ---------------------------------------------------------------------------------------------------

_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((https?://[^)\s]+)\)")


def _sniff_notes(text: str) -> bool:
    return bool(re.search(r"^\s*[*-] .*\[Paper\]\(https?://", unescape_markdown(text), re.M | re.I))


def _id_from_url(url: str) -> str:
    m = re.search(r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/)?)(10\.\d{4,}/[^\s?#]+)", url)
    if m:
        return f"doi:{m.group(1)}"
    m = re.search(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?$", url)
    if m:
        return f"arxiv:{m.group(1)}"
    forum = (parse_qs(urlparse(url).query).get("id") or [""])[0]
    return f"openreview:{forum}" if "openreview.net" in url and forum else f"url:{url}"


def _parse_notes(path: Path, text: str, skip_bad: bool) -> ParseResult:
    out = ParseResult()
    venue, year, topic, heading = "", None, "", ""
    current: dict | None = None
    items: list[dict] = []
    for line in text.splitlines():
        h = re.match(r"^(#{1,6})\s+(.+?)\s*#*$", line)
        if h and len(h.group(1)) == 1:
            if venue:
                break  # a second page title: GitBook boilerplate ("# Agent Instructions"), not notes
            venue = clean_text(unescape_markdown(h.group(2)))
            y = re.search(r"\b((?:19|20)\d\d)\b", venue)
            year = int(y.group(1)) if y else None
        elif h:
            current, level = None, len(h.group(1))
            if level == 2:
                heading, topic = h.group(2).strip().lower(), ""
            elif level == 3:
                topic = clean_text(unescape_markdown(h.group(2)))
        elif m := re.match(r"^[*-]\s+(.+)$", line):
            current = None
            body = unescape_markdown(m.group(1))
            if re.search(r"acronym|abbreviation|glossary", heading):
                g = re.match(r"([A-Za-z][\w-]*)\s*[:：=–—-]\s*(.+)$", body)
                if g:
                    out.glossary.setdefault(g.group(1), []).append(g.group(2).strip().lower())
                continue
            links = _MD_LINK.findall(body)
            paper = next((u for label, u in links if label.strip().lower() in ("paper", "pdf", "arxiv", "doi")),
                         None)
            if paper and (topic or "paper" in heading):  # linked items of the paper list, never other lists
                current = {"title": body[: body.index("[")].rstrip(" [") if "[" in body else body,
                           "url": paper, "links": dict((label.lower(), u) for label, u in links),
                           "topic": topic, "details": []}
                items.append(current)
        elif current and (m := re.match(r"^\s{2,}[*-]\s+(.+)$", line)):
            current["details"].append(unescape_markdown(m.group(1)).strip())
        elif line.strip():
            current = None
    for it in items:
        details = it["details"]
        # First detail line = affiliations, second = the one-line description; a lone long line is a
        # description.
        if len(details) == 1 and len(details[0].split()) >= 6:
            details = ["", details[0]]
        insts = [x.strip() for x in re.split(r"\s*&\s*|\s*;\s*", details[0])] if details else []
        extra = {"code_url": it["links"]["code"]} if "code" in it["links"] else {}
        title = clean_text(it["title"])
        out.papers.append(Paper(
            id=_id_from_url(it["url"]), title=title,
            abstract=clean_text(" ".join(details[1:]), system_name_from(title)),
            institutions=[x for x in insts if x], venue=venue or _venue_from_filename(path)[0],
            year=year or _venue_from_filename(path)[1], topic=it["topic"], url=it["url"],
            source=path.name, extra=extra))
    return out


# ---------------------------------------------------------------------------------------------------
# User collections: JSON Lines, CSV, JSON list of records (columns documented in docs/COLLECTIONS.md)
# ---------------------------------------------------------------------------------------------------

def _list_field(value: object, name: str, where: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        if value.lstrip().startswith("["):
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise BadRecord(f"{where}: '{name}' looks like a JSON list but is not valid JSON ({exc})")
        else:
            return [clean_text(x) for x in value.split(";") if x.strip()]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise BadRecord(f"{where}: '{name}' must be a list of strings or a ';'-separated string")
    return [clean_text(x) for x in value if x.strip()]


def _record_paper(rec: object, where: str, path: Path) -> Paper:
    if not isinstance(rec, dict):
        raise BadRecord(f"{where}: expected an object with at least 'id' and 'title'")
    rec = {str(k).strip().lower(): v for k, v in rec.items() if k is not None}
    for required in ("id", "title"):
        if rec.get(required) is None or not str(rec[required]).strip():
            raise BadRecord(f"{where}: missing '{required}'")
    year = rec.get("year")
    if year not in (None, ""):
        if not re.fullmatch(r"\s*\d{4}\s*", str(year)):
            raise BadRecord(f"{where}: 'year' must be a 4-digit integer, got {year!r}")
        year = int(str(year))
    text = {k: rec.get(k) for k in ("abstract", "venue", "topic", "url")}
    for k, v in text.items():
        if v is not None and not isinstance(v, str):
            raise BadRecord(f"{where}: '{k}' must be a string, got {type(v).__name__}")
    title = str(rec["title"])
    return Paper(id=str(rec["id"]).strip(), title=clean_text(title),
                 abstract=clean_text(text["abstract"], system_name_from(title, text["abstract"] or "")),
                 authors=_list_field(rec.get("authors"), "authors", where),
                 institutions=_list_field(rec.get("institutions"), "institutions", where),
                 venue=clean_text(text["venue"]), year=year or None, topic=clean_text(text["topic"]),
                 url=(text["url"] or "").strip(), source=path.name)


def _records(path: Path, rows: Iterable[tuple[str, object]], skip_bad: bool) -> ParseResult:
    out = ParseResult()
    seen: dict[str, str] = {}
    for where, rec in rows:
        try:
            if isinstance(rec, BadRecord):
                raise rec
            paper = _record_paper(rec, where, path)
            if paper.id in seen:
                raise BadRecord(f"{where}: duplicate id {paper.id!r} (first at {seen[paper.id]})")
            seen[paper.id] = where
            out.papers.append(paper)
        except BadRecord as exc:
            _bad(out, skip_bad, str(exc))
    return out


def _sniff_jsonl(text: str) -> bool:
    """Objects one per line, and at least one of the first few looks like a paper (has id or title)."""
    for line in [ln for ln in text[:20000].splitlines() if ln.strip()][:5]:
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict) and {"id", "title"} & {str(k).strip().lower() for k in rec}:
            return True
    return False


def _parse_jsonl(path: Path, text: str, skip_bad: bool) -> ParseResult:
    def rows():
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield f"{path.name} line {n}", json.loads(line)
                except ValueError as exc:
                    yield f"{path.name} line {n}", BadRecord(f"{path.name} line {n}: invalid JSON ({exc})")
    return _records(path, rows(), skip_bad)


def _sniff_records(text: str) -> bool:
    data = _json_or_none(text)
    return isinstance(data, list) and all(isinstance(r, dict) for r in data)


def _parse_records(path: Path, text: str, skip_bad: bool) -> ParseResult:
    return _records(path, ((f"{path.name} [{i}]", r) for i, r in enumerate(_json(text))), skip_bad)


def _csv_dialect(text: str) -> str | None:
    header = text[:4096].lstrip("\ufeff").split("\n", 1)[0]
    for delim in (",", "\t", ";"):
        cols = {c.strip().strip('"').lower() for c in header.split(delim)}
        if {"id", "title"} <= cols:
            return delim
    return None


def _parse_csv(path: Path, text: str, skip_bad: bool) -> ParseResult:
    delim = _csv_dialect(text) or ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delim)
    reader.fieldnames  # read the header so line numbers below count from it

    swallowed: list[str] = []
    last_line = text.rstrip("\n").count("\n") + 1  # (an unclosed quote reads on to the end of the file)
    id_col = next((i for i, c in enumerate(reader.fieldnames or ()) if c.strip().strip('"').lower() == "id"), 0)
    shapes: set[str] = set()  # the shapes of the ids read so far ("c:1" -> "a:9")

    def shape(value: str) -> str:
        return re.sub(r"\d+", "9", re.sub(r"[A-Za-z]+", "a", value.strip()))

    def _record_line(line: str) -> bool:  # a line swallowed into a field that reads as a record of its own
        cells = line.split(delim)
        return len(cells) >= len(reader.fieldnames or ()) and id_col < len(cells) and \
            shape(cells[id_col]) in shapes

    def rows():
        start = reader.line_num + 1
        for row in reader:
            # a quote never closed reads the next lines into one field: rows that had vanished without a word
            if reader.line_num > start and reader.line_num >= last_line and any(
                    isinstance(v, str) and "\n" in v and any(_record_line(line) for line in v.split("\n")[1:])
                    for v in row.values()):
                msg = (f"{path.name} line {start}: a quote opened in this record is never closed, so lines "
                       f"{start + 1}-{reader.line_num} were read into one of its fields; close the quote (a quote "
                       'inside a field is written "")')
                if not skip_bad:
                    raise SourceError(msg)
                swallowed.append(msg)
            else:
                shapes.add(shape(str(row.get((reader.fieldnames or ["id"])[id_col]) or "")))
                yield f"{path.name} line {start}", row  # the line the record starts on
            start = reader.line_num + 1
    try:
        result = _records(path, rows(), skip_bad)
    except csv.Error as exc:
        raise SourceError(f"{path.name} line {reader.line_num}: unreadable CSV ({exc})") from exc
    result.skipped.extend(swallowed)
    return result


# ---------------------------------------------------------------------------------------------------
# Registry, detection, loading
# ---------------------------------------------------------------------------------------------------

PARSERS: dict[str, Parser] = {p.name: p for p in (
    Parser("miniconf-json", "2", 'miniconf JSON export ({"count", "results": [{"name", "abstract", "authors"}]})',
           (".json",), _sniff_miniconf, _parse_miniconf),
    Parser("json-records", "1", 'JSON list of paper records ([{"id", "title", ...}])', (".json",),
           _sniff_records, _parse_records, user_ids=True),
    Parser("jsonl", "1", "JSON Lines, one paper object per line (id, title, ...)", (".jsonl", ".ndjson"),
           _sniff_jsonl, _parse_jsonl, user_ids=True),
    Parser("csv", "1", "CSV/TSV with a header row containing id and title", (".csv", ".tsv"),
           lambda t: _csv_dialect(t) is not None, _parse_csv, user_ids=True),
    Parser("arxiv-digest", "6", "arXiv digest Markdown (### Title, *Authors:*, [arXiv](abs link), > abstract)",
           (".md",), _sniff_digest, _parse_digest),
    Parser("reading-notes", "1", "reading-notes Markdown (### Section, * Title [[Paper](link)] + details)",
           (".md",), _sniff_notes, _parse_notes),
)}


def detect_format(path: Path | str, text: str) -> Parser:
    """The parser for a file, chosen by what its content looks like (the extension only breaks ties)."""
    path = Path(path)
    fits = [p for p in PARSERS.values() if p.sniff(text)]
    if fits:
        return next((p for p in fits if path.suffix.lower() in p.extensions), fits[0])
    supported = "; ".join(p.description for p in PARSERS.values())
    if text.lstrip()[:1] in ("{", "["):
        try:
            _json(text)
        except ValueError as exc:
            raise SourceError(f"{path.name}: invalid JSON ({exc}); supported formats: {supported}") from exc
        raise SourceError(f"{path.name}: valid JSON but not a recognised shape; expected a miniconf export "
                          '({"count": N, "results": [{"name", "abstract", "authors": [...]}]}) or a list of '
                          'paper records ([{"id": ..., "title": ...}])')
    raise SourceError(f"{path.name}: cannot tell which format this is; supported formats: {supported}")


def _files(paths: Iterable[Path | str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file()
                            and not any(part.startswith(".") for part in f.relative_to(p).parts)
                            and not f.name.upper().startswith("README"))
        elif p.is_file():
            files.append(p)
        else:
            raise SourceError(f"{p}: no such file or directory")
    return list({f.resolve(): f for f in files}.values())  # a file named twice is read once


def _richness(p: Paper) -> tuple:
    return (len(p.abstract), len(p.authors), len(p.institutions), bool(p.url), len(p.extra))


def load_collection(paths: Iterable[Path | str], skip_bad: bool = False) -> Collection:
    """Parse every file (or directory of files) into one de-duplicated, cleaned collection."""
    if isinstance(paths, (str, Path)):  # one path given bare: not an iterable of characters
        paths = [paths]
    col = Collection(papers=[])
    by_id: dict[str, int] = {}
    glossaries: list[dict[str, list[str]]] = []
    for path in _files(paths):
        data = path.read_bytes()
        name = path.name if path.name not in col.sources else str(path)
        col.sources[name] = hashlib.sha256(data).hexdigest()
        try:
            text = data.decode("utf-8-sig")
            parser = detect_format(path, text)
            result = parser.parse(path, text, skip_bad)
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            msg = (f"{path.name} line {line}: not UTF-8 text (byte offset {exc.start}: "
                   f"{data[exc.start:exc.start + 1]!r}); "
                   "save the file as UTF-8")
            if not skip_bad:
                raise SourceError(msg) from None
            col.skipped.append(msg)
            continue
        except SourceError as exc:
            if not skip_bad:
                raise
            col.skipped.append(str(exc))
            continue
        col.parser_versions[parser.name] = parser.version
        col.skipped += result.skipped
        glossaries.append(result.glossary)
        for paper in result.papers:
            if paper.id not in by_id:
                by_id[paper.id] = len(col.papers)
                col.papers.append(paper)
            elif parser.user_ids:
                msg = f"{path.name}: duplicate id {paper.id!r} (already in {col.papers[by_id[paper.id]].source})"
                if not skip_bad:
                    raise SourceError(msg)
                col.skipped.append(msg)
            elif _richness(paper) > _richness(col.papers[by_id[paper.id]]):
                col.papers[by_id[paper.id]] = paper  # a repeated entry: keep the fuller copy
    col.parser_versions["clean"] = CLEAN_VERSION
    _mend_line_breaks(col.papers)
    for paper in col.papers:
        if paper.institutions:
            paper.extra["affiliations"] = list(paper.institutions)  # raw, so the index can be rebuilt
    col.institutions = InstitutionIndex.from_papers(col.papers)
    for paper in col.papers:
        col.institutions.annotate(paper)
    texts = [t for p in col.papers for t in (p.title, p.abstract, p.extra.get("summary", ""))]
    col.glossary = merge_glossaries(mine_glossary(texts), *glossaries)
    return col


# a word a PDF broke at the end of a line ("the strag- gler problem", "Graph Convolutional Net- works"); not the
# first half of a pair sharing its end ("data- and tensor-parallel", "pre- or post-training")
_LINE_BREAK = re.compile(r"\b([A-Za-z]+)- ([a-z]+)\b")
_SHARED_END = frozenset("and or nor to vs versus as than but with".split())


def _mend_line_breaks(papers: list[Paper]) -> None:
    """Join the words of the papers' abstracts that a line break split, when the collection writes the whole word
    somewhere ("straggler", "networks"); a pair the collection never joins is left as it is."""
    words = {w.lower() for p in papers for w in re.findall(r"[A-Za-z]+", f"{p.title} {p.abstract}")}

    def join(m: re.Match) -> str:
        head, tail = m.groups()
        return head + tail if tail not in _SHARED_END and (head + tail).lower() in words else m.group(0)

    for p in papers:
        if "- " in p.abstract:
            p.abstract = _LINE_BREAK.sub(join, p.abstract)


# ---------------------------------------------------------------------------------------------------
# Glossary: "time-to-first-token (TTFT)", "TTFT (time-to-first-token)", acronym lists
# ---------------------------------------------------------------------------------------------------

_GLOSS_STOP = {"of", "the", "and", "for", "to", "in", "on", "a", "an", "with", "via", "by", "at"}
_ACRONYM = r"[A-Za-z][A-Za-z0-9\-]{0,11}"
_LONG_THEN_ACR = re.compile(r"\(\s*(" + _ACRONYM + r")\s*\)")
_ACR_THEN_LONG = re.compile(r"\b([A-Z]" + _ACRONYM[8:] + r")\s+\(([^()]{3,80})\)")
_WORD = re.compile(r"[\w'’-]+")


def _expands(acronym: str, words: list[str]) -> bool:
    """Do the words' prefixes, in order, spell the acronym (MoE <- Mixture-of-Experts)?"""
    parts = tuple(t for w in words for t in re.findall(r"[a-z0-9]+", w.lower()))
    if not parts or parts[0] in _GLOSS_STOP or sum(t not in _GLOSS_STOP for t in parts) < 2:
        return False
    letters = re.sub(r"[^a-z0-9]", "", acronym.lower())
    return parts[0][0] == letters[:1] and _align(letters, parts, _GLOSS_STOP)


def _is_acronym(token: str) -> bool:
    return bool(re.fullmatch(_ACRONYM, token)) and sum(c.isupper() for c in token) >= 2


def mine_glossary(texts: Iterable[str]) -> dict[str, list[str]]:
    """Acronym -> long forms found as 'long form (ACR)' or 'ACR (long form)' in the texts."""
    found: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for m in _LONG_THEN_ACR.finditer(text or ""):
            acr = m.group(1)
            if not _is_acronym(acr):
                continue
            words = _WORD.findall(text, max(0, m.start() - 160), m.start())[-12:]
            for candidate in ([acr[:-1], acr] if acr.endswith("s") else [acr]):  # "LLMs" -> LLM
                for k in range(1, len(words) + 1):
                    if _expands(candidate, words[-k:]):
                        found[candidate][_long_form(words[-k:], candidate != acr)] += 1
                        break
                else:
                    continue
                break
        for m in _ACR_THEN_LONG.finditer(text or ""):
            acr, words = m.group(1), m.group(2).split()
            acr = acr[:-1] if acr.endswith("s") and _is_acronym(acr[:-1]) else acr
            if _is_acronym(acr) and len(words) <= 8 and _expands(acr, words):
                found[acr][_long_form(words, m.group(1) != acr)] += 1
    return {a: [f for f, _ in c.most_common()] for a, c in found.items()}


def _long_form(words: list[str], plural: bool) -> str:
    form = " ".join(words).lower().strip(" ,;:")
    # "large language models (LLMs)" -> "large language model"; "mixture-of-experts" stays as written
    return re.sub(r"(?<!s)s$", "", form) if plural and "-" not in form.split()[-1] else form


def merge_glossaries(*glossaries: dict[str, list[str]]) -> dict[str, list[str]]:
    """One glossary: acronyms that differ only in case are one entry; spelling variants of a long form
    ('time to first token' / 'time-to-first-token') are one form."""
    spelling: dict[str, str] = {}
    merged: dict[str, list[str]] = {}
    for g in glossaries:
        for acr, forms in g.items():
            key = spelling.setdefault(acr.casefold(), acr)
            have = merged.setdefault(key, [])
            norms = {re.sub(r"[^a-z0-9]", "", f) for f in have}
            for f in forms:
                if re.sub(r"[^a-z0-9]", "", f) not in norms:
                    norms.add(re.sub(r"[^a-z0-9]", "", f))
                    have.append(f)
    return dict(sorted(merged.items()))
