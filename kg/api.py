"""The operations behind each CLI command, as plain functions over a store spec (see `kg.store.open_store`)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import rdflib

from kg import listings, resources
from kg.errors import ConfigError, NotFoundError, QueryError
from kg.ingest import IngestReport, Progress, extract_to_folder, ingest, load_folder, rebuild_entities_graph
from kg.iris import document_graph_iri
from kg.queries import Page, with_prefixes
from kg.queries import load as load_query
from kg.rdf.namespaces import bind_prefixes
from kg.store import QueryResult, open_store
from kg.validate import Validation, instance_data, load_file, validate

EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def ingest_paths(store_spec: str | None, paths: Iterable[str], *, force: bool = False, max_bytes: int,
                 jobs: int = 1, stdin: Callable[[], bytes] | None = None,
                 progress: Progress | None = None) -> IngestReport:
    with open_store(store_spec) as store:
        return ingest(store, paths, force=force, max_bytes=max_bytes, jobs=jobs, stdin=stdin, progress=progress)


def extract_paths(paths: Iterable[str], out: str, *, max_bytes: int, jobs: int = 1,
                  progress: Progress | None = None) -> IngestReport:
    return extract_to_folder(paths, out, max_bytes=max_bytes, jobs=jobs, progress=progress)


def load_paths(store_spec: str | None, folder: str, *, force: bool = False,
               progress: Progress | None = None) -> IngestReport:
    with open_store(store_spec) as store:
        return load_folder(store, folder, force=force, progress=progress)


def run_query(store_spec: str | None, sparql: str, params: dict[str, str] | None = None,
              name: str | None = None, page: Page | None = None) -> QueryResult:
    """Run SPARQL text (kg's prefixes added when it declares none), or the named query `name` with its parameters
    bound (only the rows of `page`, if given)."""
    if name:
        named = load_query(name)
        named.bindings(params or {})  # unknown parameters fail before the store is opened
        with open_store(store_spec, read_only=True) as store:
            if named.computed:
                from kg import analysis
                return analysis.run(named, store, params or {}, page)
            return named.run(store, params or {}, page)
    if params:
        raise QueryError("--param goes with a named query (kg query NAME --param key=value)")
    if page:
        raise QueryError("--limit and --offset go with a named query; write LIMIT and OFFSET in your SPARQL")
    with open_store(store_spec, read_only=True) as store:
        return store.query(with_prefixes(sparql))


def listing(store_spec: str | None, what: str, page: Page | None = None, **filters) -> listings.Listing:
    with open_store(store_spec, read_only=True) as store:
        return getattr(listings, what)(store, page=page, **filters)


def stats(store_spec: str | None) -> dict[str, int]:
    with open_store(store_spec, read_only=True) as store:
        return listings.stats(store)


def export(store_spec: str | None, fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format '{fmt}'; choose one of {', '.join(EXPORT_FORMATS)}")
    with open_store(store_spec, read_only=True) as store:
        dataset = store.dataset()
    bind_prefixes(dataset)
    if fmt == "turtle":
        union = rdflib.Graph()
        bind_prefixes(union)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union.serialize(format="turtle")
    return dataset.serialize(format=EXPORT_FORMATS[fmt])


def remove(store_spec: str | None, document: str) -> dict:
    """Take one document's graph out of the store; `document` is its source path, IRI or hash prefix."""
    with open_store(store_spec) as store:
        docs = listings.documents(store)
        matches = [d for d in docs if document in (d["source"], d["document"]) or d["hash"].startswith(document)
                   and len(document) >= 6]
        if not matches:
            matches = [d for d in docs if d["source"].endswith(document)]
        if not matches:
            raise NotFoundError(f"no ingested document matches '{document}'; `kg query documents` lists them")
        if len(matches) > 1:
            raise NotFoundError(f"'{document}' matches {len(matches)} documents ({', '.join(d['source'] for d in matches)}); "
                                "give the full path or the hash")
        match = matches[0]
        store.remove_graph(document_graph_iri(match["hash"]))
        rebuild_entities_graph(store)
        return match


def validate_graph(store_spec: str | None, file: str | None = None) -> Validation:
    if file:
        return validate(load_file(file))
    with open_store(store_spec, read_only=True) as store:
        return validate(instance_data(store))


def viz(store_spec: str | None, out: str, *, view: str = "entity", focus: str | None = None, depth: int = 2,
        limit: int = 300, construct: str | None = None, title: str = "kg"):
    """Write a view of the store (read by bounded queries), or (`construct`, with the query view) of the graph a
    CONSTRUCT or DESCRIBE query makes."""
    from kg.views import render_view
    if (construct is not None) != (view == "query"):
        raise ConfigError("--view query draws the result of a CONSTRUCT query: give it with -f FILE"
                          if view == "query" else "a CONSTRUCT query (-f FILE) is drawn with --view query")
    with open_store(store_spec, read_only=True) as store:
        if construct is None:
            return render_view(store, out, view=view, focus=focus, depth=depth, limit=limit, title=title)
        result = store.query(with_prefixes(construct))
    if result.kind != "graph":
        raise QueryError("--view query needs a CONSTRUCT or DESCRIBE query")
    return render_view(result.graph, out, view=view, focus=focus, depth=depth, limit=limit, title=title)


def serve(store_spec: str | None, host: str, port: int, **options) -> None:
    """Run the SPARQL endpoint over the store until interrupted (see kg.serve)."""
    from kg.serve.server import serve as run_server  # the server's imports are only needed by this command
    run_server(store_spec, host, port, **options)


@dataclass
class DemoResult:
    store: str
    report: IngestReport
    stats: dict[str, int]
    quotes: list[dict]
    figures: list[dict]
    view: str


def demo(out_dir: str) -> DemoResult:
    """Ingest the bundled samples into a fresh store under `out_dir`, and write the HTML view there."""
    out = Path(out_dir)
    store_path = out / "store"
    if store_path.exists():
        shutil.rmtree(store_path)
    out.mkdir(parents=True, exist_ok=True)
    samples = sorted(str(p) for p in resources.samples_dir().iterdir() if p.suffix in (".txt", ".md", ".json", ".html"))
    spec = str(store_path)
    report = ingest_paths(spec, samples, max_bytes=20_000_000)
    view = str(out / "view.html")
    viz(spec, view, title="kg demo")
    with open_store(spec) as store:
        return DemoResult(spec, report, listings.stats(store), listings.quotes(store, page=Page(5)),
                          listings.figures(store, page=Page(5)), view)
