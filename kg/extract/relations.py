"""Relations between entities that a document states: posts ("CFO Susan Li") and developers ("DeepSeek's R1")."""
from __future__ import annotations

from kg.extract.context import Context
from kg.extract.entities import DevelopmentHint, EntityFindings, RoleHint
from kg.extract.gazetteer import Gazetteer
from kg.extract.nlp import sentence as sentence_of_token
from kg.model import Development, Entity, Role


def add_known(entities: dict[str, Entity], gazetteer: Gazetteer, iri: str | None) -> None:
    """An entity the document refers to without naming it (its focus, a post's organisation), from the gazetteer."""
    known = gazetteer.get(iri) if iri else None
    if known is not None and iri not in entities:
        entities[iri] = Entity(iri, known.name, known.type, known.aliases)


def roles(doc, hints: list[RoleHint], found: EntityFindings, gazetteer: Gazetteer, focus: str | None) -> list[Role]:
    """Resolve each title to a post: the organisation named with it, else the person's known post with that
    title in the gazetteer, else the organisation the document is about."""
    out = []
    for hint in hints:
        person = found.token_entity.get(hint.person_start)
        if person is None or found.entities[person].type != "Person":
            continue
        org = found.token_entity.get(hint.org_start) if hint.org_start is not None else None
        if org is not None and found.entities[org].type != "Organization":
            org = None
        known = gazetteer.get(person)
        if org is None and known:
            org = next((p.organization for p in known.posts if p.role == hint.role), None)
            add_known(found.entities, gazetteer, org)
        org = org or focus
        span = doc[hint.start:hint.end]
        out.append(Role(person, hint.title, org, hint.role, span.start_char, span.end_char))
    return out


def unique_roles(found: list[Role]) -> list[Role]:
    """One role per person, post and organisation (the first found)."""
    return list({(r.person, r.role, r.organization): r for r in found}.values())


def developments(ctx: Context, hints: list[DevelopmentHint]) -> list[Development]:
    """'its R1 AI model': the developer is the sentence's first organisation; "DeepSeek's R1": the possessor."""
    out = []
    doc = ctx.doc
    for hint in hints:
        product = ctx.mention_at(doc[hint.product_start].idx)
        if product is None or product.type not in ("AIModel", "Product"):
            continue
        if hint.owner == -1:
            sentence = sentence_of_token(doc, hint.product_start)
            owners = ctx.mentions_between(sentence.start_char, doc[hint.product_start].idx, "Organization")
            owner = owners[0] if owners else None
        else:
            owner = ctx.mention_at(doc[hint.owner].idx)
        if owner is not None and owner.type == "Organization":
            span = doc[hint.start:hint.end]
            out.append(Development(product.entity, owner.entity, span.start_char, span.end_char))
    return list({(d.product, d.developer): d for d in out}.values())
