"""Optional LLM answerer: an OpenAI-compatible server writes the answer from the retrieved papers.

The grounded (extractive) answer is always computed first and passed in as ``fallback``; whenever the
LLM is unreachable, slow, broken or ungrounded, that answer is returned with a one-line note, so asking
with the LLM never fails harder than asking without it. The LLM's text is treated as untrusted: only
citations of papers it was given survive, and images, HTML and foreign links are stripped.
"""
from __future__ import annotations

import html
import ipaddress
import json
import queue
import re
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator, Sequence
from urllib.parse import urlsplit

from .config import Settings
from .errors import ConfigError, LLMError
from .prompts import load_prompt
from .schema import Answer, Citation, Paper, sources_block

if TYPE_CHECKING:  # httpx is imported lazily: only LLM users pay for it
    import httpx

# Same sentence as answer.REFUSAL_TEXT (a test keeps them equal); not imported so this module stays
# free of numpy/retrieval imports.
REFUSAL_TEXT = "The collection does not cover this question: no indexed paper answers it."
PROMPT_NAME = "answer"
MAX_SOURCE_CHARS = 1500  # per paper: keeps the prompt small enough for local models' context windows
MAX_TOKENS = 1024  # "answer briefly"; also stops a runaway generation well before most timeouts
MAX_REPLY_CHARS = 8 * MAX_TOKENS  # a server ignoring max_tokens is cut here (2.7 MB had held the app for 100 s)
CHECK_TIMEOUT = 3.0

Candidates = Sequence[tuple[Paper, Sequence[str]]]

# ---------------------------------------------------------------------------------------------- prompt

# "<source", "</source", "< / SOURCE", "</question>"...: anything a paper or a question could use to open or close
# a block of the prompt.
_SOURCE_TAG = re.compile(r"<(\s*/?\s*)(source|question)", re.I)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _neutral(text: str) -> str:
    # A look-alike angle bracket keeps the text readable for the model but is no longer a delimiter.
    return _SOURCE_TAG.sub(lambda m: "\u2039" + m.group(1) + m.group(2), text)


def format_sources(candidates: Candidates) -> str:
    """The candidates as ``<source id="...">`` blocks that paper text cannot open or close."""
    blocks = []
    for paper, sentences in candidates:
        text = _one_line(" ".join(s for s in sentences if s) or paper.abstract or paper.title)
        if len(text) > MAX_SOURCE_CHARS:
            text = text[:MAX_SOURCE_CHARS].rsplit(" ", 1)[0] + " …"
        pid = _neutral(paper.id).replace('"', "&quot;").replace(">", "&gt;")
        # who wrote it and where they work: "who works on X?" is answerable from the sources too
        people = [f"{label}: {_neutral(_one_line(', '.join(names[:8]) + (' et al.' if len(names) > 8 else '')))}"
                  for label, names in (("Authors", paper.authors), ("Institutions", paper.institutions)) if names]
        blocks.append("\n".join([
            f'<source id="{pid}">',
            f"Title: {_neutral(_one_line(paper.title))}",
            f"Venue: {_neutral(_one_line(paper.venue)) or 'unknown'}",
            *people,
            f"Text: {_neutral(text)}",
            "</source>",
        ]))
    return "\n\n".join(blocks)


def build_messages(question: str, candidates: Candidates) -> list[dict[str, str]]:
    """The chat messages sent to the server (``prompts/answer.md`` filled in)."""
    template = load_prompt(PROMPT_NAME)
    return template.render(question=_neutral(question.strip()), sources=format_sources(candidates),
                           refusal=REFUSAL_TEXT)


# ------------------------------------------------------------------------------------------ validation

_THINK = re.compile(r"<think>.*?(</think>|$)", re.I | re.S)  # reasoning models' scratchpad
_TRAILING_SOURCES = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:sources|references)(?:\*\*|__)?:?(?:\*\*|__)?[ \t]*$.*\Z",
    re.I | re.M | re.S)
_PAREN_URL = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # "(url)" allowing one level of parentheses inside
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:" + _PAREN_URL + r"|\[[^\]\n]*\])")
_REF_DEF = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S.*$\n?", re.M)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]*)\]\[[^\[\]\n]*\]")
_BRACKET = re.compile(r"\[([^\[\]\n]{1,300})\](?!\()")
_ID_LIKE = re.compile(r"^[\w][\w.:/\-]*$")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\[\]()\"']+")
_EMAIL = re.compile(r"\b(?:mailto:)?[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")  # autolinked
_LIST_MARK = re.compile(r"^\s*(?:\*\*)?(?:[-*+]|\d+[.)])\s+")  # "1. ", "- ", "**2. ": no sentence of its own


