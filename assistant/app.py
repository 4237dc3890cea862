"""The web app: a chat over the papers with a sources panel, a map of the collection and a paper table.

``build_app(assistant)`` makes the Gradio Blocks; ``serve(settings)`` launches it on 127.0.0.1. Everything
it shows comes from the Python API (``Assistant``, ``Conversation``); this module only renders. Paper
text is untrusted input: it is escaped before it enters HTML, and answer markdown never carries images
or raw HTML, so the browser only ever loads this server's own pages.
"""
from __future__ import annotations

import html
import logging
import queue
import re
import sys
import threading
from collections import Counter
from typing import Any, Iterator
from urllib.parse import quote, urlsplit

from .config import Settings  # first: it switches gradio's analytics off before gradio is imported
from .answer import example_questions
from .conversation import Conversation
from .errors import AssistantError, ConfigError, QuestionError
from .query import foreign_language
from .schema import Answer, Paper

import gradio as gr  # noqa: E402  (after config, see above)

log = logging.getLogger(__name__)

ANY = "Any"
CONCURRENCY = 4  # answers computed at once; a question takes well under a second once loaded
QUEUE_SIZE = 64  # waiting requests beyond this are turned away instead of piling up
# ...and more at once with an LLM server, whose answers mostly wait on it: a slow or stalled server would
# otherwise hold every slot and queue grounded questions behind it
LLM_WAITING = 12
PASTE_FACTOR = 20  # the box and the API take this many times the characters a question is read to
_ID_REF = re.compile(r"\[([A-Za-z][\w.\-]*:[^\[\]\s]+)\]")
_SOURCES_BLOCK = re.compile(r"\n\s*\*\*Sources\*\*\s*\n.*\Z", re.S)
_PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31", "#4D4D4D"]  # Okabe-Ito

