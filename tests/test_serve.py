"""kg serve: the SPARQL 1.1 Protocol through a real client (SPARQLWrapper), kg's prefixes, updates and tokens,
the result cap, the timeout, a query's graph drawn as a view, ingesting through the endpoint, readers beside the
server and writers refused. The page in headless Chromium: tests/test_serve_page.py."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest
import requests
from rdflib import Graph, Literal
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from kg import listings, queries, resources
from kg.errors import ConfigError, StoreError
from kg.ingest import ingest
from kg.rdf.namespaces import ID, SCHEMA
from kg.serve.page import examples
from kg.serve.prefixes import error_positions, with_kg_prefixes
from kg.serve.server import Server
from kg.store import open_store
from kg.store.oxigraph import PENDING
from test_queries import known_graphs

XSS = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
SAMPLE = str(resources.samples_dir() / "orbital-labs-comet.txt")


def make_store(path: Path) -> str:
    """An Oxigraph store holding the small graph of test_queries, plus a quote whose text is hostile HTML."""
    with open_store(f"oxigraph:{path}") as store:
        for graph in known_graphs():
            if graph.identifier == ID["graph/doc/bbbb"]:
                graph.set((ID["quote/bbbb/5-26"], SCHEMA.text, Literal(XSS)))
            store.add_graph(graph)
    return str(path)


def kg(*args: str) -> subprocess.CompletedProcess:
    """The kg command in a process of its own, as a user beside the server would run it."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def kg_ingest(store: str, *paths: str) -> subprocess.CompletedProcess:
    return kg("ingest", "--store", store, *paths)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    return make_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store_path):
    with Server(store_path, port=0, limit=50) as running:
        yield running


