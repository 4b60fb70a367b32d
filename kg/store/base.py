"""What every store backend offers. Results come back as rdflib terms, whatever the backend."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

from kg.rdf import shared
from kg.rdf.namespaces import ENTITIES_GRAPH
from kg.rdf.terms import to_ox

_SHARED_SUFFIX = f" <{ENTITIES_GRAPH}> .".encode()


@dataclass
class QueryResult:
    """A SELECT's variables and rows, an ASK's boolean, or a CONSTRUCT/DESCRIBE graph."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None
    more: bool = False  # a page of a SELECT's rows, with more after it (kg.queries.Page)
    chosen: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (name, IRI) of the entities a
    # named query's parameter named, when it named several (kg.queries.NamedQuery.run)

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
        """Add several documents, given as (graph IRI, N-Quads of its graph and of its statements in the entities
        graph, `kg.rdf.mapping.to_nquads`): their graphs, and their shared statements merged into the entities
        graph (`kg.rdf.shared`). Even if the process is killed, each document ends up whole or absent."""
        own, statements = split_documents(documents)
        for data in own:
            self.add_nquads(bytes(data))
        shared.merge(self, statements)

    def remove_graph(self, iri: str) -> bool:
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""
        raise NotImplementedError

    def change_graph(self, iri: str, removed: Iterable[tuple], added: Iterable[tuple]) -> None:
        """Remove and add triples (rdflib terms) of one named graph, in one update."""
        removed, added = list(removed), list(added)
        if removed or added:
            self.update(change_request(iri, removed, added))

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


def split_documents(documents: list[tuple[str, bytes]]) -> tuple[list[memoryview], set[tuple]]:
    """Each document's N-Quads without its lines in the entities graph (a view, not a copy: a big document's
    N-Quads are hundreds of megabytes), and the shared statements those lines hold (rdflib triples).
    `kg.rdf.mapping.to_nquads` writes those lines last; a line ends with its graph."""
    own, shared_lines = [], []
    for _, data in documents:
        first = data.find(_SHARED_SUFFIX + b"\n")
        start = len(data) if first < 0 else data.rfind(b"\n", 0, first) + 1
        own.append(memoryview(data)[:start])
        shared_lines.append(data[start:])
    statements = {q[:3] for q in shared.parse_quads(b"".join(shared_lines))}
    return own, statements


def chunks(parts: list[memoryview], size: int = 16_000_000):
    """The parts' N-Quads in pieces of about `size` bytes, each ending at a line's end: small parts packed
    together (a bulk load has a cost of its own), a big one cut."""
    piece = bytearray()
    for part in parts:
        start = 0
        while start < len(part):
            end = part.obj.find(b"\n", min(start + size - len(piece), len(part)), len(part)) + 1 or len(part)
            piece += part[start:end]
            start = end
            if len(piece) >= size:
                yield bytes(piece)
                piece.clear()
    if piece:
        yield bytes(piece)


def ntriples(triples: Iterable[tuple]) -> str:
    """Triples (rdflib terms) in N-Triples, written by Oxigraph's serializer (exact, and faster than rdflib's)."""
    return ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples),
                        format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def change_request(iri: str, removed: list[tuple], added: list[tuple]) -> str:
    """One SPARQL update removing and adding triples of the graph `iri`, the triples written by rdflib."""
    name = rdflib.URIRef(iri).n3()
    operations = []
    if removed:
        operations.append(f"DELETE DATA {{ GRAPH {name} {{\n{ntriples(removed)}}} }}")
    if added:
        operations.append(f"INSERT DATA {{ GRAPH {name} {{\n{ntriples(added)}}} }}")
    return " ;\n".join(operations)
