"""Map an `Extraction` to the triples of its document's named graph and what it says about shared nodes (see
docs/rdf-model.md).

A document's graph holds the document, what it mentions and the facts it states (quotes, figures, claims); what
it says about the entities, posts, calls and periods other documents may describe too is *shared*: it goes into
the entities graph (`kg.rdf.shared`), held once there, and the document's graph keeps it as N-Triples lines
(`kg:sharedStatement`), from which the entities graph is computed again when a document is removed.

The triples are built as pyoxigraph terms, which the store takes as they are; `to_graph` gives the document's
graph as an rdflib `Graph` for tools and tests.
"""
from __future__ import annotations

import pyoxigraph as ox
import rdflib
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.iris import (document_graph_iri, document_iri, entity_iri, event_iri, fact_iri, period_iri,
                     post_iri)
from kg.model import Extraction, Mention, Period
from kg.rdf import terms as t
from kg.rdf.namespaces import ENTITIES_GRAPH, ENTITY_CLASSES, KG, NIF, ORG, SCHEMA, bind_prefixes
from kg.rdf.terms import Vocabulary

rdf, rdfs, skos, prov = Vocabulary(RDF), Vocabulary(RDFS), Vocabulary(SKOS), Vocabulary(PROV)
kg, schema, nif, org = Vocabulary(KG), Vocabulary(SCHEMA), Vocabulary(NIF), Vocabulary(ORG)
ENTITY_TYPES = {name: t.iri(str(iri)) for name, iri in ENTITY_CLASSES.items()}
_ENTITY_CLASSES = set(ENTITY_TYPES.values())
ENTITIES = t.iri(str(ENTITIES_GRAPH))
TURN_RULES = ("turn", "inferred-turn")  # the rules of the quotations that are a transcript's turns
PIECE = 50_000  # triples serialized at a time


class _Writer:
    def __init__(self, extraction: Extraction):
        self.x = extraction
        self.hash = extraction.document.content_hash
        self.doc = t.iri(document_iri(self.hash))
        self.name = t.iri(document_graph_iri(self.hash))
        self.triples: list[tuple] = []  # the document's own: the document and its facts
        self.add = self.triples.append
        self.shared: list[tuple] = []  # about entities, posts, calls and periods (for the entities graph)
        self.share = self.shared.append
        self.periods: dict[Period, ox.NamedNode] = {}  # each period described once, however many facts name it

    def sentence(self, node: ox.NamedNode, start: int, end: int, span: tuple[int, int]) -> None:
        """Provenance shared by quotes, figures and claims: document, offsets and the sentence."""
        text = self.x.document.text
        self.add((node, prov.wasDerivedFrom, self.doc))
        self.add((node, nif.beginIndex, t.integer(start)))
        self.add((node, nif.endIndex, t.integer(end)))
        if span[1] > span[0] and span != (start, end):  # a fact that is its whole sentence (a turn) is not repeated
            self.add((node, kg.sentence, t.text(" ".join(text[span[0]:span[1]].split()))))

    def period(self, period: Period) -> ox.NamedNode:
        if period in self.periods:
            return self.periods[period]
        node = self.periods[period] = t.iri(period_iri(period))
        self.share((node, rdf.type, kg.Period))
        self.share((node, rdfs.label, t.text(period.label)))
        self.share((node, kg.fiscal, t.boolean(period.fiscal)))
        span = period.span() or (None, None)
        optional(self.share, node, (kg.year, period.year, t.integer), (kg.quarter, period.quarter, t.integer),
                 (kg.half, period.half, t.integer), (kg.month, period.month, t.integer),
                 (kg.fiscalYearOf, period.calendar, t.iri),
                 (schema.startDate, span[0], t.day), (schema.endDate, span[1], t.day))
        if period.calendar:
            self.entity(period.calendar)
        return node

    def entity(self, iri: str) -> None:
        """An entity referred to (as a subject, claimant, organiser) is typed and named too."""
        entity = self.x.entities.get(iri)
        if entity is not None:
            node = t.iri(iri)
            self.share((node, rdf.type, ENTITY_TYPES[entity.type]))
            self.share((node, schema.name, t.text(entity.name)))

    def mentions(self) -> None:
        """`schema:mentions` of each entity the document names or refers to (a speaker known only by a turn's
        label, the subject of a figure): those it describes, but for its publisher unless its text names it (a
        page's furniture is no mention)."""
        described = dict.fromkeys(t.iri(m.entity) for m in self.x.mentions)
        publisher = self.x.document.publisher and t.iri(entity_iri(self.x.document.publisher))
        described.update(dict.fromkeys(s for s, p, o in self.shared
                                       if p == rdf.type and o in _ENTITY_CLASSES and s != publisher))
        for node in described:
            self.add((self.doc, schema.mentions, node))

    def records(self) -> None:
        """The shared statements as the document's own record of them, one N-Triples line each."""
        for s, p, o in dict.fromkeys(self.shared):
            self.add((self.doc, kg.sharedStatement, t.text(f"{s} {p} {o} .")))


