"""Relations between entities that a document states: posts ("CFO Susan Li") and developers ("DeepSeek's R1")."""
from __future__ import annotations

from kg import lexicon
from kg.extract.context import Context
from kg.extract.entities import DevelopmentHint, EntityFindings
from kg.extract.gazetteer import Gazetteer
from kg.extract.nlp import sentence as sentence_of_token, words
from kg.extract.passing import head_before_list
from kg.extract.phrases import ending_at
from kg.extract.titles import RoleHint
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
        written = _mention_text(found, org, doc[hint.org_start].idx) if org is not None else None
        known = gazetteer.get(person)
        if org is None and known:
            org = next((p.organization for p in known.posts if p.role == hint.role), None)
            add_known(found.entities, gazetteer, org)
        org = org or focus
        span = doc[hint.start:hint.end]
        out.append(Role(person, hint.title, org, hint.role, span.start_char, span.end_char, written))
    return out


def _mention_text(found: EntityFindings, entity: str, start: int) -> str | None:
    """The words of the longest mention of the entity that covers character `start`."""
    covering = [m for m in found.mentions if m.entity == entity and m.start <= start < m.end]
    return max(covering, key=lambda m: (m.end - m.start, m.start)).text if covering else None


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


OWN_WORDS_BEFORE = 3  # "our new Orbit Max", "our latest generation Halo"


def products_of(organisation: str | None, developments: list[Development], entities: dict, gazetteer: Gazetteer) \
        -> frozenset[str]:
    """The products and models the organisation develops, by the text's developments or the gazetteer."""
    if organisation is None:
        return frozenset()
    known = {iri for iri in entities if (entry := gazetteer.get(iri)) is not None and entry.developer == organisation}
    return frozenset(known | {d.product for d in developments if d.developer == organisation})


def own_products(ctx: Context, gazetteer: Gazetteer, stated: list[Development]) -> list[Development]:
    """Rule: a product or model whose developer neither the text (`stated`) nor the gazetteer gives is made by
    the organisation its name starts with, a gazetteer's or the document's own ('Zentara Cloud': Zentara), or by
    the maker of the product its name starts with ('Quasar 4' after Zentara's 'Quasar'); in a call, by the call's
    company when its people call it theirs ('our new Orbit Max') or say they brought it out ('we launched Halo');
    not for a version named alone ('Quasar 3' in Zentara's call may be a partner's or a customer's)."""
    developers = {d.product: d.developer for d in stated}
    for iri in ctx.entities:
        known = gazetteer.get(iri)
        if known is not None and known.developer:
            developers.setdefault(iri, known.developer)
    # makers by name: the document's company and the makers the text or gazetteer gave, then the gazetteer's
    makers = {form.lower(): ctx.focus for form in (ctx.name(ctx.focus), *ctx.entities[ctx.focus].aliases)} \
        if ctx.focus in ctx.entities else {}
    makers.update({form.lower(): developers[iri] for iri, e in ctx.entities.items() if iri in developers
                   for form in (e.name, *e.aliases)})
    out = []
    for mention in ctx.mentions:
        if mention.type not in ("Product", "AIModel") or mention.entity in developers:
            continue
        words = mention.text.split()
        prefixes = (" ".join(words[:k]).lower() for k in range(len(words) - 1, 0, -1))
        developer = next((makers.get(p) or gazetteer.makers[p] for p in prefixes
                          if p in makers or p in gazetteer.makers), None)
        start = mention.start
        turn = ctx.turn_at(mention.start) if ctx.focus else None
        if developer is None and turn is not None and turn[2] not in ctx.analysts:
            start = _claimed_as_own(ctx, mention, turn[0])
            developer = ctx.focus if start is not None else None
            start = mention.start if start is None else start
        if developer is not None and developer != mention.entity:
            add_known(ctx.entities, gazetteer, developer)  # a maker the gazetteer named is described
            developers[mention.entity] = developer
            out.append(Development(mention.entity, developer, start, mention.end))
    return out + _listed_with_own(ctx, developers)