def _allowed_url(url: str, allowed: set[str]) -> bool:
    return url.rstrip("/") in allowed


def validate(text: str, candidates: Candidates) -> tuple[str, list[str]]:
    """Keep only citations of candidate papers and their own links; strip images, HTML and other links."""
    text, cited, _ = _validate(text, candidates)
    return text, cited


_DROPPED = "\x00"  # marks where a citation of nothing given stood, until its sentence is judged
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+(?=\S)")


def _known_ids(candidates: Candidates) -> dict[str, str]:
    """The spellings of the candidates' ids a model may write: as given, an arXiv id without its version
    ("arxiv:2602.20515"), or without the prefix ("yyDbI3HXco") when that names one paper only."""
    known: dict[str, str] = {}
    bare: dict[str, set[str]] = {}
    for p, _ in candidates:
        pid = p.id
        known[pid.lower()] = pid
        unversioned = re.sub(r"(?<=\d)v\d+$", "", pid) if pid.lower().startswith("arxiv:") else pid
        known.setdefault(unversioned.lower(), pid)
        for form in {pid, unversioned}:
            if ":" in form:
                bare.setdefault(form.split(":", 1)[1].lower(), set()).add(pid)
    for form, ids in bare.items():
        if len(ids) == 1:
            known.setdefault(form, next(iter(ids)))
    return known


