"""SHACL validation as SPARQL queries on the store: each constraint of `ontology/shapes.ttl` is one query that
selects the nodes and values breaking it, so a check reads what a store's indexes find, not a copy of the graph
in memory (pyshacl took 298-428 s and 1.9 GB on a 300-call store; tests/test_validate.py checks that both find
the same violations).

The constraint components kg's shapes use are those here (`COMPONENTS`); a shape with another one is refused.
Instances are found as pyshacl finds them with RDFS inference over the ontology: an `rdf:type` of the class or
of a class under it (`rdfs:subClassOf`), or the subject of a property whose `rdfs:domain`, the object of one
whose `rdfs:range`, is the class or under it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import rdflib
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.errors import ConfigError
from kg.rdf.namespaces import SH
from kg.rdf.terms import sparql_iri

XSD = rdflib.XSD
# an ill-typed literal breaks sh:datatype, as in pyshacl: an ill-typed number is not numeric; others by their form
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float}
LEXICAL = {XSD.boolean: r"^(true|false|1|0)$", XSD.date: r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$"}


@dataclass(frozen=True)
class Check:
    """One constraint of one property shape, on the instances of the classes the node shapes that use it target
    (the shapes of quotes, figures and claims share their provenance's)."""

    shape: URIRef  # the property shape (pyshacl's "Source Shape")
    targets: tuple[URIRef, ...]
    path: URIRef
    component: str  # e.g. "MinCount": sh:MinCountConstraintComponent
    argument: Node
    message: str


@dataclass(frozen=True)
class Violation:
    check: Check
    focus: Node
    value: Node | None  # None for a count

    def key(self) -> tuple:
        return self.check.shape, self.focus, self.value


class Axioms:
    """What the ontology says about classes and properties, for finding instances."""

    def __init__(self, graph: rdflib.Graph):
        below: dict[Node, set[Node]] = defaultdict(set)  # class -> the classes under it, itself included
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            below[sup].add(sub)
        self.graph, self._below = graph, below

    def under(self, cls: Node) -> set[Node]:
        found, todo = {cls}, [cls]
        while todo:
            for sub in self._below.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return found

    def instance(self, variable: str, cls: URIRef) -> str:
        """A SPARQL pattern that binds (or tests) `?variable` to the instances of `cls`."""
        classes = self.under(cls)
        domains = sorted({p for p, d in self.graph.subject_objects(RDFS.domain) if d in classes}, key=str)
        ranges = sorted({p for p, r in self.graph.subject_objects(RDFS.range) if r in classes}, key=str)
        listed = " ".join(map(sparql_iri, sorted(classes, key=str)))
        branches = [f"{{ ?{variable} a ?{variable}Class . VALUES ?{variable}Class {{ {listed} }} }}"]
        branches += [f"{{ ?{variable} {sparql_iri(p)} [] }}" for p in domains]
        branches += [f"{{ [] {sparql_iri(p)} ?{variable} FILTER(!isLiteral(?{variable})) }}" for p in ranges]
        return " UNION ".join(branches)


COMPONENTS = {SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH.datatype: "Datatype", SH["class"]: "Class",
              SH.minInclusive: "MinInclusive", SH.maxInclusive: "MaxInclusive", SH.minLength: "MinLength",
              SH.nodeKind: "NodeKind", SH["in"]: "In", SH.pattern: "Pattern", SH.lessThan: "LessThan",
              SH.lessThanOrEquals: "LessThanOrEquals"}
_IGNORED = {RDF.type, SH.path, SH.message, SH.name, SH.description, RDFS.label, RDFS.comment, SH.flags}


def checks(shapes: rdflib.Graph) -> list[Check]:
    """Every constraint of every property shape that a node shape with a target class refers to."""
    targets: dict[Node, set[Node]] = defaultdict(set)
    for node_shape, target in shapes.subject_objects(SH.targetClass):
        for shape in shapes.objects(node_shape, SH.property):
            targets[shape].add(target)
    found = []
    for shape in sorted(targets):
        path = shapes.value(shape, SH.path)
        if not isinstance(path, URIRef):
            raise ConfigError(f"shape {shape}: only a property IRI is supported as sh:path")
        message = str(shapes.value(shape, SH.message) or "")
        for prop, argument in sorted(shapes.predicate_objects(shape)):
            if prop in COMPONENTS:
                found.append(Check(shape, tuple(sorted(targets[shape])), path, COMPONENTS[prop], argument, message))
            elif prop not in _IGNORED:
                raise ConfigError(f"shape {shape}: {prop} is not a constraint kg's validator knows")
    return found


def _sparql_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return sparql_iri(term)
    return term.n3()  # a literal of the shapes file, written by rdflib


def query(check: Check, axioms: Axioms, shapes: rdflib.Graph) -> str:
    """A SELECT of ?focus and ?value (unbound for a count) for each node and value breaking the check. The
    nodes and values that break it are found first, then tested for being instances of the targeted class (a
    few rows, where the instances are many); only a minimum count enumerates the instances."""
    path, argument, kind = sparql_iri(check.path), check.argument, check.component
    instance = " UNION ".join(axioms.instance("focus", target) for target in check.targets)
    targeted = f"FILTER EXISTS {{ {instance} }}"
    if kind == "MinCount":
        instances = f"{{ SELECT DISTINCT ?focus WHERE {{ {instance} }} }}"
        if int(argument) == 1:
            return f"SELECT ?focus ?value WHERE {{ {instances} MINUS {{ ?focus {path} ?any }} }}"
        return (f"SELECT ?focus ?value WHERE {{ {instances} OPTIONAL {{ ?focus {path} ?any }} }} GROUP BY ?focus ?value "
                f"HAVING(COUNT(DISTINCT ?any) < {int(argument)})")
    if kind == "MaxCount":
        return (f"SELECT ?focus ?value WHERE {{ {{ SELECT ?focus WHERE {{ ?focus {path} ?any }} GROUP BY ?focus "
                f"HAVING(COUNT(DISTINCT ?any) > {int(argument)}) }} {targeted} }}")
    if kind == "Class":  # the values that are not instances: all the instances are read once, not per value
        return (f"SELECT ?focus ?value WHERE {{ {{ ?focus {path} ?value MINUS {{ {axioms.instance('value', argument)} }} }} "
                f"{targeted} }}")
    broken = {
        "Datatype": lambda: f"!isLiteral(?value) || DATATYPE(?value) != {sparql_iri(argument)}" + (
            " || !isNumeric(?value)" if argument in NUMERIC  # an ill-typed number is not numeric to Oxigraph
            else f' || !REGEX(STR(?value), "{LEXICAL[argument]}")' if argument in LEXICAL else ""),
        "MinInclusive": lambda: f"!COALESCE(?value >= {_sparql_term(argument)}, false)",
        "MaxInclusive": lambda: f"!COALESCE(?value <= {_sparql_term(argument)}, false)",
        "MinLength": lambda: f"isBlank(?value) || STRLEN(STR(?value)) < {int(argument)}",
        "NodeKind": lambda: {SH.IRI: "!isIRI(?value)", SH.Literal: "!isLiteral(?value)",
                             SH.BlankNode: "!isBlank(?value)"}[argument],
        "In": lambda: "!(" + " || ".join(f"sameTerm(?value, {_sparql_term(v)})"
                                          for v in Collection(shapes, argument)) + ")",
        "Pattern": lambda: f'isBlank(?value) || !REGEX(STR(?value), {Literal(str(argument)).n3()})',
        "LessThan": lambda: "!COALESCE(?value < ?other, false)",
        "LessThanOrEquals": lambda: "!COALESCE(?value <= ?other, false)",
    }[kind]()
    other = f" ?focus {sparql_iri(argument)} ?other ." if kind in ("LessThan", "LessThanOrEquals") else ""
    return f"SELECT ?focus ?value WHERE {{ {{ ?focus {path} ?value .{other} FILTER({broken}) }} {targeted} }}"


def report(violations: list[Violation], shapes: rdflib.Graph) -> str:
    """The violations in the layout of pyshacl's text report (IRIs with the shapes file's prefixes)."""
    short = shapes.namespace_manager.normalizeUri
    lines = ["Validation Report", f"Conforms: {not violations}", f"Results ({len(violations)}):"]
    for v in violations:
        component = f"{v.check.component}ConstraintComponent"
        lines += [f"Constraint Violation in {component} ({SH[component]}):", "\tSeverity: sh:Violation",
                  f"\tSource Shape: {short(v.check.shape)}", f"\tFocus Node: {v.focus.n3()}"]
        if v.value is not None:
            lines.append(f"\tValue Node: {v.value.n3()}")
        lines += [f"\tResult Path: {short(v.check.path)}", f"\tMessage: {v.check.message}"]
    return "\n".join(lines)
