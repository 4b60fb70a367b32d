"""Rows that SPARQL alone does not give: the computed named queries (`# rows:` in kg/queries), made from the rows
of the library query they name. `run` is called by `kg.api.run_query`, as a named query's `run` is."""
from __future__ import annotations

from kg.analysis import agreement, guidance
from kg.analysis.figures import read
from kg.queries import NamedQuery, Page
from kg.store.base import QueryResult, Store

COMPUTED = {"guidance-vs-actual": guidance.pairs, "agreement": agreement.pairs}


def run(query: NamedQuery, store: Store, values: dict[str, str], page: Page | None = None) -> QueryResult:
    """The computed query's rows (only those of `page`, when given) from its library query's, which is run with
    the same parameters and reads only the figures they name."""
    result = COMPUTED[query.name](read(store, query.run(store, values).dicts()))
    if page is not None:
        end = None if page.limit is None else page.offset + page.limit
        result.more = end is not None and len(result.rows) > end
        result.rows = result.rows[page.offset:end]
    return result
