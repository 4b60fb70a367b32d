"""Write a scene as one self-contained HTML page: kg's template, vis-network and the page's script, inlined.

The page loads nothing from the network: vis-network's JS and CSS come from pyvis's package folder and are
inlined, and a Content-Security-Policy allows only the page's own scripts (by hash). All graph data reaches the
page as JSON in `<script type="application/json">` blocks, with `<`, `>`, `&` and `'` escaped, and the page's
script renders it with textContent only. Positions come from `kg.views.layout`; the page runs no physics.
"""
from __future__ import annotations

import base64
import hashlib
import math
from functools import lru_cache
from pathlib import Path

import pyvis
from jinja2 import Environment, FileSystemLoader

from kg.views.describe import FIGURE_COLUMNS
from kg.views.layout import CELL_HEIGHT, CELL_WIDTH, grid_layout
from kg.views.scene import Scene

HERE = Path(__file__).parent
VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
TEMPLATE = "template.html"
FONT_SIZE = 16  # canvas units; a label is drawn at FONT_SIZE x zoom pixels (13.6 at READABLE_SCALE)
ROOT_FONT_SIZE = 24  # the focus and the centres of clusters
READABLE_SCALE = 0.85  # the page opens at least this zoomed in, on the focus or the first cluster
HIDDEN_BELOW = 10  # labels smaller than about this many pixels are not drawn (zoomed out, they would be a smudge)
NODE_FONT = {"size": FONT_SIZE, "color": "#1f2933", "strokeWidth": 4, "strokeColor": "#ffffff"}  # a white halo
EDGE_LABELS_FROM = 12  # edge labels (11 units) are drawn from a zoom of about 1 on: below, they clutter

LOOSE_RELATIONS = ("mentioned with", "mentions")  # drawn dashed and light: a document in common, not a stated fact
_LOOSE = {"dashes": True, "color": {"color": "#c3cad3"}, "arrows": {"to": {"enabled": False}}}

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


def write_page(scene: Scene, path: Path, *, title: str) -> None:
    """Write `scene` to `path` (a .html file) as an interactive network page; its focus starts selected."""
    graph = scene.graph
    ids = {node: index for index, node in enumerate(graph)}
    document_ids = {document: len(ids) + index for index, document in enumerate(scene.documents)}
    roots = [root for root in scene.roots if root in ids] or ([scene.focus] if scene.focus in ids else [])
    large = set(roots) | ({scene.focus} if scene.focus in ids else set())
    positions, tops = grid_layout(list(graph), [(a, b) for a, b in graph.edges()], roots, wide=large)
    nodes = [_node(ids[node], data, positions[node], node in large) for node, data in graph.nodes(data=True)]
    for entity, (count, recent) in scene.document_lists.items():
        nodes[ids[entity]]["documents"] = {"count": count, "ids": [document_ids[d] for d in recent if d in document_ids]}
    edges = [{"from": ids[a], "to": ids[b], "label": data["label"], "title": data["label"],
              **(_LOOSE if data["relation"] in LOOSE_RELATIONS else {})} for a, b, data in graph.edges(data=True)]
    page = {
        "view": scene.view,
        "focus": graph.nodes[scene.focus]["names"][0] if scene.focus in ids else None,
        "focusNode": ids.get(scene.focus),
        "startNode": ids[roots[0]] if roots else (0 if nodes else None),
        "matches": scene.matches,
        "nodesTotal": scene.nodes_total,
        "nodesShown": len(nodes),
        "edgesShown": len(edges),
        "readableScale": READABLE_SCALE,
        "looseEdge": _LOOSE,
        "cell": [CELL_WIDTH, CELL_HEIGHT],
        "kinds": _legend(graph, len(scene.documents)),
        "clusters": [{"node": ids[root], "label": graph.nodes[root]["names"][0], "x": tops[root][0], "y": tops[root][1]}
                     for root in roots if root in tops] if scene.clusters else [],
        "figureColumns": FIGURE_COLUMNS if scene.view == "figures" else [],
        "figureRows": _figure_table(scene, ids) if scene.view == "figures" else [],
        "panels": [{"title": panel.title, "columns": panel.columns, "rows": panel.rows, "total": panel.total,
                    "nodes": [ids.get(node) for node in panel.nodes]} for panel in scene.panels],
        "documents": [_document(document_ids[document], data) for document, data in scene.documents.items()],
        "documentMentions": {document_ids[document]: [ids[entity] for entity in entities if entity in ids]
                             for document, entities in scene.document_mentions.items() if document in document_ids},
    }
    environment = Environment(loader=FileSystemLoader(str(HERE)), autoescape=True)
    html = environment.get_template(TEMPLATE).render(heading=title, page=page, nodes=nodes, edges=edges,
                                                     options=vis_options(len(nodes)), **_assets())
    path.write_text(html, encoding="utf-8")


