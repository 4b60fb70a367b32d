"""Named SPARQL queries shipped with kg. Parameters are bound as values, never pasted into the text.

Each `NAME.rq` starts with comment lines: a description, then `# param: NAME - description` for each
parameter; in the query a parameter `p` is the variable `?p_`, and an unset parameter is bound to "".
Parameter variables are projected by the SELECT (SPARQL's substitution of values, SEP-0007, needs that).

A line `# entity: p ?var` (one per variable) marks a parameter naming an entity: `NamedQuery.run` first finds the
entities it names (`entities_named`: a name, alias or ticker that is the value, else one with the value as a word,
by index lookups; else any that holds it, by a scan; over the entities and gazetteer graphs, where each entity is
stated once), and starts the query from them (`VALUES ?var { ... }`), so a store answers from the few
facts about them instead of testing every fact's entity by name (Oxigraph joins a filtered scan by hashing
the whole other side). The query text does not test the entity's name again. A line `# call: p ?var` does the
same for a parameter naming earnings calls (`calls_named`: the calls whose name holds the value), `# metric:`
for one naming metrics (`metrics_named`: a metric whose label holds the value or whose other label it is) and
`# period:` for one naming periods (`periods_named`: the periods whose label holds the value).
Where the query has comments `# start: ?var`, the `VALUES` go after each of them instead (an optional part that
starts from the entities again). When an earlier line's parameter is given too and the query has a comment
`# among: ?var`, a `FILTER(?var IN (...))` goes there instead: the query starts from the earlier parameter and
only tests this one (a metric such as revenue is stated by every company: starting from it, a company's revenue
would be found among the whole corpus's revenue figures).

A page (`Page`: at most `limit` rows after the first `offset`) is asked for with `LIMIT ... OFFSET ...` at the
end of the text, or before the comment `# page:` where the query has one: a sub-select that orders the rows by the
same keys as the whole query and reads only what the order needs, so that the other columns are looked up for the
page's rows alone (all 3,143 documents of a corpus are sorted by path; only a page of them is read whole).

A query whose file has a line `# rows: _NAME` and no text of its own is computed (`NamedQuery.computed`): its rows
are made by `kg.analysis` from those of the library query `_NAME`, which it runs with the same parameters
(guidance paired with results, figures of several documents compared).

`NAME@p.rq` (or `NAME@p@q.rq`) is the text of `NAME` run when the parameter `p` (and `q`) is given, the one for
the most parameters when several fit (same parameters and columns): a shape a store answers quickly when they
narrow the facts, e.g. from the speaker's quotations instead of every quotation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal, URIRef

from kg import resources
from kg.errors import NotFoundError, QueryError
from kg.rdf import keys
from kg.store.base import QueryResult, Store

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*-\s*(.*)$")
_ROWS = re.compile(r"^#\s*rows:\s*(_[\w-]+)\s*$")
_START = re.compile(r"^#\s*(entity|call|metric|period):\s*(\w+)\s+\?(\w+)\s*$")
NOTHING = "https://w3id.org/kg/ontology#NoEntity"
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_PAGE = re.compile(r"(#\s*page:.*)$", re.M)
PAGE_SIZE = 100  # rows a table shows unless asked for more (the CLI's --limit)


@dataclass(frozen=True)
class Page:
    """At most `limit` rows (all when None), after the first `offset`."""

    limit: int | None = PAGE_SIZE
    offset: int = 0

    def __post_init__(self):
        if (self.limit is not None and self.limit < 1) or self.offset < 0:
            raise QueryError(f"a page needs a limit of at least 1 and an offset of at least 0, not {self.limit} and "
                             f"{self.offset}")

    def applied(self, text: str) -> str:
        """The query asking for this page and one row more (which tells whether more rows follow)."""
        if self.limit is None and not self.offset:
            return text
        clause = (f"LIMIT {self.limit + 1} " if self.limit is not None else "") + f"OFFSET {self.offset}"
        paged, marked = _PAGE.subn(lambda m: f"{clause}  {m.group(1)}", text)
        return paged if marked else f"{text}\n{clause}"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str  # with prefixes
    starts: tuple[tuple[str, str, str], ...] = ()  # (entity, call or metric; parameter; a variable bound to what it names)
    variants: tuple[tuple[tuple[str, ...], NamedQuery], ...] = ()  # (parameters, the text to run when they are given)
    computed: bool = False  # its rows are made by kg.analysis from those this text gives (`# rows:`)

    def bindings(self, values: dict[str, str]) -> dict[str, Literal]:
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise QueryError(f"query '{self.name}' has no parameter '{unknown[0]}' (its parameters: {known})")
        return {f"{p}_": Literal(values.get(p) or "") for p in self.params}

    def run(self, store: Store, values: dict[str, str], page: Page | None = None,
            named: dict[str, list[URIRef]] | None = None) -> QueryResult:
        """Run with the parameters bound (the variant for the most of the given parameters, if any), starting from
        the entities, calls or metrics a parameter names (or the IRIs `named` gives for it, found by the caller);
        only the rows of `page` when one is given (the result's `more` tells whether rows follow it)."""
        bindings = self.bindings(values)
        named = dict(named or {})
        given = {p for p, value in values.items() if value} | named.keys()
        fitting = [(len(params), variant) for params, variant in self.variants if given.issuperset(params)]
        chosen = max(fitting, key=lambda fit: fit[0])[1] if fitting else self
        text, found = chosen.text, set()
        for kind, param, variable in chosen.starts:
            if param in given:
                if param not in named:
                    named[param] = _FINDERS[kind](store, values[param])
                found.add(param)
                text = _starting_from(text, variable, named[param], tested=bool(found - {param}))
        if page is None:
            return store.query(text, bindings)
        result = store.query(page.applied(text), bindings)
        if page.limit is not None and len(result.rows) > page.limit:
            result.rows, result.more = result.rows[:page.limit], True
        return result


def entities_named(store: Store, name: str) -> list[URIRef]:
    """The entities named `name` (case-insensitive): those one of whose names, aliases or tickers it is ("Apple":
    Apple, not Apple Watch); else those with it as a word of one ("Li": Susan Li, not Lisa Su), both found by an
    index lookup (`kg:nameKey`, `kg:wordKey`); else those whose names hold it (a scan)."""
    keyed = _read("_entities-keyed")
    rows = store.query(keyed.text, keyed.bindings({"key": keys.key(name)})).rows
    exact = [row[0] for row in rows if str(row[1]) == "name"]
    if exact or rows:
        return sorted({iri for iri in exact or [row[0] for row in rows] if isinstance(iri, URIRef)})
    return _iris_named(store, "_entities-named", name)


def calls_named(store: Store, name: str) -> list[URIRef]:
    """The earnings calls whose name holds `name` (case-insensitive), e.g. "Meta Q4"."""
    return _iris_named(store, "_calls-named", name)


def periods_named(store: Store, name: str) -> list[URIRef]:
    """The periods whose label holds `name` (case-insensitive), e.g. "Q1 2025"."""
    return _iris_named(store, "_periods-named", name)


def metrics_named(store: Store, name: str) -> list[URIRef]:
    """The metrics whose label holds `name`, or one of whose other labels it is (case-insensitive)."""
    return _iris_named(store, "_metrics-named", name)


def _iris_named(store: Store, query_name: str, name: str) -> list[URIRef]:
    """The IRIs a library query (`_calls-named`, ...) finds for `name`, its parameter, in its first column."""
    query = _read(query_name)
    rows = store.query(query.text, query.bindings({"name": name})).rows
    return sorted({row[0] for row in rows if isinstance(row[0], URIRef)})


_FINDERS = {"entity": entities_named, "call": calls_named, "metric": metrics_named, "period": periods_named}


def _starting_from(text: str, variable: str, iris: list[URIRef], tested: bool = False) -> str:
    """The query with `VALUES ?variable { <iri> ... }` first in its WHERE clause, or after each comment
    `# start: ?variable` where the query has some (e.g. in an OPTIONAL that goes more than one step from the
    entity: bound to the few entities, Oxigraph evaluates it on their facts, not the whole store); when the query
    already starts from another parameter (`tested`), with `FILTER(?variable IN (<iri>, ...))` after each comment
    `# among: ?variable` where it has some. The IRIs come from the store and are written by rdflib; one that
    could break out of the block is refused."""
    written = [] if iris else [f"<{NOTHING}>"]  # rdflib fails on an empty VALUES block; no fact names this IRI
    for iri in iris:
        if any(c in str(iri) for c in '<>"{}|^`\\ \n'):
            raise QueryError(f"entity IRI {str(iri)!r} cannot be written into a query")
        written.append(iri.n3())
    among = re.compile(rf"(#\s*among:\s*\?{variable}\b.*$)", re.M)
    if tested and among.search(text):
        return among.sub(lambda m: f"{m.group(1)}\n  FILTER(?{variable} IN ({', '.join(written)}))", text)
    values = f"VALUES ?{variable} {{ {' '.join(written)} }}"
    marked = re.compile(rf"(#\s*start:\s*\?{variable}\b.*$)", re.M)
    if marked.search(text):
        return marked.sub(lambda m: f"{m.group(1)}\n  {values}", text)
    where = _WHERE.search(text)
    return f"{text[:where.end()]}\n  {values}{text[where.end():]}"


@lru_cache(maxsize=None)
def prefixes() -> str:
    return (resources.queries_dir() / "_prefixes.rq").read_text(encoding="utf-8")


def with_prefixes(sparql: str) -> str:
    """A user's query with kg's prefixes (schema:, kg:, ent:, ...) before it, unless it declares its own."""
    return sparql if "PREFIX" in sparql.upper() else prefixes() + sparql


def names() -> list[str]:
    return sorted(p.stem for p in resources.queries_dir().glob("*.rq") if not p.stem.startswith("_") and "@" not in p.stem)


def load(name: str) -> NamedQuery:
    if name not in names():
        raise NotFoundError(f"no named query '{name}'; `kg query --list` shows the {len(names())} there are")
    return _read(name)


@lru_cache(maxsize=None)
def _read(name: str) -> NamedQuery:
    """A query file of the package, named ones and the library's own (`_entities-named`) alike."""
    body = (resources.queries_dir() / f"{name}.rq").read_text(encoding="utf-8")
    description, params, starts, rows_from = [], {}, [], None
    for line in body.splitlines():
        if not line.startswith("#"):
            break
        m, e, r = _PARAM.match(line), _START.match(line), _ROWS.match(line)
        if m:
            params[m.group(1)] = m.group(2).strip()
        elif e:
            starts.append((e.group(1), e.group(2), e.group(3)))
        elif r:
            rows_from = r.group(1)
        else:
            description.append(line.lstrip("# ").strip())
    if rows_from:
        source = _read(rows_from)
        return NamedQuery(name, " ".join(description), params, source.text, source.starts, source.variants, True)
    variants = tuple((tuple(path.stem.split("@")[1:]), _read(path.stem))
                     for path in sorted(resources.queries_dir().glob(f"{name}@*.rq"))) if "@" not in name else ()
    return NamedQuery(name, " ".join(description), params, prefixes() + body, tuple(starts), variants)
