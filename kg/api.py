"""The operations behind each CLI command, as plain functions over a store spec (see `kg.store.open_store`).

Each function imports what it needs when it runs: a command pays for its own imports only (a listing loads
neither spaCy nor pyshacl, `kg --version` not even rdflib).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from kg.errors import ConfigError, DocumentError, NotFoundError, QueryError, StoreError, WriteError

if TYPE_CHECKING:
    from kg.ingest import IngestReport, Progress
    from kg.listings import Listing
    from kg.queries import Page
    from kg.store import QueryResult, Store
    from kg.validate import Validation

EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def ingest_paths(store_spec: str | None, paths: Iterable[str], *, force: bool = False, max_bytes: int | None = None,
                 jobs: int | None = None, stdin: Callable[[], bytes] | None = None,
                 progress: Progress | None = None) -> IngestReport:
    """Ingest files, folders and '-' (`stdin`); the report also names the files of the folders kg does not read
    (status "skipped"). `max_bytes` and `jobs` default to kg.ingest's limit and the machine's cores."""
    from kg.ingest import ingest
    from kg.store import open_store
    paths = list(paths)
    with open_store(store_spec) as store:
        report = ingest(store, paths, force=force, stdin=stdin, progress=progress, **_limits(max_bytes, jobs))
    return _with_skipped(report, paths)


def extract_paths(paths: Iterable[str], out: str, *, max_bytes: int | None = None, jobs: int | None = None,
                  progress: Progress | None = None) -> IngestReport:
    """Write each document's named graph to the folder `out` (see `kg.ingest.extract_to_folder`)."""
    from kg.ingest import extract_to_folder
    paths = list(paths)
    _writable_folder(out, "--out")
    report = extract_to_folder(paths, out, progress=progress, **_limits(max_bytes, jobs))
    return _with_skipped(report, paths)


def _limits(max_bytes: int | None, jobs: int | None) -> dict[str, int]:
    from kg.ingest import DEFAULT_MAX_BYTES, default_jobs
    return {"max_bytes": DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
            "jobs": default_jobs() if jobs is None else jobs}


def _with_skipped(report: IngestReport, paths: list[str]) -> IngestReport:
    """The report with a "skipped" outcome for each file under the folders given that kg does not read."""
    from kg.documents.read import unread_files
    from kg.ingest import Outcome
    report.outcomes += [Outcome(str(path), "skipped", reason) for path, reason in unread_files(paths)]
    return report