# System fonts only: the page never asks another site for anything (no web fonts).
THEME = gr.themes.Default(font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
                          font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"])
CSS = """
.pa-purpose { opacity: 0.85; }
"""
SOURCES_CSS = """
.pa-empty { opacity: 0.7; padding: 8px; }
.pa-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px;
           margin-bottom: 10px; background: var(--block-background-fill); }
.pa-head { font-weight: 600; line-height: 1.3; }
.pa-num { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 4px; margin-right: 4px;
          background: var(--color-accent-soft, #e0e7ff); font-size: 0.85em; }
.pa-meta, .pa-people { font-size: 0.85em; opacity: 0.85; margin-top: 3px; }
.pa-quote { margin: 6px 0; font-size: 0.92em; line-height: 1.4; }
.pa-quote mark { background: #fff3a3; color: #1a1a1a; padding: 0 2px; }
.pa-link { font-size: 0.9em; }
"""
MAP_CSS = """
.pa-map svg.pa-plot { width: 100%; height: auto; max-height: 680px; display: block; }
.pa-legend { font-size: 0.9em; margin-bottom: 6px; display: flex; flex-wrap: wrap; row-gap: 4px; }
.pa-key { display: inline-flex; align-items: center; margin-right: 16px; white-space: nowrap; }
.pa-dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 5px; }
.pa-ring { border: 2.5px solid #111; width: 9px; height: 9px; }
.pa-map circle:hover { stroke: #000; stroke-width: 2; }
.pa-caption { font-size: 0.85em; opacity: 0.8; margin-top: 4px; }
"""


# ---------------------------------------------------------------------- escaping and links
def esc(text: Any) -> str:
    """Escape untrusted text for HTML (also the braces and dollar of gr.HTML's template syntax)."""
    out = html.escape(str(text if text is not None else ""), quote=True)
    return out.replace("{", "&#123;").replace("}", "&#125;").replace("$", "&#36;")


def safe_url(url: str) -> str:
    """``url`` if it is an http(s) link, else "" (a javascript: or data: URL never becomes a link)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return url


def link_label(paper: Paper | None, url: str) -> str:
    """What a paper's link is called: OpenReview, arXiv, DOI, or the site's name."""
    host = urlsplit(url).netloc.lower()
    pid = paper.id if paper else ""
    if "openreview.net" in host:
        return "OpenReview"
    if "arxiv.org" in host:
        return "arXiv"
    if pid.startswith("doi:") or "doi.org" in host or "/doi/" in url:
        return "DOI"
    return host or "link"


def _md_url(url: str) -> str:
    """A URL safe inside a markdown link's parentheses."""
    return quote(url, safe=":/?#[]@!&'*+,;=%-._~")


def safe_markdown(text: str) -> str:
    """Neutralise raw HTML and image syntax in markdown built from paper text (images would be fetched)."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"!(?=\[)", r"!\\", text)


def link_citations(text: str, lookup) -> str:
    """Turn each ``[paper_id]`` of an answer into a markdown link to the paper's page."""
    def repl(m: re.Match) -> str:
        paper = lookup(m.group(1))
        url = safe_url(paper.url) if paper else ""
        if not url:
            return m.group(0)
        return f"\\[[{m.group(1)}]({_md_url(url)})\\]"

    return _ID_REF.sub(repl, text)


# ---------------------------------------------------------------------- rendering
def render_sources(answer: Answer | None, lookup) -> str:
    """One HTML card per cited paper: title, venue, people, the supporting quote marked, and its link."""
    if answer is None:
        return '<div class="pa-empty">The papers an answer cites appear here, with the sentence that supports it.</div>'
    if not answer.citations:
        return '<div class="pa-empty">This answer cites no paper: the collection does not answer the question.</div>'
    cards = []
    for i, c in enumerate(answer.citations, 1):
        paper = lookup(c.paper_id)
        url = safe_url(c.url or (paper.url if paper else ""))
        authors = list(paper.authors) if paper else []
        people = ", ".join(authors[:6]) + (" et al." if len(authors) > 6 else "")
        insts = "; ".join(paper.institutions) if paper else ""
        year = f" · {paper.year}" if paper and paper.year and str(paper.year) not in (c.venue or "") else ""
        link = (f'<a class="pa-link" href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                f'{esc(link_label(paper, url))} ↗</a>' if url else "")
        cards.append(
            f'<div class="pa-card" data-paper-id="{esc(c.paper_id)}">'
            f'<div class="pa-head"><span class="pa-num">{i}</span>{esc(c.title)}</div>'
            f'<div class="pa-meta">{esc(c.venue)}{esc(year)} · <code>{esc(c.paper_id)}</code></div>'
            + (f'<div class="pa-people">{esc(people)}</div>' if people else "")
            + (f'<div class="pa-people"><em>{esc(insts)}</em></div>' if insts else "")
            + (f'<div class="pa-quote"><mark>{esc(c.quote)}</mark></div>' if c.quote else "")
            + link + "</div>")
    return '<div class="pa-sources">' + "".join(cards) + "</div>"


def render_map(papers: list[Paper], coords: dict[str, list[float]], highlight: list[str] | None = None) -> str:
    """An inline SVG scatter of the papers' 2-D map, coloured by venue; hover shows the title, click opens it."""
    points = [(p, coords[p.id]) for p in papers if p.id in coords and len(coords[p.id]) >= 2]
    if not points:
        return '<div class="pa-empty">This index has no paper map; rebuild the index to compute one.</div>'
    venues = [v for v, _ in Counter(p.venue or "(no venue)" for p, _ in points).most_common()]
    colour = {v: _PALETTE[i % len(_PALETTE)] for i, v in enumerate(venues)}
    xs = [float(xy[0]) for _, xy in points]
    ys = [float(xy[1]) for _, xy in points]
    w, h, pad = 760.0, 520.0, 24.0
    sx = (w - 2 * pad) / ((max(xs) - min(xs)) or 1.0)
    sy = (h - 2 * pad) / ((max(ys) - min(ys)) or 1.0)

    def pos(xy) -> tuple[float, float]:
        return pad + (float(xy[0]) - min(xs)) * sx, h - pad - (float(xy[1]) - min(ys)) * sy  # y up, as in a plot

    order = {pid: i for i, pid in enumerate(highlight or [])}
    dots, marked = [], []
    for p, xy in points:
        x, y = pos(xy)
        url = safe_url(p.url)
        tip = f"{p.title} — {p.venue}" if p.venue else p.title
        if p.id in order:
            tip = f"[{order[p.id] + 1}] {tip}"
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{8 if p.id in order else 5}" fill="{colour[p.venue or "(no venue)"]}"'
               + (' stroke="#111" stroke-width="2.5" fill-opacity="1"' if p.id in order else ' fill-opacity="0.7"')
               + f' data-paper-id="{esc(p.id)}"><title>{esc(tip)}</title></circle>')
        if url:
            dot = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{dot}</a>'
        if p.id in order:
            dot += (f'<text x="{x + 10:.1f}" y="{y + 4:.1f}" font-size="12" font-weight="700" '
                    f'fill="currentColor" style="paint-order:stroke;stroke:var(--background-fill-primary,#fff);'
                    f'stroke-width:3px">{order[p.id] + 1}</text>')
            marked.append(dot)  # drawn last, on top of the others
        else:
            dots.append(dot)
    legend = "".join(
        f'<span class="pa-key"><span class="pa-dot" style="background:{colour[v]}"></span>{esc(v)} '
        f'({sum(1 for p, _ in points if (p.venue or "(no venue)") == v)})</span>' for v in venues)
    if highlight:
        legend += ('<span class="pa-key"><span class="pa-dot pa-ring"></span>cited in the latest answer '
                   '(numbered as in the answer)</span>')
    svg = (f'<svg class="pa-plot" viewBox="0 0 {w:.0f} {h:.0f}" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-label="Map of {len(points)} papers">'
           f'<rect x="0" y="0" width="{w:.0f}" height="{h:.0f}" fill="none" stroke="currentColor" stroke-opacity="0.15"/>'
           + "".join(dots) + "".join(marked) + "</svg>")
    return (f'<div class="pa-map"><div class="pa-legend">{legend}</div>{svg}'
            '<div class="pa-caption">Each dot is a paper, placed by the similarity of its text (a 2-D projection of '
            'the paper embeddings): nearby papers are about similar things. Hover for the title; click to open the '
            'paper.</div></div>')


def paper_rows(papers: list[Paper], query: str = "") -> list[list[Any]]:
    """Table rows (title, authors, venue, year, institutions, link) of the papers matching ``query`` (all words);
    the first three authors, "et al." for more (the search reads them all: it had matched authors it did not show)."""
    words = [w for w in re.split(r"\s+", (query or "").lower()[:200]) if w]
    rows = []
    for p in papers:
        if words:
            hay = " ".join([p.id, p.title, p.venue, str(p.year or ""), p.topic, " ".join(p.authors),
                            " ".join(p.institutions), " ".join(p.institution_aliases)]).lower()
            if not all(w in hay for w in words):
                continue
        url = safe_url(p.url)
        # The link cell is markdown built only from a fixed label and a validated, quoted URL.
        link = f"[{link_label(p, url)}]({_md_url(url)})" if url else ""
        # (and an author the search matched, however far down the list: "Stoica" shows Ion Stoica)
        matched = [a for a in p.authors[3:] if words and any(w in a.lower() for w in words)]
        authors = ", ".join(p.authors[:3] + (["…"] + matched if matched else [])) + (
            " et al." if len(p.authors) > 3 + len(matched) or p.authors_cut else "")
        rows.append([p.title, authors, p.venue, p.year if p.year else None, "; ".join(p.institutions), link])
    return rows


# ---------------------------------------------------------------------- the app
def build_app(assistant) -> gr.Blocks:
    """The Gradio app over ``assistant``: Ask (chat + sources), Map and Browse tabs."""
    settings: Settings = assistant.settings
    # what the box takes: a pasted page or two, of which the question's start and end are read (clean_question
    # keeps max_question_chars of them); the box had cut a paste at 2,000 characters, losing the question at its end
    max_chars = PASTE_FACTOR * int(settings.max_question_chars)
    papers = assistant.papers
    try:
        coords = assistant.paper_map()
    except AssistantError as exc:  # an index built before maps existed still gets a working app
        log.warning("no paper map: %s", exc)
        coords = {}
    venues = sorted({p.venue for p in papers if p.venue})
    years = sorted({p.year for p in papers if p.year}, reverse=True)
    institutions = sorted({i for p in papers for i in p.institutions}, key=str.lower)
    lookup = assistant.paper

    def validate(question: Any) -> str:
        """The question as typed, or a gr.Error; API calls get the same checks as the textbox."""
        text = question if isinstance(question, str) else ("" if question is None else str(question))
        if not text.strip():
            raise _said("The question is empty: type a question about the papers.")
        if len(text.strip()) > max_chars:
            raise _said(f"The question is too long ({len(text.strip())} characters); the limit is {max_chars}. "
                           "Shorten it and ask again.")
        return text

    def read_filters(venue: Any, institution: Any, year: Any, use_llm: Any) -> dict:
        filters: dict[str, Any] = {}
        if venue and venue != ANY:
            if venue not in venues:
                raise _said(f"Unknown venue {str(venue)[:80]!r}; choose one of: {', '.join(venues)}.")
            filters["venue"] = venue
        if institution and str(institution).strip() and institution != ANY:
            if len(str(institution)) > 200:
                raise _said("The institution is too long (over 200 characters).")
            filters["institution"] = str(institution).strip()
        if year not in (None, "", ANY):
            try:
                filters["year"] = int(year)
            except (TypeError, ValueError):
                raise _said(f"The year must be a number such as 2026, got {str(year)[:20]!r}.") from None
        filters["llm"] = bool(use_llm) if settings.llm_configured else (True if use_llm else None)
        return filters

    def chat_text(text: str) -> str:
        """The answer as shown in the chat: linked ids, no Sources list (the panel shows it)."""
        return link_citations(safe_markdown(_SOURCES_BLOCK.sub("", text)), lookup)

    def _preparing() -> str:
        """What a question in another language is waiting for, while the app reads the papers for such questions
        (about half a second a paper, once: they are cached): the first one had waited two minutes on "Searching
        the papers…" alone."""
        state = assistant.multilingual_preparing()
        if not state:
            return ""
        done, total = state
        return (f"Preparing questions in other languages (once for this collection): {done} of {total} papers "
                f"read, about {max(1, (total - done) // 2)} s left…")

    def respond(question: str, venue: str = ANY, institution: str = ANY, year: str = ANY, use_llm: bool = False,
                conv: Conversation | None = None, messages: list | None = None) -> Iterator[tuple]:
        """Answer a question (follow-ups read against this chat); streams the growing answer."""
        text = validate(question)
        filters = read_filters(venue, institution, year, use_llm)
        conv = conv if isinstance(conv, Conversation) else Conversation(assistant)
        messages = list(messages or [])[-40:]  # the visible chat keeps the last 20 exchanges
        messages += [{"role": "user", "content": safe_markdown(text)},
                     {"role": "assistant", "content": "_Searching the papers…_"}]
        yield "", messages, gr.skip(), "", conv, messages
        answer = None
        try:
            # (an English question waits on nothing the app prepares: it says nothing while it waits)
            notice = _preparing if foreign_language(text) else lambda: ""
            for item in _waiting_said(conv.ask_stream(text, **filters), notice):
                if isinstance(item, _Notice):
                    messages[-1] = {"role": "assistant", "content": f"_{item}_"}
                    yield gr.skip(), messages, gr.skip(), gr.skip(), conv, messages
                    continue
                if isinstance(item, Answer):
                    answer = item
                    break
                messages[-1] = {"role": "assistant", "content": chat_text(item)}
                yield gr.skip(), messages, gr.skip(), gr.skip(), conv, messages
        except QuestionError as exc:  # "“it” could be any of the 9 papers ...": the chat asks back, as a reply
            reply = safe_markdown(str(exc))
            messages[-1] = {"role": "assistant", "content": reply}
            yield reply, messages, render_sources(None, lookup), gr.skip(), conv, messages
            return
        except AssistantError as exc:
            messages[-1] = {"role": "assistant", "content": "⚠️ " + safe_markdown(str(exc))}
            yield gr.skip(), messages, gr.skip(), gr.skip(), conv, messages
            raise _said(str(exc)) from None
        except Exception:  # never a stack trace in the page: log it, say something useful
            log.exception("answering %r failed", text[:200])
            messages[-1] = {"role": "assistant", "content": "⚠️ Something went wrong while answering."}
            yield gr.skip(), messages, gr.skip(), gr.skip(), conv, messages
            raise _said("Something went wrong while answering; the server log has the details.") from None
        assert answer is not None
        messages[-1] = {"role": "assistant", "content": chat_text(answer.text)}
        full = link_citations(safe_markdown(answer.text), lookup)
        # (the box was emptied when the question was taken: what was typed since stays for the next question)
        yield full, messages, render_sources(answer, lookup), gr.skip(), conv, messages

    def respond_in_page(question: str, venue: str = ANY, institution: str = ANY, year: str = ANY,
                        use_llm: bool = False, conv: Conversation | None = None,
                        messages: list | None = None) -> Iterator[tuple]:
        """``respond`` for the page's box and button: what cannot be asked is said in a notice that leaves the page as
        it was (an error raised there marks every output "Error" and kept the box from taking a click; an empty
        Enter did that)."""
        try:
            yield from respond(question, venue, institution, year, use_llm, conv, messages)
        except gr.Error as exc:
            gr.Warning(str(exc.message))
            yield (gr.skip(),) * 6

    def new_chat(conv: Conversation | None):
        if isinstance(conv, Conversation):
            conv.reset()
        return [], [], render_sources(None, lookup), render_map(papers, coords), conv, ""

    def refresh_map(conv: Conversation | None) -> str:
        answer = conv.last_answer if isinstance(conv, Conversation) else None
        return render_map(papers, coords, answer.cited_ids if answer else None)

    def search(query: str):
        rows = paper_rows(papers, query)
        return rows, f"{len(rows)} of {len(papers)} papers"

    venue_names = ", ".join(venues) or "the collection"
    with gr.Blocks(title="Paper assistant", analytics_enabled=False) as app:
        gr.Markdown("# Paper assistant")
        gr.Markdown(f"Ask questions about {len(papers)} research papers ({esc(venue_names)}); every answer cites "
                    "the papers it comes from, with links.", elem_classes=["pa-purpose"])
        conv_state = gr.State(Conversation(assistant))  # deep-copied per browser session; shares the Assistant
        messages_state = gr.State([])
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label="Chat", height=520, sanitize_html=True, buttons=["copy"],
                                             feedback_options=None, placeholder="Ask about the papers below: "
                                             "methods, results, who presented what. Follow-ups such as "
                                             "*what does the second one do?* refer to the previous answer.")
                        with gr.Row():
                            question = gr.Textbox(label="Question", elem_id="question",
                                                  placeholder="Ask about the papers, e.g. which papers reduce TTFT?",
                                                  # (no max_length: the browser cut a longer paste silently,
                                                  # the question at its end with it; the server says it is long)
                                                  lines=1, max_lines=4, scale=5,
                                                  show_label=False, autofocus=True, submit_btn=False)
                            ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=80)
                        with gr.Row():
                            venue = gr.Dropdown([ANY] + venues, value=ANY, label="Venue", scale=1)
                            institution = gr.Dropdown([ANY] + institutions, value=ANY, label="Institution",
                                                      allow_custom_value=True, filterable=True, scale=2)
                            year = gr.Dropdown([ANY] + [str(y) for y in years], value=ANY, label="Year", scale=1)
                            use_llm = gr.Checkbox(label="Compose with the LLM", value=settings.llm_configured,
                                                  visible=settings.llm_configured, scale=1)
                        gr.Examples([[q] for q in example_questions(papers)], inputs=[question],
                                    label="Examples (from the collection)")
                        new_btn = gr.Button("New chat", variant="secondary", size="sm")
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")
                        sources = gr.HTML(render_sources(None, lookup), label="sources", css_template=SOURCES_CSS,
                                          js_on_load=None, max_height=640, elem_id="sources-panel")
                # The API's first output: the whole answer as markdown (ids linked, Sources list kept).
                answer_md = gr.Markdown(label="answer", visible=False)
            with gr.Tab("Map", id="map"):
                paper_map = gr.HTML(render_map(papers, coords), css_template=MAP_CSS, js_on_load=None,
                                    elem_id="paper-map")
            with gr.Tab("Browse", id="browse"):
                with gr.Row():
                    query = gr.Textbox(label="Search titles, authors, institutions, venues", scale=4,
                                       placeholder="e.g. NVIDIA, speculative decoding, CAIS", max_length=200)
                    count = gr.Markdown(f"{len(papers)} of {len(papers)} papers")
                table = gr.Dataframe(value=paper_rows(papers),
                                     headers=["Title", "Authors", "Venue", "Year", "Institutions", "Link"],
                                     datatype=["str", "str", "str", "number", "str", "markdown"], interactive=False,
                                     wrap=True, max_height=640,
                                     column_widths=["32%", "20%", "10%", "6%", "22%", "10%"], elem_id="paper-table")

        inputs = [question, venue, institution, year, use_llm, conv_state, messages_state]
        outputs = [answer_md, chatbot, sources, question, conv_state, messages_state]
        limit = CONCURRENCY + (LLM_WAITING if settings.llm_configured else 0)
        ask_event = gr.on([question.submit, ask_btn.click], respond_in_page, inputs=inputs, outputs=outputs,
                          api_visibility="private", concurrency_id="ask", concurrency_limit=limit)
        ask_event.then(refresh_map, [conv_state], [paper_map], api_visibility="private", queue=False)
        # /ask, for programs: the same answer, its errors raised (a button no one sees, for the endpoint)
        api_ask = gr.Button(visible=False)
        api_ask.click(respond, inputs=inputs, outputs=outputs, api_name="ask", concurrency_id="ask",
                      concurrency_limit=limit)
        # "New chat" and the chat's own clear (bin) button start over: the bin had cleared the screen only, and
        # "the second one" still meant the cleared list, which came back with the next answer
        for cleared in (new_btn.click, chatbot.clear):
            cleared(new_chat, [conv_state], [chatbot, messages_state, sources, paper_map, conv_state, answer_md],
                    api_visibility="private", queue=False)
        query.change(search, [query], [table, count], api_visibility="private", trigger_mode="always_last",
                     queue=False)
    return app


