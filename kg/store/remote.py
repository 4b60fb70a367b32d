"""A SPARQL 1.1 server as the store: Oxigraph server, Virtuoso, Fuseki, GraphDB, Neptune, or a running `kg serve`.

Store specs (`--store` or KG_STORE):

    sparql:http://HOST:PORT             an Oxigraph server (`oxigraph serve`) or a `kg serve`: /query, /update, /store
    sparql:QUERY_URL                    any SPARQL 1.1 server that takes queries and updates at QUERY_URL
    sparql:QUERY_URL#update=URL&store=URL   its update and Graph Store Protocol endpoints (relative to QUERY_URL)
    virtuoso:http://HOST:PORT           Virtuoso: HOST:PORT/sparql takes queries and updates

For example, a Fuseki dataset `kg` (with `tdb2:unionDefaultGraph true`):
`sparql:http://fuseki:3030/kg/query#update=update&store=data`; a GraphDB repository `kg`:
`sparql:http://graphdb:7200/repositories/kg#update=kg/statements&store=kg/rdf-graphs/service`; Amazon Neptune
(behind a SigV4-signing proxy when IAM auth is on): `sparql:https://CLUSTER:8182/sparql`. Credentials go in the URL
(`http://user:password@host/...`, HTTP Basic) or in KG_STORE_TOKEN (sent as `Authorization: Bearer`, as `kg serve
--allow-update --token` expects).

Queries see the union of all graphs as their default graph, as on the embedded store: the Oxigraph server is asked
per request (`union-default-graph`); Virtuoso, GraphDB and Neptune do it by default. `graph_names`, `quads` and
`len` cover kg's graphs (IRIs under `id:graph/`) only, since servers keep graphs of their own. Bound values become a
`VALUES` row at the start of the query's WHERE pattern, written by rdflib (`Term.n3()`, which escapes them and
refuses IRIs that would not parse); nothing is pasted. A document goes in as one request (a Graph Store Protocol
POST, or one SPARQL update request), so it is in whole or not at all.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urljoin, urlsplit

import pyoxigraph as ox
import rdflib
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import ConfigError, QueryError, StoreError
from kg.rdf.namespaces import ID
from kg.rdf.terms import to_rdflib
from kg.store.base import QueryResult, Store, ntriples

if TYPE_CHECKING:
    import requests  # imported when a remote store is opened: a command on a local store starts faster

TOKEN_VARIABLE = "KG_STORE_TOKEN"
TIMEOUT = (10, 600)  # seconds to connect, seconds to wait for each part of an answer
KG_GRAPHS = Literal(str(ID["graph/"])).n3()
RESULTS_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKENS = re.compile(r"""
    (?P<skip> \#[^\n]* | <[^<>"{}|^`\\\s]*> | [?$]\w+
            | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
            | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*' )
  | (?P<word> [A-Za-z_][\w-]*(?::[\w.-]*)? )
  | (?P<open> [{(] ) | (?P<close> [})] )
""", re.VERBOSE | re.DOTALL)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes queries, updates and (when it has one) Graph Store Protocol requests."""

    query: str
    update: str
    store: str | None = None  # None: documents go in as one SPARQL INSERT
    union_parameter: bool = False  # ask for the union default graph on each query (Oxigraph server)


def _checked_url(url: str, example: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"'{url}' is not an http(s) URL; write e.g. --store {example}")
    return url


def sparql_endpoints(location: str) -> Endpoints:
    """The endpoints named by a `sparql:` spec (see the module docstring)."""
    url, _, fragment = location.partition("#")
    _checked_url(url, "sparql:http://127.0.0.1:7878")
    options = dict(parse_qsl(fragment))
    unknown = sorted(set(options) - {"update", "store"})
    if unknown:
        raise ConfigError(f"unknown option '{unknown[0]}' in '{location}'; after '#' give update=URL and store=URL")
    if urlsplit(url).path in ("", "/"):
        base = url.rstrip("/")
        return Endpoints(base + "/query", base + "/update", base + "/store", union_parameter=True)
    store = options.get("store")
    return Endpoints(url, urljoin(url, options.get("update", url)), urljoin(url, store) if store else None)


def virtuoso_endpoints(location: str) -> Endpoints:
    """Virtuoso's SPARQL endpoint, /sparql, for queries and updates (its default graph is already the union)."""
    url = _checked_url(location, "virtuoso:http://127.0.0.1:8890")
    if urlsplit(url).path in ("", "/"):
        url = url.rstrip("/") + "/sparql"
    return Endpoints(url, url)


def query_form(sparql: str) -> tuple[str | None, int | None]:
    """The query's form (SELECT, ASK, ...) and the offset just inside the `{` that opens its WHERE pattern."""
    form, where, depth = None, False, 0
    for match in _TOKENS.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "word" and depth == 0:
            word = text.upper()
            if form is None and word in FORMS:
                form = word
            where = where or word == "WHERE"
        elif kind == "open":
            if text == "{" and depth == 0 and form and (where or form != "CONSTRUCT"):
                return form, match.end()
            depth += 1
        elif kind == "close":
            depth -= 1
    return form, None


def sparql_term(term: Node) -> str:
    """A bound value in SPARQL syntax, written by rdflib; blank nodes and malformed IRIs are refused."""
    if isinstance(term, BNode) or not isinstance(term, URIRef | Literal):
        raise QueryError(f"cannot bind {term!r}: bind an IRI or a literal")
    if "\x00" in term:
        raise QueryError(f"cannot bind {str(term)!r}: it holds a NUL character, which SPARQL servers cut strings at")
    try:
        return term.n3()
    except Exception as error:  # rdflib refuses IRIs with spaces, quotes, braces, ...
        raise QueryError(f"cannot bind {str(term)!r}: {error}") from error


def values_block(bindings: dict[str, Node]) -> str:
    """`VALUES (?a ?b) { (x y) }` for the bindings."""
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"'{name}' is not a SPARQL variable name; use letters, digits and '_'")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(sparql_term(value) for value in bindings.values())
    return f" VALUES ({names}) {{ ({row}) }} "


