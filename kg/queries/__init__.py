"""Named SPARQL queries shipped with kg (`NAME.rq` in this folder). Parameters are bound as values, never pasted
into the text; the comment lines that declare them, that start a query from what a parameter names, that place a
page, and that make a variant (`NAME@param.rq`) out of parts of its base query are described, each with an
example, in README.md here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rdflib import Literal, URIRef

from kg import resources
from kg.errors import NotFoundError, QueryError
from kg.rdf import keys
from kg.rdf.namespaces import PREFIXES
from kg.rdf.terms import iri_values, sparql_iri
from kg.store.base import QueryResult, Store
from kg.queries.window import window
from kg.store.remote import sparql_term

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*-\s*(.*)$")
_START = re.compile(r"^#\s*(entity|call|metric|period|document|call-document|words):\s*(\w+)\s+\?(\w+)\s*$")
_ROWS = re.compile(r"^#\s*rows:\s*(_[\w-]+)\s*$")
_WINDOW = re.compile(r"^#\s*window:\s*\?(\w+)\s+(\S+)\s*$", re.M)
_PART = re.compile(r"^\s*#\s*part:\s*([\w-]+)")
_END = re.compile(r"^\s*#\s*end:\s*([\w-]+)")
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
    window: tuple[str, str] | None = None  # (?document variable, its count property): `# window:` in README.md
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
        the entities, calls, metrics, periods or documents a parameter names (or the IRIs `named` gives for it,
        found by the caller); only the rows of `page` when one is given (the result's `more` tells whether rows
        follow it). An entity parameter names the closest entities that give rows (`entity_tiers`: "Jensen" is
        the person of that name if they said something, else Jensen Huang); the result's `chosen` gives, for a
        parameter that named several, their names and IRIs."""
        bindings = self.bindings(values)
        named = dict(named or {})
        given = {p for p, value in values.items() if value} | named.keys()
        fitting = [(len(params), variant) for params, variant in self.variants if given.issuperset(params)]
        chosen = max(fitting, key=lambda fit: fit[0])[1] if fitting else self
        tiers = {}
        for kind, param, _ in chosen.starts:
            if param in given and param not in named and kind != "words":
                if kind == "entity":
                    tiers[param] = _Tiers(entity_tiers(store, values[param]))
                else:
                    named[param] = _FINDERS[kind](store, values[param])
        if not given and self.window is not None and page is not None and page.limit is not None:
            variable, count = self.window
            counts = _starting_from(_read("_document-counts").text, "counted", [URIRef(count)])
            shown = window(store, counts, page.offset, page.limit + 1)
            text = _starting_from(chosen.text, variable, shown.documents)
            return _run_text(store, replace(chosen, text=text), {}, set(), bindings, Page(page.limit, shown.offset))
        while True:
            named |= {param: tier.current for param, tier in tiers.items()}
            result = _run_text(store, chosen, named, given, bindings, page)
            if (result.rows or not tiers or _has_rows(store, chosen, named, given, bindings, page)
                    or not any(tier.advance() for tier in tiers.values())):
                break
        result.chosen = {param: names_of(store, tier.current) for param, tier in tiers.items() if len(tier.current) > 1}
        return result


class _Tiers:
    """The entities a parameter names, closest first (`entity_tiers`): `current` is the one tried."""

    def __init__(self, tiers):
        self.tiers = iter(tiers)
        self.current: list[URIRef] = next(self.tiers, [])

    def advance(self) -> bool:
        """Move to the next tier; False when there is none."""
        following = next(self.tiers, None)
        if following is None:
            return False
        self.current = following
        return True


def _run_text(store: Store, chosen: NamedQuery, named: dict, given: set, bindings: dict, page: Page | None):
    text, found = chosen.text, set()
    for kind, param, variable in chosen.starts:
        if kind == "words" and param in given:  # the value itself (a sub-select is not reached by substitution)
            text = _starting_from(text, variable, [], written=[sparql_term(bindings[f"{param}_"])])
        elif param in given:
            found.add(param)
            text = _starting_from(text, variable, named[param], tested=bool(found - {param}))
    if page is None:
        return store.query(text, bindings)
    result = store.query(page.applied(text), bindings)
    if page.limit is not None and len(result.rows) > page.limit:
        result.rows, result.more = result.rows[:page.limit], True
    return result


def _has_rows(store: Store, chosen: NamedQuery, named: dict, given: set, bindings: dict, page: Page | None) -> bool:
    """Whether the query has rows before the page asked for (an empty page past the end is not a miss)."""
    return bool(page and page.offset and _run_text(store, chosen, named, given, bindings, Page(1)).rows)


