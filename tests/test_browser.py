"""kg.views pages in headless Chromium: offline, complete, interactive, and inert to hostile text.

Needs Playwright (python) and Debian's chromium at /usr/bin/chromium (no browser is downloaded).
Skipped when either is missing, unless KG_REQUIRE_BROWSER is set (as in CI): then they fail.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.rdf.namespaces import ENT, ID, KG, METRIC, NIF, PROV, SCHEMA
from kg.store import open_store
from kg.views import render_view
from kg.views.read import RECENT_DOCUMENTS
from test_views import EDGES_IN_SAMPLE, HASH, MANY, XSS_IMG, company_documents, sample_graph, store_of

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
def pages(tmp_path_factory) -> dict[str, Path]:
    """Pages of stores on disk: the sample, a store with one document mentioning 699 organisations, one with
    Nvidia in many documents, one with 300 entities and one with the figures of three companies."""
    folder = tmp_path_factory.mktemp("views")
    stores = {
        "sample": store_of(folder / "sample", {HASH: sample_graph()}),
        "star": store_of(folder / "star", {"5eed": _star_graph(700)}),
        "many": store_of(folder / "many", company_documents(MANY, with_facts=True)),
        "wide": store_of(folder / "wide", company_documents(320)),
        "companies": store_of(folder / "companies", {f"c{index}": _figures_of(name, index)
                                                     for index, name in enumerate(COMPANIES)}),
    }
    views = {
        "entity": ("sample", {}),
        "figures": ("sample", {"view": "figures", "focus": "Meta"}),
        "large": ("star", {"limit": 1000}),
        "many": ("many", {"focus": "Nvidia"}),
        "wide": ("wide", {}),
        "clusters": ("companies", {"view": "figures"}),
    }
    written = {"query": render_view(sample_graph(), folder / "query.html", view="query").path}  # as kg serve draws
    for name, (store, options) in views.items():
        with open_store(stores[store]) as opened:
            written[name] = render_view(opened, folder / f"{name}.html", **options).path
    return written


COMPANIES = ("Halcyon Semiconductor", "Orbital Labs", "Zentara")


def _star_graph(size: int) -> Graph:
    """One document mentioning `size - 1` organisations: more nodes than a screen shows at a readable zoom."""
    graph = Graph()
    document = ID["doc/5eed"]
    graph.add((document, RDF.type, KG.Document))
    graph.add((document, KG.sourcePath, Literal("star.txt")))
    for index in range(size - 1):
        graph.add((ENT[f"org-{index}"], RDF.type, SCHEMA.Organization))
        graph.add((ENT[f"org-{index}"], SCHEMA.name, Literal(f"Org {index}")))
        graph.add((document, SCHEMA.mentions, ENT[f"org-{index}"]))
    return graph


def _figures_of(company: str, index: int) -> Graph:
    """A document stating eight revenue figures of `company`."""
    graph = Graph()
    document, entity = ID[f"doc/c{index}"], ENT[f"company-{index}"]
    graph.add((document, RDF.type, KG.Document))
    graph.add((document, KG.sourcePath, Literal(f"{index}.txt")))
    graph.add((document, SCHEMA.mentions, entity))
    graph.add((entity, RDF.type, SCHEMA.Organization))
    graph.add((entity, SCHEMA.name, Literal(company)))
    for number in range(8):
        figure = ID[f"figure/c{index}/{number}-{number + 5}"]
        for predicate, obj in ((RDF.type, KG.Figure), (KG.subject, entity), (KG.metric, METRIC.revenue),
                               (NIF.anchorOf, Literal(f"${number} billion")), (SCHEMA.currency, Literal("USD")),
                               (SCHEMA.value, Literal(Decimal(number) * 1_000_000_000)), (NIF.beginIndex, Literal(number)),
                               (NIF.endIndex, Literal(number + 5)), (PROV.wasDerivedFrom, document)):
            graph.add((figure, predicate, obj))
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


@pytest.mark.parametrize("name", ["entity", "many", "query", "clusters"])
def test_page_requests_nothing_but_itself_and_logs_no_error(open_page, pages, name):
    loaded = open_page(pages[name])
    assert loaded.requests == [pages[name].as_uri()]
    assert loaded.errors == []
    assert loaded.page.get_attribute("body", "data-ready") == "true"
    assert loaded.page.evaluate("kgNodes.length") > 0


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


def test_documents_are_counted_and_drawn_on_demand(open_page, pages):
    loaded = open_page(pages["many"])
    page = loaded.page
    assert page.evaluate("kgNodes.get({filter: n => n.kind === 'document'}).length") == 0
    assert page.inner_text("#kg-documents-count") == \
        f"Mentioned in {MANY} documents (the {RECENT_DOCUMENTS} most recent can be drawn)"  # the focus is selected
    page.click("#kg-documents-toggle")
    drawn = page.evaluate("kgNodes.get({filter: n => n.kind === 'document'}).map(n => n.label)")
    assert drawn == [f"Call {index}" for index in range(MANY - 1, MANY - 1 - RECENT_DOCUMENTS, -1)]
    mentions = page.evaluate("kgEdges.get({filter: e => e.label === 'mentions'}).length")
    assert mentions == 3 * RECENT_DOCUMENTS  # each mentions the focus, its CFO and another company, all drawn
    assert page.inner_text("#kg-documents-toggle") == "Hide its documents"
    page.click("#kg-documents-toggle")
    assert page.evaluate("[kgNodes.get({filter: n => n.kind === 'document'}).length, "
                         "kgEdges.get({filter: e => e.label === 'mentions'}).length]") == [0, 0]
    assert loaded.errors == []


def test_the_focus_figures_by_period_and_claims_are_one_click_away(open_page, pages):
    loaded = open_page(pages["many"])
    page = loaded.page
    buttons = page.locator("#kg-panel-buttons button")
    assert buttons.all_inner_texts() == [f"Figures by period ({MANY})", f"Claims ({MANY})"]
    assert page.is_hidden("#kg-panel")
    buttons.nth(0).click()
    assert page.inner_text("#kg-panel-title") == "Figures by period of Nvidia"
    assert page.locator("#kg-panel-table thead th").all_inner_texts() == ["Period", "Metric", "Value", "Source"]
    assert page.locator("#kg-panel-table tbody tr").count() == MANY
    buttons.nth(1).click()
    assert page.inner_text("#kg-panel-title") == "Claims of Nvidia"
    first = page.locator("#kg-panel-table tbody tr").first
    assert "Demand will grow" in first.inner_text()
    assert loaded.errors == []


VISIBLE_LABELS_JS = """() => {
    const box = document.getElementById("kg-network").getBoundingClientRect();
    const scale = kgNetwork.getScale(), shown = [];
    for (const node of kgNodes.get()) {
        const b = kgNetwork.getBoundingBox(node.id);
        const a = kgNetwork.canvasToDOM({x: b.left, y: b.top}), z = kgNetwork.canvasToDOM({x: b.right, y: b.bottom});
        if (z.x > 0 && a.x < box.width && z.y > 0 && a.y < box.height) {
            shown.push({id: node.id, px: (node.font ? node.font.size : 16) * scale, box: [a.x, a.y, z.x, z.y]});
        }
    }
    return {scale, shown};
}"""


def test_labels_of_a_300_node_view_are_readable_at_the_default_zoom(open_page, pages):
    loaded = open_page(pages["wide"])
    assert loaded.page.evaluate("kgNodes.length") == 300
    seen = loaded.page.evaluate(VISIBLE_LABELS_JS)
    assert seen["scale"] >= 0.85
    assert len(seen["shown"]) >= 20
    assert min(label["px"] for label in seen["shown"]) >= 12  # pixels on screen, drawn (not hidden as too small)
    boxes = [label["box"] for label in seen["shown"]]
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlapping == []
    assert "zoomed in to read" in loaded.page.inner_text("#kg-summary")
    loaded.page.click("#kg-fit")
    assert loaded.page.evaluate("kgNetwork.getScale()") < seen["scale"]


def test_figure_clusters_carry_their_company_label(open_page, pages):
    loaded = open_page(pages["clusters"])
    labels = loaded.page.locator(".kg-cluster-label")
    assert sorted(labels.all_inner_texts()) == sorted(COMPANIES)
    sizes = labels.evaluate_all("all => all.map(l => parseFloat(getComputedStyle(l).fontSize))")
    assert min(sizes) >= 12
    box = loaded.page.locator("#kg-network").bounding_box()

    def in_view(index: int) -> bool:
        label = labels.nth(index).bounding_box()
        return box["x"] <= label["x"] and label["x"] + label["width"] <= box["x"] + box["width"] \
            and box["y"] <= label["y"] and label["y"] + label["height"] <= box["y"] + box["height"]

    assert in_view(0)  # the page opens on the first cluster, titled
    loaded.page.click("#kg-fit")
    assert all(in_view(index) for index in range(labels.count()))
    assert min(labels.evaluate_all("all => all.map(l => parseFloat(getComputedStyle(l).fontSize))")) >= 12
    assert loaded.errors == []
