"""Every named query on a small graph built here (following docs/rdf-model.md), with its exact result, on the
in-memory and the Oxigraph store; and hostile parameter values, which must change nothing."""
from __future__ import annotations

import re
from pathlib import Path
from decimal import Decimal

import pytest
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg import queries
from kg.errors import QueryError
from kg.ingest import add_broader_transitive, add_name_keys
from kg.listings import SEPARATOR, plain
from kg.rdf import shared
from kg.rdf.namespaces import CLAIM_KIND, ENT, ID, KG, METRIC, NIF, ORG, POST, SCHEMA
from kg.store import open_store
from kg.store.memory import MemoryStore

HOSTILE = ['"} ; DROP ALL ; {"', "'} ; DROP ALL ; {'", '"', "'", "\\", '\\"', "\\u0022} ; DROP ALL ; {\\u0022",
           "\\U00000022) } DROP ALL", "http://example.org/a b", "<http://example.org/a b>",
           "x> } ; CLEAR ALL ; { <y", '"""', "'''", "line\nbreak\r", "?person_", "$x", "# comment", "Acme\" || true || \"",
           ") } } ; INSERT DATA { <a:b> <a:b> <a:b> } #", "\u0000", "é\u2028\U0001F600", "%22%7D", "x" * 10_000]
DOC_A, DOC_B = ID["doc/aaaa"], ID["doc/bbbb"]
Q4_2024, Y2025 = ID["period/2024-Q4"], ID["period/2025"]
CALL = ID["event/acme/2024-Q4"]
ACME, GLOBEX, JANE, JOHN, ROCKET = ENT["acme"], ENT["globex"], ENT["jane-roe"], ENT["john-doe"], ENT["rocket-1"]
NAMES = {ACME: ("Acme Corp", SCHEMA.Organization), GLOBEX: ("Globex", SCHEMA.Organization),
         JANE: ("Jane Roe", SCHEMA.Person), JOHN: ("John Doe", SCHEMA.Person), ROCKET: ("Rocket 1", KG.AIModel)}


def graph(name: str, *triples) -> Graph:
    g = Graph(identifier=ID[f"graph/{name}"])
    for triple in triples:
        g.add(triple)
    return g


def entity(node) -> list:
    name, kind = NAMES[node]
    return [(node, RDF.type, kind), (node, SCHEMA.name, Literal(name))]


def fact(node, rdf_type, doc, start, end, **props) -> list:
    triples = [(node, RDF.type, rdf_type), (node, PROV.wasDerivedFrom, doc),
               (node, NIF.beginIndex, Literal(start)), (node, NIF.endIndex, Literal(end))]
    for prop, value in props.items():
        for v in value if isinstance(value, list) else [value]:
            triples.append((node, {"text": SCHEMA.text, "anchor": NIF.anchorOf, "sentence": KG.sentence,
                                   "speaker": SCHEMA.spokenByCharacter, "by": PROV.wasAttributedTo,
                                   "value": SCHEMA.value, "min": SCHEMA.minValue, "max": SCHEMA.maxValue,
                                   "unit": SCHEMA.unitText, "metric": KG.metric, "words": KG.metricText, "subject": KG.subject,
                                   "period": KG.period, "kind": KG.claimKind, "about": SCHEMA.about,
                                   "states": KG.statesFigure, "partial": KG.partial, "rule": KG.rule}[prop], v))
    return triples


def document(node, graph_hash, kind, title, date, source, mentions) -> list:
    """A document's own triples; the type and name of what it mentions are shared (see `known_graphs`)."""
    triples = [(node, RDF.type, KG.Document), (node, RDF.type, kind), (node, SCHEMA.name, Literal(title)),
               (node, SCHEMA.datePublished, Literal(date, datatype=XSD.date)),
               (node, KG.sourcePath, Literal(source)), (node, KG.contentHash, Literal(graph_hash * 16))]
    return triples + [(node, SCHEMA.mentions, m) for m in mentions]


def counts(node, quotes: int, figures: int, claims: int) -> list:
    return [(node, KG.quoteCount, Literal(quotes)), (node, KG.figureCount, Literal(figures)),
            (node, KG.claimCount, Literal(claims))]


def usd(amount: int) -> Literal:
    return Literal(Decimal(amount), datatype=XSD.decimal)


