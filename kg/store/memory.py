"""rdflib's in-memory Dataset: for tests and small jobs; nothing survives the process."""
from __future__ import annotations

import functools

import rdflib
from rdflib import URIRef
from rdflib.plugins.sparql import prepareQuery

from kg.errors import QueryError
from kg.store.base import QueryResult, Store


class MemoryStore(Store):
    name = "memory"

    def __init__(self, location: str = ""):
        super().__init__(location or "memory:")
        self.ds = rdflib.Dataset(default_union=True)

    def has_graph(self, iri: str) -> bool:
        return len(self.ds.graph(URIRef(iri))) > 0

    def add_graph(self, graph: rdflib.Graph) -> None:
        target = self.ds.graph(graph.identifier)
        for triple in graph:
            target.add(triple)

    def remove_graph(self, iri: str) -> bool:
        present = self.has_graph(iri)
        self.ds.remove_graph(URIRef(iri))
        return present

    def update(self, sparql: str) -> None:
        self.ds.update(sparql)

    def graph_names(self) -> list[str]:
        return sorted(str(g.identifier) for g in self.ds.graphs() if len(g) and g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID)

    def query(self, sparql, bindings=None):
        try:
            result = self.ds.query(_prepared(sparql, tuple(self.ds.namespaces())), initBindings=bindings or {})
        except Exception as error:  # rdflib raises pyparsing and other errors for bad queries
            raise QueryError(f"the SPARQL query failed: {error}") from error
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            graph = rdflib.Graph()
            for triple in result:
                graph.add(triple)
            return QueryResult("graph", graph=graph)
        variables = [str(v) for v in result.vars]
        return QueryResult("select", variables, [tuple(row) for row in result])

    def quads(self):
        for s, p, o, g in self.ds.quads((None, None, None, None)):
            yield s, p, o, g.identifier if hasattr(g, "identifier") else g

    def __len__(self):
        return sum(1 for _ in self.ds.quads((None, None, None, None)))


@functools.lru_cache(maxsize=512)
def _prepared(sparql: str, namespaces: tuple) -> rdflib.plugins.sparql.sparql.Query:
    """A query parsed once: rdflib's parser takes far longer than answering a named query on a small graph."""
    return prepareQuery(sparql, initNs=dict(namespaces))
