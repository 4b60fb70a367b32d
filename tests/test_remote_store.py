"""The SPARQL server backend's own parts: store specs, where bound values go, how they are written (checked by
parsing the result with Oxigraph), and its errors against a real server. The shared suite is test_backends.py."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Literal, URIRef

from kg.errors import ConfigError, QueryError, StoreError
from kg.store import open_store
from kg.rdf.terms import to_rdflib
from kg.store.remote import Endpoints, query_form, sparql_endpoints, virtuoso_endpoints, with_values
from backends import free_port
from test_queries import HOSTILE


def test_an_oxigraph_server_spec():
    assert sparql_endpoints("http://127.0.0.1:7878") == Endpoints(
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store", True)


def test_a_spec_with_its_own_endpoints():
    assert sparql_endpoints("http://fuseki:3030/kg/query#update=update&store=data") == Endpoints(
        "http://fuseki:3030/kg/query", "http://fuseki:3030/kg/update", "http://fuseki:3030/kg/data")
    assert sparql_endpoints("https://neptune:8182/sparql") == Endpoints(
        "https://neptune:8182/sparql", "https://neptune:8182/sparql")


def test_a_virtuoso_spec():
    assert virtuoso_endpoints("http://127.0.0.1:8890") == Endpoints(
        "http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql")


@pytest.mark.parametrize(("spec", "message"), [
    ("sparql:ftp://host/x", "not an http"), ("sparql:http://h/q#graph=x", "unknown option 'graph'"),
    ("http://127.0.0.1:7878", "sparql:http://127.0.0.1:7878"), ("virtuoso:localhost", "not an http"),
])
def test_bad_specs_say_what_to_write(spec, message):
    with pytest.raises(ConfigError, match=message):
        open_store(spec)


@pytest.mark.parametrize(("query", "form", "before"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", "SELECT * WHERE {"),
    ("PREFIX a: <http://x/{}> select ?s { ?s a:where ?o }", "SELECT", "select ?s {"),
    ("SELECT (EXISTS { ?a ?b ?c } AS ?e) ?where WHERE { ?s ?p ?o }", "SELECT", "AS ?e) ?where WHERE {"),
    ("# SELECT { \nASK { ?s ?p '{' }", "ASK", "\nASK {"),
    ('CONSTRUCT { ?s ?p "}" } WHERE { ?s ?p ?o }', "CONSTRUCT", '} WHERE {'),
    ("DESCRIBE <http://x>", "DESCRIBE", None),
])
def test_query_form_and_where_the_pattern_opens(query, form, before):
    found, offset = query_form(query)
    assert found == form
    assert (query[:offset].endswith(before) if before else offset is None)


def bound_back(value) -> object:
    """Bind `value` with with_values, run it on an empty Oxigraph store, and return what came back."""
    query = with_values("SELECT ?v WHERE { }", {"v": value})
    [solution] = list(ox.Store().query(query))
    return to_rdflib(solution["v"])


@pytest.mark.parametrize("text", [v for v in HOSTILE if "\u0000" not in v])
def test_hostile_strings_are_bound_exactly(text):
    assert bound_back(Literal(text)) == Literal(text)


@pytest.mark.parametrize("value", [
    Literal("x", lang="en"), Literal(3), Literal("2025-01-01", datatype=XSD.date), URIRef("https://w3id.org/kg/x?a=%20"),
])
def test_terms_are_bound_exactly(value):
    assert bound_back(value) == value


@pytest.mark.parametrize(("bindings", "message"), [
    ({"v": Literal("a\u0000b")}, "NUL"), ({"v": URIRef("http://a b")}, "cannot bind"),
    ({"v": URIRef('x> } ; DROP ALL ; { <y')}, "cannot bind"), ({"v": BNode()}, "IRI or a literal"),
    ({"v) } DROP ALL {": Literal("x")}, "not a SPARQL variable"),
])
def test_unsafe_bindings_are_refused(bindings, message):
    with pytest.raises(QueryError, match=message):
        with_values("SELECT ?v WHERE { }", bindings)


def test_binding_needs_a_where_pattern():
    with pytest.raises(QueryError, match="no WHERE"):
        with_values("DESCRIBE <http://x>", {"v": Literal("x")})


def test_an_unreachable_server_is_a_store_error():
    with open_store(f"sparql:http://127.0.0.1:{free_port()}") as store, pytest.raises(StoreError, match="cannot reach"):
        store.graph_names()


def test_a_bad_query_is_a_query_error(oxigraph_server_url):
    with open_store(f"sparql:{oxigraph_server_url}") as store, pytest.raises(QueryError, match="rejected"):
        store.query("SELECT WHERE {")