def known_graphs() -> list[Graph]:
    money = {"unit": Literal("USD"), "metric": METRIC["revenue"]}
    ontology = graph(
        "ontology",
        (METRIC["revenue"], SKOS.prefLabel, Literal("revenue")), (METRIC["revenue"], SKOS.altLabel, Literal("sales")),
        (METRIC["revenue"], SKOS.inScheme, METRIC["scheme"]),
        (CLAIM_KIND["forecast"], SKOS.prefLabel, Literal("forecast")),
        (CLAIM_KIND["guidance"], SKOS.prefLabel, Literal("guidance")),
        (CLAIM_KIND["guidance"], SKOS.broader, CLAIM_KIND["forecast"]),
        (CLAIM_KIND["assessment"], SKOS.prefLabel, Literal("assessment")),
    )
    post, analyst = POST["acme/ceo"], POST["globex/analyst/john-doe"]
    gazetteer = graph(
        "gazetteer", *entity(ACME), *entity(JANE), *entity(ROCKET),
        (ACME, SKOS.altLabel, Literal("Acme")), (ACME, SCHEMA.tickerSymbol, Literal("ACME")),
        (JANE, SKOS.altLabel, Literal("J. Roe")), (ROCKET, SCHEMA.creator, ACME),
        (post, RDF.type, ORG.Post), (post, ORG.heldBy, JANE), (post, ORG.postIn, ACME),
        (post, SKOS.prefLabel, Literal("CEO")), (JANE, ORG.holds, post),
        # a post whose organisation a document names otherwise than the graph does
        (analyst, RDF.type, ORG.Post), (analyst, ORG.heldBy, JOHN), (analyst, ORG.postIn, GLOBEX),
        (analyst, SKOS.prefLabel, Literal("Analyst")), (analyst, KG.organizationName, Literal("Globex Labs")),
        (JOHN, ORG.holds, analyst),
    )
    call = [(CALL, RDF.type, KG.EarningsCall), (CALL, SCHEMA.name, Literal("Acme Q4 2024 earnings call")),
            (CALL, SCHEMA.organizer, ACME), (CALL, KG.period, Q4_2024),
            (CALL, SCHEMA.startDate, Literal("2025-01-30", datatype=XSD.date))]
    periods = [(Q4_2024, RDF.type, KG.Period), (Q4_2024, RDFS.label, Literal("Q4 2024")),
               (Q4_2024, KG.year, Literal(2024)), (Q4_2024, KG.quarter, Literal(4)),
               (Y2025, RDF.type, KG.Period), (Y2025, RDFS.label, Literal("2025")), (Y2025, KG.year, Literal(2025))]
    doc_a = graph(
        "doc/aaaa", (DOC_A, SCHEMA.about, CALL),
        *document(DOC_A, "a", KG.Transcript, "Acme Q4 2024 call", "2025-01-30", "calls/acme-q4.md",
                  [ACME, JANE, ROCKET, GLOBEX]), *counts(DOC_A, quotes=1, figures=2, claims=2),
        *fact(ID["quote/aaaa/10-23"], SCHEMA.Quotation, DOC_A, 10, 23, text=Literal("We grew fast."),
              sentence=Literal('Jane Roe said: "We grew fast."'), speaker=JANE, by=JANE,
              partial=Literal(False), rule=Literal("said")),
        *fact(ID["figure/aaaa/30-41"], KG.Figure, DOC_A, 30, 41, anchor=Literal("$10 billion"),
              value=usd(10_000_000_000), subject=ACME, period=Q4_2024, words=Literal("revenue in constant currency"),
              **money),
        *fact(ID["figure/aaaa/50-64"], KG.Figure, DOC_A, 50, 64, anchor=Literal("$12-14 billion"),
              value=usd(12_000_000_000), min=usd(12_000_000_000), max=usd(14_000_000_000), subject=ACME,
              period=Y2025, **money),
        *fact(ID["claim/aaaa/45-90"], SCHEMA.Claim, DOC_A, 45, 90,
              text=Literal("Acme expects revenue of $12-14 billion in 2025"), kind=CLAIM_KIND["guidance"],
              by=JANE, about=ACME, states=ID["figure/aaaa/50-64"]),
        *fact(ID["claim/aaaa/100-124"], SCHEMA.Claim, DOC_A, 100, 124, text=Literal("Globex is falling behind"),
              kind=CLAIM_KIND["assessment"], by=JANE, about=GLOBEX),
    )
    doc_b = graph(
        "doc/bbbb", (DOC_B, SCHEMA.about, CALL),
        *document(DOC_B, "b", SCHEMA.NewsArticle, "Globex answers", "2025-02-03", "news/globex.txt",
                  [GLOBEX, JOHN, ACME]), *counts(DOC_B, quotes=1, figures=1, claims=1),
        *fact(ID["quote/bbbb/5-26"], SCHEMA.Quotation, DOC_B, 5, 26, text=Literal("Acme is not a threat."),
              speaker=JOHN, by=JOHN, partial=Literal(False), rule=Literal("said")),
        *fact(ID["figure/bbbb/40-50"], KG.Figure, DOC_B, 40, 50, anchor=Literal("$2 billion"),
              value=usd(2_000_000_000), subject=GLOBEX, period=Q4_2024, **money),
        *fact(ID["claim/bbbb/60-95"], SCHEMA.Claim, DOC_B, 60, 95, text=Literal("Globex will pass Acme in 2025"),
              kind=CLAIM_KIND["forecast"], by=JOHN, about=ACME, period=Y2025),
        *fact(ID["claim/bbbb/100-125"], SCHEMA.Claim, DOC_B, 100, 125, text=Literal("Globex will keep hiring"),
              kind=CLAIM_KIND["forecast"], by=JOHN, about=GLOBEX),  # no period: guidance leaves it out
    )
    # what the documents say about the entities they mention, the call and the periods: held once, in the entities
    # graph, as ingestion writes it (kg.rdf.shared), leaving out what the gazetteer states
    said = [*periods, *call, (CALL, SCHEMA.attendee, JANE), *(t for node in NAMES for t in entity(node))]
    add_name_keys(gazetteer)
    entities = graph("entities", *shared.normalise(said, gazetteer))
    add_broader_transitive(ontology)
    return [ontology, gazetteer, entities, doc_a, doc_b]


