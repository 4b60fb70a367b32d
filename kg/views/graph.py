"""Project an RDF graph of kg's vocabulary onto a networkx graph, and select what a view shows.

Every node carries `kind` (one of KINDS, or "other" in the query view), a short `label`, `details`
(ordered (field, text) pairs for the side panel), `tooltip` (plain text) and `weight` (what its size
grows with). Every edge carries `relation` (what the page's logic keys on) and `label` (what it shows).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict, deque

import networkx as nx
from rdflib import BNode, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.errors import NotFoundError
from kg.rdf.namespaces import KG, NIF, ORG, SCHEMA, bind_prefixes

KINDS = ("person", "organization", "model", "product", "quote", "claim", "figure", "document", "event")
ENTITY_KINDS = ("person", "organization", "model", "product")
VIEWS = ("entity", "speaker", "claims", "figures", "query")
LABEL_CHARS = 60
FIGURE_COLUMNS = ("Subject", "Metric", "Period", "Value", "Source", "Date")

# The first class a node has in this order decides its kind (a model may also be typed a product).
_KIND_OF_CLASS = (
    (KG.AIModel, "model"),
    (SCHEMA.Product, "product"),
    (SCHEMA.Person, "person"),
    (SCHEMA.Organization, "organization"),
    (SCHEMA.Quotation, "quote"),
    (SCHEMA.Claim, "claim"),
    (KG.Figure, "figure"),
    (KG.Document, "document"),
    (KG.EarningsCall, "event"),
    (SCHEMA.Event, "event"),
)
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"))


class Facts:
    """The triples of a graph grouped by subject and predicate, for fast repeated lookups."""

    def __init__(self, graph):
        self.by_subject: dict = defaultdict(lambda: defaultdict(dict))
        for subject, predicate, obj in _triples(graph):
            self.by_subject[subject][predicate][obj] = None
        self.mention_counts = Counter(
            entity for by_predicate in self.by_subject.values() for entity in by_predicate.get(SCHEMA.mentions, ())
        )

    def values(self, subject, predicate) -> list:
        return list(self.by_subject.get(subject, {}).get(predicate, ()))

    def value(self, subject, predicate):
        return next(iter(self.by_subject.get(subject, {}).get(predicate, ())), None)

    def text(self, subject, predicate) -> str:
        found = self.value(subject, predicate)
        return "" if found is None else str(found)

    def kind(self, subject) -> str | None:
        types = self.by_subject.get(subject, {}).get(RDF.type, {})
        return next((kind for cls, kind in _KIND_OF_CLASS if cls in types), None)


def _triples(graph):
    """Every triple of `graph`; of a Dataset or ConjunctiveGraph, those of every graph it holds."""
    if isinstance(graph, ConjunctiveGraph):
        return (quad[:3] for quad in graph.quads((None, None, None, None)))
    return graph.triples((None, None, None))


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def local_name(iri) -> str:
    """The last segment of an IRI ("revenue" for metric:revenue)."""
    return str(iri).rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# ---- the domain projection ------------------------------------------------------------------------


def project(graph) -> nx.MultiDiGraph:
    """Entities, quotes, claims, figures, documents and events of `graph`, linked by relation."""
    facts = Facts(graph)
    projected = nx.MultiDiGraph()
    for subject in facts.by_subject:
        kind = facts.kind(subject)
        if kind:
            projected.add_node(subject, kind=kind)
    for node, data in projected.nodes(data=True):
        data.update(_describe(facts, node, data["kind"]))
    _add_edges(facts, projected)
    for node, data in projected.nodes(data=True):
        if data["kind"] not in ENTITY_KINDS or not data["weight"]:
            data["weight"] = projected.degree(node)
    return projected


def _describe(facts: Facts, node, kind: str) -> dict:
    describe = {
        "quote": _describe_quote,
        "claim": _describe_claim,
        "figure": _describe_figure,
        "document": _describe_document,
        "event": _describe_event,
    }.get(kind, _describe_entity)
    attributes = describe(facts, node)
    attributes["details"] = [(field, text) for field, text in attributes["details"] if text] + [("IRI", str(node))]
    attributes.setdefault("weight", 0)
    attributes.setdefault("names", [])
    attributes.setdefault("tooltip", attributes["label"])
    return attributes


def _describe_entity(facts: Facts, node) -> dict:
    name = facts.text(node, SCHEMA.name) or local_name(node)
    aliases = sorted(str(alias) for alias in facts.values(node, SKOS.altLabel))
    posts = [_post_text(facts, post) for post in facts.values(node, ORG.holds)]
    mentioned_in = facts.mention_counts[node]
    details = [
        ("Name", name),
        ("Type", facts.kind(node)),
        ("Also known as", ", ".join(aliases)),
        ("Ticker", facts.text(node, SCHEMA.tickerSymbol)),
        ("Developed by", _name_of(facts, facts.value(node, SCHEMA.creator))),
        ("Roles", "; ".join(sorted(posts))),
        ("Mentioned in", f"{mentioned_in} document(s)" if mentioned_in else ""),
    ]
    return {"label": name, "names": [name, *aliases], "details": details, "weight": mentioned_in}


def _describe_quote(facts: Facts, node) -> dict:
    text = facts.text(node, SCHEMA.text)
    speaker = facts.value(node, SCHEMA.spokenByCharacter) or facts.value(node, PROV.wasAttributedTo)
    details = [
        ("Quote", text),
        ("Speaker", _name_of(facts, speaker)),
        ("Partial", "yes" if facts.text(node, KG.partial) == "true" else ""),
        ("Confidence", facts.text(node, KG.confidence)),
        ("Rule", facts.text(node, KG.rule)),
        *_source_details(facts, node),
    ]
    speaker_name = _name_of(facts, speaker)
    tooltip = f"{speaker_name}: “{shorten(text, 240)}”" if speaker_name else shorten(text, 240)
    return {"label": f"“{shorten(text, LABEL_CHARS - 2)}”", "details": details, "tooltip": tooltip}


def _describe_claim(facts: Facts, node) -> dict:
    text = facts.text(node, SCHEMA.text)
    about = sorted(_name_of(facts, entity) for entity in facts.values(node, SCHEMA.about))
    details = [
        ("Claim", text),
        ("Kind", _concept_label(facts, facts.value(node, KG.claimKind))),
        ("Claimant", _name_of(facts, facts.value(node, PROV.wasAttributedTo))),
        ("About", ", ".join(about)),
        ("Period", _period_label(facts, facts.value(node, KG.period))),
        *_source_details(facts, node),
    ]
    return {"label": shorten(text), "details": details, "tooltip": shorten(text, 240)}


def _describe_figure(facts: Facts, node) -> dict:
    amount = _amount(facts, node)
    metric = _concept_label(facts, facts.value(node, KG.metric))
    period = facts.value(node, KG.period)
    subject = _name_of(facts, facts.value(node, KG.subject))
    label = " ".join(part for part in (amount, metric, _period_label(facts, period)) if part)
    details = [
        ("Figure", label),
        ("As written", facts.text(node, NIF.anchorOf)),
        ("Subject", subject),
        ("Metric", metric),
        ("Period", _period_label(facts, period)),
        ("Value", facts.text(node, SCHEMA.value)),
        ("Minimum", facts.text(node, SCHEMA.minValue)),
        ("Maximum", facts.text(node, SCHEMA.maxValue)),
        ("Unit", facts.text(node, SCHEMA.unitText) or facts.text(node, SCHEMA.currency)),
        ("Direction", facts.text(node, KG.direction)),
        ("Bound", facts.text(node, KG.bound)),
        *_source_details(facts, node),
    ]
    source = dict(details)
    return {
        "label": label,
        "details": details,
        "tooltip": f"{subject}: {label}" if subject else label,
        "order": (subject.casefold(), metric.casefold(), *_period_order(facts, period), label),
        "row": (subject, metric, _period_label(facts, period), amount, source["Source"], source["Date"]),
    }


def _describe_document(facts: Facts, node) -> dict:
    title = facts.text(node, SCHEMA.name) or local_name(facts.text(node, KG.sourcePath) or node)
    is_transcript = KG.Transcript in facts.by_subject[node].get(RDF.type, {})
    details = [
        ("Title", title),
        ("Kind", "transcript" if is_transcript else "article"),
        ("Publisher", _name_of(facts, facts.value(node, SCHEMA.publisher))),
        ("Date", facts.text(node, SCHEMA.datePublished)),
        ("Path", facts.text(node, KG.sourcePath)),
        ("Characters", facts.text(node, KG.charCount)),
    ]
    return {"label": shorten(title), "details": details, "tooltip": title}


def _describe_event(facts: Facts, node) -> dict:
    name = facts.text(node, SCHEMA.name) or local_name(node)
    details = [
        ("Event", name),
        ("Organiser", _name_of(facts, facts.value(node, SCHEMA.organizer))),
        ("Period", _period_label(facts, facts.value(node, KG.period))),
        ("Date", facts.text(node, SCHEMA.startDate)),
    ]
    return {"label": shorten(name), "details": details}


def _source_details(facts: Facts, node) -> list[tuple[str, str]]:
    document = facts.value(node, PROV.wasDerivedFrom)
    begin, end = facts.text(node, NIF.beginIndex), facts.text(node, NIF.endIndex)
    return [
        ("Source", facts.text(document, SCHEMA.name) if document else ""),
        ("Date", facts.text(document, SCHEMA.datePublished) if document else ""),
        ("Path", facts.text(document, KG.sourcePath) if document else ""),
        ("Offsets", f"{begin}–{end}" if begin and end else ""),
        ("Sentence", facts.text(node, KG.sentence) or facts.text(node, SCHEMA.text)),  # a whole-sentence fact has no own
    ]


def _name_of(facts: Facts, node) -> str:
    if node is None:
        return ""
    return facts.text(node, SCHEMA.name) or local_name(node)


def _post_title(facts: Facts, post) -> str:
    return facts.text(post, SKOS.prefLabel) or _concept_label(facts, facts.value(post, ORG.role))


def _post_text(facts: Facts, post) -> str:
    organization = facts.value(post, ORG.postIn)
    title = _post_title(facts, post)
    return f"{title}, {_name_of(facts, organization)}" if organization else title


def _concept_label(facts: Facts, concept) -> str:
    if concept is None:
        return ""
    return facts.text(concept, SKOS.prefLabel) or local_name(concept).replace("-", " ").replace("_", " ")


def _period_label(facts: Facts, period) -> str:
    if period is None:
        return ""
    return facts.text(period, RDFS.label) or local_name(period)


def _period_order(facts: Facts, period) -> tuple[int, int]:
    """(year, month the period ends) so that Q1 < H1 < Q3 < year."""
    if period is None:
        return (0, 0)
    numbers = {p: facts.text(period, p) for p in (KG.year, KG.quarter, KG.half)}
    year = int(numbers[KG.year] or 0)
    if numbers[KG.quarter]:
        return (year, 3 * int(numbers[KG.quarter]))
    if numbers[KG.half]:
        return (year, 6 * int(numbers[KG.half]))
    return (year, 12)


def _amount(facts: Facts, figure) -> str:
    """"$48.39B", "12%", "3.35B users", "$46B–$49B", "at least $30B", with ↑/↓ for a direction."""
    unit = facts.text(figure, SCHEMA.unitText) or facts.text(figure, SCHEMA.currency)
    currency = facts.text(figure, SCHEMA.currency)
    value, low, high = (facts.value(figure, p) for p in (SCHEMA.value, SCHEMA.minValue, SCHEMA.maxValue))
    if low is not None and high is not None and low != high:
        amount = f"{_number(low, unit, currency)}–{_number(high, unit, currency)}"
    else:
        amount = _number(next((v for v in (value, low, high) if v is not None), None), unit, currency)
    arrow = {"up": "↑", "down": "↓"}.get(facts.text(figure, KG.direction), "")
    bound = facts.text(figure, KG.bound)
    return f"{bound} {arrow}{amount}".strip() if bound else f"{arrow}{amount}"


def _number(value, unit: str, currency: str) -> str:
    if value is None:
        return ""
    try:
        number = float(value.toPython())
    except (TypeError, ValueError):  # an ill-typed literal: show it as written
        return str(value)
    scaled, suffix = next(((number / size, s) for size, s in _SCALES if abs(number) >= size), (number, ""))
    digits = f"{scaled:,.2f}".rstrip("0").rstrip(".") + suffix
    if currency:
        sign = _CURRENCY_SIGNS.get(currency)
        return f"{sign}{digits}" if sign else f"{digits} {currency}"
    if unit == "percent":
        return f"{digits}%"
    return f"{digits} {unit}".strip()


def _add_edges(facts: Facts, projected: nx.MultiDiGraph) -> None:
    links = (
        ("quote", SCHEMA.spokenByCharacter, "said by"),
        ("quote", PROV.wasAttributedTo, "said by"),
        ("quote", PROV.wasDerivedFrom, "from"),
        ("claim", PROV.wasAttributedTo, "claimed by"),
        ("claim", SCHEMA.about, "about"),
        ("claim", KG.statesFigure, "states"),
        ("figure", KG.subject, "figure of"),
        ("model", SCHEMA.creator, "developed by"),
        ("product", SCHEMA.creator, "developed by"),
        ("document", SCHEMA.mentions, "mentions"),
        ("document", SCHEMA.about, "reports"),
        ("event", SCHEMA.organizer, "organised by"),
    )
    by_kind = defaultdict(list)
    for node, kind in projected.nodes(data="kind"):
        by_kind[kind].append(node)
    for kind, predicate, relation in links:
        for node in by_kind[kind]:
            for target in facts.values(node, predicate):
                if target in projected and target != node:
                    projected.add_edge(node, target, key=relation, relation=relation, label=relation)
    for person in by_kind["person"]:
        for post in facts.values(person, ORG.holds):
            organization = facts.value(post, ORG.postIn)
            if organization in projected:
                title = _post_title(facts, post)
                projected.add_edge(person, organization, key=f"role:{title}", relation="role", label=title)


# ---- the query view: the graph as it is ------------------------------------------------------------


def project_as_is(graph) -> nx.MultiDiGraph:
    """Every IRI or blank node of `graph` as a node, every link between two of them as an edge.

    Literals and rdf:type go into the node's details; the type also sets its kind ("other" if unknown).
    IRIs are shown as prefixed names, with kg's prefixes and those `graph` binds.
    """
    facts, prefixes = Facts(graph), _with_prefixes(graph)
    projected = nx.MultiDiGraph()
    for subject, by_predicate in facts.by_subject.items():
        projected.add_node(subject)
        for predicate, objects in by_predicate.items():
            for obj in objects:
                if isinstance(obj, (URIRef, BNode)) and predicate != RDF.type:
                    projected.add_edge(subject, obj, key=predicate, relation=str(predicate), label=_qname(prefixes, predicate))
    for node, data in projected.nodes(data=True):
        data.update(_describe_as_is(prefixes, facts, node))
        data["weight"] = projected.degree(node)
    return projected


def _describe_as_is(prefixes: Graph, facts: Facts, node) -> dict:
    literals = [
        (_qname(prefixes, predicate), str(obj) if isinstance(obj, Literal) else _qname(prefixes, obj))
        for predicate, objects in facts.by_subject.get(node, {}).items()
        for obj in objects
        if isinstance(obj, Literal) or predicate == RDF.type
    ]
    names = [facts.text(node, p) for p in (SCHEMA.name, RDFS.label, SKOS.prefLabel) if facts.text(node, p)]
    names += [str(alias) for alias in facts.values(node, SKOS.altLabel)]
    text = facts.text(node, SCHEMA.text) or facts.text(node, NIF.anchorOf)
    label = shorten(names[0] if names else text or _qname(prefixes, node))
    tooltip = "\n".join([label, *(f"{field}: {shorten(value, 200)}" for field, value in literals[:12])])
    return {
        "kind": facts.kind(node) or "other",
        "label": label,
        "names": names,
        "details": [("IRI", str(node)), *literals],
        "tooltip": tooltip,
    }


def _with_prefixes(graph) -> Graph:
    """An empty graph binding the prefixes of `graph` and kg's, to name IRIs with."""
    names = Graph(bind_namespaces="rdflib")
    for prefix, namespace in graph.namespaces():
        names.bind(prefix, namespace, override=False)
    bind_prefixes(names)
    return names


