"""A page of a listing over the whole store, read from the few documents that hold it.

A query that lists every quotation (figure, claim) in document order sorts all of them before it can give the
first page: on the whole S&P 500 corpus that is a quarter of a million rows and seconds per page. Each document
states how many of them it holds (`kg:quoteCount`, ...), so the documents in the same order, with their counts,
say which of them hold the rows of a page; the query then starts from those alone (`# window:` in README.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from rdflib import URIRef

from kg.rdf.terms import sparql_iri
from kg.store.base import Store

_COUNTS = """SELECT ?document ?path ?count WHERE {{
  GRAPH ?g {{ ?document kg:sourcePath ?path ; {count} ?count }}
}}"""


@dataclass(frozen=True)
class Window:
    """The documents that hold rows `offset` .. `offset + rows` of the listing, and the offset of its first row
    among theirs."""

    documents: list[URIRef]
    offset: int


def window(store: Store, count_property: str, offset: int, rows: int, prefixes: str) -> Window:
    """The documents, in source-path order, from the one that holds row `offset` to the one that holds row
    `offset + rows - 1`; documents of one path (a JSON file's several) go together, as the listing's sort mixes
    their rows."""
    text = prefixes + _COUNTS.format(count=sparql_iri(URIRef(count_property)))
    found = sorted((str(row["path"]), str(row["document"]), int(row["count"])) for row in store.query(text).dicts())
    chosen, skipped, seen = [], 0, 0
    for _, group in groupby(found, key=lambda item: item[0]):
        group = list(group)
        held = sum(count for _, _, count in group)
        if seen + held <= offset:
            skipped, seen = skipped + held, seen + held
            continue
        chosen += [URIRef(document) for _, document, _ in group]
        seen += held
        if seen >= offset + rows:
            break
    return Window(chosen, offset - skipped)
