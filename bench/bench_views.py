"""Benchmark kg.views: generation time and time to a stable network in headless Chromium.

    python bench/bench_views.py [--sizes 100 300 1000 2000 5000] [--baseline-timeout 120] [--out DIR]

Builds synthetic graphs in kg's vocabulary (docs/rdf-model.md), renders each with `render_view`
(limit = size, so every node is drawn), loads the page from file:// and waits for `window.kgReady`.
Then draws the 2,000-node graph with pyvis's defaults (plain `Network()`, default physics) for
comparison, and checks that a 20,000-node request is cut to the default limit.
Needs Playwright (python) and Debian's chromium at /usr/bin/chromium; no browser is downloaded.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.rdf.namespaces import ENT, ID, KG, METRIC, ORG, POST, SCHEMA  # noqa: E402
from kg.views import render_view  # noqa: E402
from kg.views.graph import project  # noqa: E402
from kg.views.html import PHYSICS_NODE_LIMIT  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# share of each kind of node in a synthetic graph
MIX = {"document": 0.06, "event": 0.02, "person": 0.12, "organization": 0.08, "model": 0.03, "product": 0.03,
       "quote": 0.30, "claim": 0.18, "figure": 0.18}
METRICS = ("revenue", "net-income", "capital-expenditure", "operating-margin", "users")


def synthetic_graph(size: int, seed: int = 7) -> Graph:
    """About `size` nodes of every kind, linked the way extraction links them, with skewed popularity."""
    rng = random.Random(seed)
    counts = {kind: max(1, round(size * share)) for kind, share in MIX.items()}
    graph = Graph()
    ids = {kind: [ID[f"{kind}/{i}"] if kind not in ("person", "organization", "model", "product") else ENT[f"{kind}-{i}"]
                  for i in range(n)] for kind, n in counts.items()}

    def popular(kind):
        return ids[kind][min(int(rng.paretovariate(1.2)) - 1, len(ids[kind]) - 1)]

    classes = {"person": SCHEMA.Person, "organization": SCHEMA.Organization, "model": KG.AIModel, "product": SCHEMA.Product}
    for kind, cls in classes.items():
        for i, entity in enumerate(ids[kind]):
            graph.add((entity, RDF.type, cls))
            graph.add((entity, SCHEMA.name, Literal(f"{kind.title()} {i}")))
            if kind in ("model", "product"):
                graph.add((entity, SCHEMA.creator, popular("organization")))
    for i, person in enumerate(ids["person"]):
        post = POST[f"org/{i}"]
        graph.add((person, ORG.holds, post))
        graph.add((post, ORG.postIn, popular("organization")))
        graph.add((post, SKOS.prefLabel, Literal(rng.choice(("CEO", "CFO", "CTO", "President")))))
    periods = [ID[f"period/{year}-Q{q}"] for year in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
    for period in periods:
        graph.add((period, RDFS.label, Literal(f"{period[-2:]} {period[-7:-3]}")))
    for i, doc in enumerate(ids["document"]):
        graph.add((doc, RDF.type, KG.Document))
        graph.add((doc, SCHEMA.name, Literal(f"Article {i} on the AI race")))
        graph.add((doc, KG.sourcePath, Literal(f"news/{i}.txt")))
        for _ in range(8):
            graph.add((doc, SCHEMA.mentions, popular(rng.choice(tuple(classes)))))
    for i, event in enumerate(ids["event"]):
        graph.add((event, RDF.type, KG.EarningsCall))
        graph.add((event, SCHEMA.name, Literal(f"Earnings call {i}")))
        graph.add((event, SCHEMA.organizer, popular("organization")))
        graph.add((rng.choice(ids["document"]), SCHEMA.about, event))
    for i, quote in enumerate(ids["quote"]):
        speaker = popular("person")
        graph.add((quote, RDF.type, SCHEMA.Quotation))
        graph.add((quote, SCHEMA.text, Literal(f"Quote number {i}: we are investing heavily in AI this year.")))
        graph.add((quote, SCHEMA.spokenByCharacter, speaker))
        graph.add((quote, PROV.wasAttributedTo, speaker))
        graph.add((quote, PROV.wasDerivedFrom, rng.choice(ids["document"])))
    for i, figure in enumerate(ids["figure"]):
        graph.add((figure, RDF.type, KG.Figure))
        graph.add((figure, SCHEMA.value, Literal(Decimal(rng.randint(1, 90_000)) * 1_000_000)))
        graph.add((figure, SCHEMA.currency, Literal("USD")))
        graph.add((figure, KG.metric, METRIC[rng.choice(METRICS)]))
        graph.add((figure, KG.subject, popular("organization")))
        graph.add((figure, KG.period, rng.choice(periods)))
    for i, claim in enumerate(ids["claim"]):
        graph.add((claim, RDF.type, SCHEMA.Claim))
        graph.add((claim, SCHEMA.text, Literal(f"Claim {i}: demand for compute will keep growing.")))
        graph.add((claim, PROV.wasAttributedTo, popular("person")))
        graph.add((claim, SCHEMA.about, popular(rng.choice(tuple(classes)))))
        graph.add((claim, KG.statesFigure, ids["figure"][i % len(ids["figure"])]))
    return graph


class Browser:
    """One headless Chromium for all page loads; every request other than file:// is blocked and counted."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def time_until(self, path: Path, ready_js: str, timeout_s: float) -> tuple[float | None, int]:
        """Seconds from navigation until `ready_js` is true (None on timeout), and off-page requests tried."""
        page = self._browser.new_page(viewport={"width": 1400, "height": 900})
        external = []
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else
                   (external.append(route.request.url), route.abort()))
        start = time.perf_counter()
        try:
            page.goto(path.as_uri(), timeout=timeout_s * 1000)
            page.wait_for_function(ready_js, timeout=timeout_s * 1000, polling=50)
            return time.perf_counter() - start, len(external)
        except Exception as error:  # Playwright's TimeoutError
            if "Timeout" not in type(error).__name__:
                raise
            return None, len(external)
        finally:
            page.close()

    def close(self):
        self._browser.close()
        self._playwright.stop()