def _qname(prefixes: Graph, node) -> str:
    if isinstance(node, BNode):
        return f"_:{node}"
    try:
        prefixed = prefixes.namespace_manager.normalizeUri(node)
    except ValueError:  # an IRI rdflib cannot split
        return local_name(node)
    return local_name(node) if prefixed.startswith("<") else prefixed


# ---- choosing what a view shows -------------------------------------------------------------------


def find_focus(projected: nx.MultiDiGraph, name: str, kinds: tuple[str, ...] = ENTITY_KINDS):
    """The node of `kinds` named `name` (schema:name or skos:altLabel, any case): exact first, then substring."""
    wanted = name.strip().casefold()
    candidates = [(node, data) for node, data in projected.nodes(data=True) if data["kind"] in kinds]
    for matches in (
        [node for node, data in candidates if any(n.casefold() == wanted for n in data["names"])],
        [node for node, data in candidates if any(wanted in n.casefold() for n in data["names"])],
    ):
        if matches and wanted:
            return max(matches, key=lambda node: (projected.degree(node), -len(projected.nodes[node]["label"])))
    what = "person" if kinds == ("person",) else "entity"
    raise NotFoundError(f"no {what} named '{name}' in the graph; try `kg entities` to list names")


def select(projected: nx.MultiDiGraph, view: str, focus, depth: int) -> set:
    """The nodes `view` shows around `focus` (a node, or None for the whole graph)."""
    if view in ("entity", "query"):
        return _neighbourhood(projected, focus, depth) if focus is not None else set(projected)
    kinds = ("person",) if view == "speaker" else ENTITY_KINDS
    centres = [focus] if focus is not None else _nodes_of(projected, kinds)
    pick = {"speaker": _speaker_nodes, "claims": _claim_nodes, "figures": _figure_nodes}[view]
    chosen = set().union(*(pick(projected, centre) for centre in centres))
    return chosen | ({focus} if focus is not None else set())


