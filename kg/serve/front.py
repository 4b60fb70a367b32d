"""The HTTP front of `kg serve`: one request at a time checked and passed to the backend (`Handler`)."""
from __future__ import annotations

import hmac
import sys
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from kg.serve.backend import Answer, Backend, Refusal
from kg.serve.drawing import ACCEPT as GRAPH_ACCEPT
from kg.serve.drawing import VIEW_POLICY, draw
from kg.serve.page import PAGE_POLICY, page_file
from kg.serve.prefixes import error_positions, with_kg_prefixes
from kg.serve.settings import Settings

QUERY_ROUTES = ("/query", "/sparql")


class Handler(BaseHTTPRequestHandler):
    """One request: the page, a query, a view of a query's graph, an update or a Graph Store Protocol request."""

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
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def refuse(self, status: int, message: str) -> None:
        self.send(status, (message + "\n").encode("utf-8"))

    def pass_on(self, answer: Answer, lines_added: int = 0) -> None:
        """The backend's answer as it came, but for a query error's position, counted in the query as written."""
        body = answer.body
        if lines_added and answer.status == 400:
            body = error_positions(body.decode("utf-8", "replace"), lines_added).encode("utf-8")
        headers = [("X-KG-Truncated", str(self.settings.limit))] if answer.cut else []
        self.send(answer.status, body, answer.content_type, headers)

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def authorised(self) -> bool:
        given = self.headers.get("Authorization") or ""
        expected = f"Bearer {self.settings.token}"
        return self.settings.allow_update and hmac.compare_digest(given.encode(), expected.encode())

    def params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query, keep_blank_values=True)

    # -- routes

    def answer(self, route) -> None:
        try:
            route()
        except Refusal as refusal:
            self.refuse(refusal.status, refusal.message)

    def do_GET(self):
        self.answer(self.get)

    do_HEAD = do_GET

    def do_POST(self):
        self.answer(self.post)

    def do_PUT(self):
        self.answer(self.graph_store)

    do_DELETE = do_PUT

    def get(self) -> None:
        route = urlsplit(self.path).path
        if route == "/":
            self.send(200, self.page, "text/html; charset=utf-8", [("Content-Security-Policy", PAGE_POLICY)])
        elif page_file(route):
            self.send(200, *page_file(route))
        elif route in QUERY_ROUTES:
            self.sparql(self.params(), get=True)
        elif route == "/view":
            self.view(self.params())
        elif route == "/store":
            self.graph_store()
        else:
            raise Refusal(404, f"no {route} here: the page is /, queries go to /query, updates to /update")

    def post(self) -> None:
        route = urlsplit(self.path).path
        if route == "/store":
            return self.graph_store()
        if route not in (*QUERY_ROUTES, "/update"):
            raise Refusal(404, f"no {route} here: queries go to /query, updates to /update")
        params = self.params()
        media_type = self.media_type()
        if media_type == "application/x-www-form-urlencoded":
            params.update(parse_qs(self.body().decode("utf-8"), keep_blank_values=True))
        elif media_type == "application/sparql-query":
            params["query"] = [self.body().decode("utf-8")]
        elif media_type == "application/sparql-update":
            params["update"] = [self.body().decode("utf-8")]
        else:
            raise Refusal(415, "send application/x-www-form-urlencoded, application/sparql-query or "
                               "application/sparql-update")
        self.sparql(params, get=False)

    # -- what each route does

    def ask_query(self, params: dict[str, list[str]], accept: str) -> tuple[Answer, int]:
        """The backend's answer to the query in `params`, with kg's prefixes, and how many lines they took."""
        if "query" not in params:
            raise Refusal(400, "give a query: ?query=... or a POST body")
        query, lines_added = with_kg_prefixes(params["query"][0])
        data = {"query": query}
        for key in ("default-graph-uri", "named-graph-uri"):
            if key in params:
                data[key] = params[key]
        if self.backend.endpoints.union_parameter and "default-graph-uri" not in params:
            data["union-default-graph"] = ""
        answer = self.backend.ask("POST", self.backend.endpoints.query, self.settings, capped=True, data=data,
                                  headers={"Accept": accept})
        return answer, lines_added

    def sparql(self, params: dict[str, list[str]], get: bool) -> None:
        if "update" in params:
            if get:
                raise Refusal(400, "updates go by POST (SPARQL 1.1 Protocol)")
            return self.update(params["update"][0])
        self.pass_on(*self.ask_query(params, self.headers.get("Accept") or "*/*"))

    def view(self, params: dict[str, list[str]]) -> None:
        answer, lines_added = self.ask_query(params, GRAPH_ACCEPT)
        if answer.status != 200:
            return self.pass_on(answer, lines_added)
        title = f"kg: a query's graph (its first {self.settings.limit} triples)" if answer.cut else "kg: a query's graph"
        headers = [("Content-Security-Policy", VIEW_POLICY)]
        headers += [("X-KG-Truncated", str(self.settings.limit))] if answer.cut else []
        self.send(200, draw(answer, title), "text/html; charset=utf-8", headers)

    def update(self, text: str) -> None:
        if not self.settings.allow_update:
            raise Refusal(403, "this endpoint is read-only: start kg serve with --allow-update --token TOKEN")
        if not self.authorised():
            raise Refusal(403, "updates need the header 'Authorization: Bearer TOKEN' with kg serve's token")
        self.pass_on(self.backend.ask("POST", self.backend.endpoints.update, self.settings, data={"update": text}))

    def graph_store(self) -> None:
        if self.backend.endpoints.store is None:
            raise Refusal(404, "this store has no Graph Store Protocol endpoint; use /query and /update")
        if self.command not in ("GET", "HEAD") and not self.authorised():
            raise Refusal(403, "writing graphs needs kg serve --allow-update --token TOKEN and the header "
                               "'Authorization: Bearer TOKEN'")
        headers = {k: self.headers[k] for k in ("Accept", "Content-Type") if self.headers.get(k)}
        data = self.body() if self.command in ("PUT", "POST") else None
        self.pass_on(self.backend.ask(self.command, self.backend.endpoints.store, self.settings,
                                      capped=self.command == "GET", params=self.params(), data=data,
                                      headers=headers))
