"""Named SPARQL queries shipped with kg. Parameters are bound as values, never pasted into the text.

Each `NAME.rq` starts with comment lines: a description, then `# param: NAME - description` for each
parameter; in the query a parameter `p` is the variable `?p_`, and an unset parameter is bound to "".
Parameter variables are projected by the SELECT (SPARQL's substitution of values, SEP-0007, needs that).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal

from kg import resources
from kg.errors import NotFoundError, QueryError

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*-\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str  # with prefixes

    def bindings(self, values: dict[str, str]) -> dict[str, Literal]:
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise QueryError(f"query '{self.name}' has no parameter '{unknown[0]}' (its parameters: {known})")
        return {f"{p}_": Literal(values.get(p) or "") for p in self.params}


@lru_cache(maxsize=None)
def prefixes() -> str:
    return (resources.queries_dir() / "_prefixes.rq").read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in resources.queries_dir().glob("*.rq") if not p.stem.startswith("_"))


@lru_cache(maxsize=None)
def load(name: str) -> NamedQuery:
    path = resources.queries_dir() / f"{name}.rq"
    if name.startswith("_") or not path.is_file():
        raise NotFoundError(f"no named query '{name}'; `kg query --list` shows the {len(names())} there are")
    body = path.read_text(encoding="utf-8")
    description, params = [], {}
    for line in body.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params[m.group(1)] = m.group(2).strip()
        else:
            description.append(line.lstrip("# ").strip())
    return NamedQuery(name, " ".join(description), params, prefixes() + body)
