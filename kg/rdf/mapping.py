"""Map an `Extraction` to the triples of its document's named graph (see docs/rdf-model.md)."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.iris import (document_graph_iri, document_iri, entity_iri, event_iri, fact_iri, period_iri,
                     post_iri)
from kg.model import Extraction, Period
from kg.rdf.namespaces import ENTITY_CLASSES, KG, NIF, ORG, SCHEMA, bind_prefixes


def _decimal(value: float) -> Literal:
    """xsd:decimal in its canonical lexical form ("120000000", "48.39"): no exponent, no trailing zeros,
    as Oxigraph stores it, so what is read back equals what was written."""
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text, datatype=XSD.decimal)


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


class _Writer:
    def __init__(self, extraction: Extraction):
        self.x = extraction
        self.hash = extraction.document.content_hash
        self.doc = URIRef(document_iri(self.hash))
        self.graph = Graph(identifier=URIRef(document_graph_iri(self.hash)))
        bind_prefixes(self.graph)
        self.add = self.graph.add

    def sentence(self, node: URIRef, start: int, end: int, span: tuple[int, int]) -> None:
        """Provenance shared by quotes, figures and claims: document, offsets and the sentence."""
        text = self.x.document.text
        self.add((node, PROV.wasDerivedFrom, self.doc))
        self.add((node, NIF.beginIndex, _int(start)))
        self.add((node, NIF.endIndex, _int(end)))
        if span[1] > span[0]:
            self.add((node, KG.sentence, Literal(" ".join(text[span[0]:span[1]].split()))))

    def period(self, period: Period) -> URIRef:
        node = URIRef(period_iri(period))
        self.add((node, RDF.type, KG.Period))
        self.add((node, RDFS.label, Literal(period.label)))
        if period.year:
            self.add((node, KG.year, _int(period.year)))
        if period.quarter:
            self.add((node, KG.quarter, _int(period.quarter)))
        if period.half:
            self.add((node, KG.half, _int(period.half)))
        self.add((node, KG.fiscal, Literal(period.fiscal)))
        return node


def to_graph(extraction: Extraction) -> Graph:
    """The document's named graph: the document, the entities it mentions and every fact it states."""
    w = _Writer(extraction)
    document, add = extraction.document, w.add
    add((w.doc, RDF.type, KG.Document))
    add((w.doc, RDF.type, KG.Transcript if document.kind == "transcript" else SCHEMA.NewsArticle))
    add((w.doc, KG.sourcePath, Literal(document.source)))
    add((w.doc, KG.contentHash, Literal(w.hash)))
    add((w.doc, KG.charCount, _int(len(document.text))))
    if document.title:
        add((w.doc, SCHEMA.name, Literal(document.title)))
    if document.published:
        add((w.doc, SCHEMA.datePublished, Literal(document.published, datatype=XSD.date)))
    if document.publisher:
        publisher = URIRef(entity_iri(document.publisher))
        add((w.doc, SCHEMA.publisher, publisher))
        add((publisher, RDF.type, SCHEMA.Organization))
        add((publisher, SCHEMA.name, Literal(document.publisher)))

    mentioned = {m.entity for m in extraction.mentions}
    for entity in extraction.entities.values():
        if entity.iri not in mentioned:
            continue
        node = URIRef(entity.iri)
        add((node, RDF.type, ENTITY_CLASSES[entity.type]))
        add((node, SCHEMA.name, Literal(entity.name)))
        add((w.doc, SCHEMA.mentions, node))
    for mention in extraction.mentions:
        if mention.rule not in ("pronoun", "title", "definite") and mention.text != extraction.entities[mention.entity].name:
            add((URIRef(mention.entity), SKOS.altLabel, Literal(" ".join(mention.text.split()))))

    for role in extraction.roles:
        if role.organization is None:
            continue
        post = URIRef(post_iri(role.organization, role.role.rsplit("/", 1)[-1] if role.role else role.title,
                               role.person))
        add((post, RDF.type, ORG.Post))
        add((post, ORG.heldBy, URIRef(role.person)))
        add((post, ORG.postIn, URIRef(role.organization)))
        add((post, SKOS.prefLabel, Literal(role.title)))
        if role.role:
            add((post, ORG.role, URIRef(role.role)))
        add((URIRef(role.person), ORG.holds, post))
        _ensure_entity(w, extraction, role.organization)

    for development in extraction.developments:
        add((URIRef(development.product), SCHEMA.creator, URIRef(development.developer)))

    for quote in extraction.quotes:
        node = URIRef(fact_iri("quote", w.hash, quote.start, quote.end))
        add((node, RDF.type, SCHEMA.Quotation))
        add((node, SCHEMA.text, Literal(quote.text)))
        if quote.speaker:
            add((node, SCHEMA.spokenByCharacter, URIRef(quote.speaker)))
            add((node, PROV.wasAttributedTo, URIRef(quote.speaker)))
        if quote.speaker_label:
            add((node, KG.speakerLabel, Literal(quote.speaker_label)))
        add((node, KG.partial, Literal(quote.partial)))
        add((node, KG.rule, Literal(quote.rule)))
        add((node, KG.confidence, _decimal(quote.confidence)))
        w.sentence(node, quote.start, quote.end, quote.sentence)

    figure_nodes = {}
    for figure in extraction.figures:
        node = URIRef(fact_iri("figure", w.hash, figure.start, figure.end))
        figure_nodes[(figure.start, figure.end)] = node
        add((node, RDF.type, KG.Figure))
        add((node, NIF.anchorOf, Literal(figure.text)))
        add((node, SCHEMA.value, _decimal(figure.value)))
        if figure.minimum is not None:
            add((node, SCHEMA.minValue, _decimal(figure.minimum)))
        if figure.maximum is not None:
            add((node, SCHEMA.maxValue, _decimal(figure.maximum)))
        add((node, SCHEMA.unitText, Literal(figure.unit)))
        if figure.unit.isupper() and len(figure.unit) == 3:
            add((node, RDF.type, SCHEMA.MonetaryAmount))
            add((node, SCHEMA.currency, Literal(figure.unit)))
        if figure.metric:
            add((node, KG.metric, URIRef(figure.metric)))
        if figure.subject:
            add((node, KG.subject, URIRef(figure.subject)))
            _ensure_entity(w, extraction, figure.subject)
        if figure.period:
            add((node, KG.period, w.period(figure.period)))
        if figure.direction:
            add((node, KG.direction, Literal(figure.direction)))
        if figure.bound:
            add((node, KG.bound, Literal(figure.bound)))
        w.sentence(node, figure.start, figure.end, figure.sentence)

    for claim in extraction.claims:
        node = URIRef(fact_iri("claim", w.hash, claim.start, claim.end))
        add((node, RDF.type, SCHEMA.Claim))
        add((node, SCHEMA.text, Literal(claim.text)))
        add((node, KG.claimKind, URIRef(claim.kind)))
        add((node, KG.rule, Literal(claim.rule)))
        if claim.claimant:
            add((node, PROV.wasAttributedTo, URIRef(claim.claimant)))
            _ensure_entity(w, extraction, claim.claimant)
        for about in claim.about:
            add((node, SCHEMA.about, URIRef(about)))
        for span in claim.figures:
            add((node, KG.statesFigure, figure_nodes[span]))
        w.sentence(node, claim.start, claim.end, claim.sentence)

    if extraction.event:
        event = extraction.event
        day = event.date.isoformat() if event.date else None
        node = URIRef(event_iri(event.organization, event.period, day))
        add((node, RDF.type, KG.EarningsCall))
        add((node, SCHEMA.name, Literal(event.name)))
        add((node, SCHEMA.organizer, URIRef(event.organization)))
        _ensure_entity(w, extraction, event.organization)
        if event.period:
            add((node, KG.period, w.period(event.period)))
        if event.date:
            add((node, SCHEMA.startDate, Literal(event.date, datatype=XSD.date)))
        add((w.doc, SCHEMA.about, node))
    return w.graph


def _ensure_entity(w: _Writer, extraction: Extraction, iri: str) -> None:
    """An entity referred to (as a subject, claimant, organiser) is typed and named in the graph too."""
    entity = extraction.entities.get(iri)
    if entity is not None:
        node = URIRef(iri)
        w.add((node, RDF.type, ENTITY_CLASSES[entity.type]))
        w.add((node, SCHEMA.name, Literal(entity.name)))