def _validate(text: str, candidates: Candidates) -> tuple[str, list[str], tuple[int, int]]:
    """``validate``, and how many statements were removed: those whose every citation named a paper the model
    was not given (an invented id), and those citing nothing. A claim is never left standing without its
    citation."""
    known = _known_ids(candidates)
    urls_by_id = {p.id: p.url.rstrip("/") for p, _ in candidates if p.url}

    text = _THINK.sub("", text)
    # "&lt;img src=x onerror=...&gt;" is a tag spelt as entities: read as written, then removed as a tag
    text = html.unescape(text)
    text = re.sub(r"<(script|style)\b.*?(?:</\1\s*>|$)", "", text, flags=re.I | re.S)  # their text is no prose
    # "[openreview:a][openreview:b]": two citations, not a reference-style link whose text is the first
    text = re.sub(r"(\[[\w.-]+:[^\[\]\s]+\])(?=\[)", r"\1 ", text)
    text = _TRAILING_SOURCES.sub("", text)  # the model's own reference list: we append a checked one
    text = _COMMENT.sub("", text)
    text = _IMAGE.sub("", text)
    text = _REF_DEF.sub("", text)  # "[1]: http://..." would turn "[x][1]" into a link
    text = _TAG.sub("", text)  # also removes autolinks such as <http://evil.example>
    text = re.sub(r"<(?=[A-Za-z/!?])", "\u2039", text)  # an unclosed "<img src=x onerror=..." is no tag
    text = re.sub(r"!(?=\[)", "", text)  # a "!" left before a bracket could still start an image
    text = text.replace(_DROPPED, "")

    def ids_in(group: str) -> list[str] | None:
        """Known ids in a bracket group; None when it does not look like a citation at all."""
        tokens = [t for t in re.split(r"[,;]\s*|\s+", group.strip()) if t]
        # (another version of an arXiv paper given is that paper: "arxiv:2401.00001v3" for "...v1")
        forms = [(t.lower(), re.sub(r"(?<=\d)v\d+$", "", t.lower())) for t in tokens]
        hits = [known.get(exact) or known[bare] for exact, bare in forms if exact in known or bare in known]
        if hits:
            return hits
        if tokens and len(tokens) <= 8 and all(_ID_LIKE.match(t) for t in tokens):
            return []  # "[1]", "[arxiv:9999.1]", "[Source 2]": a citation of nothing we gave it
        return None

    # "(openreview:abc)": a citation in parentheses is one in brackets
    text = re.sub(r"\(([^()\n]{1,300})\)", lambda m: f"[{m.group(1)}]" if ids_in(m.group(1)) else m.group(0), text)
    cited_first = {i for m in _BRACKET.finditer(text) for i in (ids_in(m.group(1)) or [])}
    allowed = {urls_by_id[i] for i in cited_first if i in urls_by_id}

    def link(m: re.Match) -> str:
        return m.group(0) if _allowed_url(m.group(2), allowed) else m.group(1)

    text = _LINK.sub(link, text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)

    cited: list[str] = []

    def citation(m: re.Match) -> str:
        hits = ids_in(m.group(1))
        if hits is None:
            return m.group(0)
        if not hits:
            return _DROPPED
        out = []
        for pid in dict.fromkeys(hits):
            if pid not in cited:
                cited.append(pid)
            out.append(f"[{pid}]")
        return " ".join(out)

    text = _BRACKET.sub(citation, text)

    def bare(m: re.Match) -> str:
        url = m.group(0)
        core = url.rstrip(".,;:!?")
        if _allowed_url(core, allowed):
            return url
        return url[len(core):]  # keep the sentence's punctuation, drop the link

    # Bare URLs are autolinked by most markdown renderers, so they count as links too. Kept markdown
    # links carry an allowed URL, which this leaves alone.
    text = _BARE_URL.sub(bare, text)
    text = _EMAIL.sub("", text)
    # "[the [full] paper](javascript:...)": the inner bracket, gone as a citation of nothing, leaves a link the
    # first pass could not see; whatever link syntax remains with a URL not allowed is broken apart
    text = _LINK.sub(link, text)
    kept_link = "|".join(re.escape(u) for u in sorted(allowed, key=len, reverse=True))
    text = re.sub(r"\]\((?!\s*<?(?:" + kept_link + r")/?>?(?:\s+\"[^\"\n]*\")?\s*\))" if kept_link else r"\]\(",
                  "] (", text)

    # Every statement cites a paper it was given: one whose citations all named papers it was not given goes, with
    # its invented citation, and so does one citing nothing ("... beats everything by 1000x."); a lead-in ("Three
    # papers do:"), a heading or a very short line stays. A statement citing a given paper keeps that citation.
    valid = re.compile(r"\[(?:" + "|".join(re.escape(pid) for pid in cited) + r")\]") if cited else None
    dropped = uncited = 0
    lines = []
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            lines.append(line)
            continue
        mark = _LIST_MARK.match(line)  # (a numbered item's "1." had been read as a sentence, and removed)
        prefix, line = (line[:mark.end()], line[mark.end():]) if mark else ("", line)
        sentences: list[str] = []
        for sentence in _SENTENCE_END.split(line):  # "Claim. [id]": a citation after the full stop is the claim's
            if sentences and not re.sub(r"\[[^\[\]\n]*\]|" + _DROPPED + r"|[\s.,;:]", "", sentence):
                sentences[-1] += " " + sentence
            else:
                sentences.append(sentence)
        kept = []
        for sentence in sentences:
            if valid is not None and valid.search(sentence):
                kept.append(sentence.replace(_DROPPED, ""))
            elif _DROPPED in sentence:
                dropped += 1
            elif sentence.rstrip().endswith(":") or (len(re.findall(r"\w+", sentence)) < 4 and not (
                    re.search(r"\d", sentence) or (re.search(r"[.!?]\W*$", sentence) and len(sentence.split()) > 1))):
                # a lead-in ("Three papers do:"), a heading, "Sure."; not "TTFT drops 99%." or "Beats everything!"
                kept.append(sentence)
            else:
                uncited += 1
        line = " ".join(kept)
        if re.fullmatch(r"\s*([-*+]|\d+[.)])?\s*", line):  # a list item left empty (its marker kept apart, or not)
            continue
        line = prefix + line
        lines.append(line)
    text = "\n".join(lines)

    # Tidy the gaps the removals leave.
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([.,;:!?)])", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, cited, (dropped, uncited)


