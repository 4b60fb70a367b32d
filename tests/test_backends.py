"""One suite for every store backend: rdflib in memory, Oxigraph on disk, and real SPARQL servers (the Oxigraph
server and Virtuoso, started by the fixtures in conftest.py on loopback ports).

Each backend ingests the bundled samples once; the listings and the named queries must then give the same
results as on the in-memory store, and removing, re-ingesting and hostile parameters must behave the same.
"""
from __future__ import annotations

import functools
import json

import pytest

from kg import listings, queries, resources
from kg.errors import QueryError
from kg.ingest import ingest
from kg.store import open_store
from kg.store.memory import MemoryStore
from kg.store.base import Store, chunks

BACKENDS = ["memory", "oxigraph", "oxigraph-server", "virtuoso"]
SAMPLES = sorted(str(p) for p in resources.samples_dir().iterdir())
HOSTILE = ['"} ; DROP ALL ; {"', "'} ; CLEAR ALL ; {'", "\\u0022} ; DROP ALL ; {\\u0022", "<http://example.org/a b>",
           'x\\"\n""" ; DROP ALL', "\u0000", "é\u2028\U0001F600"]  # tests/test_queries.py tries more, on a small graph
LISTINGS = [
    ("entities", {}), ("quotes", {}), ("figures", {}), ("claims", {}), ("documents", {}), ("stats", {}),
    ("quotes", {"speaker": "Varga"}), ("figures", {"entity": "Meta", "metric": "revenue"}),
    ("claims", {"entity": "Meta"}), ("entities", {"type": "Person"}),
    # the variants that start from what a parameter names (kg/queries/NAME@param.rq)
    ("figures", {"entity": "Meta"}), ("claims", {"speaker": "Zuckerberg"}), ("claims", {"entity": "Meta", "speaker": "Li"}),
    ("calls", {"call": "Meta"}), ("entities", {"name": "META"}),
]


def open_backend(kind: str, request, folder) -> Store:
    if kind == "memory":
        return MemoryStore()
    if kind == "oxigraph":
        return open_store(f"oxigraph:{folder / 'store'}")
    if kind == "oxigraph-server":
        return open_store(f"sparql:{request.getfixturevalue('oxigraph_server_url')}")
    return open_store(f"virtuoso:{request.getfixturevalue('virtuoso_url')}")


def clear(store: Store) -> None:
    for name in store.graph_names():
        store.remove_graph(name)


def canonical(rows) -> list[str]:
    """Rows as sorted JSON strings: engines may order ties differently."""
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


def listing(store: Store, what: str, filters: dict) -> list[str]:
    result = getattr(listings, what)(store, **filters)
    return canonical(result if isinstance(result, list) else [result])


def plain(value):
    """A term as JSON; GROUP_CONCAT lists (claims' `about`) sorted, since their order is up to the engine."""
    value = listings.plain(value)
    if isinstance(value, str) and listings.SEPARATOR in value:
        return sorted(filter(None, value.split(listings.SEPARATOR)))
    return value


def named(store: Store, name: str, values: dict | None = None) -> list[str]:
    query = queries.load(name)
    result = store.query(query.text, query.bindings(values or {}))
    return canonical({k: plain(v) for k, v in row.items()} for row in result.dicts())


def ran(store: Store, name: str, values: dict) -> list[str]:
    result = queries.load(name).run(store, values)
    return canonical({k: plain(v) for k, v in row.items()} for row in result.dicts())


class Reference:
    """The samples in the in-memory store, with each listing and query result computed once."""

    def __init__(self):
        self.store = MemoryStore()
        ingest(self.store, SAMPLES)
        self.listing = functools.cache(lambda what, filters: listing(self.store, what, dict(filters)))
        self.named = functools.cache(lambda name: named(self.store, name))
        self.run = functools.cache(lambda name, values: ran(self.store, name, dict(values)))


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference()


@pytest.fixture(scope="module", params=BACKENDS)
def ingested(request, tmp_path_factory) -> Store:
    store = open_backend(request.param, request, tmp_path_factory.mktemp(request.param))
    clear(store)
    report = ingest(store, SAMPLES)
    assert not report.failed
    yield store
    clear(store)
    store.close()


@pytest.mark.parametrize(("what", "filters"), LISTINGS, ids=[f"{w}-{'-'.join(f.values())}" for w, f in LISTINGS])
def test_listings_match_the_reference(ingested, reference, what, filters):
    expected = reference.listing(what, tuple(filters.items()))
    assert expected
    assert listing(ingested, what, filters) == expected


