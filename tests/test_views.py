"""kg.views without a browser: projection, selection, truncation, errors, and the written page's safety."""
from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.errors import ConfigError, NotFoundError
from kg.rdf.namespaces import ENT, ID, KG, METRIC, NIF, ORG, POST, SCHEMA
from kg.views import ViewStats, render_view
from kg.views.graph import find_focus, project, project_as_is, select

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
DOC = ID["doc/0123456789abcdef"]
PERIOD_Q4, PERIOD_Q1 = ID["period/2024-Q4"], ID["period/2025-Q1"]
ZUCKERBERG, LI = ENT["mark-zuckerberg"], ENT["susan-li"]
META, OPENAI, LLAMA = ENT["meta"], ENT["openai"], ENT["llama"]
QUOTES = [ID[f"quote/0123456789abcdef/{n}-{n + 50}"] for n in (100, 200, 300)]
CLAIMS = [ID[f"claim/0123456789abcdef/{n}-{n + 40}"] for n in (400, 500)]
FIGURES = [ID[f"figure/0123456789abcdef/{n}-{n + 20}"] for n in (600, 700)]
EDGES_IN_SAMPLE = 22  # 3 quotes x 2 + 2 claims x 3 + 2 figures + 2 roles + 1 developer + 5 mentions


def _add(graph: Graph, subject, *pairs) -> None:
    for predicate, obj in pairs:
        graph.add((subject, predicate, obj if isinstance(obj, URIRef) else Literal(obj)))


def _add_entity(graph: Graph, iri, cls, name, *aliases) -> None:
    _add(graph, iri, (RDF.type, cls), (SCHEMA.name, name), *((SKOS.altLabel, alias) for alias in aliases))
    graph.add((DOC, SCHEMA.mentions, iri))


def _add_post(graph: Graph, person, organization, title) -> None:
    post = POST[f"meta/{title.lower()}"]
    _add(graph, post, (RDF.type, ORG.Post), (ORG.heldBy, person), (ORG.postIn, organization), (SKOS.prefLabel, title))
    graph.add((person, ORG.holds, post))


def _add_span(graph: Graph, node, begin: int, sentence: str) -> None:
    _add(graph, node, (PROV.wasDerivedFrom, DOC), (KG.sentence, sentence))
    _add(graph, node, (NIF.beginIndex, begin), (NIF.endIndex, begin + 50))


def sample_graph() -> Graph:
    """2 people, 2 organisations, a model, 3 quotes, 2 claims, 2 figures, 1 document; names carry XSS."""
    graph = Graph()
    _add(graph, DOC, (RDF.type, KG.Document), (RDF.type, KG.Transcript), (SCHEMA.name, f'Meta Q4 2024 call "{XSS_SCRIPT}"'),
         (SCHEMA.datePublished, Literal(date(2025, 1, 29))), (KG.sourcePath, "data/samples/meta-q4.txt"))
    _add_entity(graph, ZUCKERBERG, SCHEMA.Person, "Mark Zuckerberg", "Zuck")
    _add_entity(graph, LI, SCHEMA.Person, f"Susan Li {XSS_IMG}")
    _add_entity(graph, META, SCHEMA.Organization, "Meta", "Meta Platforms", "Facebook")
    _add_entity(graph, OPENAI, SCHEMA.Organization, "OpenAI")
    _add_entity(graph, LLAMA, KG.AIModel, "Llama 4", "Llama")
    _add(graph, LLAMA, (SCHEMA.creator, META))
    _add_post(graph, ZUCKERBERG, META, "CEO")
    _add_post(graph, LI, META, "CFO")
    for period, label, quarter, year in ((PERIOD_Q4, "Q4 2024", 4, 2024), (PERIOD_Q1, "Q1 2025", 1, 2025)):
        _add(graph, period, (RDF.type, KG.Period), (RDFS.label, label), (KG.year, year), (KG.quarter, quarter))
    texts = [f"This is going to be an intense year {XSS_SCRIPT}", f'We "expect" growth {XSS_IMG}', "Llama 4 is leading."]
    for quote, text, speaker in zip(QUOTES, texts, (ZUCKERBERG, LI, ZUCKERBERG)):
        _add(graph, quote, (RDF.type, SCHEMA.Quotation), (SCHEMA.text, text), (SCHEMA.spokenByCharacter, speaker),
             (PROV.wasAttributedTo, speaker))
        _add_span(graph, quote, int(str(quote).rsplit("/", 1)[1].split("-")[0]), f"He said: {text}")
    _add(graph, FIGURES[0], (RDF.type, KG.Figure), (RDF.type, SCHEMA.MonetaryAmount), (NIF.anchorOf, "$48.39 billion"),
         (SCHEMA.value, Decimal("48390000000")), (SCHEMA.currency, "USD"), (SCHEMA.unitText, "USD"),
         (KG.metric, METRIC.revenue), (KG.subject, META), (KG.period, PERIOD_Q4))
    _add(graph, FIGURES[1], (RDF.type, KG.Figure), (NIF.anchorOf, "$58 billion to $65 billion"),
         (SCHEMA.minValue, Decimal("58000000000")), (SCHEMA.maxValue, Decimal("65000000000")),
         (SCHEMA.currency, "USD"), (KG.metric, METRIC["capital-expenditure"]), (KG.subject, META), (KG.period, PERIOD_Q1))
    for figure in FIGURES:
        _add_span(graph, figure, 600, "Revenue was $48.39 billion.")
    _add(graph, CLAIMS[0], (RDF.type, SCHEMA.Claim), (SCHEMA.text, "Revenue was $48.39 billion, up 21%."),
         (PROV.wasAttributedTo, LI), (SCHEMA.about, META), (KG.statesFigure, FIGURES[0]))
    _add(graph, CLAIMS[1], (RDF.type, SCHEMA.Claim), (SCHEMA.text, "Llama 4 will be the most advanced model."),
         (PROV.wasAttributedTo, ZUCKERBERG), (SCHEMA.about, LLAMA), (SCHEMA.about, META))
    for claim in CLAIMS:
        _add_span(graph, claim, 400, "Revenue was $48.39 billion, up 21%.")
    return graph


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


