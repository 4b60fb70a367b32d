"""Entities named in passing: names in lists ("customers like SAP, KPMG and Nasdaq"), products named with a
version ("iPhone 16", "Dojo 2"), models of a product ("iPad Air") and medicines by their generic names
("tirzepatide"), which no title, descriptor or suffix announces.

Each rule returns candidate `Found` spans; `kg.extract.entities.find_entities` merges them with the others, so
a name another rule types keeps that type, and the list takes it (one type for a list).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.found import Found
from kg.extract.nlp import word_positions, words
from kg.extract.phrases import between
from kg.documents.names import post_words, words_alike
from kg.extract.shapes import is_capitalised, is_name_word, is_proper_word
from kg.extract.name_runs import lower_words, words_inside_sentences

MIN_LIST_ITEMS = 3  # "SAP, KPMG and Nasdaq"; two names need a list cue before them
MAX_ITEM_WORDS = 4
MIN_DRUG_NAME_LETTERS = 7  # "concept" is the shortest word the lexicon tells from a medicine
_VERSION = re.compile(r"^(?:\d{1,3}[a-z]?|[IVX]{1,4})$")  # "16", "16e", "4o", "II"
_SINGLE_NAME_CUES = "https://w3id.org/kg/lexicon/list-cues/like"  # the list cues that a single name may follow
_PERIOD = re.compile(r"^(?:Q[1-4]|H[12]|FY\d{2,4}|CY\d{2,4}|[12]\d{3})$")


def _item_end(doc: Doc, i: int, limit: int) -> int:
    """The end of a capitalised name starting at token i (1-4 proper words, '&' and '+' inside, a model's variant
    word in lower case after the first: 'Mac mini')."""
    j, variants = i, lexicon.words(lexicon.PRODUCT_VARIANTS)
    while j < limit and j - i < MAX_ITEM_WORDS and (is_proper_word(doc[j]) or doc[j].text in ("&", "+", ".")
                                                     and j > i and not doc[j].whitespace_
                                                     or j > i and len(doc[j].text) > 2 and doc[j].text in variants):
        j += 1
    while j > i and doc[j - 1].text in (".", "&"):
        j -= 1
    return j


def _items(doc: Doc, i: int, limit: int) -> tuple[list[tuple[int, int]], int]:
    """The names of a list starting at token i: 'A, B, C and D' / 'A, B, and C' / 'A and B'; where it ends."""
    items, k, joins = [], i, lexicon.words(lexicon.LIST_JOINS)
    while k < limit:
        if not (is_capitalised(doc[k]) and is_proper_word(doc[k])):
            break
        end = _item_end(doc, k, limit)
        items.append((k, end))
        if end < limit and doc[end].text == ",":
            k = end + 1
            if k < limit and doc[k].lower_ in joins:
                k += 1
                last = _item_end(doc, k, limit) if k < limit and is_capitalised(doc[k]) else k
                if last > k:
                    items.append((k, last))
                return items, last
            continue
        if end < limit and doc[end].lower_ in joins:
            k = end + 1
            last = _item_end(doc, k, limit) if k < limit and is_capitalised(doc[k]) else k
            if last > k:
                items.append((k, last))
            return items, last
        return items, end
    return items, k


def partner_names(doc: Doc) -> list[Found]:
    """Rule: capitalised names right after a noun of a partnership and 'with' ('a partnership with Roku', 'our
    relationship with Bayer', 'agreements with Orbix and Lumen'; lexicon partnership-nouns) are organisations;
    not a place, a name that opens with a first name (a person's), a plural acronym ('OEMs') nor words cut from
    a longer name (`_goes_on`)."""
    texts, found = words(doc), []
    nouns, places, first_names = lexicon.words(lexicon.PARTNERSHIP_NOUNS), lexicon.words(lexicon.PLACES), \
        lexicon.words(lexicon.FIRST_NAMES)
    positions = word_positions(doc)
    for i in sorted(i for word in positions if word.lower() == "with" for i in positions[word]):
        if i == 0 or texts[i - 1].lower() not in nouns:
            continue
        j = i + 1 + (i + 1 < len(texts) and texts[i + 1].lower() == "the")
        items, _ = _items(doc, j, len(texts)) if j < len(texts) else ([], j)
        for start, end in items:
            name = doc[start:end].text
            if name.lower() not in places and texts[start].lower() not in first_names and len(name) > 1 \
                    and not _PLURAL_ACRONYM.fullmatch(name) and not _goes_on(doc, end):
                found.append(Found(start, end, name, "Organization", PARTNER_RULE))
    return found


PARTNER_RULE = "partner"  # the rule of a partner named after 'a partnership with': no topic of its own (subjects)
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # "OEMs", "RIAs": kinds of firms, no names


def _goes_on(doc: Doc, end: int) -> bool:
    """The capitalised words before token `end` are cut from more: a hyphen or a possessive glued to them
    ('Coca-Cola', "Moody's"), or 'of' and a capitalised word ('Bank of ...')."""
    if end >= len(doc):
        return False
    nxt = doc[end]
    if not doc[end - 1].whitespace_ and nxt.text in ("-", "'s", "’s"):
        return True
    return nxt.lower_ == "of" and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()


def listed_names(doc: Doc, known: list[Found]) -> list[Found]:
    """Rule: three or more capitalised names in a list ("Nike, Away, Aveda and Saks"), or two after a list cue
    ("customers like SAP and KPMG"), are entities of one type: the type most of the list's names that the
    gazetteer knows have (`known`: "Orbit, Nova Max and Lumen" with Orbit a known product), else the type the noun
    before the cue gives (lexicon list-heads: customers -> organisations, devices -> products, athletes -> people),
    else people when first names open most of them, else organisations."""
    texts, found = words(doc), []
    cues = lexicon.load().forms(lexicon.LIST_CUES)
    heads = lexicon.load().forms(lexicon.LIST_HEADS)
    places = lexicon.words(lexicon.PLACES)
    done, positions = 0, word_positions(doc)
    typed = {f.start: f.type for f in known}  # a name the gazetteer knows is a name ('Prime Video', not a post)
    joints = sorted(i for word in (",", "and", "or") for i in positions.get(word, ()))
    for k in _list_starts(texts, joints):
        if k < done or not is_proper_word(doc[k]):
            continue
        items, end = _items(doc, k, len(texts))
        if len(items) < 2:
            continue
        cue = _cue_before(texts, k, cues)
        names = [(s, e) for s, e in items if s in typed or _a_name(doc, s, e, places) and not doc[s].is_sent_start]
        if len(names) >= MIN_LIST_ITEMS or (len(names) >= 2 and cue is not None):
            head = head_before_list(texts, k)
            kind = _list_type(doc, names, heads[texts[head].lower()] if head is not None else None, typed)
            found += [Found(s, e, doc[s:e].text, kind, "list") for s, e in names]
        done = end
    return found


def called_names(doc: Doc) -> list[Found]:
    """Rule: a capitalised name after a noun that says what it is and a naming or list cue ('a new platform called
    Lumi', 'a company called Upland', 'tools like Pocket Guide'; lexicon list-heads, naming-cues, list-cues) is
    an entity of the type the noun gives."""
    texts, found = words(doc), []
    vocab = lexicon.load()
    heads = vocab.forms(lexicon.LIST_HEADS)
    cues = {form for form, term in vocab.forms(lexicon.LIST_CUES).items() if term.concept == _SINGLE_NAME_CUES}
    cues |= vocab.forms(lexicon.NAMING_CUES).keys()
    positions = word_positions(doc)
    firsts = {cue.split()[0] for cue in cues}
    starts = sorted(i for word in positions if word.lower() in firsts for i in positions[word] if i > 0)
    for size in (1, 2):
        for i in starts:
            if i + size >= len(texts) or " ".join(texts[i:i + size]).lower() not in cues \
                    or not is_capitalised(doc[i + size]):
                continue
            head = _singular_head(texts[i - 1].lower(), heads)
            end = _item_end(doc, i + size, len(texts))
            # not a person ('leaders like Disney'), nor a name cut at a hyphen or '&' ('T-Mobile', 'Black & Decker')
            if head is None or head.props["entityType"] == "Person" or end == i + size \
                    or end < len(texts) and texts[end] in ("-", "&"):
                continue
            found.append(Found(i + size, end, doc[i + size:end].text, head.props["entityType"], "list"))
    return found


def _singular_head(word: str, heads: dict):
    """The list head a noun is, singular or plural ('platform', 'company': 'platforms', 'companies')."""
    for form in (word, word + "s", word[:-1] + "ies"):
        if form in heads:
            return heads[form]
    return None


def medicine_names(doc: Doc) -> list[Found]:
    """Rule: a word ending as the international nonproprietary names of medicines end (lexicon drug-name-endings:
    'pembrolizumab', 'ibrutinib', 'tirzepatide') names a medicine, a product, in lower case as in capitals; words
    spelled a letter or two apart in one text ('Terzepatide', 'tirzepatide': speech to text hearing one name two
    ways) name one medicine, by its most frequent spelling (the first on a tie)."""
    endings = tuple(lexicon.words(lexicon.DRUG_NAME_ENDINGS))
    not_drugs = lexicon.words(lexicon.NOT_DRUG_NAMES)
    texts = words(doc)
    hits = [i for i, w in enumerate(texts) if len(w) >= MIN_DRUG_NAME_LETTERS and w.lower().endswith(endings)
            and w.isalpha() and w.lower() not in not_drugs]
    counts = Counter(texts[i] for i in hits)
    name_of: dict[str, str] = {}
    for spelling, _ in counts.most_common():
        if spelling not in name_of:
            name_of.update({other: spelling for other in counts
                            if other not in name_of and words_alike(other, spelling)})
    return [Found(i, i + 1, name_of[texts[i]], "Product", "medicine") for i in hits]


def _list_starts(texts: list[str], joints: list[int]) -> list[int]:
    """Where a list of capitalised names may start: the first capitalised word of the run of capitalised words and
    commas before a comma or 'and' that has a capitalised word after it."""
    starts = []
    for j in joints:
        if j + 1 < len(texts) and texts[j + 1][:1].isupper() and j > 0 and texts[j - 1][:1].isupper():
            k = j - 1
            while k > 0 and (texts[k - 1][:1].isupper() or texts[k - 1] in (",", "&", ".")) and j - k < 24:
                k -= 1
            while k < j and not texts[k][:1].isupper():
                k += 1
            starts.append(k)
    return sorted(set(starts))


def _a_name(doc: Doc, start: int, end: int, places: frozenset[str]) -> bool:
    """A list's item that names something: not a place, a period or a post ('Chair, President and CEO'), and not
    a common word the text also writes in lower case ('Wearables, Home and Accessories')."""
    posts = _posts()
    if doc[start:end].text.lower() in places or doc[start].lower_ in places or _PERIOD.match(doc[start].text):
        return False
    if any(t.lower_.rstrip(".") in posts for t in doc[start:end]):
        return False
    return not (end - start == 1 and doc[start].lower_ in lower_words(doc))


@lru_cache(maxsize=1)
def _posts() -> frozenset[str]:
    return post_words() | lexicon.words(lexicon.NAME_PREFIXES) | lexicon.words(lexicon.ROLES)


def _cue_before(texts: list[str], k: int, cues: dict) -> int | None:
    """The index of the list cue right before token k ('like', 'such as'), if one is there."""
    for size in (2, 1):
        if k - size >= 0 and " ".join(texts[k - size:k]).lower() in cues:
            return k - size
    return None


def head_before_list(texts: list[str], k: int) -> int | None:
    """The index of the list head noun (lexicon list-heads) before the list cue before token k, or before a comma
    before the cue ('products' in 'our key products, defined as ...'), if one is there."""
    vocab = lexicon.load()
    cue = _cue_before(texts, k, vocab.forms(lexicon.LIST_CUES))
    if not cue:
        return None
    head = cue - 2 if texts[cue - 1] == "," and cue > 1 else cue - 1
    return head if texts[head].lower() in vocab.forms(lexicon.LIST_HEADS) else None


def _list_type(doc: Doc, names: list[tuple[int, int]], head, typed: dict[int, str]) -> str:
    known_types = Counter(typed[s] for s, _ in names if s in typed)
    if known_types:
        return known_types.most_common(1)[0][0]
    if head is not None:
        return head.props["entityType"]
    first_names = lexicon.words(lexicon.FIRST_NAMES)
    # a first name and a surname, or a first name alone ('Thank you, Dion, Greg and John'), is a person
    people = sum(1 for s, e in names if doc[s].lower_ in first_names and (e - s == 1 or is_name_word(doc[e - 1])))
    return "Person" if people * 2 > len(names) else "Organization"


def versioned_products(doc: Doc) -> list[Found]:
    """Rule: a name with a version number ("iPhone 16", "iOS 26", "Dojo 2", "Claude 4", "A18 Pro") is a product
    when the name is camel-cased or a capitalised word inside a sentence; never a numbered term, singular or plural
    ("Phase 3", "Trains 11 and 12", lexicon numbered-terms), a metric's word ("CapEx 26"), a date ("Jan 21"), a
    place ("Georgia 25"), a number cut from a longer word ("Forms 10-K") nor a name followed by an amount
    ("Tesla 2 million")."""
    texts, found = words(doc), []
    terms = lexicon.words(lexicon.NUMBERED_TERMS) | lexicon.words(lexicon.METRICS)
    not_names = lexicon.numbers(lexicon.CALENDAR_WORDS).keys() | lexicon.words(lexicon.PLACES)
    positions = word_positions(doc)
    # a lone "I" is the pronoun ("Kathleen I think"), not a version
    numbers = sorted(i for word, where in positions.items() if _VERSION.match(word) and word != "I" for i in where)
    for i in [n - 1 for n in numbers if n > 0]:
        text, low = texts[i], texts[i].lower()
        if not (text.isalpha() and len(text) > 1 and not text.isupper() and low not in terms
                and not (low.endswith("s") and low[:-1] in terms) and low not in not_names
                and (text[:1].isupper() or any(c.isupper() for c in text[1:]))) \
                or doc[i].is_sent_start or doc[i].is_stop or _cut_from_word(doc, i + 1):
            continue
        end = _past_variants(doc, i + 2)
        start = i - 1 if i > 0 and is_capitalised(doc[i - 1]) and doc[i - 1].text.isalpha() \
            and not doc[i - 1].is_sent_start and texts[i - 1].lower() not in terms else i  # "MacBook Pro 16"
        if not _amount_after(doc, end):
            found.append(Found(start, end, doc[start:end].text, "Product", "version"))
    return found


AUDIENCE_WORDS_MAX = 7  # "has more than 450 million monthly active users"
AUDIENCE_NAME_MAX = 3  # "AI Overviews", "Orbix Play Store"


def audience_products(doc: Doc) -> list[Found]:
    """Rule: capitalised words that open a sentence or a clause and have or reach a count of users ('AI Overviews
    now have over 2 billion monthly users', 'Lumen passed 10 million downloads'; lexicon reach-verbs,
    audience-nouns) name a product, when they are two words or more, or the text writes the one word capitalised
    inside a sentence too; not a pronoun ('We now have ...') nor a grammar word; a conjunction may open the
    sentence before them ('And Lumen now has ...')."""
    texts, found = words(doc), []
    verbs, audience = lexicon.words(lexicon.REACH_VERBS), lexicon.words(lexicon.AUDIENCE_NOUNS)
    adverbs = lexicon.words(lexicon.DISCOURSE_ADVERBS) | lexicon.words(lexicon.DEGREE_ADVERBS)
    positions = word_positions(doc)
    conjunctions = lexicon.words(lexicon.CONJUNCTIONS)
    for i in sorted(i for word in positions if word.lower() in verbs for i in positions[word]):
        after = texts[i + 1:i + 1 + AUDIENCE_WORDS_MAX]
        noun = next((k for k, w in enumerate(after) if w.lower() in audience), None)
        if noun is None or not any(w[:1].isdigit() for w in after[:noun]):
            continue
        end = i
        while end > 0 and texts[end - 1].lower() in adverbs:
            end -= 1
        start = end
        while start > 0 and end - start < AUDIENCE_NAME_MAX and is_proper_word(doc[start - 1]) \
                and not doc[start - 1].like_num:
            start -= 1
        opener = start - 1 if start > 0 and texts[start - 1].lower() in conjunctions else start
        opens = start < end and (doc[opener].is_sent_start or opener > 0 and texts[opener - 1] in (",", ";", ":"))
        if opens and (end - start > 1 or texts[start] in words_inside_sentences(doc)):
            found.append(Found(start, end, doc[start:end].text, "Product", "audience"))
    return found


BRANDED_WORDS_MAX = 2  # "Apple Music", "Amazon Web Store"


def branded_products(doc: Doc, known: list[Found], makers: frozenset[str]) -> list[Found]:
    """Rule: the name of a company the gazetteer knows products of (`makers`: their developers' IRIs) followed by
    capitalised words in a sentence names one of its products
    ("Apple Music", "Apple TV+", "Amazon EC2"); not a post, a part, a place, a site or an event, a period, a
    product noun, a generic term, another name, an organisation's last word or a metric's ("Apple CEO", "Apple
    Services revenue", "Acme Park", "Acme Conference", "Acme GPU", "Acme Bank"), nor words before such a word
    ("Acme Board Chair", "Acme Design Academy")."""
    texts, found = words(doc), []
    stops = _posts() | frozenset(lexicon.numbers(lexicon.CALENDAR_WORDS)).union(*(lexicon.words(scheme) for scheme in (
        lexicon.ORG_NAME_WORDS, lexicon.SEGMENT_NOUNS, lexicon.PLACES, lexicon.FACILITY_WORDS, lexicon.METRIC_MODIFIERS,
        lexicon.ORDINALS, lexicon.PERIOD_NOUNS, lexicon.PRODUCT_NOUNS, lexicon.GENERIC_TERMS, lexicon.EVENT_WORDS)))
    named = {f.start for f in known}
    for company in known:  # other companies' names before capitals are mostly their units ("Acme International")
        if company.type != "Organization" or company.known is None or company.known.iri not in makers:
            continue
        end = company.end
        while end < min(len(texts), company.end + BRANDED_WORDS_MAX) and is_capitalised(doc[end]) \
                and texts[end].rstrip("+").isalnum() and not doc[end].is_sent_start and not doc[end].is_stop \
                and texts[end].lower() not in stops and end not in named:
            end += 1  # "Apple TV+": the plus is part of the name
        if end == company.end or end < len(texts) and is_capitalised(doc[end]) and not doc[end].is_sent_start \
                or _PERIOD.match(texts[company.end]) or between(doc, lexicon.METRICS, company.end, end + 1):
            continue  # "Acme Board Chair", "Acme Learning Academy": a name that goes on; "Acme Q3"; "Acme Cloud
            # revenue": a part the figure is about
        found.append(Found(company.start, end, doc[company.start:end].text, "Product", "brand"))
    return found


def product_models(doc: Doc, products: list[Found]) -> list[Found]:
    """Rule: a product's name followed by capitalised variant words (lexicon product-variants) names a model of
    it, a product of its own ('iPad Air' after 'iPad', 'Orbit Pro Max' after 'Orbit')."""
    found = []
    for product in products:
        end = _past_variants(doc, product.end)
        if end > product.end:
            found.append(Found(product.start, end, doc[product.start:end].text, "Product", "version"))
    return found


def _cut_from_word(doc: Doc, i: int) -> bool:
    """Token i (a number) runs on into letters past a hyphen: '10-K', '20-F' are names of their own."""
    return i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_ \
        and doc[i + 2].text[:1].isalpha()


def _past_variants(doc: Doc, i: int) -> int:
    """Where the capitalised variant words from token i on ('Pro Max') end."""
    texts, variants = words(doc), lexicon.words(lexicon.PRODUCT_VARIANTS)
    while i < len(texts) and texts[i].lower() in variants and is_capitalised(doc[i]):
        i += 1
    return i


def _amount_after(doc: Doc, i: int) -> bool:
    """'Tesla 2 million': the number is an amount (a scale or unit word follows), not a version."""
    return i < len(doc) and (doc[i].lower_ in lexicon.words(lexicon.SCALE_WORDS) or doc[i].text == "%"
                             or doc[i].lower_ in lexicon.words(lexicon.COUNTED_NOUNS))