def _neighbourhood(projected: nx.MultiDiGraph, focus, depth: int) -> set:
    return set(nx.single_source_shortest_path_length(simple_undirected(projected), focus, cutoff=depth))


def simple_undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """`graph` without directions or parallel edges: a copy, much faster to walk than networkx's views."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from(graph.edges())
    return simple


def _nodes_of(projected: nx.MultiDiGraph, kinds) -> list:
    return [node for node, kind in projected.nodes(data="kind") if kind in kinds]


def _linked(projected: nx.MultiDiGraph, node, relation: str, incoming: bool = False) -> list:
    edges = projected.in_edges(node, data="relation") if incoming else projected.out_edges(node, data="relation")
    return [edge[0] if incoming else edge[1] for edge in edges if edge[2] == relation]


def _speaker_nodes(projected: nx.MultiDiGraph, person) -> set:
    """The person, their quotes and the documents these come from, their claims and what those are about."""
    quotes = _linked(projected, person, "said by", incoming=True)
    claims = _linked(projected, person, "claimed by", incoming=True)
    if not quotes and not claims:
        return set()
    documents = [doc for quote in quotes for doc in _linked(projected, quote, "from")]
    about = [found for claim in claims for relation in ("about", "states") for found in _linked(projected, claim, relation)]
    return {person, *quotes, *claims, *documents, *about}


def _claim_nodes(projected: nx.MultiDiGraph, entity) -> set:
    """The entity, the claims about it, who claims them and the figures they state."""
    claims = _linked(projected, entity, "about", incoming=True)
    if not claims:
        return set()
    related = [
        found for claim in claims for relation in ("claimed by", "states") for found in _linked(projected, claim, relation)
    ]
    return {entity, *claims, *related}


def _figure_nodes(projected: nx.MultiDiGraph, entity) -> set:
    """The entity, its figures and the claims that state them."""
    figures = _linked(projected, entity, "figure of", incoming=True)
    if not figures:
        return set()
    claims = [claim for figure in figures for claim in _linked(projected, figure, "states", incoming=True)]
    return {entity, *figures, *claims}


def figure_rows(view: nx.MultiDiGraph) -> list[tuple]:
    """(node, cells) for each figure in `view`, by subject, metric and period; cells as FIGURE_COLUMNS."""
    figures = [(data["order"], node, data["row"]) for node, data in view.nodes(data=True) if data["kind"] == "figure"]
    return [(node, row) for _, node, row in sorted(figures, key=lambda item: (item[0], str(item[1])))]


def rank(projected: nx.MultiDiGraph, nodes: set, focus) -> list:
    """`nodes` most central first: nearest to `focus` first when there is one, then by degree."""
    simple = simple_undirected(projected.subgraph(nodes))
    distance = nx.single_source_shortest_path_length(simple, focus) if focus is not None else {}
    far = len(nodes) + 1
    labels = projected.nodes
    return sorted(nodes, key=lambda n: (distance.get(n, far), -simple.degree(n), labels[n]["label"], str(n)))


# ---- positions computed without physics ------------------------------------------------------------


def radial_layout(view: nx.MultiDiGraph, spacing: float = 40.0, cluster_size: int = 60) -> dict:
    """Positions in O(nodes + edges): clusters around hubs, each drawn as a radial tree.

    The best-connected nodes (one per `cluster_size` nodes) are hubs; every node joins the nearest hub
    (breadth first), or roots its own tree when no hub reaches it. Within a tree a node's angular
    sector is shared among its children by subtree size; a ring too crowded for nodes `spacing` apart
    becomes a band of sub-rings. Trees are packed in rows, largest first.
    """
    undirected = simple_undirected(view)
    by_degree = sorted(undirected, key=lambda n: (-undirected.degree(n), str(n)))
    roots, children = _bfs_forest(undirected, by_degree[: len(by_degree) // cluster_size], by_degree)
    trees = sorted((_radial_tree(root, children, spacing) for root in roots), key=len, reverse=True)
    return _pack(trees, spacing)


def _bfs_forest(undirected, hubs: list, candidates: list) -> tuple[list, dict]:
    """Breadth-first trees grown from `hubs` together, then from the first unreached candidate, and so on."""
    children, roots, seen = defaultdict(list), [], set()
    pending = iter(candidates)
    queue = deque(hubs or candidates[:1])
    while queue:
        roots.extend(node for node in queue if node not in seen)
        seen.update(queue)
        while queue:
            node = queue.popleft()
            for neighbour in sorted(undirected[node], key=str):
                if neighbour not in seen:
                    seen.add(neighbour)
                    children[node].append(neighbour)
                    queue.append(neighbour)
        queue.extend(next(([node] for node in pending if node not in seen), []))
    return roots, children


def _radial_tree(root, children: dict, spacing: float) -> dict:
    order = [root]
    for node in order:  # grows while it is walked: breadth-first order
        order.extend(children[node])
    size = {}
    for node in reversed(order):
        size[node] = 1 + sum(size[child] for child in children[node])
    depth, sector = {root: 0}, {root: (0.0, 2 * math.pi)}
    for node in order:
        start, width = sector[node]
        for child in children[node]:
            sector[child] = (start, width * size[child] / (size[node] - 1))
            depth[child] = depth[node] + 1
            start += sector[child][1]
    rings = [[] for _ in range(depth[order[-1]] + 1)]
    for node in order:  # breadth-first order is angular order within a ring
        rings[depth[node]].append(node)
    return _ring_positions(rings, sector, spacing)


def _ring_positions(rings: list[list], sector: dict, spacing: float) -> dict:
    """Each node in the middle of its sector; the nodes of a crowded ring are dealt over its sub-rings."""
    positions, outer = {}, -2 * spacing
    for ring in rings:
        inner = outer + 2 * spacing
        sub_rings = math.ceil(len(ring) / max(1, int(2 * math.pi * inner / spacing)))
        for index, node in enumerate(ring):
            start, width = sector[node]
            radius, angle = inner + (index % sub_rings) * 0.7 * spacing, start + width / 2
            positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
        outer = inner + (sub_rings - 1) * 0.7 * spacing
    return positions


def _pack(placed: list[dict], spacing: float) -> dict:
    """Lay out trees (each centred on 0, 0) left to right in rows about as wide as the largest."""
    radii = [max(math.hypot(x, y) for x, y in positions.values()) + spacing for positions in placed]
    row_width = max([*(2 * r for r in radii[:1]), math.sqrt(sum((2 * r) ** 2 for r in radii))])
    result, x, y, row_height = {}, 0.0, 0.0, 0.0
    for positions, r in zip(placed, radii):
        if x and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in positions.items():
            result[node] = (round(x + r + px, 1), round(y + r + py, 1))
        x, row_height = x + 2 * r, max(row_height, 2 * r)
    return result
