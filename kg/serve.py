"""`kg serve`: a SPARQL 1.1 Protocol endpoint over a store, with a query page.

Why this shape: the Oxigraph server (PyPI `oxigraph`) already speaks the SPARQL 1.1 Protocol over an Oxigraph
store (GET and POST, URL-encoded and direct bodies, content negotiation for SPARQL JSON, XML, CSV, TSV and RDF
formats, a query timeout), so `kg serve` runs it on a private loopback port. It has no tokens, no result cap and
no page of kg's named queries, so a small front written on the standard library (ThreadingHTTPServer) stands
before it: it serves the page, refuses updates unless started with `allow_update` and the request carries
`Authorization: Bearer <token>`, cuts every answer at `limit` rows or triples (saying so in `X-KG-Truncated`),
and passes the rest through unchanged. A store on a SPARQL server (`sparql:`, `virtuoso:`) is passed through the
same front to that server.

Concurrency: an Oxigraph store on disk is one process's. Read-only, the store is served by
`oxigraph serve-read-only` while kg serve holds the store's lock (RocksDB's LOCK file), so a `kg ingest` fails at
once with "store ... is in use" and nothing ever writes under the reader; with `allow_update`, `oxigraph serve`
holds the lock itself. To ingest while serving, go through the endpoint:
`KG_STORE_TOKEN=T kg ingest --store sparql:http://HOST:PORT FILES` against `kg serve --allow-update --token T`.
"""
from __future__ import annotations

import csv
import fcntl
import hmac
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pyoxigraph as ox
import requests
from rdflib import Literal

from kg import queries
from kg.errors import ConfigError, StoreError
from kg.store import BACKENDS, store_spec
from kg.store.remote import Endpoints, RemoteStore, with_values

RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
START_SECONDS = 60


# ---------------------------------------------------------------- the backend

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


def lock_store(path: Path) -> int:
    """Hold the store's RocksDB lock for this process, as a writer would; raise when another process has it."""
    lock = path / "LOCK"
    if not lock.is_file():
        raise ConfigError(f"no kg store at {path}; ingest into it first (kg ingest --store {path} FILES)")
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        raise _in_use(path) from error
    return fd


def _in_use(path) -> StoreError:
    return StoreError(f"store {path} is in use by another process (a kg ingest?); wait for it to finish, "
                      "then start kg serve")


