"""The SPARQL server behind the front: an Oxigraph server started on a private loopback port over a store
folder, or the SPARQL server a `sparql:` or `virtuoso:` store names; and the one way the front asks it."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from kg.errors import ConfigError, StoreError
from kg.serve.cap import cap
from kg.serve.settings import Settings
from kg.store import parse_spec
from kg.store.lock import held_by_another
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore, reading_lock
from kg.store.remote import Endpoints, RemoteStore

START_SECONDS = 60


class Refusal(Exception):
    """A request the front answers itself with `status` and a one-line `message`."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class Answer:
    """The SPARQL server's answer, cut at the limit when asked (`cut`)."""

    status: int
    body: bytes
    content_type: str
    cut: bool = False

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


@dataclass
class Backend:
    """Where the front sends requests: a SPARQL server's endpoints, and the process and read lock it owns."""

    endpoints: Endpoints
    http: requests.Session
    process: subprocess.Popen | None = None
    read_lock: int | None = None

    def ask(self, method: str, url: str, settings: Settings, capped: bool = False, **kwargs) -> Answer:
        """Pass a request on; a query's answer is cut at the limit, and one that ran out of time is refused
        (the Oxigraph server ends an answer at its timeout, after the 200 status has gone)."""
        out_of_time = Refusal(503, f"the query ran out of time ({settings.timeout} s); add LIMIT or narrow it")
        started = time.monotonic()
        try:
            answer = self.http.request(method, url, timeout=settings.timeout + 5, **kwargs)
        except (requests.Timeout, requests.exceptions.ChunkedEncodingError):
            raise out_of_time from None
        except requests.RequestException as error:
            raise Refusal(502, f"the SPARQL server behind kg serve is unreachable: {type(error).__name__}") from None
        content_type = answer.headers.get("Content-Type", "text/plain")
        body, cut = answer.content, False
        if capped and answer.ok:
            if time.monotonic() - started >= settings.timeout:
                raise out_of_time
            try:
                body, cut = cap(body, content_type.split(";")[0].strip(), settings.limit)
            except ValueError:  # an answer the server cut off
                raise out_of_time from None
        return Answer(answer.status_code, body, content_type, cut)

    def close(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.read_lock is not None:
            os.close(self.read_lock)
        self.http.close()


def oxigraph_binary() -> str:
    """The `oxigraph` command of the PyPI package: beside this Python (in a venv) or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ConfigError("kg serve needs the Oxigraph server: pip install oxigraph")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(process: subprocess.Popen, url: str, path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode("utf-8", "replace")
            if "lock" in error.lower():
                raise held_by_another(path)
            raise StoreError(f"the Oxigraph server stopped at once: {error.strip()[:500]}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise StoreError(f"the Oxigraph server did not answer within {START_SECONDS} s")


def oxigraph_backend(path: Path, allow_update: bool, timeout: int) -> Backend:
    """`oxigraph serve` (updates; it holds the store) or `oxigraph serve-read-only` under kg's read lock, on a
    private loopback port."""
    read_lock = None if allow_update else reading_lock(str(path))
    port = _free_port()
    command = [oxigraph_binary(), "serve" if allow_update else "serve-read-only", "--location", str(path),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", str(timeout)]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(process, base + "/query", path)
    except BaseException:
        process.kill()
        process.wait()
        if read_lock is not None:
            os.close(read_lock)
        raise
    return Backend(Endpoints(base + "/query", base + "/update", base + "/store"), requests.Session(), process,
                   read_lock)


def open_backend(spec: str | None, allow_update: bool, timeout: int) -> Backend:
    """The backend for a store spec (parsed as `kg.store.open_store` parses it): an Oxigraph server over a store
    folder, or the SPARQL server named."""
    kind, location = parse_spec(spec)
    if kind is MemoryStore or (kind is OxigraphStore and not location):
        raise ConfigError("kg serve needs a store that lasts: give a store folder or a SPARQL server, not memory:")
    if issubclass(kind, RemoteStore):
        store = kind(location)
        return Backend(store.endpoints, store.http)
    return oxigraph_backend(Path(location), allow_update, timeout)