def known_store(kind: str, folder: Path):
    store = MemoryStore() if kind == "memory" else open_store(f"oxigraph:{folder / 'store'}")
    for g in known_graphs():
        store.add_graph(g)
    return store


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, tmp_path_factory):
    """The small graph, built once per backend for the tests that only read it."""
    store = known_store(request.param, tmp_path_factory.mktemp(request.param))
    yield store
    store.close()


@pytest.fixture(params=["memory", "oxigraph"])
def own_store(request, tmp_path):
    """The small graph, for a test that adds to it."""
    store = known_store(request.param, tmp_path)
    yield store
    store.close()


def rows(store, query_name: str, columns: str, **params) -> list[tuple]:
    query = queries.load(query_name)
    result = query.run(store, params).dicts()
    return [tuple(plain(row[c]) for c in columns.split()) for row in result]


def test_quotes_by_person(store):
    assert rows(store, "quotes-by-person", "speakerName text published source start") == [
        ("Jane Roe", "We grew fast.", "2025-01-30", "calls/acme-q4.md", 10),
        ("John Doe", "Acme is not a threat.", "2025-02-03", "news/globex.txt", 5),
    ]
    assert rows(store, "quotes-by-person", "speakerName sentence", person="j. roe") == [
        ("Jane Roe", 'Jane Roe said: "We grew fast."')]
    assert rows(store, "quotes-by-person", "speakerName", person="nobody") == []


def test_figures_by_company_metric(store):
    columns = "subjectName metricLabel periodLabel year quarter value min max unit text"
    assert rows(store, "figures-by-company-metric", columns, company="ACME", metric="sales") == [
        ("Acme Corp", "revenue", "Q4 2024", 2024, 4, 1e10, None, None, "USD", "$10 billion"),
        ("Acme Corp", "revenue", "2025", 2025, None, 1.2e10, 1.2e10, 1.4e10, "USD", "$12-14 billion"),
    ]
    assert rows(store, "figures-by-company-metric", "subjectName periodLabel", metric="revenue") == [
        ("Acme Corp", "Q4 2024"), ("Acme Corp", "2025"), ("Globex", "Q4 2024")]
    assert rows(store, "figures-by-company-metric", "subjectName", metric="capex") == []


