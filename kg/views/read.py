"""Read a view from a store: only what it draws, by bounded SPARQL (`kg/views/queries/view-*.rq`).

Every query starts from IRIs already chosen (the focus, the centres ranked by one count, the entities drawn) and
asks for at most a page of rows, so a view costs what it shows, not what the store holds:

- entity: the focus, the people holding posts there (or its posts), what it develops or who developed it, and the
  entities mentioned with it most often; at each further hop of `depth`, the posts and developers of those. Without
  a focus, the entities mentioned in the most documents. Their quotes, claims and figures are drawn when all of
  a kind are at most FACTS_DRAWN (as on a small store).
- speaker, claims, figures: the focus (or the people with the most quotations, the entities with the most claims
  about them, those with the most figures) and its quotations and claims, its claims and who made them, its
  figures: the most recent first.

A view with more than DRAWN_DOCUMENTS documents does not draw them: each entity carries how many documents
mention it and the RECENT_DOCUMENTS most recent, which the page draws on demand. The focus's figures by period, its
claims and its quotations are tables in the side panel (`Scene.panels`).
"""
from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef

from kg.errors import NotFoundError
from kg.queries import Page, entities_named
from kg.rdf.namespaces import KG, SCHEMA
from kg.store import Store
from kg.views import describe
from kg.views.describe import ENTITY_KINDS, text
from kg.views.headlines import company_figures, headline_panel
from kg.views.scene import Panel, Scene
from kg.views.sparql import rows

DRAWN_DOCUMENTS = 12  # a view draws its documents when it has at most this many, else counts on the entities
RECENT_DOCUMENTS = 8  # the documents of an entity the page can draw on demand, most recent first
DATED_ONE_BY_ONE = 300  # the dates of at most this many documents are looked up one by one, else all are read
CO_MENTIONED = 40  # at most this many entities are drawn for being mentioned with the focus
FACTS_DRAWN = 30  # the entity view draws the quotes (claims, figures) of its entities when at most this many
CENTRES = 12  # at most this many centres in a view without a focus
CANDIDATES = 50  # entities a focus name may match, at most, of which the view takes the best
RANKED_SPARE = 20  # nodes ranked beyond those a view draws, in case some are not entities

# what ranks the centres of each view, and the focus among the entities its name matches
MEASURES = {"entity": "documents", "speaker": "quotes", "claims": "claims", "figures": "figures"}
_PREDICATES = {"documents": SCHEMA.mentions, "quotes": SCHEMA.spokenByCharacter, "claims": SCHEMA.about,
               "figures": KG.subject}


def read_scene(store: Store, view: str, focus: str | None, depth: int, limit: int) -> Scene:
    """The nodes and edges `view` draws around the entity named `focus` (None: the view's centres)."""
    scene = Scene(view, limit, clusters=view != "entity")
    reader = _Reader(store, scene)
    if focus:
        scene.focus, scene.matches = find_focus(store, focus, view)
    if view == "entity":
        reader.entity_view(depth)
    else:
        reader.facts_view()
    for source, target, relation in reader.links:
        scene.link(source, target, relation)
    reader.documents()
    return scene


def find_focus(store: Store, name: str, view: str) -> tuple[URIRef, list[str]]:
    """The entity named `name` (by `kg.queries.entities_named`, an index lookup) that has the most of what `view`
    shows (documents, quotations, claims, figures), a person in the speaker view; and the other names matched."""
    kinds = ("person",) if view == "speaker" else ENTITY_KINDS
    found = entities_named(store, name)[:CANDIDATES]
    described = {row["entity"]: row for row in rows(store, "entities", entity=found)} if found else {}
    candidates = [iri for iri, row in described.items() if describe.kind_of(text(row["classes"]).split()) in kinds]
    if not candidates:
        what = "person" if kinds == ("person",) else "entity"
        raise NotFoundError(f"no {what} named '{name}' in the graph; try `kg entities` to list names")
    counts = _counts(store, candidates)
    measure = MEASURES[view]
    ranked = sorted(candidates, key=lambda iri: (-counts[iri][measure], -counts[iri]["documents"],
                                                 len(text(described[iri]["name"])), str(iri)))
    return ranked[0], [text(described[iri]["name"]) for iri in ranked[1:]]


