"""Ingestion: read each file, extract, map to RDF and add its named graph to the store.

Extraction is a pure function from a file to N-Quads, run in worker processes (`jobs`); the main process
writes the documents' graphs in batches (`Store.add_documents`), so a document is fully in the store or not at
all, even if the process is killed. Documents are named by the hash of their text: ingesting the same text twice changes
nothing.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kg import resources
from kg.documents import iter_paths, parse_documents, read_documents
from kg.errors import DocumentError
from kg.extract import default_gazetteer, extract
from kg.extract.gazetteer import Gazetteer
from kg.iris import doc_key, document_graph_iri
from kg.model import Document, Extraction
from kg.rdf import keys, shared
from kg.rdf.mapping import to_nquads
from kg.rdf.namespaces import GAZETTEER_GRAPH, ID, KG, SCHEMA
from kg.store import Store

ONTOLOGY_GRAPH = ID["graph/ontology"]
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class Outcome:
    """What happened to one document (or one file that could not be read)."""

    source: str
    status: str  # "added", "unchanged", "replaced" or "failed"
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    graph: str | None = None  # the document's named graph
    nquads: bytes = b""  # its triples, to be written (empty once written)


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def with_status(self, *statuses: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def failed(self) -> list[Outcome]:
        return self.with_status("failed")

    @property
    def warned(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.warnings]

    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for outcome in self.with_status("added", "replaced"):
            for key, value in outcome.counts.items():
                totals[key] = totals.get(key, 0) + value
        return totals


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, outcome: Outcome) -> None: ...


# ---------------------------------------------------------------- reference graphs

# changed when what is derived from the files changes (the graphs are then replaced at the next ingest)
_REFERENCE_FORMAT = b"5: gazetteer with name and word keys, ontology with skos:broaderTransitive, kg:filesHash"


def _files_hash(paths) -> str:
    digest = hashlib.sha256(_REFERENCE_FORMAT)
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def reference_sources(gazetteer: Gazetteer) -> list[tuple[URIRef, list[Path]]]:
    """The reference graphs and the files each is made from."""
    return [(ONTOLOGY_GRAPH, list(resources.ontology_files())), (GAZETTEER_GRAPH, list(gazetteer.files))]


def reference_graph(identifier: URIRef, paths: list[Path]) -> rdflib.Graph:
    """A reference graph as the store holds it: its files, what kg derives from them, and their hash."""
    graph = rdflib.Graph(identifier=identifier)
    for path in paths:
        graph.parse(path, format="turtle")
    graph.add((identifier, KG.filesHash, Literal(_files_hash(paths))))
    if identifier == GAZETTEER_GRAPH:
        add_name_keys(graph)
        for path in resources.ontology_files():  # what the ontology graph states is not stated again
            graph -= rdflib.Graph().parse(path, format="turtle")
    if identifier == ONTOLOGY_GRAPH:
        add_broader_transitive(graph)
    return graph


def add_broader_transitive(graph: rdflib.Graph) -> None:
    """`skos:broaderTransitive` from each concept to every concept above it (guidance: forecast), so that queries
    ask for a concept's narrower ones with one pattern, not a path (`skos:broader*`), which Virtuoso 7.2 answers
    with rows missing."""
    for concept in set(graph.subjects(SKOS.broader, None)):
        for above in graph.transitive_objects(concept, SKOS.broader):
            if above != concept:
                graph.add((concept, SKOS.broaderTransitive, above))


def add_name_keys(graph: rdflib.Graph) -> None:
    """`kg:nameKey` and `kg:wordKey`s of every name, alias and ticker in the graph (see kg.rdf.keys)."""
    for entity, _, name in list(graph.triples((None, SCHEMA.name | SKOS.altLabel | SCHEMA.tickerSymbol, None))):
        for prop, key in keys.search_keys(str(name)):
            graph.add((entity, URIRef(prop), Literal(key)))


def ensure_reference_graphs(store: Store, gazetteer: Gazetteer) -> None:
    """Load (or refresh, when their files changed) the ontology and gazetteer graphs into the store; the entities
    graph, which leaves out what the gazetteer states, is computed again when the gazetteer changed."""
    for identifier, paths in reference_sources(gazetteer):
        ask = store.query(f"ASK {{ GRAPH ?g {{ ?g <{KG.filesHash}> ?h }} }}",
                          {"g": identifier, "h": Literal(_files_hash(paths))})
        if not ask.boolean:
            store.replace_graph(reference_graph(identifier, paths))
            if identifier == GAZETTEER_GRAPH and existing_documents(store):
                shared.rebuild(store)


def rebuild_entities_graph(store: Store) -> None:
    """The entities graph anew from the documents' records of their shared statements (`kg.rdf.shared`), so a
    removed document's entities, names and other statements leave it unless another document states them."""
    shared.rebuild(store)


