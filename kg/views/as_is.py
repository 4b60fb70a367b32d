"""The query view: an RDF graph drawn as it is (e.g. a CONSTRUCT result), every IRI or blank node a node.

Literals and rdf:type go into a node's details; the type also sets its kind ("other" if not one of kg's). IRIs
are shown as prefixed names, with kg's prefixes and those the graph binds.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import NotFoundError
from kg.rdf.namespaces import NIF, SCHEMA, bind_prefixes
from kg.views.describe import kind_of, label_lines, local_name, shorten
from kg.views.scene import Scene


def scene(graph, *, focus: str | None, depth: int, limit: int) -> Scene:
    """The nodes of `graph` within `depth` links of the node named `focus` (all without one), the most central
    `limit` of them: nearest to the focus first, then the best linked."""
    by_subject = _by_subject(graph)
    prefixes = _with_prefixes(graph)
    projected = nx.MultiDiGraph()
    for subject, by_predicate in by_subject.items():
        projected.add_node(subject)
        for predicate, objects in by_predicate.items():
            for obj in objects:
                if isinstance(obj, (URIRef, BNode)) and predicate != RDF.type:
                    projected.add_edge(subject, obj, key=predicate, relation=str(predicate),
                                       label=_qname(prefixes, predicate))
    for node, data in projected.nodes(data=True):
        data.update(_describe(prefixes, by_subject.get(node, {}), node))
        data["weight"] = projected.degree(node)
    simple = nx.Graph(projected)
    focus_node = _find(projected, focus) if focus else None
    chosen = set(nx.single_source_shortest_path_length(simple, focus_node, cutoff=depth)) if focus else set(simple)
    distance = nx.single_source_shortest_path_length(simple, focus_node) if focus else {}
    ranked = sorted(chosen, key=lambda n: (distance.get(n, len(chosen) + 1), -simple.degree(n),
                                           projected.nodes[n]["label"], str(n)))
    return Scene("query", limit, projected.subgraph(ranked[:limit]).copy(), focus_node, roots=ranked[:1],
                 omitted=max(0, len(ranked) - limit))


def _by_subject(graph) -> dict:
    """predicate -> objects (in order, once each) for each subject of `graph`, or of every graph a Dataset holds."""
    found: dict = defaultdict(lambda: defaultdict(dict))
    triples = (quad[:3] for quad in graph.quads((None, None, None, None))) if isinstance(graph, ConjunctiveGraph) \
        else graph.triples((None, None, None))
    for subject, predicate, obj in triples:
        found[subject][predicate][obj] = None
    return found


def _describe(prefixes: Graph, by_predicate: dict, node) -> dict:
    literals = [
        (_qname(prefixes, predicate), str(obj) if isinstance(obj, Literal) else _qname(prefixes, obj))
        for predicate, objects in by_predicate.items()
        for obj in objects
        if isinstance(obj, Literal) or predicate == RDF.type
    ]
    names = [str(name) for p in (SCHEMA.name, RDFS.label, SKOS.prefLabel, SKOS.altLabel) for name in by_predicate.get(p, ())]
    said = next(iter(by_predicate.get(SCHEMA.text) or by_predicate.get(NIF.anchorOf) or ()), "")
    label = shorten(names[0] if names else str(said) or _qname(prefixes, node))
    tooltip = "\n".join([label, *(f"{field}: {shorten(value, 200)}" for field, value in literals[:12])])
    return {
        "kind": kind_of(by_predicate.get(RDF.type, ())) or "other",
        "label": label_lines(label),
        "names": names or [label],
        "details": [("IRI", str(node)), *literals],
        "tooltip": tooltip,
    }


def _find(projected: nx.MultiDiGraph, name: str):
    """The node named `name` (any of its names, any case): exact first, then a part of one; the best linked."""
    wanted = name.strip().casefold()
    for matches in (
        [node for node, names in projected.nodes(data="names") if any(n.casefold() == wanted for n in names)],
        [node for node, names in projected.nodes(data="names") if any(wanted in n.casefold() for n in names)],
    ):
        if matches and wanted:
            return max(matches, key=lambda node: (projected.degree(node), -len(projected.nodes[node]["label"])))
    raise NotFoundError(f"no node named '{name}' in the graph")


def _with_prefixes(graph) -> Graph:
    """An empty graph binding the prefixes of `graph` and kg's, to name IRIs with."""
    names = Graph(bind_namespaces="rdflib")
    for prefix, namespace in graph.namespaces():
        names.bind(prefix, namespace, override=False)
    bind_prefixes(names)
    return names


def _qname(prefixes: Graph, node) -> str:
    if isinstance(node, BNode):
        return f"_:{node}"
    try:
        prefixed = prefixes.namespace_manager.normalizeUri(node)
    except ValueError:  # an IRI rdflib cannot split
        return local_name(node)
    return local_name(node) if prefixed.startswith("<") else prefixed
