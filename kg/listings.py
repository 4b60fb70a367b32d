"""What the graph knows, as lists of plain dicts: the public JSON contract of `kg entities|quotes|figures|claims`.

Every listing is a named query from `kg/queries/` with its filters bound as values; given a `Page`, only its rows.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg import queries
from kg.queries import Page
from kg.store import Store

SEPARATOR = "\u001f"  # joins the names of a claim's entities and a call's speakers (GROUP_CONCAT; kg.output shows "; ")
LOOKED_UP = 10_000  # at most this many entities' details are looked up one by one (else all are read)


def plain(term: Node | None):
    """An RDF term as a plain JSON-able value."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, bool | int | float | str):
            return value
        return str(term)
    return str(term)


class Listing(list):
    """A listing's rows (dicts); `more` is true when they are a page and more rows follow it; `chosen` gives the
    (name, IRI) of the entities a filter named, when it named several (kg.queries.NamedQuery.run)."""

    def __init__(self, rows=(), more: bool = False, chosen: dict[str, list[tuple[str, str]]] | None = None):
        super().__init__(rows)
        self.more = more
        self.chosen = chosen or {}


def _rows(store: Store, query_name: str, page: Page | None = None, named: dict[str, list[URIRef]] | None = None,
          **filters: str | None) -> Listing:
    query = queries.load(query_name)
    result = query.run(store, {k: v for k, v in filters.items() if v}, page, named)
    return Listing(({k: plain(v) for k, v in row.items()} for row in result.dicts()), result.more, result.chosen)


def _listing(rows: Listing, shape) -> Listing:
    """The rows reshaped by `shape`, with the page's `more` and the entities chosen."""
    return Listing(map(shape, rows), rows.more, rows.chosen)


def entities(store: Store, name: str | None = None, type: str | None = None, document: str | None = None,
             page: Page | None = None) -> Listing:
    rows = _rows(store, "entities", page, name=name, type=type, document=document)
    # the details of the listed entities, looked up one by one, or of every entity when most are listed (on the
    # S&P 500 corpus, 17,690 entities: 11.6 s looked up, 9.6 s read whole; 254 AI models: 0.05 s looked up)
    listed = {"entity": [URIRef(row["entity"]) for row in rows]} if len(rows) <= LOOKED_UP else None
    details: dict[str, dict] = {}
    for row in _rows(store, "entity-details", named=listed):
        d = details.setdefault(row["entity"], {"aliases": set(), "roles": set(), "developer": set()})
        if row.get("alias"):
            d["aliases"].add(row["alias"])
        if row.get("title"):
            d["roles"].add((row["title"], row["organization"]))
        if row.get("developer"):
            d["developer"].add(row["developer"])

    def shape(row: dict) -> dict:
        d = details.get(row["entity"], {"aliases": set(), "roles": set(), "developer": set()})
        developers = sorted(d["developer"])
        return {
            "name": row["name"],
            "type": row["type"],
            "aliases": sorted(a for a in d["aliases"] if a != row["name"]),
            "roles": [{"title": t, "organization": o} for t, o in sorted(d["roles"])],
            "developer": developers[0] if len(developers) == 1 else developers or None,
            "documents": row["documents"],
            "iri": row["entity"],
        }
    return _listing(rows, shape)


def quotes(store: Store, speaker: str | None = None, document: str | None = None, call: str | None = None,
           page: Page | None = None) -> Listing:
    return _listing(_rows(store, "quotes", page, speaker=speaker, document=document, call=call), lambda r: {
        "text": r["text"], "speaker": r["speakerName"], "source": r["source"], "start": r["start"], "end": r["end"],
        "sentence": r["sentence"], "partial": r["partial"], "rule": r["rule"], "document": r["document"],
        "iri": r["quote"],
    })


def figures(store: Store, entity: str | None = None, metric: str | None = None, document: str | None = None,
            call: str | None = None, page: Page | None = None) -> Listing:
    rows = _rows(store, "figures", page, entity=entity, metric=metric, document=document, call=call)
    return _listing(rows, lambda r: {
        "text": r["text"], "value": r["value"], "min": r["min"], "max": r["max"], "unit": r["unit"],
        "metric": r["metricLabel"], "subject": r["subjectName"], "period": r["periodLabel"],
        "direction": r["direction"], "bound": r["bound"], "source": r["source"], "start": r["start"],
        "end": r["end"], "sentence": r["sentence"], "document": r["document"], "iri": r["figure"],
    })


def claims(store: Store, entity: str | None = None, speaker: str | None = None, document: str | None = None,
           call: str | None = None, page: Page | None = None) -> Listing:
    rows = _rows(store, "claims", page, entity=entity, speaker=speaker, document=document, call=call)
    return _listing(rows, lambda r: {
        "text": r["text"], "claimant": r["claimantName"], "kind": r["kindLabel"],
        "about": sorted(filter(None, (r["about"] or "").split(SEPARATOR))), "source": r["source"],
        "start": r["start"], "end": r["end"], "sentence": r["sentence"], "document": r["document"], "iri": r["claim"],
    })


def calls(store: Store, call: str | None = None, page: Page | None = None) -> Listing:
    return _listing(_rows(store, "calls", page, call=call), lambda r: {
        "name": r["name"], "company": r["company"], "period": r["period"], "date": r["date"],
        "documents": r["documents"], "participants": sorted(filter(None, (r["participants"] or "").split(SEPARATOR))),
        "iri": r["event"],
    })


def documents(store: Store, page: Page | None = None) -> Listing:
    return _rows(store, "documents", page)


def stats(store: Store) -> dict[str, int]:
    counts = {r["what"]: r["count"] for r in _rows(store, "stats")}
    order = ["documents", "events", "people", "organizations", "AI models", "products", "quotes", "figures", "claims"]
    out = {k: counts.get(k, 0) for k in order}
    out["triples"] = len(store)
    return out
