"""kg serve: the SPARQL 1.1 Protocol through a real client (SPARQLWrapper), updates and tokens, the result cap,
the timeout, ingesting through the endpoint, a concurrent `kg ingest`, and the page in headless Chromium."""
from __future__ import annotations

import importlib.util
import os
import re
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
from kg.serve import Server, examples
from kg.store import open_store
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


def kg_ingest(store: str, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "ingest", "--store", store, *paths],
                          capture_output=True, text=True, timeout=300)


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


QUOTES = queries.prefixes() + "SELECT ?text WHERE { ?q a schema:Quotation ; schema:text ?text } ORDER BY ?text"


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


def test_a_store_in_use_by_the_server_refuses_kg_ingest(server, store_path):
    done = kg_ingest(store_path, SAMPLE)
    assert done.returncode != 0 and "in use" in done.stderr
    orbital = queries.prefixes() + "ASK { ?d kg:sourcePath ?p FILTER(CONTAINS(?p, 'orbital')) }"
    assert client(server.url, orbital).queryAndConvert()["boolean"] is False


def test_the_server_refuses_a_store_in_use(tmp_path):
    path = make_store(tmp_path / "store")
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from kg.store import open_store; "
                               f"s = open_store({path!r}); print('open', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        for allow_update in (False, True):
            with pytest.raises(StoreError, match="in use by another process"):
                Server(path, port=0, allow_update=allow_update, token="t")
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


def test_a_sparql_server_store_is_served_through_the_front(oxigraph_server_url):
    with open_store(f"sparql:{oxigraph_server_url}") as remote:
        for graph in known_graphs():
            remote.add_graph(graph)
    with Server(f"sparql:{oxigraph_server_url}", port=0, limit=3) as server:
        assert client(server.url, QUOTES).queryAndConvert()["results"]["bindings"][1]["text"]["value"] == "We grew fast."
        response = requests.get(server.url + "/query", params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }"},
                                headers={"Accept": "application/sparql-results+json"})
        assert len(response.json()["results"]["bindings"]) == 3
        assert requests.post(server.url + "/update", data={"update": "DROP ALL"}).status_code == 403
    with open_store(f"sparql:{oxigraph_server_url}") as remote:
        assert len(remote.graph_names()) == 5  # two documents, entities, gazetteer, ontology
        for name in remote.graph_names():
            remote.remove_graph(name)


@pytest.mark.parametrize(("spec", "options", "message"), [
    ("memory:", {}, "lasts"), ("{path}", {"allow_update": True}, "--token"), ("{missing}", {}, "no kg store"),
])
def test_bad_settings_are_refused(tmp_path, spec, options, message):
    spec = spec.format(path=tmp_path, missing=tmp_path / "missing")
    with pytest.raises(ConfigError, match=message):
        Server(spec, port=0, **options)


# ---------------------------------------------------------------- the page in Chromium

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _browser_missing() -> str:
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed: pip install playwright"
    return "" if Path(CHROMIUM).exists() else f"no Chromium at {CHROMIUM}: apt-get install -y chromium"


@pytest.mark.browser
def test_the_page_runs_a_named_query_and_shows_hostile_text_as_text(server):
    missing = _browser_missing()
    if missing:
        if os.environ.get("KG_REQUIRE_BROWSER"):
            pytest.fail(f"KG_REQUIRE_BROWSER is set but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import expect, sync_playwright
    finished = re.compile(r"\d s")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url + "/")
        page.select_option("#example", "quotes-by-person")
        assert "VALUES (?person_)" in page.input_value("#editor")
        page.click("#run")
        expect(page.locator("#status")).to_contain_text(finished)
        cells = page.locator("#results td").all_inner_texts()
        assert "Jane Roe" in cells and XSS in cells
        assert page.evaluate("window.pwned") is None
        assert "2 rows" in page.inner_text("#status")
        page.fill("#editor", "SELECT * WHERE { ?s ?p ?o }")
        page.click("#run")
        expect(page.locator("#status")).to_contain_text("cut at 50")
        browser.close()
    assert errors == []