def _writable_folder(folder: str, option: str) -> Path:
    """The folder, made if missing; an error that says so when it cannot be."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"cannot make the folder {folder} ({(error.strerror or str(error)).lower()}); "
                         f"choose another {option}") from None
    return path


def load_paths(store_spec: str | None, folder: str, *, force: bool = False,
               progress: Progress | None = None) -> IngestReport:
    """Load a folder of `.nq` files written by `extract_paths`; a folder without any is an error."""
    from kg.ingest import load_folder
    from kg.store import open_store
    if not Path(folder).is_dir():
        raise DocumentError(folder, "no such folder")
    if not any(Path(folder).glob("*.nq")):
        raise NotFoundError(f"{folder} holds no .nq files; kg load reads the folder that "
                            f"`kg extract PATH... --out {folder}` writes")
    with open_store(store_spec) as store:
        return load_folder(store, folder, force=force, progress=progress)


def open_reading(store_spec: str | None) -> Store:
    """The store a command reads, open beside other readers (a running `kg serve`): a folder that holds no store is
    an error (kg.store.lock), never made into an empty one."""
    from kg.store import open_store
    return open_store(store_spec, read_only=True)


def open_existing(store_spec: str | None) -> Store:
    """The store a command changes but does not make (`kg remove`), open: a folder that holds no store is an error
    here too."""
    from kg.store import open_store
    open_reading(store_spec).close()  # says so when there is no store
    return open_store(store_spec)


def run_query(store_spec: str | None, sparql: str, params: dict[str, str] | None = None,
              name: str | None = None, page: Page | None = None) -> QueryResult:
    """Run SPARQL text (kg's prefixes added when it declares none), or the named query `name` with its parameters
    bound (only the rows of `page`, if given)."""
    from kg.queries import load as load_query
    from kg.queries import run_sparql
    if name:
        named = load_query(name)
        named.bindings(params or {})  # unknown parameters fail before the store is opened
        with open_reading(store_spec) as store:
            if named.computed:
                from kg import analysis
                return analysis.run(named, store, params or {}, page)
            return named.run(store, params or {}, page)
    if params:
        raise QueryError("--param goes with a named query (kg query NAME --param key=value)")
    if page:
        raise QueryError("--limit and --offset go with a named query; write LIMIT and OFFSET in your SPARQL")
    with open_reading(store_spec) as store:
        return run_sparql(store, sparql)


def listing(store_spec: str | None, what: str, page: Page | None = None, **filters) -> Listing:
    from kg import listings
    with open_reading(store_spec) as store:
        return getattr(listings, what)(store, page=page, **filters)


def stats(store_spec: str | None) -> dict[str, int]:
    from kg import listings
    with open_reading(store_spec) as store:
        return listings.stats(store)


def export(store_spec: str | None, fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format '{fmt}'; choose one of {', '.join(EXPORT_FORMATS)}")
    import rdflib

    from kg.rdf.namespaces import bind_prefixes
    with open_reading(store_spec) as store:
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
    """Take one document's graph out of the store; `document` is its source path (as ingested, or any path of the
    same file), IRI or hash prefix."""
    if not document.strip():
        raise ConfigError("give the document to remove: its path, IRI or hash (`kg query documents` lists them)")
    from kg import listings
    from kg.ingest import rebuild_entities_graph
    from kg.iris import document_graph_iri
    with open_existing(store_spec) as store:
        matches = documents_named(listings.documents(store), document)
        if not matches:
            raise NotFoundError(f"no ingested document matches '{document}'; `kg query documents` lists them")
        if len(matches) > 1:
            raise NotFoundError(f"'{document}' matches {len(matches)} documents ({', '.join(d['source'] for d in matches)}); "
                                "give the full path or the hash")
        match = matches[0]
        store.remove_graph(document_graph_iri(match["hash"]))
        rebuild_entities_graph(store)
        return match


def documents_named(documents: list[dict], given: str) -> list[dict]:
    """The documents `given` names: its source path as ingested or the same file by another path, its IRI, or a
    prefix of its hash (six characters at least); else those whose path ends with it, or whose relative path
    ends the path given."""
    real = os.path.realpath(given)
    exact = [d for d in documents if given in (d["source"], d["document"]) or os.path.realpath(d["source"]) == real
             or len(given) >= 6 and d["hash"].startswith(given)]
    return exact or [d for d in documents if d["source"].endswith(given)
                     or not os.path.isabs(d["source"]) and real.endswith(os.sep + os.path.normpath(d["source"]))]


def validate_graph(store_spec: str | None, file: str | None = None) -> Validation:
    from kg.validate import instance_data, load_file, validate
    if file:
        return validate(load_file(file))
    with open_reading(store_spec) as store:
        return validate(instance_data(store))


def viz(store_spec: str | None, out: str, *, view: str = "entity", focus: str | None = None, depth: int = 2,
        limit: int = 300, construct: str | None = None, title: str = "kg"):
    """Write a view of the store (read by bounded queries), or (`construct`, with the query view) of the graph a
    CONSTRUCT or DESCRIBE query makes."""
    from kg.queries import with_prefixes
    from kg.views import render_view
    if (construct is not None) != (view == "query"):
        raise ConfigError("--view query draws the result of a CONSTRUCT query: give it with -f FILE"
                          if view == "query" else "a CONSTRUCT query (-f FILE) is drawn with --view query")
    with open_reading(store_spec) as store:
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
    from kg import listings, resources
    from kg.queries import Page
    out = _writable_folder(out_dir, "--out")
    store_path = out / "store"
    spec = str(store_path)
    if store_path.exists():
        try:
            open_reading(spec).close()
        except StoreError:  # not a store (the demo's to replace), or one in use
            raise WriteError(f"{store_path} is not a kg store that the demo may replace; choose another --out") from None
        shutil.rmtree(store_path)
    report = ingest_paths(spec, [str(resources.samples_dir())])
    view = str(out / "view.html")
    viz(spec, view, title="kg demo")
    with open_reading(spec) as store:
        return DemoResult(spec, report, listings.stats(store), listings.quotes(store, page=Page(5)),
                          listings.figures(store, page=Page(5)), view)
