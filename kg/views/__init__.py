"""Interactive network views of the knowledge graph: `render_view` writes one self-contained HTML page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError
from kg.views.graph import ENTITY_KINDS, KINDS, VIEWS, find_focus, project, project_as_is, rank, select
from kg.views.html import write_page

__all__ = ["VIEWS", "ViewStats", "render_view"]

_FOCUS_KINDS = {"speaker": ("person",), "query": (*KINDS, "other")}


@dataclass(frozen=True)
class ViewStats:
    """What a written view shows: `nodes_shown` of the view's `nodes_total`, cut to the limit if `truncated`."""

    nodes_total: int
    nodes_shown: int
    edges_shown: int
    truncated: bool
    path: Path


def render_view(
    graph,
    out_path: str | Path,
    *,
    view: str = "entity",
    focus: str | None = None,
    depth: int = 2,
    limit: int = 300,
    title: str = "kg",
) -> ViewStats:
    """Write an HTML page drawing `view` of `graph` (an rdflib Graph) to `out_path`.

    `focus` names an entity (name or alias, any case); the view then shows its surroundings, up to
    `depth` hops in the entity and query views. At most `limit` nodes are drawn: the most central.
    Views: entity, speaker, claims, figures, query (the graph as it is, e.g. a CONSTRUCT result).
    """
    path = _checked(out_path, view, depth, limit)
    projected = project_as_is(graph) if view == "query" else project(graph)
    focus_node = find_focus(projected, focus, _FOCUS_KINDS.get(view, ENTITY_KINDS)) if focus else None
    chosen = select(projected, view, focus_node, depth)
    shown = projected.subgraph(rank(projected, chosen, focus_node)[:limit]).copy()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_page(shown, path, title=title, view_name=view, focus=focus_node, nodes_total=len(chosen))
    return ViewStats(len(chosen), len(shown), shown.number_of_edges(), len(chosen) > limit, path)


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
