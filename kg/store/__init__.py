"""Stores, chosen by name: `open_store("memory:")`, `open_store("oxigraph:PATH")` or a plain PATH, and SPARQL
servers: `open_store("sparql:http://127.0.0.1:7878")`, `open_store("virtuoso:http://127.0.0.1:8890")` (see
`kg.store.remote` for the URL forms and for Fuseki, GraphDB and Neptune)."""
from __future__ import annotations

import os

from kg.errors import ConfigError
from kg.store.base import QueryResult, Store
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteStore, VirtuosoStore

BACKENDS: dict[str, type[Store]] = {"oxigraph": OxigraphStore, "memory": MemoryStore, "sparql": RemoteStore,
                                    "virtuoso": VirtuosoStore}
DEFAULT_LOCATION = "kg-store"

__all__ = ["BACKENDS", "DEFAULT_LOCATION", "QueryResult", "Store", "open_store", "parse_spec", "store_spec"]


def store_spec(spec: str | None) -> str:
    """The store to use: the option, else KG_STORE, else ./kg-store."""
    return spec or os.environ.get("KG_STORE") or DEFAULT_LOCATION


def parse_spec(spec: str | None) -> tuple[type[Store], str]:
    """The backend a store spec names and its location: `oxigraph:PATH` or a plain PATH is an Oxigraph folder."""
    spec = store_spec(spec)
    backend, sep, location = spec.partition(":")
    if sep and backend in BACKENDS:
        return BACKENDS[backend], location
    if sep and backend in ("http", "https"):
        raise ConfigError(f"to use a SPARQL server give its kind: --store sparql:{spec} (or virtuoso:{spec})")
    if sep and len(backend) > 1 and backend.isalpha() and not os.path.exists(spec):
        raise ConfigError(f"unknown store backend '{backend}'; choose one of {', '.join(sorted(BACKENDS))} "
                          f"(e.g. --store oxigraph:./kg-store) or give a folder path")
    return OxigraphStore, spec


def open_store(spec: str | None = None, *, read_only: bool = False) -> Store:
    """The store a spec names, open. `read_only` opens an Oxigraph folder beside other readers, such as a running
    `kg serve` (writers are refused while readers hold it); other backends ignore it."""
    backend, location = parse_spec(spec)
    if backend is OxigraphStore:
        return OxigraphStore(location, read_only=read_only)
    return backend(location)