def _page_json(html: str, block: str):
    found = re.search(rf'<script type="application/json" id="kg-{block}">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_projection_has_every_node_and_relation(graph):
    projected = project(graph)
    kinds = [kind for _, kind in projected.nodes(data="kind")]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "person": 2, "organization": 2, "model": 1, "quote": 3, "claim": 2, "figure": 2, "document": 1,
    }
    assert projected.number_of_edges() == EDGES_IN_SAMPLE
    assert projected.has_edge(QUOTES[0], ZUCKERBERG, key="said by")
    assert projected.has_edge(QUOTES[0], DOC, key="from")
    assert projected.has_edge(CLAIMS[0], FIGURES[0], key="states")
    assert projected.has_edge(FIGURES[0], META, key="figure of")
    assert projected.has_edge(LLAMA, META, key="developed by")
    assert projected.get_edge_data(ZUCKERBERG, META)["role:CEO"]["label"] == "CEO"


def test_nodes_carry_labels_and_details(graph):
    projected = project(graph)
    assert projected.nodes[FIGURES[0]]["label"] == "$48.39B revenue Q4 2024"
    assert projected.nodes[FIGURES[1]]["label"] == "$58B–$65B capital expenditure Q1 2025"
    quote = dict(projected.nodes[QUOTES[0]]["details"])
    assert quote["Speaker"] == "Mark Zuckerberg"
    assert quote["Offsets"] == "100–150"
    assert quote["Path"] == "data/samples/meta-q4.txt"
    assert quote["Date"] == "2025-01-29"
    assert quote["Sentence"].startswith("He said:")
    assert len(projected.nodes[QUOTES[1]]["label"]) <= 60
    assert projected.nodes[META]["weight"] == 1  # mentioned in one document


@pytest.mark.parametrize("name", ["meta", "META PLATFORMS", "facebook", "platforms"])
def test_focus_matches_names_and_aliases_in_any_case(graph, name):
    assert find_focus(project(graph), name) == META


def test_focus_prefers_an_exact_match_over_a_substring():
    graph = Graph()
    for iri, name in ((ENT["meta"], "Meta"), (ENT["metaverse"], "Metaverse Inc")):
        _add(graph, iri, (RDF.type, SCHEMA.Organization), (SCHEMA.name, name))
    assert find_focus(project(graph), "meta") == ENT["meta"]


def test_a_dataset_is_read_across_its_named_graphs(graph):
    dataset = Dataset()
    named = dataset.graph(ID["graph/doc/0123456789abcdef"])
    for triple in graph:
        named.add(triple)
    assert len(project(dataset)) == 13


def test_entity_view_takes_the_neighbourhood_up_to_depth(graph):
    projected = project(graph)
    assert select(projected, "entity", LLAMA, 1) == {LLAMA, META, CLAIMS[1], DOC}
    assert select(projected, "entity", LLAMA, 0) == {LLAMA}
    assert len(select(projected, "entity", LLAMA, 2)) > 4


def test_speaker_view_shows_quotes_claims_and_what_they_are_about(graph):
    projected = project(graph)
    assert select(projected, "speaker", ZUCKERBERG, 2) == {ZUCKERBERG, QUOTES[0], QUOTES[2], DOC, CLAIMS[1], LLAMA, META}


def test_claims_and_figures_views(graph):
    projected = project(graph)
    assert select(projected, "claims", LLAMA, 2) == {LLAMA, CLAIMS[1], ZUCKERBERG}
    assert select(projected, "figures", META, 2) == {META, *FIGURES, CLAIMS[0]}


