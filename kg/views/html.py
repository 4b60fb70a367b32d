"""Render a projected view as one self-contained HTML page with pyvis and kg's own template.

The page loads nothing from the network: vis-network's JS and CSS come from pyvis's package folder
and are inlined, and a Content-Security-Policy allows only the page's own scripts (by hash). All
graph data reaches the page as JSON in `<script type="application/json">` blocks, with `<`, `>`, `&`
and `'` escaped, and the page's script renders it with textContent only.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from kg.views.graph import FIGURE_COLUMNS, figure_rows, radial_layout

HERE = Path(__file__).parent
VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
TEMPLATE = "template.html"
PHYSICS_NODE_LIMIT = 500  # above this, the page runs no physics: the positions computed here stay
STABILIZATION_ITERATIONS = 150  # at most; fewer for larger views, to spend about PHYSICS_BUDGET
PHYSICS_BUDGET = 30_000  # node-iterations: about a second of forceAtlas2 in headless Chromium on 2 cores

# kind: (name in the legend and filters, colour, vis shape, legend glyph)
STYLES = {
    "person": ("people", "#4e79a7", "dot", "●"),
    "organization": ("organisations", "#f28e2b", "square", "■"),
    "model": ("models", "#b07aa1", "diamond", "◆"),
    "product": ("products", "#9c755f", "triangle", "▲"),
    "quote": ("quotes", "#59a14f", "dot", "●"),
    "claim": ("claims", "#e15759", "triangleDown", "▼"),
    "figure": ("figures", "#edc948", "star", "★"),
    "document": ("documents", "#76b7b2", "hexagon", "⬢"),
    "event": ("events", "#ff9da7", "diamond", "◆"),
    "other": ("other", "#bab0ac", "dot", "●"),
}


def write_page(view: nx.MultiDiGraph, path: Path, *, title: str, view_name: str, focus, nodes_total: int) -> None:
    """Write `view` to `path` (a .html file) as an interactive network page; `focus` (a node) starts selected."""
    network = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    ids = {node: index for index, node in enumerate(view)}
    _add_graph(network, view, ids)
    network.set_options(json.dumps(vis_options(len(view))))
    page = {
        "view": view_name,
        "focus": view.nodes[focus]["label"] if focus is not None else None,
        "focusNode": ids.get(focus),
        "nodesTotal": nodes_total,
        "nodesShown": len(view),
        "edgesShown": view.number_of_edges(),
        "kinds": _legend(view),
        "figureColumns": FIGURE_COLUMNS if view_name == "figures" else [],
        "figureRows": _figure_table(view, ids) if view_name == "figures" else [],
    }
    network.templateEnv = _environment(page)
    network.path = TEMPLATE
    # generate_html + an explicit UTF-8 write: pyvis's write_html uses the locale's encoding
    path.write_text(network.generate_html(), encoding="utf-8")


def _add_graph(network: Network, view: nx.MultiDiGraph, ids: dict) -> None:
    positions = radial_layout(view)
    for node, data in view.nodes(data=True):
        _, colour, shape, _ = STYLES[data["kind"]]
        x, y = positions[node]
        network.add_node(
            ids[node],
            label=data["label"],
            title=data["tooltip"],
            shape=shape,
            color=colour,
            size=round(min(45.0, 10 + 4 * math.sqrt(data["weight"])), 1),
            kind=data["kind"],
            names=data["names"][1:],
            details=data["details"],
            x=x,
            y=y,
        )
    for source, target, data in view.edges(data=True):
        network.add_edge(ids[source], ids[target], label=data["label"], title=data["label"])


def vis_options(node_count: int) -> dict:
    """vis-network options: a bounded forceAtlas2 stabilization, or none for large views laid out here."""
    physics = node_count <= PHYSICS_NODE_LIMIT
    large = not physics
    iterations = max(30, min(STABILIZATION_ITERATIONS, PHYSICS_BUDGET // max(node_count, 1)))
    return {
        "layout": {"improvedLayout": False},
        "nodes": {"font": {"size": 14}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#333333", "hover": "#333333"},
            "font": {"size": 10, "color": "#555555", "align": "middle"},
            "smooth": False if large else {"enabled": True, "type": "curvedCW", "roundness": 0.1},
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 110, "avoidOverlap": 0.5},
            "stabilization": {"enabled": physics, "iterations": iterations, "updateInterval": 50},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
    }


def _legend(view: nx.MultiDiGraph) -> list[dict]:
    counts = {}
    for _, kind in view.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return [
        {"kind": kind, "label": label, "color": colour, "glyph": glyph, "count": counts[kind]}
        for kind, (label, colour, _, glyph) in STYLES.items()
        if kind in counts
    ]


def _figure_table(view: nx.MultiDiGraph, ids: dict) -> list[dict]:
    return [{"node": ids[node], "cells": list(cells)} for node, cells in figure_rows(view)]


def _environment(page: dict) -> Environment:
    """A Jinja environment for kg's template, with autoescaping and the page's data and assets."""
    environment = Environment(loader=FileSystemLoader(str(HERE)), autoescape=True)
    environment.globals.update(page=page, **_assets())
    return environment


@lru_cache(maxsize=1)
def _assets() -> dict:
    """The inlined scripts and styles, and a Content-Security-Policy that admits only those scripts."""
    scripts = {"vis_js": (VIS_DIR / "vis-network.min.js").read_text("utf-8"), "view_js": (HERE / "view.js").read_text("utf-8")}
    styles = {"vis_css": (VIS_DIR / "vis-network.css").read_text("utf-8"), "view_css": (HERE / "view.css").read_text("utf-8")}
    for name, text in {**scripts, **styles}.items():
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError(f"{name} cannot be inlined: it contains a closing tag")
    hashes = " ".join(f"'sha256-{_sha256(text)}'" for text in scripts.values())
    csp = f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; font-src data:"
    return {**scripts, **styles, "csp": csp}


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
