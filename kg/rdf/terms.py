"""RDF terms in both libraries: pyoxigraph's (fast, written to the store) and rdflib's (for tests and tools)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

from kg.errors import QueryError

_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = ox.NamedNode(_XSD + "string")
XSD_INTEGER = ox.NamedNode(_XSD + "integer")
XSD_DECIMAL = ox.NamedNode(_XSD + "decimal")
XSD_BOOLEAN = ox.NamedNode(_XSD + "boolean")
XSD_DATE = ox.NamedNode(_XSD + "date")


class Vocabulary:
    """An rdflib `Namespace` whose terms are pyoxigraph nodes, each made once: `Vocabulary(SCHEMA).name`."""

    def __init__(self, namespace: str):
        self._base = str(namespace)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)  # later lookups find the attribute and skip __getattr__
        return node


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=XSD_INTEGER)


def decimal(value: float) -> ox.Literal:
    """xsd:decimal in its canonical lexical form ("120000000", "48.39"): no exponent, no trailing zeros,
    as Oxigraph stores it, so what is read back equals what was written. A float holds 15 significant decimal
    digits exactly; what follows them is an artefact of binary arithmetic ($4.1 billion is 4.1 * 1e9 =
    4099999999.9999995), so the value is written to 15 digits (4100000000)."""
    lexical = format(Decimal(format(value, ".15g")), "f")
    if "." in lexical:
        lexical = lexical.rstrip("0").rstrip(".")
    return ox.Literal(lexical, datatype=XSD_DECIMAL)


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD_BOOLEAN)


def day(value: date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)


def sparql_iri(iri) -> str:
    """An IRI as written in a query (`<...>`); one holding a character that could end it is refused."""
    text = str(iri)
    if any(c in text for c in '<>"{}|^`\\ \n'):
        raise QueryError(f"IRI {text!r} cannot be written into a query")
    return f"<{text}>"


def iri_values(variable: str, iris) -> str:
    """`VALUES ?variable { <iri> ... }`, each IRI written by `sparql_iri`."""
    return f"VALUES ?{variable} {{ {' '.join(map(sparql_iri, iris))} }}"


def to_ox(term: Node):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def to_rdflib(term) -> Node | None:
    """A pyoxigraph term as an rdflib term (None for the default graph)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):  # Oxigraph's lexical forms are canonical: rdflib need not normalise them
        if term.language:
            return rdflib.Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == XSD_STRING.value:
            return rdflib.Literal(term.value, normalize=False)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype), normalize=False)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unexpected term {term!r}")