def optional(put, node: ox.NamedNode, *statements: tuple) -> None:
    """Put (node, predicate, term(value)) for each (predicate, value, term) whose value is given (not None or "")."""
    for predicate, value, term in statements:
        if value is not None and value != "":
            put((node, predicate, term(value)))


def written(extraction: Extraction) -> _Writer:
    """The document written: its named graph (`name`), its `triples` (the document, what it mentions, every fact
    it states and the record of its shared statements) and its `shared` statements. A triple may repeat (an
    entity named by several facts); stores keep one."""
    w = _Writer(extraction)
    _document(w)
    w.shared += entity_entries(extraction)
    _posts(w)
    for development in extraction.developments:
        w.share((t.iri(development.product), schema.creator, t.iri(development.developer)))
    _quotes(w)
    _claims(w, _figures(w))
    _event(w)
    w.mentions()
    w.records()
    return w


def _document(w: _Writer) -> None:
    """The document: its kinds, source, title, date, counts of facts and publisher."""
    document, add = w.x.document, w.add
    add((w.doc, rdf.type, kg.Document))
    add((w.doc, rdf.type, kg.Transcript if document.kind == "transcript" else schema.NewsArticle))
    add((w.doc, kg.sourcePath, t.text(document.source)))
    add((w.doc, kg.contentHash, t.text(w.hash)))
    add((w.doc, kg.charCount, t.integer(len(document.text))))
    add((w.doc, kg.quoteCount, t.integer(len(w.x.quotes))))
    add((w.doc, kg.figureCount, t.integer(len(w.x.figures))))
    add((w.doc, kg.claimCount, t.integer(len(w.x.claims))))
    optional(add, w.doc, (schema.name, document.title, t.text), (schema.datePublished, document.published, t.day))
    if document.publisher:
        publisher = t.iri(entity_iri(document.publisher))
        add((w.doc, schema.publisher, publisher))
        w.share((publisher, rdf.type, schema.Organization))
        w.share((publisher, schema.name, t.text(document.publisher)))


def _posts(w: _Writer) -> None:
    """Each post a person holds in an organisation (org:Post), shared."""
    share = w.share
    for role in w.x.roles:
        if role.organization is None:
            continue
        post = t.iri(post_iri(role.organization, role.role.rsplit("/", 1)[-1] if role.role else role.title,
                              role.person))
        share((post, rdf.type, org.Post))
        share((post, org.heldBy, t.iri(role.person)))
        share((post, org.postIn, t.iri(role.organization)))
        share((post, skos.prefLabel, t.text(role.title)))
        optional(share, post, (org.role, role.role, t.iri), (kg.organizationName, role.organization_name, t.text))
        share((t.iri(role.person), org.holds, post))
        w.entity(role.organization)


def _quotes(w: _Writer) -> None:
    """Each quotation: its text, speaker, place in a call's questions and answers, rule and confidence."""
    add = w.add
    for quote in w.x.quotes:
        node = t.iri(fact_iri("quote", w.hash, quote.start, quote.end))
        add((node, rdf.type, schema.Quotation))
        add((node, schema.text, t.text(quote.text)))
        if quote.speaker:
            add((node, schema.spokenByCharacter, t.iri(quote.speaker)))
            add((node, prov.wasAttributedTo, t.iri(quote.speaker)))
            w.entity(quote.speaker)
        optional(add, node, (kg.speakerLabel, quote.speaker_label, t.text))
        if quote.question:
            add((node, rdf.type, schema.Question))
        if quote.answers:
            add((node, rdf.type, schema.Answer))
            add((node, schema.parentItem, t.iri(fact_iri("quote", w.hash, *quote.answers))))
        add((node, kg.partial, t.boolean(quote.partial)))
        add((node, kg.rule, t.text(quote.rule)))
        add((node, kg.confidence, t.decimal(quote.confidence)))
        w.sentence(node, quote.start, quote.end, quote.sentence)


def _figures(w: _Writer) -> dict[tuple[int, int], ox.NamedNode]:
    """Each figure: value (range), unit, metric, subject, period, direction and bound; their nodes by offsets."""
    add = w.add
    nodes = {}
    for figure in w.x.figures:
        node = nodes[(figure.start, figure.end)] = t.iri(fact_iri("figure", w.hash, figure.start, figure.end))
        add((node, rdf.type, kg.Figure))
        add((node, nif.anchorOf, t.text(figure.text)))
        add((node, schema.value, t.decimal(figure.value)))
        add((node, schema.unitText, t.text(figure.unit)))
        if figure.unit.isupper() and len(figure.unit) == 3:
            add((node, rdf.type, schema.MonetaryAmount))
            add((node, schema.currency, t.text(figure.unit)))
        optional(add, node, (schema.minValue, figure.minimum, t.decimal), (schema.maxValue, figure.maximum, t.decimal),
                 (kg.metric, figure.metric, t.iri), (kg.metricText, figure.metric_text, t.text),
                 (kg.subject, figure.subject, t.iri), (kg.direction, figure.direction, t.text),
                 (kg.bound, figure.bound, t.text), (kg.statedAs, figure.stated_as, t.iri))
        if figure.subject:
            w.entity(figure.subject)
        if figure.period:
            add((node, kg.period, w.period(figure.period)))
        w.sentence(node, figure.start, figure.end, figure.sentence)
    return nodes