# ---------------------------------------------------------------- extraction (pure, runs in workers)

def counts(extraction: Extraction) -> dict[str, int]:
    return {
        "entities": len({m.entity for m in extraction.mentions}),
        "quotes": len(extraction.quotes),
        "figures": len(extraction.figures),
        "claims": len(extraction.claims),
    }


def prepare(document: Document, gazetteer: Gazetteer, skip: frozenset[str] = frozenset()) -> Outcome:
    """Extract one document and map it to N-Quads, unless its hash is in `skip` (already in the store)."""
    graph_iri = document_graph_iri(document.content_hash)
    if doc_key(document.content_hash) in skip:
        return Outcome(document.source, "unchanged", warnings=document.warnings, graph=graph_iri)
    extraction = extract(document, gazetteer)
    return Outcome(document.source, "added", warnings=document.warnings, counts=counts(extraction),
                   graph=graph_iri, nquads=to_nquads(extraction))


def prepare_file(path: str, gazetteer: Gazetteer, skip: frozenset[str], max_bytes: int) -> list[Outcome]:
    """Every document of one file, prepared; a file that cannot be read is one failed outcome."""
    try:
        documents = read_documents(path, max_bytes=max_bytes)
    except DocumentError as error:
        return [Outcome(path, "failed", error.reason)]
    return [prepare(d, gazetteer, skip) for d in documents]


_worker_state: dict = {}


def _init_worker(gazetteer: Gazetteer, skip: frozenset[str], max_bytes: int) -> None:
    _worker_state.update(gazetteer=gazetteer, skip=skip, max_bytes=max_bytes)


def _work(path: str) -> list[Outcome]:
    outcomes = prepare_file(path, _worker_state["gazetteer"], _worker_state["skip"], _worker_state["max_bytes"])
    _settle_heap()
    return outcomes


def _settle_heap() -> None:
    """Once a process has prepared its first file, the lexicon, the gazetteer and spaCy's vocabulary are
    loaded for good: frozen out of the garbage collector's reach, they are not scanned again by every full
    collection."""
    if not _worker_state.get("settled"):
        gc.collect()
        gc.freeze()
        _worker_state["settled"] = True


def prepared(files: list[str], gazetteer: Gazetteer, skip: frozenset[str], max_bytes: int,
             jobs: int) -> Iterator[list[Outcome]]:
    """Prepared outcomes per file, in order, from `jobs` worker processes (or in this process for one)."""
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield prepare_file(path, gazetteer, skip, max_bytes)
            _settle_heap()
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, _init_worker, (gazetteer, skip, max_bytes), maxtasksperchild=200) as pool:
        yield from pool.imap(_work, files, chunksize=2)


# ---------------------------------------------------------------- writing

def existing_documents(store: Store) -> frozenset[str]:
    """The hash keys of the documents already in the store."""
    prefix = str(ID["graph/doc/"])
    return frozenset(name[len(prefix):] for name in store.graph_names() if name.startswith(prefix))