@dataclass
class Backend:
    """Where the front sends requests: a SPARQL server's endpoints, and the process and lock it owns."""

    endpoints: Endpoints
    http: requests.Session
    process: subprocess.Popen | None = None
    lock: int | None = None

    def close(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.lock is not None:
            os.close(self.lock)
        self.http.close()


def _wait_for(process: subprocess.Popen, url: str, path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode("utf-8", "replace")
            if "lock" in error.lower():
                raise _in_use(path)
            raise StoreError(f"the Oxigraph server stopped at once: {error.strip()[:500]}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise StoreError(f"the Oxigraph server did not answer within {START_SECONDS} s")


def oxigraph_backend(path: Path, allow_update: bool, timeout: int) -> Backend:
    """`oxigraph serve` (updates) or `oxigraph serve-read-only` (under our lock) on a private loopback port."""
    lock = None if allow_update else lock_store(path)
    port = _free_port()
    command = [oxigraph_binary(), "serve" if allow_update else "serve-read-only", "--location", str(path),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", str(timeout)]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(process, base + "/query", path)
    except Exception:
        process.kill()
        if lock is not None:
            os.close(lock)
        raise
    return Backend(Endpoints(base + "/query", base + "/update", base + "/store"), requests.Session(), process, lock)


def open_backend(spec: str | None, allow_update: bool, timeout: int) -> Backend:
    """The backend for a store spec: an Oxigraph server over a store folder, or the SPARQL server named."""
    spec = store_spec(spec)
    backend, sep, location = spec.partition(":")
    if sep and backend == "memory":
        raise ConfigError("kg serve needs a store that lasts: give a store folder or a SPARQL server, not memory:")
    if sep and backend in BACKENDS and issubclass(BACKENDS[backend], RemoteStore):
        store = BACKENDS[backend](location)
        return Backend(store.endpoints, store.http)
    path = Path(location if sep and backend == "oxigraph" else spec)
    return oxigraph_backend(path, allow_update, timeout)


# ---------------------------------------------------------------- the result cap

def _cap_json(body: bytes, limit: int) -> tuple[bytes, bool]:
    data = json.loads(body)
    bindings = data.get("results", {}).get("bindings", [])
    if len(bindings) <= limit:
        return body, False
    data["results"]["bindings"] = bindings[:limit]
    return json.dumps(data).encode(), True


def _cap_xml(body: bytes, limit: int) -> tuple[bytes, bool]:
    ElementTree.register_namespace("", RESULTS_NS)
    root = ElementTree.fromstring(body)
    results = root.find(f"{{{RESULTS_NS}}}results")
    rows = [] if results is None else list(results)
    if len(rows) <= limit:
        return body, False
    for row in rows[limit:]:
        results.remove(row)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True), True


def _cap_csv(body: bytes, limit: int) -> tuple[bytes, bool]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    if len(rows) <= limit + 1:
        return body, False
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows[:limit + 1])
    return out.getvalue().encode("utf-8"), True


def _cap_tsv(body: bytes, limit: int) -> tuple[bytes, bool]:
    lines = body.split(b"\n")  # TSV results escape line breaks inside values
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) <= limit + 1:
        return body, False
    return b"\n".join(lines[:limit + 1]) + b"\n", True


def _cap_rdf(body: bytes, limit: int, media_type: str) -> tuple[bytes, bool]:
    rdf_format = ox.RdfFormat.from_media_type(media_type)
    triples = []
    for quad in ox.parse(body, rdf_format):
        if len(triples) == limit:
            return ox.serialize(triples, format=rdf_format), True
        triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return body, False


CAPS = {
    "application/sparql-results+json": _cap_json, "application/json": _cap_json,
    "application/sparql-results+xml": _cap_xml, "application/xml": _cap_xml,
    "text/csv": _cap_csv, "text/tab-separated-values": _cap_tsv,
}


def cap(body: bytes, media_type: str, limit: int) -> tuple[bytes, bool]:
    """The answer cut at `limit` rows (or triples), and whether it was cut."""
    if media_type in CAPS:
        return CAPS[media_type](body, limit)
    if ox.RdfFormat.from_media_type(media_type) is not None:
        return _cap_rdf(body, limit, media_type)
    return body, False


# ---------------------------------------------------------------- the page

def examples() -> list[dict]:
    """The named queries as runnable examples: their parameters bound to "" in a VALUES row the user can edit."""
    out = []
    for name in queries.names():
        named = queries.load(name)
        text = with_values(named.text, {f"{p}_": Literal("") for p in named.params})
        out.append({"name": name, "description": named.description, "params": named.params, "text": text})
    return out


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222 }
textarea { width: 100%; height: 18em; font: 13px ui-monospace, monospace }
table { border-collapse: collapse; margin-top: 1em } td, th { border: 1px solid #ccc; padding: 3px 6px;
vertical-align: top; text-align: left } th { background: #f3f3f3 } #status { margin-left: 1em; color: #555 }
pre { white-space: pre-wrap }
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>Query the graph at <code>/query</code> (SPARQL 1.1 Protocol); queries see the union of all graphs.
Pick a named query to start from: its parameters are the <code>VALUES</code> row at the top of its WHERE.</p>
<label>Example <select id="example"><option value="">(choose a named query)</option></select></label>
<p id="description"></p>
<textarea id="editor" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10</textarea>
<p><button id="run">Run</button><span id="status"></span></p>
<div id="results"></div>
<script type="application/json" id="examples">EXAMPLES</script>
<script src="page.js"></script>
</body></html>
"""

PAGE_JS = """"use strict";
const examples = JSON.parse(document.getElementById("examples").textContent);
const select = document.getElementById("example"), editor = document.getElementById("editor");
const status = document.getElementById("status"), results = document.getElementById("results");
for (const example of examples) {
  const option = document.createElement("option");
  option.value = example.name; option.textContent = example.name;
  select.appendChild(option);
}
select.addEventListener("change", () => {
  const example = examples.find(e => e.name === select.value);
  if (!example) return;
  editor.value = example.text;
  const params = Object.entries(example.params).map(([k, v]) => `?${k}_: ${v}`).join("; ");
  document.getElementById("description").textContent = example.description + (params ? " Parameters: " + params : "");
});
function cell(row, tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  row.appendChild(element);
}
function table(data) {
  const t = document.createElement("table"), head = document.createElement("tr");
  for (const v of data.head.vars) cell(head, "th", v);
  t.appendChild(head);
  for (const binding of data.results.bindings) {
    const row = document.createElement("tr");
    for (const v of data.head.vars) cell(row, "td", binding[v] ? binding[v].value : "");
    t.appendChild(row);
  }
  return t;
}
async function run() {
  status.textContent = "running..."; results.replaceChildren();
  const started = performance.now();
  const response = await fetch("query", {method: "POST", body: new URLSearchParams({query: editor.value}),
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  const text = await response.text(), seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) { status.textContent = `error ${response.status}`; cell(results, "pre", text); return; }
  const cut = response.headers.get("X-KG-Truncated");
  const note = cut ? ` (cut at ${cut}: add LIMIT or filters)` : "";
  if ((response.headers.get("Content-Type") || "").includes("json")) {
    const data = JSON.parse(text);
    if ("boolean" in data) { status.textContent = `${data.boolean} in ${seconds} s`; return; }
    results.appendChild(table(data));
    status.textContent = `${data.results.bindings.length} rows in ${seconds} s${note}`;
  } else {
    cell(results, "pre", text);
    status.textContent = `graph in ${seconds} s${note}`;
  }
}
document.getElementById("run").addEventListener("click", run);
"""


def page() -> bytes:
    data = json.dumps(examples()).replace("</", "<\\/")
    return PAGE.replace("EXAMPLES", data).encode("utf-8")


# ---------------------------------------------------------------- the front

@dataclass(frozen=True)
class Settings:
    allow_update: bool
    token: str | None
    timeout: int
    limit: int


class Handler(BaseHTTPRequestHandler):
    """One request: the page, a query, an update or a Graph Store Protocol request, each checked and passed on."""

    server_version = "kg-serve"
    backend: Backend
    settings: Settings
    page: bytes

    def log_message(self, format, *args):  # noqa: A002 - the name is BaseHTTPRequestHandler's
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # -- plumbing

    def send(self, status: int, body: bytes, media_type: str = "text/plain; charset=utf-8", headers=()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def refuse(self, status: int, message: str) -> None:
        self.send(status, (message + "\n").encode("utf-8"))

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def authorised(self) -> bool:
        given = self.headers.get("Authorization") or ""
        expected = f"Bearer {self.settings.token}"
        return self.settings.allow_update and hmac.compare_digest(given.encode(), expected.encode())

    # -- routes

    def do_GET(self):
        route = urlsplit(self.path).path
        if route == "/":
            self.send(200, self.page, "text/html; charset=utf-8",
                      [("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")])
        elif route == "/page.js":
            self.send(200, PAGE_JS.encode("utf-8"), "text/javascript; charset=utf-8")
        elif route in ("/query", "/sparql"):
            self.sparql(parse_qs(urlsplit(self.path).query), get=True)
        elif route == "/store":
            self.graph_store()
        else:
            self.refuse(404, f"no {route} here: the page is /, queries go to /query, updates to /update")

    do_HEAD = do_GET

    def do_POST(self):
        route = urlsplit(self.path).path
        if route == "/store":
            return self.graph_store()
        if route not in ("/query", "/update", "/sparql"):
            return self.refuse(404, f"no {route} here: queries go to /query, updates to /update")
        params = parse_qs(urlsplit(self.path).query)
        media_type = self.media_type()
        if media_type == "application/x-www-form-urlencoded":
            params.update(parse_qs(self.body().decode("utf-8"), keep_blank_values=True))
        elif media_type == "application/sparql-query":
            params["query"] = [self.body().decode("utf-8")]
        elif media_type == "application/sparql-update":
            params["update"] = [self.body().decode("utf-8")]
        else:
            return self.refuse(415, "send application/x-www-form-urlencoded, application/sparql-query or "
                                    "application/sparql-update")
        self.sparql(params, get=False)

    def do_PUT(self):
        self.graph_store()

    def do_DELETE(self):
        self.graph_store()

    def sparql(self, params: dict[str, list[str]], get: bool) -> None:
        if "update" in params:
            if get:
                return self.refuse(400, "updates go by POST (SPARQL 1.1 Protocol)")
            return self.update(params["update"][0])
        if "query" not in params:
            return self.refuse(400, "give a query: ?query=... or a POST body")
        data = {"query": params["query"][0]}
        for key in ("default-graph-uri", "named-graph-uri"):
            if key in params:
                data[key] = params[key]
        if self.backend.endpoints.union_parameter and "default-graph-uri" not in params:
            data["union-default-graph"] = ""
        self.forward("POST", self.backend.endpoints.query, data=data,
                     headers={"Accept": self.headers.get("Accept") or "*/*"}, capped=True)

    def update(self, text: str) -> None:
        if not self.settings.allow_update:
            return self.refuse(403, "this endpoint is read-only: start kg serve with --allow-update --token TOKEN")
        if not self.authorised():
            return self.refuse(403, "updates need the header 'Authorization: Bearer TOKEN' with kg serve's token")
        self.forward("POST", self.backend.endpoints.update, data={"update": text})

    def graph_store(self) -> None:
        if self.backend.endpoints.store is None:
            return self.refuse(404, "this store has no Graph Store Protocol endpoint; use /query and /update")
        if self.command not in ("GET", "HEAD") and not self.authorised():
            return self.refuse(403, "writing graphs needs kg serve --allow-update --token TOKEN and the header "
                                    "'Authorization: Bearer TOKEN'")
        headers = {k: self.headers[k] for k in ("Accept", "Content-Type") if self.headers.get(k)}
        data = self.body() if self.command in ("PUT", "POST") else None
        self.forward(self.command, self.backend.endpoints.store, params=parse_qs(urlsplit(self.path).query),
                     data=data, headers=headers, capped=self.command == "GET")

    def forward(self, method: str, url: str, capped: bool = False, **kwargs) -> None:
        """Pass the request on; a query's answer is cut at the limit, and one that ran out of time is refused
        (the Oxigraph server ends an answer at its timeout, after the 200 status has gone)."""
        out_of_time = f"the query ran out of time ({self.settings.timeout} s); add LIMIT or narrow it"
        started = time.monotonic()
        try:
            answer = self.backend.http.request(method, url, timeout=self.settings.timeout + 5, **kwargs)
        except (requests.Timeout, requests.exceptions.ChunkedEncodingError):
            return self.refuse(503, out_of_time)
        except requests.RequestException as error:
            return self.refuse(502, f"the SPARQL server behind kg serve is unreachable: {type(error).__name__}")
        media_type = answer.headers.get("Content-Type", "text/plain").split(";")[0].strip()
        body, cut = answer.content, False
        if capped and answer.ok:
            if time.monotonic() - started >= self.settings.timeout:
                return self.refuse(503, out_of_time)
            try:
                body, cut = cap(body, media_type, self.settings.limit)
            except (ValueError, SyntaxError, csv.Error):  # ElementTree.ParseError is a SyntaxError
                return self.refuse(503, out_of_time)
        headers = [("X-KG-Truncated", str(self.settings.limit))] if cut else []
        self.send(answer.status_code, body, answer.headers.get("Content-Type", "text/plain"), headers)



class Server:
    """The front and its backend; `with Server(...) as s:` runs it in a thread until the block ends."""

    def __init__(self, store: str | None, host: str = "127.0.0.1", port: int = 7878, *, allow_update: bool = False,
                 token: str | None = None, timeout: int = 30, limit: int = 10000):
        if allow_update and not token:
            raise ConfigError("--allow-update needs --token TOKEN: clients send it as 'Authorization: Bearer TOKEN'")
        if timeout < 1 or limit < 1:
            raise ConfigError("--timeout and --limit must be at least 1")
        self.backend = open_backend(store, allow_update, timeout)
        handler = type("BoundHandler", (Handler,), {"backend": self.backend, "page": page(),
                                                     "settings": Settings(allow_update, token, timeout, limit)})
        try:
            self.http = ThreadingHTTPServer((host, port), handler)
        except OSError as error:
            self.backend.close()
            raise ConfigError(f"cannot listen on {host}:{port} ({error.strerror}); choose another --port") from error
        self.http.daemon_threads = True
        self.url = f"http://{host}:{self.http.server_address[1]}"

    def __enter__(self) -> "Server":
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.http.shutdown()
        self.close()

    def close(self) -> None:
        self.http.server_close()
        self.backend.close()


def serve(store_spec: str | None, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          token: str | None = None, timeout: int = 30, limit: int = 10000,
          ready: Callable[[str], None] = lambda url: None) -> None:
    """Serve the store's SPARQL endpoint and page at http://host:port/ until interrupted (Ctrl-C or SIGTERM);
    `ready` is called with the URL once it answers."""
    server = Server(store_spec, host, port, allow_update=allow_update, token=token, timeout=timeout, limit=limit)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the Oxigraph server and free the store too
    ready(server.url)
    try:
        server.http.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
