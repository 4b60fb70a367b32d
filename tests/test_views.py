"""kg.views without a browser, on real stores on disk: what each view reads and draws, bounds, errors, safety."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.cli import cli
from kg.errors import ConfigError, NotFoundError
from kg.ingest import rebuild_entities_graph
from kg.rdf.namespaces import ENT, ID, KG, METRIC, NIF, ORG, POST, SCHEMA
from kg.store import OxigraphStore, open_store
from kg.views import ViewStats, render_view
from kg.views.read import DRAWN_DOCUMENTS, FACTS_DRAWN, RECENT_DOCUMENTS, find_focus

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
HASH = "0123456789abcdef"
DOC = ID[f"doc/{HASH}"]
PERIOD_Q4, PERIOD_Q1 = ID["period/2024-Q4"], ID["period/2025-Q1"]
ZUCKERBERG, LI = ENT["mark-zuckerberg"], ENT["susan-li"]
META, OPENAI, LLAMA = ENT["meta"], ENT["openai"], ENT["llama"]
QUOTES = [ID[f"quote/{HASH}/{n}-{n + 50}"] for n in (100, 200, 300)]
CLAIMS = [ID[f"claim/{HASH}/{n}-{n + 40}"] for n in (400, 500)]
FIGURES = [ID[f"figure/{HASH}/{n}-{n + 20}"] for n in (600, 700)]
# 3 quotes x 3 (speaker, document) + 2 claims x (claimant, document) + 3 "about" + 1 "states" + 2 figures x 2
# + 2 roles + 1 developer + 5 mentions
EDGES_IN_SAMPLE = 9 + 4 + 3 + 1 + 4 + 2 + 1 + 5 - 3  # a quote's two attributions (spoken by, attributed to) are one edge


def _add(graph: Graph, subject, *pairs) -> None:
    for predicate, obj in pairs:
        graph.add((subject, predicate, obj if isinstance(obj, URIRef) else Literal(obj)))


def _add_entity(graph: Graph, iri, cls, name, *aliases, document=DOC) -> None:
    _add(graph, iri, (RDF.type, cls), (SCHEMA.name, name), *((SKOS.altLabel, alias) for alias in aliases))
    graph.add((document, SCHEMA.mentions, iri))


def _add_post(graph: Graph, person, organization, title) -> None:
    post = POST[f"meta/{title.lower()}"]
    _add(graph, post, (RDF.type, ORG.Post), (ORG.heldBy, person), (ORG.postIn, organization), (SKOS.prefLabel, title))
    graph.add((person, ORG.holds, post))


def _add_span(graph: Graph, node, begin: int, sentence: str, document=DOC) -> None:
    _add(graph, node, (PROV.wasDerivedFrom, document), (KG.sentence, sentence))
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
    for period, label, quarter, year, end in ((PERIOD_Q4, "Q4 2024", 4, 2024, date(2024, 12, 31)),
                                              (PERIOD_Q1, "Q1 2025", 1, 2025, date(2025, 3, 31))):
        _add(graph, period, (RDF.type, KG.Period), (RDFS.label, label), (KG.year, year), (KG.quarter, quarter),
             (SCHEMA.endDate, Literal(end)))
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


SHARED = (str(ENT), str(POST), str(ID["event/"]), str(ID["period/"]))  # what several documents may describe


def store_of(path, documents: dict[str, Graph]) -> str:
    """An Oxigraph store on disk at `path` as ingestion makes it, from a graph of all each document says (hash,
    graph): its own triples in its graph, with its record of what it says about entities, posts, calls and
    periods (`kg:sharedStatement`), which the entities graph made from the records holds once."""
    with OxigraphStore(str(path)) as store:
        for content_hash, graph in documents.items():
            named = Graph(identifier=ID[f"graph/doc/{content_hash}"])
            for s, p, o in graph:
                said = str(s).startswith(SHARED)
                named.add((ID[f"doc/{content_hash}"], KG.sharedStatement, Literal(f"{s.n3()} {p.n3()} {o.n3()} ."))
                          if said else (s, p, o))
            store.add_graph(named)
        rebuild_entities_graph(store)
    return str(path)


def company_documents(count: int, *, with_facts: bool = False) -> dict[str, Graph]:
    """`count` dated documents that each mention Nvidia, a person of it (CFO) and one other company, in the
    order of their dates; with `with_facts`, each also states a revenue figure of Nvidia, a claim about it and a
    quote of its CFO."""
    documents = {}
    for index in range(count):
        content_hash = f"{index:016x}"
        document = ID[f"doc/{content_hash}"]
        graph = Graph()
        _add(graph, document, (RDF.type, KG.Document), (SCHEMA.name, f"Call {index}"),
             (SCHEMA.datePublished, Literal(date(2024, 1, 1) + timedelta(days=index))),
             (KG.sourcePath, f"calls/{index}.txt"))
        _add_entity(graph, ENT.nvidia, SCHEMA.Organization, "Nvidia", "NVIDIA Corporation", document=document)
        _add_entity(graph, ENT["colette-kress"], SCHEMA.Person, "Colette Kress", document=document)
        _add_entity(graph, ENT[f"company-{index}"], SCHEMA.Organization, f"Company {index}", document=document)
        post = POST["nvidia/cfo"]
        _add(graph, post, (ORG.postIn, ENT.nvidia), (SKOS.prefLabel, "CFO"))
        graph.add((ENT["colette-kress"], ORG.holds, post))
        if with_facts:
            figure, claim, quote = (ID[f"{kind}/{content_hash}/0-9"] for kind in ("figure", "claim", "quote"))
            _add(graph, figure, (RDF.type, KG.Figure), (NIF.anchorOf, f"${index} billion"),
                 (SCHEMA.value, Decimal(index) * 1_000_000_000), (SCHEMA.currency, "USD"), (KG.metric, METRIC.revenue),
                 (KG.subject, ENT.nvidia))
            _add(graph, claim, (RDF.type, SCHEMA.Claim), (SCHEMA.text, f"Demand will grow ({index})."),
                 (PROV.wasAttributedTo, ENT["colette-kress"]), (SCHEMA.about, ENT.nvidia))
            _add(graph, quote, (RDF.type, SCHEMA.Quotation), (SCHEMA.text, f"We grew ({index})."),
                 (SCHEMA.spokenByCharacter, ENT["colette-kress"]))
            for fact in (figure, claim, quote):
                _add_span(graph, fact, 0, "Demand will grow.", document)
        documents[content_hash] = graph
    return documents


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> str:
    return store_of(tmp_path_factory.mktemp("sample") / "store", {HASH: sample_graph()})


MANY = max(DRAWN_DOCUMENTS, FACTS_DRAWN) + 5  # documents, each with a figure, a claim and a quote


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> str:
    """Nvidia in more documents than a view draws."""
    return store_of(tmp_path_factory.mktemp("many") / "store", company_documents(MANY, with_facts=True))


def view(spec: str, path, **options):
    """render_view on the store at `spec`, and the page's data blocks."""
    with open_store(spec) as store:
        stats = render_view(store, path, **options)
    html = stats.path.read_text("utf-8")
    return stats, {block: _page_json(html, block) for block in ("page", "nodes", "edges")}


