"""SHACL validation of the graph against `ontology/shapes.ttl`: each constraint one SPARQL query on the store
(`kg.rdf.shacl`), over the documents' graphs and the entities graph, with the gazetteer and the ontology there to
say what the things they refer to are."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg import resources
from kg.errors import DocumentError, QueryError, ValidationFailed
from kg.ingest import ONTOLOGY_GRAPH, reference_graph, reference_sources
from kg.rdf import shacl
from kg.rdf.namespaces import GAZETTEER_GRAPH, ID
from kg.rdf.terms import to_ox
from kg.store import Store
from kg.store.oxigraph import OxigraphStore

FILE_GRAPH = ID["graph/file"]  # where a file of triples (Turtle, N-Triples) is put to be checked
# a file's format by its ending, as `kg export` writes them
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
           ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
           ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
           ".xml": ox.RdfFormat.RDF_XML}
_REFERENCE = f"FILTER(?g NOT IN (<{ONTOLOGY_GRAPH}>, <{GAZETTEER_GRAPH}>))"


@dataclass
class Validation:
    conforms: bool
    triples: int  # the instance triples checked: the documents' graphs and the entities graph
    report: str


@dataclass
class Data:
    """A store holding the instance data to check (and the reference graphs, when it has them), and the number
    of instance triples."""

    store: Store
    triples: int


def instance_data(store: Store) -> Data:
    """The store's documents' graphs and entities graph, checked with its reference graphs beside them."""
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_REFERENCE} }}").rows
    return Data(store, int(rows[0][0]))


def load_file(path: str) -> Data:
    """An RDF file (kg's exports: Turtle, TriG, N-Quads, JSON-LD; or N-Triples, RDF/XML) in a store of its own.
    Its named graphs stay apart; the triples of a one-graph format go into one graph, and those that are kg's
    reference graphs' (a Turtle export holds them) are not counted as instance data."""
    file = Path(path)
    if not file.is_file():
        raise DocumentError(path, "no such file")
    fmt = FORMATS.get(file.suffix.lower(), ox.RdfFormat.TURTLE)
    store = OxigraphStore("")
    try:
        quads = list(ox.parse(path=str(file), format=fmt))
    except (SyntaxError, ValueError) as error:
        raise DocumentError(path, f"is not valid RDF ({fmt.name}): {error}") from None
    home = ox.NamedNode(str(FILE_GRAPH))
    store.ox.extend(ox.Quad(q.subject, q.predicate, q.object,
                            home if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name) for q in quads)
    data = instance_data(store)
    if not fmt.supports_datasets:
        for graph in _reference_graphs():  # a reference graph the file holds (its ground triples tell) is not counted
            ground = [t for t in graph if not any(isinstance(term, rdflib.BNode) for term in t)]
            if all(ox.Quad(*map(to_ox, triple), home) in store.ox for triple in ground):
                data.triples -= len(graph)
    return data


@lru_cache(maxsize=1)
def _reference_graphs() -> list[rdflib.Graph]:
    from kg.extract import default_gazetteer  # the gazetteer's files (kg's and KG_GAZETTEER's)
    return [reference_graph(identifier, paths) for identifier, paths in reference_sources(default_gazetteer())]


@lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(resources.ontology_dir() / "shapes.ttl", format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> rdflib.Graph:
    ontology = rdflib.Graph()
    for path in resources.ontology_files():
        if path.name != "shapes.ttl":
            ontology.parse(path, format="turtle")
    return ontology


def violations(data: Data) -> list[shacl.Violation]:
    """Every node and value of the data that breaks a constraint of the shapes, in the order of the checks."""
    shapes, axioms = _shapes(), shacl.Axioms(_ontology())
    found, seen = [], set()
    for check in shacl.checks(shapes):
        try:
            rows = data.store.query(shacl.query(check, axioms, shapes)).rows
        except QueryError as error:
            raise QueryError(f"checking {check.shape} failed: {error.message}") from error
        for focus, value in sorted(rows, key=lambda row: tuple(str(v) for v in row)):
            violation = shacl.Violation(check, focus, value)
            if violation.key() not in seen:  # a node of two targeted classes breaks a shared shape once
                seen.add(violation.key())
                found.append(violation)
    return found


def validate(data: Data) -> Validation:
    """Check `data` against the shapes; raise ValidationFailed with a report in pyshacl's layout when it does
    not conform."""
    found = violations(data)
    text = shacl.report(found, _shapes())
    if found:
        raise ValidationFailed(f"the graph does not conform to the shapes: {len(found)} violation(s)", text)
    return Validation(True, data.triples, text)


__all__ = ["Data", "Validation", "instance_data", "load_file", "validate", "violations"]
