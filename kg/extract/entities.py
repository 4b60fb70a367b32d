"""Entity mentions: gazetteer phrases, then rules for the names the gazetteer does not know.

Each rule is a small function over the `Doc` that returns candidate `Found` spans (token offsets);
`find_entities` merges them (longest span wins, then the rule order below) and assigns IRIs.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.found import Found
from kg.extract.gazetteer import Gazetteer, Known
from kg.extract.passing import (audience_products, branded_products, called_names, listed_names, medicine_names,
                                partner_names, product_models, versioned_products)
from kg.extract.nlp import pipeline, tokenize, word_positions, words
from kg.extract.phrases import find
from kg.extract.shapes import is_capitalised, is_name_word, is_proper_word, person_name_end, proper_name_end
from kg.documents.names import post_words, words_alike
from kg.extract.name_runs import is_name_prefix
from kg.extract.speakers import speaker_phrases
from kg.extract.titles import RoleHint, appositive_roles, titled_people
from kg.extract.units import business_units, segment_names
from kg.iris import entity_iri
from kg.model import Entity, Mention


@dataclass(frozen=True)
class DevelopmentHint:
    """A model or product named with its developer: `owner` is an org token index, or -1 for 'its'/'their'."""

    product_start: int
    owner: int
    start: int
    end: int


# ---------------------------------------------------------------- rules

@lru_cache(maxsize=4)
def _gazetteer_matcher(gazetteer: Gazetteer) -> tuple[PhraseMatcher, dict[str, Known]]:
    matcher = PhraseMatcher(pipeline().vocab, attr="LOWER")
    keys: dict[str, Known] = {}
    dotted = {word for word in lexicon.words(lexicon.ORG_NAME_WORDS) if word.endswith(".")}
    for form, known in gazetteer.surface_forms():
        key = f"{known.iri}|{form}"
        keys[key] = known
        # a company suffix written with its full stop too ('Nike Inc' as 'Nike Inc.')
        with_stop = [tokenize(form + ".")] if form.split()[-1].lower() + "." in dotted else []
        matcher.add(key, [tokenize(form)] + with_stop)
    return matcher, keys


def _is_surname_only(known: Known, form: str) -> bool:
    return known.type == "Person" and " " not in form.strip() and form != known.name


def _is_bare_alias(known: Known, form: str) -> bool:
    """A product's or model's short code ('OCI', 'R1') or one-word alias that is no spelling of its name ('Nova'
    for Amazon Nova; not 'Llama4'): other things bear the same letters."""
    if known.type not in ("Product", "AIModel") or form == known.name or " " in form:
        return False
    return _CODE.fullmatch(form) is not None or not form.lower().startswith(known.name.split()[0].lower())


_CODE = re.compile(r"[A-Z0-9]{2,4}")
_PRODUCTS_NEAR = 8  # tokens: a product's code this close to another product or model names a product too


def gazetteer_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Found]:
    """Rule: a gazetteer name or alias, written with a capital (so 'meta-analysis' is not Meta).
    A surname alone ('Li') counts only when the full name, the person's organisation or a title is in the text;
    a product's or model's code or bare alias alone ('OCI', 'R1', 'Nova') only when another of its names or its
    developer is, or when it stands among other products (a bank's "OCI losses" are its other comprehensive
    income, not Oracle Cloud Infrastructure; "Azure, GCP, AWS and OCI" are clouds)."""
    matcher, keys = _gazetteer_matcher(gazetteer)
    strings = pipeline().vocab.strings
    found, surname_only, code_only = [], [], []
    for key_id, s, e in matcher(doc):
        known = keys[strings[key_id]]
        span = doc[s:e]
        if not any(c.isupper() or c.isdigit() for c in span[0].text):
            continue
        form = strings[key_id].split("|", 1)[1]
        item = Found(s, e, known.name, known.type, "gazetteer", known)
        (surname_only if _is_surname_only(known, form) else code_only if _is_bare_alias(known, form)
         else found).append(item)
    named = {f.known.iri for f in found}
    for item in surname_only:
        orgs = {post.organization for post in item.known.posts}
        titled = item.start > 0 and doc[item.start - 1].lower_ in lexicon.load().forms(lexicon.ROLES)
        if item.known.iri in named or orgs & named or titled:
            found.append(item)
    # among other products and models ("Azure, GCP, AWS and OCI"), a code is the product's too
    products = [f.start for f in found if f.type in ("Product", "AIModel")]
    beside = {item.known.iri for item in code_only
              if any(abs(start - item.start) <= _PRODUCTS_NEAR for start in products)}
    found += [item for item in code_only if item.known.iri in named | beside or item.known.developer in named]
    return found


def described_organisations(doc: Doc) -> list[Found]:
    """Rule: a capitalised name right after an organisation descriptor ('Chinese startup DeepSeek',
    'AI chip maker Nvidia')."""
    found = []
    for hit in find(doc, lexicon.ORG_DESCRIPTORS):
        end = proper_name_end(doc, hit.end, longest=3) if hit.end < len(doc) else None
        if end is not None:
            found.append(Found(hit.end, end, doc[hit.end:end].text, "Organization", "descriptor"))
    return found


def suffixed_organisations(doc: Doc) -> list[Found]:
    """Rule: a capitalised name whose last word marks a company or institution ('Brightwave Dynamics',
    'Keystone Research', 'Acme Corp.'), not a post ('Chief Financial Officer') nor the start of a longer name."""
    found = []
    for hit in find(doc, lexicon.ORG_NAME_WORDS):
        if not is_capitalised(doc[hit.start]) or (hit.end < len(doc) and is_capitalised(doc[hit.end])
                                                  and doc[hit.end].is_alpha) \
                or (hit.end + 1 < len(doc) and doc[hit.end].lower_ == "of" and is_capitalised(doc[hit.end + 1])):
            continue  # 'Private Securities Litigation Reform Act', 'Society of Actuaries': the word ends no name there
        start = hit.start
        while start > 0 and is_proper_word(doc[start - 1]) and hit.start - start < 3 and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        if start < hit.start and not any(t.lower_ in post_words() for t in doc[start:hit.end]):
            found.append(Found(start, hit.end, doc[start:hit.end].text, "Organization", "suffix"))
    return found


def launched_products(doc: Doc) -> list[Found]:
    """Rule: a capitalised name right after a launch verb and before an apposition ('we released Halo, an
    open-source toolkit', 'we rolled out Tern, our routing model') is a product."""
    found = []
    for hit in find(doc, lexicon.LAUNCH_VERBS):
        end = proper_name_end(doc, hit.end, longest=3) if hit.end < len(doc) else None
        if end is None or end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in lexicon.words(lexicon.APPOSITION_STARTS):
            continue
        if person_name_end(doc, hit.end) == end:  # "introduced Jane Roe, our new CFO"
            continue
        found.append(Found(hit.end, end, doc[hit.end:end].text, "Product", "noun"))
    return found


def named_models_and_products(doc: Doc) -> tuple[list[Found], list[DevelopmentHint]]:
    """Rule: a proper name right before a model or product noun ("its R1 AI model", 'the Llama 4 model'),
    with its developer when a possessive precedes ("DeepSeek's", 'its'); before a bare "model", only a name with
    a version number or a developer ('our SaaS model' is a business model)."""
    found, developments = [], []
    for scheme, kind in ((lexicon.MODEL_NOUNS, "AIModel"), (lexicon.PRODUCT_NOUNS, "Product")):
        for hit in find(doc, scheme):
            start = hit.start
            while start > 0 and is_proper_word(doc[start - 1]) and hit.start - start < 3:
                start -= 1
            if start == hit.start or not is_capitalised(doc[start]) or _generic(doc[start:hit.start]):
                continue
            owner = _possessor(doc, start)
            if hit.term.concept in _bare_model_nouns() and owner is None \
                    and not any(c.isdigit() for c in doc[start:hit.start].text):
                continue  # "our SaaS model": a bare "model" needs a version number or a developer
            found.append(Found(start, hit.start, doc[start:hit.start].text, kind, "noun"))
            if owner is not None:
                developments.append(DevelopmentHint(start, owner, max(0, start - 2), hit.end))
    return found, developments


@lru_cache(maxsize=1)
def _noun_words() -> frozenset[str]:
    vocab = lexicon.load()
    forms = list(vocab.forms(lexicon.MODEL_NOUNS)) + list(vocab.forms(lexicon.PRODUCT_NOUNS))
    return frozenset(word for form in forms for word in form.split())


@lru_cache(maxsize=1)
def _bare_model_nouns() -> frozenset[str]:
    return frozenset(term.concept for term in lexicon.load().terms(lexicon.BARE_MODEL_NOUNS))


def _generic(span: Span) -> bool:
    """'AI' in 'AI assistant' is part of the noun, not a name; nor is a period ('Q4 platform') or one letter."""
    return all(t.lower_ in _noun_words() for t in span) or (len(span) == 1 and (
        len(span.text) == 1 or re.fullmatch(r"Q[1-4]|H[12]|FY\d*|CY\d*", span.text) is not None))


def _possessor(doc: Doc, i: int) -> int | None:
    """Token index of the owner in "X's <name>" (skipping one adjective), -1 for 'its'/'their', else None."""
    for j in (i - 1, i - 2):
        if j < 0:
            return None
        if doc[j].lower_ in lexicon.words(lexicon.OWNER_PRONOUNS):
            return -1
        if doc[j].lower_ == "'s" and j > 0:
            return j - 1
    return None


def speaker_names(doc: Doc) -> list[Found]:
    """Rule: a capitalised name in a speaker's place is a person ('Trump said', 'said Sen. Tim Kaine', 'according
    to Roe'); offices and honorifics before it belong to the mention, not to the name; 'the White House said' and
    initials ('the DNC said') are organisations."""
    found = []
    for phrase in speaker_phrases(doc):
        if phrase.kind == "name":
            kind = "Organization" if phrase.organisation else "Person"
            found.append(Found(phrase.name_start, phrase.name_end, doc[phrase.name_start:phrase.name_end].text, kind,
                               "speaker"))
    return found


def without_places(doc: Doc, found: list[Found]) -> list[Found]:
    """Rule: a place used as a place is not an entity ('Canada posted positive comps', 'the Austin robotaxi',
    lexicon places); the gazetteer's entries stay (a company may bear a place's name), and so do segments."""
    places = lexicon.words(lexicon.PLACES)
    return [f for f in found if f.rule in ("gazetteer", "segment") or doc[f.start:f.end].text.lower() not in places]


def without_terms(found: list[Found]) -> list[Found]:
    """Rule: a name that is a metric's ('EBITDA', 'EPS', 'AOI' after 'match group') or a generic term's ('SaaS',
    'APIs', lexicon generic-terms) names no entity, unless the gazetteer lists it."""
    terms = lexicon.words(lexicon.METRICS) | lexicon.words(lexicon.GENERIC_TERMS)
    return [f for f in found if f.rule == "gazetteer" or f.name.lower() not in terms]


def spoken_not_products(known: list[Found], speakers: list[Found]) -> list[Found]:
    """Rule: a name in a speaker's place is not a product or a model, whatever the gazetteer says ('Blackwell
    said' names a person, not Nvidia's chip); organisations and people keep their entries."""
    spoken = {(f.start, f.end) for f in speakers}
    return [f for f in known if f.type not in ("Product", "AIModel") or (f.start, f.end) not in spoken]


def first_name_people(doc: Doc) -> list[Found]:
    """Rule: two or three capitalised words that open with a first name (lexicon first-names) are a person where a
    person stands: opening a clause before its verb ('Gloria Mendes met ...'), or after a speech verb ('we
    announced Denis Roe'); 'Asia Pacific', 'the Emmy Awards' and 'Spring Gift Center' are not."""
    texts, capitalised = words(doc), _capitalised_first_names()
    # a name that ends with an organisation's, a site's or an event's word is no person's ('Spring Gift Center')
    org_words = lexicon.words(lexicon.ORG_NAME_WORDS) | lexicon.words(lexicon.FACILITY_WORDS) \
        | lexicon.words(lexicon.EVENT_WORDS)
    found, done = [], 0
    positions = word_positions(doc)
    for i in sorted(i for word in positions.keys() & capitalised for i in positions[word] if i < len(texts) - 1):
        if i < done or not is_name_word(doc[i]) or is_name_prefix(doc[i]) \
                or (i > 0 and (doc[i - 1].lower_ == "the" or is_name_word(doc[i - 1]))):
            continue
        end = i + 1
        while end < len(texts) and is_name_word(doc[end]) and not is_name_prefix(doc[end]) \
                and "\n" not in doc[end - 1].whitespace_:
            end += 1
        after_verb = i > 0 and (texts[i - 1].lower() in lexicon.words(lexicon.SPEECH_VERBS)
                                or texts[i - 1].lower() in lexicon.words(lexicon.QUOTATION_VERBS))
        if 2 <= end - i <= 3 and texts[end - 1].lower() not in org_words and (after_verb or _opens_clause(doc, i, end)):
            found.append(Found(i, end, doc[i:end].text, "Person", "first-name"))
        done = end
    return found


@lru_cache(maxsize=1)
def _capitalised_first_names() -> frozenset[str]:
    return frozenset(name.capitalize() for name in lexicon.words(lexicon.FIRST_NAMES))


def _opens_clause(doc: Doc, start: int, end: int) -> bool:
    """doc[start:end] stands where a subject does: after a clause's start, before a lower-case verb."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    opens = before is None or before.is_punct or before.is_space or doc[start].is_sent_start \
        or before.lower_ in lexicon.words(lexicon.CONJUNCTIONS)
    return opens and after is not None and after.is_lower and after.is_alpha \
        and after.lower_ not in lexicon.words(lexicon.PREPOSITIONS) | lexicon.words(lexicon.CONJUNCTIONS)


def full_names(doc: Doc, named: list[Found]) -> list[Found]:
    """Rule: a person named by one word ('Trump said', 'Mr. Clyburn said') is the person of a longer name of the
    text that ends with that word and opens with a first name (lexicon first-names) or after an office or
    honorific ('Donald Trump', 'Rep. Jim Clyburn'): that longer name is a person too."""
    texts = words(doc)
    wanted = {texts[f.start] for f in named if f.type == "Person" and f.end - f.start == 1}
    first_names = lexicon.words(lexicon.FIRST_NAMES)
    found = []
    positions = word_positions(doc)
    for i in sorted(i for word in wanted for i in positions.get(word, ())):
        if i == 0 or not is_name_word(doc[i - 1]):
            continue
        start = i
        while start > 0 and i - start < 3 and is_name_word(doc[start - 1]) and not is_name_prefix(doc[start - 1]) \
                and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        opened = texts[start].lower() in first_names or (start > 0 and is_name_prefix(doc[start - 1]))
        if start < i and opened:
            found.append(Found(start, i + 1, doc[start:i + 1].text, "Person", "speaker"))
    return found


def one_person(items: list[Found], texts: list[str]) -> list[Found]:
    """Rule: a one-word person is the person with a longer name that ends (or, for a first name, starts) with
    that word: the one named last before it, else the first named after it ('Clinton' after 'Bill Clinton' and
    before 'Hillary Clinton' is Bill Clinton); a one-word speaker that starts or ends an organisation's name is that
    organisation ('Halcyon expects' after 'Halcyon Semiconductor', 'the Ledger said' after 'the Harbor Ledger')."""
    longer: dict[str, list[Found]] = {}
    for item in items:
        if item.type in ("Person", "Organization") and item.end - item.start > 1:
            for word in {texts[item.end - 1], texts[item.start]}:
                longer.setdefault(word, []).append(item)
    out = []
    for item in items:
        one_word = item.type in ("Person", "Organization") and item.end - item.start == 1 and item.rule == "speaker"
        candidates = longer.get(texts[item.start]) if one_word else None
        if candidates:
            people = [c for c in candidates if c.type == "Person"]
            full = nearest(people or candidates, item.start)
            item = Found(item.start, item.end, full.name, full.type, item.rule, full.known)
        out.append(item)
    return out


def nearest(candidates: list[Found], i: int) -> Found:
    """The candidate that starts last before token i, else the first one (candidates in text order)."""
    k = bisect_left(candidates, i, key=lambda c: c.start)
    return candidates[k - 1] if k else candidates[0]


def repeated_names(doc: Doc, named: list[Found]) -> list[Found]:
    """Rule: a name found once by a rule is the same entity wherever else it is written ('DeepSeek' after
    'Chinese startup DeepSeek'); a capitalised surname alone refers to a person named in full ('Zuckerberg'
    after 'Mark Zuckerberg'; of two, the one named last before it), whose full name stays the entity's name."""
    texts = words(doc)
    by_words: dict[tuple[str, ...], Found] = {}
    surnames: dict[str, list[Found]] = {}
    for item in named:
        key = tuple(texts[item.start:item.end])
        by_words.setdefault(key, item)
        if item.type == "Person" and len(key) > 1:
            surnames.setdefault(key[-1], []).append(item)
    sizes: dict[str, list[int]] = {}
    for key in by_words:
        sizes.setdefault(key[0], []).append(len(key))
    found = []
    for i, text in enumerate(texts):
        if text in surnames and is_name_word(doc[i]) and (i + 1 == len(texts) or not is_name_word(doc[i + 1])):
            item = nearest(surnames[text], i)
            found.append(Found(i, i + 1, item.name, "Person", "surname", item.known))
            continue
        for size in sorted(sizes.get(text, ()), reverse=True):
            item = by_words.get(tuple(texts[i:i + size]))
            if item is None or not is_capitalised(doc[i]):
                continue
            if size > 1 or item.type != "Person" or is_name_word(doc[i]):
                found.append(Found(i, i + size, item.name, item.type, "repeat", item.known))
                break
    return found


# ---------------------------------------------------------------- merging

_RULE_ORDER = ("gazetteer", "title", "suffix", "descriptor", "segment", "speaker", "first-name", "noun", "medicine",
               "version", "list", "partner", "brand", "audience", "repeat", "surname")


def merge(candidates: list[Found]) -> list[Found]:
    """Keep the longest candidate where spans overlap, then the rule that comes first in _RULE_ORDER."""
    ranked = sorted(candidates, key=lambda f: (-(f.end - f.start), _RULE_ORDER.index(f.rule), f.start))
    taken: set[int] = set()
    kept = []
    for item in ranked:
        if taken.isdisjoint(range(item.start, item.end)):
            taken.update(range(item.start, item.end))
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


@dataclass
class EntityFindings:
    mentions: list[Mention]
    entities: dict[str, Entity]
    token_entity: dict[int, str]  # token index -> entity IRI, for every token inside a named mention
    roles: list[RoleHint]
    developments: list[DevelopmentHint]


def find_entities(doc: Doc, gazetteer: Gazetteer, introduced: list[Found] = (),
                  company: Known | None = None) -> EntityFindings:
    """Named mentions (no pronouns yet) and the entities they name; `introduced`: candidates of other rules (the
    people and firms a call's operator introduces); `company`: the gazetteer's company a transcript's header
    names."""
    known = gazetteer_mentions(doc, gazetteer)
    titled, title_roles = titled_people(doc)
    apposed, apposed_roles = appositive_roles(doc)
    models, developments = named_models_and_products(doc)
    speakers = speaker_names(doc)
    known = spoken_not_products(known, speakers)
    first_pass = merge(known + titled + apposed + list(introduced) + suffixed_organisations(doc) + speakers
                       + full_names(doc, speakers) + first_name_people(doc) + described_organisations(doc)
                       + segment_names(doc) + listed_names(doc, known) + versioned_products(doc)
                       + audience_products(doc) + _tickers_known(partner_names(doc), gazetteer)
                       + launched_products(doc) + called_names(doc) + medicine_names(doc) + models
                       + branded_products(doc, known, _makers(gazetteer))
                       + business_units(doc, [r.org_start for r in apposed_roles if r.org_start is not None], known))
    first_pass = one_person(without_places(doc, without_terms(first_pass)), words(doc))
    kept = merge(first_pass + repeated_names(doc, [f for f in first_pass if f.rule != "gazetteer"]))
    kept = merge(kept + product_models(doc, [f for f in kept if f.type == "Product"]))
    by_name = {f.name: f.known for f in kept if f.known}
    mentions, entities, token_entity = [], {}, {}
    rank: dict[str, int] = {}  # the rule that typed each entity, by _RULE_ORDER: the strongest types it
    for item in kept:
        misheard = _misheard_company(item, company)
        entry = item.known or by_name.get(item.name) or _known_by_iri(gazetteer, item.name) or misheard
        iri = entry.iri if entry else entity_iri(item.name)
        kind = entry.type if entry else item.type
        name = entry.name if entry else item.name
        if iri not in entities or _RULE_ORDER.index(item.rule) < rank[iri]:
            written = doc[item.start:item.end].text  # a segment named with its noun: the words alone, an alias
            segment_words = (written,) if item.rule == "segment" and written != name else ()
            entities[iri] = Entity(iri, name, kind, entry.aliases if entry else segment_words)
            rank[iri] = _RULE_ORDER.index(item.rule)
        if misheard and item.name not in entities[iri].aliases:  # the misheard spelling stays as an alias
            entities[iri] = replace(entities[iri], aliases=entities[iri].aliases + (item.name,))
        span: Span = doc[item.start:item.end]
        mentions.append(Mention(span.start_char, span.end_char, span.text, iri, entities[iri].type, item.rule))
        for t in range(item.start, item.end):
            token_entity[t] = iri
    mentions = [m if m.type == entities[m.entity].type else replace(m, type=entities[m.entity].type) for m in mentions]
    roles = title_roles + apposed_roles
    return EntityFindings(mentions, entities, token_entity, roles, developments)


def _misheard_company(item: Found, company: Known | None) -> Known | None:
    """Rule: an organisation the gazetteer does not hold, named with the words of the call's company's name or
    alias, one or more of them spelled alike (`words_alike`: 'Elevant Health' for Elevance Health, speech to
    text mishearing it), is that company."""
    if company is None or item.known is not None or item.type != "Organization":
        return None
    said = item.name.lower().split()
    for form in (company.name, *company.aliases):
        known = form.lower().split()
        if len(known) == len(said) and said != known and all(
                a == b or words_alike(a, b) for a, b in zip(said, known)):
            return company
    return None


def _tickers_known(found: list[Found], gazetteer: Gazetteer) -> list[Found]:
    """Rule: a name that is a known company's ticker ('a partnership with LVS') is that company."""
    tickers = _tickers(gazetteer)
    return [replace(f, name=tickers[f.name].name, known=tickers[f.name]) if f.name in tickers else f for f in found]


@lru_cache(maxsize=4)
def _tickers(gazetteer: Gazetteer) -> dict[str, Known]:
    """Each ticker of the gazetteer -> its company."""
    return {ticker: known for known in gazetteer.entries.values() for ticker in known.tickers}


@lru_cache(maxsize=4)
def _makers(gazetteer: Gazetteer) -> frozenset[str]:
    """The organisations the gazetteer names as developers of its products and models."""
    return frozenset(known.developer for known in gazetteer.entries.values() if known.developer)


def _known_by_iri(gazetteer: Gazetteer, name: str) -> Known | None:
    return gazetteer.get(entity_iri(name))
