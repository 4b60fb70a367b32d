"""What a page draws and what it can add on demand: the one structure between reading a view and writing it."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx


@dataclass
class Panel:
    """A table the side panel opens with one click: `rows` of cells under `columns`, of `total` in the store;
    `nodes` gives, for each row, the drawn node it stands for (or None)."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    total: int
    nodes: list = field(default_factory=list)


@dataclass
class Scene:
    """Nodes and edges to draw (a networkx MultiDiGraph; node attributes as `kg.views.describe` makes them, edges
    with `relation` and `label`), at most `limit` nodes, added in order of importance.

    `roots` are the nodes the layout grows clusters from, most important first (`clusters` names those whose
    cluster carries a title). `documents` are documents not drawn, with `document_lists` (entity: how many
    documents mention it and the IRIs of the most recent) and `document_mentions` (document: the drawn entities
    it mentions), so that the page draws them on demand. `panels` are the focus's tables, `omitted` counts what
    the view has but does not draw, `matches` the other entities a focus name matched."""

    view: str
    limit: int
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    focus: object = None
    roots: list = field(default_factory=list)
    clusters: bool = False
    documents: dict = field(default_factory=dict)
    document_lists: dict = field(default_factory=dict)
    document_mentions: dict = field(default_factory=dict)
    panels: list[Panel] = field(default_factory=list)
    omitted: int = 0
    matches: list[str] = field(default_factory=list)

    @property
    def room(self) -> int:
        return max(0, self.limit - len(self.graph))

    def add(self, node, attributes: dict) -> bool:
        """Draw `node` unless it is drawn already or there is no room left (then it counts as omitted)."""
        if node in self.graph:
            return True
        if not self.room:
            self.omitted += 1
            return False
        self.graph.add_node(node, **attributes)
        return True

    def link(self, source, target, relation: str, label: str | None = None) -> None:
        """An edge between two drawn nodes (once per relation); nothing when either is not drawn."""
        if source in self.graph and target in self.graph and source != target:
            self.graph.add_edge(source, target, key=relation if label is None else f"{relation}:{label}",
                                relation=relation, label=relation if label is None else label)

    @property
    def nodes_total(self) -> int:
        return len(self.graph) + self.omitted
