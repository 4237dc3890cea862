"""The app as a person uses it: headless Chromium (Debian's package) types a question and reads the answer."""
from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from conftest import serving_app

CHROMIUM = "/usr/bin/chromium"
# Never a downloaded browser build: the system Chromium, kept off every network but loopback.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:'future.no_silent_downcasting' is deprecated"),  # gradio's queue vs pandas 3
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is absent: apt-get install -y chromium (the CI script installs it)"),
]


@pytest.fixture(scope="module")
def app_url(real_index, real_assistant):
    with serving_app(real_index, real_assistant) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        yield b
        b.close()


def test_ask_in_the_browser(app_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    page.set_default_timeout(30_000)
    page.goto(app_url, wait_until="domcontentloaded")
    page.get_by_text("Paper assistant").first.wait_for()

    box = page.locator("#question textarea")
    box.fill("which papers reduce TTFT?")
    box.press("Enter")
    card = page.locator('#sources-panel .pa-card[data-paper-id="openreview:yyDbI3HXco"]')
    card.wait_for()
    assert "From Tokens to Layers" in card.inner_text()
    assert card.locator("mark").count() == 1
    link = card.locator('a[href^="https://openreview.net/forum?id="]')
    assert link.get_attribute("href") == "https://openreview.net/forum?id=yyDbI3HXco"
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"
    # The answer in the chat links its citation ids to the papers.
    chat_link = page.locator('a[href="https://openreview.net/forum?id=yyDbI3HXco"]', has_text="openreview:yyDbI3HXco")
    chat_link.first.wait_for()
    page.wait_for_timeout(500)  # let the last streamed chunk paint before the picture
    page.screenshot(path=str(tmp_path / "ask.png"), full_page=True)

    # A follow-up narrows to the second paper of the answer.
    first_ids = page.locator("#sources-panel .pa-card").evaluate_all("els => els.map(e => e.dataset.paperId)")
    box.fill("what does the second one do?")
    box.press("Enter")
    page.wait_for_function(
        "id => { const c = document.querySelectorAll('#sources-panel .pa-card');"
        " return c.length === 1 && c[0].dataset.paperId === id; }", arg=first_ids[1])

    # The map shows every paper, the latest answer's paper ringed.
    page.get_by_role("tab", name="Map").click()
    page.locator("#paper-map svg.pa-plot circle").first.wait_for()
    assert page.locator("#paper-map svg.pa-plot circle").count() == 173
    assert page.locator(f'#paper-map circle[data-paper-id="{first_ids[1]}"][stroke="#111"]').count() == 1
    page.screenshot(path=str(tmp_path / "map.png"), full_page=True)

    # Browse filters the table by the search box.
    page.get_by_role("tab", name="Browse").click()
    page.get_by_label("Search titles, authors, institutions, venues").fill("Stream2LLM")
    page.get_by_text("1 of 173 papers").wait_for()
    assert page.locator("#paper-table").get_by_text("Stream2LLM").count() >= 1
    page.screenshot(path=str(tmp_path / "browse.png"), full_page=True)

    # New chat empties the conversation and the sources panel.
    page.get_by_role("tab", name="Ask").click()
    page.get_by_role("button", name="New chat").click()
    page.locator("#sources-panel .pa-empty").wait_for()
    assert hosts <= {urlsplit(app_url).netloc}, f"the page contacted other hosts: {hosts}"
    page.close()


def test_what_cannot_be_asked_leaves_the_page_usable_and_the_bin_starts_over(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    page.goto(app_url, wait_until="domcontentloaded")
    box = page.locator("#question textarea")
    box.wait_for()
    # An empty Enter is a notice: it had marked the chat, the box and the sources "Error", the box taking no click.
    box.press("Enter")
    page.get_by_text("The question is empty").first.wait_for()
    page.wait_for_timeout(500)
    assert page.get_by_text("Error", exact=True).count() == 0
    box.fill("which papers reduce TTFT?")
    box.press("Enter")
    page.locator('#sources-panel .pa-card[data-paper-id="openreview:yyDbI3HXco"]').wait_for()
    # The chat's bin clears what the chat remembers too: "the second one" had still meant the cleared list.
    page.get_by_label("Clear").first.click()
    page.locator("#sources-panel .pa-empty").wait_for()
    box.fill("what does the second one do?")
    box.press("Enter")
    page.get_by_text("There is no previous answer in this chat yet").first.wait_for()
    assert page.locator("#sources-panel .pa-card").count() == 0
    page.close()
