"""Extraction: a `Document` in, an `Extraction` (entities, roles, quotes, figures, claims, event) out.

A pure function of the document and the gazetteer: the same input gives the same output.
"""
from __future__ import annotations

from dataclasses import replace
from functools import partial

from kg.extract import calls, relations
from kg.extract.claims import find_claims, kept_claims, stated_figures, with_stated_figures
from kg.extract.context import Context
from kg.extract.coref import resolve_definite_organisations, resolve_pronouns, resolve_titles
from kg.extract.entities import find_entities
from kg.extract.figures import find_figures
from kg.extract.parts import part_names
from kg.extract.gazetteer import Gazetteer, load_gazetteer, user_gazetteer_files
from kg.extract.metadata import find_event, find_publisher, reported_period
from kg.extract.nlp import make_doc
from kg.extract.quotes import find_quotes
from kg.model import Document, Extraction, Mention


def default_gazetteer() -> Gazetteer:
    return load_gazetteer(user_gazetteer_files())


def extract(document: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    gazetteer = gazetteer or default_gazetteer()
    doc = make_doc(document.text)
    intros = calls.call_introductions(document)
    welcomed = calls.welcomed_company(document, doc)
    listed = calls.listed_company(document, gazetteer)
    found = find_entities(doc, gazetteer, calls.introduced(intros, doc) + welcomed,
                          gazetteer.get(listed) if listed else None)
    turn_mentions, speakers = calls.turn_speakers(document, gazetteer, found)
    named = found.mentions + turn_mentions
    focus = calls.focus(document, gazetteer, found.entities, named,
                        found.token_entity.get(welcomed[0].start) if welcomed else None)
    firm_mentions, analyst_roles = calls.analysts(intros, document, doc, found, speakers, focus)
    named += firm_mentions
    roles = relations.unique_roles(relations.roles(doc, found.roles, found, gazetteer, focus) + analyst_roles)
    holders = {role.role: role.person for role in roles if role.role}
    references = (resolve_pronouns(doc, named, gazetteer) + resolve_titles(doc, holders)
                  + resolve_definite_organisations(doc, focus))
    relations.add_known(found.entities, gazetteer, focus)
    known_focus = gazetteer.get(focus) if focus else None
    on_calendar = partial(calls.on_calendar, focus, known_focus.fiscal_year_end if known_focus else None,
                          document.kind == "transcript")
    ctx = Context(document, doc, named + _without_overlaps(references, named), found.entities, focus,
                  on_calendar(reported_period(document)), document.published,
                  sorted((t.start, t.end, speakers[t]) for t in document.turns if t in speakers),
                  frozenset(r.person for r in roles if r.role == calls.ANALYST_ROLE))
    event = find_event(ctx)
    if event and event.period and event.period != on_calendar(event.period):
        period = on_calendar(event.period)
        event = replace(event, period=period, name=event.name.replace(event.period.label, period.label, 1))
    if event and event.period and ctx.period is None:
        ctx.period = event.period
    hosts = calls.moderators(document, intros)
    quotes = (calls.questions_and_answers(document, calls.turn_quotes(document, speakers, hosts), speakers,
                                          ctx.analysts, hosts)
              + calls.outside_turns_or_attributed(document, find_quotes(ctx)))
    ctx.add(*part_names(ctx))
    developments = relations.developments(ctx, found.developments)
    developments += relations.own_products(ctx, gazetteer, developments)
    ctx.own_products = relations.products_of(focus, developments, ctx.entities, gazetteer)
    figures = [replace(f, period=on_calendar(f.period)) if f.period else f for f in find_figures(ctx)]
    found_claims = find_claims(ctx, quotes, figures)
    figures = stated_figures(ctx, figures, found_claims)
    claims = [replace(c, period=on_calendar(c.period)) if c.period else c
              for c in with_stated_figures(kept_claims(ctx, found_claims), figures)]
    return Extraction(
        document=_with_publisher(document),
        entities=found.entities,
        mentions=ctx.mentions,
        roles=roles,
        developments=developments,
        quotes=quotes,
        figures=figures,
        claims=claims,
        event=event,
    )


def _with_publisher(document: Document) -> Document:
    if document.publisher or document.kind != "article":
        return document
    return replace(document, publisher=find_publisher(document.text))


def _without_overlaps(references: list[Mention], named: list[Mention]) -> list[Mention]:
    taken = [(m.start, m.end) for m in named]
    return [r for r in references if all(r.end <= s or r.start >= e for s, e in taken)]