def pyvis_defaults_page(graph: Graph, path: Path) -> None:
    """The same nodes and edges drawn the way pyvis does by default."""
    from pyvis.network import Network

    projected = project(graph)
    network = Network(cdn_resources="in_line")
    ids = {node: i for i, node in enumerate(projected)}
    for node, label in projected.nodes(data="label"):
        network.add_node(ids[node], label=label)
    for source, target in projected.edges():
        network.add_edge(ids[source], ids[target])
    network.write_html(str(path))


def bench(sizes: list[int], baseline_timeout: float, out: Path) -> None:
    browser = Browser()
    results = {}
    try:
        print(f"{'nodes':>6} {'edges':>6} {'layout':>9} {'render_view s':>13} {'browser s':>9} {'total s':>7} {'requests':>8}")
        for size in sizes:
            graph = synthetic_graph(size)
            start = time.perf_counter()
            stats = render_view(graph, out / f"view-{size}.html", limit=10 * size)
            generated = time.perf_counter() - start
            loaded, requests = browser.time_until(stats.path, "window.kgReady === true", 60)
            results[size] = generated + loaded
            layout = "physics" if stats.nodes_shown <= PHYSICS_NODE_LIMIT else "computed"
            print(f"{stats.nodes_shown:>6} {stats.edges_shown:>6} {layout:>9} {generated:>13.2f} {loaded:>9.2f} "
                  f"{generated + loaded:>7.2f} {requests:>8}")
        print()
        baseline_size = 2000
        start = time.perf_counter()
        pyvis_defaults_page(synthetic_graph(baseline_size), out / "pyvis-defaults.html")
        generated = time.perf_counter() - start
        done = "document.getElementById('text') && document.getElementById('text').innerHTML === '100%'"
        loaded, requests = browser.time_until(out / "pyvis-defaults.html", done, baseline_timeout)
        ours = results.get(baseline_size)
        if loaded is None:
            print(f"pyvis defaults, {baseline_size} nodes: generation {generated:.2f} s, browser > {baseline_timeout:.0f} s "
                  f"(did not stabilise), {requests} off-page request(s) tried and blocked")
            if ours:
                print(f"ratio pyvis defaults / kg: > {(generated + baseline_timeout) / ours:.0f}x")
        else:
            print(f"pyvis defaults, {baseline_size} nodes: generation {generated:.2f} s, browser {loaded:.2f} s, "
                  f"total {generated + loaded:.2f} s, {requests} off-page request(s) tried and blocked")
            if ours:
                print(f"ratio pyvis defaults / kg: {(generated + loaded) / ours:.1f}x")
    finally:
        browser.close()
    graph = synthetic_graph(20_000)
    start = time.perf_counter()
    stats = render_view(graph, out / "view-20000.html")
    print(f"\n20,000-node request with the default limit: {stats} in {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000, 2000, 5000])
    parser.add_argument("--baseline-timeout", type=float, default=120.0, help="seconds to wait for pyvis's defaults")
    parser.add_argument("--out", type=Path, help="folder for the pages (default: a temporary one)")
    args = parser.parse_args()
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        bench(args.sizes, args.baseline_timeout, args.out)
    else:
        with tempfile.TemporaryDirectory() as folder:
            bench(args.sizes, args.baseline_timeout, Path(folder))


if __name__ == "__main__":
    main()