def _claims(w: _Writer, figure_nodes: dict[tuple[int, int], ox.NamedNode]) -> None:
    """Each claim: its text, kind, rule, claimant, what it is about, the figures it states and its period."""
    add = w.add
    for claim in w.x.claims:
        node = t.iri(fact_iri("claim", w.hash, claim.start, claim.end))
        add((node, rdf.type, schema.Claim))
        add((node, schema.text, t.text(claim.text)))
        add((node, kg.claimKind, t.iri(claim.kind)))
        add((node, kg.rule, t.text(claim.rule)))
        if claim.claimant:
            add((node, prov.wasAttributedTo, t.iri(claim.claimant)))
            w.entity(claim.claimant)
        for about in claim.about:
            add((node, schema.about, t.iri(about)))
        for span in claim.figures:
            add((node, kg.statesFigure, figure_nodes[span]))
        if claim.period:
            add((node, kg.period, w.period(claim.period)))
        w.sentence(node, claim.start, claim.end, claim.sentence)


def _event(w: _Writer) -> None:
    """The earnings call the document transcribes, shared: name, organiser, period, date and who spoke."""
    event = w.x.event
    if not event:
        return
    node = t.iri(event_iri(event.organization, event.period, event.date.isoformat() if event.date else None))
    w.share((node, rdf.type, kg.EarningsCall))
    w.share((node, schema.name, t.text(event.name)))
    w.share((node, schema.organizer, t.iri(event.organization)))
    w.entity(event.organization)
    if event.period:
        w.share((node, kg.period, w.period(event.period)))
    optional(w.share, node, (schema.startDate, event.date, t.day))
    for speaker in sorted({q.speaker for q in w.x.quotes if q.speaker and q.rule in TURN_RULES}):
        w.share((node, schema.attendee, t.iri(speaker)))  # who spoke in the call: the transcript's turns
    w.add((w.doc, schema.about, node))


def _is_alias(extraction: Extraction, mention: Mention) -> bool:
    """A name the document uses for an entity other than its canonical name (not a pronoun or a title)."""
    return (mention.rule not in ("pronoun", "title", "definite")
            and mention.text != extraction.entities[mention.entity].name)


def entity_entries(extraction: Extraction) -> list[tuple]:
    """Type, name and other names of each entity the document mentions or quotes (a call's speaker may be named
    only by the turn)."""
    entries = []
    named = {m.entity for m in extraction.mentions} | {q.speaker for q in extraction.quotes if q.speaker}
    for entity in extraction.entities.values():
        if entity.iri in named:
            node = t.iri(entity.iri)
            entries.append((node, rdf.type, ENTITY_TYPES[entity.type]))
            entries.append((node, schema.name, t.text(entity.name)))
    for mention in extraction.mentions:
        if _is_alias(extraction, mention):
            entries.append((t.iri(mention.entity), skos.altLabel, t.text(" ".join(mention.text.split()))))
    return entries


def to_nquads(extraction: Extraction) -> bytearray:
    """The document's named graph, then its shared statements in the entities graph, as N-Quads (Oxigraph's
    serializer: fast and exact). A store adds the first part and merges the second into its entities graph
    (`kg.rdf.shared`); a store loaded by another tool holds the plain union of the second. Written a piece at a
    time into one buffer, each triple let go once written: a 5 MB document's N-Quads are 220 MB."""
    w = written(extraction)
    out = bytearray()
    while w.triples:
        piece, w.triples[-PIECE:] = w.triples[-PIECE:], []
        out += ox.serialize((ox.Quad(s, p, o, w.name) for s, p, o in piece), format=ox.RdfFormat.N_QUADS)
    out += ox.serialize((ox.Quad(s, p, o, ENTITIES) for s, p, o in dict.fromkeys(w.shared)),
                        format=ox.RdfFormat.N_QUADS)
    return out


def to_graph(extraction: Extraction) -> rdflib.Graph:
    """The document's named graph as an rdflib `Graph`."""
    w = written(extraction)
    graph = rdflib.Graph(identifier=t.to_rdflib(w.name))
    bind_prefixes(graph)
    for s, p, o in w.triples:
        graph.add((t.to_rdflib(s), t.to_rdflib(p), t.to_rdflib(o)))
    return graph
