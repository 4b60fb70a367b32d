"""kg.views pages in headless Chromium: offline, complete, interactive, and inert to hostile text.

Needs Playwright (python) and Debian's chromium at /usr/bin/chromium (no browser is downloaded).
Skipped when either is missing, unless KG_REQUIRE_BROWSER is set (as in CI): then they fail.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.rdf.namespaces import ENT, ID, KG, SCHEMA
from kg.views import render_view
from test_views import EDGES_IN_SAMPLE, XSS_IMG, sample_graph

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

try:
    from playwright import sync_api
except ImportError:
    sync_api = None


def _missing() -> str:
    """What keeps these tests from running here, or "" when nothing does."""
    if sync_api is None:
        return "Playwright is not installed: pip install playwright"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: apt-get install -y chromium"
    return ""


if _missing() and os.environ.get("KG_REQUIRE_BROWSER"):
    pytest.fail(f"KG_REQUIRE_BROWSER is set but {_missing()}", pytrace=False)
if _missing():
    pytest.skip(_missing(), allow_module_level=True)

pytestmark = pytest.mark.browser

NODE_POSITION_JS = """id => {
    kgNetwork.focus(id, {scale: 2, animation: false});
    const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
    const box = document.getElementById("kg-network").getBoundingClientRect();
    return {x: box.left + p.x, y: box.top + p.y};
}"""


@dataclass
class LoadedPage:
    """A page loaded until `window.kgReady`, with everything it asked for or complained about."""

    page: object
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def node_id(self, kind: str, text: str) -> int:
        return self.page.evaluate(
            "([kind, text]) => kgNodes.getIds({filter: n => n.kind === kind && n.label.includes(text)})[0]", [kind, text]
        )

    def click_node(self, node_id: int) -> None:
        position = self.page.evaluate(NODE_POSITION_JS, node_id)
        self.page.mouse.click(position["x"], position["y"])


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("views")
    graph = sample_graph()
    return {
        "entity": render_view(graph, folder / "entity.html").path,
        "figures": render_view(graph, folder / "figures.html", view="figures", focus="Meta").path,
        "large": render_view(_star_graph(700), folder / "large.html", limit=1000).path,
    }


def _star_graph(size: int) -> Graph:
    """One document mentioning `size - 1` organisations: more nodes than the page runs physics for."""
    graph = Graph()
    document = ID["doc/star"]
    graph.add((document, RDF.type, KG.Document))
    for index in range(size - 1):
        graph.add((ENT[f"org-{index}"], RDF.type, SCHEMA.Organization))
        graph.add((ENT[f"org-{index}"], SCHEMA.name, Literal(f"Org {index}")))
        graph.add((document, SCHEMA.mentions, ENT[f"org-{index}"]))
    return graph


@pytest.fixture
def open_page(browser):
    opened = []

    def load(path: Path) -> LoadedPage:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        loaded = LoadedPage(page)
        opened.append(page)
        page.on("request", lambda request: loaded.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and loaded.errors.append(message.text))
        page.on("pageerror", lambda error: loaded.errors.append(str(error)))
        page.on("dialog", lambda dialog: (loaded.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        # polled from here: wait_for_function re-evaluates its text with eval, which the page's CSP forbids
        deadline = time.monotonic() + 20
        while not page.evaluate("window.kgReady === true"):
            assert time.monotonic() < deadline, f"{path} never set window.kgReady"
            page.wait_for_timeout(50)
        return loaded

    yield load
    for page in opened:
        page.close()


def test_page_requests_nothing_but_itself_and_logs_no_error(open_page, pages):
    loaded = open_page(pages["entity"])
    assert loaded.requests == [pages["entity"].as_uri()]
    assert loaded.errors == []
    assert loaded.page.get_attribute("body", "data-ready") == "true"


def test_every_node_and_edge_is_drawn(open_page, pages):
    loaded = open_page(pages["entity"])
    assert loaded.page.evaluate("[kgNodes.length, kgEdges.length]") == [13, EDGES_IN_SAMPLE]
    positions = loaded.page.evaluate("Object.keys(kgNetwork.getPositions()).length")
    assert positions == 13
    assert loaded.page.inner_text("#kg-summary").startswith(f"13 nodes, {EDGES_IN_SAMPLE} edges")


def test_clicking_a_quote_shows_its_text_and_source(open_page, pages):
    loaded = open_page(pages["entity"])
    quote = loaded.node_id("quote", "intense year")
    loaded.click_node(quote)
    assert loaded.page.evaluate("kgNetwork.getSelectedNodes()") == [quote]
    details = loaded.page.inner_text("#kg-details")
    assert "This is going to be an intense year <script>alert(1)</script>" in details
    assert "Mark Zuckerberg" in details
    assert 'Meta Q4 2024 call "<script>alert(1)</script>"' in details
    assert "2025-01-29" in details and "100–150" in details and "He said:" in details
    assert loaded.errors == []


def test_type_filters_hide_and_show_nodes(open_page, pages):
    loaded = open_page(pages["entity"])
    hidden = "kgNodes.get({filter: n => n.hidden}).map(n => n.kind)"
    loaded.page.uncheck("input[data-kind=quote]")
    assert loaded.page.evaluate(hidden) == ["quote"] * 3
    loaded.page.uncheck("input[data-kind=person]")
    assert sorted(loaded.page.evaluate(hidden)) == ["person"] * 2 + ["quote"] * 3
    loaded.page.check("input[data-kind=quote]")
    assert loaded.page.evaluate(hidden) == ["person"] * 2


def test_search_finds_a_node_by_alias_and_selects_it(open_page, pages):
    loaded = open_page(pages["entity"])
    loaded.page.fill("#kg-search", "zuck")
    loaded.page.press("#kg-search", "Enter")
    assert loaded.page.evaluate("kgNetwork.getSelectedNodes()") == [loaded.node_id("person", "Zuckerberg")]
    assert "Mark Zuckerberg" in loaded.page.inner_text("#kg-details-title")
    loaded.page.fill("#kg-search", "no such thing")
    loaded.page.press("#kg-search", "Enter")
    assert loaded.page.inner_text("#kg-search-status") == "no shown node matches"


def test_hostile_text_runs_no_script(open_page, pages):
    loaded = open_page(pages["entity"])
    person = loaded.node_id("person", "Susan Li")
    loaded.click_node(person)  # the details panel and, on hover, the tooltip show the hostile name
    loaded.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert XSS_IMG in loaded.page.inner_text("div.vis-tooltip")
    assert XSS_IMG in loaded.page.inner_text("#kg-details")
    loaded.page.wait_for_timeout(200)
    assert loaded.page.evaluate("window.__xss") is None
    assert loaded.page.evaluate("document.querySelectorAll('img, #kg-side script').length") == 0
    assert loaded.dialogs == []
    assert loaded.errors == []


def test_figures_view_lists_figures_in_a_table(open_page, pages):
    loaded = open_page(pages["figures"])
    assert loaded.page.inner_text("#kg-details-title") == "Meta"  # the focus starts selected
    rows = loaded.page.locator("#kg-figure-table tbody tr")
    assert rows.count() == 2
    rows.nth(1).click()
    assert "$48.39B revenue Q4 2024" in loaded.page.inner_text("#kg-details-title")


def test_large_view_is_laid_out_without_physics(open_page, pages):
    loaded = open_page(pages["large"])
    options = "JSON.parse(document.getElementById('kg-options').textContent)"
    assert loaded.page.evaluate(f"[kgNodes.length, {options}.physics.enabled]") == [700, False]
    assert loaded.errors == []
