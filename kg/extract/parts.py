"""Parts of a company named with its figures: segments, products and regions before a metric ('Products revenue
was ...'), and places or parts that open a sentence ('In Japan, ...', 'In QCT, we expect ...')."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc

from kg import lexicon
from kg.extract import metric_phrases
from kg.extract.context import Context
from kg.extract.figures import document_amounts
from kg.extract.nlp import sentence as sentence_of
from kg.extract.name_runs import words_inside_sentences
from kg.extract.nlp import words as token_texts
from kg.extract.phrases import between, by_start, find
from kg.extract.subjects import AMOUNT_PLACE, PART_RULE
from kg.iris import entity_iri
from kg.model import Entity, Mention


def part_names(ctx: Context) -> tuple[list[Mention], dict[str, Entity]]:
    """Rule: capitalised words right before a metric whose figure the sentence gives ('Products revenue was
    $66.6 billion', 'Wearables, Home and Accessories revenue was ...') name a part of the company that reports
    its own figures: an organisation of the company the document is about. Not a word that qualifies the metric
    ('Total revenue'), a period, or a name already found; a lone capitalised word opening the sentence only
    when it is a plural ('Products') or written capitalised elsewhere in the text. A place named so ('Japan
    revenue') is a place."""
    doc, texts = ctx.doc, token_texts(ctx.doc)
    amount_tokens = [ctx.token_index(a.start) for a in document_amounts(ctx)]
    mentions, entities = [], {}
    for hit in find(doc, lexicon.METRICS):
        sentence = sentence_of(doc, hit.start)
        k = bisect_left(amount_tokens, hit.end)
        if k == len(amount_tokens) or amount_tokens[k] >= sentence.end:
            continue
        # a metric's first words written with capitals inside a sentence are a name's ('Microsoft Cloud revenue'),
        # unless a metric's own ('EBITDA margin') or the first of a hyphenated word ('Pre-tax profit margin')
        end = hit.start
        while end < hit.end - 1 and not metric_phrases.opens_sentence(doc, end) and _is_name_word(texts[end]) \
                and not _is_metric_word(texts[end]) and not _hyphenated(doc, end):
            end += 1
        modified = end  # lower-case modifiers between the name and the metric: 'Orbix global sales'
        while modified > sentence.start and texts[modified - 1].islower() \
                and texts[modified - 1] in lexicon.words(lexicon.METRIC_MODIFIERS):
            modified -= 1
        start = _capitalised_run(ctx, modified, sentence.start)
        if start is None:
            continue
        end = modified
        owner = ctx.mention_at(doc[start - 1].idx) if start > sentence.start else None
        if owner is not None and (owner.type == "Organization" and end > hit.start or owner.type == "Product"):
            start = ctx.token_index(owner.start)  # 'Microsoft' + 'Cloud', 'Orbix' + 'OEM': the company's named part
        name = doc[start:end].text.strip(" ,")
        place = name.lower() in lexicon.words(lexicon.PLACES)
        if metric_phrases.opens_sentence(doc, start) and " " not in name and not (name.endswith("s") and not name.endswith("ss")) \
                and name not in words_inside_sentences(ctx.doc) and not place:
            continue
        named = owner is not None and start == ctx.token_index(owner.start)
        iri = entity_iri(name) if place or named else entity_iri(f"{_last_segment(ctx.focus)} {name}")
        entities.setdefault(iri, Entity(iri, name, "Place" if place else "Organization"))
        mentions.append(Mention(doc[start].idx, doc[start].idx + len(name), name, iri, entities[iri].type,
                                PART_RULE))
    topics = _topic_places(ctx, amount_tokens)
    for mention in topics + _named_parts_again(ctx, amount_tokens, topics) + _places_in_metrics(ctx, amount_tokens) \
            + _places_by_amounts(ctx) + _parts_after_metrics(ctx, amount_tokens):
        entities.setdefault(mention.entity, Entity(mention.entity, mention.text, mention.type))
        mentions.append(mention)
    return mentions, entities


def _places_in_metrics(ctx: Context, amount_tokens: list[int]) -> list[Mention]:
    """Rule: a country or region right after a metric and 'in' ('comps in the U.S. increased 0.2%', 'revenue in
    China grew 5%'; lexicon place-prepositions), before an amount of the sentence, is a place."""
    doc, texts = ctx.doc, token_texts(ctx.doc)
    places, found = lexicon.words(lexicon.PLACES), []
    for hit in find(doc, lexicon.METRICS):
        if hit.end >= len(texts) or texts[hit.end].lower() not in lexicon.words(lexicon.PLACE_PREPOSITIONS):
            continue
        j = hit.end + 1
        j += j < len(texts) and texts[j].lower() in lexicon.words(lexicon.DETERMINERS)
        k = bisect_left(amount_tokens, j)
        if k == len(amount_tokens) or amount_tokens[k] >= sentence_of(doc, hit.start).end:
            continue
        for size in (3, 2, 1):
            name = doc[j:j + size].text if j + size <= amount_tokens[k] else ""
            if name.lower() in places and name[:1].isupper() and ctx.mention_at(doc[j].idx) is None:
                found.append(Mention(doc[j].idx, doc[j].idx + len(name), name, entity_iri(name), "Place",
                                     PART_RULE))
                break
    return found


PART_AFTER_METRIC_WORDS = 4  # "Revenue in Orbital Care and Devices was ..."


def _parts_after_metrics(ctx: Context, amount_tokens: list[int]) -> list[Mention]:
    """Rule: capitalised words right after a metric and 'of', 'for', 'from' or 'in' (lexicon metric-owner- and
    place-prepositions), that end right before the verb linking them to an amount of the sentence ('Revenue in
    Orbital Systems was $9.9 billion', 'Sales of Comet Max decreased 3%'), name a part of the company the
    document is about: a segment or a line of its products; a place named so is a place. Not a name already
    found, a period, a month or a metric's word."""
    if ctx.focus is None:
        return []
    doc, texts = ctx.doc, token_texts(ctx.doc)
    owners = lexicon.words(lexicon.METRIC_OWNER_PREPOSITIONS) | lexicon.words(lexicon.PLACE_PREPOSITIONS)
    verbs, places = metric_phrases.verbs(), lexicon.words(lexicon.PLACES)
    found = []
    for hit in find(doc, lexicon.METRICS):
        first = hit.end + 1
        if first >= len(texts) or texts[hit.end].lower() not in owners or ctx.mention_at(doc[first].idx) is not None:
            continue
        end = first
        while end < len(texts) and end - first < PART_AFTER_METRIC_WORDS and (
                _is_part_word(texts[end]) and texts[end].lower() not in _not_part_words()
                or end > first and texts[end] in ("&", "and") and end + 1 < len(texts) and _is_part_word(texts[end + 1])):
            end += 1
        k = bisect_left(amount_tokens, end)
        if end == first or end >= len(texts) or texts[end] not in verbs or k == len(amount_tokens) \
                or amount_tokens[k] >= sentence_of(doc, hit.start).end \
                or any(ctx.mention_at(doc[j].idx) is not None for j in range(first, end)):
            continue
        name = doc[first:end].text
        place = name.lower() in places
        iri = entity_iri(name) if place else entity_iri(f"{_last_segment(ctx.focus)} {name}")
        found.append(Mention(doc[first].idx, doc[first].idx + len(name), name, iri,
                             "Place" if place else "Organization", PART_RULE))
    return found


def _places_by_amounts(ctx: Context) -> list[Mention]:
    """Rule: a country or region after 'in' right after an amount ('we grew 4% in Japan') or right before 'by'
    and an amount ('we grew in Japan by 4%') is a place, that amount's only (`AMOUNT_PLACE`)."""
    texts = token_texts(ctx.doc)
    found = []
    for amount in document_amounts(ctx):
        first, last = ctx.token_index(amount.start), ctx.token_index(amount.end - 1)
        after = _place_after_in(ctx, last + 1)
        before = next((place for size in (3, 2, 1) if first - size - 2 >= 0 and texts[first - 1].lower() == "by"
                       and (place := _place_after_in(ctx, first - size - 2, size)) is not None), None)
        found += [place for place in (after, before) if place is not None]
    return found


def _place_after_in(ctx: Context, j: int, size: int | None = None) -> Mention | None:
    """The place named after 'in' at token j, past a determiner, of `size` words (else the longest), that no
    mention holds yet and that ends its phrase: punctuation or a grammar word follows (not 'in U.S. dollars', 'in
    Northern Ohio')."""
    texts, places = token_texts(ctx.doc), lexicon.words(lexicon.PLACES)
    ends = lambda k: k >= len(texts) or not texts[k][:1].isalnum() or texts[k].lower() in _phrase_links()  # noqa: E731
    if j >= len(texts) or texts[j].lower() not in lexicon.words(lexicon.PLACE_PREPOSITIONS):
        return None
    j += 1
    j += j < len(texts) and size is None and texts[j].lower() in lexicon.words(lexicon.DETERMINERS)
    for n in (size,) if size else (3, 2, 1):
        name = ctx.doc[j:j + n].text if j + n <= len(texts) else ""
        if name.lower() in places and name[:1].isupper() and ctx.mention_at(ctx.doc[j].idx) is None and ends(j + n):
            return Mention(ctx.doc[j].idx, ctx.doc[j].idx + len(name), name, entity_iri(name), "Place", AMOUNT_PLACE)
    return None


@lru_cache(maxsize=1)
def _phrase_links() -> frozenset[str]:
    """Words that may follow a place's name when it ends its phrase: grammar words and a relative period's ('in
    Japan this quarter')."""
    return lexicon.function_words() | lexicon.words(lexicon.RELATIVE_PERIOD_WORDS)


def _named_parts_again(ctx: Context, amount_tokens: list[int], topics: list[Mention]) -> list[Mention]:
    """Rule: a part the text named in lower case as a topic ('Moving to markets, ...') is that part again right
    before a metric whose figure the sentence gives ('Markets revenue was up 21%')."""
    doc, texts = ctx.doc, token_texts(ctx.doc)
    parts = {tuple(m.text.split()): m for m in topics if m.text.islower()}
    found = []
    for hit in find(doc, lexicon.METRICS) if parts else ():
        k = bisect_left(amount_tokens, hit.end)
        if k == len(amount_tokens) or amount_tokens[k] >= sentence_of(doc, hit.start).end:
            continue
        for size in range(min(4, hit.start), 0, -1):
            part = parts.get(tuple(w.lower() for w in texts[hit.start - size:hit.start]))
            if part is not None and ctx.mention_at(doc[hit.start - size].idx) is None:
                start = doc[hit.start - size].idx
                found.append(Mention(start, doc[hit.start - 1].idx + len(texts[hit.start - 1]), part.text, part.entity,
                                     part.type, "topic"))
                break
    return found


def _topic_places(ctx: Context, amount_tokens: list[int]) -> list[Mention]:
    """Rule: a country or region that opens a sentence after a topic shift or 'In' ('Moving to Europe, revenue
    increased 71%', 'In Japan, ...') is a place the figures after it are about; in a call's turn, capitalised
    words there that name no place, period or metric ('In QCT, we expect revenues of ...', 'In Home and
    Garden, ...'; also after 'For': lexicon name-part-openers) name a part of the company, when the sentence
    gives an amount (`amount_tokens`: the first token of each amount, in order). A topic cue's words before a
    slide or page of the deck name a part too, in lower case with no metric after them, when the sentence or the
    next gives an amount ('Moving to coated paper on pages 9 through 11. Coated paper contributed $80 million';
    not 'Turning to the balance sheet on slide 10')."""
    doc, texts = ctx.doc, token_texts(ctx.doc)
    places, lead_ins = lexicon.words(lexicon.PLACES), lexicon.words(lexicon.TOPIC_LEAD_INS)
    openers = {hit.start: hit for hit in find(doc, lexicon.TOPIC_CUES)}
    decks = by_start(doc, lexicon.DECK_REFERENCES)
    found = []
    for start in doc.user_data["kg_sentence_starts"]:
        if start < len(texts):  # a sentence that runs on from a speaker label starts where the turn does
            turn_start = ctx.turn_start_inside(doc[start].idx, sentence_of(doc, start).end_char)
            start = start if turn_start is None else ctx.token_index(turn_start)
        # (a lead-in word before a cue, unless it opens the cue: 'Now moving to ...')
        j = start + (texts[start].lower() in lead_ins and start not in openers) if start < len(texts) else start
        j += start < j < len(texts) and texts[j] == ","  # "Now, moving to ..."
        cued = j in openers
        named_only = j < len(texts) and texts[j].lower() in lexicon.words(lexicon.NAME_PART_OPENERS)
        j = openers[j].end if cued else j + 1 if j < len(texts) and (texts[j].lower() == "in" or named_only) else None
        if j is None:
            continue
        determiners = j < len(texts) and texts[j].lower() in lexicon.words(lexicon.DETERMINERS)
        j += determiners
        for size in (5, 4, 3, 2, 1):
            deck = cued and j + size in decks
            again = cued and _named_again_next(ctx, j, size)
            if not (j + size < len(texts) and (texts[j + size] == "," or deck or again)):
                continue
            name, words = doc[j:j + size].text, texts[j:j + size]
            if " ".join(words).lower() in places and name[:1].isupper():
                found.append(Mention(doc[j].idx, doc[j].idx + len(name), name, entity_iri(name), "Place", "topic"))
                break
            named = not deck and not again and _is_part_name(words) \
                or not named_only and (again or _lower_case_part(ctx, j, size, determiners, deck))
            if named and ctx.turn_at(doc[j].idx) is not None and ctx.mention_at(doc[j].idx) is None:
                sentence = sentence_of(doc, j)
                end = sentence_of(doc, sentence.end).end if (deck or again) and sentence.end < len(doc) else sentence.end
                k = bisect_left(amount_tokens, j + size)
                if k < len(amount_tokens) and amount_tokens[k] < end:
                    iri = entity_iri(f"{_last_segment(ctx.focus)} {name}")
                    found.append(Mention(doc[j].idx, doc[j].idx + len(name), name, iri, "Organization", "topic"))
                break
    return found


def _named_again_next(ctx: Context, j: int, size: int) -> bool:
    """Rule: a topic cue's words in lower case that end its sentence and open the next before a metric name a
    part ('Moving on to licensing. Licensing revenue rose 9%', the metric's words holding them or not); not
    a topic of the whole company's (lexicon no-part-topic-words) nor a metric by itself ('Turning to revenue.
    Revenue grew 5%')."""
    texts = token_texts(ctx.doc)
    words = [w.lower() for w in texts[j:j + size]]
    nxt = j + size + 1
    if texts[j + size:j + size + 1] != ["."] or not all(w.isalpha() and w == t for w, t in zip(words, texts[j:j + size])) \
            or [w.lower() for w in texts[nxt:nxt + size]] != words or any(w in _not_lower_case_part_words() for w in words) \
            or between(ctx.doc, lexicon.METRICS, j, j + size):
        return False
    return any(hit.start in (nxt, nxt + size) and hit.end > nxt + size
               for hit in between(ctx.doc, lexicon.METRICS, nxt, nxt + size + 1))


def _lower_case_part(ctx: Context, j: int, size: int, determiners: bool, deck: bool) -> bool:
    """Rule: words in lower case after 'In' or a topic cue, with no determiner, before a comma and a metric ('In
    home lending, revenue was up 12%', 'Turning to card services and auto, revenue ...') name a part of the
    company; not an adverbial phrase or a topic of the whole company ('In addition, revenue ...', 'Looking at
    capital deployment, ...': lexicon no-part-topic-words), a period's or a modifier's words, nor a phrase that
    ends with a metric ('In operating expenses, ...'). Before a slide or page of the deck (`deck`), no metric need
    follow."""
    texts = token_texts(ctx.doc)
    words = [w.lower() for w in texts[j:j + size]]
    if determiners or not all(w.isalpha() and w == t for w, t in zip(words, texts[j:j + size])):
        return False
    metrics = between(ctx.doc, lexicon.METRICS, j, j + size)
    if words[-1] in metric_phrases.stop_words() or words[0] in metric_phrases.stop_words() \
            or any(w in _not_lower_case_part_words() for w in words) or any(hit.end == j + size for hit in metrics):
        return False
    if deck:  # no metric's words in it either ('Turning to revenues starting on slide 5')
        return not metrics
    after = j + size + 1
    while after < len(texts) and texts[after].lower() in lexicon.words(lexicon.DETERMINERS):
        after += 1
    return any(hit.start == after for hit in between(ctx.doc, lexicon.METRICS, after, after + 1))


@lru_cache(maxsize=1)
def _not_lower_case_part_words() -> frozenset[str]:
    """Words that name no part in lower case: topic words of no part, periods' and modifiers' words."""
    return lexicon.words(lexicon.NO_PART_TOPIC_WORDS) | lexicon.words(lexicon.METRIC_MODIFIERS) \
        | frozenset(lexicon.numbers(lexicon.CALENDAR_WORDS)) | lexicon.words(lexicon.PERIOD_NOUNS)


def _is_part_name(words: list[str]) -> bool:
    """Words of a part's name after 'In' or a topic cue: name words, perhaps joined by 'and' or '&' ('Personal
    Computing and Devices')."""
    joiners = ("and", "&")
    return words[0] not in joiners and words[-1] not in joiners \
        and all(_is_part_word(w) or w in joiners and words[k - 1] not in joiners for k, w in enumerate(words))


def _is_part_word(word: str) -> bool:
    """A word of a part's name after 'In': a name word, no metric's, calendar's or modifier's word."""
    low = word.lower()
    return _is_name_word(word) and not _is_metric_word(word) and low not in lexicon.words(lexicon.METRIC_MODIFIERS) \
        and low not in lexicon.numbers(lexicon.CALENDAR_WORDS) and low not in lexicon.words(lexicon.PERIOD_NOUNS)


def _last_segment(iri: str | None) -> str:
    return iri.rsplit("/", 1)[-1] if iri else ""


def _capitalised_run(ctx: Context, end: int, sentence_start: int) -> int | None:
    """Where the capitalised words right before token `end` start ('Wearables, Home and Accessories', 'Family of
    Apps'), joined by commas, 'and' and 'of'; None when there are none, or they are a known name, a period, a
    month ('the January price increase') or a metric's qualifier.
    Names found only as items of a list ('Wearables', 'Home', 'Accessories') are no known name here: the metric
    after them makes the list one part of the company."""
    texts = token_texts(ctx.doc)
    modifiers = _not_part_words()
    start = end
    while start > sentence_start:
        word = texts[start - 1]
        known = ctx.mention_at(ctx.doc[start - 1].idx)
        if start < end and word.lower() in lexicon.words(lexicon.PLACES) \
                and ctx.doc[start - 1:end].text.lower() not in lexicon.words(lexicon.PLACES):
            break  # 'U.S. Wearables, Home and Accessories revenue': a place before a part is no word of its name
        low = word.lower()
        if _is_name_word(word) and not _is_metric_word(word) and (known is None or known.rule == "list") \
                and (low not in modifiers and low not in metric_phrases.stop_words()
                     or start < end and low not in lexicon.function_words() and word[1:].islower()
                     and _written_as_name(ctx, start - 1)):
            start -= 1
        elif word in (",", "and", "&", "of") and start < end and start - 1 > sentence_start \
                and _is_name_word(texts[start - 2]):
            start -= 1
        else:
            break
    while start < end and texts[start] in (",", "and", "&", "of"):
        start += 1
    return start if start < end else None


def _written_as_name(ctx: Context, j: int) -> bool:
    """Rule: a modifier's or a stop word written capitalised before a name's ('Other Bets revenues', 'our Total
    Care sales') is a word of that name, inside a sentence or, opening one, where the text writes it capitalised
    inside a sentence too."""
    return not metric_phrases.opens_sentence(ctx.doc, j) or ctx.doc[j].text in words_inside_sentences(ctx.doc)


@lru_cache(maxsize=1)
def _not_part_words() -> frozenset[str]:
    """Words before a metric that name no part of the company: its qualifiers ('total') and months."""
    return lexicon.words(lexicon.METRIC_MODIFIERS) | frozenset(lexicon.numbers(lexicon.CALENDAR_WORDS))


def _is_metric_word(word: str) -> bool:
    """A word that is a metric's name by itself ('EBITDA', 'SG&A', 'CapEx'): no part of a company's name."""
    return word.lower() in lexicon.words(lexicon.METRICS)


def _hyphenated(doc: Doc, i: int) -> bool:
    """Whether token `i` is joined to the next by a hyphen ('Pre' of 'Pre-tax')."""
    return i + 1 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text == "-"


def _is_name_word(word: str) -> bool:
    """A capitalised word, or capitals with full stops ('U.S.'); not a period's ('Q1', 'FY25')."""
    return word[:1].isupper() and (word.replace("&", "").isalpha() or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", word)) \
        and not re.fullmatch(r"Q[1-4]|H[12]|FY\d*", word)
