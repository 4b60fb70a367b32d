"""What the graph knows, as lists of plain dicts: the public JSON contract of `kg entities|quotes|figures|claims`.

Every listing is a named query from `kg/queries/` with its filters bound as values.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Literal
from rdflib.term import Node

from kg import queries
from kg.store import Store

SEPARATOR = "\u001f"


def _py(term: Node | None):
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


def _rows(store: Store, query_name: str, **filters: str | None) -> list[dict]:
    query = queries.load(query_name)
    result = query.run(store, {k: v for k, v in filters.items() if v})
    return [{k: _py(v) for k, v in row.items()} for row in result.dicts()]


def entities(store: Store, name: str | None = None, type: str | None = None, document: str | None = None) -> list[dict]:
    rows = _rows(store, "entities", name=name, type=type, document=document)
    details: dict[str, dict] = {}
    for row in _rows(store, "entity-details"):
        d = details.setdefault(row["entity"], {"aliases": set(), "roles": set(), "developer": set()})
        if row.get("alias"):
            d["aliases"].add(row["alias"])
        if row.get("title"):
            d["roles"].add((row["title"], row["organization"]))
        if row.get("developer"):
            d["developer"].add(row["developer"])
    out = []
    for row in rows:
        d = details.get(row["entity"], {"aliases": set(), "roles": set(), "developer": set()})
        developers = sorted(d["developer"])
        out.append({
            "name": row["name"],
            "type": row["type"],
            "aliases": sorted(a for a in d["aliases"] if a != row["name"]),
            "roles": [{"title": t, "organization": o} for t, o in sorted(d["roles"])],
            "developer": developers[0] if len(developers) == 1 else developers or None,
            "documents": row["documents"],
            "iri": row["entity"],
        })
    return out


def quotes(store: Store, speaker: str | None = None, document: str | None = None, call: str | None = None) -> list[dict]:
    return [{
        "text": r["text"], "speaker": r["speakerName"], "source": r["source"], "start": r["start"], "end": r["end"],
        "sentence": r["sentence"], "partial": r["partial"], "rule": r["rule"], "document": r["document"],
        "iri": r["quote"],
    } for r in _rows(store, "quotes", speaker=speaker, document=document, call=call)]


def figures(store: Store, entity: str | None = None, metric: str | None = None, document: str | None = None,
            call: str | None = None) -> list[dict]:
    return [{
        "text": r["text"], "value": r["value"], "min": r["min"], "max": r["max"], "unit": r["unit"],
        "metric": r["metricLabel"], "subject": r["subjectName"], "period": r["periodLabel"],
        "direction": r["direction"], "bound": r["bound"], "source": r["source"], "start": r["start"],
        "end": r["end"], "sentence": r["sentence"], "document": r["document"], "iri": r["figure"],
    } for r in _rows(store, "figures", entity=entity, metric=metric, document=document, call=call)]


def claims(store: Store, entity: str | None = None, speaker: str | None = None, document: str | None = None,
           call: str | None = None) -> list[dict]:
    return [{
        "text": r["text"], "claimant": r["claimantName"], "kind": r["kindLabel"],
        "about": sorted(filter(None, (r["about"] or "").split(SEPARATOR))), "source": r["source"],
        "start": r["start"], "end": r["end"], "sentence": r["sentence"], "document": r["document"], "iri": r["claim"],
    } for r in _rows(store, "claims", entity=entity, speaker=speaker, document=document, call=call)]


def calls(store: Store, call: str | None = None) -> list[dict]:
    return [{
        "name": r["name"], "company": r["company"], "period": r["period"], "date": r["date"],
        "documents": r["documents"], "participants": sorted(filter(None, (r["participants"] or "").split(SEPARATOR))),
        "iri": r["event"],
    } for r in _rows(store, "calls", call=call)]


def documents(store: Store) -> list[dict]:
    return _rows(store, "documents")


def stats(store: Store) -> dict[str, int]:
    counts = {r["what"]: r["count"] for r in _rows(store, "stats")}
    order = ["documents", "events", "people", "organizations", "AI models", "products", "quotes", "figures", "claims"]
    out = {k: counts.get(k, 0) for k in order}
    out["triples"] = len(store)
    return out
