"""Ingestion: read each file, extract, map to RDF and add its named graph to the store.

One document is one transaction: it is fully in the store or not at all. Documents are named by the hash of
their text, so ingesting the same text twice changes nothing.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable, Iterable

import rdflib
from rdflib import Literal, URIRef

from kg import resources
from kg.documents import iter_paths, parse_documents, read_documents
from kg.errors import DocumentError
from kg.extract import default_gazetteer, extract
from kg.extract.gazetteer import Gazetteer
from kg.iris import document_graph_iri
from kg.model import Document, Extraction
from kg.rdf.mapping import to_graph
from kg.rdf.namespaces import GAZETTEER_GRAPH, ID, KG
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


def _files_hash(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _reference_graph(identifier: URIRef, paths, content_hash: str) -> rdflib.Graph:
    graph = rdflib.Graph(identifier=identifier)
    for path in paths:
        graph.parse(path, format="turtle")
    graph.add((identifier, KG.contentHash, Literal(content_hash)))
    return graph


def ensure_reference_graphs(store: Store, gazetteer: Gazetteer) -> None:
    """Load (or refresh, when their files changed) the ontology and gazetteer graphs into the store."""
    for identifier, paths in ((ONTOLOGY_GRAPH, resources.ontology_files()), (GAZETTEER_GRAPH, list(gazetteer.files))):
        content_hash = _files_hash(paths)
        ask = store.query("ASK { GRAPH ?g { ?g <%s> ?h } }" % KG.contentHash,
                          {"g": identifier, "h": Literal(content_hash)})
        if not ask.boolean:
            store.replace_graph(_reference_graph(identifier, paths, content_hash))


def counts(extraction: Extraction) -> dict[str, int]:
    return {
        "entities": len({m.entity for m in extraction.mentions}),
        "quotes": len(extraction.quotes),
        "figures": len(extraction.figures),
        "claims": len(extraction.claims),
    }


def ingest_document(store: Store, document: Document, gazetteer: Gazetteer, force: bool = False) -> Outcome:
    graph_iri = document_graph_iri(document.content_hash)
    present = store.has_graph(graph_iri)
    if present and not force:
        return Outcome(document.source, "unchanged", warnings=document.warnings)
    extraction = extract(document, gazetteer)
    graph = to_graph(extraction)
    if present:
        store.replace_graph(graph)
    else:
        store.add_graph(graph)
    return Outcome(document.source, "replaced" if present else "added", warnings=document.warnings,
                   counts=counts(extraction))


def _documents(paths: Iterable[str], max_bytes: int, stdin: Callable[[], bytes] | None):
    """(source, documents or the error) for every path; '-' reads standard input."""
    for path in paths:
        if path == "-":
            try:
                yield "<stdin>", parse_documents(stdin() if stdin else b"", source="<stdin>", suffix=".txt")
            except DocumentError as error:
                yield "<stdin>", error
            continue
        for file in iter_paths([path]):
            try:
                yield str(file), read_documents(file, max_bytes=max_bytes)
            except DocumentError as error:
                yield str(file), error


def ingest(store: Store, paths: Iterable[str], *, force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
           stdin: Callable[[], bytes] | None = None, progress: Callable[[Outcome], None] | None = None,
           gazetteer: Gazetteer | None = None) -> IngestReport:
    """Ingest files, folders (recursively) and '-' (standard input). A file that fails is reported and the
    others still go in."""
    gazetteer = gazetteer or default_gazetteer()
    ensure_reference_graphs(store, gazetteer)
    report = IngestReport()
    for source, documents in _documents(paths, max_bytes, stdin):
        if isinstance(documents, DocumentError):
            outcomes = [Outcome(source, "failed", documents.reason)]
        else:
            outcomes = [ingest_document(store, d, gazetteer, force) for d in documents]
        for outcome in outcomes:
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
    return report