def with_values(sparql: str, bindings: dict[str, Node]) -> str:
    """The query with the bindings as a VALUES row at the start of its WHERE pattern."""
    if not bindings:
        return sparql
    _, offset = query_form(sparql)
    if offset is None:
        raise QueryError("cannot bind values: the query has no WHERE pattern")
    return sparql[:offset] + values_block(bindings) + sparql[offset:]


INSERT_TRIPLES_MAX = 2000  # triples per update: Virtuoso's SPARQL compiler runs out of memory on a gazetteer at once


def insert_requests(graph: rdflib.Graph) -> list[str]:
    """SPARQL updates adding the graph, INSERT_TRIPLES_MAX triples each: `INSERT DATA` for its ground triples, and,
    since Virtuoso refuses blank nodes there, one `INSERT {...} WHERE {}` for those with blank nodes (a blank node
    names one node within one update only). The triples are written by rdflib."""
    name = sparql_term(URIRef(graph.identifier))
    ground, blank = [], []
    for triple in graph:
        (blank if any(isinstance(term, BNode) for term in triple) else ground).append(triple)
    requests = [f"INSERT DATA {{ GRAPH {name} {{\n{ntriples(ground[k:k + INSERT_TRIPLES_MAX])}}} }}"
                for k in range(0, len(ground), INSERT_TRIPLES_MAX)]
    if blank:
        requests.append(f"INSERT {{ GRAPH {name} {{\n{ntriples(blank)}}} }} WHERE {{}}")
    return requests


def _message(response: requests.Response) -> str:
    text = " ".join(response.text.split())
    return text[:500] or response.reason