def _node(node_id: int, data: dict, position: tuple[float, float], large: bool) -> dict:
    _, colour, shape, _ = STYLES[data["kind"]]
    size = 30 if large else min(26.0, 10 + 3 * math.sqrt(data.get("weight", 0)))
    return {
        "id": node_id,
        "label": data["label"],
        "title": data["tooltip"],
        "shape": shape,
        "color": colour,
        "size": round(size, 1),
        "font": dict(NODE_FONT, size=ROOT_FONT_SIZE if large else FONT_SIZE),  # a node's font replaces the default
        "kind": data["kind"],
        "names": data["names"][1:],
        "details": data["details"],
        "x": position[0],
        "y": position[1],
    }


def _document(node_id: int, data: dict) -> dict:
    _, colour, shape, _ = STYLES["document"]
    return {"id": node_id, "label": data["label"], "title": data["tooltip"], "shape": shape, "color": colour,
            "size": 12, "kind": "document", "names": [], "details": data["details"]}


def vis_options(node_count: int) -> dict:
    """vis-network options: no physics (positions are computed), labels haloed in white (edges pass under them)
    and hidden when too small to read."""
    large = node_count > 500
    return {
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {"font": NODE_FONT, "borderWidth": 1,
                  "scaling": {"label": {"enabled": False, "drawThreshold": HIDDEN_BELOW}}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa5b1", "highlight": "#52606d", "hover": "#52606d"},
            "selectionWidth": 0.5,
            "font": {"size": 11, "color": "#555555", "align": "middle"},
            "scaling": {"label": {"enabled": False, "drawThreshold": EDGE_LABELS_FROM}},
            "smooth": False,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
    }


def _legend(graph, on_demand: int) -> list[dict]:
    """The kinds drawn, with how many of each; documents also when `on_demand` of them can be drawn."""
    counts = {}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    if on_demand:
        counts.setdefault("document", 0)
    return [
        {"kind": kind, "label": label, "color": colour, "glyph": glyph, "count": counts[kind],
         "onDemand": on_demand if kind == "document" else 0}
        for kind, (label, colour, _, glyph) in STYLES.items()
        if kind in counts
    ]


def _figure_table(scene: Scene, ids: dict) -> list[dict]:
    figures = [(data["order"], str(node), node, data["row"]) for node, data in scene.graph.nodes(data=True)
               if data["kind"] == "figure"]
    return [{"node": ids[node], "cells": list(cells)} for _, _, node, cells in sorted(figures)]


@lru_cache(maxsize=1)
def _assets() -> dict:
    """The inlined scripts and styles, and a Content-Security-Policy that admits only those scripts."""
    scripts = {"vis_js": (VIS_DIR / "vis-network.min.js").read_text("utf-8"), "view_js": (HERE / "view.js").read_text("utf-8")}
    styles = {"vis_css": (VIS_DIR / "vis-network.css").read_text("utf-8"), "view_css": (HERE / "view.css").read_text("utf-8")}
    for name, text in {**scripts, **styles}.items():
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError(f"{name} cannot be inlined: it contains a closing tag")
    return {**scripts, **styles, "csp": content_policy(scripts.values())}


def content_policy(scripts) -> str:
    """A Content-Security-Policy that admits only these inline scripts (by hash) and loads nothing."""
    hashes = " ".join(f"'sha256-{_sha256(text)}'" for text in scripts)
    return f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; font-src data:"


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