def test_claims_about(store):
    assert rows(store, "claims-about", "aboutName claimantName kindLabel text source") == [
        ("Acme Corp", "Jane Roe", "guidance", "Acme expects revenue of $12-14 billion in 2025", "calls/acme-q4.md"),
        ("Acme Corp", "John Doe", "forecast", "Globex will pass Acme in 2025", "news/globex.txt"),
        ("Globex", "Jane Roe", "assessment", "Globex is falling behind", "calls/acme-q4.md"),
        ("Globex", "John Doe", "forecast", "Globex will keep hiring", "news/globex.txt"),
    ]
    assert rows(store, "claims-about", "aboutName claimantName", entity="glob") == [
        ("Globex", "Jane Roe"), ("Globex", "John Doe")]


def test_mentions(store):
    assert rows(store, "mentions", "speakerName entityName claims documents") == [
        ("Jane Roe", "Acme Corp", 1, 1), ("Jane Roe", "Globex", 1, 1), ("John Doe", "Acme Corp", 1, 1),
        ("John Doe", "Globex", 1, 1)]
    assert rows(store, "mentions", "speakerName entityName", speaker="doe", entity="acme") == [
        ("John Doe", "Acme Corp")]


def test_co_mentions(store):
    assert rows(store, "co-mentions", "name1 name2 documents") == [
        ("Acme Corp", "Globex", 2), ("Acme Corp", "Jane Roe", 1), ("Acme Corp", "John Doe", 1),
        ("Acme Corp", "Rocket 1", 1), ("Globex", "Jane Roe", 1), ("Globex", "John Doe", 1),
        ("Globex", "Rocket 1", 1), ("Jane Roe", "Rocket 1", 1),
    ]
    assert rows(store, "co-mentions", "name1 name2 documents", entity="john") == [  # the entity named first
        ("John Doe", "Acme Corp", 1), ("John Doe", "Globex", 1)]
    assert rows(store, "co-mentions", "name1 name2 documents", entity="acme") == [
        ("Acme Corp", "Globex", 2), ("Acme Corp", "Jane Roe", 1), ("Acme Corp", "John Doe", 1),
        ("Acme Corp", "Rocket 1", 1)]


def test_documents_about(store):
    assert rows(store, "documents-about", "entityName source title published kind", entity="Acme") == [
        ("Acme Corp", "calls/acme-q4.md", "Acme Q4 2024 call", "2025-01-30", "transcript"),
        ("Acme Corp", "news/globex.txt", "Globex answers", "2025-02-03", "article"),
    ]
    assert rows(store, "documents-about", "entityName source", entity="rocket") == [("Rocket 1", "calls/acme-q4.md")]


def test_guidance(store):
    columns = "periodLabel claimantName kindLabel figureText min max unit metricLabel subjectName"
    assert rows(store, "guidance", columns) == [
        ("2025", "Jane Roe", "guidance", "$12-14 billion", 1.2e10, 1.4e10, "USD", "revenue", "Acme Corp"),
        ("2025", "John Doe", "forecast", None, None, None, None, None, None),
    ]
    assert rows(store, "guidance", "periodLabel claimantName", period="2025", entity="acme") == [("2025", "Jane Roe")]
    # John Doe's forecast without a period is not listed under the periods its document names
    assert rows(store, "guidance", "periodLabel claimantName text", entity="john") == [
        ("2025", "John Doe", "Globex will pass Acme in 2025")]
    assert rows(store, "guidance", "periodLabel claimantName figureText", period="2025") == [
        ("2025", "Jane Roe", "$12-14 billion"), ("2025", "John Doe", None)]
    assert rows(store, "guidance", "periodLabel", period="Q4") == []
    assert rows(store, "guidance", "claimantName figureText", entity="john") == [("John Doe", None)]


def computed(store, name: str, columns: str, **params) -> list[tuple]:
    """A computed query's rows (kg.analysis; tests/test_comparisons.py has them on ingested documents)."""
    from kg import analysis
    result = analysis.run(queries.load(name), store, params).dicts()
    return [tuple(plain(row[c]) for c in columns.split()) for row in result]


def test_guidance_vs_actual(store):  # guidance for 2025 and no result yet
    assert computed(store, "guidance-vs-actual", "company metric period guided_min guided_max unit guidance_text "
                    "guidance_source actual outcome revision", company="Acme") == [
        ("Acme Corp", "revenue", "2025", 12e9, 14e9, "USD", "$12-14 billion", "calls/acme-q4.md", None, None, None)]


def test_agreement(store):  # each company's figures come from one document: nothing to compare
    assert computed(store, "agreement", "subject verdict") == []