class Writer:
    """Writes prepared documents to the store in batches (`Store.add_documents`: each document whole or
    absent), recording every outcome in the report in the order it came."""

    def __init__(self, store: Store, report: IngestReport, force: bool, progress: Progress | None,
                 batch_documents: int = 16, batch_bytes: int = 16_000_000):
        self.store, self.report, self.force, self.progress = store, report, force, progress
        self.batch_documents, self.batch_bytes = batch_documents, batch_bytes
        self.pending: list[Outcome] = []
        self.written: set[str] = set()

    def __call__(self, outcome: Outcome) -> None:
        if outcome.status == "added" and outcome.graph in self.written:  # the same text twice in one run
            outcome.status, outcome.nquads = "unchanged", b""
        elif outcome.status == "added":
            if self.force and self.store.remove_graph(outcome.graph):
                outcome.status = "replaced"
            self.pending.append(outcome)
            self.written.add(outcome.graph)
            if (len(self.pending) >= self.batch_documents
                    or sum(len(o.nquads) for o in self.pending) >= self.batch_bytes):
                self.flush()
        self.report.outcomes.append(outcome)
        if self.progress:
            self.progress.advance(outcome)

    def flush(self) -> None:
        if self.pending:
            self.store.add_documents([(o.graph, o.nquads) for o in self.pending])
            for outcome in self.pending:
                outcome.nquads = b""
            self.pending = []

    def finish(self) -> None:
        """Write what is pending; a replaced document's old statements leave the entities graph."""
        self.flush()
        if self.report.with_status("replaced"):
            shared.rebuild(self.store)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def ingest(store: Store, paths: Iterable[str], *, force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
           jobs: int = 1, stdin: Callable[[], bytes] | None = None, progress: Progress | None = None,
           gazetteer: Gazetteer | None = None) -> IngestReport:
    """Ingest files, folders (recursively) and '-' (standard input). A file that fails is reported and the
    others still go in."""
    gazetteer = gazetteer or default_gazetteer()
    ensure_reference_graphs(store, gazetteer)
    skip = frozenset() if force else existing_documents(store)
    paths = list(paths)
    files = [str(f) for f in iter_paths(p for p in paths if p != "-")]
    report = IngestReport()
    if progress:
        progress.start(len(files) + paths.count("-"))
    write = Writer(store, report, force, progress)
    if "-" in paths:
        try:
            documents = parse_documents(stdin() if stdin else b"", source="<stdin>", suffix=".txt")
            for document in documents:
                write(prepare(document, gazetteer, skip))
        except DocumentError as error:
            write(Outcome("<stdin>", "failed", error.reason))
    for outcomes in prepared(files, gazetteer, skip, max_bytes, jobs):
        for outcome in outcomes:
            write(outcome)
    write.finish()
    return report


def extract_to_folder(paths: Iterable[str], out: str, *, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1,
                      progress: Progress | None = None) -> IngestReport:
    """Write each document's named graph as `<out>/<hash>.nq`, without a store (for bulk loaders)."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    gazetteer = default_gazetteer()
    files = [str(f) for f in iter_paths(paths)]
    report = IngestReport()
    if progress:
        progress.start(len(files))
    for outcomes in prepared(files, gazetteer, frozenset(), max_bytes, jobs):
        for outcome in outcomes:
            if outcome.nquads:
                target = folder / f"{outcome.graph.rsplit('/', 1)[-1]}.nq"
                partial = target.with_suffix(".nq.part")
                partial.write_bytes(outcome.nquads)
                partial.replace(target)  # a file is whole or absent, even if the run is killed
                outcome.nquads = b""
            report.outcomes.append(outcome)
            if progress:
                progress.advance(outcome)
    return report


def load_folder(store: Store, folder: str, *, force: bool = False, progress: Progress | None = None) -> IngestReport:
    """Load the `.nq` files written by `extract_to_folder`, each document whole or absent."""
    files = sorted(Path(folder).glob("*.nq"))
    if not files and not Path(folder).is_dir():
        raise DocumentError(folder, "no such folder")
    ensure_reference_graphs(store, default_gazetteer())
    skip = frozenset() if force else existing_documents(store)
    report = IngestReport()
    if progress:
        progress.start(len(files))
    write = Writer(store, report, force, progress)
    for path in files:
        graph = str(ID[f"graph/doc/{path.stem}"])
        status = "unchanged" if path.stem in skip else "added"
        write(Outcome(str(path), status, graph=graph, nquads=path.read_bytes() if status == "added" else b""))
    write.finish()
    return report