def _page_json(html: str, block: str):
    found = re.search(rf'<script type="application/json" id="kg-{block}">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def _kinds(nodes: list[dict]) -> dict[str, int]:
    kinds = [node["kind"] for node in nodes]
    return {kind: kinds.count(kind) for kind in set(kinds)}


def _by_label(nodes: list[dict], text: str) -> dict:
    return next(node for node in nodes if text in node["label"])


def _details(node: dict) -> dict:
    return dict(node["details"])


def test_a_small_store_is_drawn_whole(sample, tmp_path):
    stats, data = view(sample, tmp_path / "out" / "view.html", title="Meta")
    assert stats == ViewStats(13, 13, EDGES_IN_SAMPLE, False, tmp_path / "out" / "view.html")
    assert _kinds(data["nodes"]) == {"person": 2, "organization": 2, "model": 1, "quote": 3, "claim": 2, "figure": 2,
                                     "document": 1}
    assert len(data["edges"]) == EDGES_IN_SAMPLE
    assert data["page"]["nodesTotal"] == 13 and data["page"]["documents"] == []


def test_nodes_carry_labels_and_details(sample, tmp_path):
    _, data = view(sample, tmp_path / "view.html")
    nodes = data["nodes"]
    assert _by_label(nodes, "$48.39B")["label"] == "$48.39B revenue Q4 2024"
    assert _details(_by_label(nodes, "$58B"))["Figure"] == "$58B–$65B capital expenditure Q1 2025"
    quote = _details(_by_label(nodes, "intense year"))
    assert quote["Speaker"] == "Mark Zuckerberg"
    assert quote["Offsets"] == "100–150"
    assert quote["Path"] == "data/samples/meta-q4.txt"
    assert quote["Date"] == "2025-01-29"
    assert quote["Sentence"].startswith("He said:")
    assert all(len(line) <= 26 for node in nodes for line in node["label"].split("\n"))
    meta = next(node for node in nodes if node["label"] == "Meta")
    assert _details(meta)["Mentioned in"] == "1 document(s)" and meta["names"] == ["Facebook", "Meta Platforms"]


def test_people_show_with_their_posts(sample, tmp_path):
    _, data = view(sample, tmp_path / "view.html")
    assert _by_label(data["nodes"], "Zuckerberg")["label"] == "Mark Zuckerberg\nCEO, Meta"
    assert {edge["label"] for edge in data["edges"]} >= {"CEO", "CFO", "developed by", "said by", "about", "states"}


@pytest.mark.parametrize("name", ["meta", "META PLATFORMS", "facebook", "platforms"])
def test_focus_is_found_by_name_alias_or_word_in_any_case(sample, name):
    with open_store(sample) as store:
        assert find_focus(store, name, "entity") == (META, [])


def test_focus_prefers_an_exact_name_and_the_entity_with_what_the_view_shows(tmp_path):
    graph = Graph()
    document = ID["doc/1"]
    _add_entity(graph, ENT.meta, SCHEMA.Organization, "Meta", document=document)
    _add_entity(graph, ENT.metaverse, SCHEMA.Organization, "Metaverse Inc", document=document)
    _add_entity(graph, ENT["jensen-huang"], SCHEMA.Person, "Jensen Huang", document=document)
    _add_entity(graph, ENT["jensen-wong"], SCHEMA.Person, "Jensen Wong", document=document)
    quote = ID["quote/1/0-9"]
    _add(graph, quote, (RDF.type, SCHEMA.Quotation), (SCHEMA.text, "Hello."), (SCHEMA.spokenByCharacter, ENT["jensen-wong"]))
    _add_span(graph, quote, 0, "Hello.", document)
    with open_store(store_of(tmp_path / "store", {"1": graph})) as store:
        assert find_focus(store, "meta", "entity") == (ENT.meta, [])
        assert find_focus(store, "Jensen", "speaker") == (ENT["jensen-wong"], ["Jensen Huang"])


def test_entity_view_takes_the_neighbourhood_up_to_depth(sample, tmp_path):
    _, one = view(sample, tmp_path / "one.html", focus="Llama", depth=1)
    names = {_details(node)["Name"] for node in one["nodes"] if node["kind"] in ("model", "organization", "person")}
    assert names == {"Llama 4", "Meta", "Mark Zuckerberg", f"Susan Li {XSS_IMG}", "OpenAI"}  # developer, co-mentioned
    assert one["page"]["focus"] == "Llama 4"
    stats, zero = view(sample, tmp_path / "zero.html", focus="Llama", depth=0)
    assert [node["label"] for node in zero["nodes"] if node["kind"] == "model"] == ["Llama 4"]
    assert not [node for node in zero["nodes"] if node["kind"] in ("organization", "person")]


def test_speaker_view_shows_quotes_claims_and_what_they_are_about(sample, tmp_path):
    _, data = view(sample, tmp_path / "speaker.html", view="speaker", focus="Zuckerberg")
    assert _kinds(data["nodes"]) == {"person": 1, "quote": 2, "claim": 1, "model": 1, "organization": 1, "document": 1}
    assert data["page"]["clusters"][0]["label"] == "Mark Zuckerberg"


def test_claims_and_figures_views(sample, tmp_path):
    _, claims = view(sample, tmp_path / "claims.html", view="claims", focus="Llama")
    assert _kinds(claims["nodes"]) == {"model": 1, "claim": 1, "person": 1, "organization": 1, "document": 1}
    _, figures = view(sample, tmp_path / "figures.html", view="figures", focus="Meta")
    assert _kinds(figures["nodes"]) == {"organization": 1, "figure": 2, "document": 1}
    page = figures["page"]
    assert page["figureColumns"] == ["Subject", "Metric", "Period", "Value", "Source", "Date"]
    assert [row["cells"][1:4] for row in page["figureRows"]] == [
        ["capital expenditure", "Q1 2025", "$58B–$65B"],
        ["revenue", "Q4 2024", "$48.39B"],
    ]


def test_the_focus_figures_by_period_and_claims_are_in_the_side_panel(sample, tmp_path):
    _, data = view(sample, tmp_path / "view.html", focus="Meta")
    panels = {panel["title"]: panel for panel in data["page"]["panels"]}
    assert list(panels) == ["Figures by period", "Headline figures by period", "Claims"]
    assert (panels["Headline figures by period"]["columns"], panels["Headline figures by period"]["rows"]) == (
        ["Period", "revenue"], [["Q4 2024", "$48.39 billion"]])
    figures = panels["Figures by period"]
    assert figures["columns"] == ["Period", "Metric", "Value", "Source"]
    assert [row[:3] for row in figures["rows"]] == [["Q1 2025", "capital expenditure", "$58B–$65B"],
                                                     ["Q4 2024", "revenue", "$48.39B"]]
    assert panels["Claims"]["total"] == 2 and all(node is not None for node in panels["Claims"]["nodes"])


def test_documents_collapse_into_counts_on_a_bigger_store(many, tmp_path):
    count = MANY
    _, data = view(many, tmp_path / "view.html", focus="Nvidia")
    assert "document" not in _kinds(data["nodes"])
    nvidia = _by_label(data["nodes"], "Nvidia")
    assert nvidia["documents"]["count"] == count
    listed = {doc["id"]: doc for doc in data["page"]["documents"]}
    assert [_details(listed[i])["Title"] for i in nvidia["documents"]["ids"]] == \
        [f"Call {i}" for i in range(count - 1, count - 1 - RECENT_DOCUMENTS, -1)]  # the most recent first
    kress = _by_label(data["nodes"], "Colette Kress")
    assert kress["label"] == "Colette Kress\nCFO, Nvidia"
    for doc in nvidia["documents"]["ids"]:  # each listed document links the drawn entities it mentions
        assert {nvidia["id"], kress["id"]} <= set(data["page"]["documentMentions"][str(doc)])
    panels = {panel["title"]: panel for panel in data["page"]["panels"]}
    assert panels["Figures by period"]["total"] == count and len(panels["Figures by period"]["rows"]) == count
    assert "figure" not in _kinds(data["nodes"])  # more than the entity view draws: in the side panel only


def test_counts_are_right_however_many_documents_repeat_an_entity(tmp_path):
    """An entity every document names: described once, counted once, its documents all counted."""
    spec = store_of(tmp_path / "store", company_documents(MANY, with_facts=True))
    stats, data = view(spec, tmp_path / "view.html", focus="Nvidia", limit=50)
    nvidia = _by_label(data["nodes"], "Nvidia")
    assert (nvidia["names"], nvidia["documents"]["count"]) == (["NVIDIA Corporation"], MANY)
    assert [node["label"] for node in data["nodes"]].count("Colette Kress\nCFO, Nvidia") == 1


class _Counting(OxigraphStore):
    """An Oxigraph store that keeps the largest number of rows any query returned."""

    most_rows = 0

    def query(self, sparql, bindings=None):
        result = super().query(sparql, bindings)
        _Counting.most_rows = max(_Counting.most_rows, len(result.rows))
        return result


@pytest.mark.parametrize("view_name", ["entity", "speaker", "claims", "figures"])
def test_a_view_reads_rows_bounded_by_its_limit(many, tmp_path, view_name):
    _Counting.most_rows = 0
    with _Counting(many) as store:
        stats = render_view(store, tmp_path / "view.html", view=view_name, limit=5)
    assert stats.nodes_shown <= 5
    assert stats.nodes_shown > 0
    assert _Counting.most_rows <= 5 + 20 + MANY  # a page, its spare rows, or the documents' dates


def test_limit_truncates_keeps_the_focus_and_notes_the_total(sample, tmp_path):
    stats, data = view(sample, tmp_path / "view.html", focus="Llama", depth=3, limit=4)
    assert (stats.nodes_shown, stats.truncated) == (4, True)
    assert stats.nodes_total > 4
    assert (data["page"]["nodesShown"], data["page"]["nodesTotal"]) == (4, stats.nodes_total)
    labels = [node["label"] for node in data["nodes"]]
    assert "Llama 4" in labels and "Meta" in labels


def test_query_view_draws_a_graph_as_it_is(tmp_path):
    """`kg serve` draws a CONSTRUCT result with render_view(graph, out, view="query")."""
    stats = render_view(sample_graph(), tmp_path / "query.html", view="query")
    data = _page_json(stats.path.read_text("utf-8"), "nodes")
    by_label = {node["label"]: node for node in data}
    assert "metric:revenue" in by_label and "Q4 2024" in by_label
    assert "rdfs:label: Q4 2024" in by_label["Q4 2024"]["title"]
    assert "schema:Person" not in by_label  # rdf:type goes into the details
    edges = _page_json(stats.path.read_text("utf-8"), "edges")
    assert "kg:metric" in {edge["label"] for edge in edges}
    assert stats.nodes_shown == len(data) == 19  # 17 subjects, 2 metrics


def test_query_view_reads_a_dataset_across_its_named_graphs(tmp_path):
    dataset = Dataset()
    named = dataset.graph(ID[f"graph/doc/{HASH}"])
    for triple in sample_graph():
        named.add(triple)
    assert render_view(dataset, tmp_path / "query.html", view="query").nodes_shown == 19


def test_unknown_focus_raises_not_found(sample, tmp_path):
    with open_store(sample) as store:
        with pytest.raises(NotFoundError, match="no entity named 'Nobody' in the graph; try `kg entities`"):
            render_view(store, tmp_path / "view.html", focus="Nobody")
        with pytest.raises(NotFoundError, match="no person named 'Meta'"):
            render_view(store, tmp_path / "view.html", view="speaker", focus="Meta")


@pytest.mark.parametrize("options", [{"view": "pie"}, {"limit": 0}, {"depth": -1}])
def test_bad_options_raise_config_error(sample, tmp_path, options):
    with open_store(sample) as store, pytest.raises(ConfigError):
        render_view(store, tmp_path / "view.html", **options)


def test_a_graph_is_drawn_by_the_query_view_and_a_store_by_the_others(sample, tmp_path):
    with pytest.raises(ConfigError, match="the entity view reads a store"):
        render_view(sample_graph(), tmp_path / "view.html")
    with open_store(sample) as store, pytest.raises(ConfigError, match="the query view draws an RDF graph"):
        render_view(store, tmp_path / "view.html", view="query")


def test_output_must_be_an_html_file(sample, tmp_path):
    with open_store(sample) as store, pytest.raises(ConfigError, match=r"\.html"):
        render_view(store, tmp_path / "view.svg")


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


def test_page_loads_nothing_from_a_cdn(sample, tmp_path):
    stats, _ = view(sample, tmp_path / "view.html")
    html = stats.path.read_text("utf-8")
    page = _PageParser(html)
    assert page.references == []
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?https?://""", html, re.I)
    assert page.policy.startswith("default-src 'none'; script-src 'sha256-")  # blocks any request left


def test_payload_is_escaped(sample, tmp_path):
    stats, data = view(sample, tmp_path / "view.html")
    html = stats.path.read_text("utf-8")
    assert XSS_SCRIPT not in html
    assert "<img src=x" not in html
    assert _PageParser(html).scripts == ["application/json"] * 4 + ["text/javascript"] * 2  # none closed early
    assert any(XSS_IMG in _details(node).get("Name", "") for node in data["nodes"])  # the text survives, as JSON
    assert "<title>kg</title>" in html
    with open_store(sample) as store:
        escaped = render_view(store, tmp_path / "titled.html", title=XSS_SCRIPT).path.read_text("utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in escaped


def _viz(*args: str):
    return CliRunner().invoke(cli, ["viz", *args])


def test_cli_viz_says_what_it_drew_and_which_other_entities_a_focus_names(tmp_path):
    graph = Graph()
    _add(graph, DOC, (RDF.type, KG.Document), (KG.sourcePath, "call.txt"))
    for slug, name in (("jensen-huang", "Jensen Huang"), ("jensen-wong", "Jensen Wong")):
        _add_entity(graph, ENT[slug], SCHEMA.Person, name)
    spec = store_of(tmp_path / "store", {HASH: graph})
    result = _viz("--store", spec, "--focus", "Jensen", "--out", str(tmp_path / "v.html"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'v.html'}: 3 nodes, 3 edges\n"  # 2 mentions, 1 co-mention
    assert result.stderr == "'Jensen' also names Jensen Huang\n"  # a tie: the shorter name is taken
    result = _viz("--store", spec, "--limit", "1", "--out", str(tmp_path / "v.html"))
    assert result.stdout == f"wrote {tmp_path / 'v.html'}: 1 nodes, 0 edges (showing 1 of at least 2 nodes)\n"


def test_cli_viz_draws_a_construct_result_with_the_query_view(sample, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("CONSTRUCT { ?q schema:spokenByCharacter ?p } WHERE { ?q schema:spokenByCharacter ?p }")
    result = _viz("--store", sample, "--view", "query", "-f", str(query), "--out", str(tmp_path / "q.html"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {tmp_path / 'q.html'}: 5 nodes, 3 edges\n"  # 3 quotes, 2 speakers
    result = _viz("--store", sample, "--view", "query", "--out", str(tmp_path / "q.html"))
    assert (result.exit_code, result.output) == (
        1, "Error: [E006] --view query draws the result of a CONSTRUCT query: give it with -f FILE\n")
    result = _viz("--store", sample, "-f", str(query), "--out", str(tmp_path / "q.html"))
    assert (result.exit_code, result.output) == (1, "Error: [E006] a CONSTRUCT query (-f FILE) is drawn with --view query\n")