def test_entities(store):
    assert rows(store, "entities", "name type documents") == [
        ("Acme Corp", "Organization", 2), ("Globex", "Organization", 2), ("Jane Roe", "Person", 1),
        ("John Doe", "Person", 1), ("Rocket 1", "AIModel", 1)]
    assert rows(store, "entities", "name", name="j. roe", type="Person", document="acme q4") == [("Jane Roe",)]


def test_entity_details(store):
    assert sorted(rows(store, "entity-details", "entity alias title organization developer"),
                  key=lambda r: tuple(str(v) for v in r)) == [
        (str(ACME), "Acme", None, None, None),
        (str(JANE), "J. Roe", None, None, None),
        (str(JANE), None, "CEO", "Acme Corp", None),
        (str(JOHN), None, "Analyst", "Globex Labs", None),  # the organisation as the document names it
        (str(ROCKET), None, None, None, "Acme Corp"),
    ]
    assert sorted(rows(store, "entity-details", "alias title organization", entity="roe"),
                  key=lambda r: tuple(str(v) for v in r)) == [("J. Roe", None, None), (None, "CEO", "Acme Corp")]


def test_quotes(store):
    assert rows(store, "quotes", "speakerName text source start end partial rule") == [
        ("Jane Roe", "We grew fast.", "calls/acme-q4.md", 10, 23, False, "said"),
        ("John Doe", "Acme is not a threat.", "news/globex.txt", 5, 26, False, "said")]
    assert rows(store, "quotes", "speakerName", speaker="roe", document="calls/") == [("Jane Roe",)]


def test_figures(store):
    assert rows(store, "figures", "text value unit metricLabel subjectName periodLabel source start") == [
        ("$10 billion", 1e10, "USD", "revenue in constant currency", "Acme Corp", "Q4 2024", "calls/acme-q4.md", 30),
        ("$12-14 billion", 1.2e10, "USD", "revenue", "Acme Corp", "2025", "calls/acme-q4.md", 50),
        ("$2 billion", 2e9, "USD", "revenue", "Globex", "Q4 2024", "news/globex.txt", 40)]
    assert rows(store, "figures", "text", entity="glob", metric="sales") == [("$2 billion",)]


@pytest.mark.parametrize("entity", ["", "ACME"])
def test_a_metric_names_figures_by_their_words_or_their_concept_each_once(store, entity):
    assert rows(store, "figures", "text", entity=entity, metric="constant CURRENCY") == [("$10 billion",)]
    assert rows(store, "figures", "text", entity=entity, metric="revenue in") == [("$10 billion",)]  # and revenue
    assert rows(store, "figures", "text", entity=entity, metric="sales")[:2] == [("$10 billion",), ("$12-14 billion",)]
    for hostile in ['x" } } ?f ?p ?o . { {', "it's", "back\\slash"]:  # the words are a literal in the text
        assert rows(store, "figures", "text", entity=entity, metric=hostile) == []


def test_claims(store):
    result = rows(store, "claims", "claimantName kindLabel about source start")
    assert [(c, k, sorted(filter(None, a.split(SEPARATOR))), s, n) for c, k, a, s, n in result] == [
        ("Jane Roe", "guidance", ["Acme Corp"], "calls/acme-q4.md", 45),
        ("Jane Roe", "assessment", ["Globex"], "calls/acme-q4.md", 100),
        ("John Doe", "forecast", ["Acme Corp"], "news/globex.txt", 60),
        ("John Doe", "forecast", ["Globex"], "news/globex.txt", 100)]
    assert rows(store, "claims", "kindLabel", entity="globex", speaker="jane") == [("assessment",)]
    assert rows(store, "claims", "start", speaker="doe") == [(60,), (100,)]
    assert rows(store, "claims", "start", entity="acme", speaker="doe") == [(60,)]
    assert rows(store, "claims", "kindLabel", entity="rocket", speaker="doe") == []


def test_calls(store):
    result = rows(store, "calls", "name company period date documents participants")
    assert [(*r[:5], sorted(filter(None, r[5].split(SEPARATOR)))) for r in result] == [
        ("Acme Q4 2024 earnings call", "Acme Corp", "Q4 2024", "2025-01-30", 2, ["Jane Roe"])]
    assert rows(store, "calls", "name", call="acme q4") == [("Acme Q4 2024 earnings call",)]
    assert rows(store, "calls", "name", call="globex") == []


