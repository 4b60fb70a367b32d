"""The graph of a CONSTRUCT or DESCRIBE answer drawn as kg's query view (`kg.views.render_view`), the page that
the query page's "Draw this graph as a view" link opens."""
from __future__ import annotations

import tempfile
from pathlib import Path

import rdflib

from kg.serve.backend import Answer, Refusal

ACCEPT = "text/turtle, application/sparql-results+json;q=0.5"  # a SELECT answers, to be refused clearly
GRAPH_MEDIA_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}
# The view carries its own Content-Security-Policy (scripts by hash); served from here it also gets an origin of
# its own, so nothing in it could call this server as the query page.
VIEW_POLICY = "sandbox allow-scripts"


def draw(answer: Answer, title: str) -> bytes:
    """The HTML page of the query view of the answer's graph."""
    if answer.media_type not in GRAPH_MEDIA_TYPES:
        raise Refusal(400, "a view is drawn from the graph of a CONSTRUCT or DESCRIBE query, not from a SELECT or "
                           "ASK; write a CONSTRUCT")
    graph = rdflib.Graph().parse(data=answer.body, format=answer.media_type)
    from kg.views import render_view  # networkx, pyvis and jinja2 are needed only when a view is drawn
    with tempfile.TemporaryDirectory(prefix="kg-view-") as folder:
        path = Path(folder) / "view.html"
        render_view(graph, path, view="query", title=title)
        return path.read_bytes()