class RemoteStore(Store):
    """A store on a SPARQL 1.1 server, reached over HTTP."""

    name = "sparql"

    def __init__(self, location: str):
        super().__init__(location)
        import requests
        self.endpoints = self.endpoints_for(location)
        self.http = requests.Session()
        token = os.environ.get(TOKEN_VARIABLE)
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    @staticmethod
    def endpoints_for(location: str) -> Endpoints:
        return sparql_endpoints(location)

    # ---------------------------------------------------------------- HTTP

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        import requests
        try:
            response = self.http.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise StoreError(f"cannot reach the SPARQL server at {url} ({type(error).__name__}); is it running? "
                             f"check --store {self.name}:{self.location}") from error
        if response.status_code in (401, 403):
            raise StoreError(f"the SPARQL server at {url} refused the request ({response.status_code}: "
                             f"{_message(response)}); set {TOKEN_VARIABLE} or put user:password@ in the URL, "
                             "and allow updates on the server")
        if response.status_code == 400:
            raise QueryError(f"the SPARQL server rejected the request: {_message(response)}")
        if response.status_code >= 300:
            raise StoreError(f"the SPARQL server at {url} answered {response.status_code}: {_message(response)}")
        return response

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the server."""
        self._send("POST", self.endpoints.update, data={"update": sparql})

    def _answer(self, sparql: str, form: str | None) -> requests.Response:
        accept = GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
        data = {"query": sparql}
        if self.endpoints.union_parameter:
            data["union-default-graph"] = ""
        response = self._send("POST", self.endpoints.query, data=data, headers={"Accept": accept})
        if "X-SPARQL-MaxRows" in response.headers:
            raise StoreError(f"the server cut the answer at {response.headers['X-SPARQL-MaxRows']} rows; raise "
                             "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini")
        return response

    # ---------------------------------------------------------------- Store

    def query(self, sparql, bindings=None):
        sparql = with_values(sparql, bindings or {})
        form, _ = query_form(sparql)
        response = self._answer(sparql, form)
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        if media_type == RESULTS_ACCEPT:
            return read_results(response.content, form)
        graph_format = ox.RdfFormat.from_media_type(media_type)
        if graph_format is None:
            raise StoreError(f"the SPARQL server answered in '{media_type}', which kg does not read")
        try:
            graph = rdflib.Graph()
            for quad in ox.parse(response.content, graph_format):
                graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
            return QueryResult("graph", graph=graph)
        except SyntaxError as error:
            raise StoreError(f"the SPARQL server's answer does not parse: {error}") from error

    def has_graph(self, iri: str) -> bool:
        return bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(iri)}).boolean)

    def add_graph(self, graph: rdflib.Graph) -> None:
        if self.endpoints.store:
            self._send("POST", self.endpoints.store, params={"graph": str(graph.identifier)},
                       data=graph.serialize(format="nt", encoding="utf-8"),
                       headers={"Content-Type": "application/n-triples"})
        else:
            for request in insert_requests(graph):
                self.update(request)

    def remove_graph(self, iri: str) -> bool:
        present = self.has_graph(iri)
        if present:
            self.update(f"DROP SILENT GRAPH {sparql_term(URIRef(iri))}")
        return present

    def graph_names(self) -> list[str]:
        result = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER(STRSTARTS(STR(?g), {KG_GRAPHS})) }}")
        return sorted(str(row[0]) for row in result.rows)

    def quads(self):
        result = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER(STRSTARTS(STR(?g), {KG_GRAPHS})) }}")
        yield from result.rows

    def __len__(self):
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER(STRSTARTS(STR(?g), {KG_GRAPHS})) }}")
        return int(result.rows[0][0])

    def close(self):
        self.http.close()


class VirtuosoStore(RemoteStore):
    """A store on Virtuoso (7.2 or later), whose SPARQL user needs `GRANT SPARQL_UPDATE TO "SPARQL"`."""

    name = "virtuoso"

    @staticmethod
    def endpoints_for(location: str) -> Endpoints:
        return virtuoso_endpoints(location)


def _term(value: dict) -> Node:
    """An RDF term from SPARQL JSON results, as Virtuoso writes them too ("typed-literal", booleans as 1/0)."""
    kind, text = value["type"], str(value["value"])
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    datatype = value.get("datatype")
    if datatype == str(XSD.boolean) and text in ("0", "1"):
        text = "true" if text == "1" else "false"
    if datatype == str(XSD.string):
        datatype = None
    return Literal(text, lang=value.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)


def read_results(answer: bytes, form: str | None) -> QueryResult:
    """A SELECT's or ASK's answer in the SPARQL 1.1 Query Results JSON Format."""
    try:
        data = json.loads(answer)
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [tuple(_term(b[v]) if v in b else None for v in variables) for b in data["results"]["bindings"]]
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"the SPARQL server's answer is not SPARQL JSON results: {error!r}") from error
    if form == "ASK":  # Virtuoso may answer an ASK as a one-row SELECT of 1 or 0
        return QueryResult("ask", boolean=bool(rows) and str(rows[0][0]) in ("1", "true"))
    return QueryResult("select", variables, rows)