def test_documents(store):
    assert rows(store, "documents", "source title published hash kind") == [
        ("calls/acme-q4.md", "Acme Q4 2024 call", "2025-01-30", "a" * 16, "transcript"),
        ("news/globex.txt", "Globex answers", "2025-02-03", "b" * 16, "article")]


def test_stats(store):
    assert sorted(rows(store, "stats", "what count")) == [
        ("AI models", 1), ("claims", 3), ("documents", 2), ("events", 1), ("figures", 3), ("organizations", 2),
        ("people", 2), ("products", 0), ("quotes", 2)]


def test_every_named_query_is_tested():
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(queries.names()) <= tested


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in queries.names() if queries.load(n).params])
def test_hostile_parameters_change_nothing(store, name):
    query = queries.load(name)
    before = (len(store), store.graph_names())
    for value in HOSTILE:
        try:
            result = query.run(store, dict.fromkeys(query.params, value))
        except QueryError:
            continue  # a clear refusal
        assert result.kind == "select"
    assert (len(store), store.graph_names()) == before


def test_an_unknown_parameter_is_refused():
    with pytest.raises(QueryError, match="has no parameter 'speaker'.*person"):
        queries.load("quotes-by-person").bindings({"speaker": "x"})


@pytest.mark.parametrize(("value", "expected"), [
    ("acme", [ACME]),  # its alias and its ticker (a whole name), once
    ("Acme  CORP", [ACME]),  # its name, whatever the case and spacing
    ("roe", [JANE]),  # a word of a name
    ("corp", [ACME]),
    ("ro", [JANE, ROCKET]),  # no name or word: any name that holds it
    ("nobody", []),
])
def test_entities_named(store, value, expected):
    assert queries.entities_named(store, value) == expected


def test_a_whole_name_is_preferred_to_a_word(own_store):
    store = own_store
    store.add_graph(graph("entities", (GLOBEX, SKOS.altLabel, Literal("Acme")), (GLOBEX, KG.nameKey, Literal("acme"))))
    assert queries.entities_named(store, "acme") == [ACME, GLOBEX]  # both called "Acme"
    assert queries.entities_named(store, "corp") == [ACME]


def test_entity_parameters_start_from_the_entities_they_name(store):
    text = queries.load("quotes-by-person").text
    assert "VALUES ?speaker { <https://w3id.org/kg/id/entity/jane-roe> }" in queries._starting_from(text, "speaker", [JANE])
    with pytest.raises(QueryError, match="cannot be written into a query"):
        queries._starting_from(text, "speaker", [URIRef("https://x.example/a> } ; DROP ALL ; {")])
    marked = "SELECT * WHERE {  # start: ?e\n  ?x ?p ?e .\n  OPTIONAL {  # start: ?e\n    ?e ?q ?y }\n}"
    assert queries._starting_from(marked, "e", [ACME]).count(f"VALUES ?e {{ <{ACME}> }}") == 2  # at each mark


def test_a_parameter_is_tested_where_the_query_starts_from_another():
    text = "SELECT * WHERE {\n  ?x ?p ?e .\n  # among: ?m\n}"
    assert f"# among: ?m\n  FILTER(?m IN (<{ACME}>, <{GLOBEX}>))" in queries._starting_from(text, "m", [ACME, GLOBEX], tested=True)
    assert f"WHERE {{\n  VALUES ?m {{ <{ACME}> <{GLOBEX}> }}" in queries._starting_from(text, "m", [ACME, GLOBEX])  # it starts
    assert f"FILTER(?m IN (<{queries.NOTHING}>))" in queries._starting_from(text, "m", [], tested=True)  # names nothing


def test_a_variant_answers_when_its_parameter_is_given(store):
    variants = dict(queries.load("figures").variants)
    assert (variants[("entity",)].name, variants[("entity", "metric")].name) == ("figures@entity", "figures@entity@metric")
    assert [v.name for _, v in queries.load("quotes").variants] == ["quotes@speaker"]
    assert all("@" not in name for name in queries.names())
    assert rows(store, "figures", "text", entity="ACME") == [("$10 billion",), ("$12-14 billion",)]  # by ticker
    assert rows(store, "figures", "text", entity="ACME", metric="sales") == [("$10 billion",), ("$12-14 billion",)]
    assert rows(store, "figures", "text", entity="ACME", metric="capex") == []