# ---------------------------------------------------------------------- serving
class _Notice(str):
    """A line for the chat while an answer waits (not part of the answer)."""


def _waiting_said(items: Iterator, notice, every: float = 1.0) -> Iterator:
    """``items`` (made in a thread of their own), with a ``_Notice`` of ``notice()`` whenever ``every`` seconds pass
    without one and it has something to say; the items' errors are raised here."""
    box: queue.Queue = queue.Queue()

    def run() -> None:
        try:
            for item in items:
                box.put((True, item))
            box.put((False, None))
        except BaseException as exc:  # noqa: BLE001 - handed over, raised by the reader
            box.put((False, exc))

    threading.Thread(target=run, name="answer", daemon=True).start()
    said = ""
    while True:
        try:
            more, item = box.get(timeout=every)
        except queue.Empty:
            line = notice()
            if line and line != said:
                said = line
                yield _Notice(line)
            continue
        if not more:
            if item is not None:
                raise item
            return
        yield item


def _said(message: str):
    """A ``gr.Error`` shown to the user, without a traceback in the server's console: an empty question is no
    server fault (each had printed 40 lines), and an unexpected one is logged with its own traceback."""
    import gradio as gr

    return gr.Error(message, print_exception=False)


def parse_auth(auth: str) -> tuple[str, str] | None:
    """``"user:pass"`` -> ("user", "pass"); empty -> None (no login)."""
    if not auth:
        return None
    user, sep, password = str(auth).partition(":")
    if not sep or not user or not password:
        raise ConfigError("ASSISTANT_AUTH / --auth must look like user:password")
    return user, password


