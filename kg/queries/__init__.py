"""Named SPARQL queries shipped with kg. Parameters are bound as values, never pasted into the text.

Each `NAME.rq` starts with comment lines: a description, then `# param: NAME - description` for each
parameter; in the query a parameter `p` is the variable `?p_`, and an unset parameter is bound to "".
Parameter variables are projected by the SELECT (SPARQL's substitution of values, SEP-0007, needs that).

A line `# entity: p ?var` marks a parameter naming an entity: `NamedQuery.run` first finds the entities whose
name, alias or ticker holds the value (`_entities-named.rq`, over the entities and gazetteer graphs, where each
entity is stated once) and starts the query from them (`VALUES ?var { ... }`), so a store answers from the few
facts about them instead of testing every fact's entity by name (Oxigraph joins a filtered scan by hashing
the whole other side). The query's own filter on the parameter stays, so the text is right on its own too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef

from kg import resources
from kg.errors import NotFoundError, QueryError
from kg.store.base import QueryResult, Store

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*-\s*(.*)$")
_ENTITY = re.compile(r"^#\s*entity:\s*(\w+)\s+\?(\w+)\s*$")
NOTHING = "https://w3id.org/kg/ontology#NoEntity"
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str  # with prefixes
    entities: dict[str, str] = field(default_factory=dict)  # parameter -> variable its entities are bound to

    def bindings(self, values: dict[str, str]) -> dict[str, Literal]:
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise QueryError(f"query '{self.name}' has no parameter '{unknown[0]}' (its parameters: {known})")
        return {f"{p}_": Literal(values.get(p) or "") for p in self.params}

    def run(self, store: Store, values: dict[str, str]) -> QueryResult:
        """Run with the parameters bound, starting from the entities an entity parameter names."""
        bindings, text = self.bindings(values), self.text
        for param, variable in self.entities.items():
            if values.get(param):
                text = _starting_from(text, variable, entities_named(store, values[param]))
        return store.query(text, bindings)


def entities_named(store: Store, name: str) -> list[URIRef]:
    """The entities whose name, alias or ticker holds `name` (case-insensitive)."""
    query = _read("_entities-named")
    rows = store.query(query.text, query.bindings({"name": name})).rows
    return sorted({row[0] for row in rows if isinstance(row[0], URIRef)})


def _starting_from(text: str, variable: str, iris: list[URIRef]) -> str:
    """The query with `VALUES ?variable { <iri> ... }` first in its WHERE clause. The IRIs come from the store
    and are written by rdflib; one that could break out of the block is refused."""
    written = [] if iris else [f"<{NOTHING}>"]  # rdflib fails on an empty VALUES block; no fact names this IRI
    for iri in iris:
        if any(c in str(iri) for c in '<>"{}|^`\\ \n'):
            raise QueryError(f"entity IRI {str(iri)!r} cannot be written into a query")
        written.append(iri.n3())
    where = _WHERE.search(text)
    return f"{text[:where.end()]}\n  VALUES ?{variable} {{ {' '.join(written)} }}{text[where.end():]}"


@lru_cache(maxsize=None)
def prefixes() -> str:
    return (resources.queries_dir() / "_prefixes.rq").read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in resources.queries_dir().glob("*.rq") if not p.stem.startswith("_"))


def load(name: str) -> NamedQuery:
    if name.startswith("_") or not (resources.queries_dir() / f"{name}.rq").is_file():
        raise NotFoundError(f"no named query '{name}'; `kg query --list` shows the {len(names())} there are")
    return _read(name)


@lru_cache(maxsize=None)
def _read(name: str) -> NamedQuery:
    """A query file of the package, named ones and the library's own (`_entities-named`) alike."""
    body = (resources.queries_dir() / f"{name}.rq").read_text(encoding="utf-8")
    description, params, entities = [], {}, {}
    for line in body.splitlines():
        if not line.startswith("#"):
            break
        m, e = _PARAM.match(line), _ENTITY.match(line)
        if m:
            params[m.group(1)] = m.group(2).strip()
        elif e:
            entities[e.group(1)] = e.group(2)
        else:
            description.append(line.lstrip("# ").strip())
    return NamedQuery(name, " ".join(description), params, prefixes() + body, entities)