@pytest.mark.parametrize("name", queries.names())
def test_named_queries_match_the_reference(ingested, reference, name):
    assert named(ingested, name) == reference.named(name)


# named queries run as the CLI runs them: the variant for the parameters given, from what they name
RUNS = [("co-mentions", {"entity": "Meta"}), ("guidance", {"period": "2025"}), ("guidance", {"entity": "Meta", "period": "2025"}),
        ("guidance", {"entity": "Halcyon"}), ("figures-by-company-metric", {"company": "Meta", "metric": "revenue"})]


@pytest.mark.parametrize(("name", "values"), RUNS, ids=[f"{n}-{'-'.join(v.values())}" for n, v in RUNS])
def test_named_query_runs_match_the_reference(ingested, reference, name, values):
    expected = reference.run(name, tuple(values.items()))
    assert expected
    assert ran(ingested, name, values) == expected


# pages, compared in order: documents and co-mentions@entity take theirs in a sub-select (`# page:`)
PAGES = [("documents", {}, queries.Page(2, 1)), ("co-mentions", {"entity": "Meta"}, queries.Page(3, 2)),
         ("quotes", {}, queries.Page(4, 4))]


@pytest.mark.parametrize(("name", "values", "page"), PAGES, ids=[n for n, _, _ in PAGES])
def test_pages_match_the_reference(ingested, reference, name, values, page):
    def rows(store):
        result = queries.load(name).run(store, values, page)
        return [[plain(value) for value in row] for row in result.rows], result.more
    expected = rows(reference.store)
    assert len(expected[0]) == page.limit and expected[1]
    assert rows(ingested) == expected


def test_graph_names_and_size_match(ingested, reference):
    assert ingested.graph_names() == reference.store.graph_names()
    assert len(ingested) == len(reference.store)


def test_removing_a_document_and_ingesting_it_again(ingested):
    before = listings.stats(ingested)
    removed = next(d for d in listings.documents(ingested) if d["source"].endswith("orbital-labs-comet.txt"))
    graph = f"https://w3id.org/kg/id/graph/doc/{removed['hash'][:16]}"
    assert ingested.remove_graph(graph)
    assert not ingested.has_graph(graph)
    assert not ingested.remove_graph(graph)
    assert removed["source"] not in [d["source"] for d in listings.documents(ingested)]
    assert listings.stats(ingested)["documents"] == before["documents"] - 1
    assert [o.status for o in ingest(ingested, [removed["source"]]).outcomes] == ["added"]
    assert listings.stats(ingested) == before


def test_ingesting_again_changes_nothing(ingested):
    size, names = len(ingested), ingested.graph_names()
    report = ingest(ingested, SAMPLES)
    assert {o.status for o in report.outcomes} == {"unchanged"}
    assert (len(ingested), ingested.graph_names()) == (size, names)


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in queries.names() if queries.load(n).params])
def test_hostile_parameters_change_nothing(ingested, name):
    size, names = len(ingested), ingested.graph_names()
    query = queries.load(name)
    for value in HOSTILE:
        try:
            ingested.query(query.text, query.bindings(dict.fromkeys(query.params, value)))
        except QueryError:
            pass  # a clear refusal is fine; anything else fails the test
    assert (len(ingested), ingested.graph_names()) == (size, names)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_listing_filters_find_nothing(ingested, value):
    try:
        found = listings.quotes(ingested, speaker=value) + listings.figures(ingested, entity=value, metric=value)
    except QueryError:
        found = []  # refused clearly (a NUL character on a server)
    assert found == []


@pytest.mark.parametrize("parts, size, pieces", [
    ([b"a\nbb\n", b"ccc\n"], 100, [b"a\nbb\nccc\n"]),  # small documents packed into one bulk load
    ([b"a\nbb\nccc\n", b"dddd\n"], 4, [b"a\nbb\n", b"ccc\n", b"dddd\n"]),  # cut at the first line end past the size
    ([b"x" * 10 + b"\n", b"", b"y\n"], 4, [b"x" * 10 + b"\n", b"y\n"]),  # a line longer than a piece stays whole
])
def test_nquads_are_loaded_in_pieces_of_whole_lines(parts, size, pieces):
    assert list(chunks([memoryview(p) for p in parts], size)) == pieces