def _listed_with_own(ctx: Context, developers: dict[str, str]) -> list[Development]:
    """Rule: in a call, a product its company's people name in one list with a product of the company's own
    ('Orbit Max, Nova and Lumen Pro' with Orbit Max the company's) is the company's own too."""
    if ctx.focus is None:
        return []
    joins = lexicon.words(lexicon.LIST_JOINS) | {","}
    products = [m for m in ctx.mentions if m.type in ("Product", "AIModel")]
    text, out, found = ctx.doc.text, [], True  # Doc.text joins every token: read it once
    while found:  # a list's own product makes its neighbour own, and so on along the list
        found = False
        for before, after in zip(products, products[1:]):
            between = text[before.end:after.start].split()
            if not between or len(between) > 2 or not all(w in joins for w in between):
                continue
            owned = [m for m in (before, after) if developers.get(m.entity) == ctx.focus]
            other = next((m for m in (before, after) if m.entity not in developers), None)
            turn = ctx.turn_at(before.start)
            if owned and other is not None and turn is not None and turn[2] not in ctx.analysts:
                developers[other.entity] = ctx.focus
                out.append(Development(other.entity, ctx.focus, before.start, after.end))
                found = True
    return out


def _claimed_as_own(ctx: Context, mention, turn_start: int) -> int | None:
    """Where the words around a product call it the speaker's company's ('our new Orbit Max', 'we launched
    Halo', 'we've also just rolled out Halo', 'Halo, our new assistant'), if they do."""
    doc = ctx.doc
    possessives = lexicon.words(lexicon.OWN_POSSESSIVES)
    first = ctx.token_index(mention.start)
    if (opening := _own_list_opening(doc, first, possessives)) is not None and doc[opening].idx >= turn_start:
        return doc[opening].idx
    if _own_apposition(doc, ctx.token_index(mention.end - 1) + 1, possessives):
        return mention.start
    for j in range(first - 1, max(first - 1 - OWN_WORDS_BEFORE, -1), -1):
        if doc[j].idx < turn_start or doc[j].is_punct or ctx.mention_at(doc[j].idx) is not None:
            return None
        if doc[j].lower_ in possessives:
            return doc[j].idx
        launch = ending_at(doc, lexicon.LAUNCH_VERBS, j + 1, max(0, j - 2))
        if launch is not None and _said_by_us(doc, launch):
            return doc[launch].idx
    return None


WE_BEFORE_LAUNCH = 4  # "we launched", "we've also just released"


def _said_by_us(doc, verb: int) -> bool:
    """A first-person subject a few words before a launch verb, with no break between ('we've also just')."""
    we = lexicon.words(lexicon.FIRST_PERSON)
    for k in range(verb - 1, max(verb - 1 - WE_BEFORE_LAUNCH, -1), -1):
        if doc[k].is_punct:
            return False
        if doc[k].lower_ in we:
            return True
    return False


def _own_apposition(doc, after: int, possessives: frozenset[str]) -> bool:
    """Rule: a comma and a possessive right after a product (and its product noun) name it the speaker's
    company's ('Halo, our new assistant', 'the Halo app, which is our contact-center service')."""
    texts = words(doc)
    if after < len(texts) and texts[after].lower() in lexicon.words(lexicon.PRODUCT_NOUNS):
        after += 1  # "the Halo app, our ..."
    if after >= len(texts) or texts[after] != ",":
        return False
    j = after + 1
    if j + 1 < len(texts) and texts[j].lower() in lexicon.words(lexicon.RELATIVE_PRONOUNS) \
            and texts[j + 1].lower() in lexicon.words(lexicon.COPULAS):
        j += 2  # "which is our ..."
    return j < len(texts) and texts[j].lower() in possessives


def _own_list_opening(doc, first: int, possessives: frozenset[str]) -> int | None:
    """Where 'our key products, such as' opens the list whose first name starts at token `first`: a possessive
    up to two words before the list's head noun."""
    head = head_before_list(words(doc), first)
    if head is None:
        return None
    return next((j for j in range(head - 1, max(head - 4, -1), -1) if doc[j].lower_ in possessives), None)