def launch(app: gr.Blocks, settings: Settings, host: str = "127.0.0.1", port: int = 7860,
           block: bool = True) -> gr.Blocks:
    """Queue and launch ``app`` with the privacy and safety options (loopback, no share, no extra paths)."""
    app.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    if block:
        print(f"Serving the paper assistant at http://{host}:{port} (Ctrl-C to stop).", file=sys.stderr, flush=True)
    app.launch(server_name=host, server_port=int(port), auth=parse_auth(settings.auth),
               auth_message="Log in with the user and password set in ASSISTANT_AUTH." if settings.auth else None,
               # (quiet: Gradio's own lines suggest share=True, which this app never uses; the URL is said below)
               share=False, inbrowser=False, prevent_thread_lock=not block, quiet=True,
               # False: gr.Error messages still reach the user; any other exception shows only "Error".
               show_error=False,
               ssr_mode=False, pwa=False, mcp_server=False, enable_monitoring=False,
               footer_links=["api"], theme=THEME, css=CSS)
    return app


def _check_port(host: str, port: int) -> None:
    """A ConfigError naming the port if ``host:port`` cannot be listened on (another server has it)."""
    import socket

    if not 0 < int(port) < 65536:  # (99999 had ended in an OverflowError traceback)
        raise ConfigError(f"--port must be a port number from 1 to 65535, not {port}.")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # (as the server itself binds: a port whose old connections are still closing is free)
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, int(port)))
        except socket.gaierror as exc:
            raise ConfigError(f"Cannot serve on {host}: no such host ({exc.strerror or exc}); --host is usually "
                              "127.0.0.1, or 0.0.0.0 to serve other machines.") from None
        except OSError as exc:
            raise ConfigError(f"Cannot serve on {host}:{port} ({exc.strerror or exc}): another program may be using "
                              f"the port; choose another with --port, e.g. --port {int(port) + 1}.") from None


def serve(settings: Settings | None = None, host: str = "127.0.0.1", port: int = 7860, *,
          assistant=None, block: bool = True) -> gr.Blocks:
    """Build the app over ``settings``' index and launch it (on 127.0.0.1 unless told otherwise)."""
    settings = settings or Settings.load()
    parse_auth(settings.auth)  # a malformed login fails before the index is loaded
    _check_port(host, port)  # ...and so does a port in use (it had ended in Gradio's traceback)
    if assistant is None:
        from .api import Assistant

        assistant = Assistant(settings)
    assistant.load()  # load (or build) the index now, not on the first visitor's question
    assistant.prepare_multilingual()  # and the papers' multilingual vectors, in the background
    return launch(build_app(assistant), settings, host, port, block)