def entity_tiers(store: Store, name: str):
    """The entities `name` names (case-insensitive), closest first: those one of whose names, aliases or tickers
    it is ("Apple": Apple, not Apple Watch); those with it as a word of one ("Li": Susan Li, not Lisa Su), both
    found by an index lookup (`kg:nameKey`, `kg:wordKey`); those whose names hold it (a scan, made only when the
    closer ones are not enough)."""
    keyed = _read("_entities-keyed")
    rows = store.query(keyed.text, keyed.bindings({"key": keys.key(name)})).rows
    exact = sorted({row[0] for row in rows if str(row[1]) == "name" and isinstance(row[0], URIRef)})
    words = sorted({row[0] for row in rows if isinstance(row[0], URIRef)} - set(exact))
    yield from filter(None, (exact, words))
    held = sorted(set(_iris_named(store, "_entities-named", name)) - set(exact) - set(words))
    if held:
        yield held


def entities_named(store: Store, name: str) -> list[URIRef]:
    """The closest entities `name` names (the first of `entity_tiers`)."""
    return next(entity_tiers(store, name), [])


def chosen_lines(chosen: dict[str, list[tuple[str, str]]], values: dict[str, str]) -> list[str]:
    """For each parameter that named several entities (a result's `chosen`), a line saying which."""
    return [f"{param} '{values[param]}': {len(found)} entities: {', '.join(name for name, _ in found)}"
            for param, found in chosen.items()]


def names_of(store: Store, iris: list[URIRef]) -> list[tuple[str, str]]:
    """(name, IRI) of each entity, by name."""
    rows = store.query(f"{prefixes()}SELECT ?entity ?name WHERE {{ {iri_values('entity', iris)} "
                       "OPTIONAL { ?entity schema:name ?name } }").rows
    return sorted((str(name or entity), str(entity)) for entity, name in rows)


def calls_named(store: Store, name: str) -> list[URIRef]:
    """The earnings calls whose name holds `name` (case-insensitive), e.g. "Meta Q4"."""
    return _iris_named(store, "_calls-named", name)


def periods_named(store: Store, name: str) -> list[URIRef]:
    """The periods whose label holds `name` (case-insensitive), e.g. "Q1 2025"."""
    return _iris_named(store, "_periods-named", name)


def metrics_named(store: Store, name: str) -> list[URIRef]:
    """The metrics whose label holds `name`, or one of whose other labels it is (case-insensitive)."""
    return _iris_named(store, "_metrics-named", name)


def documents_named(store: Store, name: str) -> list[URIRef]:
    """The documents whose source path or title holds `name` (case-insensitive), or whose IRI it is."""
    return _iris_named(store, "_documents-named", name)


def call_documents(store: Store, name: str) -> list[URIRef]:
    """The documents that record or report the calls whose name holds `name` (case-insensitive)."""
    return _iris_named(store, "_call-documents", name)


def _iris_named(store: Store, query_name: str, name: str) -> list[URIRef]:
    """The IRIs a library query (`_calls-named`, ...) finds for `name`, its parameter, in its first column."""
    query = _read(query_name)
    rows = store.query(query.text, query.bindings({"name": name})).rows
    return sorted({row[0] for row in rows if isinstance(row[0], URIRef)})


_FINDERS = {"entity": entities_named, "call": calls_named, "metric": metrics_named, "period": periods_named,
            "document": documents_named, "call-document": call_documents}


def _starting_from(text: str, variable: str, iris: list[URIRef], tested: bool = False,
                   written: list[str] | None = None) -> str:
    """The query with `VALUES ?variable { <iri> ... }` first in its WHERE clause, or after each comment
    `# start: ?variable` where the query has some (e.g. in an OPTIONAL that goes more than one step from the
    entity: bound to the few entities, Oxigraph evaluates it on their facts, not the whole store); when the query
    already starts from another parameter (`tested`), with `FILTER(?variable IN (<iri>, ...))` after each comment
    `# among: ?variable` where it has some. The IRIs come from the store; one that could break out of the block is
    refused (`kg.rdf.terms.sparql_iri`). `written` gives the terms already in SPARQL syntax instead (a parameter's
    own value, written by `kg.store.remote.sparql_term`)."""
    written = written or [sparql_iri(iri) for iri in iris] or [f"<{NOTHING}>"]  # rdflib fails on an empty VALUES block
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


_POSITION = (re.compile(r"error at (?P<line>\d+):(?P<col>\d+): (?P<reason>.*)", re.S),  # Oxigraph
             re.compile(r": (?P<reason>[^:]*?)\s*\(at char \d+\), \(line:(?P<line>\d+), col:(?P<col>\d+)\)", re.S))  # rdflib
_CHARACTER_CLASS = re.compile(r",?\s*\[[^\]]*\]")


def run_sparql(store: Store, sparql: str) -> QueryResult:
    """Run a user's SPARQL text with kg's prefixes added (`with_prefixes`); a syntax error says where it is in
    the user's own text, in one line."""
    text = with_prefixes(sparql)
    try:
        return store.query(text)
    except QueryError as error:
        hidden = text[:len(text) - len(sparql)].count("\n")
        raise _located(error, hidden) from error


