"""Answers cut at a number of rows (SPARQL JSON, XML, CSV, TSV) or triples (any RDF format Oxigraph reads)."""
from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import pyoxigraph as ox

RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def _cap_json(body: bytes, limit: int) -> tuple[bytes, bool]:
    data = json.loads(body)
    bindings = data.get("results", {}).get("bindings", [])
    if len(bindings) <= limit:
        return body, False
    data["results"]["bindings"] = bindings[:limit]
    return json.dumps(data).encode(), True


def _cap_xml(body: bytes, limit: int) -> tuple[bytes, bool]:
    ElementTree.register_namespace("", RESULTS_NS)
    root = ElementTree.fromstring(body)
    results = root.find(f"{{{RESULTS_NS}}}results")
    rows = [] if results is None else list(results)
    if len(rows) <= limit:
        return body, False
    for row in rows[limit:]:
        results.remove(row)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True), True


def _cap_csv(body: bytes, limit: int) -> tuple[bytes, bool]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    if len(rows) <= limit + 1:
        return body, False
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows[:limit + 1])
    return out.getvalue().encode("utf-8"), True


def _cap_tsv(body: bytes, limit: int) -> tuple[bytes, bool]:
    lines = body.split(b"\n")  # TSV results escape line breaks inside values
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) <= limit + 1:
        return body, False
    return b"\n".join(lines[:limit + 1]) + b"\n", True


def _cap_rdf(body: bytes, limit: int, media_type: str) -> tuple[bytes, bool]:
    rdf_format = ox.RdfFormat.from_media_type(media_type)
    triples = []
    for quad in ox.parse(body, rdf_format):
        if len(triples) == limit:
            return ox.serialize(triples, format=rdf_format), True
        triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return body, False


CAPS = {
    "application/sparql-results+json": _cap_json, "application/json": _cap_json,
    "application/sparql-results+xml": _cap_xml, "application/xml": _cap_xml,
    "text/csv": _cap_csv, "text/tab-separated-values": _cap_tsv,
}


def cap(body: bytes, media_type: str, limit: int) -> tuple[bytes, bool]:
    """The answer cut at `limit` rows (or triples), and whether it was cut; ValueError when it does not parse
    (the server stopped writing it half-way)."""
    try:
        if media_type in CAPS:
            return CAPS[media_type](body, limit)
        if ox.RdfFormat.from_media_type(media_type) is not None:
            return _cap_rdf(body, limit, media_type)
    except (SyntaxError, csv.Error) as error:  # ElementTree.ParseError is a SyntaxError
        raise ValueError(f"a {media_type} answer that does not parse: {error}") from error
    return body, False
