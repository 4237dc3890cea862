"""The web app over the real index, through gradio_client on loopback: answers, follow-ups, errors, load."""
from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import pytest

from assistant.app import (
    _Notice,
    _waiting_said,
    build_app,
    esc,
    example_questions,
    link_citations,
    paper_rows,
    parse_auth,
    render_map,
    render_sources,
    safe_markdown,
)
from assistant.errors import ConfigError
from assistant.schema import Answer, Citation, Paper

from conftest import serving_app

gradio_client = pytest.importorskip("gradio_client")
# gradio's own queue code trips pandas 3 deprecation warnings; they are not this project's.
pytestmark = [pytest.mark.filterwarnings("ignore:'future.no_silent_downcasting' is deprecated"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]
Client = gradio_client.Client

TTFT = "which papers reduce TTFT?"
LINKED_ID = re.compile(r"\\\[\[([A-Za-z][\w.\-]*:[^\]\s]+)\]\((https?://[^)\s]+)\)\\\]")


def linked_ids(markdown: str) -> list[str]:
    """Paper ids the answer cites as links, in order, without repeats."""
    return list(dict.fromkeys(m.group(1) for m in LINKED_ID.finditer(markdown)))


def body(markdown: str) -> str:
    """The answer without its Sources list (where every cited id appears again)."""
    return markdown.split("**Sources**")[0]


@pytest.fixture(scope="module")
def app_url(real_index, real_assistant):
    """The app launched in-process on a free loopback port, closed after the module."""
    with serving_app(real_index, real_assistant) as url:
        yield url


def client(url: str) -> "Client":
    return Client(url, verbose=False, download_files=False)


def answer_of(result) -> str:
    """The first output of /ask: the answer markdown."""
    return result[0] if isinstance(result, (tuple, list)) else result


# ---------------------------------------------------------------------- through the server
def test_ask_returns_cited_linked_answer(app_url):
    result = client(app_url).predict(TTFT, api_name="/ask")
    text = answer_of(result)
    assert "openreview:yyDbI3HXco" in text
    assert "https://openreview.net/forum?id=yyDbI3HXco" in text
    assert "openreview:yyDbI3HXco" in linked_ids(text)
    sources = result[2]
    assert 'target="_blank" rel="noopener noreferrer"' in sources and "<mark>" in sources
    assert 'href="https://openreview.net/forum?id=yyDbI3HXco"' in sources


def test_follow_ups_in_one_client_session(app_url, real_assistant):
    c = client(app_url)
    first = linked_ids(body(answer_of(c.predict(TTFT, api_name="/ask"))))
    assert len(first) >= 3
    second = linked_ids(body(answer_of(c.predict("what does the second one do?", api_name="/ask"))))
    assert second == [first[1]]
    inst = next(i for pid in first for i in real_assistant.paper(pid).institutions)
    narrowed = linked_ids(body(answer_of(c.predict(f"which of those are from {inst}?", api_name="/ask"))))
    assert narrowed and set(narrowed) <= set(first)


def test_a_follow_up_the_chat_cannot_resolve_is_asked_back_in_the_chat(app_url):
    # "who wrote it?" after a list came back as an error toast (gr.Error) instead of the chat asking which one
    c = client(app_url)
    c.predict(TTFT, api_name="/ask")
    reply = answer_of(c.predict("who wrote it?", api_name="/ask"))
    assert reply.startswith("“it” could be any of the") and "who wrote the first one?" in reply
    assert not linked_ids(reply)


def test_filters_are_optional_inputs(app_url):
    text = answer_of(client(app_url).predict("which papers reduce TTFT?", "MLSys 2026", "Any", "2026", False,
                                             api_name="/ask"))
    ids = linked_ids(body(text))
    assert ids and all(i.startswith("openreview:") for i in ids)


@pytest.mark.parametrize("question,message", [
    ("", "The question is empty"),
    ("   \n ", "The question is empty"),
    ("x" * 40001, "The question is too long (40001 characters); the limit is 40000"),
])
def test_bad_questions_get_readable_errors(app_url, question, message):
    with pytest.raises(Exception) as info:
        client(app_url).predict(question, api_name="/ask")
    assert message in str(info.value)
    assert "Traceback" not in str(info.value)


def test_a_question_after_pasted_pages_is_answered(app_url):
    # the box and the API had stopped at 2,000 characters: pages pasted before the question lost the question
    pasted = ("My notes on the reading group, copied from the shared document, with everything we discussed "
              "this week and the week before about the papers and the talks we went to. ") * 50
    assert len(pasted) > 8000
    text = answer_of(client(app_url).predict(pasted + "Which papers reduce TTFT?", api_name="/ask"))
    assert "openreview:yyDbI3HXco" in linked_ids(body(text))


def test_unknown_venue_is_readable(app_url):
    with pytest.raises(Exception) as info:
        client(app_url).predict(TTFT, "Nowhere 1999", api_name="/ask")
    assert "Nowhere 1999" in str(info.value) and "Traceback" not in str(info.value)


def test_llm_unavailable_is_readable(app_url):
    with pytest.raises(Exception) as info:
        client(app_url).predict(TTFT, "Any", "Any", "Any", True, api_name="/ask")
    assert "No LLM server is configured" in str(info.value)


def test_twenty_concurrent_clients(app_url):
    questions = [
        (TTFT, "openreview:yyDbI3HXco"),
        ("what did Amazon present at MLSys 2026?", "openreview:SBS4NJHYjZ"),
        ("what does Stream2LLM do?", "openreview:FuRo7Ur5Ib"),
        ("which papers compress the KV cache?", None),
    ]
    errors: list[str] = []
    lock = threading.Lock()

    def one(i: int) -> str:
        question, expected = questions[i % len(questions)]
        text = answer_of(client(app_url).predict(question, api_name="/ask"))
        if expected and expected not in linked_ids(text):
            with lock:
                errors.append(f"{question!r}: {expected} missing from {text[:200]!r}")
        return text

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        futures = [pool.submit(one, i) for i in range(20)]
        texts = [f.result(timeout=90) for f in as_completed(futures, timeout=100)]
    assert not errors, errors
    assert len(texts) == 20 and all(linked_ids(t) for t in texts)
    assert time.monotonic() - start < 100


def test_grounded_questions_do_not_wait_behind_a_stalled_llm(real_index):
    # every ask shared 4 slots: four questions waiting on a hung LLM server held up a grounded one for its timeout
    from dataclasses import replace

    from fake_openai import FakeOpenAI, Reply

    from assistant import Assistant

    fake = FakeOpenAI().start()
    fake.add(*[Reply("Layered prefill lowers TTFT [openreview:yyDbI3HXco].", mode="slow", delay=8)
               for _ in range(4)])
    settings = replace(real_index, llm_base_url=fake.base_url, llm_timeout=20.0)
    done: list[str] = []
    try:
        with serving_app(settings, Assistant(settings, build_if_missing=False).load()) as url:
            def ask(use_llm: bool) -> None:
                client(url).predict(TTFT, "Any", "Any", "Any", use_llm, api_name="/ask")
                done.append("llm" if use_llm else "grounded")

            with ThreadPoolExecutor(max_workers=5) as pool:
                futures = [pool.submit(ask, True) for _ in range(4)]
                time.sleep(2.0)  # the four are waiting on the LLM server
                futures.append(pool.submit(ask, False))
                for f in as_completed(futures, timeout=60):
                    f.result()
    finally:
        fake.stop()
    assert done[0] == "grounded" and done.count("llm") == 4


def test_login_required_when_auth_is_set(real_index, real_assistant):
    settings = type(real_index).load(index_dir=real_index.index_dir, sources=real_index.sources, auth="alice:s3cret")
    with serving_app(settings, real_assistant) as url:
        with pytest.raises(Exception):
            client(url).predict(TTFT, api_name="/ask")
        text = answer_of(Client(url, auth=("alice", "s3cret"), verbose=False).predict(TTFT, api_name="/ask"))
        assert "openreview:yyDbI3HXco" in text


def test_app_builds_with_examples_from_the_collection(real_assistant):
    app = build_app(real_assistant)
    assert app.title == "Paper assistant"
    qs = example_questions(real_assistant.papers)
    assert qs[0] == TTFT
    assert any(q.startswith("what did ") and " present at " in q for q in qs)
    name = next(q for q in qs if q.startswith("what does ") and "second" not in q)[len("what does "):-len(" do?")]
    assert sum(p.title.startswith(name + ":") for p in real_assistant.papers) == 1
    assert "which institutions published the most papers?" in qs
    assert "what are the main topics at MLSys 2026?" in qs  # a venue with enough papers to group
    assert example_questions([p for p in real_assistant.papers if not p.institutions])[-1].startswith("what does ")


# ---------------------------------------------------------------------- rendering, no server
EVIL = Paper(id="x:1", title='<img src=x onerror=alert(1)> ${"{{x}}"}', abstract="a",
             authors=["<b>Mallory</b>"], institutions=["<script>alert(2)</script>"], venue="<i>V</i>",
             url="javascript:alert(3)")
GOOD = Paper(id="openreview:abc", title="Good: A paper", venue="MLSys 2026", url="https://openreview.net/forum?id=abc")


def lookup(pid):
    return {"x:1": EVIL, "openreview:abc": GOOD}.get(pid)


def test_sources_escape_untrusted_text():
    answer = Answer("t", [Citation("x:1", EVIL.title, EVIL.url, EVIL.venue, "quote <svg onload=x>", 1.0),
                          Citation("openreview:abc", GOOD.title, GOOD.url, GOOD.venue, "fine", 1.0)])
    out = render_sources(answer, lookup)
    assert "<img" not in out and "<script" not in out and "<svg" not in out and "<b>" not in out
    assert "javascript:" not in out  # a non-http URL never becomes a link
    assert "{{" not in out and "${" not in out
    assert '<a class="pa-link" href="https://openreview.net/forum?id=abc" target="_blank" rel="noopener noreferrer">' \
           'OpenReview ↗</a>' in out
    assert out.count("<mark>") == 2
    assert "no paper" in render_sources(Answer("refused", [], refused=True), lookup)


def test_markdown_has_no_images_or_html_and_ids_link():
    text = "**<img src=x>**: see ![pic](http://evil.example/p.png) [openreview:abc] [x:1] [nope:1]"
    out = link_citations(safe_markdown(text), lookup)
    assert "<img" not in out and "![" not in out
    assert "\\[[openreview:abc](https://openreview.net/forum?id=abc)\\]" in out
    assert "[x:1]" in out and "(javascript" not in out and "[nope:1]" in out


def test_map_svg_escapes_and_highlights():
    svg = render_map([EVIL, GOOD], {"x:1": [0.0, 0.0], "openreview:abc": [1.0, 2.0]}, ["openreview:abc"])
    assert "<img" not in svg and "javascript:" not in svg and "<i>" not in svg
    assert svg.count("<circle") >= 2 and "<title>[1] Good: A paper — MLSys 2026</title>" in svg
    assert 'stroke="#111"' in svg
    assert "no paper map" in render_map([GOOD], {})


def test_browse_rows_filter_and_link():
    rows = paper_rows([EVIL, GOOD], "openreview")
    assert rows == [["Good: A paper", "", "MLSys 2026", None, "",
                     "[OpenReview](https://openreview.net/forum?id=abc)"]]
    assert paper_rows([EVIL, GOOD], "mallory")[0][5] == ""  # no link for a javascript: URL
    assert len(paper_rows([EVIL, GOOD])) == 2
    # the authors the search matches are shown: the first three, "et al." for more
    many = Paper(id="a:1", title="T", authors=["Ann Lee", "Bo Li", "Cy Wu", "Di Xu"])
    assert paper_rows([many])[0][1] == "Ann Lee, Bo Li, Cy Wu et al."
    assert paper_rows([many], "xu")[0][1] == "Ann Lee, Bo Li, Cy Wu, …, Di Xu"  # the author searched for, shown


def test_parse_auth():
    assert parse_auth("") is None
    assert parse_auth("alice:pa:ss") == ("alice", "pa:ss")
    with pytest.raises(ConfigError):
        parse_auth("alice")


def test_esc_covers_template_syntax():
    assert esc('${a} {{b}} <c> "d"') == "&#36;&#123;a&#125; &#123;&#123;b&#125;&#125; &lt;c&gt; &quot;d&quot;"


def test_a_waiting_answer_gets_notices_and_its_items_and_errors_pass_through():
    def slow():
        yield "first"
        time.sleep(0.35)
        yield "second"

    said = iter(["", "preparing: 1 of 2", "preparing: 1 of 2", "preparing: 2 of 2"] + ["preparing: 2 of 2"] * 20)
    out = list(_waiting_said(slow(), lambda: next(said), every=0.05))
    assert out[0] == "first" and out[-1] == "second"
    notices = [x for x in out if isinstance(x, _Notice)]
    assert notices == ["preparing: 1 of 2", "preparing: 2 of 2"]  # each said once, nothing said for ""
    assert not any(isinstance(x, _Notice) for x in _waiting_said(iter(["fast"]), lambda: "never", every=5))

    def failing():
        yield "partial"
        raise ConfigError("the server went away")

    got = []
    with pytest.raises(ConfigError, match="went away"):
        for item in _waiting_said(failing(), lambda: ""):
            got.append(item)
    assert got == ["partial"]
