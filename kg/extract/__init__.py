"""Extraction: a `Document` in, an `Extraction` (entities, roles, quotes, figures, claims, event) out.

A pure function of the document and the gazetteer: the same input gives the same output.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from functools import lru_cache, partial

from kg.extract import vocabulary as V
from kg.extract.claims import find_claims
from kg.extract.context import Context
from kg.extract.coref import resolve_definite_organisations, resolve_pronouns, resolve_titles
from kg.extract.entities import (DevelopmentHint, EntityFindings, RoleHint, find_entities, is_name_word,
                                 proper_name_end)
from kg.extract.figures import find_figures
from kg.extract.gazetteer import Gazetteer, load_gazetteer, user_gazetteer_files
from kg.extract.metadata import find_event, find_publisher
from kg.extract.nlp import make_doc, token_starts, words
from kg.extract.nlp import sentence as sentence_of_token
from kg.extract.periods import find_periods
from kg.extract.quotes import find_quotes
from kg.iris import entity_iri
from kg.model import Development, Document, Entity, Extraction, Mention, Period, Quote, Role, Turn

__all__ = ["extract", "default_gazetteer"]

OPENING_CHARS = 2000  # where a call's host names the company


def default_gazetteer() -> Gazetteer:
    return load_gazetteer(user_gazetteer_files())


def extract(document: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    gazetteer = gazetteer or default_gazetteer()
    doc = make_doc(document.text)
    found = find_entities(doc, gazetteer)
    turn_mentions, speakers = _turn_speakers(document, gazetteer, found)
    named = found.mentions + turn_mentions
    focus = _focus(document, gazetteer, found.entities, named)
    firm_mentions, analyst_roles = _handoff_analysts(document, doc, found, speakers, focus)
    named += firm_mentions
    roles = _unique_roles(_roles(doc, found.roles, found, gazetteer, focus) + analyst_roles)
    holders = {role.role: role.person for role in roles if role.role}
    references = (resolve_pronouns(doc, named, gazetteer) + resolve_titles(doc, holders)
                  + resolve_definite_organisations(doc, focus))
    _add_known(found.entities, gazetteer, focus)
    known_focus = gazetteer.get(focus) if focus else None
    on_calendar = partial(_on_calendar, focus, known_focus.fiscal_year_end if known_focus else None,
                          document.kind == "transcript")
    ctx = Context(document, doc, named + _without_overlaps(references, named), found.entities, focus,
                  on_calendar(_reported_period(document)), document.published,
                  sorted((t.start, t.end, speakers[t]) for t in document.turns if t in speakers),
                  frozenset(r.person for r in roles if r.role == ANALYST))
    event = find_event(ctx)
    if event and event.period and event.period != on_calendar(event.period):
        period = on_calendar(event.period)
        event = replace(event, period=period, name=event.name.replace(event.period.label, period.label, 1))
    if event and event.period and ctx.period is None:
        ctx.period = event.period
    quotes = (_questions_and_answers(document, _turn_quotes(document, speakers), speakers, ctx.analysts)
              + _outside_turns_or_attributed(document, find_quotes(ctx)))
    figures = [replace(f, period=on_calendar(f.period)) if f.period else f for f in find_figures(ctx)]
    claims = find_claims(ctx, quotes, figures)
    return Extraction(
        document=_with_publisher(document),
        entities=found.entities,
        mentions=ctx.mentions,
        roles=roles,
        developments=_developments(ctx, found.developments),
        quotes=quotes,
        figures=figures,
        claims=claims,
        event=event,
    )


def _add_known(entities: dict[str, Entity], gazetteer: Gazetteer, iri: str | None) -> None:
    """An entity the document refers to without naming it (its focus, a post's organisation), from the gazetteer."""
    known = gazetteer.get(iri) if iri else None
    if known is not None and iri not in entities:
        entities[iri] = Entity(iri, known.name, known.type, known.aliases, True)


def _with_publisher(document: Document) -> Document:
    if document.publisher or document.kind != "article":
        return document
    return replace(document, publisher=find_publisher(document.text))


def _without_overlaps(references: list[Mention], named: list[Mention]) -> list[Mention]:
    taken = [(m.start, m.end) for m in named]
    return [r for r in references if all(r.end <= s or r.start >= e for s, e in taken)]


def _reported_period(document: Document):
    """A transcript header's quarter ('Q3 2025') is the period 'this quarter' refers to."""
    if not document.period:
        return None
    periods = find_periods(document.period)
    return periods[0].period if periods else None


def _on_calendar(company: str | None, year_end: int | None, transcript: bool, period: Period | None) -> Period | None:
    """Rule: a fiscal period of a company whose fiscal year the gazetteer knows is on that company's calendar
    (a fiscal year ending in December is the calendar year); in a transcript of a company whose fiscal year ends
    in another month, a quarter or half is a fiscal one, as such companies report by them."""
    if period is None or company is None or year_end is None:
        return period
    if year_end == 12:
        return replace(period, fiscal=False)
    if transcript and (period.quarter or period.half):
        period = replace(period, fiscal=True)
    return replace(period, calendar=company, year_end=year_end) if period.fiscal else period


def _focus(document: Document, gazetteer: Gazetteer, entities: dict[str, Entity], mentions: list[Mention]) -> str | None:
    """The organisation a document is about: a transcript header's company (by ticker or name), else the
    organisation named most often (the first named, on a tie)."""
    if document.company:
        wanted = document.company.strip()
        for known in gazetteer.entries.values():
            if known.type == "Organization" and (wanted.upper() in known.tickers or wanted == known.name
                                                 or wanted in known.aliases):
                return known.iri
        named = _named_by_ticker(wanted, entities, mentions)
        if named:
            return named
        iri = entity_iri(wanted)  # known by its ticker only: the ticker is its name
        entities.setdefault(iri, Entity(iri, wanted, "Organization", (), False))
        return iri
    counts = Counter(m.entity for m in mentions if m.type == "Organization")
    if not counts:
        return None
    first = {}
    for m in mentions:
        first.setdefault(m.entity, m.start)
    return min(counts, key=lambda iri: (-counts[iri], first[iri]))


def _named_by_ticker(ticker: str, entities: dict[str, Entity], mentions: list[Mention]) -> str | None:
    """Rule: the organisation named at the start of a call whose name begins with the ticker's letters or whose
    initials spell it ('Tyler Technologies' for TYL, 'General Motors' for GM), and that the call names again."""
    wanted = ticker.lower()
    times_named = Counter(m.entity for m in mentions)
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start > OPENING_CHARS:
            break
        entity = entities.get(m.entity)
        if entity is None or entity.type != "Organization" or times_named[m.entity] < 2:
            continue
        words = re.findall(r"[a-z0-9]+", entity.name.lower())
        initials = "".join(w[0] for w in words)
        if len(wanted) >= 2 and ("".join(words).startswith(wanted) or initials == wanted):
            return entity.iri
    return None


def _roles(doc, hints: list[RoleHint], found: EntityFindings, gazetteer: Gazetteer, focus: str | None) -> list[Role]:
    """Resolve each title to a post: the organisation named with it, else the person's known post with that
    title in the gazetteer, else the organisation the document is about."""
    roles = []
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
            _add_known(found.entities, gazetteer, org)
        org = org or focus
        span = doc[hint.start:hint.end]
        roles.append(Role(person, hint.title, org, hint.role, span.start_char, span.end_char))
    return roles


def _unique_roles(roles: list[Role]) -> list[Role]:
    """One role per person, post and organisation (the first found)."""
    return list({(r.person, r.role, r.organization): r for r in roles}.values())


ANALYST = "https://w3id.org/kg/role/analyst"
HANDOFF_WINDOW = 400  # characters at the end of a turn where the hand-off to the next speaker is
NAME_PREFIX_MIN = 3  # "Will" for "William", "Doug" for "Douglas"


def _firm_prepositions() -> frozenset[str]:
    forms = (term.forms for term in V.load_vocabulary().terms(HANDOFF_CUES) if term.concept.endswith("/firm-preposition"))
    return frozenset(form for group in forms for form in group)


def _calls_by_name(word: str, label: str) -> bool:
    """'Adam', 'Will' or 'Jonas' may call the speaker labelled 'Adam Michael Jonas' / 'William Stein'."""
    parts = [w for w in label.replace(".", " ").split() if len(w) > 1]
    if not parts or not word[:1].isupper():
        return False
    first, last = parts[0].lower(), parts[-1].lower()
    word = word.lower()
    return word == last or word == first or (len(word) >= NAME_PREFIX_MIN and first.startswith(word))


def _handoff_analysts(document: Document, doc, found: EntityFindings, speakers: dict[Turn, str],
                      focus: str | None) -> tuple[list[Mention], list[Role]]:
    """Rule: when the end of a turn calls the next speaker by name and names a firm after 'with', 'from',
    'at' or 'of' ('... comes from Adam at Morgan Stanley', 'over to Will from Keystone'), the next speaker is an
    analyst of that firm; a firm no other rule found becomes an organisation."""
    texts, prepositions, titles = words(doc), _firm_prepositions(), V.load_vocabulary().forms(V.ROLES)
    mentions, roles = [], []
    ctx_starts = token_starts(doc)
    for before, turn in zip(document.turns, document.turns[1:]):
        person = speakers.get(turn)
        if person is None or speakers.get(before) == person:
            continue
        lo = bisect_left(ctx_starts, max(before.start, before.end - HANDOFF_WINDOW))
        hi = bisect_left(ctx_starts, before.end)
        for i in range(lo, hi):
            if not _calls_by_name(texts[i], turn.speaker):
                continue
            j = i + 1
            while j < hi and is_name_word(doc[j]) and j - i < 3:
                j += 1
            if j + 1 >= hi or texts[j].lower() not in prepositions:
                continue
            end = proper_name_end(doc, j + 1, longest=5)
            if end is None or end > hi or any(w.lower() in titles for w in texts[j + 1:end]):
                continue
            span = doc[j + 1:end]
            firm = found.token_entity.get(j + 1)
            if firm is not None and found.entities[firm].type != "Organization":
                break  # the words after the name are a person's or a product's
            if firm is None:
                firm = entity_iri(span.text)
                found.entities.setdefault(firm, Entity(firm, span.text, "Organization"))
                mentions.append(Mention(span.start_char, span.end_char, span.text, firm, "Organization", "handoff"))
            if firm != focus:
                roles.append(Role(person, "Analyst", firm, ANALYST, doc[i].idx, span.end_char))
            break
    return mentions, roles


def _developments(ctx: Context, hints: list[DevelopmentHint]) -> list[Development]:
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


SPEAKER_NOT_PERSON = re.compile(r"^(operator|moderator|unidentified|unknown)\b", re.I)


def _name_key(name: str) -> tuple[str, str]:
    """First and last word, lowercase: 'Amy E. Hood' and 'Amy Hood' are the same person."""
    words = [w for w in name.replace(".", ". ").split() if not (len(w) <= 2 and w.endswith("."))]
    return (words[0].lower(), words[-1].lower()) if words else ("", "")


def _short_form(label: str, in_text: dict[tuple[str, str], str]) -> str | None:
    """Rule: a label is the person named in the text with the same surname and a short form of the first
    name ('Douglas Till Anmuth' = 'Doug Anmuth', 'Ronald Josey' = 'Ron Josey'), when only one such person is."""
    first, last = _name_key(label)
    found = {iri for (f, l), iri in in_text.items() if l == last and f != first and len(min(f, first, key=len)) >= 3
             and (first.startswith(f) or f.startswith(first))}
    return found.pop() if len(found) == 1 else None


def _turn_speakers(document: Document, gazetteer: Gazetteer, found: EntityFindings) -> tuple[list[Mention], dict[Turn, str]]:
    """Rule: a transcript turn's speaker is a person: the gazetteer's when a name or alias matches, else a
    person named in the text with the same first and last name ('Amy E. Hood' = 'Amy Hood'), else a new one.
    Labelled turns are mentions of their speaker."""
    by_form = {form.lower(): known for form, known in gazetteer.surface_forms() if known.type == "Person"}
    in_text = {_name_key(e.name): e.iri for e in found.entities.values() if e.type == "Person"}
    mentions, speakers = [], {}
    for turn in document.turns:
        if SPEAKER_NOT_PERSON.match(turn.speaker):
            continue
        known = by_form.get(turn.speaker.lower())
        iri = known.iri if known else in_text.get(_name_key(turn.speaker)) or _short_form(turn.speaker, in_text) \
            or entity_iri(turn.speaker)
        if iri not in found.entities:
            found.entities[iri] = Entity(iri, known.name if known else turn.speaker, "Person",
                                         known.aliases if known else (), known is not None)
            in_text[_name_key(turn.speaker)] = iri
        speakers[turn] = iri
        if turn.label_start >= 0:
            start = turn.label_start
            mentions.append(Mention(start, start + len(turn.speaker), turn.speaker, iri, "Person", "turn"))
    return mentions, speakers


def _outside_turns_or_attributed(document: Document, quotes: list[Quote]) -> list[Quote]:
    """Rule: inside a transcript turn, words in quotation marks that no rule attributes are part of the turn's
    own quotation, not a quotation of their own."""
    spans = [(t.start, t.end) for t in document.turns]
    return [q for q in quotes if q.speaker or not any(s <= q.start and q.end <= e for s, e in spans)]


def _questions_and_answers(document: Document, quotes: list[Quote], speakers: dict[Turn, str],
                           analysts: frozenset[str]) -> list[Quote]:
    """Rule: in a call, an analyst's turn asks a question; the turns of others after it answer it, until the next
    question or a turn of the call's staff (the operator's hand-off or closing)."""
    by_start = {quote.start: quote for quote in quotes}
    question, marked = None, []
    for turn in document.turns:
        quote = by_start.get(turn.start)
        if quote is None:
            question = None if _is_call_staff(turn.speaker) else question
        elif speakers.get(turn) in analysts:
            question = replace(quote, question=True)
            marked.append(question)
        else:
            marked.append(replace(quote, answers=(question.start, question.end)) if question else quote)
    return marked


def _is_call_staff(label: str) -> bool:
    """Rule: a turn label such as 'Operator' or 'Moderator' (lexicon call-staff-labels) names who runs the call."""
    staff = V.load_vocabulary().forms(V.CALL_STAFF_LABELS)
    return " ".join(label.lower().split()) in staff


HANDOFF_CUES = "https://w3id.org/kg/lexicon/handoff-cues"
_ACK_CONCEPTS = ("acknowledgement", "thanks")


@lru_cache(maxsize=1)
def _acknowledgement() -> re.Pattern:
    """The acknowledgement and thanks phrases of the hand-off cues, as one pattern for a whole text."""
    forms = sorted({form for term in V.load_vocabulary().terms(HANDOFF_CUES)
                    if term.concept.rsplit("/", 1)[-1] in _ACK_CONCEPTS for form in term.forms}, key=len, reverse=True)
    phrase = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?:(?:{phrase})\b[\s,.!]*)+", re.I)


def _only_acknowledgement(text: str) -> bool:
    """Rule: a turn that only acknowledges ('Yes.', 'Okay. Thank you.') states nothing to quote."""
    return bool(_acknowledgement().fullmatch(text.strip()))


def _turn_quotes(document: Document, speakers: dict[Turn, str]) -> list[Quote]:
    """Rule: every turn of a transcript is a quotation of its speaker, word for word, except the turns of the
    call's staff (the operator's hand-offs are no one's statement); an unnamed person's turn keeps its label."""
    quotes = []
    for turn in document.turns:
        if turn.end <= turn.start or _is_call_staff(turn.speaker) \
                or _only_acknowledgement(document.text[turn.start:turn.end]):
            continue
        speaker = speakers.get(turn)
        quotes.append(Quote(turn.start, turn.end, document.text[turn.start:turn.end], speaker, False,
                            "turn" if turn.label_start >= 0 else "inferred-turn", turn.confidence,
                            (turn.start, turn.end), None if speaker else turn.speaker))
    return quotes
