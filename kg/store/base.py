"""What every store backend offers. Results come back as rdflib terms, whatever the backend."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import rdflib
from rdflib.term import Node


@dataclass
class QueryResult:
    """A SELECT's variables and rows, an ASK's boolean, or a CONSTRUCT/DESCRIBE graph."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None
    more: bool = False  # a page of a SELECT's rows, with more after it (kg.queries.Page)

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


class Store:
    """A quad store holding one named graph per document plus the reference graphs."""

    name = "abstract"

    def __init__(self, location: str):
        self.location = location

    def has_graph(self, iri: str) -> bool:
        raise NotImplementedError

    def add_graph(self, graph: rdflib.Graph) -> None:
        """Add a named graph (graph.identifier) in one transaction: all of it or none of it."""
        raise NotImplementedError

    def add_nquads(self, data: bytes) -> None:
        """Add the named graphs serialised in `data` (N-Quads) in one transaction."""
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format="nquads")
        for graph in dataset.graphs():
            if len(graph) and graph.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
                self.add_graph(graph)

    def add_documents(self, documents: list[tuple[str, bytes]]) -> None:
        """Add several documents' named graphs, given as (graph IRI, N-Quads); even if the process is killed,
        each document ends up whole or absent."""
        for _, data in documents:
            self.add_nquads(data)

    def remove_graph(self, iri: str) -> bool:
        raise NotImplementedError

    def graph_names(self) -> list[str]:
        raise NotImplementedError

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with `bindings` substituted for variables."""
        raise NotImplementedError

    def quads(self) -> Iterable[tuple[Node, Node, Node, Node]]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Release the store (flush to disk, drop locks)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def dataset(self) -> rdflib.Dataset:
        """All quads as an in-memory rdflib Dataset (for export and validation)."""
        ds = rdflib.Dataset()
        for s, p, o, g in self.quads():
            ds.graph(g).add((s, p, o))
        return ds

    def replace_graph(self, graph: rdflib.Graph) -> None:
        """Swap a graph for a new version; a crash in between leaves it absent, never half-written."""
        self.remove_graph(str(graph.identifier))
        self.add_graph(graph)
