"""SHACL validation of the graph against `ontology/shapes.ttl`, with pyshacl."""
from __future__ import annotations

from dataclasses import dataclass

import rdflib
from pyshacl import validate as shacl_validate

from kg import resources
from kg.errors import DocumentError, ValidationFailed
from kg.ingest import ONTOLOGY_GRAPH
from kg.store import Store


@dataclass
class Validation:
    conforms: bool
    triples: int
    report: str


def _shapes() -> rdflib.Graph:
    shapes = rdflib.Graph()
    shapes.parse(resources.ontology_dir() / "shapes.ttl", format="turtle")
    return shapes


def _ontology() -> rdflib.Graph:
    ontology = rdflib.Graph()
    for path in resources.ontology_files():
        if path.name != "shapes.ttl":
            ontology.parse(path, format="turtle")
    return ontology


def instance_data(store: Store) -> rdflib.Graph:
    """The documents' graphs, the entities graph and the gazetteer (which states the type of the known entities
    the documents refer to) as one graph; the ontology is given to pyshacl apart."""
    data = rdflib.Graph()
    skip = {str(ONTOLOGY_GRAPH)}
    for s, p, o, g in store.quads():
        if g is not None and str(g) not in skip:
            data.add((s, p, o))
    return data


def load_file(path: str) -> rdflib.Graph:
    data = rdflib.Graph()
    try:
        data.parse(path, format=rdflib.util.guess_format(path) or "turtle")
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except Exception as error:  # rdflib's parsers raise many kinds of errors
        raise DocumentError(path, f"is not valid RDF: {error}") from error
    return data


def validate(data: rdflib.Graph) -> Validation:
    """Check `data` against the shapes; raise ValidationFailed with pyshacl's report when it does not conform."""
    conforms, _, text = shacl_validate(data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="rdfs",
                                       advanced=True, allow_warnings=True)
    result = Validation(bool(conforms), len(data), text)
    if not conforms:
        violations = text.count("Constraint Violation")
        raise ValidationFailed(f"the graph does not conform to the shapes: {violations} violation(s)", text)
    return result


__all__ = ["Validation", "instance_data", "load_file", "validate"]
