"""Reading an Oxigraph store folder beside other readers, never beside a writer.

RocksDB's writer takes a POSIX write lock on the folder's `LOCK` file. A reader (a listing, `kg query`, a
read-only `kg serve`) takes a read lock on the same file: readers share it, a writer opening the store is refused
while any reader holds it, and a reader is refused while a writer holds it, since pyoxigraph's
`Store.read_only` beside a writing process is undefined behaviour. The lock belongs to the open file description
(Linux's F_OFD_SETLK), not to the process, so closing another handle of the file in the same process (a second
reader that finishes) does not drop it.
"""
from __future__ import annotations

import fcntl
import os
import struct
from pathlib import Path

from kg.errors import StoreError

_READ_LOCK = struct.pack("hhqqi", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)  # struct flock: the whole file, pid 0


def missing_store(path: Path) -> StoreError:
    return StoreError(f"no kg store at {path}; ingest into it first (kg ingest --store {path} FILES)")


def held_by_writer(path: Path) -> StoreError:
    """Why a reader cannot open the store."""
    return StoreError(f"store {path} is in use by another process that writes to it (a kg ingest, or kg serve "
                      "--allow-update); wait for it to finish, or query through the endpoint of that kg serve")


def held_by_another(path: Path | str) -> StoreError:
    """Why a writer cannot open the store."""
    return StoreError(f"store {path} is in use by another process (a kg serve, a listing or a kg ingest); wait for "
                      "it to finish, or ingest through a `kg serve --allow-update` endpoint")


def hold_for_reading(path: Path) -> int:
    """A handle holding the store's read lock (close it to let go); raise when there is no store or a writer."""
    lock = path / "LOCK"
    if not lock.is_file():
        raise missing_store(path)
    handle = os.open(lock, os.O_RDONLY)
    try:
        fcntl.fcntl(handle, fcntl.F_OFD_SETLK, _READ_LOCK)
    except OSError as error:
        os.close(handle)
        raise held_by_writer(path) from error
    return handle
