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

from kg.store.base import Store


@dataclass(frozen=True)
class Window:
    """The documents that hold rows `offset` .. `offset + rows` of the listing, and the offset of its first row
    among theirs."""

    documents: list[URIRef]
    offset: int


def window(store: Store, counts_query: str, offset: int, rows: int) -> Window:
    """The documents, in source-path order, from the one that holds row `offset` to the one that holds row
    `offset + rows - 1`, by `counts_query` (each document, its path and its count); documents of one path (a JSON
    file's several) go together, as the listing's sort mixes their rows."""
    found = sorted((str(row["path"]), str(row["document"]), int(row["count"]))
                   for row in store.query(counts_query).dicts())
    chosen, seen, first = [], 0, offset
    for _, group in groupby(found, key=lambda item: item[0]):
        group = list(group)
        held = sum(count for _, _, count in group)
        if seen + held > offset:
            if not chosen:
                first = offset - seen
            chosen += [URIRef(document) for _, document, _ in group]
        seen += held
        if seen >= offset + rows:
            break
    return Window(chosen, first)
