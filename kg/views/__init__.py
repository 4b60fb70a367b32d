"""Interactive network views of the knowledge graph: `render_view` writes one self-contained HTML page.

A view of a store reads only what it draws (`kg.views.read`); the query view draws an RDF graph as it is
(`kg.views.as_is`); `kg.views.layout` places the nodes and `kg.views.html` writes the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.errors import ConfigError
from kg.store import Store
from kg.views import as_is
from kg.views.html import write_page
from kg.views.read import read_scene
from kg.views.timeline import read_timeline
from kg.views.timeline_html import write_timeline

__all__ = ["VIEWS", "ViewStats", "render_view"]

VIEWS = ("entity", "speaker", "claims", "figures", "timeline", "query")


@dataclass(frozen=True)
class ViewStats:
    """What a written view shows: `nodes_shown` of the view's `nodes_total` (at least), cut to the limit if
    `truncated`; `focus_matches` are the other entities the focus name matched."""

    nodes_total: int
    nodes_shown: int
    edges_shown: int
    truncated: bool
    path: Path
    focus_matches: tuple[str, ...] = field(default=())
    shows: str = ""  # what the page draws, in words ("13 nodes, 20 edges"; a timeline's points)
    unit: str = "nodes"  # what nodes_shown and nodes_total count

    @property
    def summary(self) -> str:
        """One line: what the page shows, and how much of the view it is when cut to the limit."""
        shows = self.shows or f"{self.nodes_shown} nodes, {self.edges_shown} edges"
        cut = f" (showing {self.nodes_shown} of at least {self.nodes_total} {self.unit})" if self.truncated else ""
        return shows + cut


def render_view(
    source: Store | Graph,
    out_path: str | Path,
    *,
    view: str = "entity",
    focus: str | None = None,
    depth: int = 2,
    limit: int = 300,
    title: str = "kg",
) -> ViewStats:
    """Write an HTML page drawing `view` of `source` to `out_path`.

    `source` is a store (`kg.store.open_store`), read by bounded SPARQL for the views entity, speaker, claims,
    figures and timeline (a focus's figures over periods, guidance beside results, claims and quotations in time
    order: `kg.views.timeline`); or an rdflib Graph for the query view, which draws it as it is (e.g. a CONSTRUCT
    result).
    `focus` names an entity (a name, alias or ticker; in the query view any node's name); the view then shows its
    surroundings, up to `depth` hops in the entity and query views. At most `limit` nodes are drawn.
    """
    path = _checked(out_path, view, depth, limit)
    if isinstance(source, Store) == (view == "query"):
        raise ConfigError("the query view draws an RDF graph (e.g. a CONSTRUCT result); the other views read a "
                          "store" if view == "query" else f"the {view} view reads a store, not an RDF graph: open "
                          "one with kg.store.open_store, or draw the graph with view='query'")
    if view == "timeline":
        return _timeline(source, path, focus, limit, title)
    if view == "query":
        scene = as_is.scene(source, focus=focus, depth=depth, limit=limit)
    else:
        scene = read_scene(source, view, focus, depth, limit)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_page(scene, path, title=title)
    shown = len(scene.graph)
    return ViewStats(scene.nodes_total, shown, scene.graph.number_of_edges(), scene.omitted > 0, path,
                     tuple(scene.matches))


def _timeline(store: Store, path: Path, focus: str | None, limit: int, title: str) -> ViewStats:
    if not focus:
        raise ConfigError("the timeline view is of one company or person: name it with --focus (e.g. --focus Nvidia)")
    timeline = read_timeline(store, focus, limit)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_timeline(timeline, path, title=title)
    figures = timeline.points - len(timeline.events)
    charts = f"{len(timeline.lanes)} chart" + ("" if len(timeline.lanes) == 1 else "s")
    shows = (f"{timeline.points} points on a timeline: {figures} figures in {charts}, "
             f"{len(timeline.events)} claims and quotations")
    return ViewStats(timeline.points + timeline.omitted, timeline.points, 0, timeline.omitted > 0, path,
                     tuple(timeline.matches), shows, "points")


def _checked(out_path: str | Path, view: str, depth: int, limit: int) -> Path:
    if view not in VIEWS:
        raise ConfigError(f"unknown view '{view}'; choose one of: {', '.join(VIEWS)}")
    if depth < 0:
        raise ConfigError(f"depth must be 0 or more, not {depth}")
    if limit < 1:
        raise ConfigError(f"limit must be at least 1, not {limit}")
    path = Path(out_path)
    if path.suffix != ".html":
        raise ConfigError(f"a view is written to an .html file, not '{path}'")
    return path