def _counts(store: Store, entities: list) -> dict:
    counts = defaultdict(lambda: dict.fromkeys(_PREDICATES, 0))
    for row in rows(store, "counts", entity=entities):
        counts[row["entity"]][str(row["measure"])] += int(row["count"])
    return counts


class _Reader:
    """Adds to a scene what a view draws, reading each part for the nodes drawn so far."""

    def __init__(self, store: Store, scene: Scene):
        self.store, self.scene = store, scene
        self.names: dict = {}  # IRI -> name or label, for the details of the nodes that refer to it
        self.documents_of: dict = {}  # drawn entity -> (how many documents mention it, their IRIs)
        self.fact_documents: dict = {}  # drawn fact -> its document
        self.held: dict = defaultdict(lambda: defaultdict(list))  # drawn person -> organisation -> post titles
        self.when: dict = {}  # document -> when it was published, else when its call's period ended
        self.links: list = []  # (fact, what it names, relation) for the facts drawn

    # ---- the views ------------------------------------------------------------------------------------

    def entity_view(self, depth: int) -> None:
        scene = self.scene
        if scene.focus is None:
            self.entities(self._ranked("documents", scene.limit))
            self.link_entities()
            self.facts(list(scene.graph), whole=True)
            return
        frontier = self.entities([scene.focus])
        for hop in range(depth):
            linked = self._linked(frontier, people_at=hop == 0)
            if hop == 0:
                co_mentioned = rows(self.store, "co-mentioned", Page(CO_MENTIONED), entity=[scene.focus])
                linked += [row["other"] for row in co_mentioned]
                frontier = self.entities(linked)
                for row in co_mentioned:
                    scene.link(row["other"], scene.focus, "mentioned with", f"{int(row['documents'])} documents")
            else:
                frontier = self.entities(linked)
        self.link_entities()
        self.focus_facts()

    def facts_view(self) -> None:
        scene = self.scene
        measure = MEASURES[scene.view]
        centres = [scene.focus] if scene.focus is not None else self._ranked(measure, CENTRES)
        centres = self.entities(centres, CENTRES)
        scene.roots = list(centres)
        self.link_entities()
        if scene.focus is not None:
            self.focus_facts(draw_all=True)
            return
        share = max(1, scene.room // max(1, len(centres)))
        for centre in centres:
            self.facts([centre], page=share, kinds=_VIEW_FACTS[scene.view])

    # ---- entities -------------------------------------------------------------------------------------

    def _ranked(self, measure: str, count: int) -> list:
        """The `count` nodes with the most of `measure`, ties in IRI order (and a few more: those not entities are
        left out when drawn, such as the calls documents are about)."""
        predicate = [_PREDICATES[measure]]
        wanted = count + RANKED_SPARE
        found = rows(self.store, "ranked", Page(wanted), {"least": "1"}, predicate=predicate)
        if found.more:  # the last count may be shared beyond the page: read all that have it, to order them
            found = rows(self.store, "ranked", None, {"least": str(int(found[-1]["count"]))}, predicate=predicate)
        ordered = sorted(found, key=lambda row: (-int(row["count"]), str(row["entity"])))
        return [row["entity"] for row in ordered[:wanted]]

    def entities(self, iris: list, at_most: int | None = None) -> list:
        """Draw the entities among `iris` (at most `at_most`) while there is room, in order, with their posts and
        document counts; the ones drawn now."""
        new = list(dict.fromkeys(iri for iri in iris if iri not in self.scene.graph))
        described = {row["entity"]: row for row in rows(self.store, "entities", entity=new)} if new else {}
        kinds = {iri: describe.kind_of(text(row["classes"]).split()) for iri, row in described.items()}
        new = [iri for iri in new if kinds.get(iri)][:at_most]  # not those no document names (a call, a gazetteer entry)
        self.scene.omitted += max(0, len(new) - self.scene.room)
        new = new[: self.scene.room]
        if not new:
            return []
        for row in rows(self.store, "entity-documents", entity=new):
            self.documents_of[row["entity"]] = (int(row["documents"]), text(row["listed"]).split())
        people = [iri for iri in new if kinds.get(iri) == "person"]
        for row in rows(self.store, "posts-held", person=people) if people else ():
            titles = self.held[row["person"]][row["organization"]]
            if str(row["title"]) not in titles:
                titles.append(str(row["title"]))
        self.names.update((iri, text(row["name"])) for iri, row in described.items())
        self._name(organization for person in people for organization in self.held.get(person, ()))
        for iri in new:
            posts = [describe.post_text(" · ".join(titles[:3]), self.names.get(organization, ""))
                     for organization, titles in self.held.get(iri, {}).items()]
            count = self.documents_of.get(iri, (0, []))[0]
            self.scene.add(iri, describe.entity(described[iri], kinds[iri], count, posts))
        return new

    def _linked(self, entities: list, people_at: bool) -> list:
        """The entities where `entities` hold posts, developing or developed by them, and (`people_at`) the people
        holding posts at them (the focus's people; not a bank's hundreds of analysts at a further hop)."""
        kinds = self.scene.graph.nodes
        organizations = [iri for iri in entities if kinds[iri]["kind"] == "organization"] if people_at else []
        linked = [organization for person in entities for organization in self.held.get(person, ())]
        linked += [row["person"] for row in rows(self.store, "posts-at", organization=organizations)] if organizations else []
        linked += [row[end] for row in rows(self.store, "developers", entity=entities) for end in ("made", "developer")]
        return [iri for iri in linked if iri not in entities]

    def link_entities(self) -> None:
        """Posts and developers between drawn entities, as edges."""
        for person, by_organization in self.held.items():
            for organization, titles in by_organization.items():
                for title in titles:
                    self.scene.link(person, organization, "role", title)
        drawn = [node for node, kind in self.scene.graph.nodes(data="kind") if kind in ENTITY_KINDS]
        for row in rows(self.store, "developers", entity=drawn) if drawn else ():
            self.scene.link(row["made"], row["developer"], "developed by")

    def _name(self, iris) -> None:
        """Look up the names or labels of `iris` not known yet; one without is named by its IRI's last segment."""
        unknown = sorted({iri for iri in iris if isinstance(iri, URIRef) and iri not in self.names})
        if unknown:
            self.names.update((row["term"], text(row["label"])) for row in rows(self.store, "labels", term=unknown))
            self.names.update((iri, describe.local_name(iri).replace("-", " ")) for iri in unknown if iri not in self.names)

    # ---- quotes, claims, figures ------------------------------------------------------------------------

    def focus_facts(self, draw_all: bool = False) -> None:
        """The focus's tables in the side panel; its quotes, claims and figures drawn too when the view is about
        them (`draw_all`: the most recent, in three quarters of the room left), else when all of a kind are at most
        FACTS_DRAWN."""
        focus, kind = self.scene.focus, self.scene.graph.nodes[self.scene.focus]["kind"]
        wanted = _VIEW_FACTS.get(self.scene.view, ("claims", "quotes", "figures"))
        for facts in ("figures", "claims", "quotes"):
            if facts == "quotes" and kind != "person":
                continue
            found, total = self._read(facts, [focus], self.scene.limit)
            if not total:
                continue
            if facts in wanted and draw_all:  # room left for the entities they name
                self._draw(facts, found[: max(1, self.scene.room * 3 // 4)], with_entities=True)
            elif facts in wanted and total <= min(FACTS_DRAWN, self.scene.room):
                self._draw(facts, found, with_entities=False)
            self.scene.panels.append(_panel(facts, found, total, self.names, self.scene.graph))
            if facts == "figures" and self.scene.view == "entity":
                headlines = headline_panel(company_figures(self.store, focus))
                self.scene.panels += [headlines] if headlines else []

    def facts(self, entities: list, page: int = FACTS_DRAWN, whole: bool = False,
              kinds: tuple[str, ...] = ("claims", "quotes", "figures")) -> None:
        """The quotes, claims and figures of `entities`: the `page` most recent of each kind, or (`whole`) all of a
        kind when they are at most FACTS_DRAWN and fit in the room left, else none."""
        people = [iri for iri in entities if self.scene.graph.nodes[iri]["kind"] == "person"]
        for facts in kinds:
            of = people if facts == "quotes" else entities
            room = min(FACTS_DRAWN if whole else page, self.scene.room)
            if not of or not room:
                continue
            if whole and rows(self.store, _KEYS[facts], Page(room), entity=of).more:
                continue  # more than the view draws: counted, not read
            found, _ = self._read(facts, of, room)
            self._draw(facts, found, with_entities=not whole)

    def _read(self, facts: str, entities: list, count: int, keys_from: str | None = None) -> tuple[list, int]:
        """The `count` most recent facts of a kind about `entities` (figures: latest period first) read whole, and
        how many there are: their keys are read first (by `view-KEYS_FROM.rq` when given), then ordered here
        (Oxigraph would look the dates up once per fact, not once per document), then only the page is read
        whole."""
        keys = {}
        for row in rows(self.store, keys_from or _KEYS[facts], entity=entities):
            keys.setdefault(row["fact"], (text(row.get("periodEnd")), row["document"]))
        when = self._dates({document for _, document in keys.values()})
        ordered = sorted(keys, key=lambda fact: (keys[fact][0], when.get(keys[fact][1], ""), str(fact)), reverse=True)
        page = ordered[:count]
        read = {}
        for row in rows(self.store, facts, **{_IRI_COLUMN[facts]: page}) if page else ():
            read.setdefault(row[_IRI_COLUMN[facts]], dict(row, periodEnd=keys[row[_IRI_COLUMN[facts]]][0]))
        found = [read[fact] for fact in page if fact in read]
        self._name(row.get(column) for row in found for column in _REFERENCES[facts])
        self._name(URIRef(iri) for row in found for iri in text(row.get("about")).split())
        return found, len(keys)

    def _dates(self, documents) -> dict:
        """When each of `documents` was published (else its call's period ended), known ones kept for the view."""
        unknown = sorted(document for document in documents if document not in self.when)
        if unknown:
            dated = rows(self.store, "document-dates", document=unknown) if len(unknown) <= DATED_ONE_BY_ONE \
                else rows(self.store, "document-dates")  # most of the store's: reading them all is faster
            self.when.update((row["document"], text(row["when"])) for row in dated)
        return self.when

    def _draw(self, facts: str, found: list, with_entities: bool) -> None:
        """Draw the facts `found` (rows of one kind) while there is room, linked to what they name; the entities
        they name (a claim's claimant and subjects) drawn too when `with_entities` (the views about facts)."""
        scene, links = self.scene, []
        for row in found:
            iri = row[_IRI_COLUMN[facts]]
            if not scene.add(iri, _DESCRIBE[facts](row, self.names)):
                continue
            self.fact_documents[iri] = row["document"]
            if facts == "quotes":
                links.append((iri, row["speaker"], "said by"))
            elif facts == "figures":
                links.append((iri, row["subject"], "figure of"))
            else:
                links += [(iri, row["claimant"], "claimed by")] if row["claimant"] is not None else []
                links += [(iri, URIRef(about), "about") for about in text(row["about"]).split()]
                links += [(iri, URIRef(figure), "states") for figure in text(row["figures"]).split()]
        named = [target for _, target, relation in links if relation in ("claimed by", "about")]
        if with_entities and named:
            self.entities(named)
            self.link_entities()
        self.links += links  # linked once everything is drawn (a claim may state a figure drawn after it)

    # ---- documents --------------------------------------------------------------------------------------

    def documents(self) -> None:
        """The documents of the drawn entities and facts: drawn when few, else counted on the entities, with the
        most recent of each listed for the page to draw on demand."""
        scene = self.scene
        mentioned = defaultdict(list)  # document -> the drawn entities it mentions
        for entity, (_, listed) in self.documents_of.items():
            for document in listed if entity in scene.graph else ():
                mentioned[URIRef(document)].append(entity)
        every = sorted(set(mentioned) | set(self.fact_documents.values()))
        if len(every) <= min(DRAWN_DOCUMENTS, scene.room):
            self._describe_documents(every, scene.add)
            for document, entities in mentioned.items():
                for entity in entities:
                    scene.link(document, entity, "mentions")
            for fact, document in self.fact_documents.items():
                scene.link(fact, document, "from")
            return
        when = self._dates(every)
        for entity, (count, listed) in self.documents_of.items():
            if entity in scene.graph:
                recent = sorted(map(URIRef, listed), key=lambda document: (when.get(document, ""), document))
                scene.document_lists[entity] = (count, recent[::-1][:RECENT_DOCUMENTS])
        listed = sorted({document for _, recent in scene.document_lists.values() for document in recent})
        self._describe_documents(listed, scene.documents.__setitem__)
        scene.document_mentions.update((document, mentioned[document]) for document in listed)

    def _describe_documents(self, documents: list, put) -> None:
        for row in rows(self.store, "documents", document=documents) if documents else ():
            if row["document"] not in self.scene.documents and row["document"] not in self.scene.graph:
                put(row["document"], describe.document(row))


_VIEW_FACTS = {"speaker": ("quotes", "claims"), "claims": ("claims",), "figures": ("figures",)}
_IRI_COLUMN = {"quotes": "quote", "claims": "claim", "figures": "figure"}
_KEYS = {"quotes": "quote-keys", "claims": "claim-keys", "figures": "figure-keys"}
_DESCRIBE = {"quotes": describe.quote, "claims": describe.claim, "figures": describe.figure}
_REFERENCES = {"quotes": ("speaker",), "claims": ("kind", "claimant", "period"),
               "figures": ("subject", "metric", "period")}
_PANELS = {
    "figures": ("Figures by period", ("Period", "Metric", "Value", "Source")),
    "claims": ("Claims", ("Claim", "Kind", "Claimant", "Period", "Source")),
    "quotes": ("Quotes", ("Quote", "Source", "Date")),
}


def _panel(facts: str, found: list, total: int, names: dict, graph) -> Panel:
    title, columns = _PANELS[facts]
    cells = {
        "figures": lambda r: (names.get(r["period"], ""), names.get(r["metric"], ""), describe.figure_amount(r),
                              text(r["title"])),
        "claims": lambda r: (text(r["text"]), names.get(r["kind"], ""), names.get(r["claimant"], ""),
                             names.get(r["period"], ""), text(r["title"])),
        "quotes": lambda r: (text(r["text"]), text(r["title"]), text(r["date"])),
    }[facts]
    iri = _IRI_COLUMN[facts]
    return Panel(title, columns, [cells(row) for row in found], total,
                 [row[iri] if row[iri] in graph else None for row in found])


def recent_facts(store: Store, facts: str, entities: list, count: int,
                 keys_from: str | None = None) -> tuple[list, int, dict, dict]:
    """The `count` most recent facts of a kind ("quotes", "claims", "figures") about `entities` (those
    `view-KEYS_FROM.rq` finds, when given), read whole as the views read them; how many there are; the names of
    what they refer to; when each of their documents was written (published, else the end of its call's
    period)."""
    reader = _Reader(store, Scene("entity", count))
    found, total = reader._read(facts, entities, count, keys_from)
    return found, total, reader.names, reader.when
