"""Positions for a view's nodes, computed here so that the page runs no physics and no label covers another.

Each node takes one cell of a grid sized for a node and its label (two lines of about 24 characters). Clusters
grow from the view's roots (the focus, or the centres of a view without one; else each part's first node):
breadth first, every node joins the nearest root, and its children take the free cells nearest to it, outward
first. Clusters are then packed in rows, the most important first. O(nodes x cells searched), no physics.
"""
from __future__ import annotations

import math
from collections import deque

CELL_WIDTH = 230.0  # canvas units: a label line of about 24 characters at 16 units, and some air
CELL_HEIGHT = 110.0  # a node of up to 30 units' radius, two lines of label below it, and some air
ASPECT = 1.6  # clusters are packed in rows about this much wider than high, like a screen


def grid_layout(nodes: list, edges: list[tuple], roots: list = (), wide: set = frozenset()) -> tuple[dict, dict]:
    """(x, y) for each of `nodes` (most important first) linked by `edges` ((a, b) pairs): clusters grown from
    `roots`, packed in rows; and for each cluster's root, the middle of the cluster's top edge (for a title). A node
    in `wide` (a larger label) keeps the cells beside it free."""
    neighbours = {node: [] for node in nodes}
    for a, b in edges:
        if a != b and a in neighbours and b in neighbours:
            neighbours[a].append(b)
            neighbours[b].append(a)
    rank = {node: index for index, node in enumerate(nodes)}
    for linked in neighbours.values():
        linked.sort(key=rank.__getitem__)
    clusters = [_place(tree, wide) for tree in _forest(nodes, neighbours, [r for r in roots if r in neighbours])]
    return _pack(clusters)


def _forest(nodes: list, neighbours: dict, roots: list) -> list[list[tuple]]:
    """Breadth-first trees, grown from `roots` together, then from the first node not reached, and so on: each a
    list of (node, parent) in breadth-first order."""
    owner, trees, queue = {}, {}, deque()
    pending = iter(nodes)
    starts = list(roots)
    while True:
        if not starts:
            starts = next(([node] for node in pending if node not in owner), [])
            if not starts:
                break
        for root in starts:
            if root not in owner:
                owner[root] = root
                trees[root] = [(root, None)]
                queue.append(root)
        starts = []
        while queue:
            node = queue.popleft()
            for neighbour in neighbours[node]:
                if neighbour not in owner:
                    owner[neighbour] = owner[node]
                    trees[owner[node]].append((neighbour, node))
                    queue.append(neighbour)
    return list(trees.values())


def _place(tree: list[tuple], wide: set) -> dict:
    """Cells for one tree: the root at (0, 0), each node's children in the free cells nearest to it, outward first."""
    cells, taken = {}, set()
    children = {}
    for node, parent in tree:
        children.setdefault(parent, []).append(node)
    root = tree[0][0]
    cells[root] = (0, 0)
    _take(taken, (0, 0), root in wide)
    for node, _ in tree:
        kids = children.get(node, [])
        if not kids:
            continue
        free = _free_cells(cells[node], len(kids), taken)
        for kid, cell in zip(kids, free):
            cells[kid] = cell
            _take(taken, cell, kid in wide)
    return cells


def _take(taken: set, cell: tuple[int, int], wide: bool) -> None:
    taken.add(cell)
    if wide:
        taken.update({(cell[0] - 1, cell[1]), (cell[0] + 1, cell[1])})


def _free_cells(centre: tuple[int, int], count: int, taken: set) -> list[tuple[int, int]]:
    """The `count` free cells nearest `centre` (by distance on the canvas), those farther from the origin (the
    root) first among equally near ones: searched in a box around it (twice as many cells high as wide, cells
    being about twice as wide as high), grown until it holds enough."""
    cx, cy = centre
    reach = 1
    while True:
        free = [(cx + dx, cy + dy) for dx in range(-reach, reach + 1) for dy in range(-2 * reach, 2 * reach + 1)
                if (cx + dx, cy + dy) not in taken]
        if len(free) >= count:
            break
        reach += 1

    def key(cell):
        near = math.hypot((cell[0] - cx) * CELL_WIDTH, (cell[1] - cy) * CELL_HEIGHT)
        outward = math.hypot(cell[0] * CELL_WIDTH, cell[1] * CELL_HEIGHT)
        return (round(near / CELL_HEIGHT), -outward, cell)

    return sorted(free, key=key)[:count]


def _pack(clusters: list[dict]) -> tuple[dict, dict]:
    """Clusters (cells around (0, 0), the root's first) left to right in rows about ASPECT times wider than high, the
    first at the top left; positions in canvas units, and the middle of each cluster's top edge by its root."""
    boxes = []
    for cells in clusters:
        xs, ys = [x for x, _ in cells.values()], [y for _, y in cells.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1))
    area = sum((w + 1) * CELL_WIDTH * (h + 1) * CELL_HEIGHT if w * h > 1 else CELL_WIDTH * CELL_HEIGHT for _, _, w, h in boxes)
    row_width = max([math.sqrt(area * ASPECT)] + [(w + 1) * CELL_WIDTH for _, _, w, _ in boxes[:1]])
    positions, tops, x, y, row_height = {}, {}, 0.0, 0.0, 0.0
    for cells, (left, top, w, h) in zip(clusters, boxes):
        gap = 0 if w == h == 1 else 1  # a cell between clusters; a lone node's cell has air enough
        width, height = (w + gap) * CELL_WIDTH, (h + gap) * CELL_HEIGHT
        if x and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (cx, cy) in cells.items():
            positions[node] = (round(x + (cx - left) * CELL_WIDTH, 1), round(y + (cy - top) * CELL_HEIGHT, 1))
        tops[next(iter(cells))] = (round(x + (w - 1) * CELL_WIDTH / 2, 1), round(y - CELL_HEIGHT / 2, 1))
        x, row_height = x + width, max(row_height, height)
    return positions, tops