def _located(error: QueryError, hidden: int) -> QueryError:
    """The error with its position counted in the user's text (`hidden` lines of prefixes before it) and what was
    expected without character classes."""
    message = error.message
    for pattern in _POSITION:
        found = pattern.search(message)
        if found:
            line, column, reason = found.group("line", "col", "reason")
            reason = " ".join(_CHARACTER_CLASS.sub("", reason).split()).rstrip(":, ") or "unexpected text"
            where = f"line {max(int(line) - hidden, 1)}, column {column}"
            return QueryError(f"the SPARQL query is not valid at {where}: {reason}")
    return error


def names() -> list[str]:
    return sorted(p.stem for p in resources.queries_dir().glob("*.rq") if not p.stem.startswith("_") and "@" not in p.stem)


def load(name: str) -> NamedQuery:
    if name not in names():
        raise NotFoundError(f"no named query '{name}'; the named queries are: {', '.join(names())} "
                            "(`kg query --list` shows their parameters)")
    return _read(name)


def _header(body: str) -> tuple[list[str], dict[str, str], list[tuple[str, str, str]], str]:
    """A query file's leading comments: its description, parameters and starts; and the text after them."""
    lines = body.splitlines(keepends=True)
    description, params, starts = [], {}, []
    for number, line in enumerate(lines):
        if not line.startswith("#") or _PART.match(line):
            return description, params, starts, "".join(lines[number:])
        m, e = _PARAM.match(line), _START.match(line)
        if _WINDOW.match(line) or _ROWS.match(line):
            continue
        if m:
            params[m.group(1)] = m.group(2).strip()
        elif e:
            starts.append((e.group(1), e.group(2), e.group(3)))
        else:
            description.append(line.lstrip("# ").strip())
    return description, params, starts, ""


def _parts(text: str) -> dict[str, list[str]]:
    """The lines of each part of a query: those between `# part: NAME` and `# end: NAME`."""
    parts: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines(keepends=True):
        if _END.match(line):
            current = None
        elif current is not None:
            parts[current].append(line)
        elif _PART.match(line):
            current = _PART.match(line).group(1)
            parts[current] = []
    return parts


def _with_parts(base: str, parts: dict[str, list[str]], name: str) -> str:
    """The base query's text with each of its parts named in `parts` replaced by theirs."""
    unknown = sorted(set(parts) - set(_parts(base)))
    if unknown:
        raise QueryError(f"variant '{name}' replaces part '{unknown[0]}', which its base query does not mark")
    out, current = [], None
    for line in base.splitlines(keepends=True):
        if current is not None and _END.match(line):
            current = None
        if current is None:
            out.append(line)
        if _PART.match(line) and _PART.match(line).group(1) in parts:
            current = _PART.match(line).group(1)
            out += parts[current]
    return "".join(out)


def _expanded(term: str) -> str:
    """'kg:quoteCount' -> its IRI, by kg's prefixes."""
    prefix, _, local = term.partition(":")
    if prefix not in PREFIXES:
        raise QueryError(f"unknown prefix '{prefix}:' in '{term}' (kg's prefixes: {', '.join(PREFIXES)})")
    return str(PREFIXES[prefix]) + local


def _file(name: str) -> str:
    return (resources.queries_dir() / f"{name}.rq").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _read(name: str) -> NamedQuery:
    """A query file of the package, named ones and the library's own (`_entities-named`) alike, with its
    variants (`NAME@p.rq`)."""
    body = _file(name)
    description, params, starts, _ = _header(body)
    rows_from = next((m.group(1) for line in body.splitlines() if (m := _ROWS.match(line))), None)
    if rows_from:  # computed by kg.analysis from the rows of a library query
        source = _read(rows_from)
        return NamedQuery(name, " ".join(description), params, source.text, source.starts, source.variants,
                          computed=True)
    text = prefixes() + body
    variants = tuple((tuple(path.stem.split("@")[1:]), _variant(path.stem, text, params, tuple(starts)))
                     for path in sorted(resources.queries_dir().glob(f"{name}@*.rq")))
    windowed = _WINDOW.search(body)
    count = windowed and _expanded(windowed.group(2))
    return NamedQuery(name, " ".join(description), params, text, tuple(starts), variants,
                      (windowed.group(1), count) if windowed else None)


def _variant(name: str, base: str, params: dict[str, str], starts: tuple) -> NamedQuery:
    """A variant: its base query's text with the parts it gives replaced (or, when it gives none, a text of its
    own), started from what its own comments say, then from what the base's say."""
    body = _file(name)
    description, _, own, rest = _header(body)
    parts = _parts(rest)
    text = _with_parts(base, parts, name) if parts else prefixes() + body
    return NamedQuery(name, " ".join(description), params, text, tuple(own) + starts)
