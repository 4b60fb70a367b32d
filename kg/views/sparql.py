"""The views' SPARQL (`kg/views/queries/view-*.rq`), run with values bound and IRIs given, never pasted text.

A query reads what a view draws for some nodes already chosen: their IRIs go into a `VALUES` block through the
named-query machinery (`kg.queries.NamedQuery`: first in the WHERE clause, or after each `# start: ?var`
comment, or as a `FILTER(?var IN (...))` after `# among: ?var` for a second list), so a store looks up their
facts alone. A page (`kg.queries.Page`) bounds the rows read.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from kg.queries import NamedQuery, Page, prefixes
from kg.store import Store

QUERIES = Path(__file__).parent / "queries"


class Rows(list):
    """A query's rows (dicts of rdflib terms); `more` is true when they are a page and more rows follow it."""

    def __init__(self, rows=(), more: bool = False):
        super().__init__(rows)
        self.more = more


def rows(store: Store, name: str, page: Page | None = None, values: dict[str, str] | None = None,
         **iris: list[URIRef]) -> Rows:
    """The rows of `view-NAME.rq`, each list of `iris` in a `VALUES` block for the variable of that name (one IRI
    binds it; a second list goes where the query says `# among:`), `values` bound to the parameters (`?name_`); at
    most the rows of `page`."""
    query = _query(name, tuple(iris), tuple(values or ()))
    result = query.run(store, values or {}, page, named={variable: list(found) for variable, found in iris.items()})
    return Rows(result.dicts(), result.more)


@lru_cache(maxsize=None)
def _query(name: str, variables: tuple[str, ...], params: tuple[str, ...]) -> NamedQuery:
    text = prefixes() + (QUERIES / f"view-{name}.rq").read_text(encoding="utf-8")
    return NamedQuery(f"view-{name}", "", dict.fromkeys(params, ""), text,
                      tuple(("entity", variable, variable) for variable in variables))