@pytest.mark.parametrize(("value", "expected"), [("revenue", [METRIC["revenue"]]), ("SALES", [METRIC["revenue"]]),
                                                 ("sale", []), ("capex", [])])
def test_metrics_named(store, value, expected):
    assert queries.metrics_named(store, value) == expected


@pytest.mark.parametrize(("value", "expected"), [("2025", [Y2025]), ("q4", [Q4_2024]), ("20", [Q4_2024, Y2025]),
                                                 ("Q1", [])])
def test_periods_named(store, value, expected):
    assert queries.periods_named(store, value) == expected



# each named query as an analyst runs it, and the variants that start from a parameter (the `# page:` sub-selects
# of documents and co-mentions@entity among them)
PAGED = [(name, {}) for name in queries.names()] + [
    ("co-mentions", {"entity": "acme"}), ("figures", {"entity": "acme"}), ("claims", {"entity": "acme"}),
    ("quotes", {"speaker": "roe"}), ("guidance", {"period": "2025"})]


def test_every_named_query_orders_its_rows():  # or its pages would not follow on from each other
    for name in queries.names():
        assert re.search(r"^ORDER BY ", queries.load(name).text, re.M), name


@pytest.mark.parametrize(("name", "values"), PAGED, ids=[f"{n}-{'-'.join(v.values())}" for n, v in PAGED])
def test_pages_of_a_query_make_up_its_result(store, name, values):
    query, size = queries.load(name), 2
    whole = query.run(store, values)
    assert whole.rows and not whole.more
    paged, offset = [], 0
    while True:
        page = query.run(store, values, queries.Page(size, offset))
        assert len(page.rows) <= size and page.more == (offset + size < len(whole.rows))
        paged += page.rows
        offset += size
        if not page.more:
            break
    assert paged == whole.rows
    assert query.run(store, values, queries.Page(None, 1)).rows == whole.rows[1:]


def test_a_page_goes_where_the_query_marks_it():
    marked = "SELECT * WHERE {\n  { SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x  # page: here\n  }\n  ?x ?q ?y\n}\nORDER BY ?x"
    assert queries.Page(10, 20).applied(marked) == marked.replace("# page:", "LIMIT 11 OFFSET 20  # page:")
    plain = "SELECT * WHERE { ?x ?p ?o }"
    assert queries.Page(10).applied(plain) == plain + "\nLIMIT 11 OFFSET 0"  # one row more: does another page follow?
    assert queries.Page(None, 5).applied(plain) == plain + "\nOFFSET 5"
    assert queries.Page(None).applied(plain) == plain
    with pytest.raises(QueryError, match="a page needs a limit of at least 1 and an offset of at least 0, not 0 and 0"):
        queries.Page(0)


def test_a_caller_may_give_the_entities_a_parameter_names(store):
    details = queries.load("entity-details")
    given = details.run(store, {}, named={"entity": [ACME]})
    assert given.rows and {row["entity"] for row in given.dicts()} == {ACME}
    by_name = details.run(store, {"entity": "Acme Corp"})
    assert [row[:-1] for row in given.rows] == [row[:-1] for row in by_name.rows]  # all but the parameter's column
    assert details.run(store, {}, named={"entity": []}).rows == []  # none: nothing, not everything


def test_each_concept_is_linked_to_every_concept_above_it():  # what guidance asks for instead of skos:broader*
    low, mid, top = URIRef("urn:x:low"), URIRef("urn:x:mid"), URIRef("urn:x:top")
    concepts = Graph()
    concepts.add((low, SKOS.broader, mid))
    concepts.add((mid, SKOS.broader, top))
    add_broader_transitive(concepts)
    above = {c: set(concepts.objects(c, SKOS.broaderTransitive)) for c in (low, mid, top)}
    assert above == {low: {mid, top}, mid: {top}, top: set()}


def add_people(store, *people: tuple[URIRef, str, list[str]]) -> None:
    """A document in which each (IRI, name, quotations) person says their quotations."""
    doc, quotes = ID["doc/cccc"], []
    for node, _, said in people:
        for text in said:
            start = 10 * len(quotes)
            quotes += fact(ID[f"quote/cccc/{start}-{start + 9}"], SCHEMA.Quotation, doc, start, start + 9,
                           text=Literal(text), speaker=node, by=node, partial=Literal(False), rule=Literal("said"))
    store.add_graph(graph("doc/cccc", *document(doc, "c", SCHEMA.NewsArticle, "Chips", "2025-03-01", "news/chips.txt",
                                                [node for node, _, _ in people]), *quotes))
    shared.merge(store, [t for node, name, _ in people for t in ((node, RDF.type, SCHEMA.Person), (node, SCHEMA.name, Literal(name)))])


