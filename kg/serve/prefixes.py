"""kg's prefixes in the queries sent to the endpoint, as `kg query` adds them (`kg.queries.with_prefixes`: to a
query that declares none), and the server's error positions counted in the query as written."""
from __future__ import annotations

import re
from functools import lru_cache

from kg import queries

_DECLARATION = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_OXIGRAPH_POSITION = re.compile(r"\berror at (\d+):(\d+)")


@lru_cache(maxsize=1)
def kg_prefixes() -> tuple[tuple[str, str], ...]:
    """(name, IRI) of each of kg's prefixes, in the order of its prefix file, for the page to show."""
    return tuple((m.group(1) or "", m.group(2)) for m in _DECLARATION.finditer(queries.prefixes()))


def with_kg_prefixes(query: str) -> tuple[str, int]:
    """The query as sent, with kg's prefixes if it declares none, and how many lines went before it."""
    sent = queries.with_prefixes(query)
    return sent, sent[:len(sent) - len(query)].count("\n")


def error_positions(message: str, lines_added: int) -> str:
    """Oxigraph's "error at LINE:COLUMN" of the query as sent, counted in the query as written."""
    return _OXIGRAPH_POSITION.sub(lambda m: f"error at {max(1, int(m.group(1)) - lines_added)}:{m.group(2)}",
                                  message)
