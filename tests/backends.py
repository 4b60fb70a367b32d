"""Real SPARQL servers for the tests, each on a free loopback port with a fresh database, stopped afterwards.

The Oxigraph server is the `oxigraph` binary from PyPI (`pip install oxigraph`, in the test extras); Virtuoso is
Debian's `virtuoso-opensource` (`virtuoso-t`, `isql-vt`). A missing binary skips the tests that need it, unless
KG_REQUIRE_SERVERS is set (as in CI): then they fail.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import requests

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def binary(name: str) -> str | None:
    """`name` beside this Python (a venv's bin/) or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def require(name: str, install: str) -> str:
    """The binary's path; skip (or fail under KG_REQUIRE_SERVERS) when it is missing."""
    path = binary(name)
    if path is None:
        reason = f"no `{name}` binary: {install}"
        if os.environ.get("KG_REQUIRE_SERVERS"):
            pytest.fail(f"KG_REQUIRE_SERVERS is set but there is {reason}", pytrace=False)
        pytest.skip(reason)
    return path


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{process.args[0]} did not answer at {url} within {seconds} s: {log.read_text()[-2000:]}")


@contextmanager
def running(command: list[str], log: Path, probe: str) -> Iterator[subprocess.Popen]:
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_until_up(probe, process, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """An Oxigraph server over a fresh store in `folder`; yields its base URL."""
    exe = require("oxigraph", "pip install oxigraph")
    port = free_port()
    command = [exe, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"]
    with running(command, folder / "oxigraph.log", f"http://127.0.0.1:{port}/query"):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Virtuoso over a fresh database in `folder`, its SPARQL user allowed to update; yields its base URL."""
    exe = require("virtuoso-t", "apt-get install -y virtuoso-opensource")
    isql = require("isql-vt", "apt-get install -y virtuoso-opensource")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    with running([exe, "-f", "-c", str(ini)], folder / "out.log", f"http://127.0.0.1:{http_port}/sparql"):
        subprocess.run([isql, str(sql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        yield f"http://127.0.0.1:{http_port}"