def _is_refusal(text: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\s*_`\"'“”]+", " ", s).strip().lower().rstrip(".")

    return norm(REFUSAL_TEXT) in norm(text)


# ------------------------------------------------------------------------------------------- transport


class _Failure(Exception):
    """Why the LLM answer is unavailable (shown in the fallback note)."""


def _endpoint(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + path


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _client(settings: Settings, timeout: "float | httpx.Timeout") -> "httpx.Client":
    import httpx

    # Proxy variables are honoured for remote servers but never for a local one: a corporate
    # HTTP_PROXY without NO_PROXY would otherwise send 127.0.0.1 traffic to the proxy.
    return httpx.Client(timeout=timeout, trust_env=not _is_loopback(settings.llm_base_url))


def _headers(settings: Settings, stream: bool) -> dict[str, str]:
    headers = {"Accept": "text/event-stream" if stream else "application/json"}
    if settings.llm_api_key:
        headers["Authorization"] = f"Bearer {settings.llm_api_key}"
    return headers


def _plain(reason: str, limit: int = 160) -> str:
    # The reason ends up in rendered markdown: no links, images, tags or emphasis from a server's text.
    reason = re.sub(r"\[Errno (\d+)\]\s*", r"errno \1: ", reason)  # not "( Errno 111 Connection refused)"
    reason = _BARE_URL.sub("", reason)
    reason = re.sub(r"[\[\]<>!*`#|\\]", " ", reason)  # "_" inside words and "()" are harmless
    reason = _one_line(reason)
    return reason if len(reason) <= limit else reason[: limit - 1].rstrip() + "…"


def _describe(exc: Exception) -> str:
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return "the LLM server timed out"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot reach the LLM server ({exc or 'connection failed'})"
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return f"the LLM server broke the connection ({exc or type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}"


def _error_message(obj: dict) -> str:
    err = obj.get("error")
    if isinstance(err, dict):
        err = err.get("message") or err.get("type") or err
    return f"server error: {err}"


def _message_content(body: bytes) -> str:
    try:
        obj = json.loads(body)
    except ValueError:
        raise _Failure("the LLM server's reply is not JSON") from None
    try:
        content = obj["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        if isinstance(obj, dict) and "error" in obj:
            raise _Failure(_error_message(obj)) from None
        raise _Failure("the LLM server's reply has no choices[0].message.content") from None
    if not isinstance(content, str):
        raise _Failure("the LLM server's reply has no text content")
    return content + (_CUT if _finish_reason(obj["choices"][0]) == "length" else "")


_CUT = "\x00cut\x00"  # put in the reply when the server stopped it at max_tokens (finish_reason "length")


def _finish_reason(choice: object) -> str | None:
    return choice.get("finish_reason") if isinstance(choice, dict) else None


def _sse_deltas(resp: "httpx.Response", cancel: threading.Event) -> Iterator[str]:
    finished = False
    for line in resp.iter_lines():
        if cancel.is_set():
            return
        line = line.strip()
        if not line.startswith("data:"):
            continue  # blank separators, ": comments", event:/id:/retry: fields
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            obj = json.loads(data)
        except ValueError:
            raise _Failure("the LLM server sent a stream event that is not JSON") from None
        if not isinstance(obj, dict):
            raise _Failure("the LLM server sent a malformed stream event")
        if "error" in obj:
            raise _Failure(_error_message(obj))
        choices = obj.get("choices") or []
        delta = choices[0].get("delta") if choices and isinstance(choices[0], dict) else None
        content = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(content, str) and content:
            yield content
        reason = _finish_reason(choices[0]) if choices else None
        if reason:
            finished = True
            if reason == "length":
                yield _CUT
    if not finished and not cancel.is_set():  # the connection closed with neither [DONE] nor a finish reason
        raise _Failure("the LLM server ended its reply stream before finishing it")


def _request(settings: Settings, messages: list[dict[str, str]], stream: bool,
             cancel: threading.Event) -> Iterator[str]:
    import httpx

    url = _endpoint(settings.llm_base_url, "chat/completions")
    payload: dict = {"messages": messages, "temperature": 0, "stream": stream, "max_tokens": MAX_TOKENS}
    if settings.llm_model:  # local servers (llama.cpp) serve one model and accept no name
        payload["model"] = settings.llm_model
    t = float(settings.llm_timeout)
    with _client(settings, httpx.Timeout(t, connect=min(t, CHECK_TIMEOUT))) as client:
        with client.stream("POST", url, json=payload, headers=_headers(settings, stream)) as resp:
            if resp.status_code >= 400:
                detail = ""
                try:
                    detail = _error_message(json.loads(resp.read()))
                except Exception:  # the body is only decoration for the message
                    pass
                raise _Failure(f"HTTP {resp.status_code} from the LLM server" + (f" ({detail})" if detail else ""))
            if stream and "event-stream" in resp.headers.get("content-type", ""):
                yield from _sse_deltas(resp, cancel)
            else:  # not streaming, or a server that ignored "stream": one JSON reply
                yield _message_content(resp.read())


def _worker(settings: Settings, messages: list[dict[str, str]], stream: bool,
            events: queue.Queue, cancel: threading.Event) -> None:
    try:
        for delta in _request(settings, messages, stream, cancel):
            if cancel.is_set():
                return
            events.put(("delta", delta))
        events.put(("done", ""))
    except _Failure as exc:
        events.put(("error", str(exc)))
    except Exception as exc:  # whatever a broken server triggers must reach the caller, not kill a thread
        events.put(("error", _describe(exc)))


def _chat(settings: Settings, messages: list[dict[str, str]], stream: bool) -> Iterator[str]:
    """Reply text pieces; raises ``_Failure`` on any problem, or once ``llm_timeout`` seconds have passed.

    httpx timeouts bound each connect/read, not the whole exchange (a server trickling one byte a second
    never trips them), so the request runs in a daemon thread and this side enforces the total deadline.
    """
    if not settings.llm_base_url:
        raise _Failure("no LLM server is configured (set ASSISTANT_LLM_BASE_URL)")
    timeout = float(settings.llm_timeout)
    deadline = time.monotonic() + timeout
    events: queue.Queue = queue.Queue()
    cancel = threading.Event()
    threading.Thread(target=_worker, args=(settings, messages, stream, events, cancel),
                     name="llm-request", daemon=True).start()
    size = 0
    try:
        while True:
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise queue.Empty
                kind, value = events.get(timeout=remaining)
            except queue.Empty:
                raise _Failure(f"no complete reply within {timeout:g} s") from None
            if kind == "delta":
                if size + len(value) >= MAX_REPLY_CHARS:  # a server that ignores max_tokens: its reply is cut
                    yield value[:max(MAX_REPLY_CHARS - size, 0)] + _CUT
                    return
                size += len(value)
                yield value
            elif kind == "done":
                return
            else:
                raise _Failure(value)
    finally:
        cancel.set()  # the worker stops at its next chunk; its own read timeout bounds the rest


# --------------------------------------------------------------------------------------------- answers


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)


def _fallback(fallback: Answer, reason: str, t0: float) -> Answer:
    note = f"_(LLM answer unavailable: {_plain(reason)}; showing the grounded answer.)_"
    return replace(fallback, text=f"{note}\n\n{fallback.text}", citations=list(fallback.citations),
                   timings_ms={**fallback.timings_ms, "llm": _ms(t0)})


def _finish(raw: str, candidates: Candidates, fallback: Answer, t0: float) -> Answer:
    cut = _CUT in raw
    raw = raw.replace(_CUT, "")
    if not raw.strip():
        return _fallback(fallback, "the LLM returned an empty reply", t0)
    text, cited, (dropped, uncited) = _validate(raw, candidates)
    timings = {**fallback.timings_ms, "llm": _ms(t0)}
    if not cited and _is_refusal(raw):
        if fallback.refused:
            return Answer(text=REFUSAL_TEXT, citations=[], refused=True, timings_ms=timings)
        # the search found papers that answer it: the user sees them, told that the LLM saw no answer there
        return _fallback(fallback, "the LLM said the papers given to it do not answer the question", t0)
    if not cited:
        return _fallback(fallback, "the LLM reply cited none of the retrieved papers", t0)
    notes = ["written by the LLM from the papers cited; every citation checked against them"]  # not composed
    if dropped:
        notes.append(f"{dropped} statement{'s' if dropped != 1 else ''} citing papers that were not retrieved "
                     f"{'were' if dropped != 1 else 'was'} removed")
    if uncited:
        notes.append(f"{uncited} statement{'s' if uncited != 1 else ''} citing no paper "
                     f"{'were' if uncited != 1 else 'was'} removed")
    if cut:
        notes.append("the LLM's reply reached its length limit and may end early")
    text += "\n\n_(" + "; ".join(notes)[:1].upper() + "; ".join(notes)[1:] + ".)_"
    papers = {}
    for paper, sentences in candidates:
        papers.setdefault(paper.id, (paper, sentences))
    scores = {c.paper_id: c.score for c in fallback.citations}
    citations = []
    for pid in cited:
        paper, sentences = papers[pid]
        quote = next((s.strip() for s in sentences if s and s.strip()), "") or paper.title
        citations.append(Citation(paper_id=pid, title=paper.title, url=paper.url, venue=paper.venue,
                                  quote=quote, score=float(scores.get(pid, 0.0))))
    return Answer(text=text + "\n" + sources_block(citations), citations=citations, refused=False,
                  timings_ms=timings)


def _no_candidates(fallback: Answer, t0: float) -> Answer:
    # With nothing retrieved the model could only refuse; the grounded answer already says so.
    if fallback.refused:
        return replace(fallback, citations=list(fallback.citations),
                       timings_ms={**fallback.timings_ms, "llm": _ms(t0)})
    return _fallback(fallback, "no retrieved papers to give the LLM", t0)


def llm_answer(settings: Settings, question: str, candidates: Candidates, fallback: Answer) -> Answer:
    """The LLM's cited answer from ``candidates``, or ``fallback`` with a note if it is unavailable."""
    t0 = time.perf_counter()
    if not candidates:
        return _no_candidates(fallback, t0)
    messages = build_messages(question, candidates)  # a broken prompt file is a ConfigError: raise it
    try:
        raw = "".join(_chat(settings, messages, stream=False))
    except _Failure as exc:
        return _fallback(fallback, str(exc), t0)
    return _finish(raw, candidates, fallback, t0)


def _stable_cut(raw: str) -> int:
    """Length of ``raw`` whose markup is complete: a trailing "[x](htt..." may still become a link."""
    cut = len(raw)
    j = raw.rfind("<")
    if j >= 0 and ">" not in raw[j:]:
        cut = j
    j = raw.rfind("[", 0, cut)
    if j >= 0:
        rest = raw[j:cut]
        close = rest.find("]")
        after = rest[close + 1:] if close >= 0 else ""
        if (close < 0 or after == "" or (after.startswith("(") and ")" not in after)
                or (after.startswith("[") and "]" not in after[1:])):
            cut = j
    if raw[:cut].endswith("!"):
        cut -= 1
    return cut


_STATEMENT_END = re.compile(r"[.!?:](?:\s*\[[^\[\]\n]*\])*(?=\s)|\n")


def _whole_statements(text: str) -> str:
    """``text`` up to the end of its last finished sentence or line (a sentence still being written is judged,
    and shown, once it ends)."""
    ends = [m.end() for m in _STATEMENT_END.finditer(text)]
    return text[:ends[-1]] if ends else ""


def llm_answer_stream(settings: Settings, question: str, candidates: Candidates,
                      fallback: Answer) -> Iterator[str | Answer]:
    """Yield the cleaned answer text as it grows, then the final ``Answer`` (``fallback`` + note on failure)."""
    t0 = time.perf_counter()
    if not candidates:
        yield _no_candidates(fallback, t0)
        return
    messages = build_messages(question, candidates)
    raw = ""
    shown = ""
    try:
        for delta in _chat(settings, messages, stream=True):
            raw += delta
            # Validate what is complete so far: images, tags and foreign links never appear, even briefly.
            whole = raw.replace(_CUT, "")
            # (whole statements only: "Paper X reduces" had shown before its sentence was removed as uncited)
            text = validate(_whole_statements(whole[:_stable_cut(whole)]), candidates)[0]
            if text and text != shown:
                shown = text
                yield text
    except _Failure as exc:
        yield _fallback(fallback, str(exc), t0)
        return
    yield _finish(raw, candidates, fallback, t0)


def check_server(settings: Settings) -> None:
    """Raise ``LLMError`` within ~3 s if the configured LLM server cannot be reached (GET /models)."""
    base = settings.llm_base_url
    if not base:
        raise ConfigError("No LLM server is configured: set ASSISTANT_LLM_BASE_URL "
                          "(for example http://127.0.0.1:8080/v1).")
    import httpx

    try:
        with _client(settings, CHECK_TIMEOUT) as client:
            resp = client.get(_endpoint(base, "models"), headers=_headers(settings, stream=False))
    except httpx.TimeoutException:
        reason = f"no reply within {CHECK_TIMEOUT:g} s"
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
    else:
        if resp.status_code < 400:
            return
        reason = f"HTTP {resp.status_code} for GET /models"
        if resp.status_code in (401, 403):
            reason += " (check ASSISTANT_LLM_API_KEY)"
        elif resp.status_code == 404:
            reason += " (the base URL usually ends in /v1)"
    raise LLMError(f"Cannot reach the LLM server at {base}: {_one_line(reason)}")


__all__ = ["REFUSAL_TEXT", "build_messages", "check_server", "format_sources", "llm_answer",
           "llm_answer_stream", "validate"]
