"""Stores, chosen by name: `open_store("memory:")`, `open_store("oxigraph:PATH")` or a plain PATH."""
from __future__ import annotations

import os

from kg.errors import ConfigError
from kg.store.base import QueryResult, Store
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

BACKENDS: dict[str, type[Store]] = {"oxigraph": OxigraphStore, "memory": MemoryStore}
DEFAULT_LOCATION = "kg-store"

__all__ = ["BACKENDS", "DEFAULT_LOCATION", "QueryResult", "Store", "open_store", "store_spec"]


def store_spec(spec: str | None) -> str:
    """The store to use: the option, else KG_STORE, else ./kg-store."""
    return spec or os.environ.get("KG_STORE") or DEFAULT_LOCATION


def open_store(spec: str | None = None) -> Store:
    spec = store_spec(spec)
    backend, sep, location = spec.partition(":")
    if sep and backend in BACKENDS:
        return BACKENDS[backend](location)
    if sep and len(backend) > 1 and backend.isalpha() and not os.path.exists(spec):
        raise ConfigError(f"unknown store backend '{backend}'; choose one of {', '.join(sorted(BACKENDS))} "
                          f"(e.g. --store oxigraph:./kg-store) or give a folder path")
    return OxigraphStore(spec)
