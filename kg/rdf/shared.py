"""The entities graph: what the documents say about entities, posts, calls and periods, each statement once.

Several documents describe the same entity (its type, name, other names), post, call or period; stated in each
document's graph, the union default graph would repeat them, and SPARQL over it would count an entity once per
document that names it. So a document's graph points to those nodes by IRI, and what it says about them (its
*shared* statements, `kg.rdf.mapping`) is held once, in `id:graph/entities`, normalised:

- what the gazetteer graph states is not stated again (a known company's name is the gazetteer's);
- one value of each functional property (`schema:name`, `skos:prefLabel`, `rdfs:label`, `schema:startDate`,
  `schema:endDate`): the gazetteer's, else the least (by its text); other names and titles become `skos:altLabel`;
- the search keys (`kg:nameKey`, `kg:wordKey`, `kg.rdf.keys`) of each entity's names and other names.

The entities graph is a function of the documents' records (`kg:sharedStatement`, one N-Triples line each) and
the gazetteer graph: `merge` updates it for new documents, `rebuild` computes it whole (after a removal), and
both give the same graph for the same documents, in whatever order they came.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf.keys import search_keys
from kg.rdf.namespaces import ENTITIES_GRAPH, ENTITY_CLASSES, GAZETTEER_GRAPH, KG, SCHEMA
from kg.rdf.terms import iri_values, to_rdflib

# functional properties: one value is kept; the others of a name or title become other names
FUNCTIONAL = {SCHEMA.name: SKOS.altLabel, SKOS.prefLabel: SKOS.altLabel, RDFS.label: None, SCHEMA.startDate: None,
              SCHEMA.endDate: None}
LABELS = (SCHEMA.name, SKOS.altLabel)  # what an entity is found by
KEYS = (KG.nameKey, KG.wordKey)
_CLASSES = set(ENTITY_CLASSES.values())
BATCH = 500  # nodes read from the store per query

Triple = tuple[Node, Node, Node]


def parse(lines: Iterable[str]) -> set[Triple]:
    """Triples from N-Triples lines (the documents' records), as rdflib terms."""
    return {q[:3] for q in parse_quads("\n".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES)}


def parse_quads(data: bytes, format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> list[tuple[Node, ...]]:
    """Quads (subject, predicate, object, graph) as rdflib terms, from N-Quads or N-Triples; each term made once."""
    term = functools.cache(to_rdflib)
    return [(term(q.subject), term(q.predicate), term(q.object), term(q.graph_name))
            for q in ox.parse(data, format=format)]


def normalise(statements: Iterable[Triple], reference: Iterable[Triple]) -> set[Triple]:
    """The entities graph's statements about the subjects of `statements` (what documents say, and what the
    entities graph already holds about them), given what the gazetteer graph says about them (`reference`)."""
    said: dict[Node, set[Triple]] = defaultdict(set)
    for triple in statements:
        if triple[1] not in KEYS:  # keys are made again from the names
            said[triple[0]].add(triple)
    known: dict[Node, set[Triple]] = defaultdict(set)
    for triple in reference:
        known[triple[0]].add(triple)
    out: set[Triple] = set()
    for subject, triples in said.items():
        out |= _described(subject, triples, known[subject])
    return out


def _described(subject: Node, triples: set[Triple], known: set[Triple]) -> set[Triple]:
    """One subject's statements, normalised (see the module docstring)."""
    values: dict[Node, set[Node]] = defaultdict(set)
    for _, p, o in triples:
        values[p].add(o)
    for p, other in FUNCTIONAL.items():
        given = values.pop(p, set())
        if not given:
            continue
        if not any(kp == p for _, kp, _ in known):
            values[p].add(min(given, key=str))
        if other is not None:
            values[other] |= {o for o in given if o not in values[p]}
    if SKOS.altLabel in values:  # another name is none of the names kept
        values[SKOS.altLabel] -= values.get(SCHEMA.name, set()) | {o for _, kp, o in known if kp == SCHEMA.name}
    out = {(subject, p, o) for p, objects in values.items() for o in objects}
    classes = values.get(RDF.type, set()) | {o for _, kp, o in known if kp == RDF.type}
    if classes & _CLASSES:  # an entity: found by the keys of its names
        out |= {(subject, URIRef(prop), Literal(key)) for p in LABELS for o in values.get(p, ())
                for prop, key in search_keys(str(o))}
    return out - known


def _about(store, graph: URIRef, nodes: list[Node]) -> set[Triple]:
    """What `graph` states about `nodes`, a batch of them at a time."""
    found: set[Triple] = set()
    for start in range(0, len(nodes), BATCH):
        values = iri_values("s", nodes[start:start + BATCH])
        query = f"SELECT ?s ?p ?o WHERE {{ {values} GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        found |= {(s, p, o) for s, p, o in store.query(query).rows}
    return found


def merge(store, statements: Iterable[Triple]) -> None:
    """Add documents' shared statements to the store's entities graph, normalised with what it holds."""
    statements = set(statements)
    nodes = sorted({s for s, _, _ in statements}, key=str)
    if not nodes:
        return
    held = _about(store, ENTITIES_GRAPH, nodes)
    wanted = normalise(held | statements, _about(store, GAZETTEER_GRAPH, nodes))
    store.change_graph(str(ENTITIES_GRAPH), removed=held - wanted, added=wanted - held)


_RECORDS = f"SELECT DISTINCT ?line WHERE {{ GRAPH ?g {{ ?document <{KG.sharedStatement}> ?line }} }}"


def rebuild(store) -> None:
    """The entities graph anew from the documents' records and the gazetteer graph (after a document was
    removed or replaced, or the gazetteer changed)."""
    statements = parse(str(row[0]) for row in store.query(_RECORDS).rows)
    reference = set(store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{GAZETTEER_GRAPH}> {{ ?s ?p ?o }} }}").rows)
    graph = Graph(identifier=ENTITIES_GRAPH)
    for triple in normalise(statements, reference):
        graph.add(triple)
    store.replace_graph(graph)