def test_an_entity_parameter_names_the_closest_entities_with_rows(own_store):
    store = own_store
    jensen, huang, hwang = ENT["jensen"], ENT["jensen-huang"], ENT["jensen-hwang"]
    add_people(store, (jensen, "Jensen", []), (huang, "Jensen Huang", ["We ship.", "We grow."]), (hwang, "Jensen Hwang", []))
    # "Jensen" is a person's whole name, but he said nothing: the people with "Jensen" as a word of their name
    result = queries.load("quotes").run(store, {"speaker": "Jensen"})
    assert [plain(row["speakerName"]) for row in result.dicts()] == ["Jensen Huang", "Jensen Huang"]
    assert result.chosen == {"speaker": [("Jensen Huang", str(huang)), ("Jensen Hwang", str(hwang))]}
    assert rows(store, "quotes", "speakerName", speaker="Jensen Huang") == [("Jensen Huang",)] * 2
    assert queries.load("quotes").run(store, {"speaker": "Jensen Huang"}).chosen == {}  # one entity: nothing to say
    assert rows(store, "figures", "text", entity="Jensen") == []  # nobody named so has a figure: no rows, no error


def test_a_page_past_the_end_does_not_turn_to_other_entities(own_store):
    store = own_store
    jensen, huang = ENT["jensen"], ENT["jensen-huang"]
    add_people(store, (jensen, "Jensen", ["I agree."]), (huang, "Jensen Huang", ["We ship.", "We grow."]))
    quotes = queries.load("quotes")
    assert [plain(r["text"]) for r in quotes.run(store, {"speaker": "Jensen"}).dicts()] == ["I agree."]
    assert quotes.run(store, {"speaker": "Jensen"}, queries.Page(10, 1)).rows == []  # not Jensen Huang's


def test_a_variant_is_its_base_query_with_its_parts_replaced():
    base, variant = queries.load("quotes"), dict(queries.load("quotes").variants)[("speaker",)]
    assert queries._with_parts(variant.text, {"quotes": []}, "") == queries._with_parts(base.text, {"quotes": []}, "")
    assert "?quote schema:spokenByCharacter ?speaker" in "".join(queries._parts(variant.text)["quotes"])
    assert "?quote schema:spokenByCharacter ?speaker" not in "".join(queries._parts(base.text)["quotes"])
    assert variant.starts[0] == ("entity", "speaker", "speaker")  # its own directives first, then the base's
    with pytest.raises(QueryError, match="variant 'x@y' replaces part 'nope', which its base query does not mark"):
        queries._with_parts(base.text, {"nope": ["  ?x ?y ?z\n"]}, "x@y")


def test_every_directive_is_in_the_readme():
    readme = (Path(queries.__file__).parent / "README.md").read_text(encoding="utf-8")
    kinds = re.search(r"\((entity\|[^)]*)\)", queries._START.pattern).group(1).split("|")
    for directive in [*kinds, "param", "start", "among", "page", "window", "rows", "part", "end"]:
        assert f"`# {directive}: " in readme, directive


def test_a_page_of_a_whole_store_listing_is_read_from_the_documents_that_hold_it(samples, tmp_path):
    """`# window:` — a listing with no parameter starts from the documents its page falls in (by their counts),
    and gives every page exactly as sorting all the rows would."""
    from dataclasses import replace

    from kg import api
    store_spec = f"oxigraph:{tmp_path / 'store'}"
    api.ingest_paths(store_spec, [str(samples)], jobs=1)
    store = open_store(store_spec)
    try:
        for name in ("quotes", "figures", "claims"):
            windowed = queries.load(name)
            assert windowed.window is not None
            whole = replace(windowed, window=None)
            total = len(whole.run(store, {}).rows)
            assert total > 5
            for offset in range(total + 2):
                for limit in (1, 4):
                    page = queries.Page(limit, offset)
                    got, expected = windowed.run(store, {}, page), whole.run(store, {}, page)
                    assert (got.rows, got.more) == (expected.rows, expected.more), (name, offset, limit)
    finally:
        store.close()