def client(url: str, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/query")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    elif method:
        sparql.setMethod(method)
    return sparql


BARE_QUOTES = "SELECT ?text WHERE { ?q a schema:Quotation ; schema:text ?text } ORDER BY ?text"
QUOTES = queries.prefixes() + BARE_QUOTES


def texts(sparql: SPARQLWrapper) -> list[str]:
    return [b["text"]["value"] for b in sparql.queryAndConvert()["results"]["bindings"]]


def test_select_by_get_in_json(server):
    result = client(server.url, QUOTES).queryAndConvert()
    assert [b["text"]["value"] for b in result["results"]["bindings"]] == [XSS, "We grew fast."]


def test_select_by_urlencoded_post_in_xml(server):
    document = client(server.url, QUOTES, XML, POST).queryAndConvert()
    texts = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert texts == [XSS, "We grew fast."]


def test_select_by_direct_post_in_csv_and_tsv(server):
    csv_text = client(server.url, QUOTES, CSV, POSTDIRECTLY).queryAndConvert().decode()
    assert csv_text.splitlines() == ["text", '"' + XSS.replace('"', '""') + '"', "We grew fast."]
    tsv_text = client(server.url, QUOTES, TSV).queryAndConvert().decode()
    assert tsv_text.splitlines()[0] == "?text" and '"We grew fast."' in tsv_text.splitlines()


def test_construct_in_turtle(server):
    query = queries.prefixes() + "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"
    graph = Graph().parse(data=client(server.url, query, TURTLE).queryAndConvert(), format="turtle")
    assert sorted(str(o) for o in graph.objects()) == ["Jane Roe", "John Doe"]


def test_ask(server):
    assert client(server.url, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True


def test_named_query_examples_run_as_shown_on_the_page(server):
    example = next(e for e in examples() if e["name"] == "co-mentions")
    result = client(server.url, example["text"]).queryAndConvert()
    assert len(result["results"]["bindings"]) == 8


def test_results_are_cut_at_the_limit(server):
    response = requests.get(server.url + "/query", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                            headers={"Accept": "application/sparql-results+json"})
    assert response.headers["X-KG-Truncated"] == "50"
    assert len(response.json()["results"]["bindings"]) == 50
    for accept, rows in (("text/csv", 51), ("text/tab-separated-values", 51)):
        response = requests.post(server.url + "/query", data={"query": "SELECT * WHERE { ?s ?p ?o }"},
                                 headers={"Accept": accept})
        assert len(response.text.splitlines()) == rows
    response = requests.post(server.url + "/query", data="CONSTRUCT WHERE { ?s ?p ?o }",
                             headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert len(response.text.splitlines()) == 50 and response.headers["X-KG-Truncated"] == "50"


def test_updates_are_refused_when_read_only(server, store_path):
    for body in ({"update": "DROP ALL"}, "DROP ALL"):
        headers = {} if isinstance(body, dict) else {"Content-Type": "application/sparql-update"}
        response = requests.post(server.url + "/update", data=body, headers=headers)
        assert response.status_code == 403 and "read-only" in response.text
    sparql = SPARQLWrapper(server.url + "/query", updateEndpoint=server.url + "/update")
    sparql.setMethod(POST)
    sparql.setQuery("DROP ALL")
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert requests.post(server.url + "/store?graph=urn:x", data="<a:b> <a:b> <a:b> .",
                         headers={"Content-Type": "application/n-triples"}).status_code == 403
    assert client(server.url, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True


def test_queries_get_kgs_prefixes_unless_they_declare_them(server):
    assert texts(client(server.url, BARE_QUOTES)) == [XSS, "We grew fast."]
    assert texts(client(server.url, BARE_QUOTES, method=POSTDIRECTLY)) == [XSS, "We grew fast."]
    their_own = "PREFIX schema: <http://schema.org/>\n" + BARE_QUOTES  # http, not kg's https: nothing
    assert texts(client(server.url, their_own)) == []


def test_a_syntax_error_is_placed_in_the_query_as_written(server):
    response = requests.get(server.url + "/query", params={"query": "SELECT ?s WHERE { ?s schema:name ?o"})
    assert response.status_code == 400 and response.text.startswith("error at 1:36: ")
    response = requests.get(server.url + "/query", params={"query": "SELECT ?s\nWHERE { ?s schema:name ?o"})
    assert response.status_code == 400 and response.text.startswith("error at 2:26: ")


@pytest.mark.parametrize(("query", "lines_added"), [
    ("SELECT * {}", queries.prefixes().count("\n")), ("PREFIX ex: <urn:x:>\nSELECT * {}", 0),
])
def test_the_lines_the_prefixes_take_are_counted(query, lines_added):
    sent, added = with_kg_prefixes(query)
    assert sent == queries.with_prefixes(query) and added == lines_added
    assert error_positions("error at 11:7: expected", added) == f"error at {11 - lines_added}:7: expected"


def test_a_construct_is_drawn_as_a_view(server):
    query = ("CONSTRUCT { ?q schema:spokenByCharacter ?p ; schema:text ?t . ?p schema:name ?n } "
             "WHERE { ?q schema:spokenByCharacter ?p ; schema:text ?t . ?p schema:name ?n }")
    response = requests.get(server.url + "/view", params={"query": query})
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Security-Policy"] == "sandbox allow-scripts"
    assert "Jane Roe" in response.text and "John Doe" in response.text
    assert XSS not in response.text and "<img src=x" not in response.text  # the hostile quote, escaped
    assert "X-KG-Truncated" not in response.headers
    response = requests.get(server.url + "/view", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert response.status_code == 200 and response.headers["X-KG-Truncated"] == "50"


@pytest.mark.parametrize(("params", "message"), [
    ({"query": "SELECT * WHERE { ?s ?p ?o }"}, "a view is drawn from the graph of a CONSTRUCT or DESCRIBE query"),
    ({"query": "CONSTRUCT WHERE { ?s ?p ?o"}, "error at 1:27: "),
    ({"query": "DROP ALL"}, "error at 1:9: expected one of DESCRIBE"),  # an update is no query
    ({}, "give a query"),
])
def test_what_cannot_be_drawn_is_refused_and_nothing_is_written(server, params, message):
    response = requests.get(server.url + "/view", params=params)
    assert response.status_code == 400 and response.text.startswith(message)
    assert texts(client(server.url, BARE_QUOTES)) == [XSS, "We grew fast."]


def test_readers_read_beside_the_server(server, store_path):
    done = kg("query", "--store", store_path, BARE_QUOTES, "--format", "csv")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == ["text", '"' + XSS.replace('"', '""') + '"', "We grew fast."]
    done = kg("stats", "--store", store_path, "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)[0]["documents"] == 2
    done = kg("quotes", "--store", store_path, "--speaker", "Jane", "--format", "json")
    assert done.returncode == 0 and [q["text"] for q in json.loads(done.stdout)] == ["We grew fast."]


def test_a_store_in_use_by_the_server_refuses_kg_ingest(server, store_path):
    for _ in range(2):  # readers in this process come and go; the server's lock stays
        with open_store(store_path, read_only=True) as store:
            assert len(listings.documents(store)) == 2
    done = kg_ingest(store_path, SAMPLE)
    assert done.returncode == 1
    assert done.stderr == (f"Error: [E002] store {store_path} is in use by another process (a kg serve, a listing "
                           "or a kg ingest); wait for it to finish, or ingest through a `kg serve --allow-update` "
                           "endpoint\n")
    orbital = "ASK { ?d kg:sourcePath ?p FILTER(CONTAINS(?p, 'orbital')) }"
    assert client(server.url, orbital).queryAndConvert()["boolean"] is False


def test_a_store_opened_read_only_refuses_writes(tmp_path):
    path = make_store(tmp_path / "store")
    with open_store(path, read_only=True) as store:
        for write in (lambda: store.remove_graph(str(ID["graph/doc/bbbb"])), lambda: store.add_graph(Graph()),
                      lambda: store.add_documents([])):
            with pytest.raises(StoreError, match="opened read-only"):
                write()
    with open_store(path, read_only=True) as store:
        assert len(listings.documents(store)) == 2


def test_a_read_only_open_first_drops_what_a_killed_load_left(tmp_path):
    path = make_store(tmp_path / "store")
    (Path(path) / PENDING).write_text(str(ID["graph/doc/bbbb"]), encoding="utf-8")
    with open_store(path, read_only=True) as store:
        assert str(ID["graph/doc/bbbb"]) not in store.graph_names()
    assert not (Path(path) / PENDING).exists()


def test_readers_and_the_server_are_refused_while_a_writer_holds_the_store(tmp_path):
    path = make_store(tmp_path / "store")
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from kg.store import open_store; "
                               f"s = open_store({path!r}); print('open', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        for allow_update in (False, True):
            with pytest.raises(StoreError, match="in use by another process"):
                Server(path, port=0, allow_update=allow_update, token="t")
        done = kg("stats", "--store", path)
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr == (f"Error: [E002] store {path} is in use by another process that writes to it (a kg "
                               "ingest, or kg serve --allow-update); wait for it to finish, or query through the "
                               "endpoint of that kg serve\n")
    finally:
        holder.kill()
        holder.wait()


def test_updates_and_ingest_through_the_endpoint_with_the_token(tmp_path, monkeypatch):
    path = make_store(tmp_path / "store")
    with Server(path, port=0, allow_update=True, token="s3cret") as server:
        sparql = SPARQLWrapper(server.url + "/query", updateEndpoint=server.url + "/update")
        sparql.setMethod(POST)
        sparql.setQuery("INSERT DATA { GRAPH <https://w3id.org/kg/id/graph/extra> { <urn:a> <urn:b> 'c' } }")
        with pytest.raises(urllib.error.HTTPError):
            sparql.query()
        sparql.addCustomHttpHeader("Authorization", "Bearer s3cret")
        sparql.query()
        assert client(server.url, "ASK { <urn:a> <urn:b> 'c' }").queryAndConvert()["boolean"] is True
        assert kg_ingest(path, SAMPLE).returncode != 0  # the Oxigraph server holds the store
        monkeypatch.setenv("KG_STORE_TOKEN", "s3cret")
        with open_store(f"sparql:{server.url}") as remote:
            assert not ingest(remote, [SAMPLE]).failed
            assert any(d["source"] == SAMPLE for d in listings.documents(remote))
        monkeypatch.setenv("KG_STORE_TOKEN", "wrong")
        with open_store(f"sparql:{server.url}") as remote, pytest.raises(StoreError, match="refused"):
            remote.remove_graph(str(ID["graph/extra"]))
    with open_store(path) as store:  # stopped: the store is whole and free again
        assert str(ID["graph/extra"]) in store.graph_names()
        assert any(d["source"] == SAMPLE for d in listings.documents(store))


def test_a_query_that_runs_out_of_time_is_refused(tmp_path):
    with Server(make_store(tmp_path / "store"), port=0, timeout=1) as server:
        response = requests.get(server.url + "/query", headers={"Accept": "application/sparql-results+json"},
                                params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"})
    assert response.status_code == 503 and "ran out of time" in response.text


@pytest.fixture(params=["sparql", "virtuoso"])
def server_store(request) -> str:
    """A store spec naming a SPARQL server (the Oxigraph server, Virtuoso) holding the small graph; emptied after."""
    url = request.getfixturevalue("oxigraph_server_url" if request.param == "sparql" else "virtuoso_url")
    spec = f"{request.param}:{url}"
    with open_store(spec) as remote:
        for graph in known_graphs():
            remote.add_graph(graph)
    yield spec
    with open_store(spec) as remote:
        for name in remote.graph_names():
            remote.remove_graph(name)


def test_a_sparql_server_store_is_served_through_the_front(server_store):
    with Server(server_store, port=0, limit=3) as server:
        assert texts(client(server.url, BARE_QUOTES)) == ["Acme is not a threat.", "We grew fast."]
        response = requests.get(server.url + "/query", params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }"},
                                headers={"Accept": "application/sparql-results+json"})
        assert len(response.json()["results"]["bindings"]) == 3
        query = "CONSTRUCT { ?p schema:name ?n } WHERE { ?q schema:spokenByCharacter ?p . ?p schema:name ?n }"
        response = requests.get(server.url + "/view", params={"query": query})
        assert response.status_code == 200 and "Jane Roe" in response.text and "John Doe" in response.text
        assert requests.post(server.url + "/update", data={"update": "DROP ALL"}).status_code == 403
    with open_store(server_store) as remote:
        assert len(remote.graph_names()) == 5  # two documents, entities, gazetteer, ontology


@pytest.mark.parametrize(("spec", "options", "error", "message"), [
    ("memory:", {}, ConfigError, "lasts"), ("oxigraph:", {}, ConfigError, "lasts"),
    ("{path}", {"allow_update": True}, ConfigError, "--token"), ("{path}", {"limit": 0}, ConfigError, "--limit"),
    ("{missing}", {}, StoreError, "no kg store"), ("http://localhost:1", {}, ConfigError, "sparql:http"),
])
def test_bad_settings_are_refused(tmp_path, spec, options, error, message):
    spec = spec.format(path=tmp_path, missing=tmp_path / "missing")
    with pytest.raises(error, match=message):
        Server(spec, port=0, **options)
