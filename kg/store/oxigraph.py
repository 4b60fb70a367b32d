"""The default store: Oxigraph on disk (RocksDB), chosen by measurement (bench/bench_store.py)."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError, StoreError
from kg.rdf import shared
from kg.rdf.terms import to_ox, to_rdflib
from kg.store.base import QueryResult, Store, chunks, split_documents
from kg.store.lock import held_by_another, hold_for_reading

PENDING = "kg-pending-graphs"  # journal of a bulk load in progress, in the store folder


def reading_lock(location: str) -> int:
    """The read lock of a store folder (see `kg.store.lock`), taken once what a killed bulk load left is dropped."""
    if (Path(location) / PENDING).exists():
        OxigraphStore(location).close()  # opened to write: `_recover` runs
    return hold_for_reading(Path(location))


class OxigraphStore(Store):
    name = "oxigraph"

    def __init__(self, location: str, read_only: bool = False):
        """The store in the folder `location` (created if missing), or in memory when it is "". `read_only`
        opens an existing folder beside other readers (see `kg.store.lock`); writing to it is then refused."""
        super().__init__(location)
        path = Path(location)
        if path.exists() and not path.is_dir():
            raise StoreError(f"store path {location} is a file, not a store folder; choose another --store path")
        self.read_only = bool(read_only and location)
        self._read_lock = None
        try:
            if self.read_only:
                self._read_lock = reading_lock(location)
                self.ox = ox.Store.read_only(str(path))
            else:
                self.ox = ox.Store(str(path)) if location else ox.Store()
        except OSError as error:
            self._release()
            if "lock" in str(error).lower():
                raise held_by_another(location) from error
            raise StoreError(f"cannot open store {location}: {error}") from error
        if not self.read_only:
            self._recover()

    def _release(self) -> None:
        if self._read_lock is not None:
            os.close(self._read_lock)
            self._read_lock = None

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.location} was opened read-only; open it without read_only to write")

    @property
    def _journal(self) -> Path | None:
        return Path(self.location) / PENDING if self.location else None

    def _recover(self) -> None:
        """Drop the graphs a killed bulk load may have left half-written (see `add_documents`), and compute the
        entities graph again without what they added to it."""
        if self._journal is None or not self._journal.exists():
            return
        for name in self._journal.read_text(encoding="utf-8").split():
            self.remove_graph(name)
        shared.rebuild(self)
        self._journal.unlink()

    def has_graph(self, iri: str) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(iri))

    def add_graph(self, graph: rdflib.Graph) -> None:
        self._writable()
        g = ox.NamedNode(str(graph.identifier))
        self.ox.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph)

    def add_nquads(self, data: bytes) -> None:
        self._writable()
        self.ox.load(data, format=ox.RdfFormat.N_QUADS)

    def add_documents(self, documents: list[tuple[str, bytes]]) -> None:
        """Oxigraph's bulk loader, twice as fast as a transaction per document (bench/README.md) but not
        atomic: the graphs' names go to a journal in the store folder first and leave it once loaded and their
        shared statements merged into the entities graph; opening a store with a journal left by a killed run
        removes those graphs and computes the entities graph again, so each document is whole or absent."""
        self._writable()
        if self._journal is None:  # in memory: nothing survives a crash anyway
            return super().add_documents(documents)
        partial = self._journal.with_suffix(".part")
        with open(partial, "w", encoding="utf-8") as out:
            out.write("\n".join(name for name, _ in documents))
            out.flush()
            os.fsync(out.fileno())
        partial.replace(self._journal)
        own, statements = split_documents(documents)
        for piece in chunks(own):  # a piece at a time: the loader's memory grows with what it is given
            # lenient: the N-Quads come from Oxigraph's own serializer, already valid
            self.ox.bulk_load(piece, format=ox.RdfFormat.N_QUADS, lenient=True)
        shared.merge(self, statements)
        self.ox.flush()
        self._journal.unlink()

    def remove_graph(self, iri: str) -> bool:
        self._writable()
        node = ox.NamedNode(iri)
        if not self.ox.contains_named_graph(node):
            return False
        self.ox.remove_graph(node)
        return True

    def update(self, sparql: str) -> None:
        self._writable()
        try:
            self.ox.update(sparql)
        except (SyntaxError, RuntimeError) as error:
            raise QueryError(f"the SPARQL update cannot run: {error}") from error
        except OSError as error:
            raise StoreError(f"writing the store failed: {error}") from error

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs())

    def query(self, sparql, bindings=None):
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self.ox.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
        except SyntaxError as error:
            raise QueryError(f"the SPARQL query is not valid: {error}") from error
        except RuntimeError as error:  # e.g. a substituted variable the query does not project
            raise QueryError(f"the SPARQL query cannot run: {error}") from error
        except OSError as error:
            raise StoreError(f"reading the store failed: {error}") from error
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            graph = rdflib.Graph()
            for t in result:
                graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
            return QueryResult("graph", graph=graph)
        variables = [v.value for v in result.variables]
        # each distinct term of this query made once: rows repeat terms (a speaker, a path), rdflib makes them slowly
        convert = functools.cache(to_rdflib)
        rows = [tuple(map(convert, solution)) for solution in result]
        return QueryResult("select", variables, rows)

    def quads(self):
        for q in self.ox.quads_for_pattern(None, None, None):
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), to_rdflib(q.graph_name)

    def __len__(self):
        return len(self.ox)

    def close(self):
        if not self.read_only:
            self.ox.flush()
        del self.ox
        self._release()