def test_render_writes_the_page_and_stats(graph, tmp_path):
    stats = render_view(graph, tmp_path / "out" / "view.html", title="Meta")
    assert stats == ViewStats(13, 13, EDGES_IN_SAMPLE, False, tmp_path / "out" / "view.html")
    html = stats.path.read_text("utf-8")
    assert len(_page_json(html, "nodes")) == 13
    assert len(_page_json(html, "edges")) == EDGES_IN_SAMPLE
    assert _page_json(html, "page")["nodesTotal"] == 13


def test_limit_truncates_keeps_the_focus_and_notes_the_total(graph, tmp_path):
    stats = render_view(graph, tmp_path / "view.html", focus="Llama", depth=3, limit=4)
    assert (stats.nodes_shown, stats.truncated) == (4, True)
    assert stats.nodes_total > 4
    html = stats.path.read_text("utf-8")
    page = _page_json(html, "page")
    assert (page["nodesShown"], page["nodesTotal"]) == (4, stats.nodes_total)
    labels = [node["label"] for node in _page_json(html, "nodes")]
    assert "Llama 4" in labels and "Meta" in labels


def test_figures_view_sends_a_table_by_metric_and_period(graph, tmp_path):
    stats = render_view(graph, tmp_path / "figures.html", view="figures", focus="Meta")
    page = _page_json(stats.path.read_text("utf-8"), "page")
    assert page["figureColumns"] == ["Subject", "Metric", "Period", "Value", "Source", "Date"]
    assert [row["cells"][1:4] for row in page["figureRows"]] == [
        ["capital expenditure", "Q1 2025", "$58B–$65B"],
        ["revenue", "Q4 2024", "$48.39B"],
    ]


def test_query_view_draws_every_iri_and_puts_literals_in_tooltips(graph, tmp_path):
    projected = project_as_is(graph)
    assert PERIOD_Q4 in projected and METRIC.revenue in projected
    assert "rdfs:label: Q4 2024" in projected.nodes[PERIOD_Q4]["tooltip"]
    assert projected.nodes[METRIC.revenue]["label"] == "metric:revenue"
    assert projected.get_edge_data(FIGURES[0], METRIC.revenue)[KG.metric]["label"] == "kg:metric"
    assert SCHEMA.Person not in projected  # rdf:type goes into the details
    stats = render_view(graph, tmp_path / "query.html", view="query")
    assert stats.nodes_shown == len(projected)


def test_unknown_focus_raises_not_found(graph, tmp_path):
    with pytest.raises(NotFoundError, match="no entity named 'Nobody' in the graph; try `kg entities`"):
        render_view(graph, tmp_path / "view.html", focus="Nobody")
    with pytest.raises(NotFoundError, match="no person named 'Meta'"):
        render_view(graph, tmp_path / "view.html", view="speaker", focus="Meta")


@pytest.mark.parametrize("options", [{"view": "pie"}, {"limit": 0}, {"depth": -1}])
def test_bad_options_raise_config_error(graph, tmp_path, options):
    with pytest.raises(ConfigError):
        render_view(graph, tmp_path / "view.html", **options)


def test_output_must_be_an_html_file(graph, tmp_path):
    with pytest.raises(ConfigError, match=r"\.html"):
        render_view(graph, tmp_path / "view.svg")


class _PageParser(HTMLParser):
    """Collects the page's scripts, its off-page src/href references and its Content-Security-Policy."""

    def __init__(self, html: str):
        super().__init__()
        self.scripts, self.references, self.policy = [], [], ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes.get("type", "text/javascript"))
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy":
            self.policy = attributes["content"]
        self.references += [v for n, v in attrs if n in ("src", "href") and v and not v.startswith("#")]


def test_page_loads_nothing_from_a_cdn(graph, tmp_path):
    html = render_view(graph, tmp_path / "view.html").path.read_text("utf-8")
    page = _PageParser(html)
    assert page.references == []
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?https?://""", html, re.I)
    assert page.policy.startswith("default-src 'none'; script-src 'sha256-")  # blocks any request left


def test_payload_is_escaped(graph, tmp_path):
    html = render_view(graph, tmp_path / "view.html").path.read_text("utf-8")
    assert XSS_SCRIPT not in html
    assert "<img src=x" not in html
    assert _PageParser(html).scripts == ["application/json"] * 4 + ["text/javascript"] * 2  # none closed early
    nodes = _page_json(html, "nodes")
    assert any(XSS_IMG in node["label"] for node in nodes)  # the text survives, as JSON
    assert "<title>kg</title>" in html
    escaped = render_view(graph, tmp_path / "titled.html", title=XSS_SCRIPT).path.read_text("utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in escaped
