"""kg's prefixes in every query that does not declare them, as `kg query` has them: `schema:`, `kg:` and the
rest of `kg/queries/_prefixes.rq`. A query's own declarations win; the ones it lacks go before it on its first
line, so the server's error positions keep their line numbers (and Oxigraph's their column, `error_positions`)."""
from __future__ import annotations

import re
from functools import lru_cache

from kg import queries

_DECLARATION = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_OXIGRAPH_POSITION = re.compile(r"\berror at 1:(\d+)")


@lru_cache(maxsize=1)
def kg_prefixes() -> tuple[tuple[str, str], ...]:
    """(name, IRI) of each of kg's prefixes, in the order of its prefix file."""
    return tuple((m.group(1) or "", m.group(2)) for m in _DECLARATION.finditer(queries.prefixes()))


def with_kg_prefixes(query: str) -> tuple[str, int]:
    """The query with the kg prefixes it does not declare put before it, and how many characters that put there."""
    declared = {m.group(1) or "" for m in _DECLARATION.finditer(query)}
    added = "".join(f"PREFIX {name}: <{iri}> " for name, iri in kg_prefixes() if name not in declared)
    return added + query, len(added)


def error_positions(message: str, shift: int) -> str:
    """Oxigraph's "error at 1:COLUMN" of the query as sent, counted in the query as written."""
    return _OXIGRAPH_POSITION.sub(lambda m: f"error at 1:{max(1, int(m.group(1)) - shift)}", message)
